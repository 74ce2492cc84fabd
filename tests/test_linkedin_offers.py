"""Offers of help in messages.csv: "happy to refer you", "send me your CV", in the other
person's own 1:1 messages to the owner; not a recruiter's pitch, not the owner's words, not a
quoted earlier message. Through the reader (both ways in), the import and the plan's contacts."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach.errors import InputError
from outreach.imports.linkedin.coded import read_coded_messages
from outreach.imports.linkedin.csvfile import read_linkedin_csv
from outreach.imports.linkedin.export import read_linkedin_file
from outreach.imports.linkedin.messages import read_messages
from outreach.imports.linkedin.offers import OFFER_FILTER, new_text, offers_help
from outreach.imports.linkedin.stats import MessageStats
from outreach.plan.network import Contact, load_contacts

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
URL = "www.linkedin.com/in/"

# Per fixture (one per shape of messages.csv): person key -> when they last offered help.
EXPECTED = {
    "offers_messages_2024.csv": {
        URL + "mira-sample-77a1": "2024-10-05T14:00:00Z",  # the later of two offers, not her last message
        URL + "omar-example": "2024-06-20T17:05:44Z",  # HTML, an entity between the words
        URL + "jonas-beispiel": "2024-05-04T07:00:00Z",  # German
        URL + "rita-recruiter-0c2d": None,  # a recruiter's pitch, "send me your CV" and all
        URL + "tom-beispiel": None,  # the owner offered to refer Tom; Tom offered nothing
        URL + "nora-demo-5e": None,  # the offer is in the quoted earlier message
        URL + "finn-example": None,  # "I can't refer you", "I wish I could help"
        URL + "hal-group": None,  # the owner's "happy to help"; Gia's offer was in a group thread
    },
    "offers_messages_2021.csv": {
        URL + "lena-invented": "2022-05-02T19:30:00Z",
        URL + "carl-recruiter": None,  # "open to new opportunities? let me know if I can help"
        URL + "bob-sample": None,  # the owner asked him to put in a word, and offered help
        URL + "chloé-exemple": "2021-11-20T18:20:00Z",  # French: "je peux te coopter"
    },
    "offers_Messages_2018.csv": {
        "name:dana sample": "2018-03-02T11:00:00Z",  # "feel free to use my name"
        "name:eli demo": None,
        "name:rob recruiter": None,  # "we have several PM roles, interested?"
        "name:lucía ejemplo": "2018-03-05T16:30:00Z",  # Spanish, a 2018 date "3/5/18, 4:30 PM"
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_reader_finds_offers_in_every_shape(name):
    data = (FIXTURES / name).read_bytes()
    read = read_linkedin_file(data, name)
    assert {s.person_key: s.offered_help_at for s in read.stats} == EXPECTED[name]
    # the careful way in (the csv module) finds the same
    careful = read_messages(read_linkedin_csv(data, name, expect="messages"))
    assert careful.stats == read.stats
    if name != "offers_Messages_2018.csv":
        assert read_coded_messages(data, name) is not None, "a plain file should take the fast way"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_import_stores_offered_help_at(run, workspace, name):
    result = run("import", "linkedin", FIXTURES / name)
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(workspace / "outreach.db")
    stored = dict(conn.execute("SELECT person_key, offered_help_at FROM message_stats"))
    conn.close()
    assert stored == EXPECTED[name]


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def test_the_plan_reads_offered_help_at(run, workspace, tmp_path):
    connections = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Mira,Sample,https://www.linkedin.com/in/mira-sample-77a1,,Acme,Product Lead,01 Feb 2023\n"
        b"Rita,Recruiter,https://www.linkedin.com/in/rita-recruiter-0c2d,,Example Corp,Recruiter,02 Feb 2023\n"
        b"Zed,Quiet,https://www.linkedin.com/in/zed-quiet,,Initech,Engineer,03 Feb 2023\n"
    )
    export = _zip(tmp_path / "Basic_LinkedInDataExport_12-01-2024.zip", {
        "Connections.csv": connections,
        "messages.csv": (FIXTURES / "offers_messages_2024.csv").read_bytes(),
    })
    result = run("import", "linkedin", export)
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(workspace / "outreach.db")
    contacts = {c.first_name: c for c in load_contacts(conn).values()}
    conn.close()
    assert contacts["Mira"].offered_help_at == "2024-10-05T14:00:00Z"
    assert contacts["Mira"].last_received_at == "2024-11-01T08:15:00Z"
    assert contacts["Rita"].offered_help_at is None
    assert contacts["Zed"].offered_help_at is None  # no messages at all


def test_contact_is_still_built_by_position():
    old = Contact(1, 1, "k", "A", "B", None, None, "Acme", "PM", None, 0, 0, None, None, None, None, None, None, 0)
    assert old.offered_help_at is None
    offered = old._replace(offered_help_at="2024-01-01T00:00:00Z")
    assert offered[Contact._fields.index("offered_help_at")] == "2024-01-01T00:00:00Z"
    assert Contact._fields.index("offered_help_at") > Contact._fields.index("unanswered")  # added after


def test_combined_rows_keep_the_latest_offer():
    a = MessageStats("k", "Jo", 1, 1, "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", offered_help_at="2024-01-05T00:00:00Z")
    b = MessageStats("k", "Jo", 0, 1, "2023-01-01T00:00:00Z", "2023-02-01T00:00:00Z", offered_help_at="2023-01-05T00:00:00Z")
    c = MessageStats("k", "Jo", 0, 1, "2023-01-01T00:00:00Z", "2023-02-01T00:00:00Z")
    assert a.combined(b).offered_help_at == b.combined(a).offered_help_at == "2024-01-05T00:00:00Z"
    assert c.combined(c).offered_help_at is None
    assert c.combined(b).offered_help_at == "2023-01-05T00:00:00Z"


# -- the rule, phrase by phrase ----------------------------------------------------------------

OFFERS = [
    "I'll ask around at Kraft Heinz for you",  # found by a new user's trial
    "I'll keep an eye out for openings on my team.",
    "Want me to refer you?",
    "Happy to refer you, send me the job ID.",
    "I can put in a word for you with the hiring manager.",
    "Send me your resume and I'll pass it along.",
    "send me your CV",
    "Let me know if I can help!",
    "I'd be glad to introduce you to Maria, she runs the team.",
    "Feel free to use my name when you apply.",
    "I’d be more than happy to refer you",  # a typographic apostrophe
    "I'll gladly put your name forward.",
    "Just submitted the referral, you should get an email from our system.",
    "I've referred you for the role.",
    "I'd be happy to recommend you to my manager.",
    "If there's anything I can do, just ask. Happy to help!",
    "Shall I connect you with our recruiter?",
    "We're hiring for several PM roles, interested? Happy to refer you.",  # a friend, not a recruiter
    "<div>Happy to&nbsp;refer you!</div>",
    "I&#39;d be happy to help",
    "Ich kann dich gerne empfehlen.",
    "Wenn ich dir irgendwie helfen kann, sag Bescheid.",
    "Je peux te recommander si tu veux.",
    "Envoyez-moi votre CV.",
    "Te puedo referir sin problema.",
    "Si te puedo ayudar, avísame.",
    "Posso te indicar para a vaga!",
    "Me manda seu currículo.",
    "Ik kan je aanbevelen bij mijn manager.",
    "Stuur me je CV.",
]
NOT_OFFERS = [
    "We have several PM roles, interested?",
    "Hi! I'm a recruiter at Acme. We have several PM roles, interested? Send me your CV.",
    "Are you open to new opportunities? Let me know if I can help.",
    "Your background is a great fit for our Senior PM role. Please send me your resume.",
    "Could you refer me?",  # asking, not offering
    "Can you help me with my resume?",
    "Could you put in a word for me?",
    "I wish I could help, but we're on a hiring freeze.",
    "Unfortunately I can't refer you.",
    "I'm not able to refer you, sorry.",
    "Not sure I can help, sorry.",
    "I'd recommend you apply directly on the site.",  # advice
    "Thanks for the help!",
    "Thanks!\n\nOn Mon, Jan 8, 2024 at 9:00 AM Jane Doe <jane@example.com> wrote:\n> Happy to refer you",
    "Sounds good\n> I can refer you",
    "Thanks\n-----Original Message-----\nFrom: Jo\nI can refer you",
    "<p>Thanks</p><blockquote>I can refer you</blockquote>",
    "Happy to chat next week.",
    "",
]


@pytest.mark.parametrize("text", OFFERS)
def test_offers(text):
    assert offers_help(text)
    assert _filter([text]) == [True], "RE2 must let every offer through to Python"


@pytest.mark.parametrize("text", NOT_OFFERS)
def test_not_offers(text):
    assert not offers_help(text)


def test_new_text_cuts_quotes_and_tags():
    assert new_text("Hi<br>there&amp;all<blockquote>old</blockquote>").split() == ["Hi", "there&all"]
    assert new_text("New\n> old").strip() == "New"


def _filter(texts: list[str]) -> list[bool]:
    return pc.match_substring_regex(pa.array(texts, type=pa.string()), OFFER_FILTER, ignore_case=True).to_pylist()


_words = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs", "Cc")),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_words, st.sampled_from(OFFERS + NOT_OFFERS), _words, st.booleans())
def test_the_filter_never_drops_what_python_would_find(before, phrase, after, upper):
    """RE2 (over raw cells) is a pre-filter: whatever ``offers_help`` accepts, it lets through."""
    text = before + " " + (phrase.upper() if upper else phrase) + " " + after
    found = offers_help(text)
    assert isinstance(found, bool)
    if found:
        assert _filter([text]) == [True]


# -- any content: the reader does not crash ---------------------------------------------------

HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
          "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
          "IS CONVERSATION DRAFT"]
_content = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(OFFERS + NOT_OFFERS + ["<", "&", "&#", "<p>", "\n> ", "wrote:", "\x00", "\ud800"]),
             max_size=6).map(" ".join),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.booleans(), _content), min_size=1, max_size=8))
def test_any_content_never_crashes_the_reader(messages):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    owner = ("Alex Moreno", "https://www.linkedin.com/in/alex-moreno")
    other = ("Jane Doe", "https://www.linkedin.com/in/jane-doe")
    for number, (mine, content) in enumerate(messages):
        sender, to = (owner, other) if mine else (other, owner)
        writer.writerow(["2-x", "", sender[0], sender[1], to[0], to[1], f"2024-01-01 10:00:{number:02d} UTC", "",
                         content, "INBOX", "No", "No"])
    data = out.getvalue().encode("utf-8", "surrogatepass")
    try:  # either way in, whatever the bytes: statistics, or an error naming the file
        read = read_linkedin_file(data, "messages.csv")
        careful = read_messages(read_linkedin_csv(data, "messages.csv", expect="messages"))
    except InputError as exc:
        assert "messages.csv" in str(exc)
        return
    for result in (read, careful):
        for stats in result.stats:
            assert stats.offered_help_at is None or stats.offered_help_at.startswith("2024-01-01T10:00:")
    if read.stats and careful.stats:
        assert read.stats[0].offered_help_at == careful.stats[0].offered_help_at
