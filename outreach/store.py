"""The SQLite workspace: opening it, migrating its schema, and transactions.

Migrations live in ``outreach/migrations/NNNN_name.sql`` and are applied in number order,
each in its own transaction, and recorded in ``schema_migrations``. ``PRAGMA user_version``
holds the highest applied number, so an older outreach refuses a workspace made by a newer one
instead of corrupting it. Number ranges by area keep parallel work from colliding:
0001-0099 contacts and LinkedIn, 0100-0199 targets and matching, 0200-0299 profile and plan,
0300-0399 groups.
"""

from __future__ import annotations

import os
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
    _clear_killed_first_import(path)
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
    existed = path.exists()
    if existed:
        _check_file(path)
    crashed = Path(f"{path}-wal").exists() and Path(f"{path}-wal").stat().st_size > 0
    try:
        conn = _connect(path, read_only=existed and not _writable(path))
        if crashed:  # the last command did not close it: check it before trusting it
            _check_pages(conn, path)
        if existed:
            _check_ours(conn, path)
        if not conn.execute("PRAGMA query_only").fetchone()[0]:
            migrate(conn)
        elif _pending(conn):
            raise WorkspaceError(
                f"the workspace {path} is read-only and this outreach must first upgrade it: "
                "make the folder writable (or copy it elsewhere) and run the command again")
    except sqlite3.Error as exc:
        raise (workspace_error(exc, path) or WorkspaceError(
            f"{path} is not a usable outreach workspace ({exc}): point --workspace at another "
            "folder or restore a backup")) from exc
    return conn


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection: read-write, or read-only for a workspace the user cannot write (a
    read-only folder or file): read-only commands still work there."""
    if read_only:
        # immutable: no -wal/-shm files are made (the folder may not allow them)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                               isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
    else:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (see ``transaction``).
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _check_file(path: Path) -> None:
    """Refuse a file that is no workspace: empty, or not SQLite at all."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise WorkspaceError(f"cannot read the workspace {path}: {exc.strerror or exc}") from exc
    if size == 0:
        raise WorkspaceError(
            f"{path} is an empty file, not a workspace (left by a command stopped before it "
            "wrote anything?): delete it, or point --workspace at another folder")
    if head != b"SQLite format 3\x00":
        raise WorkspaceError(
            f"{path} is not a workspace (not an SQLite database): point --workspace at another "
            "folder, or restore a backup")


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse another program's SQLite database that happens to be called outreach.db."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "schema_migrations" not in tables:
        shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
        raise WorkspaceError(
            f"{path} is another program's SQLite database (tables {shown}), not an outreach "
            "workspace: point --workspace at another folder")


def _check_pages(conn: sqlite3.Connection, path: Path) -> None:
    """``PRAGMA quick_check`` after an unclean stop; a damaged workspace is refused, not written."""
    result = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if result != ["ok"]:
        raise WorkspaceError(
            f"the workspace {path} is damaged ({result[0]}): restore a backup, or move it away "
            "and import your files again")


def workspace_error(exc: sqlite3.Error, path: Path) -> WorkspaceError | None:
    """One line for a SQLite failure of the workspace itself: what happened to which file, and
    what to do; None for any other (a missing table is a bug in outreach, not the user's)."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return WorkspaceError(
            f"the workspace {path} is busy: another outreach command is using it; "
            "run this one again when it has finished")
    if "full" in text:
        return WorkspaceError(
            f"the disk is full: the workspace {path} could not be written (nothing was changed); "
            "free some space and run the command again")
    if "readonly" in text or "read-only" in text:
        return WorkspaceError(
            f"the workspace {path} is read-only: this command changes it; make the folder "
            "writable, or copy the workspace elsewhere and pass --workspace")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return WorkspaceError(
            f"the workspace {path} is damaged ({exc}): restore a backup, or move it away and "
            "import your files again")
    if "unable to open" in text or "disk i/o" in text:
        return WorkspaceError(
            f"cannot open the workspace {path} ({exc}): check the folder exists and is yours")
    return None


@contextmanager
def opened_for_import(workspace: Path) -> Iterator[sqlite3.Connection]:
    """The workspace, made if it does not exist yet. If the block raises, the connection is
    closed, and a workspace made here is removed again: a failed first import leaves nothing
    behind (the import's own transaction has already undone its changes to an existing one)."""
    path = database_path(workspace)
    _clear_killed_first_import(path)
    made_folder = not workspace.exists()
    made_database = not path.exists()
    if made_database:  # a first import: marked, so that a killed one is cleared next time
        workspace.mkdir(parents=True, exist_ok=True)
        _first_import_marker(path).write_text(str(os.getpid()), encoding="ascii")
    conn = open_workspace(workspace, create=True)
    try:
        yield conn
    except BaseException:
        conn.close()
        if made_database:
            _remove_database(path)
            if made_folder:
                with suppress(OSError):  # not empty: something else was put there meanwhile
                    workspace.rmdir()
        raise
    else:
        if made_database:
            _first_import_marker(path).unlink(missing_ok=True)


def _first_import_marker(path: Path) -> Path:
    return path.with_name(f"{path.name}.first-import")


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".first-import"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _clear_killed_first_import(path: Path) -> None:
    """A first import that was killed (SIGKILL, a power cut) leaves its marker: its workspace
    holds nothing the user made, so it goes, as a failed first import's does. A marker whose
    process still runs is another command making the workspace right now."""
    marker = _first_import_marker(path)
    if not marker.exists():
        return
    try:
        pid = int(marker.read_text(encoding="ascii").strip() or "0")
    except (OSError, ValueError):
        pid = 0
    if pid and pid != os.getpid():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            pass  # gone: the import was killed
        except PermissionError:
            raise WorkspaceError(f"the workspace {path} is being made by another outreach "
                                 "command: run this one again when it has finished") from None
        else:
            raise WorkspaceError(f"the workspace {path} is being made by another outreach "
                                 "command: run this one again when it has finished")
    if pid != os.getpid():
        _remove_database(path)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _pending(conn: sqlite3.Connection) -> bool:
    """Whether migrations this outreach knows are not applied yet."""
    _refuse_newer(conn)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_migrations" not in tables:
        return True
    applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    return any(m.version not in applied for m in migrations())


def _refuse_newer(conn: sqlite3.Connection) -> None:
    """A workspace with a migration this outreach does not know was made by a newer one: it is
    refused (by the set of migrations, not only the highest number)."""
    known = {m.version for m in migrations()}
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    unknown = set()
    if "schema_migrations" in tables:
        unknown = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")} - known
    current = schema_version(conn)
    if unknown or current > max(known, default=0):
        newest = max(unknown) if unknown else current
        raise WorkspaceError(
            f"this workspace was made by a newer outreach (it has schema {newest}, which this "
            "version does not know): upgrade outreach"
        )


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet applied; return the versions applied now."""
    known = migrations()
    _refuse_newer(conn)
    current = schema_version(conn)
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
