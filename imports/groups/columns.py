"""The columns of a catalogue of networking groups: header synonyms, and whether a header row
is a catalogue's rather than a list of target employers' (``outreach import targets`` asks).

Users keep catalogues by hand, so columns are found by synonym, and a header such as "Cost
(USD)" by its first words.
"""

from __future__ import annotations

#: Field -> header synonyms (normalised: lower case, words separated by one space).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "group", "group name", "organization", "organisation", "club", "club name",
             "chapter", "event", "meetup", "networking group", "title"),
    "kind": ("type", "kind", "category", "group type", "type of group", "kind of group"),
    "city": ("city", "location", "where", "town", "place", "city or online", "metro", "area"),
    "cost": ("cost", "price", "fee", "fees", "dues", "membership fee", "cost to attend",
             "membership cost", "costs", "membership dues"),
    "meets": ("meets", "schedule", "frequency", "when", "meeting schedule", "meets on",
              "meetings", "how often", "day and time", "meeting time"),
    "duration": ("duration", "hours", "length", "duration hours", "meeting length",
                 "hours per meeting", "duration h", "time per meeting", "how long"),
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


def _field_for(header: str) -> str | None:
    if header in _BY_SYNONYM:
        return _BY_SYNONYM[header]
    # "Cost (USD)" -> "cost usd", "Duration in hours" -> "duration in hours": the first word(s).
    for synonym in sorted(_BY_SYNONYM, key=len, reverse=True):
        if header.startswith(synonym + " ") and len(synonym) > 3:
            return _BY_SYNONYM[synonym]
    return None


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
