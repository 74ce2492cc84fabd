"""The rest of the sample user's export (issue 15): every file beyond Connections, messages and
Invitations, with the real headers and date formats, consistent with the sample's people.

Alex's story in these files: a data engineer at Bazaarvoice (Mar 2021 - Sep 2026) and before
that a data analyst at Charles Schwab (Jul 2017 - Feb 2021), so contacts still at either and
connected during those years are former colleagues; recommendations and endorsements from and to
real contacts of the sample; saved jobs, follows and dream companies partly on the target list
and partly not (suggested targets); two applications within 30 days of the export where Alex
knows people (Spotify, Stripe) and one where Alex knows nobody (Etsy); events of the sample's
group catalogue. Everything is drawn from its own seeded generator, so adding these files does
not change the rest of the sample.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import unquote

from outreach.sample.companies import PLACEHOLDERS
from outreach.sample.people import MONTHS, Person

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

PROFILE_HEADER = ("First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                  "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
                  "Instant Messengers")
POSITIONS_HEADER = ("Company Name", "Title", "Description", "Location", "Started On", "Finished On")
EDUCATION_HEADER = ("School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities")
RECOMMENDATIONS_HEADER = ("First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date",
                          "Status")
ENDORSEMENTS_RECEIVED_HEADER = ("Endorsement Date", "Skill Name", "Endorser First Name",
                                "Endorser Last Name", "Endorser Public Url", "Endorsement Status")
ENDORSEMENTS_GIVEN_HEADER = ("Endorsement Date", "Skill Name", "Endorsee First Name",
                             "Endorsee Last Name", "Endorsee Public Url", "Endorsement Status")
FOLLOWS_HEADER = ("Organization", "Followed On")
APPLICATIONS_HEADER = ("Application Date", "Contact Email", "Contact Phone Number", "Company Name",
                       "Job Title", "Job Url", "Resume Name", "Question And Answers")
SAVED_JOBS_HEADER = ("Saved Date", "Job Url", "Job Title", "Company Name")
PREFERENCES_HEADER = (
    "Locations", "Industries", "Company Employee Count", "Preferred Job Types", "Job Titles",
    "Open To Recruiters", "Dream Companies", "Profile Shared With Job Poster",
    "Job Title For Searching Fast Growing Companies", "Introduction Statement", "Phone Number",
    "Job Seeker Activity Level", "Preferred Start Time Range", "Commute Preference Starting Address",
    "Commute Preference Starting Time", "Mode Of Transportation", "Maximum Commute Duration",
    "Open Candidate Visibility", "Job Seeking Urgency Level",
)
EVENTS_HEADER = ("Event Name", "Event Time", "Status", "External Url")

# --- the dates as each file writes them ---------------------------------------------------------


def month_year(day: date) -> str:
    """Positions.csv: ``Jun 2018``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def short_us(moment: datetime) -> str:
    """Recommendations' Creation Date, Saved Jobs, Job Applications: ``10/12/21, 3:03 PM``."""
    return f"{moment.month}/{moment.day}/{moment.year % 100:02d}, {_clock(moment)}"


def slashed_utc(moment: datetime) -> str:
    """Endorsement Date: ``2021/04/05 09:20:21 UTC``."""
    return f"{moment:%Y/%m/%d %H:%M:%S} UTC"


def java_date(moment: datetime) -> str:
    """Company Follows' Followed On: ``Mon Sep 21 19:46:42 UTC 2020`` (English names whatever
    the machine's locale)."""
    return (f"{WEEKDAYS[moment.weekday()]} {MONTHS[moment.month - 1]} {moment.day:02d} "
            f"{moment:%H:%M:%S} UTC {moment.year}")


def event_time(start: datetime, hours: float = 2) -> str:
    """Events.csv Event Time, a range as real exports and other projects' fixtures write it:
    ``Apr 08, 2024 07:00 AM - Apr 08, 2024 05:00 PM`` (two-digit day and hour)."""
    def one(moment: datetime) -> str:
        hour = moment.hour % 12 or 12
        return (f"{MONTHS[moment.month - 1]} {moment.day:02d}, {moment.year} {hour:02d}:"
                f"{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}")

    return f"{one(start)} - {one(start + timedelta(hours=hours))}"


