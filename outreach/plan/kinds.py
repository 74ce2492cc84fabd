"""What a plan row's message is for, from the history the import kept: its kind, and the truth
about that history in words.

Kinds, first that applies:

- ``intro``: a friend who shared their export knows them: the message goes to the friend;
- ``reply``: they wrote last and the user has not answered (a recruiter's inbound note first);
- ``referral``: they offered help or a referral in a message (``offered_help_at``), or they work
  where the user applied lately (``APPLIED_DAYS``; the same employer by ``company_key``): the
  best person to ask for a referral for that role;
- ``congrats``: they moved to another employer lately; ``promotion``: a higher title at the same
  employer (a sideways or lower title is no news);
- ``follow_up``: the user wrote and never had an answer: the next message follows up;
- ``recruiter``: their title says so (however well the user knows them);
- ``friend``: a strong tie, written to lately; ``reconnect``: a strong tie gone quiet;
- ``senior``, ``peer``: cold or lukewarm, by what their title says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from outreach.companies.names import display_name
from outreach.plan.network import Contact, JobChange
from outreach.plan.reach import parse_day
from outreach.plan.titles import read_title, related_function, same_role
from outreach.wording import plural

KINDS = ("reply", "referral", "intro", "congrats", "promotion", "follow_up", "friend", "reconnect",
         "recruiter", "senior", "peer")
#: A job change or promotion seen this recently is news worth a message.
NEWS_DAYS = 183
#: An offer of help older than this is not a standing offer.
OFFER_DAYS = 365
#: This many messages, at least three each way, make a friend rather than a contact.
FRIEND_MESSAGES = 8
#: Their unanswered message is one to reply to only this long; older, it is history ("Of
#: course!" in 2019 wants no "sorry to be slow to answer").
REPLY_DAYS = 60
#: Written to within this many days: a friend; longer ago, someone to reconnect with.
QUIET_DAYS = 183
#: A job application this recent is one a referral can still help.
APPLIED_DAYS = 120
#: A job application this recent gets a referral ask in the plan's first week: the best-placed
#: person the user knows at that employer (``referral_rank``).
ASK_NOW_DAYS = 30


@dataclass(frozen=True)
class History:
    """One person's 1:1 history with the user, as facts."""

    sent: int
    received: int
    last_sent: date | None
    last_received: date | None
    last_from: str | None  # "owner" | "them" | None
    unanswered: int
    offered: date | None  # their latest offer of help

    @property
    def total(self) -> int:
        return self.sent + self.received

    @property
    def awaiting_reply(self) -> bool:
        """They wrote last and the user has not answered."""
        return self.last_from == "them" and self.received > 0

    def reply_due(self, today: date) -> bool:
        """They wrote last, lately: a message to answer (not an old "Anytime.")."""
        return self.awaiting_reply and self.last_received is not None and \
            (today - self.last_received).days <= REPLY_DAYS

    @property
    def last(self) -> date | None:
        days = [d for d in (self.last_sent, self.last_received) if d]
        return max(days) if days else None


def history_of(contact: Contact) -> History:
    return History(
        contact.messages_sent, contact.messages_received, parse_day(contact.last_sent_at),
        parse_day(contact.last_received_at), contact.last_from, contact.unanswered,
        parse_day(contact.offered_help_at),
    )


def recent_change(contact: Contact, today: date) -> JobChange | None:
    """Their latest move to another employer, or promotion to a higher title at the same one,
    when it is news (seen in the last six months); a sideways or lower title is not."""
    change = contact.job_change
    seen = parse_day(change.seen_on) if change else None
    if change is None or seen is None or (today - seen).days > NEWS_DAYS:
        return None
    if change.kind == "promotion" and not is_promotion(change.old_position, change.new_position):
        return None
    return change


def is_promotion(old: str, new: str) -> bool:
    """Whether the new title is a level above the old one (Product Manager -> Senior Product
    Manager), not a new team (Product Manager, Payments -> Product Manager, Growth)."""
    return read_title(new).level > read_title(old).level


def proven_strong(contact: Contact) -> bool:
    """A strong tie by the user's export: a recommendation either way, or a shared employer."""
    ties = contact.ties
    return ties is not None and (ties.recommendation or ties.colleague is not None)


def is_friend(contact: Contact) -> bool:
    """A friend by the messages (``FRIEND_MESSAGES``, three each way) or by the export."""
    h = history_of(contact)
    return h.total >= FRIEND_MESSAGES and min(h.sent, h.received) >= 3 or proven_strong(contact)


def hiring_side(position: str, job_title: str) -> bool:
    """Whether ``position`` reads as the hiring side of ``job_title``: someone who manages
    people, above the job's level, in its function (or a close one), or naming the job's team:
    "Engineering Manager, Data Platform" for "Senior Data Engineer, Data Platform"."""
    title, job = read_title(position), read_title(job_title)
    if not job_title or not title.manages or title.recruiter or title.level <= job.level:
        return False
    if related_function(title, job_title):
        return True
    team = _team(job_title)
    return bool(team) and f" {team} " in f" {' '.join(_TEAM_WORDS.findall(position.casefold()))} "


_TEAM_WORDS = re.compile(r"[^\W_]+")


def _team(job_title: str) -> str:
    """The team a job title names after its occupation: "Senior Data Engineer, Data Platform"
    -> "data platform"; "" when it names none."""
    _, sep, rest = job_title.partition(",")
    return " ".join(_TEAM_WORDS.findall(rest.casefold())) if sep else ""


