"""The user's profile: what the plan and the group advice need to know about them.

Two sources, one rule: what the user set with ``outreach profile`` wins, always; what their own
LinkedIn export says (``export_profile``, ``job_preferences``, ``positions``, ``education``:
migration 0008) fills only what the user has not set. ``load_profile`` gives the filled profile
to every caller; ``profile_with_sources`` also says where each value came from.

The user's settings are stored as JSON in the workspace ``settings`` table under ``profile``:
only the fields they set, with ``"format": 2``. A profile saved before that (every field
written) counts a field as set when it differs from the default: such a profile cannot tell
``--no-relocate`` from never having said, so there the export may fill ``willing_to_relocate``.
Every field has a sensible default so the plan runs without any profile at all.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from outreach.errors import OutreachError
from outreach.geo import distance_km, locate
from outreach.store import get_setting, set_setting

SETTING_KEY = "profile"
_FORMAT = 2

#: The user's own owner row (outreach.linkedin.owners.SELF_OWNER_ID; that module imports this
#: one): only the user's own export fills the export tables read here.
_SELF_OWNER_ID = 1

#: Where a value came from, as ``outreach profile`` says it.
YOU = "you set it"
DEFAULT = "default"
FROM_PROFILE = "your LinkedIn profile"
FROM_PREFERENCES = "your LinkedIn job preferences"
FROM_POSITIONS = "your LinkedIn positions"
FROM_EDUCATION = "your LinkedIn education"
FROM_MESSAGES = "the name your LinkedIn messages are sent under"

#: A place in the job preferences farther than this from home means moving, not commuting.
RELOCATION_KM = 100.0


def _year(text: str) -> str:
    """'2019-06' or '2019' -> '2019'; anything else -> ''."""
    match = re.match(r"\s*(\d{4})", text or "")
    return match.group(1) if match else ""


def _span(start: str, end: str, open_end: str) -> str:
    """'2019–2021', '2022–now'; an end that could not be read ('?') stays a question."""
    first, last = _year(start), ("?" if end == "?" else _year(end) or open_end)
    if first and last and first != last:
        return f"{first}–{last}"
    return first or last


@dataclass(frozen=True)
class Employment:
    """One of the user's employers (Positions.csv), several positions there merged."""

    company: str
    title: str = ""         # the latest title there
    started_on: str = ""    # 'YYYY-MM', 'YYYY' or '' when unknown
    finished_on: str = ""   # '' = the user still works there

    @property
    def current(self) -> bool:
        return not self.finished_on

    @property
    def years(self) -> str:
        """'2019–now', '2016–2019', '2021'."""
        return _span(self.started_on, self.finished_on, "now")


@dataclass(frozen=True)
class Schooling:
    """A school the user went to (Education.csv)."""

    school: str
    degree: str = ""
    started_on: str = ""
    finished_on: str = ""   # '' = not said (Education's end date is often left empty)

    @property
    def years(self) -> str:
        return _span(self.started_on, self.finished_on, "")