def endorsement_url(person: Person) -> str:
    """Endorsement files write the profile URL without a scheme and with raw non-ASCII letters,
    unlike Connections.csv's percent-encoded one."""
    return unquote(person.url.removeprefix("https://"))


# --- the rows --------------------------------------------------------------------------------------

BAZAARVOICE = (date(2021, 3, 1), date(2026, 9, 15))
SCHWAB = (date(2017, 7, 1), date(2021, 2, 28))

POSITIONS_ROWS = [
    ["Bazaarvoice", "Data Engineer", "Built the review-ingestion pipelines (Airflow, Spark, dbt).",
     "Austin, Texas, United States", "Mar 2021", "Sep 2026"],
    ["Charles Schwab", "Data Analyst", "", "Austin, Texas, United States", "Jul 2017", "Feb 2021"],
    ["University of Texas at Austin", "Graduate Research Assistant", "", "Austin, Texas",
     "Aug 2015", "May 2017"],
]
EDUCATION_ROWS = [
    ["The University of Texas at Austin", "2015", "2017", "", "Master of Science - MS, Information Studies",
     "Data Science Club"],
    ["Texas State University", "2011", "2015", "", "Bachelor of Science - BS, Mathematics", ""],
]
RESUME = "Alex_Moreno_Resume_2026.pdf"
EMAIL = "alex.moreno.data@gmail.com"
APPLICATIONS_ROWS = [
    ["11/12/26, 3:04 PM", EMAIL, "", "Spotify", "Data Engineer",
     "https://www.linkedin.com/jobs/view/4081234567", RESUME, ""],
    ["11/5/26, 10:21 AM", EMAIL, "", "Etsy", "Senior Data Engineer",
     "https://www.linkedin.com/jobs/view/4080455112", RESUME, ""],
    ["10/28/26, 9:47 AM", EMAIL, "", "Stripe", "Analytics Engineer",
     "https://www.linkedin.com/jobs/view/4079876543", RESUME, ""],
    ["10/2/26, 11:15 AM", EMAIL, "", "Dell Technologies", "Senior Data Engineer",
     "https://www.linkedin.com/jobs/view/4071112223", RESUME, "Are you authorized to work in the US?:Yes"],
    ["9/30/26, 4:40 PM", EMAIL, "", "Fivetran", "Analytics Engineer",
     "https://www.linkedin.com/jobs/view/4070987001", RESUME, ""],
]
# (company, job title, saved): on the target list (Spotify, Databricks, Etsy, Snowflake) and not
# (Confluent, dbt Labs).
SAVED_JOBS = (
    ("Spotify", "Senior Data Engineer", datetime(2026, 11, 14, 9, 2)),
    ("Confluent", "Data Engineer, Streaming", datetime(2026, 11, 9, 20, 15)),
    ("Confluent", "Senior Data Engineer", datetime(2026, 11, 9, 20, 17)),
    ("Databricks", "Solutions Engineer", datetime(2026, 10, 30, 13, 41)),
    ("dbt Labs", "Analytics Engineer", datetime(2026, 10, 22, 8, 5)),
    ("Etsy", "Data Engineer II", datetime(2026, 10, 3, 18, 30)),
    ("Snowflake", "Data Engineer", datetime(2025, 4, 11, 12, 0)),
)
# Newest first, as LinkedIn lists them: two former employers, targets and others.
FOLLOWS = (
    ("Confluent", datetime(2026, 11, 9, 20, 11, 5)),
    ("dbt Labs", datetime(2026, 10, 21, 22, 48, 19)),
    ("Spotify", datetime(2026, 9, 28, 17, 3, 44)),
    ("Etsy", datetime(2026, 9, 26, 14, 20, 2)),
    ("Fivetran", datetime(2026, 9, 24, 15, 9, 31)),
    ("Databricks", datetime(2024, 3, 14, 16, 55, 10)),
    ("Google", datetime(2022, 8, 2, 13, 37, 58)),
    ("Bazaarvoice", datetime(2021, 2, 18, 19, 46, 42)),
    ("Charles Schwab", datetime(2017, 6, 12, 15, 2, 7)),
)
PREFERENCES_ROWS = [[
    "Austin, Texas, United States|Round Rock, Texas, United States",
    "Software Development|Technology, Information and Internet",
    "201-500 employees|501-1,000 employees|1,001-5,000 employees|10,001+ employees",
    "Full-time", "Data Engineer|Analytics Engineer|Senior Data Engineer", "Yes",
    "Spotify|Patagonia|dbt Labs", "Yes", "Data Engineer", "", "", "Actively applying",
    "Immediately", "", "", "", "", "Recruiters only", "",
]]
# The sample group catalogue's meetup and job club (sample_data/groups.csv), a virtual fair on
# LinkedIn itself (no external URL) and one coming up after the export.
EVENTS_ROWS = [
    ["Austin Data & Analytics Meetup: Streaming pipelines in practice",
     event_time(datetime(2026, 12, 9, 18, 30)), "APPROVED", "https://www.example.org/austin-data-meetup"],
    ["Austin Data & Analytics Meetup: dbt at scale", event_time(datetime(2026, 10, 28, 18, 30)),
     "APPROVED", "https://www.example.org/austin-data-meetup"],
    ["Austin Public Library Job Club: LinkedIn profile clinic", event_time(datetime(2026, 10, 14, 10, 0), 1.5),
     "APPROVED", "https://www.example.org/apl-job-club"],
    ["Data Careers Virtual Fair 2026", event_time(datetime(2026, 11, 19, 18, 0), 3), "APPROVED", ""],
]
SKILLS = ("Python", "SQL", "Apache Airflow", "Apache Spark", "Data Engineering", "ETL", "dbt",
          "Amazon Web Services (AWS)", "Data Modeling", "Extract, Transform, Load (ETL)")
