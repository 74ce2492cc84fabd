"""Cell values of the export's optional files (``imports/linkedin/extrakinds.py``): dates,
months, start times, lists and yes/no, each read leniently; a date that cannot be read is
recorded for the file's note, never an error.

The date formats here are the ones ``values.parse_datetime`` does not know (yet): LinkedIn's
``2022/03/22 18:04:59 UTC`` (endorsements), ``Wed Oct 01 16:02:32 UTC 2025`` (Company
Follows) and ``Jul 08, 2020 01:00 PM`` (Events); every other format goes through it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from outreach.imports.linkedin.values import parse_datetime

#: Formats ``values.parse_datetime`` does not know, seen in these files.
_MORE_FORMATS = (
    "%Y/%m/%d %H:%M:%S UTC",  # Endorsement_*_Info.csv: 2022/03/22 18:04:59 UTC
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
    "%a %b %d %H:%M:%S UTC %Y",  # Company Follows.csv: Wed Oct 01 16:02:32 UTC 2025
    "%a %b %d %H:%M:%S %Y",
    "%b %d, %Y %I:%M %p",  # Events.csv: Jul 08, 2020 01:00 PM
    "%b %d, %Y %H:%M",
    "%B %d, %Y %I:%M %p",
)
_MONTH = re.compile(r"([A-Za-z]{3,9})\.? (\d{4})")  # Jun 2018, June 2018
_NUMERIC_MONTH = re.compile(r"(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4})")  # 2018-06, 06/2018
_EXCEL_MONTH = re.compile(r"([A-Za-z]{3,9})[-/ ](\d{2}|\d{4})")  # Jun-18, Jun-2018, June/18
_YEAR = re.compile(r"(\d{4})(?:\.0)?")  # 2017 (2017.0: a spreadsheet's number)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# The shapes of Endorsement_*_Info.csv and Company Follows.csv, read without strptime (which
# costs a failed try per format before them: 2,000 endorsements would take a tenth of a second).
_SLASHED = re.compile(r"(\d{4})/(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: UTC)?")
_JAVA = re.compile(r"[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})")


@lru_cache(maxsize=8192)
def extra_datetime(value: str) -> datetime | None:
    """A date or time in any format these files (or Excel re-saving them) write."""
    text = " ".join(value.replace("\u202f", " ").split())
    if not text:
        return None
    try:
        if (slashed := _SLASHED.fullmatch(text)) is not None:
            year, number, day, hour, minute, second = (int(g) for g in slashed.groups())
            return datetime(year, number, day, hour, minute, second)
        java = _JAVA.fullmatch(text)
        if java is not None and java.group(1).lower() in _MONTHS:
            day, hour, minute, second, year = (int(g) for g in java.groups()[1:])
            return datetime(year, _MONTHS.index(java.group(1).lower()) + 1, day, hour, minute, second)
    except ValueError:
        return None
    parsed = parse_datetime(text)
    if parsed is not None:
        return parsed
    for fmt in _MORE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def month(value: str) -> str | None:
    """'Jun 2018' -> '2018-06', '2017' -> '2017', '' -> ''; None when unreadable."""
    text = " ".join(value.split())
    if not text:
        return ""
    if (year := _YEAR.fullmatch(text)) is not None:
        return year.group(1)
    named = _MONTH.fullmatch(text)
    if named and named.group(1)[:3].lower() in _MONTHS:
        number = _MONTHS.index(named.group(1)[:3].lower()) + 1
        if named.group(1).lower() in (_MONTHS[number - 1], _FULL_MONTHS[number - 1]):
            return f"{named.group(2)}-{number:02d}"
    excel = _EXCEL_MONTH.fullmatch(text)  # Excel re-saves 'Jun 2018' as it shows it: 'Jun-18'
    if excel and excel.group(1)[:3].lower() in _MONTHS:
        shown = int(excel.group(2))
        full = shown if shown >= 100 else shown + (2000 if shown <= date.today().year % 100 + 1 else 1900)
        return f"{full}-{_MONTHS.index(excel.group(1)[:3].lower()) + 1:02d}"
    numeric = _NUMERIC_MONTH.fullmatch(text)
    if numeric:
        year_text, number_text = (numeric.group(1), numeric.group(2)) if numeric.group(1) else (
            numeric.group(4), numeric.group(3))
        if 1 <= int(number_text) <= 12:
            return f"{year_text}-{int(number_text):02d}"
    parsed = extra_datetime(text)  # a whole date: its month
    return f"{parsed:%Y-%m}" if parsed else None


_FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")


class ExtraRow:
    """One row's cells by field, and the dates in it that could not be read (for a note)."""

    def __init__(self, cells: dict[str, str], bad_dates: list[str]) -> None:
        self.cells, self.bad_dates = cells, bad_dates

    def text(self, name: str) -> str:
        """The cell, on one line with single spaces ('' when the file has no such column)."""
        return " ".join(self.cells.get(name, "").split())

    def _checked(self, name: str, value: str | None) -> str:
        if value is None:
            self.bad_dates.append(self.text(name))
            return ""
        return value

    def day(self, name: str) -> str:
        parsed = extra_datetime(self.cells.get(name, ""))
        return self._checked(name, f"{parsed:%Y-%m-%d}" if parsed else (None if self.text(name) else ""))

    def month(self, name: str) -> str:
        return self._checked(name, month(self.cells.get(name, "")))

    def end_month(self, name: str) -> str:
        """An end month: '' when blank (it has not ended), '?' when it ended on a date that
        cannot be read (never taken for "still there")."""
        return self.month(name) or ("?" if self.text(name) else "")

    def start_time(self, name: str) -> str:
        """'Jul 08, 2020 01:00 PM - Jul 08, 2020 03:00 PM' -> '2020-07-08T13:00'."""
        start = self.text(name).split(" - ", 1)[0]
        parsed = extra_datetime(start)
        if parsed is None:
            return self._checked(name, None if start else "")
        return f"{parsed:%Y-%m-%dT%H:%M}" if ":" in start else f"{parsed:%Y-%m-%d}"

    def items(self, name: str) -> tuple[str, ...]:
        """A list cell: 'London, United Kingdom|Remote' -> ('London, United Kingdom', 'Remote')."""
        parts = (" ".join(p.split()) for p in re.split(r"[|;]", self.cells.get(name, "")))
        return tuple(dict.fromkeys(p for p in parts if p))

    def flag(self, name: str) -> bool | None:
        said = self.text(name).lower()
        return True if said in ("yes", "true", "y", "1") else False if said in ("no", "false", "n", "0") else None


__all__ = ["ExtraRow", "extra_datetime", "month"]
