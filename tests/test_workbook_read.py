"""Reading a plan back with calamine gives what reading it with openpyxl gave.

The reference below is the reader as it was: openpyxl (read-only, cached values) fed into the
same rules (``edits_from_book``). Each workbook is one a user could leave behind.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference

from outreach.errors import WorkbookError
from outreach.workbook.books import XlsxBook
from outreach.workbook.files import write_workbook
from outreach.workbook.read import _plain, edits_from_book, read_edits
from outreach.workbook.spec import Column, Edits, ListSheet, SummarySheet

FIXTURES = Path(__file__).parent / "fixtures"
STATUSES = ("to contact", "contacted", "replied", "meeting")
OUTREACH = [
    Column("Rank", "int"),
    Column("Name"),
    Column("Profile link", "url"),
    Column("Score", "float"),
    Column("Status", "choice", editable=True, choices=STATUSES),
    Column("Follow-up date", "date", editable=True),
    Column("Notes", "wrap", editable=True),
    Column("Last contact", "date"),
]
REVIEW = [Column("Company as written"), Column("Target"),
          Column("Decision", "choice", editable=True, choices=("accept", "reject"))]
NAMES = ["Ada", "Grace", "Linus", "Alan"]


def url(name: str) -> str:
    return f"https://www.linkedin.com/in/{name.lower()}"


def sheets() -> list[ListSheet]:
    rows = [[i, name, url(name), 10 - i / 4, "to contact", dt.date(2026, 6, i),
             None, dt.datetime(2025, 1, i, 8, 30)] for i, name in enumerate(NAMES, 1)]
    return [ListSheet("Outreach", OUTREACH, rows, key="Profile link", priority_column="Score"),
            ListSheet("Review", REVIEW, [["Acme Inc", "ACME", None], ["Globex", "Globex", None]],
                      key="Company as written")]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    write_workbook(path, SummarySheet("Summary", "Plan", [("Rows", 4)], [("Next", ["Write"])]),
                   sheets())
    return path


class OpenpyxlBook:
    """The reference: the workbook as the reader loaded it with openpyxl before."""

    def __init__(self, path: Path) -> None:
        self.workbook = load_workbook(path, read_only=True, data_only=True)
        self.names = [n for n in self.workbook.sheetnames
                      if hasattr(self.workbook[n], "iter_rows")]  # not chart sheets

    def properties(self) -> list[tuple[str, str]]:
        return [(p.name, p.value) for p in self.workbook.custom_doc_props
                if isinstance(p.value, str)]

    def rows(self, name: str) -> list[list[Any]]:
        return [list(row) for row in self.workbook[name].iter_rows(values_only=True)]


def typed(value: Any) -> Any:
    """A value with its type, so that 1 and True, or a date and a datetime, differ. Whole
    numbers may be int or float: calamine cannot tell "9" from "9.0" in the file."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ("number", value)
    return (type(value).__name__, value)


def snapshot(edits: Edits) -> tuple:
    def sheet(rows: dict) -> dict:
        return {typed(k): {h: typed(v) for h, v in row.items()} for k, row in rows.items()}

    return ({name: sheet(rows) for name, rows in edits.items()},
            {name: sheet(rows) for name, rows in edits.rows.items()},
            {name: [{h: typed(v) for h, v in row.items()} for row in rows]
             for name, rows in edits.added_rows.items()},
            edits.user_columns)


def reference(path: Path, sheets: list[ListSheet] | None = None) -> Edits:
    book = OpenpyxlBook(path)
    try:
        return edits_from_book(book, path, sheets)
    finally:
        book.workbook.close()


def blank(value: Any) -> Any:
    # calamine reads a cell of only spaces as empty, openpyxl as its text: the edits, where
    # blank text is None, are the same
    return None if isinstance(value, str) and not value.strip() else value


def trimmed(rows: list[list[Any]]) -> list[list[Any]]:
    rows = [[blank(v) for v in row] for row in rows]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    width = max((i + 1 for row in rows for i, v in enumerate(row) if v is not None), default=0)
    return [[typed(v) for v in (row + [None] * width)[:width]] for row in rows]


