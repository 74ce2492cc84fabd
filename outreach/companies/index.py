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

from outreach.companies.names import (
    NATIONAL_FRANCHISES,
    AliasEntry,
    CompanyName,
    NameCandidate,
    analyse_company,
    initials,
    is_place,
    is_unit_or_place,
    literal_key,
    normalise_company,
    split_company,
    trailing_place,
    written_initials,
)

#: Fuzzy suggestions below this ``fuzz.ratio`` (0-100) on compact keys are not shown...
REVIEW_CUTOFF = 85.0
#: ...unless the names are one edit apart (``Goggle``, 83): that ratio is at least 80 for five
#: letters or more.
TYPO_CUTOFF = 80.0
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
    reason: str = ""


#: Review suggestions by rule, scored (0-100) so the likeliest come first; fuzzy near-misses
#: carry their own similarity (85-100).
TYPO_SCORE = 92.0
PREFIX_SCORE = 80.0
NAMESAKE_SCORE = 78.0
ACRONYM_SCORE = 72.0
OWNER_SCORE = 60.0
DISTINCT_SCORE = 40.0
#: Acronyms shorter than this are matched only through the table (HP, GE, EY): two letters are
#: the initials of too many names.
MIN_ACRONYM = 3
#: ``TargetIndex.separate`` for a relation that ended: the table says it no longer counts.
ENDED = "ended"


