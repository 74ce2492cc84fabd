"""``write_plan``: the one library call that writes a plan workbook.

Reads back what the user typed in an existing workbook, stores their review decisions, matches,
plans, adds the networking-groups sheet once a catalogue is imported, and writes the workbook
atomically. The CLI parses options, calls this, and prints.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from outreach.companies.matching import match_contacts
from outreach.errors import WorkbookError
from outreach.groups.recommend import groups_sheet, groups_summary, recommend_groups
from outreach.plan import scoring
from outreach.plan.build import (
    DEFAULT_TOP,
    Plan,
    PlanOptions,
    apply_review_decisions,
    build_plan,
    check_ready,
)
from outreach.plan.messages import load_templates
from outreach.plan.sheets import plan_sheets
from outreach.profile import load_profile
from outreach.store import transaction
from outreach.workbook.files import write_workbook
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
    force: bool = False  # replace a workbook that cannot be read back (its edits are lost)


@dataclass(frozen=True)
class WrittenPlan:
    plan: Plan
    decisions_kept: int  # review decisions taken from the workbook into the workspace
    replaced: str | None = None  # why the earlier workbook could not be read, when forced


def write_plan(conn: sqlite3.Connection, output: Path, options: WriteOptions = WriteOptions()
               ) -> WrittenPlan:
    """Plan and write ``output``, keeping what the user typed in it.

    Raises ``PlanError`` when there is nothing to plan with yet and ``WorkbookError`` when the
    existing workbook cannot be read back (unless ``options.force``) or the file cannot be
    written; in both cases the existing workbook is left as it was.
    """
    check_ready(conn)
    if options.save_weights and options.weights:
        with transaction(conn):
            scoring.save_weights(conn, options.weights)
    templates = load_templates(options.workspace, options.templates_file)
    edits, replaced = _read_edits(output, options.force)
    decided = apply_review_decisions(conn, edits)
    matches = match_contacts(conn)
    profile = load_profile(conn)
    plan_options = PlanOptions(top=options.top, weights=scoring.load_weights(conn, options.weights),
                               templates=templates)
    plan = build_plan(conn, profile, matches, options=plan_options, edits=edits)
    # The networking-groups sheet joins the plan once a catalogue has been imported.
    extra_sheets: list[ListSheet] = []
    group_facts: list[tuple[str, object]] = []
    if conn.execute("SELECT 1 FROM groups LIMIT 1").fetchone():
        group_plan = recommend_groups(conn, profile)
        extra_sheets.append(groups_sheet(group_plan))
        group_facts = groups_summary(group_plan)
    summary, sheets = plan_sheets(plan, extra_sheets)
    summary.facts.extend(group_facts)
    write_workbook(output, summary, sheets, edits=edits)
    return WrittenPlan(plan, decided, replaced)


def _read_edits(output: Path, force: bool) -> tuple[Edits | None, str | None]:
    """The edits in ``output`` (None when it does not exist); with ``force``, a workbook that
    cannot be read back is replaced, and the reason is returned for the user."""
    if not output.exists():
        return None, None
    try:
        return read_edits(output), None
    except WorkbookError as exc:
        if not force:
            raise  # its message already says the plan was not written and what to do
        return None, str(exc)
