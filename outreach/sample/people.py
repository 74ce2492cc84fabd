"""Invented people for the synthetic sample data: names, profile URLs, e-mails, positions, dates.

Everything draws from a seeded ``random.Random`` handed in by the caller, so the same seed gives
the same people. Names are common given and family names combined at random within a culture
(``outreach/data/sample_names.txt``); no row describes a real person.
"""

from __future__ import annotations

import configparser
import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from urllib.parse import quote

PROFILE_PREFIX = "https://www.linkedin.com/in/"

# English month abbreviations, spelled out so the output never depends on the machine's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

RECRUITER = (
    "Technical Recruiter", "Senior Technical Recruiter", "Talent Acquisition Partner",
    "Senior Talent Acquisition Partner", "Talent Partner, Data & AI", "Recruiter",
    "University Recruiter", "Sourcer, Engineering", "Recruiting Manager",
    "Talent Acquisition Lead | Hiring in Austin 🚀", "Senior Recruiter - Data & Analytics",
)
MANAGER = (
    "Engineering Manager, Data Platform", "Manager, Data Engineering", "Senior Manager, Analytics",
    "Data Engineering Manager", "Analytics Manager", "Senior Engineering Manager",
    "Manager, Business Intelligence", "Lead Data Engineer",
)
SENIOR = (
    "Director of Data Engineering", "Director, Data Science", "Head of Data", "VP of Engineering",
    "Senior Director, Analytics", "Chief Data Officer", "Principal Engineer",
)
PEER = (
    "Data Engineer", "Senior Data Engineer", "Data Engineer II", "Staff Data Engineer",
    "Analytics Engineer", "Senior Analytics Engineer", "Data Analyst", "Senior Data Analyst",
    "Business Intelligence Analyst", "BI Developer", "Machine Learning Engineer", "Data Scientist",
    "Software Engineer", "Senior Software Engineer", "Data Platform Engineer",
    "Data Engineer | Python | SQL | Airflow",
)
OTHER = (
    "Product Manager", "Senior Product Manager", "Program Manager", "Account Executive",
    "Solutions Architect", "Customer Success Manager", "Marketing Manager", "Financial Analyst",
    "Registered Nurse", "High School Teacher", "Graduate Research Assistant", "Student",
    "Founder & CEO", "Co-Founder", "Consultant", "Operations Manager", "UX Designer",
    "HR Business Partner", "Sales Development Representative", "Project Manager", "",
)
POSITIONS = {"recruiter": RECRUITER, "manager": MANAGER, "senior": SENIOR, "peer": PEER, "other": OTHER}
KIND_WEIGHTS = {"peer": 42, "recruiter": 16, "manager": 14, "senior": 8, "other": 20}

EMAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "hotmail.com",
                 "icloud.com", "proton.me")

# Letters NFKD does not decompose into ASCII (Ø, ß, Ł, ...): how people spell them in slugs.
_FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L",
                       "đ": "d", "Đ": "D", "ı": "i", "œ": "oe"})


@dataclass(frozen=True)
class Person:
    """One row of a Connections.csv (also used for people who only appear in messages)."""

    first: str
    last: str
    url: str
    email: str = ""
    company: str = ""
    position: str = ""
    connected_on: date | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}".strip()


