"""messages.csv read in bounded memory (issue 14): the readers stream the file, keep only the
bodies that may offer help, and read re-saved files (UTF-16, semicolons, NUL bytes, an unclosed
quote) the same way as before, without ever holding a copy of the file's text."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach.errors import InputError
from outreach.imports.linkedin.bodies import keep_matching
from outreach.imports.linkedin.coded import read_coded_messages
from outreach.imports.linkedin.csvfile import _CHUNK_ROWS, read_linkedin_csv
from outreach.imports.linkedin.messages import read_messages
from outreach.imports.linkedin.offers import OFFER_FILTER
from outreach.imports.tabular import CsvRows, decode_bytes, text_encoding

HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
          "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
          "IS CONVERSATION DRAFT"]
ME = ("Alex Moreno", "https://www.linkedin.com/in/alex-moreno")
BODIES = ["Thanks, talk soon!", "Happy to refer you to the data team, send me your CV",
          "Any news on the role?", "I can put in a good word for you with Lena",
          "Un café la semaine prochaine ? 😀", "See you at the meetup"]


def conversation_rows(people: int) -> list[list[str]]:
    """Each person writes the owner three messages and gets two back."""
    rows = []
    for n in range(people):
        them = (f"Person {n}", f"https://www.linkedin.com/in/person-{n}")
        for m in range(5):
            who, to = (them, ME) if m % 2 == 0 else (ME, them)
            rows.append([f"conv-{n}", "", who[0], who[1], to[0], to[1],
                         f"2025-{1 + m:02d}-{1 + n % 28:02d} 10:00:00 UTC", "",
                         BODIES[(n + m) % len(BODIES)], "INBOX", "No", "No"])
    return rows


def csv_bytes(rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def test_only_the_bodies_that_may_offer_help_are_kept_on_both_paths():
    rows = conversation_rows(3 * _CHUNK_ROWS // 5)  # three chunks and a part
    data = csv_bytes(rows)
    offering = [i for i, row in enumerate(rows) if "refer" in row[8] or "good word" in row[8]]
    fast = read_coded_messages(data, "messages.csv")
    careful = read_linkedin_csv(data.replace(b",", b";"), "messages.csv", expect="messages")
    assert fast is not None
    for bodies in (fast.bodies["content"], careful.bodies["content"]):
        assert bodies.rows == offering  # row numbers across chunk boundaries
        assert all("refer" in c or "good word" in c for c in bodies.cells)
    assert careful.rows == len(rows) and "content" not in careful.columns


@pytest.mark.parametrize("encoding,delimiter", [("utf-16", "\t"), ("utf-8-sig", ";"), ("cp1252", ",")])
def test_a_resaved_messages_file_reads_as_the_original(encoding, delimiter):
    rows = conversation_rows(40)
    if encoding == "cp1252":  # Windows-1252 has no emoji
        rows = [[c.replace("😀", "") for c in row] for row in rows]
    original = read_messages(read_linkedin_csv(csv_bytes(rows), "messages.csv", expect="messages"))
    resaved = read_messages(read_linkedin_csv(csv_bytes(rows, delimiter=delimiter, encoding=encoding),
                                              "messages.csv", expect="messages"))
    assert resaved.stats == original.stats
    offered = {s.person_key for s in original.stats if s.offered_help_at}
    assert 0 < len(offered) < 40  # some wrote "happy to refer you", others only chatted


def test_nul_bytes_are_dropped_and_an_unclosed_quote_is_named():
    long = csv_bytes(conversation_rows(600))  # a NUL past the head the file kind is told from
    with_nuls = long.replace(b"Person 599", b"Per\x00son 599")
    table = read_linkedin_csv(with_nuls, "messages.csv", expect="messages")
    assert "Person 599" in table.columns["from"] and table.rows == 3000
    data = csv_bytes(conversation_rows(4))
    line = b"conv-9,,Sam Lee,,Alex Moreno,,2025-01-01 10:00:00 UTC,,hi,INBOX,No,No\r\n"
    broken = data + line.replace(b"hi", b'"hi') + line * 2  # the quote before hi never closes
    for encoding in ("utf-8", "utf-16"):
        with pytest.raises(InputError, match=r"messages\.csv, line 22: a quote mark opens a cell"):
            read_linkedin_csv(broken.decode().encode(encoding), "messages.csv", expect="messages")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-16")))
def test_the_encoding_found_without_decoding_the_file_decodes_it(data):
    try:
        encoding, _ = text_encoding(data, "x.csv")
    except InputError as exc:
        assert "x.csv" in str(exc)
        return
    assert decode_bytes(data, "x.csv")[0] == data.decode(encoding)
    rows = CsvRows(data, encoding, ",")
    try:
        list(rows)
    except csv.Error:
        return
    assert rows.unclosed_quote_line() is None or data.count(b'"') % 2 == 1 or encoding.startswith("utf-16")
    lines = rows.swallowed_lines()
    assert lines is None or (1 <= lines[0] < lines[1] and b'"' in data)


@settings(deadline=None)  # the first call imports pyarrow
@given(st.lists(st.sampled_from(BODIES + ["", "&lt;p&gt;", "happy&nbsp;to&nbsp;refer you"]), max_size=40))
def test_keep_matching_finds_what_the_pattern_finds(cells):
    import re

    python = re.compile(OFFER_FILTER, re.IGNORECASE)
    assert keep_matching(cells, OFFER_FILTER) == [i for i, c in enumerate(cells) if python.search(c)]


def _zip(path, members: dict[str, bytes]):
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("shape", ["plain", "semicolons", "utf-16"])
def test_a_zipped_messages_file_is_streamed_and_reads_as_the_unzipped_one(tmp_path, shape):
    from outreach.imports.linkedin.export import read_export
    from outreach.imports.linkedin.files import find_export_files

    rows = conversation_rows(300)
    data = {"plain": csv_bytes(rows), "semicolons": csv_bytes(rows, delimiter=";"),
            "utf-16": csv_bytes(rows, delimiter="\t", encoding="utf-16")}[shape]
    connections = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + b"".join(
        f"Person,{n},https://www.linkedin.com/in/person-{n},,Acme,Engineer,01 Jan 2025\n".encode()
        for n in range(300))
    zipped = _zip(tmp_path / "Basic_LinkedInDataExport_01-02-2026.zip",
                  {"Connections.csv": connections, "messages.csv": data})
    folder = tmp_path / "unzipped"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(connections)
    (folder / "messages.csv").write_bytes(data)
    from_zip = read_export(find_export_files(zipped)).messages
    from_folder = read_export(find_export_files(folder)).messages
    assert from_zip is not None and from_folder is not None
    assert from_zip.stats == from_folder.stats and len(from_zip.stats) == 300


def test_a_damaged_zipped_messages_file_is_one_clear_error(run, tmp_path, workspace):
    data = csv_bytes(conversation_rows(400))
    path = _zip(tmp_path / "Basic_LinkedInDataExport_01-02-2026.zip", {
        "Connections.csv": b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                           b"Jane,Doe,https://www.linkedin.com/in/jane,,Acme,CEO,01 Jan 2025\n",
        "messages.csv": data})
    raw = bytearray(path.read_bytes())
    local = raw.find(b"messages.csv") + len("messages.csv")  # its local header, then its data
    raw[local + 2000 : local + 2400] = bytes(400)  # zeros in the middle of the deflated data
    path.write_bytes(bytes(raw))
    result = run("import", "linkedin", str(path))
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "messages.csv" in lines[0] and "cannot be unpacked" in lines[0], result.output
    assert not (workspace / "outreach.db").exists()


def _lying_zip(path, real: bytes, declared: int):
    """A zip whose messages.csv holds ``real`` but whose headers say it unpacks to ``declared``
    bytes (as a crafted file can)."""
    import struct
    import zipfile
    import zlib as z

    packed = z.compressobj(9, z.DEFLATED, -15)
    data = packed.compress(real) + packed.flush()
    name = b"messages.csv"
    crc = z.crc32(real)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), declared, len(name), 0)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), declared,
                          len(name), 0, 0, 0, 0, 0, 0)
    body = local + name + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central) + len(name), len(body), 0)
    path.write_bytes(body + central + name + end)
    assert zipfile.ZipFile(path).getinfo("messages.csv").file_size == declared
    return path


def test_a_member_that_lies_about_its_size_is_refused_without_unpacking_what_it_holds(tmp_path):
    import tracemalloc
    import zipfile

    from outreach.imports.linkedin.files import ZipMember

    path = _lying_zip(tmp_path / "bomb.zip", csv_bytes([]) + b"\n" * (200 << 20), declared=1 << 20)
    member = ZipMember(path.read_bytes(), "messages.csv", "bomb.zip")
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"^messages\.csv in bomb\.zip cannot be unpacked \(Bad CRC-32"):
            member()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 << 20  # 200 MB inside; zipfile.read() alone would make it all
    assert zipfile.ZipFile(path).getinfo("messages.csv").file_size == 1 << 20


def test_unzipping_troubles_are_named_in_words(tmp_path):
    import zipfile

    from outreach.imports.linkedin.files import ZipMember

    good = _zip(tmp_path / "good.zip", {"messages.csv": csv_bytes(conversation_rows(200))})
    raw = bytearray(good.read_bytes())
    deflate64 = bytearray(raw)
    deflate64[8] = 9  # the local header's method: Deflate64, as Windows Explorer packs big zips
    central = deflate64.find(b"PK\x01\x02")
    deflate64[central + 10] = 9
    with pytest.raises(InputError, match=r"packed in a way this tool cannot unpack .*give the folder"):
        ZipMember(bytes(deflate64), "messages.csv", "x.zip")()
    info = zipfile.ZipFile(good).getinfo("messages.csv")
    start = info.header_offset + 30 + len("messages.csv")
    cut = bytes(raw[: start + info.compress_size // 2]) + bytes(raw[start + info.compress_size:])
    with pytest.raises(InputError, match=r"cannot be unpacked \((its packed data ends early|.+)\)"):
        ZipMember(_shift_directory(cut, info.compress_size - info.compress_size // 2), "messages.csv", "x.zip")()


def _shift_directory(data: bytes, removed: int) -> bytes:
    """The end-of-directory record's offset of the central directory moved back by ``removed``."""
    import struct

    end = data.rfind(b"PK\x05\x06")
    offset = struct.unpack_from("<I", data, end + 16)[0]
    return data[: end + 16] + struct.pack("<I", offset - removed) + data[end + 20 :]


