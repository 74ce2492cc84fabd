"""messages.csv -> per person, the one-to-one message history with the export's owner.

Three generations (DESIGN.md §3); columns are mapped by name, never by position:

- 2018 ``Messages.csv``: From, To, Date, Subject, Content, Direction, Folder. Names only and no
  conversation ids: the other person of a message is To when Direction is OUTGOING and From
  otherwise, people are keyed by name ("name:jane doe"), and a To naming several people is a
  group message. The store joins these to contacts on a unique full-name match.
- 2020 to mid-2023: CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO, DATE,
  SUBJECT, CONTENT, FOLDER (some add a column). No recipient URLs: the other person of a
  thread is a URL when they write and only a name (TO) when the owner writes. So a TO name is
  the sender of that name in the same conversation; anywhere else it stays a name, which the
  store joins to the one contact of that name if there is one (a sender of the same name in
  another thread may be a namesake: two people are never merged on a guess).
- 2024 on: adds RECIPIENT PROFILE URLS, joined by ',' in real files and by ';' in some (split
  on both), and in some exports ATTACHMENTS, IS MESSAGE DRAFT, IS CONVERSATION DRAFT.

In every generation: drafts (a draft flag, or a DRAFT folder) were never sent; rows without a
sender are LinkedIn's own ("Message request accepted"), not messages; "LinkedIn Member" is a
hidden or sponsored sender, nobody in particular. The owner is the person in the most
conversations (they are in all of them), ties going to the most frequent sender: found by URL,
or by the name messages are sent to when they never write. A conversation with exactly one
other person is one-to-one; with more it is a group, which is not one-to-one contact.

The bodies (CONTENT) of the other person's 1:1 messages are searched for offers of help or a
referral ("happy to refer you", "send me your CV"): see ``imports/linkedin/offers.py``.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

import numpy as np

from outreach.identity import (
    NAME_KEY_PREFIX,
    name_key,
    normalise_name,
    normalise_profile_url,
    person_key,
)
from outreach.imports.linkedin.coded import CodedTable, factorize, in_order_of_appearance
from outreach.imports.linkedin.csvfile import CsvTable
from outreach.imports.linkedin.offers import OFFER_FILTER, offers_help
from outreach.imports.linkedin.stats import ISO_WIDTH, MessagesRead, MessageStats, StatsTable, Texts
from outreach.imports.linkedin.values import map_distinct, strip

# "LinkedIn Member" stands for anyone who has left or hidden themselves: not one person.
_HIDDEN_MEMBER = name_key("LinkedIn Member")

# Recipient profile URLs: ',' between them in real 2024+ exports, ';' in some. A profile URL
# holds neither (LinkedIn percent-encodes both).
_URL_LIST = re.compile(r"[;,]")

GENERATION_2018 = "2018 (From, To and Direction: names only)"
GENERATION_2020 = "2020-2023 (conversation ids and sender profile URLs, no recipient URLs)"
GENERATION_2024 = "2024+ (conversation ids, sender and recipient profile URLs)"


def _name_key(name: str) -> str | None:
    key = person_key(None, name)
    return None if key == _HIDDEN_MEMBER else key


def _is_yes(value: str) -> bool:
    return value.strip().lower() in ("yes", "true", "1", "y")


def _is_draft_folder(value: str) -> bool:
    return "draft" in value.lower()


def _is_empty(value: str) -> bool:
    return not value or value.isspace()


@dataclass
class _Counted:
    """The messages that count as 1:1 contact, one array element per message."""

    person: np.ndarray  # the other person: index into keys
    keys: list[str]
    sent: np.ndarray  # bool: by the owner; else by the other person
    when: np.ndarray  # datetime64[s], NaT where unreadable
    row: np.ndarray  # row in the file (orders messages of one second: newest first, as LinkedIn writes)
    name: np.ndarray  # the other person's name as written: a name code
    #: the names of name codes, in their order: made when asked for, for the few wanted
    names: Callable[[np.ndarray], list[str]]
    named: np.ndarray  # bool per name code: not blank


def _listed_names(names: list[str]) -> tuple[Callable[[np.ndarray], list[str]], np.ndarray]:
    """``_Counted.names`` and ``.named`` of a list of names."""
    return (lambda codes: [names[c] for c in codes.tolist()]), np.array([bool(v.strip()) for v in names], dtype=bool)


def _coded_names(coded: CodedTable) -> tuple[Callable[[np.ndarray], list[str]], np.ndarray]:
    """``_Counted.names`` and ``.named`` of FROM's values (codes 0, 1, ...) then TO's: made
    from the columns a block at a time, so that the names of a file naming many people are
    not all Python strings at once."""
    n_from = coded.distinct("from")

    def names(codes: np.ndarray) -> list[str]:
        found = [""] * len(codes)
        of_from = codes < n_from
        for where, column, first in ((np.flatnonzero(of_from), "from", 0), (np.flatnonzero(~of_from), "to", n_from)):
            for i, value in zip(where.tolist(), coded.values_at(column, codes[where] - first), strict=True):
                found[i] = value
        return found

    named = np.concatenate([~coded.tested("from", _is_empty), ~coded.tested("to", _is_empty)])
    return names, named


@dataclass
class _Read:
    """What one generation's reader found."""

    counted: _Counted
    owner_name: str
    owner_key: str
    conversations: int
    one_to_one: int
    group: int
    group_messages: int
    hidden: int = 0
    #: False when nobody is in two conversations: the owner is then a guess (see ``_owner``)
    owner_certain: bool = True


