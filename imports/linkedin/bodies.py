"""Message bodies, kept only where they may offer help.

The bodies (CONTENT) are most of a messages.csv's bytes, and the import only ever searches them
for offers of help (``imports/linkedin/offers.py``). Both ways of reading the file (pyarrow's, in
``coded.py``, and the csv module's, in ``csvfile.py``) filter the bodies as they read, a batch at
a time: RE2 (pyarrow's regex engine, in C++) runs ``OFFER_FILTER`` over the batch, the few cells
that match are kept as text with their row numbers (``Bodies``), and the rest are dropped. So no
Python string is made for a body that does not match, and the file's bodies are never all in
memory at once (issue 14: memory at most 3 x the export's size).

numpy and pyarrow are imported when a batch is first filtered, not with this module.
"""

from __future__ import annotations

from typing import NamedTuple

#: Columns of message bodies (normalised header names).
BODY_COLUMNS = frozenset({"content"})


class Bodies(NamedTuple):
    """The cells of a body column that match ``pattern`` (RE2 syntax, any case): their row
    numbers, in order, and their text. The other cells are not kept."""

    rows: list[int]
    cells: list[str]
    pattern: str


def use_jemalloc() -> None:
    """Make jemalloc pyarrow's allocator where this pyarrow has it: the default (mimalloc) keeps
    ~30 MB more of the freed blocks of a 35 MB file resident (benchmarks/memory.py)."""
    import contextlib

    import pyarrow as pa

    with contextlib.suppress(NotImplementedError, pa.ArrowException):
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        pa.jemalloc_set_decay_ms(0)  # freed pages go back at once, not ten seconds later


def keep_matching(cells: list[str], pattern: str) -> list[int]:
    """Positions of the ``cells`` matching ``pattern`` (RE2 syntax, any case), found in C++."""
    if not cells:
        return []
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    use_jemalloc()
    # Built from buffers: pa.array() of a Python list would import pandas (~40 MB, 0.5 s).
    # "replace": a lone surrogate would not be UTF-8, which the regex engine expects.
    encoded = [cell.encode("utf-8", "replace") for cell in cells]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
    data = pa.py_buffer(b"".join(encoded))
    array = pa.Array.from_buffers(pa.large_string(), len(encoded), [None, pa.py_buffer(offsets), data])
    hits = pc.indices_nonzero(pc.match_substring_regex(array, pattern, ignore_case=True))
    return [int(i) for i in hits.to_pylist()]
