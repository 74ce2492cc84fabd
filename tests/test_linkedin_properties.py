"""Properties of the LinkedIn readers: any bytes in, what the file holds or an InputError out."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from outreach.errors import InputError
from outreach.imports.linkedin.export import ConnectionsRead, read_linkedin_file

HEADER_2024 = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'


def _check(data: bytes) -> None:
    try:
        result = read_linkedin_file(data, "Connections.csv")
    except InputError as exc:
        assert "Connections.csv" in str(exc)
        return
    found = getattr(result, {"ConnectionsRead": "people", "MessagesRead": "stats",
                             "InvitationsRead": "invitations"}[type(result).__name__])
    assert isinstance(found, Sequence) and len(list(found)) == len(found)
    assert all(isinstance(key, str) and key for key in (row[0] for row in found))  # a person key each


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_give_rows_or_an_input_error(data):
    _check(data)


# Bytes that start like a real export are the interesting ones: the header is found, then
# whatever follows has to be survived.
_HEADS = [
    ",".join(HEADER_2024).encode() + b"\n",
    (PREAMBLE + ",".join(HEADER_2024) + "\n").encode(),
    b"\xef\xbb\xbfFirst Name,Last Name,Email Address,Company,Position,Connected On\n",
    b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n",
    b"From,To,Date,Subject,Content,Direction,Folder\n",
    b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
    "First Name;Last Name;Company;Position;Connected On\r\n".encode("utf-16"),
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_HEADS), st.binary(max_size=1024))
def test_export_headers_followed_by_any_bytes(head, tail):
    _check(head + tail)


_text = st.text(
    alphabet=st.characters(
        codec="utf-8",
        categories=("L", "M", "N", "P", "S", "Zs"),
        exclude_characters="\u2028\u2029\x85",
    )
    | st.sampled_from([",", '"', "\n", ";", "'", "\t", "é", "Ø", "🚀", "の"]),
    max_size=20,
).map(str.strip)
_name = _text.filter(lambda s: s != "")


@st.composite
def connection_rows(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    rows = []
    for i in range(n):
        rows.append(
            {
                "First Name": draw(_name),
                "Last Name": draw(_text),
                "URL": f"https://www.linkedin.com/in/person-{i}",
                "Email Address": draw(st.sampled_from(["", f"p{i}@example.com"])),
                "Company": draw(_text),
                "Position": draw(_text),
                "Connected On": draw(st.dates(date(2003, 5, 5), date(2030, 1, 1)).map(lambda d: d.strftime("%d %b %Y"))),
            }
        )
    return rows


@settings(max_examples=150, deadline=None)
@given(connection_rows(), st.sampled_from(["utf-8", "utf-8-sig"]), st.booleans())
def test_connections_round_trip(rows, encoding, preamble):
    out = io.StringIO()
    if preamble:
        out.write(PREAMBLE)
    writer = csv.DictWriter(out, fieldnames=HEADER_2024)
    writer.writeheader()
    writer.writerows(rows)
    result = read_linkedin_file(out.getvalue().encode(encoding), "Connections.csv")
    assert isinstance(result, ConnectionsRead)
    found = result.people
    assert result.rows_read == len(rows) and not result.skipped
    assert [p.first_name for p in found] == [r["First Name"] for r in rows]
    assert [p.last_name for p in found] == [r["Last Name"] for r in rows]
    assert [p.company for p in found] == [r["Company"] for r in rows]
    assert [p.position for p in found] == [r["Position"] for r in rows]
    assert [p.profile_url for p in found] == [r["URL"] for r in rows]
    assert [p.email or "" for p in found] == [r["Email Address"] for r in rows]
    assert [date.fromisoformat(p.connected_on).strftime("%d %b %Y") for p in found] == [
        r["Connected On"] for r in rows
    ]
