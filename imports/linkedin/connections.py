"""Connections.csv -> one row per person, with a person key and every skipped row's reason.

Three shapes (DESIGN.md §3): 2018 (dates "1/8/18, 6:14 PM", member ids in the e-mail column),
2020-2023 (dates "16 Sep 2021"), and Dec 2024 on (a URL column and a "Notes:" preamble). Before
2018 LinkedIn's "export connections" wrote Outlook's contacts CSV: ``E-mail Address`` and ``Job
Title`` are read as the e-mail and the position; it has no Connected On and no profile URL.

Identity (``outreach.identity``). With a profile URL the key is the normalised URL. Without
one (exports before 2024) the key is the name key with the Connected On date: a person's
connection date never changes between exports, so the key survives a job change, and two
different people share it only if they have the same name *and* connected on the same day. Such rows appear in
the same file, so they are told apart there (by company and position, then by their order)
and reported, never merged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from outreach.identity import name_key, normalise_name, normalise_profile_url
from outreach.imports.linkedin.csvfile import CsvTable
from outreach.imports.linkedin.values import email_address, iso_date


class Connection(NamedTuple):
    """One person to import."""

    person_key: str  # normalised profile URL, else the weak key (see the module doc)
    name_key: str  # the weak key, also for rows with a URL: it re-keys contacts stored without one
    first_name: str
    last_name: str
    profile_url: str | None
    email: str | None
    company: str
    position: str
    connected_on: str | None  # ISO date


#: Fields of Connection, in order.
COLUMNS = list(Connection._fields)

# Reasons a row is not imported, as the summary shows them.
PRIVATE = "private member (only a date)"
BLANK = "blank row"
NO_IDENTITY = "no name or profile URL"
DUPLICATE = "same profile URL as an earlier row"
RAGGED = "more cells than the header"

#: Outlook's names for the columns a Connections.csv calls "Email Address" and "Position".
OUTLOOK_NAMES = {"email address": "e mail address", "position": "job title"}


@dataclass
class ConnectionsRead:
    """A Connections.csv, read: the people to import, in file order."""

    name: str
    people: list[Connection]
    generation: str
    encoding: str
    rows_read: int
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def newest_connected_on(self) -> str | None:
        return max((p.connected_on for p in self.people if p.connected_on), default=None)

    def newest_connected_by(self, day: str) -> str | None:
        """The newest "Connected On" not after ``day`` (ISO): later ones are typos."""
        return max((p.connected_on for p in self.people if p.connected_on and p.connected_on[:10] <= day),
                   default=None)


def read_connections(csv: CsvTable) -> ConnectionsRead:
    """People from a Connections.csv already parsed by ``read_linkedin_csv``.

    One pass over the rows (30,000 at LinkedIn's cap), with every per-value step (profile
    URLs, dates, names) done once per distinct value.
    """
    skipped: Counter[str] = Counter()
    if csv.ragged_rows:
        skipped[RAGGED] = csv.ragged_rows
    if csv.blank_rows:  # blank lines, counted by the csv reader and not kept
        skipped[BLANK] = csv.blank_rows
    notes = list(csv.notes)
    dates: dict[str, str | None] = {"": None}
    seen: set[str] = set()
    # (profile key or None, weak key, first, last, url, e-mail, company, position, ISO date)
    rows: list[tuple[Any, ...]] = []
    raw_dates: list[str] = []
    bad_urls = member_ids = unreadable = 0
    columns = [csv.column(name if csv.has(name) else OUTLOOK_NAMES.get(name, name)) for name in
               ("first name", "last name", "url", "email address", "company", "position", "connected on")]
    for first, last, url, email, company, position, when in zip(*columns, strict=True):
        first, last, url, email = first.strip(), last.strip(), url.strip(), email.strip()
        company, position, when = company.strip(), position.strip(), when.strip()
        if not (first or last or url or email or company or position):
            skipped[PRIVATE if when else BLANK] += 1
            continue
        key = normalise_profile_url(url) if url else None
        full = f"{first} {last}".strip()
        if key is None:
            if not full:
                skipped[NO_IDENTITY] += 1
                continue
            if url:
                bad_urls += 1
        address = email_address(email)
        if address is None:
            member_ids += email[:13].lower() == "urn:li:member"
        on = dates.get(when, "?")
        if on == "?":
            on = dates[when] = iso_date(when)
        if on is None and when:
            unreadable += 1
        # Rows are newest first, so of two rows with one profile URL the first is the current one.
        if key is not None:
            if key in seen:
                skipped[DUPLICATE] += 1
                continue
            seen.add(key)
        rows.append((key, name_key(full, on or ""), first, last, url if key else None,
                     address, company, position, on))
        raw_dates.append(when)
    if bad_urls:
        notes.append(f"URL cells that are not profile links (keyed by name instead): {bad_urls:,}")
    if member_ids:
        notes.append(
            "e-mail cells holding a LinkedIn member id (urn:li:member:...), not an address, "
            f"left empty: {member_ids:,}"
        )
    if unreadable:
        notes.append(f"unreadable Connected On dates (kept without a date): {unreadable:,}")
    make = tuple.__new__  # Connection(...) parses its arguments: slower, 30,000 times
    for i, key in enumerate(_person_keys(rows, notes)):  # in place: one tuple a row at a time
        rows[i] = make(Connection, (key, *rows[i][1:]))
    people: list[Connection] = rows  # type: ignore[assignment]
    return ConnectionsRead(
        csv.name, people, _generation(csv, raw_dates), csv.encoding,
        csv.rows + csv.ragged_rows + csv.blank_rows, +skipped, notes,
    )


def _person_keys(rows: list[tuple[Any, ...]], notes: list[str]) -> list[str]:
    """The profile key, else the weak key; rows sharing name and date are kept apart, not merged."""
    keys = [key if key is not None else weak for key, weak, *_ in rows]
    without_url = [i for i, row in enumerate(rows) if row[0] is None]
    count = Counter(rows[i][1] for i in without_url)
    clash = [i for i in without_url if count[rows[i][1]] > 1]
    if not clash:
        return keys
    for i in clash:
        company, position = normalise_name(rows[i][6]), normalise_name(rows[i][7])
        keys[i] = f"{rows[i][1]}|{company}|{position}"
    # Still equal (same name, date, company and position): number them in file order.
    longer = Counter(keys[i] for i in clash)
    ordinal: Counter[str] = Counter()
    for i in clash:
        if longer[keys[i]] > 1:
            ordinal[keys[i]] += 1
            keys[i] = f"{keys[i]}|#{ordinal[keys[i]]}"
    notes.append(
        f"{len(clash)} rows share a name and connection date with another row: kept as "
        "separate people, not merged"
    )
    return keys


def _generation(csv: CsvTable, dates: list[str]) -> str:
    if not csv.has("connected on") and any(csv.has(name) for name in OUTLOOK_NAMES.values()):
        return "pre-2018 Outlook-format (no Connected On dates, no profile URLs)"
    if csv.has("url"):
        preamble = any(c.strip().lower().startswith("notes") for row in csv.preamble for c in row)
        return "2024+ (URL column" + (', "Notes:" preamble)' if preamble else ")")
    filled = [d for d in dates if d]
    us_style = sum(1 for d in filled if "/" in d)
    if filled and us_style * 2 > len(filled):
        return "2018 (dates like 1/8/18, 6:14 PM)"
    return "2020-2023 (no URL column)"
