"""The matcher itself: target names indexed by every route a company name can take to them.

Pure and in memory: ``outreach.companies.matching`` feeds it from the workspace. See that module for the
tiers. ``AliasGraph`` turns the alias table into "which names count for which";
``TargetIndex`` places analysed company names (``outreach.companies.names``) at targets.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from outreach.companies.names import AliasEntry, CompanyName, analyse_company, normalise_company

#: Fuzzy suggestions below this ``fuzz.ratio`` (0-100) on compact keys are not shown.
REVIEW_CUTOFF = 85.0
#: ...and when two names share words, the words they do not share must be this many edits
#: apart at most (a typo), or one more when the shorter of them is longer than 8 letters.
REVIEW_REST_EDITS = 1
#: Keys shorter than this never get fuzzy suggestions: one letter changes a short name
#: into another company (Meta / Beta, Sysco / Cisco).
MIN_FUZZY_LENGTH = 5




class NameMatch(NamedTuple):
    """A company name (not yet a contact) placed at a target."""

    target_id: int
    tier: str
    score: float
    accepted: bool


class TargetIndex:
    """Target names indexed by every route a contact's company can take to them."""

    def __init__(
        self,
        targets: Iterable[tuple[int, str]],
        aliases: AliasGraph,
        decisions: dict[tuple[str, str], bool] | None = None,
    ) -> None:
        self.aliases = aliases
        self.decisions = decisions or {}
        self.key_of: dict[int, str] = {}
        self.by_key: dict[str, set[int]] = {}
        self.by_core: dict[str, set[int]] = {}
        self.by_primary_key: dict[str, set[int]] = {}
        self.words: dict[str, str] = {}  # key -> its words, for the fuzzy tier
        for target_id, name in targets:
            analysis = analyse_company(name)
            if not analysis.candidates:
                continue
            self.key_of[target_id] = analysis.key
            self.by_primary_key.setdefault(analysis.key, set()).add(target_id)
            for candidate in analysis.candidates:
                self.by_key.setdefault(candidate.key, set()).add(target_id)
                self.words[candidate.key] = candidate.words
                if candidate.core:
                    self.by_core.setdefault(candidate.core, set()).add(target_id)
        self._accepted_by_company: dict[str, list[str]] = {}
        for (company_key, target_key), accepted in self.decisions.items():
            if accepted:
                self._accepted_by_company.setdefault(company_key, []).append(target_key)

    def automatic(self, name: CompanyName) -> dict[int, str]:
        """Target id -> the best automatic tier by which ``name`` reaches it.

        One pass per tier, best first, so an exact match through a secondary candidate
        (``X | Kaiser Permanente``) beats an alias through the primary one.
        """
        found: dict[int, str] = {}
        by_key, by_core, expand = self.by_key, self.by_core, self.aliases.expand
        candidates = name.candidates
        for candidate in candidates:
            for target_id in by_key.get(candidate.key, ()):
                found.setdefault(target_id, "exact")
        for candidate in candidates:
            for route in (candidate.key, candidate.trimmed, candidate.core):
                for key in expand(route):
                    for target_id in by_key.get(key, ()):
                        found.setdefault(target_id, "alias")
                    for target_id in by_core.get(key, ()):
                        found.setdefault(target_id, "alias")
        for candidate in candidates:
            if candidate.core:
                for target_id in by_core.get(candidate.core, ()):
                    found.setdefault(target_id, "strong")
        return found

    def decide(self, name: CompanyName, found: dict[int, NameMatch]) -> list[NameMatch]:
        """Apply the user's review decisions: rejections remove, acceptances add."""
        company_key = name.key
        if not self.decisions or not company_key:
            return list(found.values())
        kept = [
            m
            for m in found.values()
            if self.decisions.get((company_key, self.key_of.get(m.target_id, ""))) is not False
        ]
        placed = {m.target_id for m in kept}
        for target_key in self._accepted_by_company.get(company_key, ()):
            for target_id in self.by_primary_key.get(target_key, ()):
                if target_id not in placed:
                    kept.append(NameMatch(target_id, "review", _ratio(company_key, target_key), True))
                    placed.add(target_id)
        return [
            NameMatch(m.target_id, m.tier, m.score, True)
            if m.tier == "review" and self.decisions.get((company_key, self.key_of[m.target_id]))
            else m
            for m in kept
        ]

    def match_names(
        self, names: Sequence[CompanyName], known: dict[str, list[tuple[str, float]]] | None = None
    ) -> list[list[NameMatch]]:
        """For each name, where it lands: automatic tiers, then suggestions for the rest.

        ``known`` holds fuzzy results from earlier runs against the same targets (see
        ``fingerprint``): company key -> [(target key, score)]. Keys not in it are compared now
        and added to it, so the caller can keep it.
        """
        results: list[dict[int, NameMatch]] = []
        unplaced: dict[str, list[int]] = {}
        for index, name in enumerate(names):
            found = {
                target_id: NameMatch(target_id, tier, 100.0, True)
                for target_id, tier in self.automatic(name).items()
            }
            results.append(found)
            if not found:
                for candidate in name.candidates:
                    if len(candidate.key) >= MIN_FUZZY_LENGTH:
                        unplaced.setdefault(candidate.key, []).append(index)
                        self.words.setdefault(candidate.key, candidate.words)
        known = {} if known is None else known
        missing = [query for query in unplaced if query not in known]
        if missing:
            for query in missing:
                known[query] = []
            for query, choice, score in self.fuzzy(missing):
                known[query].append((choice, score))
        for query, indexes in unplaced.items():
            for choice, score in known[query]:
                for target_id in self.by_key.get(choice, ()):
                    for index in indexes:
                        current = results[index].get(target_id)
                        if current is None or current.score < score:
                            results[index][target_id] = NameMatch(target_id, "review", score, False)
        return [self.decide(name, found) for name, found in zip(names, results, strict=True)]

    def fingerprint(self) -> str:
        """Changes whenever fuzzy results could: other target names or other thresholds."""
        digest = hashlib.sha256(f"{REVIEW_CUTOFF}/{REVIEW_REST_EDITS}/{MIN_FUZZY_LENGTH}".encode())
        for key in sorted(self.by_key):
            digest.update(f"\n{key}:{self.words.get(key, '')}".encode())
        return digest.hexdigest()

    def fuzzy(self, queries: Sequence[str]) -> list[tuple[str, str, float]]:
        """(query key, target key, score) for every near-miss at or above ``REVIEW_CUTOFF``."""
        choices = [key for key in self.by_key if len(key) >= MIN_FUZZY_LENGTH]
        if not choices or not queries:
            return []
        import numpy as np
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        hits: dict[tuple[str, str], float] = {}
        # Two blockings, by the first two and by the last two letters: a typo at both ends of
        # the same name is rare, and the blocks keep 30,000 x 5,000 names well under a second.
        for block in (lambda key: key[:2], lambda key: key[-2:]):
            query_blocks: dict[str, list[str]] = {}
            for query in queries:
                query_blocks.setdefault(block(query), []).append(query)
            choice_blocks: dict[str, list[str]] = {}
            for choice in choices:
                choice_blocks.setdefault(block(choice), []).append(choice)
            for label, block_queries in query_blocks.items():
                block_choices = choice_blocks.get(label)
                if not block_choices:
                    continue
                scores = process.cdist(
                    block_queries,
                    block_choices,
                    scorer=fuzz.ratio,
                    score_cutoff=REVIEW_CUTOFF,
                    dtype=np.float32,
                    workers=-1 if len(block_queries) * len(block_choices) > 100_000 else 1,
                )
                rows, columns = np.nonzero(scores)
                for row, column, score in zip(
                    rows.tolist(), columns.tolist(), scores[rows, columns].tolist(), strict=True
                ):
                    hits[(block_queries[row], block_choices[column])] = score
        typo_like = self._typo_like
        return [
            (query, choice, round(score, 1))
            for (query, choice), score in hits.items()
            if typo_like(query, choice, OSA.distance)
        ]

    def _typo_like(self, query: str, choice: str, edits: Callable[..., int]) -> bool:
        """Whether two similar keys differ like a typo rather than like two companies.

        Shared words inflate the similarity of different names (``Ironmint Media`` and
        ``Ironpoint Media`` score 90): the words the names do not share must differ by a typo
        (``Goldman Sacks``). Digits must agree (``Area 51``, ``Area 52``).
        """
        if _DIGITS.sub("", query) != _DIGITS.sub("", choice):
            return False
        query_words = self.words.get(query, query).split()
        choice_words = self.words.get(choice, choice).split()
        common = set(query_words) & set(choice_words)
        if not common:
            return True
        rest_query = "".join(w for w in query_words if w not in common)
        rest_choice = "".join(w for w in choice_words if w not in common)
        if not rest_query or not rest_choice:
            return False
        allowed = REVIEW_REST_EDITS + (min(len(rest_query), len(rest_choice)) > 8)
        return edits(rest_query, rest_choice, score_cutoff=allowed) <= allowed


