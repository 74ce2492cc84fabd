"""The rest of a LinkedIn export (issue 15, part 1): Profile.csv, Positions.csv, Education.csv,
recommendations, endorsements, Company Follows.csv, Saved Jobs, Job Seeker Preferences and
Events.csv, read the way LinkedIn writes them and kept in the workspace (the user's own only).

The fixtures copy the real shapes (headers, date formats, quoting) of a 2025 Complete export as
a public analysis of one shows them; the people and companies are made up."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zipped import make_zip

from outreach.errors import InputError
from outreach.identity import normalise_profile_url
from outreach.imports.linkedin.export import optional_files, read_export
from outreach.imports.linkedin.extrakinds import KINDS
from outreach.imports.linkedin.extras import kind_of, read_extra, read_extras
from outreach.imports.linkedin.files import find_export_files

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Jörg,Müller,https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-4a1b2c,,Globex,Engineer,16 Sep 2021\n"
    "Dana,Ito,https://www.linkedin.com/in/dana-ito,,Initech,Data Engineer,2 Feb 2022\n"
)
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\r\n"
    'Ana,Lima,,,Dec 4,Data Engineer | Pipelines & Analytics,"I build data pipelines.\r\n\r\n'
    'Before that, I taught maths, and, yes, I miss it.",Software Development,02134,'
    '"Boston, Massachusetts, United States",[analima],[PERSONAL:https://example.com/],\r\n'
)
POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\r\n"
    'Globex,Senior Data Engineer,"Lead the data platform team.\r\n* Moved batch jobs to streaming\r\n'
    '* Cut costs by a third",\"Boston, Massachusetts, United States\",Jun 2022,\r\n'
    "Initech,Data Engineer,,,Sep 2018,May 2022\r\n"
    "Initech,Analyst,,,2017,Sep 2018\r\n"
    ",Volunteer,,,2016,\r\n"
)
EDUCATION = (
    "School Name,Start Date,End Date,Notes,Degree Name,Activities\r\n"
    'Example State University,2013,2017,"Thesis on graphs,\r\nwith honours",B.Sc. Mathematics,Chess club\r\n'
    "Online Data Academy,,,,,\r\n"
)
RECOMMENDATIONS_RECEIVED = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n"
    'Dana,Ito,Initech,Data Engineer,"Ana is a pleasure to work with.\r\nShe ships.",'
    '"04/18/23, 07:36 PM",VISIBLE\r\n'
)
RECOMMENDATIONS_GIVEN = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n"
    'Omar,Vance,Globex,Engineering Manager,"Omar hired well.","03/14/21, 01:52 AM",\r\n'
)
ENDORSEMENTS_RECEIVED = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
    "Endorsement Status\r\n"
    "2024/10/24 14:11:21 UTC,SQL,Jörg,Müller,www.linkedin.com/in/jörg-müller-4a1b2c,ACCEPTED\r\n"
    "2024/10/24 14:11:12 UTC,Python,Jörg,Müller,www.linkedin.com/in/jörg-müller-4a1b2c,ACCEPTED\r\n"
    "2021/12/03 17:42:06 UTC,SQL,Dana,Ito,www.linkedin.com/in/dana-ito,ACCEPTED\r\n"
)
ENDORSEMENTS_GIVEN = (
    "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,"
    "Endorsement Status\r\n"
    "2022/03/22 18:04:59 UTC,Data Modeling,Dana,Ito,www.linkedin.com/in/dana-ito,ACCEPTED\r\n"
)
FOLLOWS = (
    "Organization,Followed On\r\n"
    "Globex,Wed Oct 01 16:02:32 UTC 2025\r\n"
    "Hooli ,Sun Sep 28 21:29:56 UTC 2025\r\n"
    "Initech,Fri Sep 26 21:35:28 UTC 2019\r\n"
)
SAVED_JOBS = (
    "Saved Date,Job Url,Job Title,Company Name\r\n"
    '"11/2/25, 9:15 AM",https://www.linkedin.com/jobs/view/4000000001,Staff Data Engineer,Hooli\r\n'
    '"10/28/25, 6:02 PM",https://www.linkedin.com/jobs/view/4000000002,Data Engineer,Umbrella\r\n'
)
PREFERENCES = (
    "Locations,Industries,Company Employee Count,Preferred Job Types,Job Titles,Open To Recruiters,"
    "Dream Companies,ExportProfile Shared With Job Poster,Job Title For Searching Fast Growing Companies,"
    "Introduction Statement,Phone Number,Job Seeker Activity Level,Preferred Start Time Range,"
    "Commute Preference Starting Address,Commute Preference Starting Time,Mode Of Transportation,"
    "Maximum Commute Duration,Open Candidate Visibility,Job Seeking Urgency Level\r\n"
    '"Boston, Massachusetts, United States|Remote",Software Development|Data Infrastructure,51-10000,'
    "Full-time,Senior Data Engineer|Staff Data Engineer,Yes,Hooli|Globex,Yes,,,,,,,,,,,\r\n"
)
EVENTS = (
    "Event Name,Event Time,Status,External Url\r\n"
    '"Boston Data Engineering Meetup: ""Streaming, for real""","Jul 08, 2025 06:00 PM - Jul 08, 2025 '
    '08:00 PM",APPROVED,https://www.meetup.com/boston-data-eng/events/300000001/\r\n'
    "Careers in Analytics (webinar),\"Dec 08, 2024 02:00 PM - Dec 08, 2024 03:00 PM\",APPROVED,\r\n"
)

