"""Reading the user's edits back from a plan workbook (called by outreach.workbook)."""

from __future__ import annotations

import json
import warnings
import zipfile
from collections.abc import Hashable, Iterator
from pathlib import Path
from typing import Any

from outreach.errors import WorkbookError
from outreach.workbook import Edits, ListSheet
from outreach.workbook_merge import is_empty, row_key

META_PREFIX = "outreach-meta-"
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


def read_workbook_edits(path: Path, sheets: list[ListSheet] | None = None) -> Edits:
    if not path.exists():
        return Edits()
    check_not_open(path, _NEXT_STEP)
    with warnings.catch_warnings():  # openpyxl warns about Excel features it does not keep
        warnings.simplefilter("ignore")
        try:
            return _read(path, sheets)
        except WorkbookError:
            raise
        except Exception as exc:  # openpyxl raises many kinds on a broken file
            raise WorkbookError(f"{path.name} cannot be read back ({_reason(path, exc)}), so "
                                f"{_NEXT_STEP}") from exc


def _read(path: Path, sheets: list[ListSheet] | None) -> Edits:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        specs = _specs_from_properties(workbook) or _specs_from_sheets(sheets)
        if not specs:
            raise WorkbookError(f"{path.name} was not written by outreach (or lost its hidden "
                                f"description when saved by another program), so {_NEXT_STEP}")
        edits = Edits()
        claimed: set[str] = set()
        for spec in specs:
            ws = _find_sheet(workbook, spec, claimed)
            if ws is not None:
                _read_sheet(ws, spec, edits, path)
        return edits
    finally:
        workbook.close()  # read-only mode keeps the file open until then


def _reason(path: Path, exc: Exception) -> str:
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as error:
        return error.strerror or "it cannot be opened"
    if magic.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: an encrypted .xlsx or an old .xls
        return "it is password-protected, or an old .xls file"
    if isinstance(exc, (zipfile.BadZipFile, KeyError)) or not magic.startswith(b"PK"):
        return "it is not an .xlsx file, or it is damaged"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"it is damaged: {text[:200]}"


def _specs_from_properties(workbook: Any) -> list[dict[str, Any]]:
    pieces = sorted((p.name, p.value) for p in workbook.custom_doc_props
                    if p.name and p.name.startswith(META_PREFIX) and isinstance(p.value, str))
    if not pieces:
        return []
    try:
        meta = json.loads("".join(value for _, value in pieces))
        return [s for s in meta["sheets"] if s.get("t") and s.get("k") and s.get("c")]
    except (ValueError, KeyError, TypeError, AttributeError):
        return []


def _specs_from_sheets(sheets: list[ListSheet] | None) -> list[dict[str, Any]]:
    from outreach.workbook_cells import sheet_titles

    specs = []
    for sheet in sheets or []:
        columns = [[c.header, c.kind, "e" if c.editable else ""] for c in sheet.columns]
        specs.append({"t": sheet_titles([sheet.name])[0], "n": sheet.name, "k": sheet.key,
                      "c": columns})
    return specs


def _header_row(ws: Any) -> list[str]:
    for row in ws.iter_rows(min_row=1, max_row=1, values_only=True):
        return [str(v).strip() if v is not None else "" for v in row]
    return []


def _find_sheet(workbook: Any, spec: dict[str, Any], claimed: set[str]) -> Any:
    """The sheet by its name; failing that (renamed), an unclaimed one with its key column and
    editable columns."""
    title = spec["t"]
    if title in workbook.sheetnames and title not in claimed:
        claimed.add(title)
        return workbook[title]
    wanted = {spec["k"]} | {h for h, _, flag in spec["c"] if flag == "e"}
    for name in workbook.sheetnames:
        if name in claimed:
            continue
        ws = workbook[name]
        if not hasattr(ws, "iter_rows"):  # a chart sheet
            continue
        if wanted <= set(_header_row(ws)):
            claimed.add(name)
            return ws
    return None  # deleted by the user: nothing to keep


def _read_sheet(ws: Any, spec: dict[str, Any], edits: Edits, path: Path) -> None:
    from outreach.workbook_cells import as_date

    name = spec.get("n") or spec["t"]
    rows: Iterator[tuple[Any, ...]] = ws.iter_rows(values_only=True)
    first = next(rows, None)
    header = [str(v).strip() if v is not None else "" for v in (first or ())]
    position: dict[str, int] = {}
    folded: dict[str, int] = {}
    for i, text in enumerate(header):
        if text:
            position.setdefault(text, i)
            folded.setdefault(text.casefold(), i)

    def find(text: str) -> int | None:
        found = position.get(text)
        return found if found is not None else folded.get(text.casefold())

    key_index = find(spec["k"])
    if key_index is None:
        raise WorkbookError(
            f"sheet {ws.title!r} in {path.name} has lost its {spec['k']!r} column (row 1 must "
            f"keep the headers), so {_NEXT_STEP}")
    # (header, index in the row, is a date column, flag): flag "e" editable, "u" the user's,
    # "p" the plan note, "" the plan's
    columns: list[tuple[str, int, bool, str]] = []
    for header_text, kind, flag in spec["c"]:
        index = find(header_text)
        if index is not None:
            columns.append((header_text, index, kind == "date", flag))
    taken = {h.casefold() for h, _, _, _ in columns} | {h.casefold() for h, _, _ in spec["c"]}
    for index, text in enumerate(header):
        if text and text.casefold() not in taken:  # a column the user added since
            taken.add(text.casefold())
            columns.append((text, index, False, "u"))
    editable = [h for h, _, _, flag in columns if flag == "e"]

    sheet_edits: dict[Hashable, dict[str, Any]] = {}
    sheet_rows: dict[Hashable, dict[str, Any]] = {}
    added: list[dict[str, Any]] = []

    def value(cells: tuple[Any, ...], index: int, is_date: bool) -> Any:
        cell = cells[index] if index < len(cells) else None
        if is_empty(cell):
            return None
        return as_date(cell) if is_date else cell

    for cells in rows:
        key = row_key(cells[key_index] if key_index < len(cells) else None)
        every = {h: value(cells, i, d) for h, i, d, _ in columns}
        if key is None:
            if any(v is not None for v in every.values()):
                added.append(every)
            continue
        if key in sheet_rows:  # a duplicated row: the first one counts
            continue
        sheet_rows[key] = every
        sheet_edits[key] = {h: every[h] for h in editable}
    edits[name] = sheet_edits
    edits.rows[name] = sheet_rows
    edits.added_rows[name] = added
    edits.user_columns[name] = [h for h, _, _, flag in columns if flag == "u"]
