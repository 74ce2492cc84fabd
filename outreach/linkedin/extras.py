"""Applying the rest of a LinkedIn export (``imports/linkedin/extras.py`` read it) to the
workspace: the tables of migration 0008, inside the import's transaction.

- Only the user's own export fills them: a friend's profile, jobs and recommendations are
  theirs (``not_imported`` says so in one note).
- Snapshots: LinkedIn writes the whole history each time, so a file in the export replaces the
  owner's rows of its table (a job unsaved or a company unfollowed is gone); a file absent
  leaves them alone, and so does a file of 0 bytes (a broken download says nothing). The two
  recommendation and the two endorsement files each replace their own direction only.
- Rows the table holds once (its UNIQUE key) are kept once: the first, as LinkedIn lists them
  (newest first); a company followed twice keeps its earliest date.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from outreach.imports.linkedin.extrakinds import KINDS, CompanyFollow, ExportProfile, JobPreferences
from outreach.imports.linkedin.extras import ExtraFile, ExtrasRead

# kind -> (table, direction or None, columns after owner_id (and direction), UNIQUE key columns)
_TABLES: dict[str, tuple[str, str | None, tuple[str, ...], tuple[str, ...]]] = {
    "positions": ("positions", None, ("company", "title", "location", "started_on", "finished_on"),
                  ("company", "title", "started_on")),
    "education": ("education", None, ("school", "degree", "started_on", "finished_on"),
                  ("school", "degree", "started_on")),
    "recommendations_received": (
        "recommendations", "received",
        ("first_name", "last_name", "company", "job_title", "created_on", "status"),
        ("first_name", "last_name", "created_on")),
    "recommendations_given": (
        "recommendations", "given",
        ("first_name", "last_name", "company", "job_title", "created_on", "status"),
        ("first_name", "last_name", "created_on")),
    "endorsements_received": (
        "endorsements", "received",
        ("first_name", "last_name", "person_key", "skill", "endorsed_on", "status"),
        ("first_name", "last_name", "person_key", "skill")),
    "endorsements_given": (
        "endorsements", "given",
        ("first_name", "last_name", "person_key", "skill", "endorsed_on", "status"),
        ("first_name", "last_name", "person_key", "skill")),
    "company_follows": ("company_follows", None, ("company", "followed_on"), ("company",)),
    "saved_jobs": ("saved_jobs", None, ("company", "job_title", "job_url", "saved_on"),
                   ("company", "job_title", "job_url")),
    "events": ("events", None, ("name", "starts_at", "status", "url"), ("name", "starts_at")),
}


def apply_extras(conn: sqlite3.Connection, owner_id: int, read: ExtrasRead, seen_on: str
                 ) -> tuple[list[str], list[str]]:
    """Write what was read for ``owner_id`` (the user); returns the summary's lines, one per
    file ("Positions.csv: 4 positions"), and the files' notes."""
    lines: list[str] = []
    notes = list(read.notes)
    for kind, file in read.files.items():
        notes += file.notes
        if file.empty:
            continue
        if kind == "profile":
            lines.append(_apply_profile(conn, owner_id, file, seen_on))
        elif kind == "job_preferences":
            lines.append(_apply_preferences(conn, owner_id, file, seen_on))
        else:
            stored = _replace(conn, owner_id, kind, file.records)
            lines.append(f"{KINDS[kind].file_name}: {stored:,} {_what(kind, stored)}" + _skipped(file))
    return lines, notes


def not_imported(read: ExtrasRead, owner_name: str) -> list[str]:
    """The notes for a friend's export: its optional files are theirs."""
    names = [KINDS[kind].file_name for kind in read.files]
    notes = list(read.notes)
    if names:
        shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        if len(names) > 4:
            shown = ", ".join(names[:3]) + f" and {len(names) - 3} more files"
        notes.insert(0, f"{shown} in {owner_name}'s export {'is' if len(names) == 1 else 'are'} "
                        "theirs: not imported")
    return notes


