"""``write_plan``: the one library call that writes a plan workbook.

Reads back what the user typed in an existing workbook, stores their review decisions, matches,
plans, adds the networking-groups sheet (the catalogue's groups and the starter guide's kinds of
group still to find), and writes the workbook atomically. The CLI parses options, calls this, and prints.
"""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from outreach.companies.matching import match_contacts
from outreach.errors import WorkbookError
from outreach.groups.guide import build_guide, load_schools, not_covered
from outreach.groups.recommend import (
    GROUPS_SHEET,
    GroupPlan,
    groups_sheet,
    groups_summary,
    recommend_groups,
)
from outreach.groups.typed import any_typed, read_typed_groups
from outreach.plan import memory, scoring
from outreach.plan.build import (
    DEFAULT_TOP,
    OUTREACH,
    Plan,
    PlanError,
    PlanOptions,
    apply_review_decisions,
    build_plan,
    check_ready,
    typed_review_decisions,
)
from outreach.plan.messages import load_templates
from outreach.plan.sheets import plan_sheets, sheet_specs
from outreach.profile import load_profile
from outreach.store import transaction, within_transaction
from outreach.targets.suggest import sync_suggested_targets
from outreach.wording import listed
from outreach.workbook.changes import ReadBack, compare, read_back
from outreach.workbook.files import write_workbook
from outreach.workbook.merge import match_key
from outreach.workbook.read import read_edits
from outreach.workbook.spec import Edits, ListSheet


@dataclass(frozen=True)
class WriteOptions:
    """What ``outreach plan`` was asked for."""

    top: int = DEFAULT_TOP
    weights: dict[str, float] = field(default_factory=dict)  # overrides for this plan
    save_weights: bool = False  # keep ``weights`` in the workspace for later plans
    templates_file: Path | None = None  # message templates replacing the built-in ones
    workspace: Path | None = None  # where a templates.toml of the user's may lie
    #: skip the checks that protect the user's workbook, keeping what can be read of it; one
    #: that cannot be read at all is moved aside, not lost
    force: bool = False
    restore: tuple[str, ...] = ()  # deleted rows to bring back: names, keys or "all"


@dataclass(frozen=True)
class WrittenPlan:
    plan: Plan
    decisions_kept: int  # review decisions taken from the workbook into the workspace
    replaced: str | None = None  # why the earlier workbook could not be read, when forced
    moved_to: Path | None = None  # where that unreadable workbook was moved
    read_back: ReadBack | None = None  # what was read back from the earlier workbook
    #: rows left out because the user deleted them: (sheet, label), this time's first
    left_out: list[tuple[str, str]] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)  # labels of rows brought back
    read_from: Path | None = None  # the workbook read back: the output, or an .ods beside it


