"""Reading a spreadsheet's cells safely: checks made on an .xlsx's XML before the spreadsheet
reader (python-calamine) sees it, since a value the reader cannot survive aborts the process.

A value far off (XFD1048576: calamine allocates the whole area up to it) or a date-styled number
no calendar holds (calamine panics converting it) raises ``InputError`` naming the sheet and the
cell. Used by the imports' readers (``outreach.imports.tabular``) and by the plan's read-back of
its own workbook (``outreach.workbook.read``). Only the standard library.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from outreach.errors import InputError

#: The most cells a sheet's area (from A1 to its last row and column) may span: calamine
#: allocates them all (and the reader a string for each), and a value in XFD1048576 asks for
#: 17 billion; a list of 100,000 rows of 50 columns fits.
MAX_SHEET_CELLS = 5_000_000
#: Excel's serial day numbers run from 1900 to 9999 (2958465): a date-styled number far
#: outside them makes calamine panic (seen from -1e16)
_MAX_SERIAL = 2_958_466
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
#: a cell's reference ("C2") in a start tag
_CELL_REF = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br\s*=\s*["']\$?([A-Za-z]{1,4})\$?(\d{1,9})["']""")
_ATTR_REF = re.compile(rb"""(?:^|\s)r\s*=\s*["']\$?([A-Za-z]{1,4})\$?(\d{1,9})["']""")
#: a value that is a number of 7 digits or more, or with an exponent
_BIG_NUMBER = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>\s*([-+]?\d{7,}[.\d]*(?:[eE][-+]?\d+)?"
                         rb"|[-+]?[.\d]+[eE][-+]?\d+)\s*<")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s")
_CELL_TYPE = re.compile(rb"""(?:^|\s)t\s*=\s*["'](\w+)["']""")
_CELL_STYLE = re.compile(rb"""(?:^|\s)s\s*=\s*["'](\d{1,9})["']""")
#: Excel's built-in number formats that show a date or a time
_DATE_FORMAT_IDS = frozenset((*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)))
#: what a format code shows literally: "text", \x, _x, *x and [colour] or [$-locale] parts
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
_CHUNK = 4 * 1024 * 1024


def check_xlsx_cells(data: bytes | Any, name: str, *, dates: bool = True) -> dict[str, str]:
    """Check the cells of an .xlsx's sheets before calamine reads them.

    Raises InputError naming the sheet and the cell when a value lies so far off that the
    sheet's area exceeds MAX_SHEET_CELLS, or when a date-styled number lies beyond Excel's
    calendar (calamine panics on some). Returns, by sheet name, the first cell holding a
    number no date can be (for the message if calamine cannot convert it). Reads each sheet's
    XML in chunks, never whole.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
            far: dict[str, str] = {}
            styles = _date_styles(archive)
            for sheet, member in _xlsx_sheet_members(archive).items():
                with archive.open(member) as stream:
                    far_cells, odd, impossible = _scan_cells(stream, styles)
                if far_cells:
                    cells, area = " and ".join(far_cells[1:]), far_cells[0]
                    raise InputError(
                        f"{name}: sheet '{sheet}' has a value in {cells}, far outside any list "
                        f"(the sheet would span {area} cells, more than {MAX_SHEET_CELLS:,} can "
                        "be read): clear that cell (Ctrl+End in Excel goes there) and save the "
                        "file again")
                if impossible and dates:  # (a reader with its own way round them passes False)
                    raise InputError(
                        f"{name}: cell {impossible} of sheet '{sheet}' holds a date no calendar "
                        "has (a date-styled number outside the years 1900 to 9999): correct or clear it "
                        "and save the file again")
                if odd:
                    far[sheet] = odd
            return far
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, SyntaxError):
        return {}  # damaged: calamine says so, in the one message for a damaged file


def _xlsx_sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML, as the workbook's relationships say."""
    from xml.etree import ElementTree

    names = set(archive.namelist())
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    members: dict[str, str] = {}
    for sheet in book.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if member in names:
            members[sheet.get("name", member)] = member
    return members


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """The cell style indices (a cell's ``s``) whose number format shows a date or a time."""
    from xml.etree import ElementTree

    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, SyntaxError):  # no styles, or damaged ones: no cell shows a date
        return set()
    dated = set(_DATE_FORMAT_IDS)
    for fmt in styles.iter(f"{_MAIN_NS}numFmt"):
        code = _FORMAT_NOISE.sub("", fmt.get("formatCode", ""))
        if re.search(r"[dmyhs]", code, re.I) and fmt.get("numFmtId", "").isdigit():
            dated.add(int(fmt.get("numFmtId", "")))
    found: set[int] = set()
    for xfs in styles.iter(f"{_MAIN_NS}cellXfs"):
        for index, xf in enumerate(xfs.iter(f"{_MAIN_NS}xf")):
            number = xf.get("numFmtId", "0")
            if number.isdigit() and int(number) in dated:
                found.add(index)
    return found


