"""The five named components of a group's score, one per point of the seed article.

focus (35): business connections, job search and education over social or venting groups;
            facilitated, results-focused formats over open mingling.
money (20): cost per year against the group's value; free is free; a contract you cannot test
            by visiting first is a red flag.
fit   (20): the group's salary band against the user's; which target employers come there.
place (15): distance from home; local groups for a user who stays, online groups and the
            target employers' cities for one who will move.
time  (10): hours per month, meetings plus travel, against the monthly budget.

Each component returns its points, its maximum and a short phrase; ``outreach.groups.recommend`` joins
the phrases into the one-sentence why and picks the recommended set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from outreach.geo import Place, distance_km, locate
from outreach.groups.schedule import WEEKS_PER_MONTH
from outreach.groups.store import Group
from outreach.profile import Profile
from outreach.wording import listed, plural

MAX_POINTS = {"focus": 35.0, "money": 20.0, "fit": 20.0, "place": 15.0, "time": 10.0}

FOCUS_VALUE = {
    "job search": 1.0, "education": 0.85, "business": 0.75, "business referrals": 0.7,
    "social": 0.15, "emotional support": 0.1,
}
FORMAT_VALUE = {"facilitated": 1.0, "structured": 0.85, "speaker": 0.7, "open": 0.2}
FORMAT_PHRASE = {
    "facilitated": "facilitated", "structured": "structured", "speaker": "speaker talks",
    "open": "open mingling",
}
#: What a kind of group usually is when the catalogue does not say (DESIGN.md section 6).
KIND_DEFAULTS = {
    "job club": ("job search", "facilitated"),
    "executive group": ("job search", "facilitated"),
    "referral club": ("business referrals", "structured"),
    "speaking club": ("education", "structured"),
    "professional association": ("education", "speaker"),
    "chamber": ("business", "open"),
    "alumni": ("business", "open"),
    "networking group": ("business", "open"),
    "online community": ("business", "open"),
    "meetup": ("education", "open"),
    "support group": ("emotional support", "open"),
    "social": ("social", "open"),
}

LOCAL_KM = 40.0           # full place points within this distance of home
REACH_KM = 100.0          # beyond this, a user who will not relocate drops the group
TARGET_CITY_KM = 40.0     # a group this close to a target employer's city is "in" it
TRAVEL_KMH = 70.0         # door to door, highways and parking included
MIN_TRAVEL_HOURS = 0.5    # a round trip in town, or when the distance is unknown
DEFAULT_MEETING_HOURS = 1.5


@dataclass(frozen=True)
class GroupComponent:
    name: str
    points: float
    maximum: float
    note: str
    room: str = ""   # fit only: "a room of product managers: your profession" (see ``room_of``)

    def to_json(self) -> dict[str, object]:
        return {"points": round(self.points, 1), "max": self.maximum, "note": self.note}


@dataclass(frozen=True)
class TargetPlaces:
    name: str
    priority: float
    location: str
    industry: str
    places: tuple[Place, ...] = ()


@dataclass
class Context:
    """What every group is scored against: the profile, its home, the targets, the budget."""

    profile: Profile
    home: Place | None
    targets: list[TargetPlaces]
    notes: list[str] = field(default_factory=list)
    _kinds: tuple[list[tuple[str, tuple[Place, ...]]], list[int]] | None = field(
        default=None, init=False, repr=False)
    _rooms: tuple[Audience, ...] | None = field(default=None, init=False, repr=False)

    def audiences(self) -> tuple[Audience, ...]:
        """How rooms of the user's roles name themselves (``audiences_for``), decided once."""
        if self._rooms is None:
            self._rooms = audiences_for(self.profile.roles)
        return self._rooms

    def target_kinds(self) -> tuple[list[tuple[str, tuple[Place, ...]]], list[int]]:
        """The distinct (industry, places) of the targets, and each target's index into them:
        5,000 targets share a few dozen, so each group decides each kind once."""
        if self._kinds is None:
            index: dict[tuple[str, tuple[Place, ...]], int] = {}
            of_target = [index.setdefault((t.industry, t.places), len(index)) for t in self.targets]
            self._kinds = (list(index), of_target)
        return self._kinds


# --- focus --------------------------------------------------------------------------------