def test_blank_lines_are_counted_not_kept(tmp_path):
    """15 MB of newlines would be 15 million rows of empty cells (a hostile-input trial)."""
    rows = conversation_rows(3)
    data = csv_bytes(rows[:5]) + b"\r\n" * 200_000 + csv_bytes(rows[5:]).split(b"\r\n", 1)[1]
    table = read_linkedin_csv(data, "messages.csv", expect="messages")
    assert table.rows == 15 and table.blank_rows == 200_000
    assert all(len(cells) == 15 for cells in table.columns.values())
    read = read_messages(table)
    assert read.skipped["blank row"] == 200_000 and len(read.stats) == 3


def test_a_file_longer_than_any_export_is_refused_while_it_is_read(monkeypatch):
    import outreach.imports.linkedin.coded as coded_module
    import outreach.imports.linkedin.csvfile as csvfile_module

    monkeypatch.setattr(csvfile_module, "MAX_ROWS", 5_000)
    monkeypatch.setattr(coded_module, "MAX_ROWS", 5_000)
    data = csv_bytes(conversation_rows(1_200))  # 6,000 rows
    with pytest.raises(InputError, match=r"^messages\.csv: more than 5,000 rows, where a LinkedIn export"):
        read_coded_messages(data, "messages.csv")
    with pytest.raises(InputError, match=r"^messages\.csv: more than 5,000 rows"):
        read_linkedin_csv(data.replace(b",", b";"), "messages.csv", expect="messages")


