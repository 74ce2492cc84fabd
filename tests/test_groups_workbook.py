"""The Groups sheet as the user works in it: groups they found, typed into empty rows or over a
starter-guide row, join the catalogue on the next plan (issue 16, point 2); the events of their
export show there with their organisers (issue 15, point 5)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman-1a2b3c,,Initech,Data Engineer,03 Feb 2020\n"
    "Tom,Okafor,https://www.linkedin.com/in/tomokafor,,Globex Corporation,Analyst,12 Aug 2017\n"
)
# As LinkedIn writes it: a time range, APPROVED, the address often empty.
EVENTS = (
    "Event Name,Event Time,Status,External Url\n"
    '"Spark Streaming, Hands-On","Nov 10, 2025 06:30 PM - Nov 10, 2025 08:30 PM",APPROVED,'
    "https://www.meetup.com/austin-data-engineers/events/301234567/\n"
    'Data Careers Virtual Fair,"Mar 04, 2025 06:00 PM - Mar 04, 2025 07:00 PM",APPROVED,'
    "https://www.linkedin.com/events/7034567890123456789/\n"
    'Product Leaders Breakfast,"Jun 12, 2025 08:00 AM - Jun 12, 2025 09:30 AM",APPROVED,'
    "https://www.eventbrite.com/o/austin-product-circle-18273645001\n"
    'Cloud Summit Austin,"Aug 20, 2025 09:00 AM - Aug 20, 2025 05:00 PM",APPROVED,\n'
)
# The typed group, cell by cell, as a person types it.
TYPED = {"Group": "Austin Data Engineers", "Where": "Austin, TX", "Cost": "free",
         "Meets": "2nd Tuesday 6:30pm", "Duration": "2 hours", "Visitors allowed": "yes",
         "Contract": "no", "Type": "meetup", "Notes": "Priya goes; ask her to introduce me"}


def _export(tmp_path: Path, events: str | None = None) -> Path:
    path = tmp_path / "Basic_LinkedInDataExport_11-20-2026.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        if events is not None:
            archive.writestr("Events.csv", events)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def ready(run, tmp_path):
    """A workspace with a small export, one target and a profile; returns the plan's path."""
    def _ready(events: str | None = None) -> Path:
        assert run("import", "linkedin", _export(tmp_path, events)).exit_code == 0
        targets = tmp_path / "targets.csv"
        targets.write_text("Company,Priority\nInitech,high\n", encoding="utf-8")
        assert run("import", "targets", targets).exit_code == 0
        assert run("profile", "--home-city", "Austin, TX", "--roles", "data engineer",
                   "--hours", "8").exit_code == 0
        return tmp_path / "plan.xlsx"
    return _ready


def _plan(run, out: Path):
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    return result


def _rows(out: Path) -> list[dict]:
    sheet = openpyxl.load_workbook(out)["Groups"]
    headers = [c.value for c in sheet[1]]
    return [dict(zip(headers, row, strict=False))
            for row in sheet.iter_rows(min_row=2, values_only=True) if any(row)]


def _type_rows(out: Path, rows: list[dict]) -> None:
    """Type ``rows`` into the empty rows below the Groups sheet's last, as a person would."""
    book = openpyxl.load_workbook(out)
    sheet = book["Groups"]
    column = {c.value: c.column for c in sheet[1]}
    first = sheet.max_row + 1
    for offset, cells in enumerate(rows):
        for header, value in cells.items():
            sheet.cell(first + offset, column[header]).value = value
    book.save(out)


def _facts(out: Path) -> dict:
    sheet = openpyxl.load_workbook(out)["Summary"]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}


def _catalogue(run) -> list[dict]:
    result = run("groups", "--json", "--all")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["groups"]


def test_a_group_typed_into_the_workbook_joins_the_catalogue_scored(run, ready):
    out = ready()
    _plan(run, out)
    assert _catalogue(run) == []
    _type_rows(out, [TYPED])
    _plan(run, out)

    found = [g for g in _catalogue(run) if g["name"] == "Austin Data Engineers"]
    assert len(found) == 1
    group = found[0]
    assert group["city"] == "Austin, TX" and group["cost_per_year"] == 0.0
    assert group["kind"] == "meetup" and group["meets"] == "2nd Tuesday 6:30pm"
    assert group["hours_per_month"] > 0 and group["score"] > 0

    rows = [r for r in _rows(out) if r["Group"] == "Austin Data Engineers"]
    assert len(rows) == 1  # a scored row, not the typed row kept beside it
    row = rows[0]
    assert row["Score"] == group["score"] and row["Advice"] in ("recommended", "no")
    assert row["Key"] == "austin data engineers | austin, tx"
    assert row["Notes"] == TYPED["Notes"]
    for header in ("Where", "Cost", "Meets", "Duration", "Visitors allowed", "Contract", "Type"):
        assert row[header] == TYPED[header], header
    assert not row.get("Plan note")
    assert _facts(out)["Groups added from the workbook"] == 1

    # and on every later plan: one group, one row, the note still there
    _plan(run, out)
    assert [g["name"] for g in _catalogue(run)].count("Austin Data Engineers") == 1
    rows = [r for r in _rows(out) if r["Group"] == "Austin Data Engineers"]
    assert len(rows) == 1 and rows[0]["Notes"] == TYPED["Notes"]
    assert "Groups added from the workbook" not in _facts(out)


