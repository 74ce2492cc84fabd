"""Suggested targets from the user's own LinkedIn activity (issue 15, point 2): dream companies,
job applications, saved jobs and followed companies proposed as targets, never forced."""

from __future__ import annotations

import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from plan_data import filled

from outreach.companies.aliases import add_alias
from outreach.store import open_workspace, transaction
from outreach.targets.suggest import answer, suggestions

TODAY = date.today()


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def when(days: int) -> str:
    day = TODAY - timedelta(days=days)
    return f"{day.day} {day:%b}" + ("" if day.year == TODAY.year else f" {day.year}")


def activity(conn, *, owner: int = 1) -> None:
    """A user's export as the importer stores it: one dream company, two applications at the
    same employer spelt two ways, saved jobs, follows (one of them also saved)."""
    with transaction(conn):
        conn.execute("INSERT INTO job_preferences (owner_id, dream_companies, seen_on) VALUES (?, ?, ?)",
                     (owner, json.dumps(["Hooli"]), ago(1)))
        conn.executemany(
            "INSERT INTO applications (owner_id, company, job_title, applied_on) VALUES (?, ?, ?, ?)",
            [(owner, "Initech LLC", "Senior Data Engineer", ago(10)),
             (owner, "Initech", "Data Engineer", ago(40)),
             (owner, "Globex", "Analyst", ago(300))])
        conn.executemany(
            "INSERT INTO saved_jobs (owner_id, company, job_title, saved_on) VALUES (?, ?, ?, ?)",
            [(owner, "Umbrella Corp", "Data Engineer", ago(5)), (owner, "Umbrella Corporation", "ML Engineer", ago(6)),
             (owner, "Vandelay Industries", "Importer", ago(20))])
        conn.executemany("INSERT INTO company_follows (owner_id, company, followed_on) VALUES (?, ?, ?)",
                         [(owner, "Soylent", "2024-03-01"), (owner, "Vandelay Industries", "2023-05-02")])


def test_answers_as_people_type_them():
    for text in ("yes", "Yes", " y ", "✓", "yes please", "OK", "Accept"):
        assert answer(text) is True, text
    for text in ("no", "No thanks", "N", "✗", "reject", "not now"):
        assert answer(text) is False, text
    for text in ("", None, "maybe", "later?"):
        assert answer(text) is None, text


def test_only_an_export_gives_suggestions_in_order_with_their_sources(workspace):
    f = filled(workspace)
    activity(f.conn)
    found = suggestions(f.conn)
    # dream > applied > saved > followed; within a signal the newer and the more, and a second
    # kind of signal (Vandelay: saved and followed) counts for a little
    assert [s.name for s in found] == ["Hooli", "Initech LLC", "Globex", "Vandelay Industries", "Umbrella Corp",
                                       "Soylent"]
    by = {s.name: s for s in found}
    assert by["Hooli"].source == "a dream company in your LinkedIn job preferences"
    assert by["Initech LLC"].source == f"applied {when(10)}: Senior Data Engineer, {when(40)}: Data Engineer"
    assert by["Umbrella Corp"].source == "saved 2 jobs"
    # a followed page gives the name; its saved job comes first in the words (stronger)
    assert by["Vandelay Industries"].source == "saved a job: Importer; followed since 2023"
    assert by["Soylent"].source == "followed since 2024"
    assert all(0 < s.priority <= 1 for s in found)
    assert all(s.in_plan for s in found)  # no target list of the user's own: all in the plan
    # a friend's activity is theirs
    friend = f.owner("Ana Lima")
    with transaction(f.conn):
        f.conn.execute("INSERT INTO saved_jobs (owner_id, company, job_title) VALUES (?, 'Wayne Enterprises', 'X')",
                       (friend,))
    assert "Wayne Enterprises" not in {s.name for s in suggestions(f.conn)}


def test_every_signal_at_once_stays_within_a_priority_of_one_and_the_current_employer_is_no_suggestion(workspace):
    f = filled(workspace)
    activity(f.conn)
    with transaction(f.conn):
        # Hooli: a dream company, applied to, saved and followed: the strongest a signal gets
        f.conn.execute("INSERT INTO applications (owner_id, company, job_title, applied_on) VALUES (1, 'Hooli', 'DE', ?)",
                       (ago(1),))
        f.conn.execute("INSERT INTO saved_jobs (owner_id, company, job_title, saved_on) VALUES (1, 'Hooli', 'DE', ?)",
                       (ago(1),))
        f.conn.execute("INSERT INTO company_follows (owner_id, company, followed_on) VALUES (1, 'Hooli', ?)", (ago(1),))
        # the user works at Pied Piper now and worked at Soylent (which they follow) before
        f.conn.executemany("INSERT INTO positions (owner_id, company, title, started_on, finished_on) VALUES (?, ?, ?, ?, ?)",
                           [(1, "Pied Piper", "Engineer", "2022-03", ""), (1, "Soylent", "Analyst", "2019", "2022-02")])
        f.conn.execute("INSERT INTO company_follows (owner_id, company, followed_on) VALUES (1, 'Pied Piper, Inc.', '2022-03-01')")
    by = {s.name: s for s in suggestions(f.conn)}
    assert by["Hooli"].priority == 1.0
    assert all(0 < s.priority <= 1 for s in by.values())
    assert "Pied Piper, Inc." not in by
    assert by["Soylent"].source == "followed since 2024; you worked there 2019–2022"


