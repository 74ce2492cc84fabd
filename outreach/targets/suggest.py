"""Suggested targets: employers the user's own LinkedIn activity points at, proposed, never forced.

Four signals from the user's own export (owner 1; a friend's applications are theirs), strongest
first: a dream company in the job preferences, a job application, a saved job, a followed
company page. Each employer becomes one suggestion (names compared with
``outreach.companies.knowledge.company_key``, so "Google LLC" and "Google" are one) with its
source in words ("applied 20 Nov: Senior Data Engineer; saved 2 jobs") and a priority on the
targets' 0-1 scale from its strongest signal (dream 0.85-0.95, applied 0.70-0.80, saved
0.50-0.60, followed 0.30-0.40; recency and count order within a signal, each further kind of
signal adds 0.02). An employer already among the targets (by key, or through the user's own
aliases) is not suggested, nor one the user rejected (table ``target_suggestions``).

Which suggestions the plan uses, until the user decides: all of them while the user has no
target list of their own (a new user with only the export gets a useful first plan); once they
imported one, only dream companies and applications (they said so themselves; saving or
following a page is too light to put people in their plan unasked). The others are listed
(``outreach targets --suggested``, the plan's Targets sheet) and wait for a "yes".

The plan's suggestions live in the ``targets`` table itself, marked by ``SUGGESTED_SOURCE`` and
kept in step by ``sync_suggested_targets`` (the plan and ``outreach targets`` call it): every
reader of the targets (matching and its caches, the plan's network, the groups) sees them
without a second list to keep, and the matching caches' keys change when they change. An
accepted suggestion becomes an ordinary target (``ACCEPTED_SOURCE``, its source in the notes)
and stays when the signal goes; a rejected one is never suggested again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from outreach.companies.knowledge import company_key, table_fingerprint, this_year
from outreach.companies.matching import analyse_names, prime_company_keys
from outreach.companies.names import normalise_company, rules_fingerprint
from outreach.store import get_setting, set_setting, within_transaction

#: ``targets.source`` of a suggestion the plan uses and the user has not decided on yet
SUGGESTED_SOURCE = "suggested from your LinkedIn activity"
#: ``targets.source`` of a suggestion the user accepted: an ordinary target from then on
ACCEPTED_SOURCE = "accepted suggestion from your LinkedIn activity"
#: Signals, strongest first, with the bottom of each one's priority band (each band is 0.1 wide)
KINDS = ("dream", "applied", "saved", "followed")
BASE = {"dream": 0.85, "applied": 0.70, "saved": 0.50, "followed": 0.30}
#: The kinds the plan uses once the user has a target list of their own
STRONG = ("dream", "applied")
DREAM_WORDS = "a dream company in your LinkedIn job preferences"
ACCEPT_HINT = "outreach targets --accept NAME"

#: What a person types to say yes or no in a cell (any case; the first word decides: "yes
#: please", "no thanks", "not a match"). Anything else is no decision yet. The one rule for every
#: yes/no cell of the workbook: the Targets sheet's Accept? and the Review sheet's Decision.
_YES_WORDS = {"yes", "y", "yep", "yeah", "yup", "sure", "ok", "okay", "accept", "accepted", "add", "match",
              "keep", "true", "1", "x", "✓", "✔", "☑", "✅", "👍", "+"}
_NO_WORDS = {"no", "n", "nope", "nah", "reject", "rejected", "not", "never", "drop", "remove",
             "false", "0", "✗", "✘", "❌", "👎", "-"}


@dataclass(frozen=True)
class Signal:
    kind: str  # one of KINDS
    day: date | None
    detail: str = ""  # the job title; for a dream company, its place in the list


@dataclass
class TargetSuggestion:
    name: str
    key: str  # company_key(name): the employer
    priority: float
    source: str  # "applied 20 Nov: Senior Data Engineer; saved 2 jobs"
    strongest: str  # the strongest kind of signal
    in_plan: bool  # the plan uses it until the user decides
    signals: list[Signal] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """The start of an Outreach row's reason for a target the plan suggests."""
        return f"Suggested from your LinkedIn activity ({self.source})"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "priority": self.priority, "source": self.source,
                "strongest": self.strongest, "in_plan": self.in_plan,
                "signals": [{"kind": s.kind, "day": s.day.isoformat() if s.day else "",
                             "detail": s.detail} for s in self.signals]}


