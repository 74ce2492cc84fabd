"""One file-kind policy for every spreadsheet reader.

The same hand-made files, one for each kind of file people give and each way a name lies about
its content, go to both `outreach import targets` and `outreach import groups`: both read a
file or both refuse it, with the same words. The table has the columns both need (`Name` for a
group, `Company` for a target).
"""

from __future__ import annotations

import ast
import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES
from fixtures.targets.make_fixtures import ods, xlsx

ROOT = Path(__file__).parent.parent
HEADER = ["Name", "Company", "City", "Cost", "Meets"]
ROWS = [
    ["PMI Austin Chapter", "Dell Technologies", "Austin, TX", "$20 per meeting", "2nd Tuesday"],
    ["Café Careers Job Club", "Austin Public Library", "Austin, TX", "free", "Wednesdays 10am"],
]
#: A real Excel 97-2003 workbook holding HEADER and ROWS (how it was made: its README).
EXCEL_97 = (FIXTURES / "file_kinds" / "excel97.xls").read_bytes()


def delimited(delimiter: str = ",", line_end: str = "\r\n") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows([HEADER, *ROWS])
    return buffer.getvalue()


def utf8_csv() -> bytes:
    return delimited(line_end="\n").encode("utf-8")


def excel_csv_utf8() -> bytes:
    """Excel's "CSV UTF-8": a BOM and CRLF."""
    return b"\xef\xbb\xbf" + delimited().encode("utf-8")


def excel_csv_european() -> bytes:
    """Excel's "CSV" where the list separator is ';' (most of Europe): semicolons, cp1252."""
    return delimited(";").encode("cp1252")


def excel_unicode_text() -> bytes:
    """Excel's "Unicode Text": UTF-16-LE with a BOM, tab-separated, CRLF."""
    return delimited("\t").encode("utf-16")


def tab_separated() -> bytes:
    return delimited("\t", "\n").encode("utf-8")


def workbook() -> bytes:
    return xlsx({"Groups": [["Austin networking, spring 2026"], [], HEADER, *ROWS]})


def macro_workbook() -> bytes:
    """An .xlsm as Excel saves it: the macro-enabled content type and a VBA project part."""
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"<Default ",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"<Default ", 1,
                )
            out.writestr(info, data)
        out.writestr("xl/vbaProject.bin", EXCEL_97[:512] + b"\x00" * 1024)
    return buffer.getvalue()


def spreadsheet_ods() -> bytes:
    return ods([HEADER, *ROWS], sheet="Groups")


def password_protected() -> bytes:
    """Excel encrypts a workbook into a compound file whose stream is 'EncryptedPackage'. With no
    encryption library here, a real compound file with its stream renamed stands in for one."""
    stream = "Workbook".encode("utf-16-le") + b"\x00\x00"
    at = EXCEL_97.index(stream)  # a 128-byte directory entry starts with the stream's name
    name = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    entry = name.ljust(64, b"\x00") + len(name).to_bytes(2, "little") + EXCEL_97[at + 66:at + 128]
    return EXCEL_97[:at] + entry + EXCEL_97[at + 128:]


def excel_97() -> bytes:
    return EXCEL_97


def empty() -> bytes:
    return b""


def blank_lines() -> bytes:
    return b"\r\n\r\n"


def linkedin_export_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,"
                                       "Connected On\r\nAnn,Lee,,,Dell,Engineer,16 Sep 2021\r\n")
    return buffer.getvalue()


def zipped_list() -> bytes:
    """The list itself, zipped to send it by e-mail."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("groups.csv", utf8_csv())
    return buffer.getvalue()


def cut_short() -> bytes:
    whole = workbook()
    return whole[: len(whole) // 2]


def pdf() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"


def html_table() -> bytes:
    """What web apps hand out as "Excel export" .xls files."""
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in [HEADER, *ROWS])
    return f'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>{cells}</table></body></html>'.encode()


def xml_spreadsheet() -> bytes:
    """Excel's "XML Spreadsheet 2003"."""
    cell = '<Cell><Data ss:Type="String">{}</Data></Cell>'
    cells = "".join(f"<Row>{''.join(cell.format(c) for c in row)}</Row>" for row in [HEADER, *ROWS])
    return (
        '<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="Groups"><Table>{cells}</Table></Worksheet></Workbook>'
    ).encode()


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def really(name: str, what: str, claim: str, rename: str) -> str:
    return (f"{name} is really {what}, not {claim} as its name says; read it as what it is "
            f"(rename it {rename})")


XLSX, ODS, TEXT = "an Excel workbook (.xlsx)", "an OpenDocument spreadsheet (.ods)", "a text (CSV) file"
OLD_XLS = "an old Excel 97-2003 .xls file: open it and save it as .xlsx or .csv"
ZIP = "a zip archive, not a spreadsheet: unzip it and give the .xlsx or .csv file inside"
LINKEDIN_EXPORT = "a LinkedIn data export: import it with `outreach import linkedin`"
NOT_A_TABLE = "not a CSV file or a spreadsheet: save the list as .xlsx or CSV (UTF-8)"

