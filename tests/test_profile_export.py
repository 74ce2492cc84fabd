"""Issue 15 part 1: the profile fills itself from the user's own LinkedIn export.

Two ways in: the export tables (migration 0008) filled as the importer writes them, and, once
the importer for the rest of the export exists, ``outreach import linkedin`` of a hand-written
export with Profile.csv, Job Seeker Preferences, Positions and Education.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import zipfile

import pytest

from outreach.store import open_workspace, transaction

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman-1a2b3c,,Initech,Data Engineer,03 Feb 2020\n"
    "Tom,Okafor,https://www.linkedin.com/in/tomokafor,,Globex Corporation,Analyst,12 Aug 2017\n"
)
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Sam,Seeker,,,,"Data Engineer | Python, SQL","Pipelines,\nmostly.",Software Development,78704,'
    '"Austin, Texas, United States",,,\n'
)
PREFERENCES = (
    "Locations,Industries,Company Employee Count,Preferred Job Types,Job Titles,Open To Recruiters,"
    "Dream Companies,Profile Shared With Job Poster,Job Title For Searching Fast Growing Companies,"
    "Introduction Statement,Phone Number,Job Seeker Activity Level,Preferred Start Time Range,"
    "Commute Preference Starting Address,Commute Preference Starting Time,Mode Of Transportation,"
    "Maximum Commute Duration,Open Candidate Visibility,Job Seeking Urgency Level\n"
    '"Austin, Texas, United States|Seattle, Washington, United States|Remote",Software Development,'
    ",Full-time,Data Engineer|Analytics Engineer,Yes,Spotify|Figma,,,,,,,,,,,,\n"
)
POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\n"
    'Initech,Senior Data Engineer,"Pipelines, dashboards","Austin, Texas",Jan 2022,\n'
    'Initech,Data Engineer,,"Austin, Texas",Jun 2019,Dec 2021\n'
    "Globex Corporation,Analyst,,,Aug 2016,May 2019\n"
)
EDUCATION = (
    "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
    "The University of Texas at Austin,2012,2016,,Bachelor of Science - BS,\n"
)


def zipped(tmp_path, files: dict[str, str], name: str = "Basic_LinkedInDataExport_11-20-2026.zip"):
    path = tmp_path / name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, text in files.items():
            archive.writestr(member, text)
    path.write_bytes(buffer.getvalue())
    return path


def fill_tables(workspace, *, headline: str = "Data Engineer | Python, SQL") -> None:
    """The export tables as the importer writes them for the files above (dates as ISO text,
    lists as JSON arrays)."""
    conn = open_workspace(workspace)
    with transaction(conn):
        for table in ("export_profile", "job_preferences", "positions", "education"):
            conn.execute(f"DELETE FROM {table} WHERE owner_id = 1")
        conn.execute(
            "INSERT INTO export_profile (owner_id, first_name, last_name, headline, industry, location,"
            " zip_code, seen_on) VALUES (1, 'Sam', 'Seeker', ?, 'Software Development',"
            " 'Austin, Texas, United States', '78704', '2026-11-20')", (headline,))
        conn.execute(
            "INSERT INTO job_preferences (owner_id, locations, industries, job_titles, job_types,"
            " dream_companies, open_to_recruiters, seen_on) VALUES (1, ?, ?, ?, ?, ?, 1, '2026-11-20')",
            (json.dumps(["Austin, Texas, United States", "Seattle, Washington, United States", "Remote"]),
             json.dumps(["Software Development"]), json.dumps(["Data Engineer", "Analytics Engineer"]),
             json.dumps(["Full-time"]), json.dumps(["Spotify", "Figma"])))
        conn.executemany(
            "INSERT INTO positions (owner_id, company, title, location, started_on, finished_on)"
            " VALUES (1, ?, ?, ?, ?, ?)",
            [("Initech", "Senior Data Engineer", "Austin, Texas", "2022-01", ""),
             ("Initech", "Data Engineer", "Austin, Texas", "2019-06", "2021-12"),
             ("Globex Corporation", "Analyst", "", "2016-08", "2019-05")])
        conn.execute(
            "INSERT INTO education (owner_id, school, degree, started_on, finished_on)"
            " VALUES (1, 'The University of Texas at Austin', 'Bachelor of Science - BS', '2012', '2016')")
    conn.close()


def line(output: str, label: str) -> str:
    found = re.search(rf"^{re.escape(label)}\s+(.*)$", output, re.MULTILINE)
    assert found, (label, output)
    return found.group(1)


def test_the_profile_fills_itself_and_says_from_where(run, workspace, tmp_path):
    assert run("import", "linkedin", zipped(tmp_path, {"Connections.csv": CONNECTIONS})).exit_code == 0
    fill_tables(workspace)
    result = run("profile")
    assert result.exit_code == 0, result.output
    out = result.output
    assert line(out, "Name") == "Sam Seeker (your LinkedIn profile)"
    assert line(out, "Home city") == "Austin, Texas, United States (your LinkedIn profile)"
    assert line(out, "Roles wanted") == "Data Engineer, Analytics Engineer (your LinkedIn job preferences)"
    assert line(out, "Headline") == "Data Engineer | Python, SQL (your LinkedIn profile)"
    assert line(out, "Industry") == "Software Development (your LinkedIn profile)"
    # Two positions at Initech are one employer, from the first start to now.
    assert line(out, "Employers") == ("Initech 2019–now, Globex Corporation 2016–2019 "
                                      "(your LinkedIn positions)")
    assert line(out, "Schools") == "The University of Texas at Austin 2012–2016 (your LinkedIn education)"
    # Seattle is far from Austin: a move, not a commute.
    assert line(out, "Willing to relocate").startswith("yes (your LinkedIn job preferences: they list "
                                                       "Seattle, Washington, United States")
    assert line(out, "New messages/week") == "10 (default)"

    data = json.loads(run("profile", "--json").output)
    assert data["name"] == "Sam Seeker" and data["roles"] == ["Data Engineer", "Analytics Engineer"]
    assert data["employers"][0] == {"company": "Initech", "title": "Senior Data Engineer",
                                    "started_on": "2019-06", "finished_on": ""}
    assert data["sources"]["home_city"] == "your LinkedIn profile"
    assert data["sources"]["employers"] == "your LinkedIn positions"


def test_what_the_user_set_wins(run, workspace, tmp_path):
    assert run("profile", "--home-city", "Round Rock, TX", "--roles", "analytics lead",
               "--no-relocate").exit_code == 0
    fill_tables(workspace)
    out = run("profile").output
    assert line(out, "Home city") == "Round Rock, TX (you set it)"
    assert line(out, "Roles wanted") == "analytics lead (you set it)"
    assert line(out, "Willing to relocate") == "no (you set it)"
    assert line(out, "Name") == "Sam Seeker (your LinkedIn profile)"  # not set: the export's
    # Setting one more thing keeps what was set and stores none of the export's values.
    assert run("profile", "--name", "Sam Q. Seeker").exit_code == 0
    out = run("profile").output
    assert line(out, "Name") == "Sam Q. Seeker (you set it)"
    assert line(out, "Home city") == "Round Rock, TX (you set it)"
    conn = open_workspace(workspace)
    stored = json.loads(conn.execute("SELECT value FROM settings WHERE key = 'profile'").fetchone()[0])
    conn.close()
    assert "headline" not in stored and "employers" not in stored
    assert stored["home_city"] == "Round Rock, TX" and stored["willing_to_relocate"] is False
    # An empty value gives the field back to the export.
    assert run("profile", "--home-city", "").exit_code == 0
    assert line(run("profile").output, "Home city") == "Austin, Texas, United States (your LinkedIn profile)"


def test_a_profile_saved_before_the_export_filled_anything(run, workspace):
    """Every field was written then: a default value there is not the user's choice."""
    from outreach.store import set_setting

    conn = open_workspace(workspace)
    with transaction(conn):
        set_setting(conn, "profile", json.dumps({
            "name": "", "home_city": "Leeds", "willing_to_relocate": False, "roles": [],
            "salary_min": None, "salary_max": None, "hours_per_month": 12.0, "messages_per_week": 10,
            "follow_up_days": 7, "pitch": ""}))
    conn.close()
    fill_tables(workspace)
    out = run("profile").output
    assert line(out, "Home city") == "Leeds (you set it)"
    assert line(out, "Networking hours/month") == "12 (you set it)"
    assert line(out, "Roles wanted") == "Data Engineer, Analytics Engineer (your LinkedIn job preferences)"


