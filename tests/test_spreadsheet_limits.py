"""Spreadsheets the reader cannot survive: a value in the sheet's last cell (XFD1048576), or a
date-styled number no calendar holds, become one line naming the sheet and the cell."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from outreach.errors import InputError
from outreach.imports.tabular import read_table_file

HEADERS = {"targets": ["Company", "Priority", "Added"], "groups": ["Name", "City", "Cost"]}
FIRST = {"targets": ["Acme", 3], "groups": ["Tech Meetup", "Berlin"]}


def sheet_file(path: Path, command: str, *, cells: dict[str, object] | None = None,
               date: float | None = None) -> Path:
    """A one-sheet workbook 'Lists' for ``command``, a second row ending in ``date`` as a
    date-styled number, and ``cells`` written where they say."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Lists"
    sheet.append(HEADERS[command])
    sheet.append([*FIRST[command], "free" if date is None else date])
    if date is not None:
        sheet["C2"].number_format = "yyyy-mm-dd"
    for ref, value in (cells or {}).items():
        sheet[ref] = value
    book.save(path)
    return path


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    return result.stderr


@pytest.mark.parametrize("command", ["targets", "groups"])
def test_a_value_in_the_last_cell_is_one_line_naming_it(run, workspace, tmp_path, command):
    good = sheet_file(tmp_path / "good.xlsx", command)
    assert run("import", command, good).exit_code == 0
    before = (workspace / "outreach.db").read_bytes()
    far = sheet_file(tmp_path / "far.xlsx", command, cells={"XFD1048576": "x"})
    error = one_line_error(run("import", command, far))
    assert "far.xlsx: sheet 'Lists' has a value in XFD1048576" in error
    assert (workspace / "outreach.db").read_bytes() == before


def test_two_far_cells_are_both_named(tmp_path):
    path = sheet_file(tmp_path / "far.xlsx", "targets", cells={"XFD1": "x", "A1048576": "y"})
    with pytest.raises(InputError, match="sheet 'Lists' has a value in XFD1 and A1048576"):
        read_table_file(path.read_bytes(), path.name)


@pytest.mark.parametrize("command", ["targets", "groups"])
def test_an_impossible_date_is_one_line_naming_the_cell(run, workspace, tmp_path, command):
    path = sheet_file(tmp_path / "dates.xlsx", command, date=-1e16)
    error = one_line_error(run("import", command, path))
    assert "dates.xlsx: cell C2 of sheet 'Lists' holds a date no calendar has" in error
    assert not workspace.exists()


def test_a_far_cell_does_not_abort_a_real_process(tmp_path):
    # calamine aborts the whole process (exit 134) when it cannot allocate the area: only a
    # real process shows that the check comes first
    path = sheet_file(tmp_path / "far.xlsx", "targets", cells={"XFD1048576": "x"})
    dates = sheet_file(tmp_path / "dates.xlsx", "targets", date=-1e16)
    for bad, said in ((path, "XFD1048576"), (dates, "cell C2")):
        result = subprocess.run(
            [sys.executable, "-m", "outreach", "--workspace", str(tmp_path / "ws"),
             "import", "targets", str(bad)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 1, result.stderr[-500:]
        assert result.stderr.count("\n") == 1 and said in result.stderr
        assert "panicked" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("chunk", [7, 64, 1000])
def test_the_check_reads_a_sheet_in_chunks_without_losing_a_cell(tmp_path, monkeypatch, chunk):
    from outreach import sheetguard

    monkeypatch.setattr(sheetguard, "_CHUNK", chunk)
    far = sheet_file(tmp_path / "far.xlsx", "targets", cells={"XFD1048576": "x"})
    with pytest.raises(InputError, match="has a value in XFD1048576"):
        read_table_file(far.read_bytes(), far.name)
    dates = sheet_file(tmp_path / "dates.xlsx", "targets", date=1e10)
    with pytest.raises(InputError, match="cell C2 of sheet 'Lists' holds a date no calendar has"):
        read_table_file(dates.read_bytes(), dates.name)
    fine = sheet_file(tmp_path / "fine.xlsx", "targets", date=46000, cells={"J500": 1e12})
    assert read_table_file(fine.read_bytes(), fine.name).sheets["Lists"][1][:3] == [
        "Acme", "3", "2025-12-09"]


def test_a_far_cell_typed_into_the_plan_is_named_and_does_not_abort_the_next_plan(run, workspace, tmp_path):
    """Issue 14: a value the user typed in XFD1048576 of the Outreach sheet; the next plan reads
    the workbook back in a real process: one line naming the cell, not a native crash."""
    import openpyxl
    from plan_data import filled

    f = filled(workspace)
    f.target("Acme", 1.0, text="High")
    f.contact("Pete Peer", "Acme", "Data Engineer")
    f.conn.close()
    out = tmp_path / "plan.xlsx"
    assert run("plan", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    book["Outreach"]["XFD1048576"] = "typed far away"
    book.save(out)
    result = subprocess.run([sys.executable, "-m", "outreach", "--workspace", str(workspace), "plan", "-o", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr[-500:]
    assert "sheet 'Outreach' has a value in XFD1048576" in result.stderr and "panicked" not in result.stderr
    assert result.stderr.count("\n") == 1


def ods_file(path: Path, far: bool) -> Path:
    """A one-sheet .ods as LibreOffice writes one: empty rows and cells repeated to the sheet's
    end (which are not values), and, when ``far``, one value in XFD1048576."""
    import zipfile

    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    rows = [f"<table:table-row>{cell.format('Company')}{cell.format('Priority')}"
            '<table:table-cell table:number-columns-repeated="16382"/></table:table-row>',
            f"<table:table-row>{cell.format('Acme')}{cell.format('3')}"
            '<table:table-cell table:number-columns-repeated="16382"/></table:table-row>']
    if far:
        rows.append('<table:table-row table:number-rows-repeated="1048573">'
                    '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
        rows.append('<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
                    f"{cell.format('x')}</table:table-row>")
    else:
        rows.append('<table:table-row table:number-rows-repeated="1048574">'
                    '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
               f'xmlns:table="{table}" xmlns:text="{text}" office:version="1.3"><office:body>'
               f'<office:spreadsheet><table:table table:name="Lists">{"".join(rows)}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml",
                         '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                         '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                         '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                         'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                         "</manifest:manifest>")
    return path


def test_a_far_value_in_an_ods_is_one_line_naming_it(run, workspace, tmp_path):
    """Issue 14: an .ods too; rows and cells repeated empty to the sheet's end are no values."""
    fine = read_table_file(ods_file(tmp_path / "fine.ods", far=False).read_bytes(), "fine.ods")
    assert fine.sheets["Lists"][1][:2] == ["Acme", "3"]
    result = run("import", "targets", ods_file(tmp_path / "far.ods", far=True))
    line = one_line_error(result)
    assert "far.ods: sheet 'Lists' has a value in XFD1048576, far outside any list" in line
