"""Safe cell values for the workbook: text that never becomes a formula, links only for safe
schemes, dates, and valid sheet and table names.

These rules hold for both kinds of cell the writer makes: openpyxl cells (``styles.make_cell``:
the summary sheet and header rows) and the list sheets' data rows, which ``outreach.workbook.rows``
writes as XML itself from the same ``converter`` and ``clean_text``. Pure Python: the reader uses
them too without loading openpyxl.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import re
import zlib
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote, urlsplit

from outreach.workbook.spec import Formula

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Excel's limit on the characters in one cell (counted in UTF-16 code units).
MAX_CELL_CHARS = 32_767
#: Excel's limit on a hyperlink's address.
MAX_LINK_CHARS = 2_000
#: Excel's limit on a sheet name.
MAX_SHEET_NAME = 31

# openpyxl raises on these (they are illegal in XML 1.0); lone surrogates and U+FFFE/U+FFFF
# cannot be encoded in the file either, so they go too.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A cell whose text starts with one of these is read as a formula when the user edits it
# (or when another program imports it): the classic formula-injection vectors. A leading CR
# is stored as LF, so LF counts too; the full-width forms are included because some East
# Asian input setups treat them the same way.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_BREAKS = re.compile(r"[\t\n\r\x85\u2028\u2029]")
_SHEET_NAME_FORBIDDEN = re.compile(r"[:\\/?*\[\]]")
_EMAIL = re.compile(r"[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:]+")
# Names Excel would read as a cell reference (A1, XFD1048576, R1C1, R, C) cannot name a table.
_CELL_REF_LIKE = re.compile(r"[A-Za-z]{1,3}\d+|[RrCc]|[Rr]\d*[Cc]\d*", re.ASCII)
# Characters a hyperlink address keeps as they are; everything else is percent-encoded, so a
# space, a quote or a non-ASCII letter cannot make Excel "repair" the file.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"

TRUNCATION_MARKER = " … [cut: the full text had {n:,} characters]"


#: Excel day numbers a date column may hold as a plain number (a date typed into a cell
#: formatted General, as LibreOffice stores it): 1954-10-03 to 2119-01-10.
_SERIALS = (20_000, 80_000)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?")
_WORDED = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d %b", "%d %B", "%b %d", "%B %d")


def as_date(value: Any, today: dt.date | None = None) -> Any:
    """Dates for date columns, however they were typed: midnight datetimes; an Excel day number
    in a cell formatted General (46364); text as people write dates ("2026-12-15", "Dec 10",
    "10 December 2026", "15/12/2026", "12/15/2026"; a day and month without a year is the next
    such day from a few months back). Ambiguous text ("5/6/2026") and anything else stays as
    it is."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _SERIALS[0] <= value <= _SERIALS[1] and float(value).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return value
        found = _text_date(text, today or dt.date.today())
        return found if found is not None else value
    return value


def _text_date(text: str, today: dt.date) -> dt.date | None:
    clean = " ".join(_ORDINAL.sub("", text.replace(",", " ")).split())
    if not clean or len(clean) > 24:
        return None
    numeric = _NUMERIC_DATE.fullmatch(clean)
    if numeric:
        a, b, year = int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:
            return None  # 5/6: May or June? Left as typed
        years = [2000 + int(year) if year and len(year) == 2 else int(year)] if year else []
        return _made(years, month, day, today)
    for pattern in _WORDED:
        try:
            parsed = dt.datetime.strptime(clean, pattern)
        except ValueError:
            continue
        return _made([parsed.year] if "%Y" in pattern else [], parsed.month, parsed.day, today)
    return None


def _made(years: list[int], month: int, day: int, today: dt.date) -> dt.date | None:
    try:
        if years:
            return dt.date(years[0], month, day)
        made = dt.date(today.year, month, day)
        return dt.date(today.year + 1, month, day) if (today - made).days > 180 else made
    except ValueError:
        return None


