"""Reading contacts back, for ``outreach contacts``: every owner's contacts with their message
statistics, by name. People no longer connected (``removed_on``) only on request."""

from __future__ import annotations

import sqlite3
from typing import Any

from outreach.wording import alphabetical


def _as_written(company: str) -> str:
    """A company as text, case and spacing aside: the filter for strings that name no employer
    ("Self-employed", "Stealth"), which the matcher (``outreach.companies``) leaves out. Every
    other company is matched like a target by ``companies.matching.contacts_matching_company``."""
    return " ".join(company.casefold().split())


_LIST_SQL = """
SELECT c.id, c.first_name, c.last_name, c.profile_url, c.email, c.company, c.position,
       c.connected_on, o.name AS owner, COALESCE(m.messages_sent, 0) AS messages_sent,
       COALESCE(m.messages_received, 0) AS messages_received, m.first_message_at,
       m.last_message_at, c.removed_on
FROM contacts c
JOIN owners o ON o.id = c.owner_id
LEFT JOIN message_stats m ON m.owner_id = c.owner_id AND m.person_key = c.person_key
WHERE c.removed_on IS NULL OR ?
ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.owner_id, c.id
"""


def list_contacts(
    conn: sqlite3.Connection, company: str | None = None, *, include_removed: bool = False
) -> list[dict[str, Any]]:
    """Every owner's contacts (or those at ``company``), as plain dicts, by name. Those no
    longer connected only with ``include_removed`` (their ``removed_on``: since when)."""
    wanted = None if company is None else _as_written(company)
    out = []
    for row in conn.execute(_LIST_SQL, (include_removed,)):
        if wanted is not None and _as_written(row["company"]) != wanted:
            continue
        item = dict(row)
        if not include_removed:  # then it is None: say it only where it can be set
            del item["removed_on"]
        for stamp in ("first_message_at", "last_message_at"):
            item[stamp] = item[stamp][:10] if item[stamp] else None
        out.append(item)
    # By name as a reader looks it up (accents aside); the query's order among equal names.
    out.sort(key=lambda c: (alphabetical(c["last_name"] or ""), alphabetical(c["first_name"] or "")))
    return out

