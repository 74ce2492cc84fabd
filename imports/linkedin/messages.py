"""messages.csv -> tie strength per person: messages sent and received in 1:1 threads.

Two shapes (DESIGN.md §3), columns mapped by name:
- 2024+: CONVERSATION ID, FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS (';'-separated),
  DATE, FOLDER, IS MESSAGE DRAFT, IS CONVERSATION DRAFT, and more. People are keyed by their
  normalised profile URL (by name when a URL is missing). The export's owner is the person in
  the most conversations: they are in all of them.
- 2018 ``Messages.csv``: From, To, Date, Subject, Content, Direction, Folder. No conversation
  ids and no URLs: the other person of a message is To when Direction is OUTGOING and From
  otherwise, people are keyed by name ("name:jane doe"), and the owner is the usual sender of
  OUTGOING messages. The store joins these to contacts on a unique full-name match.

A thread with more than one other person is a group thread; group threads and drafts do not
count as 1:1 contact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from outreach.identity import name_key, normalise_name, normalise_profile_url, person_key
from outreach.imports.linkedin.coded import CodedTable, factorize, in_order_of_appearance
from outreach.imports.linkedin.csvfile import CsvTable
from outreach.imports.linkedin.stats import MessagesRead, MessageStats
from outreach.imports.linkedin.values import map_distinct, strip

# "LinkedIn Member" stands for anyone who has left or hidden themselves: not one person.
_HIDDEN_MEMBER = name_key("LinkedIn Member")


def _name_key(name: str) -> str | None:
    key = person_key(None, name)
    return None if key == _HIDDEN_MEMBER else key


def _is_yes(value: str) -> bool:
    return value.strip().lower() in ("yes", "true", "1", "y")


def _is_draft_folder(value: str) -> bool:
    return "draft" in value.lower()


@dataclass
class _Counted:
    """The messages that count as 1:1 contact, one array element per message."""

    person: np.ndarray  # index into keys
    keys: list[str]
    sent: np.ndarray  # by the owner
    received: np.ndarray  # by the other person
    when: np.ndarray  # datetime64[s], NaT where unreadable
    name: np.ndarray  # the other person's name as written: index into names
    names: list[str]


def read_messages(table: CsvTable | CodedTable) -> MessagesRead:
    """Per-person 1:1 message statistics from a messages.csv, read by ``read_linkedin_csv`` or
    ``read_coded_messages``."""
    coded = table if isinstance(table, CodedTable) else CodedTable.from_csv(table)
    draft = (coded.flags("is message draft", _is_yes) | coded.flags("is conversation draft", _is_yes)
             | coded.flags("folder", _is_draft_folder))
    blank = coded.flags("from", lambda v: not v.strip()) & coded.blank("date")
    kept = np.flatnonzero(~draft & ~blank)
    if coded.has("conversation id"):
        counts, counted, owner_name = _one_to_one_2024(coded, kept)
        generation = "2024+ (conversation ids and profile URLs)"
    else:
        counts, counted, owner_name = _one_to_one_2018(coded, kept)
        generation = "2018 (From/To/Direction, names only)"
    skipped = {"blank row": int(blank.sum()), "more cells than the header": coded.ragged_rows}
    return MessagesRead(
        coded.name, _aggregate(counted), generation, coded.encoding,
        coded.rows + coded.ragged_rows, owner_name, drafts=int((draft & ~blank).sum()),
        skipped={k: v for k, v in skipped.items() if v}, notes=list(coded.notes), **counts,
    )


class _People:
    """Person keys numbered 0, 1, 2...; computed once per distinct cell text, never per message."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self._ids: dict[str, int] = {}
        self._urls: dict[str, int] = {}

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

    def by_name(self, name: str) -> int:
        return self._id(_name_key(name))

    def find_name(self, name: str) -> int:
        return self._ids.get(_name_key(name) or "", -1)


def _each_distinct(codes: np.ndarray, values: list[str], func: Callable[[str], int]) -> np.ndarray:
    """``func`` of each row's value, called once per distinct value in order of appearance."""
    lookup = np.full(len(values), -1, dtype=np.int64)
    for code in in_order_of_appearance(codes).tolist():
        lookup[code] = func(values[code])
    return lookup[codes]


