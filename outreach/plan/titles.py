"""Job titles read as people write them on LinkedIn: the occupation, its function, the level.

``read_title("🚀 Sr. Product Manager | Ex-Google | Mentor")`` is a senior product manager. The
rules, in the order they apply:

- A headline is cut into parts at ``|``, ``@``, ``·``, ``•``, ``;``, an emoji, a spaced ``-`` or
  ``/``, a dash, and " at " (also "bei", "chez", "em", "en", "na"). The first part that names an
  occupation, a function or a level is read; parts that only say "Ex-…", "Former …", "Hiring!",
  "Open to work", "Mentor", "Investor" … are passed over. Commas, "&" and an unspaced "/" join
  words of one title ("Director, Product Management", "CEO/Founder").
- The occupation comes from the word tables in ``outreach/data/titles.toml`` (English, German,
  French, Spanish, Portuguese, Dutch, Italian). At each place the longest phrase wins; the
  first phrase of a title is its role, unless it is a function word right before an occupation
  ("IT Project Manager" is a project manager). A title that names only a function has no role
  ("Head of Product"), except that a manager of one is a "<function> manager" ("Warehouse
  Operations Manager" is an operations manager). A phrase takes its words: "manager" in "Product
  Manager", "owner" in "Product Owner", "executive" in "Account Executive" and "partner" in
  "Talent Partner" are the occupation, never a level.
- The level is the highest level word left over ("Senior Director" is a director), except that
  an intern is an intern and "junior" beats senior, lead and manager (not director and above).
  "Associate" is mid on its own ("Associate, Investment Banking") and junior before an
  occupation ("Associate Product Manager"). With no level word, the level is "mid".
- ``manages`` (people): manager level and above, founders, and the roles listed in the table's
  ``people_managers`` ("Engineering Manager", "Marketing Manager"). A product, project, program,
  account, office or community manager runs a product, a project or accounts, not people, so
  does not manage unless another word says so ("Director of Product Management", "Group
  Product Manager" is lead level but an individual contributor here). "Hiring Manager" is a
  manager who manages; a hiring flag ("We're hiring!") is neither a role nor a recruiter.
- ``recruiter``: the role "recruiter": in-house and agency recruiters, talent acquisition,
  talent partners, sourcers, headhunters, recruitment consultants, staffing. HR business
  partners and "People Partner" are HR, not recruiters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

#: Each level's value in [0, 1] (a few words have their own, in the table's ``level_values``).
LEVEL_VALUE: dict[str, float] = {
    "intern": 0.05, "junior": 0.15, "mid": 0.3, "senior": 0.4, "lead": 0.55, "manager": 0.55,
    "director": 0.8, "vp": 0.9, "executive": 1.0, "founder": 1.0,
}
_RANK = {name: rank for rank, name in enumerate(LEVEL_VALUE)}
_MANAGING = {"manager", "director", "vp", "executive", "founder"}
#: "Staff" is a level only for those who build things ("Staff Engineer", not "Staff Accountant").
_STAFF_FUNCTIONS = {"engineering", "data", "design", "product", "research"}
FUNCTIONS = ("product", "engineering", "data", "design", "marketing", "sales", "finance", "hr",
             "operations", "legal", "research", "executive", "other")


@dataclass(frozen=True)
class Title:
    role: str  # the occupation, normalised ("product manager"); "" when the title names none
    function: str  # one of FUNCTIONS
    level: float  # 0..1, see LEVEL_VALUE
    level_name: str  # a key of LEVEL_VALUE
    recruiter: bool  # hires for a living: recruiters, talent acquisition, sourcers, headhunters
    manages: bool  # manages people (see the module's docstring for who does not)


UNKNOWN = Title("", "other", LEVEL_VALUE["mid"], "mid", False, False)


# --- the tables --------------------------------------------------------------------------------


class _Match(NamedTuple):
    start: int  # index of the first word
    end: int  # index after the last word
    phrase: str
    meaning: Any


class _Table:
    """Phrases of one table and what each means, found in a title's words."""

    def __init__(self, meanings: dict[str, Any]) -> None:
        self.exact = {k: v for k, v in meanings.items() if not k.startswith("*")}
        for key, value in list(self.exact.items()):  # German feminine forms: "Managerin"
            self.exact.setdefault(key + "in", value)
            self.exact.setdefault(key + "innen", value)
        self.ends = [(k[1:], v) for k, v in meanings.items() if k.startswith("*")]
        self.compounds: dict[str, Any] = {}  # word -> what its end means, as found
        #: the most words a phrase starting with this word has
        self.longest: dict[str, int] = {}
        for key in self.exact:
            first, size = key.split()[0], len(key.split())
            self.longest[first] = max(self.longest.get(first, 1), size)

    def meaning(self, phrase: str) -> Any:
        value = self.exact.get(phrase)
        if value is not None or " " in phrase or not self.ends:
            return value
        if phrase not in self.compounds:  # compounds are one word: "softwareentwicklerin"
            stem = phrase.removesuffix("innen").removesuffix("in")
            self.compounds[phrase] = next(
                (v for end, v in self.ends if phrase.endswith(end) or stem.endswith(end)), None)
        return self.compounds[phrase]

    def find(self, words: Sequence[str]) -> list[_Match]:
        """The phrases in ``words``, left to right, the longest at each place. A phrase never
        spans a comma or an empty word (one a phrase of another table has taken)."""
        out, i, n = [], 0, len(words)
        while i < n:
            for size in range(min(self.longest.get(words[i], 1), n - i), 0, -1):
                span = words[i:i + size]
                if "" in span or "," in span:
                    continue
                phrase = " ".join(span)
                value = self.meaning(phrase)
                if value is not None:
                    out.append(_Match(i, i + size, phrase, value))
                    i += size
                    break
            else:
                i += 1
        return out


