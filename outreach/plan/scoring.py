"""Scored outreach candidates: named score components, each shown, and a one-sentence "why".

A candidate is a contact of yours at a target, or a friend's contact at a target reached through
that friend (a warm path). The score is a weighted mean of components in [0, 1], shown as 0–100.
Weights have defaults and can be overridden (``weights`` in the workspace settings, or
``outreach plan --weights``).
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from outreach.errors import OutreachError
from outreach.plan.keys import outreach_key
from outreach.plan.kinds import (
    OFFER_DAYS,
    change_phrase,
    history_of,
    history_phrase,
    recent_application,
    recent_change,
    when,
)
from outreach.plan.network import Contact, Network, Target
from outreach.plan.reach import (
    Reach,
    WarmPath,
    owner_of_node,
    parse_day,
    proven_tie,
    target_node,
    tie_strength,
    tie_words,
)
from outreach.plan.titles import Title, read_title, related_function, same_role, short_title
from outreach.profile import Profile
from outreach.store import get_setting, set_setting
from outreach.wording import listed, plural, with_article

DEFAULT_WEIGHTS: dict[str, float] = {
    "target_priority": 3.0,
    "tie_strength": 2.0,
    "role_relevance": 2.0,
    "seniority": 0.5,
    "job_change": 1.0,
    "location_fit": 1.0,
    "conversation": 2.0,
}
WEIGHTS_SETTING = "weights"
#: An introduction is worth less than the same tie to the person directly.
WARM_DISCOUNT = 0.8
#: Warm paths kept per target: enough to choose from, not every friend-of-friend.
WARM_PATHS_PER_TARGET = 5


class ScoringError(OutreachError):
    pass


# --- weights ---------------------------------------------------------------------------------


def parse_weights(text: str) -> dict[str, float]:
    """'tie_strength=3, job_change=0' -> {'tie_strength': 3.0, 'job_change': 0.0}."""
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in DEFAULT_WEIGHTS:
            raise ScoringError(
                f"cannot read weight {part!r}: write NAME=NUMBER with NAME one of "
                + ", ".join(DEFAULT_WEIGHTS)
            )
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not 0 <= number <= 100 or math.isnan(number):
            raise ScoringError(f"weight {name} must be a number from 0 to 100, not {value.strip()!r}")
        out[name] = number
    return out


def load_weights(conn: sqlite3.Connection, overrides: dict[str, float] | None = None) -> dict[str, float]:
    """Defaults, then the workspace's stored overrides, then ``overrides``."""
    weights = dict(DEFAULT_WEIGHTS)
    stored = get_setting(conn, WEIGHTS_SETTING)
    if stored:
        weights.update({k: float(v) for k, v in json.loads(stored).items() if k in DEFAULT_WEIGHTS})
    weights.update(overrides or {})
    return weights


def save_weights(conn: sqlite3.Connection, overrides: dict[str, float]) -> None:
    stored = json.loads(get_setting(conn, WEIGHTS_SETTING) or "{}")
    stored.update(overrides)
    set_setting(conn, WEIGHTS_SETTING, json.dumps(stored))


# --- roles ---------------------------------------------------------------------------------

MANAGER_LEVEL = 0.55
SENIOR_LEVEL = 0.8


@dataclass(frozen=True)
class Role:
    kind: str  # recruiter | hiring_manager | peer | senior | other
    relevance: float
    seniority: float
    detail: str


@lru_cache(maxsize=65536)
def _leads_engineers_like(title: Title, wanted_roles: tuple[str, ...]) -> bool:
    """An engineering manager for a user who wants an engineer's role in data (a data or
    analytics engineer): data engineers work in engineering teams and their managers hire them,
    though the two functions are not otherwise one (a software engineer is no data analyst's
    peer)."""
    if not (title.manages and title.function == "engineering"):
        return False
    for role in wanted_roles:
        want = read_title(role)
        if want.function == "data" and want.role.endswith("engineer"):
            return True
    return False


