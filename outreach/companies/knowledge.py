"""The company knowledge table: which names count for which employer, and why.

The table is data (``outreach/data/companies/*.csv``, one file per sector), not code. Each row:

``name``
    a name contacts write: a short form, a former name, a name in another script, a
    subsidiary, brand or unit;
``employer``
    the employer it is about, as the table writes it elsewhere (one spelling per employer);
``relation``
    ``same``: another name for the same employer (a rename, a short form, a native name);
    ``part``: a subsidiary, brand or unit, counting for the employer (not the other way round);
    ``distinct``: looks like the employer but is a separate company (``Target Australia`` is
    a Wesfarmers chain): never matched automatically, only suggested for review;
``from`` / ``until``
    the years the relation holds (either may be empty). A ``part`` whose ``until`` has come
    is *formerly* part (Kyndryl, spun off from IBM in 2021) and no longer counts;
``fact``
    the fact in words, shown in a match's reason ("acquired by Salesforce, 2019").

The user's ``outreach alias add`` rows sit on top (``outreach.companies.matching``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from outreach.companies.names import AliasEntry, analyse_company, literal_key, normalise_company

RELATIONS = ("same", "part", "distinct")
COLUMNS = ("name", "employer", "relation", "from", "until", "fact")


@dataclass(frozen=True)
class Fact:
    """One row of the table, as written."""

    name: str
    employer: str
    relation: str
    since: int | None
    until: int | None
    fact: str
    source: str  # "tech.csv:12"

    def holds(self, year: int) -> bool:
        """Whether the relation counts in ``year``: started, and not yet ended."""
        return (self.since is None or self.since <= year) and (self.until is None or year < self.until)

    @property
    def words(self) -> str:
        """The relation in words, for a match's reason."""
        if self.relation == "same":
            return f"another name for {self.employer}" + (f" ({self.fact})" if self.fact else "")
        if self.relation == "distinct":
            return f"not {self.employer}" + (f": {self.fact}" if self.fact else "")
        return f"part of {self.employer}" + (f" ({self.fact})" if self.fact else "")


class TableError(ValueError):
    """A row of the knowledge table that breaks its format."""


def _year(text: str, where: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100):
        raise TableError(f"{where}: {text!r} is not a year")
    return int(text)


