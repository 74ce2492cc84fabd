"""Connections.csv -> one row per person, with a person key and every skipped row's reason.

Three shapes (DESIGN.md §3): 2018 (dates "1/8/18, 6:14 PM", member ids in the e-mail column),
2020-2023 (dates "16 Sep 2021"), and Dec 2024 on (a URL column and a "Notes:" preamble).

Identity. With a profile URL the key is the normalised URL. Without one (exports before 2024)
the key is the normalised full name plus the Connected On date: a person's connection date
never changes between exports, so the key survives a job change, and two different people
share it only if they have the same name *and* connected on the same day. Such rows appear in
the same file, so they are told apart there (by company and position, then by their order)
and reported, never merged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from imports.linkedin_csv import CsvFrame
from imports.linkedin_values import (
    clean_emails,
    full_names,
    iso_dates,
    map_distinct,
    normalise_name,
    profile_keys,
    strip,
)

#: Columns of ConnectionsRead.frame, in order.
COLUMNS = [
    "person_key", "name_key", "first_name", "last_name", "profile_url", "email", "company",
    "position", "connected_on",
]

# Reasons a row is not imported, as the summary shows them.
PRIVATE = "private member (only a date)"
BLANK = "blank row"
NO_IDENTITY = "no name or profile URL"
DUPLICATE = "same profile URL as an earlier row"
RAGGED = "more cells than the header"


@dataclass
class ConnectionsRead:
    """A Connections.csv, read. ``frame`` holds the people to import (COLUMNS)."""

    name: str
    frame: pd.DataFrame
    generation: str
    encoding: str
    rows_read: int
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def newest_connected_on(self) -> str | None:
        dates = self.frame["connected_on"].dropna()
        return None if dates.empty else str(dates.max())


def read_connections(csv: CsvFrame) -> ConnectionsRead:
    """People from a Connections.csv already parsed by ``read_linkedin_csv``."""
    raw = {
        key: strip(csv.column(col))
        for key, col in (
            ("first_name", "first name"), ("last_name", "last name"), ("url", "url"),
            ("email", "email address"), ("company", "company"), ("position", "position"),
            ("date", "connected on"),
        )
    }
    people = pd.DataFrame(raw)
    rows_read = len(people) + csv.ragged_rows
    skipped: Counter[str] = Counter()
    if csv.ragged_rows:
        skipped[RAGGED] = csv.ragged_rows
    notes = list(csv.notes)

    blank_but_date = (people.drop(columns="date") == "").all(axis=1)
    private = blank_but_date & (people["date"] != "")
    skipped[PRIVATE] += int(private.sum())
    skipped[BLANK] += int((blank_but_date & ~private).sum())
    people = people[~blank_but_date]

    people["profile_key"] = profile_keys(people["url"])
    people["full_name"] = full_names(people["first_name"], people["last_name"])
    nameless = people["profile_key"].isna() & (people["full_name"] == "")
    skipped[NO_IDENTITY] += int(nameless.sum())
    people = people[~nameless]

    bad_urls = int(((people["url"] != "") & people["profile_key"].isna()).sum())
    if bad_urls:
        notes.append(f"URL cells that are not profile links (keyed by name instead): {bad_urls:,}")

    email = clean_emails(people["email"])
    member_ids = int(map_distinct(people["email"], lambda v: v.lower().startswith("urn:li:member")).sum())
    if member_ids:
        notes.append(
            "e-mail cells holding a LinkedIn member id (urn:li:member:...), not an address, "
            f"left empty: {member_ids:,}"
        )
    connected_on = iso_dates(people["date"])
    unreadable = int(((people["date"] != "") & connected_on.isna()).sum())
    if unreadable:
        notes.append(f"unreadable Connected On dates (kept without a date): {unreadable:,}")

    # Rows are newest first, so of two rows with one profile URL the first is the current one.
    dupes = people["profile_key"].notna() & people["profile_key"].duplicated()
    skipped[DUPLICATE] += int(dupes.sum())
    keep = ~dupes
    people, email, connected_on = people[keep], email[keep], connected_on[keep]

    names = map_distinct(people["full_name"], normalise_name)
    weak = "name:" + names + "|" + connected_on.fillna("")
    person_key = people["profile_key"].fillna(_distinct_weak_keys(weak, people, notes))

    frame = pd.DataFrame(
        {
            "person_key": person_key,
            "name_key": weak,
            "first_name": people["first_name"],
            "last_name": people["last_name"],
            "profile_url": people["url"].where(people["profile_key"].notna(), None),
            "email": email,
            "company": people["company"],
            "position": people["position"],
            "connected_on": connected_on,
        },
        columns=COLUMNS,
    ).reset_index(drop=True)
    return ConnectionsRead(
        csv.name, frame, _generation(csv, people["date"]), csv.encoding, rows_read,
        +skipped, notes,
    )


def _distinct_weak_keys(weak: pd.Series, people: pd.DataFrame, notes: list[str]) -> pd.Series:
    """Weak keys for rows without a URL; rows sharing name and date are kept apart, not merged."""
    without_url = people["profile_key"].isna()
    keys = weak.where(without_url)
    clash = without_url & keys.duplicated(keep=False)
    if not clash.any():
        return keys
    company = map_distinct(people["company"], normalise_name)
    position = map_distinct(people["position"], normalise_name)
    longer = weak + "|" + company + "|" + position
    keys = keys.where(~clash, longer)
    # Still equal (same name, date, company and position): number them in file order.
    same = clash & keys.duplicated(keep=False)
    if same.any():
        ordinal = keys[same].groupby(keys[same]).cumcount() + 1
        keys[same] = keys[same] + "|#" + ordinal.astype(str)
    clashes = int(clash.sum())
    notes.append(
        f"{clashes} rows share a name and connection date with another row: kept as "
        "separate people, not merged"
    )
    return keys


def _generation(csv: CsvFrame, dates: pd.Series) -> str:
    if "url" in csv.frame.columns:
        preamble = any(c.strip().lower().startswith("notes") for row in csv.preamble for c in row)
        return "2024+ (URL column" + (', "Notes:" preamble)' if preamble else ")")
    filled = dates[dates != ""]
    us_style = map_distinct(filled, lambda v: "/" in v).sum()
    if len(filled) and us_style * 2 > len(filled):
        return "2018 (dates like 1/8/18, 6:14 PM)"
    return "2020-2023 (no URL column)"