def classify_role(position: str, wanted_roles: tuple[str, ...] = ()) -> Role:
    """What this person's title means for the user's search (``outreach.plan.titles``): a
    recruiter; someone who may hire for the user's role (manages people in the same or a related
    function); a peer (the same role, not merely a shared word: a Product Designer is not a
    Product Manager); someone in a related function; a senior person; or a contact."""
    title = read_title(position)
    seniority = title.level
    if title.recruiter:
        return Role("recruiter", 1.0, seniority, "recruiter")
    same = next((r for r in wanted_roles if same_role(title, r)), None)
    related = same is not None or any(related_function(title, r) for r in wanted_roles)
    if related and (title.manages or seniority >= SENIOR_LEVEL) or _leads_engineers_like(title, wanted_roles):
        return Role("hiring_manager", 0.9, seniority, "possibly hiring in your field")
    if same is not None:
        return Role("peer", 0.7, seniority, f"works as {with_article(title.role or same.casefold())}")
    if related:
        return Role("peer", 0.45, seniority, f"works in {title.function}" if title.function != "other"
                    else "works in a related field")
    if seniority >= SENIOR_LEVEL:
        return Role("senior", 0.4, seniority, "senior person")
    return Role("other", 0.1, seniority, "contact")


# --- candidates ------------------------------------------------------------------------------


class Component(NamedTuple):
    name: str
    value: float  # in [0, 1]
    weight: float
    detail: str


@dataclass(frozen=True)
class Via:
    """The friend who can introduce you (warm path)."""

    owner_id: int
    name: str
    strength: float  # you → friend
    contact_strength: float  # friend → the person at the target


@dataclass
class Candidate:
    contact: Contact
    target: Target
    tier: str
    role: Role
    score: float  # 0–100
    values: tuple[float, ...]  # component values, in DEFAULT_WEIGHTS order
    weights: tuple[float, ...]
    profile: Profile
    today: date
    via: Via | None = None
    job_change_recent: bool = False
    also_reaches: list[str] = field(default_factory=list)

    @property
    def components(self) -> tuple[Component, ...]:
        """Each component named, valued, weighted and explained (built only for rows shown)."""
        details = _details(self)
        return tuple(Component(*parts) for parts in zip(DEFAULT_WEIGHTS, self.values, self.weights,
                                                        details, strict=True))

    @property
    def why(self) -> str:
        return explain(self)

    @property
    def key(self) -> str:
        """The row key across plans: the person and the target."""
        return outreach_key(self.contact, self.target.name)


def location_fit(target: Target, profile: Profile) -> tuple[float, str]:
    if profile.willing_to_relocate:
        return 1.0, "you would relocate"
    place = target.location.casefold()
    if "remote" in place:
        return 1.0, "remote"
    city = profile.home_city.split(",")[0].strip().casefold()
    if not city or not place:
        return 0.5, "location unknown"
    if city in place:
        return 1.0, f"in {profile.home_city.split(',')[0].strip()}"
    return 0.0, f"in {target.location}, not {profile.home_city}"


def conversation_value(contact: Contact, role: Role, today: date) -> tuple[float, str]:
    """Where the conversation stands: they wrote last and wait for an answer (a recruiter who
    wrote first is the warmest lead there is), or they offered help; else nothing."""
    history = history_of(contact)
    if history.reply_due(today):
        value = 1.0 if role.kind == "recruiter" else 0.85
        waited = (today - history.last_received).days if history.last_received else 999
        fresh = 1.0 if waited <= 90 else 0.7 if waited <= 365 else 0.4  # a note from 2023 is colder
        return value * fresh, "they wrote last: waiting for your reply"
    if history.offered and (today - history.offered).days <= OFFER_DAYS:
        return 0.9, f"they offered help {when(history.offered, today)}"
    return 0.0, "none open"