def test_a_row_that_cannot_be_read_keeps_what_was_typed_and_says_what_to_fix(run, ready):
    out = ready()
    _plan(run, out)
    _type_rows(out, [{"Group": "Capital City Data Circle", "Where": "Austin, TX",
                      "Cost": "ask", "Meets": "monthly", "Notes": "heard of it at work"},
                     {"Cost": "free", "Meets": "Thursdays 7pm", "Notes": "the one Tom runs"}])
    result = _plan(run, out)
    assert "Traceback" not in result.output
    assert _catalogue(run) == []
    rows = _rows(out)
    circle = next(r for r in rows if r["Group"] == "Capital City Data Circle")
    assert circle["Cost"] == "ask" and circle["Meets"] == "monthly"
    assert circle["Notes"] == "heard of it at work"
    assert "'ask'" in circle["Left out because"] and "$20 per meeting" in circle["Left out because"]
    nameless = next(r for r in rows if r["Notes"] == "the one Tom runs")
    assert nameless["Cost"] == "free" and nameless["Meets"] == "Thursdays 7pm"
    assert "Group column" in nameless["Left out because"]
    summary = " ".join(str(v) for v in _facts(out))
    assert "could not be read" in summary and "Capital City Data Circle" in summary

    # fixed in place, it is read on the next plan; its old note is gone
    book = openpyxl.load_workbook(out)
    sheet = book["Groups"]
    column = {c.value: c.column for c in sheet[1]}
    at = next(r for r in range(2, sheet.max_row + 1)
              if sheet.cell(r, column["Group"]).value == "Capital City Data Circle")
    sheet.cell(at, column["Cost"]).value = "$10 per meeting"
    book.save(out)
    _plan(run, out)
    assert [g["name"] for g in _catalogue(run)] == ["Capital City Data Circle"]
    circle = next(r for r in _rows(out) if r["Group"] == "Capital City Data Circle")
    assert circle["Score"] is not None and circle["Cost"] == "$10 per meeting"
    assert "Not in your catalogue" not in (circle["Left out because"] or "")
    assert circle["Notes"] == "heard of it at work"


def test_a_filled_in_guide_row_becomes_a_group(run, ready):
    out = ready()
    _plan(run, out)
    book = openpyxl.load_workbook(out)
    sheet = book["Groups"]
    column = {c.value: c.column for c in sheet[1]}
    at = next(r for r in range(2, sheet.max_row + 1)
              if sheet.cell(r, column["Group"]).value == "Meetups of your trade")
    assert sheet.cell(at, column["Advice"]).value == "to find"
    for header in ("Group", "Meets", "Cost", "Notes"):
        sheet.cell(at, column[header]).value = TYPED[header]
    book.save(out)
    _plan(run, out)

    group = next(g for g in _catalogue(run) if g["name"] == "Austin Data Engineers")
    assert group["city"] == "Austin, TX"  # the guide row's city, kept
    assert group["kind"] == "meetup" and group["meets"] == "2nd Tuesday 6:30pm"
    assert "meetup.com/find" not in (group["url"] or "")  # the guide's search link is no website
    row = next(r for r in _rows(out) if r["Group"] == "Austin Data Engineers")
    assert row["Score"] == group["score"] and row["Notes"] == TYPED["Notes"]
    assert row["Advice"] != "to find"


