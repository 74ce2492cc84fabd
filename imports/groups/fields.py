"""Free text from a networking-group catalogue, read into numbers: cost, visitors, contract, level.

People write costs as ``free``, ``$20 per meeting``, ``$45 per 6 months``, ``$689/yr``,
``$500 to join + $689 per year``. Each parser returns ``None`` for text it cannot read (the
reader turns that into a warning naming the row and column) and never raises on any input.
Schedules and durations are ``outreach.groups.schedule``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from outreach.groups.schedule import NUMBER, WEEKS_PER_MONTH, word_number

#: Larger numbers are typing accidents, not amounts.
MAX_AMOUNT = 1e9

# --- cost ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cost:
    """A cost split into what recurs and what is paid once. Amounts in the file's currency."""

    free: bool = False
    join_fee: float = 0.0      # one-off: application, initiation, "to join"
    per_year: float = 0.0      # dues and subscriptions, as a yearly amount
    per_meeting: float = 0.0   # door fees, meals, tickets
    note: str = ""             # what was assumed, said to the user

    def first_year(self, meetings_per_month: float | None) -> float:
        """What the first year costs: dues, per-meeting fees over a year, and the join fee."""
        meetings = (meetings_per_month or 0.0) * 12
        return round(self.join_fee + self.per_year + self.per_meeting * meetings, 2)


_AMOUNT = re.compile(
    r"(?:(?:us|ca|au)?\$|usd|£|€|eur|gbp)\s*(\d[\d,]*(?:\.\d+)?)\s*(k\b)?"
    r"|(\d[\d,]*(?:\.\d+)?)\s*(k\b)?\s*(?:dollars|usd|bucks|eur|euros?|gbp|pounds)\b",
    re.IGNORECASE,
)
_FREE = re.compile(
    r"\b(free|no cost|no charge|no fees?|no dues|none|complimentary|gratis|n/?a)\b|^\$?0$"
)
_DONATION = re.compile(r"donation|pay what you (can|wish)|love offering|free will")
_GUEST = re.compile(r"\b(guests?|non-?members?|visitors?|walk-?ins?)\b")
_JOIN = re.compile(
    r"\b(to join|join(ing)? fee|joining|application|one[- ]time|once|initiation|enrou?llment|"
    r"sign[- ]?up|setup|set-up|registration fee|entry fee)\b"
)
_PER_MEETING = re.compile(
    r"\b(per|a|each|/)\s*(meeting|session|event|visit|class|lunch|breakfast|dinner|ticket|time)s?\b"
    r"|at the door|\b(lunch|breakfast|dinner|meal|food|ticket|cover)\b"
)
_PER_N_MONTHS = re.compile(rf"\b(?:per|every|each|for|/)\s*{NUMBER}\s*-?\s*(?:months?|mos?)\b")
_PERIODS = (
    (re.compile(r"semi-?annual|half[- ]?year|bi-?annual"), 2.0),
    (re.compile(r"\b(per|a|/|each|every)\s*quarter\b|quarterly"), 4.0),
    (re.compile(r"\b(per|a|/|each|every)\s*(month|mo)\b|monthly|/\s*mth"), 12.0),
    (re.compile(r"\b(per|a|/|each|every)\s*(year|yr|annum)\b|annual|yearly|\bpa\b|\bdues\b"), 1.0),
    (re.compile(r"\b(per|a|/|each|every)\s*(week|wk)\b|weekly"), 52.0),
)


_BARE_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(k)?")
#: How many times a year a period in a cost column's header comes round.
_PER_YEAR = {"year": 1.0, "month": 12.0, "quarter": 4.0, "week": 52.0}


def _amounts(text: str) -> list[float]:
    bare = _BARE_AMOUNT.fullmatch(text.strip())
    if bare:
        # A cell that is only a number ("689", "95.00"): an amount in the file's currency.
        value = float(bare.group(1).replace(",", "")) * (1000 if bare.group(2) else 1)
        return [value] if value < MAX_AMOUNT else []
    found = []
    for match in _AMOUNT.finditer(text):
        digits = match.group(1) or match.group(3)
        kilo = match.group(2) or match.group(4)
        value = float(digits.replace(",", "")) * (1000 if kilo else 1)
        if value < MAX_AMOUNT:  # a runaway number is no amount
            found.append(value)
    return found


