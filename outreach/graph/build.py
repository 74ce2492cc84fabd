"""The user's network as a NetworkX graph: who reaches which target, directly or through a friend.

Nodes (``kind``): ``you`` and ``friend`` (owners of imported exports), ``contact`` (one node per
person, shared when several owners know them), ``company`` (as written, case-folded) and
``target``. Edges (``kind``): ``knows`` owner–contact with the tie strength, ``friend``
you–friend, ``works_at`` contact–company with any job change, ``matches`` company–target with
the match tier. Every attribute is a str, int, float or bool so GraphML and GEXF can hold it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from outreach.errors import OutreachError
from outreach.models import Match
from outreach.plan.network import Contact, Network

if TYPE_CHECKING:
    import networkx as nx

#: Assumed strength of the link to a friend who shared their export but who cannot be found
#: among the user's own contacts: sharing an export is itself a sign of a working relationship.
FRIEND_DEFAULT_STRENGTH = 0.5
TIER_RANK = {"exact": 0, "alias": 1, "strong": 2, "review": 3}
EXPORT_FORMATS = (".graphml", ".gexf", ".png")


class GraphError(OutreachError):
    pass


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


def owner_node(owner_id: int) -> str:
    return f"owner:{owner_id}"


def person_node(person_key: str) -> str:
    return f"person:{person_key}"


def company_node(company: str) -> str:
    return f"company:{company.casefold().strip()}"


def target_node(target_id: int) -> str:
    return f"target:{target_id}"


def build_graph(network: Network, matches: Iterable[Match], *, today: date | None = None) -> nx.Graph:
    """The graph of ``network``; companies link to targets through ``matches``."""
    import networkx as nx

    today = today or date.today()
    graph = nx.Graph()
    self_id = network.self_id
    for owner in network.owners.values():
        label = "You" if owner.is_self and owner.name == "me" else owner.name
        graph.add_node(owner_node(owner.id), kind="you" if owner.is_self else "friend", label=label)
    for target in network.targets.values():
        graph.add_node(target_node(target.id), kind="target", label=target.name, priority=target.priority)

    people: dict[str, dict[str, Any]] = {}
    knows, works = [], []
    for c in network.contacts.values():
        person = person_node(c.person_key)
        if person not in people or c.owner_id == self_id:
            people[person] = {"kind": "contact", "label": c.name or c.person_key, "url": c.profile_url or ""}
        tie = tie_strength(c.messages_sent, c.messages_received, c.last_message_at, today)
        knows.append((owner_node(c.owner_id), person, {
            "kind": "knows", "strength": tie.value, "messages": c.messages_sent + c.messages_received,
            "reciprocity": tie.reciprocity, "recency": tie.recency,
            "last_contact": (c.last_message_at or "")[:10], "contact_id": c.id,
        }))
        if c.company:
            change = c.job_change
            works.append((person, company_node(c.company), {
                "kind": "works_at", "position": c.position, "job_change": change is not None,
                "job_change_on": change.seen_on if change else "",
                "previous_company": change.old_company if change else "",
            }))
    graph.add_nodes_from(people.items())
    graph.add_edges_from(knows)
    companies = {company: {"kind": "company", "label": company[8:]} for _, company, _ in works}
    graph.add_nodes_from(companies.items())
    graph.add_edges_from(works)

    best: dict[tuple[str, str], Match] = {}
    for m in matches:
        contact = network.contacts.get(m.contact_id)
        if contact is None or m.target_id not in network.targets or not contact.company:
            continue
        pair = (company_node(contact.company), target_node(m.target_id))
        old = best.get(pair)
        if old is None or (m.accepted, -TIER_RANK.get(m.tier, 9)) > (old.accepted, -TIER_RANK.get(old.tier, 9)):
            best[pair] = m
    graph.add_edges_from(
        (company, target, {"kind": "matches", "tier": m.tier, "score": float(m.score),
                           "accepted": bool(m.accepted), "company_as_written": m.company})
        for (company, target), m in best.items()
    )
    for (company, _target), m in best.items():
        graph.nodes[company]["label"] = m.company

    for friend_id, (strength, contact_id) in friend_strengths(network, today).items():
        graph.add_edge(owner_node(self_id), owner_node(friend_id), kind="friend", strength=strength,
                       identified=contact_id >= 0, contact_id=contact_id)
    graph.graph["self"] = owner_node(self_id)
    # A string, not a list, so that GraphML and GEXF can store it.
    graph.graph["friends"] = " ".join(owner_node(o.id) for o in network.owners.values() if not o.is_self)
    return graph


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


def _adj(graph: nx.Graph) -> dict[str, dict[str, dict[str, Any]]]:
    # The plain adjacency dicts: NetworkX's read-only views cost ~10x in these inner loops.
    return graph._adj  # type: ignore[no-any-return]


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


def _reaches(graph: nx.Graph, target: str, accepted_only: bool) -> Iterable[tuple[str, str, str]]:
    """(person, company, tier) for every person at a company matched to ``target``."""
    adj = _adj(graph)
    for company, edge in adj[target].items():
        if edge.get("kind") != "matches" or (accepted_only and not edge["accepted"]):
            continue
        for person, link in adj[company].items():
            if link.get("kind") == "works_at":
                yield person, company, edge["tier"]


def contacts_reaching(graph: nx.Graph, target: str, *, owner: str | None = None,
                      accepted_only: bool = True) -> list[Reach]:
    """Contacts of ``owner`` (default: you) at ``target``, strongest tie first."""
    owner = owner or graph.graph["self"]
    adj = _adj(graph)
    found: dict[str, Reach] = {}
    for person, _company, tier in _reaches(graph, target, accepted_only):
        edge = adj[person].get(owner)
        if edge is None or edge.get("kind") != "knows":
            continue
        old = found.get(person)
        if old is None or TIER_RANK.get(tier, 9) < TIER_RANK.get(old.tier, 9):
            found[person] = Reach(person, edge["contact_id"], owner, edge["strength"], tier, target)
    return sorted(found.values(), key=lambda r: (-r.strength, TIER_RANK.get(r.tier, 9), r.person))


def warm_paths(graph: nx.Graph, target: str, *, accepted_only: bool = True) -> list[WarmPath]:
    """Paths you → friend → friend's contact at ``target``, strongest first.

    People you know yourself are left out: writing to them directly beats an introduction.
    """
    me = graph.graph["self"]
    adj = _adj(graph)
    paths = []
    for friend in graph.graph.get("friends", "").split():
        link = adj[me][friend]
        for reach in contacts_reaching(graph, target, owner=friend, accepted_only=accepted_only):
            if me in adj[reach.person]:
                continue
            paths.append(WarmPath(friend, link["strength"], reach))
    return sorted(paths, key=lambda p: (-p.strength, p.reach.person))


def reach_index(graph: nx.Graph) -> dict[str, tuple[list[Reach], list[WarmPath]]]:
    """For every target node: what ``contacts_reaching`` and ``warm_paths`` return, in one pass
    over the people at each target (the plan needs both for thousands of targets)."""
    adj = _adj(graph)
    me = graph.graph["self"]
    friends = {f: adj[me][f]["strength"] for f in graph.graph.get("friends", "").split()}
    rank = TIER_RANK.get
    out = {}
    for node, kind in graph.nodes(data="kind"):
        if kind != "target":
            continue
        direct: dict[str, Reach] = {}
        warm: dict[tuple[str, str], Reach] = {}
        for person, _company, tier in _reaches(graph, node, True):
            links = adj[person]
            edge = links.get(me)
            if edge is not None:
                old = direct.get(person)
                if old is None or rank(tier, 9) < rank(old.tier, 9):
                    direct[person] = Reach(person, edge["contact_id"], me, edge["strength"], tier, node)
                continue
            for friend in friends:
                edge = links.get(friend)
                if edge is None:
                    continue
                old = warm.get((friend, person))
                if old is None or rank(tier, 9) < rank(old.tier, 9):
                    warm[(friend, person)] = Reach(person, edge["contact_id"], friend, edge["strength"],
                                                   tier, node)
        paths = [WarmPath(friend, friends[friend], reach) for (friend, _), reach in warm.items()]
        out[node] = (
            sorted(direct.values(), key=lambda r: (-r.strength, rank(r.tier, 9), r.person)),
            sorted(paths, key=lambda p: (-p.strength, p.reach.person)),
        )
    return out


def targets_reached(graph: nx.Graph, person: str, *, accepted_only: bool = True) -> set[str]:
    out = set()
    for company, link in graph[person].items():
        if link.get("kind") != "works_at":
            continue
        for target, edge in graph[company].items():
            if edge.get("kind") == "matches" and (edge["accepted"] or not accepted_only):
                out.add(target)
    return out


def top_connectors(graph: nx.Graph, n: int = 10) -> list[tuple[str, int]]:
    """The people who reach the most targets (any owner's contacts), most first."""
    counts = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "contact":
            reached = len(targets_reached(graph, node))
            if reached:
                counts.append((node, reached))
    counts.sort(key=lambda item: (-item[1], item[0]))
    return counts[:n]


def export_graph(graph: nx.Graph, path: Path) -> None:
    """Write GraphML or GEXF (for Gephi) or a PNG picture, chosen by the file's extension."""
    import networkx as nx

    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise GraphError(f"cannot write {path.name}: use a .graphml, .gexf or .png file name")
    if suffix == ".png":
        from outreach.graph.picture import draw_network

        draw_network(graph, path)
    elif suffix == ".graphml":
        nx.write_graphml(graph, path)
    else:
        nx.write_gexf(graph, path)


__all__ = [
    "GraphError",
    "Reach",
    "Tie",
    "WarmPath",
    "build_graph",
    "contacts_reaching",
    "export_graph",
    "reach_from_matches",
    "reach_index",
    "targets_reached",
    "tie_strength",
    "top_connectors",
    "warm_paths",
]
