"""What a user adds around the plan survives `outreach plan` run again over it: columns of their
own (with or without a header, named like one of the plan's), sheets they add, text typed
into the Summary, cell comments, and formulas, which stay formulas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.comments import Comment
from test_plan_edits import by_name, edit, plan, row_of, rows
from test_plan_edits import ws as ws  # noqa: F401  (the fixture)


def headers(out: Path, sheet: str = "Outreach") -> list[Any]:
    return [c.value for c in openpyxl.load_workbook(out)[sheet][1]]


def cell(out: Path, name: str, header: str, sheet: str = "Outreach"):
    """The cell of a person's row under a header."""
    book = openpyxl.load_workbook(out)
    ws = book[sheet]
    col = {c.value: c.column for c in ws[1]}
    return ws.cell(row_of(ws, col, name), col[header])


def test_own_columns_are_kept_with_or_without_a_header_and_renamed_when_they_clash(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)

    def change(sheet, col, _):
        first = sheet.max_column + 1
        for offset, header in enumerate((None, "notes", "Plan note", "Date sent")):
            sheet.cell(1, first + offset).value = header
            sheet.cell(row_of(sheet, col, "Rita Recruiter"), first + offset).value = f"mine {offset}"

    edit(out, change)
    for _ in range(2):
        plan(run, out)
        found = headers(out)
        assert found[-5:] == ["Your column", "notes (yours)", "Plan note (yours)", "Date sent", "Key"]
        assert "Notes" in found
        rita = by_name(out)["Rita Recruiter"]
        assert [rita[h] for h in found[-5:-1]] == ["mine 0", "mine 1", "mine 2", "mine 3"]
        assert rita["Notes"] is None


def test_a_sheet_the_user_added_is_kept_with_its_formulas_and_comments(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    book = openpyxl.load_workbook(out)
    mine = book.create_sheet("My log", 1)
    mine["A1"], mine["B1"], mine["A2"], mine["B2"] = "Calls", "Total", 3, 4
    mine["C2"] = "=A2+B2"
    mine["A3"] = "=1+2 is not a formula"
    mine["A3"].data_type = "s"
    mine["B2"].comment = Comment("counted on Friday", "Ana")
    book.save(out)
    for _ in range(2):
        result = plan(run, out)
        book = openpyxl.load_workbook(out)
        assert book.sheetnames[:3] == ["Summary", "My log", "Outreach"]
        mine = book["My log"]
        assert [[c.value for c in row] for row in mine.iter_rows()] == [
            ["Calls", "Total", None], [3, 4, "=A2+B2"], ["=1+2 is not a formula", None, None]]
        assert mine["C2"].data_type == "f" and mine["A3"].data_type == "s"
        assert mine["B2"].comment.text == "counted on Friday" and mine["B2"].comment.author == "Ana"
    assert "your sheet 'My log' (kept)" in result.output


def test_text_typed_into_the_summary_is_kept(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    book = openpyxl.load_workbook(out)
    summary = book["Summary"]
    assert summary["B4"].value is not None  # a fact the plan writes
    summary["C4"] = "my goal: 3 interviews"
    summary["B4"] = "I changed this"
    summary["C5"] = "=2*3"
    summary["C4"].comment = Comment("by March", "Ana")
    book.save(out)
    for _ in range(2):
        result = plan(run, out)
        summary = openpyxl.load_workbook(out)["Summary"]
        assert summary["C4"].value == "my goal: 3 interviews" and summary["C5"].value == "=2*3"
        assert summary["C4"].comment.text == "by March"
        assert summary["B4"].value != "I changed this"  # the plan writes its fact there again...
        text = [c.value for row in summary.iter_rows() for c in row]
        heading = text.index("Kept from your earlier Summary (the plan writes where it was)")
        assert "I changed this" in text[heading:]  # ...and the user's text is kept below
        assert text.count("I changed this") == 1
    assert "3 cells of the Summary" in result.output


def test_comments_and_formulas_follow_their_row(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)

    def change(sheet, col, book):
        rita = row_of(sheet, col, "Rita Recruiter")
        assert rita == 2
        sheet.cell(rita, col["Notes"]).comment = Comment("she prefers e-mail", "Ana")
        sheet.cell(1, col["Status"]).comment = Comment("my statuses", "Ana")
        extra = sheet.max_column + 1
        assert sheet.cell(1, extra - 1).value == "Key"
        sheet.cell(1, extra).value = "Rank x 10"
        sheet.cell(rita, extra).value = f"=A{rita}*10"
        sheet.cell(1, extra + 1).value = "Double"  # refers to the column before, which moves
        sheet.cell(rita, extra + 1).value = f"=U{rita}*2"
        assert sheet.cell(1, 21).value == "Rank x 10"
        sheet.cell(rita, col["Follow-up date"]).value = f"=R{rita}+30"  # Last contact + 30
        sheet.cell(rita, col["Status"]).value = "contacted"  # so Rita moves to the end

    edit(out, change)
    for _ in range(2):
        result = plan(run, out)
        notes = cell(out, "Rita Recruiter", "Notes")
        assert notes.row == 6 and notes.comment.text == "she prefers e-mail"
        assert cell(out, "Rita Recruiter", "Rank x 10").value == "=A6*10"
        assert headers(out)[19:22] == ["Rank x 10", "Double", "Key"]  # the Key is last now
        assert cell(out, "Rita Recruiter", "Double").value == "=T6*2"  # still "Rank x 10"
        assert cell(out, "Rita Recruiter", "Follow-up date").value == "=R6+30"
        status = openpyxl.load_workbook(out)["Outreach"]["H1"]
        assert status.value == "Status" and status.comment.text == "my statuses"
        assert [r["Write to"] for r in rows(out)][-1] == "Rita Recruiter"
    assert "3 formulas" in result.output and "2 comments" in result.output


@pytest.mark.parametrize("text", ["=1+1", "+49 30 1234", "@home", "-5 days"])
def test_text_that_looks_like_a_formula_stays_text_in_the_users_column(run, ws, tmp_path, text):
    out = tmp_path / "plan.xlsx"
    plan(run, out)

    def change(sheet, col, _):
        extra = sheet.max_column + 1
        sheet.cell(1, extra).value = "Phone"
        typed = sheet.cell(row_of(sheet, col, "Pete Peer"), extra)
        typed.value = text
        typed.data_type = "s"  # typed with a leading '

    edit(out, change)
    plan(run, out)
    kept = cell(out, "Pete Peer", "Phone")
    assert kept.value == text and kept.data_type == "s" and kept.quotePrefix
