"""Reading the people, owners and targets the plan needs from the workspace, as plain values.

One SQL query per table; graph, scoring and messages take these values and never touch SQLite,
so they can be tested with hand-built rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from outreach.companies.knowledge import company_key
from outreach.companies.matching import analyse_names, prime_company_keys
from outreach.identity import NAME_KEY_PREFIX, normalise_name, normalise_profile_url


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose export a contact came from: the user (is_self) or a friend who shared theirs."""

    id: int
    name: str
    is_self: bool


@dataclass(frozen=True, slots=True)
class JobChange:
    old_company: str
    old_position: str
    new_company: str
    new_position: str
    seen_on: str  # ISO date
    kind: str = "job"  # 'job': another employer; 'promotion': a new title at the same one


class Contact(NamedTuple):
    """One (owner, person) row with its message history and latest job change.

    A NamedTuple rather than a frozen dataclass: the plan makes tens of thousands of them and a
    frozen dataclass sets each field through ``object.__setattr__``.
    """

    id: int
    owner_id: int
    person_key: str
    first_name: str
    last_name: str
    profile_url: str | None
    email: str | None
    company: str
    position: str
    connected_on: str | None = None
    messages_sent: int = 0
    messages_received: int = 0
    last_message_at: str | None = None
    job_change: JobChange | None = None
    # Their one-to-one history each way (message_stats; ISO timestamps, UTC):
    first_message_at: str | None = None
    last_sent_at: str | None = None  # the owner's last message to them
    last_received_at: str | None = None  # their last message to the owner
    last_from: str | None = None  # 'owner' or 'them': who wrote last
    unanswered: int = 0  # the last writer's messages in a row without a reply
    offered_help_at: str | None = None  # their latest message offering help or a referral
    #: the user's latest application at their employer (same ``company_key``): (job title, ISO day)
    applied: tuple[str, str] | None = None
    #: what the user's own export proves of the tie (recommendations, endorsements, a shared
    #: employer, a pending invitation); None: nothing (and always for friends' contacts)
    ties: Ties | None = None
    #: the recent application this person is asked about for a referral (set by the plan)
    referral_for: JobApplication | None = None

    @property
    def name(self) -> str:
        first, last = self.first_name.strip(), self.last_name.strip()
        return f"{first} {last}" if first and last else first or last


@dataclass(frozen=True, slots=True)
class Ties:
    """What the user's own export proves of their tie to one contact."""

    recommended_user: bool = False  # Recommendations_Received: they recommended the user
    recommended_by_user: bool = False  # Recommendations_Given
    endorsed_user: int = 0  # endorsements received from them (one per skill)
    endorsed_by_user: int = 0  # endorsements the user gave them
    #: the user's employer they share or shared: (employer as the user wrote it, "2019–2021"
    #: or "since 2022" for the user's years there, current: the user is still there)
    colleague: tuple[str, str, bool] | None = None
    invitation_pending: str = ""  # ISO day of the user's invitation they have not accepted

    @property
    def recommendation(self) -> bool:
        return self.recommended_user or self.recommended_by_user


class JobApplication(NamedTuple):
    """One of the user's job applications (Jobs/Job Applications.csv)."""

    company: str
    job_title: str
    applied_on: str  # ISO day
    job_url: str
    key: str  # company_key(company): the employer


@dataclass(frozen=True, slots=True)
class Target:
    id: int
    name: str
    priority: float  # 1.0 = most wanted
    priority_text: str = ""
    row_order: int = 0
    location: str = ""
    roles: str = ""
    #: the targets file's other columns, as the user kept them: (("Why", "great team"), ...)
    extra: tuple[tuple[str, str], ...] = ()
    notes: str = ""  # the file's notes column ("Why", "Notes", "Comments")


