"""`outreach plan` (the workbook) and `outreach graph` (GraphML, GEXF or a PNG picture)."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import click

from outreach.cli._app import App, cli, echo, echo_json, pass_app
from outreach.cli._text import cut, listed, more, number, pad, plural

if TYPE_CHECKING:
    from outreach.plan.build import Plan
    from outreach.plan.write import WrittenPlan
    from outreach.workbook.changes import ReadBack

TABLE_ROWS = 10
LEFT_OUT_SHOWN = 3
#: How the cells of a column are counted in the read-back sentence ("6 statuses")
NOUNS = {"Status": ("status", "statuses"), "Notes": ("note", None),
         "Follow-up date": ("follow-up date", None), "Decision": ("review decision", None),
         "Message": ("message", None), "Position": ("position", None), "Name": ("name", None),
         "Company": ("company", "companies"), "E-mail": ("e-mail address", "e-mail addresses"),
         "Next step": ("next step", None)}


@cli.command("plan")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("outreach-plan.xlsx"), show_default=True,
              help="The workbook to write (.xlsx). If you saved the plan as .ods since, that is "
                   "read back, and the new plan written beside it as .xlsx.")
@click.option("--json", "as_json", is_flag=True, help="Print the outreach rows as JSON.")
@click.option("--top", type=click.IntRange(1, 100_000), default=300, show_default=True,
              help="How many people to schedule (the rows you will read).")
@click.option("--force", is_flag=True,
              help="Skip the checks that protect the output file (open elsewhere, not a plan, a "
                   "lost Key column); what can be read in it is kept, and a file that cannot be "
                   "read at all is moved aside.")
@click.option("--restore", multiple=True, metavar="NAME",
              help="Bring back a row you deleted from the plan (its name as listed, or 'all'); "
                   "may be repeated.")
@click.option("--weights", metavar="NAME=N,...",
              help="Score weights for this plan: target_priority, tie_strength, role_relevance, "
                   "seniority, job_change, location_fit (e.g. 'tie_strength=3,job_change=0').")
@click.option("--save-weights", is_flag=True, help="Keep --weights in the workspace for later plans.")
@click.option("--templates", "templates_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Message templates (.toml or .json) replacing the built-in ones by kind; a "
                   "templates.toml in the workspace folder is used too.")
@pass_app
def plan_command(app: App, output: Path, as_json: bool, top: int, force: bool,
                 restore: tuple[str, ...], weights: str | None, save_weights: bool,
                 templates_file: Path | None) -> None:
    """Write the outreach plan workbook and print the first rows.

    When the workbook exists, what you changed in it is read back first and kept: statuses,
    follow-up dates, notes, review decisions, a message or position you rewrote (the plan's new
    suggestion goes beside it), your own columns, rows you added. Rows you deleted stay out of
    later plans until you --restore them. Review decisions are also stored in the workspace.

    \b
    Example:
        outreach plan -o outreach-plan.xlsx
        outreach plan --top 100 --weights "tie_strength=3" --json
        outreach plan -o outreach-plan.xlsx --restore "Ada Lovelace"
    """
    from outreach.plan import scoring
    from outreach.plan.write import WriteOptions, write_plan
    from outreach.runtime import no_gc_pauses

    try:
        overrides = scoring.parse_weights(weights) if weights else {}
    except scoring.ScoringError as exc:
        raise click.BadParameter(str(exc), param_hint="--weights") from exc
    given, output = output, _xlsx(output)
    if given != output and not (given.suffix.lower() == ".ods" and given.exists()):
        echo(f"The plan is an Excel workbook: writing {output.name} (LibreOffice opens it too), "
             f"not {given.name}.", err=as_json)
    elif given != output:
        echo(f"{given.name} is read back and the plan written beside it as {output.name}: work in "
             f"{output.name} from now on ({given.name} is not updated).", err=as_json)
    options = WriteOptions(top=top, weights=overrides, save_weights=save_weights,
                           templates_file=templates_file, workspace=app.workspace, force=force,
                           restore=restore)
    conn = app.connect(create=False)
    with no_gc_pauses():  # ~100,000 objects, none freed in cycles: a quarter of the time
        written = write_plan(conn, output, options)
    if written.replaced:
        aside = f"; it is kept as {written.moved_to.name}" if written.moved_to else ""
        echo(f"Warning: {output.name} could not be read back ({written.replaced}), so a new "
                   f"plan was written{aside}.", err=True)
    if written.read_back is not None and written.read_from is not None:
        echo(f"Read back {written.read_from.name}: {read_back_text(written.read_back)}.",
                   err=as_json)
    _echo_deleted(written, err=as_json)
    plan = written.plan
    if as_json:
        echo_json([row.to_json() for row in plan.rows])
    else:
        _print_table(plan)
    f = plan.facts
    decided = written.decisions_kept
    echo(
        f"Wrote {output}: {plural(f['planned'], 'person', 'people')} over {plural(f['weeks'], 'week')} "
        f"({number(plan.profile.messages_per_week)} a week); you reach "
        f"{number(f['targets_direct'] + f['targets_warm_only'])} of {plural(f['targets'], 'target')}"
        + (f"; {plural(decided, 'review decision')} kept" if decided else "") + ".",
        err=as_json,
    )
    if not plan.profile.roles:
        echo("Tip: say which roles you want, and the messages will say it for you: "
             'outreach profile --roles "Product Manager"', err=as_json)


def _xlsx(output: Path) -> Path:
    """The workbook to write: an .xlsx. A name without an extension gets one; "plan.ods" means
    the .xlsx beside it (the .ods is read back, see ``plan.write.plan_to_read``)."""
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        return output
    if suffix == ".ods":
        return output.with_suffix(".xlsx")
    if not suffix:
        return output.with_name(output.name + ".xlsx")
    raise click.BadParameter(f"the plan is an Excel workbook: give a file name ending in .xlsx, "
                             f"not {output.suffix}", param_hint="-o")


def read_back_text(found: ReadBack) -> str:
    """ "6 statuses, 7 notes, 1 added row, your column 'Date sent' (kept)" """
    parts = []
    for header, n in found.cells.most_common():
        word, words = NOUNS.get(header, (f"{header!r} cell", None))
        parts.append(plural(n, word, words))
    if found.added_rows:
        parts.append(plural(found.added_rows, "added row"))
    if found.deleted_rows:
        parts.append(plural(found.deleted_rows, "deleted row"))
    if found.copies:
        parts.append(plural(found.copies, "copied row") + " (merged)")
    if found.summary_cells:
        parts.append(plural(found.summary_cells, "cell") + " of the Summary")
    if found.formulas:
        parts.append(plural(found.formulas, "formula"))
    if found.comments:
        parts.append(plural(found.comments, "comment"))
    for kind, names in (("column", found.user_columns), ("sheet", found.user_sheets)):
        if names:
            shown = ", ".join(repr(h) for h in names)
            parts.append(f"your {kind if len(names) == 1 else kind + 's'} {shown} (kept)")
    return ", ".join(parts) if parts else "nothing changed since the plan wrote it"


def _echo_deleted(written: WrittenPlan, *, err: bool) -> None:
    if written.restored:
        echo(f"Brought back {listed(written.restored, LEFT_OUT_SHOWN)}.", err=err)
    left_out = written.left_out
    if left_out:
        labels = [label for _, label in left_out]
        first = labels[0].split(" (")[0]
        echo(f"Left out {plural(len(labels), 'row')} you deleted "
                   f"({listed(labels, LEFT_OUT_SHOWN)}); to bring one back: "
                   f"outreach plan --restore {shlex.quote(first)}", err=err)


def _print_table(plan: Plan) -> None:
    rows = plan.rows[:TABLE_ROWS]
    if not plan.targets:
        from outreach.plan.build import NO_TARGETS

        echo(NO_TARGETS[0].upper() + NO_TARGETS[1:] + ". The Groups sheet is ready.")
        return
    if not rows:
        echo("Nobody in your network works at your targets yet: see the Targets sheet for "
                   "people-search links.")
        return
    echo(f"{'#':>3}  {'Wk':>2}  {'Write to':<24}  {'Target':<22}  {'Score':>5}  Kind")
    for r in rows:
        who = f"{r.name} → {r.about}" if r.about else r.name
        echo(f"{r.rank:>3}  {r.week or '':>2}  {pad(cut(who, 24), 24)}  {pad(cut(r.target, 22), 22)}  "
                   f"{r.score:>5.1f}  {r.kind}")
    if len(plan.rows) > TABLE_ROWS:
        echo(more(len(plan.rows) - TABLE_ROWS) + " in the workbook.")


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
    echo(f"Wrote {output}: {counts}.")
