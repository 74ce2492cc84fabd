"""Which local networking groups are worth the user's scarce hours, and which are a waste.

``recommend_groups(conn, profile)`` scores every group in the catalogue from five named
components (``outreach.groups.scoring``), drops the groups out of reach, marks the
one-seat-per-profession referral clubs "visit only", and picks the recommended set greedily by
score so that it fits the profile's monthly hours budget. Each row says why in one sentence
and, when it is left out, the reason.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from outreach.errors import OutreachError
from outreach.geo import locate, split_locations
from outreach.groups import scoring as gs
from outreach.groups.events import AttendedEvent, event_sheet_row, group_note, load_events
from outreach.groups.guide import Guide, GuideRow
from outreach.groups.store import Group, load_groups
from outreach.profile import Profile
from outreach.wording import plural
from outreach.workbook.spec import Column, ListSheet, Number


class NoGroupsError(OutreachError):
    """The workspace has no group catalogue yet."""


#: Below this score a group is not recommended even when time is left.
MIN_SCORE = 50.0
#: Below this share of the focus points a group is social contact or venting, not networking.
MIN_FOCUS = 0.3


@dataclass
class GroupRow:
    group: Group
    score: float
    components: list[gs.GroupComponent]
    why: str
    flags: list[str]
    targets_to_meet: list[str]
    hours_per_month: float
    distance_km: float | None = None
    recommended: bool = False
    visit_only: bool = False
    skip: bool = False          # a red flag that rules the group out ("no visits before joining")
    dropped: str = ""           # out of reach: hidden from the default listing
    left_out: str = ""          # why it is not recommended ("" when it is)

    @property
    def name(self) -> str:
        return self.group.name

    @property
    def cost_per_year(self) -> float | None:
        return 0.0 if self.group.free else self.group.cost_per_year

    def to_json(self) -> dict[str, Any]:
        g = self.group
        return {
            "name": g.name,
            "kind": g.kind,
            "city": "online" if g.online else g.city,
            "score": round(self.score, 1),
            "recommended": self.recommended,
            "visit_only": self.visit_only,
            "hours_per_month": round(self.hours_per_month, 2),
            "cost_per_year": self.cost_per_year,
            "cost": g.cost_text,
            "meets": g.meets_text,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "why": self.why,
            "flags": list(self.flags),
            "targets_to_meet": list(self.targets_to_meet),
            "left_out": self.left_out or None,
            "components": {c.name: c.to_json() for c in self.components},
            "url": g.url,
        }


@dataclass
class GroupPlan:
    rows: list[GroupRow]            # recommended first (by score), then the rest by score
    hours_used: float
    hours_budget: float
    home: str = ""                  # the home city as found, "" when unknown
    notes: list[str] = field(default_factory=list)
    pitch: str = ""                 # the profile's 30-second pitch, for the checklist
    events: list[AttendedEvent] = field(default_factory=list)  # the user's, newest first
    today: date | None = None       # for the events: which are past

    @property
    def recommended(self) -> list[GroupRow]:
        return [r for r in self.rows if r.recommended]

    @property
    def cost_per_year(self) -> float:
        return sum(r.cost_per_year or 0.0 for r in self.recommended)


def load_target_places(conn: sqlite3.Connection) -> list[gs.TargetPlaces]:
    """The user's target employers with their locations found on the map (where possible)."""
    targets = []
    rows = conn.execute(
        "SELECT name, priority, location, industry FROM targets ORDER BY priority DESC, row_order"
    )
    for name, priority, location, industry in rows:
        places = tuple(
            p for p in (locate(text) for text in split_locations(location or "")
                        if text.strip().lower() not in {"remote", "anywhere", "online"})
            if p is not None
        )
        targets.append(gs.TargetPlaces(name, float(priority or 0), location or "", industry or "", places))
    return targets


