"""The sentence a re-plan prints about what it read back counts only what the user changed:
never a value the plan wrote itself, on any of its sheets."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from conftest import SAMPLE_DATA
from test_plan_edits import plan, row_of


def _readme_workspace(run) -> None:
    """The README's "try it" commands, up to the plan."""
    for args in (("linkedin", SAMPLE_DATA / "older" / "Basic_LinkedInDataExport_05-14-2026.zip"),
                 ("linkedin", SAMPLE_DATA / "Basic_LinkedInDataExport_11-20-2026.zip"),
                 ("linkedin", "--owner", "Dana Whitfield", SAMPLE_DATA / "friend-dana"),
                 ("targets", SAMPLE_DATA / "targets.xlsx"), ("groups", SAMPLE_DATA / "groups.csv")):
        result = run("import", *args)
        assert result.exit_code == 0, result.output
    result = run("profile", "--name", "Alex Moreno", "--home-city", "Austin, TX",
                 "--roles", "data engineer, analytics engineer", "--hours", "10")
    assert result.exit_code == 0, result.output


def _edit(out: Path) -> None:
    """One status and a message on the first row, a note on the second: the user's three."""
    book = openpyxl.load_workbook(out)
    groups = [row for row in book["Groups"].iter_rows(min_row=2, values_only=True)]
    assert {"to visit", "not now"} <= {row[15] for row in groups}  # the plan writes both
    sheet = book["Outreach"]
    col = {c.value: c.column for c in sheet[1]}
    first, second = (sheet.cell(r, col["Write to"]).value for r in (2, 3))
    sheet.cell(row_of(sheet, col, first), col["Status"]).value = "contacted"
    sheet.cell(row_of(sheet, col, first), col["Message"]).value = "Hi, my own words"
    sheet.cell(row_of(sheet, col, second), col["Notes"]).value = "Met at the meetup"
    book.save(out)


def test_the_plans_own_group_statuses_are_not_counted_as_the_users(run, tmp_path: Path):
    _readme_workspace(run)
    out = tmp_path / "outreach-plan.xlsx"
    plan(run, out)
    _edit(out)
    for _ in range(2):  # and the plan after that, which read the first's own values back
        result = plan(run, out)
        assert "Read back outreach-plan.xlsx: 1 message, 1 status, 1 note." in result.output


def test_a_workbook_nothing_is_remembered_of_keeps_the_plans_values_the_plans(
        run, workspace: Path, tmp_path: Path):
    """The README's plan left in its folder, then tried again in a fresh workspace: the plan
    remembers nothing of that workbook, so it reads it by the editable columns; the Groups
    sheet's "to visit" it writes itself are still not the user's, then or on any later plan."""
    _readme_workspace(run)
    out = tmp_path / "outreach-plan.xlsx"
    plan(run, out)
    _edit(out)
    shutil.rmtree(workspace)
    _readme_workspace(run)
    said = [plan(run, out).output.splitlines()[0] for _ in range(3)]
    # without memory, the Message column (not editable) is read as the plan's
    assert said[0] == "Read back outreach-plan.xlsx: 1 status, 1 note."
    # later plans remember: still the one status (the follow-up dates beside the user's status
    # and note were taken as theirs by the rule for workbooks nothing is remembered of)
    assert all(line.endswith(" 1 status, 1 note.") for line in said[1:]), said
