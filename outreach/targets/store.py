"""Target employers in the workspace: applying an import, and who we know at each target.

An import is one transaction. Rows merge on the normalised company key
(``outreach.companies.names.normalise_company``), so ``Google``, ``Google LLC`` and ``google`` are one
target; the first spelling is kept as the name. Re-importing the same file changes nothing.
Targets the file does not list are kept and counted (``not_in_file``); ``replace=True`` removes
them, making the workspace's list exactly the file's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from outreach.companies.matching import match_contact_rows
from outreach.companies.names import analyse_company
from outreach.errors import InputError
from outreach.models import TIER_RANK
from outreach.runtime import no_gc_pauses
from outreach.store import transaction
from outreach.targets.suggest import SUGGESTED_SOURCE
from outreach.wording import plural

if TYPE_CHECKING:
    from outreach.imports.targets import TargetList

_FIELDS = ("priority", "priority_text", "location", "industry", "roles", "website", "notes",
           "sheet", "source", "extra")


@dataclass
class TargetImportSummary:
    source: str
    sheets: list[str]
    rows: int = 0             # rows that name a company
    targets: int = 0          # distinct targets among them
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0          # only with replace=True
    not_in_file: int = 0      # targets already there that the file does not list (kept unless replace)
    duplicates: int = 0       # rows merged into an earlier row with the same company key
    without_company: int = 0  # rows with other cells filled but no company
    not_companies: list[str] = field(default_factory=list)  # "Self-employed", "Confidential", "n/a"
    columns: list[dict[str, Any]] = field(default_factory=list)  # per sheet: ColumnsUsed as a dict
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _merge_rows(table: TargetList) -> tuple[dict[str, dict[str, Any]], int, list[str]]:
    """Rows of the file keyed by company key, duplicates merged: (targets, merged, skipped)."""
    merged: dict[str, dict[str, Any]] = {}
    duplicates = 0
    not_companies: list[str] = []
    for record in table.frame.to_dict("records"):
        key = analyse_company(str(record["name"])).key
        if not key:
            not_companies.append(str(record["name"]))
            continue
        current = merged.get(key)
        if current is None:
            merged[key] = {str(k): v for k, v in record.items()}
            continue
        duplicates += 1
        if float(record["priority"]) > float(current["priority"]):
            current["priority"], current["priority_text"] = record["priority"], record["priority_text"]
        for name in ("location", "industry", "roles", "website"):
            current[name] = current[name] or record[name]
        current["extra"] = {**record["extra"], **current["extra"]}  # the first row's cells win
        if record["notes"] and record["notes"] not in str(current["notes"]).split("; "):
            current["notes"] = "; ".join(filter(None, (current["notes"], record["notes"])))
    return merged, duplicates, not_companies


def import_targets(
    conn: sqlite3.Connection,
    table: TargetList,
    *,
    source: str,
    sha256: str,
    replace: bool = False,
) -> TargetImportSummary:
    """Add or update the targets read from one file, in one transaction."""
    merged, duplicates, not_companies = _merge_rows(table)
    if not merged:
        raise InputError(
            f"{source}: no row names a company that can be matched "
            f"({plural(len(not_companies), 'row')} "
            f"{'holds the placeholder' if len(not_companies) == 1 else 'hold placeholders such as'} "
            f"{not_companies[0]!r})"
            if not_companies
            else f"{source}: no row names a company"
        )
    summary = TargetImportSummary(
        source=source,
        sheets=table.sheets,
        rows=len(table.frame),
        targets=len(merged),
        duplicates=duplicates,
        without_company=table.rows_without_company,
        not_companies=not_companies,
        columns=[asdict(c) for c in table.columns],
        notes=list(table.notes),
        warnings=list(table.warnings),
    )
    with transaction(conn):
        existing = {
            row["key"]: row
            for row in conn.execute(f"SELECT id, key, name, row_order, {', '.join(_FIELDS)} FROM targets")
        }
        # Suggestions the plan uses (outreach.targets.suggest) are not the user's list: neither
        # counted as left out of the file nor removed by --replace; a file naming one makes it
        # the user's target.
        gone = [row["id"] for key, row in existing.items()
                if key not in merged and row["source"] != SUGGESTED_SOURCE]
        summary.not_in_file = len(gone)
        if replace:
            conn.executemany("DELETE FROM targets WHERE id = ?", [(i,) for i in gone])
            summary.removed = len(gone)
        next_order = 0 if replace else 1 + max(
            (r[0] for r in conn.execute("SELECT max(row_order) FROM targets") if r[0] is not None),
            default=-1,
        )
        for order, (key, record) in enumerate(merged.items()):
            values = {name: record.get(name, "") for name in _FIELDS}
            values["priority"] = float(record["priority"])
            values["extra"] = json.dumps(record.get("extra") or {}, ensure_ascii=False)
            values["source"] = source
            old = existing.get(key)
            if old is None:
                conn.execute(
                    f"INSERT INTO targets (name, key, row_order, {', '.join(_FIELDS)}) "
                    f"VALUES (?, ?, ?, {', '.join('?' * len(_FIELDS))})",
                    (record["name"], key, next_order + order, *values.values()),
                )
                summary.added += 1
                continue
            if replace:
                values["name"] = record["name"]
                values["row_order"] = order
            if all(old[name] == value for name, value in values.items()):
                summary.unchanged += 1
                continue
            conn.execute(
                f"UPDATE targets SET {', '.join(f'{name} = ?' for name in values)} WHERE id = ?",
                (*values.values(), old["id"]),
            )
            summary.updated += 1
        conn.execute(
            "INSERT INTO imports (kind, source, sha256, summary_json) VALUES ('targets', ?, ?, ?)",
            (source, sha256, json.dumps(summary.to_json(), ensure_ascii=False)),
        )
    return summary


# -- who we know at each target --------------------------------------------------------------


@dataclass
class ContactAtTarget:
    contact_id: int
    profile_url: str
    name: str
    company: str  # as the contact wrote it
    position: str
    tier: str
    score: float
    owner: str  # "me" for the user's own contacts, else whose export it came from

    def to_json(self) -> dict[str, Any]:
        return {
            "profile_url": self.profile_url, "name": self.name, "company": self.company,
            "position": self.position, "tier": self.tier, "score": self.score, "owner": self.owner,
        }


@dataclass
class TargetEntry:
    id: int
    target: str
    priority: float
    priority_text: str
    location: str
    industry: str
    roles: str
    website: str
    notes: str
    extra: dict[str, str] = field(default_factory=dict)  # the file's other columns: header -> text
    contacts: list[ContactAtTarget] = field(default_factory=list)
    review: list[ContactAtTarget] = field(default_factory=list)  # suggestions not yet accepted
    #: a target suggested by the user's LinkedIn activity, not yet accepted: its source in words
    suggested: str = ""

    def to_json(self) -> dict[str, Any]:
        # Built by hand: dataclasses.asdict deep-copies every contact, seconds for 30,000.
        return {
            "target": self.target, "priority": self.priority, "priority_text": self.priority_text,
            "location": self.location, "industry": self.industry, "roles": self.roles,
            "website": self.website, "notes": self.notes, "extra": self.extra,
            "contacts": [c.to_json() for c in self.contacts],
            "review": [c.to_json() for c in self.review], "suggested": self.suggested,
        }


def target_report(conn: sqlite3.Connection, *, owner_ids: Sequence[int] | None = None) -> list[TargetEntry]:
    """Every target, most wanted first, with its matched contacts and pending suggestions."""
    with no_gc_pauses():
        return _target_report(conn, owner_ids)


def _target_report(conn: sqlite3.Connection, owner_ids: Sequence[int] | None) -> list[TargetEntry]:
    entries = {
        row["id"]: TargetEntry(
            id=row["id"], target=row["name"], priority=row["priority"],
            priority_text=row["priority_text"], location=row["location"],
            industry=row["industry"], roles=row["roles"], website=row["website"],
            notes=row["notes"], extra=_extra(row["extra"]),
            suggested=row["notes"] if row["source"] == SUGGESTED_SOURCE else "",
        )
        for row in conn.execute("SELECT * FROM targets ORDER BY priority DESC, row_order, id")
    }
    if not entries:
        return []
    people = _contacts(conn, owner_ids)
    matches = match_contact_rows(conn, [(contact_id, p[0]) for contact_id, p in people.items()])
    for m in matches:
        _, url, name, position, owner = people[m.contact_id]
        hit = ContactAtTarget(m.contact_id, url, name, m.company, position, m.tier, m.score, owner)
        entry = entries[m.target_id]
        (entry.contacts if m.accepted else entry.review).append(hit)
    for entry in entries.values():
        for hits in (entry.contacts, entry.review):
            hits.sort(key=lambda h: (TIER_RANK[h.tier], -h.score, h.owner != "me", h.name.casefold()))
    return list(entries.values())


def target_extras(conn: sqlite3.Connection) -> dict[int, dict[str, str]]:
    """Target id -> the file's other columns ({header: text}, in the file's order) for every
    target that has any: "Why", "Applied?", a link to a posting..."""
    return {row[0]: extra for row in conn.execute("SELECT id, extra FROM targets") if (extra := _extra(row[1]))}


def _extra(text: str | None) -> dict[str, str]:
    try:
        value = json.loads(text or "{}")
    except ValueError:  # edited by hand into something else: the target stays, its extras not
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _contacts(
    conn: sqlite3.Connection, owner_ids: Sequence[int] | None
) -> dict[int, tuple[str, str, str, str, str]]:
    """Contact id -> (company, profile URL, full name, position, owner) for contacts with a company."""
    sql = (
        "SELECT c.id, c.company, coalesce(c.profile_url, ''), c.first_name, c.last_name, "
        "c.position, o.name, o.is_self FROM contacts c JOIN owners o ON o.id = c.owner_id "
        "WHERE c.company != '' AND c.removed_on IS NULL"  # still connected
    )
    params: list[int] = []
    if owner_ids is not None:
        sql += f" AND c.owner_id IN ({','.join('?' * len(owner_ids))})"
        params = list(owner_ids)
    return {
        row[0]: (row[1], row[2], f"{row[3]} {row[4]}".strip(), row[5], "me" if row[7] else row[6])
        for row in conn.execute(sql, params)
    }


__all__ = [
    "ContactAtTarget",
    "TargetEntry",
    "TargetImportSummary",
    "import_targets",
    "target_extras",
    "target_report",
]
