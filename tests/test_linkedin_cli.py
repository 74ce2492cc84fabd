"""`outreach import linkedin` and `outreach contacts`, run as a user runs them."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from zipped import make_zip

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'


def connections_csv(*rows: str, preamble: bool = True) -> bytes:
    return ((PREAMBLE if preamble else "") + "\n".join([HEADER, *rows]) + "\n").encode()



def export_zip(folder: Path, date: str, connections: bytes, **more: bytes) -> Path:
    members = {"Connections.csv": connections}
    members.update({f"{k}.csv": v for k, v in more.items()})
    return make_zip(folder / f"Basic_LinkedInDataExport_{date}.zip", members)


def dump(workspace: Path) -> list[str]:
    """Every row of every table but the import log, to compare workspaces."""
    conn = sqlite3.connect(workspace / "outreach.db")
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    out = []
    for table in tables:
        if table in ("imports", "schema_migrations"):
            continue
        out += [f"{table}: {row}" for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
    conn.close()
    return out


def contacts_json(run, *args: str) -> list[dict]:
    result = run("contacts", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_name(rows: list[dict]) -> dict[str, dict]:
    return {f"{r['first_name']} {r['last_name']}": r for r in rows}


# -- the happy paths ---------------------------------------------------------------------------


def test_import_export_zip_and_list_contacts(run, tmp_path):
    path = export_zip(
        tmp_path, "01-15-2025", (FIXTURES / "connections_2024.csv").read_bytes(),
        messages=(FIXTURES / "messages_2024.csv").read_bytes(),
        Invitations=(FIXTURES / "Invitations.csv").read_bytes(),
    )
    result = run("import", "linkedin", path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Export date: 2025-01-15 (from the file name)" in out
    assert "Connections.csv in " + str(path) + ": LinkedIn Connections, 2025 export\n" in out
    assert "messages.csv in " + str(path) + ": LinkedIn messages, 2025 export\n" in out
    assert "encoding" not in out  # format details are for --verbose
    assert "7 rows read" in out
    assert "contacts: 5 new, 0 updated, 0 unchanged" in out
    assert "private member (only a date): 1" in out and "same profile URL as an earlier row: 1" in out
    assert "you are Alex Moreno" in out
    assert "not counted: 3 group messages, 1 draft" in out
    assert "messaged one-to-one: 4 people, 3 of them among the contacts" in out
    assert "invitations: 2 new" in out
    assert "Reading the export" not in result.output  # no progress bar off a terminal

    rows = contacts_json(run)
    assert len(rows) == 5
    jane = by_name(rows)["Jane Doe"]
    assert jane == {
        "id": jane["id"],
        "first_name": "Jane",
        "last_name": "Doe",
        "profile_url": "https://www.linkedin.com/in/jane-doe-1a2b3c",
        "email": None,
        "company": "Acme Corp",
        "position": "Senior Engineer",
        "connected_on": "2024-12-14",
        "owner": "me",
        "messages_sent": 2,
        "messages_received": 1,
        "first_message_at": "2024-11-01",
        "last_message_at": "2024-12-16",
    }
    assert by_name(rows)["Kim Park 🌱"]["last_message_at"] is None  # a draft is no message


@pytest.mark.parametrize(
    "fixture,generation,encoding",
    [
        ("connections_2018.csv", "2018", "utf-8"),
        ("connections_2021.csv", "2020-2023", "utf-8"),
        ("connections_2024.csv", "2024+", "utf-8"),
        ("connections_bom.csv", "2020-2023", "utf-8-sig"),
        ("connections_cp1252_semicolon.csv", "2020-2023", "cp1252"),
        ("connections_utf16.csv", "2020-2023", "utf-16"),
    ],
)
def test_every_connections_shape_imports(run, fixture, generation, encoding):
    result = run("import", "linkedin", FIXTURES / fixture, "--verbose")
    assert result.exit_code == 0, result.output
    assert f"  format: {generation}" in result.stdout
    assert f"; encoding {encoding}\n" in result.stdout
    if encoding == "cp1252":
        assert "Windows-1252" in result.stdout  # the fallback is said, not hidden
    assert contacts_json(run)


def test_reimporting_the_same_file_changes_nothing(run, workspace, tmp_path):
    path = export_zip(
        tmp_path, "01-15-2025", (FIXTURES / "connections_2024.csv").read_bytes(),
        messages=(FIXTURES / "messages_2024.csv").read_bytes(),
        Invitations=(FIXTURES / "Invitations.csv").read_bytes(),
    )
    assert run("import", "linkedin", path).exit_code == 0
    before = dump(workspace)
    again = run("import", "linkedin", path)
    assert again.exit_code == 0
    assert "contacts: 0 new, 0 updated, 5 unchanged" in again.stdout
    assert "message stats: 0 new, 0 updated, 4 unchanged" in again.stdout
    assert "invitations: 0 new, 0 updated, 2 unchanged" in again.stdout
    assert "job changes found: 0" in again.stdout
    assert dump(workspace) == before
    conn = sqlite3.connect(workspace / "outreach.db")
    imports = conn.execute("SELECT kind, sha256, summary_json FROM imports ORDER BY id").fetchall()
    assert [k for k, _, _ in imports] == ["connections", "messages", "invitations"] * 2
    assert len({s for _, s, _ in imports}) == 1
    summary = json.loads(imports[-3][2])
    assert summary["files"][0]["unchanged"] == 5 and summary["export_date"] == "2025-01-15"


def test_newer_export_records_job_changes(run, workspace, tmp_path):
    older = export_zip(tmp_path, "01-15-2025", connections_csv(
        "Jane,Doe,https://www.linkedin.com/in/jane,,Acme,Engineer,01 Jan 2020",
        "Ann,Lee,https://www.linkedin.com/in/ann,,Initech,Analyst,01 Jan 2020",
        "Bob,Ray,https://www.linkedin.com/in/bob,,Globex,Designer,01 Jan 2020",
    ))
    newer_folder = tmp_path / "new"
    newer_folder.mkdir()
    newer = export_zip(newer_folder, "06-30-2025", connections_csv(
        "Cat,Fox,https://www.linkedin.com/in/cat,,Umbrella,CEO,01 Jun 2025",
        "Jane,Doe,https://www.linkedin.com/in/jane,jane@example.com,Globex,Engineer,01 Jan 2020",
        "Ann,Lee,https://www.linkedin.com/in/ann,,Initech,Senior Analyst,01 Jan 2020",
        "Bob,Ray,https://www.linkedin.com/in/bob,,Globex,Designer,01 Jan 2020",
    ))
    assert run("import", "linkedin", older).exit_code == 0
    result = run("import", "linkedin", newer)
    assert result.exit_code == 0, result.output
    assert "contacts: 1 new, 2 updated, 1 unchanged" in result.stdout
    assert "job changes found: 1" in result.stdout and "promotions found: 1" in result.stdout
    assert "Jane Doe: Acme → Globex" in result.stdout
    conn = sqlite3.connect(workspace / "outreach.db")
    changes = conn.execute(
        "SELECT c.first_name, old_company, new_company, old_position, new_position, seen_on"
        " FROM job_changes j JOIN contacts c ON c.id = j.contact_id ORDER BY c.first_name"
    ).fetchall()
    assert changes == [
        ("Ann", "Initech", "Initech", "Analyst", "Senior Analyst", "2025-06-30"),
        ("Jane", "Acme", "Globex", "Engineer", "Engineer", "2025-06-30"),
    ]
    seen = dict(conn.execute("SELECT first_name, first_seen_on || ' ' || last_seen_on FROM contacts"))
    assert seen == {
        "Jane": "2025-01-15 2025-06-30", "Ann": "2025-01-15 2025-06-30",
        "Bob": "2025-01-15 2025-06-30", "Cat": "2025-06-30 2025-06-30",
    }
    jane = by_name(contacts_json(run, "globex"))["Jane Doe"]
    assert jane["email"] == "jane@example.com"

    # Importing the older export again afterwards changes nothing: newer details win.
    before = dump(workspace)
    again = run("import", "linkedin", older)
    assert "contacts: 0 new, 0 updated, 3 unchanged" in again.stdout
    assert "(kept the newer details): 3" in again.stdout
    assert dump(workspace) == before


def test_export_without_urls_then_with_urls_keeps_one_contact_per_person(run, tmp_path):
    old = tmp_path / "Basic_LinkedInDataExport_03-01-2022.zip"
    make_zip(old, {"Connections.csv": (FIXTURES / "connections_2021.csv").read_bytes()})
    new = export_zip(tmp_path, "01-15-2025", connections_csv(
        "Jane,Doe,https://www.linkedin.com/in/jane-doe,,Globex,Senior Engineer,16 Sep 2021",
        "Li,Wei,https://www.linkedin.com/in/li-wei,li.wei@example.cn,Stealth AI Startup,CTO,05 Dec 2020",
    ))
    assert run("import", "linkedin", old).exit_code == 0
    result = run("import", "linkedin", new)
    assert result.exit_code == 0, result.output
    assert "contacts: 0 new, 2 updated, 0 unchanged" in result.stdout
    assert "Jane Doe: Acme Corp → Globex" in result.stdout
    rows = contacts_json(run, "--all")  # with those no longer connected: two were not in the newer export
    assert len(rows) == 4  # the two Jane Does are still two people
    janes = [r for r in rows if r["first_name"] == "Jane"]
    assert {(r["company"], r["profile_url"]) for r in janes} == {
        ("Globex", "https://www.linkedin.com/in/jane-doe"), ("Initech", None)
    }


def test_2018_messages_join_contacts_on_a_unique_full_name(run, tmp_path):
    path = make_zip(tmp_path / "Basic_LinkedInDataExport_04-01-2018.zip", {
        "Connections.csv": (FIXTURES / "connections_2018.csv").read_bytes(),
        "Messages.csv": (FIXTURES / "Messages_2018.csv").read_bytes(),
    })
    result = run("import", "linkedin", path)
    assert result.exit_code == 0, result.output
    assert "messaged one-to-one: 3 people, 2 of them among the contacts" in result.stdout
    rows = by_name(contacts_json(run))
    anna = rows["Anna Kreuzer, PhD"]
    assert (anna["messages_sent"], anna["messages_received"]) == (1, 1)
    assert rows["Raj Patel"]["messages_sent"] == 1
    # Two contacts are called John Smith: the message is not given to either.
    smiths = [r for r in contacts_json(run) if r["last_name"] == "Smith"]
    assert [s["messages_sent"] for s in smiths] == [0, 0]


def test_messages_before_connections_are_joined_later(run, tmp_path):
    assert run("import", "linkedin", FIXTURES / "Messages_2018.csv").exit_code == 0
    assert run("import", "linkedin", FIXTURES / "connections_2018.csv").exit_code == 0
    anna = by_name(contacts_json(run))["Anna Kreuzer, PhD"]
    assert (anna["messages_sent"], anna["messages_received"]) == (1, 1)


def test_messages_reimport_replaces_stats(run, workspace, tmp_path):
    assert run("import", "linkedin", FIXTURES / "connections_2024.csv").exit_code == 0
    assert run("import", "linkedin", FIXTURES / "messages_2024.csv").exit_code == 0
    fewer = tmp_path / "messages.csv"
    with (FIXTURES / "messages_2024.csv").open(encoding="utf-8", newline="") as source:
        rows = [r for r in csv.reader(source) if r[0] != "2-jane" or r[8].startswith("Congrats")]
    with fewer.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    result = run("import", "linkedin", fewer)
    assert result.exit_code == 0, result.output
    assert "message stats: 0 new, 1 updated, 3 unchanged" in result.stdout
    jane = by_name(contacts_json(run))["Jane Doe"]
    assert (jane["messages_sent"], jane["messages_received"]) == (1, 0)


def test_owner_keeps_a_friends_contacts_apart(run, tmp_path):
    assert run("import", "linkedin", FIXTURES / "connections_2024.csv").exit_code == 0
    result = run("import", "linkedin", FIXTURES / "connections_2021.csv", "--owner", "Dana Whitfield")
    assert result.exit_code == 0, result.output
    assert "into the contacts of Dana Whitfield" in result.stdout
    rows = contacts_json(run)
    owners = {(r["first_name"], r["company"]): r["owner"] for r in rows}
    assert owners[("Jane", "Acme Corp")] in ("me", "Dana Whitfield")
    assert sorted(r["owner"] for r in rows).count("Dana Whitfield") == 4
    assert sorted(r["owner"] for r in rows).count("me") == 5
    # The same owner again, spelt in another case: the same owner, nothing new.
    again = run("import", "linkedin", FIXTURES / "connections_2021.csv", "--owner", "dana whitfield")
    assert "contacts: 0 new, 0 updated, 4 unchanged" in again.stdout
    table = run("contacts").stdout
    assert "Owner" in table and "Dana Whitfield" in table


def test_blank_owner_is_a_usage_error(run, workspace):
    result = run("import", "linkedin", FIXTURES / "connections_2024.csv", "--owner", "  ")
    assert result.exit_code == 2
    assert not workspace.exists()


def test_contacts_at_one_company(run):
    assert run("import", "linkedin", FIXTURES / "connections_2024.csv").exit_code == 0
    assert [r["first_name"] for r in contacts_json(run, "  acme   CORP ")] == ["Jane"]
    # Matched like a target (outreach/companies/matching.py): "Corp" is a legal form, "Acm" a mere substring.
    assert [r["first_name"] for r in contacts_json(run, "Acme")] == ["Jane"]
    assert contacts_json(run, "Acm") == []  # no substring matching
    table = run("contacts", "Stripe, Inc.")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["Name", "Company", "Position", "Connected", "Sent", "Recv", "Last", "message"]
    assert "Priya" in lines[1] and "1 contact" in table.stdout
    nowhere = run("contacts", "Nowhere").stdout
    assert "No contacts at Nowhere among your 5 contacts" in nowhere and "Import" not in nowhere


def test_contacts_at_a_misspelled_company_offers_the_nearest_names(run, tmp_path):
    """Someone who has imported is never told to import: the nearest names are offered."""
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,Google,Engineer,01 Mar 2024\n"
        "Ben,Okafor,https://www.linkedin.com/in/ben-okafor,,Google LLC,PM,02 Mar 2024\n"
        "Cleo,Park,https://www.linkedin.com/in/cleo-park,,Salesforce,AE,03 Mar 2024\n",
        encoding="utf-8",
    )
    assert run("import", "linkedin", export).exit_code == 0
    result = run("contacts", "Gogle Inc")  # one letter off: a review suggestion, listed as such
    assert result.exit_code == 0 and "Ana" in result.stdout
    result = run("contacts", "Googel Cloud Platform")
    assert result.exit_code == 0
    assert "No contacts at Googel Cloud Platform. Did you mean Google (2 contacts)?" in result.stdout
    assert 'Try: outreach contacts "Google"' in result.stdout
    assert "Import" not in result.stdout
    tableau = run("contacts", "Tableau").stdout  # Salesforce owns Tableau: a question, marked so
    assert "Cleo Park" in tableau and "review" in tableau
    nowhere = run("contacts", "Quillbot").stdout
    assert "No contacts at Quillbot among your 3 contacts" in nowhere


def test_contacts_without_a_workspace(run, workspace):
    result = run("contacts")
    assert result.exit_code == 1
    assert "no workspace" in result.stderr
    assert not workspace.exists()


# -- bad input ---------------------------------------------------------------------------------

BAD = [
    ("bad_empty.csv", "is empty"),
    ("bad_not_linkedin.csv", "not a LinkedIn export file"),
    ("bad_binary.csv", "binary file"),
    ("bad_truncated.zip", "damaged or incomplete zip"),
    ("bad_not_a_zip.zip", "not a zip archive"),
    ("bad_no_connections.zip", "has no Connections.csv"),
    ("bad_xlsx_renamed.csv", "Excel workbook"),
    ("missing/Connections.csv", "does not exist"),
    ("bad_encoding.csv", "not UTF-8, UTF-16 or Windows-1252"),
]


def _assert_one_line_error(result, name: str, message: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert name in lines[0] and message in lines[0]
    rest = lines[0].split(message, 1)[1]
    assert ": " in rest or "; " in rest  # ... and then what to do
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("name,message", BAD)
def test_bad_input_leaves_no_workspace_behind(run, workspace, name, message):
    result = run("import", "linkedin", FIXTURES / name)
    _assert_one_line_error(result, name, message)
    assert not workspace.exists()


@pytest.mark.parametrize("name,message", BAD)
def test_bad_input_leaves_the_workspace_unchanged(run, workspace, name, message):
    assert run("import", "linkedin", FIXTURES / "connections_2024.csv").exit_code == 0
    before = dump(workspace)
    result = run("import", "linkedin", FIXTURES / name)
    _assert_one_line_error(result, name, message)
    assert dump(workspace) == before


def test_a_bad_member_fails_the_whole_import(run, workspace, tmp_path):
    assert run("import", "linkedin", FIXTURES / "connections_2021.csv").exit_code == 0
    before = dump(workspace)
    path = export_zip(
        tmp_path, "01-15-2025", (FIXTURES / "connections_2024.csv").read_bytes(),
        messages=(FIXTURES / "bad_binary.csv").read_bytes(),
    )
    result = run("import", "linkedin", path)
    _assert_one_line_error(result, "messages.csv in", "binary file")
    assert dump(workspace) == before


def test_a_failure_while_writing_rolls_everything_back(run, workspace, monkeypatch):
    assert run("import", "linkedin", FIXTURES / "connections_2021.csv").exit_code == 0
    before = dump(workspace)
    import outreach.linkedin.apply

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(outreach.linkedin.apply, "_apply_invitations", broken)
    folder = workspace.parent / "Basic_LinkedInDataExport_01-15-2025"
    folder.mkdir()
    for name in ("connections_2024.csv", "Invitations.csv"):
        shutil.copy(FIXTURES / name, folder / ("Connections.csv" if name.startswith("conn") else name))
    result = run("import", "linkedin", folder)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert dump(workspace) == before


# -- the largest file read in a second process, while the others are written ------------------


@pytest.fixture
def in_background(monkeypatch):
    """Read the largest file of an export in a forked child, as for a big export: on any Linux
    machine (one core is made to look like two), and afterwards check that a child was started.
    Where there is no fork, check instead that the file was read here."""
    import os
    import sys

    import outreach.imports.linkedin.export as export

    monkeypatch.setattr(export, "BACKGROUND_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    started, start = [], export._Background
    monkeypatch.setattr(export, "_Background", lambda member: started.append(member) or start(member))
    yield
    forks = sys.platform.startswith("linux")
    assert bool(started) == forks, f"a child was {'not ' * forks}started to read {started or 'the file'}"


def big_messages(tmp_path: Path, messages: bytes) -> Path:
    """An export whose messages.csv is its largest file (the one read in the background)."""
    connections = (FIXTURES / "connections_2024.csv").read_bytes()
    assert len(messages) > len(connections)
    return export_zip(tmp_path, "01-15-2025", connections, messages=messages,
                      Invitations=(FIXTURES / "Invitations.csv").read_bytes())


def test_an_export_read_in_the_background_imports_the_same(run, workspace, tmp_path, in_background, monkeypatch):
    import outreach.imports.linkedin.export

    path = big_messages(tmp_path, (FIXTURES / "messages_2024.csv").read_bytes())
    monkeypatch.setattr(outreach.imports.linkedin.export, "BACKGROUND_BYTES", 1 << 40)  # read it here first
    assert run("import", "linkedin", path).exit_code == 0
    expected = dump(workspace)
    shutil.rmtree(workspace)
    monkeypatch.setattr(outreach.imports.linkedin.export, "BACKGROUND_BYTES", 0)
    result = run("import", "linkedin", path)
    assert result.exit_code == 0, result.output
    assert "message stats: 4 new" in result.stdout
    assert dump(workspace) == expected


def test_a_bad_file_found_in_the_background_leaves_no_workspace_behind(run, workspace, tmp_path, in_background):
    path = big_messages(tmp_path, (FIXTURES / "bad_binary.csv").read_bytes() * 20)
    result = run("import", "linkedin", path)
    _assert_one_line_error(result, "messages.csv in", "binary file")
    assert not workspace.exists()


def test_a_bad_file_found_in_the_background_leaves_the_workspace_unchanged(run, workspace, tmp_path, in_background):
    assert run("import", "linkedin", FIXTURES / "connections_2021.csv").exit_code == 0
    before = dump(workspace)
    path = big_messages(tmp_path, (FIXTURES / "bad_binary.csv").read_bytes() * 20)
    result = run("import", "linkedin", path)
    _assert_one_line_error(result, "messages.csv in", "binary file")
    assert dump(workspace) == before


def test_a_folder_made_for_the_workspace_is_kept_if_it_held_something(run, workspace, tmp_path, in_background):
    workspace.mkdir()
    (workspace / "notes.txt").write_text("mine")
    path = big_messages(tmp_path, (FIXTURES / "bad_binary.csv").read_bytes() * 20)
    assert run("import", "linkedin", path).exit_code == 1
    assert sorted(p.name for p in workspace.iterdir()) == ["notes.txt"]


def test_importing_an_export_loads_neither_pandas_nor_numpy_here(tmp_path):
    """The result of the second process unpickles without numpy; pandas is never needed."""
    import subprocess
    import sys

    path = big_messages(tmp_path, (FIXTURES / "messages_2024.csv").read_bytes())
    code = (
        "import os, sys, outreach.imports.linkedin.export as L\n"
        "L.BACKGROUND_BYTES = 0\n"
        "os.cpu_count = lambda: 2  # a child is started on one core too\n"
        "started, start = [], L._Background\n"
        "L._Background = lambda member: started.append(member) or start(member)\n"
        "from outreach.cli import main\n"
        f"sys.argv = ['outreach', '--workspace', {str(tmp_path / 'ws')!r}, 'import', 'linkedin', {str(path)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(len(started), sorted(m for m in ('pandas', 'numpy', 'pyarrow') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "message stats: 4 new" in result.stdout
    children = 1 if sys.platform.startswith("linux") else 0  # elsewhere it is read here
    assert result.stdout.strip().splitlines()[-1] == f"{children} []"


def test_a_later_messages_file_says_whom_it_no_longer_has_and_a_header_alone_wipes_nothing(run, workspace, tmp_path):
    """(Found by a tester: a person dropped from messages.csv went without a word, and a
    messages.csv of only its header, imported over a full one, emptied the history.)"""
    full = (FIXTURES / "messages_2024.csv").read_bytes()
    assert run("import", "linkedin", export_zip(tmp_path, "01-15-2025", (FIXTURES / "connections_2024.csv")
                                                .read_bytes(), messages=full)).exit_code == 0
    before = dump(workspace)
    header = full.splitlines(keepends=True)[0]
    (tmp_path / "later").mkdir()
    only_header = export_zip(tmp_path / "later", "02-15-2025", (FIXTURES / "connections_2024.csv").read_bytes(),
                             messages=header)
    result = run("import", "linkedin", only_header)
    assert result.exit_code == 0
    assert "holds no messages, only its header: the message history of 4 people stored before is kept" in result.stdout
    assert [r for r in dump(workspace) if "message_stats" in r] == [r for r in before if "message_stats" in r]
    # Without the messages of one person (every row naming them left out): "1 removed".
    import io

    rows = list(csv.reader(io.StringIO(full.decode(), newline="")))
    kept = [r for r in rows if r[0] != "2-jane"]  # Jane Doe's conversation
    assert len(kept) < len(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(kept)
    (tmp_path / "fewer").mkdir()
    fewer = export_zip(tmp_path / "fewer", "03-15-2025", (FIXTURES / "connections_2024.csv").read_bytes(),
                       messages=out.getvalue().encode())
    result = run("import", "linkedin", fewer)
    assert result.exit_code == 0
    assert ", 1 removed" in result.stdout


def test_a_messages_file_of_one_group_conversation_claims_nobody_as_you(run, tmp_path):
    """(Found by a tester: three people of one group thread, one message each, made the first
    of them 'you', and the user's own export was then refused as someone else's.)"""
    head = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
            "CONTENT,FOLDER\r\n")
    people = [("Lars Eriksson", "lars-eriksson"), ("Riley Quinn", "riley-quinn-dev"), ("Mei Chen", "mei-chen-ux")]
    rows = [f'2-grp,Data meetup crew,{name},https://www.linkedin.com/in/{slug},"{", ".join(n for n, _ in people if n != name)}",'
            f'"{",".join("https://www.linkedin.com/in/" + s for _, s in people if s != slug)}",'
            f"2024-12-0{i + 1} 08:00:00 UTC,,Count me in.,INBOX\r\n" for i, (name, slug) in enumerate(people)]
    path = tmp_path / "messages.csv"
    path.write_text(head + "".join(rows))
    result = run("import", "linkedin", path)
    assert result.exit_code == 0 and "you are not recognisable" in result.stdout
    mine = head + ("2-one,,Riley Quinn,https://www.linkedin.com/in/riley-quinn-dev,Mei Chen,"
                   "https://www.linkedin.com/in/mei-chen-ux,2025-01-02 09:00:00 UTC,,Coffee?,INBOX\r\n"
                   "2-two,,Riley Quinn,https://www.linkedin.com/in/riley-quinn-dev,Lars Eriksson,"
                   "https://www.linkedin.com/in/lars-eriksson,2025-01-03 09:00:00 UTC,,Hi Lars,INBOX\r\n")
    (tmp_path / "later").mkdir()
    export = export_zip(tmp_path / "later", "02-03-2025", connections_csv(
        "Lars,Eriksson,https://www.linkedin.com/in/lars-eriksson,,Acme,Engineer,01 Mar 2024",
        "Mei,Chen,https://www.linkedin.com/in/mei-chen-ux,,Globex,Designer,02 Mar 2024"), messages=mine.encode())
    result = run("import", "linkedin", export)
    assert result.exit_code == 0, result.output
    assert "you are Riley Quinn" in result.stdout


def test_an_older_messages_export_after_a_newer_one_keeps_the_newer_history(run, workspace, tmp_path):
    """(Found by a tester: an older export imported after a newer one rolled each person's last
    message back.) Like Connections.csv, an older export never undoes a newer one."""
    full = (FIXTURES / "messages_2024.csv").read_bytes()
    newer = full + (b"2-jane,,Alex Moreno,https://www.linkedin.com/in/alex-moreno,Jane Doe,"
                    b"https://www.linkedin.com/in/jane-doe-1a2b3c,2025-03-01 10:00:00 UTC,,Any news?,INBOX,No,No\r\n"
                    )
    connections = (FIXTURES / "connections_2024.csv").read_bytes()
    assert run("import", "linkedin", export_zip(tmp_path, "03-02-2025", connections, messages=newer)).exit_code == 0
    before = [r for r in dump(workspace) if "message_stats" in r]
    (tmp_path / "old").mkdir()
    result = run("import", "linkedin", export_zip(tmp_path / "old", "01-15-2025", connections, messages=full))
    assert result.exit_code == 0
    assert ("is from an export of 2025-01-15, older than the message history stored (from 2025-03-02): the newer "
            "history of 4 people is kept") in result.stdout
    assert [r for r in dump(workspace) if "message_stats" in r] == before


def test_a_bare_messages_file_that_ends_earlier_is_still_imported_with_a_note(run, workspace, tmp_path):
    """A messages.csv without a dated file name is dated by its newest message, which a newer
    export lacks when its newest conversation was deleted: it is imported, and the note says
    what to do if it really is older."""
    full = (FIXTURES / "messages_2024.csv").read_bytes()
    newer = full + (b"2-jane,,Alex Moreno,https://www.linkedin.com/in/alex-moreno,Jane Doe,"
                    b"https://www.linkedin.com/in/jane-doe-1a2b3c,2025-03-01 10:00:00 UTC,,Any news?,INBOX,No,No\r\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "messages.csv").write_bytes(newer)
    (tmp_path / "b" / "messages.csv").write_bytes(full)
    assert run("import", "linkedin", tmp_path / "a" / "messages.csv").exit_code == 0
    result = run("import", "linkedin", tmp_path / "b" / "messages.csv")
    assert result.exit_code == 0
    assert "message stats: 0 new, 1 updated" in result.stdout
    assert "ends before the message history stored (from an export of 2025-03-01)" in result.stdout


def test_a_messages_file_of_one_recruiters_message_does_not_make_the_recruiter_you(run, tmp_path):
    """(Found by a tester: whoever wrote more in a file of one conversation became 'you', and the
    user's own export was then refused.)"""
    head = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
            "CONTENT,FOLDER\r\n")
    path = tmp_path / "messages.csv"
    path.write_text(head + "2-rec,,Sam Park,https://www.linkedin.com/in/sam-park-talent,Riley Quinn,"
                    "https://www.linkedin.com/in/riley-quinn-dev,2025-01-05 09:00:00 UTC,,"
                    "\"Hi Riley, are you open to new roles?\",INBOX\r\n")
    result = run("import", "linkedin", path)
    assert result.exit_code == 0 and "you are not recognisable" in result.stdout
    assert "1 conversation: 1 one-to-one, 0 group" in result.stdout
    assert "does not show which of its people is you" in result.stdout
    mine = head + ("2-one,,Riley Quinn,https://www.linkedin.com/in/riley-quinn-dev,Mei Chen,"
                   "https://www.linkedin.com/in/mei-chen-ux,2025-01-02 09:00:00 UTC,,Coffee?,INBOX\r\n"
                   "2-two,,Riley Quinn,https://www.linkedin.com/in/riley-quinn-dev,Sam Park,"
                   "https://www.linkedin.com/in/sam-park-talent,2025-01-06 09:00:00 UTC,,Yes!,INBOX\r\n")
    (tmp_path / "later").mkdir()
    result = run("import", "linkedin", export_zip(tmp_path / "later", "02-03-2025", connections_csv(
        "Mei,Chen,https://www.linkedin.com/in/mei-chen-ux,,Globex,Designer,02 Mar 2024"), messages=mine.encode()))
    assert result.exit_code == 0, result.output
    assert "you are Riley Quinn" in result.stdout