#: The columns that name people and conversations: each distinct value costs memory (a Python
#: string, a person id) however short the file's rows are.
_IDENTITY_COLUMNS = ("conversation id", "from", "sender profile url", "to", "recipient profile urls")
#: The most distinct values of those columns read from one messages.csv. A LinkedIn export at
#: the 30,000-connection cap has ~100,000 (20,000 conversations); past this, the newest
#: conversations are read up to it, so memory stays bounded for a file where every message
#: names somebody new.
MAX_DISTINCT_NAMES = 400_000
#: The same for a 2018 messages.csv (no conversation ids): a person there is one name, read
#: into Python objects row by row, and costs what three values of the later shapes do.
MAX_DISTINCT_NAMES_2018 = 100_000


def read_messages(table: CsvTable | CodedTable) -> MessagesRead:
    """Per-person 1:1 message statistics from a messages.csv, read by ``read_linkedin_csv`` or
    ``read_coded_messages``. A CodedTable's columns are dropped as it is read."""
    coded = table if isinstance(table, CodedTable) else CodedTable.from_csv(table)
    left_out = _newest_within_limit(coded)
    blank = coded.blank("date")
    for column in coded.coded if blank.any() else ():  # a blank row has nothing in any column
        blank &= coded.flags(column, _is_empty)
    draft = ~blank & (coded.flags("is message draft", _is_yes) | coded.flags("is conversation draft", _is_yes)
                      | coded.flags("folder", _is_draft_folder))
    system = ~blank & ~draft & coded.flags("from", _is_empty) & coded.flags("sender profile url", _is_empty)
    kept = np.flatnonzero(~blank & ~draft & ~system)
    if not coded.has("conversation id"):
        read, generation = _read_2018(coded, kept), GENERATION_2018
    else:
        read = _read_conversations(coded, kept)
        generation = GENERATION_2024 if coded.has("recipient profile urls") else GENERATION_2020
    times = coded.timestamps("date")[~blank]
    times = times[~np.isnat(times)]
    newest = _iso(times.max(keepdims=True).astype(np.int64), np.ones(1, dtype=bool))[0].decode() if len(times) else None
    theirs = np.flatnonzero(~read.counted.sent)
    offer = np.zeros(len(read.counted.sent), dtype=bool)
    offer[theirs] = _offers(coded, read.counted.row[theirs])
    skipped = {"blank row": int(blank.sum()) + coded.blank_rows, "more cells than the header": coded.ragged_rows,
               "in an older conversation past the limit": left_out[1]}
    notes = list(coded.notes)
    if left_out[0]:
        notes.append(f"{coded.name} holds more people and conversations than outreach reads (over "
                     f"{_names_limit(coded):,} names, conversation ids and profile addresses): the newest "
                     f"conversations were read, {left_out[0]:,} older ones ({left_out[1]:,} messages) left out")
    coded.release(keep=("from", "to"))  # what is left to do takes their memory (FROM and TO spell names)
    read_file = MessagesRead(
        coded.name, _aggregate(read.counted, offer), generation, coded.encoding,
        int((~blank).sum()) + coded.ragged_rows + left_out[1], read.owner_name, read.owner_key,
        conversations=read.conversations, one_to_one=read.one_to_one, group=read.group,
        hidden=read.hidden, group_messages=read.group_messages, drafts=int(draft.sum()),
        owner_certain=read.owner_certain,
        system=int(system.sum()), newest_at=newest,
        skipped={k: v for k, v in skipped.items() if v}, notes=notes,
    )
    coded.release()
    return read_file


def _names_limit(coded: CodedTable) -> int:
    return MAX_DISTINCT_NAMES if coded.has("conversation id") else MAX_DISTINCT_NAMES_2018