def focus(group: Group) -> GroupComponent:
    default_focus, default_format = KIND_DEFAULTS.get(group.kind, ("", ""))
    foci = [f.strip() for f in group.focus.split(",") if f.strip()]
    assumed = not foci or not group.format
    foci = foci or ([default_focus] if default_focus else [])
    fmt = group.format or default_format
    focus_value = sum(FOCUS_VALUE.get(f, 0.5) for f in foci) / len(foci) if foci else 0.5
    format_value = FORMAT_VALUE.get(fmt, 0.5)
    points = 25 * focus_value + 10 * format_value
    words = " and ".join(foci) or "unknown"
    note = f"{words} focus, {FORMAT_PHRASE.get(fmt, 'format unknown')}"
    if assumed:
        note += f" (as a {group.kind} usually is)" if default_focus else " (not given)"
    return GroupComponent("focus", points, MAX_POINTS["focus"], note)


def venting(group: Group) -> bool:
    """Whether the group is (or, by its kind, usually is) an emotional-support circle: seed
    article, point 4. Even a circle of the user's own profession wastes their hours."""
    foci = [f.strip() for f in group.focus.split(",") if f.strip()]
    return "emotional support" in (foci or [KIND_DEFAULTS.get(group.kind, ("",))[0]])


# --- money --------------------------------------------------------------------------------

def money(group: Group, focus_part: GroupComponent) -> tuple[GroupComponent, list[str], bool]:
    """(component, flags, skip): skip is True for a contract you cannot try out first."""
    flags: list[str] = []
    value = focus_part.points / focus_part.maximum
    if group.free:
        points, note = 20.0, "free"
        if group.kind == "job club":
            note = "free (a community job club)"
        if group.volunteer_hours:
            note += f", asks {plural(group.volunteer_hours, 'volunteer hour')} a month"
    elif group.cost_per_year is None:
        points, note = 10.0, "cost unknown"
        flags.append("cost unknown: ask what it costs before you go")
    else:
        # What a year can reasonably cost grows with what the group offers.
        reference = 200 + 600 * value
        points = 20 / (1 + group.cost_per_year / reference)
        note = f"${group.cost_per_year:,.0f} a year"
        if group.join_fee:
            note += f" (with ${group.join_fee:,.0f} to join)"
    skip = False
    months = group.contract_months or 0
    if months > 0:
        policy, visits = group.visitors_policy, group.max_visits
        if policy == "none":
            flags.append(f"no visits before joining: skip ({months}-month contract, members only)")
            points -= 20
            skip = True
        elif policy == "vetting":
            flags.append(f"vetting, no visit before a {months}-month contract: "
                         "ask to sit in once before you sign")
            points -= 6
        elif policy == "limited" and months >= 6:
            flags.append(f"attend before you sign: a {months}-month contract after "
                         + (plural(visits, "visit") if visits else "a few visits"))
            points -= 3
        elif policy in ("open", "limited"):
            flags.append(f"attend before you sign ({months}-month contract)")
        else:
            flags.append(f"ask whether you may visit before signing the {months}-month contract")
            points -= 3
    return GroupComponent("money", points, MAX_POINTS["money"], note), flags, skip


# --- fit ----------------------------------------------------------------------------------

def _money_short(value: float) -> str:
    return f"${value / 1000:,.0f}k"


def salary_fit(group: Group, profile: Profile) -> tuple[float, str]:
    """Up to 12 points: 12 when the bands overlap, less (even negative) the further apart."""
    if profile.salary_min is None and profile.salary_max is None:
        return 6.0, ""
    if group.career_level == "all" or (group.salary_min is None and group.salary_max is None):
        return 6.0, ""
    user_low = profile.salary_min if profile.salary_min is not None else profile.salary_max
    user_high = profile.salary_max if profile.salary_max is not None else profile.salary_min
    assert user_low is not None and user_high is not None
    group_low = group.salary_min or 0
    group_high = group.salary_max if group.salary_max is not None else float("inf")
    midpoint = max(1.0, (user_low + user_high) / 2)
    gap = max(0.0, group_low - user_high, user_low - group_high)
    label = group.salary_text or group.career_level
    if gap == 0:
        return 12.0, f"salary band ({label}) matches yours"
    ratio = gap / midpoint
    points = max(-8.0, 12 - 30 * ratio)
    side = "above" if group_low > user_high else "below"
    return points, f"salary band ({label}) is {side} yours ({_money_short(user_low)}–{_money_short(user_high)})"


