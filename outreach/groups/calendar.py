"""The recommended groups' next meetings as calendar events (.ics, icalendar package).

Dates come from the schedule text as written in the catalogue (``every Tuesday 7:00am``,
``1st and 3rd Thursday``, ``biweekly Thursdays``). A schedule that does not say which day
(``weekly``, ``monthly``) is not guessed: the group is listed as skipped with the reason, so
the user checks its site instead of driving to a meeting that is not happening. Times are
"floating" local times, as the catalogue gives no time zone.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from outreach.files import write_atomically
from outreach.groups.recommend import GroupPlan, GroupRow
from outreach.groups.schedule import Schedule, parse_schedule

DEFAULT_HOURS = 1.5


@dataclass(frozen=True)
class Meeting:
    group: str
    start: datetime | date      # a date alone: the catalogue gives no time (all-day event)
    end: datetime | date
    note: str = ""


def month_later(day: date) -> date:
    """The same day next month, or that month's last day (31 Jan -> 28/29 Feb)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    days = [d for d in calendar.Calendar().itermonthdates(year, month)
            if d.month == month and d.weekday() == weekday]
    if nth == -1:
        return days[-1]
    return days[nth - 1] if nth <= len(days) else None


def meeting_days(schedule: Schedule, start: date, until: date) -> tuple[list[date], str]:
    """Days the group meets in [start, until), and a note; ([], reason) when it cannot say."""
    if schedule.asynchronous:
        return [], "no fixed meetings (an online community)"
    if not schedule.weekdays:
        return [], "the schedule does not say which day: check the group's site"
    if schedule.monthly_unplaced:
        return [], "the schedule does not say which week of the month: check the group's site"
    days: list[date] = []
    note = ""
    if schedule.nths:
        month = date(start.year, start.month, 1)
        while month < until:
            for weekday in schedule.weekdays:
                for nth in schedule.nths:
                    found = _nth_weekday(month.year, month.month, weekday, nth)
                    if found is not None and start <= found < until:
                        days.append(found)
            month = month_later(month)
    else:
        step = 7 * schedule.interval_weeks
        for weekday in schedule.weekdays:
            first = start + timedelta(days=(weekday - start.weekday()) % 7)
            current = first
            while current < until:
                days.append(current)
                current += timedelta(days=step)
        if schedule.interval_weeks > 1:
            note = f"every {schedule.interval_weeks} weeks: check with the group which weeks"
    return sorted(set(days)), note


def _meetings_for(row: GroupRow, start: date, until: date) -> tuple[list[Meeting], str]:
    schedule = parse_schedule(row.group.meets_text)
    if schedule is None:
        return [], "no readable schedule"
    days, note = meeting_days(schedule, start, until)
    if not days:  # a monthly meeting on the 31st may fall after the window: say so, not nothing
        last = until - timedelta(days=1)  # the window ends the day before ``until``
        return [], note or (f"no meeting between {start.day} {start:%b} and "
                                f"{last.day} {last:%b %Y} ({row.group.meets_text})")
    hours = row.group.duration_hours if row.group.duration_per == "meeting" else None
    meetings = []
    for day in days:
        if schedule.start is None:
            meetings.append(Meeting(row.name, day, day + timedelta(days=1),
                                    "; ".join(filter(None, [note, "time not given"]))))
            continue
        begin = datetime.combine(day, schedule.start)
        if schedule.end is not None and schedule.end > schedule.start:
            end = datetime.combine(day, schedule.end)
        else:
            end = begin + timedelta(hours=hours or DEFAULT_HOURS)
        meetings.append(Meeting(row.name, begin, end, note))
    return meetings, ""


def next_meetings(plan: GroupPlan, today: date) -> tuple[list[Meeting], list[str]]:
    """The recommended groups' meetings from ``today`` for one month, and what was skipped."""
    until = month_later(today)
    meetings: list[Meeting] = []
    skipped: list[str] = []
    for row in plan.recommended:
        found, reason = _meetings_for(row, today, until)
        meetings.extend(found)
        if reason:
            skipped.append(f"{row.name}: {reason}")
    meetings.sort(key=lambda m: (m.start if isinstance(m.start, datetime)
                                 else datetime.combine(m.start, time()), m.group))
    return meetings, skipped


def _uid(name: str, start: date) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{slug}-{start:%Y%m%d}@outreach"


def calendar_bytes(plan: GroupPlan, today: date) -> tuple[bytes, int, list[str]]:
    """(the .ics file, the number of events, the groups skipped with the reason)."""
    from icalendar import Calendar, Event

    meetings, skipped = next_meetings(plan, today)
    rows = {row.name: row for row in plan.recommended}
    cal = Calendar()
    cal.add("prodid", "-//outreach//networking groups//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Networking groups")
    stamp = datetime.combine(today, time())
    for meeting in meetings:
        row = rows[meeting.group]
        event = Event()
        event.add("uid", _uid(meeting.group, meeting.start))
        event.add("dtstamp", stamp)
        event.add("summary", meeting.group)
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.end)
        event.add("location", "Online" if row.group.online else row.group.city)
        lines = [row.why, "Bring your 30-second pitch."]
        if row.targets_to_meet:
            lines.append("Name tags to look for: " + ", ".join(row.targets_to_meet) + ".")
        lines.extend(row.flags)
        if meeting.note:
            lines.append(meeting.note)
        if row.group.url:
            lines.append(row.group.url)
            if row.group.url.startswith(("http://", "https://")):
                event.add("url", row.group.url)
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    return cal.to_ical(), len(meetings), skipped


def write_calendar(path: Path, plan: GroupPlan, today: date) -> tuple[int, list[str]]:
    """Write the .ics file whole or not at all (``outreach.files``); (events, skipped) as
    ``calendar_bytes`` gives them. Errors are ``OutputError``s naming ``path``."""
    data, events, skipped = calendar_bytes(plan, today)
    write_atomically(path, lambda out: out.write(data))
    return events, skipped
