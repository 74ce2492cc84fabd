"""Reading the user's edits back from a plan workbook (``read_edits``).

Cell values come from python-calamine, and the rest (the description of the sheets in the
custom document properties ``outreach-meta-NNN``, error cells, formulas, comments) from the zip
itself, through outreach.workbook.books and .package: loading a large plan with openpyxl took
over half a second, and importing openpyxl a good part of that. A plan the user saved as an
OpenDocument spreadsheet (.ods) is read the same way (values and the description only).

The values are made what openpyxl (``data_only``) gave, so that a re-plan keeps them as before:
calamine gives "" for an empty cell, a float for every number, a ``date`` for a date cell at
midnight, and "" for an error cell (``#N/A``), whose text is found in the sheet's XML instead.
Formula cells give the value Excel or LibreOffice last calculated (nothing when no program has
calculated it, as when openpyxl wrote the formula). The one thing calamine cannot read (it
panics on a date cell holding a number no date can be) is read with openpyxl, as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from outreach.errors import InputError, WorkbookError
from outreach.sheetguard import check_ods_cells, check_xlsx_cells
from outreach.workbook.books import Book, book_comments, book_formulas, open_book
from outreach.workbook.merge import ADDED_ROW, row_key
from outreach.workbook.package import NotAWorkbook
from outreach.workbook.spec import Edits, Formula, ListSheet, UserSheet
from outreach.workbook.values import as_date, sheet_titles

META_PREFIX = "outreach-meta-"
#: The key of a row read from a sheet that lost its key column, when nothing else names it
LOST_KEY = "(row {row} of a sheet without its {key} column)"
#: The summary sheet's title when the description does not say (a plan's is "Summary")
SUMMARY_TITLE = "Summary"
_NEXT_STEP = "the plan was not written: use --force to overwrite it or -o to write another file"


def check_not_open(path: Path, consequence: str) -> None:
    """Refuse a workbook that Excel or LibreOffice has open (they leave a lock file beside it):
    the user's unsaved edits would be lost, or the program would save over the new plan."""
    for lock in (path.with_name("~$" + path.name), path.with_name(f".~lock.{path.name}#")):
        if lock.exists():
            raise WorkbookError(
                f"{path.name} is open in Excel or LibreOffice ({lock.name} is beside it), so "
                f"{consequence}: save and close it, then run again (if it is not open, delete "
                f"{lock.name})")


def read_edits(path: str | os.PathLike[str], *,
               sheets: list[ListSheet] | None = None, force: bool = False) -> Edits:
    """What the user typed into an existing plan workbook (see ``outreach.workbook.files``).

    Raises ``WorkbookError`` when the file cannot be read back (corrupt, not an .xlsx,
    password-protected, open in another program, not written by outreach). ``force`` skips
    the checks that only protect the user (open elsewhere, no description, a lost key
    column) and reads what it can.
    """
    path = Path(path)
    if not path.exists():
        return Edits()
    if not force:
        check_not_open(path, _NEXT_STEP)
    try:
        _check_cells(path)
        with open_book(path) as book:
            return edits_from_book(book, path, sheets, force=force)
    except WorkbookError:
        raise
    except Exception as exc:  # zipfile, ElementTree and calamine raise many kinds on a broken file
        raise WorkbookError(f"{path.name} cannot be read back ({_reason(path, exc)}), so "
                            f"{_NEXT_STEP}") from exc


def _check_cells(path: Path) -> None:
    """A value the spreadsheet reader cannot survive (XFD1048576, an impossible date) is found
    first and named, instead of aborting the process (``outreach.sheetguard``); --force or not,
    the plan cannot read past it."""
    with path.open("rb") as handle:
        if handle.read(2) != b"PK":
            return
        handle.seek(0)
        try:
            with zipfile.ZipFile(handle) as archive:
                is_ods = "mimetype" in archive.namelist()
            handle.seek(0)
            if is_ods:
                check_ods_cells(handle, path.name)
            else:
                check_xlsx_cells(handle, path.name, dates=False)  # impossible dates: read as before
        except zipfile.BadZipFile:
            return  # damaged: said by the reader, in the one message for that
        except InputError as exc:
            raise WorkbookError(f"{exc} (the plan reads back what you typed there)") from None


