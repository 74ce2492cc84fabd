"""The outreach plan: scored, scheduled rows with messages, the targets overview and the review list.

Assembled from the graph, scoring, schedule and messages modules; turned into workbook sheets by
``outreach.plan.sheets``. The same rows feed the terminal table and ``--json``.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, cast
from urllib.parse import quote_plus

from outreach.companies.knowledge import company_key
from outreach.companies.matching import analyse_names, set_review_decision
from outreach.errors import OutreachError
from outreach.models import Match
from outreach.plan.conversations import Conversation, conversations
from outreach.plan.keys import outreach_key, parse_review_key, person_of_outreach_key, review_key
from outreach.plan.kinds import ASK_NOW_DAYS, referral_rank
from outreach.plan.messages import load_templates, suggest_message
from outreach.plan.network import Contact, JobApplication, Network, load_network
from outreach.plan.reach import owner_of_node, parse_day, reach_from_matches, target_node
from outreach.plan.schedule import FOLLOW_UP_AFTER, overrun, schedule
from outreach.plan.scoring import Candidate, find_candidates, priority_phrase
from outreach.profile import Profile
from outreach.store import within_transaction
from outreach.targets.suggest import (
    TargetSuggestion,
    answer,
    apply_sheet_answers,
    plan_suggestions,
)
from outreach.wording import plural

STATUSES = ("to contact", "contacted", "replied", "meeting", "referred", "not now")
#: What a status typed by hand means: the words a person writes for each of ``STATUSES``
#: (any case, any spacing). The cell keeps what was typed; the plan acts on its meaning. A
#: status not listed here is kept too, and only means "the user is dealing with this person".
STATUS_WORDS = {
    "to contact": ("to contact", "todo", "to do"),
    "contacted": ("contacted", "sent", "messaged", "written", "wrote", "emailed", "e-mailed"),
    "replied": ("replied", "answered", "responded"),
    "meeting": ("meeting", "call", "interview", "coffee"),
    "referred": ("referred",),
    "not now": ("not now", "later"),
}
_MEANING = {word: status for status, words in STATUS_WORDS.items() for word in words}
#: Statuses after a reply: the conversation is going, the Summary lists them as in progress
IN_PROGRESS = ("replied", "meeting", "referred")
DECISIONS = ("accept", "reject")
OUTREACH, TARGETS, REVIEW = "Outreach", "Targets", "Review"
STATUS, FOLLOW_UP, NOTES, DECISION = "Status", "Follow-up date", "Notes", "Decision"
#: The Targets sheet's columns for suggested targets: the source in words, and the user's answer
SUGGESTED, ACCEPT, ANSWERS = "Suggested", "Accept?", ("yes", "no")
DEFAULT_TOP = 300
PEOPLE_SEARCH = "https://www.linkedin.com/search/results/people/?keywords="

Edits = dict[str, dict[str, dict[str, Any]]]


class PlanError(OutreachError):
    pass


@dataclass(frozen=True)
class PlanOptions:
    top: int = DEFAULT_TOP  # outreach rows to schedule (the ones a user will read)
    weights: dict[str, float] | None = None
    templates: Any = None  # outreach.plan.messages.Templates; built-in ones when None
    today: date | None = None
    left_out: frozenset[str] = frozenset()  # Outreach keys of rows the user deleted
    #: the current suggested targets when the caller has them (``sync_suggested_targets``)
    suggested: list[TargetSuggestion] | None = None


@dataclass
class OutreachRow:
    rank: int
    week: int | None  # None: already contacted (or "not now"); no new message planned
    name: str  # whom to write to (the friend, for introductions)
    position: str  # theirs
    company: str  # theirs, as they wrote it
    target: str
    tier: str
    score: float
    why: str
    details: str  # every score component, named
    message: str
    kind: str  # outreach.plan.kinds.KINDS: reply | referral | intro | congrats | ...
    via: str  # the friend to ask for an introduction
    profile_url: str  # of whom to write to
    email: str
    last_contact: date | None
    status: str  # as the user typed it ("Sent"), or the plan's "to contact"
    follow_up: date | None
    notes: str
    key: str
    components: dict[str, float] = field(default_factory=dict)
    about: str = ""  # for introductions: whom the friend is asked about, "Paula Ruiz (Homebot)"
    #: why the plan set the status over what the user typed ("they wrote back on 20 Nov"), or ""
    status_note: str = ""
    #: why the plan filled the follow-up date the user left empty on a row marked contacted
    follow_up_note: str = ""
    #: the position as the user corrected it in the workbook, or "" (the plan's stays beside it)
    position_typed: str = ""

    @property
    def position_shown(self) -> str:
        return self.position_typed or self.position

    @property
    def stage(self) -> str:
        """What ``status`` means: one of ``STATUSES``, or "" for a status of the user's own."""
        return status_meaning(self.status)

    def to_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank, "week": self.week, "name": self.name, "position": self.position,
            "write_to": self.name, "write_to_url": self.profile_url or None, "about": self.about or None,
            "profile_url": self.profile_url, "email": self.email, "company": self.company,
            "target": self.target, "tier": self.tier, "score": self.score, "why": self.why,
            "message": self.message, "kind": self.kind, "via": self.via or None,
            "status": self.status, "follow_up": self.follow_up.isoformat() if self.follow_up else None,
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "notes": self.notes, "components": self.components, "key": self.key,
        }