def test_a_company_already_targeted_is_not_suggested_whatever_its_spelling(workspace):
    f = filled(workspace)
    activity(f.conn)
    f.target("Initech", 0.5)
    f.target("Meta", 0.5)
    with transaction(f.conn):
        f.conn.execute("INSERT INTO company_follows (owner_id, company) VALUES (1, 'Facebook')")
        add_alias(f.conn, "Chotchkies", "Initech")  # the user's own alias
        f.conn.execute("INSERT INTO saved_jobs (owner_id, company, job_title) VALUES (1, 'Chotchkies', 'X')")
    names = {s.name for s in suggestions(f.conn)}
    # "Initech LLC" = target "Initech"; Facebook = target "Meta" (a rename); an alias of the user's
    assert "Initech LLC" not in names and "Facebook" not in names and "Chotchkies" not in names
    # with a list of the user's own, only dream companies and applications join the plan
    used = {s.name for s in suggestions(f.conn) if s.in_plan}
    assert used == {"Hooli", "Globex"}


@pytest.fixture
def export_only(workspace):
    f = filled(workspace)
    activity(f.conn)
    f.contact("Omar Vance", "Initech", "Data Engineer")
    f.contact("Sue Soy", "Soylent Inc.", "Engineering Manager")
    f.contact("Nick Nobody", "Elsewhere Ltd", "Engineer")
    f.conn.close()
    return workspace


def test_accept_and_reject_persist_and_say_what_they_did(run, export_only):
    result = run("targets", "--suggested")
    assert result.exit_code == 0, result.output
    assert result.output.index("Hooli") < result.output.index("Initech LLC") < result.output.index("Soylent")
    assert "6 suggested targets" in result.output

    result = run("targets", "--accept", "initech", "Soylent Inc")
    assert result.exit_code == 0, result.output
    assert "Accepted 'Initech LLC'" in result.output and "Accepted 'Soylent'" in result.output
    result = run("targets", "--reject", "Umbrella Corp")
    assert result.exit_code == 0 and "will not be suggested again" in result.output
    result = run("targets", "--accept", "Nowhere Co")
    assert result.exit_code == 1
    assert result.output.strip() == ("'Nowhere Co' is not a suggested target: `outreach targets --suggested` "
                                     "lists them, `outreach import targets FILE` adds your own.")

    listed = json.loads(run("targets", "--suggested", "--json").output)
    assert {s["name"] for s in listed} == {"Hooli", "Globex", "Vandelay Industries"}
    conn = open_workspace(export_only)
    rows = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT name, source, notes FROM targets")}
    assert rows["Initech LLC"][0].startswith("accepted") and rows["Initech LLC"][1].startswith("applied ")
    assert "Umbrella Corp" not in rows
    # the signal goes (a newer export without it): the accepted target stays, the suggestion goes
    with transaction(conn):
        conn.execute("DELETE FROM applications")
        conn.execute("DELETE FROM saved_jobs")
    conn.close()
    result = run("targets")
    assert result.exit_code == 0
    assert "Initech LLC" in result.output and "Globex" not in result.output
    assert "suggested: a dream company" in result.output  # Hooli, still in the plan, marked


def test_plan_from_an_export_alone_writes_to_people_at_suggested_companies(run, export_only, tmp_path):
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    rows = [dict(zip([c.value for c in book["Outreach"][1]], r, strict=False))
            for r in book["Outreach"].iter_rows(min_row=2, values_only=True)]
    omar = next(r for r in rows if r["Write to"] == "Omar Vance")
    assert omar["Target"] == "Initech LLC"
    assert omar["Why"].startswith(f"Suggested from your LinkedIn activity (applied {when(10)}: Senior Data Engineer")
    assert any(r["Write to"] == "Sue Soy" for r in rows)
    assert not any(r["Write to"] == "Nick Nobody" for r in rows)
    targets = targets_sheet(book)
    header = [c.value for c in book["Targets"][1]]
    assert header[:2] == ["Target", "Priority"] and header.index("Accept?") == header.index("Suggested") + 1
    assert targets["Hooli"]["Suggested"] == "a dream company in your LinkedIn job preferences"
    summary = "\n".join(str(c) for r in book["Summary"].iter_rows(values_only=True) for c in r if c)
    assert "6 suggested targets from your LinkedIn activity" in summary
    assert "outreach targets --suggested" in summary