def _sentence(components: list[gs.GroupComponent], hours_note: str) -> str:
    """One sentence: what speaks for the group, then 'but' what speaks against it."""
    parts = [c for c in components if c.name != "time" and c.note]
    good = [c.note for c in parts if c.points / c.maximum >= 0.6]
    weak = [c.note for c in sorted(parts, key=lambda c: c.points / c.maximum)
            if c.points / c.maximum < 0.4]
    if good:
        text = "; ".join(good) + ("; but " + " and ".join(weak[:2]) if weak else "")
    else:
        text = " and ".join(weak[:2]) or parts[0].note
    text += f"; {hours_note}"
    # Upper-case the first letter only: str.capitalize() would lower the rest (names, "BNI").
    return text[0].upper() + text[1:] + "."


def weakest(row: GroupRow) -> gs.GroupComponent:
    """The component that holds a group back most (time only when nothing else does)."""
    others = [c for c in row.components if c.name != "time"]
    low = min(others, key=lambda c: c.points / c.maximum)
    return low if low.points / low.maximum < 0.6 else min(row.components, key=lambda c: c.points / c.maximum)


def score_group(group: Group, ctx: gs.Context) -> GroupRow:
    place = gs.where(group)
    focus = gs.focus(group)
    money, flags, skip = gs.money(group, focus)
    fit, names = gs.fit(group, ctx, place)
    if not fit.room and ctx.profile.roles and focus.points / focus.maximum < MIN_FOCUS:
        # Say which rule applied: a social room, and not one of the user's profession.
        focus = gs.GroupComponent(focus.name, focus.points, focus.maximum,
                                  f"{focus.note}, no room of your profession")
    place_component, where, place_flags = gs.place_part(group, ctx, place)
    hours, hour_notes = gs.hours_per_month(group, where.distance)
    time_component = gs.time_part(hours, ctx.profile.hours_per_month)
    components = [focus, money, fit, place_component, time_component]
    score = max(0.0, min(100.0, sum(c.points for c in components)))
    flags = [*flags, *place_flags, *hour_notes]
    visit_only = bool(group.one_seat)
    if visit_only and group.visitors_policy == "none":
        flags.insert(0, "one seat per profession and no visitors: a job seeker can neither join "
                        "nor visit")
    elif visit_only:
        visits = f"up to {plural(group.max_visits, 'time')}" if group.max_visits else "as a guest"
        flags.insert(0, f"visit only: one seat per profession, so a job seeker can visit "
                        f"{visits} but not join")
    hours_note = f"{hours:.1f} h a month with travel" if not group.online else f"{hours:.1f} h a month"
    return GroupRow(
        group=group, score=score, components=components,
        why=_sentence(components, hours_note), flags=flags, targets_to_meet=names,
        hours_per_month=hours, distance_km=where.distance, visit_only=visit_only, skip=skip,
        dropped=where.dropped,
    )


def choose(rows: list[GroupRow], budget: float) -> float:
    """Mark the recommended set, best score first, within ``budget`` hours; return hours used.

    Every row left out gets the reason. Greedy by score keeps each decision explainable
    ("does not fit: needs 4.3 h, 1.2 h left"), and the total never exceeds the budget.
    """
    used = 0.0
    for row in sorted(rows, key=lambda r: (-r.score, r.hours_per_month, r.group.name)):
        row.recommended = False
        if row.dropped:
            row.left_out = row.dropped
        elif row.skip:
            row.left_out = next(f for f in row.flags if f.startswith("no visits before joining"))
        elif row.visit_only:
            row.left_out = "visit only: one seat per profession (go as a guest to meet people)"
        elif (row.components[0].points / row.components[0].maximum < MIN_FOCUS
              and (not row.components[2].room or gs.venting(row.group))):
            # Seed article, points 1 and 4: social contact and venting are no use for the search;
            # but a room of the user's own profession is business contact whatever its format.
            row.left_out = f"{row.components[0].note}: little business or education to gain"
        elif row.score < MIN_SCORE:
            row.left_out = f"score {row.score:.1f} is below {MIN_SCORE:g}: {weakest(row).note}"
        elif used + row.hours_per_month > budget + 1e-9:
            left = max(0.0, budget - used)
            # two decimals where one would show the need and what is left as equal (2.5 and 2.5)
            places = 2 if f"{row.hours_per_month:.1f}" == f"{left:.1f}" else 1
            row.left_out = (f"does not fit the time budget: needs {row.hours_per_month:.{places}f} h a "
                            f"month, {left:.{places}f} h left of {budget:g} once the better groups are in")
        else:
            row.recommended = True
            row.left_out = ""
            used += row.hours_per_month
    return round(used, 2)


