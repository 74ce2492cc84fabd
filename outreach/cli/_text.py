"""The one home of the CLI's wording: counts, numbers, and text cut to fit a terminal column.

``plural``, ``number`` and ``listed`` are the library's own (``outreach.wording``: import notes
and reasons use them too); the rest is about terminals. Import them all from here in the CLI.

Text from the user's files reaches a terminal only through ``shown`` (``cut`` and
``_app.echo`` call it): a name in a friend's export holding ``ESC ] 0 ; … BEL`` would otherwise
retitle the terminal, ``ESC [ 2 J`` clear it, a CR overwrite the line, U+202E print the rest of
the line backwards. ``shown`` keeps every character but makes these visible, one for one:

- C0 controls and DEL become their Unicode "control pictures" (ESC ``␛``, BEL ``␇``,
  CR ``␍``, LF ``␊``, TAB ``␉``, DEL ``␡``): one column each, and plainly not text;
- C1 controls (U+0080–U+009F), the bidirectional controls (U+202A–U+202E, U+2066–U+2069,
  LRM, RLM, ALM) and lone surrogates (undecodable bytes) become the escape Python would
  write, as text: ``\\x9b``, ``\\u202e``.
"""

from __future__ import annotations

import re
import unicodedata

from outreach.wording import listed, number, plural

__all__ = ["cut", "listed", "more", "number", "pad", "plural", "shown", "terminal_safe_json", "width"]


#: Bidirectional controls: they reorder what follows on the line ("Trojan Source").
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def _visible(code: int) -> str | None:
    """What ``shown`` prints for the character ``code``; None when it prints as itself."""
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 CONTROL PICTURE FOR NULL, ... ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    # (a lone surrogate, from undecodable bytes, could not even be encoded for the terminal)
    if 0x80 <= code < 0xA0 or code in _BIDI or 0xD800 <= code < 0xE000:
        return ascii(chr(code))[1:-1]  # \x9b, \u202e
    return None


class _Visible(dict[int, str]):
    """``str.translate`` table built as characters are met (most text needs no lookup twice)."""

    def __missing__(self, code: int) -> str:
        self[code] = _visible(code) or chr(code)
        return self[code]


_VISIBLE = _Visible()


def shown(text: str) -> str:
    """``text`` safe to print on a terminal: every control and bidi character made visible
    (see the module's doc), everything else as it is."""
    return text.translate(_VISIBLE)


#: What json.dumps(ensure_ascii=False) leaves as itself but a terminal may act on: DEL, C1
#: controls, bidi controls and lone surrogates (json escapes C0 controls already).
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe_json(text: str) -> str:
    """``text`` (JSON) with the characters a terminal may act on written as ``\\uXXXX``: the
    same JSON values, read back exactly. They can only stand inside strings, where the escape
    means the same character."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def width(text: str) -> int:
    """Columns a terminal gives ``text``: wide characters (CJK, most emoji) take two, combining
    marks (an accent written after its letter) and the zero-width joiner none."""
    return sum(_char_width(c) for c in text)


def _char_width(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me") or char == "\u200d":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def cut(text: str, columns: int) -> str:
    """``text`` on one line in at most ``columns`` terminal columns, ending in "…" when cut.

    Line breaks and runs of spaces become one space (a company or a name copied from a web
    page may hold a newline, which would break the table), other controls are made visible
    (``shown``), and wide characters count two. The cut falls between what one character is
    shown as (``\\u202e`` is kept whole or left out) and never after a letter before its
    accent or joiner.
    """
    text = " ".join(text.split())
    units: list[str] = []
    for char in text:
        if units and (_char_width(char) == 0 or units[-1].endswith("\u200d")):
            units[-1] += char  # an accent stays with its letter, a joined emoji whole
        else:
            units.append(shown(char))
    if sum(width(u) for u in units) <= columns:
        return "".join(units)
    kept, used = [], 0
    for unit in units:
        used += width(unit)
        if used > columns - 1:  # one column for the "…"
            break
        kept.append(unit)
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
