"""The workspace under trouble (issue 14): every SQLite failure in one line naming the file, read-only
workspaces still readable, and no adopting of files that are not a workspace."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from outreach.store import DB_NAME, open_workspace, transaction

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,Acme,Engineer,01 Mar 2024\n"
)


def one_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def imported(run, workspace, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    assert run("import", "linkedin", path).exit_code == 0
    return path


def test_an_empty_database_file_is_not_adopted(run, workspace):
    workspace.mkdir()
    (workspace / DB_NAME).write_bytes(b"")
    line = one_line(run("contacts"))
    assert "empty file, not a workspace" in line and str(workspace / DB_NAME) in line
    assert (workspace / DB_NAME).stat().st_size == 0  # untouched


def test_a_file_that_is_not_sqlite_is_not_adopted(run, workspace):
    workspace.mkdir()
    (workspace / DB_NAME).write_bytes(b"PK\x03\x04 a zip, renamed")
    assert "not an SQLite database" in one_line(run("contacts"))


def test_another_programs_database_gets_no_outreach_tables(run, workspace, tmp_path):
    workspace.mkdir()
    foreign = sqlite3.connect(workspace / DB_NAME)
    foreign.execute("CREATE TABLE recipes (name TEXT)")
    foreign.commit()
    foreign.close()
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    line = one_line(run("import", "linkedin", path))
    assert "another program's SQLite database (tables recipes)" in line
    tables = {r[0] for r in sqlite3.connect(workspace / DB_NAME).execute("SELECT name FROM sqlite_master")}
    assert tables == {"recipes"}


def test_a_workspace_with_a_migration_this_version_does_not_know_is_refused(run, workspace, imported):
    """Guarded by the set of migrations, not the highest number: 0150 sits below the newest."""
    conn = sqlite3.connect(workspace / DB_NAME)
    conn.execute("INSERT INTO schema_migrations (version, name) VALUES (150, '0150_from_the_future.sql')")
    conn.commit()
    conn.close()
    line = one_line(run("contacts"))
    assert "made by a newer outreach" in line and "150" in line


def test_a_read_only_workspace_still_answers_and_refuses_changes_in_one_line(run, workspace, imported,
                                                                               monkeypatch):
    import outreach.store

    monkeypatch.setattr(outreach.store, "_writable", lambda path: False)
    listed = run("contacts")
    assert listed.exit_code == 0 and "Ana Ruiz" in listed.output
    assert not (workspace / f"{DB_NAME}-wal").exists()  # nothing written beside it
    line = one_line(run("alias", "add", "Acme Labs", "Acme"))
    assert "is read-only" in line and str(workspace / DB_NAME) in line


def test_a_busy_workspace_says_so_and_changes_nothing(run, workspace, imported, tmp_path):
    holder = open_workspace(workspace)
    holder.execute("PRAGMA busy_timeout = 0")
    with transaction(holder):  # another command in the middle of writing
        holder.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        other = sqlite3.connect(workspace / DB_NAME, timeout=0.1)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
        from outreach.store import workspace_error

        error = workspace_error(sqlite3.OperationalError("database is locked"), workspace / DB_NAME)
        assert "is busy: another outreach command is using it" in str(error)
    holder.close()


@pytest.mark.parametrize("message,said", [
    ("database or disk is full", "the disk is full"),
    ("attempt to write a readonly database", "is read-only"),
    ("database disk image is malformed", "is damaged"),
    ("file is not a database", "is damaged"),
    ("database is locked", "is busy"),
    ("unable to open database file", "cannot open the workspace"),
])
def test_every_sqlite_failure_reads_as_one_line(message, said):
    from outreach.store import workspace_error

    error = str(workspace_error(sqlite3.OperationalError(message), Path("/w/outreach.db")))
    assert said in error and "/w/outreach.db" in error and "\n" not in error


def test_a_missing_table_is_a_bug_not_the_workspaces_trouble():
    from outreach.store import workspace_error

    assert workspace_error(sqlite3.OperationalError("no such table: x"), Path("/w/outreach.db")) is None


def test_a_damaged_workspace_after_a_crash_is_refused_not_written(run, workspace, imported):
    db = workspace / DB_NAME
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[2 * page: 3 * page] = b"\xff" * page  # a page of garbage, as a crash on bad storage leaves
    db.write_bytes(bytes(data))
    (workspace / f"{DB_NAME}-wal").write_bytes(b"")  # the crash marker: an unclosed workspace...
    (workspace / f"{DB_NAME}-wal").write_bytes(b"\0" * 32)  # ...with a log left behind
    result = run("contacts")
    line = one_line(result)
    assert "is damaged" in line or "not a workspace" in line, line


def test_a_killed_first_import_leaves_no_workspace_behind(run, workspace, tmp_path):
    """Issue 14: SIGKILL during the first import can't be caught; its marker says so, and the next
    command clears what it left (nothing the user made is in it)."""
    import os
    import signal
    import subprocess
    import sys

    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from outreach.store import opened_for_import\n"
        "with opened_for_import(Path(sys.argv[1])) as conn:\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", code, str(workspace)], timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert (workspace / DB_NAME).exists() and (workspace / f"{DB_NAME}.first-import").exists()
    line = one_line(run("contacts"))
    assert "no workspace" in line
    assert not (workspace / DB_NAME).exists() and not (workspace / f"{DB_NAME}.first-import").exists()
    assert run("import", "linkedin", path).exit_code == 0  # and a new first import works
    assert not (workspace / f"{DB_NAME}.first-import").exists()
    assert os.path.getsize(workspace / DB_NAME) > 0


def test_a_first_import_still_running_is_not_cleared(run, workspace):
    import os

    workspace.mkdir()
    open_workspace(workspace).close()
    (workspace / f"{DB_NAME}.first-import").write_text(str(os.getppid()))  # a live process
    assert "is being made by another outreach command" in one_line(run("contacts"))
    assert (workspace / DB_NAME).exists()