def _reason(path: Path, exc: Exception) -> str:
    from python_calamine import PasswordError, ZipError

    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as error:
        return error.strerror or "it cannot be opened"
    if magic.startswith(b"\xd0\xcf\x11\xe0") or isinstance(exc, PasswordError):
        return "it is password-protected, or an old .xls file"  # an OLE file: encrypted or .xls
    if (isinstance(exc, (zipfile.BadZipFile, ZipError, KeyError, NotAWorkbook))
            or not magic.startswith(b"PK")):
        return "it is not an .xlsx file, or it is damaged"
    text = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"it is damaged: {text[:200]}"


def _plain(value: Any) -> Any:
    """A calamine value as openpyxl reads the same cell (``data_only``); openpyxl's values are
    left as they are."""
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        # openpyxl gave an int for a number written without a point or an exponent, as Excel
        # writes whole numbers below 1e16; calamine cannot tell "9" from "9.0", and the two
        # are equal anyway
        return int(value) if value.is_integer() and -1e16 < value < 1e16 else value
    if kind is dt.date:  # openpyxl gives a datetime for every date cell at or after 1900-01-01
        return dt.datetime(value.year, value.month, value.day)
    return value  # bool, datetime, time (a time of day), timedelta (a duration format)


def _values(cells: tuple[Any, ...], is_date: bool) -> list[Any]:
    """A column's cells as read back: blank text as None, dates in a date column as dates."""
    found = [(cell if cell and not cell.isspace() else None) if type(cell) is str
             else _plain(cell) for cell in cells]
    return [as_date(cell) for cell in found] if is_date else found


def edits_from_book(book: Book, path: Path, sheets: list[ListSheet] | None, *,
                    force: bool = False) -> Edits:
    """The edits in ``book`` (the workbook at ``path``), its list sheets described by its
    document properties or, when it lost them, by ``sheets``. With ``force``, a workbook that
    has neither, or a sheet that lost its key column, gives what can be read without them."""
    specs, token, summary_title = _specs_from_properties(book.properties())
    if not specs:
        specs = _specs_from_sheets(sheets)
        found: set[str] = set()
        if not any(_find_sheet(book, spec, found) for spec in specs):
            specs = []  # none of the plan's sheets: not a plan at all
    if not specs and not force:
        raise WorkbookError(f"{path.name} was not written by outreach (or lost its hidden "
                            f"description when saved by another program), so {_NEXT_STEP}")
    given = {sheet.name: sheet for sheet in sheets or ()}
    edits = Edits()
    edits.token = token
    claimed: set[str] = set()
    for spec in specs:
        name = _find_sheet(book, spec, claimed)
        if name is not None:
            _read_sheet(name, book.rows(name), spec, edits, path,
                        given.get(spec.get("n") or spec["t"]), force)
            _read_formulas_and_comments(book, name, spec, edits)
    for position, name in enumerate(book.names):
        if name in claimed:
            continue
        sheet = _user_sheet(book, name, position)
        if name == summary_title and edits.summary is None:
            edits.summary = sheet
        elif sheet.cells or sheet.comments:
            edits.user_sheets.append(sheet)
    return edits


def _user_sheet(book: Book, name: str, position: int) -> UserSheet:
    """Every cell of a sheet that is not a list sheet of the plan's (the summary, or one the
    user added), formulas as formulas."""
    formulas = book_formulas(book, name)
    cells: dict[tuple[int, int], Any] = {}
    for r, row in enumerate(book.rows(name)):
        for c, value in enumerate(row):
            value = _plain(value)
            if value is not None and not (type(value) is str and value.isspace()):
                cells[(r, c)] = value
    for place, (text, origin) in formulas.items():
        cells[place] = Formula(text, origin)
    return UserSheet(name, position, cells, dict(book_comments(book, name)))


