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

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from imports.linkedin_csv import CsvFrame
from imports.linkedin_values import (
    NAME_KEY_PREFIX,
    iso_timestamps,
    map_distinct,
    normalise_name,
    normalise_profile_url,
    strip,
    timestamps,
)

#: Columns of MessagesRead.stats.
STATS_COLUMNS = [
    "person_key", "name", "messages_sent", "messages_received", "first_message_at",
    "last_message_at",
]


@dataclass
class MessagesRead:
    """A messages.csv, read: per-person 1:1 statistics plus what was left out and why."""

    name: str
    stats: pd.DataFrame  # STATS_COLUMNS; timestamps as ISO strings (UTC)
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


def _name_key(name: str) -> str | None:
    name = normalise_name(name)
    # "LinkedIn Member" stands for anyone who has left or hidden themselves: not one person.
    if not name or name == "linkedin member":
        return None
    return NAME_KEY_PREFIX + name


def _is_yes(value: str) -> bool:
    return value.strip().lower() in ("yes", "true", "1", "y")


def _is_draft_folder(value: str) -> bool:
    return "draft" in value.lower()


def read_messages(csv: CsvFrame) -> MessagesRead:
    """Per-person 1:1 message statistics from a messages.csv parsed by ``read_linkedin_csv``."""
    draft = (
        map_distinct(csv.column("is message draft"), _is_yes)
        | map_distinct(csv.column("is conversation draft"), _is_yes)
        | map_distinct(csv.column("folder"), _is_draft_folder)
    ).astype(bool)
    blank = (csv.column("from") == "") & (csv.column("date") == "")
    kept = csv.frame.index[~draft & ~blank]

    def column(name: str) -> pd.Series:
        return csv.column(name)[kept]

    if "conversation id" in csv.frame.columns:
        counts, stats, owner_name = _one_to_one_2024(column)
        generation = "2024+ (conversation ids and profile URLs)"
    else:
        counts, stats, owner_name = _one_to_one_2018(column)
        generation = "2018 (From/To/Direction, names only)"
    skipped = {"blank row": int(blank.sum()), "more cells than the header": csv.ragged_rows}
    return MessagesRead(
        csv.name, stats, generation, csv.encoding,
        len(csv.frame) + csv.ragged_rows, owner_name, drafts=int((draft & ~blank).sum()),
        skipped={k: v for k, v in skipped.items() if v}, notes=list(csv.notes), **counts,
    )


class _People:
    """Person keys numbered 0, 1, 2...: the 1:1 arithmetic below runs on numpy integers.

    Keys are computed once per distinct cell text, never per message.
    """

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

    def ids(self, urls: np.ndarray, names: np.ndarray) -> np.ndarray:
        """Person id per row: by profile URL, else by name; -1 for nobody."""
        out = _each_distinct(urls, self.by_url)
        missing = out < 0
        if missing.any():
            out[missing] = _each_distinct(names[missing], self.by_name)
        return out


def _each_distinct(values: np.ndarray, func) -> np.ndarray:
    codes, distinct = pd.factorize(values)
    return np.array([func(v) for v in distinct], dtype=np.int64)[codes] if len(codes) else codes


def _one_to_one_2024(column) -> tuple[dict[str, int], pd.DataFrame, str]:
    conv_codes, _ = pd.factorize(column("conversation id").to_numpy(dtype=object))
    sender_name = column("from").to_numpy(dtype=object)
    to_names = column("to").to_numpy(dtype=object)
    people = _People()
    sender = people.ids(column("sender profile url").to_numpy(dtype=object), sender_name)

    # Everyone in a conversation: its senders and its recipients (every URL in the
    # ';'-separated list, or the TO name when there is none). Conversations repeat the same
    # lists, so only the distinct (conversation, list) pairs are looked at.
    list_codes, lists = pd.factorize(column("recipient profile urls").to_numpy(dtype=object))
    members = [[people.by_url(u) for u in text.split(";") if u.strip()] for text in lists]
    pair, first_row = np.unique(conv_codes * (len(lists) + 1) + list_codes, return_index=True)
    pair_conv, pair_list = conv_codes[first_row], list_codes[first_row]
    sizes = np.array([len(m) for m in members], dtype=np.int64)[pair_list]
    flat = np.fromiter((p for m in members for p in m), dtype=np.int64)
    starts = (np.cumsum([len(m) for m in members]) - [len(m) for m in members])[pair_list]
    within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    recipients = flat[np.repeat(starts, sizes) + within] if len(flat) else flat
    unlisted = sizes[np.searchsorted(pair, conv_codes * (len(lists) + 1) + list_codes)] == 0
    by_name = _each_distinct(to_names[unlisted], people.by_name)

    conv_all = np.concatenate([conv_codes, np.repeat(pair_conv, sizes), conv_codes[unlisted]])
    who_all = np.concatenate([sender, recipients, by_name])
    known = who_all >= 0
    n_people = max(len(people.keys), 1)
    flat_pairs = np.unique(conv_all[known] * n_people + who_all[known])
    p_conv, p_who = flat_pairs // n_people, flat_pairs % n_people

    owner, owner_name = _owner(p_who, sender, sender_name, n_people)
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
    messages = pd.DataFrame(
        {
            "person": other,
            "sent": sent,
            "received": sender[counted] == other,
            "when": timestamps(column("date")[counted]).to_numpy(),
            # The other person's name as written: theirs on messages they sent, TO on ours.
            "name": np.where(sent, to_names[counted], sender_name[counted]),
        }
    )
    counts = {
        "conversations": n_conv,
        "one_to_one": int((others == 1).sum()),
        "group": int((others > 1).sum()),
        "group_messages": int((others[conv_codes] > 1).sum()),
    }
    return counts, _aggregate(messages, people.keys), owner_name


