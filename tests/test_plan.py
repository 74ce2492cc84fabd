"""The plan as a library: rows, schedule, targets overview, review list and kept user input."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from plan_data import TODAY, days_ago, filled

from outreach.models import Match
from outreach.plan.build import (
    PlanError,
    PlanOptions,
    build_plan,
    check_ready,
    people_search_url,
    typed_review_decisions,
)
from outreach.profile import Profile
from outreach.store import transaction

PROFILE = Profile(name="Sam Seeker", home_city="Austin", roles=("data engineer",), messages_per_week=3)


@pytest.fixture
def world(tmp_path):
    f = filled(tmp_path / "ws")
    f.target("Acme", 1.0, text="High", location="Austin, TX")
    f.target("Globex", 0.2, text="Low")
    f.target("Initech", 0.8, text="High")
    f.target("Hooli", 0.6, text="Medium")
    f.target("Loopio", 0.5)
    f.contact("Rita Recruiter", "Acme", "Technical Recruiter", sent=3, received=4, last=days_ago(10),
              email="rita@example.com")
    f.contact("Pete Peer", "Acme", "Data Engineer")
    f.contact("Gus Globex", "Globex", "Data Engineer", email="urn:li:member:123")
    moved = f.contact("Nina New", "Hooli", "Engineer")
    f.job_change(moved, "Initrode", "Hooli", days_ago(20))
    f.contact("Lou Loop", "Loop", "Engineer")
    ana = f.owner("Ana Lima")
    f.contact("Ana Lima", "Umbrella", "Consultant", sent=20, received=18, last=days_ago(5))
    f.contact("Ivy Init", "Initech", "Engineering Manager", owner=ana, sent=5, received=5, last=days_ago(30))
    matches = f.exact_matches()
    cid, tid = f.contact_ids[(1, "Lou Loop")], f.target_ids["Loopio"]
    matches.append(Match(cid, tid, "review", 90.0, "Loop", "Loopio", False))
    return f, matches


def plan_of(world, **kw):
    f, matches = world
    return build_plan(f.conn, kw.pop("profile", PROFILE), matches,
                      options=PlanOptions(today=TODAY, **kw.pop("options", {})), **kw)


def test_rows_carry_what_the_outreach_sheet_needs(world):
    plan = plan_of(world)
    by_name = {r.name: r for r in plan.rows}
    # Ivy is met through Ana: the row says whom to write to (Ana) and whom it is about (Ivy).
    assert set(by_name) == {"Rita Recruiter", "Pete Peer", "Gus Globex", "Nina New", "Ana Lima"}
    rita = by_name["Rita Recruiter"]
    assert rita.rank == 1 and rita.week == 1 and rita.kind == "recruiter"
    assert rita.email == "rita@example.com" and rita.profile_url.startswith("https://www.linkedin.com/in/")
    assert rita.last_contact == date.fromisoformat(days_ago(10)) and rita.status == "to contact"
    assert rita.follow_up == TODAY + timedelta(days=7)
    assert "Recruiter at Acme" in rita.why and rita.key.endswith("| Acme")
    assert "target priority" in rita.details and "Sam Seeker" in rita.message
    assert by_name["Gus Globex"].email == ""  # an urn:li:member id is not an e-mail address
    assert by_name["Nina New"].kind == "congrats"
    ask = by_name["Ana Lima"]
    assert ask.kind == "intro" and ask.via == "Ana Lima" and ask.message.startswith("Hi Ana,")
    assert ask.about == "Ivy Init (Initech)" and "Ivy Init at Initech" in ask.message
    assert ask.position == "Consultant" and ask.key.endswith("| introductions")
    assert ask.to_json()["write_to"] == "Ana Lima" and ask.to_json()["about"] == "Ivy Init (Initech)"
    # A pending review suggestion is never planned.
    assert "Lou Loop" not in by_name
    assert [r.rank for r in plan.rows] == list(range(1, len(plan.rows) + 1))
    weeks = [r.week for r in plan.rows]
    assert weeks == sorted(weeks) and max(weeks.count(w) for w in set(weeks)) <= 3
    assert plan.rows[0].to_json()["rank"] == 1


def test_top_limits_the_rows(world):
    assert len(plan_of(world, options={"top": 2}).rows) == 2


def test_targets_overview(world):
    targets = {t.name: t for t in plan_of(world).targets}
    assert list(targets) == ["Acme", "Initech", "Hooli", "Loopio", "Globex"]
    acme = targets["Acme"]
    assert (acme.contacts, acme.best_contact, acme.search_url) == (2, "Rita Recruiter", "")
    assert acme.next_step.startswith("Write to Rita Recruiter (rank 1")
    initech = targets["Initech"]
    assert initech.contacts == 0 and initech.warm_paths == 1
    assert initech.next_step == "Ask Ana Lima to introduce you to Ivy Init"
    assert initech.search_url == people_search_url("Initech")
    loopio = targets["Loopio"]
    assert "Review" in loopio.next_step and loopio.search_url


def test_people_search_link_is_encoded():
    assert people_search_url("AT&T Labs / R&D") == (
        "https://www.linkedin.com/search/results/people/?keywords=AT%26T+Labs+%2F+R%26D")


def test_review_rows_and_facts(world):
    plan = plan_of(world)
    assert [(r.company, r.target, r.decision) for r in plan.review] == [("Loop", "Loopio", "")]
    assert plan.facts["targets"] == 5 and plan.facts["targets_direct"] == 3
    assert plan.facts["targets_warm_only"] == 1 and plan.facts["review_pending"] == 1


def test_review_decisions_from_edits():
    edits = {"Review": {"Loop → Loopio": {"Decision": "Accept"}, "A → B": {"Decision": "reject"},
                        "C → D": {"Decision": None}, "no arrow": {"Decision": "accept"}}}
    assert typed_review_decisions(edits) == [("Loop", "Loopio", True), ("A", "B", False)]


def test_typed_statuses_are_kept_and_take_no_new_slot(world):
    first = plan_of(world)
    rita = first.rows[0]
    edits = {"Outreach": {rita.key: {"Status": "Contacted", "Follow-up date": datetime(2026, 3, 20),
                                     "Notes": "Sent on Monday"}}}
    again = plan_of(world, edits=edits)
    kept = next(r for r in again.rows if r.key == rita.key)
    assert kept.week is None and kept.status == "Contacted" and kept.notes == "Sent on Monday"
    assert kept.stage == "contacted"
    assert kept.follow_up == date(2026, 3, 20) and kept.rank == len(again.rows)
    assert again.rows[0].key != rita.key


def test_nothing_to_plan_says_what_to_import(tmp_path):
    f = filled(tmp_path / "ws")
    with pytest.raises(PlanError, match="import linkedin"):
        check_ready(f.conn)
    f.contact("A B", "Acme")
    check_ready(f.conn)  # no targets yet: the plan still has its Groups sheet, and says what to import
    f.target("Acme")
    check_ready(f.conn)


def test_plan_without_profile(world):
    plan = plan_of(world, profile=Profile())
    assert plan.rows and all(r.message for r in plan.rows)


@pytest.mark.parametrize(("typed", "meaning"), [
    ("Sent", "contacted"), ("  MESSAGED ", "contacted"), ("written", "contacted"),
    ("Answered", "replied"), ("responded", "replied"), ("Coffee", "meeting"), ("call", "meeting"),
    ("Interview", "meeting"), ("Not  now", "not now"), ("", "to contact"), ("waiting for HR", ""),
])
def test_a_status_is_understood_in_any_case_or_word_and_kept_as_typed(world, typed, meaning):
    from outreach.plan.build import status_meaning

    assert status_meaning(typed) == meaning
    rita = plan_of(world).rows[0]
    again = plan_of(world, edits={"Outreach": {rita.key: {"Status": typed}}})
    kept = next(r for r in again.rows if r.key == rita.key)
    assert kept.status == (typed.strip() or "to contact") and kept.stage == meaning
    assert (kept.week is None) == (meaning != "to contact")
    if meaning == "contacted":  # marked contacted today: follow up after the gap
        assert kept.follow_up == TODAY + timedelta(days=7)


def test_next_steps_follow_the_statuses(world):
    rita = plan_of(world).rows[0]
    assert rita.name == "Rita Recruiter" and rita.target == "Acme"
    for typed, step in (("replied", "Rita replied: follow up"), ("Sent", "Wait for Rita's reply"),
                        ("coffee", "Meeting with Rita")):
        again = plan_of(world, edits={"Outreach": {rita.key: {"Status": typed}}})
        acme = next(t for t in again.targets if t.name == "Acme")
        assert acme.next_step.startswith(step), acme.next_step
        assert "Write to Rita" not in acme.next_step


def test_a_reply_seen_in_the_next_export_sets_the_status_and_says_so(world):
    """Issue 13 part 4: the user marked Pete 'Sent'; the next export shows his answer after the
    contact day: the plan sets the status to replied and notes that it did (and what it was)."""
    from outreach.workbook.spec import Edits

    f, _ = world
    pete = next(r for r in plan_of(world).rows if r.name == "Pete Peer")
    sent_on = TODAY - timedelta(days=6)
    edits = Edits({"Outreach": {pete.key: {"Status": "Sent", "Follow-up date": None}}})
    edits.rows = {"Outreach": {pete.key: {"Status": "Sent", "Last contact": None,
                                          "Follow-up date": sent_on + timedelta(days=7), "Week": 1}}}
    assert next(r for r in plan_of(world, edits=edits).rows if r.key == pete.key).status == "Sent"
    with transaction(f.conn):  # the next export: his answer, two days after she wrote
        f.conn.execute(
            "INSERT INTO message_stats (owner_id, person_key, name, messages_sent, messages_received,"
            " last_message_at, last_sent_at, last_received_at, last_from, unanswered)"
            " VALUES (1, ?, 'Pete Peer', 1, 1, ?, ?, ?, 'them', 1)",
            ("www.linkedin.com/in/pete-peer", (sent_on + timedelta(days=2)).isoformat(),
             sent_on.isoformat() + "T09:00:00Z", (sent_on + timedelta(days=2)).isoformat() + "T18:00:00Z"))
    row = next(r for r in plan_of(world, edits=edits).rows if r.key == pete.key)
    assert row.status == "replied" and row.week is None
    assert row.status_note.startswith("Status set to replied by the plan: Pete wrote back on")
    assert "it was 'Sent'" in row.status_note
