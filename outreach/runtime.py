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
