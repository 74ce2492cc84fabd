"""People no longer connected: LinkedIn's Connections.csv lists every connection, so someone
missing from the owner's newest one was removed (by the owner or by them). They leave the plan,
the contacts listing, matching and the counts; their message history stays."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import date

import pytest

PREAMBLE = """\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
"""

PEOPLE = {
    "nora": "Nora,Quist,https://www.linkedin.com/in/nora-quist-4b1a2,,Globex Corporation,Engineering Manager,02 May 2025",
    "peter": "Peter,Yates,https://www.linkedin.com/in/peter-yates-77,,Kraft Heinz,Brand Manager,12 Dec 2024",
    "tom": "Tom,Becker,https://www.linkedin.com/in/tom-becker-9a8b7c,,Acme Inc,Software Engineer,03 Mar 2022",
    "lena": "Lena,Fischer,https://www.linkedin.com/in/lenafischer,,Kraft Heinz,Product Manager,11 Jan 2020",
}

TARGETS = "Company,Priority\nKraft Heinz,High\nAcme Inc.,High\nGlobex,Medium\n"

MESSAGES = """\
CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER
2-peter,,Peter Yates,https://www.linkedin.com/in/peter-yates-77,Alex Moreno,https://www.linkedin.com/in/alex-moreno,2024-12-02 09:00:00 UTC,,"Hi Alex, good to meet you",INBOX
2-peter,,Alex Moreno,https://www.linkedin.com/in/alex-moreno,Peter Yates,https://www.linkedin.com/in/peter-yates-77,2024-12-01 09:00:00 UTC,,"Hi Peter, thanks for connecting",INBOX
2-tom,,Alex Moreno,https://www.linkedin.com/in/alex-moreno,Tom Becker,https://www.linkedin.com/in/tom-becker-9a8b7c,2024-11-01 09:00:00 UTC,,"Hi Tom, how are things at Acme?",INBOX
"""


def connections(*who: str) -> str:
    """A Dec-2024-shaped Connections.csv (the Notes preamble, URLs) with these people."""
    return PREAMBLE + "".join(PEOPLE[w] + "\n" for w in who)


def export_zip(folder, day: date, connections_csv: str | None = None, messages: str | None = None):
    """A Basic export as LinkedIn names it; the date in the name is the export's date."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"Basic_LinkedInDataExport_{day:%m-%d-%Y}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        if connections_csv is not None:
            archive.writestr("Connections.csv", connections_csv)
        if messages is not None:
            archive.writestr("messages.csv", messages)
    return path


OLD, NEW, LATER = date(2025, 1, 10), date(2025, 6, 1), date(2025, 9, 1)


@pytest.fixture
def imp(run, tmp_path):
    """imp(day, *people, owner=None, messages=None): import a dated export; returns the output."""
    def _imp(day: date, *who: str, owner: str | None = None, messages: str | None = None,
             with_connections: bool = True) -> str:
        folder = tmp_path / f"{owner or 'me'}-{day}-{len(who)}-{messages is not None}"
        path = export_zip(folder, day, connections(*who) if with_connections else None, messages)
        result = run("import", "linkedin", path, *(["--owner", owner] if owner else []))
        assert result.exit_code == 0, result.output
        return result.output
    return _imp


def listed(run, *args: str) -> dict[tuple[str, str], dict]:
    result = run("contacts", "--json", *args)
    assert result.exit_code == 0, result.output
    return {(r["first_name"], r["owner"]): r for r in json.loads(result.stdout)}


def planned(run, tmp_path, targets=True) -> list[str]:
    if targets:
        path = tmp_path / "targets.csv"
        path.write_text(TARGETS, encoding="utf-8")
        assert run("import", "targets", path).exit_code == 0
    result = run("plan", "-o", tmp_path / "plan.xlsx", "--json")
    assert result.exit_code == 0, result.output
    return [row["name"] for row in json.loads(result.stdout)]


def removed_on(workspace) -> dict[tuple[str, int], str | None]:
    conn = sqlite3.connect(workspace / "outreach.db")
    try:
        return {(r[0], r[1]): r[2] for r in conn.execute("SELECT first_name, owner_id, removed_on FROM contacts")}
    finally:
        conn.close()


def test_removed_in_the_newer_export_is_named_not_listed_and_not_planned(run, imp, tmp_path, workspace):
    first = imp(OLD, "peter", "tom", "lena", messages=MESSAGES)
    assert "no longer connected" not in first
    out = imp(NEW, "nora", "tom", "lena")
    assert "  no longer connected: 1\n    Peter Yates (Kraft Heinz)\n" in out
    assert removed_on(workspace)[("Peter", 1)] == "2025-06-01"
    assert set(listed(run)) == {("Nora", "me"), ("Tom", "me"), ("Lena", "me")}
    everyone = listed(run, "--all")
    assert everyone[("Peter", "me")]["removed_on"] == "2025-06-01"
    assert everyone[("Tom", "me")]["removed_on"] is None
    table = run("contacts", "--all").output
    assert "Peter Yates (no longer connected since 2025-06-01)" in table
    assert "4 contacts (1 no longer connected)" in table
    assert "Peter" not in run("contacts").output
    assert "Peter" not in run("contacts", "Kraft Heinz").output  # matched like a target
    names = planned(run, tmp_path)
    assert "Lena Fischer" in names and "Peter Yates" not in names
    targets = run("targets", "--json")
    assert targets.exit_code == 0, targets.output
    assert "Peter" not in targets.output and "Lena" in targets.output
    # Their message history is kept: it comes back with them.
    conn = sqlite3.connect(workspace / "outreach.db")
    assert conn.execute("SELECT messages_sent, messages_received FROM message_stats"
                        " WHERE person_key LIKE '%peter-yates-77'").fetchone() == (1, 1)
    conn.close()
    assert everyone[("Peter", "me")]["messages_sent"] == 1