@dataclass
class TargetRow:
    name: str
    priority: float
    priority_text: str
    contacts: int
    warm_paths: int
    best_contact: str
    best_position: str
    next_step: str
    search_url: str  # only for targets nobody in the network reaches
    extra: tuple[tuple[str, str], ...] = ()  # the user's own columns from the targets file
    #: a target suggested by the user's LinkedIn activity and not decided on: its source
    suggested: str = ""
    #: the user's job applications there of the last 30 days and the referral ask for each
    applied: str = ""
    #: the user's current employer (``confidential_targets``): nobody there is written to
    confidential: bool = False


@dataclass
class ReviewRow:
    company: str
    target: str
    similarity: float
    contacts: int
    decision: str  # "accept", or "" while pending
    reason: str = ""  # why it is suggested: "one letter from Google: a typo?"

    @property
    def key(self) -> str:
        return review_key(self.company, self.target)


@dataclass
class Plan:
    today: date
    profile: Profile
    rows: list[OutreachRow]
    targets: list[TargetRow]
    review: list[ReviewRow]
    facts: dict[str, int]
    top_reached: list[tuple[str, int]]
    #: rows the user added to the Outreach sheet by hand, with a follow-up date: (who, target,
    #: status, follow-up); the workbook keeps the rows, the Summary lists them when due
    added: list[tuple[str, str, str, date]] = field(default_factory=list)


def people_search_url(target: str) -> str:
    return PEOPLE_SEARCH + quote_plus(target)


def check_ready(conn: sqlite3.Connection) -> None:
    """One line saying what to import first, when there is nothing to plan with."""
    if conn.execute("SELECT 1 FROM contacts LIMIT 1").fetchone() is None:
        raise PlanError(
            "nothing to plan yet: import your LinkedIn connections first "
            "(outreach import linkedin EXPORT.zip), then your target employers"
        )
    # No target employers yet is no reason to refuse: the plan still has its Groups sheet (the
    # starter guide) and says on the Summary and on screen what to import (``NO_TARGETS``).


#: What a plan without a single target employer says (on screen and on the Summary).
NO_TARGETS = ("no target employers yet, so nobody to write to: import them (outreach import targets "
              "TARGETS.xlsx), or your complete LinkedIn export, whose job applications, saved jobs and "
              "followed companies suggest some")


def typed_review_decisions(edits: Edits | None) -> list[tuple[str, str, bool]]:
    """(company, target, accepted) for every decision typed in the Review sheet."""
    out = []
    for key, values in ((edits or {}).get(REVIEW) or {}).items():
        said = answer(values.get(DECISION))
        pair = parse_review_key(str(key))
        if pair is None or said is None:
            continue
        out.append((*pair, said))
    return out


