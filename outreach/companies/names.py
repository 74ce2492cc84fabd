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
RULES_VERSION = "2"


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
    #: "Ex-Google", "Google (formerly)", "Formerly @ Microsoft": a past employer, matched to nothing.
    former: bool = False
    #: "Tableau, a Salesforce Company", "X (part of Y)", "Courtyard by Marriott": names the text
    #: itself says own the company (matched like the table's ``part`` rows).
    owners: tuple[NameCandidate, ...] = ()
    #: "Y's X": named after Y, perhaps part of it (suggested for review only).
    namesakes: tuple[NameCandidate, ...] = ()
    #: Bracketed acronyms and places, and places after a dash: "(PMI)", "(Australia)", "- Zurich".
    #: They qualify the name, never name another employer.
    qualifiers: tuple[str, ...] = ()

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
    phrases = False
    for line in _data_text("company_words.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1], set())
            phrases = line.endswith("_phrases]")
        elif phrases and line:
            current.add(line)  # one phrase per line, words separated by spaces
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
UNIT_WORDS = _WORDS_DATA["unit"]
NATIONAL_FRANCHISES = _WORDS_DATA["national_franchises"]


@cache
def _places() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """``outreach/data/places.txt``: countries, regions, states and cities, one per line."""
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for line in _data_text("places.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if " " in line:
            phrases.add(tuple(line.split()))
        elif line:
            words.add(line)
    return frozenset(words), frozenset(phrases)


_PLACE_LIST, _PLACE_LIST_PHRASES = _places()
JOINING_WORDS = _WORDS_DATA["joining"]
PLACE_WORDS = _WORDS_DATA["place"]
#: Region and place words: a trailing one is set aside (Microsoft India, Accenture Bangalore).
_TRAILING_PLACES = REGION_WORDS | PLACE_WORDS | _PLACE_LIST
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
    *(tuple(phrase.split()) for phrase in _WORDS_DATA["place_phrases"]),
    *_PLACE_LIST_PHRASES,
))
_LONGEST_PLACE = max(len(phrase) for phrase in _REGION_PHRASES)
#: "Kaiser Permanente Northern California": a direction goes with the region after it.
_DIRECTIONS = frozenset(
    ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "northeast", "northwest", "southeast", "southwest", "greater", "mid")
)

_INITIALS = re.compile(r"\b[a-z0-9](?:\.[a-z0-9])+\b\.?")
_LETTER_SLASH = re.compile(r"\b([a-z])/([a-z])\b")
_WEB_SUFFIX = re.compile(r"(?<=[a-z0-9])\.(?:com|net|org|io|ai|co|app|dev|tech|co\.uk|de|fr|eu)\b")
_LETTER_AND_LETTER = re.compile(r"\b([a-z])\s*&\s*([a-z])\b")
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
    for name in ("legal_suffixes.txt", "company_words.txt", "places.txt"):
        digest.update(_data_text(name).encode())
    return digest.hexdigest()[:16]


#: Generic words of Chinese, Japanese and Korean company names, in English, so that
#: ``华为技术`` is ``Huawei`` + "technology" (a unit word) rather than one unknown word.
_CJK_WORDS = {
    "技术": "technology", "技術": "technology", "科技": "technology", "电子": "electronics",
    "電子": "electronics", "控股": "holdings", "国际": "international", "國際": "international",
    "中国": "china", "中國": "china", "银行": "bank", "銀行": "bank", "保险": "insurance",
    "保險": "insurance", "证券": "securities", "證券": "securities", "汽车": "motor",
    "自動車": "motor", "电器": "electric", "電機": "electric", "通信": "communications",
    "软件": "software", "軟件": "software", "研究院": "research", "研究所": "research",
    "전자": " electronics", "은행": " bank", "증권": " securities", "보험": " insurance",
    "자동차": " motor", "그룹": " group", "주식회사": " ", "(주)": " ",
}
_CJK_WORD = re.compile("|".join(sorted(map(re.escape, _CJK_WORDS), key=len, reverse=True)))


