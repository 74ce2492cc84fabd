"""`outreach profile`: show or set what the plan needs to know about you."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from outreach.cli._app import App, cli, echo, echo_json, pass_app
from outreach.cli._text import number

if TYPE_CHECKING:
    from outreach.profile import Profile


@cli.command("profile")
@click.option("--name", help="Your name, used to sign suggested messages.")
@click.option("--home-city", help='Where you live, e.g. "Austin, TX".')
@click.option("--relocate/--no-relocate", default=None, help="Whether you would move for a job.")
@click.option("--roles", help='Roles you want, comma-separated: "data engineer, analytics lead".')
@click.option("--salary", help='Target salary band, e.g. "90k-120k".')
@click.option("--hours", type=float, help="Hours per month you can give to in-person networking.")
@click.option("--messages-per-week", type=int, help="New outreach messages per week (default 10).")
@click.option("--follow-up-days", type=int,
              help="Days after a message before the plan suggests following up (default 7).")
@click.option("--pitch", help="Your 30-second pitch.")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@pass_app
def profile_command(
    app: App,
    name: str | None,
    home_city: str | None,
    relocate: bool | None,
    roles: str | None,
    salary: str | None,
    hours: float | None,
    messages_per_week: int | None,
    follow_up_days: int | None,
    pitch: str | None,
    as_json: bool,
) -> None:
    """Show your profile, or set parts of it. Everything has a default.

    What you have not set is filled from your own LinkedIn export (name, headline, home city,
    industry from Profile.csv; roles and locations from your job preferences; employers and
    schools), and each line says where its value came from. What you set always wins; set a
    name, home city, roles or pitch to "" to use the export's again.

    \b
    Example:
        outreach profile --home-city "Austin, TX" --no-relocate --roles "data engineer" \\
            --salary 110k-140k --hours 10 --messages-per-week 8
        outreach profile
    """
    from outreach import profile as p
    from outreach.store import transaction

    changes: dict[str, object] = {
        "name": name,
        "home_city": home_city,
        "willing_to_relocate": relocate,
        "roles": p.split_roles(roles) if roles is not None else None,
        "hours_per_month": hours,
        "messages_per_week": messages_per_week,
        "follow_up_days": follow_up_days,
        "pitch": pitch,
    }
    if salary is not None:
        changes["salary_min"], changes["salary_max"] = p.parse_salary_band(salary)
    wants_change = any(v is not None for v in changes.values())
    conn = app.connect(create=wants_change)
    if wants_change:
        # Only what the user typed is stored: the export's values are read afresh each time.
        mine, chosen = p.stored_profile(conn)
        mine, chosen = p.set_by_user(mine, chosen, **changes)
        with transaction(conn):
            p.save_profile(conn, mine, chosen)
    current, sources = p.profile_with_sources(conn)
    if as_json:
        echo_json({**current.to_json(), "sources": sources})
        return
    for key, value in profile_lines(current, sources):
        echo(f"{key:<{_WIDTH}}  {value}")


_WIDTH = len("Networking hours/month")


def profile_lines(current: Profile, sources: dict[str, str]) -> list[tuple[str, str]]:
    """(label, 'value (where it came from)') for each line of ``outreach profile``."""

    def told(value: str, *names: str) -> str:
        source = sources.get(names[0], "")
        if not value:
            return "not set" + (f" ({source.removeprefix('default; ')})" if source.startswith("default;")
                                else "")
        return f"{value} ({source.removeprefix('default; ')})" if source else value

    salary = (
        f"{number(current.salary_min)}–{number(current.salary_max)}"
        if current.salary_min is not None and current.salary_max is not None
        else ""
    )
    relocate_source = sources.get("willing_to_relocate", "")
    relocate = "yes" if current.willing_to_relocate else "no"
    lines = [
        ("Name", told(current.name, "name")),
        ("Home city", told(current.home_city, "home_city")),
        ("Willing to relocate", f"{relocate} ({relocate_source})" if relocate_source else relocate),
        ("Roles wanted", told(", ".join(current.roles), "roles")),
        ("Salary band", told(salary, "salary_min")),
        ("Networking hours/month", told(f"{current.hours_per_month:g}", "hours_per_month")),
        ("New messages/week", told(str(current.messages_per_week), "messages_per_week")),
        ("Follow up after", told(f"{current.follow_up_days} days", "follow_up_days")),
        ("30-second pitch", told(current.pitch, "pitch")),
    ]
    # What only the export gives, shown when it gave it.
    if current.headline:
        lines.append(("Headline", told(current.headline, "headline")))
    if current.industry:
        lines.append(("Industry", told(current.industry, "industry")))
    if current.preferred_locations:
        lines.append(("Locations wanted", told("; ".join(current.preferred_locations),
                                                "preferred_locations")))
    if current.employers:
        lines.append(("Employers", told(", ".join(f"{e.company} {e.years}".strip()
                                                  for e in current.employers), "employers")))
    if current.schools:
        lines.append(("Schools", told(", ".join(f"{s.school} {s.years}".strip()
                                                for s in current.schools), "schools")))
    return lines
