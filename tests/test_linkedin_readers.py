"""The LinkedIn readers: every real-world shape of the export, read into people and statistics."""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from zipped import make_zip

from outreach.errors import InputError
from outreach.imports.linkedin.export import (
    ConnectionsRead,
    InvitationsRead,
    find_export_files,
    read_export,
    read_linkedin_file,
)
from outreach.imports.linkedin.files import export_date_from_name
from outreach.imports.linkedin.messages import MessagesRead
from outreach.imports.linkedin.values import iso_date, parse_datetime

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"


def read(name: str):
    return read_linkedin_file((FIXTURES / name).read_bytes(), name)


def records(result) -> list[dict]:
    """The people, statistics or invitations a reader found, as dicts."""
    rows = {ConnectionsRead: "people", MessagesRead: "stats", InvitationsRead: "invitations"}[type(result)]
    return [r._asdict() for r in getattr(result, rows)]


def people(result: ConnectionsRead) -> dict[str, dict]:
    return {f"{r['first_name']} {r['last_name']}".strip(): r for r in records(result)}



# -- Connections.csv ---------------------------------------------------------------------------


def test_2024_shape_with_notes_preamble():
    result = read("connections_2024.csv")
    assert isinstance(result, ConnectionsRead)
    assert result.generation.startswith("2024+") and "Notes:" in result.generation
    assert result.rows_read == 7
    assert result.skipped == {"private member (only a date)": 1, "same profile URL as an earlier row": 1}
    found = people(result)
    # The first of two rows with one URL is kept: exports are newest first.
    assert found["Jane Doe"]["position"] == "Senior Engineer"
    assert found["Jane Doe"]["person_key"] == "www.linkedin.com/in/jane-doe-1a2b3c"
    # Percent-encoded URL: kept as written, keyed decoded and lowercase.
    jorg = found["Jörg Müller"]
    assert jorg["profile_url"] == "https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-77/"
    assert jorg["person_key"] == "www.linkedin.com/in/jörg-müller-77"
    # Names, credentials, pronouns, emoji and quoted companies as written.
    assert found["Priya Sharma, PMP"]["company"] == "Stripe, Inc."
    assert found["Priya Sharma, PMP"]["position"] == 'Director of "Payments"'
    assert "Sam Lee (they/them)" in found and "Kim Park 🌱" in found
    assert found["Sam Lee (they/them)"]["email"] == "sam@example.com"
    assert found["Kim Park 🌱"]["connected_on"] == "2021-09-16"
    assert result.newest_connected_on == "2024-12-14"


def test_2018_shape():
    result = read("connections_2018.csv")
    assert result.generation.startswith("2018")
    assert result.rows_read == 6
    assert result.skipped == {"private member (only a date)": 1}
    found = records(result)
    anna = next(r for r in found if r["first_name"] == "Anna")
    assert anna["last_name"] == "Kreuzer, PhD"
    assert anna["connected_on"] == "2018-01-08"
    assert anna["email"] == "anna.kreuzer@example.org"
    assert anna["person_key"] == "name:anna kreuzer, phd|2018-01-08"
    # urn:li:member:... is an id, not an e-mail.
    smiths = [r for r in found if r["last_name"] == "Smith"]
    assert smiths and all(r["email"] is None for r in smiths)
    assert any("urn:li:member" in n for n in result.notes)


def test_same_name_and_date_are_two_people_not_one():
    result = read("connections_2018.csv")
    smiths = [r for r in records(result) if r["last_name"] == "Smith"]
    assert len(smiths) == 2
    assert len({r["person_key"] for r in smiths}) == 2
    assert {r["company"] for r in smiths} == {"Acme Corp", "Globex"}
    assert any("separate people" in n for n in result.notes)


def test_identical_rows_without_url_stay_apart():
    text = "First Name,Last Name,Email Address,Company,Position,Connected On\n" + "Jo,Bloggs,,Acme,Engineer,16 Sep 2021\n" * 2
    result = read_linkedin_file(text.encode(), "Connections.csv")
    assert len({r["person_key"] for r in records(result)}) == 2