def job_change_value(contact: Contact, today: date) -> tuple[float, str]:
    change = contact.job_change
    seen = parse_day(change.seen_on) if change else None
    if change is None or change.kind != "job" or seen is None:  # a promotion is no new job
        return 0.0, ""
    days = (today - seen).days
    value = 1.0 if days <= 183 else 0.5 if days <= 365 else 0.0
    return value, f"moved from {change.old_company} (seen {change.seen_on})"


def score_candidate(
    contact: Contact, target: Target, tier: str, profile: Profile, weights: dict[str, float],
    today: date, via: Via | None = None, place: float | None = None,
) -> Candidate:
    """Score one person for one target; ``place`` is ``location_fit(target, profile)[0]`` if known."""
    if place is None:
        place = location_fit(target, profile)[0]
    w = tuple(weights[name] for name in DEFAULT_WEIGHTS)
    return _score(contact, target, tier, profile, w, today, via, place)


def _score(contact: Contact, target: Target, tier: str, profile: Profile, w: tuple[float, ...],
           today: date, via: Via | None, place: float) -> Candidate:
    role = classify_role(contact.position, profile.roles)
    if via is None:
        tie_value = proven_tie(tie_strength(contact.messages_sent, contact.messages_received,
                                            contact.last_message_at, today).value, contact.ties)
    else:
        tie_value = WARM_DISCOUNT * math.sqrt(via.strength * via.contact_strength)
    change = job_change_value(contact, today)[0] if contact.job_change else 0.0
    talk = conversation_value(contact, role, today)[0] if via is None and contact.messages_received else 0.0
    values = (target.priority, tie_value, role.relevance, role.seniority, change, place, talk)
    total = sum(w)
    weighted = sum(weight * value for weight, value in zip(w, values, strict=True))
    score = round(100 * weighted / total, 1) if total else 0.0
    return Candidate(contact, target, tier, role, score, values, w, profile, today, via, change > 0)


def _details(c: Candidate) -> tuple[str, ...]:
    contact, via = c.contact, c.via
    if via is None:
        tie = tie_strength(contact.messages_sent, contact.messages_received, contact.last_message_at, c.today)
        messages = contact.messages_sent + contact.messages_received
        tie_detail = (f"{plural(messages, 'message')}, reciprocity {tie.reciprocity:.2f}, recency {tie.recency:.2f}"
                      if messages else "no messages yet")
        proven = tie_words(contact.ties)
        if proven:
            tie_detail = "; ".join(proven) + "; " + tie_detail
    else:
        tie_detail = (f"via {via.name}: you–{via.name} {via.strength:.2f}, "
                      f"{via.name}–them {via.contact_strength:.2f}")
    return (
        c.target.priority_text or f"{c.target.priority:.2f}",
        tie_detail,
        c.role.detail,
        f"{c.role.seniority:.2f}",
        job_change_value(contact, c.today)[1] or "none seen",
        location_fit(c.target, c.profile)[1],
        conversation_value(contact, c.role, c.today)[1] if via is None else "none open",
    )


