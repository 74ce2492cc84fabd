"""messages.csv of every generation, read right: per person, the same counts and dates as a
reading of the file by hand (the csv module and simple loops, below), the same threads and the
same owner.

The fixtures are synthetic (invented people) and shaped like real exports: the 2018 Messages.csv,
the 2020-2023 nine columns without recipient URLs (and a variant with ATTACHMENTS), mid-2023's ten
columns with recipient URLs joined by commas, and 2025's twelve with ATTACHMENTS and IS MESSAGE
DRAFT; system rows without a sender, sponsored "LinkedIn Member" messages, archived threads,
names with commas, group threads only the owner wrote in.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import pytest

from outreach.imports.linkedin.coded import read_coded_messages
from outreach.imports.linkedin.csvfile import read_linkedin_csv
from outreach.imports.linkedin.export import read_linkedin_file
from outreach.imports.linkedin.messages import (
    GENERATION_2018,
    GENERATION_2020,
    GENERATION_2024,
    read_messages,
    recipient_names,
)
from outreach.imports.linkedin.stats import MessagesRead

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"

#: Everyone in the fixtures, including people who never write (the owner is Sam Owner).
PEOPLE = ["Sam Owner", "Ada Example", "Bob Sample", "Cleo Demo", "Lena Invented", "Tomás Ficticio",
          "Priya Sharma, PMP", "Anna Kreuzer, PhD", "Raj Patel", "John Smith", "Alex Moreno",
          "Zoë Nguyen", "Jane Doe", "Jörg Müller", "Sam Lee (they/them)", "Kim Park 🌱",
          "Rita Recruiter"]


# -- the file read by hand ---------------------------------------------------------------------


@dataclass
class Person:
    name: str
    sent: int = 0
    received: int = 0
    times: list[tuple[str, bool]] = field(default_factory=list)  # (ISO time, sent by the owner)


@dataclass
class ByHand:
    owner: str
    one_to_one: int
    group: int
    people: dict[str, Person]  # by the person key a reader should give them (see key)


def key(url: str | None, name: str) -> str:
    """A person's key: their profile URL as the thread shows it, lowercased and decoded, without
    the scheme; their name where the thread shows no URL of theirs."""
    return unquote(url).lower().removeprefix("https://").rstrip("/") if url else "name:" + name.lower()


def iso(linkedin_time: str) -> str:
    """'2022-03-01 10:00:00 UTC' (or 2018's '2/1/18, 10:00 AM') -> '2022-03-01T10:00:00Z'."""
    if "/" in linkedin_time:
        return datetime.strptime(linkedin_time, "%m/%d/%y, %I:%M %p").isoformat() + "Z"
    return linkedin_time.replace(" UTC", "").replace(" ", "T") + "Z"


def by_hand(path: Path) -> ByHand:
    """The rules, as a person reads the file: a conversation is the people writing in it or
    named in its TO (or recipient URL) cells; the owner is in every one of them; a thread with
    one other person is one-to-one."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = [{k.upper(): v for k, v in row.items()} for row in csv.DictReader(file)]
    url_names = {unquote(row["SENDER PROFILE URL"]).lower(): row["FROM"]
                 for row in rows if row.get("SENDER PROFILE URL")}
    threads: dict[str, list[dict]] = {}
    members: dict[str, set[str]] = {}
    urls: dict[str, dict[str, str]] = {}  # thread -> name -> the URL it shows for them
    for row in rows:
        if not row["FROM"]:  # LinkedIn's own rows: "Message request accepted"
            continue
        if row.get("IS MESSAGE DRAFT") == "Yes" or "DRAFT" in row.get("FOLDER", "").upper():
            continue
        if "CONVERSATION ID" in row:
            thread = row["CONVERSATION ID"]
        else:  # 2018: a thread per other person, or per group of recipients
            other = row["TO"] if row["DIRECTION"] == "OUTGOING" else row["FROM"]
            thread = other if row["TO"] in PEOPLE else row["TO"]
        # TO names in the order written; recipient URLs (when there are any) in the same order.
        named = sorted((n for n in PEOPLE if f"{n}," in row["TO"] + ","), key=(row["TO"] + ",").index)
        listed = [u for u in re.split("[,;]", row.get("RECIPIENT PROFILE URLS") or "") if u]
        recipients = named
        shown = urls.setdefault(thread, {})
        if listed:
            recipients = [url_names.get(unquote(u).lower(), n) for u, n in zip(listed, named, strict=True)]
            shown.update(zip(recipients, listed, strict=True))
        if row.get("SENDER PROFILE URL"):
            shown[row["FROM"]] = row["SENDER PROFILE URL"]
        threads.setdefault(thread, []).append(row)
        members.setdefault(thread, set()).update({row["FROM"], *recipients} - {"LinkedIn Member"})
    owner = max(PEOPLE, key=lambda name: sum(name in m for m in members.values()))
    people: dict[str, Person] = {}
    one_to_one = group = 0
    for thread, found in members.items():
        others = found - {owner}
        if len(others) > 1:
            group += 1
        if len(others) != 1:
            continue
        one_to_one += 1
        (other,) = others
        person = people.setdefault(key(urls[thread].get(other), other), Person(other))
        for row in threads[thread]:
            if row["FROM"] == owner:
                person.sent += 1
            elif row["FROM"] == other:
                person.received += 1
            else:
                continue
            person.times.append((iso(row["DATE"]), row["FROM"] == owner))
    return ByHand(owner, one_to_one, group, people)


def compare(read: MessagesRead, hand: ByHand) -> None:
    assert read.owner_name == hand.owner
    assert (read.one_to_one, read.group) == (hand.one_to_one, hand.group)
    found = {s.person_key: s for s in read.stats}
    assert set(found) == set(hand.people)
    for person_key, person in hand.people.items():
        stats = found[person_key]
        times = sorted(person.times)
        sent = [t for t, mine in times if mine]
        received = [t for t, mine in times if not mine]
        assert (stats.messages_sent, stats.messages_received) == (person.sent, person.received), person_key
        assert (stats.first_message_at, stats.last_message_at) == (times[0][0], times[-1][0]), person_key
        assert (stats.first_sent_at, stats.last_sent_at) == ((sent[0], sent[-1]) if sent else (None, None))
        assert (stats.first_received_at, stats.last_received_at) == (
            (received[0], received[-1]) if received else (None, None))
        last_mine = times[-1][1]
        assert stats.last_from == ("owner" if last_mine else "them"), person_key
        run = len(times) - max((i for i, (_, mine) in enumerate(times) if mine != last_mine), default=-1) - 1
        assert stats.unanswered == run, person_key
        assert stats.name == person.name


SHAPES = [
    ("Messages_2018.csv", GENERATION_2018, "Alex Moreno"),
    ("messages_2021.csv", GENERATION_2020, "Sam Owner"),
    ("messages_2022_attachments.csv", GENERATION_2020, "Sam Owner"),
    ("messages_2023.csv", GENERATION_2024, "Sam Owner"),
    ("messages_2024.csv", GENERATION_2024, "Alex Moreno"),
    ("messages_2025.csv", GENERATION_2024, "Sam Owner"),
]


@pytest.mark.parametrize("name,generation,owner", SHAPES)
def test_every_shape_reads_as_by_hand(name, generation, owner):
    data = (FIXTURES / name).read_bytes()
    read = read_linkedin_file(data, name)
    assert isinstance(read, MessagesRead)
    assert read.generation == generation
    hand = by_hand(FIXTURES / name)
    assert hand.owner == owner
    compare(read, hand)
    # The careful way (the csv module) reads the same as the fast one (pyarrow), which takes
    # every file but 2018's (no conversation ids).
    careful = read_messages(read_linkedin_csv(data, name, expect="messages"))
    coded = read_coded_messages(data, name)
    assert (coded is None) == (generation == GENERATION_2018)
    assert careful == (read if coded is None else read_messages(coded))


def test_2020_2023_one_to_one_threads_are_one_to_one():
    """The other person is a URL when they write and a name when the owner writes: one person."""
    read = read_linkedin_file((FIXTURES / "messages_2021.csv").read_bytes(), "messages.csv")
    assert (read.conversations, read.one_to_one, read.group, read.hidden) == (8, 5, 2, 1)
    assert read.owner_key == "www.linkedin.com/in/sam-owner-4a1b"
    found = {s.person_key: s for s in read.stats}
    ada = found["www.linkedin.com/in/ada-example"]
    assert (ada.messages_sent, ada.messages_received, ada.last_from, ada.unanswered) == (2, 1, "owner", 1)
    # A name with a comma is one person, not a group; Bob never wrote, so he is known by name.
    assert found["www.linkedin.com/in/priya-sharma-pmp"].messages_sent == 1
    bob = found["name:bob sample"]
    assert (bob.messages_sent, bob.messages_received, bob.unanswered) == (2, 0, 2)
    # "Message request accepted" is not a message anybody sent.
    assert read.system == 2 and found["www.linkedin.com/in/cleo-demo-recruits"].messages_sent == 0


def test_the_issues_reproduction():
    data = b"""CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER
c1,,Ada Example,https://www.linkedin.com/in/ada-example,Sam Owner,2022-05-02 10:00:00 UTC,,Thanks!,INBOX
c1,,Sam Owner,https://www.linkedin.com/in/sam-owner,Ada Example,2022-05-01 10:00:00 UTC,,Hello Ada,INBOX
c2,,Bob Sample,https://www.linkedin.com/in/bob-sample,Sam Owner,2022-05-04 10:00:00 UTC,,Sure,INBOX
c2,,Sam Owner,https://www.linkedin.com/in/sam-owner,Bob Sample,2022-05-03 10:00:00 UTC,,Hello Bob,INBOX
"""
    read = read_linkedin_file(data, "messages.csv")
    assert (read.conversations, read.one_to_one, read.group) == (2, 2, 0)
    assert read.owner_name == "Sam Owner" and read.generation == GENERATION_2020
    assert [(s.person_key, s.messages_sent, s.messages_received) for s in read.stats] == [
        ("www.linkedin.com/in/ada-example", 1, 1), ("www.linkedin.com/in/bob-sample", 1, 1)]


def test_a_group_only_the_owner_wrote_in_stays_a_group():
    """Real 2024+ files join recipient URLs with commas: three people, not one called
    "Ada Example,Bob Sample,Cleo Demo"."""
    read = read_linkedin_file((FIXTURES / "messages_2023.csv").read_bytes(), "messages.csv")
    assert (read.one_to_one, read.group, read.group_messages) == (3, 2, 2)
    assert all("," not in s.person_key for s in read.stats)
    assert read.system == 1 and read.hidden == 1


def test_an_owner_who_never_writes_is_recognised():
    read = read_linkedin_file((FIXTURES / "messages_2022_attachments.csv").read_bytes(), "messages.csv")
    assert (read.owner_name, read.owner_key) == ("Sam Owner", "name:sam owner")
    assert read.one_to_one == 3
    cleo = {s.person_key: s for s in read.stats}["www.linkedin.com/in/cleo-demo-recruits"]
    assert (cleo.messages_received, cleo.last_from, cleo.unanswered) == (2, "them", 2)
    # The same in a 2024+ file: the owner is found by the recipient URL of every message.
    with_urls = b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n" + b"".join(
        f"c{n},,{who},https://www.linkedin.com/in/{who.lower().replace(' ', '-')},Sam Owner,"
        f"https://www.linkedin.com/in/sam-owner-4a1b,2024-0{n}-01 10:00:00 UTC,,Hi,INBOX\n".encode()
        for n, who in enumerate(["Ada Example", "Bob Sample", "Cleo Demo"], 1))
    read = read_linkedin_file(with_urls, "messages.csv")
    assert (read.owner_name, read.owner_key) == ("Sam Owner", "www.linkedin.com/in/sam-owner-4a1b")


def test_drafts_system_rows_and_sponsored_messages_are_not_contact():
    read = read_linkedin_file((FIXTURES / "messages_2025.csv").read_bytes(), "messages.csv")
    assert (read.drafts, read.system, read.hidden, read.rows_read) == (1, 1, 1, 10)
    keys = {s.person_key for s in read.stats}
    assert "www.linkedin.com/in/lena-invented" not in keys  # only a draft to her
    assert read.newest_at == "2025-06-10T10:00:00Z"  # a draft is dated too: the export is newer


@pytest.mark.parametrize("ending", [b"", b"\n", b"\r\n"])
def test_header_only_and_blank_lines_are_no_messages(ending):
    header = (FIXTURES / "coach_messages.csv").read_bytes()
    for data in (header.rstrip(b"\r\n") + ending, header + b"\r\n", header + b"\n\n"):
        read = read_linkedin_file(data, "coach_messages.csv")
        assert (read.rows_read, read.conversations, read.stats, read.newest_at) == (0, 0, [], None)
    data = (FIXTURES / "messages_2025.csv").read_bytes() + b"\n"
    assert read_linkedin_file(data, "messages.csv").rows_read == 10  # a trailing blank line is no message


@pytest.mark.parametrize(
    "to,names",
    [
        ("Ada Example", ["Ada Example"]),
        ("Ada Example, Bob Sample, Cleo Demo", ["Ada Example", "Bob Sample", "Cleo Demo"]),
        ("Ada Example,Bob Sample", ["Ada Example", "Bob Sample"]),
        ("Priya Sharma, PMP", ["Priya Sharma, PMP"]),
        ("Sam Owner, Priya Sharma, PMP", ["Sam Owner", "Priya Sharma, PMP"]),
        ("Kreuzer, PhD", ["Kreuzer, PhD"]),
        ("Sam Owner, Lee, Dr. Jo", ["Sam Owner", "Lee, Dr. Jo"]),  # a known name, spelt in the file
        ("", []),
    ],
)
def test_recipient_names(to, names):
    known = {"priya sharma , pmp", "lee , dr. jo"}
    assert recipient_names(to, known) == names


def test_a_2018_group_thread_is_one_conversation_however_each_member_addresses_it():
    """(Found by a tester: each member's To lists the others, so one thread counted as three.)"""
    from outreach.imports.linkedin.csvfile import read_linkedin_csv
    from outreach.imports.linkedin.messages import read_messages

    data = (b"From,To,Date,Subject,Content,Direction,Folder\r\n"
            b'Lars Eriksson,"Riley Quinn, Mei Chen, Aisha Bello",2024-12-02 08:05:00 UTC,,Count me in.,INCOMING,INBOX\r\n'
            b'Riley Quinn,"Mei Chen, Lars Eriksson, Aisha Bello",2024-12-01 17:20:00 UTC,,Me!,OUTGOING,INBOX\r\n'
            b'Mei Chen,"Riley Quinn, Lars Eriksson, Aisha Bello",2024-12-01 17:00:00 UTC,,Who is going?,INCOMING,INBOX\r\n'
            b"Mei Chen,Riley Quinn,2024-12-04 09:30:00 UTC,,Coffee?,INCOMING,INBOX\r\n"
            b"Riley Quinn,Mei Chen,2024-12-03 21:00:00 UTC,,Great seeing you.,OUTGOING,INBOX\r\n")
    read = read_messages(read_linkedin_csv(data, "Messages.csv", expect="messages"))
    assert (read.conversations, read.one_to_one, read.group, read.group_messages) == (2, 1, 1, 3)
    assert [(s.name, s.messages_sent, s.messages_received) for s in read.stats] == [("Mei Chen", 1, 1)]
