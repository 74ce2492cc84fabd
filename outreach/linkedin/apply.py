"""Applying a LinkedIn export to the workspace (reading contacts back: outreach.linkedin.contacts).

``apply_linkedin_export`` takes what ``outreach.imports.linkedin.export.read_export`` parsed and applies it in
one transaction. One file (the largest) may still be being read in a second process; it is
waited for after the connections are written, and if it turns out bad the transaction rolls
back, so a bad file never leaves anything behind either way.

- Connections: a person is matched by ``person_key`` within the owner's contacts. Unchanged
  rows change nothing, so importing the same file twice is a no-op. A newer export updates
  the contact and records a job change when the employer changed, or a promotion when the title
  changed at the same employer (see ``change_kind``); an older export never overwrites what a
  newer one said. When a URL-bearing export meets a contact stored by
  an older export's weak key (name + connection date), the contact is re-keyed to the URL.
- Removed connections: a Connections.csv lists every connection, so when its export date is the
  newest the owner's contacts have seen, a stored contact missing from it is no longer connected
  (``removed_on`` = that date; the owner removed them or they the owner) and one back in it is
  connected again. An older export removes nobody; people only in it are stored as no longer
  connected since the newest export. Their message history is kept.
- messages: the file is the owner's full history, so their message_stats are replaced. Keys
  that match no contact (2018 exports have names only; 2020-2023 contacts have no URLs) are
  joined to the contact with the same full name when exactly one contact has it; a URL is
  never joined to a different URL.
- Invitations: replaced, like messages.
- Job applications (the user's own export only; a friend's are theirs and left out with a
  note): added to ``applications``; one already there (company, title, day) is not added twice.
- Profile.csv, Positions.csv and the export's other files about its owner: the user's own
  only, as snapshots (``outreach.linkedin.extras``); the summary's notes say what each held.
- Whose export it is: the owner of its messages and invitations is remembered (owners'
  linkedin_name and linkedin_key). An export imported as the user's (no ``--owner``) that lists
  the user among its connections, or whose messages or invitations are someone else's, is a
  friend's: it is refused, and so is ``--owner`` naming the user, or given with the user's own
  export (see ``check_whose``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from outreach.companies.knowledge import company_key
from outreach.identity import NAME_KEY_PREFIX, normalise_name
from outreach.imports.linkedin.export import DATED_BY_NAME
from outreach.imports.linkedin.stats import STATS_COLUMNS, MessageStats, StatsTable
from outreach.linkedin.extras import apply_extras
from outreach.linkedin.extras import not_imported as extras_not_imported
from outreach.linkedin.owners import (
    SELF_OWNER_ID,
    check_whose,
    export_owner,
    owner_for_import,
    refuse_a_friends_connections,
    remember_identity,
    user_identity,
)
from outreach.store import transaction

if TYPE_CHECKING:
    from outreach.imports.linkedin.applications import ApplicationsRead
    from outreach.imports.linkedin.connections import Connection
    from outreach.imports.linkedin.export import ConnectionsRead, InvitationsRead, LinkedInExport
    from outreach.imports.linkedin.stats import MessagesRead


_CONTACT_FIELDS = ["first_name", "last_name", "profile_url", "email", "company", "position", "connected_on"]


@dataclass(frozen=True)
class JobChangeSeen:
    name: str
    old_company: str
    old_position: str
    new_company: str
    new_position: str
    kind: str = "job"  # 'job': another employer; 'promotion': a new title at the same one

    def describe(self) -> str:
        """'Jane Doe: Acme → Globex', or the positions for a promotion."""
        if self.kind == "job":
            return f"{self.name}: {self.old_company or '(no company)'} → {self.new_company or '(no company)'}"
        return f"{self.name}: {self.old_position} → {self.new_position} at {self.new_company}"


@dataclass
class FileSummary:
    """What one file of the export did to the workspace, as the user is told."""

    kind: str  # 'connections' | 'messages' | 'invitations' | 'applications'
    source: str
    generation: str
    encoding: str
    rows_read: int
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    job_changes: list[JobChangeSeen] = field(default_factory=list)  # kind 'job' only
    promotions: list[JobChangeSeen] = field(default_factory=list)
    # connections: who this newest export shows no longer connected ("Peter Yates (Kraft
    # Heinz)"), and how many earlier removed it shows connected again
    removed: list[str] = field(default_factory=list)
    back: int = 0
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportSummary:
    source: str
    shape: str  # 'zip' | 'folder' | 'file'
    owner: str
    owner_is_self: bool
    export_date: str
    export_date_from: str
    files: list[FileSummary]
    notes: list[str] = field(default_factory=list)
    #: one line per file of the rest of the export read (Positions.csv, Saved Jobs.csv ...)
    extras: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def apply_linkedin_export(
    conn: sqlite3.Connection, export: LinkedInExport, *, owner: str | None = None, today: date
) -> ImportSummary:
    """Apply a parsed export in one transaction; every table is as it was if anything fails.

    A file still being read in the background (``read_export(..., wait=False)``) is waited for
    after the connections are written, so the two overlap; its error, if any, rolls back the
    transaction like any other.
    """
    try:
        return _apply(conn, export, owner, today)
    except BaseException:
        export.cancel()
        raise


def _apply(conn: sqlite3.Connection, export: LinkedInExport, owner: str | None, today: date) -> ImportSummary:
    if export.pending("connections"):
        export.wait()
    seen, how = export.export_date(today)
    if seen is None:
        seen, how = today, "today: no date in the file name or the file (or only dates in the future)"
    seen_on = seen.isoformat()
    files: list[FileSummary] = []
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: 30,000 contacts and their indexes fit
    with transaction(conn):
        user = user_identity(conn)
        owner_id, owner_name = owner_for_import(conn, owner, user)
        contacts = None  # the owner's (person_key, first, last), once known
        if export.connections is not None:
            if owner is None:
                refuse_a_friends_connections(export, user)
            summary_of_file, contacts = _apply_connections(conn, owner_id, export.connections, seen_on)
            files.append(summary_of_file)
        export.wait()
        whose = export_owner(export)
        check_whose(export, whose, owner, user)
        if export.messages is not None:
            files.append(_apply_messages(conn, owner_id, export.messages, contacts, seen_on,
                                         how.startswith(DATED_BY_NAME)))
        elif export.connections is not None:
            _join_message_stats(conn, owner_id)
        if export.invitations is not None:
            files.append(_apply_invitations(conn, owner_id, export.invitations))
        notes = list(export.files.notes)
        if export.applications is not None:
            if owner_id == SELF_OWNER_ID:
                files.append(_apply_applications(conn, owner_id, export.applications))
            else:  # a friend's applications are theirs, not leads of the user's
                notes.append(f"{export.applications.name}: job applications in {owner_name}'s "
                             "export are theirs: not imported")
        extras: list[str] = []
        if export.extras is not None:  # Profile.csv, Positions.csv ... (outreach/linkedin/extras.py)
            if owner_id == SELF_OWNER_ID:
                extras, extra_notes = apply_extras(conn, owner_id, export.extras, seen_on)
                notes += extra_notes
            else:
                notes += extras_not_imported(export.extras, owner_name)
        if whose is not None:
            remember_identity(conn, owner_id, *whose)
        summary = ImportSummary(
            export.files.source, export.files.shape, owner_name, owner_id == SELF_OWNER_ID,
            seen_on, how, files,
            notes, extras,
        )
        for file in files:
            conn.execute(
                "INSERT INTO imports (kind, source, sha256, owner_id, summary_json) VALUES (?, ?, ?, ?, ?)",
                (
                    file.kind, file.source, export.files.sha256, owner_id,
                    json.dumps({**summary.to_json(), "files": [asdict(file)]}, ensure_ascii=False),
                ),
            )
    return summary


# Reading all of one owner's rows, a table scan is several times faster than walking the
# (owner_id, person_key) index and fetching each row; the unary "+" keeps SQLite off the index.
_ALL_ROWS_OF_OWNER = "+owner_id = ?"

def _stored_fields(person: Connection) -> tuple[Any, ...]:
    """A connection's fields as the contacts table stores them (``_CONTACT_FIELDS``)."""
    return (person.first_name, person.last_name, person.profile_url, person.email,
            person.company, person.position, person.connected_on)