def test_2020_2023_shape():
    result = read("connections_2021.csv")
    assert result.generation.startswith("2020-2023")
    assert result.encoding == "utf-8"
    found = records(result)
    assert [r["connected_on"] for r in found] == ["2021-09-16", "2021-03-02", "2020-12-05", "2020-12-05"]
    assert all(r["profile_url"] is None for r in found)
    # Two Jane Does, different dates: two people.
    assert sum(r["first_name"] == "Jane" for r in found) == 2


@pytest.mark.parametrize(
    "name,encoding,note",
    [
        ("connections_bom.csv", "utf-8-sig", None),
        ("connections_cp1252_semicolon.csv", "cp1252", "Windows-1252"),
        ("connections_utf16.csv", "utf-16", "tab-separated"),
    ],
)
def test_excel_resaved_files_read_the_same(name, encoding, note):
    result = read(name)
    assert result.encoding == encoding
    if note:
        assert any(note in n for n in result.notes)
    found = records(result)
    assert len(found) == 4
    assert "Zoë" in {r["first_name"] for r in found}  # the non-ASCII name survived the encoding
    # Excel turns "16 Sep 2021" into "16-Sep-21"; it is still the same day.
    assert found[0]["connected_on"] == "2021-09-16"


def test_kind_is_found_by_content_not_name():
    data = (FIXTURES / "connections_2021.csv").read_bytes()
    assert isinstance(read_linkedin_file(data, "export (3).csv"), ConnectionsRead)
    messages = (FIXTURES / "messages_2024.csv").read_bytes()
    assert isinstance(read_linkedin_file(messages, "Connections.csv"), MessagesRead)
    with pytest.raises(InputError, match="holds LinkedIn messages, not connections"):
        read_linkedin_file(messages, "Connections.csv", expect="connections")


def test_header_far_below_a_preamble():
    preamble = "".join(f"Some note line {i}\n" for i in range(20))
    text = preamble + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,https://linkedin.com/in/ab,,C,D,01 Jan 2024\n"
    result = read_linkedin_file(text.encode(), "Connections.csv")
    assert result.people[0].person_key == "www.linkedin.com/in/ab"


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_line_endings(line_end):
    text = line_end.join(
        ["Notes:", '"Some text."', "", "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
         'Ann,Lee,https://www.linkedin.com/in/ann,,"Acme, Inc.",CEO,01 Jan 2024', ""]
    )
    result = read_linkedin_file(text.encode(), "Connections.csv")
    assert [p.company for p in result.people] == ["Acme, Inc."]


def test_rows_with_extra_cells_are_counted_not_imported():
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CEO,01 Jan 2024\n"
        "Bob,Ray,https://www.linkedin.com/in/bob,,Acme, Inc,CTO,01 Jan 2024\n"
        "Cat,Fox,https://www.linkedin.com/in/cat,,Globex,CFO,01 Jan 2024,\n"  # a trailing comma is fine
    )
    for data in (text.encode(), text.encode("cp1252") + "Dé,Ng,,,,,\n".encode("cp1252")):
        result = read_linkedin_file(data, "Connections.csv")
        assert result.skipped["more cells than the header"] == 1
        assert "Bob" not in {p.first_name for p in result.people}
        assert {"Ann", "Cat"} <= {p.first_name for p in result.people}


def test_blank_rows_are_counted():
    text = "First Name,Last Name,Email Address,Company,Position,Connected On\n\nAnn,Lee,,Acme,CEO,01 Jan 2024\n,,,,,\n"
    result = read_linkedin_file(text.encode(), "Connections.csv")
    assert result.skipped == {"blank row": 2}
    assert result.rows_read == 3


def test_row_with_company_but_no_name_or_url_is_skipped_with_a_reason():
    text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n,,,,Acme,CEO,01 Jan 2024\n"
    result = read_linkedin_file(text.encode(), "Connections.csv")
    assert result.skipped == {"no name or profile URL": 1}
    assert result.people == []