_DIGITS = re.compile(r"\D+")


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return round(float(fuzz.ratio(a, b)), 1)



class AliasGraph:
    """Which names count for which: ``expand(key)`` is every key a contact at ``key`` counts for.

    ``same`` links go both ways (Facebook and Meta); ``part`` links go up only (a contact at
    YouTube counts for Google and, through it, Alphabet; a contact at Google does not count for
    YouTube).
    """

    def __init__(self, entries: Iterable[AliasEntry]) -> None:
        parent_of: dict[str, str] = {}

        def find(key: str) -> str:
            parent_of.setdefault(key, key)
            while parent_of[key] != key:
                parent_of[key] = parent_of[parent_of[key]]
                key = parent_of[key]
            return key

        edges: list[tuple[str, str]] = []
        for entry in entries:
            child, parent = normalise_company(entry.name), normalise_company(entry.parent)
            if not child or not parent or child == parent:
                continue
            if entry.relation == "same":
                parent_of[find(child)] = find(parent)
            else:
                edges.append((child, parent))
                find(child)
                find(parent)
        members: dict[str, set[str]] = {}
        for key in list(parent_of):
            members.setdefault(find(key), set()).add(key)
        up: dict[str, set[str]] = {}
        for child, parent in edges:
            up.setdefault(find(child), set()).add(find(parent))
        self._expanded: dict[str, frozenset[str]] = {}
        for key in parent_of:
            reached: set[str] = set()
            stack = [find(key)]
            while stack:
                root = stack.pop()
                if root in reached:
                    continue
                reached.add(root)
                stack.extend(up.get(root, ()))
            keys = set().union(*(members[r] for r in reached))
            keys.discard(key)
            self._expanded[key] = frozenset(keys)

    def expand(self, key: str) -> frozenset[str]:
        return self._expanded.get(key, frozenset())

    def __contains__(self, key: str) -> bool:
        return key in self._expanded


__all__ = ["AliasGraph", "NameMatch", "TargetIndex", "MIN_FUZZY_LENGTH", "REVIEW_CUTOFF"]
