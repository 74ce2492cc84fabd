"""Company-name normalisation: one key per employer, however people write it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach.companies.index import AliasGraph
from outreach.companies.knowledge import builtin_aliases
from outreach.companies.names import (
    analyse_company,
    decode_analysis,
    encode_analysis,
    normalise_company,
    split_company,
)


@pytest.mark.parametrize(
    "written,plain",
    [
        # legal forms of many countries
        ("Apple Inc.", "Apple"),
        ("Google, LLC", "Google"),
        ("Siemens Aktiengesellschaft", "Siemens"),
        ("Robert Bosch GmbH", "Robert Bosch"),
        ("Straße GmbH & Co. KG", "Strasse"),
        ("Henkel AG & Co. KGaA", "Henkel"),
        ("Novo Nordisk A/S", "Novo Nordisk"),
        ("Spotify AB (publ)", "Spotify"),
        ("Nokia Oyj", "Nokia"),
        ("Equinor ASA", "Equinor"),
        ("Unilever PLC", "Unilever"),
        ("Société Générale S.A.", "Societe Generale"),
        ("Enel S.p.A.", "Enel"),
        ("Grupo Bimbo, S.A.B. de C.V.", "Grupo Bimbo"),
        ("PKO Bank Polski Spółka Akcyjna", "PKO Bank Polski"),
        ("Comarch sp. z o.o.", "Comarch"),
        ("Škoda Auto a.s.", "Skoda Auto"),
        ("Heineken N.V.", "Heineken"),
        ("Infosys Pvt. Ltd.", "Infosys"),
        ("Canva Pty Ltd", "Canva"),
        ("Petronas Sdn Bhd", "Petronas"),
        ("PT Bank Central Asia Tbk", "Bank Central Asia"),
        ("ООО Ромашка", "Romashka"),
        ("トヨタ自動車株式会社", "トヨタ自動車"),
        # spelling, punctuation, spacing, &/and, The
        ("The Home Depot", "Home Depot"),
        ("Home Depot, The", "home depot"),
        ("Go Daddy", "GoDaddy"),
        ("Procter & Gamble Co.", "Procter and Gamble"),
        ("Bain & Company", "Bain"),
        ("J.P. Morgan Chase & Co.", "JPMorgan Chase"),
        ("McDonald's", "McDonalds"),
        ("Coca-Cola", "Coca Cola"),
        ("AT&T Inc.", "AT and T"),
        ("Amazon.com, Inc.", "Amazon"),
        ("  GOOGLE  ", "google"),
        # letters that do not decompose
        ("Ørsted A/S", "Orsted"),
        ("Møller-Mærsk", "Moller-Maersk"),
        ("Łódź Logistics", "Lodz Logistics"),
    ],
)
def test_variants_share_one_key(written, plain):
    assert normalise_company(written) == normalise_company(plain) != ""


@pytest.mark.parametrize(
    "one,other",
    [
        ("Epic Games", "Epic Systems"),
        ("Bain Capital", "Bain & Company"),
        ("Loop", "Loopio"),
        ("Johnson & Johnson", "Johnson"),
        ("Merck KGaA", "Merck & Co."),
        ("AO Smith", "Smith"),  # "AO" is not the Russian legal form here
        ("Too Faced", "Faced"),
        ("Company", "Limited"),
    ],
)
def test_different_names_keep_different_keys(one, other):
    assert normalise_company(one) != normalise_company(other)


def test_a_name_that_is_only_a_legal_form_keeps_its_last_word():
    # cleanco returns "" for such names; the raw word is kept instead.
    assert normalise_company("Limited") == "limited"
    assert normalise_company("The Corporation") == "corporation"


@pytest.mark.parametrize(
    "placeholder",
    ["Self-employed", "Self Employed", "self employed consultant", "Stealth AI Startup",
     "Stealth Startup", "Stealth", "Confidential", "Confidential Company", "Freelance",
     "Freelancer", "Retired", "Retired teacher", "Open to Work", "#OpenToWork",
     "Independent Consultant", "n/a", "N/A", "-", "", "   ", "Various Clients", "Unemployed",
     "Looking for new opportunities", "Career Break", "Consulting LLC"],
)
def test_placeholders_have_no_key(placeholder):
    analysis = analyse_company(placeholder)
    assert analysis.candidates == ()
    assert normalise_company(placeholder) == ""


def test_secondary_candidates_after_via_bar_dash_and_in_parentheses():
    assert split_company("Google via Qualitest Group") == ("Google", ["Qualitest Group"])
    assert split_company("Apex Systems | Kaiser Permanente") == ("Apex Systems", ["Kaiser Permanente"])
    assert split_company("Alphabet (Google)") == ("Alphabet", ["Google"])
    keys = [c.key for c in analyse_company("Meta (formerly Facebook)").candidates]
    assert keys == ["meta", "facebook"]
    keys = [c.key for c in analyse_company("TEKsystems (client: Apple)").candidates]
    assert keys == ["teksystems", "apple"]
    # Hyphens inside names are not separators.
    assert [c.key for c in analyse_company("Mercedes-Benz").candidates] == ["mercedesbenz"]


def test_a_placeholder_part_leaves_the_real_employer():
    analysis = analyse_company("Self-employed | Google")
    assert [c.key for c in analysis.candidates] == ["google"]
    assert not analysis.placeholder


def test_legal_notes_in_parentheses_are_not_other_names():
    assert [c.key for c in analyse_company("Spotify AB (publ)").candidates] == ["spotify"]
    assert [c.key for c in analyse_company("Siemens Canada (Canada)").candidates] == ["siemenscanada"]


def test_strong_core_sets_generic_words_and_trailing_regions_aside():
    core = lambda name: analyse_company(name).candidates[0].core  # noqa: E731
    assert core("Cisco Systems, Inc.") == core("Cisco") == "cisco"
    assert core("The Go Daddy Group") == core("GoDaddy")
    assert core("Microsoft India Pvt Ltd") == "microsoft"
    assert core("Kaiser Permanente Northern California") == "kaiserpermanente"
    # The region is the name after "of": RBC is not RBS.
    assert core("Royal Bank of Canada") != core("Royal Bank of Scotland")
    # The first word stays even when generic: International Paper is not "Paper".
    assert core("International Paper") == "internationalpaper"
    # Too weak to match on: only common words are left.
    assert core("First National Bank") == ""
    assert core("Air India") == ""
    assert core("X") == ""


@given(st.text(max_size=60))
def test_any_text_analyses_and_survives_the_cache_round_trip(text):
    analysis = analyse_company(text)
    assert decode_analysis(text, encode_analysis(analysis)) == analysis
    for candidate in analysis.candidates:
        assert candidate.key and candidate.key.isascii() and candidate.key.isalnum()
        assert candidate.key == candidate.words.replace(" ", "")


def test_alias_graph_same_links_both_ways_part_links_only_up():
    graph = AliasGraph(builtin_aliases())
    assert "meta" in graph.expand("facebook") and "facebook" in graph.expand("meta")
    # YouTube counts for Google and, through it, Alphabet; Google does not count for YouTube.
    assert {"google", "alphabet"} <= graph.expand("youtube")
    assert "youtube" not in graph.expand("google")
    assert graph.expand("sysco") == frozenset()
    # Hard negatives stay apart even through the table.
    assert "huntingtonbank" not in graph.expand("huntingtoningalls")
    assert "huntingtoningalls" not in graph.expand("huntingtonbank")