def test_header_only_gives_nobody():
    result = read_linkedin_file(b"First Name,Last Name,Email Address,Company,Position,Connected On\n", "Connections.csv")
    assert result.people == [] and result.rows_read == 0


# -- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,iso",
    [
        ("1/8/18, 6:14 PM", "2018-01-08"),
        ("12/30/17, 9:02 AM", "2017-12-30"),
        ("16 Sep 2021", "2021-09-16"),
        ("2024-12-14", "2024-12-14"),
        ("2024-12-16 18:24:37 UTC", "2024-12-16"),
        ("16-Sep-21", "2021-09-16"),
        ("9/16/2021 18:14", "2021-09-16"),
        ("31/12/2021", "2021-12-31"),  # day/month only where month/day cannot be
        ("1/8/18,\u202f6:14\u202fPM", "2018-01-08"),
        ("", None),
        ("yesterday", None),
    ],
)
def test_dates(text, iso):
    assert iso_date(text) == iso
    assert (parse_datetime(text) is None) == (iso is None)


def test_export_date_from_names():
    assert export_date_from_name("Basic_LinkedInDataExport_01-15-2025.zip") == date(2025, 1, 15)
    assert export_date_from_name("Complete_LinkedInDataExport_12-01-2024 (1).zip.zip") == date(2024, 12, 1)
    assert export_date_from_name("Connections.csv", "Basic_LinkedInDataExport_03-02-2023") == date(2023, 3, 2)
    assert export_date_from_name("export_13-45-2024.zip") is None
    assert export_date_from_name("Connections.csv") is None


# -- messages.csv ------------------------------------------------------------------------------


def stats_of(result: MessagesRead) -> dict[str, dict]:
    return {r["person_key"]: r for r in records(result)}


@pytest.mark.parametrize("name", ["messages_2024.csv", "messages_2024_extra_columns.csv"])
def test_messages_2024(name):
    result = read(name)
    assert isinstance(result, MessagesRead)
    assert result.generation.startswith("2024+")
    assert result.owner_name == "Alex Moreno"
    assert result.rows_read == 13
    assert result.drafts == 1
    assert (result.group, result.group_messages) == (1, 3)
    stats = stats_of(result)
    jane = stats["www.linkedin.com/in/jane-doe-1a2b3c"]
    assert (jane["messages_sent"], jane["messages_received"]) == (2, 1)
    assert jane["first_message_at"] == "2024-11-01T17:30:00Z"
    assert jane["last_message_at"] == "2024-12-16T18:24:37Z"
    # The same person through a differently written URL (case, encoding) is one person.
    assert stats["www.linkedin.com/in/jörg-müller-77"]["messages_received"] == 1
    # A trailing ';' in the recipient list does not make a group thread.
    sam = stats["www.linkedin.com/in/samlee"]
    assert (sam["messages_sent"], sam["messages_received"]) == (1, 2)
    # Group threads, drafts and "LinkedIn Member" are not 1:1 contact.
    assert "www.linkedin.com/in/priya-sharma-pmp" not in stats
    assert "www.linkedin.com/in/kim-park-9" not in stats
    assert set(stats) == {
        "www.linkedin.com/in/jane-doe-1a2b3c", "www.linkedin.com/in/jörg-müller-77",
        "www.linkedin.com/in/rita-recruits", "www.linkedin.com/in/samlee",
    }
    assert stats["www.linkedin.com/in/rita-recruits"]["name"] == "Rita Recruiter"


def test_messages_2018():
    result = read("Messages_2018.csv")
    assert result.generation.startswith("2018")
    assert result.owner_name == "Alex Moreno"
    stats = stats_of(result)
    assert set(stats) == {"name:anna kreuzer, phd", "name:raj patel", "name:john smith"}
    anna = stats["name:anna kreuzer, phd"]
    assert (anna["messages_sent"], anna["messages_received"]) == (1, 1)
    raj = stats["name:raj patel"]  # one 1:1 message; the group message and the draft do not count
    assert (raj["messages_sent"], raj["messages_received"]) == (1, 0)
    assert raj["last_message_at"] == "2018-02-01T10:00:00Z"
    assert (result.group_messages, result.drafts) == (1, 1)


