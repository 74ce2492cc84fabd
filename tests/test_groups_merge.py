"""`outreach import groups` adds to the catalogue; `--replace` replaces it (issue 16).

A user who keeps two lists (her own city's groups, and online ones a friend sent) imports both
and keeps both; a group of the same name and place is updated from the newer file; two
chapters of one club in two cities are two groups.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA

HEADER = "Name,Type,City,Cost,Meets,Duration (hours),Visitors,Contract\n"
DENVER = HEADER + (
    'Mile High Job Seekers,job club,"Denver, CO",free,every Monday 9am,2,yes,none\n'
    'BNI Front Range Connectors,referral club,"Denver, CO",$689 per year,Thursdays 7am,1.5,'
    "2 visits,12 months\n"
    'Colfax Toastmasters,Toastmasters,"Denver, CO",$60 every 6 months,Tuesdays 7am,1,yes,none\n'
)
ONLINE = HEADER + (
    "Product Managers Slack,online community,online,free,ongoing,2 hours a week,yes,none\n"
    "Remote Job Seekers Circle,job club,Zoom,free,Wednesdays 6pm,1.5,yes,none\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def catalogue(workspace: Path) -> dict[tuple[str, str], tuple[object, ...]]:
    conn = sqlite3.connect(workspace / "outreach.db")
    try:
        rows = conn.execute("SELECT name, city, cost_text, meets_text, id FROM groups").fetchall()
    finally:
        conn.close()
    return {(name, city): rest for name, city, *rest in rows}


def test_a_second_list_adds_to_the_first(run, workspace, tmp_path):
    assert run("import", "groups", write(tmp_path / "denver.csv", DENVER)).exit_code == 0
    result = run("import", "groups", write(tmp_path / "online.csv", ONLINE))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 2 groups from online.csv (all new): ")
    assert ("3 groups already in the catalogue are not in this file: kept; --replace drops them. "
            "The catalogue holds 5 groups.") in result.output
    assert len(catalogue(workspace)) == 5


def test_same_name_updates_whatever_the_case_and_spaces(run, workspace, tmp_path):
    run("import", "groups", write(tmp_path / "denver.csv", DENVER))
    ids = {key: rest[-1] for key, rest in catalogue(workspace).items()}
    newer = HEADER + (
        'mile high  JOB seekers,job club,"Denver, CO",free,every Monday 10am,2,yes,none\n'
        'Denver Product Managers Happy Hour,social,"Denver, CO",free,1st Thursday 6pm,2,yes,none\n'
    )
    result = run("import", "groups", write(tmp_path / "newer.csv", newer))
    assert result.exit_code == 0, result.output
    assert "(1 new, 1 updated)" in result.output
    assert "2 groups already in the catalogue are not in this file: kept" in result.output
    groups = catalogue(workspace)
    assert len(groups) == 4
    # The newer file's row replaced the old one, in place (same id, the name as now written).
    updated = groups[("mile high JOB seekers", "Denver, CO")]
    assert updated[1] == "every Monday 10am"
    assert updated[-1] == ids[("Mile High Job Seekers", "Denver, CO")]
    assert ("Mile High Job Seekers", "Denver, CO") not in groups


def test_two_chapters_in_two_cities_are_two_groups(run, workspace, tmp_path):
    run("import", "groups", write(tmp_path / "denver.csv", DENVER))
    boulder = HEADER + (
        'BNI Front Range Connectors,referral club,"Boulder, CO",$689 per year,Wednesdays 7am,1.5,'
        "2 visits,12 months\n"
        # The same city written another way is the same group.
        "Colfax Toastmasters,Toastmasters,Denver,$65 every 6 months,Tuesdays 7am,1,yes,none\n"
    )
    result = run("import", "groups", write(tmp_path / "boulder.csv", boulder))
    assert result.exit_code == 0, result.output
    assert "(1 new, 1 updated)" in result.output
    groups = catalogue(workspace)
    assert {city for name, city in groups if name == "BNI Front Range Connectors"} == {
        "Denver, CO", "Boulder, CO"}
    assert groups[("Colfax Toastmasters", "Denver")][0] == "$65 every 6 months"


def test_a_list_without_cities_updates_and_keeps_the_city(run, workspace, tmp_path):
    run("import", "groups", write(tmp_path / "denver.csv", DENVER))
    no_city = "Name,Cost,Meets\nColfax Toastmasters,$70 every 6 months,Tuesdays 7am\n"
    result = run("import", "groups", write(tmp_path / "costs.csv", no_city))
    assert result.exit_code == 0, result.output
    assert "(1 updated)" in result.output
    groups = catalogue(workspace)
    assert groups[("Colfax Toastmasters", "Denver, CO")][0] == "$70 every 6 months"


def test_a_list_without_cities_cannot_tell_two_chapters_apart(run, workspace, tmp_path):
    run("import", "groups", write(tmp_path / "denver.csv", DENVER))
    boulder = HEADER + ('BNI Front Range Connectors,referral club,"Boulder, CO",$689 per year,'
                        "Wednesdays 7am,1.5,2 visits,12 months\n")
    run("import", "groups", write(tmp_path / "boulder.csv", boulder))
    no_city = "Name,Cost,Meets\nBNI Front Range Connectors,$700 per year,Thursdays 7am\n"
    result = run("import", "groups", write(tmp_path / "costs.csv", no_city))
    assert result.exit_code == 0, result.output
    assert ("'BNI Front Range Connectors' has no city and 2 groups of that name are in the "
            "catalogue: added as another group") in result.output
    assert len(catalogue(workspace)) == 5


def test_the_same_file_again_changes_nothing(run, workspace):
    sample = SAMPLE_DATA / "groups.csv"
    assert run("import", "groups", sample).exit_code == 0
    before = catalogue(workspace)
    again = run("import", "groups", sample)
    assert again.exit_code == 0
    assert "(38 unchanged)" in again.output
    assert "not in this file" not in again.output
    assert catalogue(workspace) == before


def test_replace_drops_the_groups_not_in_the_file(run, workspace, tmp_path):
    run("import", "groups", SAMPLE_DATA / "groups.csv")
    result = run("import", "groups", write(tmp_path / "denver.csv", DENVER), "--replace")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 3 groups from denver.csv (3 new, 38 dropped: not in this file): ")
    assert "kept" not in result.output
    assert len(catalogue(workspace)) == 3


def test_replace_counts_only_the_groups_it_drops_and_keeps_the_ones_the_file_names(run, workspace, tmp_path):
    """A new user's trial: '--replace' said 'replacing 8' where 5 were dropped and 3 updated."""
    run("import", "groups", write(tmp_path / "denver.csv", DENVER))
    before = catalogue(workspace)
    smaller = "\n".join(DENVER.strip().splitlines()[:2]) + "\n"  # the header and the first group
    result = run("import", "groups", write(tmp_path / "one.csv", smaller), "--replace")
    assert result.exit_code == 0, result.output
    assert "(1 unchanged, 2 dropped: not in this file)" in result.output
    after = catalogue(workspace)
    assert len(after) == 1
    (place, row), = after.items()
    assert before[place][-1] == row[-1]  # the group the file names keeps its row (its id)


def test_a_failed_import_changes_nothing(run, workspace, tmp_path):
    run("import", "groups", write(tmp_path / "denver.csv", DENVER))
    before = catalogue(workspace)
    for args in (("--replace",), ()):
        broken = write(tmp_path / "broken.csv", "Name,Cost,Meets\n")
        result = run("import", "groups", broken, *args)
        assert result.exit_code == 1
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
        assert catalogue(workspace) == before


def test_a_failure_inside_the_transaction_rolls_back(workspace, tmp_path, monkeypatch):
    """Nothing half-written when the database fails mid-import (here: the import's record)."""
    from outreach.groups import store
    from outreach.imports.groups.read import read_groups_file
    from outreach.store import open_workspace

    conn = open_workspace(workspace)
    store.import_catalogue(conn, read_groups_file(write(tmp_path / "d.csv", DENVER)),
                           source="d.csv", sha256="x")
    conn.execute("DROP TABLE imports")  # the last statement of the import will fail
    with pytest.raises(sqlite3.OperationalError):
        store.import_catalogue(conn, read_groups_file(write(tmp_path / "o.csv", ONLINE)),
                               source="o.csv", sha256="y")
    assert conn.execute("SELECT count(*) FROM groups").fetchone()[0] == 3
    conn.close()