def fold(text: str) -> str:
    """Lower-case ASCII: ``Ørsted`` -> ``orsted``, ``Straße`` -> ``strasse``."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        from anyascii import anyascii

        text = _CJK_WORD.sub(lambda m: f" {_CJK_WORDS[m.group(0)].strip()} ", _CJK_LEGAL.sub(" ", text))
        text = anyascii(text)
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
        text = _LETTER_AND_LETTER.sub(r"\1\2", text)  # R&D -> rd, P&G -> pg
        text = text.replace("&", " and ").replace("+", " and ")
    words = _WORDS.findall(text)
    if len(words) > 2:
        words = _joined_letters(words)
    return words


def _joined_letters(words: list[str]) -> list[str]:
    """Runs of single letters are one word: ``s r l`` -> ``srl``, ``k s c p`` -> ``kscp``."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) > 1:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


def _strip_legal_forms(words: list[str]) -> list[str]:
    """Drop a leading "the", legal forms and a dangling "and"; never the last word left."""
    forms = _legal_forms()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[0] in forms.leading:
        words = words[1:]
        if len(words) > 1 and words[0] in STOP_WORDS:  # Compagnie de Saint-Gobain
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
        size = place_size(words)
        if len(words) - size > 1 and size and words[-size - 1] in _DIRECTIONS:
            size += 1
        if not size or len(words) - size < 1 or words[-size - 1] in STOP_WORDS:
            break
        if len(words) - size > 1 and words[-size - 1] in JOINING_WORDS:  # Accenture in India
            size += 1
        words = words[:-size]
    return words


def place_size(words: list[str], *, keep_one: bool = True) -> int:
    """How many of the last words name a region or place (``new york city``: 3); 0 for none.

    With ``keep_one``, a phrase is never the whole of ``words`` (``Hong Kong`` names a place, but
    as a company it is not set aside whole).
    """
    for size in range(min(_LONGEST_PLACE, len(words) - keep_one), 1, -1):
        if tuple(words[-size:]) in _REGION_PHRASES:
            return size
    return 1 if words and words[-1] in _TRAILING_PLACES else 0


def trailing_place(words: list[str]) -> list[str]:
    """The region or place that ends ``words`` (``["bangalore"]`` for IIM Bangalore), or []."""
    return words[len(_strip_region(words)):]


def is_unit_or_place(words: list[str]) -> bool:
    """Whether ``words``, after a target's name, make a unit, function or site of it: unit,
    generic, joining and legal-form words and places only (``israel r d center``)."""
    forms = _legal_forms()
    index = 0
    while index < len(words):
        for size in range(min(_LONGEST_PLACE, len(words) - index), 1, -1):
            if tuple(words[index:index + size]) in _REGION_PHRASES:
                index += size
                break
        else:
            word = words[index]
            if not (word in UNIT_WORDS or word in GENERIC_WORDS or word in JOINING_WORDS
                    or word in STOP_WORDS or word in _TRAILING_PLACES or (word,) in forms.trailing):
                return False
            index += 1
    return True


def is_place(words: list[str]) -> bool:
    """Whether ``words`` name only regions and places (``czech republic``, ``in india``)."""
    words = [w for w in words if w not in JOINING_WORDS]
    while words:
        size = place_size(words, keep_one=False)
        if not size:
            return False
        words = words[:-size]
    return True


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
    primary, dashed, bracketed = _split(raw)
    return primary, [*dashed, *bracketed]


def _split(raw: str) -> tuple[str, list[str], list[str]]:
    """The name, the parts after ``via``/``|``/a spaced dash, and the bracketed parts."""
    if _MAY_SPLIT.search(raw) is None:
        return raw, [], []
    inside = [m.group(1).strip() for m in _PARENS.finditer(raw)]
    parts = [p.strip() for p in _SECONDARY_SPLIT.split(_PARENS.sub(" ", raw))]
    parts = [p for p in parts if p]
    inside = [s for s in inside if s]
    return (parts[0], parts[1:], inside) if parts else ("", parts[1:], inside)


