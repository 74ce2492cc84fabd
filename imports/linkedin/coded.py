"""messages.csv as coded columns: each column as integer codes into its distinct values.

A messages.csv at LinkedIn's 30,000-connection cap holds ~100,000 messages (35 MB, mostly
message bodies, which only a regular expression reads: ``CodedTable.search``). Python's csv
module needs ~0.8 s for that on a 2-core machine, and then every per-row step in Python costs
~0.1 s more. So:

- ``read_coded_messages`` parses a plain UTF-8 messages.csv (what LinkedIn writes) with
  pyarrow's multi-threaded CSV reader, reading only the columns used, and dictionary-encodes
  them: the reader then works on numpy arrays of codes and calls Python once per distinct
  value. Anything unusual (another encoding, a preamble, ragged or short rows, blank lines,
  NUL bytes, duplicate headers) returns None, and the careful csv-module path
  (``linkedin_csv``) reads the file instead, with its notes and counts.
- ``CodedTable.from_csv`` codes a table read by that careful path, so both end in the same
  reader (``linkedin_messages``).

Imported only when a messages file is read: numpy and pyarrow stay off ``outreach --help``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from outreach.errors import InputError
from outreach.imports.linkedin.bodies import BODY_COLUMNS, Bodies, use_jemalloc
from outreach.imports.linkedin.csvfile import (
    KIND_COLUMNS,
    MAX_COLUMNS,
    MAX_ROWS,
    TEXT_COLUMNS,
    CsvTable,
    plain_messages_header,
    too_many_rows,
)
from outreach.imports.linkedin.offers import OFFER_FILTER
from outreach.imports.linkedin.values import map_distinct, parse_datetime
from outreach.imports.tabular import SNIFF_BYTES, Source, normalise_header, source_head
from outreach.runtime import return_big_blocks

if TYPE_CHECKING:
    import pyarrow as pa

#: Message bodies (BODY_COLUMNS): most of a messages.csv's bytes, and only ever searched for
#: offers of help. Both paths filter them as they read (RE2 over each batch, in C++), keep the
#: few cells that match ``OFFER_FILTER`` as ``Bodies`` and drop the rest: no Python string is
#: made for a body that does not match, and the file's bodies are never all in memory at once.

_BOM = b"\xef\xbb\xbf"


@dataclass
class CodedTable:
    """A messages table: coded columns (codes, distinct values) and text columns."""

    name: str
    rows: int
    encoding: str
    #: per column, (codes, distinct values): the values may still be pyarrow's, made Python
    #: strings when first asked for (a column of ids, such as CONVERSATION ID, never needs them)
    coded: dict[str, tuple[np.ndarray, list[str] | pa.Array]]
    texts: dict[str, list[str]]
    notes: list[str] = field(default_factory=list)
    ragged_rows: int = 0
    #: datetime64[s] per row for time columns read without making a Python string per cell
    times: dict[str, np.ndarray] = field(default_factory=dict)
    #: BODY_COLUMNS: the cells that match a filter, the others dropped while reading
    bodies: dict[str, Bodies] = field(default_factory=dict)
    #: blank lines the careful path counted and did not keep
    blank_rows: int = 0
    _tested: dict[tuple[str, Callable[[str], bool]], np.ndarray] = field(default_factory=dict, repr=False,
                                                                         compare=False)

    def has(self, name: str) -> bool:
        return name in self.coded or name in self.texts or name in self.bodies

    def codes(self, name: str) -> tuple[np.ndarray, list[str]]:
        """(codes, distinct values) of a column; all '' when the file does not have it."""
        found = self.coded.get(name)
        if found is None:
            return np.zeros(self.rows, dtype=np.int64), [""]
        codes, values = found
        if not isinstance(values, list):
            values = values.to_pylist()
            self.coded[name] = (codes, values)
        return codes, values

    def distinct(self, name: str) -> int:
        """How many distinct values a column has (1 when the file does not have it)."""
        found = self.coded.get(name)
        return 1 if found is None else len(found[1])

    def take(self, rows: np.ndarray) -> None:
        """Keep only ``rows`` (ascending row numbers), numbered 0, 1, 2... in that order, and
        of each column's values only those they use."""
        for name, (codes, values) in list(self.coded.items()):
            used, kept = np.unique(codes[rows], return_inverse=True)
            if isinstance(values, list):
                self.coded[name] = (kept.reshape(-1), [values[i] for i in used.tolist()])
            else:
                self.coded[name] = (kept.reshape(-1), values.take(_arrow_ints(used)))
        self.texts = {name: [cells[i] for i in rows.tolist()] for name, cells in self.texts.items()}
        self.times = {name: times[rows] for name, times in self.times.items()}
        for name, found in self.bodies.items():
            at = np.searchsorted(rows, np.asarray(found.rows, dtype=np.int64))
            hit = at < len(rows)
            hit[hit] = rows[at[hit]] == np.asarray(found.rows, dtype=np.int64)[hit]
            self.bodies[name] = Bodies(at[hit].tolist(), [c for c, h in zip(found.cells, hit.tolist(), strict=True) if h],
                                       found.pattern)
        self.rows = len(rows)
        self._tested.clear()

    def codes_only(self, name: str) -> np.ndarray:
        """The codes of a column, without making its values."""
        found = self.coded.get(name)
        return np.zeros(self.rows, dtype=np.int64) if found is None else found[0]

    def drop_values(self, name: str) -> None:
        """Free a column's distinct values, which will not be asked for again (its codes stay)."""
        if name in self.coded:
            self.coded[name] = (self.coded[name][0], [])

    def release(self, keep: tuple[str, ...] = ()) -> None:
        """Drop every column but ``keep``: what was read from them takes their memory."""
        self.coded = {name: found for name, found in self.coded.items() if name in keep}
        self._tested = {key: found for key, found in self._tested.items() if key[0] in keep}
        self.texts.clear()
        self.times.clear()
        self.bodies.clear()

    def text(self, name: str) -> list[str]:
        found = self.texts.get(name)
        if found is None and name in self.times:
            raise ValueError(f"{name!r} was read as times only: use timestamps()")
        if found is None:
            codes, values = self.codes(name)
            return [values[c] for c in codes.tolist()]
        return found

    def timestamps(self, name: str) -> np.ndarray:
        """A time column as datetime64[s] (NaT where blank or unreadable)."""
        found = self.times.get(name)
        if found is None:
            found = self.times[name] = timestamps(self.text(name))
        return found

    def blank(self, name: str) -> np.ndarray:
        """Which rows have nothing (or only spaces) in the column, as a bool array."""
        if name in self.times and name not in self.texts:
            return np.zeros(self.rows, dtype=bool)  # every cell was a time (see _times)
        return np.array([not cell.strip() for cell in self.text(name)], dtype=bool)

    def flags(self, name: str, test: Callable[[str], bool]) -> np.ndarray:
        """``test`` of each row's cell, as a bool array; ``test`` runs once per distinct value."""
        tested = self.tested(name, test)
        return tested[self.codes_only(name)] if name in self.coded else np.full(self.rows, tested[0])

    def tested(self, name: str, test: Callable[[str], bool]) -> np.ndarray:
        """``test`` of each distinct value of a column (by code), as a bool array; worked out
        once per column and test (blank FROM values are asked for twice)."""
        found = self._tested.get((name, test))
        if found is None:
            n = self.distinct(name)
            found = self._tested[name, test] = np.fromiter(map(test, self.values_at(name, np.arange(n))),
                                                           dtype=bool, count=n)
        return found

    def values_at(self, name: str, codes: np.ndarray) -> Iterator[str]:
        """The values of ``codes`` of a column, in that order. Values still pyarrow's are made
        Python strings a block at a time, and not kept: a column of (nearly) unique cells, such
        as profile URLs, is never whole as Python strings."""
        found = self.coded.get(name)
        if found is None:
            yield from ("" for _ in range(len(codes)))
            return
        values = found[1]
        if isinstance(values, list):
            yield from map(values.__getitem__, codes.tolist())
            return
        for start in range(0, len(codes), _VALUES_BLOCK):
            yield from values.take(_arrow_ints(codes[start : start + _VALUES_BLOCK])).to_pylist()

    def search(self, name: str, rows: np.ndarray, pattern: str) -> tuple[np.ndarray, list[str]]:
        """Which of ``rows`` (row numbers) have a body cell matching ``pattern``: (their
        positions in ``rows``, their cells' text). Only the pattern the bodies were filtered
        with while reading can be searched for (the other cells were not kept). No rows when
        the file has no such column."""
        found = self.bodies.get(name)
        if found is None or not len(rows) or not found.rows:
            return np.zeros(0, dtype=np.int64), []
        if pattern != found.pattern:
            raise ValueError(f"the bodies of {self.name} were kept for another pattern")
        kept = np.asarray(found.rows, dtype=np.int64)
        at = np.minimum(np.searchsorted(kept, rows), len(kept) - 1)
        hit = kept[at] == rows
        return np.flatnonzero(hit), [found.cells[i] for i in at[hit].tolist()]

    @classmethod
    def from_csv(cls, table: CsvTable) -> CodedTable:
        columns = {name: cells for name, cells in table.columns.items() if name not in BODY_COLUMNS}
        coded: dict[str, tuple[np.ndarray, list[str] | pa.Array]] = {
            name: factorize(cells) for name, cells in columns.items() if name not in TEXT_COLUMNS}
        texts = {name: cells for name, cells in columns.items() if name in TEXT_COLUMNS}
        bodies = dict(table.bodies)
        return cls(table.name, table.rows, table.encoding, coded, texts, list(table.notes), table.ragged_rows,
                   bodies=bodies, blank_rows=table.blank_rows)


