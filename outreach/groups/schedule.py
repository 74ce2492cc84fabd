"""When a networking group meets, and for how long, read from free text.

``weekly``, ``biweekly``, ``monthly``, ``1st and 3rd Thursday``, ``every Tuesday 7:00am``,
``Thursdays 7-8:30am``; durations as ``1.5``, ``90 min``, ``7:00-8:30am``, ``2 hours a week``.
The parsers return ``None`` for text they cannot read and never raise on any input. The
calendar (outreach/groups/calendar.py) places events from the same ``Schedule``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import time

WEEKS_PER_MONTH = 52 / 12

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "once": 1, "twice": 2,
}
NUMBER = r"(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"


def word_number(token: str) -> float:
    """'6' -> 6.0, 'six' -> 6.0, 'twice' -> 2.0."""
    # Capped: a runaway number ("every 99999... weeks") must not overflow int().
    return min(float(_WORD_NUMBERS.get(token, token)), 1e6)


# --- schedule -----------------------------------------------------------------------------

_DAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}
_DAY = re.compile(r"\b(" + "|".join(sorted(_DAYS, key=len, reverse=True)) + r")(s)?\b\.?")
_ORDINALS = {
    "1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4,
    "fourth": 4, "5th": 5, "fifth": 5, "last": -1,
}
_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b")
_TIME = re.compile(
    r"\b(\d{1,2})(?::(\d{2}))?\s*(?:(-|–|to)\s*(\d{1,2})(?::(\d{2}))?\s*)?"
    r"(a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|\b([01]?\d|2[0-3]):([0-5]\d)\b"
    r"|\b(noon|midday)\b"
)
_ASYNC = re.compile(
    r"ongoing|any ?time|async|self[- ]paced|always on|24/7|on demand|on-demand|continuous|"
    r"whenever|no set (time|schedule)"
)


@dataclass(frozen=True)
class Schedule:
    """When a group meets. ``per_month`` is what the time budget needs; the rest places events."""

    per_month: float | None
    weekdays: tuple[int, ...] = ()     # 0 = Monday
    nths: tuple[int, ...] = ()         # which weekdays of the month: 1..5, -1 = last
    interval_weeks: int = 1            # 2 = every other week
    start: time | None = None
    end: time | None = None
    asynchronous: bool = False         # an online community with no meetings: hours come from duration
    monthly_unplaced: bool = False     # "monthly" with no week given: cannot be put on a calendar


def _to_time(hour: int, minute: int, meridiem: str) -> time | None:
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def parse_times(text: str) -> tuple[time | None, time | None]:
    """'7:00-8:30am' -> (07:00, 08:30); 'Tuesdays 6:30 pm' -> (18:30, None); 'noon' -> 12:00."""
    match = _TIME.search(text.lower())
    if not match:
        return None, None
    if match.group(9):
        return time(12, 0), None
    if match.group(7):
        return time(int(match.group(7)), int(match.group(8))), None
    meridiem = match.group(6).replace(".", "")
    end = None
    if match.group(4):
        end = _to_time(int(match.group(4)), int(match.group(5) or 0), meridiem)
        start_hour = int(match.group(1))
        # "11-1pm": the start is before noon; "6-8pm": both are evening hours.
        start_meridiem = meridiem
        if meridiem == "pm" and end is not None and start_hour != 12 and start_hour + 12 > end.hour:
            start_meridiem = "am"
        start = _to_time(start_hour, int(match.group(2) or 0), start_meridiem)
    else:
        start = _to_time(int(match.group(1)), int(match.group(2) or 0), meridiem)
    return start, end


def parse_schedule(text: str) -> Schedule | None:
    """'1st and 3rd Thursday 6pm' -> 2 a month on Thursdays; 'weekly' -> 4.33; unreadable -> None."""
    raw = " ".join(text.lower().split())
    if not raw:
        return None
    start, end = parse_times(raw)
    words = _TIME.sub(" ", raw)
    weekdays = sorted({_DAYS[m.group(1)] for m in _DAY.finditer(words)})
    if re.search(r"\bweekdays\b|mon(day)?\s*(-|–|to|through|thru)\s*fri(day)?", words):
        weekdays = [0, 1, 2, 3, 4]
    nths = sorted({_ORDINALS[m.group(1)] for m in _ORDINAL.finditer(words)}, key=lambda n: (n < 0, n))
    days = max(1, len(weekdays))
    base = Schedule(per_month=None, weekdays=tuple(weekdays), start=start, end=end)

    if _ASYNC.search(words):
        return replace(base, asynchronous=True)
    every_n = re.search(rf"every\s+{NUMBER}\s+weeks?", words)
    if re.search(r"bi-?weekly|every other (week|\w+day)|alternate \w+days|fortnight", words) or (
        every_n and word_number(every_n.group(1)) == 2
    ):
        return replace(base, per_month=days * WEEKS_PER_MONTH / 2, interval_weeks=2)
    if every_n:
        weeks = max(1, int(word_number(every_n.group(1))))
        return replace(base, per_month=days * WEEKS_PER_MONTH / weeks, interval_weeks=weeks)
    if nths and (weekdays or re.search(r"month", words)):
        placed = bool(weekdays)
        return replace(base, per_month=float(len(nths) * days), nths=tuple(nths),
                       monthly_unplaced=not placed)
    times_a = re.search(rf"{NUMBER}\s*(?:x|times)?\s*(?:a|per|/|each|every)\s*(week|month)", words)
    if re.search(r"semi-?monthly|twice (a|per|each) month|twice monthly", words):
        return replace(base, per_month=2.0, monthly_unplaced=True)
    if re.search(r"twice (a|per|each) week|twice weekly", words):
        return replace(base, per_month=2 * WEEKS_PER_MONTH)
    if times_a:
        count = word_number(times_a.group(1))
        if times_a.group(2) == "week":
            return replace(base, per_month=count * WEEKS_PER_MONTH)
        return replace(base, per_month=count, monthly_unplaced=True)
    if re.search(r"quarterly|every (3|three) months", words):
        return replace(base, per_month=1 / 3, monthly_unplaced=True)
    if re.search(r"\b(annual(ly)?|yearly|once a year)\b", words):
        return replace(base, per_month=1 / 12, monthly_unplaced=True)
    if re.search(r"\bmonthly|once a month|every month|each month|\bmonth\b", words):
        return replace(base, per_month=1.0, monthly_unplaced=True)
    if re.search(r"\bdaily\b|every day", words):
        return Schedule(per_month=30.0, weekdays=tuple(range(7)), start=start, end=end)
    if weekdays or re.search(r"\bweekly\b|every week|each week|once a week", words):
        return replace(base, per_month=days * WEEKS_PER_MONTH)
    return None


# --- duration -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Duration:
    hours: float
    per: str = "meeting"   # "meeting", "week" or "month" (online communities: "2 hours a week")
    note: str = ""


def parse_duration(text: str, unit: str = "", per: str = "") -> Duration | None:
    """'1.5' / '90 min' / '1 1/2 hours' / '7:00-8:30am' / '2 hours a week' -> hours.

    ``unit`` ("hours" or "minutes") and ``per`` ("week" or "month") are what the column's
    header says ("Duration (hours)", "Hours per week"): they decide bare numbers; a unit or
    period written in the cell wins ("90 min" in an hours column is 90 minutes).
    """
    duration = _parse_duration(text, unit, per)
    # More than a week of hours is a typing accident, not a meeting.
    return duration if duration is None or duration.hours <= 168 else None


def _parse_duration(text: str, unit: str = "", header_per: str = "") -> Duration | None:
    raw = " ".join(text.lower().split()).replace("½", ".5")
    if not raw:
        return None
    per = header_per or "meeting"
    if re.search(r"(per|a|/|each|every)\s*(week|wk)\b|weekly", raw):
        per = "week"
    elif re.search(r"(per|a|/|each|every)\s*(month|mo)\b|monthly", raw):
        per = "month"
    elif re.search(r"(per|a|/|each|every)\s*(meeting|session|event)\b", raw):
        per = "meeting"
    start, end = parse_times(raw)
    if start is not None and end is not None:
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        if minutes > 0:
            return Duration(round(minutes / 60, 2), per)
    if re.search(r"half[- ]day", raw):
        return Duration(4.0, per)
    if re.search(r"(all|full|whole)[- ]day", raw):
        return Duration(8.0, per)
    raw = re.sub(r"\b(\d+)\s+1/2\b", lambda m: f"{m.group(1)}.5", raw)
    raw = re.sub(r"\b(\d+)\s*h\s*(\d{2})\b", lambda m: f"{m.group(1)} h {m.group(2)} min", raw)
    raw = re.sub(r"\b(an|one) hour\b", "1 hour", raw)
    raw = re.sub(r"\bhalf an hour\b", "30 min", raw)
    hours = 0.0
    matched = False
    range_hours = re.search(r"(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?)\b", raw)
    if range_hours:
        return Duration((float(range_hours.group(1)) + float(range_hours.group(2))) / 2, per,
                        "a range: used the middle")
    for match in re.finditer(r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?)\b", raw):
        hours += float(match.group(1))
        matched = True
    for match in re.finditer(r"(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?)\b", raw):
        hours += float(match.group(1)) / 60
        matched = True
    if matched:
        return Duration(round(hours, 2), per) if hours > 0 else None
    bare = re.fullmatch(r"(?:about|approx\.?|approximately|~)?\s*(\d+(?:\.\d+)?)", raw)
    if bare:
        value = float(bare.group(1))
        if value <= 0:
            return None
        if unit == "minutes":
            return Duration(round(value / 60, 2), per)
        if unit == "hours":
            # The header says hours: trust it, but say so when it is more than a long day.
            note = f"read as {value:g} hours, as the column's header says" if value > 12 else ""
            return Duration(value, per, note)
        if value > 12:  # "90" in a duration column is minutes, not ninety hours
            return Duration(round(value / 60, 2), per, "read as minutes")
        return Duration(value, per) if value > 0 else None
    return None
