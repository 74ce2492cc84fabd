"""One LinkedIn CSV file's bytes -> its kind and a DataFrame of strings, header found by content.

The rules for messy files (encodings, delimiters, files that are not text) are those of
``imports/tabular.py``. This module adds speed: a 35 MB messages.csv goes through pandas' C
parser straight from the bytes, reading only the columns needed (the message bodies are never
turned into Python strings). Anything unusual (not UTF-8, ragged rows) falls back to
``read_text_table``, which is slower and never guesses.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from imports.linkedin_files import refuse_non_text
from imports.tabular import (
    SNIFF_BYTES,
    find_header_row,
    normalise_header,
    read_text_table,
    sniff_delimiter,
)
from outreach.errors import InputError

#: Rows looked at for a header: the 2024+ Connections.csv has a three-row preamble.
MAX_HEADER_SCAN = 60

FILE_NAMES = {"connections": "Connections.csv", "messages": "messages.csv", "invitations": "Invitations.csv"}

# Per kind: columns that must all be there, and every column the readers use (normalised).
KIND_COLUMNS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "connections": (
        frozenset({"first name", "last name"}),
        ("first name", "last name", "url", "email address", "company", "position", "connected on"),
    ),
    "messages": (
        frozenset({"from", "date", "content"}),
        (
            "conversation id", "from", "sender profile url", "to", "recipient profile urls",
            "date", "folder", "is message draft", "is conversation draft", "direction",
            # not read, but they make a messages header outscore the others:
            "conversation title", "subject", "content",
        ),
    ),
    "invitations": (
        frozenset({"from", "to", "sent at", "direction"}),
        ("from", "to", "sent at", "message", "direction", "inviterprofileurl", "inviteeprofileurl"),
    ),
}
_NOT_READ = {"conversation title", "subject", "content"}


@dataclass
class CsvFrame:
    """A LinkedIn CSV file, read: the rows under its header as strings ('' when empty)."""

    name: str
    kind: str  # 'connections' | 'messages' | 'invitations'
    frame: pd.DataFrame  # columns named by normalise_header(); only the ones the readers use
    encoding: str
    preamble: list[list[str]]  # rows above the header (the 2024+ "Notes:" paragraph)
    notes: list[str] = field(default_factory=list)
    ragged_rows: int = 0  # rows with more cells than the header: left out, counted

    def column(self, name: str) -> pd.Series:
        """A column by normalised name; a column of '' when the file does not have it."""
        if name in self.frame.columns:
            return self.frame[name]
        return pd.Series("", index=self.frame.index, dtype=object)


def header_kind(cells: Sequence[str]) -> tuple[str | None, int]:
    """(kind, number of recognised columns) for a row of normalised cells."""
    present = set(cells)
    best: tuple[str | None, int] = (None, 0)
    for kind, (required, known) in KIND_COLUMNS.items():
        score = len(present.intersection(known))
        if required <= present and score >= 3 and score > best[1]:
            best = (kind, score)
    return best


def read_linkedin_csv(data: bytes, name: str, *, expect: str | None = None) -> CsvFrame:
    """Read one LinkedIn CSV file. Raises InputError when it is not one, naming ``name``."""
    refuse_non_text(data, name)
    frame = _read_fast(data, name, expect)
    if frame is None:
        frame = _read_slow(data, name, expect)
    return frame


def _locate_header(rows: Sequence[Sequence[str]], name: str, expect: str | None) -> tuple[int, str]:
    index = find_header_row(rows, lambda cells: header_kind(cells)[1], max_scan=MAX_HEADER_SCAN, minimum=3)
    kind = None if index is None else header_kind([normalise_header(c) for c in rows[index]])[0]
    if index is None or kind is None:
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


def _wanted_columns(header: Sequence[str], kind: str) -> dict[int, str]:
    """Position -> normalised name for the columns the reader uses (first one wins)."""
    known = set(KIND_COLUMNS[kind][1]) - _NOT_READ
    wanted: dict[int, str] = {}
    for position, cell in enumerate(header):
        key = normalise_header(cell)
        if key in known and key not in wanted.values():
            wanted[position] = key
    return wanted


def _read_fast(data: bytes, name: str, expect: str | None) -> CsvFrame | None:
    """UTF-8 files through pandas' C parser. None: use the careful path instead."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    head = data[bom : bom + SNIFF_BYTES]
    if len(data) > bom + SNIFF_BYTES:
        head = head[: head.rfind(b"\n") + 1]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text or "\x00" in text:
        return None
    delimiter = sniff_delimiter(text)
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(lines), delimiter=delimiter)
    rows: list[list[str]] = []
    ends: list[int] = []  # lines consumed after each record
    try:
        for row in reader:
            rows.append([c.strip() for c in row])
            ends.append(reader.line_num)
            if len(rows) >= MAX_HEADER_SCAN:
                break
    except csv.Error:
        return None
    index, kind = _locate_header(rows, name, expect)
    body_start = bom + len("".join(lines[: ends[index]]).encode("utf-8"))
    wanted = _wanted_columns(rows[index], kind)
    width = len(rows[index])
    # pandas with usecols passes rows with extra cells silently, so two spare columns catch
    # them (left out and counted, as on the careful path). pandas sizes the columns by the
    # header, so it is replaced by a blank one that is two cells wider.
    spare = [width, width + 1]
    try:
        frame = pd.read_csv(
            io.BytesIO(b"".join((delimiter.encode() * (width + 1), b"\n", memoryview(data)[body_start:]))),
            sep=delimiter,
            header=0,
            names=range(width + 2),
            usecols=[*sorted(wanted), *spare],
            dtype=object,
            na_filter=False,
            skip_blank_lines=False,
            index_col=False,
            encoding="utf-8",
            engine="c",
        )
    except (UnicodeDecodeError, ValueError, pd.errors.ParserError):
        return None
    ragged = (frame[spare[0]] != "") | (frame[spare[1]] != "")
    frame = frame.loc[~ragged, sorted(wanted)] if ragged.any() else frame[sorted(wanted)]
    frame.columns = [wanted[p] for p in sorted(wanted)]
    encoding = "utf-8-sig" if bom else "utf-8"
    return CsvFrame(
        name, kind, frame.reset_index(drop=True), encoding, rows[:index],
        _delimiter_notes(name, delimiter), int(ragged.sum()),
    )


