"""The plan as workbook sheets (Summary, Outreach, Targets, Review), for ``outreach.workbook.spec``.

Other areas add their own sheets after these (the networking-groups sheet): pass them as
``extra_sheets`` to ``plan_sheets``.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date, timedelta
from typing import Any

from outreach.plan.build import (
    ACCEPT,
    ANSWERS,
    CURRENT_EMPLOYER,
    DECISION,
    DECISIONS,
    FOLLOW_UP,
    IN_PROGRESS,
    NO_TARGETS,
    NOTES,
    OUTREACH,
    REVIEW,
    STATUS,
    STATUSES,
    SUGGESTED,
    TARGETS,
    Plan,
    day_month,
)
from outreach.plan.keys import outreach_key_from_cells, review_key
from outreach.plan.titles import short_title
from outreach.profile import Profile
from outreach.wording import number, plural
from outreach.workbook.spec import Column, ListSheet, Number, SummarySheet

SUMMARY = "Summary"
APPLIED = "Applied lately"
#: Profile and search links are LinkedIn's: an address elsewhere (a friend's export can hold
#: anything) is shown as text, never made a link.
LINKEDIN = ("linkedin.com",)
KEY = "Key"
THIS_WEEK_LINES = 15


def outreach_sheet(plan: Plan) -> ListSheet:
    columns = [
        # What a person works from comes first, and is what prints (one page wide, readable):
        # whom, about whom, the message, where it stands. The rest follows, on screen only.
        Column("Rank", "int", 6), Column("Week", "int", 6), Column("Write to", "text", 22),
        Column("About", "wrap", 26), Column("Kind", "text", 10), Column("Target", "text", 20),
        Column("Message", "wrap", 60),
        Column(STATUS, "choice", 12, editable=True, choices=STATUSES, default=STATUSES[0]),
        Column(FOLLOW_UP, "date", 13, editable=True), Column(NOTES, "wrap", 30, editable=True),
        Column("Why", "wrap", 50, printed=False), Column("Position", "text", 28, printed=False),
        Column("Company", "text", 22, printed=False), Column("Tier", "text", 8, printed=False),
        Column("Score", "float", 7, printed=False),
        Column("Profile", "url", 30, hosts=LINKEDIN, printed=False),
        Column("E-mail", "email", 24, printed=False), Column("Last contact", "date", 12, printed=False),
        Column("Score details", "wrap", 40, printed=False),
        Column(KEY, "text", 12, muted=True, printed=False),
    ]
    rows = [
        [r.rank, r.week, r.name, r.about or None, r.kind, r.target, r.message, r.status, r.follow_up,
         r.notes or None, r.why, r.position, r.company, r.tier, r.score, r.profile_url or None,
         r.email or None, r.last_contact, r.details, r.key]
        for r in plan.rows
    ]
    return ListSheet(OUTREACH, columns, rows, key=KEY, priority_column="Score",
                     label=("Write to", "Target"), rebuild_key=_outreach_key,
                     plan_sets={r.key: {h: note for h, note in ((STATUS, r.status_note),
                                                                (FOLLOW_UP, r.follow_up_note)) if note}
                                for r in plan.rows if r.status_note or r.follow_up_note})


def _outreach_key(cells: dict[str, Any]) -> Hashable | None:
    return outreach_key_from_cells(cells.get("Profile"), cells.get("Target"),
                                   introductions=cells.get("Kind") == "intro")


def _review_key(cells: dict[str, Any]) -> Hashable | None:
    company, target = cells.get("Contact's company"), cells.get("Target")
    return review_key(str(company), str(target)) if company and target else None


def targets_sheet(plan: Plan) -> ListSheet:
    """Every target, and every target suggested by the user's LinkedIn activity: its source in
    Suggested, and Accept? for the user's yes or no (read back by the next plan). No Notes
    column of ours: each cell of 5,000 rows costs write time, and a column the user adds is
    kept by the workbook's round trip anyway."""
    columns = [
        Column("Target", "text", 26), Column("Priority", "float", 9),
        Column(SUGGESTED, "wrap", 34), Column(ACCEPT, "choice", 9, editable=True, choices=ANSWERS, answer=True),
        Column("Contacts", "int", 9),
        Column("Via friends", "int", 10), Column("Best contact", "text", 40),
        Column("Next step", "wrap", 50), Column("People search", "url", 30, hosts=LINKEDIN),
    ]
    # Job applications of the last 30 days and the referral ask for each (only when there are)
    applied = any(t.applied for t in plan.targets)
    if applied:
        columns.insert(2, Column(APPLIED, "wrap", 40))
    rows = [
        [t.name, round(t.priority, 3), *([t.applied or None] if applied else []), t.suggested or None,
         None, t.contacts, t.warm_paths,
         (f"{t.best_contact} ({t.best_position})" if t.best_position else t.best_contact) or None,
         t.next_step or None, t.search_url or None]
        for t in plan.targets
    ]
    # The user's own columns of the targets file (Why, Applied?, a link), in the file's order.
    kept = list(dict.fromkeys(h for t in plan.targets for h, _ in t.extra
                              if h.strip().casefold() not in {c.header.casefold() for c in columns}))
    if kept:
        columns += [Column(h, "wrap", 24) for h in kept]
        for row, t in zip(rows, plan.targets, strict=True):
            given = dict(t.extra)
            row.extend(given.get(h) or None for h in kept)
    return ListSheet(TARGETS, columns, rows, key="Target", priority_column="Priority")