def test_a_header_wider_than_any_export_and_a_cell_longer_than_any_message_are_refused_in_words():
    wide = (",".join(HEADER) + "," * 2_000 + "\r\n").encode() + csv_bytes(conversation_rows(2)).split(b"\r\n", 1)[1]
    with pytest.raises(InputError, match=r"^messages\.csv: its header has 2,012 columns"):
        read_linkedin_csv(wide, "messages.csv", expect="messages")
    rows = conversation_rows(2)
    rows[3][8] = "happy to refer you " * 900_000  # 17 MB in one cell
    with pytest.raises(InputError, match=r"^messages\.csv: a cell longer than 16 MB.*download the export again"):
        read_linkedin_csv(csv_bytes(rows, delimiter=";"), "messages.csv", expect="messages")


def test_a_column_named_twice_is_said():
    header = [h if h != "SUBJECT" else "CONTENT" for h in HEADER]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *conversation_rows(2)])
    table = read_linkedin_csv(out.getvalue().encode(), "messages.csv", expect="messages")
    assert "messages.csv has 2 'CONTENT' columns (columns 8 and 9): the first is read" in table.notes


def test_a_utf8_file_with_windows_1252_rows_pasted_in_reads_each_part_as_what_it_is():
    """A hostile-input trial: one stray Windows-1252 byte made the whole file Windows-1252, and
    'Jürgen Müller' of the UTF-8 part became 'JÃ¼rgen MÃ¼ller', a second person."""
    them = ("Jürgen Müller", "https://www.linkedin.com/in/juergen-mueller")
    rows = [["c1", "", them[0], them[1], ME[0], ME[1], f"2025-01-{d:02d} 10:00:00 UTC", "", "Hallo!",
             "INBOX", "No", "No"] for d in range(1, 6)]
    data = csv_bytes(rows[:4]) + csv_bytes(rows[4:]).split(b"\r\n", 1)[1].decode().encode("cp1252")
    table = read_linkedin_csv(data, "messages.csv", expect="messages")
    assert set(table.columns["from"]) == {"Jürgen Müller"}
    assert any("Windows-1252 (Excel) text from byte" in note for note in table.notes)
    assert "Windows-1252" in decode_bytes("Jürgen,1\n".encode("cp1252"), "x.csv")[2][0]  # all of it: as before