def _what(kind: str, count: int) -> str:
    what = KINDS[kind].what
    if count != 1:
        return what
    singular = {"companies followed": "company followed", "recommendations received":
                "recommendation received", "recommendations given": "recommendation given",
                "endorsements received": "endorsement received", "endorsements given":
                "endorsement given"}
    return singular.get(what, what.removesuffix("s"))


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _skipped(file: ExtraFile) -> str:
    if not file.skipped:
        return ""
    total = sum(file.skipped.values())
    reasons = ", ".join(reason if len(file.skipped) == 1 else f"{reason}: {n:,}"
                        for reason, n in sorted(file.skipped.items()))
    return f" (skipped {_count(total, 'row', 'rows')}: {reasons})"


def _replace(conn: sqlite3.Connection, owner_id: int, kind: str, records: Sequence[Any]) -> int:
    """Make the owner's rows of the kind's table (and direction) exactly ``records``, each
    UNIQUE key once; returns how many rows that is."""
    table, direction, columns, key = _TABLES[kind]
    at = [columns.index(c) for c in key]
    rows: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for record in records:
        values = tuple(record)
        seen = rows.setdefault(tuple(values[i] for i in at), values)
        if isinstance(record, CompanyFollow) and seen is not values and record.followed_on and (
                not seen[1] or record.followed_on < seen[1]):
            rows[(record.company,)] = values  # followed twice: since the first time
    where, fixed = ("owner_id = ? AND direction = ?", (owner_id, direction)) if direction else (
        "owner_id = ?", (owner_id,))
    conn.execute(f"DELETE FROM {table} WHERE {where}", fixed)
    names = ("owner_id", "direction", *columns) if direction else ("owner_id", *columns)
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [(*fixed, *values) for values in rows.values()],
    )
    return len(rows)


def _first(file: ExtraFile) -> tuple[Any | None, str]:
    """The file's one row (Profile.csv, Job Seeker Preferences.csv), and a note when it has more."""
    more = f" ({len(file.records)} rows: read the first)" if len(file.records) > 1 else ""
    return (file.records[0] if file.records else None), more


def _apply_profile(conn: sqlite3.Connection, owner_id: int, file: ExtraFile, seen_on: str) -> str:
    profile, more = _first(file)
    conn.execute("DELETE FROM export_profile WHERE owner_id = ?", (owner_id,))
    if not isinstance(profile, ExportProfile):
        return f"{KINDS['profile'].file_name}: no profile row"
    conn.execute(
        "INSERT INTO export_profile (owner_id, first_name, last_name, headline, industry, location,"
        " zip_code, seen_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (owner_id, *profile, seen_on))
    said = [what for what, value in (("name", profile.first_name or profile.last_name),
                                     ("headline", profile.headline), ("location", profile.location),
                                     ("industry", profile.industry)) if value]
    return f"{KINDS['profile'].file_name}: {', '.join(said) or 'nothing filled in'}{more}"


def _apply_preferences(conn: sqlite3.Connection, owner_id: int, file: ExtraFile, seen_on: str) -> str:
    wanted, more = _first(file)
    conn.execute("DELETE FROM job_preferences WHERE owner_id = ?", (owner_id,))
    name = KINDS["job_preferences"].file_name
    if not isinstance(wanted, JobPreferences):
        return f"{name}: no preferences row"
    open_to = None if wanted.open_to_recruiters is None else int(wanted.open_to_recruiters)
    conn.execute(
        "INSERT INTO job_preferences (owner_id, locations, industries, job_titles, job_types,"
        " dream_companies, open_to_recruiters, seen_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (owner_id, *(json.dumps(list(v), ensure_ascii=False) for v in wanted[:5]), open_to, seen_on))
    said = ", ".join(_count(len(values), *words) for values, words in (
        (wanted.job_titles, ("job title", "job titles")), (wanted.locations, ("location", "locations")),
        (wanted.dream_companies, ("dream company", "dream companies"))))
    return f"{name}: {said}{more}"


__all__ = ["apply_extras", "not_imported"]