RECEIVED_TEXT = (
    "I managed {me} at {company} for two years. {me} rebuilt our ingestion pipelines end to end "
    "and made them boring in the best way: on time, tested and documented.",
    "{me} is the data engineer you want on call. Calm, careful, and always explains the trade-offs.",
    "{me} joined my team at {company} as an analyst and quickly became the person everyone asked "
    "about our data. Highly recommended.",
)
GIVEN_TEXT = (
    "{first} is a thoughtful engineer and a generous reviewer; our pipelines got better every "
    "time {first} touched them.",
    "{first} turned vague questions into clear analyses. I would work with {first} again any day.",
)


@dataclass
class ExtraFiles:
    """Rows of each extra file, header first, keyed by the member's path in the zip."""

    files: dict[str, tuple[Sequence[str], list[list[str]]]]


def _worked_with(connections: Sequence[Person], company: str, span: tuple[date, date]) -> list[Person]:
    """Contacts still at ``company`` who connected while the user worked there."""
    start, end = span
    return [p for p in connections if p.url and p.company == company and p.connected_on
            and start <= p.connected_on <= end]


def _moment(rng: random.Random, start: date, end: date) -> datetime:
    day = start + timedelta(days=rng.randrange(max(1, (end - start).days)))
    return datetime(day.year, day.month, day.day, rng.randrange(8, 23), rng.randrange(60),
                    rng.randrange(60))


