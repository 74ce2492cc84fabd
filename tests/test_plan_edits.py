"""A week of a user's work in the plan workbook survives `outreach plan` run again over it.

Each test writes a plan with the CLI, edits the .xlsx as a person does (openpyxl: change cells,
delete rows, copy a row, add a column), plans again with the same -o and reads the cells back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from plan_data import days_ago, filled

KEY_PETE = "https://www.linkedin.com/in/pete-peer | Acme"


@pytest.fixture
def ws(workspace: Path, run) -> Path:
    f = filled(workspace)
    for name, priority in (("Acme", 1.0), ("Globex", 0.8), ("Initech", 0.6)):
        f.target(name, priority)
    f.contact("Rita Recruiter", "Acme", "Technical Recruiter", sent=3, received=4, last=days_ago(10))
    f.contact("Pete Peer", "Acme", "Data Engineer")
    f.contact("Gail Globe", "Globex", "Engineering Manager")
    f.contact("Ian Init", "Initech", "Data Analyst")
    f.contact("Ola Other", "Initech", "Engineer")
    f.conn.close()
    assert run("profile", "--messages-per-week", "2").exit_code == 0
    return workspace


def plan(run, out: Path, *args: Any):
    result = run("plan", "-o", out, *args)
    assert result.exit_code == 0, result.output
    return result


def rows(out: Path, sheet: str = "Outreach") -> list[dict[str, Any]]:
    values = list(openpyxl.load_workbook(out)[sheet].iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]
            if any(v is not None for v in row)]


def by_name(out: Path) -> dict[str, dict[str, Any]]:
    return {row["Write to"]: row for row in rows(out)}


def edit(out: Path, change) -> None:
    """Open, change, save: as a person does in Excel."""
    book = openpyxl.load_workbook(out)
    change(book["Outreach"], {c.value: c.column for c in book["Outreach"][1]}, book)
    book.save(out)


def row_of(sheet, col: dict[str, int], name: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, col["Write to"]).value == name)


def test_a_rewritten_message_and_a_corrected_position_are_kept_beside_the_plans_suggestion(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    suggested = by_name(out)["Rita Recruiter"]["Message"]

    def change(sheet, col, _):
        sheet.cell(row_of(sheet, col, "Rita Recruiter"), col["Message"]).value = "Hi Rita, my own words"
        sheet.cell(row_of(sheet, col, "Pete Peer"), col["Position"]).value = "Staff Data Engineer"
        sheet.cell(row_of(sheet, col, "Gail Globe"), col["Message"]).value = None  # cleared

    edit(out, change)
    for _ in range(2):  # and again: the user's values stay theirs on every later plan
        plan(run, out)
        people = by_name(out)
        rita, pete, gail, ian = (people[n] for n in ("Rita Recruiter", "Pete Peer", "Gail Globe", "Ian Init"))
        assert rita["Message"] == "Hi Rita, my own words"
        assert rita["Suggested message"] == suggested
        assert pete["Position"] == "Staff Data Engineer" and pete["Suggested position"] == "Data Engineer"
        assert gail["Message"] is None and gail["Suggested message"].startswith("Hi Gail")
        assert ian["Message"].startswith("Hi Ian") and ian["Suggested message"] is None
        header = list(rows(out)[0])
        assert header.index("Suggested message") == header.index("Message") + 1
        assert header.index("Suggested position") == header.index("Position") + 1


def test_the_plans_own_follow_up_dates_are_not_taken_for_the_users(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    first = by_name(out)
    assert first["Ola Other"]["Week"] == 3
    typed = dt.datetime(2030, 1, 15)

    def change(sheet, col, _):
        sheet.cell(row_of(sheet, col, "Ian Init"), col["Follow-up date"]).value = typed
        sheet.cell(row_of(sheet, col, "Rita Recruiter"), col["Status"]).value = "contacted"

    edit(out, change)
    assert run("profile", "--messages-per-week", "10").exit_code == 0
    for _ in range(2):
        plan(run, out)
        people = by_name(out)
        # everyone fits in week 1 now: the plan's own dates follow, the typed one stays
        assert people["Ola Other"]["Week"] == 1
        assert people["Ola Other"]["Follow-up date"] == people["Pete Peer"]["Follow-up date"]
        assert people["Ola Other"]["Follow-up date"] < first["Ola Other"]["Follow-up date"]
        assert people["Ian Init"]["Follow-up date"] == typed
        assert people["Rita Recruiter"]["Status"] == "contacted"
        assert people["Rita Recruiter"]["Week"] is None  # no new message to someone contacted


def test_a_status_put_back_to_the_plans_value_is_the_plans_again(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    edit(out, lambda s, c, _: setattr(s.cell(row_of(s, c, "Pete Peer"), c["Status"]), "value", "replied"))
    plan(run, out)
    assert by_name(out)["Pete Peer"]["Week"] is None
    edit(out, lambda s, c, _: setattr(s.cell(row_of(s, c, "Pete Peer"), c["Status"]), "value", "to contact"))
    plan(run, out)
    assert by_name(out)["Pete Peer"]["Week"] == 1


def delete_row(name: str):
    def change(sheet, col, _):
        sheet.delete_rows(row_of(sheet, col, name))
    return change


def test_a_deleted_row_stays_deleted_until_restored(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    edit(out, delete_row("Pete Peer"))
    result = plan(run, out)
    assert "Pete Peer" not in by_name(out)
    assert "Gail Globe" in by_name(out) and by_name(out)["Gail Globe"]["Week"] == 1  # Pete's slot
    assert "1 deleted row" in result.output
    assert ("Left out 1 row you deleted (Pete Peer (Acme)); to bring one back: "
            "outreach plan --restore 'Pete Peer'") in result.output
    result = plan(run, out)  # and on the next plan too, still said
    assert "Pete Peer" not in by_name(out) and "Left out 1 row you deleted" in result.output
    assert "deleted row" not in result.output.split("Read back")[1].split("\n")[0]

    result = run("plan", "-o", out, "--restore", "nobody")
    assert result.exit_code == 1 and "Pete Peer (Acme)" in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    result = plan(run, out, "--restore", "pete peer")
    assert "Brought back Pete Peer (Acme)" in result.output and "Left out" not in result.output
    assert by_name(out)["Pete Peer"]["Key"] == KEY_PETE


def test_copies_of_a_row_are_merged_with_the_edits_of_each(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)

    def change(sheet, col, _):
        for name, first, second in (("Rita Recruiter", ("replied", "Call on Friday"), (None, "Sent my CV")),
                                    ("Gail Globe", ("meeting", None), ("replied", None))):
            r = row_of(sheet, col, name)
            copy = sheet.max_row + 1
            for c in range(1, sheet.max_column + 1):
                sheet.cell(copy, c).value = sheet.cell(r, c).value
            for row, (status, notes) in ((r, first), (copy, second)):
                if status:
                    sheet.cell(row, col["Status"]).value = status
                sheet.cell(row, col["Notes"]).value = notes

    edit(out, change)
    result = plan(run, out)
    assert "2 copied rows (merged)" in result.output
    found = rows(out)
    assert [r["Write to"] for r in found].count("Rita Recruiter") == 1
    people = by_name(out)
    assert people["Rita Recruiter"]["Status"] == "replied"
    assert people["Rita Recruiter"]["Notes"] == "Call on Friday\nSent my CV"
    assert people["Gail Globe"]["Status"] == "meeting"
    assert people["Gail Globe"]["Plan note"] == "A copy of this row also had Status: replied"


def test_a_row_leaving_the_plan_with_only_a_follow_up_date_is_kept(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out, "--top", "3")
    typed = dt.datetime(2030, 2, 1)
    edit(out, lambda s, c, _: setattr(s.cell(row_of(s, c, "Gail Globe"), c["Follow-up date"]), "value", typed))
    plan(run, out, "--top", "1")
    people = by_name(out)
    assert set(people) == {"Rita Recruiter", "Gail Globe"}  # Pete: untouched, gone
    assert people["Gail Globe"]["Follow-up date"] == typed
    assert "no longer in this plan" in people["Gail Globe"]["Plan note"]
    plan(run, out, "--top", "1")  # kept again: the date is still the user's
    assert by_name(out)["Gail Globe"]["Follow-up date"] == typed


def test_a_re_run_says_what_it_read_back(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    result = plan(run, out)
    assert "Read back" not in result.output  # nothing to read the first time

    def change(sheet, col, _):
        for name, status in (("Rita Recruiter", "contacted"), ("Gail Globe", "replied")):
            sheet.cell(row_of(sheet, col, name), col["Status"]).value = status
        sheet.cell(row_of(sheet, col, "Gail Globe"), col["Notes"]).value = "Coffee on Tuesday"
        sheet.cell(row_of(sheet, col, "Ian Init"), col["Follow-up date"]).value = dt.datetime(2030, 1, 1)
        extra = sheet.max_column + 1
        sheet.cell(1, extra).value = "Date sent"
        sheet.cell(row_of(sheet, col, "Rita Recruiter"), extra).value = dt.datetime(2026, 3, 1)
        sheet.delete_rows(row_of(sheet, col, "Ola Other"))
        sheet.cell(sheet.max_row + 1, col["Write to"]).value = "Someone I met"

    edit(out, change)
    result = plan(run, out)
    assert ("Read back plan.xlsx: 2 statuses, 1 follow-up date, 1 note, 1 added row, 1 deleted row, "
            "your column 'Date sent' (kept).") in result.output
    result = plan(run, out)
    assert ("Read back plan.xlsx: 2 statuses, 1 follow-up date, 1 note, 1 added row, "
            "your column 'Date sent' (kept).") in result.output


def summary_lines(out: Path) -> list[str]:
    return [str(v) for row in openpyxl.load_workbook(out)["Summary"].iter_rows(values_only=True)
            for v in row if v is not None]


def test_a_row_marked_sent_is_followed_up_after_the_gap_and_listed_in_the_summary(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    assert by_name(out)["Ola Other"]["Week"] == 3  # its planned follow-up is weeks away
    today = dt.date.today()
    overdue = dt.datetime.combine(today - dt.timedelta(days=3), dt.time())

    def change(sheet, col, _):
        sheet.cell(row_of(sheet, col, "Ola Other"), col["Status"]).value = "Sent"
        sheet.cell(row_of(sheet, col, "Ian Init"), col["Status"]).value = "Answered"
        sheet.cell(row_of(sheet, col, "Ian Init"), col["Follow-up date"]).value = overdue

    edit(out, change)
    for _ in range(2):  # the date set when it was marked does not move on later plans
        plan(run, out)
        people = by_name(out)
        ola, ian = people["Ola Other"], people["Ian Init"]
        assert ola["Status"] == "Sent" and ola["Week"] is None
        assert ola["Follow-up date"].date() == today + dt.timedelta(days=7)
        assert ian["Status"] == "Answered" and ian["Follow-up date"] == overdue
        lines = summary_lines(out)
        assert "Due this week" in lines and "In progress" in lines
        assert any(line.startswith("Follow up with Ola Other (Initech, Sent): on ") for line in lines)
        assert (f"Follow up with Ian Init (Initech, Answered): overdue since "
                f"{overdue.day} {overdue:%b}") in lines
        assert any(line.startswith("Ian Init (Initech): Answered") for line in lines)
        steps = {row["Target"]: row["Next step"] for row in rows(out, "Targets")}
        assert steps["Initech"].startswith("Ian replied: follow up (overdue since")


def test_follow_up_dates_typed_as_people_type_them_are_read_as_dates(run, ws, tmp_path):
    """Issue 13: "Dec 10" or 15/12/2026 typed as text, or a day number as LibreOffice stores a
    date typed into a General cell, are dates: kept as dates and used by the plan."""
    import datetime as dt

    out = tmp_path / "plan.xlsx"
    plan(run, out)
    year = dt.date.today().year + (1 if dt.date.today().month == 12 else 0)

    def change(sheet, col, _):
        for name, typed in (("Rita Recruiter", "Dec 10"), ("Pete Peer", f"15/12/{year}"),
                            ("Gail Globe", (dt.date(year, 12, 8) - dt.date(1899, 12, 30)).days)):
            r = row_of(sheet, col, name)
            sheet.cell(r, col["Status"]).value = "contacted"
            sheet.cell(r, col["Follow-up date"]).value = typed

    edit(out, change)
    for _ in range(2):
        plan(run, out)
        people = by_name(out)
        assert people["Pete Peer"]["Follow-up date"] == dt.datetime(year, 12, 15)
        assert people["Gail Globe"]["Follow-up date"] == dt.datetime(year, 12, 8)
        assert people["Rita Recruiter"]["Follow-up date"].month == 12
        assert people["Rita Recruiter"]["Follow-up date"].day == 10


def test_as_date_reads_dates_as_people_type_them():
    import datetime as dt

    from outreach.workbook.values import as_date

    today = dt.date(2026, 11, 30)
    assert as_date("Dec 10", today) == dt.date(2026, 12, 10)
    assert as_date("Jan 5", today) == dt.date(2027, 1, 5)  # the next one, not last January
    assert as_date("15/12/2026", today) == as_date("12/15/2026", today) == dt.date(2026, 12, 15)
    assert as_date("10th Dec 2026", today) == dt.date(2026, 12, 10)
    assert as_date(46364, today) == dt.date(2026, 12, 8)  # a date in a General cell
    assert as_date("5/6/2026", today) == "5/6/2026"  # May or June? Left as typed
    assert as_date("next week", today) == "next week" and as_date(3, today) == 3


def test_a_corrected_position_is_the_one_the_summary_and_targets_speak_of(run, ws, tmp_path):
    """Issue 13: the user corrected a Position in the Outreach sheet; the Summary's "Write to …"
    line and the Targets sheet's best contact say the corrected one."""
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    first = rows(out)[0]

    def change(sheet, col, _):
        sheet.cell(row_of(sheet, col, first["Write to"]), col["Position"]).value = "Head of Talent (corrected)"

    edit(out, change)
    plan(run, out)
    book = openpyxl.load_workbook(out)
    summary = [str(v) for row in book["Summary"].iter_rows(values_only=True) for v in row if v]
    assert any(t.startswith(f"Write to {first['Write to']}, Head of Talent (corrected) at") for t in summary)
    targets = {r["Target"]: r for r in rows(out, "Targets")}
    assert targets[first["Target"]]["Best contact"] == f"{first['Write to']} (Head of Talent (corrected))"
    assert by_name(out)[first["Write to"]]["Position"] == "Head of Talent (corrected)"  # kept, as before


