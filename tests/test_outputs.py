"""Graph and calendar files from data the user did not write: valid XML, a picture that draws,
and every file written whole or not at all, its errors one line naming it."""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from outreach.files import OutputError, write_atomically

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
#: Names, companies and positions holding what XML 1.0 cannot hold, and a matplotlib math pair.
PEOPLE = [
    ["Sam $_$", "Lee", "Acme Corp", "Data\x01Engineer"],
    ["Eve\x1b]0;pwned\x07", "Vt\x0bTab", "Acme Corp", "Lead\x1b[2J"],
    ["Bs\x08l", "Ff\x0cx", "Acme\x02 Corp", "Analyst\x1f"],
    ["李", "小龙", "Acme Corp", "工程师 😀"],
]


@pytest.fixture
def network(run, tmp_path):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for n, (first, last, company, position) in enumerate(PEOPLE):
        writer.writerow([first, last, f"https://www.linkedin.com/in/p-{n}", "", company, position, "14 Dec 2024"])
    connections = tmp_path / "Connections.csv"
    connections.write_text(out.getvalue(), encoding="utf-8")
    assert run("import", "linkedin", connections).exit_code == 0
    targets = tmp_path / "targets.csv"
    targets.write_text("Company\nAcme Corp\nGlob\x01ex\x0b\n", encoding="utf-8")
    assert run("import", "targets", targets).exit_code == 0
    return tmp_path


@pytest.mark.parametrize("everyone", [False, True])
def test_graphml_and_gexf_stay_valid_xml(run, network, everyone):
    for suffix, read in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        path = network / f"net{suffix}"
        result = run("graph", "-o", path, *(["--all"] if everyone else []))
        assert result.exit_code == 0, result.output
        ET.parse(path)  # a control character would make this raise
        graph = read(path)
        labels = {str(d.get("label", "")) for _, d in graph.nodes(data=True)}
        assert "Sam $_$ Lee" in labels and "李 小龙" in labels
        assert "Eve␛]0;pwned␇ Vt␋Tab" in labels  # visible, like the terminal shows it
        assert "Glob␁ex" in labels
        assert "Data␁Engineer" in path.read_text("utf-8")  # a position, on its edge


def test_a_picture_of_names_with_dollars_and_missing_glyphs(network):
    """A real process: matplotlib's warnings go to the real stderr, not to CliRunner's."""
    path = network / "net.png"
    env = {**os.environ, "OUTREACH_WORKSPACE": str(network / "ws")}
    done = subprocess.run([sys.executable, "-m", "outreach", "graph", "-o", str(path)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith(f"Wrote {path}: ")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# -- written whole or not at all -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["net.graphml", "net.gexf", "net.png"])
def test_graph_into_a_missing_folder_is_one_line_naming_the_file(run, network, name):
    path = network / "no such folder" / name
    result = run("graph", "-o", path)
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write {path}: the folder {path.parent} does not exist\n"


def test_a_read_only_graph_is_not_replaced(run, network):
    path = network / "net.gexf"
    path.write_text("mine")
    path.chmod(0o444)
    result = run("graph", "-o", path)
    assert result.exit_code == 1  # even for root, who could write it
    assert result.output.startswith(f"Error: cannot write {path}: the file is read-only")
    assert path.read_text() == "mine" and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_read_only_plan_workbook_is_not_replaced(run, network):
    path = network / "plan.xlsx"
    assert run("plan", "-o", path).exit_code == 0
    before = path.read_bytes()
    path.chmod(0o444)
    result = run("plan", "-o", path)
    assert result.exit_code == 1  # even for root, who could write it
    error = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert error == [f"Error: cannot write {path}: the file is read-only (its permissions are kept; "
                     "change them or write another file)"]
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert not [p for p in network.iterdir() if p.name.endswith(".tmp")]


def test_an_existing_file_keeps_its_permissions_and_a_new_one_gets_the_usual(run, network):
    kept = network / "net.graphml"
    kept.write_text("old")
    kept.chmod(0o640)
    assert run("graph", "-o", kept).exit_code == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text() != "old"
    new = network / "new.graphml"
    umask = os.umask(0o022)
    try:
        assert run("graph", "-o", new).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644  # not mkstemp's 0600


def test_a_full_disk_leaves_the_old_file_and_no_temporary_one(run, network, monkeypatch):
    path = network / "net.graphml"
    path.write_text("the old graph")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("outreach.files.os.fsync", full)
    result = run("graph", "-o", path)
    assert result.exit_code == 1
    assert result.output == (f"Error: cannot write {path}: the disk is full (any earlier file is "
                             "unchanged)\n")
    assert path.read_text() == "the old graph"
    assert sorted(p.name for p in network.iterdir() if p.name.startswith(".")) == []


def test_a_symlinked_output_is_written_through(tmp_path):
    real = tmp_path / "real.ics"
    real.write_text("old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    write_atomically(link, lambda out: out.write(b"new"))
    assert link.is_symlink() and real.read_text() == "new"


def test_a_failing_writer_leaves_nothing(tmp_path):
    def broken(out):
        out.write(b"half")
        raise ValueError("boom")

    with pytest.raises(ValueError):
        write_atomically(tmp_path / "x.ics", broken)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(OutputError, match="it is a folder"):
        write_atomically(tmp_path, lambda out: None)


# -- the calendar ------------------------------------------------------------------------------


@pytest.fixture
def groups(run, tmp_path):
    catalogue = tmp_path / "groups.csv"
    catalogue.write_text(
        "Name,Type,City,Cost,Meets,Duration (hours),Visitors,Contract,Salary range or career level\n"
        'Austin Data Breakfast,networking breakfast,"Austin, TX",free,every Tuesday 7am,1.5,yes,none,'
        "all levels\n",
        encoding="utf-8",
    )
    assert run("import", "groups", catalogue).exit_code == 0
    assert run("profile", "--home-city", "Austin, TX", "--hours", "10").exit_code == 0
    return tmp_path


def test_calendar_into_a_missing_folder_is_one_line_naming_the_file(run, groups):
    path = groups / "nowhere" / "groups.ics"
    result = run("groups", "--ics", path, "--from", "2026-03-01")
    assert result.exit_code == 1
    assert result.output.endswith(f"Error: cannot write {path}: the folder {path.parent} does not exist\n")


def test_calendar_on_a_full_disk_keeps_the_old_one(run, groups, monkeypatch):
    path = groups / "groups.ics"
    path.write_text("the old calendar")
    path.chmod(0o600)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("outreach.files.os.fsync", full)
    result = run("groups", "--ics", path, "--from", "2026-03-01")
    assert result.exit_code == 1
    assert f"Error: cannot write {path}: the disk is full" in result.output
    assert path.read_text() == "the old calendar"
    monkeypatch.undo()
    assert run("groups", "--ics", path, "--from", "2026-03-01").exit_code == 0
    assert path.read_text().startswith("BEGIN:VCALENDAR") and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in groups.iterdir() if p.name.endswith(".tmp")] == []
