"""Target-employer spreadsheets (.xlsx, .xlsm, .ods, .csv, .tsv) -> a DataFrame + notes.

People keep these lists by hand: a title row or two above the header, blank rows, several
sheets, headers such as ``Employer``, ``Company name`` or ``Organisation``, and priorities
written as 1-5, High/Medium/Low, A/B/C, a rank, stars, or not at all. The header row is found
by its content, columns by synonym, and every priority becomes one number in [0, 1]
(1 = most wanted) next to the text the user wrote. Nothing here touches SQLite or Click; rows
are not merged here (duplicates merge on the normalised company key, in ``outreach.targets.store``).

Any sheet with a company column reads as targets, so the other imports' files are refused by
their content: a LinkedIn export or one of its files (every employer in the network would become
a target) and a catalogue of networking groups (its "Name" column would read as employers).
``holds_targets`` answers the same question for ``outreach import groups``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from outreach.errors import InputError
from outreach.imports.groups.columns import group_columns, holds_catalogue
from outreach.imports.linkedin.recognise import (
    HOLDS,
    IMPORT_LINKEDIN,
    linkedin_table,
    refuse_export,
)
from outreach.imports.tabular import (
    find_header_row,
    is_blank_row,
    normalise_header,
    read_path_bytes,
    read_table_file,
)

if TYPE_CHECKING:
    import pandas as pd

#: Header synonyms (normalised by ``normalise_header``), best first.
COMPANY_HEADERS = (
    "company", "company name", "employer", "employer name", "organisation", "organization",
    "organisation name", "organization name", "org", "account", "account name", "firm",
    "company org", "business name", "target company", "target employer", "companies",
    "employers", "target companies", "target employers", "target", "targets", "business",
    "brand", "name",
)
FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "priority": ("priority", "prio", "rank", "ranking", "tier", "rating", "score", "interest",
                 "interest level", "preference", "importance", "stars", "excitement", "fit",
                 "order", "priority level", "p", "want", "desire", "choice", "level"),
    "location": ("location", "city", "town", "office", "office location", "hq",
                 "headquarters", "region", "country", "where", "place", "locations", "cities",
                 "metro", "area"),
    "industry": ("industry", "sector", "field", "vertical", "market", "category", "industries",
                 "sectors", "type"),
    "roles": ("roles", "role", "roles wanted", "position", "positions", "job titles",
              "target role", "target roles", "jobs", "job", "openings", "titles",
              "role s", "roles of interest", "desired role", "desired roles"),
    "website": ("website", "web site", "url", "site", "domain", "web", "homepage", "link",
                "careers page", "careers url", "career site", "careers", "links"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "why", "details",
              "description", "reason", "contact notes"),
}
_FIELD_BY_HEADER = {h: f for f, headers in FIELD_HEADERS.items() for h in headers}
#: Priority headers where a bigger number means "want it more"; for the rest (priority, rank,
#: tier, order, choice) 1 is the top.
HIGHER_IS_BETTER = frozenset(
    ("rating", "score", "interest", "interest level", "stars", "excitement", "fit", "want",
     "desire", "importance", "level")
)

#: Rows looked at for a header (title rows and blank rows may come first).
MAX_HEADER_SCAN = 60

COLUMNS = ("name", "priority", "priority_text", "row_order", "location", "industry", "roles",
           "website", "notes", "sheet", "row")


@dataclass
class TargetList:
    frame: pd.DataFrame  # one row per target row read, COLUMNS, in the user's order
    notes: list[str] = field(default_factory=list)  # how the file was read
    warnings: list[str] = field(default_factory=list)  # values that could not be read
    rows_without_company: int = 0
    sheets: list[str] = field(default_factory=list)


# -- columns ---------------------------------------------------------------------------------


def _company_column(cells: list[str]) -> int | None:
    best: tuple[int, int] | None = None
    for index, cell in enumerate(cells):
        if cell in COMPANY_HEADERS:
            rank = COMPANY_HEADERS.index(cell)
        elif cell and set(cell.split()) & {"company", "employer", "organisation", "organization"}:
            rank = len(COMPANY_HEADERS)  # "Company (legal name)", "Employer / org"
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, index)
    return best[1] if best else None


def target_columns(cells: list[str]) -> dict[str, int]:
    """Field -> column index for a normalised header row; ``company`` only when found."""
    found: dict[str, int] = {}
    company = _company_column(cells)
    if company is not None:
        found["company"] = company
    for index, cell in enumerate(cells):
        name = _FIELD_BY_HEADER.get(cell)
        if name is None:
            name = next((f for h, f in _FIELD_BY_HEADER.items() if len(h) > 3 and cell.startswith(h + " ")), None)
        if name and name not in found and index != company:
            found[name] = index
    return found


def holds_targets(cells: list[str]) -> bool:
    """Whether a header row (normalised) is surely a list of employers: a company column named
    for employers ('Company', 'Employer', 'Target'...), or one that could name groups too
    ('Name', 'Organisation') next to a priority."""
    columns = target_columns(cells)
    if "company" not in columns:
        return False
    return group_columns(cells).get("name") != columns["company"] or "priority" in columns


def _other_import(rows: list[list[str]], header_index: int | None) -> tuple[str, str] | None:
    """(what the sheet holds, how to import it) when it is another import's file, else None."""
    kind = linkedin_table(rows)
    if kind is not None:
        return HOLDS[kind], IMPORT_LINKEDIN
    for row in rows[: MAX_HEADER_SCAN if header_index is None else header_index + 1]:
        cells = [normalise_header(c) for c in row]
        # A catalogue read as targets takes its groups' names for employers; one that also has
        # a company column (the host of each group, say) is a target list as well.
        if holds_catalogue(cells) and target_columns(cells).get("company") in (None, group_columns(cells)["name"]):
            return "networking groups, not target employers", "import it with `outreach import groups`"
    return None