def _one_to_one_2024(coded: CodedTable, kept: np.ndarray) -> tuple[dict[str, int], _Counted, str]:
    def column(name: str) -> tuple[np.ndarray, list[str]]:
        codes, values = coded.codes(name)
        return codes[kept], values

    _, conv_codes = np.unique(column("conversation id")[0], return_inverse=True)
    conv_codes = conv_codes.reshape(-1)  # numpy 2.0 and 2.1 disagree on the shape
    from_codes, from_names = column("from")
    to_codes, to_names = column("to")
    people = _People()
    # Person ids in a fixed order (senders by URL, then by name; then recipients), which
    # decides ties when finding the owner.
    sender = _each_distinct(*column("sender profile url"), people.by_url)
    missing = sender < 0
    sender[missing] = _each_distinct(from_codes[missing], from_names, people.by_name)

    # Everyone in a conversation: its senders and its recipients (every URL in the
    # ';'-separated list, or the TO name when there is none). Conversations repeat the same
    # lists, so only the distinct (conversation, list) pairs are looked at.
    list_codes, lists = column("recipient profile urls")
    members: list[list[int]] = [[] for _ in lists]
    for code in in_order_of_appearance(list_codes).tolist():
        members[code] = [people.by_url(u) for u in lists[code].split(";") if u.strip()]
    lengths = np.array([len(m) for m in members], dtype=np.int64)
    pair, first_row = np.unique(conv_codes * (len(lists) + 1) + list_codes, return_index=True)
    pair_conv, pair_list = conv_codes[first_row], list_codes[first_row]
    sizes = lengths[pair_list]
    flat = np.fromiter((p for m in members for p in m), dtype=np.int64, count=int(lengths.sum()))
    starts = (np.cumsum(lengths) - lengths)[pair_list]
    within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    recipients = flat[np.repeat(starts, sizes) + within] if len(flat) else flat
    unlisted = lengths[list_codes] == 0
    by_name = _each_distinct(to_codes[unlisted], to_names, people.by_name)

    conv_all = np.concatenate([conv_codes, np.repeat(pair_conv, sizes), conv_codes[unlisted]])
    who_all = np.concatenate([sender, recipients, by_name])
    known = who_all >= 0
    n_people = max(len(people.keys), 1)
    flat_pairs = np.unique(conv_all[known] * n_people + who_all[known])
    p_conv, p_who = flat_pairs // n_people, flat_pairs % n_people

    owner, owner_name = _owner(p_who, sender, from_codes, from_names, n_people)
    owner_ids = [owner, people.find_name(owner_name)]  # rows where the owner has no URL
    is_owner = np.isin(sender, owner_ids)
    other_pairs = ~np.isin(p_who, owner_ids)
    n_conv = int(conv_codes.max()) + 1 if len(conv_codes) else 0
    others = np.bincount(p_conv[other_pairs], minlength=n_conv)
    other_of_conv = np.full(n_conv, -1, dtype=np.int64)
    other_of_conv[p_conv[other_pairs]] = p_who[other_pairs]  # the one other, where others == 1

    counted = others[conv_codes] == 1
    other = other_of_conv[conv_codes][counted]
    sent = is_owner[counted]
    # The other person's name as written: theirs on messages they sent, TO on ours.
    name = np.where(sent, to_codes[counted] + len(from_names), from_codes[counted])
    messages = _Counted(
        other, people.keys, sent, sender[counted] == other,
        coded.timestamps("date")[kept[counted]], name, from_names + to_names,
    )
    counts = {
        "conversations": n_conv,
        "one_to_one": int((others == 1).sum()),
        "group": int((others > 1).sum()),
        "group_messages": int((others[conv_codes] > 1).sum()),
    }
    return counts, messages, owner_name


def _owner(who: np.ndarray, sender: np.ndarray, from_codes: np.ndarray, from_names: list[str],
           n_people: int) -> tuple[int, str]:
    """The export's owner: in the most conversations; ties go to the most frequent sender."""
    if not len(who):
        return -1, ""
    threads = np.bincount(who, minlength=n_people)
    top = np.flatnonzero(threads == threads.max())
    if len(top) > 1:
        sent = np.bincount(sender[sender >= 0], minlength=n_people)[top]
        top = top[sent == sent.max()]
    owner = int(top[0])
    return owner, _mode([from_names[c] for c in from_codes[sender == owner].tolist()]).strip()