# A stored contact: the row's id, person_key, then _CONTACT_FIELDS, first_seen_on, last_seen_on,
# removed_on.
_STORED = ["id", "person_key", *_CONTACT_FIELDS, "first_seen_on", "last_seen_on", "removed_on"]
_ID, _KEY, _FIRST_SEEN, _LAST_SEEN, _REMOVED = 0, 1, len(_STORED) - 3, len(_STORED) - 2, len(_STORED) - 1
_FIELDS = slice(2, 2 + len(_CONTACT_FIELDS))


def _existing_contacts(conn: sqlite3.Connection, owner_id: int) -> dict[str, list[Any]]:
    """The owner's stored contacts by person_key, each as a list in _STORED order."""
    rows = conn.execute(f"SELECT {', '.join(_STORED)} FROM contacts WHERE {_ALL_ROWS_OF_OWNER}", (owner_id,))
    return {row[_KEY]: list(row) for row in rows}


def _rekey_weak_contacts(
    conn: sqlite3.Connection, owner_id: int, incoming: list[Connection], existing: dict[str, list[Any]]
) -> set[int]:
    """Contacts stored by name + date whose row now comes with a profile URL: key them by URL."""
    if not any(key.startswith(NAME_KEY_PREFIX) for key in existing):
        return set()
    with_url = [p for p in incoming
                if not p.person_key.startswith(NAME_KEY_PREFIX) and p.person_key not in existing]
    # A weak key shared by two incoming people with URLs could be either of them: leave it.
    shared = Counter(p.name_key for p in with_url)
    pairs = [(p.person_key, existing[p.name_key]) for p in with_url
             if shared[p.name_key] == 1 and p.name_key in existing]
    conn.executemany("UPDATE contacts SET person_key = ? WHERE id = ?", [(new, old[_ID]) for new, old in pairs])
    conn.executemany(
        "UPDATE OR IGNORE message_stats SET person_key = ? WHERE owner_id = ? AND person_key = ?",
        [(new, owner_id, old[_KEY]) for new, old in pairs],
    )
    for new, old in pairs:
        del existing[old[_KEY]]
        old[_KEY] = new
        existing[new] = old
    return {old[_ID] for _, old in pairs}