@dataclass(frozen=True)
class _Tables:
    roles: _Table  # phrase -> (role, function)
    levels: _Table  # phrase -> level name
    level_values: dict[str, float]
    role_levels: dict[str, str]  # an occupation's phrase -> the level it says
    people_managers: frozenset[str]
    chief_functions: dict[str, str]
    filler: frozenset[str]
    related: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    import tomllib  # Python 3.11+, as outreach.plan.messages (pyproject still says 3.10)

    text = resources.files("outreach").joinpath("data", "titles.toml").read_text("utf-8")
    data = tomllib.loads(text)
    roles = {phrase: (role, function) for function, table in data["roles"].items()
             for phrase, role in table.items()}
    return _Tables(
        roles=_Table(roles),
        levels=_Table(data["levels"]),
        level_values=data["level_values"],
        role_levels=data["role_levels"],
        people_managers=frozenset(data["people_managers"]["roles"]),
        chief_functions=data["chief_functions"],
        filler=frozenset(data["filler"]["words"]),
        related={k: frozenset(v) for k, v in data["related"].items()},
    )


# --- reading -----------------------------------------------------------------------------------

# Where a headline divides into parts. Prepositions are matched in lower case only, so that the
# abbreviation "EM" (engineering manager) is never read as the Portuguese "em" (at).
_PARTS = re.compile(
    r"[|｜•·▪●►@;]|\s[-–—/]\s|[–—]|\s(?:at|At|AT|bei|chez|em|en|na)\s")
_FORMER = re.compile(r"(?i)\b(?:ex|former|formerly|previously|prev)\b.*")
_HIRING_FLAG = re.compile(r"(?i)^\W*(?:(?:we\W?re|we are|i\W?m|we|now|is)\s+)?hiring\b(?!\s+manager)")
#: Commas stay: "Associate, Investment Banking" is no "Associate Investment Banker".
_WORD = re.compile(r"[a-z0-9]+|,")


#: Emoji and pictographs often stand between the parts of a headline ("PM 🚀 Mentor").
_SYMBOLS = re.compile("[\U0001F000-\U0001FAFF\u2190-\u21FF\u2300-\u23FF\u25A0-\u27BF"
                      "\u2900-\u2BFF\u3030\u303D\u00A9\u00AE\u2122\uFE0F\u200D]+")


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    """('senior', 'product', 'manager', ',', 'payments'): lower case ASCII words and commas."""
    # "&" divides like a comma: "Director, Data & Analytics" is no director of data analytics
    text = text.casefold().replace("go-to-market", "gtm").replace("go to market", "gtm")
    text = text.replace("&", " , ")
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(ch))
    return tuple(_WORD.findall(text))


@dataclass(frozen=True)
class _Reading:
    title: Title
    says_something: bool  # names an occupation, a function or a level


