"""The rest of a LinkedIn export: what it says about its owner (issue 15).

    read = read_extras({"positions": [("Positions.csv in Basic_...zip", data)], ...})
    read.files["positions"].records     # Position(...) rows, as written, in the file's order
    read.notes                          # one line per file that could not be read

One reader per file, all alike: columns found by name (case, spacing and punctuation do not
matter; ``imports/linkedin/extrakinds.py`` lists the names and what each file keeps), the
header among the first rows, any encoding or delimiter ``imports/tabular.py`` reads, quoted
multi-line cells (the Summary and Description LinkedIn writes), and a file split in parts
(``Saved Jobs_1.csv``, ``_2``) read as one. These files are extras: a file that cannot be read
is a note naming it (``read_extras``), never a failed import of the contacts.

- A file of 0 bytes says nothing (a broken download): ``ExtraFile.empty``, and the workspace
  keeps what it had. A file with only its header says "none" (every company unfollowed).
- Blank rows are skipped silently; a row without what its table needs (a position without a
  company) is skipped and counted; a date that cannot be read is left '' and noted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from outreach.errors import InputError
from outreach.imports.linkedin.extracells import ExtraRow
from outreach.imports.linkedin.extrakinds import KINDS
from outreach.imports.linkedin.files import refuse_non_text
from outreach.imports.tabular import (
    find_header_row,
    normalise_header,
    read_text_table,
)

#: Rows looked at for a header (none of these files has a preamble; Excel may add a title).
MAX_HEADER_SCAN = 20
RAGGED = "more cells than the header"
_BOM_AND_BLANKS = b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"


@dataclass
class ExtraFile:
    """One optional file (or its parts), read."""

    kind: str  # a key of extrakinds.KINDS: 'positions', 'endorsements_received', ...
    name: str  # the file's label, or the parts' labels joined
    records: list[Any]  # the kind's NamedTuple per row kept, in the file's order
    rows_read: int = 0
    encoding: str = ""
    empty: bool = False  # 0 bytes (or only a BOM): says nothing, changes nothing
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


@dataclass
class ExtrasRead:
    """The optional files of one export that were found: read ones by kind, and a note for
    each one that could not be read (named, with what to do)."""

    files: dict[str, ExtraFile] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def kind_of(name: str) -> str | None:
    """Which optional file a path is, by its base name (any case, any folder), or None."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return next((key for key, kind in KINDS.items() if kind.pattern.fullmatch(base)), None)


def read_extras(found: Mapping[str, Sequence[tuple[str, bytes]]]) -> ExtrasRead:
    """Read every optional file found, as {kind: [(label, bytes) per part]}. Never raises for
    a bad file: its InputError becomes a note naming it, and the other files are read."""
    read = ExtrasRead()
    for key in KINDS:  # in the catalogue's order, whatever order they were found in
        parts = found.get(key)
        if not parts:
            continue
        try:
            read.files[key] = read_extra(key, parts)
        except InputError as exc:
            read.notes.append(f"{exc} ({KINDS[key].what} not imported)")
    return read


def read_extra(key: str, parts: Sequence[tuple[str, bytes]]) -> ExtraFile:
    """One optional file, or its parts, as (label, bytes). Raises InputError naming the file
    when it is not the LinkedIn file its name says (no header with the columns it needs, not
    text, an unclosed quote)."""
    kind = KINDS[key]
    label = parts[0][0] if len(parts) == 1 else f"{parts[0][0]} and {len(parts) - 1} more part" + (
        "s" if len(parts) > 2 else "")
    result = ExtraFile(key, label, [])
    encodings: list[str] = []
    bad_dates: list[str] = []
    for name, data in parts:
        if not data.strip(_BOM_AND_BLANKS):
            continue
        table, encoding, notes = _rows(name, data)
        encodings.append(encoding)
        result.notes += notes
        index = find_header_row(table, kind.header_score, max_scan=MAX_HEADER_SCAN, minimum=kind.minimum)
        if index is None:
            raise InputError(
                f"{name} is not LinkedIn's {kind.file_name} (no {kind.needs} column in its first "
                f"{MAX_HEADER_SCAN} rows): give the file as it came in your LinkedIn export"
            )
        where = kind.positions([normalise_header(c) for c in table[index]])
        width = len(table[index])
        for cells in table[index + 1:]:
            if not any(c.strip() for c in cells):
                continue
            result.rows_read += 1
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                result.skipped[RAGGED] += 1  # shifted: its cells cannot be trusted
                continue
            row = ExtraRow({f: cells[p] for f, p in where.items() if p < len(cells)}, bad_dates)
            record = kind.build(row)
            if isinstance(record, str):
                result.skipped[record] += 1
            else:
                result.records.append(record)
    if not encodings:
        result.empty = True
        result.notes.append(f"{label} is empty: {kind.what} left as they were")
        return result
    result.encoding = encodings[0] if len(set(encodings)) == 1 else ", ".join(dict.fromkeys(encodings))
    if bad_dates:
        shown = ", ".join(repr(d[:40]) for d in bad_dates[:3])
        more = f" and {len(bad_dates) - 3} more" if len(bad_dates) > 3 else ""
        result.notes.append(f"{label}: dates not understood (kept without a date): {shown}{more}")
    result.skipped = +result.skipped
    return result


def _rows(name: str, data: bytes) -> tuple[list[list[str]], str, list[str]]:
    """A text file's rows of cells, its encoding and notes (encoding fallbacks, delimiter):
    ``tabular.read_text_table``'s, after the optional file's own advice for one that is not text."""
    refuse_non_text(data, name, optional=True)
    table = read_text_table(data, name)
    return table.rows, table.encoding, table.notes


__all__ = ["ExtraFile", "ExtrasRead", "kind_of", "read_extra", "read_extras"]
