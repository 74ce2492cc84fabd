"""The starter guide: kinds of group worth finding when the user has no catalogue (issue 16)."""

from __future__ import annotations

import csv
import json
from importlib import resources
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from conftest import SAMPLE_DATA

from outreach.groups.guide import ASSOCIATION_COLUMNS, association_for, build_guide, not_covered
from outreach.groups.store import Group
from outreach.profile import Profile

EVERY_KIND = {"job club", "career ministry", "association", "meetup", "online community", "alumni",
              "toastmasters", "chamber", "referral club", "service club"}


def _rows(guide):
    return {row.kind.key: row for row in guide.rows}


def test_the_association_table_is_well_formed_and_covers_fifty_roles():
    text = resources.files("outreach.data").joinpath("associations.csv").read_text("utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert tuple(rows[0]) == ASSOCIATION_COLUMNS
    body = rows[1:]
    assert all(len(r) == len(ASSOCIATION_COLUMNS) for r in body)
    assert len({tuple(r) for r in body}) == len(body), "duplicate rows"
    assert len({r[0] for r in body}) == len(body), "two rows for the same roles"
    assert len(body) >= 50
    phrases = [w for r in body for w in r[0].split("|")]
    assert all(w == w.strip().lower() and w for w in phrases)
    for row in body:
        assert row[1] and row[2] and row[4]
        assert row[5].startswith("https://"), row
        assert not row[3] or row[3].startswith("https://"), row


@pytest.mark.parametrize(("role", "expected"), [
    ("Senior Project Manager", "PMI"), ("Programme Manager", "PMI"),
    ("Business Analyst", "IIBA"), ("HR Business Partner", "SHRM"),
    ("Marketing Manager", "American Marketing Association"), ("CPA", "CPA society"),
    ("Registered Nurse", "Nurses Association"), ("Mechanical Engineer", "ASME"),
    ("Security Analyst", "ISSA"), ("Product Manager", "ProductTank"),
])
def test_roles_find_their_association(role, expected):
    found = association_for(role)
    assert found is not None and expected.lower() in found.name.lower()


def test_a_role_word_matches_whole_words_only():
    assert association_for("Script writer") is None  # "pt" (physical therapist) is not in it


def test_a_user_with_no_roles_still_gets_every_kind_and_a_hint():
    guide = build_guide(Profile())
    assert {row.kind.key for row in guide.rows} == EVERY_KIND
    assert any("outreach profile --roles" in note for note in guide.notes)
    assert any("no home city" in note for note in guide.notes)
    association = _rows(guide)["association"]
    assert association.association is None
    assert "professional association" in association.links[0][1].replace("%20", " ")
    referral = _rows(guide)["referral club"]
    assert referral.visit_only and any("visit only" in flag for flag in referral.flags)
    assert any("12-month contract" in flag for flag in referral.flags)
    assert guide.rows[-1].kind.key == "referral club"  # visit only: last


def test_online_first_for_a_user_who_will_relocate():
    moving = build_guide(Profile(home_city="Austin, TX", willing_to_relocate=True,
                                 roles=("data analyst",)))
    assert moving.rows[0].online
    staying = build_guide(Profile(home_city="Austin, TX", roles=("data analyst",)))
    assert not staying.rows[0].online
    online = _rows(staying)["online community"]
    assert "local in-person groups suit a job near home better" in online.why


def test_a_city_outside_the_geodata_still_works():
    guide = build_guide(Profile(home_city="Xyzzyville, Nowhere", roles=("nurse",)))
    assert {row.kind.key for row in guide.rows} == EVERY_KIND
    assert guide.home == "Xyzzyville, Nowhere"
    assert any("not on the offline map" in note for note in guide.notes)
    club = _rows(guide)["job club"]
    place = next(c for c in club.components if c.name == "place")
    assert place.note == "distance unknown"
    meetup = dict(club.links)["Meetup"]
    assert parse_qs(urlsplit(meetup).query)["keywords"] == ["job club Xyzzyville, Nowhere"]


def test_a_project_manager_gets_the_pmi_chapter_finder():
    guide = build_guide(Profile(home_city="Austin, TX", roles=("Senior Project Manager",)))
    association = _rows(guide)["association"]
    assert association.association is not None and "PMI" in association.title
    assert association.links[0][1] == "https://www.pmi.org/membership/chapters"
    assert association.key == "to find: association | project management institute (pmi) chapters"


def test_links_are_properly_encoded():
    guide = build_guide(Profile(home_city="St. Louis, MO", roles=("R&D engineer / C++ dev",)))
    meetup = _rows(guide)["meetup"]
    links = dict(meetup.links)
    for url in links.values():
        assert " " not in url
    query = parse_qs(urlsplit(links["Meetup"]).query)
    assert query["keywords"] == ["R&D engineer / C++ dev meetup"]
    assert query["location"] == ["us--mo--St. Louis"]
    assert "R%26D%20engineer%20%2F%20C%2B%2B%20dev" in links["Meetup"]
    linkedin = parse_qs(urlsplit(links["LinkedIn events"]).query)
    assert linkedin["keywords"] == ["R&D engineer / C++ dev meetup St. Louis, MO"]
    assert links["Eventbrite"] == "https://www.eventbrite.com/d/mo--st-louis/r-d-engineer-c-dev-meetup/"


def test_schools_get_alumni_rows():
    guide = build_guide(Profile(home_city="Austin, TX"), ["Rice University", "Austin Community College"])
    alumni = [row for row in guide.rows if row.kind.key == "alumni"]
    assert sorted(row.detail for row in alumni) == ["Austin Community College", "Rice University"]


def test_a_catalogue_covers_kinds():
    guide = build_guide(Profile(home_city="Austin, TX"))
    left = not_covered(guide, [Group("Austin Public Library Job Club", kind="job club"),
                               Group("Downtown Toastmasters", kind="speaking club"),
                               Group("Rotary Club of Austin", kind="social")])
    keys = {row.kind.key for row in left.rows}
    assert keys == EVERY_KIND - {"job club", "toastmasters", "service club"}
    left = not_covered(guide, [Group("St. Mark's Career Transition Ministry", kind="job club")])
    assert {row.kind.key for row in left.rows} == EVERY_KIND - {"career ministry"}


def test_groups_command_prints_the_guide_with_an_empty_catalogue(run):
    assert run("profile", "--home-city", "Leeds", "--roles", "business analyst").exit_code == 0
    result = run("groups")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "No groups imported yet. Kinds of group worth finding" in out
    assert "IIBA" in out and "https://www.iiba.org/business-analysis-membership/chapters/" in out
    assert "Toastmasters" in out and "Referral clubs such as BNI (visit only)" in out
    assert "sample_data" not in out
    data = json.loads(run("groups", "--json").output)
    assert data["groups"] == [] and {g["kind"] for g in data["not_covered"]} == EVERY_KIND
    assert all(g["ask_before_going"] and g["links"] for g in data["not_covered"])


def test_groups_from_without_ics_is_refused_in_one_line(run):
    run("profile", "--hours", "6")
    result = run("groups", "--from", "2026-12-01")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "--ics" in result.output


def test_a_catalogue_shows_the_kinds_not_covered(run):
    assert run("import", "groups", SAMPLE_DATA / "groups.csv").exit_code == 0
    run("profile", "--home-city", "Austin, TX", "--no-relocate")
    out = run("groups").output
    assert "Kinds you have not covered yet:" in out
    section = out[out.index("Kinds you have not covered yet:"):]
    assert "Toastmasters" not in section  # the sample catalogue has Toastmasters clubs
    data = json.loads(run("groups", "--json").output)
    assert data["groups"] and isinstance(data["not_covered"], list)


def test_a_plan_without_a_catalogue_has_the_guide_in_its_groups_sheet(run, tmp_path):
    assert run("import", "linkedin", SAMPLE_DATA / "Basic_LinkedInDataExport_11-20-2026.zip").exit_code == 0
    assert run("import", "targets", SAMPLE_DATA / "targets.xlsx").exit_code == 0
    run("profile", "--home-city", "Austin, TX", "--roles", "project manager")
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    ws = wb["Groups"]
    headers = [c.value for c in ws[1]]
    rows = [dict(zip(headers, row, strict=False)) for row in ws.iter_rows(min_row=2)]
    rows = [r for r in rows if r["Type"].value != "event"]  # the sample's Events.csv comes first
    assert rows and all(r["Advice"].value == "to find" for r in rows)
    pmi = next(r for r in rows if "PMI" in r["Group"].value)
    assert pmi["Website"].hyperlink.target == "https://www.pmi.org/membership/chapters"
    assert "Ask before going" in pmi["Checklist"].value
    # The user's notes on a guide row survive the next plan (rows are kept by Key).
    note_col = headers.index("Notes") + 1
    row_number = pmi["Group"].row
    ws.cell(row=row_number, column=note_col).value = "chapter meets 2nd Tuesday"
    wb.save(out)
    assert run("plan", "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["Groups"]
    notes = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=note_col).value
             for r in range(2, ws.max_row + 1)}
    assert notes[pmi["Group"].value] == "chapter meets 2nd Tuesday"