def _newest_within_limit(coded: CodedTable) -> tuple[int, int]:
    """Keep the newest conversations whose names, ids and addresses (_IDENTITY_COLUMNS) number
    MAX_DISTINCT_NAMES at most; returns (conversations, messages) left out. Worked out on the
    columns' codes: no Python string is made for what is left out. Without conversation ids
    (2018), a conversation is a From and To pair."""
    limit = _names_limit(coded)
    if sum(coded.distinct(c) for c in _IDENTITY_COLUMNS) <= limit:
        return 0, 0
    if coded.has("conversation id"):
        _, group = np.unique(coded.codes_only("conversation id"), return_inverse=True)
    else:
        pairs = coded.codes_only("from").astype(np.int64) * coded.distinct("to") + coded.codes_only("to")
        _, group = np.unique(pairs, return_inverse=True)
    group = group.reshape(-1)
    n = int(group.max()) + 1
    newest = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(newest, group, coded.timestamps("date").astype(np.int64))  # NaT: the smallest
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(-newest, kind="stable")] = np.arange(n)  # 0: the newest conversation
    row_rank = rank[group]
    # How many distinct values each conversation, taken newest first, adds.
    adds = np.zeros(n, dtype=np.int64)
    for column in _IDENTITY_COLUMNS:
        if coded.has(column):
            first = np.full(coded.distinct(column), n, dtype=np.int64)
            np.minimum.at(first, coded.codes_only(column), row_rank)
            adds += np.bincount(first, minlength=n + 1)[:n]
    taken = int(np.searchsorted(np.cumsum(adds), limit, side="right"))
    rows = np.flatnonzero(row_rank < taken)
    coded.take(rows)
    return n - taken, len(row_rank) - len(rows)


def _comparable(name: str) -> str:
    """A name as compared with the parts of a TO list: 'Priya Sharma,PMP' = 'priya sharma, pmp'."""
    return normalise_name(name.replace(",", " , "))


#: The most comma-separated parts one name is looked up as ("Lee, Dr. Jo, PhD" has three).
_MOST_PARTS = 4


def recipient_names(to: str, known: Container[str]) -> list[str]:
    """The people a TO cell names: one, or several joined by commas.

    Names hold commas too ("Priya Sharma, PMP", "Anna Kreuzer, PhD"). So a run of parts that
    spells a known name (``known``: senders' names, by ``_comparable``) is that name, and a part
    of one word (a credential) belongs to the name before it.
    """
    text = to.strip()
    if "," not in text or _comparable(text) in known:
        return [text] if text else []
    parts = [p.strip() for p in text.split(",")]
    compared = [_comparable(p) for p in parts]
    names: list[str] = []
    start = 0
    while start < len(parts):
        # The longest known run of two parts or more ("a" and "b" compare as "a , b").
        for end in range(min(len(parts), start + _MOST_PARTS), start + 1, -1):
            if " , ".join(compared[start:end]) in known:
                names.append(", ".join(parts[start:end]))
                start = end
                break
        else:
            part = parts[start]
            if names and len(part.split()) < 2:
                names[-1] += ", " + part
            elif part:
                names.append(part)
            start += 1
    return names


class _People:
    """Person keys numbered 0, 1, 2...; computed once per distinct cell text, never per message."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self._ids: dict[str, int] = {}
        self._urls: dict[str, int] = {}
        self._names: dict[str, int] = {}

    def _id(self, key: str | None) -> int:
        if key is None:
            return -1
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self.keys)
            self.keys.append(key)
        return found

    def by_url(self, url: str) -> int:
        found = self._urls.get(url)
        if found is None:
            found = self._urls[url] = self._id(normalise_profile_url(url))
        return found

    def by_sender_url(self, url: str) -> int:
        """``by_url``, for a value seen once (each distinct sender URL): not kept to be looked up,
        here or in normalise_profile_url's cache (which would keep ~130,000 of them)."""
        return self._id(normalise_profile_url.__wrapped__(url))

    def by_name(self, name: str) -> int:
        found = self._names.get(name)
        if found is None:
            found = self._names[name] = self._id(_name_key(name))
        return found

    def find_name(self, name: str) -> int:
        return self._ids.get(_name_key(name) or "", -1)

    def forget_lookups(self) -> None:
        """Every id is given: drop what finds them (``keys`` stay)."""
        self._ids, self._urls, self._names = {}, {}, {}