# "Ex-Google", "Formerly @ Microsoft", "Previously at Amazon", "Former Google".
_FORMER_LEAD = re.compile(
    r"^\s*(?:ex\s*[-\u2013.:@]|ex\s+(?=@|at\b)|former(?:ly)?\b|previously\b|prev\.|retired\s+from\b|"
    r"retired\s*[-\u2013\u2014:@|])"
    r"\s*(?:[-\u2013\u2014:@]|at\b|with\b)?\s*(?=\w)",
    re.I,
)
# "Google (formerly)", "Google - former", "Google alum", "IBM (until 2023)".
_FORMER_TAIL = re.compile(
    r"(?:^|[\s,(\[\-\u2013\u2014|]+)(?:formerly|former|previously|previous|ex|past|alum|alumni|alumnus|alumna|retired|"
    r"until\s+(?:19|20)\d\d)\.?\s*[)\]]?\s*$",
    re.I,
)
_OWNED_BY = (
    # "Tableau, a Salesforce Company", "Ring (an Amazon company)", "X - a Siemens business"
    re.compile(
        r"^(?P<x>.+?)\s*(?:,|\(|\[|\s[-\u2013\u2014|]|\|)\s*an?\s+(?P<y>.+?)\s+"
        r"(?:company|co|subsidiary|business|brand|division|unit|affiliate)\.?\s*[)\]]?\s*$",
        re.I,
    ),
    # "X (part of Y)", "X, a division of Y", "X - a member of the Y Group"
    re.compile(
        r"^(?P<x>.+?)\s*(?:,|\(|\[|\s[-\u2013\u2014|]|\|)\s*(?:an?\s+|the\s+|now\s+)?"
        r"(?:part|member|subsidiary|division|unit|brand|affiliate)\s+of\s+(?:the\s+)?(?P<y>.+?)\s*[)\]]?\s*$",
        re.I,
    ),
    # "Courtyard by Marriott", "QuantumBlack, AI by McKinsey", "Instagram from Meta"
    re.compile(r"^(?P<x>[^()|]+?)\s+(?:by|from)\s+(?P<y>[^()|,]+?)\s*$", re.I),
    # "The Wharton School of the University of Pennsylvania", "Said Business School, University of Oxford"
    re.compile(
        r"^(?P<x>.*?\b(?:school|college|faculty|institute|department|centre|center|hospital|"
        r"laborator(?:y|ies)|library|museum)\b.*?)(?:\s+(?:of|at)\s+(?:the\s+)?|\s*,\s*)"
        r"(?P<y>(?:the\s+)?(?:university|universit[aeé]|universidad|universidade)\b.+)$",
        re.I,
    ),
)
# "Amazon's Zoox": named after Amazon. Only a suggestion: "Dave's Hot Chicken" is not Dave.
_NAMESAKE = re.compile(r"^(?P<y>[^'`\u2019]{3,}?)['`\u2019]s\s+(?P<x>\S.*)$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.]{1,7}")


_UMLAUT_SPELLING = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
_UMLAUTS = re.compile("[äöüÄÖÜß]")
_OTHER_SCRIPT = re.compile(
    "[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f"
    "\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f]"
)