def test_events_show_on_the_groups_sheet_with_their_organisers(run, ready, tmp_path):
    out = ready(EVENTS)
    catalogue = tmp_path / "groups.csv"
    catalogue.write_text(
        "Name,Type,City,Cost,Meets,Duration,URL\n"
        "Austin Data Engineers,Meetup,\"Austin, TX\",free,2nd Tuesday 6:30pm,2 hours,"
        "https://www.meetup.com/austin-data-engineers/\n", encoding="utf-8")
    assert run("import", "groups", catalogue).exit_code == 0
    _plan(run, out)
    rows = _rows(out)
    events = [r for r in rows if r["Type"] == "event"]
    # newest first, each with when the user went
    assert [r["Group"] for r in events] == ["Spark Streaming, Hands-On", "Cloud Summit Austin",
                                            "Product Leaders Breakfast", "Data Careers Virtual Fair"]
    assert {r["Advice"] for r in events} == {"you went"}
    assert "10 Nov 2025" in events[0]["Meets"]
    why = {r["Group"]: r["Why"] for r in events}
    assert why["Spark Streaming, Hands-On"].startswith(
        "Organised by Austin Data Engineers (its Meetup address names it), in your catalogue")
    assert why["Product Leaders Breakfast"].startswith("Organised by Austin Product Circle")
    assert "not in your catalogue" in why["Product Leaders Breakfast"]
    assert "LinkedIn event" in why["Data Careers Virtual Fair"]
    assert "no organiser" in why["Cloud Summit Austin"]
    # the group's own row says the user has been there, and so does `outreach groups`
    group = next(r for r in rows if r["Group"] == "Austin Data Engineers")
    assert "you went to their event on 10 Nov 2025" in group["Flags"]
    listed = next(g for g in _catalogue(run) if g["name"] == "Austin Data Engineers")
    assert "you went to their event on 10 Nov 2025" in listed["flags"]
    assert _facts(out)["Events you went to or registered for (Groups sheet)"] == 4


def test_an_export_without_events_adds_no_event_rows(run, ready):
    out = ready()
    _plan(run, out)
    assert not [r for r in _rows(out) if r["Type"] == "event"]


def test_an_online_group_typed_as_people_write_it_keeps_its_cells(run, ready):
    """"Online" and "Meetup" as typed, not the plan's "online" and "meetup" beside them."""
    out = ready()
    _plan(run, out)
    _type_rows(out, [{"Group": "dbt Community", "Where": "Online", "Type": "Online community",
                      "Cost": "free", "Meets": "weekly", "Duration": "1 hour",
                      "Website": "https://www.getdbt.com/community"}])
    _plan(run, out)
    sheet = openpyxl.load_workbook(out)["Groups"]
    assert not [c.value for c in sheet[1] if str(c.value).startswith("Suggested")]
    row = next(r for r in _rows(out) if r["Group"] == "dbt Community")
    assert (row["Where"], row["Type"]) == ("Online", "Online community")
    assert row["Score"] is not None and row["Key"] == "dbt community | online"
    assert row["Website"] == "https://www.getdbt.com/community"


def test_an_organisers_name_is_spelt_as_the_event_writes_it():
    from outreach.groups.events import organiser

    assert organiser("https://www.meetup.com/front-range-dbt/events/301/", "Front Range dbt Meetup: October") == (
        "Front Range dbt", "https://www.meetup.com/front-range-dbt/")
    assert organiser("https://www.meetup.com/austin-data-engineers/events/1/")[0] == "Austin Data Engineers"
    assert organiser("https://www.linkedin.com/events/7123/", "Data Day") == ("", "")


def test_a_focus_word_the_reader_does_not_know_leaves_the_focus_unknown_not_the_group_out(run, ready):
    """A new user typed 'meetup' in Focus: the group still joins the catalogue."""
    out = ready()
    _plan(run, out)
    _type_rows(out, [{**TYPED, "Group": "Denver Data & Product Meetup", "Where": "Denver, CO", "Focus": "meetup"}])
    _plan(run, out)
    assert [g["name"] for g in _catalogue(run)] == ["Denver Data & Product Meetup"]


def test_a_group_row_deleted_from_the_sheet_takes_no_budget_until_restored(run, ready):
    """A new user's trial: a deleted group kept its hours in the budget and in outreach groups."""
    out = ready()
    _plan(run, out)
    _type_rows(out, [TYPED])
    _plan(run, out)
    assert any(r["Group"] == "Austin Data Engineers" for r in _rows(out))
    book = openpyxl.load_workbook(out)
    sheet = book["Groups"]
    row = next(c.row for c in sheet["A"] if c.value == "Austin Data Engineers")
    sheet.delete_rows(row)
    book.save(out)
    assert "1 deleted row" in _plan(run, out).output
    assert not any(r["Group"] == "Austin Data Engineers" for r in _rows(out))
    shown = run("groups", "--json", "--all").output
    assert "Austin Data Engineers" not in shown  # no part in the recommendations, no hours taken
    restored = run("plan", "-o", out, "--restore", "Austin Data Engineers")
    assert restored.exit_code == 0, restored.output
    assert any(r["Group"] == "Austin Data Engineers" for r in _rows(out))


def test_the_typed_group_columns_are_on_screen_not_on_paper(run, ready):
    out = ready()
    _plan(run, out)
    sheet = openpyxl.load_workbook(out)["Groups"]
    headers = [c.value for c in sheet[1]]
    from openpyxl.utils import column_index_from_string

    area = sheet.print_area if isinstance(sheet.print_area, str) else sheet.print_area[0]
    last_printed = area.split(":")[-1].replace("$", "").rstrip("0123456789")

    assert headers[column_index_from_string(last_printed) - 1] == "Notes"
    assert headers.index("Focus") > headers.index("Notes")