def test_without_those_files_the_profile_is_as_before(run, workspace, tmp_path):
    assert run("profile", "--home-city", "Austin, TX", "--hours", "10").exit_code == 0
    before = run("profile").output
    assert run("import", "linkedin", zipped(tmp_path, {"Connections.csv": CONNECTIONS})).exit_code == 0
    after = run("profile")
    assert after.exit_code == 0 and after.output == before
    assert "Headline" not in after.output and "Employers" not in after.output
    assert line(after.output, "Name") == "not set"
    data = json.loads(run("profile", "--json").output)
    assert data["employers"] == [] and data["headline"] == ""


def test_every_caller_gets_the_filled_profile(run, workspace):
    from outreach.linkedin.owners import user_identity
    from outreach.profile import load_profile, stored_profile

    fill_tables(workspace)
    conn = open_workspace(workspace)
    profile = load_profile(conn)
    assert profile.name == "Sam Seeker" and profile.roles == ("Data Engineer", "Analytics Engineer")
    assert [e.company for e in profile.employers] == ["Initech", "Globex Corporation"]
    assert profile.employers[0].current and profile.employers[1].years == "2016–2019"
    assert stored_profile(conn) == (type(profile)(), frozenset())  # nothing stored by reading
    assert user_identity(conn).also_named == "Sam Seeker"
    conn.close()