@dataclass
class Network:
    owners: dict[int, Owner]
    contacts: dict[int, Contact]  # by contacts.id
    targets: dict[int, Target]  # by targets.id
    #: friend owner id -> the user's own contact row for that friend, when identifiable
    friend_contacts: dict[int, int] = field(default_factory=dict)
    #: employer (``company_key``) -> the user's latest job application there: (job title, ISO day)
    applied: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: the user's job applications, newest first, with their links
    applications: list[JobApplication] = field(default_factory=list)
    #: contact id -> its ``company_key`` (computed when applications or positions need it)
    employer_keys: dict[int, str] = field(default_factory=dict)
    #: person keys the user sent an invitation to that is still pending -> ISO day sent
    invited: dict[str, str] = field(default_factory=dict)
    #: the user's own positions (Positions.csv), oldest first
    positions: list[Position] = field(default_factory=list)

    @property
    def self_id(self) -> int:
        return next((o.id for o in self.owners.values() if o.is_self), 1)

    @property
    def current_employers(self) -> set[str]:
        """The user's current employers (``company_key``): positions with no end."""
        return {key for key, _, _, finished in self.positions if not finished}


def load_owners(conn: sqlite3.Connection) -> dict[int, Owner]:
    rows = conn.execute("SELECT id, name, is_self FROM owners ORDER BY id").fetchall()
    return {r[0]: Owner(r[0], r[1], bool(r[2])) for r in rows}


def load_targets(conn: sqlite3.Connection) -> dict[int, Target]:
    rows = conn.execute(
        "SELECT id, name, priority, priority_text, row_order, location, roles, extra, notes FROM targets"
        " ORDER BY priority DESC, row_order, id"
    ).fetchall()
    return {r[0]: Target(r[0], r[1], float(r[2]), r[3] or "", r[4] or 0, r[5] or "", r[6] or "",
                         _extra(r[7]), r[8] or "") for r in rows}


def _extra(text: str | None) -> tuple[tuple[str, str], ...]:
    """The ``extra`` column's {header: text} JSON, kept in order; () when unreadable."""
    if not text or text == "{}":
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    return tuple((str(k), str(v)) for k, v in value.items()) if isinstance(value, dict) else ()


_CONTACT_SQL = """
SELECT c.id, c.owner_id, c.person_key, c.first_name, c.last_name, c.profile_url, c.email,
       c.company, c.position, c.connected_on,
       COALESCE(m.messages_sent, 0), COALESCE(m.messages_received, 0), m.last_message_at,
       m.first_message_at, m.last_sent_at, m.last_received_at, m.last_from, COALESCE(m.unanswered, 0),
       m.offered_help_at
FROM contacts c
LEFT JOIN message_stats m ON m.owner_id = c.owner_id AND m.person_key = c.person_key
"""


