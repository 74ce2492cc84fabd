"""The starter guide: the kinds of groups worth finding, for a user with no catalogue yet.

No public list of job clubs or breakfasts exists (DESIGN.md section 6), so a new user gets the
*kinds* of group worth looking for in their city and for their roles instead: free job clubs,
faith-based career ministries, their profession's association (``outreach/data/associations.csv``),
their schools' alumni chapters, Toastmasters, chambers of commerce, referral clubs (visit only)
and service clubs. Each kind is scored with the same five points as a catalogue group
(``outreach.groups.scoring``) from its typical cost, schedule and format, says what to ask before
going, and carries search links built from the city and the role words. Nothing here reaches
the network: a link is only a string.

When a catalogue exists, ``not_covered`` keeps the kinds no catalogue group is of yet.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from outreach.geo import Place, locate
from outreach.groups import scoring as gs
from outreach.groups.schedule import WEEKS_PER_MONTH
from outreach.groups.store import Group
from outreach.profile import Profile

ASSOCIATIONS_FILE = "associations.csv"
ASSOCIATION_COLUMNS = ("role_words", "association", "kind", "finder_url", "typical_cost", "source")
#: At most this many associations (one per role) and schools get a row of their own.
MAX_ASSOCIATIONS = 3
MAX_SCHOOLS = 3
ROLES_HINT = 'outreach profile --roles "project manager, business analyst" makes this guide specific'


@dataclass(frozen=True)
class Association:
    role_words: tuple[str, ...]
    name: str
    kind: str
    finder_url: str
    typical_cost: str
    source: str


@lru_cache(maxsize=1)
def load_associations() -> tuple[Association, ...]:
    """The bundled table from professional roles to their associations, in file order."""
    text = resources.files("outreach.data").joinpath(ASSOCIATIONS_FILE).read_text("utf-8")
    return tuple(
        Association(tuple(w.strip().lower() for w in row["role_words"].split("|") if w.strip()),
                    row["association"], row["kind"], row["finder_url"], row["typical_cost"],
                    row["source"])
        for row in csv.DictReader(io.StringIO(text))
    )


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9&/+#]+", text.lower())) + " "


def association_for(role: str) -> Association | None:
    """The association for one role as the user wrote it ("Senior Project Manager"): the row
    whose role phrase matches most of it, as whole words ("pt" is not in "script")."""
    said = _words(role)
    best: tuple[int, Association] | None = None
    for association in load_associations():
        for phrase in association.role_words:
            if _words(phrase) in said and (best is None or len(phrase) > best[0]):
                best = (len(phrase), association)
    return best[1] if best else None


# --- the kinds ------------------------------------------------------------------------------

@dataclass(frozen=True)
class GuideKind:
    """A kind of group and what one of it typically is (the numbers the scoring needs)."""

    key: str
    title: str
    group_kind: str                 # the catalogue's Group.kind that covers it
    cost_text: str
    commitment: str
    questions: tuple[str, ...]
    search: str                     # the words searched for, before the role words
    fit: tuple[float, str]          # points of 20 and why: who is in the room
    online: bool = False
    free: bool | None = None
    cost_per_year: float | None = None
    meetings_per_month: float | None = None
    duration_hours: float | None = None
    focus: str = ""
    format: str = ""
    contract_months: int | None = None
    visitors_policy: str = ""
    max_visits: int | None = None
    one_seat: bool = False
    finder_url: str = ""
    covered_by: str = ""            # a pattern on a catalogue group's name or type text
    with_roles: bool = False        # the search adds the user's role words


_SALARY = "what salary range do members hold, and are they at your level?"
_FORMAT = "is it facilitated, with an agenda and results, or a support circle?"

KINDS: tuple[GuideKind, ...] = (
    GuideKind("job club", "Free job clubs (community centres and public libraries)", "job club",
         "free", "weekly, about 1.5 h",
         ("is it free, or does it ask for volunteer hours?", _FORMAT, _SALARY),
         "job club", (12.0, "other job seekers: ask whether they hunt at your level"),
         free=True, meetings_per_month=WEEKS_PER_MONTH, duration_hours=1.5,
         focus="job search", format="facilitated",
         # any job club that is not a faith-based one
         covered_by=r"^(?!.*(church|ministr|faith|parish|synagogue|mosque|temple|congregation))"),
    GuideKind("career ministry", "Faith-based career ministries (free, open to all)", "job club",
         "free", "weekly or every other week, about 2 h",
         ("is it open to people of any faith or none?", _FORMAT, _SALARY),
         "career ministry", (12.0, "other job seekers and volunteers who hire: ask about levels"),
         free=True, meetings_per_month=WEEKS_PER_MONTH, duration_hours=2.0,
         focus="job search", format="facilitated",
         covered_by=r"church|ministr|faith|parish|synagogue|mosque|temple|congregation"),
    GuideKind("association", "Your profession's association chapter", "professional association",
         "visit a meeting first; members pay yearly dues, often $100–$300 with the chapter's",
         "monthly, about 2 h",
         ("may a visitor attend a meeting, and what does a ticket cost?",
          "what does a year cost in all: national dues, chapter dues, meeting tickets?", _SALARY),
         "association", (16.0, "a room of your own profession"),
         cost_per_year=200.0, meetings_per_month=1.0, duration_hours=2.0,
         focus="education", format="speaker", with_roles=True),
    GuideKind("meetup", "Meetups of your trade", "meetup",
         "usually free", "monthly, about 2 h",
         ("is it talks and workshops, or drinks only?", "who hires from this crowd?"),
         "meetup", (14.0, "people who do your work"),
         free=True, meetings_per_month=1.0, duration_hours=2.0,
         focus="education", format="speaker", with_roles=True),
    GuideKind("online community", "Online communities and virtual events of your trade",
         "online community", "usually free", "about 2 h a month, when it suits you",
         ("is it active: do people answer within a day?", "are jobs posted, and by whom?"),
         "virtual", (12.0, "people who do your work, anywhere"),
         online=True, free=True, duration_hours=2.0, focus="business", format="open",
         with_roles=True),
    GuideKind("alumni", "Your school's alumni chapter", "alumni",
         "often free or a small ticket; some alumni associations charge yearly dues",
         "a few events a year, about 2 h",
         ("are events open to all graduates, or to members who pay dues?",
          "is there a career network or mentoring programme?"),
         "alumni", (12.0, "people who share your school and answer its graduates"),
         cost_per_year=50.0, meetings_per_month=0.5, duration_hours=2.0,
         focus="business", format="open"),
    GuideKind("toastmasters", "Toastmasters: practise your 30-second pitch", "speaking club",
         "guests free; members pay dues every six months", "weekly or every other week, 1–1.5 h",
         ("how many times may a guest visit before joining?",
          "what do the club's dues add to Toastmasters International's?"),
         "toastmasters", (8.0, "mixed professions: the gain is a sharper pitch"),
         cost_per_year=150.0, meetings_per_month=2.0, duration_hours=1.25,
         focus="education", format="structured",
         finder_url="https://www.toastmasters.org/find-a-club"),
    GuideKind("chamber", "Chamber of commerce events (check the fees)", "chamber",
         "non-members often pay per event; member dues are priced for businesses",
         "monthly after-work mixers, about 2 h",
         ("what does a non-member pay per event?", "which employers send people?"),
         "chamber of commerce", (8.0, "local employers and business owners"),
         meetings_per_month=1.0, duration_hours=2.0, focus="business", format="open"),
    GuideKind("referral club", "Referral clubs such as BNI (visit only)", "referral club",
         "yearly dues of several hundred dollars plus fees, under a year's contract",
         "weekly breakfast, about 1.5 h, strict attendance",
         ("how many times may a visitor come?",
          "what do dues, application fee and meals cost in a year?",
          "is there a contract before you may attend?"),
         "BNI", (4.0, "business owners trading client referrals, not hiring"),
         cost_per_year=700.0, meetings_per_month=WEEKS_PER_MONTH, duration_hours=1.5,
         focus="business referrals", format="structured", contract_months=12,
         visitors_policy="limited", max_visits=2, one_seat=True, finder_url="https://www.bni.com/"),
    GuideKind("service club", "Service clubs (Rotary, Lions, Kiwanis): slow, long-term", "service club",
         "yearly dues and meals, often a few hundred dollars", "weekly or every other week, 1–1.5 h",
         ("may you visit as a guest first?", "what do dues and meals cost in a year?",
          "how many volunteer hours are expected?"),
         "rotary club", (6.0, "community and business leaders; trust builds over months"),
         cost_per_year=400.0, meetings_per_month=2.0, duration_hours=1.25,
         focus="business", format="speaker",
         covered_by=r"rotary|lions|kiwanis|optimist|civitan|exchange club|service club"),
)


# --- links ----------------------------------------------------------------------------------

def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def search_links(words: str, city: str, place: Place | None, *, online: bool = False
                 ) -> list[tuple[str, str]]:
    """(label, url) search pages for ``words`` near ``city``: Meetup, Eventbrite, LinkedIn
    events. Each address is built with proper encoding and never fetched."""
    words = " ".join(words.split())
    city_text = "" if online else (place.label if place else city.strip())
    meetup: dict[str, str] = {"keywords": words, "source": "EVENTS"}
    if online:
        meetup["eventType"] = "online"
    elif place is not None:
        region = f"{place.region.lower()}--" if place.country == "US" else ""
        meetup["location"] = f"{place.country.lower()}--{region}{place.name}"
    elif city_text:
        meetup["keywords"] = f"{words} {city_text}"
    if online:
        where = "online"
    elif place is not None and place.country == "US":
        where = f"{place.region.lower()}--{_slug(place.name)}"
    else:
        where = _slug(city_text.split(",")[0]) or "online"
    return [
        ("Meetup", "https://www.meetup.com/find/?" + urlencode(meetup, quote_via=quote)),
        ("Eventbrite", f"https://www.eventbrite.com/d/{quote(where)}/{quote(_slug(words))}/"),
        ("LinkedIn events", "https://www.linkedin.com/search/results/events/?"
         + urlencode({"keywords": " ".join(w for w in (words, city_text) if w)}, quote_via=quote)),
    ]


# --- the guide ------------------------------------------------------------------------------

@dataclass
class GuideRow:
    key: str                        # identifies the row across plans: "to find: job club"
    title: str
    kind: GuideKind
    score: float
    components: list[gs.GroupComponent]
    why: str
    hours_per_month: float
    flags: list[str]
    links: list[tuple[str, str]]    # (label, url), the chapter finder first when there is one
    association: Association | None = None
    detail: str = ""                # the association or school this row is about

    @property
    def online(self) -> bool:
        return self.kind.online

    @property
    def visit_only(self) -> bool:
        return self.kind.one_seat

    @property
    def main_link(self) -> tuple[str, str]:
        return self.links[0]

    def questions(self) -> list[str]:
        return list(self.kind.questions)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.key,
            "title": self.title,
            "about": self.detail or None,
            "group_kind": self.kind.group_kind,
            "online": self.online,
            "score": round(self.score, 1),
            "visit_only": self.visit_only,
            "typical_cost": (self.association.typical_cost if self.association
                             else self.kind.cost_text),
            "commitment": self.kind.commitment,
            "hours_per_month": round(self.hours_per_month, 2),
            "why": self.why,
            "flags": list(self.flags),
            "ask_before_going": self.questions(),
            "links": [{"label": label, "url": url} for label, url in self.links],
            "components": {c.name: c.to_json() for c in self.components},
            "source": self.association.source if self.association else None,
        }


@dataclass
class Guide:
    rows: list[GuideRow]
    home: str                       # the home city as found (or as typed), "" when not set
    notes: list[str] = field(default_factory=list)


def _group(kind: GuideKind, profile: Profile) -> Group:
    return Group(
        name=kind.title, kind=kind.group_kind, city="" if kind.online else profile.home_city.strip(),
        online=kind.online, free=kind.free, cost_per_year=kind.cost_per_year,
        meetings_per_month=kind.meetings_per_month, asynchronous=kind.online,
        duration_hours=kind.duration_hours, duration_per="month" if kind.online else "meeting",
        focus=kind.focus, format=kind.format, contract_months=kind.contract_months,
        visitors_policy=kind.visitors_policy, max_visits=kind.max_visits, one_seat=kind.one_seat,
    )


def _score(kind: GuideKind, ctx: gs.Context, fit: tuple[float, str]
           ) -> tuple[float, list[gs.GroupComponent], str, float, list[str]]:
    group = _group(kind, ctx.profile)
    focus = gs.focus(group)
    money, flags, _ = gs.money(group, focus)
    # The group meets where the user lives: its place is home (unknown when home is).
    place, where, _ = gs.place_part(group, ctx, None if kind.online else ctx.home)
    hours, _ = gs.hours_per_month(group, where.distance)
    time = gs.time_part(hours, ctx.profile.hours_per_month)
    components = [focus, money, gs.GroupComponent("fit", fit[0], gs.MAX_POINTS["fit"], fit[1]),
                  place, time]
    if kind.one_seat:
        flags.insert(0, "visit only: one seat per profession, so a job seeker can visit but not join")
    score = max(0.0, min(100.0, sum(c.points for c in components)))
    good = [c.note for c in components[:4] if c.points / c.maximum >= 0.6]
    weak = [c.note for c in components[:4] if c.points / c.maximum < 0.4]
    why = "; ".join(good) + ("; but " + " and ".join(weak) if weak else "")
    why = (why or components[0].note) + f"; {hours:.1f} h a month"
    # Not the place flags: "city not found" is said once, in the guide's notes.
    return score, components, why[0].upper() + why[1:] + ".", hours, flags


def build_guide(profile: Profile, schools: list[str] | None = None) -> Guide:
    """The kinds of groups worth finding for ``profile``, best first (online first for a user
    who will relocate, as the seed article advises)."""
    notes: list[str] = []
    home: Place | None = None
    city = profile.home_city.strip()
    if not city:
        notes.append('no home city in your profile (outreach profile --home-city "Austin, TX"): '
                     "the search links are not local")
    else:
        home = locate(city)
        if home is None:
            notes.append(f"home city {city!r} is not on the offline map: distances are unknown, "
                         "the search links use the city as you wrote it")
    roles = [r for r in profile.roles if r.strip()]
    if not roles:
        notes.append(f"no roles in your profile, so the guide is general: {ROLES_HINT}")
    ctx = gs.Context(profile=profile, home=home, targets=[])
    role_words = roles[0] if roles else ""
    rows: list[GuideRow] = []
    for kind in KINDS:
        for title, detail, association, words in _instances(kind, roles, schools or []):
            this = kind
            if association is not None and association.typical_cost == "free":
                this = replace(kind, free=True, cost_per_year=None)  # a free meetup, not dues
            fit = this.fit
            if kind.key == "association" and not roles:
                fit = (10.0, "set your roles to find your profession's association")
            score, components, why, hours, flags = _score(this, ctx, fit)
            if not kind.with_roles:
                query = words or kind.search
            elif words or role_words:
                query = f"{words or role_words} {kind.search}"
            else:
                query = {"association": "professional association"}.get(kind.key, "professional networking")
            links = search_links(query, city, home, online=kind.online)
            finder = association.finder_url if association else kind.finder_url
            if finder:
                label = f"{association.name}: chapter finder" if association else "Finder"
                links.insert(0, (label, finder))
            key = "to find: " + kind.key + (f" | {detail.lower()}" if detail else "")
            rows.append(GuideRow(key, title, this, score, components, why, hours, flags, links,
                                 association, detail))
    relocate = profile.willing_to_relocate
    rows.sort(key=lambda r: (not (relocate and r.online), r.visit_only, -r.score, r.title))
    return Guide(rows, home.label if home else city, notes)


def _instances(kind: GuideKind, roles: list[str], schools: list[str]
               ) -> list[tuple[str, str, Association | None, str]]:
    """(title, about, association, search words) for each row a kind gets: one per matched
    association or school, else one general row."""
    if kind.key == "association" and roles:
        seen: dict[str, tuple[str, str, Association | None, str]] = {}
        for role in roles:
            association = association_for(role)
            name = association.name if association else f"the association for {role}"
            if name not in seen and len(seen) < MAX_ASSOCIATIONS:
                seen[name] = (f"{kind.title}: {name}", name, association,
                              f"{role} association" if association is None else role)
        return list(seen.values())
    if kind.key == "alumni" and schools:
        return [(f"{kind.title}: {school}", school, None, f"{school} alumni")
                for school in schools[:MAX_SCHOOLS]]
    return [(kind.title, "", None, "")]


def not_covered(guide: Guide, groups: list[Group]) -> Guide:
    """The guide without the kinds the catalogue already has a group of (by ``Group.kind``,
    and for the kinds that share one, by a pattern on the group's name or type text)."""
    def covered(kind: GuideKind) -> bool:
        for group in groups:
            text = f"{group.name} {group.kind_text}".lower()
            if kind.covered_by and re.search(kind.covered_by, text):
                if group.kind == kind.group_kind or kind.group_kind == "service club":
                    return True
            elif not kind.covered_by and group.kind == kind.group_kind:
                return True
        return False
    return replace(guide, rows=[r for r in guide.rows if not covered(r.kind)])


def load_schools(conn: sqlite3.Connection, owner_id: int = 1) -> list[str]:
    """The user's schools from their export's Education.csv, most recent first ([] when none
    has been imported, or the workspace predates the table)."""
    try:
        rows = conn.execute(
            "SELECT school FROM education WHERE owner_id = ? AND school != '' "
            "ORDER BY finished_on DESC, started_on DESC", (owner_id,)).fetchall()
    except sqlite3.OperationalError:
        return []
    return list(dict.fromkeys(" ".join(str(school).split()) for (school,) in rows))
