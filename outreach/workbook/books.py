"""The workbooks edits are read from (for outreach.workbook.read): an .xlsx through calamine
(cells) and zipfile + ElementTree (the description, error cells, formulas, comments), or an
OpenDocument spreadsheet (.ods) a user saved the plan as, through calamine and its meta.xml.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any, Protocol

from outreach.workbook.package import Damaged, NotAWorkbook, Package, cell_ref, special_cells

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_META_BYTES = 16 << 20


def open_book(path: Path) -> XlsxBook | OdsBook:
    """The workbook at ``path``, by what it holds (an .ods is a zip whose first member says
    so), not by its name."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        is_ods = "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE
    return OdsBook(path) if is_ods else XlsxBook(path)


class Book(Protocol):
    """What the edits are read from: the document properties and the worksheets' cells."""

    #: the worksheets' names in workbook order (chart sheets left out; hidden ones kept)
    names: list[str]

    def properties(self) -> list[tuple[str, str]]:
        """The custom document properties holding text, as (name, value)."""
        ...

    def rows(self, name: str) -> list[list[Any]]:
        """A worksheet's cells from A1, as calamine or openpyxl gives them (``_plain`` makes
        them the same). A book may also give ``formulas(name)`` and ``comments(name)``."""
        ...


def book_formulas(book: Book, name: str) -> dict[tuple[int, int], tuple[str, str]]:
    found = getattr(book, "formulas", None)
    return found(name) if found else {}


def book_comments(book: Book, name: str) -> dict[tuple[int, int], tuple[str, str]]:
    found = getattr(book, "comments", None)
    return found(name) if found else {}


class XlsxBook:
    """A plan workbook read with calamine (cells) and zipfile + ElementTree (the rest)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._archive = zipfile.ZipFile(path)
        try:
            self._package = Package(self._archive)
            from python_calamine import CalamineWorkbook, SheetTypeEnum

            self._workbook = CalamineWorkbook.from_path(path)
        except BaseException:
            self._archive.close()
            raise
        self.names = [sheet.name for sheet in self._workbook.sheets_metadata
                      if sheet.typ == SheetTypeEnum.WorkSheet]
        self._rows: dict[str, list[list[Any]]] = {}
        self._formulas: dict[str, dict[tuple[int, int], tuple[str, str]]] = {}

    def __enter__(self) -> XlsxBook:
        return self

    def __exit__(self, *_: object) -> None:
        self._workbook.close()
        self._archive.close()

    def properties(self) -> list[tuple[str, str]]:
        return self._package.properties()

    def formulas(self, name: str) -> dict[tuple[int, int], tuple[str, str]]:
        """The formulas of a worksheet: (row, column) -> (formula, the cell it was written
        for), counted from 0."""
        self.rows(name)
        return self._formulas.get(name, {})

    def comments(self, name: str) -> dict[tuple[int, int], tuple[str, str]]:
        """The cell comments of a worksheet: (row, column) -> (author, text)."""
        return self._package.comments(name)

    def rows(self, name: str) -> list[list[Any]]:
        if name in self._rows:
            return self._rows[name]
        try:
            rows = self._sheet_rows(name)
        except BaseException as exc:
            if type(exc).__name__ != "PanicException":  # a Rust panic is no Exception
                raise
            # calamine panics on a date cell holding a number no date can be (-1e12, say);
            # openpyxl reads the sheet (as "#VALUE!"), as this reader did before
            rows = _rows_by_openpyxl(self._path, name)
        self._rows[name] = rows
        return rows


    def _sheet_rows(self, name: str) -> list[list[Any]]:
        """A worksheet's cells as calamine reads them, its error cells put back."""
        rows: list[list[Any]] = self._workbook.get_sheet_by_name(name).to_python(
            skip_empty_area=False)
        part = self._package.sheet_parts.get(name)
        errors, self._formulas[name] = special_cells(self._archive, part) if part else ({}, {})
        for (r, c), text in errors.items():
            while r >= len(rows):
                rows.append([])
            rows[r].extend([""] * (c + 1 - len(rows[r])))
            rows[r][c] = text
        return rows


def _rows_by_openpyxl(path: Path, name: str) -> list[list[Any]]:
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():  # about that cell, and Excel features openpyxl drops
        warnings.simplefilter("ignore")
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(row) for row in workbook[name].iter_rows(values_only=True)]
        finally:
            workbook.close()




class OdsBook:
    """An OpenDocument spreadsheet: cells by calamine (values as the program that saved it last
    calculated them), the description from the user-defined properties in meta.xml, where
    LibreOffice keeps an .xlsx's custom document properties, and formulas (made Excel's) and
    comments from content.xml."""

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        self._path = path
        self._extras: dict[str, _OdsExtras] | None = None
        self._properties = _ods_properties(path)
        self._workbook = CalamineWorkbook.from_path(path)
        self.names = [sheet.name for sheet in self._workbook.sheets_metadata
                      if sheet.typ == SheetTypeEnum.WorkSheet]
        self._rows: dict[str, list[list[Any]]] = {}

    def __enter__(self) -> OdsBook:
        return self

    def __exit__(self, *_: object) -> None:
        self._workbook.close()

    def properties(self) -> list[tuple[str, str]]:
        return self._properties

    def rows(self, name: str) -> list[list[Any]]:
        if name not in self._rows:
            self._rows[name] = self._workbook.get_sheet_by_name(name).to_python(
                skip_empty_area=False)
        return self._rows[name]

    def formulas(self, name: str) -> dict[tuple[int, int], tuple[str, str]]:
        return self._sheet_extras(name).formulas

    def comments(self, name: str) -> dict[tuple[int, int], tuple[str, str]]:
        return self._sheet_extras(name).comments

    def _sheet_extras(self, name: str) -> _OdsExtras:
        if self._extras is None:
            self._extras = _ods_extras(self._path)
        return self._extras.get(name) or _OdsExtras()


