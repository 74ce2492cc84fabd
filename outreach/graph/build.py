"""The user's network as a NetworkX graph: who reaches which target, directly or through a friend.

Nodes (``kind``): ``you`` and ``friend`` (owners of imported exports), ``contact`` (one node per
person, shared when several owners know them), ``company`` (as written, case-folded) and
``target``. Edges (``kind``): ``knows`` owner–contact with the tie strength, ``friend``
you–friend, ``works_at`` contact–company with any job change, ``matches`` company–target with
the match tier. Every attribute is a str, int, float or bool so GraphML and GEXF can hold it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from outreach.models import TIER_RANK, Match
from outreach.plan.network import Network
from outreach.plan.reach import (
    Reach,
    WarmPath,
    company_node,
    friend_strengths,
    owner_node,
    parse_node,
    person_node,
    target_node,
    tie_strength,
)

if TYPE_CHECKING:
    import networkx as nx




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
            moved = change is not None and change.kind == "job"  # a promotion is no new employer
            works.append((person, company_node(c.company), {
                "kind": "works_at", "position": c.position, "job_change": moved,
                "job_change_on": change.seen_on if change and moved else "",
                "previous_company": change.old_company if change and moved else "",
                "promoted_on": change.seen_on if change and not moved else "",
            }))
    graph.add_nodes_from(people.items())
    graph.add_edges_from(knows)
    companies = {company: {"kind": "company", "label": parse_node(company)[1]} for _, company, _ in works}
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


def _adj(graph: nx.Graph) -> dict[str, dict[str, dict[str, Any]]]:
    # The plain adjacency dicts: NetworkX's read-only views cost ~10x in these inner loops.
    return graph._adj  # type: ignore[no-any-return]


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

