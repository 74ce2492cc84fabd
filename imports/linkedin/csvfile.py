"""One LinkedIn CSV file's bytes -> its kind and its columns as lists of strings.

The rules for messy files (encodings, delimiters, files that are not text) are those of
``imports/tabular.py``. The header is found by content among the first rows (the 2024+
Connections.csv has a "Notes:" preamble). Only the columns the readers use are kept, by
normalised header name; cells are kept as written (readers strip what they use).

No pandas here: the csv module reads a 30,000-row Connections.csv in well under 0.1 s, and
importing pandas alone would cost more than that.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice

from outreach.errors import InputError
from outreach.imports.linkedin.bodies import BODY_COLUMNS, Bodies, keep_matching
from outreach.imports.linkedin.files import refuse_non_text
from outreach.imports.linkedin.offers import OFFER_FILTER
from outreach.imports.tabular import (
    FIELD_LIMIT,
    SNIFF_BYTES,
    CsvRows,
    Source,
    find_header_row,
    head_text,
    normalise_header,
    sniff_delimiter,
    source_head,
    swallowed_lines_problem,
    text_encoding,
    unclosed_quote_problem,
)
from outreach.runtime import return_big_blocks

#: Rows looked at for a header: the 2024+ Connections.csv has a three-row preamble.
MAX_HEADER_SCAN = 60
#: More rows than any LinkedIn export holds (LinkedIn's 30,000-connection cap comes with ~100,000
#: messages): a file past it is refused while it is read, before it takes the memory it would.
MAX_ROWS = 1_000_000
#: Fewer for the files LinkedIn itself keeps small, which are read whole into Python objects
#: (~900 bytes a contact): LinkedIn allows 30,000 connections, and far fewer invitations.
MAX_ROWS_OF = {"connections": 40_000, "invitations": 50_000}
#: More columns than any LinkedIn file's header has (they have 3 to 13).
MAX_COLUMNS = 200

FILE_NAMES = {"connections": "Connections.csv", "messages": "messages.csv", "invitations": "Invitations.csv"}

# Per kind: columns that must all be there, and every column the readers use (normalised).
KIND_COLUMNS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "connections": (
        frozenset({"first name", "last name"}),
        ("first name", "last name", "url", "email address", "company", "position", "connected on",
         # LinkedIn's pre-2018 export was an Outlook contacts file: its e-mail and position columns
         "e mail address", "job title"),
    ),
    "messages": (
        frozenset({"from", "date", "content"}),
        (
            "conversation id", "from", "sender profile url", "to", "recipient profile urls",
            "date", "folder", "is message draft", "is conversation draft", "direction",
            "content",  # searched for offers of help (imports/linkedin/messages.py)
            # not read, but they make a messages header outscore the others:
            "conversation title", "subject",
        ),
    ),
    "invitations": (
        frozenset({"from", "to", "sent at", "direction"}),
        ("from", "to", "sent at", "message", "direction", "inviterprofileurl", "inviteeprofileurl"),
    ),
}
_NOT_READ = {"conversation title", "subject"}
_BOM = b"\xef\xbb\xbf"


#: Columns kept as text rather than coded: almost every message has its own time.
TEXT_COLUMNS = frozenset({"date"})
@dataclass
class CsvTable:
    """A LinkedIn CSV file, read: the rows under its header, by column."""

    name: str
    kind: str  # 'connections' | 'messages' | 'invitations'
    columns: dict[str, list[str]]  # normalised header -> one cell per row ('' where missing)
    rows: int  # rows under the header, ragged ones left out
    encoding: str
    preamble: list[list[str]]  # rows above the header (the 2024+ "Notes:" paragraph)
    notes: list[str] = field(default_factory=list)
    ragged_rows: int = 0  # rows with more (non-empty) cells than the header: left out, counted
    #: BODY_COLUMNS (message bodies): only the cells that match a filter are kept (see Bodies)
    bodies: dict[str, Bodies] = field(default_factory=dict)
    #: rows with nothing in any cell (blank lines): counted, not kept (15 MB of newlines would
    #: otherwise be 15 million rows of empty cells)
    blank_rows: int = 0

    def has(self, name: str) -> bool:
        return name in self.columns

    def column(self, name: str) -> list[str]:
        """A column by normalised name; all '' when the file does not have it."""
        found = self.columns.get(name)
        return found if found is not None else [""] * self.rows


def header_kind(cells: Sequence[str]) -> tuple[str | None, int]:
    """(kind, number of recognised columns) for a row of normalised cells."""
    present = set(cells)
    best: tuple[str | None, int] = (None, 0)
    for kind, (required, known) in KIND_COLUMNS.items():
        score = len(present.intersection(known))
        if required <= present and score >= 3 and score > best[1]:
            best = (kind, score)
    return best


def plain_messages_header(data: bytes) -> list[str] | None:
    """The header of a messages.csv as LinkedIn writes it (UTF-8, commas, header on the first
    line, conversation ids), else None. Such a file can take the fast way in
    (``imports/linkedin/coded.py``)."""
    start = len(_BOM) if data.startswith(_BOM) else 0
    end = data.find(b"\n", start)
    if end < 0:
        return None
    try:
        header = next(csv.reader(io.StringIO(data[start:end].decode("utf-8").rstrip("\r"))))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    normalised = [normalise_header(h) for h in header]
    if header_kind(normalised)[0] != "messages" or "conversation id" not in normalised:
        return None
    return header


def read_linkedin_csv(data: Source, name: str, *, expect: str | None = None) -> CsvTable:
    """Read one LinkedIn CSV file. Raises InputError when it is not one, naming ``name``.

    Rows are read one at a time from the bytes (no copy of the file's text), and a cell equal to
    one above it in its column is kept once: memory stays near the file's size. Message bodies
    are not kept, except the few that may offer help (see ``CsvTable.bodies``). ``data`` may
    be a function opening the file as a stream (a zip member): it is then read a few times over
    (its encoding checked, its rows read) and never whole in memory."""
    refuse_non_text(data if isinstance(data, bytes) else source_head(data, SNIFF_BYTES + 1), name)
    return_big_blocks()
    encoding, notes = text_encoding(data, name)
    head_of_file = head_text(data, encoding)
    if len(head_of_file) >= SNIFF_BYTES and not any(end in head_of_file[:SNIFF_BYTES] for end in "\r\n"):
        raise InputError(f"{name}: its first line is longer than {SNIFF_BYTES >> 10} KB, where a LinkedIn "
                         f"file's header is a few dozen words: {_NOT_AN_EXPORT}")
    delimiter = sniff_delimiter(head_of_file)
    reader = CsvRows(data, encoding, delimiter)
    rows = iter(reader)
    try:
        head = list(islice(rows, MAX_HEADER_SCAN))
        try:
            index, kind = _locate_header(head, name, expect)
        except InputError:
            for _ in rows:  # an unclosed quote may be why no header is found: say that instead
                pass
            if (line := reader.unclosed_quote_line()) is not None:
                raise InputError(unclosed_quote_problem(name, line)) from None
            raise
        header = head[index]
        if len(header) > MAX_COLUMNS:
            raise InputError(f"{name}: its header has {len(header):,} columns, where LinkedIn's files have "
                             f"a dozen or so: {_NOT_AN_EXPORT}")
        table = _Columns(name, len(header), _wanted_columns(header, kind), kind)
        table.notes += _twice(header, kind, name)
        table.add(head[index + 1 :])
        table.add(rows)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise InputError(f"{name}: a cell longer than {FIELD_LIMIT >> 20} MB, where LinkedIn's longest "
                             f"messages are a few KB: {_NOT_AN_EXPORT}") from exc
        raise InputError(f"{name}: not a readable CSV file ({exc}); re-save it as CSV UTF-8") from exc
    if (line := reader.unclosed_quote_line()) is not None:
        raise InputError(unclosed_quote_problem(name, line))
    if (lines := reader.swallowed_lines()) is not None:
        raise InputError(swallowed_lines_problem(name, *lines))
    if delimiter != ",":
        label = {"\t": "tab", ";": "semicolon", "|": "pipe"}[delimiter]
        notes.append(f"{name} is {label}-separated")
    notes += table.notes
    return CsvTable(name, kind, table.columns, table.rows, encoding, head[:index], notes, table.ragged,
                    bodies=table.finish_bodies(), blank_rows=table.blank)


_NOT_AN_EXPORT = "the file is damaged or not a LinkedIn export: download the export again"


def too_many_rows(name: str, kind: str = "messages") -> str:
    if kind == "connections":
        return (f"{name}: more than {MAX_ROWS_OF[kind]:,} rows, where LinkedIn allows 30,000 connections: "
                f"{_NOT_AN_EXPORT}")
    if kind in MAX_ROWS_OF:
        return f"{name}: more than {MAX_ROWS_OF[kind]:,} rows, far more than LinkedIn's: {_NOT_AN_EXPORT}"
    return (f"{name}: more than {MAX_ROWS:,} rows, where a LinkedIn export at its 30,000-connection "
            f"cap holds about 100,000: {_NOT_AN_EXPORT}")


_NO_SHARING: dict[str, str] = {}
#: Rows turned into columns (and message bodies filtered) this many at a time.
_CHUNK_ROWS = 4096


class _Columns:
    """The wanted columns of the rows under a header, filled a few thousand rows at a time."""

    def __init__(self, name: str, width: int, wanted: dict[int, str], kind: str) -> None:
        self.name, self.width, self.kind = name, width, kind
        self.most_rows = MAX_ROWS_OF.get(kind, MAX_ROWS)
        self.rows = self.ragged = self.blank = 0
        self.notes: list[str] = []
        self.columns: dict[str, list[str]] = {}
        self._plain: list[tuple[int, list[str], dict[str, str]]] = []
        self._bodies: list[tuple[int, str]] = [(p, key) for p, key in wanted.items() if key in BODY_COLUMNS
                                               and kind == "messages"]
        for position, key in wanted.items():
            if (position, key) not in self._bodies:
                self.columns[key] = []
                # a dict shares equal cells (a name, a URL, a conversation id comes back many
                # times); it would only cost memory for a column of (nearly) unique cells
                self._plain.append((position, self.columns[key], _NO_SHARING if key in TEXT_COLUMNS else {}))
        self._kept: dict[str, tuple[list[int], list[str]]] = {key: ([], []) for _, key in self._bodies}

    def add(self, rows: Iterable[list[str]]) -> None:
        rows = iter(rows)
        while chunk := list(islice(rows, _CHUNK_ROWS)):
            self._add_chunk(chunk)

    def _add_chunk(self, chunk: list[list[str]]) -> None:
        width = self.width
        if self.rows + self.ragged + self.blank + len(chunk) > self.most_rows:
            raise InputError(too_many_rows(self.name, self.kind))
        if any(len(r) != width or not r[0] for r in chunk):
            kept = []
            for row in chunk:
                if not any(c.strip() for c in row):
                    self.blank += 1  # a blank line, or a row of empty cells: counted, not kept
                elif len(row) > width and any(c.strip() for c in row[width:]):
                    self.ragged += 1  # more non-empty cells than the header: they cannot be trusted
                elif len(row) < width:  # short rows and blank lines: padded with ''
                    kept.append(row + [""] * (width - len(row)))
                else:
                    kept.append(row)
            chunk = kept
        if not chunk:
            return
        # zip(*rows) turns rows into columns in C. Every row has at least `width` cells now (some
        # have empty ones beyond it), so stopping at the shortest row loses nothing we read.
        columns = list(zip(*chunk, strict=False))
        for position, cells, seen in self._plain:
            column = columns[position]
            cells.extend(column if seen is _NO_SHARING else map(seen.setdefault, column, column))
        first = self.rows
        self.rows += len(chunk)
        for position, key in self._bodies:  # only the bodies that may offer help are kept
            column = columns[position]
            rows, cells = self._kept[key]
            for i in keep_matching(list(column), OFFER_FILTER):
                rows.append(first + i)
                cells.append(column[i])

    def finish_bodies(self) -> dict[str, Bodies]:
        return {key: Bodies(rows, cells, OFFER_FILTER) for key, (rows, cells) in self._kept.items()}


def _locate_header(rows: Sequence[Sequence[str]], name: str, expect: str | None) -> tuple[int, str]:
    index = find_header_row(rows, lambda cells: header_kind(cells)[1], max_scan=MAX_HEADER_SCAN, minimum=3)
    kind = None if index is None else header_kind([normalise_header(c) for c in rows[index]])[0]
    if index is None or kind is None:
        if (edited := _missing_columns(rows, expect)) is not None:
            kind, missing = edited
            columns = " and ".join(", ".join(missing).rsplit(", ", 1))
            raise InputError(
                f"{name} looks like LinkedIn's {FILE_NAMES[kind]} without its {columns} "
                f"column{'s' if len(missing) > 1 else ''}: put {'them' if len(missing) > 1 else 'it'} "
                "back, or give the file as it came in your LinkedIn export"
            )
        wanted = FILE_NAMES.get(expect or "", "a Connections.csv, messages.csv or Invitations.csv")
        raise InputError(
            f"{name} is not a LinkedIn export file (no {wanted.removeprefix('a ')} header in its "
            f"first {MAX_HEADER_SCAN} rows): give the file from your LinkedIn data export"
        )
    if expect is not None and kind != expect:
        raise InputError(
            f"{name} holds LinkedIn {kind}, not {expect}: check the file, or download the export again"
        )
    return index, kind


def _missing_columns(rows: Sequence[Sequence[str]], expect: str | None) -> tuple[str, list[str]] | None:
    """(kind, missing columns) for a LinkedIn header a user took a required column out of: four
    of its columns or more, but not all it needs (a Connections.csv without its name columns)."""
    best: tuple[int, str, list[str]] | None = None
    for row in rows[:MAX_HEADER_SCAN]:
        present = {normalise_header(c) for c in row}
        for kind, (required, known) in KIND_COLUMNS.items():
            score = len(present.intersection(known))
            if (required - present and score >= 4 and kind == (expect or kind)
                    and (best is None or score > best[0])):
                missing = [c.title() for c in known if c in required - present]
                best = (score, kind, missing)
    return None if best is None else (best[1], best[2])


def _wanted_columns(header: Sequence[str], kind: str) -> dict[int, str]:
    """Position -> normalised name for the columns the reader uses (first one wins)."""
    known = set(KIND_COLUMNS[kind][1]) - _NOT_READ
    wanted: dict[int, str] = {}
    for position, cell in enumerate(header):
        key = normalise_header(cell)
        if key in known and key not in wanted.values():
            wanted[position] = key
    return wanted


def _twice(header: Sequence[str], kind: str, name: str) -> list[str]:
    """A note for each column the reader uses that the header names more than once."""
    known = set(KIND_COLUMNS[kind][1]) - _NOT_READ
    where: dict[str, list[int]] = {}
    for position, cell in enumerate(header):
        if (key := normalise_header(cell)) in known:
            where.setdefault(key, []).append(position + 1)
    return [f"{name} has {len(places)} {header[places[0] - 1].strip()!r} columns (columns "
            f"{', '.join(map(str, places[:-1]))} and {places[-1]}): the first is read"
            for places in where.values() if len(places) > 1]
