"""How counts read: "1 message", "30,000 contacts", never "1 messages"; one home for the rule."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach.cli._text import cut, more, number, pad, plural, shown, width
from outreach.wording import listed

PACKAGE = Path(__file__).parent.parent / "outreach"

#: A count of one followed by a plural noun, the bug this file is about ("1 messages").
ONE_PLURAL = re.compile(r"(?<![\d.,])1 (?:more )?(?:(?!(?:with|of|in|at|for|to) )[a-z-]+ )?[a-z]+(?<!s)s\b")


def singular_only(text: str) -> list[str]:
    """The "1 <plural>" phrases in ``text`` ("1 messages", "1 more warnings")."""
    return [m for m in ONE_PLURAL.findall(text) if not m.endswith(("ss", "us", " is", " was", " has"))]


# -- the helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,expected",
    [
        ((1, "message"), "1 message"),
        ((2, "message"), "2 messages"),
        ((0, "message"), "0 messages"),
        ((30000, "contact"), "30,000 contacts"),
        ((1, "company", "companies"), "1 company"),
        ((12, "company", "companies"), "12 companies"),
        ((1, "person", "people"), "1 person"),
        ((1_234_567, "person", "people"), "1,234,567 people"),
        ((1.0, "volunteer hour"), "1 volunteer hour"),
        ((1.5, "volunteer hour"), "1.5 volunteer hours"),
        ((2.0, "visit"), "2 visits"),
    ],
)
def test_plural(args, expected):
    assert plural(*args) == expected


@pytest.mark.parametrize(
    "value,expected",
    [(0, "0"), (999, "999"), (1000, "1,000"), (30000, "30,000"), (-1500, "-1,500"),
     (110000, "110,000"), (2.0, "2"), (1.5, "1.5"), (1234.25, "1,234.25"), (0.333, "0.33")],
)
def test_number(value, expected):
    assert number(value) == expected


def test_more_and_listed():
    assert more(3) == "... and 3 more"
    assert more(1, "warning") == "... and 1 more warning"
    assert more(1200, "warning") == "... and 1,200 more warnings"
    assert more(1, "company", "companies") == "... and 1 more company"
    assert more(2, "company", "companies") == "... and 2 more companies"
    names = ["Acme", "Globex", "Initech", "Umbrella", "Hooli"]
    assert listed(names, 3) == "Acme, Globex, Initech and 2 more"
    assert listed(names[:3], 3) == "Acme, Globex, Initech"
    assert listed(["Acme"], 3) == "Acme"
    assert listed([], 3) == ""


def test_cut_keeps_short_text_and_marks_what_it_cuts():
    assert cut("Acme Corp", 28) == "Acme Corp"
    assert cut("Director of Data\nPlatform  Engineering", 40) == "Director of Data Platform Engineering"
    assert cut("Senior Software Engineer, Payments", 20) == "Senior Software Eng…"
    # Wide characters take two columns: three of them and the ellipsis fill seven.
    assert cut("株式会社日立製作所", 7) == "株式会…"
    assert cut("株式会社日立製作所", 8) == "株式会…"  # a fourth would need nine
    assert cut("Acme", 1) == "…"
    assert cut("Acme", 0) == ""
    assert pad("株", 4) == "株  " and pad("7", 3, right=True) == "  7"


@given(st.text(), st.integers(min_value=0, max_value=40))
def test_cut_always_fits_on_one_line(text, columns):
    result = cut(text, columns)
    assert width(result) <= columns
    assert "\n" not in result and "\r" not in result
    one_line = shown(" ".join(text.split()))  # controls made visible (test_terminal_safety)
    if width(one_line) <= columns:
        assert result == one_line
    else:
        assert result.endswith("…") or columns == 0


# -- one home -----------------------------------------------------------------------------------


#: CLI modules still to move to ``outreach.cli._text`` (cli/plan.py is being split up right
#: now); the test below fails once a listed module no longer needs its place here.
PENDING: dict[str, set[str]] = {}


def test_no_second_plural_or_cut_helper_in_the_cli():
    duplicates = {"_plural", "_cut", "_n", "_width", "_pad", "plural", "cut", "number"}
    found = []
    pending = {}
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        if path.name == "_text.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in duplicates:
                if node.name in PENDING.get(path.name, ()):
                    pending.setdefault(path.name, set()).add(node.name)
                else:
                    found.append(f"{path.name}:{node.lineno} {node.name}")
    assert found == []
    assert pending == PENDING, "a module moved to outreach.cli._text: take it out of PENDING"


#: Words whose plural is not the word and an "s": every call must spell it out.
IRREGULAR = re.compile(r"(?:[^aeiou]y|s|x|z|ch|sh|person|man|child)$")


def test_every_irregular_plural_is_spelled_out():
    """``plural(n, "company")`` would print "2 companys": the plural must be given."""
    assert all(IRREGULAR.search(w) for w in ("company", "person", "alias", "box", "match", "city"))
    assert not any(IRREGULAR.search(w) for w in ("message", "group", "day", "contact", "row"))
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("plural", "more")):
                continue
            word = node.args[1] if len(node.args) > 1 else None
            if (isinstance(word, ast.Constant) and isinstance(word.value, str)
                    and IRREGULAR.search(word.value) and len(node.args) < 3):
                missing.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {word.value!r}")
    assert missing == []


# -- what a user sees -----------------------------------------------------------------------------

# A Connections.csv as LinkedIn writes it since 2024 (the "Notes:" preamble, then the header),
# holding exactly one connection, and a messages.csv holding exactly one message to her.
CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Jane,Doe,https://www.linkedin.com/in/jane-doe-1a2b3c,,Acme Corp,Senior Engineer,14 Dec 2024
"""
MESSAGES = """CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT
2-OGM3ZjQ5NjUtYjY0Zi00,,Alex Moreno,https://www.linkedin.com/in/alex-moreno,Jane Doe,https://www.linkedin.com/in/jane-doe-1a2b3c,2024-12-16 18:24:37 UTC,,"Congrats on the new role, Jane!",INBOX,No,No
"""