#: Every file of a Complete export this part reads, where LinkedIn puts it.
EXPORT = {
    "Connections.csv": CONNECTIONS,
    "Profile.csv": PROFILE,
    "Positions.csv": POSITIONS,
    "Education.csv": EDUCATION,
    "Recommendations_Received.csv": RECOMMENDATIONS_RECEIVED,
    "Recommendations_Given.csv": RECOMMENDATIONS_GIVEN,
    "Endorsement_Received_Info.csv": ENDORSEMENTS_RECEIVED,
    "Endorsement_Given_Info.csv": ENDORSEMENTS_GIVEN,
    "Company Follows.csv": FOLLOWS,
    "Events.csv": EVENTS,
    "Jobs/Saved Jobs.csv": SAVED_JOBS,
    "Jobs/Job Seeker Preferences.csv": PREFERENCES,
    "Jobs/Job Applications.csv": (
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
        'Resume Name,Question And Answers\r\n"11/3/25, 4:12 PM",,,Globex,Staff Data Engineer,,cv.pdf,\r\n'),
}



def read(kind: str, text: str | bytes, name: str | None = None):
    data = text.encode() if isinstance(text, str) else text
    return read_extra(kind, [(name or KINDS[kind].file_name, data)])


def rows(workspace: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(workspace / "outreach.db")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# -- the readers ---------------------------------------------------------------------------------

def test_profile_keeps_name_headline_location_industry_and_the_zip_as_text():
    profile = read("profile", PROFILE).records
    assert profile == [("Ana", "Lima", "Data Engineer | Pipelines & Analytics", "Software Development",
                        "Boston, Massachusetts, United States", "02134")]


def test_positions_months_years_current_and_a_multi_line_description():
    file = read("positions", POSITIONS)
    assert file.records == [
        ("Globex", "Senior Data Engineer", "Boston, Massachusetts, United States", "2022-06", ""),
        ("Initech", "Data Engineer", "", "2018-09", "2022-05"),
        ("Initech", "Analyst", "", "2017", "2018-09"),
    ]
    assert dict(file.skipped) == {"no company": 1} and file.rows_read == 4


def test_positions_as_excel_resaves_them_keep_their_months_and_an_unreadable_end_is_not_now():
    # Excel shows 'Jun 2018' as 'Jun-18' and saves what it shows (cp1252, semicolons in Europe)
    data = ("Company Name;Title;Description;Location;Started On;Finished On\r\n"
            "Nimbus Freight;Data Engineer;;Denver;Mar-22;\r\n"
            "Pinecrest Health;Analyst;;Denver;Jun-18;Feb-22\r\n"
            "Summit Ridge Bank;Intern;Caf\xe9 duty;;2016;some time in 2018\r\n").encode("cp1252")
    file = read("positions", data)
    assert [(r[0], r[3], r[4]) for r in file.records] == [
        ("Nimbus Freight", "2022-03", ""), ("Pinecrest Health", "2018-06", "2022-02"),
        ("Summit Ridge Bank", "2016", "?")]  # ended, on a date that cannot be read: never "now"
    assert any("some time in 2018" in note for note in file.notes)


def test_education_years_and_an_empty_row_of_dates():
    assert read("education", EDUCATION).records == [
        ("Example State University", "B.Sc. Mathematics", "2013", "2017"),
        ("Online Data Academy", "", "", ""),
    ]


def test_recommendations_both_ways_with_linkedins_dates():
    assert read("recommendations_received", RECOMMENDATIONS_RECEIVED).records == [
        ("Dana", "Ito", "Initech", "Data Engineer", "2023-04-18", "VISIBLE")]
    assert read("recommendations_given", RECOMMENDATIONS_GIVEN).records == [
        ("Omar", "Vance", "Globex", "Engineering Manager", "2021-03-14", "")]


def test_endorsement_urls_without_scheme_and_with_raw_letters_equal_the_contacts_keys():
    file = read("endorsements_received", ENDORSEMENTS_RECEIVED)
    keys = {e.person_key for e in file.records}
    from_connections = {normalise_profile_url("https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-4a1b2c"),
                        normalise_profile_url("https://www.linkedin.com/in/dana-ito")}
    assert keys == from_connections
    assert file.records[0].endorsed_on == "2024-10-24" and file.records[0].status == "ACCEPTED"
    given = read("endorsements_given", ENDORSEMENTS_GIVEN).records
    assert given == [("Dana", "Ito", "www.linkedin.com/in/dana-ito", "Data Modeling", "2022-03-22", "ACCEPTED")]


def test_follows_saved_jobs_and_events_dates():
    assert read("company_follows", FOLLOWS).records == [
        ("Globex", "2025-10-01"), ("Hooli", "2025-09-28"), ("Initech", "2019-09-26")]
    assert [(j.company, j.saved_on) for j in read("saved_jobs", SAVED_JOBS).records] == [
        ("Hooli", "2025-11-02"), ("Umbrella", "2025-10-28")]
    events = read("events", EVENTS).records
    assert events[0].name == 'Boston Data Engineering Meetup: "Streaming, for real"'
    assert [(e.starts_at, e.status, e.url[:24]) for e in events] == [
        ("2025-07-08T18:00", "APPROVED", "https://www.meetup.com/b"), ("2024-12-08T14:00", "APPROVED", "")]


def test_job_seeker_preferences_lists_split_on_bars_not_on_commas():
    (wanted,) = read("job_preferences", PREFERENCES).records
    assert wanted.locations == ("Boston, Massachusetts, United States", "Remote")
    assert wanted.job_titles == ("Senior Data Engineer", "Staff Data Engineer")
    assert wanted.dream_companies == ("Hooli", "Globex") and wanted.open_to_recruiters is True
    semicolons = PREFERENCES.replace("Hooli|Globex", "Hooli; Globex").replace(",Yes,Hooli", ",No,Hooli")
    (wanted,) = read("job_preferences", semicolons).records
    assert wanted.dream_companies == ("Hooli", "Globex") and wanted.open_to_recruiters is False


def test_excel_resaves_bom_semicolons_utf16_and_columns_in_any_case_and_order():
    text = "finished on;COMPANY NAME;started_on;Title\r\n;Globex;Jun 2022;Engineer\r\n"
    for data in (text.encode("utf-8-sig"), text.encode("utf-16"), text.encode("cp1252")):
        file = read("positions", data)
        assert file.records == [("Globex", "Engineer", "", "2022-06", "")]
    assert any("semicolon" in n for n in file.notes)


def test_a_missing_column_is_left_empty_a_missing_needed_one_is_a_warning():
    no_location = POSITIONS.replace(",Location", "").replace(',"Boston, Massachusetts, United States"', "")
    assert read("positions", no_location).records[0] == ("Globex", "Senior Data Engineer", "", "2022-06", "")
    with pytest.raises(InputError, match="Positions.csv is not LinkedIn's Positions.csv .*Company Name"):
        read("positions", POSITIONS.replace("Company Name", "Employer Ref"))


def test_empty_file_says_nothing_and_a_header_only_file_says_none():
    empty = read("company_follows", b"")
    assert empty.empty and empty.records == []
    assert read("company_follows", "\ufeff".encode()).empty
    header_only = read("company_follows", "Organization,Followed On\r\n")
    assert not header_only.empty and header_only.records == []


def test_unreadable_dates_keep_the_row_and_are_noted():
    file = read("positions", "Company Name,Title,Started On,Finished On\nGlobex,PM,someday,\n")
    assert file.records == [("Globex", "PM", "", "", "")]
    assert any("'someday'" in n for n in file.notes)


def test_a_malformed_file_is_a_note_naming_it_and_the_others_are_read():
    read_all = read_extras({
        "positions": [("Positions.csv in x.zip", b"Company Name,Title\nGlobex,\"PM\nInitech,Dev\nHooli,QA\nAcme,Ops\n")],
        "education": [("Education.csv in x.zip", b"PK\x03\x04 not a csv at all")],
        "company_follows": [("Company Follows.csv in x.zip", FOLLOWS.encode())],
    })
    assert list(read_all.files) == ["company_follows"]
    assert len(read_all.notes) == 2
    assert read_all.notes[0].startswith("Positions.csv in x.zip, line 2: a quote mark opens")
    assert "Education.csv in x.zip" in read_all.notes[1] and "schools not imported" in read_all.notes[1]


def test_file_names_in_any_case_and_folder_and_split_parts():
    assert kind_of("Jobs/Saved Jobs_2.csv") == "saved_jobs"
    assert kind_of("COMPANY FOLLOWS.CSV") == "company_follows"
    assert kind_of("x/y/endorsement_received_info.csv") == "endorsements_received"
    assert kind_of("ExportProfile Summary.csv") is None and kind_of("Job Applications.csv") is None


# Hypothesis: any text in any cell gives rows or the documented InputError, nothing else.
_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@pytest.mark.parametrize("kind", list(KINDS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.lists(_CELL, min_size=0, max_size=8), max_size=5))
def test_any_cells_give_rows_or_the_documented_warning(kind, cells):
    import csv
    import io

    header = sorted(KINDS[kind].marks)
    out = io.StringIO()
    csv.writer(out).writerows([header, *cells])
    try:
        file = read(kind, out.getvalue().encode())
    except InputError as exc:
        assert KINDS[kind].file_name in str(exc)
        return
    assert file.rows_read >= len(file.records)
    assert read_extras({kind: [(KINDS[kind].file_name, out.getvalue().encode())]}) is not None


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_never_break_the_import_of_the_rest(data):
    read_all = read_extras({kind: [(KINDS[kind].file_name, data)] for kind in KINDS})
    assert len(read_all.files) + len(read_all.notes) == len(KINDS)


# -- finding them in the export ------------------------------------------------------------------

def test_found_at_any_depth_once_each_and_in_parts(tmp_path):
    path = make_zip(tmp_path / "Complete_LinkedInDataExport_11-20-2025.zip", {
        "Connections.csv": CONNECTIONS, "Positions.csv": POSITIONS,
        "old/Positions.csv": "Company Name,Title\nWrong,Wrong\n",
        "Jobs/Saved Jobs_1.csv": SAVED_JOBS, "Jobs/Saved Jobs_2.csv": SAVED_JOBS.replace("Hooli", "Acme"),
        "__MACOSX/._Events.csv": b"\x00\x05\x16\x07",
    })
    files = find_export_files(path)
    found = optional_files(files, kind_of)
    assert sorted(found) == ["positions", "saved_jobs"]
    assert [f.label.split(" in ")[0] for f in found["saved_jobs"]] == ["Saved Jobs_1.csv", "Saved Jobs_2.csv"]
    export = read_export(files)
    assert export.extras is not None
    assert [p.company for p in export.extras.files["positions"].records] == ["Globex", "Initech", "Initech"]
    assert {j.company for j in export.extras.files["saved_jobs"].records} == {"Hooli", "Umbrella", "Acme"}


def test_a_zip_bomb_named_like_an_optional_file_is_refused_with_a_note(tmp_path):
    path = make_zip(tmp_path / "Basic_LinkedInDataExport_11-20-2025.zip", {
        "Connections.csv": CONNECTIONS, "Positions.csv": b"Company Name,Title\n" + b" " * (40 << 20)})
    files = find_export_files(path)
    export = read_export(files)
    assert export.extras is None
    assert any("Positions.csv" in n and "would unpack to" in n for n in files.notes)
    assert export.connections is not None and len(export.connections.people) == 2


# -- the import ----------------------------------------------------------------------------------

def test_import_of_a_whole_export_fills_every_table(run, workspace, tmp_path):
    path = make_zip(tmp_path / "Complete_LinkedInDataExport_11-20-2025.zip", EXPORT)
    result = run("import", "linkedin", path)
    assert result.exit_code == 0, result.output
    for line in ("Positions.csv: 3 positions (skipped 1 row: no company)", "Education.csv: 2 schools",
                 "Company Follows.csv: 3 companies followed", "Saved Jobs.csv: 2 saved jobs",
                 "Events.csv: 2 events", "Recommendations_Received.csv: 1 recommendation received",
                 "Endorsement_Received_Info.csv: 3 endorsements received",
                 "Profile.csv: name, headline, location, industry",
                 "Job Seeker Preferences.csv: 2 job titles, 2 locations, 2 dream companies"):
        assert line in result.output
    assert "Traceback" not in result.output
    assert rows(workspace, "SELECT owner_id, first_name, last_name, headline, location, zip_code, seen_on"
                           " FROM export_profile") == [
        (1, "Ana", "Lima", "Data Engineer | Pipelines & Analytics", "Boston, Massachusetts, United States",
         "02134", "2025-11-20")]
    (prefs,) = rows(workspace, "SELECT locations, dream_companies, open_to_recruiters FROM job_preferences")
    assert json.loads(prefs[0]) == ["Boston, Massachusetts, United States", "Remote"]
    assert json.loads(prefs[1]) == ["Hooli", "Globex"] and prefs[2] == 1
    assert rows(workspace, "SELECT company, started_on, finished_on FROM positions ORDER BY started_on") == [
        ("Initech", "2017", "2018-09"), ("Initech", "2018-09", "2022-05"), ("Globex", "2022-06", "")]
    # endorsers are found among the contacts by their key
    joined = rows(workspace, "SELECT DISTINCT c.first_name FROM endorsements e JOIN contacts c"
                             " ON c.person_key = e.person_key AND c.owner_id = e.owner_id ORDER BY 1")
    assert joined == [("Dana",), ("Jörg",)]
    assert rows(workspace, "SELECT direction, COUNT(*) FROM recommendations GROUP BY 1 ORDER BY 1") == [
        ("given", 1), ("received", 1)]
    assert rows(workspace, "SELECT name, starts_at FROM events ORDER BY starts_at")[0] == (
        "Careers in Analytics (webinar)", "2024-12-08T14:00")
    assert rows(workspace, "SELECT company, followed_on FROM company_follows ORDER BY company")[1] == (
        "Hooli", "2025-09-28")
    assert rows(workspace, "SELECT COUNT(*) FROM saved_jobs") == [(2,)]


def test_a_newer_export_replaces_what_it_holds_and_leaves_what_it_lacks(run, workspace, tmp_path):
    first = make_zip(tmp_path / "Complete_LinkedInDataExport_11-20-2025.zip", EXPORT)
    assert run("import", "linkedin", first).exit_code == 0
    again = run("import", "linkedin", first)
    assert again.exit_code == 0 and rows(workspace, "SELECT COUNT(*) FROM company_follows") == [(3,)]
    newer = dict(EXPORT)
    newer["Company Follows.csv"] = "Organization,Followed On\r\n"  # unfollowed everything
    newer["Jobs/Saved Jobs.csv"] = SAVED_JOBS.splitlines()[0] + "\r\n" + SAVED_JOBS.splitlines()[2] + "\r\n"
    del newer["Positions.csv"]  # not in this export: the stored positions stay
    newer["Events.csv"] = b""  # a broken download says nothing
    path = make_zip(tmp_path / "Complete_LinkedInDataExport_12-20-2025.zip", newer)
    result = run("import", "linkedin", path)
    assert result.exit_code == 0, result.output
    assert "Company Follows.csv: 0 companies followed" in result.output
    assert "Events.csv in" in result.output and "is empty: events left as they were" in result.output
    assert rows(workspace, "SELECT COUNT(*) FROM company_follows") == [(0,)]
    assert rows(workspace, "SELECT company FROM saved_jobs") == [("Umbrella",)]
    assert rows(workspace, "SELECT COUNT(*) FROM positions") == [(3,)]
    assert rows(workspace, "SELECT COUNT(*) FROM events") == [(2,)]
    assert rows(workspace, "SELECT seen_on FROM export_profile") == [("2025-12-20",)]


def test_a_friends_export_fills_nothing_and_says_so(run, workspace, tmp_path):
    friend = dict(EXPORT)
    friend["Connections.csv"] = CONNECTIONS.replace("dana-ito", "dana-ito-2")
    path = make_zip(tmp_path / "Complete_LinkedInDataExport_11-21-2025.zip", friend)
    result = run("import", "linkedin", path, "--owner", "Dana Whitfield")
    assert result.exit_code == 0, result.output
    assert "in Dana Whitfield's export are theirs: not imported" in result.output
    assert "Profile.csv, Job Seeker Preferences.csv, Positions.csv and 8 more files in" in result.output
    for table in ("export_profile", "job_preferences", "positions", "education", "recommendations",
                  "endorsements", "company_follows", "saved_jobs", "events"):
        assert rows(workspace, f"SELECT COUNT(*) FROM {table}") == [(0,)], table


def test_a_failed_import_leaves_the_tables_as_they_were(run, workspace, tmp_path):
    good = make_zip(tmp_path / "Complete_LinkedInDataExport_11-20-2025.zip", EXPORT)
    assert run("import", "linkedin", good).exit_code == 0
    broken = dict(EXPORT)
    broken["Connections.csv"] = (  # a quote that never closes: every line after it one cell
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        'Ana,"Lima,,,Globex,PM,16 Sep 2021\nDana,Ito,,,Initech,PM,2 Feb 2022\nOmar,Vance,,,Hooli,PM,1 Mar 2023\n')
    broken["Company Follows.csv"] = "Organization,Followed On\r\n"
    path = make_zip(tmp_path / "Complete_LinkedInDataExport_12-20-2025.zip", broken)
    result = run("import", "linkedin", path)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "Connections.csv" in result.output and "quote" in result.output
    assert rows(workspace, "SELECT COUNT(*) FROM company_follows") == [(3,)]
    assert rows(workspace, "SELECT seen_on FROM export_profile") == [("2025-11-20",)]


def test_a_malformed_optional_file_is_a_warning_and_the_rest_is_imported(run, workspace, tmp_path):
    members = dict(EXPORT)
    members["Positions.csv"] = "Employer Ref,Title\nGlobex,PM\n"
    members["Jobs/Saved Jobs.csv"] = '"Saved Date,Job Url\n'
    path = make_zip(tmp_path / "Complete_LinkedInDataExport_11-20-2025.zip", members)
    result = run("import", "linkedin", path)
    assert result.exit_code == 0, result.output
    assert "Positions.csv in" in result.output and "(positions not imported)" in result.output
    assert "Saved Jobs.csv in" in result.output and "(saved jobs not imported)" in result.output
    assert rows(workspace, "SELECT COUNT(*) FROM contacts") == [(2,)]
    assert rows(workspace, "SELECT COUNT(*) FROM company_follows") == [(3,)]
    assert rows(workspace, "SELECT COUNT(*) FROM positions") == [(0,)]


def test_an_unzipped_folder_is_read_the_same(run, workspace, tmp_path):
    folder = tmp_path / "Complete_LinkedInDataExport_11-20-2025"
    for name, text in EXPORT.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text.encode("utf-8-sig") if name == "Positions.csv" else text.encode())
    result = run("import", "linkedin", folder)
    assert result.exit_code == 0, result.output
    assert "Positions.csv: 3 positions" in result.output
    assert rows(workspace, "SELECT COUNT(*) FROM endorsements") == [(4,)]


