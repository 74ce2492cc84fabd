"""`outreach groups`: what the user sees, in text, JSON and a calendar file."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE_DATA
from icalendar import Calendar

SAMPLE = SAMPLE_DATA / "groups.csv"
REQUIRED = {"name", "score", "recommended", "hours_per_month", "cost_per_year", "why", "flags",
            "targets_to_meet", "components"}


@pytest.fixture
def austin(run):
    assert run("import", "groups", SAMPLE).exit_code == 0
    result = run("profile", "--home-city", "Austin, TX", "--no-relocate", "--salary", "110k-140k",
                 "--hours", "10")
    assert result.exit_code == 0, result.output
    return run


def test_groups_needs_a_workspace_and_without_a_catalogue_gives_the_starter_guide(run):
    result = run("groups")
    assert result.exit_code == 1 and "no workspace" in result.output
    run("profile", "--hours", "6")
    result = run("groups")
    assert result.exit_code == 0, result.output
    assert "No groups imported yet. Kinds of group worth finding" in result.output
    assert "sample_data" not in result.output


def test_plain_output_recommended_first_then_the_rest_with_reasons(austin):
    result = austin("groups")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Home: Austin, TX; not relocating; budget 10 h a month")
    assert out.index("Recommended: ") < out.index("Left out:")
    assert "of 10 hours a month" in out
    left_out = out[out.index("Left out:"):]
    assert "left out: visit only" in left_out
    assert "left out: no visits before joining: skip" in left_out
    assert "little business or education to gain" in left_out
    assert "does not fit the time budget" in left_out
    # Dallas is out of reach for someone staying in Austin: counted, listed only with --all.
    assert "Dallas Public Library Job Club" not in out
    assert "groups are out of reach (too far from home): --all lists them" in out
    every = austin("groups", "--all").output
    assert "Dallas Public Library Job Club" in every and "too far: Dallas, TX is" in every


def test_json_has_every_field_and_respects_the_budget(austin):
    result = austin("groups", "--json", "--all")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["hours_budget"] == 10 and data["home_city"] == "Austin, TX"
    groups = data["groups"]
    assert len(groups) == 38
    for group in groups:
        assert set(group) >= REQUIRED
        assert isinstance(group["recommended"], bool) and isinstance(group["flags"], list)
        assert set(group["components"]) == {"focus", "money", "fit", "place", "time"}
        assert group["why"].endswith(".")
        assert group["recommended"] == (group["left_out"] is None)
    recommended = [g for g in groups if g["recommended"]]
    assert recommended and groups[: len(recommended)] == recommended
    assert sum(g["hours_per_month"] for g in recommended) <= 10
    assert data["hours_used"] == pytest.approx(sum(g["hours_per_month"] for g in recommended), abs=0.01)
    by_name = {g["name"]: g for g in groups}
    assert by_name["St. Mark's Career Transition Ministry"]["cost_per_year"] == 0
    premier = by_name["Premier Leads Austin"]
    assert premier["left_out"].startswith("no visits before joining: skip")
    assert any(f.startswith("no visits before joining: skip") for f in premier["flags"])
    assert by_name["BNI Capital City Connectors Chapter"]["visit_only"] is True


def test_targets_become_name_tags(austin, workspace):
    import sqlite3

    conn = sqlite3.connect(workspace / "outreach.db")
    conn.execute("INSERT INTO targets (name, key, priority, row_order, location, industry) "
                 "VALUES ('Dell Technologies', 'dell', 1.0, 1, 'Round Rock, TX', 'Hardware')")
    conn.commit()
    conn.close()
    groups = json.loads(austin("groups", "--json").output)["groups"]
    by_name = {g["name"]: g for g in groups}
    assert by_name["Round Rock Tech Meetup"]["targets_to_meet"] == ["Dell Technologies"]
    assert by_name["Job Seekers Support Circle"]["targets_to_meet"] == ["Dell Technologies"]  # "all"
    assert by_name["Austin Women in Tech Breakfast"]["targets_to_meet"] == []  # software, fintech


def test_empty_profile_says_distances_are_not_used(run):
    run("import", "groups", SAMPLE)
    result = run("groups")
    assert result.exit_code == 0
    assert "Note: no home city in your profile" in result.output
    assert "out of reach" not in result.output


def test_ics_for_the_coming_month(austin, tmp_path):
    path = tmp_path / "groups.ics"
    result = austin("groups", "--ics", path, "--from", "2026-03-02")
    assert result.exit_code == 0, result.output
    assert "(2026-03-02 to 2026-04-01)" in result.output  # the last day the calendar covers
    events = list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    assert events
    recommended = {g["name"] for g in json.loads(austin("groups", "--json").output)["groups"]
                   if g["recommended"]}
    assert {str(e["SUMMARY"]) for e in events} <= recommended


def test_json_with_ics_keeps_stdout_pure_json(austin, tmp_path):
    result = austin("groups", "--json", "--ics", tmp_path / "g.ics")
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert "Wrote" in result.stderr
