"""Company names: one normalised key per name.

``analyse_company`` turns a company name as people write it into ``NameCandidate`` names, each with
- ``key``: the exact-tier key. Case, diacritics (including letters that do not decompose, such
  as Ø and ß), punctuation, spacing (``Go Daddy`` = ``GoDaddy``), ``&``/``and``, a leading
  ``The`` and legal forms of many countries (``Inc.``, ``GmbH``, ``A/S``, ``sp. z o.o.``) are
  set aside. The key has no spaces.
- ``trimmed``: the key without a trailing region (``Amazon Web Services India`` ->
  ``amazonwebservices``), used to look names up in the alias table.
- ``core``: the distinctive words once generic ones (``Group``, ``Systems``, ``Consulting``)
  and a trailing region are set aside, joined like the key; empty when what is left is too
  weak to match on (``First National``, ``Royal Bank``, one letter). Equal cores make the
  strong tier: ``Cisco Systems`` = ``Cisco``, ``Go Daddy Group`` = ``GoDaddy``.

The first candidate is the name itself; text after `` via ``, ``|`` or a spaced dash and text
in parentheses are secondary candidates (``Google via Qualitest Group``). Placeholders
(self-employed, stealth, confidential, freelance, retired, open to work, ...) yield no
candidate: they never match anything.

Only the standard library and anyascii are imported here, so this stays cheap to load.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

#: Bump when the rules below change: cached analyses made by other rules are then dropped.
RULES_VERSION = "1"


# NamedTuples rather than dataclasses: tens of thousands are made per command, and a tuple is
# several times cheaper to build than a frozen dataclass.
class NameCandidate(NamedTuple):
    key: str  # the words joined without spaces
    words: str  # the normalised words, space-separated (the fuzzy tier compares them)
    trimmed: str
    core: str


class CompanyName(NamedTuple):
    raw: str
    candidates: tuple[NameCandidate, ...]  # primary first; empty for placeholders and blanks
    placeholder: bool = False

    @property
    def key(self) -> str:
        return self.candidates[0].key if self.candidates else ""


# -- word lists ------------------------------------------------------------------------------



def _data_text(name: str) -> str:
    return resources.files("outreach.data").joinpath(name).read_text("utf-8")


@cache
def _word_lists() -> dict[str, frozenset[str]]:
    """``outreach/data/company_words.txt``: placeholder, stop, generic, region and weak words."""
    lists: dict[str, set[str]] = {}
    current: set[str] = set()
    for line in _data_text("company_words.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1], set())
        else:
            current.update(line.split())
    return {name: frozenset(words) for name, words in lists.items()}


_WORDS_DATA = _word_lists()
PLACEHOLDER_WORDS = _WORDS_DATA["placeholder_words"]
PLACEHOLDER_NAMES = _WORDS_DATA["placeholder_names"]
STOP_WORDS = _WORDS_DATA["stop"]
GENERIC_WORDS = _WORDS_DATA["generic"]
REGION_WORDS = _WORDS_DATA["region"]
WEAK_WORDS = _WORDS_DATA["weak"]
#: Phrases (names joined without spaces) that make a placeholder wherever they appear.
PLACEHOLDER_PHRASES = (
    "selfemployed", "opentowork", "careerbreak", "betweenjobs", "lookingforwork",
    "lookingfornew", "lookingforopportunit", "seekingnew", "seekingopportunit",
    "seekingemployment", "activelyseeking", "activelylooking", "stayathome", "fulltimeparent",
    "notcurrentlyemployed", "currentlyunemployed", "intransition", "lookingforajob",
)
_PLACEHOLDER_PHRASE = re.compile("|".join(PLACEHOLDER_PHRASES))
_REGION_PHRASES = frozenset((
    ("north", "america"), ("south", "africa"), ("new", "zealand"), ("hong", "kong"),
    ("middle", "east"), ("latin", "america"), ("united", "states"), ("united", "kingdom"),
    ("great", "britain"), ("new", "york"), ("new", "jersey"), ("new", "mexico"),
    ("new", "hampshire"), ("north", "carolina"), ("south", "carolina"), ("north", "dakota"),
    ("south", "dakota"), ("rhode", "island"), ("west", "virginia"), ("saudi", "arabia"),
))
#: "Kaiser Permanente Northern California": a direction goes with the region after it.
_DIRECTIONS = frozenset(
    ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "northeast", "northwest", "southeast", "southwest", "greater", "mid")
)

_INITIALS = re.compile(r"\b[a-z0-9](?:\.[a-z0-9])+\b\.?")
_LETTER_SLASH = re.compile(r"\b([a-z])/([a-z])\b")
_WEB_SUFFIX = re.compile(r"(?<=[a-z0-9])\.(?:com|net|org|io|ai|co|app|dev|tech|co\.uk|de|fr|eu)\b")
_APOSTROPHES = re.compile(r"['`\u2019\u2018\u00b4]")
_WORDS = re.compile(r"[a-z0-9]+")
_PARENS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_SECONDARY_SPLIT = re.compile(r"\s+(?:via|c/o|@)\s+|\s*\|\s*|\s+[-\u2013\u2014/]\s+|\s*;\s*", re.I)
#: Japanese and Chinese legal forms are written in kanji; anyascii would spell them out.
_CJK_LEGAL = re.compile(
    "株式会社|有限会社|合同会社|合資会社|合名会社|股份有限公司|有限责任公司|有限公司|集团|公司|（株）|\\(株\\)|㈱"
)
_MAY_SPLIT = re.compile(r"[(\[|;@/\-\u2013\u2014]|\svia\s", re.I)
#: "(formerly Facebook)", "(an Alphabet company)": the words around the other name.
_SECONDARY_LEAD = re.compile(
    r"^\s*(?:formerly(?: known as)?|previously|fka|f\.k\.a\.?|now(?: part of)?|"
    r"(?:a |an )?(?:division|subsidiary|unit|part|member|brand) of(?: the)?|acquired by|"
    r"owned by|clients?:?|client site:?|contract(?:ing|or)? (?:at|for|with)|on assignment (?:at|with)|"
    r"for|at|with|an?(?= ))\s*",
    re.I,
)


# -- the rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _LegalForms:
    trailing: frozenset[tuple[str, ...]]
    last_words: frozenset[str]  # a cheap test before looking for longer forms
    longest: int
    leading: frozenset[str]


@cache
def _legal_forms() -> _LegalForms:
    """``outreach/data/legal_suffixes.txt``: forms that end a name, and the few that lead it."""
    trailing: set[tuple[str, ...]] = set()
    leading: set[str] = set()
    for line in _data_text("legal_suffixes.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("^"):
            leading.add(line[1:])
        elif line:
            trailing.add(tuple(line.split()))
    return _LegalForms(
        trailing=frozenset(trailing),
        last_words=frozenset(form[-1] for form in trailing),
        longest=max(len(form) for form in trailing),
        leading=frozenset(leading),
    )


def rules_fingerprint() -> str:
    """Changes whenever the rules or their data change: the cache of analyses is keyed on it."""
    digest = hashlib.sha256(RULES_VERSION.encode())
    for name in ("legal_suffixes.txt", "company_words.txt"):
        digest.update(_data_text(name).encode())
    return digest.hexdigest()[:16]


def fold(text: str) -> str:
    """Lower-case ASCII: ``Ørsted`` -> ``orsted``, ``Straße`` -> ``strasse``."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        from anyascii import anyascii

        text = anyascii(_CJK_LEGAL.sub(" ", text))
    return text.lower()


