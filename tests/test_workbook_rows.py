"""List sheets' data rows, written as XML by outreach.workbook.rows and spliced into the file.

Every check reads the workbook back, with openpyxl and with python-calamine, or parses the
worksheet XML, rather than comparing bytes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from outreach.workbook.files import write_workbook
from outreach.workbook.read import read_edits
from outreach.workbook.rows import ListRows, add_link_relationships, splice_sheet
from outreach.workbook.spec import Column, ListSheet, SummarySheet
from outreach.workbook.values import MAX_CELL_CHARS, clean_text

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
XML = "{http://www.w3.org/XML/1998/namespace}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# CT_Worksheet's children in the order the schema demands (ECMA-376 part 1, 18.3.1.99)
WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
    "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
    "controls", "webPublishItems", "tableParts", "extLst",
]
SUMMARY = SummarySheet("Summary", "Plan", [("Rows", 1)], [("Next", ["Write"])],
                       chart=("Per target", [("Acme", 2), ("Globex", 1)]))
COLUMNS = [
    Column("Key"),
    Column("Text", "wrap"),
    Column("Link", "url"),
    Column("E-mail", "email"),
    Column("Number", "float"),
    Column("Count", "int"),
    Column("When", "date"),
    Column("Status", "choice", editable=True, choices=("open", "done")),
    Column("Notes", "wrap", editable=True),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://evil.example/","x")',
    "@SUM(A1:A2)",
    "+",
    "-",
    "+1",
    "-2+3",
    "\t=1",
    "\r=1",
    "\n=1",
    "\r\n=1",
    "#N/A",
    "TRUE",
    "a\x00b\x01c\x08d\x0be\x0cf\x1fg\ud800h\ufffei",  # characters a workbook cannot hold
    "<&>\"'",
    "]]>",
    "<![CDATA[x]]>",
    "&amp; &lt; &#65;",
    '<c r="A1"><f>1+1</f></c>',
    "</t></is></c></row><row r=\"99\">",
    "emoji 👩‍💻 🎉 \U0001f600 and ÿ ü ß 中文",
    "  leading and trailing spaces  ",
    " ",
    "line 1\nline 2\n",
    "line 1\nline 2",
    "tab\tinside",
    "word " * 8000,  # 40,000 characters: cut with a marker
]


def summary_only() -> SummarySheet:
    return SummarySheet("Summary", "Plan", [], [], chart=None)


def row(key: str, **values) -> list:
    return [key, *(values.get(c.header) for c in COLUMNS[1:])]


def sheet(rows: list[list], name: str = "Things") -> ListSheet:
    return ListSheet(name, COLUMNS, rows, key="Key", priority_column="Number")


def write(tmp_path: Path, rows: list[list], **kwargs) -> Path:
    path = tmp_path / "rows.xlsx"
    write_workbook(path, SUMMARY, [sheet(rows)], **kwargs)
    return path


def calamine_rows(path: Path, name: str = "Things") -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def sheet_part(path: Path, title: str) -> str:
    """The zip member of the sheet called ``title``, found as Excel finds it."""
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    rel_id = next(s.get(f"{REL}id") for s in book.iter(f"{MAIN}sheet") if s.get("name") == title)
    target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def sheet_xml(path: Path, title: str = "Things") -> ElementTree.Element:
    with zipfile.ZipFile(path) as archive:
        return ElementTree.fromstring(archive.read(sheet_part(path, title)))


def sheet_rels(path: Path, title: str = "Things") -> dict[str, ElementTree.Element]:
    part = sheet_part(path, title)
    folder, _, name = part.rpartition("/")
    with zipfile.ZipFile(path) as archive:
        tree = ElementTree.fromstring(archive.read(f"{folder}/_rels/{name}.rels"))
    return {r.get("Id"): r for r in tree.iter(f"{PACKAGE_REL}Relationship")}


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:20]))
def test_hostile_text_reads_back_as_the_same_text_and_never_a_formula(tmp_path, text):
    path = write(tmp_path, [row("k1", Text=text, Notes=text, Status=text), row(text, Text="x")])
    expected = clean_text(text)
    ws = load_workbook(path)["Things"]
    for ref in ("B2", "I2", "H2", "A3"):
        cell = ws[ref]
        assert cell.value == expected, ref
        assert cell.data_type == "s"
        assert cell.quotePrefix == expected.startswith(FORMULA_STARTS)
    values = calamine_rows(path)
    assert values[1][1] == values[1][8] == values[2][0] == expected
    root = sheet_xml(path)
    assert not list(root.iter(f"{MAIN}f"))  # no formula anywhere
    assert {c.get("t") for c in root.iter(f"{MAIN}c") if c.find(f"{MAIN}is") is not None} == {
        "inlineStr"}
    # Excel drops leading and trailing spaces unless told to keep them
    (t,) = (c.find(f"{MAIN}is/{MAIN}t") for c in root.iter(f"{MAIN}c") if c.get("r") == "B2")
    keep = expected != expected.strip() or "\n" in expected
    assert (t.get(f"{XML}space") == "preserve") == keep


def test_cleaning_and_cutting_are_what_the_contract_says(tmp_path):
    path = write(tmp_path, [row("k", Text="a\x00b\x07c\x0bd\x1fe\ud800f", Notes="word " * 8000)])
    ws = load_workbook(path)["Things"]
    assert ws["B2"].value == "abcdef"
    assert len(ws["I2"].value) == MAX_CELL_CHARS
    assert ws["I2"].value.endswith("[cut: the full text had 40,000 characters]")
    assert len(calamine_rows(path)[1][8]) == MAX_CELL_CHARS


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(max_size=40), min_size=1, max_size=6))
def test_any_text_reads_back_the_same_through_both_readers(tmp_path, texts):
    path = write(tmp_path, [row(f"k{i}", Text=text) for i, text in enumerate(texts)])
    ws = load_workbook(path)["Things"]
    values = calamine_rows(path)
    for r, text in enumerate(texts, 2):
        expected = clean_text(text) or None
        assert ws.cell(r, 2).value == expected
        assert (values[r - 1][1] or None) == expected


def test_links_only_for_http_https_and_mailto(tmp_path):
    links = {
        "https://example.com/a?b=1&c='2'": "https://example.com/a?b=1&c='2'",
        "http://example.com/ü x": "http://example.com/%C3%BC%20x",
        "mailto:ada@example.com": "mailto:ada@example.com",
        "javascript:alert(1)": None,
        "file:///C:/Windows/System32/calc.exe": None,
        "=HYPERLINK(\"http://evil\")": None,
    }
    rows = [row(f"k{i}", Link=url, **{"E-mail": "ada@example.com" if i == 0 else url})
            for i, url in enumerate(links)]
    rows.append(row("shown", Link=("Find people", "https://example.com/?q=a&b")))
    rows.append(row("unsafe", Link=("Click", "javascript:alert(1)")))
    path = write(tmp_path, rows)
    ws = load_workbook(path)["Things"]
    for r, (url, target) in enumerate(links.items(), 2):
        cell = ws.cell(r, 3)
        assert cell.value == url and cell.data_type == "s"
        assert (cell.hyperlink.target if cell.hyperlink else None) == target, url
    assert ws["D2"].hyperlink.target == "mailto:ada@example.com"
    assert ws["D5"].value == "javascript:alert(1)" and ws["D5"].hyperlink is None
    assert ws["D7"].quotePrefix and ws["D7"].hyperlink is None
    last = len(links) + 2
    assert ws.cell(last, 3).value == "Find people"
    assert ws.cell(last, 3).hyperlink.target == "https://example.com/?q=a&b"
    assert ws.cell(last + 1, 3).value == "Click" and ws.cell(last + 1, 3).hyperlink is None
    assert ws["C2"].font.underline == "single"  # the link style
    assert not ws.cell(5, 3).font.underline  # javascript: is plain text


def test_link_relationships_do_not_collide_with_the_table(tmp_path):
    path = write(tmp_path, [row(f"k{i}", Link=f"https://example.com/{i}") for i in range(3)])
    rels = sheet_rels(path)
    root = sheet_xml(path)
    (table_part,) = root.iter(f"{MAIN}tablePart")
    assert rels[table_part.get(f"{REL}id")].get("Type").endswith("/table")
    link_ids = [h.get(f"{REL}id") for h in root.iter(f"{MAIN}hyperlink")]
    assert len(link_ids) == 3 and len(set(link_ids)) == 3
    assert table_part.get(f"{REL}id") not in link_ids
    for rel_id in link_ids:
        assert rels[rel_id].get("TargetMode") == "External"
        assert rels[rel_id].get("Type").endswith("/hyperlink")


def test_new_relationship_ids_skip_the_taken_ones():
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="t" Target="a"/><Relationship Id="rId3" Type="t" '
            b'Target="b"/><Relationship Id="comments" Type="t" Target="c"/></Relationships>')
    new, ids = add_link_relationships(rels, [("A2", "https://a?x=1&y=2"), ("A3", "mailto:b@c.de"),
                                             ("A4", "https://d")])
    assert ids == ["rId2", "rId4", "rId5"]
    tree = ElementTree.fromstring(new)
    targets = {r.get("Id"): r.get("Target") for r in tree}
    assert targets["rId2"] == "https://a?x=1&y=2" and targets["rId1"] == "a"
    created, ids = add_link_relationships(None, [("B2", "https://e")])
    assert ids == ["rId1"] and ElementTree.fromstring(created)[0].get("Target") == "https://e"


def test_dates_numbers_and_bools_keep_their_types(tmp_path):
    numbers = [0.1 + 0.2, 1 / 3, 1e-300, 1.5e300, -2.5, 123456789.123456789, 2.0]
    rows = [row(f"n{i}", Number=n, Count=i) for i, n in enumerate(numbers)]
    rows += [
        row("date", When=dt.date(2024, 2, 29)),
        row("datetime", When=dt.datetime(2024, 3, 5, 14, 30, 15)),
        row("early", When=dt.date(1900, 1, 15)),  # before the 1900 leap-year bug
        row("bools", Text=True, Notes=False),
        row("nan", Number=float("nan"), Count=float("inf")),
        row("big", Count=2**40),
    ]
    path = write(tmp_path, rows)
    ws = load_workbook(path)["Things"]
    values = calamine_rows(path)
    for r, n in enumerate(numbers, 2):
        assert ws.cell(r, 5).value == n and ws.cell(r, 5).data_type == "n"  # exactly
        assert values[r - 1][4] == n
        assert ws.cell(r, 6).value == r - 2
    r = len(numbers) + 2
    assert ws.cell(r, 7).value == dt.datetime(2024, 2, 29) and ws.cell(r, 7).is_date
    assert values[r - 1][6] == dt.date(2024, 2, 29)
    assert ws.cell(r + 1, 7).value == dt.datetime(2024, 3, 5, 14, 30, 15)
    assert values[r][6] == dt.datetime(2024, 3, 5, 14, 30, 15)
    assert ws.cell(r + 2, 7).value == dt.datetime(1900, 1, 15)
    assert ws.cell(r + 3, 2).value is True and ws.cell(r + 3, 9).value is False
    assert values[r + 2][1] is True and values[r + 2][8] is False
    assert ws.cell(r + 4, 5).value is None and ws.cell(r + 4, 6).value is None
    assert values[r + 3][4] == "" and values[r + 3][5] == ""
    assert ws.cell(r + 5, 6).value == 2**40


def test_styles_are_on_the_right_cells(tmp_path):
    sheet_ = ListSheet("Things", [*COLUMNS, Column("Due", "date", number_format="dd/mm/yyyy")],
                       [[*row("now", Text="=1", Link="https://e.com", When=dt.date(2024, 1, 2),
                              Number=1.5), dt.date(2024, 5, 6)]],
                       key="Key")
    edits = {"Things": {"gone": {"Status": "open", "Notes": "called her"},
                        "gone-too": {"Status": "done", "Notes": "=met"}}}
    path = tmp_path / "styles.xlsx"
    write_workbook(path, SUMMARY, [sheet_], edits=edits)
    ws = load_workbook(path)["Things"]
    headers = [c.value for c in ws[1]]
    assert headers[-1] == "Plan note"
    assert ws["B2"].quotePrefix and ws["B2"].alignment.wrap_text
    assert not ws["A2"].quotePrefix and ws["A2"].alignment.vertical == "top"
    assert ws["G2"].number_format == "yyyy-mm-dd" and ws["G2"].is_date
    assert ws["J2"].number_format == "dd/mm/yyyy" and ws["J2"].value == dt.datetime(2024, 5, 6)
    assert ws["E2"].number_format == "0.00"
    assert ws["C2"].font.color.rgb.endswith("0563C1") and not ws["C2"].font.italic
    assert ws["I2"].alignment.wrap_text and ws["I2"].value is None  # ready for typing
    assert not ws["A2"].font.italic
    for r in (3, 4):  # carried over: grey italics, the note at the end
        assert ws.cell(r, 1).value in ("gone", "gone-too")
        assert ws.cell(r, 1).font.italic and ws.cell(r, 1).font.color.rgb.endswith("7F7F7F")
        assert ws.cell(r, 9).font.italic
        assert ws.cell(r, len(headers)).value.startswith("Kept from an earlier plan")
    assert ws["I4"].value == "=met" and ws["I4"].quotePrefix and ws["I4"].data_type == "s"


def test_worksheet_children_follow_the_schema_order(tmp_path):
    path = write(tmp_path, [row("k", Link="https://example.com", Number=1.0)])
    for title in ("Summary", "Things"):
        tags = [child.tag.removeprefix(MAIN) for child in sheet_xml(path, title)]
        assert all(tag in WORKSHEET_ORDER for tag in tags), tags
        assert tags == sorted(tags, key=WORKSHEET_ORDER.index), tags
        assert len(tags) == len(set(tags))
    tags = [child.tag.removeprefix(MAIN) for child in sheet_xml(path)]
    assert tags.index("sheetData") < tags.index("conditionalFormatting") < tags.index(
        "dataValidations") < tags.index("hyperlinks") < tags.index("pageMargins") < tags.index(
        "tableParts")


@pytest.mark.parametrize("count", [0, 1, 3])
def test_zero_one_and_a_few_rows(tmp_path, count):
    path = write(tmp_path, [row(f"k{i}", Text=f"t{i}") for i in range(count)])
    root = sheet_xml(path)
    assert root.find(f"{MAIN}dimension").get("ref") == f"A1:I{count + 1}"
    numbers = [int(r.get("r")) for r in root.iter(f"{MAIN}row")]
    assert numbers == list(range(1, count + 2))
    ws = load_workbook(path)["Things"]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert [ws.cell(r, 1).value for r in range(2, count + 2)] == [f"k{i}" for i in range(count)]
    (table,) = ws.tables.values()
    assert table.ref == f"A1:I{max(2, count + 1)}"
    assert len(calamine_rows(path)) == count + 1
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert len(names) == len(set(names))
        assert archive.testzip() is None


def test_rows_with_trailing_empty_cells_are_all_read_back(tmp_path):
    rows = [["a", "full", "https://a.example", None, 1.0, 1, dt.date(2024, 1, 1), "open", "n"],
            ["b"],  # the rest empty
            [None],  # nothing at all, not even a key
            ["c", "last"]]
    path = tmp_path / "short.xlsx"
    write_workbook(path, summary_only(), [ListSheet("Things", COLUMNS, rows, key="Key")])
    assert sheet_xml(path).find(f"{MAIN}dimension").get("ref") == "A1:I5"
    ws = load_workbook(path)["Things"]
    assert [ws.cell(r, 1).value for r in range(2, 6)] == ["a", "b", None, "c"]
    assert ws["B5"].value == "last" and ws["C5"].value is None
    assert ws["I3"].alignment.wrap_text  # an editable cell, styled though empty
    # read-only mode stops at the <dimension>: every row must be inside it
    readonly = load_workbook(path, read_only=True)
    try:
        keys = [r[0] for r in readonly["Things"].iter_rows(min_row=2, values_only=True)]
    finally:
        readonly.close()
    assert keys == ["a", "b", None, "c"]
    values = calamine_rows(path)
    assert [r[0] for r in values[1:]] == ["a", "b", "", "c"]
    assert read_edits(path)["Things"]["c"] == {"Status": None, "Notes": None}


def test_many_rows_read_back_and_report_progress(tmp_path):
    seen: list[int] = []
    rows = [row(f"k{i}", Text=f"text {i}", Number=i / 7, Link=f"https://e.com/{i}")
            for i in range(1_234)]
    path = write(tmp_path, rows, advance=seen.append)
    assert sum(seen) == 1_235
    values = calamine_rows(path)
    assert len(values) == 1_235 and values[-1][0] == "k1233"
    assert math.isclose(values[-1][4], 1233 / 7)
    ws = load_workbook(path)["Things"]
    assert ws["C1235"].hyperlink.target == "https://e.com/1233"


class FakeSheet:
    title = "Fake"


def rows_for(xml: bytes = b'<row r="2"/>', links: list | None = None) -> ListRows:
    return ListRows(FakeSheet(), xml, 2, 3, links or [])


OPENPYXL_LIKE = (b'<worksheet><dimension ref="A1:C1"/><sheetData><row r="1"/>'
                 b'</sheetData><pageMargins/></worksheet>')
# openpyxl writes through ElementTree when lxml is not installed: "<x />" instead of "<x/>"
SHAPES = {"lxml": OPENPYXL_LIKE, "etree": OPENPYXL_LIKE.replace(b"/>", b" />")}


@pytest.mark.parametrize("xml, message", [
    (OPENPYXL_LIKE.replace(b'<dimension ref="A1:C1"/>', b""), "dimension"),
    (re.sub(rb"<sheetData>.*</sheetData>", b"", OPENPYXL_LIKE), "sheetData"),
    (OPENPYXL_LIKE.replace(b"<sheetData>", b"<sheetData><sheetData/>"), "sheetData"),
    (OPENPYXL_LIKE.replace(b"</sheetData>", b""), "not closed"),
    (OPENPYXL_LIKE.replace(b'<row r="1"/>', b'<row r="1"/><row r="2"/>'), "data rows"),
    (OPENPYXL_LIKE.replace(b"<pageMargins/>", b"<hyperlinks/>"), "hyperlinks of its own"),
])
def test_an_unexpected_openpyxl_output_fails_loudly(xml, message):
    with pytest.raises(RuntimeError, match=message):
        splice_sheet(xml, rows_for(links=[("A2", "https://e")]), ["rId1"])


@pytest.mark.parametrize("shape", SHAPES)
def test_the_splice_itself(shape):
    xml = SHAPES[shape]
    spliced = splice_sheet(xml, rows_for(links=[("B2", "https://e/?a=1&b=2")]), ["rId7"])
    root = ElementTree.fromstring(spliced)
    assert [c.tag for c in root] == ["dimension", "sheetData", "hyperlinks", "pageMargins"]
    assert root[0].get("ref") == "A1:C2"
    assert [r.get("r") for r in root[1]] == ["1", "2"]
    assert root[2][0].get("ref") == "B2" and root[2][0].get(f"{REL}id") == "rId7"
    empty = re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData />" if shape == "etree"
                   else b"<sheetData/>", xml)
    root = ElementTree.fromstring(splice_sheet(empty, rows_for(), []))
    assert [r.get("r") for r in root[1]] == ["2"]


def test_openpyxl_still_writes_the_sheet_xml_rows_py_splices_into():
    """A list sheet as openpyxl alone writes it (header row, table, dropdown, colour scale,
    frozen header; no data rows): every marker ``save_with_rows`` and ``splice_sheet`` look for
    must be there, exactly once. pyproject.toml caps openpyxl below its next minor version
    because of this; when raising the cap, this test says what changed."""
    import io

    import openpyxl
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table, TableStyleInfo

    from outreach.workbook import rows

    def check(found: bool, what: str) -> None:
        assert found, (
            f"openpyxl {openpyxl.__version__} no longer writes {what}, which "
            "outreach/workbook/rows.py relies on when it splices data rows into a sheet: adapt "
            "rows.py (its patterns and splice_sheet) to the new output, then raise the openpyxl "
            "cap in pyproject.toml; until then, install the version pyproject.toml allows")

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Outreach"
    ws.append(["Name", "Company", "Status", "Priority"])
    ws.add_table(Table(displayName="Outreach", ref="A1:D2",
                       tableStyleInfo=TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)))
    ws.freeze_panes = "A2"
    status = DataValidation(type="list", formula1='"open,done"', allow_blank=True)
    status.add("C2:C1048576")
    ws.add_data_validation(status)
    ws.conditional_formatting.add("D2:D2", ColorScaleRule(
        start_type="min", start_color="FFFFFF", end_type="max", end_color="63BE7B"))
    buffer = io.BytesIO()
    book.save(buffer)

    check(isinstance(ws.path, str) and ws.path.startswith("/"), "Worksheet.path ('/xl/...')")
    part = ws.path.lstrip("/")
    with zipfile.ZipFile(buffer) as archive:
        names = set(archive.namelist())
        check(part in names, f"the sheet part named by Worksheet.path ({part})")
        xml = archive.read(part)
        rels_name = rows._rels_name(part)
        check(rels_name in names, f"the sheet's relationships beside it ({rels_name})")
        rels = archive.read(rels_name)
    check(len(rows._DIMENSION.findall(xml)) == 1, 'one <dimension ref="..."/>')
    check(len(rows._SHEET_DATA.findall(xml)) == 1 and xml.count(b"<sheetData") == 1,
          "one <sheetData> (or <sheetData/>)")
    check(b"</sheetData>" in xml, "a closed </sheetData> around the header row")
    check(set(rows._ROW_NUMBER.findall(xml)) == {b"1"}, 'the header row as <row r="1"')
    check(b"<hyperlinks" not in xml, "a sheet without <hyperlinks> when no cell has a link")
    tail = xml[xml.index(b"</sheetData>"):]
    after = rows._AFTER_HYPERLINKS.search(tail)
    check(after is not None and after.group().startswith(b"<pageMargins"),
          "<pageMargins> as the first element after where <hyperlinks> goes")
    assert after is not None
    check(tail.index(b"<conditionalFormatting") < after.start()
          and tail.index(b"<dataValidations") < after.start(),
          "<conditionalFormatting> and <dataValidations> before <pageMargins>")
    check(b"<tableParts" in tail, "<tableParts> after the sheet data")
    check(rels.rstrip().endswith(b"</Relationships>") and rows._RELATIONSHIP_ID.search(rels),
          'a relationships part of <Relationship Id="..."> elements ending in </Relationships>')
