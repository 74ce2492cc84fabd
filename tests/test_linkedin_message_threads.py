"""Any mix of threads, written in the 2020-2023 or the 2024+ shape, reads as the threads it was
made of: who writes and how often, one other person or several, recipient URLs joined by ',' or
';', system rows, drafts, an owner who never writes."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from outreach.imports.linkedin.csvfile import read_linkedin_csv
from outreach.imports.linkedin.export import read_linkedin_file
from outreach.imports.linkedin.messages import read_messages
from outreach.imports.linkedin.stats import MessagesRead

OWNER = ("Sam Owner", "https://www.linkedin.com/in/sam-owner-4a1b")
POOL = [
    ("Ada Example", "https://www.linkedin.com/in/ada-example"),
    ("Bob Sample", "https://www.linkedin.com/in/bob-sample"),
    ("Cleo Demo", "https://www.linkedin.com/in/cleo-demo"),
    ("Priya Sharma, PMP", "https://www.linkedin.com/in/priya-sharma-pmp"),
    ("Tomás Ficticio", "https://www.linkedin.com/in/tomas-ficticio"),
]
HEADER_2020 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "DATE",
               "SUBJECT", "CONTENT", "FOLDER"]
HEADER_2024 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
               "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
               "IS MESSAGE DRAFT"]


@dataclass
class Message:
    writer: int  # -1: the owner; else an index into the thread's others
    draft: bool = False
    system: bool = False  # "Message request accepted": no sender at all


@dataclass
class Thread:
    others: list[int]  # indexes into POOL
    messages: list[Message]


@st.composite
def threads(draw, owner_writes: bool, drafts: bool) -> list[Thread]:
    made = []
    for _ in range(draw(st.integers(2, 6))):
        others = draw(st.lists(st.integers(0, len(POOL) - 1), min_size=1, max_size=3, unique=True))
        writers = st.sampled_from(([-1] if owner_writes else []) + list(range(len(others))))
        kinds = st.sampled_from(["message"] * 6 + ["system"] + ["draft"] * drafts)
        messages = []
        for _ in range(draw(st.integers(1, 5))):
            kind = draw(kinds)
            writer = -1 if kind == "draft" else draw(writers)
            messages.append(Message(writer, draft=kind == "draft", system=kind == "system"))
        made.append(Thread(others, messages))
    return made


def write(made: list[Thread], shape: str, separator: str) -> bytes:
    """messages.csv rows, newest first, one minute apart, as LinkedIn writes them."""
    rows = []
    minute = 0
    for number, thread in enumerate(made):
        people = [OWNER, *(POOL[i] for i in thread.others)]
        for message in thread.messages:
            minute += 1
            when = f"2022-{1 + minute // 1440:02d}-{1 + minute // 60 % 24:02d} {minute // 60 % 24:02d}:{minute % 60:02d}:00 UTC"
            if message.system:
                sender, recipients = ("", ""), []
            else:
                sender = OWNER if message.writer < 0 else POOL[thread.others[message.writer]]
                recipients = [p for p in people if p != sender]
            cells = {
                "CONVERSATION ID": f"2-thread{number}==", "FROM": sender[0], "SENDER PROFILE URL": sender[1],
                "TO": ", ".join(name for name, _ in recipients),
                "RECIPIENT PROFILE URLS": separator.join(url for _, url in recipients),
                "DATE": when, "CONTENT": "Hi, how are you?", "FOLDER": "INBOX",
                "IS MESSAGE DRAFT": "Yes" if message.draft else "No",
            }
            rows.append(cells)
    header = HEADER_2020 if shape == "2020" else HEADER_2024
    out = io.StringIO()
    writer = csv.DictWriter(out, header, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(reversed(rows))
    return out.getvalue().encode("utf-8")


def expected_key(index: int, thread: Thread, shape: str) -> str:
    """The key a reader can know: the profile URL, unless (before 2024) the person never wrote
    in this thread: then it is a name, which the store joins to contacts by full name."""
    wrote = any(not (m.draft or m.system) and m.writer >= 0 and thread.others[m.writer] == index
                for m in thread.messages)
    name, url = POOL[index]
    if shape == "2024" or wrote:
        return url.removeprefix("https://")
    return "name:" + name.lower()


@settings(max_examples=200, deadline=None)
@given(st.data(), st.sampled_from(["2020", "2024"]), st.sampled_from([",", ";"]), st.booleans())
def test_threads_read_as_written(data, shape, separator, owner_writes):
    made = data.draw(threads(owner_writes, drafts=shape == "2024"))
    sent = [t for t in made if any(not (m.draft or m.system) for m in t.messages)]
    # The owner is the one person in every thread; if someone else is too, the file cannot tell.
    assume(all(any(i not in t.others for t in sent) for i in range(len(POOL))))
    file = write(made, shape, separator)
    read = read_linkedin_file(file, "messages.csv")
    assert isinstance(read, MessagesRead)
    assert read == read_messages(read_linkedin_csv(file, "messages.csv", expect="messages"))

    assert read.owner_name == OWNER[0]
    assert read.conversations == len(sent)
    assert read.one_to_one == sum(len(t.others) == 1 for t in sent)
    assert read.group == sum(len(t.others) > 1 for t in sent)
    assert read.system == sum(m.system for t in made for m in t.messages)
    assert read.drafts == sum(m.draft for t in made for m in t.messages)
    expected: dict[str, tuple[int, int]] = {}
    for thread in sent:
        if len(thread.others) == 1:
            messages = [m for m in thread.messages if not (m.draft or m.system)]
            key = expected_key(thread.others[0], thread, shape)
            mine = sum(m.writer < 0 for m in messages)
            before = expected.get(key, (0, 0))
            expected[key] = (before[0] + mine, before[1] + len(messages) - mine)
    assert {s.person_key: (s.messages_sent, s.messages_received) for s in read.stats} == expected
