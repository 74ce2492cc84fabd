"""Groups the user typed into the plan workbook's Groups sheet, read into the catalogue.

A group the user found goes into an empty row of the Groups sheet (its name, city or
"online", cost, meets, duration, visitors allowed, contract, focus, website), or over a
starter-guide row ("to find") whose Group they replaced with a real group's name. The next
plan reads each such row exactly as ``outreach import groups`` reads a catalogue's row
(``outreach.imports.groups.read``: the sheet's headers are a catalogue's own), adds it to the
catalogue or updates the group of that name and place (``store.import_catalogue``), and the
new workbook shows it as a scored row, the user's cells kept (``workbook.changes.adopt_row``).

A row that cannot be read (no name; a cost such as "ask") is not added: it stays as typed,
its "Left out because" cell and the Summary saying what to fix, and is read again next time.
Nothing here fails a plan.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from outreach.errors import OutreachError
from outreach.groups.guide import Guide
from outreach.groups.recommend import (
    GROUP_INPUTS,
    GROUPS_SHEET,
    GroupPlan,
    group_key,
    groups_sheet,
    guide_sheet_row,
)
from outreach.groups.store import import_catalogue, load_groups, same_place
from outreach.imports.groups.columns import catalogue_key
from outreach.imports.groups.read import GroupCatalogue, read_groups
from outreach.workbook.changes import adopt_row
from outreach.workbook.merge import ADDED_ROW, edits_name, is_empty, written_fingerprint
from outreach.workbook.spec import Edits, ListSheet

#: The start of the note a row that could not be read gets in its "Left out because" cell; a
#: cell starting so is the plan's note, not the user's, when the row is read again.
NOT_READ = "Not in your catalogue yet:"
LEFT_OUT = "Left out because"
#: Cells a starter-guide row always keeps for the group typed over it: its kind and its city.
_GUIDE_KEEPS = ("Type", "Where")


@dataclass
class TypedRow:
    anchor: Hashable            # (ADDED_ROW, n) for a row typed without a key, else its key
    cells: dict[str, Any]       # header -> value, as read back
    name: str = ""              # the group's name as typed
    key: str = ""               # the catalogue group's key once read in
    problem: str = ""           # what to fix, when the row could not be read


@dataclass
class TypedGroups:
    """What the plan read from the groups typed into the workbook."""

    rows: list[TypedRow] = field(default_factory=list)
    added: int = 0              # groups new to the catalogue
    updated: int = 0            # groups of the same name and place that the row changed
    warnings: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[TypedRow]:
        return [row for row in self.rows if row.problem]

    def adopt(self, edits: Edits | None, sheet: ListSheet) -> None:
        """Make each row read into the catalogue the row of its group in ``sheet``."""
        if edits is None:
            return
        for row in self.rows:
            if row.key:
                adopt_row(edits, sheet, row.anchor, row.key)

    def summary(self) -> list[tuple[str, Any]]:
        facts: list[tuple[str, Any]] = []
        if self.added or self.updated:
            facts.append(("Groups added from the workbook", self.added))
        if self.updated:
            facts.append(("Groups updated from the workbook", self.updated))
        return facts

    def sections(self) -> list[tuple[str, list[str]]]:
        if not self.problems:
            return []
        return [("Groups you typed that could not be read yet (Groups sheet)",
                 [f"{row.name or 'a row without a name'}: {row.problem}" for row in self.problems])]


def any_typed(edits: Edits | None, guide: Guide) -> bool:
    """Whether the workbook holds a group typed into the Groups sheet (so the plan will change
    the catalogue, and runs in one transaction)."""
    return bool(_candidates(edits, guide))


def _candidates(edits: Edits | None, guide: Guide) -> list[TypedRow]:
    """Rows typed without a key, and starter-guide rows whose Group the user replaced."""
    if edits is None:
        return []
    name = edits_name(GROUPS_SHEET, edits)
    found = []
    for n, cells in enumerate(edits.added_rows.get(name, [])):
        if any(not is_empty(cells.get(h)) for h in GROUP_INPUTS):
            found.append(TypedRow((ADDED_ROW, n), dict(cells)))
    rows = edits.rows.get(name, {})
    headers = _sheet_headers() if guide.rows else []
    for guide_row in guide.rows:
        typed = rows.get(guide_row.key)
        if typed is None:
            continue
        own = dict(zip(headers, guide_sheet_row(guide_row, guide.home, ""), strict=False))
        if is_empty(typed.get("Group")) or catalogue_key(str(typed.get("Group"))) == \
                catalogue_key(guide_row.title):
            continue
        # the guide's own cells are no group's (a search link is no website), but its kind
        # and city are the group's unless the user changed them
        cells = {h: v for h, v in typed.items()
                 if h in _GUIDE_KEEPS or written_fingerprint(v, "text")
                 != written_fingerprint(own.get(h), "text")}
        found.append(TypedRow(guide_row.key, cells))
    return found


def _sheet_headers() -> list[str]:
    return [c.header for c in groups_sheet(GroupPlan([], 0.0, 0.0)).columns]


def _text(value: Any) -> str:
    """A cell as the text a catalogue file would hold (2.0 typed as 2 -> "2")."""
    if value is None:
        return ""
    if isinstance(value, tuple):  # a (text, url) link
        value = value[1] if len(value) > 1 else value[0]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _read_row(row: TypedRow) -> GroupCatalogue | None:
    """The row read as a one-row catalogue, or None with ``row.problem`` set."""
    cells = dict(row.cells)
    if str(cells.get(LEFT_OUT) or "").startswith(NOT_READ):
        cells.pop(LEFT_OUT)
    row.name = " ".join(_text(cells.get("Group")).split())
    if not row.name:
        row.problem = "no group name: type the group's name in the Group column"
        return None
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(GROUP_INPUTS)
    writer.writerow([_text(cells.get(h)) for h in GROUP_INPUTS])
    try:
        catalogue = read_groups(buffer.getvalue().encode("utf-8"), "the Groups sheet")
    except OutreachError as exc:
        row.problem = str(exc)
        return None
    # What the budget needs (cost, when and how long it meets, visiting, contract) must be read;
    # a focus the reader does not know ("meetup") is left unknown, as import groups leaves it.
    unread = [w.split(": ", 1)[-1] for w in catalogue.warnings
              if "cannot read" in w and " as a focus" not in w]
    if unread:
        row.problem = "; ".join(_advice(w) for w in unread)
        return None
    return catalogue


#: What to write instead, by the kind of value that could not be read.
_EXAMPLES = {
    "a cost": "'free', '$20 per meeting' or '$689 per year'",
    "a schedule": "'weekly', '2nd Tuesday 6:30pm' or 'monthly'",
    "hours": "'2 hours' or '90 min'",
    "a visitor policy": "'yes', '2 visits' or 'members only'",
    "a contract length": "'no', '12 months' or '1 year'",
}


def _advice(warning: str) -> str:
    """ "cannot read 'ask' as a cost; left blank" -> what to fix, with examples."""
    text = warning.replace("; left blank", "")
    for what, examples in _EXAMPLES.items():
        if text.endswith(f" as {what}"):
            return f"{text}: write it like {examples}"
    return text


def read_typed_groups(conn: sqlite3.Connection, edits: Edits | None, guide: Guide,
                      *, source: str) -> TypedGroups:
    """Read the groups typed into the workbook's Groups sheet into the catalogue (in the
    caller's transaction, when one is open); rows that cannot be read get their note."""
    found = TypedGroups(_candidates(edits, guide))
    good: list[tuple[TypedRow, GroupCatalogue]] = []
    read: list[tuple[TypedRow, GroupCatalogue]] = []  # the same group twice: read in once
    seen: set[tuple[str, str]] = set()
    for row in found.rows:
        catalogue = _read_row(row)
        if catalogue is not None:
            record = catalogue.frame.iloc[0]
            pair = (catalogue_key(row.name), catalogue_key(str(record["city"] or "")))
            if pair not in seen:
                good.append((row, catalogue))
            seen.add(pair)
            read.append((row, catalogue))
        elif edits is not None and isinstance(row.anchor, tuple):
            # the note goes where the user sees it: beside the row they typed
            name = edits_name(GROUPS_SHEET, edits)
            edits.added_rows[name][row.anchor[1]][LEFT_OUT] = f"{NOT_READ} {row.problem}"
    if not good:
        return found
    import pandas as pd

    frame = pd.concat([c.frame for _, c in good], ignore_index=True)
    frame["row"] = range(100_000, 100_000 + len(frame))  # after any catalogue file's rows
    digest = hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()
    catalogue = GroupCatalogue(frame, [w for _, c in good for w in c.warnings])
    summary = import_catalogue(conn, catalogue, source=f"{source} (Groups sheet)", sha256=digest)
    found.added, found.updated = summary.added, summary.changed
    found.warnings = list(summary.warnings)
    groups = load_groups(conn)
    for row, catalogue in read:
        if edits is not None and isinstance(row.anchor, tuple):  # a note of an earlier plan's
            cells = edits.added_rows[edits_name(GROUPS_SHEET, edits)][row.anchor[1]]
            if str(cells.get(LEFT_OUT) or "").startswith(NOT_READ):
                cells[LEFT_OUT] = None
        record = catalogue.frame.iloc[0]
        same = [g for g in groups if catalogue_key(g.name) == catalogue_key(row.name)
                and same_place(str(record["city"] or ""), bool(record["online"]), g.city, g.online)]
        exact = [g for g in same if catalogue_key(g.city) == catalogue_key(str(record["city"] or ""))]
        match = (exact or same)[:1]
        if match:
            row.key = group_key(match[0])
    return found
