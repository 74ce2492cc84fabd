"""messages.csv has two ways in: pyarrow for plain UTF-8 files, the csv module for the rest.
Both must give the same statistics, and anything unusual must take the careful way."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach.errors import InputError
from outreach.imports.linkedin.coded import read_coded_messages
from outreach.imports.linkedin.csvfile import read_linkedin_csv
from outreach.imports.linkedin.messages import read_messages

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
          "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
          "IS CONVERSATION DRAFT"]
OWNER = ("Alex Moreno", "https://www.linkedin.com/in/alex-moreno")


def both_ways(data: bytes):
    coded = read_coded_messages(data, "messages.csv")
    assert coded is not None, "a plain UTF-8 messages.csv should take the fast way"
    return read_messages(coded), read_messages(read_linkedin_csv(data, "messages.csv", expect="messages"))


def write(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # as LinkedIn writes it
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("name", ["messages_2024.csv", "messages_2024_extra_columns.csv"])
def test_fixtures_read_the_same_both_ways(name):
    fast, careful = both_ways((FIXTURES / name).read_bytes())
    assert fast == careful
    assert fast.stats and fast.owner_name == "Alex Moreno"


people = st.sampled_from([
    ("Jane Doe", "https://www.linkedin.com/in/jane-doe"),
    ("Jörg Müller", "https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller"),
    ("Sam Lee", "https://WWW.linkedin.com/in/SamLee/"),
    ("LinkedIn Member", ""),
    ("Rita Recruiter", ""),
    ("", ""),
])
stamps = st.one_of(
    st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2026, 1, 1))
    .map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S UTC")),
    st.sampled_from(["", "not a date", "12/16/2024, 6:24 PM", "2024-02-30 10:00:00 UTC"]),
)


@st.composite
def messages(draw) -> list[list[str]]:
    rows = []
    for _ in range(draw(st.integers(0, 25))):
        conversation = f"2-conv{draw(st.integers(0, 5))}=="
        other = draw(st.lists(people, min_size=1, max_size=3))
        outgoing = draw(st.booleans())
        sender = OWNER if outgoing else other[0]
        recipients = other if outgoing else [OWNER, *other[1:]]
        urls = ";".join(url for _, url in recipients) + draw(st.sampled_from(["", ";"]))
        text = draw(st.text(max_size=30))  # commas, quotes and line breaks in the body
        rows.append([
            conversation, "", sender[0], sender[1], ", ".join(name for name, _ in recipients), urls,
            draw(stamps), "", text, draw(st.sampled_from(["INBOX", "SENT", "DRAFT", ""])),
            draw(st.sampled_from(["No", "Yes", ""])), "No",
        ])
    return rows


@settings(max_examples=150, deadline=None)
@given(messages())
def test_any_messages_read_the_same_both_ways(rows):
    text = "\n".join(",".join(r) for r in rows)
    if "\x00" in text:  # NUL bytes take the careful way only; tested below
        return
    fast, careful = both_ways(write(rows))
    assert fast == careful


def test_messages_full_of_control_characters_are_text_both_ways():
    """Found by the test above: message bodies of control characters (pasted from another
    program) made the careful way refuse the file as binary while the fast way read it."""
    rows = [["2-conv0==", "", "Jane Doe", "https://www.linkedin.com/in/jane-doe", "Alex Moreno",
             "https://www.linkedin.com/in/alex-moreno", "2015-01-01 00:00:00 UTC", "", "\x1f\x1f\x1f",
             "INBOX", "No", "No"]] * 25
    fast, careful = both_ways(write(rows))
    assert fast == careful


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d.replace(b"Alex Moreno", "Alex Moréno".encode("cp1252")), id="not UTF-8"),
        pytest.param(lambda d: d + b"extra,cells,,,,,,,,,,,,,,\n", id="more cells than the header"),
        pytest.param(lambda d: b"Exported by LinkedIn\n" + d, id="a line above the header"),
        pytest.param(lambda d: d.replace(b"Sam", b"S\x00am"), id="a NUL byte"),
        pytest.param(lambda d: d.replace(b"FOLDER", b"FROM", 1), id="two columns of one name"),
        pytest.param(lambda d: d.replace(b",", b";"), id="semicolons"),
    ],
)
def test_unusual_files_take_the_careful_way(change):
    data = change((FIXTURES / "messages_2024.csv").read_bytes())
    assert read_coded_messages(data, "messages.csv") is None
    try:  # the careful way reads it, or says in one line what is wrong
        read_messages(read_linkedin_csv(data, "messages.csv", expect="messages"))
    except InputError as exc:
        assert "messages.csv" in str(exc)


def test_blank_lines_are_counted_the_same_both_ways():
    data = (FIXTURES / "messages_2024.csv").read_bytes().replace(b"\n", b"\n\n", 2) + b"\n"
    fast, careful = both_ways(data)
    assert fast == careful and fast.skipped == {"blank row": 3}


def test_a_bom_is_fine_on_the_fast_way():
    data = (FIXTURES / "messages_2024.csv").read_bytes()
    coded = read_coded_messages(b"\xef\xbb\xbf" + data, "messages.csv")
    assert coded is not None and coded.encoding == "utf-8-sig"
    assert read_messages(coded).stats == both_ways(data)[0].stats


def test_other_files_are_not_taken_for_messages():
    assert read_coded_messages((FIXTURES / "connections_2024.csv").read_bytes(), "Connections.csv") is None
    assert read_coded_messages((FIXTURES / "Messages_2018.csv").read_bytes(), "Messages.csv") is None
    assert read_coded_messages(b"", "messages.csv") is None


def test_times_are_parsed_from_the_column_bytes_when_all_are_linkedins_format():
    data = (FIXTURES / "messages_2024.csv").read_bytes()
    coded = read_coded_messages(data, "messages.csv")
    assert coded is not None and "date" in coded.times and "date" not in coded.texts
    fast, careful = both_ways(data)
    assert fast == careful
    # One impossible date: the column is read cell by cell instead, with the same outcome.
    bad = data.replace(b"2024-12-16 18:24:37 UTC", b"2024-02-30 18:24:37 UTC", 1)
    assert bad != data
    coded = read_coded_messages(bad, "messages.csv")
    assert coded is not None and "date" in coded.texts
    fast, careful = both_ways(bad)
    assert fast == careful
