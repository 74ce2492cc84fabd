"""Rooms of the user's profession (issue 16): a happy hour of product managers is among the best
rooms in town for a product manager looking for work; a generic mixer is still no use.

A group whose audience is the user's role (or the industry on their LinkedIn profile) gains on
fit whatever its format, and a social format alone does not rule it out; the reason says which
rule applied.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outreach.groups.recommend import plan_groups
from outreach.groups.scoring import Context, audiences_for, room_of
from outreach.groups.store import Group
from outreach.profile import Profile

DENVER = (
    "Name,Type,City,Cost,Meets,Duration (hours),Focus,Format,Visitors,Contract,Audience,Notes\n"
    'Denver Product Managers Happy Hour,Social,"Denver, CO",free,1st Thursday 6pm,2,Social,'
    "Open mingling,yes,none,all levels,Drinks after work; name tags\n"
    'LoDo After Work Mixer,Social mixer,"Denver, CO",$10 at the door,1st Friday 6pm,2,Social,'
    "Open,anyone,none,all levels,Drinks and darts\n"
    'Mile High Job Seekers,Job club,"Denver, CO",free,every Monday 9am,2,Job search,Facilitated,'
    "yes,none,all levels,\n"
)


def social(name: str, **more: object) -> Group:
    values: dict[str, object] = dict(
        name=name, kind="social", city="Denver, CO", free=True, cost_per_year=0.0,
        meetings_per_month=1.0, duration_hours=2.0, focus="social", format="open",
    )
    values.update(more)
    return Group(**values)  # type: ignore[arg-type]


def plan_for(groups: list[Group], **profile: object):
    settings: dict[str, object] = dict(home_city="Denver, CO", hours_per_month=10.0)
    settings.update(profile)
    plan = plan_groups(groups, Profile(**settings), [])  # type: ignore[arg-type]
    return {row.name: row for row in plan.rows}


def test_the_issues_denver_case_end_to_end(run, tmp_path: Path):
    catalogue = tmp_path / "denver.csv"
    catalogue.write_text(DENVER, encoding="utf-8")
    assert run("import", "groups", catalogue).exit_code == 0
    assert run("profile", "--home-city", "Denver, CO", "--no-relocate",
               "--roles", "Senior Product Manager", "--hours", "10").exit_code == 0
    result = run("groups", "--json")
    assert result.exit_code == 0, result.output
    rows = {g["name"]: g for g in json.loads(result.output)["groups"]}
    happy = rows["Denver Product Managers Happy Hour"]
    mixer = rows["LoDo After Work Mixer"]
    assert happy["recommended"], happy["left_out"]
    assert "a room of product managers: your profession" in happy["why"]
    assert happy["components"]["fit"]["points"] > mixer["components"]["fit"]["points"]
    assert happy["score"] > mixer["score"] + 10
    assert not mixer["recommended"]
    assert mixer["left_out"] == ("social focus, open mingling, no room of your profession: "
                                 "little business or education to gain")
    # The job club still ranks above a happy hour, whoever is in it.
    assert rows["Mile High Job Seekers"]["score"] > happy["score"]
    shown = run("groups").output
    assert "a room of product managers: your profession" in shown


@pytest.mark.parametrize("role,group_name,audience", [
    ("product manager", "Denver PMs Happy Hour", "product managers"),
    ("Senior Product Manager", "Product Management Drinks", "product managers"),
    ("product owner", "Mile High Product People Social", "product managers"),
    ("product manager", "ProductTank Denver Social", "product managers"),
    ("software engineer", "Boulder Devs Happy Hour", "software engineers"),
    ("software engineer", "Front Range Developers Social", "software engineers"),
    ("Backend developer", "Denver Python Social Night", "software engineers"),
    ("data engineer", "Denver Data Engineers Social", "data engineers"),
    ("nurse", "Nurses Night Out", "nurses"),
    ("Project Manager", "PMI Mile High Chapter Social", "project managers"),
    ("recruiter", "Denver Recruiters Happy Hour", "recruiters"),
    ("accountant", "Young CPAs Happy Hour", "accountants"),
    # Words that look alike but are no room of the user's profession:
    ("product manager", "Networking Happy Hour at 6 PM", None),
    ("product manager", "Software Developers Social", None),
    ("software engineer", "Product Managers Happy Hour", None),
    ("software engineer", "Java House Coffee Social", None),
    ("accountant", "Chamber After Hours", None),
    ("manager", "Product Managers Happy Hour", None),   # "manager" alone names no profession
])
def test_role_words_find_their_rooms(role, group_name, audience):
    ctx = Context(profile=Profile(roles=(role,)), home=None, targets=[])
    reason, points = room_of(social(group_name), ctx)
    if audience is None:
        assert (reason, points) == ("", 0.0)
    else:
        assert reason == f"a room of {audience}: your profession"
        assert points > 0


def test_the_audience_and_notes_columns_count_too():
    ctx = Context(profile=Profile(roles=("UX designer",)), home=None, targets=[])
    by_audience = social("Thursday Night Social", salary_text="UX and product designers")
    by_notes = social("RiNo Creative Mixer", notes="Monthly drinks for designers and researchers")
    assert room_of(by_audience, ctx)[0] == "a room of UX designers: your profession"
    assert room_of(by_notes, ctx)[0].endswith(": your profession")


def test_a_generic_mixer_still_ranks_low_and_no_roles_changes_nothing():
    groups = [social("Denver Product Managers Happy Hour"), social("LoDo After Work Mixer")]
    with_role = plan_for(groups, roles=("product manager",))
    assert with_role["Denver Product Managers Happy Hour"].recommended
    assert not with_role["LoDo After Work Mixer"].recommended
    without = plan_for(groups)
    for row in without.values():
        assert not row.recommended
        # without roles there is no profession to speak of
        assert row.left_out == ("social focus, open mingling: little business or education to "
                                "gain")


def test_a_support_circle_of_ones_profession_is_still_a_support_circle():
    circle = social("Product Managers Between Jobs Circle", kind="support group",
                    focus="emotional support", format="open")
    rows = plan_for([circle], roles=("product manager",))
    row = rows[circle.name]
    assert "a room of product managers" in row.why
    assert not row.recommended
    assert "little business or education to gain" in row.left_out


def test_the_industry_on_the_users_profile_makes_a_room_of_their_industry():
    tech = social("Denver Tech Happy Hour", industries="software; SaaS")
    everyone = social("Chamber Mixer", industries="technology; healthcare; construction; energy")
    rows = plan_for([tech, everyone], roles=("office manager",), industry="Software Development")
    assert "a room of your industry (software; SaaS)" in rows[tech.name].why
    assert rows[tech.name].recommended
    assert not rows[everyone.name].recommended  # five industries: no one industry's room


def test_the_role_table_is_cached_per_roles():
    assert audiences_for(("product manager",)) is audiences_for(("product manager",))
    labels = [a.label for a in audiences_for(("Senior Product Manager", "data analyst"))]
    assert labels == ["product managers", "data analysts", "data people"]


def test_xlsx_catalogue_with_an_audience_column(run, tmp_path: Path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Group", "Category", "Location", "Fee", "Schedule", "Length (min)", "Audience",
                  "Focus"])
    sheet.append(["Thursday Tech Drinks", "Happy hour", "Denver, CO", "Free", "2nd Thursday 6pm",
                  120, "software developers, QA", "social"])
    sheet.append(["Friday Mixer", "Happy hour", "Denver, CO", "Free", "2nd Friday 6pm", 120,
                  "all levels", "social"])
    path = tmp_path / "denver.xlsx"
    book.save(path)
    assert run("import", "groups", path).exit_code == 0
    run("profile", "--home-city", "Denver, CO", "--roles", "software engineer", "--hours", "6")
    rows = {g["name"]: g for g in json.loads(run("groups", "--json").output)["groups"]}
    assert rows["Thursday Tech Drinks"]["recommended"]
    assert rows["Thursday Tech Drinks"]["hours_per_month"] == pytest.approx(2.5)
    assert "no room of your profession" in rows["Friday Mixer"]["left_out"]
