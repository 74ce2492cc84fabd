"""The small committed sample: one job seeker's network, an older export of it, a friend's export.

The story: Alex Moreno, a data engineer in Austin, TX, was laid off from Bazaarvoice in
September 2026 and is looking for the next role. About 400 connections; contacts at most
target employers, written every way people write company names; 16 people changed jobs
between the May and the November export; Alex's friend Dana Whitfield (at Indeed) shared her
own Connections.csv, which reaches targets where Alex knows no one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from outreach.sample.companies import JOB_CHANGES, TARGETS, filler_company
from outreach.sample.messages import Conversations, invitation_row
from outreach.sample.people import (
    RECRUITER,
    PeopleMaker,
    Person,
    pick_position,
    random_day,
    random_time,
)

SEED = 20261120
EXPORT_DAY = date(2026, 11, 20)
OLDER_DAY = date(2026, 5, 14)
FRIEND_DAY = date(2026, 11, 2)
LAID_OFF = date(2026, 9, 15)
FIRST_DAY = date(2013, 6, 1)
LAST_DAY = EXPORT_DAY - timedelta(days=2)

CONNECTIONS = 400
FRIEND_CONNECTIONS = 250
PRIVATE = 4

ME = Person("Alex", "Moreno", "https://www.linkedin.com/in/alex-moreno-data", "", "Bazaarvoice",
            "Data Engineer")
DANA = Person("Dana", "Whitfield", "https://www.linkedin.com/in/dana-whitfield-7c21e4", "",
              "Indeed", "Senior Product Manager, Data Products", date(2019, 3, 8))

# Names as people really type them: credentials and pronouns in the last name, emoji, all caps,
# no capitals, non-Latin scripts, an initial only. (first, last, company, position)
SPECIAL = (
    ("Anneliese", "Kreuzer, PhD", "Siemens Healthineers", "Director, Data Science"),
    ("Chinedu", "Okafor, MBA", "Capital One", "Senior Manager, Analytics"),
    ("Lauren", "Whitaker, SHRM-CP", "Kaiser Permanente", "Senior Talent Acquisition Partner"),
    ("Vikram", "Iyer, CFA", "Goldman Sachs", "Vice President"),
    ("Taylor", "Brooks (they/them)", "Spotify", "Analytics Engineer"),
    ("Gabriela", "Peña (she/her)", "Google", "Technical Recruiter"),
    ("Marcus", "Hill he/him", "Self-employed", "Data Consultant"),
    ("Ana", "Souza 🌻", "Stealth AI Startup", "Founding Data Engineer"),
    ("✨ Mei", "Lin", "Freelance", "Data Visualization Designer"),
    ("DEREK", "HOLLOWAY", "Sysco", "IT Manager"),
    ("wei", "zhang", "Wallmart", "data analyst"),
    ("Дмитрий", "Соколов", "EPAM Systems", "Lead Data Engineer"),
    ("芳", "王", "Amazon Web Services (AWS)", "Data Engineer"),
    ("민준", "김", "Samsung Austin Semiconductor", "Process Engineer"),
    ("Marta", "K.", "Confidential", "Open to work"),
    ("Siobhán", "O'Connor", "Deloitte & Touche LLP", "Audit Senior"),
    ("Ngozi", "Okafor-Lindqvist", "Novo Nordisk A/S", "Senior Data Engineer"),
    ("Jose Miguel", "dela Cruz", "Epic Systems Corporation", "Technical Services"),
    ("Søren", "Østergaard", "A.P. Moller - Maersk", "Data Engineer"),
    ("Jörg", "Größmann", "Robert Bosch GmbH", "Software Architect"),
)


@dataclass
class SmallSample:
    connections: list[Person]  # the user's current export, newest first
    older: list[Person]  # the same user's export of OLDER_DAY
    friend: list[Person]  # Dana's Connections.csv
    messages: list[list[str]]
    invitations: list[list[str]]


def newest_first(people: list[Person]) -> list[Person]:
    return sorted(people, key=lambda p: p.connected_on or date.min, reverse=True)


def build_small(seed: int = SEED) -> SmallSample:
    rng = random.Random(seed)
    maker = PeopleMaker(rng, reserved=(ME.url, DANA.url))

    def day(start: date = FIRST_DAY, end: date = LAST_DAY) -> date:
        return random_day(rng, start, end)

    at_targets = [maker.person(company, pick_position(rng), day())
                  for target in TARGETS for company in target.variants]
    negatives = [maker.person(company, pick_position(rng), day())
                 for target in TARGETS for company in target.negatives]
    changers: list[tuple[Person, Person]] = []
    for old_company, old_position, new_company, new_position in JOB_CHANGES:
        now = maker.person(new_company, new_position, day(end=OLDER_DAY - timedelta(days=20)))
        changers.append((now, replace(now, company=old_company, position=old_position)))
    colleagues = [maker.person("Bazaarvoice", pick_position(rng, rng.choice(("peer", "manager"))),
                               day(date(2021, 3, 1))) for _ in range(10)]
    special = [Person(first, last, maker.url(first, last), "", company, position, day())
               for first, last, company, position in SPECIAL]
    known = [*at_targets, *negatives, *(now for now, _ in changers), *colleagues, *special, DANA]
    filler = [maker.person(filler_company(rng), pick_position(rng), day())
              for _ in range(CONNECTIONS - len(known) - PRIVATE)]
    # A member URN where an e-mail address should be (seen in real exports): not an e-mail.
    for index in rng.sample(range(len(filler)), 2):
        urn = f"urn:li:member:{rng.randrange(100_000, 999_999_999)}"
        filler[index] = replace(filler[index], email=urn)
    private = [Person("", "", "", connected_on=day()) for _ in range(PRIVATE)]
    connections = newest_first([*known, *filler, *private])

    # The export of May 2026: fewer people, the job changers at their old jobs, and three people
    # who have since removed the connection.
    removed = [maker.person(filler_company(rng), pick_position(rng), day(end=OLDER_DAY))
               for _ in range(3)]
    then = {now.url: old for now, old in changers}
    older = newest_first([then.get(p.url, p) for p in connections
                          if p.connected_on and p.connected_on < OLDER_DAY] + removed)

    friend = build_friend(rng, maker, connections)
    messages = build_messages(rng, maker, at_targets, changers, colleagues, [*filler, *special])
    invitations = build_invitations(rng, maker, friend)
    return SmallSample(connections, older, friend, messages, invitations)


def build_friend(rng: random.Random, maker: PeopleMaker, mine: list[Person]) -> list[Person]:
    """Dana's connections: some shared with Alex, many at targets, some where Alex has no one."""

    def day() -> date:
        return random_day(rng, date(2011, 9, 1), FRIEND_DAY - timedelta(days=1))

    shared = rng.sample([p for p in mine if p.url and p is not DANA], 25)
    people = [replace(p, connected_on=day()) for p in shared]
    people.append(replace(ME, connected_on=DANA.connected_on))
    for target in TARGETS:
        for company in target.friend_variants:
            people += [maker.person(company, pick_position(rng), day())
                       for _ in range(rng.choice((1, 2, 2, 3)))]
    variants = [company for target in TARGETS for company in target.variants]
    people += [maker.person(rng.choice(variants), pick_position(rng), day()) for _ in range(30)]
    people += [maker.person("Indeed", pick_position(rng), day()) for _ in range(12)]
    private = [Person("", "", "", connected_on=day()) for _ in range(2)]
    people += [maker.person(filler_company(rng), pick_position(rng), day())
               for _ in range(FRIEND_CONNECTIONS - len(people) - len(private))]
    return newest_first(people + private)