@pytest.fixture
def one_of_each(run, tmp_path):
    """A workspace with one connection, one message and one target."""
    export = tmp_path / "Basic_LinkedInDataExport_12-20-2024"
    export.mkdir()
    (export / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (export / "messages.csv").write_text(MESSAGES, encoding="utf-8")
    imported = run("import", "linkedin", export)
    assert imported.exit_code == 0, imported.output
    targets = tmp_path / "Target companies.csv"
    targets.write_text("Company,Priority\nAcme Corp,High\n", encoding="utf-8")
    imported_targets = run("import", "targets", targets)
    assert imported_targets.exit_code == 0, imported_targets.output
    return imported.output + imported_targets.output


def test_one_connection_one_message_one_target(one_of_each, run):
    out = one_of_each
    assert "  1 row read\n  contacts: 1 new, 0 updated, 0 unchanged" in out
    assert "  1 message read; you are Alex Moreno" in out
    assert "  1 conversation: 1 one-to-one, 0 group" in out
    assert "not counted: 0 group messages, 0 drafts" in out
    assert "messaged one-to-one: 1 person, 1 of them among the contacts" in out
    assert "Imported 1 target from Target companies.csv: 1 new, 0 updated, 0 unchanged." in out

    contacts = run("contacts").output
    assert contacts.endswith("\n1 contact\n")
    targets = run("targets").output
    assert "Acme Corp  ·  priority 0.75 (High)  ·  1 contact\n" in targets
    assert targets.endswith("\n1 target, 1 with contacts.\n")

    for text in (out, contacts, targets):
        assert singular_only(text) == []


def test_one_alias_and_one_decision(one_of_each, run):
    assert run("alias", "add", "Acme Labs", "Acme Corp").exit_code == 0
    assert run("alias", "remove", "Acme Labs").output == "Removed 1 alias.\n"
    accepted = run("review", "--accept", "Acme Corp.", "Acme Corp")
    assert accepted.exit_code == 0, accepted.output
    assert "(1 contact at that name)" in accepted.output


def test_a_catalogue_of_one_group(run, tmp_path):
    catalogue = tmp_path / "groups.csv"
    catalogue.write_text(
        "Name,Type,City,Cost,Meets,Duration (hours),Visitors,Contract,Salary range or career level\n"
        'Austin Data Breakfast,networking breakfast,"Austin, TX",free,every Tuesday 7am,1.5,yes,none,'
        "all levels\n",
        encoding="utf-8",
    )
    imported = run("import", "groups", catalogue)
    assert imported.exit_code == 0, imported.output
    assert imported.output.startswith(
        "Imported 1 group from groups.csv: 1 in person in 1 city, 0 online; 1 free.\n")
    assert run("profile", "--home-city", "Austin, TX", "--no-relocate", "--hours", "10").exit_code == 0
    shown = run("groups")
    assert "Recommended: 1 group, " in shown.output
    calendar = run("groups", "--ics", tmp_path / "groups.ics", "--from", "2026-03-01")
    assert calendar.exit_code == 0, calendar.output
    assert re.search(r"Wrote \d+ meetings of 1 recommended group \(2026-03-01", calendar.output)
    for text in (imported.output, shown.output, calendar.output):
        assert singular_only(text) == []


def test_one_warning_one_group_out_of_reach_and_one_visit(run, tmp_path):
    catalogue = tmp_path / "groups.csv"
    catalogue.write_text(
        "Name,Type,City,Cost,Meets,Duration (hours),Visitors,Contract,Salary range or career level\n"
        'Austin Data Breakfast,networking breakfast,"Austin, TX",free,every Tuesday 7am,1.5,yes,none,'
        "all levels\n"
        'Dallas Job Club,job club,"Dallas, TX",free,weekly,2,yes,none,all levels\n'
        'Referral Circle,referral club,"Austin, TX",$450 a year,every Wednesday 7am,1.5,1 visit,'
        "12 months,all levels\n"
        'Mystery Mixer,social mixer,"Austin, TX",call for details,weekly,1,yes,none,all levels\n',
        encoding="utf-8",
    )
    imported = run("import", "groups", catalogue)
    assert imported.exit_code == 0, imported.output
    assert "\n1 warning (the original text is kept next to every number):\n" in imported.output
    run("profile", "--home-city", "Austin, TX", "--no-relocate", "--hours", "10")
    shown = run("groups").output
    assert "\n1 more group is out of reach (too far from home)" in shown
    flags = run("groups", "--json").output
    assert "a job seeker can visit up to 1 time but not join" in flags
    assert "a 12-month contract after 1 visit" in flags
    for text in (imported.output, shown, flags):
        assert singular_only(text) == []


def test_a_target_list_of_one_placeholder_says_row_not_rows(run, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text("Employer\nN/A\n", encoding="utf-8")
    result = run("import", "targets", targets)
    assert result.exit_code == 1
    assert result.output == ("Error: targets.csv: no row names a company that can be matched "
                             "(1 row holds the placeholder 'N/A')\n")


def test_the_phrase_check_catches_the_old_bug():
    assert singular_only("  1 messages read") == ["1 messages"]
    assert singular_only("... and 1 more warnings") == ["1 more warnings"]
    assert singular_only("1 group messages") == ["1 group messages"]
    assert singular_only("1 message read; 11 messages; 21 rows; 1,001 rows; 1.5 hours") == []
    assert singular_only("1 target, 1 with contacts; 1 of them among the contacts") == []