def apply_review_decisions(conn: sqlite3.Connection, edits: Edits | None) -> int:
    """Store the Review sheet's decisions in the workspace (in the caller's transaction, if
    any); returns how many were stored."""
    stored = 0
    decisions = typed_review_decisions(edits)
    if decisions:
        with within_transaction(conn):
            for company, target, accepted in decisions:
                try:
                    set_review_decision(conn, company, target, accepted)
                except OutreachError:
                    continue  # a row the user typed by hand with a name that cannot match
                stored += 1
    # The Targets sheet's "yes"/"no" to suggested targets (a row that leaves the plan is not
    # kept for its answer alone: ``Column.answer``). The caller then puts the suggestions the
    # plan uses among the targets (``sync_suggested_targets``), before anything is matched.
    apply_sheet_answers(conn, (edits or {}).get(TARGETS), ACCEPT)
    return stored


def status_meaning(text: str) -> str:
    """One of ``STATUSES`` for a status as typed ("Sent" -> "contacted"), "" for one of the
    user's own ("waiting for HR"); an empty cell is "to contact"."""
    folded = " ".join(str(text).split()).casefold()
    return _MEANING.get(folded, "") if folded else "to contact"


def _status(values: dict[str, Any] | None) -> str:
    """The status typed in a row, as typed (spacing at the ends aside)."""
    return str((values or {}).get(STATUS) or "").strip()


def _follow_up(typed: dict[str, Any], shown: dict[str, Any], today: date,
               gap: timedelta = FOLLOW_UP_AFTER) -> date | None:
    """The follow-up date of a row the user already acted on: the date they typed; else, once
    they marked it contacted, the contact day (``today`` when it was marked since the last
    plan, which had it in a week) plus the follow-up gap; the date an earlier plan set so stays.
    """
    day = _day(typed.get(FOLLOW_UP))
    if day is not None:
        return day
    earlier = _day(shown.get(FOLLOW_UP))
    if shown.get("Week") is None and earlier is not None:
        return earlier  # set by the plan when the user marked the row; it does not move
    if status_meaning(_status(typed)) == "contacted":
        return today + gap
    return None


