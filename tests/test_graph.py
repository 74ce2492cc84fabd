from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from plan_data import TODAY, days_ago, filled

from outreach.graph.build import build_graph, contacts_reaching, warm_paths
from outreach.graph.export import GraphError, export_graph
from outreach.models import Match
from outreach.plan.network import load_network
from outreach.plan.reach import target_node, tie_strength


@pytest.fixture
def world(tmp_path):
    f = filled(tmp_path / "ws")
    f.target("Acme", 1.0)
    f.target("Globex", 0.4)
    f.target("Initech", 0.9)
    f.contact("Rita Recruiter", "Acme", "Technical Recruiter", sent=3, received=4, last=days_ago(10))
    f.contact("Pete Peer", "ACME", "Data Engineer")
    f.contact("Gus Globex", "Globex", "Director")
    ana = f.owner("Ana Lima")
    f.contact("Ana Lima", "Umbrella", "Consultant", sent=20, received=18, last=days_ago(5))
    f.contact("Ivy Init", "Initech", "Engineering Manager", owner=ana, sent=5, received=5, last=days_ago(30))
    f.contact("Pete Peer", "Acme", "Data Engineer", owner=ana)  # known to both: no warm path
    bob = f.owner("Bob Unknown")
    f.contact("Ike Init", "Initech", "Analyst", owner=bob)
    matches = f.exact_matches()
    network = load_network(f.conn)
    return f, network, build_graph(network, matches, today=TODAY)


def test_tie_strength_grows_with_messages_reciprocity_and_recency():
    none = tie_strength(0, 0, None, TODAY)
    one_way = tie_strength(10, 0, days_ago(10), TODAY)
    both = tie_strength(5, 5, days_ago(10), TODAY)
    old = tie_strength(5, 5, days_ago(900), TODAY)
    assert 0 < none.value < one_way.value < both.value
    assert old.value < both.value and old.recency < 0.1
    assert both.reciprocity == 1.0 and one_way.reciprocity == 0.0


def test_contacts_reaching_a_target_strongest_first(world):
    f, _network, graph = world
    reach = contacts_reaching(graph, target_node(f.target_ids["Acme"]))
    assert [graph.nodes[r.person]["label"] for r in reach] == ["Rita Recruiter", "Pete Peer"]
    assert all(r.tier == "exact" for r in reach)
    assert contacts_reaching(graph, target_node(f.target_ids["Initech"])) == []


def test_warm_paths_through_friends_ranked_by_both_links(world):
    f, _network, graph = world
    paths = warm_paths(graph, target_node(f.target_ids["Initech"]))
    assert [graph.nodes[p.reach.person]["label"] for p in paths] == ["Ivy Init", "Ike Init"]
    ana, bob = paths
    # Ana is one of your contacts (found by name) and you message her a lot: a stronger first link.
    assert graph.edges[graph.graph["self"], ana.friend]["identified"] is True
    assert graph.edges[graph.graph["self"], bob.friend]["identified"] is False
    assert ana.friend_strength > bob.friend_strength
    assert ana.strength > bob.strength
    # People you know yourself are reached directly, not through a friend.
    assert warm_paths(graph, target_node(f.target_ids["Acme"])) == []


def test_friend_identified_by_profile_url(tmp_path):
    f = filled(tmp_path / "ws")
    f.target("Acme", 1.0)
    f.contact("Ann Other", "Umbrella", sent=9, received=9, last=days_ago(3))
    friend = f.owner("https://www.linkedin.com/in/Ann-Other/")
    f.contact("Zed Z", "Acme", owner=friend)
    network = load_network(f.conn)
    assert network.friend_contacts == {friend: f.contact_ids[(1, "Ann Other")]}


def test_ambiguous_friend_name_is_not_guessed(tmp_path):
    f = filled(tmp_path / "ws")
    f.contact("Sam Lee", "A")
    f.contact("Sam Lee", "B", url="https://www.linkedin.com/in/sam-lee-2")
    f.owner("Sam Lee")
    assert load_network(f.conn).friend_contacts == {}


def test_review_suggestions_do_not_reach_until_accepted(tmp_path):
    f = filled(tmp_path / "ws")
    tid = f.target("Loopio", 1.0)
    cid = f.contact("Lou Loop", "Loop", "Engineer")
    network = load_network(f.conn)
    pending = [Match(cid, tid, "review", 91.0, "Loop", "Loopio", False)]
    assert contacts_reaching(build_graph(network, pending), target_node(tid)) == []
    accepted = [Match(cid, tid, "review", 91.0, "Loop", "Loopio", True)]
    assert len(contacts_reaching(build_graph(network, accepted), target_node(tid))) == 1



@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_export_for_gephi(world, tmp_path, suffix):
    _f, _network, graph = world
    out = tmp_path / f"net{suffix}"
    export_graph(graph, out)
    root = ET.parse(out).getroot()
    assert "Rita Recruiter" in ET.tostring(root, encoding="unicode")


def test_export_png(world, tmp_path):
    _f, _network, graph = world
    out = tmp_path / "net.png"
    export_graph(graph, out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_unknown_extension(world, tmp_path):
    with pytest.raises(GraphError, match="graphml, .gexf or .png"):
        export_graph(world[2], tmp_path / "net.svg")


def test_reach_index_agrees_with_the_single_target_queries(world):
    from outreach.graph.build import reach_index

    _f, _network, graph = world
    index = reach_index(graph)
    for node, (direct, warm) in index.items():
        assert direct == contacts_reaching(graph, node)
        assert warm == warm_paths(graph, node)


def test_reach_from_matches_agrees_with_the_graph(world, tmp_path):
    from outreach.graph.build import reach_index
    from outreach.plan.reach import reach_from_matches

    f, network, graph = world
    assert reach_from_matches(network, f.exact_matches(), today=TODAY) == reach_index(graph)
