"""How strongly the user reaches each target: tie strength, dates, node ids, reach and warm paths.

The one home of these rules: the plan's scoring reads them from here, and so does
``outreach.graph``, whose NetworkX graph uses the same node ids and tie strengths (a test holds
``reach_from_matches`` equal to the graph's ``reach_index``). Pure Python: no NetworkX here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from outreach.models import TIER_RANK, Match
from outreach.plan.network import Contact, Network, Ties

#: Assumed strength of the link to a friend who shared their export but who cannot be found
#: among the user's own contacts: sharing an export is itself a sign of a working relationship.
FRIEND_DEFAULT_STRENGTH = 0.5
NODE_KINDS = ("owner", "person", "company", "target")


@dataclass(frozen=True)
class Tie:
    """Tie strength in [0, 1] and the three parts it is made of, each in [0, 1]."""

    value: float
    messages: float
    reciprocity: float
    recency: float


def parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


@lru_cache(maxsize=65536)  # most contacts share (0, 0, None): never messaged
def tie_strength(sent: int, received: int, last_message_at: str | None, today: date) -> Tie:
    """Messages (volume, saturating at ~40), reciprocity (both wrote) and recency (half-life
    six months). A bare connection with no messages still counts for a little."""
    total = sent + received
    messages = min(1.0, math.log1p(total) / math.log1p(40))
    reciprocity = min(sent, received) / max(sent, received) if sent and received else 0.0
    last = parse_day(last_message_at)
    recency = 0.5 ** (max(0, (today - last).days) / 182.5) if last else 0.0
    value = 0.1 + 0.9 * (0.45 * messages + 0.25 * reciprocity + 0.30 * recency)
    return Tie(round(value, 4), round(messages, 4), round(reciprocity, 4), round(recency, 4))


#: What the export proves of a tie, as a floor under the messages' strength: a recommendation
#: either way is a strong tie (as strong as a friend's back-and-forth), a shared employer a
#: good one; each endorsement adds a little (a click, not a letter), up to ``ENDORSED_MOST``.
RECOMMENDED_TIE = 0.75
COLLEAGUE_TIE = 0.6
ENDORSED_EACH = 0.03
ENDORSED_MOST = 0.12


def proven_tie(message_tie: float, ties: Ties | None) -> float:
    """The tie strength with what the user's export proves (``Ties``) taken into account."""
    if ties is None:
        return message_tie
    floor = RECOMMENDED_TIE if ties.recommendation else COLLEAGUE_TIE if ties.colleague else 0.0
    endorsed = min(ENDORSED_MOST, ENDORSED_EACH * (ties.endorsed_user + ties.endorsed_by_user))
    return round(min(1.0, max(message_tie, floor) + endorsed), 4)


def tie_words(ties: Ties | None) -> list[str]:
    """The proven tie in words: "recommended you", "you recommended them", "endorsed you 3
    times", "you endorsed them twice", "you worked together at Initech 2019–2021"."""
    if ties is None:
        return []
    words = []
    if ties.recommended_user:
        words.append("recommended you")
    if ties.recommended_by_user:
        words.append("you recommended them")
    counts = {1: "once", 2: "twice"}
    if ties.endorsed_user:
        words.append(f"endorsed you {counts.get(ties.endorsed_user, f'{ties.endorsed_user} times')}")
    if ties.endorsed_by_user:
        words.append(f"you endorsed them {counts.get(ties.endorsed_by_user, f'{ties.endorsed_by_user} times')}")
    if ties.colleague:
        company, years, current = ties.colleague
        words.append(f"you work together at {company}" if current else
                     f"you worked together at {company}" + (f" {years}" if years else ""))
    return words


# Node ids: "<kind>:<value>". Built here and taken apart here (``parse_node``), nowhere else.
def owner_node(owner_id: int) -> str:
    return f"owner:{owner_id}"


def person_node(person_key: str) -> str:
    return f"person:{person_key}"


def company_node(company: str) -> str:
    return f"company:{company.casefold().strip()}"


def target_node(target_id: int) -> str:
    return f"target:{target_id}"