_SYNONYMS = {
    "tech": "technology", "it": "technology", "information technology": "technology",
    "high tech": "technology", "saas": "software", "software development": "software",
    "semiconductor": "semiconductors", "chips": "semiconductors", "health care": "healthcare",
    "health": "healthcare", "medical": "healthcare", "hospitals": "healthcare",
    "hospital": "healthcare", "banking": "finance", "financial services": "finance",
    "financial": "finance", "fin tech": "fintech", "telecom": "telecommunications",
    "oil and gas": "energy", "oil": "energy", "utilities": "energy", "hr": "human resources",
    "public sector": "government", "analytics": "data", "data science": "data",
}
_BROAD = {
    "technology": {"software", "semiconductors", "hardware", "data", "fintech", "cloud",
                   "cybersecurity", "internet", "telecommunications"},
    "finance": {"fintech", "insurance", "banking"},
}
_GENERAL = re.compile(r"^(all|any|all industries|any industry|general|mixed|various|n/?a|-)?$")
_DROP_WORDS = {"and", "services", "industry", "industries", "the", "of", "sector", "other"}


def industry_terms(text: str) -> frozenset[str]:
    """'Software; SaaS, health care' -> {'software', 'healthcare'}."""
    return _industry_terms(text)


@lru_cache(maxsize=4096)
def _industry_terms(text: str) -> frozenset[str]:
    # Cached: a plan with 5,000 targets asks this for every (group, target) pair.
    terms = set()
    for item in re.split(r"[;,/|&\n]|\band\b", text.lower()):
        words = [w for w in re.findall(r"[a-z0-9]+", item) if w not in _DROP_WORDS]
        if words:
            phrase = " ".join(words)
            terms.add(_SYNONYMS.get(phrase, phrase))
    return frozenset(terms)


def industries_match(group_terms: frozenset[str], target_terms: frozenset[str]) -> bool:
    for a in group_terms:
        for b in target_terms:
            if a == b or b in _BROAD.get(a, ()) or a in _BROAD.get(b, ()):
                return True
            # "enterprise software" and "software": a shared last word that is not generic
            if a.split()[-1] == b.split()[-1] and a.split()[-1] not in {"technology", "data"}:
                return True
    return False


def targets_to_meet(group: Group, place: Place | None, ctx: Context) -> list[str]:
    """The target employers whose people may come to this group: the name tags to look for."""
    general = bool(_GENERAL.match(group.industries.strip().lower()))
    terms = industry_terms(group.industries)
    kinds, kind_of = ctx.target_kinds()
    industry_ok: dict[str, bool] = {}
    place_near: dict[Place, bool] = {}

    def may_come(industry: str, places: tuple[Place, ...]) -> bool:
        if not general:
            ok = industry_ok.get(industry)
            if ok is None:
                ok = industry_ok[industry] = industries_match(terms, industry_terms(industry))
            if not ok:
                return False
        if group.online:
            return not general  # an online group for everyone says nothing about who is there
        if place is not None:
            for p in places:
                if p not in place_near:
                    place_near[p] = distance_km(place, p) <= TARGET_CITY_KM
                if place_near[p]:
                    return True
        return not places and not general  # where the target is is unknown

    chosen = [may_come(industry, places) for industry, places in kinds]
    return [t.name for t, kind in zip(ctx.targets, kind_of, strict=True) if chosen[kind]]


# --- rooms of the user's profession -------------------------------------------------------