def _apply_connections(
    conn: sqlite3.Connection, owner_id: int, read: ConnectionsRead, seen_on: str
) -> tuple[FileSummary, list[tuple[str, str, str]]]:
    """Apply a Connections.csv; returns its summary and the owner's contacts afterwards as
    (person_key, first_name, last_name), which the messages step joins to."""
    incoming = read.people
    existing = _existing_contacts(conn, owner_id)
    # The date of the owner's newest Connections.csv so far (None before the first).
    newest = max((d for row in existing.values() for d in (row[_LAST_SEEN], row[_REMOVED]) if d), default=None)
    rekeyed = _rekey_weak_contacts(conn, owner_id, incoming, existing)
    back: list[int] = []  # no longer connected before, in this export as new or newer
    new: list[tuple] = []
    updated: list[tuple[list[Any], list[Any], Connection]] = []  # (stored, new fields, person)
    unchanged = older = 0
    still: list[int] = []  # unchanged, seen again in a newer export
    earlier: list[int] = []  # in an older export than any seen: seen since then
    for person in incoming:
        stored = existing.get(person.person_key)
        if stored is None:
            new.append((person.person_key, *_stored_fields(person)))
            continue
        if stored[_REMOVED] is not None and stored[_REMOVED] <= seen_on:
            back.append(stored[_ID])
        if stored[_LAST_SEEN] > seen_on:  # an older export never overwrites a newer one
            older += 1
            unchanged += 1
            if stored[_FIRST_SEEN] > seen_on:
                earlier.append(stored[_ID])
            continue
        fields = list(_stored_fields(person))
        before = stored[_FIELDS]
        # A blank e-mail or date in a newer export hides, rather than removes, what we knew.
        for i in (_EMAIL, _CONNECTED_ON):
            if not fields[i]:
                fields[i] = before[i]
        if [f or "" for f in fields] != [b or "" for b in before] or stored[_ID] in rekeyed:
            updated.append((stored, fields, person))
        else:
            unchanged += 1
            if stored[_LAST_SEEN] < seen_on:
                still.append(stored[_ID])
    # People only in an export older than the newest were gone from the newest one.
    gone_since = newest if newest is not None and newest > seen_on else None
    conn.executemany(
        "INSERT INTO contacts (owner_id, person_key, first_name, last_name, profile_url, email,"
        " company, position, connected_on, first_seen_on, last_seen_on, removed_on)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        # In key order, the unique index grows at its end instead of splitting pages all over
        # (keys are unique, so tuples compare on the key alone).
        ((owner_id, *row, seen_on, seen_on, gone_since) for row in sorted(new)),
    )
    conn.executemany(
        "UPDATE contacts SET first_name = ?, last_name = ?, profile_url = ?, email = ?, company = ?,"
        " position = ?, connected_on = ?, last_seen_on = MAX(last_seen_on, ?) WHERE id = ?",
        ((*fields, seen_on, stored[_ID]) for stored, fields, _ in updated),
    )
    conn.executemany("UPDATE contacts SET last_seen_on = ? WHERE id = ?", [(seen_on, i) for i in still])
    conn.executemany("UPDATE contacts SET first_seen_on = ? WHERE id = ?", [(seen_on, i) for i in earlier])
    conn.executemany("UPDATE contacts SET removed_on = NULL WHERE id = ?", [(i,) for i in back])
    removed = _mark_removed(conn, incoming, existing, seen_on, newest)
    changes = _job_changes(conn, updated, seen_on)
    promotions = [c for c in changes if c.kind == "promotion"]
    notes = list(read.notes)
    if gone_since is not None and new:
        notes.append(f"contacts only in this older export, not in the newest one ({gone_since}), "
                     f"kept as no longer connected: {len(new):,}")
    if older:
        notes.append(f"contacts already stored from a newer export (kept the newer details): {older:,}")
    if rekeyed:
        notes.append(f"contacts stored without a profile URL that now have one: {len(rekeyed):,}")
    contacts = [(p.person_key, p.first_name, p.last_name) for p in incoming]
    if existing:
        keys = {p.person_key for p in incoming}
        contacts += [(key, row[2], row[3]) for key, row in existing.items() if key not in keys]
    summary = FileSummary(
        "connections", read.name, read.generation, read.encoding, read.rows_read,
        new=len(new), updated=len(updated), unchanged=unchanged,
        skipped=dict(read.skipped), job_changes=[c for c in changes if c.kind == "job"],
        promotions=promotions, removed=removed, back=len(back), notes=notes,
    )
    return summary, contacts


