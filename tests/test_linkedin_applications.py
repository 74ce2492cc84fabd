"""Jobs/Job Applications.csv: read in both date shapes and split files, imported with the
export (the user's own only), and used by the plan: a contact where the user applied lately is
the one to ask for a referral."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

from zipped import make_zip

from outreach.imports.linkedin.applications import is_applications_file, read_applications
from outreach.imports.linkedin.export import read_export
from outreach.imports.linkedin.files import find_export_files

HEADER = ("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
          "Resume Name,Question And Answers")
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Dana,Ito,https://www.linkedin.com/in/dana-ito,,\"Globex, Inc.\",Engineering Manager,16 Sep 2021\n"
    "Omar,Vance,https://www.linkedin.com/in/omar-vance,,Initech,Data Engineer,2 Feb 2022\n"
)
APPLICATIONS = (
    f"{HEADER}\n"
    '"11/3/25, 4:12 PM",me@example.com,,Globex Inc.,Senior PM,https://www.linkedin.com/jobs/view/1,cv.pdf,\n'
    "\n"
    "2025-10-20 09:30:00,me@example.com,,Initech,Product Manager,https://www.linkedin.com/jobs/view/2,cv.pdf,"
    '"Years of SQL?: 5"\n'
    '"9/1/25",,,Hooli,Analyst,https://www.linkedin.com/jobs/view/3,cv.pdf,\n'
    "someday,,,Umbrella,Analyst,,cv.pdf,\n"
)


def us_date(day: date) -> str:
    """LinkedIn's own shape: 11/3/25, 4:12 PM."""
    return f"{day.month}/{day.day}/{day:%y}, 4:12 PM"



# -- the reader ----------------------------------------------------------------------------------

def test_reads_both_date_shapes_skips_blank_rows_and_notes_bad_dates():
    read = read_applications([("Job Applications.csv", APPLICATIONS.encode())])
    assert [(a.company, a.job_title, a.applied_on) for a in read.applications] == [
        ("Globex Inc.", "Senior PM", "2025-11-03"),
        ("Initech", "Product Manager", "2025-10-20"),
        ("Hooli", "Analyst", "2025-09-01"),
    ]
    assert read.applications[0].job_url == "https://www.linkedin.com/jobs/view/1"
    assert read.latest == "2025-11-03"
    assert read.rows_read == 4 and dict(read.skipped) == {"no readable application date": 1}
    assert any("'someday'" in n for n in read.notes)


def test_columns_by_name_in_any_order_and_case():
    text = ("job title;COMPANY NAME;application date;job url\n"
            "Senior PM;Globex;2025-11-03 16:12:00;\n")
    read = read_applications([("job applications.csv", text.encode("utf-8-sig"))])
    assert [(a.company, a.job_title, a.applied_on) for a in read.applications] == [
        ("Globex", "Senior PM", "2025-11-03")]


def test_split_files_are_joined_without_twins():
    one = f'{HEADER}\n"11/3/25, 4:12 PM",,,Globex,Senior PM,,cv.pdf,\n'
    two = f'{HEADER}\n"10/1/25, 9:00 AM",,,Initech,PM,,cv.pdf,\n"11/3/25, 4:12 PM",,,Globex,Senior PM,,cv.pdf,\n'
    read = read_applications([("Job Applications_1.csv", one.encode()), ("Job Applications_2.csv", two.encode())])
    assert [a.company for a in read.applications] == ["Globex", "Initech"]
    assert all(is_applications_file(n) for n in ("Jobs/Job Applications.csv", "job applications_2.csv"))
    assert not is_applications_file("Saved Jobs.csv")


def test_found_at_any_depth_of_a_zip_and_in_parts(tmp_path):
    path = make_zip(tmp_path / "Complete_LinkedInDataExport_11-20-2025.zip", {
        "Connections.csv": CONNECTIONS,
        "Jobs/Job Applications_1.csv": f'{HEADER}\n"11/3/25, 4:12 PM",,,Globex,Senior PM,,cv.pdf,\n',
        "Jobs/Job Applications_2.csv": f'{HEADER}\n"10/1/25, 9:00 AM",,,Initech,PM,,cv.pdf,\n',
        "Jobs/Saved Jobs.csv": "Saved Date,Job Url,Job Title,Company Name\n",
    })
    export = read_export(find_export_files(path))
    assert export.applications is not None
    assert [a.company for a in export.applications.applications] == ["Globex", "Initech"]
    assert export.connections is not None and len(export.connections.people) == 2


def test_an_export_without_the_file_is_fine(tmp_path):
    path = make_zip(tmp_path / "Basic_LinkedInDataExport_11-20-2025.zip", {"Connections.csv": CONNECTIONS})
    assert read_export(find_export_files(path)).applications is None


# -- the import ----------------------------------------------------------------------------------

def stored(workspace: Path) -> list[tuple]:
    conn = sqlite3.connect(workspace / "outreach.db")
    rows = conn.execute("SELECT owner_id, company, job_title, applied_on, job_url FROM applications"
                        " ORDER BY applied_on DESC").fetchall()
    conn.close()
    return rows


def test_import_zip_says_how_many_and_reimport_adds_nothing(run, workspace, tmp_path):
    path = make_zip(tmp_path / "Basic_LinkedInDataExport_11-20-2025.zip", {
        "Connections.csv": CONNECTIONS, "Jobs/Job Applications.csv": APPLICATIONS})
    result = run("import", "linkedin", path)
    assert result.exit_code == 0, result.output
    assert "job applications: 3 (latest 3 Nov 2025)" in result.output
    assert "no readable application date: 1" in result.output and "Traceback" not in result.output
    assert len(stored(workspace)) == 3 and stored(workspace)[0][:4] == (1, "Globex Inc.", "Senior PM", "2025-11-03")
    again = run("import", "linkedin", path)
    assert again.exit_code == 0, again.output
    assert "stored: 0 new, 3 already there" in again.output
    assert len(stored(workspace)) == 3