def build_plan(
    conn: sqlite3.Connection, profile: Profile, matches: list[Match], *,
    options: PlanOptions = PlanOptions(), edits: Edits | None = None,
) -> Plan:
    today = options.today or date.today()
    templates = options.templates or load_templates()
    network = load_network(conn, {m.contact_id for m in matches})
    reach = reach_from_matches(network, matches, today=today)
    candidates = find_candidates(network, reach, profile, weights=options.weights, today=today)

    typed = (edits or {}).get(OUTREACH) or {}
    # People the user already wrote to (or put off) keep their row but take no new slot; matched
    # by person as well as by key, in case their best target changed since the last plan.
    acted_people = {person_of_outreach_key(k) for k, v in typed.items()
                    if status_meaning(_status(v)) != "to contact"}
    # The user's current employer must not hear of their search: nobody there is written to
    # about it (rows the user already acted on stay theirs).
    if network.current_employers:  # company_key of every target: from the analyses the workspace keeps
        analyse_names(conn, [t.name for t in network.targets.values()])
    confidential = confidential_targets(network, (edits or {}).get(TARGETS) or {})
    if confidential:
        candidates = [c for c in candidates if c.target.id not in confidential
                      or person_of_outreach_key(c.key) in acted_people]
    # Rows come from the best candidates: far more than the plan's top, plus everyone the user
    # acted on (30,000 people make far more candidates than a plan has rows).
    pool = max(0, options.top) * 4 + len(options.left_out) + 100
    asks, nobody = referral_asks(network, candidates, today, skip=acted_people, left_out=options.left_out)
    if confidential:  # an application at the user's own employer is not "nobody known there"
        secret = {company_key(network.targets[t].name) for t in confidential}
        nobody = [app for app in nobody if app.key not in secret]
    through = introductions_for(network, candidates, nobody)
    asked = {id(c) for c, _ in asks}
    talks = conversations(candidates[:pool] + [
        c for c in candidates[pool:]
        if c.via is not None or person_of_outreach_key(c.key) in acted_people or id(c) in asked], network)
    # Each row as the workbook showed it (the plan's cells too): the week and follow-up date the
    # last plan wrote. A plain mapping of edits (no workbook) shows nothing.
    shown = (getattr(edits, "rows", None) or {}).get(OUTREACH) or {}
    # the plan's cells the user changed (a corrected Position): used where the plan speaks of them
    changed = (getattr(edits, "changed", None) or {}).get(OUTREACH) or {}
    formulas = (getattr(edits, "formulas", None) or {}).get(OUTREACH) or {}
    todo, acted = [], []
    for talk in talks:
        if talk.key in options.left_out:  # deleted by the user: the slot goes to someone else
            continue
        if person_of_outreach_key(talk.key) in acted_people:
            if talk.key in typed:
                acted.append(talk)
        else:
            todo.append(talk)
    gap = timedelta(days=profile.follow_up_days)
    ask_now = [t for t in todo if not t.intro and id(t.lead) in asked]
    slots = schedule(todo, per_week=profile.messages_per_week, limit=max(0, options.top), start=today,
                     follow_up_after=gap, first=ask_now)
    planned: list[tuple[Conversation, int | None, date | None, str]] = [
        (cast(Conversation, s.candidate), s.week, s.follow_up_on, s.held) for s in slots]
    # Conversations under way (replied, meeting, referred) come first: they are what the week is
    # about; rows only waiting for an answer, or put off, come after the new messages.
    going = [t for t in acted if status_meaning(_status(typed.get(t.key))) in IN_PROGRESS]
    planned = [(talk, None, None, "") for talk in going] + planned + [
        (talk, None, None, "") for talk in acted if talk not in going]

    # by target name: every current suggestion
    suggested = plan_suggestions(conn, today=today, found=options.suggested)
    rows = []
    for rank, (talk, week, follow_up, held) in enumerate(planned, start=1):
        c = talk.lead
        person = talk.writer if talk.kind == "intro" else c.contact
        parts = c.components
        mine = typed.get(talk.key) or {}
        corrected = str((shown.get(talk.key) or {}).get("Position") or "") \
            if "Position" in changed.get(talk.key, {}) else ""
        status = _status(mine) or "to contact"
        seen = _reply_seen(person, mine, shown.get(talk.key) or {}, gap) if week is None else ""
        status_note = ""
        if seen:  # a newer export shows their answer: the plan says so in the status
            status_note = (f"Status set to replied by the plan: {seen} (in your LinkedIn export); "
                           f"it was {status!r}")
            status = "replied"
        follow_up_note = ""
        if week is None:
            follow_up = _follow_up(mine, shown.get(talk.key) or {}, today, gap)
            if follow_up is not None and _day(mine.get(FOLLOW_UP)) is None \
                    and status_meaning(status) == "contacted" and talk.key in shown \
                    and FOLLOW_UP not in formulas.get(talk.key, {}):
                # the cell is empty: written now, so that the date does not slide every week
                follow_up_note = (f"Follow-up date set by the plan: {day_month(follow_up)}, "
                                  f"{profile.follow_up_days} days after you marked it contacted")
        else:
            follow_up = _day(mine.get(FOLLOW_UP)) or follow_up
        email = person.email if person and person.email and "@" in person.email else ""
        rows.append(OutreachRow(
            rank=rank, week=week, name=talk.write_to, position=person.position if person else "",
            company=person.company if person else "", target=c.target.name, tier=c.tier,
            score=c.score, why=_suggested_why(_why(talk, held, network.invited), suggested.get(c.target.name)),
            details="; ".join(f"{p.name.replace('_', ' ')} {p.value:.2f} ×{p.weight:g} ({p.detail})"
                              for p in parts),
            message=suggest_message(talk, profile, templates), kind=talk.kind,
            via=c.via.name if c.via else "", profile_url=talk.write_to_url, email=email,
            last_contact=_day(person.last_message_at) if person else None, status=status,
            follow_up=follow_up, notes=str(mine.get(NOTES) or ""), key=talk.key,
            components={p.name: round(p.value, 3) for p in parts}, about=talk.about_text,
            status_note=status_note, position_typed=corrected, follow_up_note=follow_up_note,
        ))

    rank_of = {row.key: row.rank for row in rows}
    typed_position = {t.lead.contact.id: row.position_typed for t, row in zip(
        (p[0] for p in planned), rows, strict=True) if row.position_typed and not t.intro}
    first_ranked: dict[str, int] = {}  # target -> the contact ranked first there
    for talk, *_ in planned:
        if not talk.intro:
            first_ranked.setdefault(talk.target.name, talk.lead.contact.id)
    rank_of.update({c.key: rank_of[t.key] for t in talks if t.key in rank_of for c in t.about})
    acted_at: dict[str, OutreachRow] = {}  # target -> the row furthest along with it
    for row in rows:
        if row.week is None and _progress(row) > _progress(acted_at.get(row.target)):
            acted_at[row.target] = row
    pending = Counter(m.target_id for m in matches if not m.accepted)
    target_rows = []
    for target in network.targets.values():
        direct, warm = reach[target_node(target.id)]
        best, position, step, url = "", "", "", ""
        if direct:
            # the best contact is the one the Outreach sheet ranks first there, if any
            first = first_ranked.get(target.name)
            person = network.contacts[first if first in {r.contact_id for r in direct} else direct[0].contact_id]
            best, position = person.name, typed_position.get(person.id) or person.position
            scheduled = rank_of.get(outreach_key(person, target.name))
            # Only when scheduled: Best contact already says whom, and 5,000 cells cost write time.
            step = f"Write to {best} (rank {scheduled} in {OUTREACH})" if scheduled else ""
        elif warm:
            person = network.contacts[warm[0].reach.contact_id]
            friend = network.owners[owner_of_node(warm[0].friend)].name
            best, position = f"{person.name} (via {friend})", person.position
            step = f"Ask {friend} to introduce you to {person.name}"
        if not direct:
            url = people_search_url(target.name)
            if not warm:
                step = (f"Check {plural(pending[target.id], 'possible match', 'possible matches')} in the {REVIEW} sheet"
                        if pending[target.id] else
                        "Nobody you know works there yet: find people with the search link, "
                        "or look for them at a networking group")
        if target.name in acted_at and not (acted_at[target.name].stage == "not now" and step):
            # the statuses say where things stand
            step = next_step_after(acted_at[target.name], today)
        elif target.id in confidential:
            step = CURRENT_EMPLOYER
        hint = suggested.get(target.name)
        notes = (("Notes", target.notes),) if target.notes and hint is None else ()
        target_rows.append(TargetRow(target.name, target.priority, target.priority_text, len(direct),
                                     len(warm), best, position, step, url, notes + target.extra,
                                     hint.source if hint else "", confidential=target.id in confidential))
    # Suggestions the plan does not use (the user has a list of their own): listed to say yes to
    listed_names = {t.name for t in target_rows}
    waiting = []
    for name, hint in suggested.items():
        if name not in listed_names:
            waiting.append(TargetRow(
                name, hint.priority, "", 0, 0, "", "",
                f"Not in this plan, so nobody you know there is counted yet: type yes in {ACCEPT} (or run "
                f"outreach targets --accept \"{name}\") to make it a target, no to stop suggesting it",
                people_search_url(name), (),
                hint.source))
    waiting_from = len(target_rows)
    target_rows += waiting
    _note_applications(target_rows, asks, nobody, rank_of, through)

    review = _review_rows(matches)
    facts = {
        "contacts": _count(conn, "SELECT COUNT(DISTINCT person_key) FROM contacts WHERE owner_id = ?"
                           " AND removed_on IS NULL", (network.self_id,)),
        "friends": sum(1 for o in network.owners.values() if not o.is_self),
        "targets": waiting_from,
        "targets_direct": sum(1 for t in target_rows[:waiting_from] if t.contacts),
        "targets_warm_only": sum(1 for t in target_rows[:waiting_from] if not t.contacts and t.warm_paths),
        "targets_none": sum(1 for t in target_rows[:waiting_from] if not t.contacts and not t.warm_paths),
        "candidates": len(candidates),
        "planned": len(slots),
        "weeks": max((s.week for s in slots), default=0),
        "review_pending": sum(1 for r in review if not r.decision),
        "suggested": len(suggested),
        "suggested_in_plan": sum(1 for s in suggested.values() if s.in_plan),
        "referral_asks": len(asks),
        "applied_nobody": len(nobody),
        "week_one_over": overrun(slots, profile.messages_per_week) if asks else 0,
        "current_employer": len(confidential),
    }
    reached = Counter(c.target.name for c in candidates)
    top_reached = [(t.name, reached[t.name]) for t in network.targets.values() if reached[t.name]][:10]
    added = []
    for cells in (getattr(edits, "added_rows", None) or {}).get(OUTREACH, []):
        day = _day(cells.get(FOLLOW_UP))
        who = str(cells.get("Write to") or cells.get("Name") or "").strip()
        if day is not None and who:
            added.append((who, str(cells.get("Target") or "").strip(), _status(cells) or "to contact", day))
    return Plan(today, profile, rows, target_rows, review, facts, top_reached, added)