def plan_groups(groups: list[Group], profile: Profile, targets: list[gs.TargetPlaces],
                events: list[AttendedEvent] | None = None, today: date | None = None) -> GroupPlan:
    """Score ``groups`` for ``profile`` and choose the recommended set (no database needed);
    a group that organised one of the user's ``events`` says so first among its flags."""
    notes: list[str] = []
    home = None
    if not profile.home_city.strip():
        notes.append("no home city in your profile (outreach profile --home-city \"Austin, TX\"): "
                     "distances are not used and no group drops out for being far")
    else:
        home = locate(profile.home_city)
        if home is None:
            notes.append(f"home city {profile.home_city!r} not found on the offline map: "
                         "distances are not used; write it like \"Austin, TX\"")
    if profile.hours_per_month <= 0:
        notes.append("your networking budget is 0 hours a month (outreach profile --hours 8), "
                     "so no group is recommended")
    ctx = gs.Context(profile=profile, home=home, targets=targets)
    rows = [score_group(group, ctx) for group in groups]
    today = today or date.today()
    for row in rows:
        been = group_note(row.group, events or [], today)
        if been:
            row.flags.insert(0, been)
    used = choose(rows, profile.hours_per_month)
    rows.sort(key=lambda r: (not r.recommended, bool(r.dropped), -r.score, r.group.name))
    return GroupPlan(rows=rows, hours_used=used, hours_budget=profile.hours_per_month,
                     home=home.label if home else "", notes=notes, pitch=profile.pitch,
                     events=list(events or []), today=today)


def recommend_groups(conn: sqlite3.Connection, profile: Profile,
                     today: date | None = None, *, left_out: frozenset[str] = frozenset()) -> GroupPlan:
    """The group plan for the workspace's catalogue, targets and the user's events; groups
    whose Groups-sheet row the user deleted (their keys in ``left_out``) take no part, nor
    any of the time budget, until the row is restored (outreach plan --restore)."""
    groups = [g for g in load_groups(conn) if group_key(g) not in left_out]
    return plan_groups(groups, profile, load_target_places(conn), load_events(conn), today)


# --- the plan workbook's Groups sheet -----------------------------------------------------

GROUPS_SHEET = "Groups"
GROUP_STATUSES = ("to visit", "visited", "joined", "not now", "skipped")
#: The Groups sheet's columns a group the user typed into it is read from
#: (``outreach.groups.typed``): each header is one of a catalogue's own (see
#: ``outreach.imports.groups.columns``), so the row is read as a catalogue's row is.
GROUP_INPUTS = ("Group", "Type", "Where", "Cost", "Meets", "Duration", "Visitors allowed",
                "Contract", "Focus", "Website", "Notes")