def test_import_folder_and_the_single_file(run, workspace, tmp_path):
    folder = tmp_path / "Basic_LinkedInDataExport_11-20-2025"
    (folder / "Jobs").mkdir(parents=True)
    (folder / "Connections.csv").write_text(CONNECTIONS)
    (folder / "Jobs" / "Job Applications.csv").write_text(APPLICATIONS)
    result = run("import", "linkedin", folder)
    assert result.exit_code == 0, result.output
    assert "job applications: 3 (latest 3 Nov 2025)" in result.output
    single = tmp_path / "Job Applications.csv"
    single.write_text(f'{HEADER}\n"12/1/25, 8:00 AM",,,Hooli,Staff PM,,cv.pdf,\n')
    result = run("import", "linkedin", single)
    assert result.exit_code == 0, result.output
    assert "job applications: 1 (latest 1 Dec 2025)" in result.output
    assert len(stored(workspace)) == 4


def test_a_friends_applications_are_theirs(run, workspace, tmp_path):
    mine = make_zip(tmp_path / "Basic_LinkedInDataExport_11-20-2025.zip", {"Connections.csv": CONNECTIONS})
    assert run("import", "linkedin", mine).exit_code == 0
    friends = tmp_path / "friend"
    friends.mkdir()
    path = make_zip(friends / "Basic_LinkedInDataExport_11-21-2025.zip", {
        "Connections.csv": CONNECTIONS.replace("dana-ito", "dana-ito-2"),
        "Jobs/Job Applications.csv": APPLICATIONS})
    result = run("import", "linkedin", path, "--owner", "Sam Lee")
    assert result.exit_code == 0, result.output
    assert "export are theirs: not imported" in result.output
    assert stored(workspace) == []


# -- the plan ------------------------------------------------------------------------------------

def plan_rows(run, workspace: Path, tmp_path: Path, applied_days_ago: int, *more: str) -> dict[str, dict]:
    today = date.today()
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Dana,Ito,https://www.linkedin.com/in/dana-ito,,\"Globex, Inc.\",Data Engineer,16 Sep 2021\n"
        + "".join(line + "\n" for line in more)
    )
    when = today - timedelta(days=applied_days_ago)
    applications = f'{HEADER}\n"{us_date(when)}",,,Globex Inc.,Senior PM,,cv.pdf,\n'
    stamp = f"{today:%m-%d-%Y}"
    path = make_zip(tmp_path / f"Basic_LinkedInDataExport_{stamp}.zip", {
        "Connections.csv": connections, "Jobs/Job Applications.csv": applications})
    assert run("import", "linkedin", path).exit_code == 0
    (tmp_path / "targets.csv").write_text("Company,Priority\nGlobex,High\n")
    assert run("import", "targets", tmp_path / "targets.csv").exit_code == 0
    result = run("plan", "-o", tmp_path / "plan.xlsx", "--json")
    assert result.exit_code == 0, result.output
    return {r["write_to"]: r for r in json.loads(result.stdout)}


def test_a_contact_where_the_user_applied_lately_is_asked_for_a_referral(run, workspace, tmp_path):
    # within 30 days: the best-placed person there is asked in week 1 (issue 15)
    row = plan_rows(run, workspace, tmp_path, 20)["Dana Ito"]
    assert row["kind"] == "referral"
    day = date.today() - timedelta(days=20)
    assert row["why"].startswith(f"Applied {day.day} {day:%b} for Senior PM: the best-placed person you know there")
    message = row["message"]
    assert "the Senior PM role at Globex" in message and "referr" in message
    assert "Inc" not in message


def test_one_referral_ask_per_recent_application_not_one_per_person_there(run, workspace, tmp_path):
    """Asking two people for a referral to the same job is one ask too many."""
    rows = plan_rows(run, workspace, tmp_path, 5,
                     "Sam,Lee,https://www.linkedin.com/in/sam-lee,,Globex,Accountant,02 Feb 2022")
    kinds = {name: row["kind"] for name, row in rows.items()}
    assert kinds["Dana Ito"] == "referral" and kinds["Sam Lee"] != "referral"
    assert "Senior PM" not in rows["Sam Lee"]["message"]


def test_a_contact_where_the_user_applied_within_four_months_is_still_a_referral(run, workspace, tmp_path):
    row = plan_rows(run, workspace, tmp_path, 60)["Dana Ito"]
    assert row["kind"] == "referral"
    day = date.today() - timedelta(days=60)
    assert f"you applied for Senior PM there on {day.day} {day:%b}" in row["why"]


def test_an_old_application_changes_nothing(run, workspace, tmp_path):
    row = plan_rows(run, workspace, tmp_path, 200)["Dana Ito"]
    assert row["kind"] != "referral"
    assert "applied" not in row["why"] and "applied" not in row["message"]


def test_recent_application_window():
    from outreach.plan.kinds import APPLIED_DAYS, recent_application
    from outreach.plan.network import Contact

    today = datetime(2026, 3, 2).date()
    contact = Contact(1, 1, "k", "Dana", "Ito", None, None, "Globex", "Engineer",
                      applied=("Senior PM", (today - timedelta(days=APPLIED_DAYS)).isoformat()))
    assert recent_application(contact, today) == ("Senior PM", today - timedelta(days=APPLIED_DAYS))
    older = contact._replace(applied=("Senior PM", (today - timedelta(days=APPLIED_DAYS + 1)).isoformat()))
    assert recent_application(older, today) is None
