from __future__ import annotations

import json
from datetime import timedelta

import pytest
from plan_data import TODAY, days_ago, filled

from outreach.graph.build import build_graph, reach_index
from outreach.plan.network import Contact, JobChange, Target, load_network
from outreach.plan.schedule import schedule
from outreach.plan.scoring import (
    DEFAULT_WEIGHTS,
    ScoringError,
    classify_role,
    find_candidates,
    load_weights,
    parse_weights,
    save_weights,
    score_candidate,
)
from outreach.profile import Profile
from outreach.store import transaction

PROFILE = Profile(home_city="Austin, TX", roles=("data engineer",))


def contact(position: str, company: str = "Acme", **kw) -> Contact:
    defaults = dict(id=1, owner_id=1, person_key="k", first_name="Jo", last_name="Doe",
                    profile_url=None, email=None, company=company, position=position)
    return Contact(**{**defaults, **kw})


def components(candidate) -> dict[str, float]:
    return {c.name: c.value for c in candidate.components}


@pytest.mark.parametrize("position,kind", [
    ("Senior Technical Recruiter", "recruiter"),
    ("Talent Partner, Engineering", "recruiter"),
    ("Data Engineering Manager", "hiring_manager"),
    ("Head of Data", "hiring_manager"),
    ("Senior Data Engineer", "peer"),
    ("Data Analyst", "peer"),
    ("VP Sales", "senior"),
    ("Account Executive", "other"),
    ("", "other"),
])
def test_classify_role(position, kind):
    assert classify_role(position, ("data engineer",)).kind == kind


def test_recruiter_at_high_priority_target_outranks_peer_at_low_one():
    high, low = Target(1, "Acme", 1.0), Target(2, "Globex", 0.2)
    recruiter = score_candidate(contact("Recruiter"), high, "exact", PROFILE, DEFAULT_WEIGHTS, TODAY)
    peer = score_candidate(contact("Data Engineer", "Globex"), low, "exact", PROFILE, DEFAULT_WEIGHTS, TODAY)
    assert recruiter.score > peer.score
    assert components(recruiter)["role_relevance"] > components(peer)["role_relevance"]


def test_every_component_is_named_and_shown():
    c = score_candidate(contact("Recruiter"), Target(1, "Acme", 1.0), "exact", PROFILE, DEFAULT_WEIGHTS, TODAY)
    assert [p.name for p in c.components] == list(DEFAULT_WEIGHTS)
    assert all(0 <= p.value <= 1 and p.detail for p in c.components)
    assert 0 <= c.score <= 100


def test_job_change_adds_a_component():
    target = Target(1, "Acme", 0.5)
    plain = score_candidate(contact("Engineer"), target, "exact", PROFILE, DEFAULT_WEIGHTS, TODAY)
    moved = contact("Engineer", job_change=JobChange("Initech", "", "Acme", "", days_ago(30)))
    changed = score_candidate(moved, target, "exact", PROFILE, DEFAULT_WEIGHTS, TODAY)
    assert components(plain)["job_change"] == 0 and components(changed)["job_change"] == 1
    assert changed.score > plain.score and changed.job_change_recent
    stale = contact("Engineer", job_change=JobChange("Initech", "", "Acme", "", days_ago(900)))
    assert components(score_candidate(stale, target, "exact", PROFILE, DEFAULT_WEIGHTS, TODAY))["job_change"] == 0


def test_location_fit_follows_the_profile():
    here, there = Target(1, "A", 0.5, location="Austin, Texas"), Target(2, "B", 0.5, location="Berlin")
    fit = lambda t, p: components(score_candidate(contact("x"), t, "exact", p, DEFAULT_WEIGHTS, TODAY))["location_fit"]  # noqa: E731
    assert fit(here, PROFILE) == 1 and fit(there, PROFILE) == 0
    assert fit(there, Profile(home_city="Austin", willing_to_relocate=True)) == 1
    assert fit(there, Profile()) == 0.5


def test_weights_change_the_order():
    t_high, t_low = Target(1, "A", 1.0), Target(2, "B", 0.0)
    warm = contact("x", messages_sent=30, messages_received=30, last_message_at=days_ago(2))
    cold = contact("x")
    a = lambda w: score_candidate(cold, t_high, "exact", PROFILE, w, TODAY).score  # noqa: E731
    b = lambda w: score_candidate(warm, t_low, "exact", PROFILE, w, TODAY).score  # noqa: E731
    assert a(DEFAULT_WEIGHTS) > b(DEFAULT_WEIGHTS)
    ties_matter = {**DEFAULT_WEIGHTS, **parse_weights("target_priority=0.5, tie-strength=10")}
    assert a(ties_matter) < b(ties_matter)