def _mark_removed(
    conn: sqlite3.Connection, incoming: list[Connection], existing: dict[str, list[Any]], seen_on: str,
    newest: str | None,
) -> list[str]:
    """Mark the contacts missing from this Connections.csv no longer connected, when it is the
    owner's newest (a tie counts: the later import wins); returns who, as "Name (Company)".

    An older export removes nobody, and neither does a file without people: a Connections.csv
    read as empty says nothing about who is connected.
    """
    if not incoming or not existing or (newest is not None and seen_on < newest):
        return []
    # A contact stored by name + date that this export has under a URL it could not be re-keyed
    # to (two people share the name and date) may be either of them: still connected.
    keys = {p.person_key for p in incoming} | {p.name_key for p in incoming}
    gone = [row for key, row in existing.items() if key not in keys and row[_REMOVED] is None]
    conn.executemany("UPDATE contacts SET removed_on = ? WHERE id = ?", [(seen_on, row[_ID]) for row in gone])
    first, last = _FIELDS.start, _FIELDS.start + 1
    company = _FIELDS.start + _COMPANY
    gone.sort(key=lambda row: ((row[last] or "").casefold(), (row[first] or "").casefold(), row[_ID]))
    return [
        f"{row[first] or ''} {row[last] or ''}".strip() + (f" ({row[company]})" if row[company] else "")
        for row in gone
    ]