def _each_distinct_in(coded: CodedTable, name: str, codes: np.ndarray, func: Callable[[str], int]) -> np.ndarray:
    """``func`` of each row's value in a column of ``coded`` (``codes``: the rows' codes), called
    once per distinct value, in order of appearance; the values are made a block at a time."""
    order = in_order_of_appearance(codes)
    lookup = np.full(coded.distinct(name), -1, dtype=np.int64)
    lookup[order] = np.fromiter(map(func, coded.values_at(name, order)), dtype=np.int64, count=len(order))
    return lookup[codes]


class _Known:
    """Senders' names as compared (``_comparable``): how TO lists are split into names. Made
    when a TO list first needs it (one with a comma), not for every file."""

    def __init__(self, names: Callable[[], Iterable[str]]) -> None:
        self._names: Callable[[], Iterable[str]] | None = names
        self._known: set[str] = set()

    def __contains__(self, name: object) -> bool:
        if self._names is not None:
            self._known = {_comparable(n) for n in self._names()}
            self._names = None
        return name in self._known


def _first_of_each(*columns: np.ndarray) -> np.ndarray:
    """Where each distinct tuple of equal-length columns of non-negative ints first appears,
    in order of appearance."""
    if not len(columns[0]):
        return np.zeros(0, dtype=np.int64)
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        key = key * (int(column.max()) + 1) + column
    _, first = np.unique(key, return_index=True)
    first.sort()
    return first


def _distinct(*columns: np.ndarray) -> Iterator[tuple[int, ...]]:
    """The distinct tuples of equal-length columns of non-negative ints, in order of appearance,
    made a block at a time (there may be one a message)."""
    first = _first_of_each(*columns)
    for start in range(0, len(first), _DISTINCT_BLOCK):
        block = first[start : start + _DISTINCT_BLOCK]
        yield from zip(*(column[block].tolist() for column in columns), strict=True)


_DISTINCT_BLOCK = 1 << 14


class _SenderNames:
    """Who a TO name is, in a file without recipient URLs: the sender of that name in the same
    conversation, else a name (see the module's docstring). Kept as ints, not a set per name
    and conversation: a file can name a great many people."""

    def __init__(self, conv: np.ndarray, from_codes: np.ndarray, from_names: list[str], sender: np.ndarray):
        #: every sender's name as compared, numbered: how TO lists are split into names
        self.known: dict[str, int] = {}
        canonical = np.array([self.known.setdefault(_comparable(n), len(self.known)) for n in from_names],
                             dtype=np.int64)
        self._count = max(len(self.known), 1)
        #: (conversation, name) -> the one sender of that name there, or -1 for several
        self.here: dict[int, int] = {}
        named = sender >= 0
        for c, f, s in _distinct(conv[named], canonical[from_codes[named]], sender[named]):
            key = c * self._count + f
            self.here[key] = s if self.here.get(key, s) == s else -1
        self._names: dict[str, list[tuple[str, str]]] = {}  # TO -> its names, and as compared

    def resolve(self, conv: int, to: str, people: _People) -> list[tuple[int, int]]:
        """(person, where their name stands in ``recipient_names(to)``) for each person named in
        ``to`` (hidden members left out)."""
        names = self._names.get(to)
        if names is None:
            names = self._names[to] = [(n, _comparable(n)) for n in recipient_names(to, self.known)]
        found = []
        for i, (name, comparable) in enumerate(names):
            index = self.known.get(comparable)
            sender = -1 if index is None else self.here.get(conv * self._count + index, -1)
            found.append((sender if sender >= 0 else people.by_name(name), i))
        return [(p, i) for p, i in found if p >= 0]


