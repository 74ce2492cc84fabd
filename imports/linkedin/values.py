"""Cell values in LinkedIn exports: e-mail addresses and dates. Profile URLs and names are
person identity: ``outreach.identity``.

The column helpers (``map_distinct`` and those built on it) call the cell function once per
distinct value, so a 30,000-row export costs one call per distinct value, not per row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timezone
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

# Formats seen in real exports, most common first. LinkedIn writes US month/day order; the
# day/month variants only match what month/day cannot (a "day" above 12), for files re-saved
# by Excel in a European locale.
DATE_FORMATS = (
    "%d %b %Y",  # 2020-2023 Connections.csv: 16 Sep 2021
    "%m/%d/%y, %I:%M %p",  # 2018 Connections.csv, Invitations.csv: 1/8/18, 6:14 PM
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S UTC",  # messages.csv: 2024-12-16 18:24:37 UTC
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",  # Excel re-save of the 2018 shape
    "%m/%d/%y %H:%M",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d %B %Y",
    "%d-%b-%y",  # Excel re-save of the 2020-2023 shape
    "%d-%b-%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d.%m.%Y",
    # the rest of the export (imports/linkedin/extras.py)
    "%Y/%m/%d %H:%M:%S UTC",  # Endorsement_*_Info.csv: 2022/03/22 18:04:59 UTC
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
    "%a %b %d %H:%M:%S UTC %Y",  # Company Follows.csv: Wed Oct 01 16:02:32 UTC 2025
    "%a %b %d %H:%M:%S %Y",
    "%b %d, %Y %I:%M %p",  # Events.csv: Jul 08, 2020 01:00 PM
    "%b %d, %Y %H:%M",
    "%B %d, %Y %I:%M %p",
)


def map_distinct(values: list[str], func: Callable[[str], T]) -> list[T]:
    """``[func(v) for v in values]``, calling ``func`` once per distinct value."""
    done = {value: func(value) for value in dict.fromkeys(values)}
    return [done[value] for value in values]


def email_address(value: str) -> str | None:
    """An e-mail cell's address as written; None for blanks and LinkedIn member ids.

    2018 exports put ``urn:li:member:123`` in the e-mail column for people who hide their
    address: that is an id, not an e-mail.
    """
    value = value.strip()
    return value if "@" in value and not value.lower().startswith("urn:") else None


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DAY_MON_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})")
# The shapes of Endorsement_*_Info.csv and Company Follows.csv, read without strptime (which
# costs a failed try per format before them: 2,000 endorsements would take a tenth of a second).
_SLASHED = re.compile(r"(\d{4})/(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: UTC)?")
_JAVA = re.compile(r"[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})")


@lru_cache(maxsize=8192)
def parse_datetime(value: str) -> datetime | None:
    """A date or timestamp in any format LinkedIn (or Excel re-saving its files) writes."""
    text = " ".join(value.replace("\u202f", " ").split())
    if not text:
        return None
    usual = _DAY_MON_YEAR.fullmatch(text)  # "16 Sep 2021" without strptime's overhead
    if usual and usual.group(2).lower() in _MONTHS:
        try:
            return datetime(int(usual.group(3)), _MONTHS[usual.group(2).lower()], int(usual.group(1)))
        except ValueError:
            return None
    try:
        if (slashed := _SLASHED.fullmatch(text)) is not None:
            year, number, day, hour, minute, second = (int(g) for g in slashed.groups())
            return datetime(year, number, day, hour, minute, second)
        java = _JAVA.fullmatch(text)
        if java is not None and java.group(1).lower() in _MONTHS:
            day, hour, minute, second, year = (int(g) for g in java.groups()[1:])
            return datetime(year, _MONTHS[java.group(1).lower()], day, hour, minute, second)
    except ValueError:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text.removesuffix(" UTC").replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:  # stored as UTC, like LinkedIn's own times
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def iso_date(value: str) -> str | None:
    """'16 Sep 2021' -> '2021-09-16'; None where blank or unreadable."""
    parsed = parse_datetime(value)
    return parsed.date().isoformat() if parsed else None


def iso_timestamp(value: str) -> str | None:
    """'2024-12-16 18:24:37 UTC' -> '2024-12-16T18:24:37Z'; None where blank or unreadable.

    LinkedIn's times are UTC; a time with another offset is converted to UTC.

    ISO text sorts in time order, so the earliest and latest message are a min() and max()
    away. messages.csv's own format is checked by ``fromisoformat`` (C, no strptime); any
    other goes through ``parse_datetime``.
    """
    if len(value) == 23 and value.endswith(" UTC") and value[10] == " ":
        try:
            datetime.fromisoformat(value[:19])
        except ValueError:
            return None
        return value[:19].replace(" ", "T") + "Z"  # the date and time as they are, ISO-joined
    parsed = parse_datetime(value)
    return parsed.isoformat(timespec="seconds") + "Z" if parsed else None


def iso_timestamps(values: list[str]) -> list[str | None]:
    """``iso_timestamp`` per cell."""
    return map_distinct(values, iso_timestamp)


def strip(values: list[str]) -> list[str]:
    """Cells without surrounding whitespace."""
    return [v.strip() for v in values]
