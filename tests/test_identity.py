"""Person identity (outreach.identity): one rule for profile URLs, names and person keys, used
alike by the importer and by the plan when it looks for a friend among the user's contacts."""

from __future__ import annotations

import ast
import json
import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from outreach.identity import (
    NAME_KEY_PREFIX,
    name_key,
    normalise_name,
    normalise_profile_url,
    person_key,
)
from outreach.imports.linkedin.export import read_linkedin_file
from outreach.plan.network import Owner, identify_friends, load_owners
from outreach.store import open_workspace

ROOT = Path(__file__).parent.parent

# A Dec-2024 Connections.csv as LinkedIn writes it: the "Notes:" preamble, a URL column (some
# URLs percent-encoded, some with a trailing slash), newest first, a private member's row.
MY_CONNECTIONS = """\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Jörg,Müller,https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-77,,Robert Bosch GmbH,Data Engineer,02 Dec 2024
Chris,Kim,https://www.linkedin.com/in/chris-kim-2,,Northwind Traders,Analyst,29 Nov 2024
Sam,Lee (they/them),https://www.linkedin.com/in/samlee,sam@example.com,Google via Qualitest Group,"Recruiter, Tech",28 Nov 2024
,,,,,,20 Nov 2024
Ana,Lima,https://www.linkedin.com/in/ana-lima-4b2c/,,Globex,Product Manager,11 Nov 2024
Chris,Kim,https://www.linkedin.com/in/chriskim,,Self-employed,Consultant,16 Sep 2021
"""

# A friend's export: the person at the target the friend can introduce the user to.
FRIEND_CONNECTIONS = """\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ivy,Init,https://www.linkedin.com/in/ivy-init-31a,,"Initech, Inc.",Engineering Manager,03 Oct 2024
Rob,Park,https://www.linkedin.com/in/rob-park-9,,Hooli,Designer,16 Sep 2021
"""

# Someone who is not among the user's contacts: the baseline for a friend the plan cannot place.
STRANGER_CONNECTIONS = FRIEND_CONNECTIONS.replace(
    'Ivy,Init,https://www.linkedin.com/in/ivy-init-31a,,"Initech, Inc."',
    "Uma,Brella,https://www.linkedin.com/in/uma-brella,,Umbrella Corporation",
)

TARGETS = "Company,Priority\nInitech,High\nUmbrella Corporation,High\n"

MESSAGES_HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
                   "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT")
ME = ("Alex Moreno", "https://www.linkedin.com/in/alex-moreno")


def my_messages() -> str:
    """The user writes often, and lately, with Ana and Jörg (newest first, like LinkedIn)."""
    friends = [("Ana Lima", "https://www.linkedin.com/in/ana-lima-4b2c"),
               ("Jörg Müller", "https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-77")]
    lines = [MESSAGES_HEADER]
    for n in range(40):
        day = date.today() - timedelta(days=1 + n)
        for conversation, friend in enumerate(friends):
            sender, recipient = (ME, friend) if n % 2 else (friend, ME)
            lines.append(f"2-friend{conversation},,{sender[0]},{sender[1]},{recipient[0]},{recipient[1]},"
                         f"{day} 18:24:37 UTC,,\"Lunch on Thursday, {recipient[0].split()[0]}?\",INBOX,No,No")
    return "\n".join(lines) + "\n"


def write(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def imported(run, tmp_path: Path) -> None:
    """The user's own export (connections and messages), imported."""
    result = run("import", "linkedin", write(tmp_path / "me", Connections=MY_CONNECTIONS, messages=my_messages()))
    assert result.exit_code == 0, result.output


# -- the rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url,key",
    [
        ("https://www.linkedin.com/in/jane-doe-1a2b3c", "www.linkedin.com/in/jane-doe-1a2b3c"),
        ("HTTPS://WWW.LinkedIn.com/in/Jane-Doe/", "www.linkedin.com/in/jane-doe"),
        ("http://linkedin.com/in/jane-doe?trk=abc#x", "www.linkedin.com/in/jane-doe"),
        ("https://de.linkedin.com/in/jane-doe", "www.linkedin.com/in/jane-doe"),
        ("www.linkedin.com/in/j%C3%B6rg", "www.linkedin.com/in/jörg"),
        ("https://www.linkedin.com/in/J%C3%B6rg-M%C3%BCller-77", "www.linkedin.com/in/jörg-müller-77"),
        ("https://www.linkedin.com/in/jo%CC%88rg", "www.linkedin.com/in/jörg"),  # decomposed ö
        ("https://www.linkedin.com/in/a%3Fb", "www.linkedin.com/in/a?b"),  # an encoded "?" is not a query
        ("  https://www.linkedin.com/pub/jane-doe/1/2/3  ", "www.linkedin.com/pub/jane-doe/1/2/3"),
        ("https://notlinkedin.com/in/x", "notlinkedin.com/in/x"),
        ("", None),
        ("N/A", None),
        ("https://www.linkedin.com/", None),
        # The forms a user types or copies for --owner: one person.
        ("https://linkedin.com/in/ana-lima-4b2c", "www.linkedin.com/in/ana-lima-4b2c"),
        ("http://www.linkedin.com/in/ana-lima-4b2c/", "www.linkedin.com/in/ana-lima-4b2c"),
        ("de.linkedin.com/in/ana-lima-4b2c", "www.linkedin.com/in/ana-lima-4b2c"),
        ("www.linkedin.com/in/Ana-Lima-4b2c?trk=public_profile_browsemap", "www.linkedin.com/in/ana-lima-4b2c"),
        ("https://de.linkedin.com/in/jörg-müller-77/", "www.linkedin.com/in/jörg-müller-77"),
        # Not links: names, placeholders.
        ("Ana Lima", None),
        ("Kreuzer, PhD", None),
        ("https://", None),
    ],
)
def test_normalise_profile_url(url, key):
    assert normalise_profile_url(url) == key


