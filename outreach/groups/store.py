"""The networking-group catalogue in the workspace: add to it (or replace it) on import, load it
for scoring."""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from outreach.geo import locate
from outreach.imports.groups.columns import catalogue_key
from outreach.store import within_transaction

if TYPE_CHECKING:
    from outreach.imports.groups.read import GroupCatalogue


@dataclass(frozen=True)
class Group:
    """One catalogue row: original texts and the numbers read from them (None = unknown)."""

    name: str
    kind: str = "other"
    kind_text: str = ""
    city: str = ""
    online: bool = False
    cost_text: str = ""
    free: bool | None = None
    cost_per_year: float | None = None
    join_fee: float | None = None
    meets_text: str = ""
    meetings_per_month: float | None = None
    asynchronous: bool = False
    duration_text: str = ""
    duration_hours: float | None = None
    duration_per: str = "meeting"
    focus: str = ""
    focus_text: str = ""
    format: str = ""
    format_text: str = ""
    visitors_text: str = ""
    visitors_policy: str = ""
    max_visits: int | None = None
    contract_text: str = ""
    contract_months: int | None = None
    salary_text: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    career_level: str = ""
    industries: str = ""
    url: str = ""
    notes: str = ""
    one_seat: bool = False
    volunteer_hours: float = 0.0
    row_number: int = 0


_FIELDS = [f.name for f in fields(Group)]
_BOOLS = {"online", "asynchronous", "one_seat", "free"}
_INTS = {"max_visits", "contract_months", "salary_min", "salary_max", "row_number"}


@dataclass(frozen=True)
class GroupImportSummary:
    groups: int          # groups in the file
    replaced: int        # with --replace: groups the catalogue held that the file does not name: dropped
    in_person: int
    online: int
    cities: int
    free: int
    warnings: list[str]
    notes: list[str]
    added: int = 0       # groups new to the catalogue
    changed: int = 0     # groups of the same name (and place) whose row the file changed
    unchanged: int = 0   # groups of the same name (and place) the file repeats as they were
    kept: int = 0        # groups already in the catalogue that the file does not name: kept
    total: int = 0       # groups in the catalogue after the import