def test_a_header_only_messages_file_does_not_date_the_stored_history(run, workspace, tmp_path):
    """(Found by a tester: a header-only messages.csv of a newer export kept a later import of an
    export older than it, but newer than the history, out.)"""
    full = (FIXTURES / "messages_2024.csv").read_bytes()
    connections = (FIXTURES / "connections_2024.csv").read_bytes()
    for folder, date, messages in (("a", "01-10-2025", full), ("b", "03-01-2025", full.splitlines(True)[0])):
        (tmp_path / folder).mkdir()
        assert run("import", "linkedin", export_zip(tmp_path / folder, date, connections,
                                                    messages=messages)).exit_code == 0
    (tmp_path / "c").mkdir()
    result = run("import", "linkedin", export_zip(tmp_path / "c", "02-03-2025", connections, messages=full))
    assert result.exit_code == 0
    assert "older than the message history" not in result.stdout
    assert "message stats: 0 new, 0 updated, 4 unchanged" in result.stdout


def test_a_messages_file_of_one_conversation_is_read_when_the_stored_contacts_confirm_whose(run, tmp_path):
    """Nobody is in two conversations, but the one who wrote more is not a contact and the
    other is: the guess stands, and the messages count."""
    connections = tmp_path / "Connections.csv"
    connections.write_bytes(connections_csv("Dana,Whitfield,https://www.linkedin.com/in/dana-whitfield-3c,,Acme,"
                                            "Engineer,01 Mar 2024", preamble=False))
    assert run("import", "linkedin", connections).exit_code == 0
    messages = tmp_path / "messages.csv"
    messages.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,"
        "FOLDER\r\n"
        "2-d,,Riley Quinn,https://www.linkedin.com/in/riley-quinn-dev,Dana Whitfield,"
        "https://www.linkedin.com/in/dana-whitfield-3c,2025-01-11 08:00:00 UTC,,Thanks for connecting,INBOX\r\n"
        "2-d,,Riley Quinn,https://www.linkedin.com/in/riley-quinn-dev,Dana Whitfield,"
        "https://www.linkedin.com/in/dana-whitfield-3c,2025-01-10 08:00:00 UTC,,Hi Dana,INBOX\r\n"
        "2-d,,Dana Whitfield,https://www.linkedin.com/in/dana-whitfield-3c,Riley Quinn,"
        "https://www.linkedin.com/in/riley-quinn-dev,2025-01-12 09:00:00 UTC,,Sure,INBOX\r\n")
    result = run("import", "linkedin", messages)
    assert result.exit_code == 0
    assert "you are Riley Quinn" in result.stdout
    assert "messaged one-to-one: 1 person, 1 of them among the contacts" in result.stdout