def test_a_first_line_longer_than_any_header_is_refused_before_it_is_parsed():
    data = (",".join(HEADER) + "," * 200_000 + "\r\n").encode() + csv_bytes(conversation_rows(2)).split(b"\r\n", 1)[1]
    with pytest.raises(InputError, match=r"^messages\.csv: its first line is longer than 64 KB"):
        read_linkedin_csv(data, "messages.csv", expect="messages")


def _limit_rows() -> list[list[str]]:
    """Six one-to-one conversations, each with its own person; conv-5 is the newest, conv-0 the
    oldest; the owner answers in each, and conv-4's person offers a referral."""
    rows = []
    for n in range(6):
        them = (f"Person {n}", f"https://www.linkedin.com/in/person-{n}")
        body = "Happy to refer you, send me your CV" if n == 4 else "Hello"
        rows.append([f"conv-{n}", "", ME[0], ME[1], them[0], them[1], f"2025-0{1 + n}-02 09:00:00 UTC", "",
                     "Thanks!", "INBOX", "No", "No"])
        rows.append([f"conv-{n}", "", them[0], them[1], ME[0], ME[1], f"2025-0{1 + n}-01 09:00:00 UTC", "",
                     body, "INBOX", "No", "No"])
    return rows


@pytest.mark.parametrize("careful", [False, True])
def test_a_file_naming_more_people_than_the_limit_keeps_the_newest_conversations(monkeypatch, careful):
    """A messages.csv where every message names somebody new would take memory per name; past
    MAX_DISTINCT_NAMES the newest conversations are read and the older ones left out, said."""
    import outreach.imports.linkedin.messages as messages

    data = csv_bytes(_limit_rows())
    table = (read_linkedin_csv(data.replace(b",", b";"), "messages.csv", expect="messages") if careful
             else read_coded_messages(data, "messages.csv"))
    assert table is not None
    # A conversation names its id, 2 senders (name and URL), 2 TO names and 2 recipient lists:
    # 9 values, 5 of them new after the first (the owner's repeat). Three fit, not four.
    monkeypatch.setattr(messages, "MAX_DISTINCT_NAMES", 9 + 5 + 5 + 4)
    read = read_messages(table)
    assert [s.person_key for s in read.stats] == [f"www.linkedin.com/in/person-{n}" for n in (3, 4, 5)]
    assert read.owner_name == "Alex Moreno" and read.conversations == 3
    assert [s.offered_help_at for s in read.stats] == [None, "2025-05-01T09:00:00Z", None]
    assert (read.rows_read, read.skipped) == (12, {"in an older conversation past the limit": 6})
    assert ["3 older ones (6 messages) left out" in n for n in read.notes].count(True) == 1


