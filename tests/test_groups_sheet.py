"""The plan workbook's Groups sheet: the same rows, a checklist per group, the budget used."""

from __future__ import annotations

from dataclasses import replace

from outreach.groups.recommend import GROUPS_SHEET, groups_sheet, groups_summary, plan_groups
from outreach.groups.scoring import TargetPlaces
from outreach.groups.store import Group
from outreach.profile import Profile
from outreach.workbook.files import write_workbook
from outreach.workbook.spec import SummarySheet

PROFILE = Profile(home_city="Austin, TX", hours_per_month=8, pitch="I turn messy data into decisions.")
CLUB = Group(name="Library Job Club", kind="job club", city="Austin, TX", free=True,
             cost_per_year=0.0, meets_text="every Monday 7pm", meetings_per_month=52 / 12,
             duration_hours=1.0, focus="job search", format="facilitated", visitors_policy="open",
             contract_months=0, industries="all", url="https://www.example.org/club")
BNI = replace(CLUB, name="BNI Chapter", kind="referral club", focus="business referrals",
              format="structured", one_seat=True, max_visits=2, free=False, cost_per_year=888.0,
              join_fee=199.0, contract_months=12, visitors_policy="limited",
              meets_text="Thursdays 7am", meetings_per_month=52 / 12)
MIXER = replace(CLUB, name="Friday Mixer", kind="social", focus="social", format="open",
                meetings_per_month=1.0)
TARGETS = [TargetPlaces("Dell Technologies", 1.0, "Austin, TX", "hardware")]


def plan():
    from outreach.geo import locate

    targets = [replace(t, places=(locate(t.location),)) for t in TARGETS]
    return plan_groups([MIXER, BNI, CLUB], PROFILE, targets)


def test_sheet_rows_checklist_and_budget():
    sheet = groups_sheet(plan())
    assert sheet.name == GROUPS_SHEET and sheet.key == "Key"
    headers = [c.header for c in sheet.columns]
    rows = [dict(zip(headers, row, strict=True)) for row in sheet.rows]
    assert rows[0]["Group"] == "Library Job Club"  # recommended first
    by_name = {r["Group"]: r for r in rows}
    club, bni, mixer = (by_name[n] for n in ("Library Job Club", "BNI Chapter", "Friday Mixer"))
    assert club["Advice"] == "recommended" and bni["Advice"] == "visit only" and mixer["Advice"] == "no"
    assert club["Checklist"].startswith("☐ Visit first")
    assert "I turn messy data into decisions." in club["Checklist"]
    assert "Name tags to look for: Dell Technologies" in club["Checklist"]
    assert "$199 joining fee" in bni["Checklist"] and "12-month commitment" in bni["Checklist"]
    assert mixer["Checklist"] is None and "little business or education" in mixer["Left out because"]
    assert club["Budget used"] == f"{club['Hours a month']:.1f} of 8 h"
    assert len({r["Key"] for r in rows}) == 3
    facts = dict(groups_summary(plan()))
    assert facts["Recommended groups"] == 1


def test_sheet_writes_and_reads_back(tmp_path):
    from openpyxl import load_workbook

    summary = SummarySheet("Summary", "Plan", [("Groups", 3)], [])
    path = tmp_path / "plan.xlsx"
    write_workbook(path, summary, [groups_sheet(plan())])
    sheet = load_workbook(path)[GROUPS_SHEET]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Group" and values[1][0] == "Library Job Club"
    assert len([v for v in values[1:] if v[0]]) == 3


def test_money_is_shown_in_the_currency_the_catalogue_writes():
    """Issue 13: the Summary's cost and the Groups sheet's costs carry a currency."""
    from types import SimpleNamespace

    from outreach.groups.recommend import money_format

    def plan(*costs):
        return SimpleNamespace(rows=[SimpleNamespace(group=SimpleNamespace(cost_text=c)) for c in costs])

    assert money_format(plan("€20 a month", "free", "€5 per meeting")) == '#,##0.00 "€"'
    assert money_format(plan("$25/month", "$40 a year")) == '"$"#,##0.00'
    assert money_format(plan("free", "", "20 a month")) == "#,##0.00"
