"""Next meetings of the recommended groups, as an .ics file that calendars read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from icalendar import Calendar

from outreach.groups.calendar import calendar_bytes, meeting_days, month_later, next_meetings
from outreach.groups.recommend import plan_groups
from outreach.groups.schedule import parse_schedule
from outreach.groups.store import Group
from outreach.profile import Profile

TODAY = date(2026, 3, 2)  # a Monday; the coming month runs to 2 April (not included)
PROFILE = Profile(home_city="Austin, TX", hours_per_month=200)


def club(name: str, meets: str, **kw) -> Group:
    schedule = parse_schedule(meets)
    return Group(
        name=name, kind="job club", city="Austin, TX", free=True, cost_per_year=0.0,
        meets_text=meets, meetings_per_month=schedule.per_month if schedule else None,
        asynchronous=bool(schedule and schedule.asynchronous), duration_hours=1.5,
        focus="job search", format="facilitated", visitors_policy="open", contract_months=0,
        url="https://www.example.org/club", **kw,
    )


def test_month_later():
    assert month_later(date(2026, 1, 31)) == date(2026, 2, 28)
    assert month_later(date(2026, 12, 15)) == date(2027, 1, 15)


@pytest.mark.parametrize("meets,days", [
    ("every Tuesday 7:00am", [3, 10, 17, 24, 31]),
    ("1st and 3rd Thursday 6pm", [5, 19]),
    ("last Wednesday of the month 6:30pm", [25]),
    ("biweekly Thursdays 6:30 pm", [5, 19]),
    ("Mon/Wed 9am", [2, 4, 9, 11, 16, 18, 23, 25, 30]),
])
def test_meeting_days_in_the_coming_month(meets, days):
    found, _ = meeting_days(parse_schedule(meets), TODAY, month_later(TODAY))
    assert [d.day for d in found if d.month == 3] == days
    assert all(TODAY <= d < date(2026, 4, 2) for d in found)


@pytest.mark.parametrize("meets,reason", [
    ("weekly", "which day"),
    ("monthly", "which day"),
    ("monthly on Tuesdays", "which week"),
    ("ongoing", "no fixed meetings"),
])
def test_schedules_without_a_day_are_not_guessed(meets, reason):
    found, why = meeting_days(parse_schedule(meets), TODAY, month_later(TODAY))
    assert found == [] and reason in why


def test_ics_parses_back_with_the_expected_events():
    groups = [
        club("Tuesday Club", "every Tuesday 7:00am"),
        club("Thursday Club", "1st and 3rd Thursday 6-8pm"),
        club("Wednesday Club", "Wednesdays"),  # no time: all-day events
        club("Vague Club", "monthly"),
        replace(club("Online Club", "ongoing"), city="Online", online=True, duration_hours=1.0,
                duration_per="week"),
    ]
    plan = plan_groups(groups, PROFILE, [])
    assert len(plan.recommended) == 5
    data, count, skipped = calendar_bytes(plan, TODAY)
    cal = Calendar.from_ical(data)
    events = [c for c in cal.walk("VEVENT")]
    assert count == len(events) == 5 + 2 + 5
    starts = {(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events}
    assert ("Tuesday Club", datetime(2026, 3, 3, 7, 0)) in starts
    assert ("Tuesday Club", datetime(2026, 3, 31, 7, 0)) in starts
    assert ("Thursday Club", datetime(2026, 3, 19, 18, 0)) in starts
    assert ("Wednesday Club", date(2026, 4, 1)) in starts
    thursday = next(e for e in events if str(e["SUMMARY"]) == "Thursday Club")
    assert thursday.decoded("DTEND") == datetime(2026, 3, 5, 20, 0)
    tuesday = next(e for e in events if str(e["SUMMARY"]) == "Tuesday Club")
    assert tuesday.decoded("DTEND") == datetime(2026, 3, 3, 8, 30)  # the 1.5 h duration
    assert "30-second pitch" in str(tuesday["DESCRIPTION"])
    assert str(tuesday["LOCATION"]) == "Austin, TX"
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert [s.split(":")[0] for s in skipped] == ["Vague Club", "Online Club"]


def test_only_recommended_groups_are_on_the_calendar():
    bni = replace(club("BNI Chapter", "every Thursday 7am"), kind="referral club", one_seat=True)
    plan = plan_groups([bni, club("Job Club", "every Monday 7pm")], PROFILE, [])
    meetings, _ = next_meetings(plan, TODAY)
    assert {m.group for m in meetings} == {"Job Club"}
    assert meetings[0].start == datetime(2026, 3, 2, 19, 0)  # today counts


def test_a_group_whose_meeting_falls_after_the_month_says_so():
    """A new user's trial: a 'last Thursday' group left off the calendar without a word."""
    today = date(2026, 11, 30)  # the month runs to 30 December; the last Thursday is the 31st
    plan = plan_groups([club("Product Leaders", "last Thursday 7pm")], PROFILE, [])
    meetings, skipped = next_meetings(plan, today)
    assert meetings == []
    assert skipped == ["Product Leaders: no meeting between 30 Nov and 29 Dec 2026 (last Thursday 7pm)"]