def _header_score(cells: list[str]) -> int:
    columns = target_columns(cells)
    if "company" not in columns:
        return 0
    # A title row such as "Target companies" looks like a one-column header: prefer rows
    # whose company header is a plainer synonym, then rows that name more columns.
    rank = COMPANY_HEADERS.index(cells[columns["company"]]) if cells[columns["company"]] in COMPANY_HEADERS else len(COMPANY_HEADERS)
    return 100 * len(columns) + (len(COMPANY_HEADERS) - rank)


# -- priorities ------------------------------------------------------------------------------

_LEVELS = {
    **dict.fromkeys(("top", "critical", "urgent", "must", "must have", "dream", "very high",
                     "highest", "hot", "max", "a+"), 1.0),
    **dict.fromkeys(("high", "h", "hi", "yes", "strong"), 0.75),
    **dict.fromkeys(("medium", "med", "mid", "m", "normal", "moderate", "average", "warm",
                     "medium high", "medium low", "ok"), 0.5),
    **dict.fromkeys(("low", "l", "lo", "nice to have", "maybe", "cold", "weak"), 0.25),
    **dict.fromkeys(("very low", "lowest", "backup", "fallback", "someday", "min", "no"), 0.0),
}
_NOT_GIVEN = frozenset(("", "n a", "na", "none", "tbd", "tbc", "unknown", "unranked", "-", "?"))
_LEVEL_NOISE = re.compile(r"\b(?:priority|prio|interest|level|importance)\b")
_STARS = re.compile(r"^[\s★☆⭐✭✮✯✩*]+$")
_FILLED_STARS = re.compile(r"[★⭐✭✮✯*]")
_LETTER = re.compile(r"^(?:tier|grade|class|group|cat|category)?\s*([a-f])\s*([+-]?)$")
_NUMBER = re.compile(
    r"^(?P<prefix>p|priority|prio|tier|rank|no\.?|nr\.?|#)?\s*(?P<number>\d+(?:[.,]\d+)?)"
    r"\s*(?P<suffix>st|nd|rd|th|%|/\s*\d+)?(?:\s*(?:[-:(–—].*|[a-z ]+))?$"
)


@dataclass(frozen=True)
class _Reading:
    scheme: str  # "level", "stars", "letter", "number"
    value: float
    lower_is_better: bool = False