@pytest.mark.parametrize("text", ["speed=3", "tie_strength", "tie_strength=-1", "tie_strength=abc"])
def test_bad_weights_say_what_to_write(text):
    with pytest.raises(ScoringError):
        parse_weights(text)


def test_weights_stored_in_the_workspace(tmp_path):
    conn = filled(tmp_path / "ws").conn
    with transaction(conn):
        save_weights(conn, {"job_change": 4.0})
    assert load_weights(conn)["job_change"] == 4.0
    assert load_weights(conn, {"job_change": 0.0})["job_change"] == 0.0
    assert json.loads(conn.execute("SELECT value FROM settings WHERE key='weights'").fetchone()[0]) == {"job_change": 4.0}


@pytest.fixture
def many(tmp_path):
    f = filled(tmp_path / "ws")
    f.target("Big", 1.0)
    f.target("Mid", 0.6)
    f.target("Small", 0.3)
    for i in range(8):
        f.contact(f"Big Person{i}", "Big", "Engineer")
    for i in range(3):
        f.contact(f"Mid Person{i}", "Mid", "Engineer")
    f.contact("Small Person", "Small", "Engineer")
    network = load_network(f.conn)
    return find_candidates(network, reach_index(build_graph(network, f.exact_matches(), today=TODAY)), PROFILE,
                           today=TODAY)


def test_one_candidate_per_person_best_first_with_a_why(many):
    assert len(many) == 12
    assert [c.score for c in many] == sorted((c.score for c in many), reverse=True)
    assert all(c.why.endswith(".") and c.target.name in c.why for c in many)


def test_spread_across_targets_in_the_first_weeks(many):
    slots = schedule(many, per_week=4, limit=12, start=TODAY)
    week1 = [s.candidate.target.name for s in slots if s.week == 1]
    assert len(week1) == 4 and week1.count("Big") == 2 and week1.count("Mid") == 2
    early_big = [s for s in slots if s.week <= 4 and s.candidate.target.name == "Big"]
    assert len(early_big) == 3
    assert "Small" in [s.candidate.target.name for s in slots if s.week == 2]


def test_weeks_respect_the_weekly_budget(many):
    slots = schedule(many, per_week=3, limit=10, start=TODAY)
    assert len(slots) == 10
    per_week: dict[int, int] = {}
    for s in slots:
        per_week[s.week] = per_week.get(s.week, 0) + 1
        assert s.send_on == TODAY + timedelta(weeks=s.week - 1)
        assert s.follow_up_on == s.send_on + timedelta(days=7)
    assert max(per_week.values()) <= 3
    assert [s.week for s in slots] == sorted(s.week for s in slots)


@pytest.mark.parametrize("position,kind,detail", [
    ("Product Manager", "peer", "works as a product manager"),
    ("Senior Product Manager", "peer", "works as a product manager"),
    ("Director of Product Management", "hiring_manager", "possibly hiring in your field"),
    ("Head of Product", "hiring_manager", "possibly hiring in your field"),
    ("Product Designer", "peer", "works in design"),
    ("Product Analyst", "other", "contact"),
    ("Warehouse Operations Manager", "other", "contact"),
    ("Technical Recruiter", "recruiter", "recruiter"),
    ("CEO & Founder", "senior", "senior person"),
])
def test_titles_are_read_as_roles_for_a_product_manager(position, kind, detail):
    """Issue 12: "manager" is no level in "Product Manager"; a peer shares the role, not a word."""
    from outreach.plan.scoring import classify_role

    role = classify_role(position, ("Product Manager",))
    assert (role.kind, role.detail) == (kind, detail)


def test_a_product_owner_is_not_as_senior_as_a_ceo():
    from outreach.plan.scoring import classify_role

    assert classify_role("Product Owner").seniority < classify_role("CEO").seniority
    assert classify_role("Owner, Acme Bakery").seniority == classify_role("CEO").seniority


def test_an_engineering_manager_may_hire_a_data_engineer_not_a_data_analyst():
    """A new user's trial: the hiring manager of the data-platform team the user applied to was
    'a contact' (0.10) for a data engineer."""
    from outreach.plan.scoring import classify_role

    assert classify_role("Engineering Manager, Data Platform", ("Senior Data Engineer",)).kind == "hiring_manager"
    assert classify_role("Engineering Manager", ("analytics engineer",)).kind == "hiring_manager"
    assert classify_role("Engineering Manager", ("data analyst",)).kind == "other"
    assert classify_role("Software Engineer", ("data engineer",)).kind == "other"  # no peer for all that
