"""The CLI shell: help everywhere, version, errors as one line, workspace migrations."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from outreach import __version__
from outreach.cli import cli
from outreach.store import migrations, open_workspace, schema_version


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("path,command", list(all_commands(cli)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_with_an_example(path, command):
    result = CliRunner().invoke(cli, [*path, "-h"])
    assert result.exit_code == 0, result.output
    assert command.help and "Example" in command.help, f"{' '.join(path)} needs a docstring with an example"


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from outreach.cli import cli\n"
        "try:\n    cli(['--help'], prog_name='outreach')\nexcept SystemExit: pass\n"
        "heavy = [m for m in ('pandas', 'openpyxl', 'networkx', 'rapidfuzz', 'numpy', 'pyarrow',\n"
        "                     'python_calamine', 'matplotlib') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "outreach", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout


def test_workspace_migrates_and_records_version(tmp_path):
    conn = open_workspace(tmp_path / "ws")
    assert schema_version(conn) == migrations()[-1].version
    applied = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert applied == [m.version for m in migrations()]
    conn.close()
    # Opening again applies nothing and keeps data.
    conn = open_workspace(tmp_path / "ws")
    assert schema_version(conn) == migrations()[-1].version


def test_workspace_from_newer_version_is_refused(tmp_path, run):
    ws = tmp_path / "ws"
    open_workspace(ws).close()
    raw = sqlite3.connect(ws / "outreach.db")
    raw.execute("PRAGMA user_version = 9999")
    raw.commit()
    raw.close()
    from outreach.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="newer outreach"):
        open_workspace(ws)


def test_corrupt_workspace_is_one_line_error(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "outreach.db").write_bytes(b"this is not a database" * 100)
    from outreach.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="is not a workspace \\(not an SQLite database\\)"):
        open_workspace(ws)


def test_utf8_bom_with_invalid_bytes_is_an_input_error():
    from outreach.errors import InputError
    from outreach.imports.tabular import read_text_table

    with pytest.raises(InputError, match="invalid byte"):
        read_text_table(b"\xef\xbb\xbfFirst Name,Last Name\n\xff\xfe\xfa,b\n", "x.csv")


def test_an_older_workspace_is_migrated_in_order(tmp_path):
    """A workspace made before a migration numbered below the newest gets it too."""
    conn = open_workspace(tmp_path / "ws")
    conn.execute("CREATE INDEX contacts_company ON contacts (company)")  # as 0001 made it
    conn.execute("DELETE FROM schema_migrations WHERE version = 2")
    conn.close()
    conn = open_workspace(tmp_path / "ws")
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "contacts_company" not in indexes
    assert 2 in {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