def read_priority(text: str, header: str = "priority") -> _Reading | None:
    """One priority cell as written -> its scheme and value; None when blank or unreadable."""
    clean = text.strip().casefold()
    if not re.search(r"[\w★⭐✭✮✯*]", clean):  # blank, "-", "?", "n/a" written as "/"
        return None
    if _STARS.match(clean):
        return _Reading("stars", float(len(_FILLED_STARS.findall(clean))))
    words = re.sub(r"(?<=\w)-(?=\w)", " ", clean)
    words = " ".join(_LEVEL_NOISE.sub(" ", re.sub(r"[^\w+\- ]", " ", words)).split())
    if words in _NOT_GIVEN:
        return None
    if words in _LEVELS:
        return _Reading("level", _LEVELS[words])
    letter = _LETTER.match(words.replace(" ", "") if len(words) <= 3 else words)
    if letter:
        rank = ord(letter.group(1)) - ord("a") + {"+": -0.3, "-": 0.3, "": 0.0}[letter.group(2)]
        return _Reading("letter", rank, lower_is_better=True)
    number = _NUMBER.match(clean)
    if number:
        value = float(number.group("number").replace(",", "."))
        ranked = bool(number.group("prefix")) or (number.group("suffix") or "") in ("st", "nd", "rd", "th")
        lower = ranked or header not in HIGHER_IS_BETTER
        return _Reading("number", value, lower_is_better=lower)
    return None


def normalise_priorities(readings: Sequence[_Reading | None]) -> list[float | None]:
    """Readings of one column -> priorities in [0, 1] (1 = most wanted); None stays None.

    Words (High/Medium/Low) and stars have a meaning of their own; numbers and letters are
    placed within the range the column uses (a rank 1..40: 1 -> 1.0, 40 -> 0.0), except
    ratings on a 1-5 or 1-10 scale, where a bigger number is better.
    """
    out: list[float | None] = [None] * len(readings)
    by_scheme: dict[tuple[str, bool], list[int]] = {}
    for index, reading in enumerate(readings):
        if reading is not None:
            by_scheme.setdefault((reading.scheme, reading.lower_is_better), []).append(index)
    for (scheme, lower), indexes in by_scheme.items():
        values = [readings[i].value for i in indexes]  # type: ignore[union-attr]
        low, high = min(values), max(values)
        for i, value in zip(indexes, values, strict=True):
            if scheme == "level":
                result = value
            elif scheme == "stars":
                result = value / max(5.0, high)
            elif lower:
                result = 1.0 if high == low else (high - value) / (high - low)
            elif low >= 0 and high <= 1:
                result = value
            elif low >= 1 and high <= 5:
                result = (value - 1) / 4
            elif low >= 1 and high <= 10:
                result = (value - 1) / 9
            elif low >= 0 and high <= 100:
                result = value / 100
            else:
                result = 1.0 if high == low else (value - low) / (high - low)
            out[i] = round(min(1.0, max(0.0, result)), 4)
    return out


# -- reading ---------------------------------------------------------------------------------


def _sheets(
    data: bytes, name: str, wanted: Sequence[str] | None, notes: list[str], warnings: list[str]
) -> dict[str, list[list[str]]]:
    """The rows of every sheet (or of ``wanted``); which kinds of file are read, and how, is
    ``read_table_file``'s policy."""
    table = read_table_file(data, name)
    notes.extend(table.notes)
    warnings.extend(table.warnings)
    if not wanted:
        return table.sheets
    if table.kind == "text":
        raise InputError(f"{name} is a text (CSV) file with no sheets: leave out the sheet names")
    missing = [s for s in wanted if s not in table.sheets]
    if missing:
        raise InputError(
            f"{name} has no sheet called {', '.join(repr(s) for s in missing)}; "
            f"its sheets are {', '.join(repr(s) for s in table.sheets)}"
        )
    return {s: table.sheets[s] for s in wanted}