#: The Targets sheet's next step at the user's current employer.
CURRENT_EMPLOYER = ("your current employer (Positions.csv): people there are not written to about your "
                    "search; remove it from your targets, or write \"internal move\" in its Notes if "
                    "your employer may know")
#: Notes that say the user's employer may hear of the search: an internal move.
_INTERNAL = re.compile(r"(?i)\binternal(?:ly)?\b")


def confidential_targets(network: Network, typed: dict[str, dict[str, Any]]) -> set[int]:
    """Targets that are the user's current employer (Positions.csv with no end; the same
    employer by ``company_key``), unless the target's Notes (the targets file's, or a Notes
    cell on the Targets sheet) speak of an internal move."""
    current = network.current_employers
    if not current:
        return set()
    out = set()
    for target in network.targets.values():
        if company_key(target.name) not in current:
            continue
        notes = f"{target.notes} {(typed.get(target.name) or {}).get(NOTES) or ''}"
        if not _INTERNAL.search(notes):
            out.add(target.id)
    return out


def referral_asks(
    network: Network, candidates: list[Candidate], today: date, *,
    skip: Collection[str] = (), left_out: Collection[str] = (),
) -> tuple[list[tuple[Candidate, JobApplication]], list[JobApplication]]:
    """For each of the user's job applications of the last ``ASK_NOW_DAYS`` days (newest
    first), the best-placed person they know at that employer (``referral_rank``), one person
    per application; that candidate's contact then carries the application (``referral_for``).
    Returns the asks, and the applications where the user knows nobody.

    People the user already acted on (``skip``: their row's status) or deleted (``left_out``)
    are not asked again: an application with only them there is neither asked nor "nobody"."""
    recent = []
    for app in network.applications:
        day = parse_day(app.applied_on)
        if app.key and day is not None and 0 <= (today - day).days <= ASK_NOW_DAYS:
            recent.append(app)
    if not recent:
        return [], []
    at: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        key = network.employer_keys.get(c.contact.id, "")
        if c.via is None and key:
            at[key].append(c)
    asks: list[tuple[Candidate, JobApplication]] = []
    nobody: list[JobApplication] = []
    taken: set[int] = set()
    for app in recent:
        there = at.get(app.key, [])
        free = [c for c in there if id(c) not in taken and c.key not in left_out
                and person_of_outreach_key(c.key) not in skip]
        if not free:
            if not there:
                nobody.append(app)
            continue
        best = min(free, key=lambda c: (*referral_rank(c.contact, app.job_title, c.score), c.contact.id))
        taken.add(id(best))
        best.contact = best.contact._replace(referral_for=app)
        asks.append((best, app))
    return asks, nobody


