"""One person, one conversation: the plan's rows as the messages the user will send.

A candidate is one person at one target (``outreach.plan.scoring``). A conversation is whom to
write to and what about: the person themselves, or, for introductions, the friend who shared
their export, with every person that friend could introduce the user to in one ask ("could you
introduce me to Paula at Homebot and Sam at Guild?"). A friend who is also a candidate of their
own is written to once: the ask covers both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from outreach.companies.names import display_name
from outreach.plan.keys import friend_key, person_id
from outreach.plan.kinds import contact_kind, recent_application
from outreach.plan.network import Contact, JobApplication, Network, Target
from outreach.plan.scoring import Candidate, Via
from outreach.wording import listed

#: People named in one ask to a friend: more reads as a list, not a favour.
PEOPLE_PER_ASK = 3


@dataclass
class Conversation:
    """One row of the plan: whom to write to, about whom, and why."""

    lead: Candidate  # the best candidate: the row's target, score and schedule
    intro: bool  # an ask to a friend (``kind`` "intro")
    key: str  # the row key across plans (``outreach.plan.keys``)
    write_to: str  # the person's name
    write_to_url: str  # their LinkedIn profile, "" when not known
    writer: Contact | None  # the contact row written to (None: a friend not among the contacts)
    about: list[Candidate] = field(default_factory=list)  # for introductions: whom, best first
    also_friend_of: str = ""  # the friend's own target, when the friend is a candidate too

    # what ``outreach.plan.schedule`` needs of a row
    @property
    def score(self) -> float:
        return self.lead.score

    @property
    def target(self) -> Target:
        return self.lead.target

    @property
    def via(self) -> Via | None:
        return self.lead.via

    @cached_property
    def kind(self) -> str:
        """``outreach.plan.kinds.KINDS``; worked out only for the rows the plan keeps."""
        c = self.lead
        if self.intro:
            return "intro"
        applied = recent_application(c.contact, c.today)
        return contact_kind(c.contact, c.role.kind, c.today,
                            applied=(applied[0] or "a role") if applied else "")

    @property
    def people(self) -> str:
        """Whom a friend could introduce the user to: "Paula Ruiz at Homebot and Sam Lee at Guild"."""
        named = [f"{c.contact.name or 'someone'} at {display_name(c.target.name)}" for c in self.about]
        if len(named) <= 1:
            return named[0] if named else ""
        return ", ".join(named[:-1]) + " and " + named[-1]

    @property
    def applications(self) -> list[tuple[Contact, JobApplication]]:
        """For introductions: the people named whom the plan asks about one of the user's recent
        job applications (where the user knows nobody), with that application."""
        return [(c.contact, c.contact.referral_for) for c in self.about
                if self.intro and c.contact.referral_for is not None]

    @property
    def about_text(self) -> str:
        """The About cell: "Paula Ruiz (Homebot), Sam Lee (Guild)"; "" for a direct row."""
        return listed([f"{c.contact.name} ({c.target.name})" for c in self.about], PEOPLE_PER_ASK)


def conversations(candidates: list[Candidate], network: Network) -> list[Conversation]:
    """Candidates (best first) as conversations (best first), each person written to once."""
    friend_rows: dict[int, Conversation] = {}
    out: list[Conversation] = []
    for c in candidates:
        if c.via is None:
            out.append(Conversation(c, False, c.key, c.contact.name, c.contact.profile_url or "", c.contact))
            continue
        ask = friend_rows.get(c.via.owner_id)
        if ask is None:
            writer = _friend_contact(network, c.via.owner_id)
            ask = friend_rows[c.via.owner_id] = Conversation(
                c, True, friend_key(network.owners[c.via.owner_id].name, writer), c.via.name,
                (writer.profile_url or "") if writer else "", writer, [c])
            out.append(ask)
        elif len(ask.about) < PEOPLE_PER_ASK:
            ask.about.append(c)
        elif c.contact.referral_for is not None:
            # someone to ask about a recent application is named whatever their score: in
            # place of the last person named without one
            plain = [i for i, a in enumerate(ask.about) if i and a.contact.referral_for is None]
            if plain:
                ask.about[plain[-1]] = c
    # A friend who is a candidate too is written to once: the ask, which names their target.
    asked = {person_id(a.writer): a for a in friend_rows.values() if a.writer is not None}
    kept = []
    for row in out:
        if not row.intro and person_id(row.lead.contact) in asked:
            asked[person_id(row.lead.contact)].also_friend_of = row.target.name
            continue
        kept.append(row)
    return kept


def _friend_contact(network: Network, owner_id: int) -> Contact | None:
    contact_id = network.friend_contacts.get(owner_id)
    return network.contacts.get(contact_id) if contact_id is not None else None


__all__ = ["PEOPLE_PER_ASK", "Conversation", "conversations"]