def _read_formulas_and_comments(book: Book, title: str, spec: dict[str, Any],
                                edits: Edits) -> None:
    """The formulas and comments of a list sheet, placed by row key (or added row) and
    header, so they follow their row wherever the new plan puts it."""
    formulas, comments = book_formulas(book, title), book_comments(book, title)
    if not formulas and not comments:
        return
    name = spec.get("n") or spec["t"]
    anchors, headers = edits.layout.get(name, ([], {}))
    for (r, c), (text, origin) in formulas.items():
        anchor = anchors[r - 1] if 0 < r <= len(anchors) else None
        if anchor is not None and c in headers:
            edits.formulas.setdefault(name, {}).setdefault(anchor, {})[headers[c]] = (
                Formula(text, origin))
    for (r, c), (author, text) in comments.items():
        anchor = anchors[r - 1] if 0 < r <= len(anchors) else None
        if c in headers and (r == 0 or anchor is not None):  # r 0: the header row
            edits.comments.setdefault(name, []).append((anchor, headers[c], author, text))


def _specs_from_properties(properties: list[tuple[str, str]]
                           ) -> tuple[list[dict[str, Any]], str | None, str]:
    """The list sheets' descriptions, the token of the write and the summary sheet's title."""
    pieces = sorted((name, value) for name, value in properties
                    if name and name.startswith(META_PREFIX) and isinstance(value, str))
    if not pieces:
        return [], None, SUMMARY_TITLE
    try:
        meta = json.loads("".join(value for _, value in pieces))
        specs = [s for s in meta["sheets"] if s.get("t") and s.get("k") and s.get("c")]
        token, title = meta.get("w"), meta.get("s")
        return (specs, token if isinstance(token, str) else None,
                title if isinstance(title, str) and title else SUMMARY_TITLE)
    except (ValueError, KeyError, TypeError, AttributeError):
        return [], None, SUMMARY_TITLE


def _specs_from_sheets(sheets: list[ListSheet] | None) -> list[dict[str, Any]]:
    if not sheets:
        return []
    specs = []
    for sheet in sheets:
        columns = [[c.header, c.kind, "e" if c.editable else ""] for c in sheet.columns]
        specs.append({"t": sheet_titles([sheet.name])[0], "n": sheet.name, "k": sheet.key,
                      "c": columns})
    return specs


def _header(rows: list[list[Any]]) -> list[str]:
    values = (_plain(v) for v in (rows[0] if rows else ()))
    return [str(v).strip() if v is not None else "" for v in values]


def _find_sheet(book: Book, spec: dict[str, Any], claimed: set[str]) -> str | None:
    """The sheet by its name; failing that (renamed), an unclaimed one with its key column and
    editable columns."""
    title = spec["t"]
    if title in book.names and title not in claimed:
        claimed.add(title)
        return title
    wanted = {spec["k"]} | {h for h, _, flag in spec["c"] if flag == "e"}
    for name in book.names:
        if name not in claimed and wanted <= set(_header(book.rows(name))):
            claimed.add(name)
            return name
    return None  # deleted by the user: nothing to keep


def _unique(header: str, taken: set[str]) -> str:
    candidate, n = header, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{header} ({n})"
    return candidate