@pytest.mark.parametrize(
    "written,same_as",
    [
        ("  Zoë   O’Brien ", "zoë o’brien"),
        ("JÖRG MÜLLER", "jörg müller"),
        ("Jo\u0308rg Mu\u0308ller", "jörg müller"),  # decomposed umlauts, as macOS types them
        ("Ｊｏｒｇ\u00a0Ｍｕｌｌｅｒ", "jorg muller"),  # full-width letters, a no-break space
        ("Straße", "strasse"),  # case-folded, not only lowercased
        ("Kreuzer,\tPhD", "kreuzer, phd"),
    ],
)
def test_person_names_compare_by_one_rule(written, same_as):
    assert normalise_name(written) == normalise_name(same_as) == same_as


def test_person_key_is_the_url_else_the_weak_name_key():
    assert person_key("https://de.linkedin.com/in/Ana-Lima-4b2c/", "Ana Lima") == "www.linkedin.com/in/ana-lima-4b2c"
    # A URL cell that is no link: the person is keyed by name, like one without a URL.
    assert person_key("N/A", " ANA  Lima ") == person_key(None, "ana lima") == "name:ana lima"
    assert person_key("", "Ana Lima", "2024-11-11") == name_key("Ana Lima", "2024-11-11") == "name:ana lima|2024-11-11"
    assert name_key("").startswith(NAME_KEY_PREFIX)
    assert person_key(None, "  ") is None and person_key("N/A", "") is None


def test_every_reader_keys_one_person_alike():
    """The same profile written three ways in three files of an export is one person key."""
    connections = read_linkedin_file(MY_CONNECTIONS.encode(), "Connections.csv")
    invitations = read_linkedin_file(
        b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        b"Alex Moreno,J\xc3\xb6rg M\xc3\xbcller,\"11/30/24, 8:15 AM\",,OUTGOING,"
        b"https://www.linkedin.com/in/alex-moreno,https://de.linkedin.com/in/J%C3%B6rg-M%C3%BCller-77/\n",
        "Invitations.csv",
    )
    messages = read_linkedin_file(my_messages().replace(
        "https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-77", "linkedin.com/in/jörg-müller-77/").encode(),
        "messages.csv")
    jorg = "www.linkedin.com/in/jörg-müller-77"
    assert jorg in {p.person_key for p in connections.people}
    assert [i.person_key for i in invitations.invitations] == [jorg]
    assert jorg in {s.person_key for s in messages.stats}


# -- a friend who shared their export, found among the user's contacts -------------------------


def test_a_friend_named_by_any_form_of_their_profile_url_or_their_name_is_found(run, workspace, tmp_path):
    imported(run, tmp_path)
    friend = write(tmp_path / "friend", Connections=FRIEND_CONNECTIONS)
    expected = {
        "https://linkedin.com/in/ana-lima-4b2c": "Ana Lima",
        "http://www.linkedin.com/in/ana-lima-4b2c/": "Ana Lima",
        "de.linkedin.com/in/ana-lima-4b2c": "Ana Lima",
        "www.linkedin.com/in/Ana-Lima-4b2c?trk=public_profile_browsemap": "Ana Lima",
        "https://www.linkedin.com/in/jörg-müller-77": "Jörg Müller",
        "https://DE.linkedin.com/in/J%C3%B6rg-M%C3%BCller-77/": "Jörg Müller",
        "ana  LIMA": "Ana Lima",
        "JÖRG MÜLLER": "Jörg Müller",
        "Jo\u0308rg Mu\u0308ller": "Jörg Müller",
        "https://linkedin.com/in/chris-kim-2": "Chris Kim",
        "Chris Kim": None,  # two contacts have that name: never merged on a guess
        "https://linkedin.com/in/ana-lima": None,  # another person's URL
        "Pat Stranger": None,
    }
    result = run("import", "linkedin", "--owner", "https://linkedin.com/in/ana-lima-4b2c", friend)
    assert result.exit_code == 0, result.output
    conn = open_workspace(workspace, create=False)
    try:
        me = load_owners(conn)[1]
        names = {cid: f"{first} {last}" for cid, first, last in conn.execute(
            "SELECT id, first_name, last_name FROM contacts WHERE owner_id = 1")}
        # Each form as the one friend (the importer keeps one owner per person: see below).
        found = {owner: names.get(identify_friends(conn, {1: me, 2: Owner(2, owner, False)}).get(2, -1))
                 for owner in expected}
    finally:
        conn.close()
    assert found == expected


