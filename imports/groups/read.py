"""A catalogue of networking groups (CSV, XLSX or ODS) -> a DataFrame + warnings.

Users keep these by hand, so the header is found by its content and columns by synonym. Free
text (cost, schedule, duration, visitors, contract, salary band) is read into numbers next to
the original text; a value that cannot be read leaves its number blank and adds a warning
naming the row and the column. Nothing here touches SQLite, Click or the terminal.

Columns are found by ``columns``' synonyms. The other imports' files are refused by their
content: a LinkedIn export or one of its files, and a list of target employers (its "Employer"
or "Organisation" column would read as groups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from outreach.errors import InputError
from outreach.groups.schedule import parse_duration, parse_schedule
from outreach.imports.groups.columns import GROUP_FIELDS, catalogue_key, column_unit, group_columns
from outreach.imports.groups.fields import (
    parse_contract,
    parse_cost,
    parse_salary,
    parse_visitors,
    parse_volunteer_hours,
)
from outreach.imports.linkedin.recognise import linkedin_table, refusal, refuse_export
from outreach.imports.tabular import (
    find_header_row,
    is_blank_row,
    normalise_header,
    read_path_bytes,
    read_table_file,
)
from outreach.imports.targets import MAX_HEADER_SCAN, holds_targets

if TYPE_CHECKING:
    import pandas as pd

#: The kinds of group DESIGN.md section 6 lists; first matching pattern wins.
KINDS: tuple[tuple[str, str], ...] = (
    ("online community", r"online (community|group|forum)|slack|discord|forum|linkedin group|"
                         r"facebook group|web community|mailing list"),
    ("executive group", r"executive|\bexec\b|c-suite|senior leaders"),
    ("referral club", r"referral|\bbni\b|leads? (group|club|exchange)|business networking (club|group)"),
    ("chamber", r"chamber"),
    ("speaking club", r"toastmaster|speaking|speakers? club"),
    ("support group", r"support|venting|encouragement"),
    ("job club", r"job|career|employment|workforce|ministry|church|library|transition|seekers?"),
    ("alumni", r"alumni|alumnae|alumnus|grads? club"),
    ("professional association", r"association|society|chapter|institute|\bpmi\b|\bshrm\b|"
                                 r"\bieee\b|\bisaca\b|professional"),
    ("meetup", r"meetup|meet-up|user group|hack night"),
    ("networking group", r"networking|breakfast club|business (club|group)|builders"),
    ("social", r"social|mixer|happy hour|\bclub\b"),
)
FOCI: tuple[tuple[str, str], ...] = (
    ("job search", r"job|career|employment|hiring|work search|re-?employment"),
    ("business referrals", r"referral|\bleads?\b"),
    ("education", r"educat|learn|speak|training|skill|professional development|workshop|"
                  r"technical|\btalks?\b|lecture"),
    ("emotional support", r"support|emotion|vent|encourag|wellbe|grief|coping|morale"),
    ("social", r"social|\bfun\b|friend|mixer|happy hour|drinks"),
    ("business", r"business(?! referral)|networking|industry|commerce|clients?|sales|connections"),
)
FORMATS: tuple[tuple[str, str], ...] = (
    ("facilitated", r"facilitat|coach|moderat|led by|guided|mentor"),
    ("structured", r"structur|agenda|timed|round ?robin|pitch|roundtable|accountab|mastermind"),
    ("speaker", r"speaker|presentation|\btalk|panel|workshop|webinar|seminar|class|lecture|training"),
    ("open", r"open|mingl|mixer|unstructured|free-?form|social|sharing|discussion|drop-?in|"
             r"\bchat|casual|networking"),
)
_ONLINE_CITY = re.compile(r"^(online|virtual|remote|zoom|web|internet|anywhere|global|worldwide|"
                          r"slack|discord|teams|n/?a)\b", re.IGNORECASE)
_ONE_SEAT = re.compile(
    r"one (seat|member|person|spot|rep\w*) (per|for each) (profession|industry|category|trade|"
    r"specialty|business type)|category[- ]exclusive|exclusive (seat|category)|one per "
    r"(profession|industry|category|trade)|one of each profession",
    re.IGNORECASE,
)
_NOT_EXCLUSIVE = re.compile(r"non-?exclusive|no (category )?exclusivity|not exclusive", re.I)

COLUMNS = (
    "row", "name", "kind", "kind_text", "city", "online", "cost_text", "free", "cost_per_year",
    "join_fee", "meets_text", "meetings_per_month", "asynchronous", "duration_text",
    "duration_hours", "duration_per", "focus", "focus_text", "format", "format_text",
    "visitors_text", "visitors_policy", "max_visits", "contract_text", "contract_months",
    "salary_text", "salary_min", "salary_max", "career_level", "industries", "url", "notes",
    "one_seat", "volunteer_hours",
)


@dataclass
class GroupCatalogue:
    frame: pd.DataFrame                      # one row per group, COLUMNS
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # encoding, delimiter, which sheet


def _header_score(cells: list[str]) -> int:
    return len(group_columns(cells))


def classify(text: str, rules: tuple[tuple[str, str], ...]) -> list[str]:
    """Every canonical value whose pattern matches ``text``, in rule order."""
    return [name for name, pattern in rules if re.search(pattern, text, re.IGNORECASE)]


def _refuse_other_imports(rows: list[list[str]], header_index: int | None, name: str) -> None:
    """InputError when the rows are another import's file: LinkedIn's, or a list of employers
    that has no column a catalogue would have."""
    kind = linkedin_table(rows)
    if kind is not None:
        raise refusal(name, kind)
    for row in rows[: MAX_HEADER_SCAN if header_index is None else header_index + 1]:
        cells = [normalise_header(c) for c in row]
        found = group_columns(cells)
        if holds_targets(cells) and not ("name" in found and found.keys() & GROUP_FIELDS):
            raise InputError(f"{name} holds target employers, not networking groups: import it "
                             "with `outreach import targets`")


def _pick_rows(data: bytes, name: str, notes: list[str], warnings: list[str]) -> list[list[str]]:
    """The rows of the sheet that looks most like a catalogue; which kinds of file are read,
    and how, is ``read_table_file``'s policy."""
    table = read_table_file(data, name)
    notes.extend(table.notes)
    warnings.extend(table.warnings)
    scored = []
    for sheet_name, rows in table.sheets.items():
        index = find_header_row(rows, _header_score)
        score = _header_score([normalise_header(c) for c in rows[index]]) if index is not None else 0
        scored.append((score, sheet_name, rows))
    if not scored:
        raise InputError(f"{name} has no sheets: save it again from Excel or LibreOffice")
    best = max(scored, key=lambda item: item[0])
    if len(table.sheets) > 1:
        notes.append(f"{name}: read sheet {best[1]!r}")
    return best[2]


