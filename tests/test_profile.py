from __future__ import annotations

import json

import pytest

from outreach.profile import parse_salary_band


def test_profile_defaults_without_a_workspace(run, workspace):
    result = run("profile", "--json")
    # Showing a profile of a workspace that does not exist yet is an error, not a new workspace.
    assert result.exit_code == 1
    assert "no workspace" in result.output
    assert not workspace.exists()


def test_profile_set_and_show(run):
    result = run(
        "profile", "--home-city", "Austin, TX", "--no-relocate", "--roles", "data engineer, analytics",
        "--salary", "110k-140k", "--hours", "10", "--messages-per-week", "8", "--pitch", "I build pipelines.",
    )
    assert result.exit_code == 0, result.output
    assert "Austin, TX" in result.output
    data = json.loads(run("profile", "--json").output)
    assert data["home_city"] == "Austin, TX"
    assert data["willing_to_relocate"] is False
    assert data["roles"] == ["data engineer", "analytics"]
    assert (data["salary_min"], data["salary_max"]) == (110_000, 140_000)
    assert data["hours_per_month"] == 10
    assert data["messages_per_week"] == 8
    # Setting one field keeps the others.
    run("profile", "--relocate")
    data = json.loads(run("profile", "--json").output)
    assert data["willing_to_relocate"] is True and data["home_city"] == "Austin, TX"


@pytest.mark.parametrize("args,message", [
    (["--salary", "lots"], "salary band"),
    (["--hours", "-3"], "hours per month"),
    (["--salary", "150k-90k"], None),  # reversed ends are put in order, not refused
])
def test_profile_bad_values(run, args, message):
    result = run("profile", *args)
    if message is None:
        assert result.exit_code == 0
    else:
        assert result.exit_code == 1
        assert message in result.output
        assert "Traceback" not in result.output


@pytest.mark.parametrize("text,band", [
    ("90k-120k", (90_000, 120_000)),
    ("$90,000 to $120,000", (90_000, 120_000)),
    ("90-120k", (90_000, 120_000)),
    ("100000", (100_000, 100_000)),
    ("", (None, None)),
])
def test_parse_salary_band(text, band):
    assert parse_salary_band(text) == band


def test_the_follow_up_gap_is_the_users(run, workspace, tmp_path):
    """Issue 13: a follow-up comes after the profile's gap, not a fixed week."""
    import json
    import re
    from datetime import date, timedelta

    from plan_data import filled

    f = filled(workspace)
    f.target("Acme", 1.0, text="High")
    f.contact("Pete Peer", "Acme", "Data Engineer")
    f.conn.close()
    assert run("profile", "--follow-up-days", "0").exit_code == 1
    result = run("profile", "--follow-up-days", "10")
    assert result.exit_code == 0 and re.search(r"Follow up after\s+10 days", result.output)
    rows = json.loads(run("plan", "-o", tmp_path / "p.xlsx", "--json").stdout)
    assert rows[0]["follow_up"] == (date.today() + timedelta(days=10)).isoformat()
