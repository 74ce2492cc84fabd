"""Benchmark inputs at LinkedIn's cap: 30,000 connections, ~100,000 messages, 5,000 targets.

Most companies are unique invented names (as in a real network of that size); a share are the
well-known employers and spellings of the small sample, so matching has real work to do.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from outreach.sample.companies import (
    OTHER_COMPANIES,
    PLACEHOLDERS,
    TARGETS,
    invented_companies,
    written_variant,
)
from outreach.sample.messages import Conversations, invitation_row
from outreach.sample.packaging import fixed_xlsx
from outreach.sample.people import (
    RECRUITER,
    PeopleMaker,
    Person,
    pick_position,
    random_day,
    random_time,
)
from outreach.sample.small import ME

SEED = 30000
EXPORT_DAY = date(2026, 11, 20)
FIRST_DAY = date(2008, 1, 1)
LAST_DAY = EXPORT_DAY - timedelta(days=2)
MIDSIZE_SHARE = 20  # one invented company in 20 connections is a mid-size one several work at
CITIES = ("Austin, TX", "Remote", "New York, NY", "Seattle, WA", "San Francisco, CA", "Chicago, IL",
          "Denver, CO", "Boston, MA", "London", "Berlin", "Copenhagen", "Toronto", "")
INDUSTRIES = ("Software", "Healthcare", "Finance", "Retail", "Energy", "Manufacturing",
              "Logistics", "Media", "Consulting", "Education", "")


@dataclass
class LargeSample:
    connections: list[Person]
    messages: list[list[str]]
    invitations: list[list[str]]
    targets: list[list[object]]  # Company, Priority, City, Industry


def build_large(seed: int = SEED, *, connections: int = 30_000, messages: int = 100_000,
                targets: int = 5_000) -> LargeSample:
    rng = random.Random(seed)
    maker = PeopleMaker(rng, reserved=(ME.url,))
    pool = invented_companies(rng, connections + targets)
    midsize, singles = pool[: connections // MIDSIZE_SHARE], pool[connections // MIDSIZE_SHARE:]
    well_known = [c for t in TARGETS for c in (*t.variants, *t.friend_variants, *t.negatives)]
    well_known += OTHER_COMPANIES

    people: list[Person] = []
    used_singles: list[str] = []
    for _ in range(connections):
        connected = random_day(rng, FIRST_DAY, LAST_DAY)
        roll = rng.random()
        if roll < 0.005:  # private members: nothing but the date
            people.append(Person("", "", "", connected_on=connected))
            continue
        if roll < 0.08:
            company = rng.choice(PLACEHOLDERS)
        elif roll < 0.24:
            company = rng.choice(well_known)
        elif roll < 0.42:
            company = written_variant(rng, rng.choice(midsize))
        else:
            single = singles[len(used_singles)]
            used_singles.append(single)
            company = written_variant(rng, single)
        people.append(maker.person(company, pick_position(rng), connected))
    people.sort(key=lambda p: p.connected_on or date.min, reverse=True)

    rows = build_messages(rng, maker, [p for p in people if p.url], messages)
    invitations = build_invitations(rng, maker, max(1, connections // 60))
    target_rows = build_targets(rng, targets, midsize, used_singles, singles[len(used_singles):])
    return LargeSample(people, rows, invitations, target_rows)


def build_messages(rng: random.Random, maker: PeopleMaker, people: list[Person],
                   total: int) -> list[list[str]]:
    """1:1 threads of varied length (most short, a few long), ~8% group messages, some drafts."""
    until = datetime(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day, 23, 0)
    talk = Conversations(rng, ME, until)
    threads: list[tuple[Person, str]] = []
    group_budget = total * 8 // 100
    while len(talk.messages) < group_budget:
        members = rng.sample(people, rng.randint(2, 7))
        start = random_time(rng, random_day(rng, date(2016, 1, 1), LAST_DAY))
        talk.group(members, start, rng.randint(3, 40))
    patterns = ("both", "both", "both", "outgoing", "incoming")
    while len(talk.messages) < total - total // 200:
        person = rng.choice(people)
        pattern = rng.choice(patterns)
        if person.position in RECRUITER:
            opener = "recruiter_them" if pattern != "outgoing" else "outreach_me"
        else:
            opener = "catchup_them" if pattern == "incoming" else rng.choice(
                ("catchup_me", "outreach_me"))
        floor = max(person.connected_on or FIRST_DAY, FIRST_DAY)
        start = random_time(rng, random_day(rng, floor, LAST_DAY, skew=0.8))
        length = min(60, 1 + int(rng.expovariate(1 / 11)))
        length = min(length, total - len(talk.messages))
        threads.append((person, talk.one_to_one(person, start, length, pattern, opener)))
    while len(talk.messages) < total:
        person, conv = rng.choice(threads)
        talk.draft(person, random_time(rng, random_day(rng, date(2026, 1, 1), LAST_DAY)), conv)
    return talk.rows()


def build_invitations(rng: random.Random, maker: PeopleMaker, count: int) -> list[list[str]]:
    rows = []
    for _ in range(count):
        outgoing = rng.random() < 0.5
        other = maker.person(rng.choice(OTHER_COMPANIES), pick_position(rng), None)
        at = random_time(rng, random_day(rng, date(2026, 5, 1), LAST_DAY, skew=1.0))
        sender, receiver = (ME, other) if outgoing else (other, ME)
        rows.append((at, invitation_row(rng, sender, receiver, at, outgoing, rng.random() < 0.4)))
    rows.sort(key=lambda item: item[0], reverse=True)
    return [row for _, row in rows]


def build_targets(rng: random.Random, count: int, midsize: list[str], used: list[str],
                  unused: list[str]) -> list[list[object]]:
    """Well-known targets, every mid-size invented company, then half used, half unknown."""
    names = list(dict.fromkeys([t.name.strip() for t in TARGETS] + list(OTHER_COMPANIES)))
    names += midsize
    rest = max(0, count - len(names))
    names += rng.sample(used, min(len(used), rest // 2))
    names += unused[: max(0, count - len(names))]
    rows: list[list[object]] = []
    for name in names[:count]:
        priority = rng.randint(1, 5) if rng.random() < 0.9 else None
        rows.append([written_variant(rng, name), priority, rng.choice(CITIES),
                     rng.choice(INDUSTRIES)])
    return rows


def targets_workbook(rows: Sequence[Sequence[object]], when: datetime) -> bytes:
    """One sheet, a title row and a blank row above the header, like a hand-kept list."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.creator = "Alex Moreno"
    book.properties.created = when
    sheet = book.create_sheet("Targets")
    sheet.append([f"Target employers ({len(rows):,})"])
    sheet.append([])
    sheet.append(["Company", "Priority", "City", "Industry"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_xlsx(buffer.getvalue(), when)