def test_messages_2018_without_direction_column():
    text = "From,To,Date,Subject,Content\nMe Myself,Ann Lee,2018-01-01 10:00:00 UTC,,hi\nAnn Lee,Me Myself,2018-01-02 10:00:00 UTC,,hi\nMe Myself,Bo Ray,2018-01-03 10:00:00 UTC,,hi\n"
    result = read_linkedin_file(text.encode(), "Messages.csv")
    assert result.owner_name == "Me Myself"
    stats = stats_of(result)
    assert (stats["name:ann lee"]["messages_sent"], stats["name:ann lee"]["messages_received"]) == (1, 1)
    assert stats["name:bo ray"]["messages_sent"] == 1


def test_messages_header_only():
    header = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
    result = read_linkedin_file(header.encode(), "messages.csv")
    assert result.stats == [] and result.conversations == 0


# -- Invitations.csv ---------------------------------------------------------------------------


def test_invitations():
    result = read("Invitations.csv")
    assert isinstance(result, InvitationsRead)
    found = {r["person_key"]: r for r in records(result)}
    rita = found["www.linkedin.com/in/rita-recruits"]
    assert (rita["direction"], rita["name"], rita["sent_at"]) == ("outgoing", "Rita Recruiter", "2024-12-16T18:24:00Z")
    assert found["www.linkedin.com/in/chris-wong-42"]["direction"] == "incoming"
    assert result.skipped == {"no Direction (INCOMING/OUTGOING)": 1}


# -- finding the files of an export ------------------------------------------------------------


def export_members() -> dict[str, bytes]:
    return {
        "Connections.csv": (FIXTURES / "connections_2024.csv").read_bytes(),
        "messages.csv": (FIXTURES / "messages_2024.csv").read_bytes(),
        "Invitations.csv": (FIXTURES / "Invitations.csv").read_bytes(),
    }


@pytest.mark.parametrize(
    "zip_name,prefix",
    [
        ("Basic_LinkedInDataExport_01-15-2025.zip", ""),
        ("Complete_LinkedInDataExport_01-15-2025 (1).zip", "Complete_LinkedInDataExport_01-15-2025/"),
        ("Basic_LinkedInDataExport_01-15-2025.zip.zip", "a/b/"),
        ("download", ""),  # no extension at all: recognised by its bytes
    ],
)
def test_zip_any_name_members_at_any_depth(tmp_path, zip_name, prefix):
    members = {prefix + name: data for name, data in export_members().items()}
    members[prefix + "Jobs/Job Applications.csv"] = b"Application Date,Company\n"
    members["__MACOSX/._Connections.csv"] = b"\x00\x05\x16\x07"
    files = find_export_files(make_zip(tmp_path / zip_name, members))
    assert files.shape == "zip"
    assert [m.kind for m in files.members] == ["connections", "messages", "invitations"]
    export = read_export(files)
    assert export.connections is not None and len(export.connections.people) == 5
    assert export.messages is not None and export.invitations is not None
    # No date in the name: the newest date in the files (a message of 16 Dec 2024).
    expected = date(2025, 1, 15) if "2025" in zip_name else date(2024, 12, 16)
    assert export.export_date()[0] == expected


def test_member_names_drift_in_case(tmp_path):
    members = {"CONNECTIONS.CSV": export_members()["Connections.csv"],
               "Messages.csv": (FIXTURES / "Messages_2018.csv").read_bytes()}
    export = read_export(find_export_files(make_zip(tmp_path / "e.zip", members)))
    assert export.connections is not None and export.messages is not None
    assert export.invitations is None  # optional members may be missing


def test_shallowest_member_wins(tmp_path):
    members = {"x/y/Connections.csv": b"junk", "x/Connections.csv": export_members()["Connections.csv"]}
    files = find_export_files(make_zip(tmp_path / "e.zip", members))
    assert files.members[0].path == "x/Connections.csv"
    assert any("2 files named like" in n for n in files.notes)


