"""`outreach plan` (the workbook) and `outreach graph` (GraphML, GEXF or a PNG picture)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from outreach.cli._app import App, cli, echo_json, pass_app
from outreach.cli._text import cut, more, number, pad, plural

if TYPE_CHECKING:
    from outreach.plan.build import Plan

TABLE_ROWS = 10


@cli.command("plan")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("outreach-plan.xlsx"), show_default=True, help="The workbook to write.")
@click.option("--json", "as_json", is_flag=True, help="Print the outreach rows as JSON.")
@click.option("--top", type=click.IntRange(1, 100_000), default=300, show_default=True,
              help="How many people to schedule (the rows you will read).")
@click.option("--force", is_flag=True,
              help="Overwrite an output file that cannot be read back (what you typed in it is lost).")
@click.option("--weights", metavar="NAME=N,...",
              help="Score weights for this plan: target_priority, tie_strength, role_relevance, "
                   "seniority, job_change, location_fit (e.g. 'tie_strength=3,job_change=0').")
@click.option("--save-weights", is_flag=True, help="Keep --weights in the workspace for later plans.")
@click.option("--templates", "templates_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Message templates (.toml or .json) replacing the built-in ones by kind; a "
                   "templates.toml in the workspace folder is used too.")
@pass_app
def plan_command(app: App, output: Path, as_json: bool, top: int, force: bool, weights: str | None,
                 save_weights: bool, templates_file: Path | None) -> None:
    """Write the outreach plan workbook and print the first rows.

    When the workbook exists, the statuses, follow-up dates, notes and review decisions you typed
    in it are read back first and kept. Review decisions are also stored in the workspace.

    \b
    Example:
        outreach plan -o outreach-plan.xlsx
        outreach plan --top 100 --weights "tie_strength=3" --json
    """
    from outreach.plan import scoring
    from outreach.plan.write import WriteOptions, write_plan
    from outreach.runtime import no_gc_pauses

    try:
        overrides = scoring.parse_weights(weights) if weights else {}
    except scoring.ScoringError as exc:
        raise click.BadParameter(str(exc), param_hint="--weights") from exc
    options = WriteOptions(top=top, weights=overrides, save_weights=save_weights,
                           templates_file=templates_file, workspace=app.workspace, force=force)
    conn = app.connect(create=False)
    with no_gc_pauses():  # ~100,000 objects, none freed in cycles: a quarter of the time
        written = write_plan(conn, output, options)
    if written.replaced:
        click.echo(f"Warning: replaced {output}, which could not be read back ({written.replaced}).",
                   err=True)
    plan = written.plan
    if as_json:
        echo_json([row.to_json() for row in plan.rows])
    else:
        _print_table(plan)
    f = plan.facts
    decided = written.decisions_kept
    click.echo(
        f"Wrote {output}: {plural(f['planned'], 'person', 'people')} over {plural(f['weeks'], 'week')} "
        f"({number(plan.profile.messages_per_week)} a week); you reach "
        f"{number(f['targets_direct'] + f['targets_warm_only'])} of {plural(f['targets'], 'target')}"
        + (f"; {plural(decided, 'review decision')} kept" if decided else "") + ".",
        err=as_json,
    )


def _print_table(plan: Plan) -> None:
    rows = plan.rows[:TABLE_ROWS]
    if not rows:
        click.echo("Nobody in your network works at your targets yet: see the Targets sheet for "
                   "people-search links.")
        return
    click.echo(f"{'#':>3}  {'Wk':>2}  {'Name':<24}  {'Target':<22}  {'Score':>5}  Kind")
    for r in rows:
        who = r.name + (f" (via {r.via})" if r.via else "")
        click.echo(f"{r.rank:>3}  {r.week or '':>2}  {pad(cut(who, 24), 24)}  {pad(cut(r.target, 22), 22)}  "
                   f"{r.score:>5.1f}  {r.kind}")
    if len(plan.rows) > TABLE_ROWS:
        click.echo(more(len(plan.rows) - TABLE_ROWS) + " in the workbook.")


@cli.command("graph")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write: .graphml or .gexf (for Gephi) or .png (a picture).")
@click.option("--all", "everyone", is_flag=True,
              help="Every contact, not only those at (or matched to) your targets.")
@pass_app
def graph_command(app: App, output: Path, everyone: bool) -> None:
    """Export your network (you, friends, contacts, companies, targets) for Gephi, or draw it.

    By default the graph holds the people who work at your targets (yours and your friends'),
    their companies, the targets and you; --all adds everyone else. A .png shows your network
    around your highest-priority targets.

    \b
    Example:
        outreach graph -o network.gexf
        outreach graph -o network.png
    """
    from outreach.companies.matching import match_contacts
    from outreach.graph.build import build_graph
    from outreach.graph.export import EXPORT_FORMATS, export_graph
    from outreach.plan.network import load_network

    if output.suffix.lower() not in EXPORT_FORMATS:
        raise click.BadParameter("use a file name ending in .graphml, .gexf or .png", param_hint="-o")
    conn = app.connect(create=False)
    if conn.execute("SELECT 1 FROM contacts LIMIT 1").fetchone() is None:
        from outreach.plan.build import PlanError

        raise PlanError("nothing to draw yet: import your LinkedIn connections first "
                        "(outreach import linkedin EXPORT.zip)")
    matches = match_contacts(conn)
    wanted = None if everyone and output.suffix.lower() != ".png" else {m.contact_id for m in matches}
    graph = build_graph(load_network(conn, wanted), matches)
    export_graph(graph, output)
    kinds: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    counts = ", ".join(plural(kinds.get(kind, 0), *words) for kind, words in
                       (("contact", ("person", "people")), ("company", ("company", "companies")),
                        ("target", ("target",)), ("friend", ("friend",))))
    click.echo(f"Wrote {output}: {counts}.")
