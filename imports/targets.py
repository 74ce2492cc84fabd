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
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
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
from outreach.sheetguard import column_letters
from outreach.wording import listed, number

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
#: A header ending in one of these names a priority: "Fit score", "Culture fit", "My ranking".
_PRIORITY_LAST_WORDS = frozenset(("score", "rating", "rank", "ranking", "fit", "priority", "tier",
                                  "interest", "excitement", "stars"))
#: Headers that are a symbol alone (normalised to nothing): "#" is a rank, "★" stars.
_SYMBOL_PRIORITY_HEADERS = frozenset(("#", "№", "no.", "nr.", "★", "⭐", "☆", "*"))
#: Rows of a file with no priority at all keep their order within this band, first row first:
#: below a ranked list's top and above its bottom, never above a list the user ranked.
UNRANKED_BAND = (0.55, 0.45)

#: Rows looked at for a header (title rows and blank rows may come first).
MAX_HEADER_SCAN = 60

COLUMNS = ("name", "priority", "priority_text", "row_order", "location", "industry", "roles",
           "website", "notes", "sheet", "row", "extra")


@dataclass(frozen=True)
class ColumnsUsed:
    """Which columns of one sheet were read, as the user wrote their headers."""

    sheet: str
    fields: list[tuple[str, str]]  # (field, header), in the sheet's order; "company" included
    priority: str  # how the priorities read: "5 = most wanted"; "" when the sheet has none
    other: list[str]  # headers not used for a field: kept with each target (``extra``)

    def lines(self) -> list[str]:
        """One line per column used: "priority: 'Excitement (1-5)', 5 = most wanted"."""
        out = [f"{name}: {header!r}" + (f", {self.priority}" if name == "priority" else "")
               for name, header in self.fields]
        if not any(name == "priority" for name, _ in self.fields):
            low, high = UNRANKED_BAND
            out.append(f"priority: no column; rows keep their order, from {number(low)} down to "
                       f"{number(high)} (the middle, below a ranked list's top targets)")
        if self.other:
            out.append(f"kept with each target: {listed([repr(h) for h in self.other], 8)}")
        return out


@dataclass
class TargetList:
    frame: pd.DataFrame  # one row per target row read, COLUMNS, in the user's order
    notes: list[str] = field(default_factory=list)  # how the file was read
    warnings: list[str] = field(default_factory=list)  # values that could not be read
    rows_without_company: int = 0
    sheets: list[str] = field(default_factory=list)
    columns: list[ColumnsUsed] = field(default_factory=list)  # per sheet read


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
    """Field -> column index for a normalised header row; ``company`` only when found.

    A header that is a synonym wins over one that starts with it ("Interest" over "Interest
    (1-10)", in any order), and either over a priority named by its last word ("Fit score",
    "Culture fit").
    """
    found: dict[str, int] = {}
    company = _company_column(cells)
    if company is not None:
        found["company"] = company
    matchers = (
        lambda cell: _FIELD_BY_HEADER.get(cell),
        lambda cell: next((f for h, f in _FIELD_BY_HEADER.items() if len(h) > 3 and cell.startswith(h + " ")), None),
        lambda cell: "priority" if cell.rpartition(" ")[2] in _PRIORITY_LAST_WORDS and " " in cell else None,
    )
    for matcher in matchers:
        for index, cell in enumerate(cells):
            name = matcher(cell)
            if name and name not in found and index != company and index not in found.values():
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
#
# A priority column's numbers read one of two ways: a rank (1 is the top) or a rating (the
# biggest number is the top). The header says which, by its words and its scale: "Excitement
# (1-5)" is a rating, "Priority (1-5)" and "Rank" are ranks. Cells such as "High", "A", "★★★",
# "P1" or "2nd" carry their own direction whatever the header says.