def test_the_plan_counts_only_connections(run, imp, tmp_path):
    imp(OLD, "peter", "tom", "lena")
    imp(NEW, "tom", "lena")
    planned(run, tmp_path)
    from python_calamine import CalamineWorkbook

    summary = CalamineWorkbook.from_path(str(tmp_path / "plan.xlsx")).get_sheet_by_name("Summary").to_python()
    counts = [row for row in summary if "Your connections" in row]
    assert counts and counts[0][1] == 2


def test_reappearing_in_a_later_export_brings_them_back(run, imp, tmp_path, workspace):
    imp(OLD, "peter", "tom")
    imp(NEW, "tom")
    assert ("Peter", "me") not in listed(run)
    out = imp(LATER, "peter", "tom")
    assert "no longer connected" not in out.replace("connected again (no longer connected before)", "")
    assert "connected again (no longer connected before): 1" in out
    assert removed_on(workspace)[("Peter", 1)] is None
    assert ("Peter", "me") in listed(run)
    assert "Peter Yates" in planned(run, tmp_path)


def test_an_older_export_imported_after_a_newer_one_removes_nobody(run, imp, workspace):
    imp(OLD, "peter", "tom", "lena")
    imp(NEW, "nora", "tom", "lena")
    again = imp(OLD, "peter", "tom", "lena")  # the older one again: Nora is not in it
    assert "\n  no longer connected:" not in again and "connected again" not in again
    assert removed_on(workspace) == {("Peter", 1): "2025-06-01", ("Tom", 1): None, ("Lena", 1): None,
                                     ("Nora", 1): None}


def test_people_only_in_an_older_export_imported_later_are_not_connected(run, imp, workspace):
    imp(NEW, "nora", "tom")
    out = imp(OLD, "peter", "tom")
    assert "\n  no longer connected:" not in out
    assert "kept as no longer connected: 1" in out  # Peter: not in the newest export
    assert removed_on(workspace) == {("Nora", 1): None, ("Tom", 1): None, ("Peter", 1): "2025-06-01"}
    assert set(listed(run)) == {("Nora", "me"), ("Tom", "me")}


def test_a_messages_only_import_removes_nobody(run, imp, workspace):
    imp(OLD, "peter", "tom")
    out = imp(LATER, messages=MESSAGES, with_connections=False)
    assert "no longer connected" not in out
    assert set(removed_on(workspace).values()) == {None}
    assert set(listed(run)) == {("Peter", "me"), ("Tom", "me")}


def test_rows_never_in_a_connections_file_are_untouched(run, imp, workspace):
    imp(OLD, messages=MESSAGES, with_connections=False)  # Peter only in messages
    imp(NEW, "tom")
    assert removed_on(workspace) == {("Tom", 1): None}
    conn = sqlite3.connect(workspace / "outreach.db")
    assert conn.execute("SELECT COUNT(*) FROM message_stats WHERE person_key LIKE '%peter-yates-77'").fetchone() == (1,)
    conn.close()


def test_a_friends_export_removes_only_the_friends_contacts(run, imp, workspace):
    imp(OLD, "peter", "tom")
    imp(OLD, "peter", "lena", owner="Sam Lee")
    out = imp(NEW, "lena", owner="Sam Lee")
    assert "  no longer connected: 1\n    Peter Yates (Kraft Heinz)\n" in out
    rows = listed(run)
    assert ("Peter", "me") in rows and ("Peter", "Sam Lee") not in rows
    assert ("Lena", "Sam Lee") in rows
    # The user's own newer export removes only the user's contacts.
    imp(NEW, "tom")
    rows = listed(run)
    assert ("Peter", "me") not in rows and ("Tom", "me") in rows and ("Lena", "Sam Lee") in rows


def test_the_same_export_twice_changes_nothing(imp):
    imp(OLD, "peter", "tom")
    imp(NEW, "tom")
    again = imp(NEW, "tom")
    assert "no longer connected" not in again and "connected again" not in again


def test_the_names_are_cut_like_job_changes(imp):
    imp(OLD, "peter", "tom", "lena", "nora")
    from outreach.cli import linkedin

    shown = linkedin.JOB_CHANGES_SHOWN
    linkedin.JOB_CHANGES_SHOWN = 2
    try:
        out = imp(NEW, "tom")
    finally:
        linkedin.JOB_CHANGES_SHOWN = shown
    assert "  no longer connected: 3\n    Lena Fischer (Kraft Heinz)\n    Nora Quist (Globex Corporation)\n" \
           "    ... and 1 more\n" in out