def _read_part(part: str) -> _Reading:
    t = _tables()
    words = list(_words(_FORMER.sub("", part)))
    if "to" in words:  # "Chief of Staff to the CEO" works for the chief executive, is none
        del words[words.index("to"):]
    if not words:
        return _Reading(UNKNOWN, False)
    role, function = "", ""
    matches = t.roles.find(words)
    match = matches[0] if matches else None
    # A function word before an occupation qualifies it: "IT Project Manager" is a project manager.
    while match and not match.meaning[0] and len(matches) > 1 and matches[1].start == match.end:
        matches.pop(0)
        match = matches[0]
    if match:
        role, function = match.meaning
        # the occupation's words are spent: they are no level ("Product Owner", "Talent Partner")
        words[match.start:match.end] = [""] * (match.end - match.start)
    found: list[tuple[str, str, int]] = []  # (phrase, level name, index after it)
    for hit in t.levels.find(words):
        if hit.phrase == "staff" and function not in _STAFF_FUNCTIONS:
            continue
        if hit.phrase == "student" and words[hit.end:hit.end + 1] not in ([], [","]):
            continue  # "MBA Student" studies; a "Student Success Manager" does not
        found.append((hit.phrase, hit.meaning, hit.end))
    implied = t.role_levels.get(match.phrase) if match else None
    if match and implied:  # "Chief of Staff" is lead level, "Product Lead" leads
        found.append((match.phrase, implied, match.end))
    names = {name for _, name, _ in found}
    if not role and not function and not names:
        return _Reading(UNKNOWN, False)

    if "intern" in names and "founder" not in names:
        level_name = "intern"
    elif "junior" in names and not names & {"director", "vp", "executive", "founder"}:
        level_name = "junior"
    elif found:
        level_name = max(names, key=_RANK.__getitem__)
    else:
        level_name = "manager" if role in t.people_managers else "mid"
    if level_name == "mid" and match and any(p == "associate" and end == match.start
                                             for p, _, end in found):
        level_name = "junior"  # "Associate Product Manager" is where product managers start
    if level_name in ("lead", "mid", "senior") and role in t.people_managers:
        level_name = "manager"
    level = LEVEL_VALUE[level_name]
    for phrase, name, _ in found:
        if name == level_name and phrase in t.level_values:
            level = t.level_values[phrase]
    if level_name in ("lead", "manager", "director") and {"senior", "sr", "snr"} & {p for p, _, _ in found}:
        level = min(level + 0.05, 0.85)  # "Senior Director" sits above "Director"

    if not function:
        chief = next((t.chief_functions[p] for p, _, _ in found if p in t.chief_functions), None)
        function = chief or ("executive" if level_name in ("executive", "founder") else "other")
    if not role and level_name == "manager" and function in FUNCTIONS[:11]:
        role = f"{function} manager"  # "Warehouse Operations Manager": an operations manager
    manages = level_name in _MANAGING or role in t.people_managers
    return _Reading(Title(role, function, level, level_name, role == "recruiter", manages), True)


def _is_noise(part: str, filler: frozenset[str]) -> bool:
    if _HIRING_FLAG.match(part) or _FORMER.match(part.strip()):
        return True
    words = [w for w in _words(part) if w != ","]
    return not words or all(w in filler for w in words)


@lru_cache(maxsize=65536)
def read_title(position: str) -> Title:
    """The occupation, function, level and flags of a LinkedIn position or headline."""
    if not position or not position.strip():
        return UNKNOWN
    text = position if position.isascii() else _SYMBOLS.sub("|", position)
    parts = [p for p in _PARTS.split(text) if p.strip()]
    filler = _tables().filler
    useful = [p for p in parts if not _is_noise(p, filler)]
    for part in useful:
        reading = _read_part(part)
        if reading.says_something:
            return reading.title
    # nothing but noise: "Open to work | Mentor" still may say something
    for part in parts:
        reading = _read_part(part)
        if reading.says_something:
            return reading.title
    return UNKNOWN


@lru_cache(maxsize=4096)
def short_title(position: str) -> str:
    """The title alone, as written, for a sentence: "Sr. PMM @ Sprout Social | B2B SaaS 🚀" ->
    "Sr. PMM"; "Brand Manager | Skincare ✨" -> "Brand Manager"; the whole text when it has no
    parts."""
    if not position or not position.strip():
        return ""
    text = position if position.isascii() else _SYMBOLS.sub("|", position)
    parts = [p.strip() for p in _PARTS.split(text) if p.strip()]
    filler = _tables().filler
    for part in parts:
        if not _is_noise(part, filler) and _read_part(part).says_something:
            return part.strip(" ,;:-")
    return parts[0].strip(" ,;:-") if parts else position.strip()


def same_role(title: Title, wanted: str) -> bool:
    """Whether the contact does the occupation the user wants ("Product Manager"), not merely a
    title sharing a word with it: "Senior Product Manager" yes; "Product Designer", "Product
    Analyst", "Operations Manager" no. A leader of that occupation ("Director of Product
    Management") shares it too: tell the two apart by ``manages`` and ``level``."""
    want = read_title(wanted)
    return bool(want.role) and title.role == want.role


def related_function(title: Title, wanted: str) -> bool:
    """Whether the contact works in the function of the role the user wants, or one close to it
    (the table's ``related``): "Product Designer" for a product manager, yes; "Warehouse
    Operations Manager", no."""
    want = read_title(wanted)
    if want.function in ("other", "executive"):
        return False
    return title.function == want.function or title.function in _tables().related.get(
        want.function, frozenset())


__all__ = ["FUNCTIONS", "LEVEL_VALUE", "UNKNOWN", "Title", "read_title", "related_function",
           "same_role"]
