"""Every exit status the CLI promises (see ``outreach/cli/_app.py``), most of them through a real
``outreach`` process, because a traceback, Ctrl-C and a closed pipe only show there:

    0 success, 1 a problem with the input or the workspace (one line on stderr), 2 a usage error,
    70 a bug in outreach (one line saying what to do), 130 interrupted (Ctrl-C); a reader that
    leaves early (``| head -1``) ends the command quietly with 1.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from workspace_dump import dump

from outreach.linkedin import apply as linkedin_apply
from outreach.linkedin import contacts as linkedin_contacts

OUTREACH = Path(sys.executable).parent / "outreach"  # the console script pip installed
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing. You will only see email addresses for connections who have allowed '
    'their connections to see or download their email address using this setting '
    'https://www.linkedin.com/psettings/privacy/email."\n\n'
)
CONNECTIONS = PREAMBLE + HEADER + "\n" + (
    "Jane,Doe,https://www.linkedin.com/in/jane-doe-1a2b3c,,Acme Corp,Senior Engineer,14 Dec 2024\n"
    "Jörg,Müller,https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-77/,,Robert Bosch GmbH,"
    "Data Engineer,02 Dec 2024\n"
    'Sam,Lee (they/them),https://www.linkedin.com/in/samlee,sam@example.com,'
    'Google via Qualitest Group,"Recruiter, Tech",28 Nov 2024\n'
)


def run_outreach(workspace: Path, *args: str, env: dict[str, str] | None = None,
             **popen: object) -> subprocess.CompletedProcess[str]:
    """Run the installed ``outreach`` command as a user would, and wait for it."""
    assert OUTREACH.exists(), f"{OUTREACH} is missing: install the package (pip install -e .)"
    streams = popen or {"capture_output": True}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(OUTREACH), "--workspace", str(workspace), *args], text=True, timeout=60,
        env={**os.environ, **(env or {})}, **streams,
    )



def assert_one_line_error(stderr: str, *words: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    assert all(word in lines[0] for word in words), stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def connections(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    return path


# -- 0: success -------------------------------------------------------------------------------


def test_success_is_0(workspace, connections):
    imported = run_outreach(workspace, "import", "linkedin", str(connections))
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr == ""
    listed = run_outreach(workspace, "contacts")
    assert listed.returncode == 0, listed.stderr
    assert "Jörg" in listed.stdout and "Robert Bosch GmbH" in listed.stdout


# -- 1: something the user can fix ------------------------------------------------------------


def test_a_missing_file_is_1_with_one_line_saying_what_to_do(workspace, tmp_path):
    result = run_outreach(workspace, "import", "linkedin", str(tmp_path / "Basic_LinkedInDataExport.zip"))
    assert result.returncode == 1
    line = assert_one_line_error(result.stderr, "does not exist")
    assert "check the path" in line
    assert result.stdout == ""
    assert not workspace.exists()


def test_a_pdf_saved_as_csv_is_1_and_leaves_the_workspace_alone(workspace, connections, tmp_path):
    assert run_outreach(workspace, "import", "linkedin", str(connections)).returncode == 0
    before = dump(workspace)
    garbage = tmp_path / "export" / "Connections.csv"
    garbage.parent.mkdir()
    garbage.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    result = run_outreach(workspace, "import", "linkedin", str(garbage))
    assert result.returncode == 1
    assert_one_line_error(result.stderr, "Connections.csv", "PDF")
    assert dump(workspace) == before


def test_a_workspace_that_is_not_a_database_is_1(workspace):
    workspace.mkdir()
    (workspace / "outreach.db").write_bytes(b"this is my shopping list, not a database\n" * 200)
    result = run_outreach(workspace, "contacts")
    assert result.returncode == 1
    assert_one_line_error(result.stderr, "outreach.db", "restore a backup")


def test_an_error_writing_the_output_is_1(workspace, connections):
    """An OSError the user can fix (here: disk full) is one line, not an internal error."""
    assert run_outreach(workspace, "import", "linkedin", str(connections)).returncode == 0
    with open("/dev/full", "w") as full:
        result = run_outreach(workspace, "contacts", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert_one_line_error(result.stderr, "No space left on device")


# -- 2: usage errors --------------------------------------------------------------------------


@pytest.mark.parametrize("args,line", [
    (("contacts", "--frobnicate"), "no such option --frobnicate (see outreach contacts -h)"),
    (("plan", "--fro"), "no such option --fro (try --force or --top; see outreach plan -h)"),
    (("import", "linkedin"), "missing argument 'PATH' (see outreach import linkedin -h)"),
    (("import", "linkedin", "Connections.csv", "--owner", "  "),
     "invalid value for --owner: give the name of the person whose export this is "
     "(see outreach import linkedin -h)"),
    (("contatcs",), "no such command contatcs (try contacts; see outreach -h)"),
    (("import", "linkedn"), "no such command linkedn (try linkedin; see outreach import -h)"),
    (("plan", "--top", "x"),
     "invalid value for '--top': 'x' is not a valid integer range (see outreach plan -h)"),
    (("--bogus", "contacts"), "no such option --bogus (see outreach -h)"),
])
def test_a_usage_error_is_one_line_and_2(workspace, args, line):
    """One line saying what is wrong and what to do, not Click's Usage:/Try/blank/Error:."""
    result = run_outreach(workspace, *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"Error: {line}\n"
    assert result.stdout == ""
    assert not workspace.exists()


# -- 70: a bug in outreach --------------------------------------------------------------------


def a_bug(conn: sqlite3.Connection, company: str | None = None, **_: object) -> list[dict[str, object]]:
    """list_contacts as it might break one day: a query on a table that is not there."""
    return [dict(row) for row in conn.execute("SELECT * FROM contact_list_v2")]


def test_a_bug_is_70_with_one_line_saying_what_to_do(run, connections, monkeypatch):
    assert run("import", "linkedin", connections).exit_code == 0
    monkeypatch.delenv("OUTREACH_DEBUG", raising=False)
    monkeypatch.setattr(linkedin_contacts, "list_contacts", a_bug)
    result = run("contacts")
    assert result.exit_code == 70
    line = assert_one_line_error(result.stderr, "internal error", "OperationalError",
                                 "no such table: contact_list_v2")
    assert "OUTREACH_DEBUG=1" in line and "report it" in line
    assert result.stdout == ""


BUGGY_OUTREACH = """
import outreach.linkedin.contacts

def a_bug(conn, company=None, **_):
    return [dict(row) for row in conn.execute("SELECT * FROM contact_list_v2")]

outreach.linkedin.contacts.list_contacts = a_bug
from outreach.cli import main
main()
"""


@pytest.mark.parametrize("debug", [False, True])
def test_a_traceback_only_with_outreach_debug(workspace, connections, debug):
    """In a real process: one line by default; the full traceback with OUTREACH_DEBUG=1."""
    assert run_outreach(workspace, "import", "linkedin", str(connections)).returncode == 0
    env = dict(os.environ)
    env.pop("OUTREACH_DEBUG", None)
    if debug:
        env["OUTREACH_DEBUG"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", BUGGY_OUTREACH, "--workspace", str(workspace), "contacts"],
        capture_output=True, text=True, timeout=60, env=env,
    )
    if debug:
        assert result.returncode != 0 and result.returncode != 70
        assert "Traceback (most recent call last)" in result.stderr
        assert "in a_bug" in result.stderr and "no such table: contact_list_v2" in result.stderr
    else:
        assert result.returncode == 70
        assert_one_line_error(result.stderr, "internal error", "OUTREACH_DEBUG=1")


# -- 130: Ctrl-C ------------------------------------------------------------------------------


def test_ctrl_c_while_reading_the_export_is_130_and_changes_nothing(workspace, connections, tmp_path):
    """The export comes through a pipe (as with `<(unzip -p …)`), so the command is surely
    reading it when Ctrl-C arrives: the whole process group gets SIGINT, as from a terminal."""
    assert run_outreach(workspace, "import", "linkedin", str(connections)).returncode == 0
    before = dump(workspace)
    slow = tmp_path / "slow" / "Connections.csv"
    slow.parent.mkdir()
    os.mkfifo(slow)
    child = subprocess.Popen(
        [str(OUTREACH), "--workspace", str(workspace), "import", "linkedin", str(slow)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        # A test runner may ignore SIGINT, and a child would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        with open(slow, "w", encoding="utf-8") as export:  # returns once outreach opened it
            export.write(PREAMBLE + HEADER + "\n")
            export.flush()
            os.killpg(child.pid, signal.SIGINT)
        # The writer is gone too, as `unzip -p` would be after Ctrl-C: if the signal came just
        # before outreach began to wait for more, the end of the file wakes it up.
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130, err
    assert err.strip() == "Interrupted: nothing was changed by the unfinished step."
    assert out == ""
    assert dump(workspace) == before


def test_ctrl_c_while_writing_the_workspace_is_130_and_changes_nothing(run, workspace, connections,
                                                                       tmp_path, monkeypatch):
    """Ctrl-C after the contacts were written, before the invitations: all of it is undone."""
    assert run("import", "linkedin", connections).exit_code == 0
    before = dump(workspace)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(linkedin_apply, "_apply_invitations", interrupted)
    export = tmp_path / "Basic_LinkedInDataExport_01-15-2025"
    export.mkdir()
    (export / "Connections.csv").write_text(
        CONNECTIONS + "Ana,Lima,https://www.linkedin.com/in/ana-lima,,Shopify,Designer,03 Jan 2025\n",
        encoding="utf-8")
    (export / "Invitations.csv").write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        "Ana Lima,Me Myself,\"1/3/25, 9:14 AM\",,INCOMING,https://www.linkedin.com/in/ana-lima,"
        "https://www.linkedin.com/in/me\n", encoding="utf-8")
    result = run("import", "linkedin", export)
    assert result.exit_code == 130
    assert result.stderr.strip() == "Interrupted: nothing was changed by the unfinished step."
    assert dump(workspace) == before

    shutil.rmtree(workspace)  # and a workspace this import would have made is not left behind
    result = run("import", "linkedin", export)
    assert result.exit_code == 130
    assert not workspace.exists()


# -- a reader that leaves early: `outreach contacts | head -1` --------------------------------


@pytest.fixture(scope="module")
def big_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4,000 contacts at four employers, all of them targets: far more output than a pipe holds."""
    folder = tmp_path_factory.mktemp("big")
    companies = ["Acme Corp", "Robert Bosch GmbH", "Shopify Inc.", "Royal Bank of Canada"]
    rows = [f"Person{n},Doe,https://www.linkedin.com/in/person-{n},,{companies[n % 4]},"
            f"Software Engineer II,{1 + n % 28:02d} Nov 2024" for n in range(4000)]
    (folder / "Connections.csv").write_text(PREAMBLE + HEADER + "\n" + "\n".join(rows) + "\n",
                                            encoding="utf-8")
    (folder / "targets.csv").write_text(
        "Employer,Priority\nAcme,High\nBosch,High\nShopify,Medium\nRoyal Bank of Canada,Low\n",
        encoding="utf-8")
    workspace = folder / "ws"
    for args in (("linkedin", "Connections.csv"), ("targets", "targets.csv")):
        result = run_outreach(workspace, "import", args[0], str(folder / args[1]))
        assert result.returncode == 0, result.stderr
    return workspace


@pytest.mark.parametrize("command", [("contacts",), ("targets",), ("targets", "--json")])
def test_piping_into_head_ends_quietly(big_workspace, command):
    head = shutil.which("head")
    assert head, "head (coreutils) is needed for this test"
    writer = subprocess.Popen([str(OUTREACH), "--workspace", str(big_workspace), *command],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader = subprocess.Popen([head, "-1"], stdin=writer.stdout, stdout=subprocess.PIPE)
    assert writer.stdout is not None and writer.stderr is not None
    writer.stdout.close()  # only head holds the pipe now, as in a shell
    first, _ = reader.communicate(timeout=60)
    err = writer.stderr.read().decode()
    writer.stderr.close()
    status = writer.wait(timeout=60)
    assert first.strip(), "head printed nothing"
    assert err == ""  # no traceback, no "Exception ignored ... BrokenPipeError"
    assert status == 1  # _app.py: the output was cut short, so not a success


def test_the_big_output_really_is_bigger_than_a_pipe(big_workspace):
    """Or the pipe tests above would pass without outreach ever meeting a closed pipe."""
    for command in (("contacts",), ("targets",), ("targets", "--json")):
        result = run_outreach(big_workspace, *command)
        assert result.returncode == 0
        assert len(result.stdout.encode()) > 3 * 65536, command  # a Linux pipe holds 64 KiB