def _scan_cells(stream: Any, dates: set[int]) -> tuple[list[str], str, str]:
    """For one sheet's XML: (the size of the area and the far cells that make it too large,
    or []; the first cell holding a number no date can be, or ""; the first date-styled cell
    holding one, or "")."""
    max_row = max_col = 0
    row_ref = col_ref = b""
    odd = impossible = ""
    rest = b""
    while True:
        chunk = stream.read(_CHUNK)
        buffer = rest + chunk
        # cut at the last row tag ("</row>", "</x:row>", "<row>"): the rest waits for the
        # next chunk, so that no cell is cut in two
        end = len(buffer) if not chunk else max(buffer.rfind(b"row>"), 0)
        refs = _CELL_REF.findall(buffer, 0, end)  # findall and max: C speed on big sheets
        if refs:
            widest = max({letters for letters, _ in refs}, key=lambda c: (len(c), c.upper()))
            if (column := column_number(widest.decode("ascii"))) > max_col:
                max_col = column
                col_ref = b"".join(next(ref for ref in refs if ref[0] == widest))
            lowest = max({int(digits) for _, digits in refs})
            if lowest > max_row:
                max_row = lowest
                row_ref = b"".join(next(ref for ref in refs if int(ref[1]) == lowest))
        for found in ([] if impossible else _BIG_NUMBER.finditer(buffer, 0, end)):
            try:
                if abs(float(found.group(1))) <= _MAX_SERIAL:
                    continue
            except ValueError:
                continue
            # the cell's start tag is the tag before its value (a formula cell's is not: its
            # value is the formula's result, which calamine does not read as a date)
            tag = buffer[buffer.rfind(b"<", 0, found.start()):found.start()]
            ref = _ATTR_REF.search(tag)
            if not _CELL_TAG.match(tag) or not ref or not _is_number(tag):
                continue
            odd = odd or _ref_text(ref)
            style = _CELL_STYLE.search(tag)
            if style and int(style.group(1)) in dates:
                impossible = _ref_text(ref)
                break
        rest = buffer[end:]
        if not chunk:
            break
    if max_row * max_col > MAX_SHEET_CELLS:
        far = dict.fromkeys(ref.decode("ascii").upper() for ref in (col_ref, row_ref))
        return [f"{max_row * max_col:,}", *far], odd, impossible
    return [], odd, impossible


def _is_number(attributes: bytes) -> bool:
    kind = _CELL_TYPE.search(attributes)
    return not kind or kind.group(1) == b"n"


def _ref_text(ref: re.Match[bytes]) -> str:
    return (ref.group(1) + ref.group(2)).decode("ascii").upper()


def column_number(letters: str) -> int:
    """A column as a spreadsheet names it, counted from 1: "A" -> 1, "AA" -> 27, "XFD" -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    """The other way: 1 -> "A", 27 -> "AA". The one home of the rule (readers, read-back,
    the workbook's own cell references)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def check_ods_cells(data: bytes | Any, name: str) -> None:
    """An .ods's sheets checked before the spreadsheet reader sees them: a value far off (the
    area up to it over MAX_SHEET_CELLS) raises InputError naming the sheet and the cell. Empty
    cells repeated to the sheet's end (as LibreOffice writes them) do not count."""
    from xml.etree.ElementTree import iterparse

    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive, \
                archive.open("content.xml") as stream:
            sheet, row, widest, last_row, far_col, far_row = "", 0, 0, 0, "", ""
            column = 0
            for event, element in iterparse(stream, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == f"{_TABLE}table":
                        sheet, row, widest, last_row, far_col, far_row = element.get(f"{_TABLE}name", ""), 0, 0, 0, "", ""
                    elif tag == f"{_TABLE}table-row":
                        column = 0
                    continue
                if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1") or 1)
                    if element.get(f"{_OFFICE}value-type") or len(element):  # a value is there
                        column_end = column + repeat
                        if column_end > widest:
                            widest, far_col = column_end, f"{column_letters(column_end)}{row + 1}"
                        if row + 1 > last_row:
                            last_row, far_row = row + 1, f"{column_letters(column + 1)}{row + 1}"
                    column += repeat
                    element.clear()
                elif tag == f"{_TABLE}table-row":
                    row += int(element.get(f"{_TABLE}number-rows-repeated", "1") or 1)
                    element.clear()
                elif tag == f"{_TABLE}table":
                    if widest * last_row > MAX_SHEET_CELLS:
                        cells = " and ".join(dict.fromkeys((far_col, far_row)))
                        raise InputError(
                            f"{name}: sheet '{sheet}' has a value in {cells}, far outside any list "
                            f"(the sheet would span {widest * last_row:,} cells, more than "
                            f"{MAX_SHEET_CELLS:,} can be read): clear that cell (Ctrl+End goes "
                            "there) and save the file again")
                    element.clear()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, SyntaxError):
        return  # damaged: the reader says so, in the one message for a damaged file


__all__ = ["MAX_SHEET_CELLS", "check_ods_cells", "check_xlsx_cells", "column_letters", "column_number"]