def introductions_for(network: Network, candidates: list[Candidate],
                      nobody: list[JobApplication]) -> dict[str, Candidate]:
    """For each recent application where the user knows nobody, the best-placed person a friend
    who shared their export knows there (``referral_rank``), by employer key; that candidate's
    contact then carries the application (``referral_for``), for the introduction ask."""
    if not nobody:
        return {}
    at: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        key = network.employer_keys.get(c.contact.id, "")
        if c.via is not None and key:
            at[key].append(c)
    found: dict[str, Candidate] = {}
    for app in nobody:
        there = at.get(app.key)
        if not there or app.key in found:
            continue
        best = min(there, key=lambda c: (*referral_rank(c.contact, app.job_title, c.score), c.contact.id))
        best.contact = best.contact._replace(referral_for=app)
        found[app.key] = best
    return found


def _note_applications(rows: list[TargetRow], asks: list[tuple[Candidate, JobApplication]],
                       nobody: list[JobApplication], rank_of: dict[str, int],
                       through: dict[str, Candidate] | None = None) -> None:
    """The Targets sheet's Applied cell: each recent application at the row's employer, and the
    referral ask for it, or the introduction a friend could make there (``through``), or that
    the user knows nobody there. An employer with no row gets one."""
    by_key: dict[str, TargetRow] = {}
    for row in rows:
        by_key.setdefault(company_key(row.name), row)
    lines: dict[str, list[str]] = defaultdict(list)
    for c, app in asks:
        rank = rank_of.get(c.key)
        lines[app.key].append(f"{_applied(app)}: ask {c.contact.name} for a referral"
                              + (f" (rank {rank} in {OUTREACH}, week 1)" if rank else ""))
    for app in nobody:
        via = (through or {}).get(app.key)
        if via is not None and via.via is not None:
            rank = rank_of.get(via.key)
            lines[app.key].append(
                f"{_applied(app)}: you know nobody there yourself; {via.via.name} knows {via.contact.name}"
                f" — ask for an introduction" + (f" (rank {rank} in {OUTREACH})" if rank else ""))
            continue
        lines[app.key].append(f"{_applied(app)}: you know nobody there yet — look for a 2nd-degree "
                              "contact or the hiring manager")
    for key, said in lines.items():
        found = by_key.get(key)
        if found is None:
            unknown = next((a for a in nobody if a.key == key), None)
            if unknown is None:
                continue
            found = by_key[key] = TargetRow(unknown.company, 0.0, "", 0, 0, "", "", "",
                                            people_search_url(unknown.company))
            rows.append(found)
        found.applied = "\n".join(said)