def fingerprint(value: Any) -> str:
    """A short token for a cell's value as a reader gives it back, "" for an empty cell.

    The same for the value a plan wrote (after ``converter`` and ``clean_text``) and for that
    cell read back by calamine or openpyxl, whichever program saved it since: text is compared
    without surrounding blanks, numbers to 12 significant digits (LibreOffice keeps 15), dates
    as dates and times to the second. Anything else the user put there gives another token.
    """
    kind = type(value)
    if kind is str:
        text = value.strip()
        if not text:
            return ""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
    elif value is None:
        return ""
    elif kind is bool:
        text = f"\x00b{value:d}"
    elif kind is int or kind is float:
        number = float(value)
        if not math.isfinite(number):
            return ""
        text = f"\x00n{number:.12g}"
    elif isinstance(value, dt.datetime):
        if value.time() == dt.time():
            text = f"\x00d{value.date().isoformat()}"
        else:
            rounded = (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
            text = f"\x00t{rounded.isoformat()}"
    elif isinstance(value, dt.date):
        text = f"\x00d{value.isoformat()}"
    else:
        text = f"\x00{kind.__name__}{value}"
    return format(zlib.crc32(text.encode("utf-8", "surrogatepass")), "08x")


#: Between the cells of a row in ``row_text`` (repr never leaves one in its text).
CELL_SEPARATOR = "\x1f"
_DATE_REPR = re.compile(r"datetime\.(date|datetime|time)\(([\d, ]*)\)")


def shown(value: Any) -> Any:
    """A cell's value as a reader gives it back: a whole number as an int (as openpyxl gave it,
    and ``read`` makes calamine give it)."""
    if type(value) is float and value.is_integer() and -1e16 < value < 1e16:
        return int(value)
    return value


def row_text(values: list[Any]) -> str:
    """A row of cells (as ``shown``) as text that keeps each value's type: rows that read back
    as written give the same text; ``same_cell`` compares one cell of it."""
    return CELL_SEPARATOR.join(map(repr, values))


def same_cell(text: str, value: Any) -> bool:
    """Whether a cell read back holds the value written as ``text`` (one cell of ``row_text``),
    however the program that saved it since stores it (see ``fingerprint``)."""
    return repr(value) == text or fingerprint(value) == fingerprint(value_of_text(text))


def value_of_text(text: str) -> Any:
    """The value one cell of ``row_text`` holds (text that is no value stays text)."""
    found = _DATE_REPR.fullmatch(text)
    if found:
        kind = {"date": dt.date, "datetime": dt.datetime, "time": dt.time}[found.group(1)]
        try:
            return kind(*(int(part) for part in found.group(2).split(",") if part.strip()))
        except (TypeError, ValueError):
            return text
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text


def utf16_len(text: str) -> int:
    """Length as Excel counts it: characters outside the BMP count twice."""
    return len(text.encode("utf-16-le")) // 2


def clean_text(text: str) -> str:
    """``text`` without characters a workbook cannot hold, cut to fit one cell."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    if "\r" in text:  # the file format keeps line breaks as LF only: say so, not silently
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_CELL_CHARS // 2 and utf16_len(text) > MAX_CELL_CHARS:
        marker = TRUNCATION_MARKER.format(n=len(text))
        keep = MAX_CELL_CHARS - len(marker)
        text = text[:keep]
        while utf16_len(text) > keep:  # astral characters count twice
            text = text[: keep - (utf16_len(text) - keep)]
        text += marker
    return text


def needs_quote_prefix(text: str) -> bool:
    """True when Excel would treat ``text`` as a formula once the user edits the cell."""
    return text.startswith(_FORMULA_START)


def safe_link(url: str, hosts: tuple[str, ...] = ()) -> str | None:
    """The hyperlink address for ``url`` if it is http(s) or mailto and well formed, else None.

    A mailto link keeps only the address: parameters such as ``?body=`` or ``&attach=`` would
    let a file the user did not write compose the mail. With ``hosts``, only an http(s)
    address on one of them or their subdomains links (a profile "URL" from a friend's export
    pointing elsewhere is shown as text).
    """
    url = url.strip()
    # a space is percent-encoded below; a line break or tab means this is not one address
    if not url or len(url) > MAX_LINK_CHARS or _ILLEGAL.search(url) or _BREAKS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.netloc or parts.netloc.startswith("@"):
            return None
        if hosts and not _on_hosts(url, parts.netloc, parts.hostname or "", hosts):
            return None
    elif scheme == "mailto" and not hosts:
        # a percent-escape could spell "?" or "," once Excel decodes the address
        if not _EMAIL.fullmatch(parts.path) or "%" in parts.path:
            return None
        url = f"mailto:{parts.path}"
    else:
        return None
    return quote(url, safe=_URL_SAFE)


def _on_hosts(url: str, netloc: str, hostname: str, hosts: tuple[str, ...]) -> bool:
    """Whether an http(s) address goes to one of ``hosts`` (or a subdomain) as a browser reads
    it: no user part ("linkedin.com@evil.example") and no backslash, which browsers read as
    "/" where urlsplit does not."""
    if "@" in netloc or "\\" in url:
        return False
    host = hostname.rstrip(".")
    return any(host == h or host.endswith("." + h) for h in hosts)


def email_link(value: str) -> str | None:
    """A mailto: address for an e-mail address (or a mailto: link), else None."""
    value = value.strip()
    if value.lower().startswith("mailto:"):
        return safe_link(value)
    if not _EMAIL.fullmatch(value) or len(value) > 254:
        return None
    return safe_link("mailto:" + value)


def sheet_titles(names: Iterable[str]) -> list[str]:
    """Valid, unique (ignoring case) Excel sheet names for ``names``, in order."""
    taken: set[str] = set()
    titles = []
    for name in names:
        base = clean_text(_SHEET_NAME_FORBIDDEN.sub("-", str(name))).replace("\n", " ")
        base = base.replace("\r", " ").replace("\t", " ").strip().strip("'").strip()
        if not base:
            base = "Sheet"
        if base.casefold() == "history":  # reserved by Excel
            base = "History sheet"
        base = _cut_utf16(base, MAX_SHEET_NAME)
        title, n = base, 1
        while title.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            title = _cut_utf16(base, MAX_SHEET_NAME - len(suffix)).rstrip() + suffix
        taken.add(title.casefold())
        titles.append(title)
    return titles


def _cut_utf16(text: str, limit: int) -> str:
    while utf16_len(text) > limit:
        text = text[:-1]
    return text


def table_names(titles: Iterable[str]) -> list[str]:
    """Valid, unique Excel table names (letters, digits, underscores) for sheet ``titles``."""
    taken: set[str] = set()
    names = []
    for title in titles:
        base = re.sub(r"[^A-Za-z0-9_]+", "_", title).strip("_") or "Table"
        if not re.match(r"[A-Za-z_]", base) or _CELL_REF_LIKE.fullmatch(base):
            base = "T_" + base
        base = base[:200]
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name.casefold())
        names.append(name)
    return names


def plain(value: Any) -> Any:
    """A plain Python value for ``value``: numpy scalars unwrapped, NaN/NaT/inf as None."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    try:
        if value != value:  # NaN-likes: pandas NA/NaT, Decimal NaN
            return None
    except (TypeError, ValueError):
        return None
    if isinstance(value, dt.datetime):
        # pandas Timestamp and other subclasses become plain naive datetimes
        return dt.datetime(value.year, value.month, value.day, value.hour, value.minute,
                           value.second, value.microsecond)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return value



Converted = tuple[Any, str, "str | None"]  # cell value, base style, hyperlink address


def converter(kind: str, hosts: tuple[str, ...] = ()) -> Callable[[Any], Converted]:
    """A function turning a row value into (cell value, base style, link) for a column kind
    (for a url column, ``hosts`` as ``Column.hosts``)."""
    text_style = "wrap" if kind == "wrap" else "text"

    def convert(value: Any) -> Converted:
        if type(value) is str and kind not in ("url", "email", "date"):
            return value, text_style, None  # the common case, first
        if type(value) is Formula:  # the user's, written back as a formula
            return value, text_style, None
        value = plain(value)
        if value is None:
            return None, text_style, None
        if kind == "url" and isinstance(value, tuple) and len(value) == 2:
            text, url = (str(part) if part is not None else "" for part in value)
            link = safe_link(url, hosts)
            return (text or url), ("link" if link else "text"), link
        if isinstance(value, tuple):
            value = " ".join(str(part) for part in value if part is not None)
        if isinstance(value, bool):
            return value, text_style, None
        if kind == "date" and isinstance(value, (int, float)):
            value = as_date(value)  # a day number typed into a date column
        if isinstance(value, (int, float)):
            if kind == "float" or (isinstance(value, float) and kind != "int"):
                return value, "float", None
            if kind == "int" and isinstance(value, float) and value.is_integer():
                value = int(value)
            return value, ("int" if isinstance(value, int) else "float"), None
        if kind == "date":
            value = as_date(value)
        if isinstance(value, dt.date) and value.year < 1900:
            value = value.isoformat()  # Excel's calendar starts in 1900
        elif isinstance(value, dt.datetime):
            return value, "datetime", None
        elif isinstance(value, dt.date):
            return value, "date", None
        if isinstance(value, (dt.time, dt.timedelta)):
            value = str(value)
        if not isinstance(value, str):
            value = str(value)
        if kind == "url":
            link = safe_link(value, hosts)
            return value, ("link" if link else "text"), link
        if kind == "email":
            link = email_link(value)
            shown = value.strip()
            if link and shown.lower().startswith("mailto:"):
                shown = shown[len("mailto:"):]
            return (shown if link else value), ("link" if link else "text"), link
        return value, text_style, None

    return convert
