"""A workbook that lost what outreach relies on is still read back: the Key column (deleted,
or the row found by Profile and Target instead), the hidden description (re-saved by pandas).
--force only skips the checks that protect the user; what it can read is kept, and a file it
cannot read at all is moved aside, never lost.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.comments import Comment
from test_plan_edits import by_name, edit, plan, row_of, rows
from test_plan_edits import ws as ws  # noqa: F401  (the fixture)
from test_workbook_kept import cell as cell_of


def mark_rita(sheet, col, _) -> None:
    r = row_of(sheet, col, "Rita Recruiter")
    sheet.cell(r, col["Status"]).value = "replied"
    sheet.cell(r, col["Notes"]).value = "Call on Friday"


def test_the_key_column_is_last_and_greyed(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    for name in ("Outreach", "Review"):
        sheet = openpyxl.load_workbook(out)[name]
        key = sheet.cell(1, sheet.max_column)
        assert key.value == "Key" and key.font.color.rgb == "007F7F7F"
    sheet = openpyxl.load_workbook(out)["Outreach"]
    assert sheet.cell(2, sheet.max_column).font.color.rgb == "007F7F7F"


def test_a_lost_key_column_falls_back_to_profile_and_target(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)

    def change(sheet, col, book):
        mark_rita(sheet, col, book)
        sheet.delete_cols(col["Key"])

    edit(out, change)
    result = plan(run, out)
    assert "1 status, 1 note" in result.output
    found = rows(out)
    assert len(found) == 5 and list(found[0])[-1] == "Key"  # no row twice, the Key back
    rita = by_name(out)["Rita Recruiter"]
    assert (rita["Status"], rita["Notes"], rita["Week"]) == ("replied", "Call on Friday", None)
    assert rita["Key"] == "https://www.linkedin.com/in/rita-recruiter | Acme"


def test_a_workbook_re_saved_by_pandas_is_read_back_through_the_plans_sheets(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    sheets = pd.read_excel(out, sheet_name=None, engine="calamine")
    outreach = sheets["Outreach"] = sheets["Outreach"].astype(object)
    outreach.loc[outreach["Write to"] == "Rita Recruiter", ["Status", "Notes"]] = ["replied", "Call on Friday"]
    with pd.ExcelWriter(out) as writer:  # no custom document properties, no tables, no styles
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    assert not openpyxl.load_workbook(out).custom_doc_props.props
    for _ in range(2):
        result = plan(run, out)
        assert "1 status, 1 note" in result.output
        rita = by_name(out)["Rita Recruiter"]
        assert (rita["Status"], rita["Notes"]) == ("replied", "Call on Friday")
        assert by_name(out)["Pete Peer"]["Status"] == "to contact"


def test_without_force_a_sheet_that_cannot_name_its_rows_stops_and_with_force_edits_are_kept(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)

    def change(sheet, col, book):
        mark_rita(sheet, col, book)
        for header in sorted(("Key", "Profile"), key=col.get, reverse=True):
            sheet.delete_cols(col[header])

    edit(out, change)
    before = out.read_bytes()
    result = run("plan", "-o", out)
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "lost its 'Key' column" in result.output and "--force" in result.output
    assert out.read_bytes() == before

    result = plan(run, out, "--force")
    found = rows(out)
    assert [r["Write to"] for r in found].count("Rita Recruiter") == 2  # the plan's and the kept one
    kept = next(r for r in found if r["Status"] == "replied")
    assert kept["Notes"] == "Call on Friday" and "no longer in this plan" in kept["Plan note"]
    assert len(found) == 6  # the untouched rows are not kept twice


def test_force_writes_over_a_lock_file_and_keeps_the_edits(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)
    edit(out, mark_rita)
    (tmp_path / ".~lock.plan.xlsx#").write_text("a crashed LibreOffice left this")
    result = run("plan", "-o", out)
    assert result.exit_code == 1 and "open in Excel or LibreOffice" in result.output
    plan(run, out, "--force")
    assert by_name(out)["Rita Recruiter"]["Notes"] == "Call on Friday"


def test_force_moves_an_unreadable_workbook_aside(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"PK\x03\x04 half a workbook")
    result = plan(run, out, "--force")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("plan (unreadable, ")]
    assert len(aside) == 1 and aside[0].read_bytes() == b"PK\x03\x04 half a workbook"
    assert f"it is kept as {aside[0].name}" in result.output
    assert openpyxl.load_workbook(out).sheetnames[0] == "Summary"


def test_force_over_a_workbook_outreach_did_not_write_keeps_its_sheets(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "My budget"
    book.active["A1"], book.active["B1"] = "Rent", 1200
    book.save(out)
    result = run("plan", "-o", out)
    assert result.exit_code == 1 and "not written by outreach" in result.output
    result = plan(run, out, "--force")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Summary", "My budget"]
    assert [c.value for c in book["My budget"][1]] == ["Rent", 1200]
    assert "your sheet 'My budget' (kept)" in result.output


def test_a_symlinked_output_is_written_through(run, ws, tmp_path):
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "plan.xlsx"
    link = tmp_path / "plan.xlsx"
    plan(run, real)
    link.symlink_to(real)
    edit(link, mark_rita)
    plan(run, link)
    assert link.is_symlink() and link.resolve() == real
    assert by_name(real)["Rita Recruiter"]["Notes"] == "Call on Friday"
    assert sorted(p.name for p in synced.iterdir()) == ["plan.xlsx"]


def test_an_output_that_is_not_xlsx(run, ws, tmp_path):
    result = run("plan", "-o", tmp_path / "plan.xslx")
    assert result.exit_code == 2 and ".xlsx" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "plan.xslx").exists()
    result = plan(run, tmp_path / "plan")  # a missing extension is added
    assert (tmp_path / "plan.xlsx").exists() and not (tmp_path / "plan").exists()
    assert "plan.xlsx" in result.output


def sheet_names(path: Path) -> list[str]:
    return openpyxl.load_workbook(path).sheetnames


def open_formula(excel: str) -> str:
    """"=A2*2" as LibreOffice writes it in an .ods: "of:=[.A2]*2" (simple references only)."""
    import re

    return "of:" + re.sub(r"\$?[A-Z]+\$?\d+", lambda m: f"[.{m.group()}]", excel).replace(",", ";")


def save_as_ods(xlsx: Path, ods: Path) -> None:
    """What LibreOffice's "Save as .ods" gives, reduced to what a reader sees: every sheet's
    values, formulas (in OpenFormula) and comments, and the custom document properties as
    user-defined ones in meta.xml (checked by hand with soffice --convert-to ods: it keeps
    them)."""
    import datetime as dt
    import zipfile
    from xml.sax.saxutils import escape, quoteattr

    book = openpyxl.load_workbook(xlsx)
    tables = []
    for sheet in book.worksheets:
        out_rows = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                value = cell.value
                note = (f"<office:annotation><dc:creator>{escape(cell.comment.author)}</dc:creator>"
                        f"<text:p>{escape(cell.comment.text)}</text:p></office:annotation>"
                        if cell.comment else "")
                if cell.data_type == "f":
                    cells.append(f"<table:table-cell table:formula={quoteattr(open_formula(value))} "
                                 f'office:value-type="float" office:value="0">{note}</table:table-cell>')
                elif value is None:
                    cells.append(f"<table:table-cell>{note}</table:table-cell>")
                elif isinstance(value, bool) or not isinstance(value, (int, float, dt.date)):
                    cells.append(f'<table:table-cell office:value-type="string"><text:p>'
                                 f"{escape(str(value))}</text:p></table:table-cell>")
                elif isinstance(value, dt.date):
                    day = value.date() if isinstance(value, dt.datetime) else value
                    cells.append(f'<table:table-cell office:value-type="date" '
                                 f'office:date-value="{day.isoformat()}"/>')
                else:
                    cells.append(f'<table:table-cell office:value-type="float" '
                                 f'office:value="{value!r}"/>')
            out_rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        tables.append(f"<table:table table:name={quoteattr(sheet.title)}>{''.join(out_rows)}"
                      "</table:table>")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
               'office:version="1.3"><office:body><office:spreadsheet>'
               f"{''.join(tables)}</office:spreadsheet></office:body></office:document-content>")
    props = "".join(f'<meta:user-defined meta:name={quoteattr(p.name)}>{escape(p.value)}'
                    "</meta:user-defined>" for p in book.custom_doc_props)
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns}>'
            f"<office:meta>{props}</office:meta></office:document-meta>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument'
                '.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
        archive.writestr("META-INF/manifest.xml", manifest)


def test_a_plan_saved_as_ods_is_read_back_and_written_beside_it_as_xlsx(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan(run, out)

    def change(sheet, col, book):
        mark_rita(sheet, col, book)
        pete = row_of(sheet, col, "Pete Peer")
        sheet.cell(pete, col["Message"]).value = "my own words"
        sheet.cell(pete, col["Notes"]).comment = Comment("prefers e-mail", "Ana")
        sheet.cell(1, sheet.max_column + 1).value = "Twice rank"
        sheet.cell(pete, sheet.max_column).value = f"=A{pete}*2"

    edit(out, change)
    save_as_ods(out, tmp_path / "plan.ods")
    out.unlink()  # the user kept only the .ods
    for name in ("plan.ods", "plan.xlsx"):  # -o names either: the .xlsx is written
        result = plan(run, tmp_path / name)
        assert ("Read back plan.ods: 1 message, 1 status, 1 note, 1 formula, 1 comment, "
                "your column 'Twice rank' (kept).") in result.output
        assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["plan.ods", "plan.xlsx"]
        if name == "plan.ods":  # the .ods the user named is not updated: said so
            assert "work in plan.xlsx from now on (plan.ods is not updated)" in result.output
        people = by_name(out)
        assert (people["Rita Recruiter"]["Status"], people["Rita Recruiter"]["Notes"]) == (
            "replied", "Call on Friday")
        assert people["Pete Peer"]["Message"] == "my own words"
        assert people["Pete Peer"]["Suggested message"].startswith("Hi Pete")
        notes = cell_of(out, "Pete Peer", "Notes")
        assert notes.comment.text == "prefers e-mail"
        assert cell_of(out, "Pete Peer", "Twice rank").value == f"=A{notes.row}*2"
        import os
        os.utime(tmp_path / "plan.ods")  # saved again: newer than the .xlsx
    # once the .xlsx is the newer file, it is the one read back
    import os
    os.utime(tmp_path / "plan.ods", (0, 0))
    assert "Read back plan.xlsx" in plan(run, out).output


@pytest.mark.parametrize("given,written", [("plan", "plan.xlsx"), ("plan.ods", "plan.xlsx")])
def test_an_output_name_that_is_not_xlsx_is_said_aloud(run, ws, tmp_path, given, written):
    """Issue 13: `-o plan` and `-o plan.ods` (no such file yet) write plan.xlsx, and say so."""
    result = run("plan", "-o", tmp_path / given)
    assert result.exit_code == 0, result.output
    assert f"writing {written} (LibreOffice opens it too), not {given}." in result.output
    assert (tmp_path / written).exists() and not (tmp_path / "plan.ods").exists()
