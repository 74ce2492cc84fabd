"""Process-wide settings for the heavy commands."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Turn off the cyclic garbage collector for a bulk step.

    Importing a 30,000-row export or matching 20,000 company names allocates a few hundred
    thousand small objects and frees none of them in cycles; the collector would walk them all
    again and again (a tenth to a fifth of the time). Reference counting still frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: glibc's mallopt parameter for the size from which blocks are mapped on their own.
_M_MMAP_THRESHOLD = -3


def return_big_blocks() -> None:
    """Blocks of 256 KiB and more go back to the system as soon as they are freed.

    Reading a 35 MB messages.csv a block at a time allocates and frees many such blocks (the
    unzipped data, pyarrow's input). glibc maps the first of them on their own, then raises
    that threshold to the size of the first one freed and serves the rest from its heap, which
    it keeps: ~20 MB more resident for nothing (benchmarks/memory.py). A fixed threshold keeps
    mapping them. glibc only; elsewhere nothing changes.
    """
    import contextlib
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # musl and the like: no glibc
        ctypes.CDLL("libc.so.6").mallopt(_M_MMAP_THRESHOLD, 256 * 1024)
