"""The parts of a plan workbook's .xlsx zip that calamine does not give (for
outreach.workbook.read): the custom document properties, where each worksheet's XML is, and
the error cells in it.

Every XML part is parsed with ElementTree and no DTD (an .xlsx never has one), so no entity is
ever expanded; the small parts are read up to a size no real workbook comes near.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

from outreach.sheetguard import column_letters, column_number

# The small XML parts read here (relationships, workbook, properties) are a few kilobytes;
# anything this large is not a workbook outreach or an office program wrote.
_MAX_PART_BYTES = 16 << 20
_CHUNK = 1 << 20
_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
# How an error cell (<c r="B2" t="e">) or a formula (<f>, <x:f t="shared" …/>) shows in a
# sheet's XML. Finding none (the usual case) costs one pass over the sheet's bytes; a false hit
# only costs a full parse of that sheet.
# A formula ends in </f> (or </x:f>): a cell of a shared formula (<f t="shared" si="0"/>) has
# none, but the first cell of its range does. Plain byte searches: a regular expression
# starting with "<" tries every tag, several times slower on a sheet of some megabytes.
_SPECIAL_MARKS = (b't="e"', b"t='e'", b"f>")
_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d+)")
_COMMENTS_TYPE = "/comments"


class Damaged(Exception):
    """A part of the package that cannot be read (the message names it)."""


class NotAWorkbook(Exception):
    """A zip without the parts of an .xlsx."""


class Package:
    """The package's relationships, followed once from ``_rels/.rels`` to the workbook part,
    its worksheets' parts and the custom document properties."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        # part names are case-insensitive in the package format (ECMA-376 part 2)
        self._members = {name.casefold(): name for name in archive.namelist()}
        root = self._relationships("")
        found = [target for kind, target in root.values() if kind.endswith("/officeDocument")]
        if not found:
            raise NotAWorkbook("no workbook part")
        custom = [target for kind, target in root.values() if kind.endswith("/custom-properties")]
        self._custom = self.member(custom[0] if custom else "docProps/custom.xml")
        targets = self._relationships(found[0])
        #: worksheet name -> its part in the zip
        self.sheet_parts: dict[str, str] = {}
        for element in self._parse(found[0]).iter():
            if _local(element.tag) != "sheet":
                continue
            rel = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            kind, target = targets.get(rel, ("", ""))
            part = self.member(target)
            if kind.endswith("/worksheet") and element.get("name") and part:
                self.sheet_parts[element.get("name", "")] = part

    def comments(self, name: str) -> dict[tuple[int, int], tuple[str, str]]:
        """The cell comments of the worksheet ``name``: (row, column) -> (author, text),
        counted from 0."""
        part = self.sheet_parts.get(name)
        if part is None:
            return {}
        found: dict[tuple[int, int], tuple[str, str]] = {}
        folder, file = posixpath.split(part)
        rels = self.member(posixpath.join(folder, "_rels", f"{file}.rels"))
        if rels is None:
            return found  # a sheet without relationships has no comments
        with self._archive.open(rels) as stream:  # thousands of links: look before parsing
            if _COMMENTS_TYPE.encode("ascii") not in stream.read(_MAX_PART_BYTES + 1):
                return found
        for kind, target in self._relationships(part).values():
            if not kind.endswith(_COMMENTS_TYPE) or self.member(target) is None:
                continue
            root = self._parse(target)
            authors = [element.text or "" for element in root.iter()
                       if _local(element.tag) == "author"]
            for element in root.iter():
                if _local(element.tag) != "comment":
                    continue
                place = cell_place(element.get("ref", "").split(":")[0])
                if place is None:
                    continue
                text = "".join(t.text or "" for t in element.iter() if _local(t.tag) == "t")
                author = element.get("authorId", "")
                found[place] = (authors[int(author)] if author.isdigit()
                                and int(author) < len(authors) else "", text)
        return found

    def member(self, part: str) -> str | None:
        return self._members.get(part.casefold())

    def properties(self) -> list[tuple[str, str]]:
        if self._custom is None:
            return []
        found = []
        for element in self._parse(self._custom):
            name = element.get("name")
            value = next(iter(element), None)
            if name and value is not None and _local(value.tag) in ("lpwstr", "bstr"):
                found.append((name, value.text or ""))
        return found

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships ("" for the package's own): id -> (type, target part)."""
        folder, name = posixpath.split(part)
        found = {}
        for element in self._parse(posixpath.join(folder, "_rels", f"{name}.rels")):
            target = element.get("Target", "")
            if element.get("TargetMode") == "External" or not target:
                continue
            target = (target.lstrip("/") if target.startswith("/")
                      else posixpath.normpath(posixpath.join(folder, target)))
            found[element.get("Id", "")] = (element.get("Type", ""), target)
        return found

    def _parse(self, part: str) -> ET.Element:
        """A small part, parsed without a DTD (so no entity is ever expanded)."""
        member = self.member(part)
        if member is None:
            raise NotAWorkbook(f"no {part}")
        with self._archive.open(member) as stream:
            data = stream.read(_MAX_PART_BYTES + 1)
        if len(data) > _MAX_PART_BYTES:
            raise Damaged(f"{part} is over {_MAX_PART_BYTES >> 20} MB")
        if any(mark in data for mark in _DOCTYPE):
            raise Damaged(f"{part} has a DTD, which an .xlsx never has")
        parser = ET.XMLParser(target=_NoDoctype())
        try:
            parser.feed(data)
            return parser.close()
        except ET.ParseError as exc:
            raise Damaged(f"{part}: {exc}") from exc


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


class _NoDoctype(ET.TreeBuilder):
    def doctype(self, name: str, pubid: str, system: str) -> None:
        raise Damaged("a part has a DTD, which an .xlsx never has")


def cell_place(ref: str) -> tuple[int, int] | None:
    """"B3" -> (2, 1): a cell's row and column counted from 0; None for anything else."""
    match = _CELL_REF.fullmatch(ref)
    if not match:
        return None
    letters, number = match.groups()
    return int(number) - 1, column_number(letters) - 1


def cell_ref(row: int, column: int) -> str:
    """(2, 1) -> "B3", counted from 0."""
    return f"{column_letters(column + 1)}{row + 1}"


def _may_hold_special(archive: zipfile.ZipFile, part: str) -> bool:
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if any(mark in window for mark in _SPECIAL_MARKS):
                return True
            tail = window[-16:]
    return False


class _SpecialCells:
    """An ElementTree parser target collecting a sheet's error cells ((row, column) -> text)
    and formulas ((row, column) -> (formula, attributes of <f>)), counted from 0; cells without
    a reference follow the one before, as calamine places them."""

    def __init__(self) -> None:
        self.errors: dict[tuple[int, int], str] = {}
        self.formulas: dict[tuple[int, int], tuple[str, dict[str, str]]] = {}
        self._in_data = False
        self._row, self._column = -1, -1
        self._text: list[str] | None = None  # collecting an error cell's value or a formula
        self._into: str = ""
        self._formula_attributes: dict[str, str] = {}
        self._error = False

    def doctype(self, name: str, pubid: str, system: str) -> None:
        raise Damaged("a sheet has a DTD, which an .xlsx never has")

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        local = _local(tag)
        if local == "sheetData":
            self._in_data = True
        elif not self._in_data:
            return
        elif local == "row":
            number = attrib.get("r", "")
            self._row = int(number) - 1 if number.isdigit() else self._row + 1
            self._column = -1
        elif local == "c":
            place = cell_place(attrib.get("r", ""))
            if place:
                self._row, self._column = place
            else:
                self._column += 1
            self._error = attrib.get("t") == "e"
        elif local == "v" and self._error:
            self._text, self._into = [], "v"
        elif local == "f":
            self._text, self._into = [], "f"
            self._formula_attributes = {_local(k): v for k, v in attrib.items()}

    def data(self, text: str) -> None:
        if self._text is not None:
            self._text.append(text)

    def end(self, tag: str) -> None:
        local = _local(tag)
        if local == "sheetData":
            self._in_data = False
        elif local in ("v", "f") and self._text is not None and local == self._into:
            text = "".join(self._text)
            if local == "v":
                self.errors[(self._row, self._column)] = text
            else:
                self.formulas[(self._row, self._column)] = (text, self._formula_attributes)
            self._text = None
        elif local == "c":
            self._error = False


def special_cells(archive: zipfile.ZipFile, part: str
                  ) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], tuple[str, str]]]:
    """The error cells (``#N/A``) and formulas of the worksheet in ``part``: (row, column) ->
    the error's text, and (row, column) -> (formula without "=", the cell it is written for),
    counted from 0. Calamine reads error cells as empty, and gives no formulas.

    A cell of a shared formula (Excel's "fill down") holds no text of its own: it gets the
    formula of the range's first cell with that cell as its origin, which is the same formula
    once moved to where it is written.
    """
    if not _may_hold_special(archive, part):
        return {}, {}
    cells = _SpecialCells()
    parser = ET.XMLParser(target=cells)
    with archive.open(part) as stream:
        try:
            first = True
            while chunk := stream.read(_CHUNK):
                if first and any(mark in chunk for mark in _DOCTYPE):  # a DTD comes first
                    raise Damaged(f"{part} has a DTD, which an .xlsx never has")
                first = False
                parser.feed(chunk)
            parser.close()
        except ET.ParseError as exc:
            raise Damaged(f"{part}: {exc}") from exc
    shared = {attributes.get("si"): (text, cell_ref(*place))
              for place, (text, attributes) in cells.formulas.items()
              if attributes.get("t") == "shared" and text and attributes.get("ref")}
    formulas: dict[tuple[int, int], tuple[str, str]] = {}
    for place, (text, attributes) in cells.formulas.items():
        if text:
            formulas[place] = (text, cell_ref(*place))
        elif attributes.get("t") == "shared" and attributes.get("si") in shared:
            formulas[place] = shared[attributes.get("si")]
    return cells.errors, formulas
