"""What reading a messages.csv gives: per-person 1:1 statistics and what was left out.

Kept apart from ``linkedin_messages`` (which needs numpy) so that the process that receives
a result read in a second process can unpickle it without importing numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class MessageStats(NamedTuple):
    """One person's 1:1 messages with the export's owner."""

    person_key: str
    name: str  # their name as last written in a message
    messages_sent: int  # by the owner to them
    messages_received: int  # by them to the owner
    first_message_at: str | None  # ISO timestamp, UTC ('2024-12-16T18:24:37Z')
    last_message_at: str | None


#: Fields of MessageStats, in order.
STATS_COLUMNS = list(MessageStats._fields)


@dataclass
class MessagesRead:
    """A messages.csv, read: per-person 1:1 statistics plus what was left out and why."""

    name: str
    stats: list[MessageStats]  # by person_key
    generation: str
    encoding: str
    rows_read: int
    owner_name: str
    conversations: int = 0
    one_to_one: int = 0
    group: int = 0
    group_messages: int = 0
    drafts: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