def _two_scripts(text: str) -> tuple[str, str] | None:
    """A name written twice, in Latin letters and in another script (``Tencent 腾讯``): the two
    parts, or None."""
    latin: list[str] = []
    other: list[str] = []
    for token in text.split():
        (other if _OTHER_SCRIPT.search(token) else latin).append(token)
    if latin and other and any(c.isalpha() for c in " ".join(latin)):
        return " ".join(latin), " ".join(other)
    return None


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in STOP_WORDS)


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
    text = raw
    lead = _FORMER_LEAD.match(text)
    tail = _FORMER_TAIL.search(text) if lead is None else None
    if lead is not None or tail is not None:
        rest = text[lead.end():] if lead is not None else text[: tail.start()] if tail else text
        if _candidate(rest) is not None:
            return CompanyName(raw, (), former=True)
    owners: list[NameCandidate] = []
    namesakes: list[NameCandidate] = []
    for pattern in _OWNED_BY:
        owned = pattern.match(text)
        if owned is not None:
            owner = _candidate(_SECONDARY_LEAD.sub("", owned["y"]))
            unit = _candidate(owned["x"])
            if owner is not None and unit is not None and owner.key != unit.key:
                owners.append(owner)
                text = owned["x"]
                break
    else:
        named = _NAMESAKE.match(text)
        if named is not None and (namesake := _candidate(named["y"])) is not None:
            namesakes.append(namesake)
    primary, dashed, bracketed = _split(text)
    if not primary.isascii() and (scripts := _two_scripts(primary)):  # "Tencent 腾讯"
        primary, other = scripts
        bracketed = [other, *bracketed]
    candidates: list[NameCandidate] = []
    qualifiers: list[str] = []
    seen: set[str] = set()
    placeholder = False
    forms = _legal_forms()
    primary_words = _words(fold(primary))
    parts = [(primary, False), *((p, False) for p in dashed), *((p, True) for p in bracketed)]
    if _UMLAUTS.search(primary):  # Kühne is also written Kuehne: both spellings are the name
        parts.append((_UMLAUTS.sub(lambda m: _UMLAUT_SPELLING[m.group(0)], primary), False))
    for index, (part, in_brackets) in enumerate(parts):
        if not part.strip():
            continue
        if index and (qualifier := _qualifier(part, in_brackets, primary_words)):
            qualifiers.append(qualifier)
            continue
        candidate = _candidate(_SECONDARY_LEAD.sub("", part) if index else part)
        if candidate is None:
            placeholder = placeholder or index == 0
            continue
        # "(publ)", "(haftungsbeschränkt)" and the like are legal notes, not other names.
        if index > 0 and (len(candidate.key) < 2 or (candidate.key,) in forms.trailing):
            continue
        if candidate.key and candidate.key not in seen:
            seen.add(candidate.key)
            candidates.append(candidate)
    return CompanyName(
        raw,
        tuple(candidates),
        placeholder=placeholder and not candidates,
        owners=tuple(owners),
        namesakes=tuple(namesakes),
        qualifiers=tuple(qualifiers),
    )


def _qualifier(part: str, in_brackets: bool, primary_words: list[str]) -> str:
    """The part's words when it qualifies the name (a place; a bracketed acronym), else ""."""
    words = _words(fold(part))
    if words and is_place(words):
        return " ".join(w for w in words if w not in JOINING_WORDS)
    stripped = part.strip()
    if in_brackets and len(words) == 1 and (
        _ACRONYM.fullmatch(stripped) or (len(words[0]) >= 2 and words[0] == _initials(primary_words))
    ):
        return words[0]
    return ""


def display_name(raw: str) -> str:
    """The employer's name for a sentence a person sends: ``Stripe, Inc.`` -> ``Stripe``,
    ``Amazon / AWS`` -> ``Amazon``, ``X (Twitter)`` -> ``X``, ``microsoft`` -> ``Microsoft``."""
    primary = split_company(raw)[0].strip() or raw.strip()
    primary = _PARENS.sub(" ", primary).strip() or primary
    forms = _legal_forms()
    tokens = primary.replace(",", " , ").split()
    while len(tokens) > 1:
        for size in range(min(forms.longest + 2, len(tokens) - 1), 0, -1):
            tail = [w for w in _words(fold(" ".join(tokens[-size:]))) if w]
            if tail and tuple(tail) in forms.trailing:
                tokens = tokens[:-size]
                break
        else:
            if tokens[-1] in (",", "-", "&", "and", "|"):
                tokens = tokens[:-1]
                continue
            break
        while len(tokens) > 1 and tokens[-1] in (",", "-", "&", "and", "|"):
            tokens = tokens[:-1]
    name = " ".join(tokens).replace(" , ", ", ").strip(" ,")
    if name and name == name.lower() and any(c.isalpha() for c in name):
        name = " ".join(w[:1].upper() + w[1:] for w in name.split())
    return name or raw.strip()


