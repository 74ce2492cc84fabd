"""Jobs/Job Applications.csv -> the jobs the export's owner applied for on LinkedIn.

Header (as LinkedIn writes it): ``Application Date,Contact Email,Contact Phone Number,Company
Name,Job Title,Job Url,Resume Name,Question And Answers``. Dates are written ``11/3/25, 4:12 PM``
(some exports just ``11/3/25``) or ``2025-11-03 16:12:00``; any format ``values.parse_datetime``
knows is read. Large exports split the file (``Job Applications_1.csv``, ``_2`` ...): every part
is read and the rows joined.

Only what the plan uses is kept: company, job title, the day applied and the job's URL. The
contact e-mail and phone (the user's own), the résumé's name and the screening answers stay in
the file. Columns are found by name (case, spacing and punctuation do not matter), at any row
among the first ones; blank rows are skipped silently, rows without a company or a readable
date are skipped and counted.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from outreach.errors import InputError
from outreach.imports.linkedin.files import refuse_non_text
from outreach.imports.linkedin.values import iso_date
from outreach.imports.tabular import (
    decode_bytes,
    find_header_row,
    normalise_header,
    read_text_table,
    sniff_delimiter,
)

#: Base names (lowercase) of the file and of its parts: "job applications.csv",
#: "job applications_1.csv", "job_applications (2).csv".
FILE_NAME = re.compile(r"job[ _]applications(?:[ _-]*\(?\d{1,3}\)?)?\.csv", re.IGNORECASE)

#: Normalised header -> the field it fills. The first column of a field wins.
COLUMNS = {
    "application date": "applied_on",
    "applied on": "applied_on",
    "date applied": "applied_on",
    "company name": "company",
    "company": "company",
    "job title": "job_title",
    "title": "job_title",
    "job url": "job_url",
}
#: LinkedIn's other columns: a header needs a date, a company and one more known column.
_MARKS = frozenset({"application date", "company name", "job title", "job url", "resume name",
                    "question and answers", "contact email", "contact phone number"})
MAX_HEADER_SCAN = 20

NO_COMPANY = "no company name"
BAD_DATE = "no readable application date"


class Application(NamedTuple):
    company: str
    job_title: str
    applied_on: str  # ISO date
    job_url: str


@dataclass
class ApplicationsRead:
    name: str  # the file's name, or the parts' names joined
    applications: list[Application]  # one per (company, job title, day), newest first
    encoding: str
    rows_read: int
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def latest(self) -> str | None:
        """The newest application's day (ISO), None when there is none."""
        return self.applications[0].applied_on if self.applications else None


def is_applications_file(name: str) -> bool:
    """Whether a file's base name is LinkedIn's job applications file or one of its parts."""
    return FILE_NAME.fullmatch(name.rsplit("/", 1)[-1].strip()) is not None


def _header_score(cells: list[str]) -> int:
    fields = {COLUMNS[c] for c in cells if c in COLUMNS}
    if not {"applied_on", "company"} <= fields:
        return 0
    return len(set(cells).intersection(_MARKS | COLUMNS.keys()))


def looks_like_applications(data: bytes) -> bool:
    """Whether ``data`` (any file) is a job applications CSV, by its header. Never raises."""
    head = data if len(data) <= 65536 else data[: data.rfind(b"\n", 0, 65536) + 1 or 65536]
    try:
        refuse_non_text(head, "")
        text, _, _ = decode_bytes(head, "")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
    except (InputError, csv.Error, UnicodeError, ValueError):
        return False
    return _find_header(rows) is not None


def _find_header(rows: Sequence[Sequence[str]]) -> int | None:
    return find_header_row(rows, _header_score, max_scan=MAX_HEADER_SCAN, minimum=3)


def _cell(row: Sequence[str], where: dict[str, int], key: str) -> str:
    position = where.get(key)
    return row[position].strip() if position is not None and position < len(row) else ""


def read_applications(parts: Sequence[tuple[str, bytes]]) -> ApplicationsRead:
    """The applications in one file or its parts, given as (name, bytes).

    Raises InputError, naming the file, when a part is not a job applications CSV.
    """
    found: dict[tuple[str, str, str], Application] = {}
    skipped: Counter[str] = Counter()
    notes: list[str] = []
    encodings: list[str] = []
    rows_read = 0
    for name, data in parts:
        refuse_non_text(data, name)
        table = read_text_table(data, name)  # one reading of a text table: encodings, quotes, NULs
        encodings.append(table.encoding)
        notes += table.notes
        rows = table.rows
        index = _find_header(rows)
        if index is None:
            raise InputError(
                f"{name} is not LinkedIn's Job Applications.csv (no Application Date and Company "
                f"Name columns in its first {MAX_HEADER_SCAN} rows)"
            )
        where: dict[str, int] = {}
        for position, heading in enumerate(rows[index]):
            key = COLUMNS.get(normalise_header(heading))
            if key is not None:
                where.setdefault(key, position)

        bad_dates: list[str] = []
        for row in rows[index + 1:]:
            if not any(c.strip() for c in row):
                continue
            rows_read += 1
            company = " ".join(_cell(row, where, "company").split())
            if not company:
                skipped[NO_COMPANY] += 1
                continue
            written = _cell(row, where, "applied_on")
            day = iso_date(written)
            if day is None:
                skipped[BAD_DATE] += 1
                if written:
                    bad_dates.append(written)
                continue
            title = " ".join(_cell(row, where, "job_title").split())
            application = Application(company, title, day, _cell(row, where, "job_url"))
            found.setdefault((company, title, day), application)
        if bad_dates:
            shown = ", ".join(repr(d[:40]) for d in bad_dates[:3])
            notes.append(f"{name}: application dates not understood (rows skipped): {shown}"
                         + (f" and {len(bad_dates) - 3} more" if len(bad_dates) > 3 else ""))
    applications = sorted(found.values(), key=lambda a: (a.applied_on, a.company, a.job_title), reverse=True)
    label = parts[0][0] if len(parts) == 1 else f"{parts[0][0]} and {len(parts) - 1} more part" + (
        "s" if len(parts) > 2 else "")
    encoding = encodings[0] if len(set(encodings)) == 1 else ", ".join(dict.fromkeys(encodings))
    return ApplicationsRead(label, applications, encoding, rows_read, +skipped, notes)


__all__ = ["Application", "ApplicationsRead", "is_applications_file", "looks_like_applications",
           "read_applications"]