@lru_cache(maxsize=1)
def name_pools() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(first names, last names) per culture, from outreach/data/sample_names.txt."""
    text = resources.files("outreach").joinpath("data/sample_names.txt").read_text("utf-8")
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    pools = []
    for section in parser.sections():
        first = tuple(v.strip() for v in parser[section]["first"].split("|"))
        last = tuple(v.strip() for v in parser[section]["last"].split("|"))
        pools.append((first, last))
    return tuple(pools)


def ascii_fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in folded if not unicodedata.combining(c))


_NOT_SLUG = re.compile(r"[^\w\s-]+")
_SEPARATORS = re.compile(r"[\s_-]+")


def _slug_words(text: str) -> str:
    """Lowercase slug part: letters and digits kept (any script), spaces and hyphens one hyphen."""
    return _SEPARATORS.sub("-", _NOT_SLUG.sub("", text.lower())).strip("-")


class PeopleMaker:
    """Makes unique invented people with plausible profile URLs and the odd e-mail address."""

    def __init__(self, rng: random.Random, *, reserved: tuple[str, ...] = ()) -> None:
        self.rng = rng
        self.used_urls: set[str] = set(reserved)
        self.used_names: set[str] = set()

    def name(self) -> tuple[str, str]:
        # A few tries for a name not used yet; big networks do have namesakes, so then accept one.
        pools = name_pools()
        for _ in range(3):
            first_names, last_names = pools[self.rng.randrange(len(pools))]
            first, last = self.rng.choice(first_names), self.rng.choice(last_names)
            if f"{first} {last}" not in self.used_names:
                break
        self.used_names.add(f"{first} {last}")
        return first, last

    def url(self, first: str, last: str) -> str:
        """A profile URL like LinkedIn makes: vanity slug, often with a random suffix.

        Names with non-ASCII letters keep them about half the time, and then the export shows
        the slug percent-encoded (``j%C3%B6rg-m%C3%BCller-4b7a2c1``).
        """
        rng = self.rng
        core_last = last.split(",")[0].split("(")[0]
        first_part, last_part = _slug_words(first), _slug_words(core_last)
        keep_letters = not (first_part + last_part).isascii() and (
            rng.random() < 0.5 or not ascii_fold(first_part + last_part).isascii()
        )
        if not keep_letters:
            first_part, last_part = _slug_words(ascii_fold(first)), _slug_words(ascii_fold(core_last))
        style = rng.random()
        suffix = format(rng.getrandbits(36), "09x")[: rng.choice((6, 8, 9, 9))]
        if not first_part and not last_part:
            slug = f"member-{suffix}"
        elif style < 0.55:
            slug = f"{first_part}-{last_part}-{suffix}"
        elif style < 0.75:
            slug = f"{first_part}{last_part}".replace("-", "")
        elif style < 0.9:
            slug = f"{first_part}-{last_part}"
        else:
            slug = f"{first_part[:1]}{last_part}{rng.randrange(1, 99)}"
        slug = slug.strip("-")
        while PROFILE_PREFIX + quote(slug, safe="-") in self.used_urls:
            slug = f"{slug}-{format(rng.getrandbits(24), '06x')}"
        url = PROFILE_PREFIX + quote(slug, safe="-")
        self.used_urls.add(url)
        return url

    def email(self, first: str, last: str, rate: float = 0.07) -> str:
        """Mostly empty, as in real exports; now and then an address or a member URN."""
        roll = self.rng.random()
        if roll < 0.006:
            return f"urn:li:member:{self.rng.randrange(100_000, 999_999_999)}"
        if roll >= rate:
            return ""
        local = f"{_slug_words(ascii_fold(first))}.{_slug_words(ascii_fold(last.split(',')[0]))}"
        local = local.replace("-", "")
        if self.rng.random() < 0.3:
            local += str(self.rng.randrange(1, 99))
        return f"{local}@{self.rng.choice(EMAIL_DOMAINS)}"

    def person(self, company: str, position: str, connected_on: date | None) -> Person:
        first, last = self.name()
        return Person(first, last, self.url(first, last), self.email(first, last), company,
                      position, connected_on)


def pick_kind(rng: random.Random) -> str:
    return rng.choices(tuple(KIND_WEIGHTS), weights=tuple(KIND_WEIGHTS.values()))[0]


def pick_position(rng: random.Random, kind: str | None = None) -> str:
    return rng.choice(POSITIONS[kind or pick_kind(rng)])


def random_day(rng: random.Random, start: date, end: date, skew: float = 0.6) -> date:
    """A day in [start, end], denser near the end when skew < 1 (networks grow over time)."""
    span = (end - start).days
    return start + timedelta(days=int(span * rng.random() ** skew))


def random_time(rng: random.Random, day: date) -> datetime:
    """A plausible local working-hours moment on that day, as UTC."""
    hour = rng.choice((13, 14, 14, 15, 15, 16, 17, 18, 19, 20, 21, 22, 23, 1, 2))
    return datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))


def connected_on_text(day: date) -> str:
    """Connections.csv date, 2020 onwards: ``16 Sep 2021``."""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def message_time_text(moment: datetime) -> str:
    """messages.csv date (2024 shape): ``2024-12-16 18:24:37 UTC``."""
    return f"{moment.isoformat(' ', 'seconds')} UTC"


def invitation_time_text(moment: datetime) -> str:
    """Invitations.csv ``Sent At``: ``1/29/26, 2:37 PM`` (US style, 12-hour, no zone)."""
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment.year % 100:02d}, {hour}:{moment.minute:02d} {half}"
