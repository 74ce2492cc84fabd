"""Whose export it is: the user's own, or a friend's who shared it (``--owner``).

The user's LinkedIn identity is learned from their own export's messages or invitations and kept
on the owners table (``linkedin_name``, ``linkedin_key``). An export that lists the user among its
connections, or whose messages are someone else's, is a friend's and is refused without
``--owner``; ``--owner`` naming the user is refused. Owners are compared by
``outreach.identity.owner_key``: a friend given as a URL in any form, or a name in any case, is one
owner.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from outreach.errors import InputError
from outreach.identity import NAME_KEY_PREFIX, normalise_name, owner_key
from outreach.profile import load_profile

if TYPE_CHECKING:
    from outreach.imports.linkedin.connections import Connection
    from outreach.imports.linkedin.export import LinkedInExport

#: The user's own owner row; friends who shared an export get the others.
SELF_OWNER_ID = 1


@dataclass(frozen=True)
class Identity:
    """Who the user is on LinkedIn, as far as their own imports have shown it."""

    name: str  # as LinkedIn writes it; '' while unknown
    url_key: str | None  # their normalised profile URL, once an export has shown it
    also_named: str = ""  # the name in their profile (outreach profile --name)

    @property
    def known(self) -> bool:
        return bool(self.name or self.url_key)

    def is_them(self, key: str | None, name: str) -> bool | None:
        """Is (person key, name) the user? The same profile URL or the same name is; None when
        nothing can be compared."""
        if not self.known or not (key or name.strip()):
            return None
        if key and key == self.url_key:
            return True
        return bool(self.name) and normalise_name(name) == normalise_name(self.name)

    def is_contact(self, person: Connection) -> bool:
        """Is this connection the user? By profile URL when both have one, else by full name."""
        if self.url_key and person.profile_url:
            return person.person_key == self.url_key
        return bool(self.name) and normalise_name(f"{person.first_name} {person.last_name}") == normalise_name(self.name)


def user_identity(conn: sqlite3.Connection) -> Identity:
    row = conn.execute("SELECT linkedin_name, linkedin_key FROM owners WHERE id = ?", (SELF_OWNER_ID,)).fetchone()
    name, key = (str(row[0] or ""), row[1]) if row else ("", None)
    url_key = key if key and not key.startswith(NAME_KEY_PREFIX) else None
    return Identity(name, url_key, load_profile(conn).name.strip())


def export_owner(export: LinkedInExport) -> tuple[str, str] | None:
    """(person key, name) of whoever the export's messages, else its invitations, belong to (a
    guess from messages where nobody is in two conversations does not count)."""
    for read in (export.messages, export.invitations):
        if read is not None and (read.owner_key or read.owner_name) and getattr(read, "owner_certain", True):
            return read.owner_key, read.owner_name
    return None


def names_the_user(text: str, user: Identity) -> bool:
    """Does ``--owner TEXT`` name the user: their profile URL, their name, or 'me'?"""
    wanted = owner_key(text)
    if not wanted.startswith(NAME_KEY_PREFIX):
        return wanted == user.url_key
    names = {"me", user.name, user.also_named} - {""}
    return wanted.removeprefix(NAME_KEY_PREFIX) in {normalise_name(n) for n in names}


def refuse_a_friends_connections(export: LinkedInExport, user: Identity) -> None:
    """An export imported as the user's that lists the user among its connections is a friend's,
    unless its own messages or invitations show it is the user's (then it is a namesake)."""
    if not user.known or export.connections is None:
        return
    if not any(user.is_contact(person) for person in export.connections.people):
        return
    export.wait()  # whose messages and invitations are these?
    whose = export_owner(export)
    if whose is not None and user.is_them(*whose):
        return
    friend = whose[1] if whose and whose[1] else "Friend Name"
    raise InputError(
        f"{export.files.source} is not your export: it lists you ({user.name or user.url_key}) among "
        f'its connections. If a friend shared it, import it with --owner "{friend}"'
    )


def check_whose(export: LinkedInExport, whose: tuple[str, str] | None, owner: str | None,
                 user: Identity) -> None:
    """Refuse the user's export given as a friend's, and a friend's given as the user's, when its
    messages or invitations show whose it is."""
    if whose is None:
        return
    same = user.is_them(*whose)
    name = whose[1] or whose[0]
    if owner is None and same is False:
        raise InputError(
            f"{export.files.source} is not your export: its messages are {name}'s, and you are "
            f'{user.name or user.url_key}. If {name} shared it, import it with --owner "{name}"'
        )
    if owner is not None and same:
        raise InputError(
            f"{export.files.source} is your own export (its messages are yours, {name}'s): "
            "import it without --owner"
        )


def remember_identity(conn: sqlite3.Connection, owner_id: int, key: str, name: str) -> None:
    """Keep who the owner is on LinkedIn: the latest name, and their profile URL (a name key
    only until a URL is known)."""
    stored_name, stored_key = conn.execute(
        "SELECT linkedin_name, linkedin_key FROM owners WHERE id = ?", (owner_id,)
    ).fetchone()
    if not key or (key.startswith(NAME_KEY_PREFIX) and stored_key and not stored_key.startswith(NAME_KEY_PREFIX)):
        key = stored_key
    conn.execute("UPDATE owners SET linkedin_name = ?, linkedin_key = ? WHERE id = ?",
                 (name or stored_name, key, owner_id))


def owner_for_import(conn: sqlite3.Connection, name: str | None, user: Identity) -> tuple[int, str]:
    """The owner's id: the user (1) without --owner; else that owner, made if new. ``--owner``
    naming the user is refused: their contacts are the user's own."""
    if name is None:
        row = conn.execute("SELECT id, name FROM owners WHERE id = ?", (SELF_OWNER_ID,)).fetchone()
        return int(row[0]), str(row[1])
    if names_the_user(name, user):
        raise InputError(
            f'--owner "{name}" is you: import your own export without --owner (--owner names the '
            "friend who shared an export)"
        )
    wanted = owner_key(name)  # a URL in any form, or a name in any case and spacing
    for owner_id, stored in conn.execute("SELECT id, name FROM owners WHERE is_self = 0"):
        if owner_key(stored) == wanted:
            return int(owner_id), str(stored)
    cursor = conn.execute("INSERT INTO owners (name, is_self) VALUES (?, 0)", (name,))
    return int(cursor.lastrowid or 0), name