@pytest.mark.parametrize(("written", "read_as"), [
    ("Jun 2018", "2018-06"), ("June 2018", "2018-06"), ("2018-06", "2018-06"), ("06/2018", "2018-06"),
    ("2017", "2017"), ("2017.0", "2017"), ("", ""), ("13/2018", None), ("Smarch 2018", None),
])
def test_months_and_years_as_linkedin_and_excel_write_them(written, read_as):
    from outreach.imports.linkedin.extracells import month

    assert month(written) == read_as


@pytest.mark.parametrize(("written", "read_as"), [
    ("2022/03/22 18:04:59 UTC", "2022-03-22T18:04"), ("Wed Oct 01 16:02:32 UTC 2025", "2025-10-01T16:02"),
    ("04/18/13, 07:36 PM", "2013-04-18T19:36"), ("Jul 08, 2020 01:00 PM", "2020-07-08T13:00"),
    ("11/2/25, 9:15 AM", "2025-11-02T09:15"), ("2022/02/30 18:04:59 UTC", None), ("soon", None),
])
def test_the_dates_of_each_file(written, read_as):
    from outreach.imports.linkedin.values import parse_datetime

    parsed = parse_datetime(written)
    assert (parsed.strftime("%Y-%m-%dT%H:%M") if parsed else None) == read_as


def test_an_optional_file_that_is_not_text_says_download_again_not_give_connections_csv():
    with pytest.raises(InputError, match=r"^Company Follows\.csv is not a CSV file .*download the export again"):
        read("company_follows", bytes(range(256)) * 4)


def test_an_optional_file_given_by_itself_is_named_as_part_of_an_export(tmp_path):
    """(Seen trying the import as a new user: Positions.csv alone was called 'not a LinkedIn
    export file'.)"""
    from click.testing import CliRunner

    from outreach.cli import cli

    path = tmp_path / "Positions.csv"
    path.write_text("Company Name,Title,Description,Location,Started On,Finished On\nAcme,Engineer,,Berlin,Jan 2020,\n")
    result = CliRunner().invoke(cli, ["--workspace", str(tmp_path / "ws"), "import", "linkedin", str(path)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "Positions.csv is one of the files of a LinkedIn export, read along with the rest" in result.output
    assert not (tmp_path / "ws").exists() or not any((tmp_path / "ws").iterdir())
