"""The one home of the CLI's wording: counts, numbers, and text cut to fit a terminal column.

``plural``, ``number`` and ``listed`` are the library's own (``outreach.wording``: import notes
and reasons use them too); the rest is about terminals. Import them all from here in the CLI.
"""

from __future__ import annotations

import unicodedata

from outreach.wording import listed, number, plural

__all__ = ["cut", "listed", "more", "number", "pad", "plural", "width"]


def width(text: str) -> int:
    """Columns a terminal gives ``text``: wide characters (CJK, most emoji) take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cut(text: str, columns: int) -> str:
    """``text`` on one line in at most ``columns`` terminal columns, ending in "…" when cut.

    Line breaks and runs of spaces become one space (a company or a name copied from a web
    page may hold a newline, which would break the table), and wide characters count two.
    """
    text = " ".join(text.split())
    if width(text) <= columns:
        return text
    kept, used = [], 0
    for char in text:
        used += width(char)
        if used > columns - 1:  # one column for the "…"
            break
        kept.append(char)
    return "".join(kept) + "…" if columns > 0 else ""


def pad(text: str, columns: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``columns`` terminal columns (to the right when ``right``)."""
    space = " " * (columns - width(text))
    return space + text if right else text + space


def more(n: int, word: str = "", plural_word: str | None = None) -> str:
    """The line after a shortened list: "... and 3 more", "... and 1 more warning"."""
    if not word:
        return f"... and {number(n)} more"
    return f"... and {plural(n, 'more ' + word, plural_word and 'more ' + plural_word)}"
