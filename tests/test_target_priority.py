"""Which way a priority column reads, said aloud; lists without one in the middle; the user's
other columns kept with each target."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from outreach.imports.targets import (
    normalise_priorities,
    priority_order,
    read_priority,
    read_targets,
)

FIXTURES = Path(__file__).parent / "fixtures" / "targets"

HIGH, LOW = True, False

#: Headers as people write them -> (a bigger number is better?, the scale the header declares).
HEADERS = [
    # A rating word, with or without its scale: the biggest number is the top.
    ("Excitement", HIGH, None),
    ("Excitement (1-5)", HIGH, (1, 5)),
    ("excitement 1-5", HIGH, (1, 5)),
    ("Excitement level (1–5)", HIGH, (1, 5)),
    ("Interest (1-10)", HIGH, (1, 10)),
    ("Interest level 1 to 10", HIGH, (1, 10)),
    ("Level of interest", HIGH, None),
    ("Interest", HIGH, None),
    ("Stars (out of 5)", HIGH, (0, 5)),
    ("Stars", HIGH, None),
    ("★", HIGH, None),
    ("⭐ rating", HIGH, None),
    ("Rating", HIGH, None),
    ("Rating /5", HIGH, (0, 5)),
    ("My rating (1-5)", HIGH, (1, 5)),
    ("Score", HIGH, None),
    ("Score (0-100)", HIGH, (0, 100)),
    ("Fit score", HIGH, None),
    ("Culture fit (1-5)", HIGH, (1, 5)),
    ("Fit /10", HIGH, (0, 10)),
    ("Overall score out of 10", HIGH, (0, 10)),
    ("Priority score", HIGH, None),
    ("How much I want it (1-5)", HIGH, (1, 5)),
    ("Want", HIGH, None),
    ("Importance", HIGH, None),
    ("Enthusiasm 1..5", HIGH, (1, 5)),
    ("Gut feel (1-10)", HIGH, (1, 10)),
    ("1-10", HIGH, (1, 10)),
    ("/5", HIGH, (0, 5)),
    # A rank word, whatever the scale: 1 is the top.
    ("Priority", LOW, None),
    ("Priority (1-5)", LOW, (1, 5)),
    ("Priority level", LOW, None),
    ("Prio", LOW, None),
    ("Rank", LOW, None),
    ("Ranking", LOW, None),
    ("Rank #", LOW, None),
    ("#", LOW, None),
    ("No.", LOW, None),
    ("Tier", LOW, None),
    ("Tier (1-3)", LOW, (1, 3)),
    ("Order", LOW, None),
    ("Order of preference", LOW, None),
    ("Choice", LOW, None),
    ("Interest rank", LOW, None),
    ("Rank (by excitement)", LOW, None),
    ("Dream ranking 1-20", LOW, (1, 20)),
    # A phrase naming the top outranks the words.
    ("Rank (1 = dream job)", LOW, None),
    ("Priority (5 = highest)", HIGH, None),
    ("Priority (1 = low, 5 = high)", HIGH, None),
    ("Interest (1 = best)", LOW, None),
    ("Excitement (10 is the most)", HIGH, None),
    ("Score (lower is better)", LOW, None),
    ("Rank - higher is better", HIGH, None),
    # Headers that say nothing: the values decide.
    ("Level", None, None),
    ("Overall", None, None),
]


@pytest.mark.parametrize("header,higher,scale", HEADERS, ids=[h for h, _, _ in HEADERS])
def test_direction_of_real_world_priority_headers(header, higher, scale):
    order = priority_order(header)
    assert order.higher_is_better is higher
    assert order.scale == (None if scale is None else tuple(float(s) for s in scale))
    if higher is not None:
        assert order.because  # what decided is named


def test_the_header_table_has_both_directions_and_enough_spellings():
    assert len(HEADERS) >= 40
    assert sum(1 for _, h, _ in HEADERS if h is HIGH) >= 15 and sum(1 for _, h, _ in HEADERS if h is LOW) >= 15


@pytest.mark.parametrize(
    "texts,expected",
    [
        (["High", "Medium", "Low"], [0.75, 0.5, 0.25]),
        (["A", "B", "C"], [1.0, 0.5, 0.0]),
        (["★★★", "★", "★★★★★"], [0.6, 0.2, 1.0]),
        (["P1", "P2", "P3"], [1.0, 0.5, 0.0]),
        (["1st", "2nd", "3rd"], [1.0, 0.5, 0.0]),
        (["4/5", "2/5"], [0.8, 0.4]),
    ],
)
def test_values_with_a_direction_of_their_own_read_so_under_any_header(texts, expected):
    for header in ("Level", "Excitement (1-5)", "Priority"):
        assert normalise_priorities([read_priority(t, header) for t in texts]) == expected


def test_numbers_are_placed_on_the_scale_the_header_declares():
    """'Excitement (1-5)' with only 3s and 4s: 3 is the middle of 1-5, not the bottom."""
    order = priority_order("Excitement (1-5)")
    readings = [read_priority(t, "Excitement (1-5)") for t in ("3", "4")]
    assert normalise_priorities(readings, order.scale) == [0.5, 0.75]
    order = priority_order("Priority (1-5)")
    readings = [read_priority(t, "Priority (1-5)") for t in ("1", "2")]
    assert normalise_priorities(readings, order.scale) == [1.0, 0.75]


def rows(workspace: Path) -> list[tuple]:
    conn = sqlite3.connect(workspace / "outreach.db")
    try:
        return conn.execute("SELECT name, priority, extra FROM targets ORDER BY priority DESC, row_order").fetchall()
    finally:
        conn.close()


def test_a_rating_out_of_five_reads_five_as_most_wanted_and_says_so(run, workspace):
    result = run("import", "targets", FIXTURES / "excitement_1_5.xlsx")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1:7] == [
        "  company: 'Company'",
        "  priority: 'Excitement (1-5)', 5 = most wanted",
        "  notes: 'Why'",
        "  location: 'City'",
        "  website: 'Link to posting'",
        "  kept with each target: 'Applied?'",
    ]
    assert [(name, priority) for name, priority, _ in rows(workspace)] == [
        ("Patagonia", 1.0), ("REI", 0.75), ("Duolingo", 0.5), ("Etsy", 0.0)]


@pytest.mark.parametrize(
    "fixture,line,order",
    [
        ("interest_1_10.csv", "priority: 'Interest (1-10)', 10 = most wanted",
         ["Mozilla", "Wikimedia Foundation", "Oracle"]),
        ("stars_out_of_5.csv", "priority: 'Stars (out of 5)', 5 = most wanted", ["Deezer", "Spotify", "SoundCloud"]),
        ("hash_rank.csv", "priority: '#', 1 = most wanted", ["Novo Nordisk", "LEGO Group", "Maersk"]),
        ("two_sheets.xlsx", "priority: 'Tier', 'A' = most wanted", ["Accenture", "Spotify", "Stripe, Inc.",
                                                                      "Capgemini", "Figma", "Infosys"]),
    ],
)
def test_each_import_says_how_it_read_the_priority(run, workspace, fixture, line, order):
    result = run("import", "targets", FIXTURES / fixture)
    assert result.exit_code == 0, result.output
    assert f"  {line}\n" in result.output
    assert [name for name, _, _ in rows(workspace)] == order


def test_priority_order_option_overrides_the_header(run, workspace):
    result = run("import", "targets", FIXTURES / "excitement_1_5.xlsx", "--priority-order", "low-first")
    assert result.exit_code == 0, result.output
    assert "  priority: 'Excitement (1-5)', 1 = most wanted (--priority-order low-first)" in result.output
    assert [name for name, _, _ in rows(workspace)] == ["Etsy", "Duolingo", "REI", "Patagonia"]
    result = run("import", "targets", FIXTURES / "hash_rank.csv", "--priority-order", "high-first")
    assert "  priority: '#', the biggest number is most wanted (--priority-order high-first)" in result.output
    bad = run("import", "targets", FIXTURES / "hash_rank.csv", "--priority-order", "5-first")
    assert bad.exit_code == 2 and "high-first" in bad.output


def test_help_names_the_priority_order_option(run):
    result = run("import", "targets", "--help")
    assert result.exit_code == 0
    assert "--priority-order [high-first|low-first]" in result.output
    assert "high-first (the biggest number is most wanted" in " ".join(result.output.split())


def test_a_header_that_says_nothing_is_read_as_a_rank_and_the_output_says_it_assumed(run, workspace, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Company,Level\nAcme,1\nGlobex,3\n", encoding="utf-8")
    result = run("import", "targets", path)
    assert ("  priority: 'Level', 1 = most wanted (assumed: the header does not say; "
            "--priority-order high-first reads it the other way)") in result.output
    assert [name for name, _, _ in rows(workspace)] == ["Acme", "Globex"]


def test_a_list_without_priority_sits_in_the_middle_below_the_ranked_list(run, workspace):
    run("import", "targets", FIXTURES / "excitement_1_5.xlsx")
    result = run("import", "targets", FIXTURES / "second_list_no_priority.csv")
    assert result.exit_code == 0, result.output
    assert ("  priority: no column; rows keep their order, from 0.55 down to 0.45 "
            "(the middle, below a ranked list's top targets)") in result.output
    assert [(name, priority) for name, priority, _ in rows(workspace)] == [
        ("Patagonia", 1.0), ("REI", 0.75), ("Adobe", 0.55), ("Duolingo", 0.5), ("Autodesk", 0.5),
        ("Atlassian", 0.45), ("Etsy", 0.0)]
    listing = run("targets").output.splitlines()
    assert listing[0].startswith("Patagonia  ·  priority 1.00 (5)")


def test_a_single_row_without_priority_is_exactly_the_middle(tmp_path):
    table = read_targets(b"Company\nAcme\n", "t.csv")
    assert table.frame["priority"].tolist() == [0.5]


def test_other_columns_are_kept_with_each_target(run, workspace):
    from outreach.store import open_workspace
    from outreach.targets.store import target_extras

    run("import", "targets", FIXTURES / "interest_1_10.csv")
    conn = open_workspace(workspace)
    try:
        ids = dict(conn.execute("SELECT name, id FROM targets").fetchall())
        extras = target_extras(conn)
    finally:
        conn.close()
    # The header-less fifth column holds a cell in one row: it is kept under its letter.
    assert extras[ids["Wikimedia Foundation"]] == {"Applied?": "yes", "Column E": "referral from a friend"}
    assert extras[ids["Mozilla"]] == {"Applied?": "no"}
    data = json.loads(run("targets", "--json").output)
    assert data[0]["target"] == "Mozilla" and data[0]["extra"] == {"Applied?": "no"}
    assert list(data[1]["extra"]) == ["Applied?", "Column E"]  # the file's column order
    again = run("import", "targets", FIXTURES / "interest_1_10.csv")
    assert "0 new, 0 updated, 3 unchanged" in again.output


def test_repeated_and_blank_headers_lose_no_cell(tmp_path):
    data = b"Company,Notes,Notes,,Applied?,\nAcme,first,second,,yes,\n"
    table = read_targets(data, "t.csv")
    assert table.frame["notes"].tolist() == ["first"]
    assert table.frame["extra"].tolist() == [{"Notes (C)": "second", "Applied?": "yes"}]
    assert table.columns[0].other == ["Notes (C)", "Applied?"]  # empty columns are not listed


def test_a_duplicate_row_adds_its_other_cells_and_keeps_the_first(run, workspace, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Company,Applied?,Contact\nAcme,no,\nacme inc.,yes,Ann at the meetup\n", encoding="utf-8")
    run("import", "targets", path)
    assert json.loads(rows(workspace)[0][2]) == {"Applied?": "no", "Contact": "Ann at the meetup"}


def test_the_migration_gives_existing_targets_no_extras(workspace):
    from outreach.store import migrate, open_workspace

    conn = open_workspace(workspace)
    try:
        conn.execute("INSERT INTO targets (name, key, priority, row_order) VALUES ('Acme', 'acme', 0.5, 0)")
        assert conn.execute("SELECT extra FROM targets").fetchone()[0] == "{}"
        assert 104 in {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        assert migrate(conn) == []
    finally:
        conn.close()


def test_impossible_priorities_are_warned_about_and_ranked_last(run, tmp_path):
    """Issue 14: inf, 1e308 and 1/0 are not numbers a person ranks by: each is named, the row
    kept, ranked last."""
    path = tmp_path / "targets.csv"
    path.write_text("Company,Interest (1-5)\nAcme,5\nGlobex,inf\nInitech,1e308\nHooli,1/0\n", encoding="utf-8")
    result = run("import", "targets", path)
    assert result.exit_code == 0, result.output
    for text in ("'inf'", "'1e308'", "'1/0'"):
        assert f"cannot read priority {text}" in result.output, result.output
    data = {t["target"]: t["priority"] for t in json.loads(run("targets", "--json").stdout)}
    assert data["Acme"] == 1.0 and data["Globex"] == data["Initech"] == data["Hooli"] == 0.0


def test_two_company_columns_are_reported_with_the_row(run, tmp_path):
    """Issue 14: the second 'Company' column is not ignored silently."""
    path = tmp_path / "targets.csv"
    path.write_text("Company,Priority,Company\nAcme,1,Globex\nInitech,2,Hooli\n", encoding="utf-8")
    result = run("import", "targets", path)
    assert result.exit_code == 0, result.output
    assert ("row 1: 2 columns are headed 'Company': the company is read from column A; "
            "column C is kept with each target as it is") in result.stderr
    data = {t["target"]: t["extra"] for t in json.loads(run("targets", "--json").stdout)}
    assert data["Acme"] == {"Company (C)": "Globex"}
