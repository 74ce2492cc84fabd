"""`outreach import groups` and `outreach groups`: which networking groups are worth your hours."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from outreach.cli._app import App, cli, echo, echo_json, import_group, pass_app
from outreach.cli._text import more, number, plural

if TYPE_CHECKING:
    from outreach.groups.guide import Guide
    from outreach.groups.recommend import GroupPlan, GroupRow

#: Warnings shown after an import; the rest are counted.
MAX_WARNINGS_SHOWN = 25


@import_group.command("groups")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True,
              help="Replace the whole catalogue with this file (by default the file's groups are "
                   "added, and groups of the same name updated).")
@pass_app
def import_groups(app: App, path: Path, replace: bool) -> None:
    """Import a catalogue of networking groups (CSV, XLSX or ODS).

    Columns are found by their headers: name, type, city (or "online"), cost, meets, duration,
    focus, format, visitors, contract, salary range or career level, industries, url, notes.
    Costs and schedules may be written as people write them ("$45 per 6 months", "1st and 3rd
    Thursday 7am"); a unit in the header ("Duration (hours)", "Cost per month") is the unit of
    the bare numbers below it. Each import adds its groups to the catalogue and updates the
    groups of the same name and city; --replace replaces the whole catalogue.

    \b
    Example:
        outreach import groups my-groups.csv
        outreach import groups my-city.xlsx --replace
    """
    import hashlib

    from outreach.groups.store import import_catalogue
    from outreach.imports.groups.read import read_groups
    from outreach.imports.linkedin.recognise import refuse_export_folder
    from outreach.imports.tabular import read_path_bytes

    refuse_export_folder(path)  # an unzipped LinkedIn export is not a spreadsheet to read
    data = read_path_bytes(path)
    catalogue = read_groups(data, path.name)  # bad input fails here, before the workspace
    conn = app.connect()
    summary = import_catalogue(
        conn, catalogue, source=str(path), sha256=hashlib.sha256(data).hexdigest(), replace=replace
    )
    if summary.changed or summary.unchanged or summary.replaced:
        parts = [f"{number(count)} {what}" for count, what in (
            (summary.added, "new"), (summary.changed, "updated"), (summary.unchanged, "unchanged"),
            (summary.replaced, "dropped: not in this file"),
        ) if count]
        merged = f" ({', '.join(parts)})"
    elif summary.kept:
        merged = " (all new)"
    else:
        merged = ""
    echo(
        f"Imported {plural(summary.groups, 'group')} from {path.name}{merged}: "
        f"{number(summary.in_person)} in person in {plural(summary.cities, 'city', 'cities')}, "
        f"{number(summary.online)} online; {number(summary.free)} free."
    )
    if summary.kept:
        are = "is" if summary.kept == 1 else "are"
        echo(f"{plural(summary.kept, 'group')} already in the catalogue {are} not in this file: "
             f"kept; --replace drops them. The catalogue holds {plural(summary.total, 'group')}.")
    for note in summary.notes:
        echo(f"Note: {note}")
    if summary.warnings:
        echo(f"{plural(len(summary.warnings), 'warning')} (the original text is kept "
                   "next to every number):")
        for warning in summary.warnings[:MAX_WARNINGS_SHOWN]:
            echo(f"  {warning}")
        if len(summary.warnings) > MAX_WARNINGS_SHOWN:
            echo(f"  {more(len(summary.warnings) - MAX_WARNINGS_SHOWN)}")
    echo("Next: outreach groups")


def _cost(row: GroupRow) -> str:
    if row.group.free:
        return "free"
    if row.cost_per_year is None:
        return "cost unknown"
    return f"${row.cost_per_year:,.0f}/yr"


def _where(row: GroupRow) -> str:
    return "online" if row.group.online else (row.group.city or "city not given")


def _print_row(row: GroupRow, *, detail: bool) -> None:
    echo(f"  {row.score:5.1f}  {row.name}  ({row.group.kind}, {_where(row)})  "
               f"{row.hours_per_month:.1f} h/month, {_cost(row)}")
    if detail:
        echo(f"         {row.why}")
        if row.targets_to_meet:
            echo(f"         Name tags to look for: {', '.join(row.targets_to_meet)}")
        for flag in row.flags:
            echo(f"         ! {flag}")
    else:
        echo(f"         left out: {row.left_out}")


def _print_plan(plan: GroupPlan, rows: list[GroupRow], hidden: int, relocate: bool) -> None:
    home = plan.home or "home city not set"
    echo(f"Home: {home}; {'willing to relocate' if relocate else 'not relocating'}; "
               f"budget {plan.hours_budget:g} h a month")
    for note in plan.notes:
        echo(f"Note: {note}")
    recommended = [r for r in rows if r.recommended]
    echo()
    if recommended:
        cost = sum(r.cost_per_year or 0.0 for r in recommended)
        echo(f"Recommended: {plural(len(recommended), 'group')}, {plan.hours_used:.1f} of "
                   f"{plan.hours_budget:g} hours a month, ${cost:,.0f} a year")
        for row in recommended:
            _print_row(row, detail=True)
    else:
        echo("Recommended: none fits your profile and time budget (see the reasons below)")
    rest = [r for r in rows if not r.recommended]
    if rest:
        echo()
        echo("Left out:")
        for row in rest:
            _print_row(row, detail=False)
    if hidden:
        echo()
        echo(f"{plural(hidden, 'more group')} {'is' if hidden == 1 else 'are'} out of reach "
                   "(too far from home): --all lists them.")


def _print_guide(guide: Guide, *, heading: str) -> None:
    echo(heading)
    for row in guide.rows:
        visit = " (visit only)" if row.visit_only and "visit only" not in row.title else ""
        echo(f"  {row.score:5.1f}  {row.title}{visit}  "
             f"{'online' if row.online else guide.home or 'near you'}, {row.kind.commitment}")
        echo(f"         {row.why}")
        typical = row.association.typical_cost if row.association else row.kind.cost_text
        echo(f"         Typical cost: {typical}")
        echo(f"         Ask before going: {' '.join(row.questions())}")
        for flag in row.flags:
            echo(f"         ! {flag}")
        for label, url in row.links:
            echo(f"         {label}: {url}")


@cli.command("groups")
@click.option("--json", "as_json", is_flag=True, help="Print the groups as JSON.")
@click.option("--all", "show_all", is_flag=True,
              help="Also list the groups out of reach (too far from home).")
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the recommended groups' meetings in the coming month to this .ics file.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]),
              help="With --ics: the first day of the month written (default: today).")
@pass_app
def groups_command(
    app: App, as_json: bool, show_all: bool, ics_path: Path | None, start: datetime | None
) -> None:
    """Recommend networking groups that fit your profile and monthly hours budget.

    Each group is scored on focus, money, fit, place and time, with one sentence saying why.
    The recommended set comes first with the hours it takes, then the rest with the reason
    each was left out, then the kinds of group you have not covered yet. With no catalogue
    imported, a starter guide: the kinds of group worth finding for your roles and city, with
    what to ask before going and search links.

    \b
    Example:
        outreach profile --home-city "Austin, TX" --no-relocate --salary 110k-140k --hours 10
        outreach groups
        outreach import groups my-groups.csv
        outreach groups
        outreach groups --json --all
        outreach groups --ics groups.ics
    """
    from outreach.groups.guide import ROLES_HINT, build_guide, load_schools, not_covered
    from outreach.groups.recommend import GROUPS_SHEET, recommend_groups
    from outreach.plan.memory import deleted_rows
    from outreach.profile import load_profile

    if start is not None and ics_path is None:
        raise click.UsageError("--from only sets the first day of the --ics calendar: "
                               "add --ics FILE, or leave --from out")
    conn = app.connect(create=False)
    profile = load_profile(conn)
    # a group whose row the user deleted from the plan's Groups sheet is out here too
    plan = recommend_groups(conn, profile, left_out=frozenset(deleted_rows(conn).get(GROUPS_SHEET, {})))
    guide = not_covered(build_guide(profile, load_schools(conn)), [r.group for r in plan.rows])
    if not plan.rows:
        if as_json:
            echo_json({"home_city": guide.home or None,
                       "willing_to_relocate": profile.willing_to_relocate,
                       "hours_budget": profile.hours_per_month, "notes": guide.notes,
                       "groups": [], "not_covered": [row.to_json() for row in guide.rows]})
        else:
            echo(f"Home: {guide.home or 'home city not set'}; "
                 f"{'willing to relocate' if profile.willing_to_relocate else 'not relocating'}; "
                 f"budget {profile.hours_per_month:g} h a month")
            for note in guide.notes:
                echo(f"Note: {note}")
            echo()
            _print_guide(guide, heading="No groups imported yet. Kinds of group worth finding, "
                                        + ("online ones first (you will relocate), then best first:"
                                           if profile.willing_to_relocate else "best first:"))
            echo()
            echo("Found some? List them in a spreadsheet (name, type, city, cost, meets) and run "
                 "outreach import groups FILE.")
        if ics_path is None:
            return
    rows = plan.rows if show_all else [r for r in plan.rows if not r.dropped]
    hidden = len(plan.rows) - len(rows)
    if as_json and plan.rows:
        echo_json({
            "home_city": plan.home or None,
            "willing_to_relocate": profile.willing_to_relocate,
            "hours_budget": plan.hours_budget,
            "hours_used": plan.hours_used,
            "cost_per_year": plan.cost_per_year,
            "notes": plan.notes,
            "hidden": hidden,
            "groups": [row.to_json() for row in rows],
            "not_covered": [row.to_json() for row in guide.rows],
        })
    elif plan.rows:
        _print_plan(plan, rows, hidden, profile.willing_to_relocate)
        if guide.rows:
            echo()
            _print_guide(guide, heading="Kinds you have not covered yet:")
        if not profile.roles:
            echo(f"Note: {ROLES_HINT}")
    if ics_path is not None:
        from outreach.groups.calendar import month_later, write_calendar

        first = start.date() if start else date.today()
        events, skipped = write_calendar(ics_path, plan, first)
        err = as_json  # keep stdout pure JSON
        groups = plural(len(plan.recommended), "recommended group")
        echo(f"Wrote {plural(events, 'meeting')} of {groups} "
                   f"({first:%Y-%m-%d} to {month_later(first) - timedelta(days=1):%Y-%m-%d}) to {ics_path}",
                   err=err)
        for line in skipped:
            echo(f"  not on the calendar: {line}", err=err)