_EMAIL, _CONNECTED_ON = _CONTACT_FIELDS.index("email"), _CONTACT_FIELDS.index("connected_on")
_COMPANY, _POSITION = _CONTACT_FIELDS.index("company"), _CONTACT_FIELDS.index("position")


def change_kind(old_company: str, old_position: str, new_company: str, new_position: str) -> str | None:
    """What moved between two exports: 'job', 'promotion', or None (nothing to record).

    - No company now: nothing. They left, or hid it; there is no new employer to write about.
    - No company before, one now: a new job.
    - Otherwise ``company_key`` decides, the matcher's rule for the same employer: another
      employer is a new job; the same one (``Acme Inc`` -> ``Acme, Inc.``, ``Google LLC`` ->
      ``Google``, the rename ``Facebook`` -> ``Meta``) with a new title is a promotion (or a
      title change), with the same title nothing. A placeholder names no employer: ``Acme`` ->
      ``Self-employed`` or ``Stealth Startup`` is a new job (and back), while a move between
      two placeholders is not; a new title there counts as a promotion.
    """
    if not new_company.strip():
        return None
    if not old_company.strip():
        return "job"
    # Company text unchanged needs no analysis: most changed rows changed something else.
    if old_company != new_company and company_key(old_company) != company_key(new_company):
        return "job"
    return None if old_position.casefold().split() == new_position.casefold().split() else "promotion"


def _job_changes(
    conn: sqlite3.Connection, updated: list[tuple[list[Any], list[Any], Connection]], seen_on: str
) -> list[JobChangeSeen]:
    """Record each job change and promotion (see ``change_kind``) among the updated contacts."""
    changes = []
    for stored, fields, person in updated:
        before = stored[_FIELDS]
        old = (before[_COMPANY] or "", before[_POSITION] or "")
        now = (fields[_COMPANY] or "", fields[_POSITION] or "")
        kind = change_kind(*old, *now)
        if kind is not None:
            changes.append((stored[_ID], old, now, kind, person))
    conn.executemany(
        "INSERT OR IGNORE INTO job_changes (contact_id, old_company, old_position, new_company,"
        " new_position, kind, seen_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(contact_id, *old, *now, kind, seen_on) for contact_id, old, now, kind, _ in changes],
    )
    return [
        JobChangeSeen(f"{p.first_name} {p.last_name}".strip(), old[0], old[1], now[0], now[1], kind)
        for _, old, now, kind, p in changes
    ]