#: (file name, its bytes, "read" or "refused", the warning when read / the error when refused)
CASES: list[tuple[str, Callable[[], bytes], str, str | None]] = [
    # Each kind under its own name: read, no warning.
    ("groups.csv", utf8_csv, "read", None),
    ("groups.csv", excel_csv_utf8, "read", None),
    ("groups.csv", excel_csv_european, "read", None),
    ("groups.txt", excel_unicode_text, "read", None),
    ("groups.csv", excel_unicode_text, "read", None),
    ("groups.tsv", tab_separated, "read", None),
    ("groups", utf8_csv, "read", None),
    ("groups.xlsx", workbook, "read", None),
    ("groups.XLSM", macro_workbook, "read", None),
    ("groups.ods", spreadsheet_ods, "read", None),
    ("groups", workbook, "read", None),
    # The name lies: read by content, and said once, in the same words.
    ("groups.csv", workbook, "read", really("groups.csv", XLSX, "a CSV or text file", "groups.xlsx")),
    ("groups.xlsx", utf8_csv, "read", really("groups.xlsx", TEXT, "an Excel workbook", "groups.csv")),
    ("groups.csv", spreadsheet_ods, "read", really("groups.csv", ODS, "a CSV or text file", "groups.ods")),
    ("groups.xlsx", spreadsheet_ods, "read", really("groups.xlsx", ODS, "an Excel workbook", "groups.ods")),
    ("groups.xls", workbook, "read", really("groups.xls", XLSX, "an old Excel .xls file", "groups.xlsx")),
    ("groups.xls", excel_unicode_text, "read",
     really("groups.xls", TEXT, "an old Excel .xls file", "groups.csv")),
    # Kinds nobody reads: one message, from the content, whatever the name.
    ("groups.xls", excel_97, "refused", f"groups.xls is {OLD_XLS}"),
    ("groups.xlsx", excel_97, "refused", f"groups.xlsx is {OLD_XLS}"),
    ("groups.xlsx", password_protected, "refused",
     "groups.xlsx is a password-protected workbook: open it in Excel, remove the password, and "
     "save it as .xlsx or .csv"),
    ("groups.zip", zipped_list, "refused", f"groups.zip is {ZIP}"),
    ("groups.xlsx", linkedin_export_zip, "refused", f"groups.xlsx is {LINKEDIN_EXPORT}"),
    ("groups.zip", linkedin_export_zip, "refused", f"groups.zip is {LINKEDIN_EXPORT}"),
    ("groups.xlsx", cut_short, "refused",
     "groups.xlsx is damaged (a zip archive cut short, such as a half-copied workbook): open it "
     "in Excel or LibreOffice and save it again, or copy it again"),
    ("groups.csv", pdf, "refused", f"groups.csv looks like a PDF document, {NOT_A_TABLE}"),
    ("groups.xls", html_table, "refused", f"groups.xls looks like a web page (HTML), {NOT_A_TABLE}"),
    ("groups.xml", xml_spreadsheet, "refused",
     f"groups.xml looks like an XML file (such as an Excel 2003 XML spreadsheet), {NOT_A_TABLE}"),
    ("groups.csv", png, "refused", f"groups.csv looks like a binary file, {NOT_A_TABLE}"),
    ("groups.csv", empty, "refused", "groups.csv is empty: pick the file that holds your list"),
    ("groups.csv", blank_lines, "refused", "groups.csv is empty: pick the file that holds your list"),
]


@pytest.mark.parametrize(
    "name,make,outcome,said", CASES,
    ids=[f"{name}-{make.__name__}" for name, make, _, _ in CASES],
)
def test_both_readers_read_or_refuse_each_file_alike(run, tmp_path, name, make, outcome, said):
    path = tmp_path / name
    path.write_bytes(make())
    targets = run("import", "targets", path)
    groups = run("import", "groups", path)
    if outcome == "refused":
        assert targets.exit_code == groups.exit_code == 1, (targets.output, groups.output)
        assert targets.output == groups.output == f"Error: {said}\n"
        return
    assert targets.exit_code == 0, targets.output
    assert groups.exit_code == 0, groups.output
    assert f"Imported 2 targets from {name}" in targets.output
    assert f"Imported 2 groups from {name}" in groups.output
    for output in (targets.output, groups.output):
        if said is None:
            assert "is really" not in output
        else:
            assert output.count(said) == 1, output


# -- the policy lives once -----------------------------------------------------------------

#: The functions that make up the policy: defined in imports/tabular.py and nowhere else.
POLICY = {"sniff_kind", "describe_kind", "looks_like_zip", "read_table_file", "kind_problem",
          "name_mismatch", "_ole_holds", "_looks_utf16"}
MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0", b"%PDF")
EXTENSIONS = {".csv", ".tsv", ".tab", ".txt", ".xls", ".xlsx", ".xlsm", ".xlsb", ".ods"}
TABULAR = Path("imports/tabular.py")


def _modules() -> dict[Path, ast.Module]:
    """Every module of the package, by its path in the repository (outreach/imports is a link to
    imports/, so it is read once, there)."""
    paths = [*ROOT.glob("imports/**/*.py"),
             *(p for p in ROOT.glob("outreach/**/*.py") if "imports" not in p.relative_to(ROOT).parts)]
    return {p.relative_to(ROOT): ast.parse(p.read_text(encoding="utf-8")) for p in paths}


def test_the_file_kind_policy_lives_once_in_tabular():
    modules = _modules()
    defined = {
        (path, node.name)
        for path, tree in modules.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in POLICY
    }
    assert defined == {(TABULAR, name) for name in POLICY}
    for path, tree in modules.items():
        if path.parts[0] != "imports" or path == TABULAR:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, bytes):
                assert not node.value.startswith(MAGIC), f"{path}:{node.lineno} sniffs magic bytes"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value.lower() not in EXTENSIONS, f"{path}:{node.lineno} decides by extension"
    for reader in (Path("imports/targets.py"), Path("imports/groups/read.py")):
        names = {n.id for n in ast.walk(modules[reader]) if isinstance(n, ast.Name)}
        assert "read_table_file" in names, f"{reader} does not call the shared policy"
        assert not names & {"sniff_kind", "read_spreadsheet", "read_text_table"}, reader