def test_under_the_limit_nothing_is_left_out():
    read = read_messages(read_linkedin_csv(csv_bytes(_limit_rows()), "messages.csv", expect="messages"))
    assert len(read.stats) == 6 and not read.skipped and not read.notes


def test_a_2018_file_past_the_limit_keeps_its_newest_pairs(monkeypatch):
    import outreach.imports.linkedin.messages as messages

    rows = [["From", "To", "Date", "Subject", "Content", "Direction", "Folder"]]
    for n in range(5):
        rows.append([f"Person {n}", "Alex Moreno", f"2018-0{1 + n}-01 10:00:00 UTC", "", "Hi", "INCOMING", "INBOX"])
        rows.append(["Alex Moreno", f"Person {n}", f"2018-0{1 + n}-03 10:00:00 UTC", "", "Hi", "OUTGOING", "INBOX"])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    # A From and To pair is a conversation: the newest two name both people (4 values), the
    # next ones a new person each (1 value): 6 takes the newest two people's four pairs.
    monkeypatch.setattr(messages, "MAX_DISTINCT_NAMES_2018", 6)
    read = read_messages(read_linkedin_csv(out.getvalue().encode(), "messages.csv", expect="messages"))
    assert [s.name for s in read.stats] == ["Person 3", "Person 4"]
    assert read.skipped == {"in an older conversation past the limit": 6}


def _stray_quote_file(delimiter: str) -> bytes:
    """Ten messages; the third's body opens a quote that never ends, and the sixth's body has
    a quote mark in its text, which closes it: the rows between would become one cell."""
    rows = conversation_rows(2)
    rows[2][8] = '"Quoted start, never closed'
    rows[5][8] = 'He said "yes" to it'
    text = csv_bytes(rows, delimiter=delimiter).decode()
    return text.replace('"""Quoted start, never closed"', '"Quoted start, never closed') \
        .replace('"He said ""yes"" to it"', 'He said "yes" to it').encode()


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_quote_left_open_until_a_stray_quote_is_named_with_its_lines(delimiter):
    data = _stray_quote_file(delimiter)
    assert read_coded_messages(data, "messages.csv") is None  # the careful way reads it
    with pytest.raises(InputError, match=r"messages\.csv, lines 4-7: a quote mark opens a cell that takes in"):
        read_linkedin_csv(data, "messages.csv", expect="messages")


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_quoted_body_holding_lines_like_rows_is_read_as_it_is(delimiter):
    """A message quoting a CSV row, correctly quoted, is one message: no false alarm."""
    rows = conversation_rows(2)
    pasted = delimiter.join(["conv-1", "", "Person 1", "", "Alex Moreno", "", "2025-01-01 10:00:00 UTC", "", "hi",
                             "INBOX", "No", "No"])
    rows[3][8] = f"Here is the row you asked for:\n{pasted}\n{pasted}\nthanks"
    data = csv_bytes(rows, delimiter=delimiter)
    table = read_linkedin_csv(data, "messages.csv", expect="messages")
    assert table.rows == 10
    if delimiter == ",":
        assert read_coded_messages(data, "messages.csv") is None  # looked at twice, then read
    assert read_messages(table).stats == read_messages(read_linkedin_csv(
        csv_bytes(conversation_rows(2)), "messages.csv", expect="messages")).stats