def write_plan(conn: sqlite3.Connection, output: Path, options: WriteOptions = WriteOptions()
               ) -> WrittenPlan:
    """Plan and write ``output``, keeping what the user typed in it.

    Raises ``PlanError`` when there is nothing to plan with yet (or ``options.restore`` names
    no deleted row) and ``WorkbookError`` when the existing workbook cannot be read back
    (unless ``options.force``) or the file cannot be written; in both cases the existing
    workbook is left as it was.
    """
    check_ready(conn)
    templates = load_templates(options.workspace, options.templates_file)
    profile = load_profile(conn)
    specs = sheet_specs(profile, [groups_sheet(GroupPlan([], 0.0, 0.0))])
    source = plan_to_read(output)
    edits, replaced = _read_edits(source, specs, options.force)
    deleted = memory.deleted_rows(conn)
    if edits is not None:
        compare(edits, memory.recall_write(conn, output, edits.token))
        for name, present in edits.rows.items():  # a deleted row the user put back is back
            for key in present:
                deleted.get(name, {}).pop(match_key(key), None)
        for name, gone in edits.deleted.items():
            deleted.setdefault(name, {}).update(gone)
    restored = _restored(deleted, options.restore)
    # Nothing reaches the workspace unless the workbook is written. The review decisions typed
    # in it change the matches, and the groups typed into it the catalogue, so when there are
    # any the whole plan is one transaction (it holds the workspace's write lock, so only
    # then); the rest is saved with the write.
    full_guide = build_guide(profile, load_schools(conn))
    with (transaction(conn) if typed_review_decisions(edits) or any_typed(edits, full_guide)
          else nullcontext(conn)):
        decided = apply_review_decisions(conn, edits)
        suggested = sync_suggested_targets(conn)  # among the targets before anything is matched
        matches = match_contacts(conn)
        plan_options = PlanOptions(top=options.top, weights=scoring.load_weights(conn, options.weights),
                                   templates=templates,
                                   left_out=frozenset(deleted.get(OUTREACH, {})), suggested=suggested)
        plan = build_plan(conn, profile, matches, options=plan_options, edits=edits)
        # Every plan has a Groups sheet: the catalogue's groups (with those the user typed into
        # the workbook read in first), the user's events, then the starter guide's kinds of
        # group the catalogue has none of (all of them when there is no catalogue).
        typed = read_typed_groups(conn, edits, full_guide, source=source.name)
        group_plan = recommend_groups(conn, profile, today=plan.today,
                                      left_out=frozenset(deleted.get(GROUPS_SHEET, {})))
        guide = not_covered(full_guide, [row.group for row in group_plan.rows])
        group_sheet = groups_sheet(group_plan, guide)
        extra_sheets: list[ListSheet] = [group_sheet]
        group_facts: list[tuple[str, object]] = [*groups_summary(group_plan, guide),
                                                 *typed.summary()]
        summary, sheets = plan_sheets(plan, extra_sheets)
        summary.facts.extend(group_facts)
        summary.sections.extend(typed.sections())
        # what the user typed, counted before their typed groups become the groups' rows
        read = read_back(edits, sheets) if edits is not None else None
        typed.adopt(edits, group_sheet)
        moved_to = _move_aside(output) if replaced and source == output else None
        with within_transaction(conn):
            if options.save_weights and options.weights:
                scoring.save_weights(conn, options.weights)
            memory.forget_deleted(conn, [(sheet, key) for sheet, key, _ in restored])
            if edits is not None:
                memory.remember_deleted(conn, edits.deleted)
            written = write_workbook(output, summary, sheets, edits=edits, force=options.force,
                                     deleted={name: set(rows) for name, rows in deleted.items()})
            memory.remember_write(conn, output, written)
    new = edits.deleted if edits is not None else {}
    left_out = [(name, label) for name, rows in new.items() for label in rows.values()]
    left_out += [(name, label) for name, rows in deleted.items() for key, label in rows.items()
                 if key not in new.get(name, {})]
    return WrittenPlan(plan, decided, replaced, moved_to, read, left_out,
                       [label for _, _, label in restored], source if edits is not None else None)


def plan_to_read(output: Path) -> Path:
    """The workbook a plan into ``output`` reads back: ``output``, or the .ods beside it when
    the user saved the plan as one since (LibreOffice's default), so their edits there count."""
    ods = output.with_suffix(".ods")
    try:
        if ods.is_file() and (not output.exists()
                              or ods.stat().st_mtime > output.stat().st_mtime):
            return ods
    except OSError:
        pass
    return output


def _restored(deleted: dict[str, dict[str, str]],
              wanted: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The deleted rows ``wanted`` names, as (sheet, key, label), taken out of ``deleted``;
    PlanError for a name that matches none."""
    found: list[tuple[str, str, str]] = []
    for text in wanted:
        rows = memory.matching_deleted(deleted, text)
        if not rows:
            known = [label for labels in deleted.values() for label in labels.values()]
            raise PlanError(f"no deleted row is called {text!r}: "
                            + (f"the rows you deleted are {listed(known, 5)}" if known
                               else "no row of a plan has been deleted"))
        found += [(sheet, key, deleted[sheet][key]) for sheet, key in rows
                  if not any(f[:2] == (sheet, key) for f in found)]
    for sheet, key, _ in found:
        deleted[sheet].pop(key, None)
    return found


def _read_edits(output: Path, specs: list[ListSheet],
                force: bool) -> tuple[Edits | None, str | None]:
    """The edits in ``output`` (None when it does not exist); with ``force``, the checks are
    skipped, and a workbook that cannot be read at all is replaced (the reason returned)."""
    if not output.exists():
        return None, None
    try:
        return read_edits(output, sheets=specs, force=force), None
    except WorkbookError as exc:
        if not force:
            raise  # its message already says the plan was not written and what to do
        return None, str(exc)


def _move_aside(output: Path) -> Path:
    """Keep an unreadable workbook beside the new one: never destroy what the user had."""
    stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
    aside = output.with_name(f"{output.stem} (unreadable, {stamp}){output.suffix}")
    try:
        output.resolve().rename(aside)
    except OSError as exc:
        raise WorkbookError(f"cannot move the unreadable {output.name} aside "
                            f"({exc.strerror or exc}), so the plan was not written") from exc
    return aside
