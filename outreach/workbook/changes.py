"""What the user changed since the plan wrote a workbook: ``compare`` the edits read back with
what the plan remembered writing (``Written``), cell by cell.

- A cell of the plan's columns is the user's when it differs from what the plan wrote there
  (a formula typed into it always does); a cell equal to it is the plan's, so the next plan may
  write something new there (a follow-up date of its own, say).
- A row the plan wrote that is no longer in its sheet was deleted by the user, unless the sheet
  itself is gone or was read without its key column (then nothing can be told).
- Copies of one row (same key) are merged into the first: the user's values from every copy,
  texts that differ joined on separate lines, and what cannot be joined (a second status)
  described in ``Edits.conflicts``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from outreach.workbook.merge import (
    ADDED_ROW,
    SIGNAL_KINDS,
    edits_name,
    is_empty,
    match_key,
    plans_own,
    row_key,
    written_fingerprint,
    written_text,
)
from outreach.workbook.package import cell_ref
from outreach.workbook.spec import Column, Edits, Formula, ListSheet, SheetCells, UserSheet, Written
from outreach.workbook.values import CELL_SEPARATOR, fingerprint, row_text, same_cell

_JOINED_KINDS = ("text", "wrap")
#: The summary's columns the plan writes in (labels and values); the user's text is elsewhere
SUMMARY_COLUMNS = 2
#: Above the user's summary cells that had to move (the plan writes where they were): kept
#: like the user's own text from then on, but not counted as something they typed
KEPT_HEADING = "Kept from your earlier Summary (the plan writes where it was)"


def compare(edits: Edits, before: Written | None) -> Edits:
    """Fill in ``edits.changed``, ``edits.deleted`` and ``edits.conflicts`` (see the module doc),
    and merge copies of rows; rows nothing is remembered of keep the reader's rule."""
    edits.before = before
    for name, rows in edits.rows.items():
        cells = before.sheets.get(name) if before else None
        kinds = edits.kinds.get(name, {})
        copies = edits.copies.get(name, {})
        formulas = edits.formulas.get(name, {})
        changed: dict[Hashable, dict[str, str]] = {}
        headers = cells.headers if cells else []
        users = cells.users if cells else set()
        for key, row in rows.items():
            remembered = cells.rows.get(match_key(key)) if cells else None
            before_cells = remembered[1].split(CELL_SEPARATOR) if remembered else None
            if key in copies:
                note = _merge_copies(row, copies[key],
                                     dict(zip(headers, before_cells, strict=False))
                                     if before_cells else None, kinds)
                if note:
                    edits.conflicts.setdefault(name, {})[key] = note
            if remembered is None or before_cells is None:
                if key in copies and key in edits.get(name, {}):  # the reader's rule, merged
                    edits[name][key] = {h: row.get(h) for h in edits[name][key]}
                continue
            now = list(map(row.get, headers))
            if (key not in formulas and key not in copies and match_key(key) not in users
                    and row_text(now) == remembered[1]):  # the usual row: as it was written
                changed[key] = {}
                edits[name][key] = {}
                continue
            typed = formulas.get(key, {})
            mine = {h: text for h, text, value in zip(headers, before_cells, now, strict=False)
                    if h in row and (h in typed or not same_cell(text, value))}
            changed[key] = mine
            edits[name][key] = {h: row[h] for h in mine}
        edits.changed[name] = changed
        if cells is not None and name not in edits.rekeyed:
            present = {match_key(k) for k in rows}
            present.update(match_key(k) for k in copies)
            deleted = {k: label for k, (label, _) in cells.rows.items() if k not in present}
            if deleted:
                edits.deleted[name] = deleted
    if edits.summary is not None:
        edits.summary_cells = _summary_cells(edits.summary, before.summary if before else None)
    return edits


def _summary_cells(summary: UserSheet, cells: SheetCells | None) -> dict[tuple[int, int], Any]:
    """The summary's cells that the user typed: those the plan did not write as they are now
    (a formula always). Nothing remembered: those right of the plan's two columns."""
    found: dict[tuple[int, int], Any] = {}
    for place, value in summary.cells.items():
        if type(value) is Formula:
            found[place] = value
        elif cells is None:
            if place[1] >= SUMMARY_COLUMNS:
                found[place] = value
        else:
            remembered = cells.rows.get(cell_ref(*place))
            if remembered is None or not same_cell(remembered[1], value):
                found[place] = value
    return found