def _applied(app: JobApplication) -> str:
    day = parse_day(app.applied_on)
    return f"applied {day_month(day) if day else app.applied_on} for {app.job_title or 'a role'}"


def _reply_seen(person: Contact | None, mine: dict[str, Any], shown: dict[str, Any],
                gap: timedelta) -> str:
    """"Jana wrote back on 20 Nov" when the user marked the row contacted and the history now
    ends with a message from them, newer than what the plan showed last time (its Last contact,
    else the contact day: the follow-up date less the gap); "" otherwise."""
    if person is None or status_meaning(_status(mine)) != "contacted" or person.last_from != "them":
        return ""
    received = parse_day(person.last_received_at)
    if received is None:
        return ""
    before = _day(shown.get("Last contact"))
    if before is None:
        follow = _day(mine.get(FOLLOW_UP)) or _day(shown.get(FOLLOW_UP))
        before = follow - gap if follow else None
    if before is None or received <= before:
        return ""
    first = person.first_name or person.name
    return f"{first} wrote back on {day_month(received)}"


def _why(talk: Conversation, held: str, invited: dict[str, str] | None = None) -> str:
    """The row's reason: the lead candidate's, the others an ask covers, and any hold-back;
    for an introduction to someone the user invited to connect, that the invitation is pending."""
    why = talk.lead.why
    if talk.kind == "intro":
        lead = talk.lead
        others = [f"{c.contact.name} at {c.target.name}" for c in talk.about[1:]]
        why = (f"{talk.write_to} can introduce you to {lead.contact.name}, {lead.contact.position or 'who works'} "
               f"at {lead.target.name} ({priority_phrase(lead.target)})"
               + (f", and to {' and '.join(others)}" if others else "") + ".")
        if talk.also_friend_of:
            why += f" {talk.write_to} also works at {talk.also_friend_of}, one of your targets."
        for person, app in talk.applications:
            day = parse_day(app.applied_on)
            why += (f" You applied for {app.job_title or 'a role'} at {app.company}"
                    + (f" on {day_month(day)}" if day else "")
                    + (f" ({app.job_url})" if app.job_url else "")
                    + f" and know nobody there yourself: {person.name} could refer you or point you"
                    " to the hiring manager.")
        pending = [c.contact for c in talk.about if c.contact.person_key in (invited or {})]
        for person in pending:
            sent = parse_day((invited or {})[person.person_key])
            why += (f" You invited {person.name} to connect" + (f" on {day_month(sent)}" if sent else "")
                    + ": the invitation is pending, so this is not yet a connection of yours.")
    if held:
        why = why.rstrip(".") + f"; {held}."
    return why