def parse_cost(text: str, period: str = "") -> Cost | None:
    """'$500 to join + $689 per year' -> Cost(join_fee=500, per_year=689); unreadable -> None.

    ``period`` is what the column's header says ("Cost per month" -> "month"; also "year",
    "quarter", "week", "meeting"): the period of an amount the cell gives none for. A period
    written in the cell wins ("$120/year" in a monthly column is yearly).
    """
    raw = " ".join(text.split()).lower()
    if not raw:
        return None
    # Alternatives: "$25 members / $35 guests". A job seeker pays the guest price.
    alternatives = [a for a in re.split(r"\s+/\s+|\s+or\s+|\s*\|\s*", raw) if a.strip()]
    note = ""
    if len(alternatives) > 1:
        guest = [a for a in alternatives if _GUEST.search(a) and _amounts(a)]
        if guest:
            raw, note = guest[0], "used the guest price"
        else:
            raw = alternatives[0]
    segments = [s for s in re.split(r"\s*(?:\+|;|,\s|\bplus\b|\band\b|\bthen\b|\bafter\b)\s*", raw) if s]
    join = year = meeting = 0.0
    any_amount = False
    for segment in segments:
        amounts = _amounts(segment)
        if not amounts:
            continue
        any_amount = True
        amount = amounts[0]
        if len(amounts) > 1 and re.search(r"\d\s*(-|–|to)\s*\S*\d", segment):
            amount = sum(amounts[:2]) / 2  # "$15-$25 per meeting": the middle
            note = note or "a range: used the middle"
        per_n = _PER_N_MONTHS.search(segment)
        if _JOIN.search(segment):
            join += amount
        elif _DONATION.search(segment) or _PER_MEETING.search(segment):
            meeting += amount
        elif per_n:
            months = word_number(per_n.group(1))
            year += amount * 12 / months if months else amount
        else:
            times = next((t for pattern, t in _PERIODS if pattern.search(segment)), None)
            if times is not None:
                year += amount * times
            elif _GUEST.search(segment) or period == "meeting":
                meeting += amount  # "$10 for guests": a fee per visit
            elif period in _PER_YEAR:
                year += amount * _PER_YEAR[period]
            else:
                year += amount
                note = note or "no period given: counted as a yearly amount"
    if any_amount and join + year + meeting == 0:
        return Cost(free=True)
    if any_amount:
        return Cost(free=False, join_fee=join, per_year=year, per_meeting=meeting, note=note)
    if _FREE.search(raw) or raw in {"0", "$0", "-"}:
        return Cost(free=True)
    if _DONATION.search(raw):
        return Cost(free=True)
    return None


# --- visitors and contracts ---------------------------------------------------------------

@dataclass(frozen=True)
class Visitors:
    policy: str                  # "open" | "limited" | "none" | "vetting"
    max_visits: int | None = None  # for "limited" (and vetting with a number); None = no limit


def parse_visitors(text: str) -> Visitors | None:
    """'yes' -> open; '2 visits' -> limited to 2; 'vetting' -> vetting; 'members only' -> none."""
    raw = " ".join(text.lower().split())
    if not raw:
        return None
    count = re.search(rf"{NUMBER}\s*(?:free\s+)?(?:visits?|times|meetings?|sessions?)", raw)
    if not count:
        count = re.search(rf"(?:visit|attend|come)\s+{NUMBER}\s*(?:times)?|\b(once|twice)\b", raw)
    vetting = re.search(
        r"vett|appl(y|ication)|screen|interview|by referral|referral only|invit|approval|nominat",
        raw,
    )
    if count:
        token = next(g for g in count.groups() if g)
        number = int(word_number(token))
        return Visitors("vetting" if vetting else "limited", number)
    if re.search(r"first (visit|meeting|time) (is )?free", raw):
        return Visitors("limited", 1)
    if vetting:
        return Visitors("vetting", 0)
    if re.search(r"no limit|unlimited|any ?time|always", raw):
        return Visitors("open")
    if re.search(r"^(no|none|n)\b|members?[- ]only|not (allowed|open|welcome)|closed|private", raw):
        return Visitors("none", 0)
    if re.search(r"^(yes|y)\b|open|welcome|anyone|all\b|drop[- ]?in|public|guests?\b|free to", raw):
        return Visitors("open")
    return None


