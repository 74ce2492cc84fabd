"""`outreach import targets` and `outreach targets`: messy spreadsheets in, a clean list out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import insert_contacts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach.errors import InputError
from outreach.imports.targets import normalise_priorities, read_priority, read_targets

FIXTURES = Path(__file__).parent / "fixtures" / "targets"


def targets_in(workspace: Path) -> list[tuple]:
    if not (workspace / "outreach.db").exists():
        return []
    conn = sqlite3.connect(workspace / "outreach.db")
    try:
        return conn.execute(
            "SELECT name, key, priority, priority_text, row_order, location, roles, notes, sheet "
            "FROM targets ORDER BY row_order"
        ).fetchall()
    finally:
        conn.close()


def names_and_priorities(workspace: Path) -> list[tuple[str, float]]:
    return [(row[0], row[2]) for row in targets_in(workspace)]


@pytest.mark.parametrize(
    "fixture,expected,note",
    [
        # Title row, merged cells, blank rows, "Employer", "Priority (1-5)" where 1 is the top,
        # a duplicate ("google") merged into "Google LLC", a placeholder and a row without a
        # company skipped.
        ("titled.xlsx", [("Walmart", 1.0), ("Google LLC", 1.0), ("Ørsted A/S", 0.625),
                         ("Epic Systems", 0.0)], "1 row without a company skipped"),
        # Every sheet with a company column, in order; the notes sheet is skipped.
        ("two_sheets.xlsx", [("Spotify", 0.75), ("Stripe, Inc.", 0.5), ("Figma", 0.25),
                             ("Accenture", 1.0), ("Infosys", 0.0), ("Capgemini", 0.5)],
         "skipped sheet(s) without a company column: 'Read me'"),
        # Semicolons, cp1252, a rating with decimal commas where bigger is better.
        ("semicolon_cp1252.csv", [("Société Générale", 0.875), ("Nestlé", 0.5),
                                  ("Crédit Agricole", 0.375)], "read it as Windows-1252"),
        ("stars.tsv", [("Atlassian", 1.0), ("Canva", 0.6), ("Shopify", 0.2)], "tab-separated"),
        # No priority column: the order of the list, in the middle band 0.55 -> 0.45 (four rows);
        # "nvidia corporation" is NVIDIA again.
        ("no_priority.csv", [("NVIDIA", 0.55), ("Databricks", 0.5167), ("Snowflake Inc.", 0.4833)],
         "1 duplicate row merged"),
        ("ranked.ods", [("Novo Nordisk", 0.5), ("Vestas", 1.0), ("Carlsberg Group", 0.0)], "3 new"),
        # An .xlsx saved with a .csv name is read as the workbook it is, and the user is told.
        ("really_xlsx.csv", [("Siemens AG", 0.55), ("Bosch", 0.45)], "is really an Excel workbook"),
    ],
)
def test_import_messy_target_lists(run, workspace, fixture, expected, note):
    result = run("import", "targets", FIXTURES / fixture)
    assert result.exit_code == 0, result.output
    assert note in result.output
    got = names_and_priorities(workspace)
    assert [name for name, _ in got] == [name for name, _ in expected]
    assert [p for _, p in got] == pytest.approx([p for _, p in expected], abs=1e-3)


def test_summary_counts_merges_placeholders_and_rows_without_company(run, workspace):
    result = run("import", "targets", FIXTURES / "titled.xlsx")
    assert result.output.splitlines()[:11] == [
        "Imported 4 targets from titled.xlsx: 4 new, 0 updated, 0 unchanged.",
        # The columns used, as the user wrote them; "Priority (1-5)" is a priority, so a rank.
        "  company: 'Employer'",
        "  priority: 'Priority (1-5)', 1 = most wanted",
        "  location: 'City'",
        "  industry: 'Industry'",
        "  roles: 'Roles wanted'",
        "  website: 'Website'",
        "  notes: 'Notes'",
        "1 duplicate row merged into an earlier row for the same company.",
        "1 row without a company skipped.",
        "1 row skipped: not a company name ('Self-employed').",
    ]
    google = next(row for row in targets_in(workspace) if row[0] == "Google LLC")
    # The duplicate's higher priority and its roles are kept; the first spelling is the name.
    assert google[1] == "google" and google[2] == 1.0 and google[3] == "1"
    assert google[6] == "Analytics Engineer" and google[7] == "duplicate of Google LLC"


def test_reimport_is_idempotent(run, workspace):
    run("import", "targets", FIXTURES / "titled.xlsx")
    before = targets_in(workspace)
    result = run("import", "targets", FIXTURES / "titled.xlsx")
    assert "0 new, 0 updated, 4 unchanged" in result.output
    assert targets_in(workspace) == before


def test_imports_add_up_and_replace_swaps_the_list(run, workspace):
    run("import", "targets", FIXTURES / "titled.xlsx")
    result = run("import", "targets", FIXTURES / "no_priority.csv")
    assert "3 new" in result.output
    assert len(targets_in(workspace)) == 7
    result = run("import", "targets", FIXTURES / "no_priority.csv", "--replace")
    assert result.exit_code == 0, result.output
    assert "0 new, 3 updated, 0 unchanged, 4 removed" in result.output
    assert [row[0] for row in targets_in(workspace)] == ["NVIDIA", "Databricks", "Snowflake Inc."]


def test_sheet_option(run, workspace):
    result = run("import", "targets", FIXTURES / "two_sheets.xlsx", "--sheet", "Backup")
    assert result.exit_code == 0, result.output
    assert [row[0] for row in targets_in(workspace)] == ["Accenture", "Infosys", "Capgemini"]
    assert {row[8] for row in targets_in(workspace)} == {"Backup"}
    result = run("import", "targets", FIXTURES / "two_sheets.xlsx", "--sheet", "Nope")
    assert result.exit_code == 1
    assert "no sheet called 'Nope'; its sheets are 'Dream list', 'Read me', 'Backup'" in result.output
    result = run("import", "targets", FIXTURES / "two_sheets.xlsx", "--sheet", "Read me")
    assert result.exit_code == 1 and "no column naming the companies" in result.output
    result = run("import", "targets", FIXTURES / "no_priority.csv", "--sheet", "Backup")
    assert result.exit_code == 1 and "no sheets" in result.output


@pytest.mark.parametrize(
    "fixture,message",
    [
        ("bad_no_company_column.xlsx", "no column naming the companies"),
        ("bad_empty.csv", "is empty"),
        ("bad_blank_rows.csv", "has no rows"),
        ("bad_empty_sheet.xlsx", "has no rows"),
        ("bad_header_only.csv", "no row below it names a company"),
        ("bad_password_protected.xlsx", "password-protected"),
        ("bad_corrupt.xlsx", "is damaged"),
        ("bad_pdf.csv", "looks like a PDF document"),
        ("does_not_exist.xlsx", "does not exist"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(run, workspace, fixture, message):
    run("import", "targets", FIXTURES / "no_priority.csv")
    before = targets_in(workspace)
    result = run("import", "targets", FIXTURES / fixture)
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output
    assert targets_in(workspace) == before


def test_a_list_of_placeholders_only_is_refused(run, workspace, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Company\nSelf-employed\nStealth Startup\n", encoding="utf-8")
    result = run("import", "targets", path)
    assert result.exit_code == 1 and "no row names a company that can be matched" in result.output
    assert targets_in(workspace) == []


@pytest.mark.parametrize(
    "texts,header,expected",
    [
        (["High", "Medium", "Low", "", "Very high", "Must-have", "n/a"], "priority",
         [0.75, 0.5, 0.25, None, 1.0, 1.0, None]),
        (["1", "2", "3", "5"], "priority", [1.0, 0.75, 0.5, 0.0]),
        (["1", "2", "3", "5"], "rating", [0.0, 0.25, 0.5, 1.0]),
        (["A", "B", "C", "B+"], "tier", [1.0, 0.5, 0.0, 0.65]),
        (["4,5", "3", "2,5"], "rating", [0.875, 0.5, 0.375]),
        (["P1", "P2", "P3"], "notes", [1.0, 0.5, 0.0]),
        (["1st", "2nd", "10th"], "interest", [1.0, 0.8889, 0.0]),
        (["80%", "50%"], "interest", [0.8, 0.5]),
        (["★★★", "★", "⭐⭐⭐⭐⭐", "***"], "stars", [0.6, 0.2, 1.0, 0.6]),
        (["1 - top", "2 (maybe)"], "priority", [1.0, 0.0]),
        (["7", "7"], "rank", [1.0, 1.0]),
    ],
)
def test_priorities_in_every_common_form(texts, header, expected):
    assert normalise_priorities([read_priority(t, header) for t in texts]) == expected


def test_an_unreadable_priority_is_a_warning_and_ranks_last(run, workspace, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Company,Priority\nAcme,High\nGlobex,whenever\n", encoding="utf-8")
    result = run("import", "targets", path)
    assert result.exit_code == 0
    assert "row 3: cannot read priority 'whenever'; ranked last" in result.output
    assert names_and_priorities(workspace) == [("Acme", 0.75), ("Globex", 0.0)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), name=st.sampled_from(["t.csv", "t.xlsx", "t.tsv", "t.ods"]))
def test_any_bytes_give_a_target_list_or_an_input_error(data, name):
    try:
        table = read_targets(data, name)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert list(table.frame.columns)[:3] == ["name", "priority", "priority_text"]
    assert table.frame["priority"].between(0, 1).all()


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=4), max_size=6))
def test_any_csv_text_gives_a_target_list_or_an_input_error(rows):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Company", "Priority"], *rows])
    try:
        table = read_targets(buffer.getvalue().encode("utf-8"), "t.csv")
    except InputError:
        return
    assert table.frame["priority"].between(0, 1).all()


# -- outreach targets ------------------------------------------------------------------------


def add_contacts(workspace: Path, companies: list[str]) -> None:
    from outreach.store import open_workspace, transaction

    conn = open_workspace(workspace)
    with transaction(conn):
        insert_contacts(conn, companies)
    conn.close()


def test_targets_json_lists_every_target_with_contacts_and_suggestions(run, workspace):
    run("import", "targets", FIXTURES / "titled.xlsx")
    add_contacts(workspace, ["Walmart Inc.", "Sam's Club", "WallMart", "Orsted", "Epic Games",
                             "Self-employed"])
    result = run("targets", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [t["target"] for t in data] == ["Walmart", "Google LLC", "Ørsted A/S", "Epic Systems"]
    walmart = data[0]
    assert walmart["priority"] == 1.0 and walmart["priority_text"] == "1"
    assert [(c["company"], c["tier"], c["score"]) for c in walmart["contacts"]] == [
        ("Walmart Inc.", "exact", 100.0), ("Sam's Club", "alias", 100.0)]
    assert set(walmart["contacts"][0]) >= {"profile_url", "name", "company", "position", "tier", "score"}
    assert walmart["contacts"][0]["profile_url"].startswith("https://www.linkedin.com/in/")
    assert [(r["company"], r["tier"]) for r in walmart["review"]] == [("WallMart", "review")]
    assert data[1]["contacts"] == [] and data[1]["review"] == []  # targets without contacts too
    assert [c["company"] for c in data[2]["contacts"]] == ["Orsted"]
    assert data[3]["contacts"] == []  # Epic Games is not Epic Systems


def test_targets_plain_output_shows_both_names(run, workspace):
    run("import", "targets", FIXTURES / "titled.xlsx")
    add_contacts(workspace, ["Walmart Inc.", "WallMart"])
    result = run("targets")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Walmart  ·  priority 1.00 (1)  ·  1 contact, 1 to review"
    assert lines[1] == "    Person0 Doe · Engineer · 'Walmart Inc.' [exact]"
    assert lines[2].startswith("  ? Person1 Doe · Engineer · 'WallMart' [review 9")
    assert "4 targets, 1 with contacts." in result.output
    assert "await your decision: `outreach review`" in result.output
    matched = run("targets", "--matched").output
    assert "Google LLC" not in matched and "Walmart" in matched


def test_targets_without_a_workspace(run):
    result = run("targets")
    assert result.exit_code == 1 and "no workspace" in result.output