def _suggested_why(why: str, hint: TargetSuggestion | None) -> str:
    """A row at a suggested target says so first: the user never chose that target."""
    return f"{hint.reason}. {why}" if hint is not None and hint.in_plan else why


def _progress(row: OutreachRow | None) -> int:
    """How far along a row is, to pick the one a target's next step speaks of."""
    order = ("not now", "", "contacted", "replied", "referred", "meeting")
    return -1 if row is None or row.stage not in order else order.index(row.stage)


def next_step_after(row: OutreachRow, today: date) -> str:
    """The Targets sheet's next step once the user has acted on ``row`` (by its status)."""
    first = row.name.split()[0] if row.name.split() else row.name
    when = ""
    if row.follow_up is not None:
        when = (f" (overdue since {day_month(row.follow_up)})" if row.follow_up < today
                else f" on {day_month(row.follow_up)}")
    return {
        "contacted": f"Wait for {first}'s reply; follow up{when}",
        "replied": f"{first} replied: follow up{when}",
        "meeting": f"Meeting with {first}: prepare, then follow up{when}",
        "referred": f"{first} referred you: follow up on the referral{when}",
        "not now": f"{first}: not now; try someone else or later",
    }.get(row.stage, f"{first}: {row.status}; follow up{when}")


def day_month(day: date) -> str:
    """"12 Nov": a date in a sentence of the plan."""
    return f"{day.day} {day:%b}"


def _review_rows(matches: list[Match]) -> list[ReviewRow]:
    groups: dict[tuple[str, str], list[Match]] = defaultdict(list)
    for m in matches:
        if m.tier == "review":
            groups[(m.company, m.target)].append(m)
    rows = []
    for (company, target), ms in groups.items():
        best = max(ms, key=lambda m: m.score)
        rows.append(ReviewRow(company, target, best.score, len(ms),
                              "accept" if any(m.accepted for m in ms) else "", best.reason))
    rows.sort(key=lambda r: (r.decision != "", -r.similarity, r.target, r.company))
    return rows


def _count(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> int:
    return int(conn.execute(sql, params).fetchone()[0])


def _day(value: Any) -> date | None:
    """A date from an ISO string, a date or a datetime (as read back from a workbook)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_day(value) if isinstance(value, str) else None


__all__ = [
    "CURRENT_EMPLOYER",
    "DEFAULT_TOP",
    "IN_PROGRESS",
    "STATUSES",
    "STATUS_WORDS",
    "OutreachRow",
    "Plan",
    "PlanError",
    "PlanOptions",
    "ReviewRow",
    "TargetRow",
    "apply_review_decisions",
    "build_plan",
    "check_ready",
    "confidential_targets",
    "day_month",
    "next_step_after",
    "people_search_url",
    "status_meaning",
    "typed_review_decisions",
]