def test_a_cleared_follow_up_date_on_a_row_marked_contacted_is_written_once_and_stays(run, ws, tmp_path):
    """Issue 13: marked contacted with the date cleared: the plan writes the date (contacted day
    + the gap), says so in the Plan note, and the date does not slide on later plans."""
    import datetime as dt

    out = tmp_path / "plan.xlsx"
    plan(run, out)

    def change(sheet, col, _):
        r = row_of(sheet, col, "Pete Peer")
        sheet.cell(r, col["Status"]).value = "contacted"
        sheet.cell(r, col["Follow-up date"]).value = None

    edit(out, change)
    plan(run, out)
    pete = by_name(out)["Pete Peer"]
    written = pete["Follow-up date"]
    assert written == dt.datetime.combine(dt.date.today() + dt.timedelta(days=7), dt.time())
    assert pete["Plan note"].startswith("Follow-up date set by the plan:")
    plan(run, out)
    assert by_name(out)["Pete Peer"]["Follow-up date"] == written


def test_a_row_added_by_hand_with_a_follow_up_date_is_due_in_the_summary(run, ws, tmp_path):
    """Issue 13: a person the user met elsewhere, added as a row with a follow-up date."""
    import datetime as dt

    out = tmp_path / "plan.xlsx"
    plan(run, out)
    soon = dt.date.today() + dt.timedelta(days=3)

    def change(sheet, col, _):
        r = sheet.max_row + 1
        sheet.cell(r, col["Write to"]).value = "Someone I met"
        sheet.cell(r, col["Target"]).value = "Acme"
        sheet.cell(r, col["Status"]).value = "contacted"
        sheet.cell(r, col["Follow-up date"]).value = dt.datetime.combine(soon, dt.time())

    edit(out, change)
    plan(run, out)
    summary = [str(v) for row in openpyxl.load_workbook(out)["Summary"].iter_rows(values_only=True)
               for v in row if v]
    assert f"Follow up with Someone I met (Acme, contacted): on {soon.day} {soon:%b}" in summary