def _read_conversations(coded: CodedTable, kept: np.ndarray) -> _Read:
    """The 2020-2023 and 2024+ shapes: messages grouped by CONVERSATION ID."""
    _, conv = np.unique(coded.codes_only("conversation id")[kept], return_inverse=True)
    coded.drop_values("conversation id")  # the ids themselves are never needed
    conv = conv.reshape(-1)  # numpy 2.0 and 2.1 disagree on the shape
    n_conv = int(conv.max()) + 1 if len(conv) else 0
    from_codes, to_codes = coded.codes_only("from")[kept], coded.codes_only("to")[kept]
    people = _People()
    # Person ids in a fixed order (senders by URL, then by name; then recipients), which
    # decides ties when finding the owner.
    sender = _each_distinct_in(coded, "sender profile url", coded.codes_only("sender profile url")[kept],
                               people.by_sender_url)
    coded.drop_values("sender profile url")
    missing = sender < 0
    sender[missing] = _each_distinct_in(coded, "from", from_codes[missing], people.by_name)

    found = _members(coded, kept, conv, from_codes, to_codes, sender, people)
    member_conv, member, listed, list_codes, has_list, addressed = (
        found.conv, found.person, found.listed, found.list_codes, found.has_list, found.addressed)
    del found
    n_people = max(len(people.keys), 1)

    # Before 2024 the owner is a URL in the threads they write in and a name in the others.
    alike = (np.arange(n_people) if has_list.all()
             else _alike_by_name(people, sender, from_codes, coded.codes("from")[1]))
    owner_ids = _owner(member_conv, member, sender, alike)
    certain = _certain(member_conv, alike[member]) if owner_ids else True
    del alike
    owner_name = _mode_of_codes(coded, "from", from_codes[np.isin(sender, owner_ids)])
    if owner_ids and not owner_name:  # they never write: the name messages are sent to
        # Recipient URLs stand in the order of the names in TO.
        known = _Known(lambda: coded.values_at("from", np.arange(coded.distinct("from"))))
        mine_to = addressed[np.isin(addressed[:, 2], owner_ids)]
        spellings = {code: recipient_names(to, known) for code, to in zip(
            np.unique(mine_to[:, 0]).tolist(), coded.values_at("to", np.unique(mine_to[:, 0])), strict=True)}
        written = [spellings[code][i] for code, i in mine_to[:, :2].tolist()]
        pairs_to = list(_distinct(list_codes[has_list], to_codes[has_list]))
        tos = np.unique(np.array([to for _, to in pairs_to], dtype=np.int64))
        to_of = dict(zip(tos.tolist(), coded.values_at("to", tos), strict=True))
        for code, to in pairs_to:
            spelt = recipient_names(to_of[to], known)
            if len(spelt) == len(listed[code]):
                written += [name for name, p in zip(spelt, listed[code], strict=True) if p in owner_ids]
        owner_name = _mode(written)
    owner_name = owner_name.strip()
    # Their key: the URL they write under most, else any of theirs (a URL before a name).
    owner = max(owner_ids, key=lambda p: (int((sender == p).sum()), not people.keys[p].startswith(NAME_KEY_PREFIX), -p),
                default=-1)
    # The owner under a second key: a name of theirs no URL could be found for.
    owner_ids = sorted({*owner_ids, people.find_name(owner_name)} - {-1})
    people.forget_lookups()

    rest = ~np.isin(member, owner_ids)
    others = np.bincount(member_conv[rest], minlength=n_conv)
    other_of = np.full(n_conv, -1, dtype=np.int64)  # the one other person, in one-to-one threads
    other_of[member_conv[rest]] = member[rest]  # (where there are several, others says so)
    other_of[others != 1] = -1
    del member_conv, member, rest
    other = other_of[conv]
    is_owner = np.isin(sender, owner_ids)
    sent = is_owner & (other >= 0)
    counted = sent | ((sender == other) & (other >= 0))
    # The other person's name as written: theirs on messages they sent, TO on the owner's.
    name = np.where(sent, to_codes.astype(np.int64) + coded.distinct("from"), from_codes)[counted]
    messages = _Counted(
        other[counted], people.keys, sent[counted], coded.timestamps("date")[kept[counted]],
        kept[counted], name, *_coded_names(coded),
    )
    return _Read(
        messages, owner_name, people.keys[owner] if owner >= 0 else "",
        conversations=n_conv, one_to_one=int((others == 1).sum()), group=int((others > 1).sum()),
        group_messages=int((others[conv] > 1).sum()), hidden=int((others == 0).sum()), owner_certain=certain,
    )


@dataclass
class _Members:
    """Who is in each conversation (see ``_members``)."""

    conv: np.ndarray  # the distinct (conversation, person) pairs
    person: np.ndarray
    listed: list[tuple[int, ...]]  # per recipient list code: its people
    list_codes: np.ndarray  # per message: its recipient list
    has_list: np.ndarray  # per message: whether it has one
    #: whom each TO names, where there are no recipient URLs: (TO code, where the name stands in
    #: ``recipient_names`` of it, person), one row each
    addressed: np.ndarray


