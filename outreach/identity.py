"""Person identity: when two rows are the same person (DESIGN.md §3).

A person is their LinkedIn profile URL, normalised (``normalise_profile_url``): lowercase,
percent-decoded, no scheme, query, fragment or trailing slash, every LinkedIn host folded to
``www.linkedin.com``. Two rows with the same normalised URL are one person, wherever they come
from: Connections.csv, messages.csv, Invitations.csv, or a friend named with ``--owner URL``.

Exports before Dec 2024 carry no URLs, so a row without one gets a weaker key built from the
person's name (``name_key``: ``NAME_KEY_PREFIX`` + ``normalise_name``, plus whatever the file
adds to tell namesakes apart, such as the Connected On date). A name is a guess: it is used
only when there is no URL, and callers join on it only when exactly one person has it. Two
people are never merged on a guess.

``person_key`` is the rule in one call: the URL key, else the weak name key, else None.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

#: Prefix of person keys built from a name when there is no profile URL.
NAME_KEY_PREFIX = "name:"

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_LINKEDIN_HOST = re.compile(r"^(?:[^/@]*@)?(?:[a-z0-9-]+\.)*linkedin\.com(?::\d*)?$")
# The usual shape, handled without the general steps: most of a 30,000-row export.
_USUAL = re.compile(r"(?:https?://)?(?:www\.)?linkedin\.com(/in/[a-z0-9_%-]+)/?")


@lru_cache(maxsize=1 << 17)  # the same URLs recur in Connections, messages and Invitations
def normalise_profile_url(value: str) -> str | None:
    """'https://WWW.linkedin.com/in/J%C3%B6rg/?trk=x' -> 'www.linkedin.com/in/jörg'.

    Lowercase, percent-decoded, no scheme, query, fragment or trailing slash. LinkedIn's
    country hosts (``de.linkedin.com``) and the bare ``linkedin.com`` serve the same profile
    as ``www.linkedin.com``, so they all become ``www.linkedin.com``. None for a value with no
    path (not a profile link: "N/A", a person's name).
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
    if "." not in host or not path.strip() or any(c.isspace() for c in host):
        return None  # "N/A", "Dr. Ana Lima / Globex": not links
    if _LINKEDIN_HOST.match(host):
        host = "www.linkedin.com"
    return f"{host}/{path}"


def normalise_name(value: str) -> str:
    """A person's name, compared: '  Zoë   O’Brien ' -> 'zoë o’brien' (NFKC, case-folded,
    single spaces). For people only: company names have their own rule
    (``outreach.companies.knowledge.company_key``)."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def name_key(name: str, *qualifiers: str) -> str:
    """The weak key of a person known by name only: 'Zoë  O’Brien', '2021-03-02' ->
    'name:zoë o’brien|2021-03-02'. ``qualifiers`` (as given) tell namesakes apart."""
    return "|".join((NAME_KEY_PREFIX + normalise_name(name), *qualifiers))


def person_key(profile_url: str | None, name: str, *qualifiers: str) -> str | None:
    """The person's key: the normalised profile URL, else (no URL, or a cell that is not a
    link) the weak ``name_key``; None when there is neither a link nor a name."""
    key = normalise_profile_url(profile_url) if profile_url else None
    if key is None and normalise_name(name):
        key = name_key(name, *qualifiers)
    return key


def owner_key(text: str) -> str:
    """Who ``--owner TEXT`` names: their normalised profile URL, or their name's weak key.

    The same friend given once as ``linkedin.com/in/x`` and once as ``www.linkedin.com/in/x/``
    (or as "Dana  Whitfield" and "dana whitfield") is one owner.
    """
    return person_key(text, text) or text


__all__ = ["NAME_KEY_PREFIX", "name_key", "normalise_name", "normalise_profile_url", "owner_key",
           "person_key"]