#: Families of roles: (who they are, plural; what the user's role says; how a group of them
#: names its audience). A user's role takes the first family it matches, so the specific ones
#: come first and plain "engineers" last. Word lists, not a model: the reason must say why.
ROLE_FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("product managers", r"product\s*(manag|own|lead|strateg|director|vp)|\bpm\b|\bcpo\b",
     r"\bproduct\s*(managers?|management|owners?|leaders?|leadership|people|folks)\b|"
     r"mind the product|\bproduct\s*(camp|tank|school)\b"),
    ("project managers", r"project\s*(manag|coordinat|lead)|program(me)?\s*manag|\bpmp\b|scrum",
     r"\bproject\s*(managers?|management|professionals?)\b|\bprogram(me)?\s*(managers?|management)\b|"
     r"\bpmi\b|\bpmps?\b|\bscrum\b|\bagile\b"),
    ("data people", r"\bdata\b|analytic|machine learning|\bml\b|\bai\b|statistic|business intel",
     r"\bdata\s*(scien\w*|engineer\w*|analy\w*|professionals?|people|folks|viz\w*)|\banalytics\b|"
     r"machine learning|\bml\b|\bpydata\b|\br users?\b|statisticians?"),
    ("business analysts", r"business analy|systems analy|requirements", r"\bbusiness analy\w*|\biiba\b"),
    ("UX designers", r"\bux\b|\bui\b|user experience|design|user research",
     r"\bux\b|user experience|\bdesigners?\b|\bixda\b|\buxpa\b|\baiga\b|user research"),
    ("security people", r"secur|\bciso\b|infosec|pen ?test", r"\b(cyber)?security\b|infosec|\bissa\b|"
     r"\bisaca\b|\bowasp\b|\bisc2\b"),
    ("software engineers", r"software|develop|\bdevs?\b|programm|\bswe\b|full[- ]?stack|front[- ]?end|"
     r"back[- ]?end|web engineer|coder",
     r"\bsoftware\s*(engineers?|engineering|developers?|craftsmanship)\b|\bdevelopers?\b|\bdevs\b|"
     r"\bprogrammers?\b|\bcoders?\b|full[- ]?stack|front[- ]?end|\bpython\b|\bjavascript\b|"
     r"\bgolang\b|\bjava\b(?! ?(house|hut|cafe))|\.net\b|\bdevops\b|hack night|\bacm\b"),
    ("IT professionals", r"\bit\b|sysadmin|system admin|network|help ?desk|infrastructure|cloud|devops|\bsre\b",
     r"\bit (professionals?|pros|managers?|leaders?)\b|sysadmins?|\bdevops\b|\bcloud\b|"
     r"network engineers?|\bsre\b"),
    ("marketers", r"market|brand|\bseo\b|content strateg|communications|social media",
     r"\bmarket(ers?|ing)\b|\bama\b|\bbrand (managers?|marketing)\b|\bseo\b|"
     r"\bcontent (marketers?|strategists?|creators?)\b"),
    ("HR professionals", r"\bhr\b|human resources|recruit|talent|people (ops|operations|partner)",
     r"\bhr\b|human resources|\bshrm\b|\brecruit(ers?|ing)\b|\btalent (acquisition|leaders?)\b|"
     r"people (ops|operations)"),
    ("accountants", r"account(ant|ing)|\bcpa\b|audit|\btax\b|bookkeep|controller",
     r"\baccountants?\b|\baccounting\b|\bcpas?\b|\bauditors?\b|bookkeep\w*"),
    ("finance people", r"financ|\bcfa\b|investment|banking|fp&a|treasury",
     r"\bfinanc\w*|\bcfa\b|\binvestment\b|\bbankers?\b|\bfp&a\b"),
    ("salespeople", r"\bsales|account exec|business develop|\bsdr\b|\bbdr\b|account manag",
     r"\bsales\b|salespeople|\bsellers\b|business development|account executives"),
    ("nurses", r"\bnurs", r"\bnurs(es|ing|e)\b"),
    ("teachers", r"teach|educator|instructor|tutor", r"\bteachers?\b|\beducators?\b"),
    ("lawyers", r"lawyer|attorney|\blegal\b|counsel|paralegal",
     r"\blawyers?\b|\battorneys?\b|\blegal\b|bar association|\bparalegals?\b"),
    ("writers", r"writer|editor|journalis|copywrit",
     r"\bwriters?\b|\beditors?\b|\bjournalists?\b|\bcopywriters?\b"),
    ("engineers", r"engineer", r"\bengineers?\b|\bengineering\b|\bieee\b|\basme\b"),
)
#: A group listing more industries than this is no room of one industry.
MAX_ROOM_INDUSTRIES = 2
#: "PM" and "PMs" in capitals, not "7 PM": a room of product managers.
_PM = re.compile(r"(?<!\d )(?<!\d)\bPMs?\b")
#: Words of a role that say its level, not its profession ("Senior Product Manager").
_LEVEL_WORDS = frozenset(("senior", "sr", "junior", "jr", "lead", "principal", "staff", "chief",
                          "head", "of", "associate", "assistant", "i", "ii", "iii", "iv", "entry",
                          "level", "mid", "remote", "contract", "freelance", "interim"))
#: A role of only these words says no profession ("manager"): no room is looked for by its words.
_GENERIC_ROLES = frozenset(("manager", "director", "consultant", "specialist", "analyst",
                            "executive", "professional", "coordinator", "officer", "vp"))