def _replace_rows(
    conn: sqlite3.Connection, table: str, owner_id: int, key: list[str], values: list[str],
    rows: Iterable[tuple[Any, ...]],
) -> dict[str, int]:
    """Make the owner's rows of ``table`` exactly ``rows`` (tuples of ``key`` then ``values``; of
    rows with one key, the last counts); count what that changes.

    Writes nothing when nothing changes, so re-importing a file leaves the table untouched. The
    rows are compared in SQLite, through a temporary table: they are never all in memory at
    once, however many people an export has.
    """
    columns = [*key, *values]
    listed = ", ".join(columns)
    if conn.execute(f"SELECT 1 FROM {table} WHERE owner_id = ? LIMIT 1", (owner_id,)).fetchone() is None:
        conn.executemany(f"INSERT OR REPLACE INTO {table} (owner_id, {listed}) VALUES (?{', ?' * len(columns)})",
                         ((owner_id, *row) for row in rows))
        new = conn.execute(f"SELECT count(*) FROM {table} WHERE owner_id = ?", (owner_id,)).fetchone()[0]
        return {"new": new, "updated": 0, "unchanged": 0, "removed": 0}
    same_key = " AND ".join(f"t.{c} = i.{c}" for c in key)
    conn.execute("DROP TABLE IF EXISTS temp.incoming")
    types = {r[1]: r[2] for r in conn.execute(f"PRAGMA main.table_info({table})")}
    conn.execute(f"CREATE TEMP TABLE incoming ({', '.join(f'{c} {types[c]}' for c in columns)},"
                 f" PRIMARY KEY ({', '.join(key)})) WITHOUT ROWID")
    try:
        conn.executemany(f"INSERT OR REPLACE INTO temp.incoming VALUES ({', '.join('?' * len(columns))})", rows)
        mine = f"main.{table} t WHERE t.owner_id = ?"
        new, unchanged, total = conn.execute(
            f"SELECT count(*) - count(t.owner_id),"
            f" coalesce(sum({' AND '.join(['t.owner_id IS NOT NULL'] + [f't.{c} IS i.{c}' for c in values])}), 0),"
            f" count(*)"
            f" FROM temp.incoming i LEFT JOIN main.{table} t ON t.owner_id = ? AND {same_key}",
            (owner_id,),
        ).fetchone()
        removed = conn.execute(
            f"SELECT count(*) FROM {mine} AND NOT EXISTS (SELECT 1 FROM temp.incoming i WHERE {same_key})",
            (owner_id,),
        ).fetchone()[0]
        if total - unchanged or removed:
            conn.execute(f"DELETE FROM main.{table} WHERE owner_id = ?", (owner_id,))
            conn.execute(f"INSERT INTO main.{table} (owner_id, {listed}) SELECT ?, {listed} FROM temp.incoming",
                         (owner_id,))
    finally:
        conn.execute("DROP TABLE temp.incoming")
    return {"new": new, "updated": total - new - unchanged, "unchanged": unchanged, "removed": removed}


def _apply_messages(
    conn: sqlite3.Connection, owner_id: int, read: MessagesRead, contacts: list[tuple[str, str, str]] | None,
    seen_on: str, dated_by_name: bool,
) -> FileSummary:
    if not read.rows_read and not read.skipped:  # a header and nothing else says nothing of the history
        return _kept_messages(conn, owner_id, read, contacts)
    if not read.owner_certain and not _owner_confirmed(conn, owner_id, read, contacts):
        return _kept_messages(conn, owner_id, read, contacts, unrecognised=True)
    stored = conn.execute(
        "SELECT json_extract(summary_json, '$.export_date'), json_extract(summary_json, '$.export_date_from')"
        " FROM imports WHERE kind = 'messages' AND owner_id = ?"
        " AND json_extract(summary_json, '$.files[0].details.history_kept') IS NULL"  # the history's own
        " ORDER BY id DESC LIMIT 1", (owner_id,)).fetchone()
    older = stored is not None and stored[0] is not None and seen_on < stored[0]
    # Only the export's own date (its file name) says it is older: a messages.csv dated by its
    # newest message may be newer with its newest conversation deleted.
    if older and dated_by_name and str(stored[1] or "").startswith(DATED_BY_NAME):
        return _kept_messages(conn, owner_id, read, contacts, older=(seen_on, stored[0]))
    notes = list(read.notes)
    if older:
        notes.append(f"{read.name} ends before the message history stored (from an export of {stored[0]}): "
                     "if it comes from an older export, import the newer one again")
    stats, contact_keys = _join_to_contacts(conn, owner_id, read.stats, contacts)
    people = among_contacts = 0

    def tallied() -> Iterator[MessageStats]:
        nonlocal people, among_contacts
        for s in stats:
            people += 1
            among_contacts += s.person_key in contact_keys
            yield s

    counts = _replace_rows(conn, "message_stats", owner_id, ["person_key"], STATS_COLUMNS[1:], tallied())
    details = _messages_details(read, people, among_contacts, people_removed=counts.pop("removed"))
    return FileSummary(
        "messages", read.name, read.generation, read.encoding, read.rows_read,
        new=counts["new"], updated=counts["updated"], unchanged=counts["unchanged"],
        skipped=dict(read.skipped), notes=notes, details=details,
    )


