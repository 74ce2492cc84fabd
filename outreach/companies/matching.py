"""Contacts matched to target employers, in tiers (see ``outreach.models.TIERS``).

1. exact:  the same normalised key (``outreach.companies.names``);
2. alias:  the built-in alias table or the user's own aliases link the two names;
3. strong: the same distinctive words once generic ones are set aside;
4. review: a fuzzy near-miss (a typo). Never a match until the user accepts it.

Matching runs on unique company names, not on contacts: 30,000 contacts usually have far fewer
distinct employers, and each name is analysed once (and cached in the workspace, keyed by the
raw string). Exact, alias and strong tiers are dictionary look-ups; only names no automatic tier
placed go through the fuzzy pass, which compares compact keys with ``fuzz.ratio`` inside small
blocks (same first two or last two letters) and never produces anything but suggestions.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

from outreach.companies.index import AliasGraph, NameMatch, TargetIndex
from outreach.companies.knowledge import (
    builtin_aliases,
    company_key,
    distinct_rows,
    same_employers,
    table_fingerprint,
    this_year,
    use_same_employers,
)
from outreach.companies.names import (
    AliasEntry,
    CompanyName,
    analyse_company,
    decode_analysis,
    encode_analysis,
    normalise_company,
    remember,
    rules_fingerprint,
)
from outreach.errors import InputError
from outreach.models import TIER_RANK, Match
from outreach.runtime import no_gc_pauses
from outreach.store import get_setting, set_setting, transaction, within_transaction

_CACHE_SETTING = "company_names_rules"


# -- the workspace ---------------------------------------------------------------------------


def analyse_names(conn: sqlite3.Connection, raws: Iterable[str]) -> dict[str, CompanyName]:
    """Analyses of ``raws``, from the workspace cache where present; new ones are cached.

    Everything returned is also remembered for this process, so ``analyse_company`` on the same
    strings (targets, aliases) costs a dictionary look-up afterwards.
    """
    wanted = set(raws)
    found: dict[str, CompanyName] = {}
    fingerprint = rules_fingerprint()
    fresh = get_setting(conn, _CACHE_SETTING) == fingerprint
    if fresh:
        for raw, text in conn.execute("SELECT raw, analysis FROM company_names"):
            if raw in wanted:
                found[raw] = decode_analysis(raw, text)
        remember(found.values())
    new = {raw: analyse_company(raw) for raw in wanted if raw not in found}
    if new or not fresh:
        _store_analyses(conn, new, reset=not fresh, fingerprint=fingerprint)
    found.update(new)
    return found


#: The workspace setting keeping the company table's ``same`` groups (knowledge.same_employers).
_SAME_SETTING = "company_same_employers"


def prime_company_keys(conn: sqlite3.Connection) -> None:
    """Make ``company_key`` cheap in this process: the company table's ``same`` groups come from
    the workspace when they were worked out for the same table and rules, else they are worked
    out and kept there (when the workspace can be written)."""
    fingerprint = f"{rules_fingerprint()} {table_fingerprint()} {this_year()}"
    try:
        kept = json.loads(get_setting(conn, _SAME_SETTING) or "{}")
    except ValueError:
        kept = {}
    if isinstance(kept, dict) and kept.get("fingerprint") == fingerprint and isinstance(kept.get("same"), dict):
        use_same_employers(kept["same"])
        return
    payload = json.dumps({"fingerprint": fingerprint, "same": same_employers()})
    try:
        with within_transaction(conn):
            set_setting(conn, _SAME_SETTING, payload)
    except sqlite3.OperationalError:
        if conn.in_transaction:
            raise  # the caller's transaction decides; a read-only workspace works it out next time


def _store_analyses(
    conn: sqlite3.Connection, new: dict[str, CompanyName], *, reset: bool, fingerprint: str
) -> None:
    rows = [(raw, encode_analysis(name)) for raw, name in new.items()]

    def write() -> None:
        if reset:
            conn.execute("DELETE FROM company_names")
            set_setting(conn, _CACHE_SETTING, fingerprint)
        conn.executemany("INSERT OR REPLACE INTO company_names (raw, analysis) VALUES (?, ?)", rows)

    _write_cache(conn, write)


def _write_cache(conn: sqlite3.Connection, write: Callable[[], None]) -> None:
    """Run a cache write inside the caller's transaction, or in one of its own."""
    try:
        if conn.in_transaction:
            write()
        else:
            with transaction(conn):
                write()
    except sqlite3.OperationalError:
        pass  # a read-only or busy workspace: the cache is only a speed-up


