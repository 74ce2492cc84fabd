"""How counts are written in sentences a user reads: "1 message", "30,000 contacts".

Every layer builds such sentences (import notes, the reasons a group is left out, the CLI's
summaries), so the rule lives here, below them all, with no imports of its own. The CLI takes
these through ``outreach.cli._text``, which adds what only a terminal needs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def number(n: float) -> str:
    """A count or amount as people read it: thousands separated, no needless decimals.

    ``number(30000) -> "30,000"``, ``number(2.0) -> "2"``, ``number(1.5) -> "1.5"``.
    """
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.2f}".rstrip("0").rstrip(".")
    return f"{int(n):,}"


def plural(n: float, word: str, plural_word: str | None = None) -> str:
    """``n`` and ``word``, the word agreeing with the count.

    The plural is ``word + "s"`` unless given: ``plural(2, "company", "companies")``,
    ``plural(3, "person", "people")``. Only exactly one is singular ("0 messages", "1.5 hours").
    """
    return f"{number(n)} {word if n == 1 else plural_word or word + 's'}"


def listed(items: Sequence[str], shown: int, *, separator: str = ", ") -> str:
    """The first ``shown`` items, then how many more: "Acme, Globex, Initech and 2 more"."""
    text = separator.join(items[:shown])
    rest = len(items) - shown
    return f"{text} and {number(rest)} more" if rest > 0 else text


def article(phrase: str) -> str:
    """"a" or "an" before ``phrase``, by its sound: "an analytics engineer", "a UX designer",
    "an HR partner", "a university", "an hour"."""
    first = phrase.strip().split(" ", 1)[0] if phrase.strip() else ""
    if not first:
        return "a"
    if first.isupper() and 1 < len(first) <= 5:  # read letter by letter: an MBA, a UX lead
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    low = first.casefold()
    if low.startswith(("uni", "use", "usu", "uti", "eu", "one", "once", "ubi", "ura")):
        return "a"
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    return "an" if low[0] in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """``phrase`` after its article: "an analytics engineer"."""
    return f"{article(phrase)} {phrase.strip()}"


def alphabetical(text: str) -> str:
    """A sort key for names as a reader looks them up: accents and case aside ('Álvarez' with
    the A's, not after 'Zhou')."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.casefold()
