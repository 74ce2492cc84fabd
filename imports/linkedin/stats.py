"""What reading a messages.csv gives: per-person 1:1 statistics and what was left out.

Kept apart from ``linkedin_messages`` (which needs numpy) so that the process that receives
a result read in a second process can unpickle it without importing numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

#: ``MessageStats.last_from``: who wrote the last message, the export's owner or the other person.
OWNER, THEM = "owner", "them"


class MessageStats(NamedTuple):
    """One person's 1:1 messages with the export's owner, each way. Times are ISO, UTC
    ('2024-12-16T18:24:37Z'); None where there is no such message (or no readable time)."""

    person_key: str
    name: str  # their name as last written in a message
    messages_sent: int  # by the owner to them
    messages_received: int  # by them to the owner
    first_message_at: str | None
    last_message_at: str | None
    first_sent_at: str | None = None
    last_sent_at: str | None = None
    first_received_at: str | None = None
    last_received_at: str | None = None
    last_from: str | None = None  # OWNER or THEM: who wrote the last message
    #: The messages at the end of the history that got no answer: the last writer's run (1: the
    #: last message alone; 3: they wrote twice more without a reply). The last message itself
    #: is always unanswered, so this says how long the other side has been silent.
    unanswered: int = 0
    #: Their latest message offering help or a referral ("happy to refer you", "send me your
    #: CV"; see ``offers_help`` in imports/linkedin/messages.py); None if none did.
    offered_help_at: str | None = None

    def combined(self, other: MessageStats) -> MessageStats:
        """Two rows of one person (found by name in one place, by URL in another) as one.
        Who wrote last, and the unanswered run, come from the row with the later last message:
        how the two histories interleave before that is not known."""
        later = self if (self.last_message_at or "") >= (other.last_message_at or "") else other
        return MessageStats(
            self.person_key, self.name or other.name,
            self.messages_sent + other.messages_sent, self.messages_received + other.messages_received,
            _earliest(self.first_message_at, other.first_message_at),
            _latest(self.last_message_at, other.last_message_at),
            _earliest(self.first_sent_at, other.first_sent_at),
            _latest(self.last_sent_at, other.last_sent_at),
            _earliest(self.first_received_at, other.first_received_at),
            _latest(self.last_received_at, other.last_received_at),
            later.last_from, later.unanswered,
            _latest(self.offered_help_at, other.offered_help_at),
        )


def _earliest(a: str | None, b: str | None) -> str | None:
    return min(filter(None, (a, b)), default=None)


def _latest(a: str | None, b: str | None) -> str | None:
    return max(filter(None, (a, b)), default=None)


#: Fields of MessageStats, in order: the columns of the message_stats table.
STATS_COLUMNS = list(MessageStats._fields)


@dataclass
class MessagesRead:
    """A messages.csv, read: per-person 1:1 statistics plus what was left out and why."""

    name: str
    stats: list[MessageStats]  # by person_key
    generation: str  # the file's shape, for --verbose: '2020-2023 (conversation ids, ...)'
    encoding: str
    rows_read: int  # rows with something in them: messages, drafts, system rows
    owner_name: str  # '' when the file does not show whose it is
    owner_key: str = ""  # their person key (normalised profile URL, else name key)
    conversations: int = 0
    one_to_one: int = 0
    group: int = 0
    hidden: int = 0  # conversations with nobody else but hidden members ("LinkedIn Member")
    group_messages: int = 0
    drafts: int = 0
    system: int = 0  # LinkedIn's own rows, without a sender ("Message request accepted")
    newest_at: str | None = None  # the newest time in the file (ISO, UTC): the export is newer
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