def read_groups(data: bytes, name: str) -> GroupCatalogue:
    """Read a group catalogue's bytes. Raises InputError (one line) on input that is no catalogue."""
    import pandas as pd

    refuse_export(data, name)
    notes: list[str] = []
    warnings: list[str] = []
    rows = _pick_rows(data, name, notes, warnings)
    header_index = find_header_row(rows, _header_score)
    _refuse_other_imports(rows, header_index, name)
    if header_index is None:
        raise InputError(
            f"{name}: no header row found (expected columns such as name, type, city, cost, "
            "meets): is this a catalogue of networking groups?"
        )
    header = rows[header_index]
    columns = group_columns([normalise_header(c) for c in header])
    if "name" not in columns:
        raise InputError(
            f"{name}: no column for the group's name (looked for a header such as "
            f"'Name', 'Group' or 'Organization'; found {', '.join(repr(h) for h in header if h)})"
        )
    if "city" not in columns:
        notes.append(f"{name}: no city column, so distances cannot be used")
    records: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for offset, raw in enumerate(rows[header_index + 1:], start=header_index + 2):
        if is_blank_row(raw):
            continue

        def cell(key: str, raw: list[str] = raw) -> str:
            index = columns.get(key)
            return raw[index].strip() if index is not None and index < len(raw) else ""

        group_name = " ".join(cell("name").split())
        if not group_name:
            warnings.append(f"row {offset}: no group name; row skipped")
            continue
        key = (catalogue_key(group_name), catalogue_key(cell("city")))
        if key in seen:
            warnings.append(
                f"row {offset}: {group_name!r} repeats row {seen[key]}; kept the first"
            )
            continue
        seen[key] = offset

        def warn(key: str, what: str, value: str, row: int = offset) -> None:
            warnings.append(f"row {row}, column {header[columns[key]]!r}: cannot read {value!r} "
                            f"as {what}; left blank")

        records.append(_record(offset, group_name, cell, warn, warnings, header, columns))
    if not records:
        raise InputError(f"{name}: the header was found but there are no groups below it")
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    return GroupCatalogue(frame=frame, warnings=warnings, notes=notes)


def _unit(header: list[str], columns: dict[str, int], key: str) -> tuple[str, str]:
    """The unit and period the header of column ``key`` gives its bare numbers ("", "" if none)."""
    return column_unit(key, normalise_header(header[columns[key]])) if key in columns else ("", "")


