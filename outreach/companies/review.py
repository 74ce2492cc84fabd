"""The review tier: fuzzy suggestions the user accepts or rejects (``outreach review``).

Suggestions are grouped by the company's normalised key and the target, so ``WallMart`` and
``Wallmart Inc.`` are one question. Decisions are stored by ``matching.set_review_decision``.
"""

from __future__ import annotations

import fnmatch
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from outreach.companies.matching import analyse_names, match_contacts
from outreach.companies.names import normalise_company


@dataclass
class Suggestion:
    company: str          # the spelling most contacts use
    target: str           # the target as written
    score: float          # fuzz.ratio of the normalised names, 0-100
    contacts: int
    spellings: list[str] = field(default_factory=list)  # every spelling, most common first
    contact_ids: list[int] = field(default_factory=list)
    reason: str = ""  # why it is suggested: "Google + 'Fiber': perhaps a unit of Google"

    def to_json(self) -> dict[str, object]:
        return {"company": self.company, "target": self.target, "score": self.score,
                "contacts": self.contacts, "spellings": self.spellings, "reason": self.reason}

    def matches(self, company_pattern: str, target_pattern: str) -> bool:
        """Whether any spelling matches ``company_pattern`` and the target ``target_pattern``
        (shell patterns, ignoring case: ``Google *`` and ``*``)."""
        return fnmatch.fnmatchcase(self.target.casefold(), target_pattern.casefold()) and any(
            fnmatch.fnmatchcase(spelling.casefold(), company_pattern.casefold())
            for spelling in self.spellings
        )


@dataclass(frozen=True)
class Decision:
    company: str
    target: str
    accepted: bool
    decided_at: str


def review_suggestions(conn: sqlite3.Connection) -> list[Suggestion]:
    """Pending suggestions, best score first."""
    groups: dict[tuple[str, int], list] = {}
    for match in match_contacts(conn):
        if match.tier == "review" and not match.accepted:
            key = (normalise_company(match.company), match.target_id)
            groups.setdefault(key, []).append(match)
    suggestions = []
    for matches in groups.values():
        spellings = Counter(m.company for m in matches)
        best = max(matches, key=lambda m: m.score)
        suggestions.append(
            Suggestion(
                company=spellings.most_common(1)[0][0],
                target=matches[0].target,
                score=max(m.score for m in matches),
                contacts=len(matches),
                spellings=[s for s, _ in spellings.most_common()],
                contact_ids=[m.contact_id for m in matches],
                reason=best.reason,
            )
        )
    suggestions.sort(key=lambda s: (-s.score, -s.contacts, s.target.casefold(), s.company.casefold()))
    return suggestions


def is_pattern(text: str) -> bool:
    """Whether ``text`` is a shell pattern (``Google *``) rather than one name."""
    return any(c in text for c in "*?[")


def list_decisions(conn: sqlite3.Connection) -> list[Decision]:
    return [
        Decision(row[0], row[1], bool(row[2]), row[3])
        for row in conn.execute(
            "SELECT company, target, accepted, decided_at FROM review_decisions "
            "ORDER BY decided_at DESC, company"
        )
    ]


def contacts_with_company_key(conn: sqlite3.Connection, company: str) -> int:
    """How many contacts write their company so that it normalises like ``company``."""
    key = normalise_company(company)
    counts = Counter(row[0] for row in conn.execute("SELECT company FROM contacts WHERE company != ''"))
    names = analyse_names(conn, counts)
    return sum(n for raw, n in counts.items() if names[raw].key == key)


__all__ = ["Decision", "Suggestion", "contacts_with_company_key", "is_pattern", "list_decisions",
           "review_suggestions"]