def read_table(text: str, source: str, *, check_names: bool = True) -> list[Fact]:
    """The rows of one table file; ``TableError`` on the first that breaks the format.

    ``check_names`` also analyses every name (is it one the matcher can use?): the tests do, the
    commands do not (it would cost a third of a second that the workspace's cache saves).
    """
    # Comment lines become blank lines, so that reader.line_num is the line in the file.
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    reader = csv.reader(io.StringIO("\n".join(lines)))
    header = next((row for row in reader if row), None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise TableError(f"{source}: the header must be {','.join(COLUMNS)}, not {header}")
    facts = []
    for row in reader:
        if not row:
            continue
        where = f"{source}:{reader.line_num}"
        if len(row) != len(COLUMNS):
            raise TableError(f"{where}: {len(row)} fields, not {len(COLUMNS)}: {row}")
        name, employer, relation, since, until, fact = (cell.strip() for cell in row)
        if relation not in RELATIONS:
            raise TableError(f"{where}: relation {relation!r} is not one of {', '.join(RELATIONS)}")
        if check_names and (not normalise_company(name) or not normalise_company(employer)):
            raise TableError(f"{where}: {name!r} -> {employer!r}: a name that cannot be matched")
        if not fact:
            raise TableError(f"{where}: {name!r} has no fact in words")
        first, last = _year(since, where), _year(until, where)
        if first is not None and last is not None and last < first:
            raise TableError(f"{where}: until {last} is before from {first}")
        if last is not None and relation != "part":
            raise TableError(f"{where}: only a part relation ends (until); {relation!r} does not")
        facts.append(Fact(name, employer, relation, first, last, fact, where))
    return facts


def table_files() -> list[tuple[str, str]]:
    """(file name, text) of every table file, in name order."""
    folder = resources.files("outreach.data").joinpath("companies")
    return sorted(
        (entry.name, entry.read_text("utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".csv")
    )


@cache
def table_fingerprint() -> str:
    """Changes whenever a table file does."""
    digest = hashlib.sha256()
    for name, text in table_files():
        digest.update(f"{name}\n{text}".encode())
    return digest.hexdigest()[:16]


@cache
def knowledge() -> tuple[Fact, ...]:
    """Every row of every table file."""
    facts: list[Fact] = []
    for name, text in table_files():
        facts.extend(read_table(text, name, check_names=False))
    return tuple(facts)


def this_year() -> int:
    return dt.date.today().year


def builtin_aliases(year: int | None = None) -> list[AliasEntry]:
    """The rows that count in ``year`` (this year by default) as alias entries for the matcher."""
    year = this_year() if year is None else year
    return [
        AliasEntry(f.name, f.employer, f.relation, f.fact)
        for f in knowledge()
        if f.relation != "distinct" and f.holds(year)
    ]


@cache
def distinct_rows(year: int | None = None) -> dict[str, tuple[tuple[str, str, str, bool], ...]]:
    """``distinct`` rows, and ``part`` rows that ended (GE Vernova left GE in 2024), by the name's
    key: (its literal key, the employer's key, the fact, whether it is a relation that ended).

    The literal key keeps a leading "The" (``The Citadel`` is a college, ``Citadel`` a fund).
    """
    found: dict[str, list[tuple[str, str, str, bool]]] = {}
    year = this_year() if year is None else year
    for fact in knowledge():
        if fact.relation == "distinct" or (fact.relation == "part" and not fact.holds(year)):
            found.setdefault(normalise_company(fact.name), []).append(
                (literal_key(fact.name), company_key(fact.employer),
                 fact.fact if fact.relation == "distinct" else f"formerly part of {fact.employer}: {fact.fact}",
                 fact.relation == "part")
            )
    return {key: tuple(rows) for key, rows in found.items()}


@cache
def facts_by_key() -> dict[str, tuple[Fact, ...]]:
    """Normalised name -> the rows about it (every relation, every period)."""
    found: dict[str, list[Fact]] = {}
    for fact in knowledge():
        for candidate in analyse_company(fact.name).candidates[:1]:
            found.setdefault(candidate.key, []).append(fact)
    return {key: tuple(rows) for key, rows in found.items()}


#: ``same_employers()`` once worked out (or given by ``use_same_employers``) in this process.
_SAME: dict[str, str] | None = None


def same_employers() -> dict[str, str]:
    """Every key in a ``same`` group of the table -> one key standing for the group.

    Working it out analyses ~4,500 names (~0.2 s); ``matching.prime_company_keys`` keeps it in
    the workspace and hands it back through ``use_same_employers``."""
    global _SAME
    if _SAME is None:
        _SAME = _work_out_same_employers()
    return _SAME


def use_same_employers(mapping: dict[str, str]) -> None:
    """``same_employers()`` as kept from an earlier run for the same table and rules."""
    global _SAME
    _SAME = dict(mapping)


def _work_out_same_employers() -> dict[str, str]:
    root: dict[str, str] = {}

    def find(key: str) -> str:
        while root.setdefault(key, key) != key:
            key = root[key]
        return key

    for entry in builtin_aliases():
        if entry.relation != "same":
            continue
        name, parent = normalise_company(entry.name), normalise_company(entry.parent)
        if name and parent:
            root[find(name)] = find(parent)
    return {key: find(key) for key in list(root)}


def company_key(name: str) -> str:
    """The employer ``name`` names: two strings are the same employer when their keys are equal.

    The matcher's automatic rules for one name: the primary candidate through the table's
    ``same`` rows (renames and short forms: ``Facebook`` = ``Meta Platforms, Inc.``), else its
    core (``Cisco Systems`` = ``Cisco``), else its key (``Acme, Inc.`` = ``Acme Inc``). ``part``
    rows are not the same employer (``YouTube`` is not ``Google``). ``""`` for blanks and
    placeholders (self-employed, stealth, freelance): they name no employer.
    """
    analysis = analyse_company(name)
    if not analysis.candidates:
        return ""
    first = analysis.candidates[0]
    same = same_employers()
    for route in (first.key, first.trimmed, first.core):
        if route in same:
            return same[route]
    return first.core or first.key


__all__ = [
    "COLUMNS",
    "Fact",
    "RELATIONS",
    "TableError",
    "builtin_aliases",
    "company_key",
    "distinct_rows",
    "facts_by_key",
    "knowledge",
    "read_table",
    "same_employers",
    "table_files",
    "table_fingerprint",
    "this_year",
    "use_same_employers",
]