#: Words of a priority header: True when a bigger number means "want it more", False when 1 is
#: the top. The head of the header decides ("Interest rank" is a rank, "Rank by interest" too,
#: "Priority score" a score); words not listed say nothing ("Level", "Overall").
HEADER_WORDS: dict[str, bool] = {
    **dict.fromkeys(("rank", "ranking", "ranked", "priority", "priorities", "prio", "tier",
                     "order", "choice", "pick", "preference", "pref", "place", "no", "nr",
                     "number", "num", "#", "p"), False),
    **dict.fromkeys(("excitement", "excited", "interest", "interested", "rating", "rate",
                     "rated", "score", "scores", "points", "stars", "star", "★", "⭐", "fit",
                     "want", "wanted", "desire", "importance", "enthusiasm", "appeal",
                     "passion", "love", "keenness", "keen", "match", "vibe", "gut", "like",
                     "likes", "attractiveness", "desirability"), True),
}
_HEADER_TOKEN = re.compile(r"[a-z]+|#|★|⭐")
#: Where the head of a header ends: "Rank (by interest)", "Level of excitement", "Tier: A-C".
_HEADER_TAIL = re.compile(r"[(\[:,;]|\s[-–—]\s|\b(?:by|of|for|in|on|from)\b")
_SCALE_RANGE = re.compile(r"(?<![\d.])(\d+)\s*(?:-|–|—|to|\.\.)\s*(\d+)(?![\d.])")
_SCALE_OUT_OF = re.compile(r"(?:out\s+of|/)\s*(\d+)(?![\d.])")
_TOP_IS = re.compile(r"(\d+)\s*(?:=|is|:)\s*(?:the\s+)?(?:best|top|highest|high|most|first|dream|"
                     r"favou?rite|love|must|max)")
_BOTTOM_IS = re.compile(r"(\d+)\s*(?:=|is|:)\s*(?:the\s+)?(?:worst|lowest|low|least|last|meh|"
                        r"bottom|min)")
_BIGGER_BETTER = re.compile(r"\b(?:higher|high|bigger|more)\s*(?:=|is)\s*(?:better|best|good|more)")
_SMALLER_BETTER = re.compile(r"\b(?:lower|low|smaller|less)\s*(?:=|is)\s*(?:better|best|good)")


@dataclass(frozen=True)
class PriorityOrder:
    """How a priority column's plain numbers read, as its header (or the user) says."""

    higher_is_better: bool | None  # None: the header does not say
    scale: tuple[float, float] | None = None  # (lowest, highest) the header declares: "(1-5)"
    because: str = ""  # what decided: "'excitement'", "'(5 = best)'", "the scale"


@lru_cache(maxsize=256)
def priority_order(header: str) -> PriorityOrder:
    """A priority header as written -> the direction and scale of its numbers.

    ``Excitement (1-5)`` -> bigger is better on 1..5; ``Priority (1-5)`` -> 1 is the top;
    ``Stars (out of 5)`` -> bigger on 0..5; ``Rank (1 = dream job)`` -> 1 is the top;
    ``1-10`` alone -> a rating. Words outrank a bare scale, and a phrase naming the top
    ("5 = best", "higher is better") outranks the words.
    """
    text = unicodedata.normalize("NFKC", header).casefold().strip()
    scale: tuple[float, float] | None = None
    if match := _SCALE_RANGE.search(text):
        low, high = sorted((float(match.group(1)), float(match.group(2))))
        scale = (low, high) if high > low else None
    elif match := _SCALE_OUT_OF.search(text):
        scale = (0.0, float(match.group(1))) if float(match.group(1)) > 0 else None
    if (top := _TOP_IS.search(text)) or (bottom := _BOTTOM_IS.search(text)):
        phrase = (top or bottom).group(0)  # type: ignore[union-attr]
        value = float((top or bottom).group(1))  # type: ignore[union-attr]
        middle = (scale[0] + scale[1]) / 2 if scale else 1.5
        higher = value > middle if top else value < middle
        return PriorityOrder(higher, scale, repr(phrase))
    if match := _BIGGER_BETTER.search(text) or _SMALLER_BETTER.search(text):
        return PriorityOrder(bool(_BIGGER_BETTER.search(text)), scale, repr(match.group(0)))
    head = _HEADER_TAIL.split(text, maxsplit=1)[0]
    for part in (head, text):
        said = [w for w in _HEADER_TOKEN.findall(part) if w in HEADER_WORDS]
        if said:
            return PriorityOrder(HEADER_WORDS[said[-1]], scale, repr(said[-1]))
    if scale is not None:  # "1-10", "/5": a scale with no word is a rating
        return PriorityOrder(True, scale, "the scale")
    return PriorityOrder(None)


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
    scheme: str  # "level", "stars", "letter", "rank" (P1, 2nd, #3), "number"
    value: float
    lower_is_better: bool = False
    out_of: float | None = None  # "4/5" -> 5, "80%" -> 100