def _merge_copies(row: dict[str, Any], copies: list[dict[str, Any]],
                  before: dict[str, str] | None, kinds: dict[str, str]) -> str:
    """Merge ``copies`` into ``row`` (``before``: what the plan wrote, header -> one cell of
    ``row_text``); returns a note on what could not be merged, or ""."""
    left: list[str] = []
    for header in row:
        values = [v for v in (row.get(header), *(c.get(header) for c in copies))
                  if not is_empty(v)]
        if before is not None and header in before:  # the plan's own value yields to the user's
            values = [v for v in values if not same_cell(before[header], v)] or values
        distinct: list[Any] = []
        seen: set[str] = set()
        for value in values:
            token = fingerprint(value)
            if token not in seen:
                seen.add(token)
                distinct.append(value)
        if not distinct:
            continue
        if len(distinct) > 1 and kinds.get(header, "text") in _JOINED_KINDS and all(
                isinstance(v, str) for v in distinct):
            row[header] = "\n".join(v.strip() for v in distinct)
            continue
        row[header] = distinct[0]
        left.extend(f"{header}: {v}" for v in distinct[1:])
    return ("A copy of this row also had " + "; ".join(left)) if left else ""


def _planned_rows(sheet: ListSheet | None
                  ) -> tuple[dict[str, dict[str, Any]], dict[str, Column]]:
    """The new plan's rows of ``sheet`` by key (``match_key``), header -> value, and its
    ``advice`` columns by header (no rows when it has none)."""
    advice = {c.header: c for c in sheet.columns if c.advice} if sheet else {}
    if sheet is None or not advice:
        return {}, advice
    headers = [c.header for c in sheet.columns]
    index = headers.index(sheet.key)
    return {match_key(row_key(row[index])): dict(zip(headers, row, strict=False))
            for row in sheet.rows if index < len(row) and row_key(row[index]) is not None}, advice


@dataclass
class ReadBack:
    """What a re-plan read back from the user's workbook, for the sentence that says so."""

    cells: Counter[str] = field(default_factory=Counter)  # header -> cells the user typed
    added_rows: int = 0  # rows without a key
    deleted_rows: int = 0  # rows the plan wrote that are gone now
    user_columns: list[str] = field(default_factory=list)
    copies: int = 0  # copies of rows merged into one
    formulas: int = 0
    comments: int = 0
    summary_cells: int = 0  # cells the user typed into the summary
    user_sheets: list[str] = field(default_factory=list)  # sheets the user added


def read_back(edits: Edits, planned: Iterable[ListSheet] = ()) -> ReadBack:
    """Count what ``edits`` hold of the user's (after ``compare``): the cells they changed in
    the plan's columns or, for rows nothing is remembered of, typed into its editable columns
    (a date or number only beside a typed text or choice: the plan fills those in itself), but
    not the advice the new plan (``planned``, its sheets) writes in that cell itself, which the
    merge keeps as the plan's (``merge.plans_own``)."""
    found = ReadBack()
    sheets = {sheet.name: sheet for sheet in planned}
    for name, rows in edits.rows.items():
        changed = edits.changed.get(name, {})
        kinds = edits.kinds.get(name, {})
        typed = edits.get(name, {})
        editable = {h for values in typed.values() for h in values}
        usual = {h: Counter(fingerprint(row.get(h)) for row in rows.values()).most_common(1)[0][0]
                 for h in editable} if rows else {}
        counted: Counter[str] = Counter()
        plans: dict[str, dict[str, Any]] | None = None
        for key, row in rows.items():
            if key in changed:
                counted.update(list(changed[key]))
                continue
            if plans is None:  # only for a sheet with rows nothing is remembered of
                plans, advice = _planned_rows(sheets.get(name))
            now = plans.get(match_key(key), {})
            mine = [h for h in editable if fingerprint(row.get(h)) not in ("", usual.get(h))
                    and not (h in advice and plans_own(row.get(h), now.get(h), advice[h]))]
            if any(kinds.get(h) in SIGNAL_KINDS for h in mine):
                counted.update(mine)
        for header in sorted(counted, key=list(kinds).index):  # in the sheet's order
            found.cells[header] += counted[header]
        found.added_rows += sum(1 for row in edits.added_rows.get(name, [])
                                if any(not is_empty(v) for v in row.values()))
        found.deleted_rows += len(edits.deleted.get(name, {}))
        found.copies += sum(map(len, edits.copies.get(name, {}).values()))
        found.formulas += sum(map(len, edits.formulas.get(name, {}).values()))
        found.user_columns += [h for h in edits.user_columns.get(name, [])
                               if h not in found.user_columns]
        found.comments += len(edits.comments.get(name, []))
    found.summary_cells = sum(1 for v in edits.summary_cells.values() if v != KEPT_HEADING)
    found.user_sheets = [sheet.name for sheet in edits.user_sheets]
    found.comments += sum(len(sheet.comments) for sheet in edits.user_sheets)
    if edits.summary is not None:
        found.comments += len(edits.summary.comments)
        found.formulas += sum(type(v) is Formula for v in edits.summary_cells.values())
    found.formulas += sum(type(v) is Formula for sheet in edits.user_sheets
                          for v in sheet.cells.values())
    return found