def load_contacts(
    conn: sqlite3.Connection, ids: Iterable[int] | None = None, *, owner_id: int | None = None
) -> dict[int, Contact]:
    """Contacts by id: all of them, those of one owner, or only ``ids`` (e.g. the matched ones)."""
    sql, params = _CONTACT_SQL, list[int | str]()
    where = ["c.removed_on IS NULL"]  # still connected (not missing from a newer Connections.csv)
    if owner_id is not None:
        where.append("c.owner_id = ?")
        params.append(owner_id)
    if ids is not None:
        # One JSON parameter instead of thousands of placeholders.
        where.append("c.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(set(ids))))
    sql += " WHERE " + " AND ".join(where)
    changes = _latest_job_changes(conn)
    out: dict[int, Contact] = {}
    for r in conn.execute(sql, params):
        out[r[0]] = Contact(
            r[0], r[1], r[2], r[3] or "", r[4] or "", r[5], r[6], r[7] or "", r[8] or "",
            r[9], int(r[10]), int(r[11]), r[12], changes.get(r[0]), r[13], r[14], r[15], r[16], int(r[17]),
            r[18],
        )
    return out


def _latest_job_changes(conn: sqlite3.Connection) -> dict[int, JobChange]:
    """Each contact's latest move to another employer, else their latest promotion: a new title
    soon after a move must not hide the move."""
    latest: dict[int, JobChange] = {}
    rows = conn.execute(
        "SELECT contact_id, old_company, old_position, new_company, new_position, seen_on, kind"
        " FROM job_changes ORDER BY kind = 'job', seen_on"
    )
    for r in rows:
        latest[r[0]] = JobChange(r[1], r[2], r[3], r[4], r[5], r[6])
    return latest


def load_network(conn: sqlite3.Connection, contact_ids: Iterable[int] | None = None) -> Network:
    """Owners, targets and contacts (all, or ``contact_ids`` plus the rows for friends)."""
    owners = load_owners(conn)
    friends = identify_friends(conn, owners)
    wanted = None if contact_ids is None else {*contact_ids, *friends.values()}
    contacts = load_contacts(conn, wanted)
    for owner_id, contact_id in friends.items():
        # A friend found among the user's contacts is shown by their name as LinkedIn has it,
        # not as typed after --owner (a profile URL, or "JÖRG MÜLLER").
        if contacts[contact_id].name:
            owners[owner_id] = replace(owners[owner_id], name=contacts[contact_id].name)
    prime_company_keys(conn)
    applications = load_application_rows(conn)
    applied = applied_by_employer((a.company, a.job_title, a.applied_on) for a in applications)
    positions = load_positions(conn)
    employer_keys: dict[int, str] = {}
    if applied or positions:
        # one company_key per distinct name, not per contact, from the analyses the workspace keeps
        analyse_names(conn, {c.company for c in contacts.values() if c.company})
        keys: dict[str, str] = {}
        for contact_id, contact in contacts.items():
            key = keys.get(contact.company)
            if key is None:
                key = keys[contact.company] = company_key(contact.company) if contact.company else ""
            employer_keys[contact_id] = key
            if key in applied:
                contacts[contact_id] = contact._replace(applied=applied[key])
    self_id = next((o.id for o in owners.values() if o.is_self), 1)
    for contact_id, ties in load_ties(conn, contacts, self_id, employer_keys, positions).items():
        contacts[contact_id] = contacts[contact_id]._replace(ties=ties)
    invited = {str(r[0]): (r[1] or "")[:10] for r in conn.execute(
        "SELECT person_key, sent_at FROM invitations WHERE owner_id = ? AND direction = 'outgoing'",
        (self_id,))}
    mine = {c.person_key for c in contacts.values() if c.owner_id == self_id and
            not (c.ties and c.ties.invitation_pending)}
    invited = {k: v for k, v in invited.items() if k not in mine}
    return Network(owners, contacts, load_targets(conn), friends, applied, applications, employer_keys,
                   invited, positions)


def load_applications(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """The user's own job applications (Jobs/Job Applications.csv): (company, job title, ISO
    day), newest first. A friend's export never fills them."""
    rows = conn.execute(
        "SELECT a.company, a.job_title, a.applied_on FROM applications a"
        " JOIN owners o ON o.id = a.owner_id AND o.is_self"
        " ORDER BY a.applied_on DESC, a.company, a.job_title"
    )
    return [(r[0], r[1] or "", r[2]) for r in rows]


def load_application_rows(conn: sqlite3.Connection) -> list[JobApplication]:
    """``load_applications`` with each job's link and employer key."""
    rows = conn.execute(
        "SELECT a.company, a.job_title, a.applied_on, a.job_url FROM applications a"
        " JOIN owners o ON o.id = a.owner_id AND o.is_self"
        " ORDER BY a.applied_on DESC, a.company, a.job_title"
    )
    return [JobApplication(r[0], r[1] or "", r[2], r[3] or "", company_key(r[0])) for r in rows]


#: (employer key, employer as written, started on, finished on ('' = current))
Position = tuple[str, str, str, str]


def load_positions(conn: sqlite3.Connection) -> list[Position]:
    """The user's own positions (Positions.csv); a friend's export never fills them."""
    rows = conn.execute(
        "SELECT p.company, p.started_on, p.finished_on FROM positions p"
        " JOIN owners o ON o.id = p.owner_id AND o.is_self ORDER BY p.started_on")
    return [(company_key(r[0]), r[0], r[1] or "", r[2] or "") for r in rows if company_key(r[0])]


def _years(started: str, finished: str) -> str:
    """"2019–2021", "since 2022", "2019" for the user's time at an employer."""
    start, end = started[:4], finished[:4]
    if finished == "?":
        return f"{start}–?" if start else ""
    if not finished:
        return f"since {start}" if start else ""
    if start and start != end:
        return f"{start}–{end}"
    return end


def colleague_at(key: str, connected_on: str | None,
                 positions: list[Position]) -> tuple[str, str, bool] | None:
    """The user's employer a contact now at ``key`` shares with them: the user's current one,
    or a past one where the two connected while the user was there (months compared: the
    positions give months, 'YYYY-MM' or 'YYYY')."""
    if not key:
        return None
    connected = (connected_on or "")[:7]
    found = None
    for employer, company, started, finished in positions:
        if employer != key:
            continue
        if not finished:
            return company, _years(started, finished), True
        if finished == "?":  # ended on a date that could not be read: no telling who overlapped
            continue
        if connected and started and started[:len(connected)] <= connected[:len(started)] and \
                connected[:len(finished)] <= finished:
            found = (company, _years(started, finished), False)
    return found


def load_ties(conn: sqlite3.Connection, contacts: dict[int, Contact], self_id: int,
              employer_keys: dict[int, str], positions: list[Position]) -> dict[int, Ties]:
    """What the user's own export proves of each of their loaded contacts' ties.

    Recommendations name a person only: the contact with that name, when exactly one has it
    (``outreach.identity.normalise_name``: two people are never merged on a guess).
    Endorsements carry the profile URL (``person_key``), else the same name rule. A pending
    invitation: one the user sent (Invitations.csv lists those not yet accepted).
    """
    mine = {cid: c for cid, c in contacts.items() if c.owner_id == self_id}
    if not mine:
        return {}
    by_key = {c.person_key: cid for cid, c in mine.items()}
    by_name = _unique_names(conn, self_id, mine)

    def find(key: str, first: str, last: str) -> int | None:
        if key and key in by_key:
            return by_key[key]
        named = by_name.get(normalise_name(f"{first} {last}".strip()))
        # a profile URL is never joined to a contact with a different one: only to a contact
        # stored by name (an export without URLs)
        if named is not None and key and not mine[named].person_key.startswith(NAME_KEY_PREFIX):
            return None
        return named

    facts: dict[int, dict[str, Any]] = {}
    for direction, first, last in conn.execute(
            "SELECT direction, first_name, last_name FROM recommendations WHERE owner_id = ?", (self_id,)):
        who = find("", first, last)
        if who is not None:
            facts.setdefault(who, {})["recommended_user" if direction == "received"
                                      else "recommended_by_user"] = True
    for direction, first, last, key in conn.execute(
            "SELECT direction, first_name, last_name, person_key FROM endorsements WHERE owner_id = ?",
            (self_id,)):
        who = find(key, first, last)
        if who is not None:
            field_name = "endorsed_user" if direction == "received" else "endorsed_by_user"
            one = facts.setdefault(who, {})
            one[field_name] = one.get(field_name, 0) + 1
    for key, sent_at in conn.execute(
            "SELECT person_key, sent_at FROM invitations WHERE owner_id = ? AND direction = 'outgoing'",
            (self_id,)):
        invitee = by_key.get(key)
        if invitee is not None and _still_pending(mine[invitee].connected_on, sent_at):
            facts.setdefault(invitee, {})["invitation_pending"] = (sent_at or "")[:10] or "?"
    if positions:
        for contact_id, c in mine.items():
            shared = colleague_at(employer_keys.get(contact_id, ""), c.connected_on, positions)
            if shared is not None:
                facts.setdefault(contact_id, {})["colleague"] = shared
    return {cid: Ties(**one) for cid, one in facts.items()}


def _unique_names(conn: sqlite3.Connection, self_id: int, loaded: dict[int, Contact]) -> dict[str, int]:
    """Normalised name -> the loaded contact of the user's that has it, when no other contact
    of theirs (loaded or not: the plan loads only the matched ones) has the same name; for the
    names the user's recommendations and URL-less endorsements give only."""
    wanted = {normalise_name(f"{first or ''} {last or ''}".strip()) for first, last in conn.execute(
        "SELECT first_name, last_name FROM recommendations WHERE owner_id = ? UNION "
        "SELECT first_name, last_name FROM endorsements WHERE owner_id = ? AND person_key = ''",
        (self_id, self_id))}
    wanted.discard("")
    if not wanted:
        return {}
    lasts = {name.rsplit(" ", 1)[-1] for name in wanted}
    count: dict[str, int] = {}
    # SQLite's lower() folds ASCII only: the names are compared in Python, by the importer's rule;
    # an ASCII last name no wanted name ends with needs no more than a casefold to be passed over
    for first, last in conn.execute("SELECT first_name, last_name FROM contacts WHERE +owner_id = ?"
                                    " AND removed_on IS NULL", (self_id,)):
        last = last or ""
        if last.strip() and last.isascii() and last.casefold().split()[-1] not in lasts:
            continue
        name = normalise_name(f"{first or ''} {last}".strip())
        if name in wanted:
            count[name] = count.get(name, 0) + 1
    out = {}
    for contact_id, c in loaded.items():
        name = normalise_name(c.name)
        if count.get(name) == 1:
            out[name] = contact_id
    return out


def _still_pending(connected_on: str | None, sent_at: str | None) -> bool:
    """An invitation the user sent is still pending unless the connection is as new as it: a
    contact connected before it (a re-invite after a removal) is not connected now."""
    if not connected_on:
        return True
    return not sent_at or connected_on[:10] < sent_at[:10]


def applied_by_employer(applications: Iterable[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Employer (``company_key``, the one rule for "the same employer") -> the latest
    application there, (job title, ISO day); placeholders name no employer."""
    latest: dict[str, tuple[str, str]] = {}
    for company, title, day in applications:
        key = company_key(company)
        if key and (key not in latest or day > latest[key][1]):
            latest[key] = (title, day)
    return latest


def identify_friends(conn: sqlite3.Connection, owners: dict[int, Owner]) -> dict[int, int]:
    """Which of the user's contacts is each friend who shared an export (``--owner NAME``)?

    Compared by the importer's rules (``outreach.identity``). NAME may be the friend's profile
    URL in any form (``linkedin.com/in/x``, ``https://de.linkedin.com/in/X/?trk=...``): a sure
    match on the contact's key. Or a full name, matched only when exactly one of the user's
    contacts has it: two people are never merged on a guess (DESIGN.md §3).
    """
    friends = [o for o in owners.values() if not o.is_self]
    self_id = next((o.id for o in owners.values() if o.is_self), None)
    if not friends or self_id is None:
        return {}
    found = {}
    named: dict[str, list[int]] = {}  # a friend's normalised name -> the friends (owner ids)
    for friend in friends:
        url_key = normalise_profile_url(friend.name)
        if url_key is None:
            named.setdefault(normalise_name(friend.name), []).append(friend.id)
            continue
        row = conn.execute("SELECT id FROM contacts WHERE owner_id = ? AND person_key = ?"
                           " AND removed_on IS NULL", (self_id, url_key)).fetchone()
        if row:
            found[friend.id] = row[0]
    if not named:
        return found
    # One pass over the user's contacts. SQLite's lower() folds ASCII only ('MÜLLER' stays
    # 'mÜller'), so the names are compared in Python, by the same rule as the importer's.
    having: dict[str, list[int]] = {}
    for contact_id, first, last in conn.execute(
        "SELECT id, first_name, last_name FROM contacts WHERE +owner_id = ? AND removed_on IS NULL", (self_id,)
    ):
        name = normalise_name(f"{first} {last}")
        if name in named:
            having.setdefault(name, []).append(contact_id)
    for name, contact_ids in having.items():
        if len(contact_ids) == 1:
            found.update(dict.fromkeys(named[name], contact_ids[0]))
    return found


__all__ = [
    "JobApplication",
    "Contact",
    "Ties",
    "colleague_at",
    "load_ties",
    "JobChange",
    "Network",
    "Owner",
    "Target",
    "applied_by_employer",
    "load_applications",
    "load_contacts",
    "load_network",
    "load_owners",
    "identify_friends",
    "load_targets",
]
