"""Invitations.csv -> one row per (person, direction).

Columns: From, To, Sent At, Message, Direction, inviterProfileUrl, inviteeProfileUrl. The
person is the invitee of an OUTGOING invitation and the inviter of an INCOMING one; keyed like
contacts (profile URL, else name).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from imports.linkedin_csv import CsvFrame
from imports.linkedin_values import (
    NAME_KEY_PREFIX,
    iso_timestamps,
    map_distinct,
    normalise_name,
    profile_keys,
    strip,
    timestamps,
)

COLUMNS = ["person_key", "name", "direction", "sent_at", "message"]

NO_DIRECTION = "no Direction (INCOMING/OUTGOING)"
NO_PERSON = "no name or profile URL"


@dataclass
class InvitationsRead:
    name: str
    frame: pd.DataFrame  # COLUMNS; sent_at ISO, direction 'outgoing' | 'incoming'
    encoding: str
    rows_read: int
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def read_invitations(csv: CsvFrame) -> InvitationsRead:
    """Invitations from an Invitations.csv parsed by ``read_linkedin_csv``."""
    direction = map_distinct(csv.column("direction"), lambda v: v.strip().lower())
    outgoing = direction == "outgoing"
    name = strip(csv.column("to").where(outgoing, csv.column("from")))
    url = csv.column("inviteeprofileurl").where(outgoing, csv.column("inviterprofileurl"))
    key = profile_keys(url)
    by_name = map_distinct(name, normalise_name)
    key = key.fillna(NAME_KEY_PREFIX + by_name).where(key.notna() | (by_name != ""), None)
    frame = pd.DataFrame(
        {
            "person_key": key,
            "name": name,
            "direction": direction,
            "sent_at": iso_timestamps(timestamps(csv.column("sent at"))),
            "message": strip(csv.column("message")),
        },
        columns=COLUMNS,
    )
    skipped: Counter[str] = Counter()
    if csv.ragged_rows:
        skipped["more cells than the header"] = csv.ragged_rows
    blank = (csv.frame == "").all(axis=1) if len(csv.frame.columns) else pd.Series(False, index=frame.index)
    skipped["blank row"] = int(blank.sum())
    frame = frame[~blank]
    bad_direction = ~frame["direction"].isin(("outgoing", "incoming"))
    skipped[NO_DIRECTION] = int(bad_direction.sum())
    nobody = ~bad_direction & frame["person_key"].isna()
    skipped[NO_PERSON] = int(nobody.sum())
    frame = frame[~bad_direction & ~nobody]
    # The same person twice in one direction: keep the newest invitation.
    frame = frame.sort_values("sent_at", na_position="first", kind="stable").drop_duplicates(
        ["person_key", "direction"], keep="last"
    )
    return InvitationsRead(
        csv.name, frame.reset_index(drop=True), csv.encoding, len(csv.frame) + csv.ragged_rows,
        +skipped, list(csv.notes),
    )