def _words(folded: str) -> list[str]:
    text = folded
    if "." in text:
        text = _WEB_SUFFIX.sub("", text)
        text = _INITIALS.sub(lambda m: m.group(0).replace(".", ""), text)  # J.P. -> jp, S.p.A. -> spa
    if "'" in text or "`" in text:
        text = _APOSTROPHES.sub("", text)
    if "/" in text:
        text = _LETTER_SLASH.sub(r"\1\2", text)  # A/S -> as
    if "&" in text or "+" in text:
        text = text.replace("&", " and ").replace("+", " and ")
    return _WORDS.findall(text)


def _strip_legal_forms(words: list[str]) -> list[str]:
    """Drop a leading "the", legal forms and a dangling "and"; never the last word left."""
    forms = _legal_forms()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[0] in forms.leading:
        words = words[1:]
    while len(words) > 1 and (words[-1] in forms.last_words or words[-1] == "and"):
        if words[-1] == "and":  # "Bain & Company" -> "bain and" -> "bain"
            words = words[:-1]
            continue
        for size in range(min(forms.longest, len(words) - 1), 0, -1):
            if tuple(words[-size:]) in forms.trailing:
                words = words[:-size]
                break
        else:
            break
    return words


def _strip_region(words: list[str]) -> list[str]:
    """``amazon web services india`` -> ``amazon web services``; keeps ``bank of canada``."""
    while len(words) > 1:
        size = 0
        if len(words) > 2 and tuple(words[-2:]) in _REGION_PHRASES:
            size = 2
        elif words[-1] in REGION_WORDS:
            size = 1
        if len(words) - size > 1 and size and words[-size - 1] in _DIRECTIONS:
            size += 1
        if not size or len(words) - size < 1 or words[-size - 1] in STOP_WORDS:
            break
        words = words[:-size]
    return words


def _distinctive_enough(words: list[str]) -> bool:
    return any(len(w) >= 2 and w not in WEAK_WORDS and w not in STOP_WORDS for w in words)


