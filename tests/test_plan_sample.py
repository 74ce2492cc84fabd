"""Issue 12's "done when", on the bundled sample as the README runs it: no message contradicts its
history, nobody twice among open rows, every introduction says whom to write to, and the most
wanted targets come first."""

from __future__ import annotations

import json
import sqlite3

import pytest
from plan_data import sample_workspace

from outreach.plan.reach import parse_day

COLD = ("I hope you're well", "Would you be open to a short chat", "I'd love to hear what working at")


@pytest.fixture(scope="module")
def sample_plan(tmp_path_factory):
    ws = tmp_path_factory.mktemp("sample") / "ws"
    run = sample_workspace(ws, "--pitch", "I build dependable data pipelines.")
    rows = json.loads(run("plan", "-o", ws.parent / "plan.xlsx", "--json").stdout)
    conn = sqlite3.connect(ws / "outreach.db")
    history = {
        url: (last_from, sent, received)
        for url, last_from, sent, received in conn.execute(
            "SELECT c.profile_url, m.last_from, m.messages_sent, m.messages_received FROM contacts c"
            " JOIN message_stats m ON m.owner_id = c.owner_id AND m.person_key = c.person_key"
            " JOIN owners o ON o.id = c.owner_id WHERE o.is_self")
    }
    changes = {url: kind for url, kind in conn.execute(
        "SELECT c.profile_url, j.kind FROM job_changes j JOIN contacts c ON c.id = j.contact_id")}
    priority = {name: p for name, p in conn.execute("SELECT name, priority FROM targets")}
    conn.close()
    return rows, history, changes, priority


def test_no_message_contradicts_its_history(sample_plan):
    rows, history, changes, _ = sample_plan
    assert rows
    for row in rows:
        last_from, sent, received = history.get(row["write_to_url"], (None, 0, 0))
        if last_from == "them" and row["kind"] != "intro":  # a reply, a friend or getting back in touch
            assert row["kind"] in ("reply", "referral", "friend", "reconnect", "congrats", "promotion"), row
            assert not any(phrase in row["message"] for phrase in COLD), row["message"]
        if row["kind"] == "reply":
            assert last_from == "them", row
        if "congratulations on the move" in row["message"] or "joined" in row["message"]:
            assert changes.get(row["write_to_url"]) == "job", row
        if row["kind"] == "promotion":
            assert "new role" not in row["message"] and "settled in" not in row["message"]
        if not sent and not received:
            assert "exchanged" not in row["why"] and "you wrote" not in row["why"], row


def test_nobody_appears_twice_among_open_rows(sample_plan):
    rows = sample_plan[0]
    open_rows = [r for r in rows if r["week"] is not None]
    written_to = [r["write_to_url"] or r["write_to"] for r in open_rows]
    assert len(written_to) == len(set(written_to))
    about = [name.split(" (")[0] for r in open_rows if r["about"] for name in r["about"].split("), ")]
    assert not set(about) & {r["write_to"] for r in open_rows if r["kind"] != "intro"}


def test_every_introduction_names_whom_to_write_to_and_whom_about(sample_plan):
    intros = [r for r in sample_plan[0] if r["kind"] == "intro"]
    assert intros, "the sample has a friend who shared their export"
    for row in intros:
        assert row["write_to"] and row["about"] and row["via"] == row["write_to"]
        assert row["message"].startswith(f"Hi {row['write_to'].split()[0]},")
        assert row["about"].split(" (")[0] in row["message"]


def test_the_most_wanted_targets_come_first_for_the_same_kind_of_person(sample_plan):
    rows, _, _, priority = sample_plan
    by_kind: dict[str, list[float]] = {}
    for row in rows:
        if row["week"] is not None and "held back" not in row["why"]:
            by_kind.setdefault(row["kind"], []).append(priority[row["target"]])
    for kind, priorities in by_kind.items():
        if kind not in ("peer", "senior", "recruiter"):  # warm rows go by the relationship first
            continue
        top, bottom = max(priorities), min(priorities)
        if top > bottom:
            assert priorities.index(top) < len(priorities) - 1 - priorities[::-1].index(bottom), kind


def test_messages_are_short_and_use_the_pitch_once(sample_plan):
    for row in sample_plan[0]:
        assert len(row["message"]) <= 450, row
        pitched = row["message"].count("I build dependable data pipelines.")
        # the pitch once to people who do not know the user; to those who do, the roles
        assert pitched == (0 if row["kind"] in ("friend", "reconnect", "referral", "congrats", "promotion") else 1), row
        assert ", Inc." not in row["message"] and " LLC" not in row["message"]
        assert parse_day(row["follow_up"]) is None or row["week"] is not None or row["status"] != "to contact"
