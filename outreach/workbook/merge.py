"""Merging the user's edits into a new plan's rows (pure Python; rules in outreach.workbook.spec)."""

from __future__ import annotations

import datetime as dt
import numbers
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from outreach.workbook.spec import Column, ListSheet
from outreach.workbook.values import sheet_titles

PLAN_NOTE_HEADER = "Plan note"
NOTE_CARRIED = "Kept from an earlier plan: no longer in this plan, but you had edited it"
NOTE_ADDED = "Kept: a row you added (it has no {key})"
# Kinds whose editable values show that the user worked on a row; dates and numbers are
# filled in by the plan itself (a follow-up date), so they alone do not.
_SIGNAL_KINDS = ("text", "wrap", "choice")


@dataclass
class PreparedSheet:
    """A list sheet ready to write: the plan's columns, then the user's, then the plan note."""

    name: str
    columns: list[Column]
    rows: list[list[Any]]
    key: str
    priority_column: str | None
    user_headers: list[str]
    note_header: str | None
    carried: int  # the last `carried` rows were carried over from the earlier workbook



def row_key(value: Any) -> Hashable | None:
    """A row's key as read or written: stripped text, whole floats as ints, empty as None."""
    if isinstance(value, tuple):  # a (text, url) link: its text is what the sheet shows
        value = value[0] if value else None
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        if value != value:
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value if isinstance(value, Hashable) else str(value)


def _match(key: Hashable) -> str:
    # 42 written by the plan and "42" typed by the user are the same row
    return str(key)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    return bool(a == b)


def _default(column: Column, index: int, rows: list[list[Any]]) -> Any:
    if column.default is not None:
        return column.default
    values = Counter(
        row[index].strip().casefold() if isinstance(row[index], str) else row[index]
        for row in rows if index < len(row) and not is_empty(row[index])
    )
    if values:
        value, count = values.most_common(1)[0]
        if count * 2 >= len(rows):
            return value
    return None


def validate(sheet: ListSheet) -> None:
    headers = [c.header for c in sheet.columns]
    folded = [h.strip().casefold() for h in headers]
    if any(not h for h in folded) or len(set(folded)) != len(folded):
        raise ValueError(f"sheet {sheet.name!r}: headers must be non-empty and unique: {headers}")
    if sheet.key not in headers:
        raise ValueError(f"sheet {sheet.name!r}: key column {sheet.key!r} is not a header")
    if sheet.priority_column is not None and sheet.priority_column not in headers:
        raise ValueError(f"sheet {sheet.name!r}: priority column {sheet.priority_column!r} "
                         "is not a header")
    for number, row in enumerate(sheet.rows, 1):
        if len(row) > len(headers):
            raise ValueError(f"sheet {sheet.name!r}: row {number} has {len(row)} values for "
                             f"{len(headers)} columns")


def prepare_sheet(sheet: ListSheet, edits: dict[str, Any] | None) -> PreparedSheet:
    """``sheet`` with the user's edits merged in, user columns and carried-over rows added."""
    validate(sheet)
    width = len(sheet.columns)
    rows = [list(row) + [None] * (width - len(row)) for row in sheet.rows]
    prepared = PreparedSheet(sheet.name, list(sheet.columns), rows, sheet.key,
                             sheet.priority_column, [], None, 0)
    if not edits:
        return prepared

    name = sheet.name if sheet.name in edits else sheet_titles([sheet.name])[0]
    old: dict[Hashable, dict[str, Any]] = edits.get(name) or {}
    full: dict[Hashable, dict[str, Any]] = getattr(edits, "rows", {}).get(name, {})
    added: list[dict[str, Any]] = getattr(edits, "added_rows", {}).get(name, [])
    headers = [c.header for c in sheet.columns]
    known = {h.strip().casefold() for h in headers} | {PLAN_NOTE_HEADER.casefold()}
    user_headers = [h for h in getattr(edits, "user_columns", {}).get(name, [])
                    if h.strip().casefold() not in known]
    key_index = headers.index(sheet.key)
    editable = [(i, c) for i, c in enumerate(sheet.columns) if c.editable]
    defaults = {c.header: _default(c, i, rows) for i, c in editable}
    signals = [c.header for _, c in editable if c.kind in _SIGNAL_KINDS or c.default is not None]

    old_keys = {_match(k): k for k in old}
    used: set[Hashable] = set()
    for row in rows:
        key = row_key(row[key_index])
        found = old_keys.get(_match(key)) if key is not None else None
        if found is None:
            row.extend([None] * len(user_headers))
            continue
        used.add(found)
        values = old[found]
        for i, column in editable:
            if not is_empty(values.get(column.header)):
                row[i] = values[column.header]
        every = full.get(found, {})
        row.extend(every.get(h) for h in user_headers)

    carried: list[tuple[list[Any], str]] = []
    for key, values in old.items():
        if key in used:
            continue
        every = full.get(key) or {sheet.key: key, **values}
        edited = any(
            not is_empty(values.get(h)) and not _same(values.get(h), defaults.get(h))
            for h in signals
        ) or any(not is_empty(every.get(h)) for h in user_headers)
        if edited:
            row = [every.get(h) for h in headers]
            row[key_index] = every.get(sheet.key, key)
            for i, column in editable:
                if not is_empty(values.get(column.header)):
                    row[i] = values[column.header]
            carried.append(([*row, *(every.get(h) for h in user_headers)], NOTE_CARRIED))
    for every in added:
        if any(not is_empty(v) for v in every.values()):
            row = [every.get(h) for h in [*headers, *user_headers]]
            carried.append((row, NOTE_ADDED.format(key=sheet.key)))

    prepared.columns += [Column(h, "text", editable=True) for h in user_headers]
    prepared.user_headers = user_headers
    if carried:
        prepared.note_header = _unique(PLAN_NOTE_HEADER, [c.header for c in prepared.columns])
        prepared.columns.append(Column(prepared.note_header, "wrap", width=40))
        for row in rows:
            row.append(None)
        rows.extend([*row, note] for row, note in carried)
        prepared.carried = len(carried)
    return prepared


def _unique(header: str, taken: list[str]) -> str:
    folded = {t.casefold() for t in taken}
    candidate, n = header, 1
    while candidate.casefold() in folded:
        n += 1
        candidate = f"{header} ({n})"
    return candidate