def build_messages(rng: random.Random, maker: PeopleMaker, at_targets: list[Person],
                   changers: list[tuple[Person, Person]], colleagues: list[Person],
                   others: list[Person]) -> list[list[str]]:
    until = datetime(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day, 23, 0)
    talk = Conversations(rng, ME, until)
    threads: list[tuple[Person, str]] = []

    def moment(start: date, end: date = LAST_DAY) -> datetime:
        return random_time(rng, random_day(rng, start, end, skew=1.0))

    def since(person: Person, floor: date = FIRST_DAY) -> date:
        return max(person.connected_on or floor, floor)

    # Dana: one long thread over the years, busiest since the layoff.
    conv = talk.one_to_one(DANA, datetime(2019, 4, 2, 16, 5), 5, "both", "catchup_them")
    talk.one_to_one(DANA, datetime(2023, 6, 12, 18, 40), 6, "both", "catchup_me", conversation=conv)
    talk.one_to_one(DANA, datetime(2026, 9, 22, 15, 10), 12, "both", "catchup_them",
                    conversation=conv)
    threads.append((DANA, conv))
    for person in colleagues[:8]:
        opener = rng.choice(("catchup_me", "catchup_them"))
        conv = talk.one_to_one(person, moment(since(person)), rng.randint(2, 9), "both", opener)
        threads.append((person, conv))
    recruiters = [p for p in [*at_targets, *others] if p.position in RECRUITER]
    for person in recruiters[:12]:
        pattern = rng.choice(("incoming", "both"))
        count = rng.randint(1, 2) if pattern == "incoming" else rng.randint(2, 6)
        start = moment(since(person, date(2022, 1, 1)))
        threads.append((person, talk.one_to_one(person, start, count, pattern, "recruiter_them")))
    outreach = rng.sample([p for p in at_targets if p.position not in RECRUITER], 14)
    for person in outreach[:12]:
        pattern = rng.choice(("outgoing", "both"))
        count = rng.randint(1, 2) if pattern == "outgoing" else rng.randint(2, 6)
        start = moment(max(LAID_OFF, since(person)))
        threads.append((person, talk.one_to_one(person, start, count, pattern, "outreach_me")))
    for now, _ in changers[:5]:
        talk.one_to_one(now, moment(OLDER_DAY), rng.randint(1, 4), "both", "congrats_me")
    for person in rng.sample([p for p in others if p.url], 30):
        pattern = rng.choice(("both", "both", "both", "outgoing", "incoming"))
        opener = "catchup_them" if pattern == "incoming" else "catchup_me"
        start = moment(since(person))
        threads.append((person, talk.one_to_one(person, start, rng.randint(1, 8), pattern, opener)))

    pool = [*colleagues, *others[:60]]
    talk.group([DANA, *rng.sample(pool, 3)], datetime(2025, 2, 3, 17, 30), 9)
    talk.group(colleagues[:5], moment(date(2024, 1, 1)), 12)
    for _ in range(4):
        talk.group(rng.sample(pool, rng.randint(2, 5)), moment(date(2020, 1, 1)), rng.randint(3, 10))

    # Unsent drafts: three in existing threads, and one new conversation never sent.
    for person, conv in rng.sample(threads, 3):
        talk.draft(person, moment(date(2026, 10, 15)), conv)
    talk.draft(outreach[12], moment(date(2026, 11, 1)))

    # InMail from recruiters Alex is not connected to, and one piece of spam.
    for company in ("Spotify", "Databricks", "Ørsted A/S"):
        recruiter = maker.person(company, rng.choice(RECRUITER), None)
        pattern = "both" if company == "Spotify" else "incoming"
        talk.one_to_one(recruiter, moment(LAID_OFF), rng.randint(1, 3), pattern, "recruiter_them",
                        subject=f"Data Engineer opportunity at {company}")
    spammer = maker.person("Growth Partners Outsourcing", "Head of Growth", None)
    talk.one_to_one(spammer, moment(LAID_OFF), 1, "incoming", "spam_them", subject="Quick question",
                    folder="SPAM")
    return talk.rows()