def review_sheet(plan: Plan) -> ListSheet:
    columns = [
        Column("Contact's company", "text", 30), Column("Target", "text", 30),
        Column("Similarity", "float", 10), Column("Contacts", "int", 9),
        Column(DECISION, "choice", 10, editable=True, choices=DECISIONS),
        Column("Why", "wrap", 50),
        Column(KEY, "text", 20, muted=True, printed=False),
    ]
    rows = [[r.company, r.target, round(r.similarity, 1), r.contacts, r.decision or None, r.reason, r.key]
            for r in plan.review]
    return ListSheet(REVIEW, columns, rows, key=KEY, priority_column="Similarity",
                     rebuild_key=_review_key)


def summary_sheet(plan: Plan) -> SummarySheet:
    f = plan.facts
    covered = f["targets_direct"] + f["targets_warm_only"]
    share = Number(covered / f["targets"], "0%") if f["targets"] else "–"
    facts = [
        ("Plan made on", plan.today),
        ("Your connections", f["contacts"]),
        ("Friends who shared their export", f["friends"]),
        ("Target employers", f["targets"]),
        ("Targets where you know someone", f["targets_direct"]),
        ("Targets reachable only through a friend", f["targets_warm_only"]),
        ("Targets with nobody yet", f["targets_none"]),
        ("Coverage of your targets", share),
        ("People worth writing to", f["candidates"]),
        # fewer than the people: one ask to a friend names several, and the plan stops at its top
        ("Messages planned (one ask to a friend covers several people)", f["planned"]),
        ("New messages per week", plan.profile.messages_per_week),
        ("Weeks planned", f["weeks"]),
        ("Possible matches to review", f["review_pending"]),
    ]
    if f.get("suggested"):
        facts.append(("Suggested targets from your LinkedIn activity", f["suggested"]))
    if f.get("referral_asks") or f.get("applied_nobody"):
        facts.append(("Referral asks for your applications of the last 30 days", f.get("referral_asks", 0)))
        facts.append(("Applications of the last 30 days where you know nobody", f.get("applied_nobody", 0)))
    week_one = [r for r in plan.rows if r.week == 1]
    actions = [
        (f"Ask {r.name} to introduce you to {r.about}" if r.kind == "intro"
         else f"Write to {r.name}, {short_title(r.position_shown) or 'contact'} at {r.target}")
        for r in week_one[:THIS_WEEK_LINES]
    ]
    if len(week_one) > THIS_WEEK_LINES:
        actions.append(f"…and {number(len(week_one) - THIS_WEEK_LINES)} more in the {OUTREACH} sheet (week 1)")
    follow = _due_this_week(plan)
    going = [f"{r.name} ({r.target}): {r.status}"
             + (f", follow up on {day_month(r.follow_up)}" if r.follow_up else "")
             for r in plan.rows if r.stage in IN_PROGRESS]
    next_steps = []
    if not plan.targets:
        next_steps.append(NO_TARGETS[0].upper() + NO_TARGETS[1:])
    if f.get("week_one_over"):
        next_steps.append(f"Week 1 holds {plural(f['week_one_over'], 'message')} over your "
                          f"{number(plan.profile.messages_per_week)} a week: referral asks for "
                          "applications of the last 30 days cannot wait")
    for t in plan.targets:
        if t.confidential:  # said once here, once on its Targets row
            next_steps.append(f"{t.name} is {CURRENT_EMPLOYER}")
    if f.get("applied_nobody"):
        next_steps.append(f"{plural(f['applied_nobody'], 'recent application')} at employers where you know "
                          f"nobody: see {APPLIED} in the {TARGETS} sheet")
    if f["review_pending"]:
        next_steps.append(f"Accept or reject {plural(f['review_pending'], 'possible match', 'possible matches')} in the {REVIEW} sheet, "
                          "then plan again")
    if f["targets_none"]:
        next_steps.append(f"{plural(f['targets_none'], 'target')} {'has' if f['targets_none'] == 1 else 'have'} nobody yet: see the people-search links in "
                          f"the {TARGETS} sheet")
    if f.get("suggested"):
        used = f.get("suggested_in_plan", 0)
        in_plan = ("all in this plan until you say no" if used == f["suggested"]
                   else f"{number(used)} in this plan until you say no" if used else "none in this plan yet")
        next_steps.append(f"{plural(f['suggested'], 'suggested target')} from your LinkedIn activity ({in_plan}): "
                          f"outreach targets --suggested, or yes/no in {ACCEPT} on the {TARGETS} sheet")
    next_steps.append(f"Set the {STATUS} of each row as you go; plan again each week: what you type is kept")
    sections = [("This week", actions or ["Nothing planned: import more targets or connections"])]
    if follow:
        sections.append(("Due this week", follow))
    if going:
        sections.append(("In progress", _cut(going, "rows in progress")))
    sections.append(("Next steps", next_steps))
    chart = ("People to write to at your top targets", [(n, float(v)) for n, v in plan.top_reached]) \
        if plan.top_reached else None
    return SummarySheet(SUMMARY, f"Outreach plan for the week of {plan.today:%d %B %Y}", facts,
                        sections, chart)


