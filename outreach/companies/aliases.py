"""The user's own aliases: ``outreach alias add "Old Name" "Target"``.

An alias says that contacts whose company is ``alias`` count for ``target`` (a rename the
built-in table does not know, a unit, a local spelling). Stored by normalised names next to
the text the user typed; ``outreach.companies.matching`` adds them to the built-in table when it matches.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from outreach.companies.names import normalise_company
from outreach.errors import InputError


@dataclass(frozen=True)
class UserAlias:
    alias: str
    target: str
    created_at: str


def add_alias(conn: sqlite3.Connection, alias: str, target: str) -> bool:
    """Store an alias; False when it was already there."""
    alias_key, target_key = normalise_company(alias), normalise_company(target)
    for text, key in ((alias, alias_key), (target, target_key)):
        if not key:
            raise InputError(f"{text!r} is not a company name that can be matched")
    if alias_key == target_key:
        raise InputError(
            f"{alias!r} and {target!r} are already the same name once legal forms, case and "
            "punctuation are set aside: no alias is needed"
        )
    cursor = conn.execute(
        "INSERT INTO company_aliases (alias_key, target_key, alias, target) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (alias_key, target_key) DO NOTHING",
        (alias_key, target_key, alias.strip(), target.strip()),
    )
    return cursor.rowcount > 0


def remove_alias(conn: sqlite3.Connection, alias: str, target: str | None = None) -> int:
    """Remove the alias (for one target, or for all); returns how many were removed."""
    alias_key = normalise_company(alias)
    if target is None:
        cursor = conn.execute("DELETE FROM company_aliases WHERE alias_key = ?", (alias_key,))
    else:
        cursor = conn.execute(
            "DELETE FROM company_aliases WHERE alias_key = ? AND target_key = ?",
            (alias_key, normalise_company(target)),
        )
    if cursor.rowcount == 0:
        raise InputError(f"no alias {alias!r}{f' for {target!r}' if target else ''}: see `outreach alias list`")
    return cursor.rowcount


def list_aliases(conn: sqlite3.Connection) -> list[UserAlias]:
    return [
        UserAlias(row[0], row[1], row[2])
        for row in conn.execute(
            "SELECT alias, target, created_at FROM company_aliases ORDER BY target_key, alias_key"
        )
    ]


__all__ = ["UserAlias", "add_alias", "list_aliases", "remove_alias"]