class TargetIndex:
    """Target names indexed by every route a contact's company can take to them."""

    def __init__(
        self,
        targets: Iterable[tuple[int, str]],
        aliases: AliasGraph,
        decisions: dict[tuple[str, str], bool] | None = None,
        distinct: dict[str, tuple[tuple[str, str, str, bool], ...]] | None = None,
        employer_key: Callable[[str], str] | None = None,
    ) -> None:
        self.aliases = aliases
        self.decisions = decisions or {}
        self.distinct = distinct or {}
        self.key_of: dict[int, str] = {}
        self.name_of: dict[int, str] = {}
        self.employer_of: dict[int, str] = {}
        self.by_key: dict[str, set[int]] = {}
        self.by_core: dict[str, set[int]] = {}
        self.by_primary_key: dict[str, set[int]] = {}
        self.by_initials: dict[str, set[int]] = {}
        self.first_words: set[str] = set()  # first words of target names, for the prefix rule
        self._prefix_memo: dict[str, list[tuple[int, list[str], bool]]] = {}
        self._known_keys: tuple[set[str], set[str]] | None = None
        self.weak_keys: set[str] = set()  # target keys made of weak words only (Apex, Summit)
        self.franchises: set[int] = set()  # targets whose national companies are often separate
        self.place_of: dict[int, list[str]] = {}  # targets whose name ends in a place: IIM Ahmedabad
        self.words: dict[str, str] = {}  # key -> its words, for the fuzzy tier
        for target_id, name in targets:
            analysis = analyse_company(name)
            if not analysis.candidates:
                continue
            self.key_of[target_id] = analysis.key
            self.name_of[target_id] = name
            if self.distinct and employer_key is not None:
                self.employer_of[target_id] = employer_key(name)
            self.by_primary_key.setdefault(analysis.key, set()).add(target_id)
            for candidate in analysis.candidates:
                self.by_key.setdefault(candidate.key, set()).add(target_id)
                self.words[candidate.key] = candidate.words
                if candidate.core:
                    self.by_core.setdefault(candidate.core, set()).add(target_id)
                else:
                    self.weak_keys.add(candidate.key)
                self.first_words.add(candidate.words.split(" ", 1)[0])
            primary = analysis.candidates[0]
            if {primary.key, primary.trimmed, primary.core} & NATIONAL_FRANCHISES:
                self.franchises.add(target_id)
            if primary.trimmed != primary.key and (place := trailing_place(primary.words.split())):
                self.place_of[target_id] = place
            first = primary.words.split()
            letters = initials(" ".join(first))
            if len(first) >= 2 and len(letters) >= MIN_ACRONYM:
                self.by_initials.setdefault(letters, set()).add(target_id)
        #: Names the table says own a target (Alphabet owns Google): company key -> targets.
        self.owned_by: dict[str, set[int]] = {}
        for target_id, key in self.key_of.items():
            if key in aliases:
                for owner in aliases.expand(key):
                    self.owned_by.setdefault(owner, set()).add(target_id)
        #: Every start of a target key of at most 6 letters: initials that could grow into one.
        self.short_prefixes = {key[:size] for key in self.by_key if len(key) <= 6
                               for size in range(1, len(key) + 1)}
        self._accepted_by_company: dict[str, list[str]] = {}
        for (company_key, target_key), accepted in self.decisions.items():
            if accepted:
                self._accepted_by_company.setdefault(company_key, []).append(target_key)

    def automatic(self, name: CompanyName) -> dict[int, tuple[str, str]]:
        """Target id -> (the best automatic tier by which ``name`` reaches it, the reason).

        One pass per tier, best first, so an exact match through a secondary candidate
        (``X | Kaiser Permanente``) beats an alias through the primary one.
        """
        found: dict[int, tuple[str, str]] = {}
        candidates = name.candidates
        if not name.owners and self._nowhere(candidates):
            return found
        by_key, by_core, expand, about = self.by_key, self.by_core, self.aliases.expand, self.aliases.about
        for index, candidate in enumerate(candidates):
            for target_id in by_key.get(candidate.key, ()):
                if target_id not in found:
                    found[target_id] = ("exact", "the same name" if not index else
                                        f"names {self.name_of[target_id]} as well")
        for candidate in candidates:
            for route in (candidate.key, candidate.trimmed, candidate.core):
                keys = expand(route)
                if not keys:
                    continue
                core_of = self.aliases.core_of
                for key in keys:
                    core = core_of.get(key, key)
                    for target_id in (*by_key.get(key, ()), *by_core.get(key, ()), *by_key.get(core, ())):
                        if target_id not in found:
                            found[target_id] = ("alias", about(route, key))
        for owner in name.owners:
            said = f"the name says it belongs to {owner.words.title()}"
            for route in (owner.key, owner.trimmed, owner.core):
                for key in (route, *expand(route)):
                    for target_id in (*by_key.get(key, ()), *by_core.get(key, ())):
                        found.setdefault(target_id, ("alias", said))
        for candidate in candidates:
            if candidate.core:
                for target_id in by_core.get(candidate.core, ()):
                    found.setdefault(target_id, ("strong", "the same name once generic words "
                                                           "and places are set aside"))
        for candidate in candidates:
            if candidate.key in self.aliases:  # a name the table knows, and not for these targets
                continue
            for target_id, rest, units in self._prefixes(candidate):
                if units and self.key_of.get(target_id) not in self.weak_keys:
                    found.setdefault(target_id, ("strong", _plus(self.name_of[target_id], candidate, rest, units)))
        return found

    def _nowhere(self, candidates: tuple[NameCandidate, ...]) -> bool:
        """Whether no automatic route can start from these names: no key, trimmed name or core
        is a target's or the table's, and no first word starts one (most names, quickly)."""
        known = self._known_keys
        if known is None:
            known = self._known_keys = (
                set(self.by_key) | set(self.by_core) | set(self.aliases.keys()),
                self.first_words | self.aliases.first_words,
            )
        keys, firsts = known
        for c in candidates:
            if c.key in keys or c.trimmed in keys or c.core in keys or c.words.split(" ", 1)[0] in firsts:
                return False
        return True

    def _prefixes(self, candidate: NameCandidate) -> list[tuple[int, list[str], bool]]:
        """Targets whose whole name starts ``candidate``: (target, the words after it, whether
        they are all unit, function or place words)."""
        known = self._prefix_memo.get(candidate.words)
        if known is not None:
            return known
        words = candidate.words.split()
        if len(words) < 2 or (words[0] not in self.first_words and words[0] not in self.aliases.first_words):
            return []
        out: list[tuple[int, list[str], bool]] = []
        self._prefix_memo[candidate.words] = out
        key = ""
        by_key, by_core, aliases = self.by_key, self.by_core, self.aliases
        for size in range(1, len(words)):
            key += words[size - 1]
            hits = set(by_key.get(key) or by_core.get(key) or ())
            if key in aliases:  # Citi Ventures: Citi is another name for Citigroup
                for other in aliases.expand(key):
                    hits.update(by_key.get(other) or by_core.get(other) or ())
            if hits:
                rest = words[size:]
                units = is_unit_or_place(rest)
                out.extend((target_id, rest, units and target_id not in self.franchises)
                           for target_id in sorted(hits))
        return out

    def suggest(self, name: CompanyName) -> dict[int, NameMatch]:
        """Review suggestions for a name no automatic rule placed: a target followed by other
        words, one letter off, initials, or named after a target."""
        found: dict[int, NameMatch] = {}

        def offer(target_id: int, score: float, reason: str) -> None:
            current = found.get(target_id)
            if current is None or current.score < score:
                found[target_id] = NameMatch(target_id, "review", score, False, reason)

        for candidate in name.candidates:
            for target_id, rest, _ in self._prefixes(candidate):
                offer(target_id, PREFIX_SCORE, _plus(self.name_of[target_id], candidate, rest, False))
            words = candidate.words.split()
            if len(words) == 1 and MIN_ACRONYM <= len(candidate.key) <= 6:
                for target_id in self.by_initials.get(candidate.key, ()):
                    offer(target_id, ACRONYM_SCORE,
                          f"{candidate.key.upper()} could be the initials of {self.name_of[target_id]}")
            if len(words) >= 2:
                short = initials(candidate.words)
                # As written (legal forms too: ONGC) only when that could still make a target.
                written = written_initials(name.raw) if (
                    candidate is name.candidates[0] and short in self.short_prefixes) else ""
                for letters in {short, written} - {""}:
                    if MIN_ACRONYM <= len(letters) <= 6:
                        for target_id in self.by_key.get(letters, ()):
                            offer(target_id, ACRONYM_SCORE,
                                  f"{self.name_of[target_id]} could be the initials of {candidate.words.title()}")
        for candidate in name.candidates[:1]:
            for target_id in self.owned_by.get(candidate.key, ()):
                target = self.name_of[target_id]
                offer(target_id, OWNER_SCORE, f"{candidate.words.title()} owns {target}: perhaps this contact works at {target}")
        for namesake in name.namesakes:
            for target_id in (*self.by_key.get(namesake.key, ()), *self.by_core.get(namesake.core, ())):
                offer(target_id, NAMESAKE_SCORE, f"named after {self.name_of[target_id]}: perhaps part of it")
        return found

    def separate(self, name: CompanyName, target_id: int) -> str:
        """The table's reason when ``name`` is a separate company that looks like the target
        (``Target Australia``, ``The Citadel``); "" otherwise; ``ENDED`` when it was part of the
        target and is no longer (GE Vernova): not even a question."""
        if not self.distinct or not name.candidates:
            return ""
        first = name.candidates[0]
        keys = [first.key, *(first.key + q.replace(" ", "") for q in name.qualifiers)]
        for key in keys:
            for literal, employer, fact, ended in self.distinct.get(key, ()):
                if employer != self.employer_of.get(target_id):
                    continue
                if literal != key and literal_key(split_company(name.raw)[0]) != literal:
                    continue
                return ENDED if ended else f"looks like {self.name_of[target_id]}, but the table says: {fact}"
        return ""

    def elsewhere(self, name: CompanyName, target_id: int) -> str:
        """Why a name with a place is a question for this target, or "": the target's national
        companies are often separate (McDonald's China), or the target names another place
        (IIM Bangalore is not IIM Ahmedabad)."""
        first = name.candidates[0] if name.candidates else None
        if first is None:
            return ""
        place = trailing_place(first.words.split()) or [
            q for q in name.qualifiers if is_place(q.split())
        ]
        for other in name.candidates[1:]:  # Jubilant FoodWorks (Domino's India)
            place = place or trailing_place(other.words.split())
        target = self.name_of[target_id]
        if not place:
            return ""
        own = self.place_of.get(target_id)
        if own is not None and own != place and own != place[-len(own):]:
            return f"{target} names another place ({' '.join(own).title()})"
        if own is None and target_id in self.franchises:
            return f"national companies of {target} are often separate (franchisees, national members): check"
        return ""

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
                    kept.append(NameMatch(target_id, "review", _ratio(company_key, target_key), True,
                                          "you accepted it"))
                    placed.add(target_id)
        return [
            m._replace(accepted=True)
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
            found: dict[int, NameMatch] = {}
            for target_id, (tier, reason) in self.automatic(name).items():
                why_not = self.separate(name, target_id) if self.distinct else ""
                if why_not is ENDED:
                    continue
                if not why_not and (target_id in self.franchises or target_id in self.place_of):
                    why_not = self.elsewhere(name, target_id)
                found[target_id] = (
                    NameMatch(target_id, "review", DISTINCT_SCORE, False, why_not) if why_not
                    else NameMatch(target_id, tier, 100.0, True, reason)
                )
            if not found:
                found = self.suggest(name)
                if self.distinct:
                    for target_id, suggestion in list(found.items()):
                        why_not = self.separate(name, target_id)
                        if why_not is ENDED:
                            del found[target_id]
                        elif why_not:
                            found[target_id] = suggestion._replace(score=DISTINCT_SCORE, reason=why_not)
                for candidate in name.candidates:
                    if len(candidate.key) >= MIN_FUZZY_LENGTH:
                        unplaced.setdefault(candidate.key, []).append(index)
                        self.words.setdefault(candidate.key, candidate.words)
            results.append(found)
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
                            results[index][target_id] = NameMatch(
                                target_id, "review", score, False,
                                f"spelled like {self.name_of[target_id]} (similarity {score:.0f})",
                            )
        for query, indexes in unplaced.items():
            for choice, score in known[query]:
                if _one_edit(query, choice):  # one letter off: likelier than most near misses
                    for target_id in self.by_key.get(choice, ()):
                        for index in indexes:
                            results[index][target_id] = NameMatch(
                                target_id, "review", max(score, TYPO_SCORE), False,
                                f"one letter apart from {self.name_of[target_id]}: a typo?",
                            )
        return [self.decide(name, found) for name, found in zip(names, results, strict=True)]

    def fingerprint(self) -> str:
        """Changes whenever fuzzy results could: other target names or other thresholds."""
        digest = hashlib.sha256(
            f"{REVIEW_CUTOFF}/{TYPO_CUTOFF}/{REVIEW_REST_EDITS}/{MIN_FUZZY_LENGTH}".encode()
        )
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
                    score_cutoff=TYPO_CUTOFF,
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
            if (score >= REVIEW_CUTOFF and typo_like(query, choice, OSA.distance))
            or _one_edit(query, choice)
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
_NOTHING: frozenset[str] = frozenset()


def _one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart, digits agreeing."""
    from rapidfuzz.distance import OSA

    return _DIGITS.sub("", a) == _DIGITS.sub("", b) and OSA.distance(a, b, score_cutoff=1) <= 1


def _plus(target: str, candidate: NameCandidate, rest: list[str], units: bool) -> str:
    """``Google + 'Fiber': perhaps a unit of Google``; the name as it starts when that is another
    name of the target (``Kaiser + 'Aluminum': perhaps a unit of Kaiser Permanente``)."""
    words = candidate.words.split()
    start = " ".join(words[: len(words) - len(rest)]).title()
    if start.replace(" ", "").casefold() == target.replace(" ", "").casefold():
        start = target
    said = " ".join(rest).title()
    if units:
        return f"{start} + '{said}', {'a place' if is_place(rest) else 'unit or place words'}"
    return f"{start} + '{said}': perhaps a unit of {target}"


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
        self._said: dict[str, str] = {}
        #: First words of the table's names: the prefix rule looks only at names starting so.
        self.first_words: set[str] = set()
        #: A name's core where it differs from its key: the table's "Infineon Technologies" is
        #: the target "Infineon".
        self.core_of: dict[str, str] = {}
        for entry in entries:
            child, parent = normalise_company(entry.name), normalise_company(entry.parent)
            if not child or not parent or child == parent:
                continue
            for name in (entry.name, entry.parent):
                first = analyse_company(name).candidates[0]
                self.first_words.add(first.words.split(" ", 1)[0])
                if first.core and first.core != first.key:
                    self.core_of[first.key] = first.core
            relation = "another name for" if entry.relation == "same" else "part of"
            said = f"{entry.name} is {relation} {entry.parent}" + (f" ({entry.fact})" if entry.fact else "")
            self._said.setdefault(child, said)
            if entry.relation == "same":
                self._said.setdefault(parent, said)
                parent_of[find(child)] = find(parent)
            else:
                edges.append((child, parent))
                find(child)
                find(parent)
        self._members: dict[str, set[str]] = {}
        self._root = {key: find(key) for key in parent_of}
        for key, root in self._root.items():
            self._members.setdefault(root, set()).add(key)
        self._up: dict[str, set[str]] = {}
        for child, parent in edges:
            self._up.setdefault(find(child), set()).add(find(parent))
        # Expanded on first use: a command looks up a few thousand of the table's names at most.
        self._expanded: dict[str, frozenset[str]] = {}

    def expand(self, key: str) -> frozenset[str]:
        found = self._expanded.get(key)
        if found is None:
            root = self._root.get(key)
            if root is None:
                return _NOTHING
            reached: set[str] = set()
            stack = [root]
            while stack:
                node = stack.pop()
                if node not in reached:
                    reached.add(node)
                    stack.extend(self._up.get(node, ()))
            keys = set().union(*(self._members[r] for r in reached))
            keys.discard(key)
            found = self._expanded[key] = frozenset(keys)
        return found

    def about(self, route: str, key: str) -> str:
        """Why a contact at ``route`` counts for ``key``, in words (the table's fact)."""
        return self._said.get(route) or self._said.get(key) or "linked by the company table"

    def __contains__(self, key: str) -> bool:
        return key in self._root

    def keys(self) -> Iterable[str]:
        """Every name the graph links (normalised)."""
        return self._root.keys()


__all__ = ["AliasGraph", "NameMatch", "TargetIndex", "MIN_FUZZY_LENGTH", "REVIEW_CUTOFF"]