def adopt_row(edits: Edits, sheet: ListSheet, anchor: Hashable, key: Hashable) -> None:
    """Make the row the user typed at ``anchor`` (a row key, or ``(ADDED_ROW, n)`` for a row
    typed without a key) the row of ``key`` in the new plan's ``sheet`` (after ``compare``):
    a group typed into an empty row that the plan has now read into its catalogue, say.

    Every cell of it the user typed (of a row of the plan's: what they changed there) that the
    plan does not write so there now stays the user's, as a changed cell (the plan's value,
    where it has one, goes beside it); its formulas, comments and user columns move with it. When the user also kept a row of ``key``, that row wins and the
    typed one fills only its empty cells. Nothing happens when ``key`` is not in ``sheet``.
    """
    name = edits_name(sheet.name, edits)
    headers = [c.header for c in sheet.columns]
    index = headers.index(sheet.key)
    planned = next((dict(zip(headers, row, strict=False)) for row in sheet.rows
                    if index < len(row) and match_key(row_key(row[index])) == match_key(key)),
                   None)
    if planned is None:
        return
    rows = edits.rows.setdefault(name, {})
    if isinstance(anchor, tuple) and anchor[:1] == (ADDED_ROW,):
        added = edits.added_rows.get(name, [])
        typed, added[anchor[1]] = dict(added[anchor[1]]), {}  # emptied: the merge skips it
    else:  # a row of the plan's: only what the user typed in it moves
        every = rows.pop(anchor, {})
        users = edits.changed.get(name, {}).get(anchor)
        if users is None:  # nothing remembered: the reader's rule, its editable columns
            users = edits.get(name, {}).get(anchor, {})
        typed = {h: every[h] for h in [*users, *edits.user_columns.get(name, [])] if h in every}
        for table in (edits, edits.changed, edits.copies, edits.conflicts):
            table.get(name, {}).pop(anchor, None)
    typed[sheet.key] = key
    existing = next((k for k in rows if match_key(k) == match_key(key)), None)
    if existing is not None:  # the user's row of that key wins; the typed one fills its gaps
        row = rows[existing]
        for header, value in typed.items():
            if is_empty(row.get(header)):
                row[header] = value
        key, typed = existing, row
    rows[key] = typed
    kinds = {c.header: c.kind for c in sheet.columns}
    mine = {header: written_text(planned.get(header), kinds[header])
            for header, value in typed.items()
            if header in kinds and header != sheet.key and not is_empty(value)
            and written_fingerprint(value, kinds[header])
            != written_fingerprint(planned.get(header), kinds[header])}
    edits.changed.setdefault(name, {})[key] = {**edits.changed.get(name, {}).get(key, {}), **mine}
    edits.setdefault(name, {})[key] = {h: typed[h] for h in edits.changed[name][key]}
    formulas = edits.formulas.get(name, {})
    if anchor in formulas:
        formulas[key] = {**formulas.pop(anchor), **formulas.get(key, {})}
    edits.comments[name] = [(key if where == anchor else where, header, author, text)
                            for where, header, author, text in edits.comments.get(name, [])]
    if name in edits.layout:
        anchors, columns = edits.layout[name]
        edits.layout[name] = ([key if a == anchor else a for a in anchors], columns)
