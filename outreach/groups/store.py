"""The networking-group catalogue in the workspace: replace it on import, load it for scoring."""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from outreach.store import transaction

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
    groups: int
    replaced: int
    in_person: int
    online: int
    cities: int
    free: int
    warnings: list[str]
    notes: list[str]


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


def replace_catalogue(
    conn: sqlite3.Connection, catalogue: GroupCatalogue, *, source: str, sha256: str
) -> GroupImportSummary:
    """Replace the whole catalogue with ``catalogue`` in one transaction; record the import."""
    frame = catalogue.frame.rename(columns={"row": "row_number"})
    records = [
        {name: _clean(name, record.get(name)) for name in _FIELDS}
        for record in frame.to_dict(orient="records")
    ]
    placeholders = ", ".join("?" for _ in _FIELDS)
    online = sum(1 for r in records if r["online"])
    summary = GroupImportSummary(
        groups=len(records),
        replaced=0,
        in_person=len(records) - online,
        online=online,
        cities=len({r["city"].casefold() for r in records if r["city"] and not r["online"]}),
        free=sum(1 for r in records if r["free"]),
        warnings=list(catalogue.warnings),
        notes=list(catalogue.notes),
    )
    with transaction(conn):
        replaced = conn.execute("SELECT count(*) FROM groups").fetchone()[0]
        conn.execute("DELETE FROM groups")
        conn.executemany(
            f"INSERT INTO groups ({', '.join(_FIELDS)}) VALUES ({placeholders})",
            [tuple(r[name] for name in _FIELDS) for r in records],
        )
        summary = GroupImportSummary(**{**summary.__dict__, "replaced": replaced})
        conn.execute(
            "INSERT INTO imports (kind, source, sha256, summary_json) VALUES ('groups', ?, ?, ?)",
            (source, sha256, json.dumps(summary.__dict__, ensure_ascii=False)),
        )
    return summary


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