def checklist(row: GroupRow, pitch: str) -> str:
    """What to do about a recommended (or visit-only) group, one line per step."""
    if not (row.recommended or row.visit_only):
        return ""
    g = row.group
    visits = f" (visitors may come {plural(g.max_visits, 'time')})" if g.max_visits else ""
    lines = [f"☐ Visit first, before paying or signing anything{visits}"]
    questions = ["what does a year cost in all: dues, meals, fees?"]
    if g.join_fee:
        questions.append(f"is the ${g.join_fee:,.0f} joining fee refundable?")
    if g.contract_months:
        questions.append(f"can I leave the {g.contract_months}-month commitment early?")
    else:
        questions.append("is there a contract or attendance rule?")
    lines.append("☐ Ask: " + " ".join(questions))
    lines.append("☐ Bring your 30-second pitch" + (f": {pitch}" if pitch else
                 " (write it with: outreach profile --pitch \"...\")"))
    if row.targets_to_meet:
        lines.append("☐ Name tags to look for: " + ", ".join(row.targets_to_meet))
    if row.visit_only:
        lines.append("☐ Go as a guest to meet people; a job seeker cannot take a seat")
    return "\n".join(lines)


def groups_sheet(plan: GroupPlan, guide: Guide | None = None) -> ListSheet:
    """The plan workbook's Groups sheet: the same rows as ``outreach groups --all``, then the
    events the user went to or registered for (newest first, Advice "you went"/"registered"),
    then the starter guide's kinds of group still to find (Advice "to find", a search link as
    the website; with a catalogue, only the kinds it has no group of). The catalogue's own
    texts (cost, duration, visitors, contract, focus) are columns of their own, so a group the
    user types into an empty row has a place for each (``GROUP_INPUTS``).

    The "Budget used" column is the running total of hours over the recommended rows, so the
    last recommended row shows the time budget used.
    """
    columns = [
        Column("Group", "text", 32), Column("Advice", "text", 12), Column("Score", "float", 7),
        Column("Type", "text", 18), Column("Where", "text", 16), Column("Meets", "text", 24),
        Column("Hours a month", "float", 9), Column("Budget used", "text", 12),
        Column("Cost a year", "float", 10, number_format=money_format(plan)), Column("Why", "wrap", 55),
        Column("Checklist", "wrap", 60), Column("Flags", "wrap", 40),
        Column("Name tags to look for", "wrap", 28), Column("Left out because", "wrap", 40),
        Column("Website", "url", 28),
        Column("Status", "choice", 10, editable=True, choices=GROUP_STATUSES, advice=True),
        Column("Notes", "wrap", 30, editable=True),
        # where a group typed into an empty row gives what the catalogue's columns hold: on
        # screen, not on paper (the print area ends at Notes)
        Column("Cost", "text", 18, printed=False),
        Column("Duration", "text", 10, printed=False), Column("Visitors allowed", "text", 12, printed=False),
        Column("Contract", "text", 12, printed=False), Column("Focus", "text", 16, printed=False),
        Column("Key", "text", 14, printed=False),
    ]
    rows = []
    used = 0.0
    for row in plan.rows:
        g = row.group
        budget = None
        if row.recommended:
            used += row.hours_per_month
            budget = f"{used:.1f} of {plan.hours_budget:g} h"
        advice = "recommended" if row.recommended else "visit only" if row.visit_only else "no"
        rows.append([
            g.name, advice, round(row.score, 1), _kind(g), _where(g),
            g.meets_text or None, round(row.hours_per_month, 2), budget, row.cost_per_year,
            row.why, checklist(row, plan.pitch) or None, "\n".join(row.flags) or None,
            ", ".join(row.targets_to_meet) or None, row.left_out or None, g.url or None,
            "to visit" if row.recommended or row.visit_only else "not now", None,
            g.cost_text or None, g.duration_text or None, g.visitors_text or None,
            g.contract_text or None, g.focus_text or None, group_key(g),
        ])
    at = {c.header: i for i, c in enumerate(columns)}
    groups = [row.group for row in plan.rows]
    for event in plan.events:
        rows.append(event_sheet_row(event, plan.today or date.today(), groups, len(columns), at))
    for found in guide.rows if guide is not None else []:
        rows.append(guide_sheet_row(found, guide.home if guide is not None else "", plan.pitch))
    return ListSheet(GROUPS_SHEET, columns, rows, key="Key", priority_column="Score", label=("Group", "Where"))