@dataclass(frozen=True)
class Profile:
    name: str = ""
    home_city: str = ""                 # free text as typed: "Austin, TX", "Leeds"
    willing_to_relocate: bool = False
    roles: tuple[str, ...] = ()         # keywords of roles wanted: ("data engineer", "analytics")
    salary_min: int | None = None       # yearly, in the user's currency
    salary_max: int | None = None
    hours_per_month: float = 8.0        # time budget for in-person networking
    messages_per_week: int = 10         # new outreach messages per week
    follow_up_days: int = 7             # days after a message before following up
    pitch: str = ""                     # the 30-second pitch
    # From the user's LinkedIn export only (outreach profile cannot set these):
    headline: str = ""                  # Profile.csv Headline
    industry: str = ""                  # Profile.csv Industry
    preferred_locations: tuple[str, ...] = ()   # Job Seeker Preferences' Locations
    employers: tuple[Employment, ...] = ()      # current first, then the most recent
    schools: tuple[Schooling, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for name in _TUPLE_FIELDS:
            data[name] = list(data[name])
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("roles", "preferred_locations"):
            if name in values:
                values[name] = tuple(values[name] or ())
        if "employers" in values:
            values["employers"] = tuple(Employment(**e) for e in values["employers"] or ())
        if "schools" in values:
            values["schools"] = tuple(Schooling(**s) for s in values["schools"] or ())
        return cls(**values)


_TUPLE_FIELDS = ("roles", "preferred_locations", "employers", "schools")
#: What ``outreach profile`` sets; the rest comes from the export.
USER_FIELDS = ("name", "home_city", "willing_to_relocate", "roles", "salary_min", "salary_max",
               "hours_per_month", "messages_per_week", "follow_up_days", "pitch")
_DEFAULTS = Profile()


class ProfileError(OutreachError):
    pass


# --- what the user set -------------------------------------------------------------------------


def stored_profile(conn: sqlite3.Connection) -> tuple[Profile, frozenset[str]]:
    """The profile as the user set it (defaults elsewhere), and the names of the fields they set."""
    raw = get_setting(conn, SETTING_KEY)
    data = json.loads(raw) if raw else {}
    if not isinstance(data, dict):
        data = {}
    profile = Profile.from_json({k: v for k, v in data.items() if k in USER_FIELDS})
    if data.get("format") == _FORMAT:
        chosen = {k for k in data if k in USER_FIELDS}
    else:  # saved before the export filled anything: every field was written
        chosen = {k for k in USER_FIELDS if getattr(profile, k) != getattr(_DEFAULTS, k)}
    return profile, frozenset(chosen)


def save_profile(conn: sqlite3.Connection, profile: Profile, chosen: Iterable[str] | None = None) -> None:
    """Store the fields the user set (``chosen``; by default those that differ from the default)."""
    names = set(chosen) if chosen is not None else {
        k for k in USER_FIELDS if getattr(profile, k) != getattr(_DEFAULTS, k)}
    data = profile.to_json()
    stored: dict[str, Any] = {k: data[k] for k in USER_FIELDS if k in names}
    stored["format"] = _FORMAT
    set_setting(conn, SETTING_KEY, json.dumps(stored, ensure_ascii=False))


def update_profile(profile: Profile, **changes: Any) -> Profile:
    """A copy of ``profile`` with the given (not None) fields changed, validated."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if "hours_per_month" in changes and not 0 <= changes["hours_per_month"] <= 200:
        raise ProfileError("hours per month must be between 0 and 200")
    if "messages_per_week" in changes and not 1 <= changes["messages_per_week"] <= 200:
        raise ProfileError("messages per week must be between 1 and 200")
    if "follow_up_days" in changes and not 1 <= changes["follow_up_days"] <= 90:
        raise ProfileError("the follow-up gap must be between 1 and 90 days")
    updated = replace(profile, **changes)
    if (
        updated.salary_min is not None
        and updated.salary_max is not None
        and updated.salary_min > updated.salary_max
    ):
        raise ProfileError("the salary band's lower end is above its upper end")
    return updated


def set_by_user(profile: Profile, chosen: frozenset[str], **changes: Any) -> tuple[Profile, frozenset[str]]:
    """Apply ``outreach profile`` options (None: not given) to the user's own profile. An empty
    name, home city, roles or pitch clears the user's value, so the export's shows again."""
    given = {k: v for k, v in changes.items() if v is not None}
    updated = update_profile(profile, **given)
    names = set(chosen) | set(given)
    names -= {k for k, v in given.items() if isinstance(v, (str, tuple)) and not v}
    return updated, frozenset(names)


# --- what the export says ------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFacts:
    """What the user's own LinkedIn export says about them (empty where it says nothing)."""

    name: str = ""
    headline: str = ""
    industry: str = ""
    location: str = ""                  # Geo Location as written
    job_titles: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    employers: tuple[Employment, ...] = ()
    schools: tuple[Schooling, ...] = ()
    #: the name the user's messages or invitations are sent under (no Profile.csv needed)
    messages_name: str = ""


def _json_list(text: object) -> tuple[str, ...]:
    try:
        value = json.loads(str(text or "[]"))
    except ValueError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(s for s in (str(v).strip() for v in value) if s)


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    try:
        return conn.execute(sql, (_SELF_OWNER_ID,)).fetchall()
    except sqlite3.OperationalError as exc:  # a workspace not yet migrated to 0008 reads as empty
        if "no such table" in str(exc):
            return []
        raise


def export_facts(conn: sqlite3.Connection) -> ExportFacts:
    profile = _rows(conn, "SELECT first_name, last_name, headline, industry, location "
                          "FROM export_profile WHERE owner_id = ?")
    first, last, headline, industry, location = (str(v or "").strip() for v in profile[0]) if profile \
        else ("", "", "", "", "")
    wishes = _rows(conn, "SELECT job_titles, locations FROM job_preferences WHERE owner_id = ?")
    titles, places = (_json_list(wishes[0][0]), _json_list(wishes[0][1])) if wishes else ((), ())
    positions = _rows(conn, "SELECT company, title, started_on, finished_on FROM positions "
                            "WHERE owner_id = ?")
    schools = _rows(conn, "SELECT school, degree, started_on, finished_on FROM education "
                          "WHERE owner_id = ?")
    sender = _rows(conn, "SELECT linkedin_name FROM owners WHERE id = ?")
    return ExportFacts(
        messages_name=str(sender[0][0] or "").strip() if sender else "",
        name=f"{first} {last}".strip(), headline=headline, industry=industry, location=location,
        job_titles=titles, locations=places,
        employers=merge_positions([Employment(*(str(v or "").strip() for v in row)) for row in positions]),
        schools=tuple(sorted((Schooling(*(str(v or "").strip() for v in row)) for row in schools
                              if str(row[0] or "").strip()),
                             key=lambda s: (s.finished_on or s.started_on, s.started_on), reverse=True)),
    )


def merge_positions(positions: Iterable[Employment]) -> tuple[Employment, ...]:
    """One entry per employer (a promotion is two positions at one company): from the first
    start to the last end (or now), with the latest title; current employers first, then the
    most recently left."""
    by_company: dict[str, list[Employment]] = {}
    for position in positions:
        if position.company:
            by_company.setdefault(" ".join(position.company.casefold().split()), []).append(position)
    merged = []
    for stints in by_company.values():
        latest = max(stints, key=lambda s: (s.current, s.started_on))
        starts = [s.started_on for s in stints if s.started_on]
        ends = [s.finished_on for s in stints]
        merged.append(Employment(latest.company, latest.title, min(starts, default=""),
                                 "" if "" in ends else max(ends)))
    merged.sort(key=lambda e: (e.current, e.finished_on, e.started_on), reverse=True)
    return tuple(merged)


_METRO = re.compile(r"^\s*greater\s+|\s+(?:bay\s+area|metropolitan\s+area|metro\s+area|area|metroplex)\s*$",
                    re.IGNORECASE)


def home_from_geo_location(text: str) -> str:
    """A home city as a person types it from LinkedIn's Geo Location: 'Austin, Texas, United
    States' stays (outreach.geo reads it); a metro area becomes its city ('Greater Seattle
    Area' -> 'Seattle', 'New York City Metropolitan Area' -> 'New York City')."""
    first, *rest = [p.strip() for p in text.split(",")]
    city = _METRO.sub("", first).strip() or first
    return ", ".join([city, *rest]) if city else ""


def _is_remote(place: str) -> bool:
    return "remote" in place.casefold()


def relocation_from(home: str, places: tuple[str, ...]) -> tuple[bool | None, str]:
    """Would the user move, judging by the places in their job preferences: (answer, why); None
    when it cannot be told. A place more than RELOCATION_KM from home means moving; remote
    work and places near home do not."""
    if not places:
        return None, ""
    city = home.split(",")[0].strip().casefold()
    away = [p for p in places if not _is_remote(p) and p.split(",")[0].strip().casefold() != city]
    if not away:
        remote = any(_is_remote(p) for p in places)
        if all(_is_remote(p) for p in places):
            return False, "they list only remote work"
        return False, "they list only your home city" + (" and remote work" if remote else "")
    if not city:
        return None, "they list places, but your home city is not known"
    here = locate(home)
    if here is None:
        return None, f"your home city {home!r} is not on the offline map"
    unknown = []
    for place in away:
        there = locate(place)
        if there is None:
            unknown.append(place)
        elif (km := distance_km(here, there)) > RELOCATION_KM:
            return True, f"they list {place}, {km:,.0f} km from {home.split(',')[0].strip()}"
    if unknown:
        return None, f"{', '.join(unknown)} is not on the offline map"
    return False, "they list only places near home"


# --- the filled profile --------------------------------------------------------------------------


def fill_profile(user: Profile, chosen: frozenset[str], facts: ExportFacts) -> tuple[Profile, dict[str, str]]:
    """The user's profile with what they have not set filled from the export, and each field's
    source. The user's value wins whenever they set it."""
    sources = {k: YOU if k in chosen else DEFAULT for k in USER_FIELDS}
    if "salary_min" in chosen or "salary_max" in chosen:
        sources["salary_min"] = sources["salary_max"] = YOU
    filled: dict[str, Any] = {}

    def offer(name: str, value: Any, source: str) -> None:
        if value and name not in chosen:
            filled[name] = value
            sources[name] = source

    offer("name", facts.name, FROM_PROFILE)
    if "name" not in filled:  # no Profile.csv: the name their messages are sent under
        offer("name", facts.messages_name, FROM_MESSAGES)
    offer("home_city", home_from_geo_location(facts.location), FROM_PROFILE)
    offer("roles", facts.job_titles, FROM_PREFERENCES)
    home = filled.get("home_city", user.home_city)
    if "willing_to_relocate" not in chosen:
        answer, why = relocation_from(home, facts.locations)
        if answer is not None:
            filled["willing_to_relocate"] = answer
            sources["willing_to_relocate"] = f"{FROM_PREFERENCES}: {why}"
        elif why:
            sources["willing_to_relocate"] = f"{DEFAULT}; not from {FROM_PREFERENCES}: {why}"
    for name, value, source in (
        ("headline", facts.headline, FROM_PROFILE), ("industry", facts.industry, FROM_PROFILE),
        ("preferred_locations", facts.locations, FROM_PREFERENCES),
        ("employers", facts.employers, FROM_POSITIONS), ("schools", facts.schools, FROM_EDUCATION),
    ):
        if value:
            filled[name] = value
            sources[name] = source
    return replace(user, **filled), sources


def profile_with_sources(conn: sqlite3.Connection) -> tuple[Profile, dict[str, str]]:
    """The filled profile and where each value came from (field name -> 'you set it', 'your
    LinkedIn profile', ...). Export-only fields the export does not give are left out."""
    user, chosen = stored_profile(conn)
    return fill_profile(user, chosen, export_facts(conn))


def load_profile(conn: sqlite3.Connection) -> Profile:
    """The profile the plan works from: the user's settings, filled from their export."""
    return profile_with_sources(conn)[0]


_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)\s*([kKmM]?)")


