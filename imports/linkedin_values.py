"""Cell values in LinkedIn exports: profile URLs, names, e-mail addresses, dates.

Each function takes a pandas Series and works on its distinct values, so a 30,000-row export
costs one Python call per distinct value, not per row.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import unquote

import numpy as np
import pandas as pd

#: Prefix of person keys built from a name when there is no profile URL.
NAME_KEY_PREFIX = "name:"

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")

# Formats seen in real exports, most common first. LinkedIn writes US month/day order; the
# day/month variants only match what month/day cannot (a "day" above 12), for files re-saved
# by Excel in a European locale.
DATE_FORMATS = (
    "%d %b %Y",  # 2020-2023 Connections.csv: 16 Sep 2021
    "%m/%d/%y, %I:%M %p",  # 2018 Connections.csv, Invitations.csv: 1/8/18, 6:14 PM
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S UTC",  # messages.csv: 2024-12-16 18:24:37 UTC
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",  # Excel re-save of the 2018 shape
    "%m/%d/%y %H:%M",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d %B %Y",
    "%d-%b-%y",  # Excel re-save of the 2020-2023 shape
    "%d-%b-%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d.%m.%Y",
)


_LINKEDIN_HOST = re.compile(r"^(?:[^/@]*@)?(?:[a-z0-9-]+\.)*linkedin\.com(?::\d*)?$")
# The usual shape, handled without the general steps: most of a 30,000-row export.
_USUAL = re.compile(r"(?:https?://)?(?:www\.)?linkedin\.com(/in/[a-z0-9_%-]+)/?")


@lru_cache(maxsize=1 << 17)  # the same URLs recur in Connections, messages and Invitations
def normalise_profile_url(value: str) -> str | None:
    """'https://WWW.linkedin.com/in/J%C3%B6rg/?trk=x' -> 'www.linkedin.com/in/jörg'.

    Lowercase, percent-decoded, no scheme, query, fragment or trailing slash. LinkedIn's
    country hosts (``de.linkedin.com``) and the bare ``linkedin.com`` serve the same profile
    as ``www.linkedin.com``, so they all become ``www.linkedin.com``. None for a value with no
    path (not a profile link).
    """
    text = value.strip().lower()
    usual = _USUAL.fullmatch(text)
    if usual:
        path = usual.group(1)
        if "%" in path:
            path = unicodedata.normalize("NFC", unquote(path)).lower()
        return "www.linkedin.com" + path
    text = _SCHEME.sub("", text)
    # Cut the query before decoding, so an encoded "?" in a slug stays part of it.
    text = text.split("?", 1)[0].split("#", 1)[0]
    text = unicodedata.normalize("NFC", unquote(text)).lower().strip().rstrip("/")
    host, _, path = text.partition("/")
    if "." not in host or not path.strip():  # "N/A" is not a link
        return None
    if _LINKEDIN_HOST.match(host):
        host = "www.linkedin.com"
    return f"{host}/{path}"


def normalise_name(value: str) -> str:
    """'  Zoë   O’Brien ' -> 'zoë o’brien': NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def name_key(full_name: str, *parts: str) -> str:
    """The weak person key: 'name:' + the normalised name and any extra parts, '|'-joined."""
    return NAME_KEY_PREFIX + "|".join([normalise_name(full_name), *parts])


def map_distinct(values: pd.Series, func) -> pd.Series:
    """``values.map(func)``, calling ``func`` once per distinct value."""
    codes, distinct = pd.factorize(values)
    if len(codes) and codes.min() < 0:  # missing values: map them the slow way
        return values.map(dict(zip(distinct, map(func, distinct), strict=True)))
    mapped = np.empty(len(distinct), dtype=object)
    mapped[:] = [func(v) for v in distinct]
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def profile_keys(urls: pd.Series) -> pd.Series:
    """Normalised profile URL per cell, None where the cell holds no profile URL."""
    return map_distinct(urls, normalise_profile_url)


def full_names(first: pd.Series, last: pd.Series) -> pd.Series:
    """'Jane' + 'Doe' -> 'Jane Doe', as written (credentials, pronouns and emoji kept)."""
    return strip(first + " " + last)


def clean_emails(values: pd.Series) -> pd.Series:
    """E-mail addresses as written; None for blanks and LinkedIn member ids.

    2018 exports put ``urn:li:member:123`` in the e-mail column for people who hide their
    address: that is an id, not an e-mail.
    """
    return map_distinct(values, _email)


def _email(value: str) -> str | None:
    value = value.strip()
    return value if "@" in value and not value.lower().startswith("urn:") else None


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DAY_MON_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})")


@lru_cache(maxsize=8192)
def parse_datetime(value: str) -> datetime | None:
    """A date or timestamp in any format LinkedIn (or Excel re-saving its files) writes."""
    text = " ".join(value.replace("\u202f", " ").split())
    if not text:
        return None
    usual = _DAY_MON_YEAR.fullmatch(text)  # "16 Sep 2021" without strptime's overhead
    if usual and usual.group(2).lower() in _MONTHS:
        try:
            return datetime(int(usual.group(3)), _MONTHS[usual.group(2).lower()], int(usual.group(1)))
        except ValueError:
            return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text.removesuffix(" UTC").replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:  # stored as UTC, like LinkedIn's own times
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def _iso_date(value: str) -> str | None:
    parsed = parse_datetime(value)
    return parsed.date().isoformat() if parsed else None


def iso_dates(values: pd.Series) -> pd.Series:
    """ISO dates ('2021-09-16') per cell; None where blank or unreadable."""
    return map_distinct(values, _iso_date)


def timestamps(values: pd.Series) -> pd.Series:
    """datetime64 per cell (NaT where blank or unreadable).

    messages.csv's ``2024-12-16 18:24:37 UTC`` goes through numpy's ISO parser in one call;
    any other format falls back to ``parse_datetime`` per distinct value.
    """
    cells = values.to_numpy(dtype=object)
    try:
        # Anything after the seconds but " UTC" becomes "?", which numpy refuses.
        iso = [v[:19].strip() if v[19:] in ("", " UTC") else "?" for v in cells]
        return pd.Series(np.array(iso, dtype="datetime64[s]"), index=values.index)
    except ValueError:
        pass
    slow = map_distinct(values, parse_datetime)
    return pd.Series(pd.to_datetime(slow, errors="coerce").to_numpy(dtype="datetime64[s]"), index=values.index)


def iso_timestamps(values: pd.Series) -> list[str | None]:
    """'2024-12-16T18:24:37Z' per datetime64 cell (LinkedIn's message times are UTC); None for NaT."""
    text = np.datetime_as_string(values.to_numpy(dtype="datetime64[s]"), unit="s")
    return [None if t == "NaT" else t + "Z" for t in text]


def strip(values: pd.Series) -> pd.Series:
    """Cells without surrounding whitespace (a list comprehension beats ``.str.strip()``)."""
    return pd.Series([v.strip() for v in values.to_numpy(dtype=object)], index=values.index, dtype=object)
