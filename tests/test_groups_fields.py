"""Free text from a group catalogue, read the way people write it."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach.groups.schedule import WEEKS_PER_MONTH, parse_duration, parse_schedule, parse_times
from outreach.imports.groups.fields import (
    parse_contract,
    parse_cost,
    parse_salary,
    parse_visitors,
    parse_volunteer_hours,
)


@pytest.mark.parametrize("text,first_year", [
    ("free", 0),
    ("Free (donations welcome)", 0),
    ("no cost", 0),
    ("$0", 0),
    ("$689 per year", 689),
    ("$689/yr", 689),
    ("USD 300 annually", 300),
    ("$45 per 6 months", 90),
    ("$60 every six months", 120),
    ("$350 per quarter", 1400),
    ("$50/month", 600),
    ("$500 to join", 500),
    ("$500 to join + $689 per year", 1189),
    ("$75 per month after $500 initiation", 1400),
    ("$1,200/yr", 1200),
    ("$20 per meeting", 20 * 12),            # one meeting a month in this table
    ("$10 at the door", 120),
    ("$15 breakfast", 180),
    ("$15-$25 per meeting", 240),
    ("$30 members / $40 guests", 480),       # a job seeker pays the guest price
    ("free for members; $10 for guests", 120),
    ("suggested donation $5", 60),
])
def test_costs_as_people_write_them(text, first_year):
    cost = parse_cost(text)
    assert cost is not None
    assert cost.first_year(1.0) == pytest.approx(first_year)


def test_cost_keeps_the_join_fee_apart_and_says_what_it_assumed():
    cost = parse_cost("$500 to join + $689 per year")
    assert (cost.join_fee, cost.per_year) == (500, 689)
    assert parse_cost("$120").note == "no period given: counted as a yearly amount"
    assert parse_cost("$20 per meeting").first_year(WEEKS_PER_MONTH) == pytest.approx(20 * 52)


@pytest.mark.parametrize("text", ["varies", "ask at the door", "TBD", "call for details"])
def test_unreadable_cost_is_none(text):
    assert parse_cost(text) is None


@pytest.mark.parametrize("text,per_month,weekdays,nths,start", [
    ("weekly", WEEKS_PER_MONTH, (), (), None),
    ("biweekly", WEEKS_PER_MONTH / 2, (), (), None),
    ("monthly", 1, (), (), None),
    ("quarterly", 1 / 3, (), (), None),
    ("twice a month", 2, (), (), None),
    ("1st and 3rd Thursday", 2, (3,), (1, 3), None),
    ("every Tuesday 7:00am", WEEKS_PER_MONTH, (1,), (), time(7, 0)),
    ("Thursdays 7-8:30am", WEEKS_PER_MONTH, (3,), (), time(7, 0)),
    ("Tuesdays and Thursdays 9:00am", 2 * WEEKS_PER_MONTH, (1, 3), (), time(9, 0)),
    ("every other Tuesday 2:00 pm", WEEKS_PER_MONTH / 2, (1,), (), time(14, 0)),
    ("Monthly, 2nd Wednesday 5:30pm", 1, (2,), (2,), time(17, 30)),
    ("last Wednesday of the month 6:30 pm", 1, (2,), (-1,), time(18, 30)),
    ("2nd and 4th Wednesday, noon", 2, (2,), (2, 4), time(12, 0)),
    ("Mon/Wed/Fri 18:00", 3 * WEEKS_PER_MONTH, (0, 2, 4), (), time(18, 0)),
])
def test_schedules(text, per_month, weekdays, nths, start):
    schedule = parse_schedule(text)
    assert schedule is not None
    assert schedule.per_month == pytest.approx(per_month)
    assert schedule.weekdays == weekdays
    assert schedule.nths == nths
    assert schedule.start == start


def test_schedule_oddities():
    assert parse_schedule("ongoing").asynchronous
    assert parse_schedule("every other Tuesday").interval_weeks == 2
    assert parse_schedule("monthly").monthly_unplaced  # no week given: not placed on a calendar
    assert parse_schedule("TBD") is None
    assert parse_schedule("") is None
    assert parse_times("11-1pm") == (time(11, 0), time(13, 0))
    assert parse_times("6-8pm") == (time(18, 0), time(20, 0))


@pytest.mark.parametrize("text,hours,per", [
    ("1.5", 1.5, "meeting"),
    ("90 min", 1.5, "meeting"),
    ("90", 1.5, "meeting"),         # minutes, not ninety hours
    ("1 1/2 hours", 1.5, "meeting"),
    ("1h30", 1.5, "meeting"),
    ("an hour", 1.0, "meeting"),
    ("7:00-8:30am", 1.5, "meeting"),
    ("1-2 hours", 1.5, "meeting"),
    ("2 hours a week", 2.0, "week"),
])
def test_durations(text, hours, per):
    duration = parse_duration(text)
    assert duration is not None
    assert (duration.hours, duration.per) == (pytest.approx(hours), per)


@pytest.mark.parametrize("text,policy,visits", [
    ("yes", "open", None),
    ("drop-in", "open", None),
    ("alumni and guests", "open", None),
    ("2 visits", "limited", 2),
    ("visit twice", "limited", 2),
    ("first visit free", "limited", 1),
    ("no", "none", 0),
    ("members only", "none", 0),
    ("vetting", "vetting", 0),
    ("by application (interview)", "vetting", 0),
])
def test_visitor_policies(text, policy, visits):
    visitors = parse_visitors(text)
    assert (visitors.policy, visitors.max_visits) == (policy, visits)


@pytest.mark.parametrize("text,months", [
    ("none", 0), ("no", 0), ("month-to-month", 0), ("12 months", 12), ("1 year", 12),
    ("annual", 12), ("6-month commitment", 6), ("2 years", 24),
])
def test_contracts(text, months):
    assert parse_contract(text)[0] == months


def test_contract_yes_is_assumed_a_year_and_says_so():
    assert parse_contract("yes") == (12, "length not given: assumed 12 months")
    assert parse_contract("whatever") is None


@pytest.mark.parametrize("text,low,high,level", [
    ("$80k-$120k", 80_000, 120_000, ""),
    ("80-120k", 80_000, 120_000, ""),
    ("150k+", 150_000, None, ""),
    ("over $150,000", 150_000, None, ""),
    ("executive ($175k+)", 175_000, None, "executive"),
    ("mid-career", 60_000, 120_000, "mid"),
    ("entry to mid", 0, 120_000, "entry-mid"),
    ("all levels", None, None, "all"),
])
def test_salary_bands_and_levels(text, low, high, level):
    band = parse_salary(text)
    assert (band.low, band.high, band.level) == (low, high, level)


def test_volunteer_hours():
    assert parse_volunteer_hours("Free; asks 4 volunteer hours a month") == 4
    assert parse_volunteer_hours("volunteer 1 hour per week") == pytest.approx(WEEKS_PER_MONTH, abs=0.01)
    assert parse_volunteer_hours("$20 per meeting") == 0


PARSERS = (parse_cost, parse_schedule, parse_duration, parse_visitors, parse_contract,
           parse_salary, parse_volunteer_hours)


@given(st.text(max_size=80))
def test_parsers_never_raise(text):
    for parse in PARSERS:
        parse(text)


@given(st.text(alphabet="0123456789$k,.-+/ :apm", max_size=60)
       | st.builds(lambda n, w: f"{n} {w}", st.text("0123456789", min_size=1, max_size=400),
                   st.sampled_from(["hours", "visits", "months", "weeks", "per year", "k", "times a week"])))
def test_parsers_never_raise_on_numbers(text):
    for parse in PARSERS:
        parse(text)
    duration = parse_duration(text)
    assert duration is None or 0 < duration.hours <= 168
    cost = parse_cost(text)
    assert cost is None or cost.first_year(30) < float("inf")


def test_a_salary_band_written_high_first_is_read_low_high_and_said_so(tmp_path, run):
    """Issue 14: '200k-100k' is not taken silently."""
    from outreach.imports.groups.fields import parse_salary

    band = parse_salary("$200k-$100k")
    assert (band.low, band.high, band.reversed) == (100_000, 200_000, True)
    assert not parse_salary("$100k-$200k").reversed
    path = tmp_path / "groups.csv"
    path.write_text("Name,City,Salary range\nDenver PM Circle,Denver,200k-100k\n", encoding="utf-8")
    result = run("import", "groups", path)
    assert result.exit_code == 0, result.output
    assert "'200k-100k' names the top of the band first: read as 100,000-200,000" in result.output