def _members(coded: CodedTable, kept: np.ndarray, conv: np.ndarray, from_codes: np.ndarray, to_codes: np.ndarray,
             sender: np.ndarray, people: _People) -> _Members:
    """Everyone in a conversation, as (conversation, person) pairs: its senders, and whom each
    message went to: the recipient URLs, or the TO names where there are none. Conversations
    repeat the same lists, so only the distinct (conversation, list) pairs are looked at. The
    arrays it takes to work them out are gone when it returns."""
    named = sender >= 0
    pair_conv, pair_who = [conv[named]], [sender[named]]
    list_codes = coded.codes_only("recipient profile urls")[kept]
    listed: list[tuple[int, ...]] = [()] * coded.distinct("recipient profile urls")
    order = in_order_of_appearance(list_codes)
    for code, text in zip(order.tolist(), coded.values_at("recipient profile urls", order), strict=True):
        urls = _URL_LIST.split(text) if "," in text or ";" in text else [text]
        listed[code] = tuple([p for p in [people.by_url(u) for u in urls if u.strip()] if p >= 0])
    lengths = np.array([len(m) for m in listed], dtype=np.int64)
    has_list = lengths[list_codes] > 0
    first = _first_of_each(conv[has_list], list_codes[has_list])
    with_list, list_of = conv[has_list][first], list_codes[has_list][first]
    sizes = lengths[list_of]
    flat = np.fromiter(chain.from_iterable(listed), dtype=np.int64, count=int(lengths.sum()))
    starts = (np.cumsum(lengths) - lengths)[list_of]
    within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    pair_conv.append(np.repeat(with_list, sizes))
    pair_who.append(flat[np.repeat(starts, sizes) + within])
    addressed = array("q")  # conversation, TO code, where the name stands, person; four a row
    if not has_list.all():
        from_names, to_names = coded.codes("from")[1], coded.codes("to")[1]
        names = _SenderNames(conv, from_codes, from_names, sender)
        for c, code in _distinct(conv[~has_list], to_codes[~has_list]):
            for p, i in names.resolve(c, to_names[code], people):
                addressed.extend((c, code, i, p))
        del names
    table = np.frombuffer(addressed, dtype=np.int64).reshape(-1, 4) if addressed else np.zeros((0, 4), np.int64)
    pair_conv.append(table[:, 0])
    pair_who.append(table[:, 3])
    n_people = max(len(people.keys), 1)
    pairs = np.unique(np.concatenate(pair_conv) * n_people + np.concatenate(pair_who))
    member_conv, member = np.divmod(pairs, n_people)
    return _Members(member_conv, member, listed, list_codes, has_list, table[:, 1:].copy())


def _owner(member_conv: np.ndarray, member: np.ndarray, sender: np.ndarray, alike: np.ndarray) -> list[int]:
    """The export's owner, as every person id that is theirs: in the most conversations
    (``member_conv``, ``member``: the distinct (conversation, person) pairs), counting people
    ``alike`` as one; ties go to the most frequent sender, then to the first person seen. Where
    nobody is in two conversations, that is a guess (``_certain``)."""
    if not len(member):
        return []
    pairs = np.unique(member_conv * (int(alike.max()) + 1) + alike[member])
    threads = np.bincount(pairs % (int(alike.max()) + 1), minlength=int(alike.max()) + 1)
    top = np.flatnonzero(threads == threads.max())
    if len(top) > 1:
        sent = np.bincount(alike[sender[sender >= 0]], minlength=len(threads))[top]
        top = top[sent == sent.max()]
    return np.flatnonzero(alike == top[0]).tolist()


def _certain(member_conv: np.ndarray, member: np.ndarray) -> bool:
    """Whether somebody is in two conversations: the owner is in every one, so in a file where
    nobody is (one conversation, say), either side may be the owner, and the one who wrote more
    may well be a recruiter."""
    pairs = np.unique(member_conv * (int(member.max()) + 1) + member) if len(member) else member
    return bool(len(pairs)) and int(np.bincount(pairs % (int(member.max()) + 1)).max()) >= 2


def _alike_by_name(people: _People, sender: np.ndarray, from_codes: np.ndarray, from_names: list[str]) -> np.ndarray:
    """Per person id, a number shared by the ids of one name: the name they write under, or
    the name they are known by; someone known only by a URL is alone."""
    names = list(people.keys)  # a URL, or a name key
    named = sender >= 0
    for f, s in _distinct(from_codes[named], sender[named]):
        if not people.keys[s].startswith(NAME_KEY_PREFIX):  # known by a URL: the name they write under
            names[s] = name_key(from_names[f])
    codes, _ = factorize(names)
    return codes


def _mode_of_codes(coded: CodedTable, column: str, codes: np.ndarray) -> str:
    """``_mode`` of the column's values at ``codes``, counted without a string per message."""
    if not len(codes):
        return ""
    counts = np.bincount(codes, minlength=coded.distinct(column))
    used = np.flatnonzero(counts)
    return _most_common(Counter(dict(zip(coded.values_at(column, used), counts[used].tolist(), strict=True))))


