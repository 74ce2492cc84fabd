"""Merging the user's edits into a new plan's rows (pure Python; rules in outreach.workbook.files).

Two ways to know what the user typed in a row of the earlier workbook:

- The plan remembered what it wrote there (``Edits.changed``, set by
  ``outreach.workbook.changes.compare``): every cell of the plan's columns that differs from
  it is the user's and is kept as it is, emptied cells included. Where the new plan would write
  something else in a column that is not editable (a rewritten Message, a corrected Position),
  its suggestion goes beside the user's value, in a "Suggested message" column.
- Nothing is remembered (a workbook from before, a plain dict of edits): the rule as it was,
  the user's non-empty values in the editable columns win, except the advice the new plan
  writes in that cell itself (an ``advice`` column, ``plans_own``), which stays the plan's.

Either way the new workbook remembers, for each cell holding the user's value, what the plan
wrote there before the user changed it (``PreparedSheet.baselines``), so the cell stays the
user's on every later plan until they put the plan's value back.
"""

from __future__ import annotations

import datetime as dt
import numbers
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from outreach.workbook.spec import Column, Formula, ListSheet, SheetCells
from outreach.workbook.values import (
    CELL_SEPARATOR,
    clean_text,
    converter,
    fingerprint,
    row_text,
    sheet_titles,
    shown,
)

PLAN_NOTE_HEADER = "Plan note"
#: How the reader files the formulas and comments of a row the user added (it has no key):
#: under (ADDED_ROW, its index in ``Edits.added_rows``)
ADDED_ROW = "added row"
NOTE_CARRIED = "Kept from an earlier plan: no longer in this plan, but you had edited it"
NOTE_ADDED = "Kept: a row you added (it has no {key})"
SUGGESTED = "Suggested {header}"
YOURS = "{header} (yours)"
# Kinds whose editable values show that the user worked on a row; dates and numbers are
# filled in by the plan itself (a follow-up date), so they alone do not.
SIGNAL_KINDS = ("text", "wrap", "choice")


@dataclass
class PreparedSheet:
    """A list sheet ready to write: the plan's columns (each followed by the plan's suggestion
    where the user changed it), then the user's columns, then the plan note."""

    name: str
    columns: list[Column]
    rows: list[list[Any]]
    key: str
    priority_column: str | None
    user_headers: list[str]
    note_header: str | None
    carried: int  # the last `carried` rows were carried over from the earlier workbook
    #: headers of the "Suggested …" columns the plan added beside the user's values
    suggestion_headers: list[str] = field(default_factory=list)
    #: row index -> {column index: what the plan wrote there before the user changed it}
    baselines: dict[int, dict[int, str]] = field(default_factory=dict)
    label: tuple[str, ...] = ()
    #: the user's cell comments: (row index, -1 for the header row; column index, author, text)
    comments: list[tuple[int, int, str, str]] = field(default_factory=list)
    #: where the earlier workbook's rows and columns are now, for the user's formulas:
    #: (old row number -> new row number, old column index -> new column index)
    moves: tuple[dict[int, int], dict[int, int]] | None = None

    @property
    def plan_columns(self) -> list[int]:
        """Indices of the plan's own columns (the ones it remembers)."""
        others = {*self.user_headers, *self.suggestion_headers, self.note_header}
        return [i for i, c in enumerate(self.columns) if c.header not in others]


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


def match_key(key: Hashable) -> str:
    """The text a key is matched and remembered by: 42 written by the plan and "42" typed by
    the user are the same row."""
    return str(key)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def written_value(value: Any, kind: str) -> Any:
    """``value`` as the writer puts it into a cell of a ``kind`` column, and a reader gives it
    back."""
    if type(value) is Formula:
        return value
    value = converter(kind)(value)[0]
    return clean_text(value) or None if isinstance(value, str) else shown(value)


def written_fingerprint(value: Any, kind: str) -> str:
    """The fingerprint of ``value`` as written into a cell of a ``kind`` column."""
    return fingerprint(written_value(value, kind))


def written_text(value: Any, kind: str) -> str:
    """``value`` as written into a cell of a ``kind`` column, as one cell of a row's text."""
    return row_text([written_value(value, kind)])


def plans_own(value: Any, planned: Any, column: Column) -> bool:
    """Whether ``value``, read back from a cell of an ``advice`` column nothing is remembered
    of, is the advice the plan writes there now (a group's "to visit"): it cannot be told from
    the plan's own, and taking it as the user's would keep it so on every later plan. (Other
    columns may hold the user's value written back by the plan, so they cannot say.)"""
    return (column.advice and type(value) is not Formula and not is_empty(planned)
            and written_fingerprint(value, column.kind)
            == written_fingerprint(planned, column.kind))


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


