"""The matcher measured on labelled pairs: precision and recall by kind of name.

A labelled pair is a company as a contact writes it, a target as a user lists it, whether a
contact there works for the target today (``same``), and optionally what a careful tool should
do (``expect``: ``auto``, ``review`` or ``no``) and the ``kind`` of variant. Each pair is matched
alone (one target), with the built-in table of this year. ``benchmarks/company_eval.py`` prints
the figures; ``tests/test_company_eval.py`` holds them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from outreach.companies.index import AliasGraph, TargetIndex
from outreach.companies.knowledge import builtin_aliases, company_key, distinct_rows
from outreach.companies.names import analyse_company
from outreach.models import AUTOMATIC_TIERS


@dataclass(frozen=True)
class Pair:
    company: str
    target: str
    same: bool
    expect: str  # "auto" | "review" | "no"
    kind: str


@dataclass(frozen=True)
class Outcome:
    pair: Pair
    tier: str | None  # the best tier the matcher gave, None when nothing
    reason: str

    @property
    def automatic(self) -> bool:
        return self.tier in AUTOMATIC_TIERS

    @property
    def surfaced(self) -> bool:
        return self.tier is not None


@dataclass
class Figures:
    """Counts for one kind (or all), and the ratios the issue asks for."""

    pairs: int = 0
    positives: int = 0  # same employer
    expected_auto: int = 0  # same employer, and a careful tool would count it without asking
    auto_right: int = 0
    auto_wrong: int = 0
    auto_right_expected: int = 0
    surfaced_right: int = 0
    review_right: int = 0
    review_wrong: int = 0
    misses: list[Outcome] = field(default_factory=list)
    false_matches: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        pair = outcome.pair
        self.pairs += 1
        self.positives += pair.same
        self.expected_auto += pair.same and pair.expect == "auto"
        if outcome.automatic:
            if pair.same:
                self.auto_right += 1
                self.auto_right_expected += pair.expect == "auto"
            else:
                self.auto_wrong += 1
                self.false_matches.append(outcome)
        elif outcome.surfaced:
            self.review_right += pair.same
            self.review_wrong += not pair.same
        if pair.same:
            if outcome.surfaced:
                self.surfaced_right += 1
            else:
                self.misses.append(outcome)

    @property
    def precision(self) -> float:
        """Of the pairs counted automatically, the share that are the same employer."""
        placed = self.auto_right + self.auto_wrong
        return self.auto_right / placed if placed else 1.0

    @property
    def recall(self) -> float:
        """Of the pairs a careful tool counts without asking, the share counted automatically."""
        return self.auto_right_expected / self.expected_auto if self.expected_auto else 1.0

    @property
    def recall_all(self) -> float:
        """Of every same-employer pair (typos and acronyms too), the share counted automatically."""
        return self.auto_right / self.positives if self.positives else 1.0

    @property
    def surfaced(self) -> float:
        """Of every same-employer pair, the share counted or suggested for review."""
        return self.surfaced_right / self.positives if self.positives else 1.0

    @property
    def review_precision(self) -> float:
        """Of the review suggestions, the share a user would accept."""
        shown = self.review_right + self.review_wrong
        return self.review_right / shown if shown else 1.0


def read_pairs(path: Path) -> list[Pair]:
    """A labelled set: ``company,target,same[,expect][,kind]`` with ``#`` comment lines."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        pairs = []
        for row in rows:
            same = row["same"].strip() == "1"
            expect = (row.get("expect") or "").strip() or ("auto" if same else "no")
            if same and expect == "auto" and (row.get("kind") or "") == "typo":
                expect = "review"  # the first set marked no expectation; a typo is a question
            pairs.append(Pair(row["company"], row["target"], same, expect, (row.get("kind") or "").strip()))
    return pairs


def evaluate(pairs: Iterable[Pair], *, year: int | None = None) -> list[Outcome]:
    """Match each pair alone; the best tier (or None) and its reason."""
    graph = AliasGraph(builtin_aliases(year))
    distinct = distinct_rows(year)
    outcomes = []
    for pair in pairs:
        index = TargetIndex([(1, pair.target)], graph, None, distinct, company_key)
        [found] = index.match_names([analyse_company(pair.company)])
        best = min(found, key=lambda m: (m.tier not in AUTOMATIC_TIERS, -m.score), default=None)
        outcomes.append(Outcome(pair, best.tier if best else None, best.reason if best else ""))
    return outcomes


def figures(outcomes: Sequence[Outcome]) -> tuple[Figures, dict[str, Figures]]:
    """All pairs together, and by kind."""
    total, by_kind = Figures(), dict[str, Figures]()
    for outcome in outcomes:
        total.add(outcome)
        by_kind.setdefault(outcome.pair.kind or "-", Figures()).add(outcome)
    return total, dict(sorted(by_kind.items()))


__all__ = ["Figures", "Outcome", "Pair", "evaluate", "figures", "read_pairs"]