def _mode(values: list[str]) -> str:
    """The most common value; the first in sort order among equals; '' for none."""
    counts = Counter(values)
    if not counts:
        return ""
    most = max(counts.values())
    return min(v for v, n in counts.items() if n == most)


def _is_group_recipient(to: str) -> bool:
    """2018 exports list several recipients in To, comma-separated; names can hold commas too
    ("Kreuzer, PhD"). Several people means at least two parts of two words or more."""
    parts = [p.split() for p in to.split(",")]
    return sum(1 for p in parts if len(p) >= 2) >= 2


def _one_to_one_2018(coded: CodedTable, kept: np.ndarray) -> tuple[dict[str, int], _Counted, str]:
    rows = kept.tolist()

    def column(name: str) -> list[str]:
        cells = coded.text(name)
        return [cells[i] for i in rows]

    sender, to = strip(column("from")), strip(column("to"))
    outgoing = map_distinct(column("direction"), lambda v: v.strip().upper() == "OUTGOING")
    group = map_distinct(to, _is_group_recipient)
    if any(outgoing):
        owner_name = _mode([s for s, out in zip(sender, outgoing, strict=True) if out])
    else:  # no Direction column: the owner is the name on most messages, either side
        both = [s for s in sender if s] + [t for t, g in zip(to, group, strict=True) if t and not g]
        owner_name = _mode(both)
        owner_norm = normalise_name(owner_name)
        outgoing = [n == owner_norm for n in map_distinct(sender, normalise_name)]
    other_name = [t if out else s for s, t, out in zip(sender, to, outgoing, strict=True)]
    other = map_distinct(other_name, _name_key)
    owner_key = _name_key(owner_name)
    counted = [i for i, (key, g) in enumerate(zip(other, group, strict=True))
               if not g and key is not None and key != owner_key]
    person, keys = factorize([other[i] for i in counted])  # type: ignore[misc]
    name, names = factorize([other_name[i] for i in counted])
    sent = np.array([outgoing[i] for i in counted], dtype=bool)
    when = coded.timestamps("date")[kept][counted]
    messages = _Counted(person, keys, sent, ~sent, when, name, names)
    group_to = {t for t, g in zip(to, group, strict=True) if g}
    counts = {
        "conversations": len({k for k, g in zip(other, group, strict=True) if not g and k is not None})
        + len(group_to),
        "one_to_one": len(keys),
        "group": len(group_to),
        "group_messages": sum(group),
    }
    return counts, messages, owner_name


def _aggregate(counted: _Counted) -> list[MessageStats]:
    """One row per person: messages sent and received, first and last message (ISO, UTC), and
    the latest non-empty spelling of their name."""
    person = counted.person
    if not len(person):
        return []
    n = len(counted.keys)
    sent = np.bincount(person, weights=counted.sent, minlength=n).astype(np.int64)
    received = np.bincount(person, weights=counted.received, minlength=n).astype(np.int64)
    when = counted.when.astype(np.int64)
    valid = ~np.isnat(counted.when)
    first = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.minimum.at(first, person[valid], when[valid])
    np.maximum.at(last, person[valid], when[valid])
    has_time = first != np.iinfo(np.int64).max
    named = np.array([bool(v) for v in counted.names], dtype=bool)[counted.name]
    latest = np.full(n, -1, dtype=np.int64)
    np.maximum.at(latest, person[named], np.flatnonzero(named))
    people = np.unique(person)
    first_text = _iso(first[people], has_time[people])
    last_text = _iso(last[people], has_time[people])
    make = tuple.__new__  # MessageStats(...) parses its arguments: slower, 10,000 times
    rows = [
        make(MessageStats, (
            counted.keys[p], counted.names[counted.name[at]].strip() if at >= 0 else "",
            s, r, f, t,
        ))
        for p, s, r, at, f, t in zip(
            people.tolist(), sent[people].tolist(), received[people].tolist(),
            latest[people].tolist(), first_text, last_text, strict=True,
        )
    ]
    rows.sort(key=lambda r: r.person_key)
    return rows


def _iso(seconds: np.ndarray, present: np.ndarray) -> list[str | None]:
    text = np.datetime_as_string(np.where(present, seconds, 0).astype("datetime64[s]"), unit="s")
    return [t + "Z" if ok else None for t, ok in zip(text.tolist(), present.tolist(), strict=True)]