def edits_name(sheet_name: str, edits: dict[str, Any]) -> str:
    """The name ``sheet_name``'s edits are under (the sheet's title, when it had to change)."""
    return sheet_name if sheet_name in edits else sheet_titles([sheet_name])[0]


def prepare_sheet(sheet: ListSheet, edits: dict[str, Any] | None,
                  deleted: Iterable[str] = ()) -> PreparedSheet:
    """``sheet`` with the user's edits merged in, user columns and carried-over rows added;
    rows whose key (``match_key``) is in ``deleted`` are left out."""
    validate(sheet)
    width = len(sheet.columns)
    headers = [c.header for c in sheet.columns]
    key_index = headers.index(sheet.key)
    gone = set(deleted)
    rows = [list(row) + [None] * (width - len(row)) for row in sheet.rows]
    if gone:
        rows = [row for row in rows if match_key(row_key(row[key_index])) not in gone]
    prepared = PreparedSheet(sheet.name, list(sheet.columns), rows, sheet.key,
                             sheet.priority_column, [], None, 0, label=sheet.label)
    merge = _Merge(sheet, edits, prepared, gone) if edits else None
    if merge:
        merge.run()
    _muted_last(prepared)
    if merge and merge.formulas:
        prepared.moves = merge.moves()
    return prepared


def _muted_last(prepared: PreparedSheet) -> None:
    """Muted columns (a row key) after every other one, the user's and the plan note's too:
    nothing the user reads or types lies right of them."""
    columns = prepared.columns
    order = ([j for j, c in enumerate(columns) if not c.muted]
             + [j for j, c in enumerate(columns) if c.muted])
    if order == list(range(len(columns))):
        return
    moved = {j: n for n, j in enumerate(order)}
    prepared.columns = [columns[j] for j in order]
    prepared.rows = [[row[j] for j in order] for row in prepared.rows]
    prepared.baselines = {r: {moved[j]: token for j, token in baseline.items()}
                          for r, baseline in prepared.baselines.items()}
    prepared.comments = [(r, moved[j], author, text) for r, j, author, text in prepared.comments]