def _record(row: int, name: str, cell: Any, warn: Any, warnings: list[str],
            header: list[str], columns: dict[str, int]) -> dict[str, Any]:
    """One catalogue row: the original texts and the numbers read from them."""
    kind_text, city = cell("kind"), " ".join(cell("city").split())
    kinds = classify(kind_text, KINDS) or classify(name, KINDS)
    kind = kinds[0] if kinds else "other"
    if kind_text and not classify(kind_text, KINDS):
        warnings.append(f"row {row}, column {header[columns['kind']]!r}: type {kind_text!r} not "
                        f"recognised; {'read as ' + kind + ' from the name' if kinds else 'kept as other'}")
    online = kind == "online community" or bool(_ONLINE_CITY.match(city))

    def note(key: str, text: str) -> None:
        warnings.append(f"row {row}, column {header[columns[key]]!r}: {text}")

    schedule = parse_schedule(cell("meets"))
    if schedule is None and cell("meets"):
        warn("meets", "a schedule", cell("meets"))
    per_month = schedule.per_month if schedule else None

    duration_unit, duration_per = _unit(header, columns, "duration")
    duration = parse_duration(cell("duration"), duration_unit, duration_per)
    if duration is None and cell("duration"):
        warn("duration", "hours", cell("duration"))
    elif duration is not None and duration.note:
        note("duration", f"{cell('duration')!r} {duration.note}")
    hours = duration.hours if duration else None
    if hours is None and schedule and schedule.start and schedule.end:
        start, end = schedule.start, schedule.end
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        hours = round(minutes / 60, 2) if minutes > 0 else None

    cost = parse_cost(cell("cost"), _unit(header, columns, "cost")[1])
    if cost is None and cell("cost"):
        warn("cost", "a cost", cell("cost"))
    elif cost is not None and cost.note:
        note("cost", f"{cell('cost')!r}: {cost.note}")
    if cost is not None and cost.per_meeting and per_month is None:
        note("cost", f"{cell('cost')!r} is per meeting but the schedule is unknown; "
                     "counted one meeting a month")
    cost_per_year = cost.first_year(per_month if per_month is not None else 1.0) if cost else None

    visitors = parse_visitors(cell("visitors"))
    if visitors is None and cell("visitors"):
        warn("visitors", "a visitor policy", cell("visitors"))
    contract = parse_contract(cell("contract"))
    if contract is None and cell("contract"):
        warn("contract", "a contract length", cell("contract"))
    elif contract is not None and contract[1]:
        note("contract", f"{cell('contract')!r}: {contract[1]}")
    salary = parse_salary(cell("salary"))
    if salary is None and cell("salary"):
        warn("salary", "a salary band or career level", cell("salary"))
    elif salary is not None and salary.reversed:
        note("salary", f"{cell('salary')!r} names the top of the band first: read as "
                       f"{salary.low:,}-{salary.high:,}")

    focus_text, format_text, notes_text = cell("focus"), cell("format"), cell("notes")
    foci = classify(focus_text, FOCI)
    if focus_text and not foci:
        warn("focus", "a focus (job search, business referrals, education, business, social, "
                      "emotional support)", focus_text)
    formats = classify(format_text, FORMATS)
    if format_text and not formats:
        warn("format", "a format (facilitated, structured, speaker, open)", format_text)
    every_text = " ".join((kind_text, notes_text, cell("visitors"), cell("contract")))
    one_seat = bool(_ONE_SEAT.search(every_text)) or (
        kind == "referral club" and not _NOT_EXCLUSIVE.search(every_text)
    )
    return {
        "row": row, "name": name, "kind": kind, "kind_text": kind_text, "city": city,
        "online": online, "cost_text": cell("cost"),
        "free": cost.free if cost else None,
        "cost_per_year": cost_per_year, "join_fee": cost.join_fee if cost else None,
        "meets_text": cell("meets"), "meetings_per_month": per_month,
        "asynchronous": bool(schedule and schedule.asynchronous),
        "duration_text": cell("duration"), "duration_hours": hours,
        "duration_per": duration.per if duration else "meeting",
        "focus": ", ".join(foci), "focus_text": focus_text,
        "format": formats[0] if formats else "", "format_text": format_text,
        "visitors_text": cell("visitors"),
        "visitors_policy": visitors.policy if visitors else "",
        "max_visits": visitors.max_visits if visitors else None,
        "contract_text": cell("contract"),
        "contract_months": contract[0] if contract else None,
        "salary_text": cell("salary"),
        "salary_min": salary.low if salary else None,
        "salary_max": salary.high if salary else None,
        "career_level": salary.level if salary else "",
        "industries": cell("industries"), "url": cell("url"), "notes": notes_text,
        "one_seat": one_seat,
        "volunteer_hours": parse_volunteer_hours(" ".join((cell("cost"), notes_text,
                                                           cell("contract")))),
    }


def read_groups_file(path: Path) -> GroupCatalogue:
    return read_groups(read_path_bytes(path), path.name)
