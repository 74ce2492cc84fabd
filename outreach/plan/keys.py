"""Row keys of the plan's sheets: what identifies a row from one weekly plan to the next, so that
what the user typed follows the row. One builder and one parser for each kind of key; nothing
else writes or takes apart a key.

- Outreach: ``"<person> | <target>"``, the person being the profile URL (as normalised on
  import) or, without one, the person key; for an ask to a friend (introductions to several
  people), ``"<friend> | introductions"``. Split at the last " | ": a weak person key holds the
  name, and LinkedIn names do hold "|" ("Ada Lovelace | Data"), target names rarely.
- Review: ``"<company> → <target>"``, both as written.
"""

from __future__ import annotations

from typing import Any

from outreach.plan.network import Contact

_OUTREACH = " | "
INTRODUCTIONS = "introductions"
_REVIEW = " → "


def person_id(contact: Contact) -> str:
    """The person part of an outreach key."""
    return contact.profile_url or contact.person_key


def outreach_key(contact: Contact, target: str) -> str:
    return f"{person_id(contact)}{_OUTREACH}{target}"


def friend_key(friend_name: str, contact: Contact | None) -> str:
    """The key of the one row asking a friend for introductions."""
    person = person_id(contact) if contact is not None else f"friend {friend_name}"
    return f"{person}{_OUTREACH}{INTRODUCTIONS}"


def outreach_key_from_cells(profile: Any, target: Any, *, introductions: bool = False) -> str | None:
    """An Outreach row's key from its Profile and Target cells (``introductions`` for an ask to a
    friend), for a sheet that lost its Key column; None for a person without a profile link
    (their key is not shown anywhere else)."""
    profile = profile[0] if isinstance(profile, tuple) else profile
    if not isinstance(profile, str) or not profile.strip() or target is None:
        return None
    return f"{profile.strip()}{_OUTREACH}{INTRODUCTIONS if introductions else str(target).strip()}"


def person_of_outreach_key(key: str) -> str:
    """'www.linkedin.com/in/ada | Acme' -> 'www.linkedin.com/in/ada'."""
    return key.rpartition(_OUTREACH)[0]


def review_key(company: str, target: str) -> str:
    return f"{company}{_REVIEW}{target}"


def parse_review_key(key: str) -> tuple[str, str] | None:
    """'Loop → Loopio' -> ('Loop', 'Loopio'); None for a key that is not a review key."""
    company, sep, target = key.rpartition(_REVIEW)
    return (company, target) if sep else None