def find_candidates(
    network: Network, reach: dict[str, tuple[list[Reach], list[WarmPath]]], profile: Profile, *,
    weights: dict[str, float] | None = None, today: date | None = None,
) -> list[Candidate]:
    """One candidate per person (their best target), best score first.

    ``reach`` is ``outreach.plan.reach.reach_from_matches`` (or, the same, ``reach_index`` of the
    NetworkX graph).
    """
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    w = tuple(weights[name] for name in DEFAULT_WEIGHTS)
    today = today or date.today()
    best: dict[str, Candidate] = {}
    reached: dict[str, list[str]] = {}

    def offer(candidate: Candidate) -> None:
        person = candidate.contact.person_key
        reached.setdefault(person, []).append(candidate.target.name)
        old = best.get(person)
        if old is None or (candidate.score, candidate.target.priority) > (old.score, old.target.priority):
            best[person] = candidate

    for target in network.targets.values():
        direct, warm = reach.get(target_node(target.id), ((), ()))
        if not direct and not warm:
            continue
        place = location_fit(target, profile)[0]
        for one in direct:
            ties = network.contacts[one.contact_id].ties
            if ties is not None and ties.invitation_pending:  # not a connection yet: wait
                continue
            offer(_score(network.contacts[one.contact_id], target, one.tier, profile, w, today,
                         None, place))
        for path in warm[:WARM_PATHS_PER_TARGET]:
            friend = network.owners[owner_of_node(path.friend)]
            via = Via(friend.id, friend.name, path.friend_strength, path.reach.strength)
            offer(_score(network.contacts[path.reach.contact_id], target, path.reach.tier, profile,
                         w, today, via, place))
    out = sorted(best.values(), key=lambda c: (-c.score, -c.target.priority, c.contact.name, c.contact.id))
    for candidate in out:
        others = reached[candidate.contact.person_key]
        if len(others) > 1:
            candidate.also_reaches = [t for t in dict.fromkeys(others) if t != candidate.target.name]
    return out


_ROLE_PHRASE = {
    "recruiter": "a recruiter there",
    "hiring_manager": "possibly hiring in your field",
    "peer": "",
    "senior": "a senior person there",
    "other": "",
}


def priority_phrase(target: Target) -> str:
    if target.priority_text:
        return f"your priority {target.priority_text}"
    if 0.45 <= target.priority <= 0.55:  # a list without priorities sits in this middle band
        return "no priority given"
    p = target.priority
    return "a top target" if p >= 0.75 else "a high-priority target" if p >= 0.5 else (
        "a medium-priority target" if p >= 0.25 else "a low-priority target")


def explain(c: Candidate) -> str:
    """One sentence: who they are, why this target, and what makes them worth a message now,
    never more than the history says ("you wrote once in 2020, no reply")."""
    contact = c.contact
    title = short_title(contact.position) or "Works"
    lead = f"{title} at {c.target.name} ({priority_phrase(c.target)})"
    extras = [_ROLE_PHRASE[c.role.kind] or c.role.detail] if c.role.kind != "other" else []
    if c.via:
        extras.insert(0, f"{c.via.name} knows them and can introduce you")
    else:
        history = history_of(contact)
        said = history_phrase(contact, c.today)
        if said:
            extras.insert(0, said)
        applied = recent_application(contact, c.today)
        if contact.referral_for is not None:  # said first, as the row's reason
            applied = None
        if applied is not None:  # the reason to ask them for a referral
            title, day = applied
            extras.insert(0, f"you applied for {title or 'a role'} there {when(day, c.today)}")
        if history.offered and (c.today - history.offered).days <= OFFER_DAYS:
            extras.insert(0, f"they offered help {when(history.offered, c.today)}")
        extras[:0] = tie_words(contact.ties)
    change = recent_change(contact, c.today)
    if change is not None:
        extras.append(change_phrase(change))
    place = next(p for p in c.components if p.name == "location_fit")
    if place.value >= 1 and place.detail.startswith("in "):
        extras.append(f"{c.target.name} is {place.detail}, where you live")
    if c.also_reaches:
        extras.append(f"also reaches {listed(c.also_reaches, 2)}")
    said = lead + (": " + "; ".join(extras) if extras else "") + "."
    asked = contact.referral_for
    if asked is not None and c.via is None:
        asked_on = parse_day(asked.applied_on)
        on = f"{asked_on.day} {asked_on:%b}" if asked_on else "lately"
        said = (f"Applied {on} for {asked.job_title or 'a role'}: the best-placed person you know "
                f"there to ask for a referral. " + said)
    return said


__all__ = [
    "DEFAULT_WEIGHTS",
    "Candidate",
    "Component",
    "Role",
    "ScoringError",
    "Via",
    "classify_role",
    "explain",
    "find_candidates",
    "load_weights",
    "parse_weights",
    "save_weights",
    "score_candidate",
]