class _Merge:
    """One sheet's merge (see the module doc); ``run`` fills in the prepared sheet."""

    def __init__(self, sheet: ListSheet, edits: dict[str, Any], prepared: PreparedSheet,
                 gone: set[str]) -> None:
        self.sheet, self.prepared, self.gone = sheet, prepared, gone
        name = edits_name(sheet.name, edits)
        self.old: dict[Hashable, dict[str, Any]] = edits.get(name) or {}
        self.full: dict[Hashable, dict[str, Any]] = getattr(edits, "rows", {}).get(name, {})
        self.added: list[dict[str, Any]] = getattr(edits, "added_rows", {}).get(name, [])
        self.changed: dict[Hashable, dict[str, str]] = getattr(edits, "changed", {}).get(name, {})
        self.formulas: dict[Hashable, dict[str, Formula]] = (
            getattr(edits, "formulas", {}).get(name, {}))
        self.conflicts: dict[Hashable, str] = getattr(edits, "conflicts", {}).get(name, {})
        before = getattr(edits, "before", None)
        self.before: SheetCells | None = before.sheets.get(name) if before else None
        self.headers = [c.header for c in sheet.columns]
        self.index = {h: i for i, h in enumerate(self.headers)}
        self.key_index = self.index[sheet.key]
        rows = prepared.rows
        self.editable = [(i, c) for i, c in enumerate(sheet.columns) if c.editable]
        self.defaults = {c.header: _default(c, i, rows) for i, c in self.editable}
        self.signals = [c.header for _, c in self.editable
                        if c.kind in SIGNAL_KINDS or c.default is not None]
        self.answers = {c.header for _, c in self.editable if c.answer}
        # the user's columns, renamed where a header of the plan's has the same name
        taken = {h.strip().casefold() for h in self.headers} | {PLAN_NOTE_HEADER.casefold()}
        self.user_columns: list[tuple[str, str]] = []  # (header read, header written)
        for header in getattr(edits, "user_columns", {}).get(name, []):
            shown = header
            if shown.strip().casefold() in taken or shown.casefold().startswith(
                    SUGGESTED.format(header="").casefold()):
                shown = _unique(YOURS.format(header=header), list(taken))
            taken.add(shown.strip().casefold())
            self.user_columns.append((header, shown))
        self.suggestions: dict[int, dict[int, Any]] = {}  # column -> row -> the plan's value
        self.notes: dict[int, str] = {}  # row -> a note for the plan note column
        self.comments: list[tuple[Hashable | None, str, str, str]] = (
            getattr(edits, "comments", {}).get(name, []))
        self.row_of: dict[Hashable, int] = {}  # a row of the earlier workbook -> its row now
        self.layout: tuple[list[Hashable | None], dict[int, str]] = (
            getattr(edits, "layout", {}).get(name, ([], {})))

    def run(self) -> None:
        prepared, rows = self.prepared, self.prepared.rows
        old_keys = {match_key(k): k for k in self.old}
        used: set[Hashable] = set()
        for r, row in enumerate(rows):
            key = row_key(row[self.key_index])
            found = old_keys.get(match_key(key)) if key is not None else None
            if found is None:
                row.extend([None] * len(self.user_columns))
                continue
            used.add(found)
            self.row_of[found] = r
            keep = {self.index[h]: row[self.index[h]] for h in self.sheet.plan_sets.get(key, {})
                    if h in self.index}
            self._take_users_cells(r, row, found, matched=True)
            for i, value in keep.items():  # the plan knows better here, and says so
                row[i] = value
                self.notes[r] = "; ".join(self.sheet.plan_sets[key].values())
            row.extend(self._user_values(found))
            if found in self.conflicts:
                self.notes[r] = self.conflicts[found]

        carried: list[tuple[list[Any], dict[int, str], str]] = []
        for key in self.old:
            if key in used or match_key(key) in self.gone or not self._edited(key):
                continue
            every = self.full.get(key) or {self.sheet.key: key, **self.old[key]}
            row = [every.get(h) for h in self.headers]
            row[self.key_index] = every.get(self.sheet.key, key)
            baseline = self._take_users_cells(len(rows) + len(carried), row, key, matched=False)
            before = self.before
            remembered = before.rows.get(match_key(key)) if before else None
            if before and remembered:  # the plan's values from when it was last planned
                cells = remembered[1].split(CELL_SEPARATOR)
                for header, text in zip(before.headers, cells, strict=False):
                    if header in self.index:
                        baseline.setdefault(self.index[header], text)
            note = NOTE_CARRIED + (f". {self.conflicts[key]}" if key in self.conflicts else "")
            self.row_of[key] = len(rows) + len(carried)
            carried.append(([*row, *self._user_values(key)], baseline, note))
        for n, every in enumerate(self.added):
            if any(not is_empty(v) for v in every.values()):
                formulas = self.formulas.get((ADDED_ROW, n), {})
                row = [formulas.get(h, every.get(h))
                       for h in [*self.headers, *(h for h, _ in self.user_columns)]]
                self.row_of[(ADDED_ROW, n)] = len(rows) + len(carried)
                carried.append((row, {}, NOTE_ADDED.format(key=self.sheet.key)))

        for row, baseline, note in carried:
            if baseline:
                prepared.baselines[len(rows)] = baseline
            self.notes[len(rows)] = note
            rows.append(row)
        prepared.carried = len(carried)
        prepared.user_headers = [shown for _, shown in self.user_columns]
        self._lay_out()

    def moves(self) -> tuple[dict[int, int], dict[int, int]]:
        """Where the earlier workbook's rows and columns are in the prepared sheet."""
        anchors, headers = self.layout
        rows = {1: 1}
        for n, anchor in enumerate(anchors):
            if anchor is not None and anchor in self.row_of:
                rows[n + 2] = self.row_of[anchor] + 2
        shown = dict(self.user_columns)
        now = {c.header: j for j, c in enumerate(self.prepared.columns)
               if c.header not in self.prepared.suggestion_headers}
        columns = {index: now[shown.get(header, header)] for index, header in headers.items()
                   if shown.get(header, header) in now}
        return rows, columns

    def _edited(self, key: Hashable) -> bool:
        """Whether a row that left the plan holds something of the user's, so is kept."""
        every = self.full.get(key, {})
        if any(not is_empty(every.get(h)) for h, _ in self.user_columns) or key in self.formulas:
            return True
        answers = self.answers
        if key in self.changed:
            return any(h not in answers for h in self.changed[key])
        values = self.old[key]
        return any(not is_empty(values.get(h)) and not _same(values.get(h), self.defaults.get(h))
                   for h in self.signals if h not in answers)

    def _take_users_cells(self, r: int, row: list[Any], key: Hashable, *,
                          matched: bool) -> dict[int, str]:
        """Put the user's values of ``key`` into ``row`` (row ``r``); returns, and records
        for matched rows, what the plan wrote in each of those cells before the user did."""
        baseline: dict[int, str] = {}
        every = self.full.get(key, {})
        formulas = self.formulas.get(key, {})
        if key in self.changed:
            for header, token in self.changed[key].items():
                i = self.index.get(header)
                if i is None:  # a column this plan no longer has
                    continue
                value = formulas.get(header, every.get(header))
                column = self.sheet.columns[i]
                if (matched and not column.editable and not is_empty(row[i])
                        and written_fingerprint(row[i], column.kind)
                        != written_fingerprint(value, column.kind)):
                    self.suggestions.setdefault(i, {})[r] = row[i]
                row[i] = value
                baseline[i] = token
        else:  # nothing remembered: the editable columns' non-empty values, as before
            values = self.old[key]
            worked = any(not is_empty(values.get(h)) and not _same(values.get(h),
                                                                   self.defaults.get(h))
                         for h in self.signals)
            for i, column in self.editable:
                value = formulas.get(column.header, values.get(column.header))
                if is_empty(value) or (matched and plans_own(value, row[i], column)):
                    continue
                row[i] = value
                if column.header in self.signals:
                    baseline[i] = written_text(self.defaults.get(column.header), column.kind)
                else:  # a date or number the plan may have filled in itself
                    baseline[i] = written_text(None if worked else value, column.kind)
            for header, formula in formulas.items():  # typed into any other column
                i = self.index.get(header)
                if i is not None and i not in baseline:
                    row[i], baseline[i] = formula, written_text(None, "text")
        if matched and baseline:
            self.prepared.baselines[r] = baseline
        return baseline

    def _user_values(self, key: Hashable) -> list[Any]:
        every = self.full.get(key, {})
        formulas = self.formulas.get(key, {})
        return [formulas.get(h, every.get(h)) for h, _ in self.user_columns]

    def _lay_out(self) -> None:
        """The final columns: each plan column followed by its suggestions, if any; the
        user's columns; the plan note when a row has one."""
        prepared = self.prepared
        order: list[int | tuple[int]] = []  # a column index, or (index,) for its suggestions
        columns: list[Column] = []
        taken = [c.header for c in self.sheet.columns] + prepared.user_headers
        for i, column in enumerate(self.sheet.columns):
            order.append(i)
            columns.append(column)
            if i in self.suggestions:
                header = _unique(SUGGESTED.format(header=column.header.lower()), taken)
                taken.append(header)
                prepared.suggestion_headers.append(header)
                order.append((i,))
                columns.append(Column(header, column.kind, column.width, hosts=column.hosts))
        width = len(self.sheet.columns)
        if prepared.suggestion_headers:
            moved = {i: j for j, i in enumerate(order) if isinstance(i, int)}
            for r, row in enumerate(prepared.rows):
                prepared.rows[r] = [
                    row[i] if isinstance(i, int) else self.suggestions[i[0]].get(r)
                    for i in order] + row[width:]
            prepared.baselines = {r: {moved[i]: token for i, token in baseline.items()}
                                  for r, baseline in prepared.baselines.items()}
        columns += [Column(shown, "text", editable=True) for shown in prepared.user_headers]
        prepared.columns = columns
        if self.notes:
            prepared.note_header = _unique(PLAN_NOTE_HEADER, [c.header for c in columns])
            prepared.columns.append(Column(prepared.note_header, "wrap", width=40))
            for r, row in enumerate(prepared.rows):
                row.append(self.notes.get(r))
        shown = dict(self.user_columns)
        column_of = {c.header: j for j, c in enumerate(prepared.columns)
                     if c.header not in prepared.suggestion_headers}
        for anchor, header, author, text in self.comments:
            j = column_of.get(shown.get(header, header))
            at = -1 if anchor is None else self.row_of.get(anchor)
            if j is not None and at is not None:
                prepared.comments.append((at, j, author, text))


def _unique(header: str, taken: list[str]) -> str:
    folded = {t.strip().casefold() for t in taken}
    candidate, n = header, 1
    while candidate.strip().casefold() in folded:
        n += 1
        candidate = f"{header} ({n})"
    return candidate
