"""`outreach import groups`: catalogues as people keep them, and bad input as one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLE_DATA
from fixtures.targets.make_fixtures import ods
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach.errors import InputError
from outreach.imports.groups.read import read_groups, read_groups_file

GROUPS = FIXTURES / "groups"
SAMPLE = SAMPLE_DATA / "groups.csv"
HEADER = ["Name", "Type", "City", "Cost", "Meets", "Duration (hours)", "Visitors", "Contract"]
ROWS = [
    ["Library Job Club", "library job club", "Austin, TX", "free", "Wednesdays 10am", "1.5",
     "drop-in", "none"],
    ["BNI Example Chapter", "referral club", "Austin, TX", "$689 per year", "Thursdays 7am", "1.5",
     "2 visits", "12 months"],
]


def write_xlsx(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_ods(path: Path, rows: list[list[str]]) -> Path:
    path.write_bytes(ods(rows, sheet="Groups"))
    return path


def group_count(workspace: Path) -> tuple[int, int]:
    conn = sqlite3.connect(workspace / "outreach.db")
    try:
        groups = conn.execute("SELECT count(*) FROM groups").fetchone()[0]
        imports = conn.execute("SELECT count(*) FROM imports WHERE kind = 'groups'").fetchone()[0]
        return groups, imports
    finally:
        conn.close()


def test_sample_catalogue_has_every_kind_in_several_cities():
    frame = read_groups_file(SAMPLE).frame
    assert len(frame) >= 30
    kinds = set(frame["kind"])
    assert {"job club", "referral club", "chamber", "speaking club", "professional association",
            "alumni", "meetup", "support group", "executive group", "online community",
            "social"} <= kinds
    cities = set(frame.loc[~frame["online"], "city"])
    assert {"Austin, TX", "Round Rock, TX", "Dallas, TX"} <= cities
    assert frame["online"].sum() >= 3
    # Free text became numbers, with the original text kept.
    bni = frame.set_index("name").loc["BNI Capital City Connectors Chapter"]
    assert bni["cost_text"] == "$689 per year + $199 application fee"
    assert bni["cost_per_year"] == 888
    assert bni["meetings_per_month"] == pytest.approx(52 / 12)
    assert bni["one_seat"] and bni["max_visits"] == 2 and bni["contract_months"] == 12


def test_title_rows_semicolons_cp1252_and_header_synonyms():
    catalogue = read_groups_file(GROUPS / "preamble_semicolon_cp1252.csv")
    frame = catalogue.frame
    assert list(frame["name"]) == ["Café Careers Job Club", "Tech Breakfast Club – North",
                                   "Hill Country Referral Chapter"]
    assert any("Windows-1252" in n for n in catalogue.notes)
    assert list(frame["kind"]) == ["job club", "meetup", "referral club"]
    assert list(frame["duration_hours"]) == [2.0, 1.5, 1.5]  # the last from "7-8:30am"
    assert frame["cost_per_year"].tolist() == [0, 180, 888]
    assert frame["row"].tolist() == [5, 6, 7]


def test_unreadable_values_are_warnings_naming_row_and_column():
    catalogue = read_groups_file(GROUPS / "messy_values.csv")
    warnings = "\n".join(catalogue.warnings)
    assert list(catalogue.frame["name"]) == ["Good Group", "Mystery Mixer", "Far Away Club"]
    for expected in [
        "row 3, column 'Cost': cannot read 'call for details' as a cost",
        "row 3, column 'Meets': cannot read 'when the moon is full'",
        "row 3, column 'Duration (hours)': cannot read 'a while'",
        "row 3, column 'Visitors': cannot read 'maybe'",
        "row 3, column 'Contract': cannot read 'it depends'",
        "row 3, column 'Salary range or career level': cannot read 'lots'",
        "row 4: no group name; row skipped",
        "row 5: 'Good Group' repeats row 2; kept the first",
    ]:
        assert expected in warnings
    mystery = catalogue.frame.set_index("name").loc["Mystery Mixer"]
    assert mystery["cost_text"] == "call for details"
    assert mystery["cost_per_year"] is None or mystery["cost_per_year"] != mystery["cost_per_year"]


def test_xlsx_with_title_rows_picks_the_sheet_with_groups(tmp_path):
    path = write_xlsx(tmp_path / "groups.xlsx", {
        "Read me": [["This workbook lists groups"], ["Ask me before editing"]],
        "Groups": [["My networking groups"], [], HEADER, *ROWS],
    })
    catalogue = read_groups_file(path)
    assert list(catalogue.frame["name"]) == ["Library Job Club", "BNI Example Chapter"]
    assert "read sheet 'Groups'" in catalogue.notes[0]


def test_ods(tmp_path):
    catalogue = read_groups_file(write_ods(tmp_path / "groups.ods", [HEADER, *ROWS]))
    assert list(catalogue.frame["kind"]) == ["job club", "referral club"]


@pytest.mark.parametrize("make,message", [
    (lambda d: GROUPS / "no_name_column.csv", "no column for the group's name"),
    (lambda d: GROUPS / "only_header.csv", "no groups below it"),
    (lambda d: GROUPS / "empty.csv", "is empty"),
    (lambda d: GROUPS / "binary.csv", "not a CSV file"),
    (lambda d: d / "missing.csv", "does not exist"),
])
def test_bad_input_is_one_line_and_changes_nothing(run, workspace, tmp_path, make, message):
    assert run("import", "groups", SAMPLE).exit_code == 0
    before = group_count(workspace)
    result = run("import", "groups", make(tmp_path))
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output
    assert group_count(workspace) == before


def test_bad_input_does_not_create_a_workspace(run, workspace):
    result = run("import", "groups", GROUPS / "no_name_column.csv")
    assert result.exit_code == 1
    assert not workspace.exists()


def test_import_summary_and_idempotent_reimport(run, workspace):
    first = run("import", "groups", SAMPLE)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("Imported 38 groups from groups.csv: ")
    assert "online" in first.output and "free" in first.output
    assert "row 39, column 'Cost': cannot read 'ask at the door' as a cost" in first.output
    conn = sqlite3.connect(workspace / "outreach.db")
    snapshot = conn.execute("SELECT * FROM groups ORDER BY id").fetchall()
    conn.close()
    second = run("import", "groups", SAMPLE)
    assert second.exit_code == 0
    assert "(38 unchanged)" in second.output
    conn = sqlite3.connect(workspace / "outreach.db")
    assert conn.execute("SELECT * FROM groups ORDER BY id").fetchall() == snapshot
    conn.close()
    assert group_count(workspace) == (38, 2)


def test_a_second_catalogue_adds_and_replace_replaces(run, workspace):
    run("import", "groups", SAMPLE)
    added = run("import", "groups", GROUPS / "preamble_semicolon_cp1252.csv")
    assert added.exit_code == 0, added.output
    assert group_count(workspace)[0] == 41
    assert "38 groups already in the catalogue are not in this file: kept" in added.output
    replaced = run("import", "groups", "--replace", GROUPS / "preamble_semicolon_cp1252.csv")
    assert replaced.exit_code == 0, replaced.output
    assert group_count(workspace)[0] == 3


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: ("Name,Cost,Meets\n" + t).encode()))
def test_any_bytes_give_a_catalogue_or_an_input_error(data):
    try:
        catalogue = read_groups(data, "groups.csv")
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert len(catalogue.frame) >= 1