def literal_key(text: str) -> str:
    """The key of ``text`` with a leading "The" kept: ``The Citadel`` (a college) is not ``Citadel``."""
    words = _words(fold(text))
    the = words[:1] == ["the"]
    words = _strip_legal_forms(words)
    if the and words[:1] != ["the"]:
        words = ["the", *words]
    return "".join(w for w in words if w != "and" or len(words) == 1)


def initials(words: str) -> str:
    """The initials of the words that are not stop words: ``massachusetts institute of technology``
    -> ``mit``."""
    return _initials(words.split())


def written_initials(text: str) -> str:
    """The initials of every word as written, legal forms too: ``Oil and Natural Gas
    Corporation`` -> ``ongc``."""
    return _initials(_words(fold(split_company(text)[0])))


def normalise_company(name: str) -> str:
    """The exact-tier key of a company name; ``""`` for blanks and placeholders.

    >>> normalise_company("The Go Daddy Group, Inc.") == normalise_company("GoDaddy Group")
    True
    """
    return analyse_company(name).key


# -- compact serialisation for the workspace cache ------------------------------------------


def encode_analysis(name: CompanyName) -> str:
    """``words:trimmed:core`` per candidate, tab-separated; ``!`` for a placeholder, ``~`` for a
    former employer. Owners, namesakes and qualifiers follow in sections after ``\x1e``."""
    if name.former:
        return "~"
    if not name.candidates:
        return "!" if name.placeholder else ""
    text = _encode_candidates(name.candidates)
    if name.owners:
        text += "\x1eo" + _encode_candidates(name.owners)
    if name.namesakes:
        text += "\x1en" + _encode_candidates(name.namesakes)
    if name.qualifiers:
        text += "\x1eq" + "\t".join(name.qualifiers)
    return text


def _encode_candidates(candidates: Iterable[NameCandidate]) -> str:
    return "\t".join(f"{c.words}:{c.trimmed}:{c.core}" for c in candidates)


def decode_analysis(raw: str, text: str) -> CompanyName:
    if not text or text == "!" or text == "~":
        return CompanyName(raw, (), text == "!", text == "~")
    if "\x1e" not in text:
        return _new(CompanyName, (raw, _decode_candidates(text), False, False, (), (), ()))
    first, *sections = text.split("\x1e")
    extra: dict[str, str] = {section[:1]: section[1:] for section in sections}
    return CompanyName(
        raw,
        _decode_candidates(first),
        owners=_decode_candidates(extra["o"]) if "o" in extra else (),
        namesakes=_decode_candidates(extra["n"]) if "n" in extra else (),
        qualifiers=tuple(extra["q"].split("\t")) if "q" in extra else (),
    )


def _decode_candidates(text: str) -> tuple[NameCandidate, ...]:
    # tuple.__new__ skips the NamedTuple constructor: this runs for every cached name.
    candidates = []
    for part in text.split("\t"):
        words, trimmed, core = part.split(":", 2)
        candidates.append(_new(NameCandidate, (words.replace(" ", ""), words, trimmed, core)))
    return tuple(candidates)


_new = tuple.__new__


# -- the built-in alias table ----------------------------------------------------------------


@dataclass(frozen=True)
class AliasEntry:
    name: str
    parent: str
    relation: str  # "same": another name for the same employer; "part": a unit or subsidiary
    fact: str = ""  # why, in words: "acquired by Salesforce, 2019"


__all__ = [
    "AliasEntry",
    "NameCandidate",
    "CompanyName",
    "analyse_company",
    "display_name",
    "fold",
    "initials",
    "written_initials",
    "is_place",
    "is_unit_or_place",
    "trailing_place",
    "literal_key",
    "normalise_company",
    "remember",
    "rules_fingerprint",
    "split_company",
]