def test_a_stray_quote_in_a_connections_file_is_named_too(tmp_path):
    from click.testing import CliRunner

    from outreach.cli import cli

    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Ann{n},Lee,https://www.linkedin.com/in/ann{n},,Acme,Engineer,01 Mar 2024" for n in range(6)]
    lines[2] = lines[2].replace(",Acme,", ',"Acme,')  # opened, never closed
    lines[5] = lines[5].replace("Engineer", 'Engineer "lead"')  # closes it
    path = tmp_path / "Connections.csv"
    path.write_text("\r\n".join(lines) + "\r\n")
    workspace = tmp_path / "ws"
    result = CliRunner().invoke(cli, ["--workspace", str(workspace), "import", "linkedin", str(path)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "Connections.csv, lines 3-6: a quote mark opens a cell" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_connections_file_past_linkedins_cap_is_refused_while_it_is_read(monkeypatch):
    import outreach.imports.linkedin.csvfile as csvfile

    monkeypatch.setitem(csvfile.MAX_ROWS_OF, "connections", 5000)
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Ann{n},Lee,https://www.linkedin.com/in/ann{n},,Acme,Engineer,01 Mar 2024" for n in range(6000)]
    with pytest.raises(InputError, match=r"Connections\.csv: more than 5,000 rows, where LinkedIn allows 30,000"):
        read_linkedin_csv("\r\n".join(lines).encode(), "Connections.csv")
    assert read_linkedin_csv("\r\n".join(lines[:4001]).encode(), "Connections.csv").rows == 4000


def test_an_optional_file_far_larger_than_linkedins_is_left_out_with_a_note(tmp_path, monkeypatch):
    import zipfile

    import outreach.imports.linkedin.export as export
    from outreach.imports.linkedin.export import find_export_files, read_export

    monkeypatch.setattr(export, "MAX_OPTIONAL_BYTES", 2000)
    path = tmp_path / "Basic_LinkedInDataExport_11-20-2026.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                   "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,Engineer,01 Mar 2024\r\n")
        z.writestr("Endorsement_Received_Info.csv", "Endorsement Date,Skill Name,Endorser First Name,"
                   "Endorser Last Name,Endorser Public Url,Endorsement Status\r\n"
                   + "2024/01/02 10:00:00 UTC,SQL,Bo,Chan,https://www.linkedin.com/in/bo,ACCEPTED\r\n" * 100)
        z.writestr("Positions.csv", "Company Name,Title,Description,Location,Started On,Finished On\r\n"
                   "Acme,Engineer,,Berlin,Jan 2020,\r\n")
    read = read_export(find_export_files(path))
    notes = " ".join(read.files.notes)
    assert "Endorsement_Received_Info.csv in" in notes and "not a LinkedIn file (not imported)" in notes
    assert read.extras is not None and list(read.extras.files) == ["positions"]
    assert read.connections is not None and len(read.connections.people) == 1


_2020 = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\r\n"
         "2-cHJpeWEx,,Riley Quinn,https://www.linkedin.com/in/riley-quinn-dev,Priya Natarajan,"
         "2024-10-15 10:00:00 UTC,,Last nudge from me :),INBOX\r\n"
         "2-cHJpeWEx,,Riley Quinn,https://www.linkedin.com/in/riley-quinn-dev,Priya Natarajan,"
         '2024-10-08 10:00:00 UTC,,"Hi again Priya - any news?,INBOX\r\n'
         "2-cHJpeWEx,,Riley Quinn,https://www.linkedin.com/in/riley-quinn-dev,Priya Natarajan,"
         '2024-10-01 10:00:00 UTC,,Hi Priya - I applied on my 27" monitor,INBOX\r\n'
         "2-cHJpeWEx,,Priya Natarajan,https://www.linkedin.com/in/priya-natarajan,Riley Quinn,"
         "2024-09-30 10:00:00 UTC,,Thanks for connecting,INBOX\r\n"
         "2-dG9tMQ,,Tom O'Brien,https://www.linkedin.com/in/tom-obrien-42,Riley Quinn,"
         "2024-09-01 16:45:00 UTC,,Nice write-up,INBOX\r\n")


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_quote_closed_by_a_stray_quote_on_the_next_line_is_named(delimiter):
    """(Found by a tester: the line after the open quote is only partly taken in.)"""
    data = _2020.replace(",", delimiter).replace("Priya - any news?;", "Priya - any news?;").encode()
    if delimiter == ",":
        assert read_coded_messages(data, "messages.csv") is None
    with pytest.raises(InputError, match=r"messages\.csv, lines 3-4: a quote mark opens a cell"):
        read_linkedin_csv(data, "messages.csv", expect="messages")


def test_a_quote_closed_by_the_next_quoted_cell_is_named():
    """An open quote that the opening quote of a correctly quoted cell further on closes: the
    row comes out with more cells than the header (which alone would only be skipped)."""
    lines = _2020.replace('"Hi again', "Hi again").splitlines()
    lines[1] = lines[1].replace("Last nudge from me :)", '"Last nudge from me :)')  # never closed
    lines[3] = lines[3].replace('my 27" monitor', '"Attached, thank you!"')
    data = ("\r\n".join(lines) + "\r\n").encode()
    with pytest.raises(InputError, match=r"messages\.csv, lines 2-4: a quote mark opens a cell"):
        read_linkedin_csv(data, "messages.csv", expect="messages")