@dataclass
class Decided:
    """What ``accept``/``reject`` did: names done, names that were no suggestion."""

    done: list[TargetSuggestion] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # accepted before, or already a target
    unknown: list[str] = field(default_factory=list)


def answer(text: Any) -> bool | None:
    """True for a "yes" typed in a cell ("Yes", "y", "✓", "yes please"), False for a "no" ("no
    thanks", "N", "✗"), None for an empty cell or anything else."""
    words = str(text if text is not None else "").strip().casefold().replace(",", " ").replace("!", " ").split()
    if not words:
        return None
    whole = " ".join(words)
    if whole in _YES_WORDS or words[0] in _YES_WORDS:
        return True
    if whole in _NO_WORDS or words[0] in _NO_WORDS:
        return False
    return None


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text or "")[:10])
    except ValueError:
        return None


def _when(day: date, today: date) -> str:
    return f"{day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")


def _self_id(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT id FROM owners WHERE is_self = 1 ORDER BY id LIMIT 1").fetchone()
    return int(row[0]) if row else 1


def _rows(conn: sqlite3.Connection, sql: str, owner: int) -> list[tuple[Any, ...]]:
    try:
        return [tuple(r) for r in conn.execute(sql, (owner,))]
    except sqlite3.OperationalError:  # a workspace of an older schema: no such table yet
        return []


def activity_signals(conn: sqlite3.Connection) -> dict[str, tuple[str, list[Signal]]]:
    """Employer key -> (name to show, its signals) from the user's own export."""
    prime_company_keys(conn)
    owner = _self_id(conn)
    found: list[tuple[str, Signal]] = []
    for (text,) in _rows(conn, "SELECT dream_companies FROM job_preferences WHERE owner_id = ?", owner):
        try:
            names = json.loads(text or "[]")
        except ValueError:
            names = []
        names = [str(n).strip() for n in names if str(n).strip()] if isinstance(names, list) else []
        found += [(n, Signal("dream", None, str(i))) for i, n in enumerate(names)]
    found += [(c, Signal("applied", _day(d), t)) for c, t, d in _rows(
        conn, "SELECT company, job_title, applied_on FROM applications WHERE owner_id = ?", owner)]
    found += [(c, Signal("saved", _day(d), t)) for c, t, d in _rows(
        conn, "SELECT company, job_title, saved_on FROM saved_jobs WHERE owner_id = ?", owner)]
    found += [(c, Signal("followed", _day(d))) for c, d in _rows(
        conn, "SELECT company, followed_on FROM company_follows WHERE owner_id = ?", owner)]
    by_key: dict[str, tuple[str, list[Signal]]] = {}
    # The name shown: a company page's own name (follows), else the strongest signal's newest
    # spelling.
    rank = {"followed": 0, "dream": 1, "applied": 2, "saved": 3}
    for name, signal in sorted(found, key=lambda f: (rank[f[1].kind], -(f[1].day or date.min).toordinal())):
        key = company_key(name)
        if not key:  # "Confidential", "Stealth startup": no employer to write to
            continue
        by_key.setdefault(key, (name, []))[1].append(signal)
    return by_key


def _source(signals: list[Signal], today: date) -> str:
    kinds = {kind: [s for s in signals if s.kind == kind] for kind in KINDS}
    parts = []
    if kinds["dream"]:
        parts.append(DREAM_WORDS)
    applied = sorted(kinds["applied"], key=lambda s: s.day or date.min, reverse=True)
    if applied:
        said = [": ".join(filter(None, (_when(s.day, today) if s.day else "", s.detail))) for s in applied]
        if len(applied) <= 2:
            parts.append(" ".join(filter(None, ("applied", ", ".join(filter(None, said))))))
        else:
            parts.append(f"applied {len(applied)} times" + (f", last {said[0]}" if said[0] else ""))
    saved = kinds["saved"]
    if len(saved) == 1:
        parts.append("saved a job" + (f": {saved[0].detail}" if saved[0].detail else ""))
    elif saved:
        parts.append(f"saved {len(saved)} jobs")
    followed = [s.day for s in kinds["followed"] if s.day]
    if kinds["followed"]:
        parts.append(f"followed since {min(followed).year}" if followed else "followed on LinkedIn")
    return "; ".join(parts)


def _recency(day: date | None, today: date, span_days: int) -> float:
    """1.0 for today, down to 0.0 at ``span_days`` ago or unknown."""
    if day is None:
        return 0.0
    return max(0.0, min(1.0, 1 - (today - day).days / span_days))


def _priority(signals: list[Signal], today: date, dreams: int) -> tuple[float, str]:
    kinds = [k for k in KINDS if any(s.kind == k for s in signals)]
    strongest = kinds[0]
    mine = [s for s in signals if s.kind == strongest]
    if strongest == "dream":
        place = min(int(s.detail or 0) for s in mine)
        within = 1 - place / max(dreams, 1)  # first in the list highest
    elif strongest == "applied":  # a referral helps for a few months: last week's beats last quarter's
        within = max(_recency(s.day, today, 120) for s in mine)
    elif strongest == "saved":
        within = 0.5 * max(_recency(s.day, today, 365) for s in mine) + 0.5 * min(len(mine), 5) / 5
    else:
        within = max(_recency(s.day, today, 5 * 365) for s in mine)
    # each further kind of signal adds a little; 1.0 (a target's top priority) is the ceiling
    return round(min(1.0, BASE[strongest] + 0.1 * within + 0.02 * (len(kinds) - 1)), 3), strongest


#: The workspace setting that keeps ``_target_keys``'s answer for the targets it was worked out for.
_KEYS_SETTING = "suggest.target_keys"


def _target_keys(conn: sqlite3.Connection) -> tuple[set[str], bool]:
    """The employers among the user's targets (suggested rows aside), with the names the user's
    own aliases link to them; and whether the user has a target list of their own.

    Working it out for 5,000 targets takes most of a second (the company table's ``same`` groups
    are built, every name analysed), so the answer is kept in the workspace with a fingerprint
    of what it depends on: the targets, the aliases, the company table, the rules, the year."""
    rows = [(str(n), str(s)) for n, s in conn.execute("SELECT name, source FROM targets ORDER BY id")]
    aliases = [(str(a), str(t)) for a, t in conn.execute("SELECT alias, target FROM company_aliases ORDER BY 1, 2")]
    digest = hashlib.sha256(f"{rules_fingerprint()} {table_fingerprint()} {this_year()}".encode())
    for pair in rows + aliases:
        digest.update("\x1f".join(pair).encode() + b"\x1e")
    fingerprint = digest.hexdigest()[:24]
    try:
        kept = json.loads(get_setting(conn, _KEYS_SETTING) or "{}")
    except ValueError:
        kept = {}
    if isinstance(kept, dict) and kept.get("fingerprint") == fingerprint:
        return set(kept.get("keys", [])), bool(kept.get("own_list"))
    keys: set[str] = set()
    own_list = False
    # the workspace keeps the names' analyses too
    analyse_names(conn, [n for n, _ in rows] + [n for pair in aliases for n in pair])
    for name, source in rows:
        if source == SUGGESTED_SOURCE:
            continue
        keys.add(company_key(name))
        own_list = own_list or source != ACCEPTED_SOURCE
    for alias, target in aliases:
        if company_key(target) in keys:
            keys.add(company_key(alias))
    keys.discard("")
    try:
        with within_transaction(conn):
            set_setting(conn, _KEYS_SETTING, json.dumps(
                {"fingerprint": fingerprint, "keys": sorted(keys), "own_list": own_list}))
    except sqlite3.OperationalError:
        if conn.in_transaction:
            raise
        # a read-only workspace (outreach targets on a copy the user cannot write): work it
        # out again next time
    return keys, own_list


def _decisions(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(d) for k, d in conn.execute("SELECT key, decision FROM target_suggestions")}


def _own_employers(conn: sqlite3.Connection) -> dict[str, str]:
    """The user's employers from their export's Positions.csv: employer key -> "now" for a
    current one, else the years ("2017–2021")."""
    found: dict[str, str] = {}
    for company, started, finished in _rows(
            conn, "SELECT company, started_on, finished_on FROM positions WHERE owner_id = ?", _self_id(conn)):
        key = company_key(str(company))
        if not key or found.get(key) == "now":
            continue
        found[key] = "now" if not finished else "–".join(
            dict.fromkeys(filter(None, (str(started)[:4], str(finished)[:4]))))
    return found


def suggestions(conn: sqlite3.Connection, *, today: date | None = None,
                include_rejected: bool = False) -> list[TargetSuggestion]:
    """The suggested targets, strongest first: neither targets already nor rejected (unless
    ``include_rejected``), each saying whether the plan uses it."""
    today = today or date.today()
    signals = activity_signals(conn)
    if not signals:
        return []
    targeted, own_list = _target_keys(conn)
    decided = _decisions(conn)
    worked = _own_employers(conn)
    dreams = sum(1 for _, found in signals.values() for s in found if s.kind == "dream")
    out = []
    for key, (name, found) in signals.items():
        if key in targeted or (decided.get(key) == "rejected" and not include_rejected):
            continue
        if worked.get(key) == "now":  # following the user's own employer is no wish to work there
            continue
        priority, strongest = _priority(found, today, dreams)
        source = _source(found, today) + (f"; you worked there {worked[key]}" if key in worked else "")
        out.append(TargetSuggestion(name, key, priority, source, strongest,
                                    not own_list or strongest in STRONG, found))
    out.sort(key=lambda s: (-s.priority, s.name.casefold()))
    return out


def sync_suggested_targets(conn: sqlite3.Connection, *, today: date | None = None) -> list[TargetSuggestion]:
    """Put the suggestions the plan uses into the targets table (marked ``SUGGESTED_SOURCE``),
    update them, and remove the ones that went (signal gone, rejected, now a target of the
    user's); writes only when something changed. Returns every current suggestion."""
    found = suggestions(conn, today=today)
    wanted = {normalise_company(s.name): s for s in found if s.in_plan}
    wanted.pop("", None)
    rows = {str(r[1]): tuple(r) for r in conn.execute(
        "SELECT id, key, name, priority, notes FROM targets WHERE source = ?", (SUGGESTED_SOURCE,))}
    taken = {str(r[0]) for r in conn.execute("SELECT key FROM targets WHERE source != ?", (SUGGESTED_SOURCE,))}
    gone = [rows[k][0] for k in rows if k not in wanted]
    changed = [(s.name, s.priority, s.source, rows[k][0]) for k, s in wanted.items()
               if k in rows and rows[k][2:] != (s.name, s.priority, s.source)]
    new = [(k, s) for k, s in wanted.items() if k not in rows and k not in taken]
    if gone or changed or new:
        with within_transaction(conn):
            conn.executemany("DELETE FROM targets WHERE id = ?", [(i,) for i in gone])
            conn.executemany("UPDATE targets SET name = ?, priority = ?, notes = ? WHERE id = ?", changed)
            _insert(conn, [(k, s, SUGGESTED_SOURCE) for k, s in new])
    return found


def _insert(conn: sqlite3.Connection, rows: list[tuple[str, TargetSuggestion, str]]) -> None:
    last = conn.execute("SELECT max(row_order) FROM targets").fetchone()[0]
    order = -1 if last is None else int(last)
    for place, (key, s, source) in enumerate(rows, start=1):
        conn.execute(
            "INSERT INTO targets (name, key, priority, priority_text, row_order, notes, source) "
            "VALUES (?, ?, ?, '', ?, ?, ?)", (s.name, key, s.priority, order + place, s.source, source))


def plan_suggestions(conn: sqlite3.Connection, *, today: date | None = None,
                     found: list[TargetSuggestion] | None = None) -> dict[str, TargetSuggestion]:
    """Target name as the targets table has it -> its suggestion, for every current suggestion
    (those the plan uses under the table's name); ``found``: the suggestions, when the caller
    has just worked them out (``sync_suggested_targets`` returns them)."""
    if found is None:
        found = suggestions(conn, today=today)
    names = {str(k): str(n) for k, n in conn.execute(
        "SELECT key, name FROM targets WHERE source = ?", (SUGGESTED_SOURCE,))}
    return {names.get(normalise_company(s.name), s.name): s for s in found}


def _find(found: Iterable[TargetSuggestion], name: str) -> TargetSuggestion | None:
    key = company_key(name)
    return next((s for s in found if key and s.key == key), None)


def _record(conn: sqlite3.Connection, s: TargetSuggestion, decision: str, today: date) -> None:
    conn.execute(
        "INSERT INTO target_suggestions (key, name, decision, decided_on) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET name = excluded.name, decision = excluded.decision, "
        "decided_on = excluded.decided_on", (s.key, s.name, decision, today.isoformat()))


def accept(conn: sqlite3.Connection, names: Iterable[str], *, today: date | None = None) -> Decided:
    """Make the suggestions called ``names`` (any spelling of the employer) ordinary targets,
    their source in the notes; a suggestion rejected before may be accepted."""
    today = today or date.today()
    found = suggestions(conn, today=today, include_rejected=True)
    accepted = _accepted(conn)
    out = Decided()
    with within_transaction(conn):
        for name in names:
            s = _find(found, name)
            if s is None:
                (out.already if company_key(name) in accepted or _is_target(conn, name) else out.unknown).append(name)
                continue
            key = normalise_company(s.name)
            updated = conn.execute("UPDATE targets SET source = ?, notes = ?, priority = ? WHERE key = ? AND source = ?",
                                   (ACCEPTED_SOURCE, s.source, s.priority, key, SUGGESTED_SOURCE)).rowcount
            if not updated:
                _insert(conn, [(key, s, ACCEPTED_SOURCE)])
            _record(conn, s, "accepted", today)
            found.remove(s)
            out.done.append(s)
    return out


def reject(conn: sqlite3.Connection, names: Iterable[str], *, today: date | None = None) -> Decided:
    """Never suggest ``names`` again; a suggestion accepted before stops being a target."""
    today = today or date.today()
    found = suggestions(conn, today=today)
    accepted = _accepted(conn)
    out = Decided()
    with within_transaction(conn):
        for name in names:
            s = _find(found, name)
            if s is None and company_key(name) in accepted:
                row = conn.execute("SELECT name, notes FROM targets WHERE source = ?", (ACCEPTED_SOURCE,))
                named = next((r for r in row if company_key(r[0]) == company_key(name)), None)
                if named is not None:
                    s = TargetSuggestion(str(named[0]), company_key(name), 0.0, str(named[1]), "", False)
            if s is None:
                (out.already if _rejected(conn, name) else out.unknown).append(name)
                continue
            conn.execute("DELETE FROM targets WHERE source IN (?, ?) AND key = ?",
                         (SUGGESTED_SOURCE, ACCEPTED_SOURCE, normalise_company(s.name)))
            _record(conn, s, "rejected", today)
            out.done.append(s)
            if s in found:
                found.remove(s)
    return out


def _accepted(conn: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT key FROM target_suggestions WHERE decision = 'accepted'")}


def _rejected(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM target_suggestions WHERE key = ? AND decision = 'rejected'",
                        (company_key(name),)).fetchone() is not None


def _is_target(conn: sqlite3.Connection, name: str) -> bool:
    keys, _ = _target_keys(conn)
    return company_key(name) in keys


def apply_sheet_answers(conn: sqlite3.Connection, cells: Mapping[Any, Mapping[str, Any]] | None,
                        header: str, *, today: date | None = None) -> tuple[int, int]:
    """The Targets sheet's answers (row key = target name -> {header: typed}): a "yes" accepts
    the suggestion, a "no" rejects it; returns (accepted, rejected). A "yes" left in the cell of
    a target accepted before, or an answer on a target of the user's own, changes nothing."""
    yes, no = [], []
    for name, values in (cells or {}).items():
        said = answer((values or {}).get(header))
        if said is True:
            yes.append(str(name))
        elif said is False:
            no.append(str(name))
    if not yes and not no:
        return 0, 0
    accepted = accept(conn, yes, today=today).done if yes else []
    rejected = reject(conn, no, today=today).done if no else []
    return len(accepted), len(rejected)


__all__ = [
    "ACCEPTED_SOURCE",
    "SUGGESTED_SOURCE",
    "Decided",
    "Signal",
    "TargetSuggestion",
    "accept",
    "activity_signals",
    "answer",
    "apply_sheet_answers",
    "plan_suggestions",
    "reject",
    "suggestions",
    "sync_suggested_targets",
]
