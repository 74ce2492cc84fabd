"""`outreach profile`: show or set what the plan needs to know about you."""

from __future__ import annotations

import click

from outreach.cli._app import App, cli, echo, echo_json, pass_app
from outreach.cli._text import number


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
    current = p.load_profile(conn)
    if wants_change:
        current = p.update_profile(current, **changes)
        with transaction(conn):
            p.save_profile(conn, current)
    if as_json:
        echo_json(current.to_json())
        return
    salary_text = (
        f"{number(current.salary_min)}–{number(current.salary_max)}"
        if current.salary_min is not None and current.salary_max is not None
        else "not set"
    )
    lines = [
        ("Name", current.name or "not set"),
        ("Home city", current.home_city or "not set"),
        ("Willing to relocate", "yes" if current.willing_to_relocate else "no"),
        ("Roles wanted", ", ".join(current.roles) or "not set"),
        ("Salary band", salary_text),
        ("Networking hours/month", f"{current.hours_per_month:g}"),
        ("New messages/week", str(current.messages_per_week)),
        ("Follow up after", f"{current.follow_up_days} days"),
        ("30-second pitch", current.pitch or "not set"),
    ]
    width = max(len(k) for k, _ in lines)
    for key, value in lines:
        echo(f"{key:<{width}}  {value}")