def _mode(values: list[str]) -> str:
    """The most common value; the first in sort order among equals; '' for none."""
    return _most_common(Counter(values))


def _most_common(counts: Counter[str]) -> str:
    """The most counted non-blank value; the first in sort order among equals; '' for none."""
    counts = Counter({v: n for v, n in counts.items() if v.strip()})
    if not counts:
        return ""
    most = max(counts.values())
    return min(v for v, n in counts.items() if n == most)


def _read_2018(coded: CodedTable, kept: np.ndarray) -> _Read:
    """The 2018 shape: no conversations, names only; Direction says whose a message is."""
    rows = kept.tolist()

    def column(name: str) -> list[str]:
        cells = coded.text(name)
        return [cells[i] for i in rows]

    sender, to = strip(column("from")), strip(column("to"))
    known = _Known(lambda: set(sender))
    group = map_distinct(to, lambda t: len(recipient_names(t, known)) > 1)
    direction = map_distinct(column("direction"), lambda v: v.strip().upper())
    if {"OUTGOING", "INCOMING"} & set(direction):
        outgoing = [d == "OUTGOING" for d in direction]
        owner_name = (_mode([s for s, out in zip(sender, outgoing, strict=True) if out])
                      or _mode([t for t, out, g in zip(to, outgoing, group, strict=True) if not (out or g)]))
    else:  # no Direction column: the owner is the name on most messages, either side
        owner_name = _mode(sender + [t for t, g in zip(to, group, strict=True) if not g])
        owner_norm = normalise_name(owner_name)
        outgoing = [n == owner_norm for n in map_distinct(sender, normalise_name)]
    other_name = [t if out else s for s, t, out in zip(sender, to, outgoing, strict=True)]
    other = map_distinct(other_name, _name_key)
    owner_key = _name_key(owner_name)
    counted = np.flatnonzero(np.fromiter(
        (not g and key is not None and key != owner_key for key, g in zip(other, group, strict=True)),
        dtype=bool, count=len(other)))
    person, keys = factorize([other[i] for i in counted.tolist()])  # type: ignore[misc]
    name, names = factorize([other_name[i] for i in counted.tolist()])
    sent = np.fromiter((outgoing[i] for i in counted.tolist()), dtype=bool, count=len(counted))
    when = coded.timestamps("date")[kept][counted]
    messages = _Counted(person, keys, sent, when, kept[counted], name, *_listed_names(names))
    # A group conversation is its people: each member's messages go To the others.
    group_to = {frozenset([_comparable(s), *map(_comparable, recipient_names(t, known))])
                for s, t in {(s, t) for s, t, g in zip(sender, to, group, strict=True) if g}}
    return _Read(
        messages, owner_name, owner_key or "",
        conversations=len(keys) + len(group_to), one_to_one=len(keys), group=len(group_to),
        group_messages=sum(group),
    )


def _aggregate(counted: _Counted, offer: np.ndarray) -> StatsTable | list[MessageStats]:
    """One row per person, by person key: messages each way, first and last message each way
    (ISO, UTC), who wrote last and how many messages in a row they wrote unanswered, the latest
    non-empty spelling of the person's name, and when they last offered help (``offer``: per
    message). ``counted``'s keys are used up: the table takes their memory."""
    if not len(counted.person):
        return []
    found = _per_person(counted, offer)
    by_key = np.argsort(np.array([counted.keys[p] for p in found.people.tolist()], dtype=object))
    keys = Texts(counted.keys[p] for p in found.people[by_key].tolist())
    counted.keys.clear()
    names = Texts(_spellings(counted, found.spelt[by_key]))
    sent, received, unanswered = (array("q", c[by_key].astype(np.int64).tobytes())
                                  for c in (found.sent, found.received, found.unanswered))
    last_from = np.where(found.last_by_owner[by_key], ord("o"), ord("t")).astype(np.uint8).tobytes()
    times = {field: _iso(seconds[by_key], present[by_key]).tobytes()
             for field, (seconds, present) in found.times.items()}
    return StatsTable(keys, names, (sent, received, unanswered), times, last_from)


def _spellings(counted: _Counted, codes: np.ndarray) -> Iterator[str]:
    """The names of name ``codes`` ('' for -1), made a block at a time."""
    for start in range(0, len(codes), _NAMES_BLOCK):
        block = codes[start : start + _NAMES_BLOCK]
        found = iter(counted.names(block[block >= 0]))
        yield from (next(found).strip() if code >= 0 else "" for code in block.tolist())


_NAMES_BLOCK = 1 << 14