def assert_reads_the_same(path: Path, sheets: list[ListSheet] | None = None) -> Edits:
    """Every cell of every sheet, then the edits, as the openpyxl reader gave them."""
    reference_book = OpenpyxlBook(path)
    with XlsxBook(path) as book:
        assert book.names == reference_book.names
        for name in book.names:
            ours = [[_plain(v) for v in row] for row in book.rows(name)]
            assert trimmed(ours) == trimmed(reference_book.rows(name)), name
    reference_book.workbook.close()
    edits = read_edits(path, sheets=sheets)
    assert snapshot(edits) == snapshot(reference(path, sheets))
    return edits


def edit(path: Path, change) -> None:
    book = load_workbook(path)
    change(book)
    book.save(path)


def set_text(cell, value: Any) -> None:
    """As a user types text: kept as text even when it starts with = or looks like #N/A."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def every_kind_of_edit(book) -> None:
    sheet = book["Outreach"]
    sheet.insert_cols(5)  # a column of the user's own, before Status
    # A Rank, B Name, C Profile link, D Score, E Met at, F Status, G Follow-up date, H Notes
    sheet["E1"] = "Met at"
    sheet["E2"], sheet["F2"] = "PyCon", "contacted"
    set_text(sheet["G2"], "2026-12-01")  # a date typed as text
    set_text(sheet["H2"], "=Ping her in June")  # typed with a leading '
    sheet["E3"], sheet["F3"], sheet["G3"] = dt.date(2024, 5, 1), "replied", dt.date(2026, 12, 2)
    sheet["H3"] = 42  # a number typed as a note
    sheet["E4"], sheet["F4"], sheet["G4"] = 2.5, True, dt.datetime(2026, 12, 3, 9, 30)
    sheet["H4"] = "=1+2"  # a formula: openpyxl stores no value for it
    sheet["E5"], sheet["F5"], sheet["G5"] = dt.time(14, 30), "   ", "next week"
    sheet["H5"] = "#N/A"  # openpyxl stores this as an error cell
    sheet["B6"], sheet["H6"] = "Someone I met", "ask for an intro"  # a row without a key
    sheet["C7"], sheet["H7"] = url("Ada"), "a second Ada row: the first one counts"
    sheet["C8"], sheet["H8"] = 12345, "a key typed as a number"
    sheet["J1"] = "  "  # a header the user blanked
    sheet["K1"], sheet["K2"] = 2024, "a column headed by a number"
    book["Review"]["C2"] = "accept"


def test_a_plain_plan_reads_the_same(plan):
    edits = assert_reads_the_same(plan)
    assert edits["Outreach"][url("Ada")] == {"Status": "to contact",
                                             "Follow-up date": dt.date(2026, 6, 1), "Notes": None}
    assert edits.rows["Outreach"][url("Ada")]["Last contact"] == dt.datetime(2025, 1, 1, 8, 30)
    assert edits.rows["Outreach"][url("Grace")]["Rank"] == 2
    assert type(edits.rows["Outreach"][url("Grace")]["Rank"]) is int


def test_every_kind_of_edit_reads_the_same(plan):
    edit(plan, every_kind_of_edit)
    edits = assert_reads_the_same(plan)
    ada, grace, linus, alan = (edits.rows["Outreach"][url(n)] for n in NAMES)
    assert ada["Follow-up date"] == dt.date(2026, 12, 1) and ada["Notes"] == "=Ping her in June"
    assert grace["Follow-up date"] == dt.date(2026, 12, 2) and type(grace["Notes"]) is int
    assert grace["Met at"] == dt.datetime(2024, 5, 1)  # not a date column: as openpyxl gave it
    assert linus["Follow-up date"] == dt.datetime(2026, 12, 3, 9, 30)
    assert linus["Status"] is True and linus["Notes"] is None and linus["Met at"] == 2.5
    assert alan["Status"] is None and alan["Follow-up date"] == "next week"
    assert alan["Notes"] == "#N/A" and alan["Met at"] == dt.time(14, 30)
    assert edits.rows["Outreach"][12345]["Notes"] == "a key typed as a number"
    assert edits.added_rows["Outreach"][0]["Name"] == "Someone I met"
    assert edits.user_columns["Outreach"] == ["Met at", "2024"]
    assert edits["Review"]["Acme Inc"] == {"Decision": "accept"}


def test_a_renamed_a_deleted_a_hidden_sheet_and_a_chart_sheet(plan):
    def change(book):
        book["Outreach"].title = "My outreach"
        book["My outreach"]["E3"] = "meeting"
        book["My outreach"].sheet_state = "hidden"
        del book["Review"]
        chart = BarChart()
        chart.add_data(Reference(book["My outreach"], min_col=1, min_row=1, max_row=5))
        # a chart sheet named like a list sheet is not taken for it (openpyxl's reader
        # stopped there)
        book.create_chartsheet("Review", 0).add_chart(chart)

    edit(plan, change)
    edits = assert_reads_the_same(plan)
    assert set(edits) == {"Outreach"}
    assert edits["Outreach"][url("Grace")]["Status"] == "meeting"


def test_a_workbook_without_its_description_is_read_with_the_sheets_given(plan):
    def change(book):
        book.custom_doc_props.props.clear()  # as some programs do when they save
        book["Outreach"]["E2"] = "replied"

    edit(plan, change)
    for read in (reference, lambda path: read_edits(path)):
        with pytest.raises(WorkbookError, match="not written by outreach"):
            read(plan)
    edits = assert_reads_the_same(plan, sheets())
    assert edits["Outreach"][url("Ada")]["Status"] == "replied"


def rewrite_part(path: Path, part: str, change) -> None:
    """Edit one file inside the .xlsx zip (openpyxl cannot write cached formula values)."""
    with zipfile.ZipFile(path) as archive:
        contents = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in contents.items():
            archive.writestr(info, change(data) if info.filename == part else data)


def set_cell_xml(data: bytes, ref: str, kind: str, content: str) -> bytes:
    """The cell ``ref`` (which must exist) with type ``kind`` and ``content``, its style kept."""
    cell = re.compile(rf'<c r="{ref}"([^>]*?)(?:/>|>.*?</c>)'.encode(), re.S)

    def put(match: re.Match) -> bytes:
        attributes = re.sub(rb'\s+t="[^"]*"', b"", match.group(1))
        kind_attribute = f' t="{kind}"'.encode() if kind else b""
        return b'<c r="%s"%s%s>%s</c>' % (ref.encode(), attributes, kind_attribute,
                                            content.encode())

    assert cell.search(data), ref
    return cell.sub(put, data, count=1)


def test_formulas_give_the_values_last_calculated_and_errors_their_text(plan):
    # A Rank, B Name, C Profile link, D Score, E Status, F Follow-up date, G Notes
    cells = {"G2": ("str", '<f>"Coffee "&amp;"on Tuesday"</f><v>Coffee on Tuesday</v>'),
             "G3": ("", "<f>1+2</f><v>3</v>"),
             "G4": ("e", "<f>NA()</f><v>#N/A</v>"),
             "E5": ("b", "<f>1=1</f><v>1</v>"),
             "F5": ("", "<f>DATE(2026,12,1)</f><v>46357</v>"),
             "A5": ("e", "<v>#REF!</v>")}

    def placeholders(book):  # so that every cell exists, whatever the writer leaves out
        for ref in cells:
            if book["Outreach"][ref].value is None:
                book["Outreach"][ref] = "x"

    def change(data: bytes) -> bytes:
        for ref, (kind, content) in cells.items():
            data = set_cell_xml(data, ref, kind, content)
        return data

    edit(plan, placeholders)
    rewrite_part(plan, "xl/worksheets/sheet2.xml", change)  # Outreach, after Summary
    edits = assert_reads_the_same(plan)
    ada, grace, linus, alan = (edits.rows["Outreach"][url(n)] for n in NAMES)
    assert ada["Notes"] == "Coffee on Tuesday" and grace["Notes"] == 3
    assert linus["Notes"] == "#N/A" and alan["Rank"] == "#REF!"
    assert alan["Status"] is True and alan["Follow-up date"] == dt.date(2026, 12, 1)


def test_a_plan_saved_by_libreoffice_reads_the_same():
    # shared strings, the values LibreOffice calculated, errors: see make_fixture.py there
    path = FIXTURES / "workbook_saved" / "libreoffice.xlsx"
    edits = assert_reads_the_same(path)
    ada, grace, linus, alan, _ = edits.rows["Outreach"].values()
    assert (ada["Notes"], ada["Met at"]) == (3, "PyCon")
    assert grace["Follow-up date"] == dt.date(2026, 12, 1)
    assert grace["Notes"] == "Coffee on Tuesday"
    assert (linus["Notes"], linus["Met at"]) == ("#N/A", "#DIV/0!")
    assert linus["Follow-up date"] == dt.date(2026, 12, 2)
    assert alan["Follow-up date"] == dt.datetime(2026, 7, 15, 9, 30) and alan["Met at"] is True
    assert edits.added_rows["Outreach"][0]["Notes"] == "ask for an intro"


def test_reading_does_not_import_openpyxl(plan):
    code = ("import sys\nfrom outreach.workbook.read import read_edits\n"
            f"assert read_edits({str(plan)!r})['Outreach']\n"
            "assert 'openpyxl' not in sys.modules, 'openpyxl was imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


# Values a user can type into a cell (whole seconds: Excel keeps milliseconds at most, and
# openpyxl and calamine round the last one differently; from 1900-03-01, where Excel's
# calendar is continuous).
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")) | st.sampled_from("\n\t"),
               max_size=30).filter(lambda t: not re.search("_x[0-9A-Fa-f]{4}_", t))
TYPED = st.one_of(
    st.none(), TEXT, st.booleans(), st.integers(-(10**18), 10**18),
    st.floats(-1e300, 1e300, allow_nan=False),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)).map(
        lambda d: d.replace(microsecond=0)),
    st.times().map(lambda t: t.replace(microsecond=0)),
    st.sampled_from(["2026-12-01", " 2026-12-01 ", "2026-02-30", "#N/A", "#DIV/0!", "=1+2"]),
)


# A number in a date cell is a date from 1900 to 9999: beyond, openpyxl gave "#VALUE!" and
# calamine gives the number (or, far below 0, panics: see the test after this one). Typed in
# Excel, it falls on a whole second; between two milliseconds the two round differently.
IN_A_DATE_CELL = st.one_of(TYPED.filter(lambda v: type(v) not in (int, float)),
                           st.integers(0, 2958465),
                           st.integers(0, 2958465 * 86400).map(lambda seconds: seconds / 86400))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(TYPED, IN_A_DATE_CELL, TYPED, TYPED), min_size=1, max_size=4))
def test_anything_typed_into_the_editable_columns_reads_the_same(plan, cells):
    def change(book):
        sheet = book["Outreach"]
        sheet["I1"] = "Mine"
        for row, values in enumerate(cells, 2):
            for column, value in zip("EFGI", values, strict=True):
                sheet[f"{column}{row}"] = value  # "=1+2" becomes a formula, "#N/A" an error

    original = plan.read_bytes()
    try:
        edit(plan, change)
        assert_reads_the_same(plan)
    finally:
        plan.write_bytes(original)


@pytest.mark.filterwarnings("ignore:Cell F2 is marked as a date")  # openpyxl, the reference
def test_a_number_no_date_can_be_in_a_date_cell_reads_as_before(plan):
    edit(plan, lambda book: book["Outreach"].__setitem__("F2", -1e12))  # calamine panics
    edits = assert_reads_the_same(plan)
    assert edits["Outreach"][url("Ada")]["Follow-up date"] == "#VALUE!"


def test_numbers_and_dates_are_made_what_openpyxl_gave():
    # openpyxl gave an int for "3" (how Excel and openpyxl write whole numbers)
    assert type(_plain(3.0)) is int and type(_plain(-0.0)) is int
    assert type(_plain(2.5)) is float and type(_plain(1e16)) is float
    assert _plain(dt.date(2026, 1, 2)) == dt.datetime(2026, 1, 2)
    assert _plain("") is None and _plain(True) is True and _plain(None) is None


# --- workbooks that cannot be read back: one line, saying why, and nothing else -----------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # an old .xls or an encrypted .xlsx
BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
                  + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10)
                             for i in range(8))
                  + b']><Properties><property name="outreach-meta-000"><vt>&i;</vt></property>'
                  + b"</Properties>")


def zip_of_text(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")


def damaged(part: str, data: bytes):
    def make(path: Path) -> None:
        rewrite_part(path, part, lambda _: data)
    return make


BAD = {
    "a CSV renamed .xlsx": (lambda p: p.write_text("Name,Status\nAda,contacted\n"), "not an .xlsx"),
    "an empty file": (lambda p: p.write_bytes(b""), "not an .xlsx"),
    "an old .xls": (lambda p: p.write_bytes(OLE), "password-protected, or an old .xls"),
    "a cut-off file": (lambda p: p.write_bytes(p.read_bytes()[:3000]), "not an .xlsx"),
    "a zip of something else": (zip_of_text, "not an .xlsx"),
    "broken sheet XML": (damaged("xl/worksheets/sheet2.xml", b"<worksheet><sheetData><row>"),
                         "damaged"),
    "broken workbook XML": (damaged("xl/workbook.xml", b"<workbook><sheets><sheet"), "damaged"),
    "broken properties XML": (damaged("docProps/custom.xml", b"<Properties><property"),
                              "damaged"),
    "properties with entities": (damaged("docProps/custom.xml", BILLION_LAUGHS), "DTD"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_workbook_is_one_line_saying_why(plan, case):
    make, why = BAD[case]
    make(plan)
    with pytest.raises(WorkbookError, match=why) as caught:
        read_edits(plan)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("plan.xlsx ")
    assert "plan was not written" in message and "--force" in message


@pytest.mark.parametrize("name", ["password-protected.xlsx", "foreign.xlsx", "broken-xml.xlsx",
                                  "truncated.xlsx", "zip-not-workbook.xlsx", "random-bytes.xlsx"])
def test_the_bad_fixtures_say_why_as_before(name):
    said = {"password-protected.xlsx": "it is password-protected, or an old .xls file",
            "foreign.xlsx": "was not written by outreach",
            "broken-xml.xlsx": "it is damaged: xl/workbook.xml: ",  # and where
            }.get(name, "it is not an .xlsx file, or it is damaged")
    with pytest.raises(WorkbookError, match=re.escape(said)):
        read_edits(FIXTURES / "workbook" / name)


@pytest.mark.parametrize("lock", ["~$plan.xlsx", ".~lock.plan.xlsx#"])
def test_a_workbook_open_elsewhere_is_not_read(plan, lock):
    (plan.parent / lock).write_text("owner")
    with pytest.raises(WorkbookError, match="open in Excel or LibreOffice"):
        read_edits(plan)


def test_a_folder_named_like_the_plan_is_a_workbook_error(tmp_path):
    (tmp_path / "plan.xlsx").mkdir()
    with pytest.raises(WorkbookError, match="cannot be read back"):
        read_edits(tmp_path / "plan.xlsx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.sampled_from(["xl/worksheets/sheet2.xml", "xl/workbook.xml", "docProps/custom.xml",
                             "xl/_rels/workbook.xml.rels", "_rels/.rels", "xl/styles.xml"]),
       cut=st.integers(0, 4000), junk=st.binary(max_size=20))
def test_any_damage_to_a_part_gives_edits_or_a_workbook_error(plan, part, cut, junk):
    original = plan.read_bytes()
    try:
        rewrite_part(plan, part, lambda data: data[:cut] + junk + data[cut + len(junk):])
        try:
            read_edits(plan)
        except WorkbookError as exc:
            assert "\n" not in str(exc)
    finally:
        plan.write_bytes(original)


def test_a_bad_zip_member_is_a_workbook_error(plan):
    # a zip whose entry fails its checksum
    data = bytearray(plan.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("docProps/custom.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 5] ^= 0xFF
    plan.write_bytes(bytes(data))
    with pytest.raises(WorkbookError, match="cannot be read back"):
        read_edits(plan)
