"""Matching contacts to targets in tiers, measured on a labelled set of real company names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach.companies.aliases import add_alias
from outreach.companies.index import AliasGraph, TargetIndex
from outreach.companies.knowledge import builtin_aliases
from outreach.companies.matching import (
    contacts_matching_company,
    match_contacts,
    set_review_decision,
)
from outreach.companies.names import analyse_company
from outreach.models import AUTOMATIC_TIERS
from outreach.store import open_workspace, transaction

PAIRS = Path(__file__).parent / "data" / "company_pairs.csv"


def load_pairs() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def pair_tier(graph: AliasGraph, company: str, target: str) -> str | None:
    [found] = TargetIndex([(1, target)], graph).match_names([analyse_company(company)])
    return found[0].tier if found else None


def test_labelled_pairs_precision_and_recall(capsys):
    pairs = load_pairs()
    assert len(pairs) >= 150
    kinds = {p["kind"] for p in pairs}
    assert {"legal", "rename", "parent", "unit", "secondary", "typo", "negative"} <= kinds
    graph = AliasGraph(builtin_aliases())
    tp = fp = fn = review_hits = positives = 0
    false_positives, misses = [], []
    for pair in pairs:
        tier = pair_tier(graph, pair["company"], pair["target"])
        same = pair["same"] == "1"
        positives += same
        if tier in AUTOMATIC_TIERS:
            if same:
                tp += 1
            else:
                fp += 1
                false_positives.append((pair["company"], pair["target"], tier))
        elif same:
            fn += 1
            misses.append((pair["company"], pair["target"], tier or "-"))
            review_hits += tier == "review"
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    with capsys.disabled():
        print(
            f"\ncompany pairs: {len(pairs)} ({positives} same employer); automatic tiers: "
            f"precision {precision:.3f}, recall {recall:.3f}; with accepted review suggestions "
            f"recall would be {(tp + review_hits) / positives:.3f}"
        )
    assert precision >= 0.98, false_positives
    assert recall >= 0.90, misses


def test_typos_are_only_ever_suggestions():
    graph = AliasGraph(builtin_aliases())
    typos = [p for p in load_pairs() if p["kind"] == "typo"]
    tiers = [pair_tier(graph, p["company"], p["target"]) for p in typos]
    assert not set(tiers) & set(AUTOMATIC_TIERS)
    assert tiers.count("review") >= len(typos) - 1  # "Amazom" is too short a name to guess


def test_hard_negatives_are_not_even_suggested():
    graph = AliasGraph(builtin_aliases())
    for company, target in [("Epic Games", "Epic Systems"), ("Bain Capital", "Bain & Company")]:
        # They start with the target's distinctive word: a question for the user, never a match.
        assert pair_tier(graph, company, target) == "review", (company, target)
    for company, target in [("Sysco", "Cisco"), ("Loopio", "Loop"),
                            ("Huntington Ingalls", "Huntington Bank"), ("Royal Bank", "Royal Mail"),
                            ("First National", "First Republic"), ("Meta", "Beta"),
                            ("Ironmint Media", "Ironpoint Media"), ("Area 51", "Area 52")]:
        assert pair_tier(graph, company, target) is None, (company, target)


# -- in a workspace --------------------------------------------------------------------------


def add_contacts(conn, companies, *, owner_id: int = 1) -> dict[str, int]:
    """One contact per company; returns company -> contact id."""
    ids = {}
    with transaction(conn):
        if owner_id != 1:
            conn.execute("INSERT OR IGNORE INTO owners (id, name) VALUES (?, 'dana')", (owner_id,))
        for company in companies:
            number = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO contacts (owner_id, person_key, first_name, last_name, profile_url, "
                "company, position, first_seen_on, last_seen_on) VALUES (?, ?, ?, ?, ?, ?, ?, "
                "'2026-01-01', '2026-01-01')",
                (owner_id, f"www.linkedin.com/in/p{number}", f"First{number}", f"Last{number}",
                 f"https://www.linkedin.com/in/p{number}", company, "Engineer"),
            )
            ids[company] = cursor.lastrowid
    return ids


def add_targets(conn, names) -> dict[str, int]:
    from outreach.companies.names import normalise_company

    ids = {}
    with transaction(conn):
        for order, name in enumerate(names):
            cursor = conn.execute(
                "INSERT INTO targets (name, key, priority, row_order) VALUES (?, ?, 1.0, ?)",
                (name, normalise_company(name), order),
            )
            ids[name] = cursor.lastrowid
    return ids


@pytest.fixture
def conn(tmp_path):
    connection = open_workspace(tmp_path / "ws")
    yield connection
    connection.close()


def by_company(matches):
    return {(m.company, m.target): (m.tier, m.accepted) for m in matches}


def test_match_contacts_places_each_contact_by_its_best_tier(conn):
    add_targets(conn, ["Walmart", "Meta", "Google", "Cisco", "Bosch", "Kaiser Permanente",
                       "Epic Systems"])
    add_contacts(conn, [
        "Walmart Inc.", "Sam's Club", "WallMart", "Facebook", "Google via Qualitest Group",
        "Cisco Systems", "Bosch Global Software Technologies", "Sysco", "Apex Systems | Kaiser Permanente", "Epic Games",
        "Self-employed", "Stealth AI Startup", "",
    ])
    found = by_company(match_contacts(conn))
    assert found == {
        ("Walmart Inc.", "Walmart"): ("exact", True),
        ("Sam's Club", "Walmart"): ("alias", True),
        ("WallMart", "Walmart"): ("review", False),
        ("Facebook", "Meta"): ("alias", True),
        ("Google via Qualitest Group", "Google"): ("exact", True),
        ("Cisco Systems", "Cisco"): ("alias", True),  # the built-in table knows this one
        ("Bosch Global Software Technologies", "Bosch"): ("alias", True),  # the table: Robert Bosch
        ("Apex Systems | Kaiser Permanente", "Kaiser Permanente"): ("exact", True),
        ("Epic Games", "Epic Systems"): ("review", False),  # starts with the target's name
    }
    scores = {m.company: m.score for m in match_contacts(conn)}
    assert scores["Walmart Inc."] == 100.0 and 85 <= scores["WallMart"] < 100


def test_match_contacts_by_owner(conn):
    add_targets(conn, ["Walmart"])
    mine = add_contacts(conn, ["Walmart"])
    friends = add_contacts(conn, ["Walmart Inc."], owner_id=2)
    assert {m.contact_id for m in match_contacts(conn)} == {mine["Walmart"], friends["Walmart Inc."]}
    assert {m.contact_id for m in match_contacts(conn, owner_ids=[1])} == {mine["Walmart"]}
    assert {m.contact_id for m in match_contacts(conn, owner_ids=[2])} == {friends["Walmart Inc."]}


def test_no_targets_no_matches(conn):
    add_contacts(conn, ["Walmart"])
    assert match_contacts(conn) == []


def test_review_decisions_persist_and_cover_every_spelling(conn):
    add_targets(conn, ["Walmart", "Loop"])
    add_contacts(conn, ["WallMart", "Wallmart Inc.", "Loopo"])
    pending = by_company(match_contacts(conn))
    assert pending[("WallMart", "Walmart")] == ("review", False)
    with transaction(conn):
        set_review_decision(conn, "WallMart", "Walmart", True)
        set_review_decision(conn, "Loopo", "Loop", False)
    found = by_company(match_contacts(conn))
    assert found[("WallMart", "Walmart")] == ("review", True)
    assert found[("Wallmart Inc.", "Walmart")] == ("review", True)  # same key: same decision
    assert ("Loopo", "Loop") not in found  # rejected: left out
    # Changing one's mind overwrites the decision.
    with transaction(conn):
        set_review_decision(conn, "WallMart", "Walmart", False)
    assert ("WallMart", "Walmart") not in by_company(match_contacts(conn))


def test_an_accepted_pair_needs_no_fuzzy_suggestion(conn):
    add_targets(conn, ["IBM"])
    add_contacts(conn, ["Big Blue"])
    assert match_contacts(conn) == []
    with transaction(conn):
        set_review_decision(conn, "Big Blue", "IBM", True)
    assert by_company(match_contacts(conn)) == {("Big Blue", "IBM"): ("review", True)}


def test_rejecting_an_automatic_match_removes_it(conn):
    add_targets(conn, ["Epic"])
    add_contacts(conn, ["Epic Systems Corporation"])
    assert by_company(match_contacts(conn)) == {("Epic Systems Corporation", "Epic"): ("strong", True)}
    with transaction(conn):
        set_review_decision(conn, "Epic Systems Corporation", "Epic", False)
    assert match_contacts(conn) == []


def test_user_aliases_join_the_built_in_table(conn):
    add_targets(conn, ["IBM"])
    add_contacts(conn, ["Big Blue Consulting LLC", "Red Hat"])
    with transaction(conn):
        assert add_alias(conn, "Big Blue Consulting", "IBM") is True
        assert add_alias(conn, "big blue consulting", "I.B.M.") is False  # same keys: no change
    assert by_company(match_contacts(conn)) == {
        ("Big Blue Consulting LLC", "IBM"): ("alias", True),
        ("Red Hat", "IBM"): ("alias", True),
    }


def test_contacts_matching_company_is_typo_tolerant(conn):
    add_contacts(conn, ["Walmart", "Walmart Inc.", "Sam's Club", "Walmart Global Tech",
                        "Wallmart", "Walgreens", "Self-employed"])
    found = {m.company: (m.tier, m.accepted) for m in contacts_matching_company(conn, "WallMart")}
    assert found["Walmart"] == ("review", False)
    assert found["Walmart Inc."] == ("review", False)
    assert found["Wallmart"] == ("exact", True)
    assert "Walgreens" not in found and "Self-employed" not in found
    found = {m.company: m.tier for m in contacts_matching_company(conn, "walmart")}
    assert found == {"Walmart": "exact", "Walmart Inc.": "exact", "Sam's Club": "alias",
                     "Walmart Global Tech": "alias", "Wallmart": "review"}


def test_the_analysis_cache_is_filled_reused_and_dropped_when_the_rules_change(conn):
    add_targets(conn, ["Walmart"])
    add_contacts(conn, ["Walmart Inc.", "Sam's Club"])
    first = match_contacts(conn)
    cached = dict(conn.execute("SELECT raw, analysis FROM company_names").fetchall())
    assert cached["Walmart Inc."] == "walmart:walmart:walmart"
    # A stale entry under old rules is not trusted: the fingerprint no longer matches.
    with transaction(conn):
        conn.execute("UPDATE company_names SET analysis = 'bogus:bogus:bogus' WHERE raw = 'Walmart Inc.'")
        conn.execute("UPDATE settings SET value = 'old rules' WHERE key = 'company_names_rules'")
        conn.execute("DELETE FROM match_cache")  # so that the names are matched again
    from outreach.companies import names as companies

    companies._MEMO.clear()
    assert match_contacts(conn) == first
    assert conn.execute(
        "SELECT analysis FROM company_names WHERE raw = 'Walmart Inc.'"
    ).fetchone()[0] == "walmart:walmart:walmart"


def test_fuzzy_results_are_kept_until_the_targets_change(conn):
    add_targets(conn, ["Walmart"])
    add_contacts(conn, ["WallMart", "Acme Widgets"])
    first = match_contacts(conn)
    assert by_company(first) == {("WallMart", "Walmart"): ("review", False)}
    stored = conn.execute("SELECT data FROM fuzzy_cache").fetchone()[0]
    assert '"wallmart":[["walmart",93.3]]' in stored and '"acmewidgets":[]' in stored
    assert match_contacts(conn) == first  # the second run reads them back
    # A new target changes the fingerprint: everything is compared again.
    add_targets(conn, ["Acme Widget"])
    assert ("Acme Widgets", "Acme Widget") in by_company(match_contacts(conn))


# -- the rules of issue 11, each with its reason -----------------------------------------------


def best(company: str, target: str):
    from outreach.companies.evaluate import Pair, evaluate

    [outcome] = evaluate([Pair(company, target, True, "auto", "")])
    return outcome.tier, outcome.reason


@pytest.mark.parametrize(
    "company,target,tier,reason",
    [
        # a target followed by unit, function or place words is that target
        ("Google Research", "Google", "strong", "Google + 'Research'"),
        ("Northwind Research - Zurich", "Northwind", "strong", "Northwind + 'Research'"),
        ("IBM Research - Zurich", "IBM", "alias", "IBM's research division"),
        ("Accenture in India", "Accenture", "strong", "generic words and places"),
        ("Northwind Mysore", "Northwind", "strong", "generic words and places"),
        ("Microsoft Israel R&D Center", "Microsoft", "strong", "unit or place words"),
        ("Northwind Digital Industries Software", "Northwind", "strong", "Northwind + 'Digital Industries Software'"),
        ("Bitdefender S R L", "Bitdefender", "exact", "the same name"),
        ("Oy Kone Ab", "Kone", "exact", "the same name"),
        ("Compagnie de Saint-Gobain SA", "Saint-Gobain", "exact", "the same name"),
        ("Kuehne + Nagel", "Kühne+Nagel", "exact", "the same name"),  # ü written ue
        ("Northwind Oyj Abp", "Northwind", "exact", "the same name"),
        ("North\x1bwind\x01 Inc", "Northwind", "exact", "the same name"),  # control characters
        ("Northwind\rLabs", "Northwind", "strong", "Northwind + 'Labs'"),  # a CR kept in a cell
        # other words after it: a question
        ("Google Fiber", "Google", "review", "perhaps a unit of Google"),
        # the name says who owns it
        ("Quillbot, a Northwind Company", "Northwind", "alias", "belongs to Northwind"),
        ("Tableau, a Salesforce Company", "Salesforce", "alias", "acquired by Salesforce, 2019"),
        ("Instagram from Meta", "Meta", "alias", ""),
        ("Harbourview by Northwind", "Northwind", "alias", "belongs to Northwind"),
        ("The Wharton School of the University of Pennsylvania", "University of Pennsylvania", "alias", ""),
        ("Amazon's Zoox", "Amazon", "review", "named after Amazon"),
        ("Alphabet Inc.", "Google", "review", "Alphabet owns Google: perhaps this contact works at Google"),
        ("Tencent 腾讯", "Tencent", "exact", "the same name"),  # the name twice, in two scripts
        # the table, with its fact
        ("Slack", "Salesforce", "alias", "Salesforce"),
        ("北风科技有限公司", "Beifeng", "strong", "generic words"),
        # typos and initials are questions
        ("Goggle", "Google", "review", "one letter apart from Google"),
        ("Nvidea", "NVIDIA", "review", "one letter apart from NVIDIA"),
        ("Northwind Atlantic Shipping Company", "NASC", "review", "could be the initials of"),
        # lookalikes, separate national companies, other places: questions, never matches
        ("The Citadel", "Citadel", "review", "looks like Citadel, but"),
        ("Target Australia", "Target", "review", "Wesfarmers"),
        ("Starbucks Korea", "Starbucks", "review", "national companies of Starbucks are often separate"),
        ("IIM Bangalore", "IIM Ahmedabad", "review", "names another place"),
    ],
)
def test_each_rule_places_the_name_and_says_why(company, target, tier, reason):
    found, why = best(company, target)
    assert found == tier, (company, target, why)
    assert reason in why


@pytest.mark.parametrize(
    "company,target",
    [
        ("Ex-Google", "Google"), ("Google (formerly)", "Google"), ("Formerly @ Microsoft", "Microsoft"),
        ("Previously at Amazon", "Amazon"), ("NVIDIA (previous)", "NVIDIA"), ("Retired - Boeing", "Boeing"),
        ("IBM (retired)", "IBM"), ("IBM - Retired", "IBM"),
        # a relation that ended no longer counts
        ("Kyndryl", "IBM"), ("Qualtrics", "SAP"), ("GE Vernova", "GE"),  # not even a question
        # a bracketed acronym or a place qualifies a name, never names another employer
        ("Project Management Institute (PMI)", "Philip Morris International"),
        ("IBM Research - Zurich", "Zurich Insurance"),
    ],
)
def test_former_employers_and_qualifiers_match_nothing(company, target):
    assert best(company, target) == (None, "")


def test_former_employer_is_kept_on_the_contact_but_not_counted(tmp_path):
    conn = open_workspace(tmp_path / "ws")
    with transaction(conn):
        conn.execute("INSERT INTO targets (name, key, priority, row_order) VALUES ('Google', 'google', 1, 0)")
    add_contacts(conn, ["Ex-Google", "Google"])
    companies = sorted(row[0] for row in conn.execute("SELECT company FROM contacts"))
    assert companies == ["Ex-Google", "Google"]
    assert [m.company for m in match_contacts(conn)] == ["Google"]


def test_where_names_land_is_cached_and_dropped_when_anything_it_depends_on_changes(conn):
    """A second command reads where each name landed; new targets, aliases or decisions redo it."""
    from outreach.companies.aliases import add_alias

    add_targets(conn, ["Walmart"])
    add_contacts(conn, ["Walmart Inc.", "Wallmart", "Wally World"])
    first = match_contacts(conn)
    assert conn.execute("SELECT COUNT(*) FROM match_cache").fetchone()[0] == 1
    assert match_contacts(conn) == first
    with transaction(conn):
        add_alias(conn, "Wally World", "Walmart")
    assert "Wally World" in {m.company for m in match_contacts(conn)}
    with transaction(conn):
        set_review_decision(conn, "Wallmart", "Walmart", True)
    assert [m.accepted for m in match_contacts(conn) if m.company == "Wallmart"] == [True]
    add_contacts(conn, ["Walmart Global Tech"])  # a new name is matched, the others read back
    assert "Walmart Global Tech" in {m.company for m in match_contacts(conn)}
    add_targets(conn, ["Wally World"])
    assert {m.target for m in match_contacts(conn) if m.company == "Wally World"} == {"Walmart", "Wally World"}


@given(
    st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=5, max_size=12).map(str.capitalize),
    st.integers(min_value=0, max_value=11),
    st.sampled_from(["swap", "drop", "add", "change"]),
)
def test_every_one_letter_typo_of_a_long_name_is_suggested(target, at, edit):
    """Issue 11: a typo within one edit of a name of five or more letters is at least a question."""
    name = target.lower()
    at = at % len(name)
    if edit == "swap" and at < len(name) - 1:
        typo = name[:at] + name[at + 1] + name[at] + name[at + 2:]
    elif edit == "drop" and len(name) > 5:
        typo = name[:at] + name[at + 1:]
    elif edit == "add":
        typo = name[:at] + "y" + name[at:]
    else:
        typo = name[:at] + ("y" if name[at] != "y" else "w") + name[at + 1:]
    if typo == name:
        return
    tier, reason = best(typo.capitalize(), target)
    assert tier == "review", (typo, target, reason)