def test_a_user_with_only_connections_and_a_profile_gets_a_plan_with_the_guide(run, tmp_path):
    """Issue 16: a LinkedIn export and a profile (no target list, no catalogue) are enough for a
    workbook whose Groups sheet is the starter guide."""
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses "
        "are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jane,Doe,https://www.linkedin.com/in/jane-doe,,Acme,Engineer,01 Jan 2025\n", encoding="utf-8")
    assert run("import", "linkedin", connections).exit_code == 0
    assert run("profile", "--home-city", "Spokane, WA", "--roles", "project manager").exit_code == 0
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    assert "No target employers yet, so nobody to write to: import them" in result.output
    book = openpyxl.load_workbook(out)
    advice = [row[1] for row in book["Groups"].iter_rows(min_row=2, values_only=True)]
    assert advice and set(advice) == {"to find"}
    summary = " ".join(str(c) for r in book["Summary"].iter_rows(values_only=True) for c in r if c)
    assert "No target employers yet" in summary


def test_the_printed_guide_says_why_online_comes_first_and_visit_only_once(run, tmp_path):
    connections = tmp_path / "Connections.csv"
    connections.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                           "Jane,Doe,https://www.linkedin.com/in/jane-doe,,Acme,Engineer,01 Jan 2025\n",
                           encoding="utf-8")
    assert run("import", "linkedin", connections).exit_code == 0
    assert run("profile", "--home-city", "Denver, CO", "--roles", "ux designer", "--relocate").exit_code == 0
    shown = run("groups").output
    assert "Kinds of group worth finding, online ones first (you will relocate), then best first:" in shown
    assert "(visit only) (visit only)" not in shown and "BNI (visit only)" in shown
