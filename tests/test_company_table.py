"""The company knowledge table (``outreach/data/companies/*.csv``): its format and its facts."""

from __future__ import annotations

import pytest

from outreach.companies.index import AliasGraph
from outreach.companies.knowledge import (
    RELATIONS,
    TableError,
    builtin_aliases,
    company_key,
    knowledge,
    read_table,
    table_files,
)
from outreach.companies.names import literal_key, normalise_company

HEADER = "name,employer,relation,from,until,fact\n"


def test_every_file_reads_and_every_row_has_its_fact():
    assert table_files(), "no table files"
    for name, text in table_files():
        read_table(text, name)  # with every name checked
    facts = knowledge()
    assert all(f.fact and f.relation in RELATIONS for f in facts)


def test_no_row_points_at_itself():
    """A distinct row compares names with a leading "The" kept: The Citadel is not Citadel."""
    same = [
        f.source
        for f in knowledge()
        if (literal_key if f.relation == "distinct" else normalise_company)(f.name)
        == (literal_key if f.relation == "distinct" else normalise_company)(f.employer)
    ]
    assert not same, f"rows whose name already normalises to its employer: {same[:20]}"


def test_no_two_rows_say_the_same_thing():
    seen: dict[tuple[str, str, str], str] = {}
    repeated = []
    for fact in knowledge():
        key = (normalise_company(fact.name), normalise_company(fact.employer), fact.relation)
        if key in seen:
            repeated.append((seen[key], fact.source, fact.name, fact.employer))
        seen[key] = fact.source
    assert not repeated, repeated[:20]


def test_a_name_is_another_name_of_one_employer_only():
    """``same`` rows group names; a name in two groups would make two employers one."""
    employer_of: dict[str, tuple[str, str]] = {}
    clashes = []
    for fact in knowledge():
        if fact.relation != "same":
            continue
        key = normalise_company(fact.name)
        employer = company_key(fact.employer)
        if key in employer_of and employer_of[key][0] != employer:
            clashes.append((fact.source, employer_of[key][1], fact.name))
        employer_of.setdefault(key, (employer, fact.source))
    assert not clashes, clashes[:20]


def test_part_rows_have_no_cycles():
    """Through ``same`` groups, ``part`` rows must go up only: A part of B part of A is an error."""
    same_root = {}

    def root(key: str) -> str:
        return same_root.get(key, key)

    for entry in builtin_aliases():
        if entry.relation == "same":
            a, b = root(normalise_company(entry.name)), root(normalise_company(entry.parent))
            for key, value in list(same_root.items()):
                if value == a:
                    same_root[key] = b
            same_root[a] = b
    up: dict[str, set[str]] = {}
    for entry in builtin_aliases():
        if entry.relation == "part":
            child, parent = root(normalise_company(entry.name)), root(normalise_company(entry.parent))
            assert child != parent, f"{entry.name} is part of itself through another name"
            up.setdefault(child, set()).add(parent)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for parent in up.get(node, ()):
            if state.get(parent) == 1:
                raise AssertionError(f"cycle: {' -> '.join([*path, node, parent])}")
            if parent not in state:
                visit(parent, [*path, node])
        state[node] = 2

    for node in list(up):
        if node not in state:
            visit(node, [])


def test_the_table_is_large_and_has_names_in_other_scripts():
    facts = knowledge()
    assert len(facts) >= 2500
    assert sum(not f.name.isascii() for f in facts) >= 40


def test_a_relation_that_ended_no_longer_counts():
    """Kyndryl left IBM in 2021: a contact there is not at IBM today, but was in 2019."""
    now, then = AliasGraph(builtin_aliases()), AliasGraph(builtin_aliases(year=2019))
    assert "ibm" not in now.expand("kyndryl")
    assert "ibm" in then.expand("kyndryl")


@pytest.mark.parametrize(
    "row,problem",
    [
        ("Acme,Acme Corp,part,,,a unit", None),
        ("Acme,Acme Corp,sister,,,a unit", "relation 'sister'"),
        ("Acme,Acme Corp,part,20x1,,a unit", "not a year"),
        ("Acme,Acme Corp,part,2020,2019,a unit", "before from"),
        ("Acme,Acme Corp,same,,2019,renamed", "only a part relation ends"),
        ("Acme,Acme Corp,part,,,", "no fact"),
        ("Acme,Acme Corp,part,,", "fields"),
        ("Self-employed,Acme Corp,part,,,a unit", "cannot be matched"),
    ],
)
def test_the_format_is_checked_row_by_row(row, problem):
    if problem is None:
        [fact] = read_table(HEADER + row + "\n", "x.csv")
        assert fact.source == "x.csv:2"
        [fact] = read_table("# a note\n" + HEADER + "\n# another\n" + row + "\n", "x.csv")
        assert fact.source == "x.csv:5"  # the line in the file, comments counted
        return
    with pytest.raises(TableError, match=problem):
        read_table(HEADER + "# a comment\n" + row + "\n", "x.csv")


def test_a_wrong_header_is_refused():
    with pytest.raises(TableError, match="header"):
        read_table("name,parent,relation\nA,B,same\n", "x.csv")