# pyarrow makes arrays of Python lists and numpy arrays through pandas (~0.5 s to import it), so
# arrays go in and out of pyarrow through their buffers.


def _positions(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """``pyarrow.compute.indices_nonzero``'s answer (uint64, no nulls) as int64 numpy."""
    import pyarrow as pa

    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if not len(array):
        return np.zeros(0, dtype=np.int64)
    values = np.frombuffer(array.buffers()[1], dtype=np.uint64)
    return values[array.offset : array.offset + len(array)].astype(np.int64)


_VALUES_BLOCK = 1 << 14


def factorize(cells: list[str]) -> tuple[np.ndarray, list[str]]:
    """(codes, distinct values in order of first appearance)."""
    index: dict[str, int] = {}
    codes = np.fromiter((index.setdefault(c, len(index)) for c in cells), dtype=np.int64, count=len(cells))
    return codes, list(index)


def in_order_of_appearance(codes: np.ndarray) -> np.ndarray:
    """The distinct codes, in the order they first appear (which decides ids, and so ties)."""
    distinct, first = np.unique(codes, return_index=True)
    return distinct[np.argsort(first, kind="stable")]


def read_coded_messages(data: Source, name: str, header: list[str] | None = None) -> CodedTable | None:
    """A plain UTF-8 messages.csv through pyarrow, or None to read it the careful way.

    ``data``: the file's bytes, or a function opening it as a stream (a zip member, unpacked a
    block at a time as it is read: the whole file is never in memory). ``header``:
    ``plain_messages_header`` of its start, when the caller has it already.
    """
    head = source_head(data, SNIFF_BYTES + 1)
    header = header or plain_messages_header(head)
    if header is not None and len(header) > MAX_COLUMNS:
        return None  # the careful way says what is wrong with it
    if header is None or (isinstance(data, bytes) and b"\x00" in data):
        return None
    start = len(_BOM) if head.startswith(_BOM) else 0
    used = set(KIND_COLUMNS["messages"][1]) - {"conversation title", "subject"}
    normalised = [normalise_header(h) for h in header]
    wanted = {raw: key for raw, key in zip(header, normalised, strict=True) if key in used}
    if len(set(wanted.values())) != len(wanted) or len(set(header)) != len(header):
        return None  # duplicate headers: the careful path decides which column counts
    parsed = _parse(data, name, start, header, wanted)
    if parsed is None:
        return None
    table, bodies = parsed
    del parsed  # or it would keep every column of the table to the end
    coded: dict[str, tuple[np.ndarray, list[str] | pa.Array]] = {}
    texts: dict[str, list[str]] = {}
    times: dict[str, np.ndarray] = {}
    rows = table.num_rows
    for raw, key in wanted.items():
        if key in BODY_COLUMNS:
            continue
        column = table.column(raw)
        table = table.drop_columns([raw])  # its memory goes once it is coded
        if key not in TEXT_COLUMNS:
            coded[key] = _codes(column)
        elif (found := _times(column)) is not None:
            times[key] = found
        else:
            texts[key] = column.to_pylist()
        del column
    encoding = "utf-8-sig" if start else "utf-8"
    return CodedTable(name, rows, encoding, coded, texts, times=times, bodies=bodies)


#: Bytes pyarrow parses at a time: the bodies of one block are filtered before the next is read.
_BLOCK = 1 << 19


def _parse(data: Source, name: str, start: int, header: list[str], wanted: dict[str, str]
           ) -> tuple[pa.Table, dict[str, Bodies]] | None:
    """The wanted columns but the bodies, as a table; the bodies filtered by ``OFFER_FILTER``
    block by block. None for anything pyarrow will not read, or a NUL in a cell (the careful
    way reads it)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv

    use_jemalloc()
    return_big_blocks()
    columns = list(wanted)
    body_columns = [raw for raw, key in wanted.items() if key in BODY_COLUMNS]
    kept = {raw: Bodies([], [], OFFER_FILTER) for raw in body_columns}
    batches = []
    rows = 0
    stream = None
    if isinstance(data, bytes):
        source = pa.py_buffer(data).slice(start)
    else:
        source = stream = data()
        stream.read(start)
    try:
        reader = pa_csv.open_csv(
            source,
            # One thread: on a small machine the other core is busy reading the other files.
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1, use_threads=False,
                                            block_size=_BLOCK),
            # A blank line is a row to count as blank: the careful path does that.
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                include_columns=columns,
                column_types=dict.fromkeys(columns, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=True,
            ),
        )
        # A line inside a cell with a comma for each other column, or a message's time: a row
        # (or part of one) taken in by a quote mark left open. The careful way reads such a
        # file, and CsvRows.swallowed_lines tells whether it was.
        swallowed = (f"[\r\n](?:[^\r\n,]*,){{{len(header) - 1}}}"
                     r"|[\r\n][^\r\n]*,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC,")
        for batch in reader:
            for cells in batch.columns:
                multiline = pc.match_substring(cells, "\n")
                if pc.any(multiline).as_py() and pc.any(
                        pc.match_substring_regex(cells.filter(multiline), swallowed)).as_py():
                    return None
            for raw in body_columns:
                cells = batch.column(raw)
                hits = pc.match_substring_regex(cells, OFFER_FILTER, ignore_case=True)
                found = _positions(pc.indices_nonzero(hits))
                kept[raw].rows.extend((found + rows).tolist())
                kept[raw].cells.extend(cells.filter(hits).to_pylist())
            batch = batch.select([c for c in columns if c not in kept])
            if stream is not None and any(pc.any(pc.match_substring(c, "\x00")).as_py() for c in batch.columns):
                return None
            batches.append(batch)
            rows += batch.num_rows
            if rows > MAX_ROWS:
                raise InputError(too_many_rows(name))
    except (pa.ArrowException, ValueError):  # anything pyarrow will not read: the careful way
        return None
    finally:
        if stream is not None:
            stream.close()
    schema = pa.schema([(c, pa.string()) for c in columns if c not in kept])
    return pa.Table.from_batches(batches, schema=schema), {wanted[raw]: bodies for raw, bodies in kept.items()}


_UTC = np.frombuffer(b" UTC", dtype=np.uint8)


def _times(column: pa.ChunkedArray) -> np.ndarray | None:
    """LinkedIn's ``2024-12-16 18:24:37 UTC`` in every cell, parsed straight from the column's
    bytes by numpy (no Python string per message), a chunk at a time; None for anything else
    (blank or other formats), which then goes cell by cell through ``timestamps``."""
    parsed = [_chunk_times(chunk) for chunk in column.chunks if len(chunk)]
    if not parsed or any(p is None for p in parsed):
        return None
    return np.concatenate(parsed)  # type: ignore[arg-type]


def _chunk_times(array: pa.Array) -> np.ndarray | None:
    n = len(array)
    if array.null_count:
        return None
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset : array.offset + n + 1]
    if not (np.diff(offsets) == 23).all():
        return None
    cells = np.frombuffer(array.buffers()[2], dtype=np.uint8, count=23 * n, offset=int(offsets[0]))
    cells = cells.reshape(n, 23)
    if not (cells[:, 19:] == _UTC).all():
        return None
    try:  # numpy's ISO parser refuses impossible dates (2024-02-30), as parse_datetime does
        return np.ascontiguousarray(cells[:, :19]).view("S19").ravel().astype("datetime64[s]")
    except ValueError:
        return None


def timestamps(cells: list[str]) -> np.ndarray:
    """datetime64[s] per cell (NaT where blank or unreadable).

    messages.csv's ``2024-12-16 18:24:37 UTC`` goes through numpy's ISO parser in one call;
    any other format falls back to ``parse_datetime`` per distinct value.
    """
    try:
        # Anything after the seconds but " UTC" becomes "?", which numpy refuses.
        return np.array([v[:19].strip() if v[19:] in ("", " UTC") else "?" for v in cells],
                        dtype="datetime64[s]")
    except ValueError:
        pass
    parsed = map_distinct(cells, parse_datetime)
    return np.array([p if p is not None else "NaT" for p in parsed], dtype="datetime64[s]")


def _codes(column: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """(codes, distinct values): the values stay pyarrow's until asked for as Python strings.
    Coded chunk by chunk, which share one dictionary: the column is never copied whole."""
    import pyarrow as pa
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column)
    chunks = [chunk for chunk in encoded.chunks if len(chunk)]
    if not chunks:
        return np.zeros(0, dtype=np.int32), pa.array([], type=pa.string())
    # Straight from the buffers: pyarrow's to_numpy() would import pandas (~0.5 s).
    codes = np.concatenate([
        np.frombuffer(c.indices.buffers()[1], dtype=np.int32)[c.indices.offset : c.indices.offset + len(c)]
        for c in chunks])
    return codes, chunks[-1].dictionary


def _arrow_ints(values: np.ndarray) -> pa.Array:
    """int64 numpy as a pyarrow array, through its buffer (pa.array() would import pandas)."""
    import pyarrow as pa

    values = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])
