"""Cell values of the export's optional files (``imports/linkedin/extrakinds.py``): dates,
months, start times, lists and yes/no, each read leniently; a date that cannot be read is
recorded for the file's note, never an error.

Whole dates and times go through ``values.parse_datetime``, the one reader of LinkedIn's dates
(it knows these files' ``2022/03/22 18:04:59 UTC``, ``Wed Oct 01 16:02:32 UTC 2025`` and
``Jul 08, 2020 01:00 PM``); months and years (Positions, Education) are read here.
"""

from __future__ import annotations

import re
from datetime import date

from outreach.imports.linkedin.values import parse_datetime

_MONTH = re.compile(r"([A-Za-z]{3,9})\.? (\d{4})")  # Jun 2018, June 2018
_NUMERIC_MONTH = re.compile(r"(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4})")  # 2018-06, 06/2018
_EXCEL_MONTH = re.compile(r"([A-Za-z]{3,9})[-/ ](\d{2}|\d{4})")  # Jun-18, Jun-2018, June/18
_YEAR = re.compile(r"(\d{4})(?:\.0)?")  # 2017 (2017.0: a spreadsheet's number)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


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
    parsed = parse_datetime(text)  # a whole date: its month
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
        parsed = parse_datetime(self.cells.get(name, ""))
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
        parsed = parse_datetime(start)
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


__all__ = ["ExtraRow", "month"]