@pytest.mark.parametrize("places,answer", [
    (["Austin, Texas, United States", "Remote"], "no (your LinkedIn job preferences: they list only "
                                                  "your home city and remote work)"),
    (["Round Rock, Texas, United States"], "no (your LinkedIn job preferences: they list only places "
                                           "near home)"),
    (["Atlantis Under The Sea"], "no (default; not from your LinkedIn job preferences: Atlantis Under "
                                 "The Sea is not on the offline map)"),
])
def test_relocation_from_the_preferred_places(run, workspace, places, answer):
    fill_tables(workspace)
    conn = open_workspace(workspace)
    with transaction(conn):
        conn.execute("UPDATE job_preferences SET locations = ?", (json.dumps(places),))
    conn.close()
    assert line(run("profile").output, "Willing to relocate") == answer


def test_a_metro_area_is_a_home_city_the_plan_and_the_groups_understand(workspace):
    from outreach.geo import locate
    from outreach.profile import home_from_geo_location

    assert home_from_geo_location("Greater Seattle Area") == "Seattle"
    assert home_from_geo_location("New York City Metropolitan Area") == "New York City"
    assert home_from_geo_location("San Francisco Bay Area") == "San Francisco"
    assert home_from_geo_location("Austin, Texas, United States") == "Austin, Texas, United States"
    place = locate(home_from_geo_location("Austin, Texas, United States"))
    assert place is not None and place.label == "Austin, TX"


importer = pytest.mark.skipif(
    importlib.util.find_spec("outreach.linkedin.extras") is None,
    reason="the importer for the rest of the export (outreach/linkedin/extras.py) has not landed yet",
)
FULL = {"Connections.csv": CONNECTIONS, "Profile.csv": PROFILE, "Positions.csv": POSITIONS,
        "Education.csv": EDUCATION, "Jobs/Job Seeker Preferences.csv": PREFERENCES}


@importer
def test_an_import_of_the_export_fills_the_profile(run, tmp_path):
    result = run("import", "linkedin", zipped(tmp_path, FULL))
    assert result.exit_code == 0, result.output
    out = run("profile").output
    assert line(out, "Name") == "Sam Seeker (your LinkedIn profile)"
    assert line(out, "Home city") == "Austin, Texas, United States (your LinkedIn profile)"
    assert line(out, "Roles wanted") == "Data Engineer, Analytics Engineer (your LinkedIn job preferences)"
    assert line(out, "Employers") == ("Initech 2019–now, Globex Corporation 2016–2019 "
                                      "(your LinkedIn positions)")
    assert line(out, "Schools").startswith("The University of Texas at Austin 2012–2016")


@importer
def test_a_reimport_updates_the_filled_value_never_the_users(run, tmp_path):
    assert run("import", "linkedin", zipped(tmp_path, FULL)).exit_code == 0
    assert run("profile", "--roles", "analytics lead").exit_code == 0
    later = {**FULL, "Profile.csv": PROFILE.replace("Data Engineer | Python, SQL", "Staff Data Engineer"),
             "Jobs/Job Seeker Preferences.csv": PREFERENCES.replace("Data Engineer|Analytics Engineer",
                                                                    "Platform Engineer")}
    (tmp_path / "later").mkdir()
    newer = zipped(tmp_path / "later", later, "Basic_LinkedInDataExport_12-20-2026.zip")
    result = run("import", "linkedin", newer)
    assert result.exit_code == 0, result.output
    out = run("profile").output
    assert line(out, "Headline") == "Staff Data Engineer (your LinkedIn profile)"
    assert line(out, "Roles wanted") == "analytics lead (you set it)"


def test_a_changed_headline_in_the_tables_updates_the_profile(run, workspace):
    """What a re-import does to the tables (the owner's rows replaced): the filled value follows,
    a value the user set does not."""
    fill_tables(workspace)
    assert run("profile", "--roles", "analytics lead").exit_code == 0
    fill_tables(workspace, headline="Staff Data Engineer")
    out = run("profile").output
    assert line(out, "Headline") == "Staff Data Engineer (your LinkedIn profile)"
    assert line(out, "Roles wanted") == "analytics lead (you set it)"


def test_without_profile_csv_the_name_comes_from_the_messages(run, tmp_path):
    from pathlib import Path

    messages = (Path(__file__).parent / "fixtures" / "linkedin" / "messages_2024.csv").read_text("utf-8")
    path = zipped(tmp_path, {"Connections.csv": CONNECTIONS, "messages.csv": messages})
    assert run("import", "linkedin", path).exit_code == 0
    shown = line(run("profile").output, "Name")
    assert shown == "Alex Moreno (the name your LinkedIn messages are sent under)"
    assert run("profile", "--name", "Alex M.").exit_code == 0  # the user's own still wins
    assert line(run("profile").output, "Name") == "Alex M. (you set it)"