def guide_sheet_row(row: GuideRow, home: str, pitch: str) -> list[Any]:
    """A starter-guide row of the Groups sheet: a kind of group to find, not a group."""
    kind = row.kind
    cost = 0.0 if kind.free else kind.cost_per_year
    lines = ["☐ Find one: " + "; ".join(f"{label} {url}" for label, url in row.links),
             "☐ Ask before going: " + " ".join(row.questions()),
             "☐ Bring your 30-second pitch" + (f": {pitch}" if pitch else
                                               ' (write it with: outreach profile --pitch "...")')]
    if row.visit_only:
        lines.append("☐ Go as a guest to meet people; a job seeker cannot take a seat")
    typical = row.association.typical_cost if row.association else kind.cost_text
    label, url = row.main_link
    return [
        row.title, "to find", round(row.score, 1), kind.group_kind,
        "online" if kind.online else home or None, kind.commitment,
        round(row.hours_per_month, 2), None, cost, f"{row.why} Typical cost: {typical}.",
        "\n".join(lines), "\n".join(row.flags) or None, None, None, (label, url), None, None,
        None, None, None, None, None, row.key,
    ]


def _kind(group: Group) -> str:
    """The Type cell: the kind, as the catalogue or the user wrote it when it is just that
    ("Meetup"), so a group typed into the sheet keeps its cell."""
    same = " ".join(group.kind_text.split()).casefold() == group.kind
    return " ".join(group.kind_text.split()) if same else group.kind


def _where(group: Group) -> str | None:
    """The Where cell: the city, or "online" (as the catalogue or the user wrote that word)."""
    if group.online:
        return group.city if group.city.strip().casefold() == "online" else "online"
    return group.city or None


def group_key(group: Group) -> str:
    """Identifies a group across plans: its name and city, normalised."""
    city = "online" if group.online else group.city
    return " | ".join(" ".join(part.lower().split()) for part in (group.name, city) if part)


#: Currencies a catalogue's costs are written in, and how a spreadsheet shows each.
_CURRENCIES = (("$", '"$"#,##0.00'), ("€", '#,##0.00 "€"'), ("£", '"£"#,##0.00'), ("¥", '"¥"#,##0'),
               ("₹", '"₹"#,##0.00'))


def money_format(plan: GroupPlan) -> str:
    """The number format for the groups' costs: the currency their costs are written in (the
    most common symbol of the catalogue's cost cells); plain money when none says."""
    counts = {symbol: sum(symbol in (row.group.cost_text or "") for row in plan.rows)
              for symbol, _ in _CURRENCIES}
    symbol = max(counts, key=lambda s: counts[s])
    return dict(_CURRENCIES)[symbol] if counts[symbol] else "#,##0.00"


def groups_summary(plan: GroupPlan, guide: Guide | None = None) -> list[tuple[str, Any]]:
    """Facts for the workbook's summary sheet: the time budget used and what it costs (in the
    currency the catalogue writes its costs in), and the kinds of group still to find."""
    to_find: list[tuple[str, Any]] = (
        [("Kinds of group to find (Groups sheet)", len(guide.rows))] if guide else [])
    if plan.events:
        to_find.insert(0, ("Events you went to or registered for (Groups sheet)", len(plan.events)))
    to_find.append(("Found a group?", "type it into an empty row of the Groups sheet (Group, "
                                      "Where, Cost, Meets…): the next plan scores it"))
    if not plan.rows:
        return to_find
    return to_find + [
        ("Networking hours a month (recommended groups)",
         f"{plan.hours_used:.1f} of {plan.hours_budget:g}"),
        ("Recommended groups", len(plan.recommended)),
        ("Their cost a year", Number(round(plan.cost_per_year, 2), money_format(plan))),
    ]