def _messages_details(read: MessagesRead, people: int, among_contacts: int, **more: Any) -> dict[str, Any]:
    """The summary details of a messages.csv: what the file holds, and the people stored."""
    return {
        "you": read.owner_name, "owner_key": read.owner_key, "conversations": read.conversations,
        "one_to_one_conversations": read.one_to_one, "group_conversations": read.group,
        "hidden_conversations": read.hidden, "group_messages_not_counted": read.group_messages,
        "drafts_not_counted": read.drafts, "system_messages_not_counted": read.system,
        "newest_message_at": read.newest_at, "people": people, "people_among_contacts": among_contacts, **more,
    }


def _owner_confirmed(conn: sqlite3.Connection, owner_id: int, read: MessagesRead,
                     contacts: list[tuple[str, str, str]] | None) -> bool:
    """Whether the contacts confirm a guessed owner (``MessagesRead.owner_certain``): the guess
    is not one of them, and somebody they messaged is."""
    keys = _contact_keys(conn, owner_id, contacts)
    people = read.stats.people() if isinstance(read.stats, StatsTable) else ((s.person_key, s.name) for s in read.stats)
    return read.owner_key not in keys and any(key in keys for key, _ in people)


def _contact_keys(conn: sqlite3.Connection, owner_id: int, contacts: list[tuple[str, str, str]] | None) -> set[str]:
    if contacts is not None:
        return {c[0] for c in contacts}
    return {r[0] for r in conn.execute(f"SELECT person_key FROM contacts WHERE {_ALL_ROWS_OF_OWNER}", (owner_id,))}


def _kept_messages(conn: sqlite3.Connection, owner_id: int, read: MessagesRead,
                   contacts: list[tuple[str, str, str]] | None, older: tuple[str, str] | None = None,
                   unrecognised: bool = False) -> FileSummary:
    """The summary of a messages.csv that leaves the stored history as it is: one with no
    messages at all, or one from an ``older`` export (its date, the stored history's): an older
    export never undoes a newer one."""
    stored = conn.execute("SELECT count(*) FROM message_stats WHERE owner_id = ?", (owner_id,)).fetchone()[0]
    keys = _contact_keys(conn, owner_id, contacts)
    notes = list(read.notes)
    if unrecognised:
        notes.append(f"{read.name} does not show which of its people is you (nobody is in more than one of its "
                     "conversations, and your contacts do not tell): its messages are not counted"
                     + (" and the history stored is kept" if stored else "")
                     + "; import the whole export zip LinkedIn sent")
    elif older is not None:
        notes.append(f"{read.name} is from an export of {older[0]}, older than the message history stored "
                     f"(from {older[1]}): the newer history of {stored:,} people is kept")
    elif stored:
        notes.append(f"{read.name} holds no messages, only its header: the message history of "
                     f"{stored:,} people stored before is kept")
    if unrecognised:
        details = _messages_details(read, 0, 0, people_removed=0, history_kept=True, you="", owner_key="")
    else:
        details = _messages_details(read, len(read.stats), sum(1 for s in read.stats if s.person_key in keys),
                                    people_removed=0, history_kept=True)
    return FileSummary("messages", read.name, read.generation, read.encoding, read.rows_read, unchanged=stored,
                       skipped=dict(read.skipped), notes=notes, details=details)