def build_invitations(rng: random.Random, maker: PeopleMaker, friend: list[Person]) -> list[list[str]]:
    """Pending invitations: Alex reaching out at targets, recruiters reaching in."""
    rows = []
    friend_only = [p for p in friend if p.company in ("Ørsted A/S", "Figma", "Duolingo")]
    invitees = [*friend_only[:2]]
    for company in ("Spotify", "Stripe", "NVIDIA", "Databricks", "Epic Systems", "Novo Nordisk"):
        invitees.append(maker.person(company, pick_position(rng), None))
    for person in invitees:
        at = random_time(rng, random_day(rng, LAID_OFF, LAST_DAY, skew=1.0))
        rows.append((at, invitation_row(rng, ME, person, at, True, rng.random() < 0.6)))
    for company in ("Robert Half", "TEKsystems", "Insight Global", "Google", "Randstad", "Meta"):
        person = maker.person(company, rng.choice(RECRUITER), None)
        at = random_time(rng, random_day(rng, LAID_OFF, LAST_DAY, skew=1.0))
        rows.append((at, invitation_row(rng, person, ME, at, False, rng.random() < 0.5)))
    rows.sort(key=lambda item: item[0], reverse=True)
    return [row for _, row in rows]


# Profile.csv, under extras.PROFILE_HEADER (here because it speaks of ME; the other files beyond
# Connections, messages and Invitations are in sample/extras.py).
PROFILE_ROWS = [[
    ME.first, ME.last, "", "", "", "Data Engineer | Python, SQL, Airflow, Spark | Open to new roles",
    "Data engineer with six years of batch and streaming pipelines. Looking for my next team in "
    "Austin or remote.", "Software Development", "78704", "Austin, Texas, United States", "", "", "",
]]