def build_extras(rng: random.Random, me: Person, connections: Sequence[Person],
                 export_day: date) -> ExtraFiles:
    bazaarvoice = _worked_with(connections, "Bazaarvoice", BAZAARVOICE)
    schwab = _worked_with(connections, "Charles Schwab", SCHWAB)
    managers = [p for p in bazaarvoice if "Manager" in p.position]
    peers = [p for p in bazaarvoice if p not in managers]

    received = []
    for text, person, when in (
        (RECEIVED_TEXT[0], managers[0], datetime(2026, 9, 24, 15, 3)),
        (RECEIVED_TEXT[1], peers[0], datetime(2025, 6, 2, 11, 48)),
        (RECEIVED_TEXT[2], schwab[0], datetime(2021, 2, 19, 16, 20)),
    ):
        company = "Charles Schwab" if person in schwab else "Bazaarvoice"
        received.append([person.first, person.last, person.company, person.position,
                         text.format(me=me.first, company=company), short_us(when), "VISIBLE"])
    given = []
    for text, person, when, status in (
        (GIVEN_TEXT[0], peers[1], datetime(2026, 9, 20, 10, 12), "VISIBLE"),
        (GIVEN_TEXT[1], schwab[0], datetime(2021, 2, 22, 9, 30), "VISIBLE"),
        (GIVEN_TEXT[0], peers[2], datetime(2024, 12, 3, 17, 5), "HIDDEN"),
    ):
        given.append([person.first, person.last, person.company, person.position,
                      text.format(first=person.first), short_us(when), status])

    # Endorsements: colleagues most, then others of the network with a profile URL.
    others = [p for p in connections if p.url and p not in bazaarvoice and p not in schwab]
    endorsers = [*bazaarvoice, *schwab, *rng.sample(others, 8)]
    endorsed_rows: list[tuple[datetime, list[str]]] = []
    for person in endorsers:
        since = max(person.connected_on or BAZAARVOICE[0], date(2016, 1, 1))
        for skill in rng.sample(SKILLS[:8], rng.randint(1, 3)):
            at = _moment(rng, since, export_day)
            endorsed_rows.append((at, [slashed_utc(at), skill, person.first, person.last,
                                       endorsement_url(person), "ACCEPTED"]))
    endorsed_rows.sort(key=lambda item: item[0], reverse=True)
    given_rows: list[tuple[datetime, list[str]]] = []
    for person in [*peers[:4], *rng.sample(others, 3)]:
        skill = rng.choice(SKILLS)
        at = _moment(rng, max(person.connected_on or BAZAARVOICE[0], date(2016, 1, 1)), export_day)
        given_rows.append((at, [slashed_utc(at), skill, person.first, person.last,
                                endorsement_url(person), "ACCEPTED"]))
    given_rows.sort(key=lambda item: item[0], reverse=True)

    saved = [[short_us(when), f"https://www.linkedin.com/jobs/view/{4060000000 + index * 7919}",
              title, company] for index, (company, title, when) in enumerate(SAVED_JOBS)]
    follows = [[company, java_date(when)] for company, when in FOLLOWS]
    return ExtraFiles({
        "Positions.csv": (POSITIONS_HEADER, POSITIONS_ROWS),
        "Education.csv": (EDUCATION_HEADER, EDUCATION_ROWS),
        "Recommendations_Received.csv": (RECOMMENDATIONS_HEADER, received),
        "Recommendations_Given.csv": (RECOMMENDATIONS_HEADER, given),
        "Endorsement_Received_Info.csv": (ENDORSEMENTS_RECEIVED_HEADER, [r for _, r in endorsed_rows]),
        "Endorsement_Given_Info.csv": (ENDORSEMENTS_GIVEN_HEADER, [r for _, r in given_rows]),
        "Company Follows.csv": (FOLLOWS_HEADER, follows),
        "Events.csv": (EVENTS_HEADER, EVENTS_ROWS),
        "Jobs/Job Applications.csv": (APPLICATIONS_HEADER, APPLICATIONS_ROWS),
        "Jobs/Saved Jobs.csv": (SAVED_JOBS_HEADER, saved),
        "Jobs/Job Seeker Preferences.csv": (PREFERENCES_HEADER, PREFERENCES_ROWS),
    })


