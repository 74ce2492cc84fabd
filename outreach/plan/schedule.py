"""Spreading scored rows over weeks within the weekly message budget.

Best score first, but at most a few people per target employer in the first weeks, so one bad
week at one company does not burn every contact there, and at most a couple of asks to friends
for introductions a week. A row the spread held back says so (``Slot.held``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from outreach.plan.network import Target
from outreach.plan.scoring import Via

FOLLOW_UP_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class SpreadRules:
    per_target_per_week: int = 2  # in the first weeks
    early_weeks: int = 4
    per_target_early: int = 3  # in all the first weeks together
    intros_per_week: int = 2  # asks to friends for introductions


class Row(Protocol):
    """What the schedule needs of a row (``outreach.plan.conversations.Conversation``)."""

    @property
    def score(self) -> float: ...
    @property
    def target(self) -> Target: ...
    @property
    def via(self) -> Via | None: ...


@dataclass(frozen=True)
class Slot:
    candidate: Row
    week: int  # 1 = the week starting on the plan's start date
    send_on: date
    follow_up_on: date
    held: str = ""  # why the spread put it later than its score would: "" when it did not


def schedule(
    candidates: Iterable[Row], *, per_week: int, limit: int, start: date,
    rules: SpreadRules = SpreadRules(), follow_up_after: timedelta = FOLLOW_UP_AFTER,
    first: Sequence[Row] = (),
) -> list[Slot]:
    """Assign up to ``limit`` candidates (best first) to weeks; the result is in week order.

    ``first``: rows that go into week 1 whatever the budget and the spread say (referral asks
    for recent job applications); they are not counted in ``limit``, and take week 1's room
    first (the week may run over: ``overrun``)."""
    per_week = max(1, per_week)
    in_week: Counter[int] = Counter()
    target_week: Counter[tuple[int, int]] = Counter()
    target_early: Counter[int] = Counter()
    intro_week: Counter[int] = Counter()
    slots: list[Slot] = []
    ahead = {id(c) for c in first}
    for c in first:
        in_week[1] += 1
        target_week[(c.target.id, 1)] += 1
        target_early[c.target.id] += 1
        if c.via:
            intro_week[1] += 1
        slots.append(Slot(c, 1, start, start + follow_up_after))
    limit += len(slots)
    first_open = 1
    while in_week[first_open] >= per_week:
        first_open += 1
    for c in candidates:
        if id(c) in ahead:
            continue
        if len(slots) >= limit:
            break
        week = first_open
        held = ""
        while True:
            if in_week[week] >= per_week:
                week += 1
                continue
            if week <= rules.early_weeks and not _uncapped(c) and (
                target_early[c.target.id] >= rules.per_target_early
                or target_week[(c.target.id, week)] >= rules.per_target_per_week
            ):
                held = held or (
                    f"at most {rules.per_target_early} people at {c.target.name} in the first "
                    f"{rules.early_weeks} weeks" if target_early[c.target.id] >= rules.per_target_early
                    else f"at most {rules.per_target_per_week} people at {c.target.name} a week")
                week = week + 1 if target_early[c.target.id] < rules.per_target_early else rules.early_weeks + 1
                continue
            if c.via and intro_week[week] >= rules.intros_per_week:
                held = held or f"at most {rules.intros_per_week} asks to friends a week"
                week += 1
                continue
            break
        in_week[week] += 1
        target_week[(c.target.id, week)] += 1
        if week <= rules.early_weeks:
            target_early[c.target.id] += 1
        if c.via:
            intro_week[week] += 1
        natural = first_open
        while in_week[first_open] >= per_week:
            first_open += 1
        send_on = start + timedelta(weeks=week - 1)
        slots.append(Slot(c, week, send_on, send_on + follow_up_after,
                          f"held back to week {week}: {held}" if held and week > natural else ""))
    slots.sort(key=lambda s: (s.week, id(s.candidate) not in ahead, -s.candidate.score))
    return slots


#: Kinds the per-employer cap does not hold back: they answer someone who wrote.
UNCAPPED_KINDS = frozenset({"reply"})


def _uncapped(row: Row) -> bool:
    # ``kind`` is the plan's (``Conversation.kind``); rows without one are capped as before
    return getattr(row, "kind", "") in UNCAPPED_KINDS


def overrun(slots: Sequence[Slot], per_week: int) -> int:
    """How many messages week 1 holds over the weekly budget (referral asks that could not wait)."""
    return max(0, sum(1 for s in slots if s.week == 1) - max(1, per_week))


__all__ = ["FOLLOW_UP_AFTER", "Slot", "SpreadRules", "overrun", "schedule"]