def targets_sheet(book) -> dict[str, dict]:
    """The Targets sheet's rows by target name, each cell by its header."""
    header = [c.value for c in book["Targets"][1]]
    return {r[0]: dict(zip(header, r, strict=False)) for r in book["Targets"].iter_rows(min_row=2, values_only=True)}


def _answer_in_sheet(path: Path, answers: dict[str, str]) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Targets"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in answers:
            row[header.index("Accept?")].value = answers[row[0].value]
    book.save(path)


def test_a_yes_or_no_in_the_targets_sheet_is_read_back_by_the_next_plan(run, export_only, tmp_path):
    out = tmp_path / "plan.xlsx"
    assert run("plan", "-o", out).exit_code == 0
    _answer_in_sheet(out, {"Soylent": "Yes", "Umbrella Corp": "no thanks", "Hooli": "maybe"})
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    conn = open_workspace(export_only)
    decided = dict(conn.execute("SELECT name, decision FROM target_suggestions"))
    assert decided == {"Soylent": "accepted", "Umbrella Corp": "rejected"}
    assert conn.execute("SELECT source FROM targets WHERE name = 'Soylent'").fetchone()[0].startswith("accepted")
    conn.close()
    listed = run("targets", "--suggested").output
    assert "Soylent" not in listed and "Umbrella" not in listed and "Hooli" in listed
    targets = targets_sheet(openpyxl.load_workbook(out))
    assert targets["Soylent"]["Suggested"] is None  # an ordinary target now
    assert targets["Hooli"]["Suggested"]  # still suggested
    # the rejected one is gone, not kept from the earlier plan with advice about people no
    # longer in the plan (a new user's trial)
    assert "Umbrella Corp" not in targets


def test_with_a_list_of_ones_own_saved_and_followed_wait_on_the_targets_sheet(run, export_only, tmp_path):
    listing = tmp_path / "targets.csv"
    listing.write_text("Company,Priority\nElsewhere Ltd,High\n", encoding="utf-8")
    assert run("import", "targets", listing).exit_code == 0
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    rows = list(book["Outreach"].iter_rows(min_row=2, values_only=True))
    header = [c.value for c in book["Outreach"][1]]
    who = {r[header.index("Write to")] for r in rows}
    assert "Omar Vance" in who and "Sue Soy" not in who  # applied: in; followed only: waits
    targets = targets_sheet(book)
    assert targets["Soylent"]["Suggested"] == "followed since 2024"
    assert "Not in this plan" in targets["Soylent"]["Next step"]
    # the file lists no suggestion: none counted as "not in the file"
    again = run("import", "targets", listing)
    assert "not in targets.csv" not in again.output


def test_through_the_importer_when_it_reads_the_export(run, workspace, tmp_path):
    """The whole way: a hand-written export with Job Applications.csv (read today) and the
    other Jobs files (read once the export's other readers land)."""
    export = tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip"
    day = TODAY - timedelta(days=3)
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                         "Omar,Vance,https://www.linkedin.com/in/omar-vance,,Initech,Data Engineer,2 Feb 2022\n")
        archive.writestr("Jobs/Job Applications.csv",
                         "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
                         "Resume Name,Question And Answers\n"
                         f'"{day.month}/{day.day}/{day:%y}, 4:12 PM",me@example.com,,Initech,Data Engineer,'
                         "https://www.linkedin.com/jobs/view/1,cv.pdf,\n")
        archive.writestr("Jobs/Saved Jobs.csv", "Saved Date,Job Url,Job Title,Company Name\n"
                         f'"{day.month}/{day.day}/{day:%y}, 9:02 AM",https://www.linkedin.com/jobs/view/2,'
                         "Analyst,Globex\n")
        archive.writestr("Company Follows.csv", "Organization,Followed On\nSoylent,Mon Sep 21 19:46:42 UTC 2020\n")
    result = run("import", "linkedin", export)
    assert result.exit_code == 0, result.output
    listed = run("targets", "--suggested")
    assert listed.exit_code == 0
    assert f"applied {when(3)}: Data Engineer" in listed.output
    assert "Globex  ·  priority" in listed.output and "saved a job: Analyst" in listed.output
    assert "Soylent  ·  priority" in listed.output and "followed since 2020" in listed.output
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Omar Vance" in result.output