def _alias_entries(conn: sqlite3.Connection) -> list[AliasEntry]:
    """The built-in alias table plus the user's own aliases."""
    entries = builtin_aliases()
    entries.extend(
        AliasEntry(row[0], row[1], "part", "your alias")
        for row in conn.execute("SELECT alias, target FROM company_aliases ORDER BY alias")
    )
    return entries


def stored_review_decisions(conn: sqlite3.Connection) -> dict[tuple[str, str], bool]:
    return {
        (row[0], row[1]): bool(row[2])
        for row in conn.execute("SELECT company_key, target_key, accepted FROM review_decisions")
    }


def _contact_companies(
    conn: sqlite3.Connection, owner_ids: Sequence[int] | None
) -> list[tuple[int, str]]:
    # People no longer connected (removed_on: missing from a newer Connections.csv) work nowhere.
    sql = "SELECT id, company FROM contacts WHERE company != '' AND removed_on IS NULL"
    params: list[int] = []
    if owner_ids is not None:
        sql += f" AND owner_id IN ({','.join('?' * len(owner_ids))})"
        params = list(owner_ids)
    return [(row[0], row[1]) for row in conn.execute(sql, params)]


def _match(
    conn: sqlite3.Connection,
    targets: list[tuple[int, str]],
    rows: Sequence[tuple[int, str]],
    decisions: dict[tuple[str, str], bool],
    *,
    keep_fuzzy: bool = True,
) -> list[Match]:
    with no_gc_pauses():
        return _match_unpaused(conn, targets, rows, decisions, keep_fuzzy)


def _load_fuzzy(conn: sqlite3.Connection, fingerprint: str) -> dict[str, list[tuple[str, float]]]:
    row = conn.execute("SELECT fingerprint, data FROM fuzzy_cache WHERE id = 1").fetchone()
    if row is None or row[0] != fingerprint:
        return {}
    try:
        return {query: [(c, float(s)) for c, s in found] for query, found in json.loads(row[1]).items()}
    except (ValueError, TypeError):
        return {}


def _store_fuzzy(conn: sqlite3.Connection, fingerprint: str, known: dict[str, list[tuple[str, float]]]) -> None:
    data = json.dumps(known, ensure_ascii=False, separators=(",", ":"))

    def write() -> None:
        conn.execute(
            "INSERT INTO fuzzy_cache (id, fingerprint, data) VALUES (1, ?, ?) ON CONFLICT (id) "
            "DO UPDATE SET fingerprint = excluded.fingerprint, data = excluded.data",
            (fingerprint, data),
        )

    _write_cache(conn, write)


def _match_unpaused(
    conn: sqlite3.Connection,
    targets: list[tuple[int, str]],
    rows: Sequence[tuple[int, str]],
    decisions: dict[tuple[str, str], bool],
    keep_fuzzy: bool,
) -> list[Match]:
    companies = {company for _, company in rows}
    results: dict[str, list[NameMatch]] = {}
    fingerprint = _results_fingerprint(conn, targets, decisions) if keep_fuzzy else ""
    if keep_fuzzy:  # a command in the workspace: names matched before need not be again
        results = _load_results(conn, fingerprint)
    raws = sorted(company for company in companies if company not in results)
    if raws:  # the table is read only now: a command whose names were all matched before skips it
        placed = _place(conn, targets, _alias_entries(conn), decisions, raws, keep_fuzzy)
        results.update(zip(raws, placed, strict=True))
        if keep_fuzzy:
            _store_results(conn, fingerprint, results)
    by_raw = {raw: found for raw, found in results.items() if found and raw in companies}
    target_names = dict(targets)
    matches = [
        Match(contact_id, found.target_id, found.tier, found.score, company,
              target_names[found.target_id], found.accepted, found.reason)
        for contact_id, company in rows
        for found in by_raw.get(company, ())
    ]
    matches.sort(key=lambda m: (m.target_id, TIER_RANK[m.tier], -m.score, m.contact_id))
    return matches