def build_large_extras(rng: random.Random, me: Person, connections: Sequence[Person], export_day: date,
                       *, endorsements: int = 2_000, recommendations: int = 50,
                       applications: int = 100) -> ExtraFiles:
    """The same files at the sizes of a long career's export (issue 15's benchmark; fewer in a
    small network): the user's employers are the network's two most common companies, so former
    colleagues exist there."""
    from collections import Counter

    with_url = [p for p in connections if p.url]
    common = [c for c, _ in Counter(p.company for p in with_url
                                    if p.company not in PLACEHOLDERS).most_common(40)]
    current, former = common[0], common[1]
    positions = [
        [current, "Senior Data Engineer", "", "Austin, Texas, United States", "Jan 2022", ""],
        [current, "Data Engineer", "", "Austin, Texas, United States", "Jun 2019", "Dec 2021"],
        [former, "Data Analyst", "", "Austin, Texas, United States", "Jun 2014", "May 2019"],
    ]

    def moment(start: date = date(2012, 1, 1)) -> datetime:
        return _moment(rng, start, export_day)

    def stamped(rows: list[tuple[datetime, list[str]]]) -> list[list[str]]:
        return [row for _, row in sorted(rows, key=lambda item: item[0], reverse=True)]

    def recommendation(person: Person, text: str) -> tuple[datetime, list[str]]:
        at = moment()
        status = "VISIBLE" if rng.random() < 0.9 else "HIDDEN"
        return at, [person.first, person.last, person.company, person.position, text, short_us(at), status]

    received = stamped([recommendation(p, RECEIVED_TEXT[1].format(me=me.first, company=p.company))
                        for p in rng.sample(with_url, min(recommendations, len(with_url)))])
    given = stamped([recommendation(p, GIVEN_TEXT[1].format(first=p.first))
                     for p in rng.sample(with_url, min(recommendations // 2, len(with_url)))])
    endorsed: list[tuple[datetime, list[str]]] = []
    for person in rng.sample(with_url, min(-(-endorsements // 3), len(with_url))):
        for skill in rng.sample(SKILLS, 3):
            at = moment()
            endorsed.append((at, [slashed_utc(at), skill, person.first, person.last,
                                  endorsement_url(person), "ACCEPTED"]))
    endorsed = endorsed[:endorsements]
    endorsing: list[tuple[datetime, list[str]]] = []
    for person in rng.sample(with_url, min(endorsements // 2, len(with_url))):
        at = moment()
        endorsing.append((at, [slashed_utc(at), rng.choice(SKILLS), person.first, person.last,
                               endorsement_url(person), "ACCEPTED"]))
    job_titles = ("Data Engineer", "Senior Data Engineer", "Analytics Engineer", "Staff Data Engineer")
    applied = []
    for index in range(applications):
        at = moment(export_day - timedelta(days=365))
        applied.append((at, [short_us(at), EMAIL, "", rng.choice(common[2:]), rng.choice(job_titles),
                             f"https://www.linkedin.com/jobs/view/{4050000000 + index * 104729}",
                             RESUME, ""]))
    saved = []
    for index in range(60):
        at = moment(export_day - timedelta(days=400))
        saved.append((at, [short_us(at), f"https://www.linkedin.com/jobs/view/{4040000000 + index * 7919}",
                           rng.choice(job_titles), rng.choice(common[2:])]))
    follows = [row for _, row in sorted(((at, [company, java_date(at)]) for company, at in
                                         ((c, moment()) for c in common[2:])), reverse=True)]
    return ExtraFiles({
        "Positions.csv": (POSITIONS_HEADER, positions),
        "Education.csv": (EDUCATION_HEADER, EDUCATION_ROWS),
        "Recommendations_Received.csv": (RECOMMENDATIONS_HEADER, received),
        "Recommendations_Given.csv": (RECOMMENDATIONS_HEADER, given),
        "Endorsement_Received_Info.csv": (ENDORSEMENTS_RECEIVED_HEADER, stamped(endorsed)),
        "Endorsement_Given_Info.csv": (ENDORSEMENTS_GIVEN_HEADER, stamped(endorsing)),
        "Company Follows.csv": (FOLLOWS_HEADER, follows),
        "Events.csv": (EVENTS_HEADER, EVENTS_ROWS),
        "Jobs/Job Applications.csv": (APPLICATIONS_HEADER, stamped(applied)),
        "Jobs/Saved Jobs.csv": (SAVED_JOBS_HEADER, stamped(saved)),
        "Jobs/Job Seeker Preferences.csv": (PREFERENCES_HEADER, PREFERENCES_ROWS),
    })
