"""The plan workbook's Groups sheet: the starter guide, then the catalogue's groups once imported."""

from __future__ import annotations

import openpyxl
from conftest import SAMPLE_DATA


def _import_sample(run):
    assert run("import", "linkedin", SAMPLE_DATA / "Basic_LinkedInDataExport_11-20-2026.zip").exit_code == 0
    assert run("import", "targets", SAMPLE_DATA / "targets.xlsx").exit_code == 0
    run("profile", "--home-city", "Austin, TX", "--no-relocate", "--hours", "10")


def test_without_a_catalogue_the_groups_sheet_holds_the_starter_guide(run, tmp_path):
    _import_sample(run)
    out = tmp_path / "plan.xlsx"
    assert run("plan", "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["Groups"]
    advice = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
    # the guide's kinds of group to find, after the events the sample's Events.csv lists
    assert advice.count("to find") >= 5
    assert set(advice) - {"to find"} <= {"you went", "registered", "declined"}
    assert advice.index("to find") == len(advice) - advice.count("to find")


def test_groups_sheet_and_budget_in_the_plan(run, tmp_path):
    _import_sample(run)
    assert run("import", "groups", SAMPLE_DATA / "groups.csv").exit_code == 0
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    ws = wb["Groups"]
    headers = [c.value for c in ws[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=False)) for row in ws.iter_rows(min_row=2)]
    recommended = [r for r in rows if r["Advice"] == "recommended"]
    assert recommended, "the sample catalogue should yield some recommendations"
    assert sum(r["Hours a month"] for r in recommended) <= 10 + 1e-9
    assert all("Visit first" in r["Checklist"] for r in recommended)
    # The summary states the time budget used.
    summary_text = [c.value for row in wb[wb.sheetnames[0]].iter_rows() for c in row if c.value]
    assert any("of 10" in str(v) for v in summary_text)

    # A status the user types into the Groups sheet survives the next plan.
    key_col, status_col = headers.index("Key") + 1, headers.index("Status") + 1
    ws.cell(row=2, column=status_col).value = "joined"
    key = ws.cell(row=2, column=key_col).value
    wb.save(out)
    assert run("plan", "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["Groups"]
    kept = {ws.cell(row=r, column=key_col).value: ws.cell(row=r, column=status_col).value
            for r in range(2, ws.max_row + 1)}
    assert kept[key] == "joined"