def parse_amount(text: str) -> int | None:
    """'$95,000' -> 95000; '95k' -> 95000; '1.2m' -> 1200000; '' -> None."""
    match = _AMOUNT.search(text.replace(" ", ""))
    if not match:
        return None
    number, suffix = match.groups()
    # "95,000" and "95.000" are thousands separators; "1.2" with a k/m suffix is a decimal.
    if suffix and re.fullmatch(r"\d+[.,]\d{1,2}", number):
        value = float(number.replace(",", "."))
    else:
        value = float(re.sub(r"[.,]", "", number))
    value *= {"": 1, "k": 1_000, "m": 1_000_000}[suffix.lower()]
    return int(round(value))


def parse_salary_band(text: str) -> tuple[int | None, int | None]:
    """'90k-120k', '$90,000 to $120,000', '100000' (both ends), '' -> (None, None)."""
    text = text.strip()
    if not text:
        return None, None
    parts = re.split(r"\s*(?:-|–|—|\bto\b)\s*", text, maxsplit=1)
    low = parse_amount(parts[0])
    high = parse_amount(parts[1]) if len(parts) > 1 else low
    if low is None or high is None:
        raise ProfileError(f"cannot read a salary band from {text!r}: write it like 90k-120k")
    # "90-120k": the suffix on the upper end applies to both.
    if len(parts) > 1 and high >= 1000 and low < 1000 and re.search(r"[kK]\s*$", parts[1]):
        low *= 1000
    return min(low, high), max(low, high)


def split_roles(text: str) -> tuple[str, ...]:
    return tuple(r.strip() for r in re.split(r"[,;\n]", text) if r.strip())


__all__ = [
    "Employment",
    "ExportFacts",
    "Profile",
    "ProfileError",
    "Schooling",
    "export_facts",
    "fill_profile",
    "load_profile",
    "parse_salary_band",
    "profile_with_sources",
    "save_profile",
    "set_by_user",
    "split_roles",
    "stored_profile",
    "update_profile",
]
