"""The optional files of a LinkedIn export, one ``ExtraKind`` each: its name, its columns, its rows.

Headers and cell formats as real exports write them (checked against a public analysis of a
2025 Complete export, github.com/mooreporfavor/portfolio-website ``linkedin_data_analysis.md``,
and other projects' fixtures):

- ``Profile.csv``: one row. ``Birth Date`` is ``Dec 4``, ``Zip Code`` ``20005`` (kept as text),
  ``Geo Location`` ``Washington, District of Columbia, United States``.
- ``Positions.csv``: ``Started On``/``Finished On`` ``Sep 2024`` (some ``2017``), ``Finished On``
  empty for a current job; ``Description`` is a quoted multi-line paragraph (not kept).
- ``Education.csv``: ``Start Date``/``End Date`` a year (``2015``) or empty.
- ``Recommendations_*.csv``: ``Creation Date`` ``04/18/13, 07:36 PM``; ``Status`` ``VISIBLE``
  or empty. No profile URL.
- ``Endorsement_*_Info.csv``: ``Endorsement Date`` ``2022/03/22 18:04:59 UTC``; the URL
  ``www.linkedin.com/in/slug`` without a scheme; ``Endorsement Status`` ``ACCEPTED``.
- ``Company Follows.csv``: ``Followed On`` ``Wed Oct 01 16:02:32 UTC 2025``.
- ``Events.csv``: ``Event Time`` ``Jul 08, 2020 01:00 PM - Jul 08, 2020 03:00 PM``; ``Status``
  ``APPROVED``; ``External Url`` often empty.
- ``Jobs/Saved Jobs.csv``: ``Saved Date,Job Url,Job Title,Company Name``; split in parts
  (``Saved Jobs_1.csv``) like Job Applications. The date's format is not confirmed by a public
  sample: any format ``extracells.when`` knows is read.
- ``Jobs/Job Seeker Preferences.csv``: one row; list cells joined by ``|`` in the fixtures seen
  (``;`` in one converter), so both split a list; never a comma, which is inside the values
  (``Austin, Texas, United States``). ``Open To Recruiters``: ``Yes``/``No`` (or true/false).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from outreach.identity import normalise_profile_url
from outreach.imports.linkedin.extracells import ExtraRow

# -- what each file keeps --------------------------------------------------------------------


class ExportProfile(NamedTuple):
    first_name: str
    last_name: str
    headline: str
    industry: str
    location: str  # Geo Location
    zip_code: str


class JobPreferences(NamedTuple):
    locations: tuple[str, ...]
    industries: tuple[str, ...]
    job_titles: tuple[str, ...]
    job_types: tuple[str, ...]
    dream_companies: tuple[str, ...]
    open_to_recruiters: bool | None


class Position(NamedTuple):
    company: str
    title: str
    location: str
    started_on: str  # 'YYYY-MM', 'YYYY' or ''
    finished_on: str  # '' = current


class School(NamedTuple):
    school: str
    degree: str
    started_on: str
    finished_on: str


class Recommendation(NamedTuple):
    first_name: str
    last_name: str
    company: str
    job_title: str
    created_on: str  # 'YYYY-MM-DD' or ''
    status: str


class Endorsement(NamedTuple):
    first_name: str
    last_name: str
    person_key: str  # outreach.identity's key of the profile URL, '' without one
    skill: str
    endorsed_on: str
    status: str


class CompanyFollow(NamedTuple):
    company: str
    followed_on: str


class SavedJob(NamedTuple):
    company: str
    job_title: str
    job_url: str
    saved_on: str


class Event(NamedTuple):
    name: str
    starts_at: str  # 'YYYY-MM-DDTHH:MM', 'YYYY-MM-DD' or ''
    status: str
    url: str


# -- the catalogue ---------------------------------------------------------------------------

NO_COMPANY, NO_SCHOOL, NO_NAME, NO_PERSON = "no company", "no school", "no name", "no name or profile URL"


@dataclass(frozen=True)
class ExtraKind:
    file_name: str  # as LinkedIn names it, for messages
    what: str  # what its rows are, in the plural: "positions"
    pattern: re.Pattern[str]  # its base name (lowercase), parts included
    aliases: dict[str, tuple[str, ...]]  # field -> normalised headers, the preferred first
    required: frozenset[str]  # fields a header must have
    marks: frozenset[str]  # every header LinkedIn writes in it (normalised)
    build: Callable[[ExtraRow], Any]  # a record, or the reason the row is skipped (a str)
    minimum: int = 2  # recognised headers a header row has at least

    @property
    def needs(self) -> str:
        names = [self.aliases[f][0].title() for f in sorted(self.required)]
        return " and ".join(names) if names else "known"

    def header_score(self, cells: list[str]) -> int:
        present = set(cells)
        if not all(present.intersection(self.aliases[f]) for f in self.required):
            return 0
        known = set(self.marks).union(*self.aliases.values())
        return len(present & known)

    def positions(self, header: list[str]) -> dict[str, int]:
        """Field -> column, by the first alias the header has (the first such column)."""
        found = {}
        for name, aliases in self.aliases.items():
            for alias in aliases:
                if alias in header:
                    found[name] = header.index(alias)
                    break
        return found


def _name(pattern: str, parts: bool = True) -> re.Pattern[str]:
    suffix = r"(?:[ _-]*\(?\d{1,3}\)?)?" if parts else ""
    return re.compile(pattern.replace(" ", "[ _]") + suffix + r"\.csv", re.IGNORECASE)


def _marks(header: str) -> frozenset[str]:
    return frozenset(h.strip().lower() for h in header.split(","))


def _profile(row: ExtraRow) -> ExportProfile | str:
    return ExportProfile(row.text("first_name"), row.text("last_name"), row.text("headline"),
                   row.text("industry"), row.text("location"), row.text("zip_code"))


def _preferences(row: ExtraRow) -> JobPreferences:
    return JobPreferences(row.items("locations"), row.items("industries"), row.items("job_titles"),
                          row.items("job_types"), row.items("dream_companies"), row.flag("open_to_recruiters"))


def _position(row: ExtraRow) -> Position | str:
    company = row.text("company")
    if not company:
        return NO_COMPANY
    return Position(company, row.text("title"), row.text("location"), row.month("started_on"),
                    row.end_month("finished_on"))


def _school(row: ExtraRow) -> School | str:
    school = row.text("school")
    if not school:
        return NO_SCHOOL
    return School(school, row.text("degree"), row.month("started_on"), row.month("finished_on"))


def _recommendation(row: ExtraRow) -> Recommendation | str:
    if not (row.text("first_name") or row.text("last_name")):
        return NO_NAME
    return Recommendation(row.text("first_name"), row.text("last_name"), row.text("company"),
                          row.text("job_title"), row.day("created_on"), row.text("status"))


def _endorsement(row: ExtraRow) -> Endorsement | str:
    url = row.text("url")
    key = (normalise_profile_url(url) or "") if url else ""
    if not (row.text("first_name") or row.text("last_name") or key):
        return NO_PERSON
    return Endorsement(row.text("first_name"), row.text("last_name"), key, row.text("skill"),
                       row.day("endorsed_on"), row.text("status"))


def _follow(row: ExtraRow) -> CompanyFollow | str:
    company = row.text("company")
    return CompanyFollow(company, row.day("followed_on")) if company else NO_COMPANY


def _saved_job(row: ExtraRow) -> SavedJob | str:
    company = row.text("company")
    if not company:
        return NO_COMPANY
    return SavedJob(company, row.text("job_title"), row.text("job_url"), row.day("saved_on"))


def _event(row: ExtraRow) -> Event | str:
    name = row.text("name")
    if not name:
        return NO_NAME
    return Event(name, row.start_time("starts_at"), row.text("status"), row.text("url"))


_RECOMMENDATION = {
    "first_name": ("first name",), "last_name": ("last name",), "company": ("company",),
    "job_title": ("job title", "title"), "created_on": ("creation date", "created on", "date"),
    "status": ("status",),
}


def _endorsement_columns(who: str) -> dict[str, tuple[str, ...]]:
    return {
        "endorsed_on": ("endorsement date", "date"), "skill": ("skill name", "skill"),
        "first_name": (f"{who} first name", "first name"), "last_name": (f"{who} last name", "last name"),
        "url": (f"{who} public url", f"{who} profile url", "public url", "profile url", "url"),
        "status": ("endorsement status", "status"),
    }


KINDS: dict[str, ExtraKind] = {
    "profile": ExtraKind(
        "Profile.csv", "profile details", _name("profile"),
        {"first_name": ("first name",), "last_name": ("last name",), "headline": ("headline",),
         "industry": ("industry",), "location": ("geo location", "location"), "zip_code": ("zip code",)},
        frozenset({"first_name"}),
        _marks("first name,last name,maiden name,address,birth date,headline,summary,industry,"
               "zip code,geo location,twitter handles,websites,instant messengers"),
        _profile, minimum=3),
    "job_preferences": ExtraKind(
        "Job Seeker Preferences.csv", "job preferences", _name("job seeker preferences"),
        {"locations": ("locations",), "industries": ("industries",), "job_titles": ("job titles",),
         "job_types": ("preferred job types", "job types"), "dream_companies": ("dream companies",),
         "open_to_recruiters": ("open to recruiters",)},
        frozenset(),
        _marks("locations,industries,company employee count,preferred job types,job titles,"
               "open to recruiters,dream companies,profile shared with job poster,"
               "job title for searching fast growing companies,introduction statement,phone number,"
               "job seeker activity level,preferred start time range,open candidate visibility,"
               "job seeking urgency level"),
        _preferences, minimum=3),
    "positions": ExtraKind(
        "Positions.csv", "positions", _name("positions"),
        {"company": ("company name", "company"), "title": ("title", "job title"),
         "location": ("location",), "started_on": ("started on", "start date"),
         "finished_on": ("finished on", "end date")},
        frozenset({"company"}), _marks("company name,title,description,location,started on,finished on"),
        _position),
    "education": ExtraKind(
        "Education.csv", "schools", _name("education"),
        {"school": ("school name", "school"), "degree": ("degree name", "degree"),
         "started_on": ("start date", "started on"), "finished_on": ("end date", "finished on")},
        frozenset({"school"}), _marks("school name,start date,end date,notes,degree name,activities"),
        _school),
    "recommendations_received": ExtraKind(
        "Recommendations_Received.csv", "recommendations received", _name("recommendations received"),
        _RECOMMENDATION, frozenset({"first_name", "last_name"}),
        _marks("first name,last name,company,job title,text,creation date,status"), _recommendation, minimum=3),
    "recommendations_given": ExtraKind(
        "Recommendations_Given.csv", "recommendations given", _name("recommendations given"),
        _RECOMMENDATION, frozenset({"first_name", "last_name"}),
        _marks("first name,last name,company,job title,text,creation date,status"), _recommendation, minimum=3),
    "endorsements_received": ExtraKind(
        "Endorsement_Received_Info.csv", "endorsements received", _name("endorsement received info"),
        _endorsement_columns("endorser"), frozenset({"skill"}),
        _marks("endorsement date,skill name,endorser first name,endorser last name,endorser public url,"
               "endorsement status"), _endorsement, minimum=3),
    "endorsements_given": ExtraKind(
        "Endorsement_Given_Info.csv", "endorsements given", _name("endorsement given info"),
        _endorsement_columns("endorsee"), frozenset({"skill"}),
        _marks("endorsement date,skill name,endorsee first name,endorsee last name,endorsee public url,"
               "endorsement status"), _endorsement, minimum=3),
    "company_follows": ExtraKind(
        "Company Follows.csv", "companies followed", _name("company follows"),
        {"company": ("organization", "organisation", "company", "company name"),
         "followed_on": ("followed on", "date")},
        frozenset({"company"}), _marks("organization,followed on"), _follow, minimum=1),
    "saved_jobs": ExtraKind(
        "Saved Jobs.csv", "saved jobs", _name("saved jobs"),
        {"saved_on": ("saved date", "saved on", "date"), "job_url": ("job url", "url"),
         "job_title": ("job title", "title"), "company": ("company name", "company")},
        frozenset({"company"}), _marks("saved date,job url,job title,company name"), _saved_job),
    "events": ExtraKind(
        "Events.csv", "events", _name("events"),
        {"name": ("event name", "name"), "starts_at": ("event time", "time", "date"),
         "status": ("status",), "url": ("external url", "url")},
        frozenset({"name"}), _marks("event name,event time,status,external url"), _event),
}