def parse_node(node: str) -> tuple[str, str]:
    """'owner:3' -> ('owner', '3'): a node id's kind and value (the value may hold colons)."""
    kind, sep, value = node.partition(":")
    if not sep or kind not in NODE_KINDS:
        raise ValueError(f"not a node id: {node!r}")
    return kind, value


def owner_of_node(node: str) -> int:
    """'owner:3' -> 3."""
    kind, value = parse_node(node)
    if kind != "owner":
        raise ValueError(f"not an owner node: {node!r}")
    return int(value)


@dataclass(frozen=True)
class Reach:
    """A contact of ``owner`` who works at a company matched to ``target``."""

    person: str
    contact_id: int
    owner: str
    strength: float
    tier: str
    target: str


@dataclass(frozen=True)
class WarmPath:
    """You → friend → the friend's contact at a target."""

    friend: str
    friend_strength: float  # you → friend
    reach: Reach  # friend → contact at the target

    @property
    def strength(self) -> float:
        # Geometric mean: a path is only as good as both links together.
        return math.sqrt(self.friend_strength * self.reach.strength)


def friend_strengths(network: Network, today: date) -> dict[int, tuple[float, int]]:
    """Friend owner id -> (strength of your link to them, your contact row for them or -1)."""
    out = {}
    for owner in network.owners.values():
        if owner.is_self:
            continue
        contact_id = network.friend_contacts.get(owner.id, -1)
        contact = network.contacts.get(contact_id)
        strength = FRIEND_DEFAULT_STRENGTH
        if contact is not None:
            tie = tie_strength(contact.messages_sent, contact.messages_received, contact.last_message_at, today)
            strength = max(tie.value, FRIEND_DEFAULT_STRENGTH)
        out[owner.id] = (strength, contact_id)
    return out


def reach_from_matches(
    network: Network, matches: Iterable[Match], *, today: date | None = None,
) -> dict[str, tuple[list[Reach], list[WarmPath]]]:
    """What ``reach_index(build_graph(network, matches))`` returns, straight from the matches.

    The plan uses this: it skips building (and importing) the NetworkX graph, which would cost
    about half a second of the plan's three on 30,000 connections. A test holds the two equal.
    """
    today = today or date.today()
    self_id = network.self_id
    me = owner_node(self_id)
    mine = {c.person_key: c for c in network.contacts.values() if c.owner_id == self_id}
    friends = {owner_node(i): s for i, (s, _) in friend_strengths(network, today).items()}
    rank = TIER_RANK.get
    direct: dict[str, dict[str, Reach]] = {}
    warm: dict[str, dict[tuple[str, str], Reach]] = {}

    def tie(c: Contact) -> float:
        return tie_strength(c.messages_sent, c.messages_received, c.last_message_at, today).value

    for m in matches:
        c = network.contacts.get(m.contact_id)
        if not m.accepted or c is None or m.target_id not in network.targets or not c.company:
            continue
        node, person = target_node(m.target_id), person_node(c.person_key)
        own = mine.get(c.person_key)
        if own is not None:
            old = direct.setdefault(node, {}).get(person)
            if old is None or rank(m.tier, 9) < rank(old.tier, 9):
                direct[node][person] = Reach(person, own.id, me, tie(own), m.tier, node)
        elif owner_node(c.owner_id) in friends:
            pair = (owner_node(c.owner_id), person)
            old = warm.setdefault(node, {}).get(pair)
            if old is None or rank(m.tier, 9) < rank(old.tier, 9):
                warm[node][pair] = Reach(person, c.id, pair[0], tie(c), m.tier, node)
    out = {}
    for target in network.targets.values():
        node = target_node(target.id)
        paths = [WarmPath(f, friends[f], r) for (f, _), r in warm.get(node, {}).items()]
        out[node] = (
            sorted(direct.get(node, {}).values(), key=lambda r: (-r.strength, rank(r.tier, 9), r.person)),
            sorted(paths, key=lambda p: (-p.strength, p.reach.person)),
        )
    return out