def _results_fingerprint(
    conn: sqlite3.Connection, targets: list[tuple[int, str]], decisions: dict[tuple[str, str], bool]
) -> str:
    """Changes whenever where a name lands could: the rules, the table (and the year, which ends
    relations), the targets, the user's aliases and decisions."""
    digest = hashlib.sha256(
        f"{rules_fingerprint()}/{table_fingerprint()}/{this_year()}/{_code_fingerprint()}".encode()
    )
    own = [tuple(row) for row in conn.execute("SELECT alias, target FROM company_aliases ORDER BY alias, target")]
    digest.update(json.dumps([targets, own, sorted((c, t, a) for (c, t), a in decisions.items())]).encode())
    return digest.hexdigest()


@cache
def _code_fingerprint() -> str:
    """The matcher's own code: a new version of it may place names elsewhere."""
    digest = hashlib.sha256()
    for name in ("names.py", "index.py", "knowledge.py", "matching.py"):
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()[:16]


def _load_results(conn: sqlite3.Connection, fingerprint: str) -> dict[str, list[NameMatch]]:
    row = conn.execute("SELECT fingerprint, data FROM match_cache WHERE id = 1").fetchone()
    if row is None or row[0] != fingerprint:
        return {}
    try:
        return {raw: [NameMatch(*found) for found in placed] for raw, placed in json.loads(row[1]).items()}
    except (ValueError, TypeError):
        return {}


def _store_results(conn: sqlite3.Connection, fingerprint: str, results: dict[str, list[NameMatch]]) -> None:
    data = json.dumps({raw: [list(m) for m in found] for raw, found in results.items()},
                      ensure_ascii=False, separators=(",", ":"))

    def write() -> None:
        conn.execute(
            "INSERT INTO match_cache (id, fingerprint, data) VALUES (1, ?, ?) ON CONFLICT (id) "
            "DO UPDATE SET fingerprint = excluded.fingerprint, data = excluded.data",
            (fingerprint, data),
        )

    _write_cache(conn, write)


def _place(
    conn: sqlite3.Connection,
    targets: list[tuple[int, str]],
    aliases: list[AliasEntry],
    decisions: dict[tuple[str, str], bool],
    raws: list[str],
    keep_fuzzy: bool,
) -> list[list[NameMatch]]:
    """Where each of ``raws`` lands: the matcher itself."""
    # One pass over the cache for every name involved: contacts', targets' and aliases'.
    analyses = analyse_names(
        conn,
        set(raws).union(
            (name for _, name in targets), (a.name for a in aliases), (a.parent for a in aliases)
        ),
    )
    index = TargetIndex(targets, AliasGraph(aliases), decisions, distinct_rows(), company_key)
    names = [analyses[raw] for raw in raws]
    if keep_fuzzy:
        # The fuzzy pass is most of the work; its results hold as long as the targets do.
        for name in names:
            for candidate in name.candidates:
                index.words.setdefault(candidate.key, candidate.words)
        fingerprint = f"{rules_fingerprint()}/{index.fingerprint()}"
        known = _load_fuzzy(conn, fingerprint)
        before = len(known)
        placed = index.match_names(names, known)
        if len(known) != before:
            _store_fuzzy(conn, fingerprint, known)
        return placed
    return index.match_names(names)


def match_contacts(conn: sqlite3.Connection, *, owner_ids: Sequence[int] | None = None) -> list[Match]:
    """Every contact placed at every target it matches, best tier per pair.

    All owners' contacts by default. Rejected suggestions are left out; pending ones come with
    ``accepted=False``.
    """
    return match_contact_rows(conn, _contact_companies(conn, owner_ids))


