"""`outreach import linkedin`, run as a user runs it: whose export a file is, what the summary
says about it, and the message history kept per person."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from workspace_dump import dump

from outreach.plan.network import load_contacts

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
SAM = "https://www.linkedin.com/in/sam-owner-4a1b"

# The issue's minimal reproduction: the 2020-2023 shape, one-to-one threads with Ada and Bob.
REPRODUCTION = """CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER
c1,,Ada Example,https://www.linkedin.com/in/ada-example,Sam Owner,2022-05-02 10:00:00 UTC,,Thanks!,INBOX
c1,,Sam Owner,https://www.linkedin.com/in/sam-owner,Ada Example,2022-05-01 10:00:00 UTC,,Hello Ada,INBOX
c2,,Bob Sample,https://www.linkedin.com/in/bob-sample,Sam Owner,2022-05-04 10:00:00 UTC,,Sure,INBOX
c2,,Sam Owner,https://www.linkedin.com/in/sam-owner,Bob Sample,2022-05-03 10:00:00 UTC,,Hello Bob,INBOX
"""

# A friend's 2024+ export: Dana's messages, and Sam (the user) among her connections.
DANA_MESSAGES = """CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT
2-ZGFuYS0x,,Dana Friend,https://www.linkedin.com/in/dana-friend,Ivy Init,https://www.linkedin.com/in/ivy-init-31a,2025-05-02 10:00:00 UTC,,Lunch on Friday?,INBOX,,No
2-ZGFuYS0y,,Rob Park,https://www.linkedin.com/in/rob-park-9,Dana Friend,https://www.linkedin.com/in/dana-friend,2025-04-02 10:00:00 UTC,,Thanks for the intro!,INBOX,,No
"""
DANA_CONNECTIONS = PREAMBLE + CONNECTIONS_HEADER + (
    "Ivy,Init,https://www.linkedin.com/in/ivy-init-31a,,\"Initech, Inc.\",Engineering Manager,03 Oct 2024\n"
    f"Sam,Owner,{SAM}/,,Acme Corp,Data Engineer,16 Sep 2021\n"
    "Rob,Park,https://www.linkedin.com/in/rob-park-9,,Hooli,Designer,16 Sep 2021\n"
)


def folder(path: Path, **files: str) -> Path:
    path.mkdir(parents=True)
    for name, text in files.items():
        (path / f"{name}.csv").write_text(text, encoding="utf-8")
    return path



def refused(result, *words: str) -> str:
    """The one line a refused import writes: what is wrong and what to do."""
    assert result.exit_code == 1, result.output
    assert result.stdout == "" and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def sams_workspace(run, workspace):
    """The user, Sam Owner, has imported their own 2021-2025 messages."""
    result = run("import", "linkedin", FIXTURES / "messages_2025.csv")
    assert result.exit_code == 0, result.output
    assert "you are Sam Owner" in result.stdout
    return workspace


# -- what the summary says ---------------------------------------------------------------------


def test_the_issues_reproduction_imports_as_two_one_to_one_threads(run, tmp_path):
    path = tmp_path / "messages.csv"
    path.write_text(REPRODUCTION, encoding="utf-8")
    result = run("import", "linkedin", path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{path}: LinkedIn messages, 2022 export\n" in out
    assert "  4 messages read; you are Sam Owner\n" in out
    assert "  2 conversations: 2 one-to-one, 0 group\n" in out
    assert "  messaged one-to-one: 2 people" in out
    # A file alone is as old as its newest message, not "today".
    assert "Export date: 2022-05-04 (newest message date)" in out
    assert "encoding" not in out and "format" not in out and "2020-2023" not in out


def test_verbose_says_each_files_format(run):
    result = run("import", "linkedin", FIXTURES / "messages_2021.csv", "--verbose")
    assert result.exit_code == 0, result.output
    assert ("  format: 2020-2023 (conversation ids and sender profile URLs, no recipient URLs); "
            "encoding utf-8\n") in result.stdout
    assert "  8 conversations: 5 one-to-one, 2 group, 1 with only hidden members (LinkedIn Member)\n" in result.stdout
    assert ('  not counted: 4 group messages, 0 drafts, 2 LinkedIn notices (such as "Message request '
            'accepted")\n') in result.stdout


def test_a_header_only_file_is_no_messages(run):
    result = run("import", "linkedin", FIXTURES / "coach_messages.csv")
    assert result.exit_code == 0, result.output
    assert "  0 messages read; you are not recognisable\n" in result.stdout
    assert "today: no date in the file name or the file" in result.stdout


# -- the history kept per person ---------------------------------------------------------------


def test_the_history_each_way_is_stored_and_reaches_the_plan(run, workspace, tmp_path):
    connections = PREAMBLE + CONNECTIONS_HEADER + (
        "Ada,Example,https://www.linkedin.com/in/ada-example,,Acme Corp,Engineer,01 Jan 2024\n"
        "Cleo,Demo,https://www.linkedin.com/in/cleo-demo-recruits,,Globex,Recruiter,01 Jan 2024\n"
    )
    export = folder(tmp_path / "Basic_LinkedInDataExport_06-15-2025", Connections=connections,
                    messages=(FIXTURES / "messages_2025.csv").read_text(encoding="utf-8"))
    assert run("import", "linkedin", export).exit_code == 0
    conn = sqlite3.connect(workspace / "outreach.db")
    contacts = {c.first_name: c for c in load_contacts(conn).values()}
    ada, cleo = contacts["Ada"], contacts["Cleo"]
    # Ada wrote in November; Sam wrote twice since, without a reply.
    assert (ada.messages_sent, ada.messages_received) == (2, 1)
    assert (ada.first_message_at, ada.last_message_at) == ("2024-11-30T10:00:00Z", "2025-05-02T10:00:00Z")
    assert (ada.last_sent_at, ada.last_received_at) == ("2025-05-02T10:00:00Z", "2024-11-30T10:00:00Z")
    assert (ada.last_from, ada.unanswered) == ("owner", 2)
    # Cleo wrote twice; Sam answered last.
    assert (cleo.last_from, cleo.unanswered, cleo.last_received_at) == ("owner", 1, "2025-06-01T15:00:00Z")
    first_sent = conn.execute("SELECT first_sent_at, first_received_at FROM message_stats"
                              " WHERE person_key = 'www.linkedin.com/in/cleo-demo-recruits'").fetchone()
    assert first_sent == ("2025-06-02T09:00:00Z", "2025-05-28T15:00:00Z")


# -- whose export it is ------------------------------------------------------------------------


def test_a_friends_connections_listing_you_are_refused_without_owner(run, sams_workspace, tmp_path):
    before = dump(sams_workspace)
    friend = folder(tmp_path / "dana", Connections=DANA_CONNECTIONS)
    line = refused(run("import", "linkedin", friend), "is not your export", "lists you (Sam Owner)",
                   '--owner "Friend Name"')
    assert str(friend) in line
    assert dump(sams_workspace) == before
    result = run("import", "linkedin", friend, "--owner", "Dana Friend")
    assert result.exit_code == 0, result.output
    assert "into the contacts of Dana Friend" in result.stdout


def test_a_friends_messages_are_refused_without_owner(run, sams_workspace, tmp_path):
    before = dump(sams_workspace)
    friend = folder(tmp_path / "dana", Connections=DANA_CONNECTIONS, messages=DANA_MESSAGES)
    refused(run("import", "linkedin", friend), "is not your export", '--owner "Dana Friend"')
    only_messages = folder(tmp_path / "dana-messages", messages=DANA_MESSAGES)
    refused(run("import", "linkedin", only_messages), "its messages are Dana Friend's", "you are Sam Owner")
    assert dump(sams_workspace) == before
    result = run("import", "linkedin", friend, "--owner", "Dana Friend")
    assert result.exit_code == 0, result.output
    assert "the owner is Dana Friend" in result.stdout


@pytest.mark.parametrize("owner", ["Sam Owner", "  sam   OWNER ", "linkedin.com/in/sam-owner-4a1b/", f"{SAM}?trk=x", "me"])
def test_owner_naming_you_is_refused(run, sams_workspace, tmp_path, owner):
    before = dump(sams_workspace)
    friend = folder(tmp_path / "dana", Connections=DANA_CONNECTIONS)
    refused(run("import", "linkedin", friend, "--owner", owner), "is you", "without --owner")
    assert dump(sams_workspace) == before


def test_owner_naming_you_by_your_profile_name_is_refused(run, workspace, tmp_path):
    assert run("profile", "--name", "Samuel Owner").exit_code == 0
    friend = folder(tmp_path / "dana", Connections=DANA_CONNECTIONS)
    refused(run("import", "linkedin", friend, "--owner", "samuel owner"), "is you")


def test_your_own_export_given_as_a_friends_is_refused(run, sams_workspace):
    before = dump(sams_workspace)
    refused(run("import", "linkedin", FIXTURES / "messages_2023.csv", "--owner", "Dana Friend"),
            "is your own export", "without --owner")
    assert dump(sams_workspace) == before


def test_a_namesake_among_your_own_connections_is_not_you(run, sams_workspace, tmp_path):
    """An export without profile URLs (2020-2023) listing a "Sam Owner": the export's own
    messages are the user's, so it is the user's export and that contact a namesake."""
    connections = CONNECTIONS_HEADER.replace("URL,", "") + "Sam,Owner,,Initech,Analyst,16 Sep 2021\n"
    export = folder(tmp_path / "Basic_LinkedInDataExport_04-10-2022", Connections=connections,
                    messages=(FIXTURES / "messages_2021.csv").read_text(encoding="utf-8"))
    result = run("import", "linkedin", export)
    assert result.exit_code == 0, result.output
    assert "you are Sam Owner" in result.stdout
    # Without the messages, the same connections could be anyone's that knows Sam: refused.
    refused(run("import", "linkedin", export / "Connections.csv"), "lists you (Sam Owner)")
