"""Workspaces filled by SQL for the graph, scoring and plan tests (no import commands needed)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from outreach.identity import normalise_profile_url
from outreach.models import Match
from outreach.store import open_workspace, transaction

TODAY = date(2026, 3, 2)


def days_ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


class Filler:
    """Adds rows with sensible defaults and remembers ids, so tests read like the data."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.contact_ids: dict[tuple[int, str], int] = {}
        self.target_ids: dict[str, int] = {}

    def owner(self, name: str) -> int:
        with transaction(self.conn):
            return self.conn.execute("INSERT INTO owners (name) VALUES (?)", (name,)).lastrowid

    def target(self, name: str, priority: float = 0.5, *, text: str = "", location: str = "") -> int:
        with transaction(self.conn):
            tid = self.conn.execute(
                "INSERT INTO targets (name, key, priority, priority_text, row_order, location)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, name.casefold(), priority, text, len(self.target_ids), location),
            ).lastrowid
        self.target_ids[name] = tid
        return tid

    def contact(self, name: str, company: str, position: str = "", *, owner: int = 1,
                sent: int = 0, received: int = 0, last: str | None = None,
                url: str | None = "auto", email: str | None = None) -> int:
        first, _, last_name = name.partition(" ")
        slug = name.lower().replace(" ", "-")
        profile_url = f"https://www.linkedin.com/in/{slug}" if url == "auto" else url
        key = normalise_profile_url(profile_url) if profile_url else f"name:{slug}"
        with transaction(self.conn):
            cid = self.conn.execute(
                "INSERT INTO contacts (owner_id, person_key, first_name, last_name, profile_url, email,"
                " company, position, connected_on, first_seen_on, last_seen_on)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (owner, key, first, last_name, profile_url, email, company, position, days_ago(800),
                 days_ago(400), days_ago(1)),
            ).lastrowid
            if sent or received:
                self.conn.execute(
                    "INSERT INTO message_stats (owner_id, person_key, name, messages_sent,"
                    " messages_received, last_message_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (owner, key, name, sent, received, last),
                )
        self.contact_ids[(owner, name)] = cid
        return cid

    def job_change(self, contact_id: int, old: str, new: str, seen_on: str) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO job_changes (contact_id, old_company, old_position, new_company,"
                " new_position, seen_on) VALUES (?, ?, '', ?, '', ?)",
                (contact_id, old, new, seen_on),
            )

    def exact_matches(self) -> list[Match]:
        """Contacts whose company is written exactly like a target's name, case aside."""
        by_key = {name.casefold(): (tid, name) for name, tid in self.target_ids.items()}
        out = []
        for cid, company in self.conn.execute("SELECT id, company FROM contacts"):
            hit = by_key.get(company.casefold())
            if hit:
                out.append(Match(cid, hit[0], "exact", 100.0, company, hit[1], True))
        return out


def filled(path: Path) -> Filler:
    return Filler(open_workspace(path))


SAMPLE = Path(__file__).parent.parent / "sample_data"


def sample_workspace(ws: Path, *extra_profile: str):
    """The README's try-it workspace in ``ws`` (the bundled sample imported, the profile set);
    returns a ``run(*args)`` that runs an outreach command there and asserts it succeeded."""
    from click.testing import CliRunner

    from outreach.cli import cli

    runner = CliRunner()

    def run(*args):
        result = runner.invoke(cli, ["--workspace", str(ws), *map(str, args)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    run("import", "linkedin", SAMPLE / "older" / "Basic_LinkedInDataExport_05-14-2026.zip")
    run("import", "linkedin", SAMPLE / "Basic_LinkedInDataExport_11-20-2026.zip")
    run("import", "linkedin", "--owner", "Dana Whitfield", SAMPLE / "friend-dana")
    run("import", "targets", SAMPLE / "targets.xlsx")
    run("profile", "--name", "Alex Moreno", "--home-city", "Austin, TX", "--roles",
        "data engineer, analytics engineer", *extra_profile)
    return run


def read_plan(run: Any, tmp_path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Any]]:
    """Run ``outreach plan`` into tmp_path/plan.xlsx; (Outreach rows, Targets rows, the Summary's
    values), each row as {header: value}."""
    import openpyxl

    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)

    def rows(name: str) -> list[dict[str, Any]]:
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        return [dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)
                if any(v is not None for v in r)]

    summary = [v for r in book["Summary"].iter_rows(values_only=True) for v in r if v is not None]
    return rows("Outreach"), rows("Targets"), summary


def row_of(rows: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """The one Outreach row written to ``name``."""
    found = [r for r in rows if r["Write to"] == name]
    assert len(found) == 1, [r["Write to"] for r in rows]
    return found[0]
