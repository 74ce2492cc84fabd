"""The events the user went to or registered for (their export's Events.csv, kept in the
``events`` table), with the organiser where the event's address names one, so the groups advice
starts from where the user has already been.

Only some addresses name an organiser: a Meetup event's (``meetup.com/<group>/events/…``: the
Meetup group) and an Eventbrite organiser page (``eventbrite.com/o/<name>-<id>``). An
Eventbrite event page (``/e/…``) and a LinkedIn event (``linkedin.com/events/…``) do not, and
neither does any other site; nothing is fetched to find out.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from outreach.imports.groups.columns import catalogue_key

if TYPE_CHECKING:
    from outreach.groups.store import Group

#: LinkedIn's Status is APPROVED for an event the user registered for; these say they did not go.
_DECLINED = re.compile(r"declin|cancel|not.?going|reject|withdr|remov|denied", re.IGNORECASE)
_ATTENDED = re.compile(r"attend", re.IGNORECASE)
#: First parts of a meetup.com path that are Meetup's own pages, not a group's.
_MEETUP_PAGES = frozenset(("find", "topics", "cities", "events", "pro", "login", "register",
                           "apps", "lp", "blog", "help", "home", "account", "messages"))
_LOCALE = re.compile(r"^[a-z]{2}(-[a-z]{2})?$", re.IGNORECASE)


@dataclass(frozen=True)
class AttendedEvent:
    name: str
    starts_at: str        # 'YYYY-MM-DDTHH:MM', 'YYYY-MM-DD' or ''
    status: str           # as LinkedIn wrote it (APPROVED, …)
    url: str
    organiser: str = ""   # the Meetup group or Eventbrite organiser the address names
    organiser_url: str = ""

    @property
    def when(self) -> datetime | None:
        for shape in ("%Y-%m-%dT%H:%M", "%Y-%m-%d"):
            try:
                return datetime.strptime(self.starts_at, shape)
            except ValueError:
                continue
        return None

    def attendance(self, today: date) -> str:
        """"went", "registered" (an event still to come) or "declined", by Status and date.
        LinkedIn records a registration, not a visit: a past event the user registered for
        and did not decline counts as one they went to."""
        if _DECLINED.search(self.status):
            return "declined"
        when = self.when
        if _ATTENDED.search(self.status) or (when is not None and when.date() < today):
            return "went"
        return "registered"


def organiser(url: str, event_name: str = "") -> tuple[str, str]:
    """(organiser's name, its page) named by an event's address; ("", "") when it names none.
    A word of the address written in the event's name is spelt as there ("dbt", "PyData")."""
    text = url.strip()
    if not text:
        return "", ""
    try:
        parts = urlsplit(text if "://" in text else f"https://{text}")
        host = (parts.hostname or "").lower()
    except ValueError:
        return "", ""
    path = [p for p in parts.path.split("/") if p]
    if path and _LOCALE.match(path[0]) and len(path) > 1:
        path = path[1:]  # meetup.com/de-DE/<group>/…
    if (host == "meetup.com" or host.endswith(".meetup.com")) and path \
            and path[0].lower() not in _MEETUP_PAGES:
        return _from_slug(path[0], event_name), f"https://www.meetup.com/{path[0]}/"
    if re.search(r"(^|\.)eventbrite\.[a-z.]+$", host) and len(path) > 1 and path[0] == "o":
        return _from_slug(re.sub(r"-\d+$", "", path[1]), event_name), f"https://{host}/o/{path[1]}"
    return "", ""


def _from_slug(slug: str, event_name: str = "") -> str:
    """ "austin-data-engineers" -> "Austin Data Engineers"; "front-range-dbt" with the event
    "Front Range dbt Meetup" -> "Front Range dbt"."""
    written = {w.casefold(): w for w in re.findall(r"[\w.+#-]+", event_name)}
    words = [w for w in re.split(r"[-_+\s]+", slug) if w]
    return " ".join(written.get(w.casefold()) or (w if any(c.isupper() for c in w) else w.capitalize())
                    for w in words)


def load_events(conn: sqlite3.Connection, owner_id: int = 1) -> list[AttendedEvent]:
    """The user's events, newest first, undated ones last ([] when none has been imported, or
    the workspace predates the table)."""
    try:
        rows = conn.execute("SELECT name, starts_at, status, url FROM events WHERE owner_id = ? "
                            "ORDER BY starts_at = '', starts_at DESC, name", (owner_id,)).fetchall()
    except sqlite3.OperationalError:
        return []
    events = []
    for name, starts_at, status, url in rows:
        who, page = organiser(str(url or ""), str(name or ""))
        events.append(AttendedEvent(" ".join(str(name).split()), str(starts_at or ""), str(status or ""),
                            str(url or "").strip(), who, page))
    return events


def _address(url: str) -> str:
    """An address compared with another: no scheme, "www.", query or trailing slash."""
    text = url.strip().lower()
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^www\.", "", text)
    return re.split(r"[?#]", text)[0].rstrip("/")


def held_by(event: AttendedEvent, group: Group) -> bool:
    """Whether ``group`` organised ``event``: the event's address lies under the group's own
    page, the address names the group, or the event's name starts with the group's name
    ("Austin Data & Analytics Meetup: dbt at scale")."""
    if event.url and group.url:
        mine, theirs = _address(event.url), _address(group.url)
        if "/" in theirs and (mine == theirs or mine.startswith(theirs + "/")):
            return True
        if event.organiser_url and _address(event.organiser_url) == theirs:
            return True
    name = catalogue_key(group.name)
    if event.organiser and catalogue_key(event.organiser) == name:
        return True
    title = catalogue_key(event.name)
    return len(name.split()) >= 2 and (title == name or title.startswith(name + " "))


def day_text(when: datetime | None, today: date) -> str:
    """ "9 Dec", with the year when it is not this year's; "" when unknown."""
    if when is None:
        return ""
    return f"{when.day} {when:%b}" + ("" if when.year == today.year else f" {when.year}")


def group_note(group: Group, events: list[AttendedEvent], today: date) -> str:
    """ "you went to their event on 9 Dec" for the newest event ``group`` organised that the user
    went to or registered for; "" when none."""
    for event in events:  # newest first
        went = event.attendance(today)
        if went != "declined" and held_by(event, group):
            day = day_text(event.when, today)
            verb = "went to" if went == "went" else "registered for"
            return f"you {verb} their event" + (f" on {day}" if day else f" {event.name!r}")
    return ""


ADVICE = {"went": "you went", "registered": "registered", "declined": "declined"}


def _organised(event: AttendedEvent, host: Group | None) -> str:
    """Who organised ``event``, and whether that group is in the catalogue, in one sentence."""
    if event.organiser:
        site = "Meetup address" if "meetup.com" in event.organiser_url else "Eventbrite page"
        said = f"Organised by {event.organiser} (its {site} names it)"
        if host is None:
            return (f"{said}; not in your catalogue: type the group into an empty row of this "
                    "sheet to have it scored.")
        same = catalogue_key(host.name) == catalogue_key(event.organiser)
        return f"{said}, in your catalogue" + ("." if same else f" as {host.name}.")
    if host is not None:
        return f"Organised by {host.name}, in your catalogue."
    if not event.url:
        return "No address in your export, so no organiser is known."
    site = _address(event.url).split("/")[0]
    if site == "linkedin.com" or site.endswith(".linkedin.com"):
        return "A LinkedIn event: its address names no organiser."
    return f"Its address ({site}) names no organiser."


def event_sheet_row(event: AttendedEvent, today: date, groups: list[Group],
                    width: int, at: dict[str, int]) -> list[Any]:
    """A row of the Groups sheet for an event (``at``: the sheet's column indices by header)."""
    went = event.attendance(today)
    host = next((g for g in groups if held_by(event, g)), None)
    when = event.when
    why = _organised(event, host)
    row: list[Any] = [None] * width
    when_text = (f"{when:%a} {day_text(when, today)}"
                 + (f", {when:%H:%M}" if len(event.starts_at) > 10 else "")) if when else None
    values = {
        "Group": event.name, "Advice": ADVICE[went], "Type": "event",
        "Meets": when_text,
        "Why": why, "Website": event.url or event.organiser_url or None,
        "Key": f"event: {catalogue_key(event.name)} | {event.starts_at[:10]}",
    }
    for header, value in values.items():
        if header in at:
            row[at[header]] = value
    return row
