"""Target employers and company matching: `import targets`, `targets`, `alias`, `review`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from outreach.cli._app import App, OutreachGroup, cli, echo, echo_json, import_group, pass_app
from outreach.cli._text import more, number, plural, terminal_safe_json

#: Warnings shown after an import; the rest are counted.
MAX_WARNINGS_SHOWN = 20


@import_group.command("targets")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--sheet", "sheets", multiple=True, metavar="NAME",
              help="Read only this sheet of a workbook (repeat for several). Default: every "
                   "sheet with a company column.")
@click.option("--replace", is_flag=True,
              help="Make the workspace's target list exactly this file's (targets not in it "
                   "are removed). Default: add new targets and update existing ones.")
@click.option("--priority-order", type=click.Choice(["high-first", "low-first"]), default=None,
              help="How to read a priority column of plain numbers: high-first (the biggest "
                   "number is most wanted, as a 1-5 rating) or low-first (1 is most wanted, as a "
                   "rank). Default: as its header says ('Excitement (1-5)' is high-first, "
                   "'Priority' and 'Rank' are low-first); the import prints how it read it.")
@click.option("--json", "as_json", is_flag=True, help="Print the import summary as JSON.")
@pass_app
def import_targets_command(
    app: App, path: Path, sheets: tuple[str, ...], replace: bool, priority_order: str | None, as_json: bool
) -> None:
    """Import the employers you want to work for from a spreadsheet or CSV.

    Reads .xlsx, .xlsm, .ods, .csv and .tsv. The header row is found by its content (title rows
    above it are fine) and the company column by name: Company, Employer, Organisation,
    Account... Optional columns: priority (1-5, High/Medium/Low, A/B/C, a rank, stars), location,
    industry, roles, website, notes; every other column is kept with its target. A list without
    a priority keeps its order in the middle (0.55 down to 0.45), below a ranked list's top
    targets. It prints the column it used for each field and how it read the priority.
    Duplicates merge; importing the same file again changes nothing.

    \b
    Example:
        outreach import targets "Target companies.xlsx"
        outreach import targets targets.xlsx --sheet "Dream list" --replace
        outreach import targets wishlist.csv --priority-order high-first
    """
    import hashlib

    from outreach.companies.matching import prepare_matching
    from outreach.imports.linkedin.recognise import refuse_export_folder
    from outreach.imports.tabular import read_path_bytes
    from outreach.imports.targets import read_targets
    from outreach.targets.store import import_targets

    refuse_export_folder(path)  # an unzipped LinkedIn export is not a spreadsheet to read
    data = read_path_bytes(path)
    higher = None if priority_order is None else priority_order == "high-first"
    table = read_targets(data, path.name, sheets=sheets or None, higher_is_better=higher)
    conn = app.connect()
    summary = import_targets(
        conn, table, source=path.name, sha256=hashlib.sha256(data).hexdigest(), replace=replace
    )
    prepare_matching(conn)  # the first `targets` or `plan` finds the comparisons made
    if as_json:
        echo_json(summary.to_json())
        return
    where = f" (sheets {', '.join(repr(s) for s in summary.sheets)})" if len(summary.sheets) > 1 else ""
    parts = [f"{number(summary.added)} new", f"{number(summary.updated)} updated",
             f"{number(summary.unchanged)} unchanged"]
    if replace:
        parts.append(f"{number(summary.removed)} removed")
    echo(f"Imported {plural(summary.targets, 'target')} from {summary.source}{where}: {', '.join(parts)}.")
    if summary.not_in_file and not replace:
        them = "it" if summary.not_in_file == 1 else "them"
        echo(f"{plural(summary.not_in_file, 'earlier target')} not in {summary.source} "
                   f"{'was' if summary.not_in_file == 1 else 'were'} kept: add --replace to remove {them}.")
    for used in table.columns:
        if len(table.columns) > 1:
            echo(f"Sheet {used.sheet!r}:")
        for line in used.lines():
            echo(f"  {line}")
    if summary.duplicates:
        echo(f"{plural(summary.duplicates, 'duplicate row')} merged into an earlier row for the same company.")
    if summary.without_company:
        echo(f"{plural(summary.without_company, 'row')} without a company skipped.")
    if summary.not_companies:
        shown = ", ".join(repr(n) for n in summary.not_companies[:5])
        echo(f"{plural(len(summary.not_companies), 'row')} skipped: not a company name ({shown}).")
    for note in summary.notes:
        echo(f"Note: {note}")
    for warning in summary.warnings[:MAX_WARNINGS_SHOWN]:
        echo(f"Warning: {warning}", err=True)
    if len(summary.warnings) > MAX_WARNINGS_SHOWN:
        echo(f"{more(len(summary.warnings) - MAX_WARNINGS_SHOWN, 'warning')} (see --json)", err=True)
    echo("Next: `outreach targets` shows whom you know at each.")


def _contact_line(hit: Any, pending: bool = False) -> str:
    tier = hit.tier if hit.tier != "review" else "accepted" if not pending else f"review {hit.score:.0f}"
    via = "" if hit.owner == "me" else f"  (via {hit.owner})"
    mark = "?" if pending else " "
    return f"  {mark} {hit.name or '(no name)'} · {hit.position or '-'} · {hit.company!r} [{tier}]{via}"


def _echo_json_lines(items: list[Any]) -> None:
    """A JSON array with one item per line: json's C encoder only runs without ``indent``,
    and an indented dump of 30,000 contacts takes longer than matching them."""
    import json
    import sys

    out = sys.stdout
    out.write("[\n")
    for index, item in enumerate(items):
        out.write(("  " if index == 0 else ", ") + terminal_safe_json(json.dumps(item, ensure_ascii=False)) + "\n")
    out.write("]\n")


@cli.command("targets")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option("--json", "as_json", is_flag=True, help="Print every target with its contacts as JSON.")
@click.option("--matched", is_flag=True, help="Only targets where you know someone or have a suggestion.")
@click.option("--suggested", is_flag=True,
              help="List the targets your LinkedIn activity suggests (dream companies, job "
                   "applications, saved jobs, followed companies), strongest first.")
@click.option("--accept", is_flag=True, help="Make the suggested targets NAME... ordinary targets.")
@click.option("--reject", is_flag=True, help="Never suggest NAME... again.")
@pass_app
def targets_command(app: App, names: tuple[str, ...], as_json: bool, matched: bool, suggested: bool,
                    accept: bool, reject: bool) -> None:
    """List your target employers, most wanted first, with the contacts you have at each.

    Each contact shows the company as they wrote it and how it matched: exact, alias, strong,
    or review (a near-miss such as a typo that counts only once you accept it with
    `outreach review`).

    Suggested targets come from your own LinkedIn export (import the complete one): a dream
    company in your job preferences, a job you applied for, a job you saved, a company you
    follow, in that order of strength. They are proposed, never forced. Until you have a target
    list of your own, every suggestion takes part in the plan, marked "suggested" in its rows'
    reasons; once you imported one, only dream companies and applications do, and the rest
    wait on the plan's Targets sheet. --accept makes a suggestion an ordinary target (kept when
    the signal goes); --reject stops it being suggested. Typing yes or no in the Targets sheet's
    Accept? column does the same on the next plan.

    \b
    Example:
        outreach targets
        outreach targets --json > targets.json
        outreach targets --suggested
        outreach targets --accept "Initech" "Globex"
        outreach targets --reject "Umbrella Corp"
    """
    from outreach.targets.store import target_report
    from outreach.targets.suggest import sync_suggested_targets

    if accept and reject:
        raise click.UsageError("--accept and --reject together: choose one")
    if (accept or reject) and not names:
        raise click.UsageError(f"--{'accept' if accept else 'reject'} needs the names of suggested targets: "
                               "outreach targets --suggested lists them")
    if names and not (accept or reject):
        raise click.UsageError("names are for --accept or --reject: outreach targets --accept NAME...")
    conn = app.connect(create=False)
    if accept or reject:
        _decide_suggestions(conn, names, accept)
        return
    found = sync_suggested_targets(conn)
    if suggested:
        _echo_suggestions(found, as_json)
        return
    report = target_report(conn)
    if matched:
        report = [t for t in report if t.contacts or t.review]
    if as_json:
        _echo_json_lines([t.to_json() for t in report])
        return
    if not report:
        echo("No targets yet: `outreach import targets FILE` adds them." if not matched
                   else "No contacts at any target yet.")
        return
    pending = 0
    for entry in report:
        priority = f"{entry.priority:.2f}" + (f" ({entry.priority_text})" if entry.priority_text else "")
        counts = plural(len(entry.contacts), "contact")
        if entry.review:
            counts += f", {number(len(entry.review))} to review"
        mark = f"  ·  suggested: {entry.suggested}" if entry.suggested else ""
        echo(f"{entry.target}  ·  priority {priority}  ·  {counts}{mark}")
        for hit in entry.contacts:
            echo(_contact_line(hit))
        for hit in entry.review:
            echo(_contact_line(hit, pending=True))
        pending += len(entry.review)
    reached = sum(1 for t in report if t.contacts)
    echo(f"\n{plural(len(report), 'target')}, {number(reached)} with contacts.")
    if pending:
        echo(f"{plural(pending, 'suggestion')} marked ? await your decision: `outreach review`.")
    if found:
        echo(f"{plural(len(found), 'suggested target')} from your LinkedIn activity: "
             "`outreach targets --suggested`.")


def _echo_suggestions(found: list[Any], as_json: bool) -> None:
    if as_json:
        echo_json([s.to_json() for s in found])
        return
    if not found:
        echo("No suggested targets: they come from the job applications, saved jobs, followed "
             "companies and dream companies of your complete LinkedIn export "
             "(outreach import linkedin EXPORT.zip).")
        return
    for s in found:
        echo(f"{s.name}  ·  priority {s.priority:.2f}  ·  {s.source}"
             + ("" if s.in_plan else "  ·  not in the plan until you accept it"))
    used = sum(1 for s in found if s.in_plan)
    where = ("all take part in the plan" if used == len(found)
             else f"{number(used)} take part in the plan" if used else "none takes part in the plan")
    echo(f"\n{plural(len(found), 'suggested target')} ({where} until you reject them). "
         'Keep one: outreach targets --accept "NAME"; drop one: outreach targets --reject "NAME".')


def _decide_suggestions(conn: Any, names: tuple[str, ...], accepting: bool) -> None:
    from outreach.targets import suggest

    done = (suggest.accept if accepting else suggest.reject)(conn, names)
    for s in done.done:
        if accepting:
            echo(f"Accepted {s.name!r} as a target ({s.source}); it stays when the signal goes.")
        else:
            echo(f"Rejected {s.name!r}: it will not be suggested again.")
    for name in done.already:
        echo(f"{name!r} is already {'one of your targets' if accepting else 'rejected'}: nothing to do.")
    for name in done.unknown:
        echo(f"{name!r} is not a suggested target: `outreach targets --suggested` lists them"
             + (", `outreach import targets FILE` adds your own." if accepting else "."), err=True)
    if done.unknown:
        raise click.exceptions.Exit(1)


@cli.group("alias", cls=OutreachGroup)
def alias_group() -> None:
    """Your own company aliases: contacts at one name count for a target.

    \b
    Example:
        outreach alias add "Andersen Consulting" "Accenture"
        outreach alias list
    """


@alias_group.command("add")
@click.argument("alias")
@click.argument("target")
@pass_app
def alias_add(app: App, alias: str, target: str) -> None:
    """Count contacts whose company is ALIAS as working at TARGET.

    \b
    Example:
        outreach alias add "Big Blue" "IBM"
    """
    from outreach.companies.aliases import add_alias
    from outreach.store import transaction

    conn = app.connect()
    with transaction(conn):
        added = add_alias(conn, alias, target)
    echo(f"Alias {'added' if added else 'already there'}: {alias!r} counts for {target!r}.")
    from outreach.companies.matching import find_target
    from outreach.errors import InputError

    try:
        find_target(conn, target)
    except InputError:
        echo(f"Note: {target!r} is not one of your targets yet; the alias applies once it is.")


@alias_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the aliases as JSON.")
@pass_app
def alias_list(app: App, as_json: bool) -> None:
    """List your own aliases (the built-in table is in outreach/data/aliases.csv).

    \b
    Example:
        outreach alias list --json
    """
    from outreach.companies.aliases import list_aliases

    aliases = list_aliases(app.connect(create=False))
    if as_json:
        echo_json([{"alias": a.alias, "target": a.target, "created_at": a.created_at} for a in aliases])
        return
    if not aliases:
        echo('No aliases of your own yet: outreach alias add "Old Name" "Target".')
    for a in aliases:
        echo(f"{a.alias!r} -> {a.target!r}")


@alias_group.command("remove")
@click.argument("alias")
@click.argument("target", required=False)
@pass_app
def alias_remove(app: App, alias: str, target: str | None) -> None:
    """Remove an alias of yours (for one TARGET, or for all when TARGET is left out).

    \b
    Example:
        outreach alias remove "Big Blue"
    """
    from outreach.companies.aliases import remove_alias
    from outreach.store import transaction

    conn = app.connect(create=False)
    with transaction(conn):
        removed = remove_alias(conn, alias, target)
    echo(f"Removed {plural(removed, 'alias', 'aliases')}.")


@cli.command("review")
@click.option("--accept", "accepts", nargs=2, multiple=True, metavar="COMPANY TARGET",
              help="Count contacts at COMPANY (as they write it) for TARGET. Repeatable. "
                   "A pattern ('Google *', TARGET '*') decides every pending suggestion it matches.")
@click.option("--reject", "rejects", nargs=2, multiple=True, metavar="COMPANY TARGET",
              help="Never suggest COMPANY for TARGET again. Repeatable; patterns as for --accept.")
@click.option("--interactive", "-i", is_flag=True, help="Ask about each pending suggestion in turn.")
@click.option("--decided", is_flag=True, help="List the decisions you have made instead.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@pass_app
def review_command(
    app: App,
    accepts: tuple[tuple[str, str], ...],
    rejects: tuple[tuple[str, str], ...],
    interactive: bool,
    decided: bool,
    as_json: bool,
) -> None:
    """Accept or reject near-miss matches (typos) between contacts' companies and targets.

    Without options, lists the pending suggestions with both names as written. A decision holds
    for every spelling that normalises the same way, and survives re-imports.

    \b
    Example:
        outreach review
        outreach review --accept "WallMart" "Walmart" --reject "Loopio" "Loop"
        outreach review --accept "Google *" Google     # every pending "Google …" suggestion
        outreach review --reject "*" "Target"          # none of the suggestions for Target
        outreach review --interactive
    """
    from outreach.companies import review

    conn = app.connect(create=bool(accepts or rejects))
    if accepts or rejects:
        wanted = [(c, t, True) for c, t in accepts] + [(c, t, False) for c, t in rejects]
        both = {(c.casefold(), t.casefold()) for c, t in accepts} & {(c.casefold(), t.casefold()) for c, t in rejects}
        if both:
            company, target = sorted(both)[0]
            raise click.UsageError(f"{company!r} for {target!r} is both accepted and rejected: choose one")
        if any(review.is_pattern(c) or review.is_pattern(t) for c, t, _ in wanted):
            _decide_by_pattern(conn, wanted)
        else:
            _decide(conn, wanted)
        return
    if decided:
        decisions = review.list_decisions(conn)
        if as_json:
            echo_json([vars(d) for d in decisions])
            return
        for d in decisions:
            echo(f"{'accepted' if d.accepted else 'rejected'}  {d.company!r} for {d.target!r}  ({d.decided_at})")
        if not decisions:
            echo("No decisions yet.")
        return
    suggestions = review.review_suggestions(conn)
    if as_json:
        echo_json([s.to_json() for s in suggestions])
        return
    if not suggestions:
        echo("Nothing to review: no near-miss company names.")
        return
    if interactive:
        _ask(conn, suggestions)
        return
    for s in suggestions:
        echo(f"{s.score:5.1f}  {s.company!r} -> target {s.target!r}  ({plural(s.contacts, 'contact')})"
             + (f": {s.reason}" if s.reason else ""))
    echo(f'\n{plural(len(suggestions), "suggestion")}. Decide with: outreach review --accept "COMPANY" "TARGET" '
               "(or --reject), or outreach review --interactive.")


def _decide(conn: Any, decisions: list[tuple[str, str, bool]]) -> None:
    from outreach.companies.matching import find_target, set_review_decision
    from outreach.companies.review import contacts_with_company_key
    from outreach.store import transaction

    with transaction(conn):
        for company, target, accepted in decisions:
            name, _ = find_target(conn, target)
            set_review_decision(conn, company, name, accepted)
    for company, target, accepted in decisions:
        count = contacts_with_company_key(conn, company)
        verb = "Accepted" if accepted else "Rejected"
        who = f"{plural(count, 'contact')} at that name" if count else "no contact writes it so yet"
        echo(f"{verb}: {company!r} for {target!r} ({who}).")


def _decide_by_pattern(conn: Any, decisions: list[tuple[str, str, bool]]) -> None:
    """Decide every pending suggestion a (company, target) pattern matches; the first pattern
    that matches a suggestion decides it. Plain names among them are decided as usual."""
    from outreach.companies.matching import find_target, set_review_decision
    from outreach.companies.review import is_pattern, review_suggestions
    from outreach.store import transaction

    pending = review_suggestions(conn)
    chosen: list[tuple[Any, bool]] = []
    counts = [0] * len(decisions)
    for suggestion in pending:
        for place, (company, target, accepted) in enumerate(decisions):
            if (is_pattern(company) or is_pattern(target)) and suggestion.matches(company, target):
                chosen.append((suggestion, accepted))
                counts[place] += 1
                break
    with transaction(conn):
        for company, target, accepted in decisions:
            if not (is_pattern(company) or is_pattern(target)):
                set_review_decision(conn, company, find_target(conn, target)[0], accepted)
        for suggestion, accepted in chosen:
            set_review_decision(conn, suggestion.company, suggestion.target, accepted)
    for (company, target, accepted), count in zip(decisions, counts, strict=True):
        verb = "Accepted" if accepted else "Rejected"
        if (is_pattern(company) or is_pattern(target)) and not count:
            echo(f"No pending suggestion matches {company!r} for {target!r}: `outreach review` lists "
                 f"{plural(len(pending), 'pending suggestion')}.")
        elif is_pattern(company) or is_pattern(target):
            echo(f"{verb} {plural(count, 'suggestion')} matching {company!r} for {target!r}.")
        else:
            echo(f"{verb}: {company!r} for {target!r}.")
    for suggestion, accepted in chosen:
        echo(f"  {'accepted' if accepted else 'rejected'}  {suggestion.company!r} for {suggestion.target!r}"
             f" ({plural(suggestion.contacts, 'contact')})")


def _ask(conn: Any, suggestions: list[Any]) -> None:
    from outreach.companies.matching import set_review_decision
    from outreach.store import transaction

    answered = 0
    for place, s in enumerate(suggestions, start=1):
        spelled = f" (also {', '.join(repr(x) for x in s.spellings[1:3])})" if len(s.spellings) > 1 else ""
        echo(f"\n[{place}/{len(suggestions)}] {s.company!r}{spelled}, {plural(s.contacts, 'contact')}")
        echo(f"    target {s.target!r}, score {s.score:.0f}" + (f": {s.reason}" if s.reason else ""))
        answer = click.prompt(
            "    Same employer? [y]es, [n]o, [s]kip, [q]uit",
            type=click.Choice(["y", "n", "s", "q"], case_sensitive=False),
            show_choices=False,
        ).lower()
        if answer == "q":
            break
        if answer == "s":
            continue
        with transaction(conn):  # each answer is kept even if the user quits later
            set_review_decision(conn, s.company, s.target, answer == "y")
        answered += 1
    echo(f"\n{plural(answered, 'decision')} saved.")