def read_priority(text: str, header: str = "priority") -> _Reading | None:
    """One priority cell as written -> its scheme and value; None when blank or unreadable.

    Plain numbers read the way ``header`` says (``priority_order``), a rank when it says nothing.
    """
    return _read_cell(text, priority_order(header).higher_is_better)


def _read_cell(text: str, higher_is_better: bool | None) -> _Reading | None:
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
        suffix = (number.group("suffix") or "").replace(" ", "")
        if number.group("prefix") or suffix in ("st", "nd", "rd", "th"):
            return _Reading("rank", value, lower_is_better=True)
        if suffix == "%" or suffix.startswith("/"):  # 80%, 4/5: a share of the top
            out_of = 100.0 if suffix == "%" else float(suffix[1:])
            return _Reading("number", value, out_of=out_of) if out_of else None  # "1/0": unreadable
        return _Reading("number", value, lower_is_better=higher_is_better is False or higher_is_better is None)
    return None


def normalise_priorities(
    readings: Sequence[_Reading | None], scale: tuple[float, float] | None = None
) -> list[float | None]:
    """Readings of one column -> priorities in [0, 1] (1 = most wanted); None stays None.

    Words (High/Medium/Low) and stars have a meaning of their own; numbers on the ``scale`` the
    header declares are placed on it; other numbers and letters within the range the column
    uses (a rank 1..40: 1 -> 1.0, 40 -> 0.0), except ratings on a 1-5 or 1-10 scale.
    """
    out: list[float | None] = [None] * len(readings)
    by_scheme: dict[tuple[str, bool], list[int]] = {}
    for index, reading in enumerate(readings):
        if reading is not None:
            by_scheme.setdefault((reading.scheme, reading.lower_is_better), []).append(index)
    for (scheme, lower), indexes in by_scheme.items():
        values = [readings[i].value for i in indexes]  # type: ignore[union-attr]
        low, high = min(values), max(values)
        if scheme == "number" and scale and scale[0] <= low and high <= scale[1]:
            low, high = scale
        for i, value in zip(indexes, values, strict=True):
            out_of = readings[i].out_of  # type: ignore[union-attr]
            if scheme == "level":
                result = value
            elif scheme == "stars":
                result = value / max(5.0, high)
            elif out_of:
                result = value / out_of
            elif lower:
                result = 1.0 if high == low else (high - value) / (high - low)
            elif (low, high) == scale:
                result = (value - low) / (high - low)
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