def match_contact_rows(conn: sqlite3.Connection, rows: Sequence[tuple[int, str]]) -> list[Match]:
    """``match_contacts`` for (contact id, company) rows the caller has already read."""
    targets = [(row[0], row[1]) for row in conn.execute("SELECT id, name FROM targets ORDER BY id")]
    if not targets:
        return []
    return _match(conn, targets, rows, stored_review_decisions(conn))


def contacts_matching_company(
    conn: sqlite3.Connection, company: str, *, owner_ids: Sequence[int] | None = None
) -> list[Match]:
    """Contacts at ``company`` as the user typed it, matched like a target (typos included).

    Each result is a ``Match`` with ``target_id`` 0 and ``target`` = ``company``; review-tier
    results are suggestions (``accepted=False``).
    """
    if not normalise_company(company):
        raise InputError(f"{company!r} is not a company name that can be matched")
    return _match(conn, [(0, company)], _contact_companies(conn, owner_ids), {}, keep_fuzzy=False)


def nearest_companies(conn: sqlite3.Connection, company: str, *, limit: int = 3) -> list[tuple[str, int]]:
    """Contacts' company names nearest to ``company`` (for "did you mean …?"), with how many
    contacts write each: the most common spelling per employer, best first."""
    from rapidfuzz import fuzz, process

    wanted = normalise_company(company)
    if not wanted:
        return []
    counts: dict[str, int] = {}
    for (raw,) in conn.execute("SELECT company FROM contacts WHERE company != '' AND removed_on IS NULL"):
        counts[raw] = counts.get(raw, 0) + 1
    analyses = analyse_names(conn, counts)
    spelling: dict[str, tuple[int, str]] = {}  # key -> (contacts, most common spelling)
    totals: dict[str, int] = {}
    for raw, n in counts.items():
        key = analyses[raw].key
        if key:
            totals[key] = totals.get(key, 0) + n
            if n > spelling.get(key, (0, ""))[0]:
                spelling[key] = (n, raw)
    found = process.extract(wanted, list(totals), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=75)
    found.sort(key=lambda hit: (-round(hit[1]), -totals[hit[0]]))
    return [(spelling[key][1], totals[key]) for key, _, _ in found[:limit]]


def prepare_matching(conn: sqlite3.Connection) -> None:
    """Match every contact once, so the caches (analysed company names, fuzzy near-misses) are
    in the workspace: run after importing targets, the comparison of 20,000 company names with
    5,000 targets happens there, not in the first ``plan`` or ``targets`` (about a second)."""
    if conn.execute("SELECT 1 FROM contacts LIMIT 1").fetchone() and \
            conn.execute("SELECT 1 FROM targets LIMIT 1").fetchone():
        match_contacts(conn)


def set_review_decision(conn: sqlite3.Connection, company: str, target: str, accepted: bool) -> None:
    """Accept or reject ``company`` (as contacts write it) for ``target``. Decisions persist.

    Stored by normalised names, so the decision holds for every spelling with the same key and
    survives a re-import of the targets (and a target removed and added again later).
    """
    company_key, target_key = normalise_company(company), normalise_company(target)
    for text, key in ((company, company_key), (target, target_key)):
        if not key:
            raise InputError(f"{text!r} is not a company name that can be matched")
    conn.execute(
        "INSERT INTO review_decisions (company_key, target_key, company, target, accepted) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (company_key, target_key) DO UPDATE SET "
        "company = excluded.company, target = excluded.target, accepted = excluded.accepted, "
        "decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        (company_key, target_key, company, target, int(accepted)),
    )


def find_target(conn: sqlite3.Connection, target: str) -> tuple[str, str]:
    """(name, key) of the target called ``target`` (any spelling with the same key)."""
    key = normalise_company(target)
    row = conn.execute("SELECT name, key FROM targets WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise InputError(
            f"no target called {target!r}: `outreach targets` lists them, "
            "`outreach import targets FILE` adds them"
        )
    return str(row[0]), str(row[1])


__all__ = [
    "NameMatch",
    "prepare_matching",
    "TargetIndex",
    "analyse_names",
    "contacts_matching_company",
    "find_target",
    "match_contact_rows",
    "match_contacts",
    "nearest_companies",
    "stored_review_decisions",
    "set_review_decision",
]