def _read_sheet(title: str, rows: list[list[Any]], spec: dict[str, Any], edits: Edits,
                path: Path, sheet: ListSheet | None, force: bool) -> None:
    name = spec.get("n") or spec["t"]
    header = _header(rows)
    position: dict[str, int] = {}
    folded: dict[str, int] = {}
    for i, text in enumerate(header):
        if text:
            position.setdefault(text, i)
            folded.setdefault(text.casefold(), i)

    def find(text: str) -> int | None:
        found = position.get(text)
        return found if found is not None else folded.get(text.casefold())

    # (header, index in the row, is a date column, flag): flag "e" editable, "u" the user's,
    # "p" the plan note, "s" a suggestion of the plan's, "" the plan's
    columns: list[tuple[str, int, bool, str]] = []
    claimed: set[int] = set()
    for header_text, kind, flag in spec["c"]:
        index = find(header_text)
        if index is not None and index not in claimed:
            claimed.add(index)
            columns.append((header_text, index, kind == "date", flag))
    kinds = {h: kind for h, kind, _ in spec["c"]}
    taken = {h.casefold() for h, _, _, _ in columns} | {h.casefold() for h, _, _ in spec["c"]}
    body = rows[1:]
    for index, text in enumerate(header):
        if index in claimed:
            continue
        if not text:  # a column of the user's without a header: kept if it holds anything
            if not any(index < len(cells) and _plain(cells[index]) is not None
                       and not (type(cells[index]) is str and cells[index].isspace())
                       for cells in body):
                continue
            text = "Your column"
        if text.casefold() in taken:  # the same header twice: the second is the user's
            text = _unique(f"{text} (yours)" if header[index] else text, taken)
        taken.add(text.casefold())
        kinds[text] = "text"
        columns.append((text, index, False, "u"))
    editable = [h for h, _, _, flag in columns if flag == "e"]

    sheet_rows: dict[Hashable, dict[str, Any]] = {}
    copies: dict[Hashable, list[dict[str, Any]]] = {}
    added: list[dict[str, Any]] = []
    # Column by column, so that most cells cost no Python call (a plan has tens of thousands)
    width = max(len(header), max((i for _, i, _, _ in columns), default=-1) + 1)
    if body and min(map(len, body)) < width:
        body = [[*cells, *[None] * (width - len(cells))] for cells in body]
    # rows are at least as wide as the header now; longer ones are cut to the shortest
    by_column = list(zip(*body, strict=False)) if body else [()] * width
    values = list(zip(*(_values(by_column[index], is_date) for _, index, is_date, _ in columns),
                      strict=True)) if columns else [() for _ in body]
    headers = [h for h, _, _, _ in columns]
    key_index = find(spec["k"])
    if key_index is not None:
        keys: list[Hashable | None] = [
            (cell.strip() or None) if type(cell) is str else row_key(_plain(cell))
            for cell in by_column[key_index]]  # what row_key gives, text without a call
    else:
        # the key column is gone: the plan says which other cells name a row; a row they
        # cannot name is kept as one that left the plan would be, under a key of its own
        rebuild = sheet.rebuild_key if sheet is not None else None
        keys = [row_key(rebuild(dict(zip(headers, row, strict=True)))) if rebuild else None
                for row in values]
        if not force and not any(key is not None for key in keys):
            raise WorkbookError(
                f"sheet {title!r} in {path.name} has lost its {spec['k']!r} column (row 1 "
                f"must keep the headers), so {_NEXT_STEP}")
        edits.rekeyed.add(name)
        keys = [LOST_KEY.format(key=spec["k"], row=n)
                if key is None and any(v is not None for v in row) else key
                for n, (key, row) in enumerate(zip(keys, values, strict=True), 2)]
    anchors: list[Hashable | None] = []  # what each row is found by: its key, or an added row
    for key, row in zip(keys, values, strict=True):
        anchors.append(key)
        if key is None:
            if any(v is not None for v in row):
                anchors[-1] = (ADDED_ROW, len(added))
                added.append(dict(zip(headers, row, strict=True)))
        elif key not in sheet_rows:
            sheet_rows[key] = dict(zip(headers, row, strict=True))
        else:  # a copy of a row: merged with it (outreach.workbook.changes)
            copies.setdefault(key, []).append(dict(zip(headers, row, strict=True)))
    edits[name] = ({key: {h: every[h] for h in editable} for key, every in sheet_rows.items()}
                   if editable else {key: {} for key in sheet_rows})
    edits.rows[name] = sheet_rows
    edits.added_rows[name] = added
    edits.user_columns[name] = [h for h, _, _, flag in columns if flag == "u"]
    edits.kinds[name] = kinds
    edits.layout[name] = (anchors, {index: h for h, index, _, _ in columns})
    if copies:
        edits.copies[name] = copies