def _core(regional: list[str]) -> str:
    """Distinctive words in order, joined like the key; "" when too weak to match on.

    The first word stays even when generic: ``International Paper`` is not ``Paper``.
    """
    distinctive = regional[:1] + [
        w for w in regional[1:] if w not in STOP_WORDS and w not in GENERIC_WORDS
    ]
    return "".join(distinctive) if _distinctive_enough(distinctive) else ""


def _is_placeholder(words: list[str]) -> bool:
    joined = "".join(words)
    return (
        not joined
        or joined in PLACEHOLDER_NAMES
        or not PLACEHOLDER_WORDS.isdisjoint(words)
        or _PLACEHOLDER_PHRASE.search(joined) is not None
    )


def _candidate(text: str) -> NameCandidate | None:
    words = _words(fold(text))
    if _is_placeholder(words):
        return None
    words = _strip_legal_forms(words)
    if len(words) > 1 and "and" in words:
        words = [w for w in words if w != "and"]
    key = "".join(words)
    if key in PLACEHOLDER_NAMES:  # "Consulting LLC" once its legal form is gone
        return None
    regional = _strip_region(words)
    # The alias table is looked up without a trailing region, unless that leaves only a weak
    # word ("Air India" is not "Air").
    trimmed = "".join(regional) if _distinctive_enough(regional) else key
    return NameCandidate(key=key, words=" ".join(words), trimmed=trimmed, core=_core(regional))


def split_company(raw: str) -> tuple[str, list[str]]:
    """The name itself and its secondary parts: ``A (B) via C`` -> ``("A", ["C", "B"])``."""
    if _MAY_SPLIT.search(raw) is None:
        return raw, []
    inside = [m.group(1).strip() for m in _PARENS.finditer(raw)]
    parts = [p.strip() for p in _SECONDARY_SPLIT.split(_PARENS.sub(" ", raw))]
    parts = [p for p in parts if p]
    secondary = [*parts[1:], *(s for s in inside if s)]
    return (parts[0], secondary) if parts else ("", secondary)


#: Analyses made or loaded in this process (``remember`` fills it from the workspace cache).
_MEMO: dict[str, CompanyName] = {}


def remember(names: Iterable[CompanyName]) -> None:
    for name in names:
        _MEMO[name.raw] = name


def analyse_company(raw: str) -> CompanyName:
    """Every candidate name in ``raw`` (see the module docstring)."""
    known = _MEMO.get(raw)
    if known is None:
        known = _MEMO[raw] = _analyse(raw)
    return known


def _analyse(raw: str) -> CompanyName:
    primary, secondary = split_company(raw)
    candidates: list[NameCandidate] = []
    seen: set[str] = set()
    placeholder = False
    forms = _legal_forms()
    for index, part in enumerate([primary, *secondary]):
        if not part.strip():
            continue
        candidate = _candidate(_SECONDARY_LEAD.sub("", part) if index else part)
        if candidate is None:
            placeholder = placeholder or index == 0
            continue
        # "(publ)", "(haftungsbeschränkt)" and the like are legal notes, not other names.
        if index > 0 and (
            len(candidate.key) < 2
            or (candidate.key,) in forms.trailing
            or candidate.key in REGION_WORDS
        ):
            continue
        if candidate.key and candidate.key not in seen:
            seen.add(candidate.key)
            candidates.append(candidate)
    return CompanyName(raw, tuple(candidates), placeholder=placeholder and not candidates)


def normalise_company(name: str) -> str:
    """The exact-tier key of a company name; ``""`` for blanks and placeholders.

    >>> normalise_company("The Go Daddy Group, Inc.") == normalise_company("GoDaddy Group")
    True
    """
    return analyse_company(name).key


# -- compact serialisation for the workspace cache ------------------------------------------


def encode_analysis(name: CompanyName) -> str:
    """``words:trimmed:core`` per candidate, tab-separated; ``!`` for a placeholder."""
    if not name.candidates:
        return "!" if name.placeholder else ""
    return "\t".join(f"{c.words}:{c.trimmed}:{c.core}" for c in name.candidates)


def decode_analysis(raw: str, text: str) -> CompanyName:
    if not text or text == "!":
        return CompanyName(raw, (), text == "!")
    # tuple.__new__ skips the NamedTuple constructor: this runs for every cached name.
    candidates = []
    for part in text.split("\t"):
        words, trimmed, core = part.split(":", 2)
        candidates.append(_new(NameCandidate, (words.replace(" ", ""), words, trimmed, core)))
    return _new(CompanyName, (raw, tuple(candidates), False))


_new = tuple.__new__


# -- the built-in alias table ----------------------------------------------------------------


@dataclass(frozen=True)
class AliasEntry:
    name: str
    parent: str
    relation: str  # "same": another name for the same employer; "part": a unit or subsidiary


__all__ = [
    "AliasEntry",
    "NameCandidate",
    "CompanyName",
    "analyse_company",
    "fold",
    "normalise_company",
    "remember",
    "rules_fingerprint",
    "split_company",
]