@dataclass
class _PerPerson:
    """``_aggregate``'s figures, one array element per person, in the order of their ids."""

    people: np.ndarray  # their ids
    sent: np.ndarray
    received: np.ndarray
    unanswered: np.ndarray
    last_by_owner: np.ndarray  # bool: the owner wrote the last message
    spelt: np.ndarray  # their name as last written: a name code (see _Counted), -1 for none
    times: dict[str, tuple[np.ndarray, np.ndarray]]  # per TIME_FIELDS: (seconds, whether there is one)


def _per_person(counted: _Counted, offer: np.ndarray) -> _PerPerson:
    """The per-person figures (see ``_aggregate``); the per-message arrays they are worked out
    from are gone when this returns."""
    # Each person's messages in the order they were written: by time (no readable time first),
    # then, within one second, in the file's order reversed (LinkedIn writes newest first).
    when = counted.when.astype(np.int64)  # NaT is the smallest int64
    order = np.lexsort((-counted.row, when, counted.person))
    person, sent, when = counted.person[order], counted.sent[order], when[order]
    timed = ~np.isnat(counted.when[order])
    ends = np.flatnonzero(np.append(person[1:] != person[:-1], True))  # each person's last message
    starts = np.append(0, ends[:-1] + 1)
    segment = np.repeat(np.arange(len(ends)), ends - starts + 1)
    n_sent = np.bincount(segment, weights=sent).astype(np.int64)
    # The last writer's run: the messages since the other side last wrote.
    answered = np.flatnonzero(sent != sent[ends][segment])
    last_answer = starts - 1
    np.maximum.at(last_answer, segment[answered], answered)
    # First and last message each way, and the last offer of help.
    sent_first, sent_last, has_sent = _ends(segment, timed & sent, len(ends))
    received_first, received_last, has_received = _ends(segment, timed & ~sent, len(ends))
    _, offer_last, has_offer = _ends(segment, timed & offer[order], len(ends))
    times = {
        "first_sent_at": (when[sent_first], has_sent), "last_sent_at": (when[sent_last], has_sent),
        "first_received_at": (when[received_first], has_received),
        "last_received_at": (when[received_last], has_received),
        "offered_help_at": (when[offer_last], has_offer),
    }
    # Their name as last written (names can change, and messages can carry none).
    name = counted.name[order]
    named = counted.named[name]
    spelt = np.full(len(ends), -1, dtype=np.int64)
    np.maximum.at(spelt, segment[named], np.flatnonzero(named))
    spelt = np.where(spelt >= 0, name[np.maximum(spelt, 0)], -1)  # the message -> its name
    return _PerPerson(person[ends], n_sent, (ends - starts + 1) - n_sent, ends - last_answer, sent[ends], spelt,
                      times)


def _ends(segment: np.ndarray, mask: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per segment (a person's messages, in the order written): where its first and its last
    ``mask``-ed message stand, and whether it has one (where not, the positions are 0)."""
    first = np.zeros(n, dtype=np.int64)
    last = np.zeros(n, dtype=np.int64)
    present = np.zeros(n, dtype=bool)
    rows = np.flatnonzero(mask)
    if len(rows):
        of = segment[rows]  # sorted, like segment
        starts = np.flatnonzero(np.append(True, of[1:] != of[:-1]))
        present[of[starts]] = True
        first[of[starts]] = rows[starts]
        last[of[starts]] = rows[np.append(starts[1:], len(rows)) - 1]
    return first, last, present


def _iso(seconds: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Seconds since 1970 as ISO text, UTC ('2024-12-16T18:24:37Z'), ISO_WIDTH bytes each;
    spaces where not present. Converted a block at a time: numpy's text is 4 bytes a character."""
    text = np.full(len(seconds), b" " * ISO_WIDTH, dtype=f"S{ISO_WIDTH}")
    for start in range(0, len(seconds), _ISO_BLOCK):
        block = slice(start, start + _ISO_BLOCK)
        stamps = np.where(present[block], seconds[block], 0).astype("datetime64[s]")
        iso = np.datetime_as_string(stamps, unit="s", timezone="UTC").astype(f"S{ISO_WIDTH}")
        text[block] = np.where(present[block], iso, text[block])
    return text


_ISO_BLOCK = 1 << 16


def _offers(coded: CodedTable, rows: np.ndarray) -> np.ndarray:
    """Which of ``rows`` (the other person's messages) offer help: RE2 finds the few candidates
    over the raw bodies, then ``offers_help`` reads each distinct one."""
    found = np.zeros(len(rows), dtype=bool)
    where, cells = coded.search("content", rows, OFFER_FILTER)
    if len(where):
        found[where] = map_distinct(cells, offers_help)
    return found
