"""Invented message threads and invitations in LinkedIn's 2024 export shapes.

``Conversations`` collects messages (1:1 threads in either or both directions, group threads,
drafts, InMail, spam) and turns them into messages.csv rows, newest first as LinkedIn writes
them. The text is generic job-search small talk; names and companies come from the caller.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from outreach.sample.people import Person, invitation_time_text, message_time_text

MESSAGE_HEADER = (
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
)
INVITATION_HEADER = ("From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                     "inviteeProfileUrl")

ROLES = ("Data Engineer II", "Senior Data Engineer", "Analytics Engineer", "Data Platform Engineer")

# First messages, by who writes and why. {first}: the reader's first name; {me}: the writer's;
# {company}: the contact's employer; {role}: an opening.
OPENERS = {
    "catchup_me": (
        "Hey {first}! Long time no talk. How are things at {company}?",
        "Hi {first}, hope you're doing well! Saw your post about moving to dbt, congrats on shipping it.",
        "Hi {first},\n\nI was laid off from Bazaarvoice in September and I'm looking for my next data "
        "engineering role. Would you have 15 minutes in the next couple of weeks to catch up?\n\n"
        "Thanks,\n{me}",
        "Are you going to the Austin Data Engineering meetup on Thursday?",
    ),
    "catchup_them": (
        "Hey {first}, saw you're open to work. Anything I can do to help?",
        "Hi {first}! Great running into you at the meetup last night.",
        "{first}! Are you still in Austin? We should grab tacos soon.",
        "Thanks for accepting my invite, {first}. Loved your talk on data contracts.",
    ),
    "recruiter_them": (
        "Hi {first},\n\nI'm a recruiter at {company} and your background in data pipelines caught my "
        "eye. We're hiring a {role} for our Austin team. Would you be open to a quick call this "
        "week?\n\nBest,\n{me}",
        "Hi {first}, I'm hiring for a {role} role (hybrid, Austin). Your Airflow and Spark "
        "experience looks like a great fit. Interested?",
        "Hello {first} - we have a {role} opening at {company}, fully remote, and I think you'd be "
        "a strong match. Do you have time for a 20-minute intro call?",
    ),
    "outreach_me": (
        "Hi {first}, I noticed you work on the data team at {company}. I'm a data engineer in Austin "
        "exploring roles there. Would you be open to a short chat about your experience?",
        "Hi {first}, thank you for connecting! I'm applying for the {role} opening at {company}. "
        "Would you be willing to share what the team looks for?",
        "Hi {first}, I'm a data engineer (Python, SQL, Airflow, 6 years) looking at {company}. If "
        "you're open to it, I'd be grateful for 15 minutes of your time.",
    ),
    "congrats_me": (
        "Congrats on the new role at {company}, {first}! 🎉",
        "Hi {first}, congrats on joining {company}! How are the first weeks going? I'm exploring "
        "opportunities there myself and would love to hear about it.",
    ),
    "spam_them": (
        "Hi {first}, we help data leaders 10x their pipelines with vetted offshore talent. Worth a "
        "quick chat?",
    ),
    "group": (
        "Adding everyone to one thread so we can plan the next meetup.",
        "Hi all, who's in for the hackathon next month?",
        "Starting a thread for our study group - first session Tuesday at 6:30?",
    ),
}
REPLIES = {
    "me": (
        "Thanks so much, that's really helpful!", "Sounds great. Does Tuesday at 2 pm work?",
        "Happy to! Here's my resume: https://example.com/alex-moreno-resume.pdf",
        "Thank you! I just applied through the careers page and mentioned your name.",
        'Ha, yes. "Ship it, then iterate," as you always said.', "Would love that. Next week?",
        "Thanks for the intro, really appreciate it!", "Yes, I'm still looking. Open to hybrid or remote.",
        "Thanks for thinking of me! Could you send the job description?",
    ),
    "them": (
        "Of course! Happy to refer you, send me the job ID.",
        "Sure, let's find a time. I'm free Thursday afternoon.",
        "Good to hear from you! Things are busy but good.",
        "Let me check with the hiring manager and get back to you.",
        "Just submitted the referral, you should get an email from our recruiting team.",
        "Sorry for the slow reply! Crazy week.", "Sounds good 👍", "Yes! See you there.",
        "We're not hiring on my team right now, but I'll keep an eye out.",
    ),
    "group": (
        "Who's bringing the projector?", "Slides are up on the meetup page.",
        "Can everyone make the 6:30 start?", "Thanks all, great turnout last night!",
        "I can host next month.", "Pizza or tacos?", "Running 10 min late, save me a seat",
        "Here's the repo: https://example.com/hackathon-repo",
    ),
}
# Second and later messages in a thread nobody answered.
FOLLOW_UPS = {
    "me": ("Just bumping this up in case it got buried!",
           "Hi {first}, following up on my note above. No worries if now isn't a good time."),
    "them": ("Hi {first}, just following up on my message - still interested in chatting?",
             "Checking in once more, {first}. The role closes Friday."),
}
GROUP_TITLES = ("", "", "Austin Data Engineering Meetup - organizers", "Bazaarvoice data alumni",
                "dbt study group", "Hackathon team 🚀", "")


@dataclass(frozen=True)
class Message:
    conversation: str
    title: str
    sender: Person
    recipients: tuple[Person, ...]
    at: datetime
    content: str
    subject: str = ""
    folder: str = "INBOX"
    draft: bool = False
    conversation_draft: bool = False


class Conversations:
    """Collects invented messages between ``me`` and others, up to ``until``."""

    def __init__(self, rng: random.Random, me: Person, until: datetime) -> None:
        self.rng = rng
        self.me = me
        self.until = until
        self.messages: list[Message] = []

    def conversation_id(self) -> str:
        # LinkedIn's IDs are "2-" + base64 of a UUID with a suffix, e.g. "2-NTg3YjNm...XzAxMA==".
        raw = format(self.rng.getrandbits(128), "032x")
        uuid = f"{raw[:8]}-{raw[8:12]}-4{raw[13:16]}-a{raw[17:20]}-{raw[20:]}_010"
        return "2-" + base64.b64encode(uuid.encode()).decode()

    def _text(self, template: str, reader: Person, writer: Person, company: str) -> str:
        # "Meta Platforms, Inc." would end a sentence with two full stops.
        return template.format(first=reader.first, me=writer.first,
                               company=company.rstrip(".") or "your company",
                               role=self.rng.choice(ROLES))

    def _choose(self, options: Sequence[str], last: str) -> str:
        """A template, not the same as the previous message's (real threads rarely repeat)."""
        choice = self.rng.choice(options)
        return self.rng.choice(options) if choice == last else choice

    def _step(self, at: datetime, quick: bool = False) -> datetime:
        minutes = self.rng.randrange(3, 600) if quick else self.rng.randrange(20, 60 * 24 * 9)
        return at + timedelta(minutes=minutes, seconds=self.rng.randrange(60))

    def one_to_one(self, other: Person, start: datetime, count: int, pattern: str = "both",
                   opener: str = "catchup_me", subject: str = "", folder: str = "INBOX",
                   conversation: str | None = None) -> str:
        """A thread with one other person. pattern: 'both', 'outgoing' (no reply), 'incoming'.

        Pass ``conversation`` to continue an earlier thread (LinkedIn keeps one per pair).
        """
        rng, me = self.rng, self.me
        if pattern != "both":
            count = min(count, 2)  # unanswered: a message and at most one follow-up
        conv, at, template = conversation or self.conversation_id(), start, ""
        from_me = opener.endswith("_me") if pattern == "both" else pattern == "outgoing"
        for index in range(count):
            if at > self.until:
                break
            writer, reader = (me, other) if from_me else (other, me)
            side = "me" if from_me else "them"
            if index == 0:
                template = rng.choice(OPENERS[opener])
            elif pattern == "both":
                template = self._choose(REPLIES[side], template)
            else:
                template = self._choose(FOLLOW_UPS[side], template)
            content = self._text(template, reader, writer, other.company)
            self.messages.append(Message(conv, "", writer, (reader,), at, content,
                                         subject if index == 0 else "", folder))
            if pattern == "both" and (rng.random() < 0.75 or index == 0):
                from_me = not from_me
            at = self._step(at, quick=rng.random() < 0.6)
        return conv

    def group(self, people: Sequence[Person], start: datetime, count: int) -> str:
        """A group thread: ``me`` and two or more others. Never 1:1 contact."""
        rng = self.rng
        conv, title, at, template = self.conversation_id(), rng.choice(GROUP_TITLES), start, ""
        members = (self.me, *people)
        for index in range(count):
            if at > self.until:
                break
            writer = members[0] if index == 0 and rng.random() < 0.5 else rng.choice(members)
            readers = tuple(p for p in members if p is not writer)
            key = "group"
            template = rng.choice(OPENERS[key]) if index == 0 else self._choose(REPLIES[key], template)
            self.messages.append(Message(conv, title, writer, readers, at,
                                         self._text(template, readers[0], writer, "")))
            at = self._step(at, quick=rng.random() < 0.8)
        return conv

    def draft(self, other: Person, at: datetime, conversation: str | None = None) -> None:
        """An unsent message from ``me``; a new conversation draft when no thread is given."""
        new = conversation is None
        text = self._text(self.rng.choice(OPENERS["outreach_me"]), other, self.me, other.company)
        self.messages.append(Message(conversation or self.conversation_id(), "", self.me, (other,),
                                     at, text, draft=True, conversation_draft=new))

    def rows(self) -> list[list[str]]:
        """messages.csv rows, newest first (ties keep insertion order)."""
        ordered = sorted(enumerate(self.messages), key=lambda item: (item[1].at, -item[0]),
                         reverse=True)
        return [
            [m.conversation, m.title, m.sender.name, m.sender.url,
             ", ".join(p.name for p in m.recipients), ",".join(p.url for p in m.recipients),
             message_time_text(m.at), m.subject, m.content, m.folder,
             "Yes" if m.draft else "No", "Yes" if m.conversation_draft else "No"]
            for _, m in ordered
        ]


INVITE_NOTES = (
    "Hi {first}, I'm a data engineer in Austin and admire the work your team does at {company}. "
    "Would love to connect!",
    "Hi {first} - we met at the Austin Data Engineering meetup. Let's stay in touch!",
    "Hi {first}, Dana Whitfield suggested I reach out. I'd love to learn about {company}.",
    "Hello {first}, I'm recruiting for data roles and would like to add you to my network.",
)


def invitation_row(rng: random.Random, sender: Person, receiver: Person, at: datetime,
                   outgoing: bool, with_note: bool) -> list[str]:
    """One Invitations.csv row. Notes are optional and short, as LinkedIn limits them."""
    note = ""
    if with_note:
        template = rng.choice(INVITE_NOTES[:3] if outgoing else INVITE_NOTES[3:])
        note = template.format(first=receiver.first, company=receiver.company or sender.company)
    return [sender.name, receiver.name, invitation_time_text(at), note,
            "OUTGOING" if outgoing else "INCOMING", sender.url, receiver.url]
