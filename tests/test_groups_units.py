"""A unit in a catalogue's header decides the unit of the bare numbers below it (issue 16).

Catalogues written as people write them: "Duration (hours)" holding 20 is twenty hours, not
twenty minutes; "Length (min)" holding 90 is an hour and a half; "Cost per month" holding 95
is $1,140 a year. A unit written in the cell wins over the header's.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from outreach.imports.groups.columns import column_unit, group_columns
from outreach.imports.groups.read import read_groups_file
from outreach.imports.tabular import normalise_header


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Denver groups"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def by_name(path: Path) -> dict[str, dict[str, object]]:
    frame = read_groups_file(path).frame
    return {record["name"]: record for record in frame.to_dict(orient="records")}


@pytest.mark.parametrize("header,field,unit", [
    ("Duration (hours)", "duration", ("hours", "")),
    ("Duration (h)", "duration", ("hours", "")),
    ("Length (min)", "duration", ("minutes", "")),
    ("Minutes", "duration", ("minutes", "")),
    ("Hours", "duration", ("hours", "")),
    ("Hours per week", "duration", ("hours", "week")),
    ("Duration", "duration", ("", "")),
    ("Cost per month", "cost", ("", "month")),
    ("Monthly cost", "cost", ("", "month")),
    ("Annual fee", "cost", ("", "year")),
    ("Yearly dues", "cost", ("", "year")),
    ("Cost ($/year)", "cost", ("", "year")),
    ("Fee per meeting", "cost", ("", "meeting")),
    ("Cost", "cost", ("", "")),
])
def test_headers_name_their_column_and_its_unit(header, field, unit):
    normalised = normalise_header(header)
    assert list(group_columns([normalised])) == [field]
    assert column_unit(field, normalised) == unit


def test_duration_in_hours_is_hours_and_a_cells_own_unit_wins(tmp_path):
    path = write_csv(tmp_path / "denver.csv", (
        "Name,Type,City,Cost,Meets,Duration (hours),Visitors\n"
        'Denver Product Camp,conference,"Denver, CO",free,once a year,20,yes\n'
        'Mile High Job Seekers,job club,"Denver, CO",free,every Monday 9am,2,yes\n'
        'Colfax Toastmasters,Toastmasters,"Denver, CO",$60 every 6 months,Tuesdays 7am,90 min,yes\n'
    ))
    catalogue = read_groups_file(path)
    groups = {r["name"]: r for r in catalogue.frame.to_dict(orient="records")}
    assert groups["Denver Product Camp"]["duration_hours"] == 20
    assert groups["Mile High Job Seekers"]["duration_hours"] == 2
    assert groups["Colfax Toastmasters"]["duration_hours"] == 1.5  # "90 min" says its unit
    assert not any("read as minutes" in w for w in catalogue.warnings)
    # Twenty hours is more than a long day: taken as the header says, and said so.
    assert any("'20' read as 20 hours, as the column's header says" in w
               for w in catalogue.warnings)


def test_minutes_columns(tmp_path):
    path = write_csv(tmp_path / "groups.csv", (
        "Group name,City,Cost,Meets,Length (min)\n"
        'Boulder Job Club,"Boulder, CO",free,Wednesdays 10am,90\n'
        'Lakewood Career Circle,"Lakewood, CO",free,weekly,2 hours\n'
        'Quick Coffee Chats,"Denver, CO",free,weekly,10\n'
    ))
    groups = by_name(path)
    assert groups["Boulder Job Club"]["duration_hours"] == 1.5
    assert groups["Lakewood Career Circle"]["duration_hours"] == 2
    assert groups["Quick Coffee Chats"]["duration_hours"] == pytest.approx(10 / 60, abs=0.01)


def test_without_a_unit_in_the_header_the_old_reading_stays(tmp_path):
    path = write_csv(tmp_path / "groups.csv", (
        "Name,City,Cost,Meets,Duration\n"
        'Denver Job Club,"Denver, CO",free,weekly,90\n'
        'Aurora Job Club,"Aurora, CO",free,weekly,1.5\n'
    ))
    catalogue = read_groups_file(path)
    groups = {r["name"]: r for r in catalogue.frame.to_dict(orient="records")}
    assert groups["Denver Job Club"]["duration_hours"] == 1.5
    assert groups["Aurora Job Club"]["duration_hours"] == 1.5
    assert any("'90' read as minutes" in w for w in catalogue.warnings)


def test_hours_per_week_of_an_online_community(tmp_path):
    path = write_csv(tmp_path / "groups.csv", (
        "Name,City,Cost,Meets,Hours per week\n"
        "Product Slack,online,free,ongoing,2\n"
        "Weekly PM Office Hours,online,free,Thursdays 6pm,1 hour a meeting\n"
    ))
    groups = by_name(path)
    assert (groups["Product Slack"]["duration_hours"], groups["Product Slack"]["duration_per"]) \
        == (2, "week")
    office = groups["Weekly PM Office Hours"]
    assert (office["duration_hours"], office["duration_per"]) == (1, "meeting")


def test_costs_by_the_headers_period_in_xlsx(tmp_path):
    # As a person keeps it in Excel: numbers typed as numbers, one sheet per kind of cost.
    path = write_xlsx(tmp_path / "denver.xlsx", [
        ["Denver networking groups, autumn"],
        [],
        ["Name", "Type", "City", "Monthly cost", "Meets", "Duration (h)", "Visitors"],
        ["Denver Leads Exchange", "referral club", "Denver, CO", 95, "every Friday 7:30am", 1.5,
         "2 visits"],
        ["Front Range Women in Tech", "meetup", "Denver, CO", "$120/year", "monthly", 2, "yes"],
        ["Cherry Creek Breakfast", "networking breakfast", "Denver, CO", "$15 per breakfast",
         "1st Wednesday 7am", 1, "yes"],
        ["Denver Library Job Club", "library job club", "Denver, CO", 0, "Tuesdays 10am", 2, "yes"],
    ])
    groups = by_name(path)
    assert groups["Denver Leads Exchange"]["cost_per_year"] == 95 * 12
    assert groups["Front Range Women in Tech"]["cost_per_year"] == 120  # the cell's "/year" wins
    assert groups["Cherry Creek Breakfast"]["cost_per_year"] == 15 * 12  # per meeting, monthly
    assert groups["Denver Library Job Club"]["free"]
    assert groups["Denver Leads Exchange"]["duration_hours"] == 1.5


@pytest.mark.parametrize("header,cell,per_year", [
    ("Annual fee", "250", 250),
    ("Yearly dues", "$689", 689),
    ("Cost ($/year)", "1,200", 1200),
    ("Cost per month", "$20", 240),
    ("Cost per month", "$45 per 6 months", 90),     # the cell's period wins
    ("Fee per meeting", "25", 25 * 4 * 12),          # four meetings a month in this file
    ("Fee per meeting", "$300 a year", 300),
    ("Cost", "689", 689),                            # no period anywhere: a year, and said so
])
def test_cost_headers(tmp_path, header, cell, per_year):
    path = write_csv(tmp_path / "groups.csv", (
        f'Name,City,{header},Meets\nFront Range Club,"Denver, CO","{cell}",4 times a month\n'
    ))
    catalogue = read_groups_file(path)
    assert catalogue.frame.loc[0, "cost_per_year"] == pytest.approx(per_year)
    said = any("no period given" in w for w in catalogue.warnings)
    assert said == (header == "Cost")


def test_the_import_and_the_advice_use_the_headers_unit(run, workspace, tmp_path):
    """The issue's case end to end: 20 in "Duration (hours)" counts 20 hours of the budget."""
    path = write_xlsx(tmp_path / "denver.xlsx", [
        ["Name", "Type", "City", "Cost per month", "Meets", "Duration (hours)", "Visitors",
         "Contract"],
        ["Denver Product Camp", "conference", "Denver, CO", "free", "once a year", 20, "yes",
         "none"],
        ["Mile High Job Seekers", "job club", "Denver, CO", "free", "every Monday 9am", 2, "yes",
         "none"],
        ["Denver Leads Exchange", "referral club", "Denver, CO", 95, "every Friday 7:30am", 1.5,
         "2 visits", "12 months"],
    ])
    result = run("import", "groups", path)
    assert result.exit_code == 0, result.output
    assert "read as minutes" not in result.output
    conn = sqlite3.connect(workspace / "outreach.db")
    rows = dict(conn.execute("SELECT name, duration_hours FROM groups").fetchall())
    costs = dict(conn.execute("SELECT name, cost_per_year FROM groups").fetchall())
    conn.close()
    assert rows["Denver Product Camp"] == 20
    assert costs["Denver Leads Exchange"] == 95 * 12
    assert run("profile", "--home-city", "Denver, CO", "--hours", "30").exit_code == 0
    shown = json.loads(run("groups", "--json").output)
    camp = next(g for g in shown["groups"] if g["name"] == "Denver Product Camp")
    # 20 hours once a year plus travel: about 1.7 h a month, not 2 minutes.
    assert camp["hours_per_month"] == pytest.approx(20 / 12 + 0.5 / 12, abs=0.05)