def _delimiter_notes(name: str, delimiter: str) -> list[str]:
    if delimiter == ",":
        return []
    label = {"\t": "tab", ";": "semicolon", "|": "pipe"}[delimiter]
    return [f"{name} is {label}-separated"]


def _read_slow(data: bytes, name: str, expect: str | None) -> CsvFrame:
    try:
        table = read_text_table(data, name)
    except UnicodeDecodeError as exc:  # tabular lets this through for a BOM + invalid UTF-8
        raise InputError(
            f"{name}: starts like UTF-8 but is not (byte {data[exc.start + 3]:#04x}); "
            "re-save it as CSV UTF-8 or download the export again"
        ) from exc
    index, kind = _locate_header(table.rows, name, expect)
    header = table.rows[index]
    body = table.rows[index + 1 :]
    width = len(header)
    wanted = _wanted_columns(header, kind)
    ragged = [len(r) > width and any(c for c in r[width:]) for r in body]
    kept = [r for r, bad in zip(body, ragged, strict=True) if not bad]
    columns = {
        key: [r[pos] if pos < len(r) else "" for r in kept] for pos, key in sorted(wanted.items())
    }
    frame = pd.DataFrame(columns, dtype=object) if kept else pd.DataFrame({k: [] for k in columns}, dtype=object)
    return CsvFrame(
        name, kind, frame, table.encoding, table.rows[:index], list(table.notes), sum(ragged)
    )
