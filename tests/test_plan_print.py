"""The plan prints: page setup, print titles, print areas, frozen panes, row heights, the
Summary's layout and number formats, read back with openpyxl from a plan written with the CLI."""

from __future__ import annotations

import openpyxl
import pytest
from plan_data import days_ago, filled


@pytest.fixture
def plan(run, workspace, tmp_path):
    f = filled(workspace)
    f.target("Acme", 1.0, text="High")
    f.target("Initech", 0.8, text="High")
    f.target("Nobody Corp", 0.9, text="High")
    f.contact("Rita Recruiter", "Acme", "Technical Recruiter", sent=3, received=4, last=days_ago(10))
    f.contact("Pete Peer", "Acme Inc.", "Data Engineer")
    f.contact("Ivy Init", "Initech", "Engineering Manager")
    f.conn.close()
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def headers(ws):
    return [c.value for c in ws[1]]


def test_every_sheet_is_landscape_and_one_page_wide(plan):
    for ws in plan.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title


@pytest.mark.parametrize("name", ["Outreach", "Targets", "Review"])
def test_list_sheets_repeat_the_header_and_print_the_columns_people_read(plan, name):
    ws = plan[name]
    assert ws.print_title_rows.replace("$", "") == "1:1"
    (area,) = ws.print_area if isinstance(ws.print_area, list) else [ws.print_area]
    first, last = area.replace("$", "").split("!")[-1].split(":")
    assert first == "A1"
    letters = "".join(ch for ch in last if ch.isalpha())
    printed = headers(ws)[:openpyxl.utils.column_index_from_string(letters)]
    assert "Key" not in printed and "Score details" not in printed
    if name == "Outreach":
        assert {"Write to", "About", "Message", "Status", "Notes"} <= set(printed)
    assert int(last[len(letters):]) == max(2, ws.max_row)


def test_panes_frozen_at_the_name_column(plan):
    assert plan["Outreach"].freeze_panes == "D2"  # Rank, Week, Name stay in view
    assert headers(plan["Outreach"])[2] == "Write to"
    assert plan["Targets"].freeze_panes == "B2"
    assert plan["Review"].freeze_panes == "B2"


def test_rows_with_wrapped_text_have_a_height_for_their_lines(plan):
    """Estimated from the printed wrap columns (not Score details) and their widths."""
    ws = plan["Outreach"]
    wrapped = [headers(ws).index(h) + 1 for h in ("About", "Message", "Notes")]
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width for j in wrapped]
    tall = 0
    for r in range(2, ws.max_row + 1):
        assert ws.cell(r, wrapped[1]).value
        lines = max(sum(max(1, -(-len(p) // int(width - 1))) for p in text.split("\n"))
                    for j, width in zip(wrapped, widths, strict=True)
                    if (text := ws.cell(r, j).value))
        height = ws.row_dimensions[r].height
        assert height == min(lines, 10) * 15.0, r
        assert ws.row_dimensions[r].customHeight
        tall += height > 15
    assert tall


def test_text_lines():
    from outreach.workbook.rows import text_lines

    assert text_lines("a" * 10, 10) == 1
    assert text_lines("a" * 11, 10) == 2
    assert text_lines("a\n\nb" + "c" * 20, 10) == 1 + 1 + 3


def test_summary_labels_fit_and_numbers_have_their_formats(plan):
    ws = plan["Summary"]
    facts = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(1, ws.max_row + 1)}
    longest = max(len(str(v)) for v, c in facts.items() if v and c.value is not None)
    assert ws.column_dimensions["A"].width >= longest
    coverage = facts["Coverage of your targets"]
    assert coverage.value == pytest.approx(2 / 3) and coverage.number_format == "0%"
    assert facts["Target employers"].value == 3
    assert facts["Target employers"].number_format in ("0", "General")
    label = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Label"][0]
    counts = [ws.cell(r, 2) for r in range(label + 1, ws.max_row + 1) if ws.cell(r, 2).value]
    assert counts and all(type(c.value) is int and c.number_format == "0" for c in counts)
