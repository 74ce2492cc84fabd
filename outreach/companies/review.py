"""The review tier: fuzzy suggestions the user accepts or rejects (``outreach review``).

Suggestions are grouped by the company's normalised key and the target, so ``WallMart`` and
``Wallmart Inc.`` are one question. Decisions are stored by ``matching.set_review_decision``.
"""

from __future__ import annotations

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

    def to_json(self) -> dict[str, object]:
        return {"company": self.company, "target": self.target, "score": self.score,
                "contacts": self.contacts, "spellings": self.spellings}


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
        suggestions.append(
            Suggestion(
                company=spellings.most_common(1)[0][0],
                target=matches[0].target,
                score=max(m.score for m in matches),
                contacts=len(matches),
                spellings=[s for s, _ in spellings.most_common()],
                contact_ids=[m.contact_id for m in matches],
            )
        )
    suggestions.sort(key=lambda s: (-s.score, -s.contacts, s.target.casefold(), s.company.casefold()))
    return suggestions


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


__all__ = ["Decision", "Suggestion", "contacts_with_company_key", "list_decisions", "review_suggestions"]
