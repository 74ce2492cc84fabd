"""`outreach import linkedin` and `outreach contacts`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from outreach.cli._app import App, cli, echo, echo_json, import_group, pass_app, progress
from outreach.cli._text import cut, more, number, pad, plural, shown, width

if TYPE_CHECKING:
    from outreach.linkedin.apply import FileSummary, ImportSummary

#: Job changes listed in the summary; the rest are counted.
JOB_CHANGES_SHOWN = 5


@import_group.command("linkedin")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--owner",
    metavar="NAME",
    help="The export belongs to someone else (a friend or teammate who shared it): their name "
    "or profile URL. Their contacts are kept apart from yours.",
)
@click.option("--verbose", "-v", is_flag=True, help="Also say each file's format (column shape, encoding).")
@pass_app
def import_linkedin(app: App, path: Path, owner: str | None, verbose: bool) -> None:
    """Import a LinkedIn data export: the zip, its unzipped folder, or one CSV from it
    (Connections.csv, messages.csv, Invitations.csv).

    Importing the same file again changes nothing; a newer export updates your contacts and
    records who changed jobs. A friend's export needs --owner: one that lists you among its
    connections, or holds someone else's messages, is refused without it. Get the export from
    LinkedIn: Settings > Data privacy > Get a copy of your data.

    \b
    Example:
        outreach import linkedin ~/Downloads/Basic_LinkedInDataExport_01-15-2026.zip
        outreach import linkedin Connections.csv --owner "Sam Lee"
    """
    from outreach.imports.linkedin.export import read_export
    from outreach.imports.linkedin.files import find_export_files
    from outreach.linkedin.apply import apply_linkedin_export
    from outreach.runtime import no_gc_pauses

    if owner is not None and not owner.strip():
        raise click.BadParameter("give the name of the person whose export this is", param_hint="--owner")
    files = find_export_files(path)
    with progress("Reading the export", files.total_bytes) as advance, no_gc_pauses():
        # The largest file may still be being read (in a second process) while the others
        # are written to the workspace; if it turns out bad, nothing is kept.
        export = read_export(files, advance=advance, wait=False)
        with app.connect_for_import() as conn:
            summary = apply_linkedin_export(
                conn, export, owner=owner.strip() if owner else None, today=date.today()
            )
    for line in summary_lines(summary, verbose=verbose):
        echo(line)


def summary_lines(summary: ImportSummary, *, verbose: bool = False) -> list[str]:
    """The import summary as the user reads it."""
    whose = "your contacts" if summary.owner_is_self else f"the contacts of {summary.owner}"
    shape = {"zip": "export zip", "folder": "export folder", "file": "file"}[summary.shape]
    lines = [
        f"Imported {shape} {summary.source} into {whose}.",
        f"Export date: {summary.export_date} ({summary.export_date_from}).",
    ]
    lines += [f"Note: {n}" for n in summary.notes]
    for file in summary.files:
        lines.append("")
        lines += _file_lines(file, summary, verbose)
    if summary.extras:
        lines += ["", "The rest of your export (outreach profile shows what it filled in; outreach targets "
                      "--suggested the employers it suggests):"]
        lines += [f"  {line}" for line in summary.extras]
    return lines


def _made(file: FileSummary, summary: ImportSummary) -> str:
    """When the file's export was made, in words: the year, when the export's name or its files
    say; else the era its format tells ('pre-2018 Outlook-format'); else nothing."""
    if not summary.export_date_from.startswith("today"):
        return f", {summary.export_date[:4]} export"
    era = file.generation.split(" (", 1)[0]
    return f", {era} export" if era else ""


def _file_lines(file: FileSummary, summary: ImportSummary, verbose: bool) -> list[str]:
    kind = {"connections": "Connections", "messages": "messages", "invitations": "Invitations",
            "applications": "job applications"}[file.kind]
    lines = [f"{file.source}: LinkedIn {kind}{_made(file, summary)}"]
    if file.kind == "applications":
        return lines + _application_lines(file, verbose)
    if verbose:  # format details: for the curious, and for bug reports
        shape = f"{file.generation}; " if file.generation else ""
        lines.append(f"  format: {shape}encoding {file.encoding}")
    d = file.details
    if file.kind == "messages":
        whose = "you are" if summary.owner_is_self else "the owner is"
        hidden = d["hidden_conversations"]
        system = d["system_messages_not_counted"]
        lines += [
            f"  {plural(file.rows_read, 'message')} read; {whose} {d['you'] or 'not recognisable'}",
            f"  {plural(d['conversations'], 'conversation')}: {number(d['one_to_one_conversations'])} "
            f"one-to-one, {number(d['group_conversations'])} group"
            + (f", {number(hidden)} with only hidden members (LinkedIn Member)" if hidden else ""),
            f"  not counted: {plural(d['group_messages_not_counted'], 'group message')}, "
            f"{plural(d['drafts_not_counted'], 'draft')}"
            + (f", {plural(system, 'LinkedIn notice')} (such as \"Message request accepted\")" if system else ""),
            f"  messaged one-to-one: {plural(d['people'], 'person', 'people')}, "
            f"{number(d['people_among_contacts'])} of them among the contacts",
        ]
    else:
        lines.append(f"  {plural(file.rows_read, 'row')} read")
    if file.kind == "invitations":
        lines.append(f"  {number(d['outgoing'])} sent, {number(d['incoming'])} received")
    what = {"connections": "contacts", "messages": "message stats", "invitations": "invitations"}[file.kind]
    # (Connections.csv lists whom it no longer has, below.)
    removed = 0 if file.kind == "connections" else d.get("people_removed") or d.get("removed") or 0
    lines.append(f"  {what}: {number(file.new)} new, {number(file.updated)} updated, "
                 f"{number(file.unchanged)} unchanged" + (f", {number(removed)} removed" if removed else ""))
    if file.skipped:
        reasons = ", ".join(f"{reason}: {number(n)}" for reason, n in sorted(file.skipped.items()))
        lines.append(f"  skipped {plural(sum(file.skipped.values()), 'row')} ({reasons})")
    if file.kind == "connections":
        lines.append(f"  job changes found: {number(len(file.job_changes))}")
        lines += [f"    {c.describe()}" for c in file.job_changes[:JOB_CHANGES_SHOWN]]
        if len(file.job_changes) > JOB_CHANGES_SHOWN:
            lines.append(f"    {more(len(file.job_changes) - JOB_CHANGES_SHOWN)}")
        lines.append(f"  promotions found: {number(len(file.promotions))}")
        if file.removed:  # missing from the owner's newest Connections.csv
            lines.append(f"  no longer connected: {number(len(file.removed))}")
            lines += [f"    {name}" for name in file.removed[:JOB_CHANGES_SHOWN]]
            if len(file.removed) > JOB_CHANGES_SHOWN:
                lines.append(f"    {more(len(file.removed) - JOB_CHANGES_SHOWN)}")
        if file.back:
            lines.append(f"  connected again (no longer connected before): {number(file.back)}")
    lines += [f"  note: {n}" for n in file.notes]
    return lines


def _application_lines(file: FileSummary, verbose: bool) -> list[str]:
    """'job applications: 3 (latest 3 Nov 2025)', what was stored, what was skipped."""
    lines = [f"  format: encoding {file.encoding}"] if verbose else []
    latest = file.details.get("latest")
    when = ""
    if latest:
        day = date.fromisoformat(latest)
        when = f" (latest {day.day} {day:%b %Y})"
    lines.append(f"  job applications: {number(file.details.get('applications', 0))}{when}")
    lines.append(f"  stored: {number(file.new)} new, {number(file.unchanged)} already there")
    if file.skipped:
        reasons = ", ".join(f"{reason}: {number(n)}" for reason, n in sorted(file.skipped.items()))
        lines.append(f"  skipped {plural(sum(file.skipped.values()), 'row')} ({reasons})")
    lines += [f"  note: {n}" for n in file.notes]
    return lines


# -- outreach contacts -------------------------------------------------------------------------

def _name(row: dict[str, Any]) -> str:
    """The name column: marked, after the name cut to its width, when the person is no longer
    connected (``contacts --all``)."""
    name = cut(f"{row['first_name']} {row['last_name']}".strip(), 28)
    removed = row.get("removed_on")
    return f"{name} (no longer connected since {removed})" if removed else name


_TABLE = [
    ("Name", _name, 70),
    ("Company", lambda r: r["company"], 28),
    ("Position", lambda r: r["position"], 28),
    ("Connected", lambda r: r["connected_on"] or "", 10),
    ("Sent", lambda r: str(r["messages_sent"]), 5),
    ("Recv", lambda r: str(r["messages_received"]), 5),
    ("Last message", lambda r: r["last_message_at"] or "", 12),
]


def contacts_table(rows: list[dict[str, Any]]) -> list[str]:
    """An aligned plain-text table; the owner column only when there is more than one owner."""
    columns = list(_TABLE)
    if len({r["owner"] for r in rows}) > 1:
        columns.append(("Owner", lambda r: r["owner"], 16))
    if any(r.get("tier", "exact") != "exact" for r in rows):  # how COMPANY matched, when not exact
        columns.append(("Match", lambda r: r["tier"] + (f" {r['score']:.0f}?" if r["tier"] == "review" else ""), 10))
    cells = [[cut(get(r), limit) for _, get, limit in columns] for r in rows]
    widths = [max([len(h), *(width(c[i]) for c in cells)]) for i, (h, _, _) in enumerate(columns)]
    numeric = {"Sent", "Recv"}

    def line(values: list[str]) -> str:
        parts = [
            pad(v, w, right=h in numeric)
            for v, w, (h, _, _) in zip(values, widths, columns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return [line([h for h, _, _ in columns]), *(line(c) for c in cells)]


def _no_contacts(conn: Any, company: str | None) -> str:
    """What to say when nothing is listed: import first, or the nearest names."""
    from outreach.companies.matching import nearest_companies

    total = conn.execute("SELECT COUNT(*) FROM contacts").fetchone()[0]
    if not total:
        return "No contacts yet. Import some with: outreach import linkedin EXPORT.zip"
    if company is None:
        return "No contacts."
    nearest = nearest_companies(conn, company)
    if not nearest:
        total = conn.execute("SELECT COUNT(*) FROM contacts WHERE removed_on IS NULL").fetchone()[0]
        return (f"No contacts at {shown(company)} among your {plural(total, 'contact')}; "
                "`outreach contacts` lists them all.")
    names = ", ".join(f"{shown(name)} ({plural(n, 'contact')})" for name, n in nearest)
    return (f"No contacts at {shown(company)}. Did you mean {names}? "
            f'Try: outreach contacts "{nearest[0][0]}"')


@cli.command("contacts")
@click.argument("company", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (for scripts).")
@click.option("--all", "everyone", is_flag=True,
              help="Also list people no longer connected (missing from a newer Connections.csv).")
@pass_app
def contacts_command(app: App, company: str | None, as_json: bool, everyone: bool) -> None:
    """List your contacts (and those of owners who shared an export), or those at COMPANY.

    COMPANY is matched like a target: legal forms, renames and subsidiaries count, and near
    misses (typos) are listed with the Match column saying "review". People missing from a
    newer Connections.csv are no longer connected: left out, unless --all (then marked).

    \b
    Example:
        outreach contacts
        outreach contacts "Acme Corp" --json
        outreach contacts --all
    """
    from outreach.companies.matching import contacts_matching_company
    from outreach.companies.names import normalise_company
    from outreach.linkedin.contacts import list_contacts

    conn = app.connect(create=False)
    if company is None or not normalise_company(company):  # no filter, or "Self-employed"
        rows = list_contacts(conn, company, include_removed=everyone)
    else:  # matched like a target, typos included; each row says how ("tier", "score")
        hits = {m.contact_id: m for m in contacts_matching_company(conn, company)}
        rows = [{**r, "tier": hits[r["id"]].tier, "score": hits[r["id"]].score,
                 "reason": hits[r["id"]].reason}
                for r in list_contacts(conn) if r["id"] in hits]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        echo(_no_contacts(conn, company))
        return
    for text in contacts_table(rows):
        echo(text)
    gone = sum(1 for r in rows if r.get("removed_on"))
    echo(f"\n{plural(len(rows), 'contact')}" + (f" ({number(gone)} no longer connected)" if gone else ""))