def test_zip_inside_a_zip(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("Connections.csv", export_members()["Connections.csv"])
    outer = make_zip(tmp_path / "outer.zip", {"Basic_LinkedInDataExport_02-03-2025.zip": inner.getvalue()})
    export = read_export(find_export_files(outer))
    assert export.connections is not None
    assert export.export_date()[0] == date(2025, 2, 3)


def test_unzipped_folder(tmp_path):
    folder = tmp_path / "Basic_LinkedInDataExport_01-15-2025"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "Connections.csv").write_bytes(export_members()["Connections.csv"])
    (folder / "messages.csv").write_bytes(export_members()["messages.csv"])
    files = find_export_files(folder)
    assert files.shape == "folder"
    export = read_export(files)
    assert export.connections is not None and export.messages is not None
    assert export.export_date() == (date(2025, 1, 15), "from the file name")


def test_a_folder_of_several_exports_is_refused_not_mixed(tmp_path):
    # The user's zip beside a friend's unzipped export: reading either silently could file the
    # friend's contacts as the user's.
    make_zip(tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip", export_members())
    (tmp_path / "friend").mkdir()
    (tmp_path / "friend" / "Connections.csv").write_bytes(export_members()["Connections.csv"])
    with pytest.raises(InputError, match=r"holds 2 LinkedIn exports \(Basic_LinkedInDataExport_01-15-2025.zip, friend/\)"):
        find_export_files(tmp_path)
    (tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip").unlink()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "Connections.csv").write_bytes(export_members()["Connections.csv"])
    with pytest.raises(InputError, match="holds 2 LinkedIn exports .*import each one by its own path"):
        find_export_files(tmp_path)


def test_a_folder_holding_one_export_zip_reads_it(tmp_path):
    make_zip(tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip", export_members())
    (tmp_path / "notes.zip").write_bytes(b"not a zip at all")  # not an export: ignored
    files = find_export_files(tmp_path)
    assert files.shape == "zip" and len(files.members) == 3
    assert files.export_date == date(2025, 1, 15)


def test_progress_is_reported_in_bytes(tmp_path):
    files = find_export_files(make_zip(tmp_path / "e.zip", export_members()))
    seen: list[int] = []
    read_export(files, advance=seen.append)
    assert sum(seen) == files.total_bytes and len(seen) == 3


@pytest.mark.parametrize(
    "name,message",
    [
        ("bad_empty.csv", "is empty"),
        ("bad_not_linkedin.csv", "is not a LinkedIn export file"),
        ("bad_binary.csv", "binary file"),
        ("bad_xlsx_renamed.csv", "Excel workbook"),
        ("bad_encoding.csv", "not UTF-8, UTF-16 or Windows-1252"),
        ("bad_truncated.zip", "damaged or incomplete zip"),
        ("bad_not_a_zip.zip", "is not a zip archive"),
        ("bad_no_connections.zip", "has no Connections.csv"),
    ],
)
def test_bad_input_raises_input_error_naming_the_file(name, message):
    with pytest.raises(InputError, match=message) as info:
        read_export(find_export_files(FIXTURES / name))
    assert name in str(info.value)


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        find_export_files(tmp_path / "nope.zip")


def test_folder_without_export_files(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match="has no Connections.csv"):
        find_export_files(tmp_path)


def test_bad_member_names_the_member_and_the_zip(tmp_path):
    members = export_members()
    members["messages.csv"] = b"\x00\x01\x02" * 500
    with pytest.raises(InputError, match=r"messages\.csv in .*e\.zip"):
        read_export(find_export_files(make_zip(tmp_path / "e.zip", members)))


def test_utf8_bom_with_invalid_bytes_is_an_input_error():
    with pytest.raises(InputError, match="Connections.csv"):
        read_linkedin_file(b"\xef\xbb\xbfFirst Name,Last Name\n\xff\xfe\xfa,x\n", "Connections.csv")


@pytest.fixture
def in_background(monkeypatch):
    """Read even small files in the forked child process, as big ones are: on any Linux machine
    (one core is made to look like two), and afterwards check that a child was started.
    Where there is no fork, check instead that the file was read here."""
    import os
    import sys

    import outreach.imports.linkedin.export as export

    monkeypatch.setattr(export, "BACKGROUND_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    started, start = [], export._Background
    monkeypatch.setattr(export, "_Background", lambda member: started.append(member) or start(member))
    yield export
    forks = sys.platform.startswith("linux")
    assert bool(started) == forks, f"a child was {'not ' * forks}started to read {started or 'the file'}"


def test_a_file_read_in_a_second_process_reads_the_same(tmp_path, in_background):
    files = find_export_files(make_zip(tmp_path / "e.zip", export_members()))
    here = {m.kind: in_background._read_member(m) for m in files.members}
    export = read_export(files)
    assert export.messages == here["messages"] and export.connections == here["connections"]
    assert export.messages.rows_read == 13


def test_a_damaged_member_read_in_a_second_process_is_reported(tmp_path, in_background):
    path = make_zip(tmp_path / "e.zip", export_members())
    data = bytearray(path.read_bytes())
    start = data.find(b"messages.csv") + len(b"messages.csv")  # inside the local header's data
    data[start + 10 : start + 60] = b"\xff" * 50
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="messages.csv in"):
        read_export(find_export_files(path))


def test_if_the_second_process_dies_the_file_is_read_here(tmp_path, in_background, monkeypatch):
    import os

    parent, read_here = os.getpid(), in_background._read_member

    def dies_in_the_child(member):
        if os.getpid() != parent:
            os._exit(3)
        return read_here(member)

    monkeypatch.setattr(in_background, "_read_member", dies_in_the_child)
    export = read_export(find_export_files(make_zip(tmp_path / "e.zip", export_members())))
    assert export.messages is not None and export.messages.rows_read == 13


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_forked_reader_ends_with_the_process_that_started_it(tmp_path):
    """Issue 14: after a SIGKILL of the import, its reader process does not read on for nobody."""
    import os
    import signal
    import time

    from outreach.imports.linkedin.export import die_with_parent

    pid_file = tmp_path / "reader.pid"
    middle = os.fork()
    if middle == 0:  # the import's process
        parent = os.getpid()
        reader = os.fork()
        if reader == 0:  # its reader
            die_with_parent(parent)
            pid_file.write_text(str(os.getpid()))
            time.sleep(60)
            os._exit(0)
        time.sleep(60)
        os._exit(0)
    deadline = time.monotonic() + 10
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.02)
    reader_pid = int(pid_file.read_text())
    os.kill(middle, signal.SIGKILL)
    os.waitpid(middle, 0)
    while time.monotonic() < deadline:
        try:
            os.kill(reader_pid, 0)
        except ProcessLookupError:
            return  # gone with its parent
        with open(f"/proc/{reader_pid}/stat") as stat:
            if stat.read().split(")")[-1].split()[0] == "Z":  # a zombie: dead, awaiting its reaper
                return
        time.sleep(0.05)
    raise AssertionError("the reader outlived the process that started it")


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path):
    """Issue 14: a small zip that would unpack to far more than it holds is refused by its
    directory, with one line; nothing of it is read into memory."""
    from outreach.imports.linkedin.files import BIG_MEMBER, check_unpacked

    path = tmp_path / "Basic_LinkedInDataExport_01-01-2026.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        archive.writestr("messages.csv", "CONVERSATION ID," + "x" * (BIG_MEMBER + 1024))
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError, match=r"messages.csv in .* would unpack to 16.0 MB from .* KB \(more than 100 times"):
        find_export_files(path)
    with pytest.raises(InputError, match="more than any LinkedIn export"):
        check_unpacked([("messages.csv", 3 << 30, 1 << 30)], "export.zip")
    check_unpacked([("messages.csv", 40 << 20, 4 << 20)], "export.zip")  # text, 10 to 1: fine