def _due_this_week(plan: Plan) -> list[str]:
    """A line for each row the user acted on (whatever its status) whose follow-up date falls
    within the coming week or has passed, earliest first; overdue ones say since when. Rows
    still to be written to are in "This week" instead."""
    due = plan.today + timedelta(days=7)
    found = [(r.follow_up, r.rank, r.name, r.target, r.status) for r in plan.rows
             if r.week is None and r.follow_up and r.follow_up <= due]
    # rows the user added by hand count too, after the plan's rows of the same day
    found += [(day, len(plan.rows) + n, who, target, status)
              for n, (who, target, status, day) in enumerate(plan.added) if day <= due]
    lines = []
    for day, _, name, target, status in sorted(found):
        when = f"overdue since {day_month(day)}" if day < plan.today else f"on {day_month(day)}"
        lines.append(f"Follow up with {name} ({target or 'your row'}, {status}): {when}")
    return _cut(lines, "follow-ups")


def _cut(lines: list[str], what: str) -> list[str]:
    if len(lines) <= THIS_WEEK_LINES:
        return lines
    return [*lines[:THIS_WEEK_LINES],
            f"…and {number(len(lines) - THIS_WEEK_LINES)} more {what} in the {OUTREACH} sheet"]


def sheet_specs(profile: Profile, extra_sheets: Sequence[ListSheet] = ()) -> list[ListSheet]:
    """The plan's list sheets without rows: what their columns are, for reading back a
    workbook that lost its description."""
    plan = Plan(date.today(), profile, [], [], [], {}, [])
    return [outreach_sheet(plan), targets_sheet(plan), review_sheet(plan), *extra_sheets]


def plan_sheets(plan: Plan, extra_sheets: Sequence[ListSheet] = ()) -> tuple[SummarySheet, list[ListSheet]]:
    return summary_sheet(plan), [outreach_sheet(plan), targets_sheet(plan), review_sheet(plan),
                                 *extra_sheets]


__all__ = ["SUMMARY", "outreach_sheet", "plan_sheets", "review_sheet", "sheet_specs", "summary_sheet",
           "targets_sheet"]
