"""Plain value types shared between layers (no heavy imports here)."""

from __future__ import annotations

from dataclasses import dataclass

#: Match tiers, strongest first. Only the first three count as matches without the user's say.
AUTOMATIC_TIERS = ("exact", "alias", "strong")
TIERS = (*AUTOMATIC_TIERS, "review")
#: A tier's place in TIERS: lower is stronger.
TIER_RANK = {tier: rank for rank, tier in enumerate(TIERS)}


@dataclass(frozen=True)
class Match:
    """One contact matched to one target employer."""

    contact_id: int
    target_id: int
    tier: str  # "exact" | "alias" | "strong" | "review"
    score: float  # 100.0 for automatic tiers; the fuzzy score for review suggestions
    company: str  # the contact's company as written
    target: str  # the target's name as written
    accepted: bool  # True for automatic tiers and accepted review suggestions
    reason: str = ""  # why, in words: "Tableau is part of Salesforce (acquired by Salesforce, 2019)"
