"""The SQLite workspace: opening it, migrating its schema, and transactions.

Migrations live in ``outreach/migrations/NNNN_name.sql`` and are applied in number order,
each in its own transaction, and recorded in ``schema_migrations``. ``PRAGMA user_version``
holds the highest applied number, so an older outreach refuses a workspace made by a newer one
instead of corrupting it. Number ranges by area keep parallel work from colliding:
0001-0099 contacts and LinkedIn, 0100-0199 targets and matching, 0200-0299 profile and plan,
0300-0399 groups.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from outreach.errors import WorkspaceError

DB_NAME = "outreach.db"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with the package, in the order they apply."""
    found = []
    for entry in resources.files("outreach.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    return found


def default_workspace() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/outreach)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("outreach", appauthor=False))


def database_path(workspace: Path) -> Path:
    return workspace / DB_NAME


def open_workspace(workspace: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and if needed create and migrate) the workspace database in ``workspace``.

    With ``create=False`` a missing workspace raises ``WorkspaceError`` rather than being made,
    so read-only commands never leave an empty workspace behind.
    """
    path = database_path(workspace)
    if not path.exists():
        if not create:
            raise WorkspaceError(
                f"no workspace at {workspace}: import something first "
                "(outreach import linkedin EXPORT.zip) or pass --workspace"
            )
        try:
            workspace.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(f"cannot create workspace folder {workspace}: {exc.strerror}") from exc
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (see ``transaction``).
        conn = sqlite3.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(
            f"{path} is not a usable outreach workspace ({exc}): "
            "point --workspace at another folder or restore a backup"
        ) from exc
    return conn


@contextmanager
def opened_for_import(workspace: Path) -> Iterator[sqlite3.Connection]:
    """The workspace, made if it does not exist yet. If the block raises, the connection is
    closed, and a workspace made here is removed again: a failed first import leaves nothing
    behind (the import's own transaction has already undone its changes to an existing one)."""
    path = database_path(workspace)
    made_folder = not workspace.exists()
    made_database = not path.exists()
    conn = open_workspace(workspace, create=True)
    try:
        yield conn
    except BaseException:
        conn.close()
        if made_database:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            if made_folder:
                with suppress(OSError):  # not empty: something else was put there meanwhile
                    workspace.rmdir()
        raise


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet applied; return the versions applied now."""
    known = migrations()
    newest_known = known[-1].version if known else 0
    current = schema_version(conn)
    if current > newest_known:
        raise WorkspaceError(
            f"this workspace was made by a newer outreach (schema {current}, this version "
            f"knows up to {newest_known}): upgrade outreach"
        )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    done = []
    for migration in known:
        if migration.version in applied:
            continue
        with transaction(conn):
            for statement in _statements(migration.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                (migration.version, migration.name),
            )
            # PRAGMA takes no ? parameters: the number is written in, an int from the
            # migration's file name (int() keeps it one).
            conn.execute(f"PRAGMA user_version = {int(max(migration.version, current))}")
        current = max(migration.version, current)
        done.append(migration.version)
    return done


def _statements(sql: str) -> Iterator[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One all-or-nothing unit of work: commit on success, roll back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


@contextmanager
def within_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The caller's transaction when one is open (its commit or rollback decides), else a
    ``transaction`` of its own."""
    if conn.in_transaction:
        yield conn
    else:
        with transaction(conn):
            yield conn


def get_setting(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return default if row is None else str(row[0])


def set_setting(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM settings WHERE key = ?", (key,))
    else:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