def _clean(name: str, value: Any) -> Any:
    """pandas NaN/None -> None; numpy scalars -> Python; bools and ints as SQLite wants them."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if name in _BOOLS:
        return int(bool(value))
    if name in _INTS:
        return int(value)
    return value


# --- which catalogue entry a row of a new file is -------------------------------------------

def same_place(a_city: str, a_online: bool, b_city: str, b_online: bool) -> bool:
    """Whether two rows of the same name are the same group: two chapters of one club in two
    cities are two groups. A row without a city is the group of that name wherever it meets
    (the caller makes sure only one is); "Austin" and "Austin, TX" are one city when the
    offline map finds both in the same place."""
    if a_online or b_online:
        return a_online == b_online or not (a_city and b_city)
    if not a_city or not b_city:
        return True
    if catalogue_key(a_city) == catalogue_key(b_city):
        return True
    a_place, b_place = locate(a_city), locate(b_city)
    return a_place is not None and a_place == b_place


@dataclass
class _Stored:
    id: int
    values: dict[str, Any]
    claimed_by: int = 0   # the file row that matched it


def _match(record: dict[str, Any], stored: list[_Stored]) -> list[_Stored]:
    return [
        entry for entry in stored
        if same_place(record["city"] or "", bool(record["online"]),
                      entry.values["city"] or "", bool(entry.values["online"]))
    ]


def import_catalogue(
    conn: sqlite3.Connection, catalogue: GroupCatalogue, *, source: str, sha256: str,
    replace: bool = False,
) -> GroupImportSummary:
    """Add ``catalogue`` to the workspace's catalogue in one transaction, and record the import.

    A group of the same name and place as one already stored replaces that row (the file is
    newer); groups the file does not name are kept and counted. With ``replace`` the whole
    catalogue is replaced instead. A failure changes nothing. Inside the caller's transaction
    when one is open (a plan reading the groups typed into its workbook), else in its own.
    """
    frame = catalogue.frame.rename(columns={"row": "row_number"})
    records = [
        {name: _clean(name, record.get(name)) for name in _FIELDS}
        for record in frame.to_dict(orient="records")
    ]
    warnings = list(catalogue.warnings)
    online = sum(1 for r in records if r["online"])
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    columns = ", ".join(_FIELDS)
    with within_transaction(conn):
        by_name: dict[str, list[_Stored]] = {}
        for row in conn.execute(f"SELECT id, {columns} FROM groups"):
            entry = _Stored(row[0], dict(zip(_FIELDS, tuple(row)[1:], strict=True)))
            by_name.setdefault(catalogue_key(entry.values["name"]), []).append(entry)
        inserts = []
        for record in records:
            same = _match(record, by_name.get(catalogue_key(record["name"]), []))
            if len(same) > 1 and not record["city"]:
                # "BNI Connectors" with no city, while Austin's and Dallas's chapters are stored
                warnings.append(f"row {record['row_number']}: {record['name']!r} has no city and "
                                f"{len(same)} groups of that name are in the catalogue: added as "
                                "another group (give its city to update one of them)")
                same = []
            elif len(same) > 1:
                # the stored ones differ only where this row is silent: the closest wins
                exact = [e for e in same if catalogue_key(e.values["city"] or "")
                         == catalogue_key(record["city"] or "")]
                same = exact[:1] or same[:1]
            if not same:
                inserts.append(record)
                counts["added"] += 1
                continue
            entry = same[0]
            if entry.claimed_by:
                warnings.append(f"row {record['row_number']}: {record['name']!r} is the same group "
                                f"as row {entry.claimed_by}; kept the first")
                continue
            entry.claimed_by = record["row_number"]
            if not record["city"] and entry.values["city"]:
                # a list without cities does not erase the city another list gave
                record = {**record, "city": entry.values["city"], "online": entry.values["online"]}
            if {k: v for k, v in record.items() if k != "row_number"} == {
                k: v for k, v in entry.values.items() if k != "row_number"
            }:
                counts["unchanged"] += 1
            else:
                counts["changed"] += 1
            conn.execute(
                f"UPDATE groups SET {', '.join(f'{name} = ?' for name in _FIELDS)} WHERE id = ?",
                (*(record[name] for name in _FIELDS), entry.id),
            )
        conn.executemany(
            f"INSERT INTO groups ({columns}) VALUES ({', '.join('?' for _ in _FIELDS)})",
            [tuple(r[name] for name in _FIELDS) for r in inserts],
        )
        unclaimed = [e.id for entries in by_name.values() for e in entries if not e.claimed_by]
        if replace:  # the file is the catalogue now: the groups it does not name go
            conn.executemany("DELETE FROM groups WHERE id = ?", [(i,) for i in unclaimed])
        kept = 0 if replace else len(unclaimed)
        total = conn.execute("SELECT count(*) FROM groups").fetchone()[0]
        summary = GroupImportSummary(
            groups=len(records),
            replaced=len(unclaimed) if replace else 0,
            in_person=len(records) - online,
            online=online,
            cities=len({r["city"].casefold() for r in records if r["city"] and not r["online"]}),
            free=sum(1 for r in records if r["free"]),
            warnings=warnings,
            notes=list(catalogue.notes),
            kept=kept,
            total=total,
            **counts,
        )
        conn.execute(
            "INSERT INTO imports (kind, source, sha256, summary_json) VALUES ('groups', ?, ?, ?)",
            (source, sha256, json.dumps(summary.__dict__, ensure_ascii=False)),
        )
    return summary


def replace_catalogue(
    conn: sqlite3.Connection, catalogue: GroupCatalogue, *, source: str, sha256: str
) -> GroupImportSummary:
    """Replace the whole catalogue with ``catalogue`` in one transaction; record the import."""
    return import_catalogue(conn, catalogue, source=source, sha256=sha256, replace=True)


def load_groups(conn: sqlite3.Connection) -> list[Group]:
    """The catalogue in the user's file order."""
    rows = conn.execute(f"SELECT {', '.join(_FIELDS)} FROM groups ORDER BY row_number, id")
    groups = []
    for row in rows:
        values = dict(zip(_FIELDS, tuple(row), strict=True))
        for name in _BOOLS:
            if values[name] is not None:
                values[name] = bool(values[name])
        groups.append(Group(**values))
    return groups