@dataclass(frozen=True)
class Audience:
    """Whom a room of the user's role holds, and how such a room names itself."""

    label: str                    # "product managers"
    pattern: re.Pattern[str]
    pm: bool = False              # "PM" in capitals counts too


def _plural(words: list[str]) -> str:
    last = words[-1]
    if last.endswith(("s", "x", "ch", "sh")):
        plural_last = last + "es"
    elif last.endswith("y") and last[-2:-1] not in set("aeiou"):
        plural_last = last[:-1] + "ies"
    else:
        plural_last = last + "s"
    return " ".join([*words[:-1], plural_last])


@lru_cache(maxsize=64)
def audiences_for(roles: tuple[str, ...]) -> tuple[Audience, ...]:
    """The rooms to look for: each role's own words ("data engineer" -> "data engineers") and
    its family's ("product manager" -> "product management", "PMs", "ProductTank")."""
    patterns: dict[str, list[str]] = {}   # label (lower case) -> patterns, first found first
    labels: dict[str, str] = {}           # how the label is written: the family's "UX designers"
    for role in roles:
        text = " ".join(re.findall(r"[a-z0-9&+#.]+", role.lower()))
        words = [w for w in text.split() if w not in _LEVEL_WORDS]
        if words and not set(words) <= _GENERIC_ROLES:
            label = _plural(words)
            labels.setdefault(label, label)
            patterns.setdefault(label, []).append(
                r"\b" + r"\s+".join(map(re.escape, words)) + r"(s|es)?\b")
        for label, role_pattern, audience in ROLE_FAMILIES:
            if re.search(role_pattern, text):
                # "product manager" is both its own words and its family's: one room, one label
                labels[label.lower()] = label
                patterns.setdefault(label.lower(), []).append(audience)
                break
    found = {
        key: Audience(labels[key], re.compile("|".join(dict.fromkeys(parts)), re.IGNORECASE),
                      pm=key == "product managers")
        for key, parts in patterns.items()
    }
    return tuple(found.values())


def _room_text(group: Group) -> str:
    """What a group says about whom it gathers: its name, type, focus, audience and notes."""
    return " | ".join(t for t in (group.name, group.kind_text, group.focus_text, group.format_text,
                                  group.salary_text, group.industries, group.notes) if t)


def room_of(group: Group, ctx: Context) -> tuple[str, float]:
    """(reason, points) when the group gathers the user's profession or industry (the one on
    their LinkedIn profile), else ("", 0).

    Seed article, point 1: business connections are the point. A room of one's own profession
    (a product-management happy hour for a product manager) is full of them whatever its
    format; a room of one's industry a little less so.
    """
    audiences = ctx.audiences()
    if audiences:
        text = _room_text(group)
        for audience in audiences:
            if audience.pattern.search(text) or (audience.pm and _PM.search(text)):
                return f"a room of {audience.label}: your profession", 10.0
    if not ctx.profile.industry or _GENERAL.match(group.industries.strip().lower()):
        return "", 0.0
    terms = industry_terms(group.industries)
    # A chamber that lists five industries gathers no one industry.
    if len(terms) <= MAX_ROOM_INDUSTRIES and industries_match(
        terms, industry_terms(ctx.profile.industry)
    ):
        return f"a room of your industry ({group.industries})", 5.0
    return "", 0.0


def fit(group: Group, ctx: Context, place: Place | None) -> tuple[GroupComponent, list[str]]:
    salary_points, salary_note = salary_fit(group, ctx.profile)
    names = targets_to_meet(group, place, ctx)
    if not ctx.targets:
        target_points, target_note = 4.0, ""
    elif names:
        named = set(names)
        weight = sum(0.5 + 0.5 * t.priority for t in ctx.targets if t.name in named)
        target_points = 8 * min(1.0, weight / 2)
        target_note = f"people from {listed(names, 3)} may be there"
    else:
        target_points, target_note = 0.0, "none of your targets likely there"
    room, room_points = room_of(group, ctx)
    note = "; ".join(n for n in (room, salary_note, target_note) if n) or "fit unknown"
    points = min(MAX_POINTS["fit"], salary_points + target_points + room_points)
    return GroupComponent("fit", points, MAX_POINTS["fit"], note, room=room), names