def outreach_rows(run, tmp_path: Path) -> dict[str, dict]:
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out, "--json")
    assert result.exit_code == 0, result.output
    return {r["name"]: r for r in json.loads(result.stdout)}


@pytest.mark.parametrize(
    ("owner", "shown"),
    [("https://linkedin.com/in/ana-lima-4b2c", "Ana Lima"),
     ("www.linkedin.com/in/Ana-Lima-4b2c?trk=public_profile_browsemap", "Ana Lima"),
     ("https://de.linkedin.com/in/J%C3%B6rg-M%C3%BCller-77/", "Jörg Müller"),
     ("JÖRG MÜLLER", "Jörg Müller")],
)
def test_the_plan_counts_the_users_tie_to_the_friend_on_a_warm_path(run, tmp_path, owner, shown):
    """The user writes with the friend every other day: the introduction through that friend
    ranks above one through a friend of a friend the user does not know."""
    imported(run, tmp_path)
    friend = run("import", "linkedin", "--owner", owner, write(tmp_path / "friend", Connections=FRIEND_CONNECTIONS))
    assert friend.exit_code == 0, friend.output
    stranger = run("import", "linkedin", "--owner", "Pat Stranger",
                   write(tmp_path / "stranger", Connections=STRANGER_CONNECTIONS))
    assert stranger.exit_code == 0, stranger.output
    (tmp_path / "targets.csv").write_text(TARGETS, encoding="utf-8")
    assert run("import", "targets", tmp_path / "targets.csv").exit_code == 0

    rows = outreach_rows(run, tmp_path)
    # Each ask is written to the friend, about the person: found by whom it is about.
    about = {(r["about"] or "").split(" (")[0]: r for r in rows.values()}
    ivy, uma = about["Ivy Init"], about["Uma Brella"]
    assert ivy["write_to"] == shown and uma["write_to"] == "Pat Stranger"
    # The friend is named as LinkedIn has them, however --owner gave them.
    assert (ivy["kind"], ivy["via"], ivy["target"]) == ("intro", shown, "Initech")
    assert (uma["kind"], uma["via"]) == ("intro", "Pat Stranger")
    # Your tie to the friend counts: strong (messages), not the default for a stranger.
    assert ivy["components"]["tie_strength"] > uma["components"]["tie_strength"]
    assert ivy["score"] > uma["score"] and ivy["rank"] < uma["rank"]


def test_one_friend_given_two_ways_is_one_owner(run, workspace, tmp_path):
    imported(run, tmp_path)
    export = write(tmp_path / "friend", Connections=FRIEND_CONNECTIONS)
    for owner in ("linkedin.com/in/ana-lima-4b2c", "https://www.linkedin.com/in/Ana-Lima-4b2c/"):
        assert run("import", "linkedin", "--owner", owner, export).exit_code == 0
    for owner in ("Pat  Stranger", "pat stranger"):
        assert run("import", "linkedin", "--owner", owner, export).exit_code == 0
    conn = sqlite3.connect(workspace / "outreach.db")
    owners = conn.execute("SELECT name FROM owners WHERE is_self = 0 ORDER BY id").fetchall()
    friend_rows = conn.execute("SELECT COUNT(*) FROM contacts WHERE owner_id != 1").fetchone()[0]
    conn.close()
    assert owners == [("linkedin.com/in/ana-lima-4b2c",), ("Pat  Stranger",)]
    assert friend_rows == 2 * 2  # two owners, each with the friend export's two people once


def test_a_name_with_a_dot_and_a_slash_is_not_a_link():
    assert normalise_profile_url("Dr. Ana Lima / Globex") is None
    assert person_key("Dr. Ana Lima / Globex", "Dr. Ana Lima / Globex") == "name:dr. ana lima / globex"


# -- one home --------------------------------------------------------------------------------


def test_each_identity_rule_is_defined_once():
    """Walks outreach/ and imports/ (outreach/imports is a link to imports/: not walked twice)."""
    functions: dict[str, list[str]] = {}
    constants: dict[str, list[str]] = {}
    for top in ("outreach", "imports"):
        for folder, _, files in os.walk(ROOT / top):  # does not follow links
            for path in (Path(folder, name) for name in files if name.endswith(".py")):
                where = path.relative_to(ROOT).as_posix()
                tree = ast.parse(path.read_text(encoding="utf-8"))
                for node in ast.walk(tree):
                    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                        functions.setdefault(node.name, []).append(where)
                for node in tree.body:
                    if isinstance(node, ast.Assign):
                        for target in node.targets:
                            if isinstance(target, ast.Name):
                                constants.setdefault(target.id, []).append(where)
    assert any(w.startswith("imports/") for found in functions.values() for w in found)
    for rule in ("normalise_profile_url", "normalise_name", "name_key", "person_key"):
        assert functions.get(rule) == ["outreach/identity.py"], rule
    assert constants.get("NAME_KEY_PREFIX") == ["outreach/identity.py"]