def referral_rank(contact: Contact, job_title: str, score: float) -> tuple[int, int, float, float]:
    """How well placed a contact is to refer the user for ``job_title`` (smaller is better): a
    friend or a colleague before a cold contact; someone in the team or function of the job, or
    on its hiring side (``hiring_side``), before others; then the higher title, then the plan's
    score, only when nothing else separates them."""
    title = read_title(contact.position)
    team = 0 if job_title and (same_role(title, job_title) or related_function(title, job_title)
                               or hiring_side(contact.position, job_title)) else 1
    return (0 if is_friend(contact) else 1, team, -title.level, -score)


def recent_application(contact: Contact, today: date) -> tuple[str, date] | None:
    """The user's application at their employer, (job title, day), when it is recent enough
    for a referral to help (``APPLIED_DAYS``); the one the plan asks them about, if any."""
    applied = contact.applied
    if contact.referral_for is not None:
        applied = (contact.referral_for.job_title, contact.referral_for.applied_on)
    day = parse_day(applied[1]) if applied else None
    if applied is None or day is None or not 0 <= (today - day).days <= APPLIED_DAYS:
        return None
    if contact.referral_for is None and (today - day).days <= ASK_NOW_DAYS:
        # the plan asks one person, the best placed, for a referral to a job of the last 30
        # days (``referral_asks``): a second ask for the same job would be one too many
        return None
    return applied[0], day


def offered_lately(contact: Contact, today: date) -> bool:
    """They offered help or a referral within ``OFFER_DAYS``: a standing offer."""
    offered = history_of(contact).offered
    return offered is not None and (today - offered).days <= OFFER_DAYS


def contact_kind(contact: Contact, role_kind: str, today: date, *, via: bool = False,
                 applied: str = "") -> str:
    """The row's kind for one person (see the module docstring). ``applied``: the job title
    of the user's recent application at their employer (``recent_application``), if any."""
    if via:
        return "intro"
    if contact.referral_for is not None:  # the plan asks them about a recent application
        return "referral"
    history = history_of(contact)
    # a friend: a real back-and-forth, not one question answered; or a tie the export proves
    strong = history.total >= FRIEND_MESSAGES and min(history.sent, history.received) >= 3 \
        or proven_strong(contact)
    if history.reply_due(today):  # an offer of help among their unanswered messages is taken up
        offered_last = history.offered and history.last_received and history.offered >= history.last_received
        if offered_last:
            return "referral"
        if not strong:  # a friend's "thanks for hosting!" wants no apology: a friend's message
            return "reply"
    if history.offered and (today - history.offered).days <= OFFER_DAYS:
        return "referral"
    if applied:  # they work where the user applied lately: the one to ask for a referral
        return "referral"
    change = recent_change(contact, today)
    if change is not None:
        return "promotion" if change.kind == "promotion" else "congrats"
    if history.awaiting_reply and not strong:  # they wrote long ago, heard nothing: get back in touch
        return "reconnect"
    if history.sent and not history.received and history.last_sent and \
            (today - history.last_sent).days <= OFFER_DAYS:  # an older note is not followed up
        return "follow_up"
    if role_kind == "recruiter":  # a recruiter's tie is their work: write as to a recruiter
        return "recruiter"
    if strong:
        last = history.last
        return "friend" if last and (today - last).days <= QUIET_DAYS else "reconnect"
    if role_kind == "recruiter":
        return "recruiter"
    return "senior" if role_kind in ("hiring_manager", "senior") else "peer"


def when(day: date, today: date) -> str:
    """"on 1 Oct" this year, "on 3 Sep 2025" within a year or so, "in 2020" before."""
    if day.year == today.year:
        return f"on {day.day} {day:%b}"
    if (today - day).days <= 550:
        return f"on {day.day} {day:%b} {day.year}"
    return f"in {day.year}"


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def history_phrase(contact: Contact, today: date) -> str:
    """The history in words, never more than it is: "you wrote once in 2020, no reply";
    "they wrote last on 1 Oct: you have not replied"; "you have exchanged 14 messages, the last
    on 3 Sep"; "" with no messages."""
    h = history_of(contact)
    if not h.total:
        return ""
    if h.reply_due(today):
        day = h.last_received
        waiting = f"they wrote last{' ' + when(day, today) if day else ''}: you have not replied"
        return waiting if h.sent else f"they wrote to you{' ' + when(day, today) if day else ''}: you have not replied"
    if not h.received:
        day = h.last_sent
        if h.sent == 1:
            return f"you wrote once{' ' + when(day, today) if day else ''}, no reply"
        return f"you wrote {times(h.sent)}{', the last ' + when(day, today) if day else ''}, no reply"
    last = h.last
    said = f"you have exchanged {plural(h.total, 'message')}"
    return said + (f", the last {when(last, today)}" if last else "")


def change_phrase(change: JobChange) -> str:
    """"moved from Acme to Globex" or "promoted to Senior PM"."""
    if change.kind == "promotion":
        return f"promoted to {change.new_position}" if change.new_position else "promoted"
    if not change.old_company.strip():
        return f"started at {display_name(change.new_company)}"
    return f"moved from {display_name(change.old_company)} to {display_name(change.new_company)}"


__all__ = [
    "ASK_NOW_DAYS",
    "KINDS",
    "History",
    "change_phrase",
    "contact_kind",
    "history_of",
    "hiring_side",
    "history_phrase",
    "is_friend",
    "proven_strong",
    "referral_rank",
    "offered_lately",
    "recent_application",
    "recent_change",
    "times",
    "when",
]