def parse_contract(text: str) -> tuple[int, str] | None:
    """Months of commitment: 'none' -> 0; '12 months' / '1 year' / 'annual' -> 12."""
    raw = " ".join(text.lower().split())
    if not raw:
        return None
    match = re.search(rf"{NUMBER}\s*-?\s*(months?|mos?|years?|yrs?)\b", raw)
    if match:
        value = word_number(match.group(1))
        return int(round(value * (12 if match.group(2).startswith("y") else 1))), ""
    if re.search(r"^(no|none|n/?a|n|-|0)\b|no contract|no commitment|month[- ]to[- ]month|"
                 r"pay[- ]as[- ]you[- ]go|cancel any ?time|drop[- ]in", raw):
        return 0, ""
    if re.search(r"semi-?annual|half[- ]year", raw):
        return 6, ""
    if re.search(r"annual|yearly|\ba year\b", raw):
        return 12, ""
    if re.search(r"^(yes|y)\b|contract|commitment|required", raw):
        return 12, "length not given: assumed 12 months"
    return None


# --- salary band and career level ---------------------------------------------------------

#: Rough yearly salary bands (USD) that a career level implies, when no numbers are given.
LEVEL_BANDS: dict[str, tuple[int | None, int | None]] = {
    "entry": (0, 65_000),
    "mid": (60_000, 120_000),
    "senior": (110_000, 180_000),
    "executive": (150_000, None),
}
_LEVELS = (
    ("all", r"all (career )?levels|any level|mixed|everyone|all welcome|^all$|^any$"),
    ("executive", r"exec|c-suite|c-level|chief|\bvp\b|vice president|director|officer|board"),
    ("senior", r"senior|\bsr\b|manager|\blead\b|principal|leadership"),
    ("mid", r"mid|experienced|professional"),
    ("entry", r"entry|junior|\bjr\b|new grad|graduate|student|early[- ]career|intern"),
)


@dataclass(frozen=True)
class SalaryBand:
    low: int | None
    high: int | None
    level: str = ""   # "entry", "mid", "senior", "executive", "entry-mid", ..., "all" or ""
    reversed: bool = False  # written high first ("200k-100k"): read as low-high, and said so


def parse_salary(text: str) -> SalaryBand | None:
    """'$80k-$120k' / '150k+' / 'executive ($175k+)' / 'mid-career' -> a band; unreadable -> None."""
    raw = " ".join(text.lower().split())
    if not raw:
        return None
    levels = [name for name, pattern in _LEVELS if re.search(pattern, raw)]
    level = "all" if "all" in levels else "-".join(reversed(levels))
    values = []
    for match in re.finditer(r"(\d[\d,]*(?:\.\d+)?)\s*(k\b|m\b)?", raw):
        number = float(match.group(1).replace(",", ""))
        suffix = match.group(2)
        number *= {"k": 1_000, "m": 1_000_000}.get((suffix or "").strip(), 1)
        if number < MAX_AMOUNT:
            values.append(number)
    # "80-120k": the suffix on the upper end applies to both; "80-120" alone means thousands.
    values = [v * 1000 if v < 1000 else v for v in values]
    if not values:
        if level == "all":
            return SalaryBand(None, None, level)
        if levels:
            # "entry to mid": the union of the levels' bands
            bands = [LEVEL_BANDS[name] for name in levels]
            highs = [high for _, high in bands]
            high = None if None in highs else max(h for h in highs if h is not None)
            return SalaryBand(min(low or 0 for low, _ in bands), high, level)
        return None
    if len(values) >= 2:
        return SalaryBand(int(min(values[:2])), int(max(values[:2])), level, values[0] > values[1])
    value = int(values[0])
    if re.search(r"\+|and up|or more|over|above|at least|minimum|min\b|floor|plus", raw):
        return SalaryBand(value, None, level)
    if re.search(r"under|below|up to|less than|max", raw):
        return SalaryBand(None, value, level)
    return SalaryBand(value, value, level)


def parse_volunteer_hours(text: str) -> float:
    """Hours a month a free state job club asks in return: 'volunteer 4 hours a month' -> 4."""
    raw = text.lower()
    if "volunteer" not in raw:
        return 0.0
    match = re.search(r"(\d+(?:\.\d+)?)\s*(?:volunteer\s+)?(?:h|hrs?|hours?)\b([^.;]*)", raw)
    if not match:
        return 0.0
    hours = float(match.group(1))
    if hours > 200:
        return 0.0
    if re.search(r"week", match.group(2)):
        return round(hours * WEEKS_PER_MONTH, 2)
    return hours