def _join_to_contacts(
    conn: sqlite3.Connection, owner_id: int, stats: Sequence[MessageStats],
    contacts: list[tuple[str, str, str]] | None = None,
) -> tuple[Iterable[MessageStats], set[str]]:
    """Re-key stats that match no contact to the one contact with the same full name.

    Only where a name is all we have on one side: a stat keyed by name (2018 messages), or a
    contact keyed by name (exports before 2024). Two different profile URLs are two people.
    ``contacts``: the owner's (person_key, first_name, last_name), read from the store if None.
    Returns the stats, one per key (merged where two now share one), as they are iterated, and
    the contacts' keys.
    """
    if contacts is None:
        contacts = [tuple(r) for r in conn.execute(
            f"SELECT person_key, first_name, last_name FROM contacts WHERE {_ALL_ROWS_OF_OWNER}",
            (owner_id,),
        )]
    keys = {c[0] for c in contacts}
    weak_contacts = any(k.startswith(NAME_KEY_PREFIX) for k in keys)
    people = stats.people() if isinstance(stats, StatsTable) else ((s.person_key, s.name) for s in stats)
    orphans = [(i, key, name) for i, (key, name) in enumerate(people)
               if key not in keys and (weak_contacts or key.startswith(NAME_KEY_PREFIX))]
    if not orphans:
        return stats, keys
    by_name: dict[str, list[str]] = {}
    for key, first, last in contacts:
        by_name.setdefault(normalise_name(f"{first} {last}"), []).append(key)

    def contact_for(key: str, name: str) -> str:
        if not name and key.startswith(NAME_KEY_PREFIX):
            name = key.removeprefix(NAME_KEY_PREFIX)
        found = by_name.get(normalise_name(name or ""), [])
        if len(found) == 1 and (key.startswith(NAME_KEY_PREFIX) or found[0].startswith(NAME_KEY_PREFIX)):
            return found[0]
        return key

    moved = {i: new for i, key, name in orphans if (new := contact_for(key, name)) != key}
    if not moved:
        return stats, keys
    onto = set(moved.values())  # keys that may now have two rows

    def joined() -> Iterator[MessageStats]:
        merged: dict[str, MessageStats] = {}
        for i, s in enumerate(stats):
            if i in moved:
                s = s._replace(person_key=moved[i])
            if s.person_key in onto:
                seen = merged.get(s.person_key)
                merged[s.person_key] = s if seen is None else seen.combined(s)
            else:
                yield s
        yield from merged.values()

    return joined(), keys


def _join_message_stats(conn: sqlite3.Connection, owner_id: int) -> None:
    """After a Connections-only import: join earlier stats to contacts that have just arrived."""
    rows = conn.execute(
        f"SELECT {', '.join(STATS_COLUMNS)} FROM message_stats WHERE owner_id = ?", (owner_id,)
    ).fetchall()
    if rows:
        joined, _ = _join_to_contacts(conn, owner_id, [MessageStats(*r) for r in rows])
        _replace_rows(conn, "message_stats", owner_id, ["person_key"], STATS_COLUMNS[1:], joined)


def _apply_invitations(conn: sqlite3.Connection, owner_id: int, read: InvitationsRead) -> FileSummary:
    counts = _replace_rows(
        conn, "invitations", owner_id, ["person_key", "direction"], ["name", "sent_at", "message"],
        [(i.person_key, i.direction, i.name, i.sent_at, i.message) for i in read.invitations],
    )
    directions = Counter(i.direction for i in read.invitations)
    details = {
        "outgoing": int(directions.get("outgoing", 0)),
        "incoming": int(directions.get("incoming", 0)),
        "removed": counts.pop("removed"),
    }
    return FileSummary(
        "invitations", read.name, "", read.encoding, read.rows_read,
        new=counts["new"], updated=counts["updated"], unchanged=counts["unchanged"],
        skipped=dict(read.skipped), notes=list(read.notes), details=details,
    )


def _apply_applications(conn: sqlite3.Connection, owner_id: int, read: ApplicationsRead) -> FileSummary:
    """Add the jobs applied for; one already stored (same company, title and day) is left as
    it is, so a re-import, or a newer export that still lists it, adds nothing twice."""
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO applications (owner_id, company, job_title, applied_on, job_url)"
        " VALUES (?, ?, ?, ?, ?)",
        [(owner_id, a.company, a.job_title, a.applied_on, a.job_url) for a in read.applications],
    )
    new = conn.total_changes - before
    details = {"applications": len(read.applications), "latest": read.latest}
    return FileSummary(
        "applications", read.name, "", read.encoding, read.rows_read,
        new=new, unchanged=len(read.applications) - new,
        skipped=dict(read.skipped), notes=list(read.notes), details=details,
    )
