"""The columns of a catalogue of networking groups: header synonyms, and whether a header row
is a catalogue's rather than a list of target employers' (``outreach import targets`` asks).

Users keep catalogues by hand, so columns are found by synonym, and a header such as "Cost
(USD)" by its first words. A unit in a header ("Duration (hours)", "Length (min)", "Cost per
month", "Annual fee") is the unit of the bare numbers in its column: ``column_unit``.
"""

from __future__ import annotations

import re
import unicodedata

#: Field -> header synonyms (normalised: lower case, words separated by one space).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "group", "group name", "organization", "organisation", "club", "club name",
             "chapter", "event", "meetup", "networking group", "title"),
    "kind": ("type", "kind", "category", "group type", "type of group", "kind of group"),
    "city": ("city", "location", "where", "town", "place", "city or online", "metro", "area"),
    "cost": ("cost", "price", "fee", "fees", "dues", "membership fee", "cost to attend",
             "membership cost", "costs", "membership dues", "subscription"),
    "meets": ("meets", "schedule", "frequency", "when", "meeting schedule", "meets on",
              "meetings", "how often", "day and time", "meeting time"),
    "duration": ("duration", "hours", "length", "duration hours", "meeting length",
                 "hours per meeting", "duration h", "time per meeting", "how long", "minutes",
                 "mins", "hrs", "time commitment"),
    "focus": ("focus", "purpose", "goal", "topic", "aim"),
    "format": ("format", "style", "meeting format", "structure"),
    "visitors": ("visitors", "guests", "visitor policy", "visits", "can visit", "visit policy",
                 "guest policy", "visitors allowed"),
    "contract": ("contract", "commitment", "term", "membership term", "minimum commitment",
                 "contract length"),
    "salary": ("salary", "salary range", "career level", "level", "seniority",
               "salary range or career level", "salary band", "audience", "members level"),
    "industries": ("industries", "industry", "sectors", "sector", "fields", "field"),
    "url": ("url", "website", "web", "link", "site", "web site", "homepage"),
    "notes": ("notes", "comments", "remarks", "description", "comment", "note"),
}
_BY_SYNONYM = {syn: fieldname for fieldname, syns in SYNONYMS.items() for syn in syns}

#: Fields only a catalogue has (a list of employers has names, cities, websites and notes too).
GROUP_FIELDS = frozenset(("kind", "cost", "meets", "duration", "focus", "format", "visitors",
                          "contract", "salary"))


#: Words before a cost or duration header that say its period or unit: "Monthly cost",
#: "Annual membership fee", "Typical length".
_QUALIFIERS = frozenset(("monthly", "annual", "annually", "yearly", "weekly", "quarterly",
                         "typical", "average", "approx", "approximate", "estimated", "meeting"))


def _field_for(header: str) -> str | None:
    if header in _BY_SYNONYM:
        return _BY_SYNONYM[header]
    # "Cost (USD)" -> "cost usd", "Duration in hours" -> "duration in hours": the first word(s).
    for synonym in sorted(_BY_SYNONYM, key=len, reverse=True):
        if header.startswith(synonym + " ") and (len(synonym) > 3 or synonym == "fee"):
            return _BY_SYNONYM[synonym]
    words = header.split()
    if len(words) > 1 and words[0] in _QUALIFIERS:
        found = _field_for(" ".join(words[1:]))
        return found if found in ("cost", "duration") else None
    return None


#: Header words that give the unit of a duration column's bare numbers, and its period.
_HOUR_WORDS = frozenset(("h", "hr", "hrs", "hour", "hours"))
_MINUTE_WORDS = frozenset(("m", "min", "mins", "minute", "minutes"))
#: Header words that give the period of a cost column's bare amounts.
_COST_PERIODS: tuple[tuple[str, frozenset[str]], ...] = (
    ("meeting", frozenset(("meeting", "meetings", "session", "sessions", "event", "events",
                           "visit", "visits", "class", "ticket", "door", "breakfast", "lunch"))),
    ("month", frozenset(("month", "monthly", "mo", "mth", "months"))),
    ("quarter", frozenset(("quarter", "quarterly"))),
    ("week", frozenset(("week", "weekly", "wk"))),
    ("year", frozenset(("year", "yearly", "annual", "annually", "yr", "annum", "years"))),
)


def column_unit(field: str, header: str) -> tuple[str, str]:
    """(unit, period) a header (normalised) gives the bare numbers of its column; "" = not said.

    Durations: ("hours" | "minutes", "meeting" | "week" | "month"): "Duration (hours)" ->
    ("hours", ""), "Length (min)" -> ("minutes", ""), "Hours per week" -> ("hours", "week").
    Costs: ("", "meeting" | "month" | "quarter" | "week" | "year"): "Cost per month", "Monthly
    cost" -> ("", "month"); "Cost ($/year)" -> ("", "year"); "Fee per meeting" -> ("", "meeting").
    """
    words = header.split()
    if field == "duration":
        hours, minutes = _HOUR_WORDS.intersection(words), _MINUTE_WORDS.intersection(words)
        unit = "hours" if hours and not minutes else "minutes" if minutes and not hours else ""
        period = ""
        # "Hours per week", "Hours a month": time an online community asks, not one meeting's
        for index, word in enumerate(words[1:], start=1):
            if words[index - 1] in ("per", "a", "each", "every") or index == len(words) - 1:
                if word in ("week", "wk", "weekly"):
                    period = "week"
                elif word in ("month", "mo", "monthly"):
                    period = "month"
        return unit, period
    if field == "cost":
        periods = [name for name, names in _COST_PERIODS if names.intersection(words)]
        return "", periods[0] if len(periods) == 1 else ""
    return "", ""


def group_columns(header: list[str]) -> dict[str, int]:
    """Field -> column index for a header row (already normalised); the first match wins."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = _field_for(cell)
        if name and name not in found:
            found[name] = index
    return found


def holds_catalogue(cells: list[str]) -> bool:
    """Whether a header row (normalised) is surely a catalogue's: a name column, what a meeting
    costs or when it meets, and at least one more column no list of employers has."""
    found = group_columns(cells).keys()
    return "name" in found and bool(found & {"cost", "meets"}) and len(found & GROUP_FIELDS) >= 2


def catalogue_key(name: str) -> str:
    """A group's name compared across files: case, spaces and punctuation do not count
    ("BNI  Capital-City Connectors" is "bni capital city connectors")."""
    return " ".join(re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", name).casefold()).split())