def describe_priorities(
    texts: Sequence[str], readings: Sequence[_Reading | None], priorities: Sequence[float | None],
    order: PriorityOrder, *, forced: str = "",
) -> str:
    """How a column was read, in words: "5 = most wanted", "'High' = most wanted"."""
    read = [(t, r, p) for t, r, p in zip(texts, readings, priorities, strict=True) if r is not None]
    if not read:
        return "no value could be read"
    schemes = Counter(r.scheme for _, r, _ in read)
    main = schemes.most_common(1)[0][0]
    if main != "number":
        best = max((p or 0.0, -i, t) for i, (t, r, p) in enumerate(read) if r.scheme == main)
        return f"{best[2]!r} = most wanted"
    numbers = [r for _, r, _ in read if r.scheme == "number"]
    if all(r.out_of for r in numbers):
        return "the biggest share is most wanted"
    lower = Counter(r.lower_is_better for r in numbers if not r.out_of).most_common(1)[0][0]
    low = min(r.value for r in numbers)
    if order.scale and (low >= order.scale[0] and max(r.value for r in numbers) <= order.scale[1]):
        said = f"{number(order.scale[0] if lower else order.scale[1])} = most wanted"
    elif lower:
        said = "1 = most wanted" if low == 1 else "the smallest number is most wanted"
    else:
        said = "the biggest number is most wanted"
    if forced:
        return f"{said} (--priority-order {forced})"
    if order.higher_is_better is None:
        return (f"{said} (assumed: the header does not say; "
                f"--priority-order {'high' if lower else 'low'}-first reads it the other way)")
    return said


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


def read_targets(
    data: bytes, name: str, *, sheets: Sequence[str] | None = None, higher_is_better: bool | None = None
) -> TargetList:
    """Read a target list's bytes; every sheet with a company column unless ``sheets`` names some.

    ``higher_is_better`` reads plain numbers in priority columns one way whatever the headers
    say (the user's ``--priority-order``). Raises InputError (one line) for files that hold no
    target list.
    """
    import pandas as pd

    refuse_export(data, name)
    notes: list[str] = []
    warnings: list[str] = []
    records: list[dict[str, object]] = []
    without_company = 0
    read_sheets: list[str] = []
    used: list[ColumnsUsed] = []
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
        columns = _with_symbol_priority(target_columns(header), rows[header_index])
        for role, index in columns.items():  # two "Company" columns: say which one is read
            twins = [i for i, cell in enumerate(header) if cell and cell == header[index] and i != index]
            if twins and role in ("company", "priority"):
                letters = ", ".join(_column_letter(i) for i in twins)
                warnings.append(
                    f"{where}, row {header_index + 1}: {len(twins) + 1} columns are headed "
                    f"{rows[header_index][index].strip()!r}: the {role} is read from column "
                    f"{_column_letter(index)}; column {letters} is kept with each target as it is")
        sheet_records, missing, priority = _read_rows(
            rows, header_index, columns, sheet, where, warnings, higher_is_better
        )
        without_company += missing
        records.extend(sheet_records)
        used.append(_columns_used(sheet, rows, header_index, columns, priority))
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
    return TargetList(frame, notes, warnings, without_company, [s for s in read_sheets if s], used)


def _with_symbol_priority(columns: dict[str, int], header: list[str]) -> dict[str, int]:
    """A "#" or "★" header, which normalises to nothing, as the priority column."""
    if "priority" in columns:
        return columns
    for index, cell in enumerate(header):
        if cell.strip().casefold() in _SYMBOL_PRIORITY_HEADERS and index not in columns.values():
            return {**columns, "priority": index}
    return columns


def _column_letter(index: int) -> str:
    """0 -> "A", 26 -> "AA": a column counted from 0 as a spreadsheet names it."""
    return column_letters(index + 1)


def _extra_headers(rows: list[list[str]], header_index: int, columns: dict[str, int]) -> dict[int, str]:
    """Column index -> header for the columns no field uses; a blank header with cells below it
    is named by its letter ("Column F"), a repeated one gets its letter too ("Notes (F)"), so
    that no cell is lost or overwritten."""
    header = rows[header_index]
    out: dict[int, str] = {}
    for index, cell in enumerate(header):
        if index in columns.values():
            continue
        if not cell.strip() and not any(index < len(r) and r[index].strip() for r in rows[header_index + 1:]):
            continue
        name = " ".join(cell.split()) or f"Column {_column_letter(index)}"
        while name in out.values() or name in (header[i] for i in columns.values()):
            name = f"{name} ({_column_letter(index)})"
        out[index] = name
    return out


