"""`outreach alias` and `outreach review`: the user's word on matches, kept across runs."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import insert_contacts

from outreach.store import open_workspace, transaction


def setup_workspace(workspace: Path, targets: list[str], companies: list[str]) -> None:
    from outreach.companies.names import normalise_company

    conn = open_workspace(workspace)
    with transaction(conn):
        for order, name in enumerate(targets):
            conn.execute(
                "INSERT INTO targets (name, key, priority, row_order) VALUES (?, ?, 1.0, ?)",
                (name, normalise_company(name), order),
            )
        insert_contacts(conn, companies)
    conn.close()


def target_contacts(run) -> dict[str, list[tuple[str, str]]]:
    data = json.loads(run("targets", "--json").output)
    return {t["target"]: [(c["company"], c["tier"]) for c in t["contacts"]] for t in data}


def test_alias_add_list_remove(run, workspace):
    setup_workspace(workspace, ["IBM"], ["Big Blue Consulting LLC"])
    assert target_contacts(run) == {"IBM": []}
    result = run("alias", "add", "Big Blue Consulting", "IBM")
    assert result.exit_code == 0 and "Alias added: 'Big Blue Consulting' counts for 'IBM'." in result.output
    assert "already there" in run("alias", "add", "BIG BLUE CONSULTING", "IBM").output
    assert target_contacts(run) == {"IBM": [("Big Blue Consulting LLC", "alias")]}
    assert run("alias", "list").output == "'Big Blue Consulting' -> 'IBM'\n"
    listed = json.loads(run("alias", "list", "--json").output)
    assert [(a["alias"], a["target"]) for a in listed] == [("Big Blue Consulting", "IBM")]
    result = run("alias", "add", "Big Blue", "Acme Widgets")
    assert "not one of your targets yet" in result.output
    assert run("alias", "remove", "Big Blue Consulting").output == "Removed 1 alias.\n"
    assert target_contacts(run) == {"IBM": []}
    result = run("alias", "remove", "Big Blue Consulting")
    assert result.exit_code == 1 and "no alias 'Big Blue Consulting'" in result.output


def test_alias_errors_are_one_line(run, workspace):
    setup_workspace(workspace, ["IBM"], [])
    result = run("alias", "add", "IBM Corp.", "I.B.M.")
    assert result.exit_code == 1 and "already the same name" in result.output
    result = run("alias", "add", "Self-employed", "IBM")
    assert result.exit_code == 1 and "not a company name" in result.output


def test_review_lists_accepts_and_rejects(run, workspace):
    setup_workspace(workspace, ["Walmart", "Goldman Sachs"],
                    ["WallMart", "Wallmart Inc.", "Goldman Sacks", "Walmart"])
    result = run("review")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == " 93.3  'WallMart' -> target 'Walmart'  (2 contacts): one letter apart from Walmart: a typo?"
    assert "'Goldman Sacks' -> target 'Goldman Sachs'  (1 contact)" in lines[1]
    suggestions = json.loads(run("review", "--json").output)
    assert suggestions[0]["spellings"] == ["WallMart", "Wallmart Inc."]

    result = run("review", "--accept", "WallMart", "Walmart", "--reject", "Goldman Sacks", "goldman sachs")
    assert result.exit_code == 0, result.output
    assert "Accepted: 'WallMart' for 'Walmart' (2 contacts at that name)." in result.output
    assert "Rejected: 'Goldman Sacks' for 'goldman sachs' (1 contact at that name)." in result.output
    assert run("review").output.startswith("Nothing to review")
    contacts = target_contacts(run)
    assert set(contacts["Walmart"]) == {("Walmart", "exact"), ("WallMart", "review"),
                                        ("Wallmart Inc.", "review")}
    assert contacts["Goldman Sachs"] == []
    decided = json.loads(run("review", "--decided", "--json").output)
    assert {(d["company"], d["target"], d["accepted"]) for d in decided} == {
        ("WallMart", "Walmart", True), ("Goldman Sacks", "Goldman Sachs", False)}
    assert "accepted  'WallMart' for 'Walmart'" in run("review", "--decided").output


def test_accepting_a_name_no_contact_has_says_so(run, workspace):
    setup_workspace(workspace, ["Walmart"], [])
    result = run("review", "--accept", "Wally World", "Walmart")
    assert "(no contact writes it so yet)" in result.output


def test_review_of_an_unknown_target_changes_nothing(run, workspace):
    setup_workspace(workspace, ["Walmart"], ["WallMart"])
    result = run("review", "--accept", "WallMart", "Walmart", "--accept", "WallMart", "Wally World")
    assert result.exit_code == 1
    assert "no target called 'Wally World'" in result.output
    assert "'WallMart' -> target 'Walmart'" in run("review").output  # the first one was not kept


def test_review_interactive(run, workspace):
    setup_workspace(workspace, ["Walmart", "Goldman Sachs", "Accenture"],
                    ["WallMart", "Goldman Sacks", "Acenture"])
    result = run("review", "--interactive", input="y\nn\nq\n")
    assert result.exit_code == 0, result.output
    assert "Same employer?" in result.output and "2 decisions saved." in result.output
    remaining = json.loads(run("review", "--json").output)
    assert len(remaining) == 1
    assert run("review", "-i", input="s\n").output.rstrip().endswith("0 decisions saved.")


def test_review_with_nothing_to_review(run, workspace):
    setup_workspace(workspace, ["Walmart"], ["Walmart"])
    assert run("review").output == "Nothing to review: no near-miss company names.\n"
    assert json.loads(run("review", "--json").output) == []


# -- outreach contacts COMPANY ---------------------------------------------------------------


def test_contacts_company_uses_the_matching_tiers(run, workspace):
    setup_workspace(workspace, [], ["Walmart", "Walmart Inc.", "Sam's Club", "Wallmart Inc",
                                    "Walgreens", "Loopio", "Self-employed"])
    rows = json.loads(run("contacts", "WallMart", "--json").output)
    assert {(r["company"], r["tier"]) for r in rows} == {
        ("Walmart", "review"), ("Walmart Inc.", "review"), ("Wallmart Inc", "exact")}
    assert all(r["tier"] != "review" or 85 <= r["score"] < 100 for r in rows)
    table = run("contacts", "WallMart").output.splitlines()
    assert table[0].split()[-1] == "Match"
    assert any("Walmart Inc." in line and line.rstrip().endswith("?") for line in table)
    rows = json.loads(run("contacts", "walmart", "--json").output)
    assert {(r["company"], r["tier"]) for r in rows} == {
        ("Walmart", "exact"), ("Walmart Inc.", "exact"), ("Sam's Club", "alias"),
        ("Wallmart Inc", "review")}
    # No substring matching, and placeholders keep the plain filter of the name as written.
    assert json.loads(run("contacts", "Loop", "--json").output) == []
    rows = json.loads(run("contacts", "Self-employed", "--json").output)
    assert [r["company"] for r in rows] == ["Self-employed"]
    # Exact matches only: the table has no Match column.
    assert "Match" not in run("contacts", "Loopio").output


def test_importing_targets_does_the_fuzzy_comparisons_for_the_first_plan(run, workspace, tmp_path, monkeypatch):
    """The comparison of every company name with every target happens at import, stored in the
    workspace, so the first `targets` (or `plan`) does not repeat it."""
    import outreach.companies.index

    setup_workspace(workspace, [], ["Walmart Inc", "Wal-Mart", "WallMart", "Acme Corp"])
    path = tmp_path / "targets.csv"
    path.write_text("Company\nWalmart\nAcme\n", encoding="utf-8")
    assert run("import", "targets", path).exit_code == 0
    conn = open_workspace(workspace)
    assert conn.execute("SELECT COUNT(*) FROM fuzzy_cache").fetchone()[0] == 1
    conn.close()

    def no_fuzzy(self, queries):
        raise AssertionError(f"fuzzy comparisons again for {queries}")

    monkeypatch.setattr(outreach.companies.index.TargetIndex, "fuzzy", no_fuzzy)
    assert dict(target_contacts(run))["Walmart"]  # matched from the cache alone


def test_review_says_why_and_decides_by_pattern(run, workspace):
    """Suggestions come with their reason; 'Google *' accepts every pending Google unit at once."""
    setup_workspace(workspace, ["Google", "Target"],
                    ["Google Fiber", "Google Arts Project", "Goggle", "Target Australia", "Googleplex Cafe"])
    listed = run("review").output
    assert "'Google Fiber' -> target 'Google'  (1 contact): Google + 'Fiber': perhaps a unit of Google" in listed
    assert "'Goggle' -> target 'Google'  (1 contact): one letter apart from Google: a typo?" in listed
    assert "'Target Australia' -> target 'Target'" in listed and "Wesfarmers" in listed
    reasons = {s["company"]: s["reason"] for s in json.loads(run("review", "--json").output)}
    assert reasons["Goggle"] == "one letter apart from Google: a typo?"

    result = run("review", "--accept", "google *", "Google", "--reject", "*", "Target")
    assert result.exit_code == 0, result.output
    assert "Accepted 2 suggestions matching 'google *' for 'Google'." in result.output
    assert "Rejected 1 suggestion matching '*' for 'Target'." in result.output
    left = {s["company"] for s in json.loads(run("review", "--json").output)}
    assert left == {"Goggle"}
    decided = {(d["company"], d["accepted"]) for d in json.loads(run("review", "--decided", "--json").output)}
    assert decided == {("Google Fiber", True), ("Google Arts Project", True), ("Target Australia", False)}


def test_accepting_and_rejecting_the_same_pair_is_refused(run, workspace):
    setup_workspace(workspace, ["Google"], ["Goggle"])
    result = run("review", "--accept", "Goggle", "Google", "--reject", "goggle", "google")
    assert result.exit_code == 2 and "both accepted and rejected" in result.output
    assert json.loads(run("review", "--decided", "--json").output) == []


def test_a_pattern_that_matches_nothing_says_so_and_changes_nothing(run, workspace):
    setup_workspace(workspace, ["Google"], ["Google Fiber"])
    result = run("review", "--accept", "Amazon *", "*")
    assert result.exit_code == 0
    assert "No pending suggestion matches 'Amazon *' for '*': `outreach review` lists 1 pending suggestion." in result.output
    assert json.loads(run("review", "--decided", "--json").output) == []
