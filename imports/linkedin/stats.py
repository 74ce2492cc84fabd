"""What reading a messages.csv gives: per-person 1:1 statistics and what was left out.

Kept apart from ``linkedin_messages`` (which needs numpy) so that the process that receives
a result read in a second process can unpickle it without importing numpy.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, islice
from typing import NamedTuple, overload

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

#: The time fields StatsTable keeps (the first and last message are the earlier and later of each way's).
TIME_FIELDS = ("first_sent_at", "last_sent_at", "first_received_at", "last_received_at", "offered_help_at")
#: The width of an ISO time ('2024-12-16T18:24:37Z'); StatsTable keeps no time as this many spaces.
ISO_WIDTH = 20
_NO_TIME = b" " * ISO_WIDTH
_LAST_FROM = {ord("o"): OWNER, ord("t"): THEM}


_BLOCK = 1 << 14


class Texts:
    """Many strings as one (and where each ends): ~1 byte a character instead of a Python
    object of ~50 bytes more per string, here and once pickled to another process."""

    __slots__ = ("_ends", "_text")

    def __init__(self, strings: Iterable[str]) -> None:
        """``strings`` are joined a block at a time: an iterator of them is never a list."""
        parts: list[str] = []
        self._ends = ends = array("q")
        strings = iter(strings)
        while block := list(islice(strings, _BLOCK)):
            start = ends[-1] if ends else 0
            ends.extend(start + end for end in accumulate(map(len, block)))
            parts.append("".join(block))
        self._text = "".join(parts)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        return self._text[self._ends[i - 1] if i else 0 : self._ends[i]]


class StatsTable(Sequence[MessageStats]):
    """Per-person statistics (MessageStats rows, by person_key) kept as columns.

    A tuple of 13 Python objects per person costs ~600 bytes, in the process that reads the
    file and again in the one that stores it; these columns cost ~200 (the key and name text,
    20 bytes per ISO time, 8 per count). Rows are made one at a time, as they are read.
    """

    __slots__ = ("_counts", "_keys", "_last_from", "_names", "_times")

    def __init__(self, keys: list[str] | Texts, names: list[str] | Texts,
                 counts: tuple[array[int], array[int], array[int]], times: dict[str, bytes], last_from: bytes) -> None:
        """``counts``: (messages_sent, messages_received, unanswered); ``times``: per TIME_FIELDS,
        ISO_WIDTH bytes per person, spaces for none; ``last_from``: b'o' (owner) or b't' each."""
        self._keys = keys if isinstance(keys, Texts) else Texts(keys)
        self._names = names if isinstance(names, Texts) else Texts(names)
        self._counts = counts
        self._times = tuple(times[f] for f in TIME_FIELDS)
        self._last_from = last_from

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, i: int) -> MessageStats: ...
    @overload
    def __getitem__(self, i: slice) -> list[MessageStats]: ...
    def __getitem__(self, i: int | slice) -> MessageStats | list[MessageStats]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._row(i)

    def _row(self, i: int) -> MessageStats:
        at, end = i * ISO_WIDTH, (i + 1) * ISO_WIDTH
        first_sent, last_sent, first_received, last_received, offered = [
            None if (t := times[at:end]) == _NO_TIME else t.decode("ascii") for times in self._times]
        sent, received, unanswered = self._counts
        # _earliest and _latest, written out: ~0.7 microseconds less a call, twice a row
        return tuple.__new__(MessageStats, (  # MessageStats(...) parses its arguments: slower
            self._keys[i], self._names[i], sent[i], received[i],
            first_sent if first_received is None or (first_sent is not None and first_sent <= first_received)
            else first_received,
            last_sent if last_received is None or (last_sent is not None and last_sent >= last_received)
            else last_received,
            first_sent, last_sent, first_received, last_received, _LAST_FROM.get(self._last_from[i]),
            unanswered[i], offered))

    def __iter__(self) -> Iterator[MessageStats]:
        return map(self._row, range(len(self)))

    def people(self) -> Iterator[tuple[str, str]]:
        """(person_key, name) of each row, without making the rest."""
        keys, names = self._keys, self._names
        return ((keys[i], names[i]) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"StatsTable({list(self)!r})"


@dataclass
class MessagesRead:
    """A messages.csv, read: per-person 1:1 statistics plus what was left out and why."""

    name: str
    stats: Sequence[MessageStats]  # by person_key: a StatsTable, or a list
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
    #: False when the owner is a guess: nobody is in two of the file's conversations (one
    #: conversation, say), so either side may be them; the import confirms it with the contacts
    owner_certain: bool = True
