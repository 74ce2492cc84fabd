"""Invitations.csv -> one row per (person, direction).

Columns: From, To, Sent At, Message, Direction, inviterProfileUrl, inviteeProfileUrl. The
person is the invitee of an OUTGOING invitation and the inviter of an INCOMING one; keyed like
contacts (profile URL, else name). The other side of each invitation is the export's owner:
the file shows whose it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from outreach.identity import person_key
from outreach.imports.linkedin.csvfile import CsvTable
from outreach.imports.linkedin.values import iso_timestamps, map_distinct


class Invitation(NamedTuple):
    person_key: str
    name: str
    direction: str  # 'outgoing' | 'incoming'
    sent_at: str | None  # ISO timestamp
    message: str


COLUMNS = list(Invitation._fields)

NO_DIRECTION = "no Direction (INCOMING/OUTGOING)"
NO_PERSON = "no name or profile URL"


@dataclass
class InvitationsRead:
    name: str
    invitations: list[Invitation]  # one per (person, direction): the newest
    encoding: str
    rows_read: int
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    owner_name: str = ""  # the export's owner, as the invitations name them ('' if they do not)
    owner_key: str = ""  # their person key (normalised profile URL, else name key)
    newest_at: str | None = None  # the newest Sent At (ISO): the export is newer


def read_invitations(csv: CsvTable) -> InvitationsRead:
    """Invitations from an Invitations.csv parsed by ``read_linkedin_csv``."""
    skipped: Counter[str] = Counter()
    if csv.ragged_rows:
        skipped["more cells than the header"] = csv.ragged_rows
    if csv.blank_rows:  # blank lines, counted by the csv reader and not kept
        skipped["blank row"] = csv.blank_rows
    cells = list(csv.columns.values())
    blank = [not any(c.strip() for c in row) for row in zip(*cells, strict=True)] if cells else [False] * csv.rows
    directions = map_distinct(csv.column("direction"), lambda v: v.strip().lower())
    sent_at = iso_timestamps(csv.column("sent at"))
    rows = zip(
        blank, directions, csv.column("from"), csv.column("to"), csv.column("inviterprofileurl"),
        csv.column("inviteeprofileurl"), sent_at, csv.column("message"), strict=True,
    )
    found: list[Invitation] = []
    owners: Counter[tuple[str, str]] = Counter()  # (key, name) of the owner's side
    for empty, direction, sender, to, inviter_url, invitee_url, when, message in rows:
        if empty:
            skipped["blank row"] += 1
            continue
        if direction not in ("outgoing", "incoming"):
            skipped[NO_DIRECTION] += 1
            continue
        # The person is the invitee of an invitation we sent, the inviter of one we received.
        outgoing = direction == "outgoing"
        name = (to if outgoing else sender).strip()
        url = invitee_url if outgoing else inviter_url
        mine = (sender if outgoing else to).strip()
        my_key = person_key(inviter_url if outgoing else invitee_url, mine)
        if my_key is not None:
            owners[my_key, mine] += 1
        key = person_key(url, name)
        if key is None:
            skipped[NO_PERSON] += 1
            continue
        found.append(Invitation(key, name, direction, when, message.strip()))
    # The same person twice in one direction: keep the newest invitation (the last one of
    # equal times, in file order).
    found.sort(key=lambda i: (i.sent_at is not None, i.sent_at or ""))
    newest = {(i.person_key, i.direction): n for n, i in enumerate(found)}
    # The owner: on the most invitations (ties: the first in sort order).
    owner_key, owner_name = min(owners, key=lambda o: (-owners[o], o)) if owners else ("", "")
    return InvitationsRead(
        csv.name, [found[n] for n in sorted(newest.values())], csv.encoding, csv.rows + csv.ragged_rows + csv.blank_rows,
        +skipped, list(csv.notes), owner_name, owner_key, max(filter(None, sent_at), default=None),
    )