# --- place --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Where:
    place: Place | None
    distance: float | None
    dropped: str = ""   # why the group is out of reach


def where(group: Group) -> Place | None:
    return None if group.online or not group.city else locate(group.city)


def place_part(group: Group, ctx: Context, place: Place | None) -> tuple[GroupComponent, Where, list[str]]:
    flags: list[str] = []
    relocate = ctx.profile.willing_to_relocate
    if group.online:
        if relocate:
            return GroupComponent("place", 15.0, 15.0, "online, which suits a move anywhere"), Where(None, None), flags
        if ctx.home is None:
            return GroupComponent("place", 8.0, 15.0, "online"), Where(None, None), flags
        # Seed article, point 5: a job near home comes from local breakfasts and job clubs.
        return (GroupComponent("place", 2.0, 15.0, "online, while local in-person groups suit a job "
                          "near home better"), Where(None, None), flags)
    if place is None:
        if group.city:
            flags.append(f"city {group.city!r} not found: distance unknown")
        else:  # a row typed without a place: its travel time is a guess
            flags.append("no city given: where it meets is unknown (add its city, or 'online')")
        return GroupComponent("place", 7.0, 15.0, "distance unknown"), Where(None, None), flags
    if ctx.home is None:
        return GroupComponent("place", 8.0, 15.0, f"in {place.label}"), Where(place, None), flags
    km = distance_km(ctx.home, place)
    target_city = any(
        distance_km(place, p) <= TARGET_CITY_KM for _, places in ctx.target_kinds()[0] for p in places
    )
    miles = km / 1.609344
    away = f"{km:,.0f} km ({miles:,.0f} mi) from home"
    if km <= LOCAL_KM:
        points, note = 15.0, f"in {place.label}, {away}" if km >= 1 else f"in {place.label}, near home"
    elif km <= REACH_KM:
        points, note = 15 - 7 * (km - LOCAL_KM) / (REACH_KM - LOCAL_KM), f"in {place.label}, {away}"
    elif relocate and target_city:
        points, note = 13.0, f"in {place.label}, where your target employers are ({away})"
    elif relocate:
        points, note = 3.0, f"in {place.label}, {away} and away from your targets"
    else:
        reason = f"too far: {place.label} is {away} and you will not relocate"
        return GroupComponent("place", 0.0, 15.0, f"in {place.label}, {away}"), Where(place, km, reason), flags
    if relocate and target_city and km <= REACH_KM:
        points = max(points, 13.0)
        note += ", where your target employers are"
    return GroupComponent("place", points, 15.0, note), Where(place, km), flags


# --- time ---------------------------------------------------------------------------------

def hours_per_month(group: Group, distance: float | None) -> tuple[float, list[str]]:
    """Meetings plus travel plus volunteer hours, per month; notes say what was assumed."""
    notes: list[str] = []
    travel = 0.0
    if not group.online:
        travel = MIN_TRAVEL_HOURS if distance is None else max(
            MIN_TRAVEL_HOURS, 0.25 + 2 * distance / TRAVEL_KMH
        )
    duration = group.duration_hours
    if group.asynchronous or (group.meetings_per_month is None and group.duration_per != "meeting"):
        if duration is None:
            notes.append("time unknown: counted 2 h a month")
            hours = 2.0
        elif group.duration_per == "month":
            hours = duration
        else:
            hours = duration * WEEKS_PER_MONTH
            if group.duration_per == "meeting":
                notes.append("no meetings: read the duration as hours a week")
        return round(hours + group.volunteer_hours, 2), notes
    meetings = group.meetings_per_month
    if meetings is None:
        meetings = 1.0
        notes.append("schedule unknown: counted one meeting a month")
    if duration is None:
        duration = DEFAULT_MEETING_HOURS
        notes.append(f"length unknown: counted {DEFAULT_MEETING_HOURS:g} h a meeting")
    if group.duration_per == "week":
        meeting_hours = duration * WEEKS_PER_MONTH
    elif group.duration_per == "month":
        meeting_hours = duration
    else:
        meeting_hours = duration * meetings
    return round(meeting_hours + travel * meetings + group.volunteer_hours, 2), notes


def time_part(hours: float, budget: float) -> GroupComponent:
    share = hours / budget if budget > 0 else 1.0
    points = 10 * max(0.0, 1 - share)
    return GroupComponent("time", points, MAX_POINTS["time"], f"{hours:.1f} h a month")
