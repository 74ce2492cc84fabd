"""Spreading scored candidates over weeks within the weekly message budget.

Best score first, but at most a few people per target employer in the first weeks, so one bad
week at one company does not burn every contact there, and no friend gets asked for more than
a couple of introductions a week.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from outreach.plan.scoring import Candidate

FOLLOW_UP_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class SpreadRules:
    per_target_per_week: int = 2  # in the first weeks
    early_weeks: int = 4
    per_target_early: int = 3  # in all the first weeks together
    intros_per_friend_per_week: int = 2


@dataclass(frozen=True)
class Slot:
    candidate: Candidate
    week: int  # 1 = the week starting on the plan's start date
    send_on: date
    follow_up_on: date


def schedule(
    candidates: Iterable[Candidate], *, per_week: int, limit: int, start: date,
    rules: SpreadRules = SpreadRules(),
) -> list[Slot]:
    """Assign up to ``limit`` candidates (best first) to weeks; the result is in week order."""
    per_week = max(1, per_week)
    in_week: Counter[int] = Counter()
    target_week: Counter[tuple[int, int]] = Counter()
    target_early: Counter[int] = Counter()
    friend_week: Counter[tuple[int, int]] = Counter()
    first_open = 1
    slots: list[Slot] = []
    for c in candidates:
        if len(slots) >= limit:
            break
        week = first_open
        while True:
            if in_week[week] >= per_week:
                week += 1
                continue
            if week <= rules.early_weeks and (
                target_early[c.target.id] >= rules.per_target_early
                or target_week[(c.target.id, week)] >= rules.per_target_per_week
            ):
                week = week + 1 if target_early[c.target.id] < rules.per_target_early else rules.early_weeks + 1
                continue
            if c.via and friend_week[(c.via.owner_id, week)] >= rules.intros_per_friend_per_week:
                week += 1
                continue
            break
        in_week[week] += 1
        target_week[(c.target.id, week)] += 1
        if week <= rules.early_weeks:
            target_early[c.target.id] += 1
        if c.via:
            friend_week[(c.via.owner_id, week)] += 1
        while in_week[first_open] >= per_week:
            first_open += 1
        send_on = start + timedelta(weeks=week - 1)
        slots.append(Slot(c, week, send_on, send_on + FOLLOW_UP_AFTER))
    slots.sort(key=lambda s: (s.week, -s.candidate.score))
    return slots


__all__ = ["FOLLOW_UP_AFTER", "Slot", "SpreadRules", "schedule"]