class _OdsExtras:
    def __init__(self) -> None:
        self.formulas: dict[tuple[int, int], tuple[str, str]] = {}
        self.comments: dict[tuple[int, int], tuple[str, str]] = {}


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
# [.A2], [.A2:.B5], [$Log.A1], [$'My log'.A1:.B2] in OpenFormula
_OF_REFERENCE = re.compile(r"\[\$?('(?:[^']|'')*'|[^.\[\]]*)\.(\$?[A-Z]+\$?\d+)"
                           r"(?::\$?(?:'(?:[^']|'')*'|[^.\[\]]*)\.(\$?[A-Z]+\$?\d+))?\]")


def _ods_extras(path: Path) -> dict[str, _OdsExtras]:
    """The formulas and comments of each sheet in an .ods's content.xml, by (row, column)
    from 0, as ``package.special_cells`` and ``Package.comments`` give them for an .xlsx."""
    found: dict[str, _OdsExtras] = {}
    with zipfile.ZipFile(path) as archive:
        with archive.open("content.xml") as start:  # a DTD comes first, if any
            if b"<!DOCTYPE" in start.read(4096):
                raise Damaged("content.xml has a DTD, which an office program never writes")
        sheet: _OdsExtras | None = None
        row = column = -1
        annotation: list[str] | None = None
        author = ""
        with archive.open("content.xml") as content:
            for event, element in ET.iterparse(content, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == f"{{{_TABLE}}}table":
                        sheet = found.setdefault(element.get(f"{{{_TABLE}}}name", ""),
                                                 _OdsExtras())
                        row = -1
                    elif tag == f"{{{_TABLE}}}table-row":
                        row, column = row + 1, -1
                    elif tag in _CELLS and sheet is not None:
                        column += 1
                        formula = element.get(f"{{{_TABLE}}}formula")
                        excel = _excel_formula(formula) if formula else None
                        if excel is not None:
                            sheet.formulas[(row, column)] = (excel, cell_ref(row, column))
                    elif tag == f"{{{_OFFICE}}}annotation":
                        annotation, author = [], ""
                    continue
                if tag == f"{{{_TABLE}}}table-row":
                    row += int(element.get(f"{{{_TABLE}}}number-rows-repeated", "1")) - 1
                    element.clear()
                elif tag in _CELLS:
                    column += int(element.get(f"{{{_TABLE}}}number-columns-repeated", "1")) - 1
                elif tag == f"{{{_DC}}}creator" and annotation is not None:
                    author = element.text or ""
                elif tag == f"{{{_TEXT}}}p" and annotation is not None:
                    annotation.append("".join(element.itertext()))
                elif tag == f"{{{_OFFICE}}}annotation" and annotation is not None:
                    if sheet is not None:
                        sheet.comments[(row, column)] = (author, "\n".join(annotation))
                    annotation = None
    return found



def _excel_formula(formula: str) -> str | None:
    """An OpenFormula ("of:=SUM([.A2:.B5];1)") as Excel writes it ("SUM(A2:B5,1)"), or None
    for one in another dialect."""
    namespace, _, text = formula.partition(":=")
    if not _ or namespace not in ("of", "oooc"):
        return None

    def reference(match: re.Match[str]) -> str:
        sheet, first, last = match.groups()
        prefix = f"{sheet}!" if sheet else ""
        return prefix + first + (f":{last}" if last else "")

    parts = re.split(r'("(?:[^"]|"")*")', text)  # only outside strings: ; is Excel's ,
    return "".join(part if n % 2 else _OF_REFERENCE.sub(reference, part).replace(";", ",")
                   for n, part in enumerate(parts))


def _ods_properties(path: Path) -> list[tuple[str, str]]:
    """The user-defined properties in an .ods's meta.xml, as (name, value)."""
    with zipfile.ZipFile(path) as archive:
        if "meta.xml" not in archive.namelist():
            return []
        with archive.open("meta.xml") as stream:
            data = stream.read(_META_BYTES + 1)
    if len(data) > _META_BYTES or b"<!DOCTYPE" in data:
        raise Damaged("meta.xml is not what an office program writes")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise NotAWorkbook(f"meta.xml: {exc}") from exc
    found = []
    for element in root.iter():
        if element.tag.rpartition("}")[2] == "user-defined":
            name = next((v for k, v in element.attrib.items() if k.rpartition("}")[2] == "name"),
                        "")
            if name:
                found.append((name, element.text or ""))
    return found