def _owner(who: np.ndarray, sender: np.ndarray, sender_name: np.ndarray, n_people: int) -> tuple[int, str]:
    """The export's owner: in the most conversations; ties go to the most frequent sender."""
    if not len(who):
        return -1, ""
    threads = np.bincount(who, minlength=n_people)
    top = np.flatnonzero(threads == threads.max())
    if len(top) > 1:
        sent = np.bincount(sender[sender >= 0], minlength=n_people)[top]
        top = top[sent == sent.max()]
    owner = int(top[0])
    names = pd.Series(sender_name[sender == owner], dtype=object)
    return owner, (str(names.mode().iloc[0]).strip() if len(names) else "")


def _is_group_recipient(to: str) -> bool:
    """2018 exports list several recipients in To, comma-separated; names can hold commas too
    ("Kreuzer, PhD"). Several people means at least two parts of two words or more."""
    parts = [p.split() for p in to.split(",")]
    return sum(1 for p in parts if len(p) >= 2) >= 2


def _one_to_one_2018(column) -> tuple[dict[str, int], pd.DataFrame, str]:
    sender, to = strip(column("from")), strip(column("to"))
    outgoing = map_distinct(column("direction"), lambda v: v.strip().upper() == "OUTGOING").astype(bool)
    group = map_distinct(to, _is_group_recipient).astype(bool)
    if outgoing.any():
        owner_name = str(sender[outgoing].mode().iloc[0])
    else:  # no Direction column: the owner is the name on most messages, either side
        both = pd.concat([sender, to[~group]])
        both = both[both != ""]
        owner_name = str(both.mode().iloc[0]) if len(both) else ""
        outgoing = map_distinct(sender, normalise_name) == normalise_name(owner_name)
    other_name = to.where(outgoing, sender)
    other = map_distinct(other_name, _name_key)
    counted = ~group & other.notna() & (other != _name_key(owner_name))
    messages = pd.DataFrame(
        {
            "person": other[counted],
            "sent": outgoing[counted],
            "received": ~outgoing[counted],
            "when": timestamps(column("date")[counted]),
            "name": other_name[counted],
        }
    )
    counts = {
        "conversations": int(other[~group].nunique()) + int(to[group].nunique()),
        "one_to_one": int(other[counted].nunique()),
        "group": int(to[group].nunique()),
        "group_messages": int(group.sum()),
    }
    return counts, _aggregate(messages), owner_name


def _aggregate(messages: pd.DataFrame, keys: list[str] | None = None) -> pd.DataFrame:
    """One row per person: messages sent and received, first and last message (ISO, UTC).

    ``messages`` has person, sent, received, when and name; ``person`` indexes ``keys`` when
    given, else it is the key itself.
    """
    if messages.empty:
        return pd.DataFrame(columns=STATS_COLUMNS)
    messages = messages.assign(name=messages["name"].where(messages["name"] != ""))
    stats = messages.groupby("person", sort=False).agg(
        messages_sent=("sent", "sum"),
        messages_received=("received", "sum"),
        first=("when", "min"),
        last=("when", "max"),
        name=("name", "last"),  # the latest non-empty spelling
    )
    stats["person_key"] = stats.index if keys is None else np.asarray(keys, dtype=object)[stats.index]
    stats["name"] = [n.strip() if isinstance(n, str) else "" for n in stats["name"]]
    stats["first_message_at"] = iso_timestamps(stats.pop("first"))
    stats["last_message_at"] = iso_timestamps(stats.pop("last"))
    for column in ("messages_sent", "messages_received"):
        stats[column] = stats[column].astype(int)
    return stats[STATS_COLUMNS].sort_values("person_key").reset_index(drop=True)