def read_targets(data: bytes, name: str, *, sheets: Sequence[str] | None = None) -> TargetList:
    """Read a target list's bytes; every sheet with a company column unless ``sheets`` names some.

    Raises InputError (one line) for files that hold no target list.
    """
    import pandas as pd

    refuse_export(data, name)
    notes: list[str] = []
    warnings: list[str] = []
    records: list[dict[str, object]] = []
    without_company = 0
    read_sheets: list[str] = []
    all_sheets = _sheets(data, name, sheets, notes, warnings)
    skipped: list[str] = []
    others: dict[str, tuple[str, str]] = {}  # sheets of another import's file
    for sheet, rows in all_sheets.items():
        where = f"{name}, sheet {sheet!r}" if sheet else name
        if all(is_blank_row(r) for r in rows):
            if sheets:
                raise InputError(f"{where} is empty")
            continue
        header_index = find_header_row(rows, _header_score, max_scan=MAX_HEADER_SCAN)
        other = _other_import(rows, header_index)
        if other is not None:
            if sheets or len(all_sheets) == 1:
                raise InputError(f"{where} holds {other[0]}: {other[1]}")
            others[sheet] = other
            continue
        if header_index is None:
            if sheets or len(all_sheets) == 1:
                raise _no_company_column(where, rows)
            skipped.append(sheet)
            continue
        header = [normalise_header(c) for c in rows[header_index]]
        columns = target_columns(header)
        sheet_records, missing = _read_rows(rows, header_index, columns, sheet, where, warnings)
        without_company += missing
        records.extend(sheet_records)
        read_sheets.append(sheet)
    if not read_sheets and others:
        sheet, (holds, how) = next(iter(others.items()))
        raise InputError(f"{name}, sheet {sheet!r} holds {holds}: {how}")
    for sheet, (holds, how) in others.items():
        notes.append(f"skipped sheet {sheet!r}, which holds {holds} ({how})")
    if not read_sheets:
        if all(all(is_blank_row(r) for r in rows) for rows in all_sheets.values()):
            raise InputError(f"{name} has no rows: pick the file that lists your target employers")
        raise InputError(
            f"{name}: no sheet has a column naming the companies (looked for a header such as "
            "'Company', 'Employer' or 'Organisation')"
        )
    if skipped:
        notes.append(f"skipped sheet(s) without a company column: {', '.join(repr(s) for s in skipped)}")
    if not records:
        raise InputError(f"{name}: the header was found but no row below it names a company")
    _fill_row_order_priorities(records)
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    return TargetList(frame, notes, warnings, without_company, [s for s in read_sheets if s])


def _no_company_column(where: str, rows: list[list[str]]) -> InputError:
    first = next((r for r in rows if not is_blank_row(r)), [])
    seen = ", ".join(repr(c) for c in first if c.strip())[:200]
    return InputError(
        f"{where}: no column naming the companies (looked for a header such as 'Company', "
        f"'Employer' or 'Organisation'; the first row has {seen or 'nothing'})"
    )


def _read_rows(
    rows: list[list[str]],
    header_index: int,
    columns: dict[str, int],
    sheet: str,
    where: str,
    warnings: list[str],
) -> tuple[list[dict[str, object]], int]:
    def cell(row: list[str], fieldname: str) -> str:
        index = columns.get(fieldname)
        return " ".join(row[index].split()) if index is not None and index < len(row) else ""

    header_cells = [normalise_header(c) for c in rows[header_index]]
    priority_header = header_cells[columns["priority"]] if "priority" in columns else ""
    records: list[dict[str, object]] = []
    readings = []
    missing = 0
    for number, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        if is_blank_row(row) or [normalise_header(c) for c in row] == header_cells:
            continue
        company = cell(row, "company")
        if not company:
            missing += 1
            continue
        text = cell(row, "priority")
        reading = read_priority(text, priority_header)
        if text and reading is None:
            warnings.append(f"{where}, row {number}: cannot read priority {text!r}; ranked last")
        readings.append(reading)
        records.append({
            "name": company, "priority": None, "priority_text": text, "row_order": 0,
            "location": cell(row, "location"), "industry": cell(row, "industry"),
            "roles": cell(row, "roles"), "website": cell(row, "website"),
            "notes": cell(row, "notes"), "sheet": sheet, "row": number,
        })
    priorities = normalise_priorities(readings)
    if any(p is not None for p in priorities):
        for record, priority in zip(records, priorities, strict=True):
            # A blank priority in a column that has some: the user did not rank it, so last.
            record["priority"] = 0.0 if priority is None else priority
    return records, missing


def _fill_row_order_priorities(records: list[dict[str, object]]) -> None:
    """Rows from sheets with no priority at all: the order of the list is the priority."""
    last = max(len(records) - 1, 1)
    for order, record in enumerate(records):
        record["row_order"] = order
        if record["priority"] is None:
            record["priority"] = round(1.0 - order / last, 4)


def read_targets_file(path: Path, *, sheets: Sequence[str] | None = None) -> TargetList:
    return read_targets(read_path_bytes(path), path.name, sheets=sheets)


__all__ = ["TargetList", "holds_targets", "target_columns", "normalise_priorities", "read_priority", "read_targets",
           "read_targets_file"]