def _columns_used(
    sheet: str, rows: list[list[str]], header_index: int, columns: dict[str, int], priority: str
) -> ColumnsUsed:
    header = rows[header_index]
    fields = [(name, " ".join(header[index].split())) for name, index in sorted(columns.items(), key=lambda c: c[1])]
    extras = _extra_headers(rows, header_index, columns)
    return ColumnsUsed(sheet, fields, priority, list(extras.values()))


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
    higher_is_better: bool | None = None,
) -> tuple[list[dict[str, object]], int, str]:
    """The records of one sheet, rows without a company counted, and how priorities read."""
    def cell(row: list[str], fieldname: str) -> str:
        index = columns.get(fieldname)
        return " ".join(row[index].split()) if index is not None and index < len(row) else ""

    header_cells = [normalise_header(c) for c in rows[header_index]]
    extras = _extra_headers(rows, header_index, columns)
    order = priority_order(rows[header_index][columns["priority"]]) if "priority" in columns else PriorityOrder(None)
    if higher_is_better is not None:
        order = PriorityOrder(higher_is_better, order.scale, "--priority-order")
    records: list[dict[str, object]] = []
    readings = []
    texts = []
    missing = 0
    for number_, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        if is_blank_row(row) or [normalise_header(c) for c in row] == header_cells:
            continue
        company = cell(row, "company")
        if not company:
            missing += 1
            continue
        text = cell(row, "priority")
        reading = _read_cell(text, order.higher_is_better)
        if text and reading is None:
            warnings.append(f"{where}, row {number_}: cannot read priority {text!r}; ranked last")
        readings.append(reading)
        texts.append(text)
        extra = {name: row[i].strip() for i, name in extras.items() if i < len(row) and row[i].strip()}
        records.append({
            "name": company, "priority": None, "priority_text": text, "row_order": 0,
            "location": cell(row, "location"), "industry": cell(row, "industry"),
            "roles": cell(row, "roles"), "website": cell(row, "website"),
            "notes": cell(row, "notes"), "sheet": sheet, "row": number_, "extra": extra,
        })
    priorities = normalise_priorities(readings, order.scale)
    if any(p is not None for p in priorities):
        for record, priority in zip(records, priorities, strict=True):
            # A blank priority in a column that has some: the user did not rank it, so last.
            record["priority"] = 0.0 if priority is None else priority
    described = ""
    if "priority" in columns:
        forced = "" if higher_is_better is None else "high-first" if higher_is_better else "low-first"
        described = describe_priorities(texts, readings, priorities, order, forced=forced)
    return records, missing, described


def _fill_row_order_priorities(records: list[dict[str, object]]) -> None:
    """Rows from sheets with no priority at all keep the order of the list, within the middle
    band ``UNRANKED_BAND``: a list with no ranking says nothing about how much its rows are
    wanted next to a list that has one."""
    unranked = [r for r in records if r["priority"] is None]
    first, last = UNRANKED_BAND
    step = (first - last) / max(len(unranked) - 1, 1)
    for order, record in enumerate(records):
        record["row_order"] = order
    for place, record in enumerate(unranked):
        record["priority"] = 0.5 if len(unranked) == 1 else round(first - place * step, 4)


def read_targets_file(
    path: Path, *, sheets: Sequence[str] | None = None, higher_is_better: bool | None = None
) -> TargetList:
    return read_targets(read_path_bytes(path), path.name, sheets=sheets, higher_is_better=higher_is_better)


__all__ = ["ColumnsUsed", "PriorityOrder", "TargetList", "describe_priorities", "holds_targets",
           "normalise_priorities", "priority_order", "read_priority", "read_targets", "read_targets_file",
           "target_columns"]
