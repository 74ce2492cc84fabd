"""What reaches a terminal from the user's files: no control or escape character as itself.

A friend's export is data the user did not write: a name holding ``ESC ] 0 ; … BEL`` retitles
the terminal, ``ESC [ 2 J`` clears it, CR overwrites the line, U+202E prints the rest of the
line backwards. Every command that prints such fields shows them visibly instead; ``--json``
keeps them exact (escaped the JSON way).
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach.cli._text import cut, shown, terminal_safe_json, width

#: What a terminal may act on: C0 controls but LF, DEL, C1 controls, bidi controls.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# (a CR inside a quoted CSV field ends the row in today's reader: CR is tried on the profile)
HOSTILE_FIRST = ["Eve\x1b]0;pwned\x07", "Mal\x1b[2J\x1b[H", "Bel\x07la", "Rtl\u202eevil",
                 "Csi\x9b31m", "Del\x7fta", "Vt\x0bTab\tFf\x0cend"]
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def connections(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.fixture
def hostile(run, tmp_path):
    """A friend's Connections.csv whose names, companies and positions hold escape sequences,
    a target list and a group catalogue with the same, and a profile name with one."""
    rows = [[first, "Lee\x1b[31m", f"https://www.linkedin.com/in/person-{n}", "",
             "Acme\x1b]0;pwned\x07 Corp", "Data\u202eEngineer\x1b[2J", "14 Dec 2024"]
            for n, first in enumerate(HOSTILE_FIRST)]
    path = tmp_path / "Connections.csv"
    path.write_bytes(connections(rows))
    imported = run("import", "linkedin", path, "--owner", "Dana\x1b[2J Friend")
    assert imported.exit_code == 0, imported.output
    targets = tmp_path / "targets.csv"
    targets.write_text('Company,Priority,Notes\n"Acme\x1b]0;pwned\x07 Corp",High,x\n'
                       '"Globex\x1b[2J\u202e",Low,y\n', encoding="utf-8")
    assert run("import", "targets", targets).exit_code == 0
    groups = tmp_path / "groups.csv"
    groups.write_text(
        "Name,Type,City,Cost,Meets,Duration (hours),Visitors,Contract,Salary range or career level\n"
        '"Data\x1b]0;pwned\x07 Breakfast\u202e",networking breakfast,"Austin\x1b[2J, TX",free,'
        "every Tuesday 7am,1.5,yes,none,all levels\n",
        encoding="utf-8",
    )
    assert run("import", "groups", groups).exit_code == 0
    named = run("profile", "--name", "Me\x1b]0;pwned\x07", "--home-city", "Austin, TX", "--hours", "10",
                "--pitch", "Hire me\rOVERWRITTEN\x1b[8m")
    assert named.exit_code == 0
    return imported.output + named.output


@pytest.mark.parametrize("command", [
    ["contacts"], ["targets"], ["groups"], ["groups", "--all"], ["profile"],
])
def test_no_raw_control_character_reaches_the_terminal(hostile, run, command):
    assert not RAW.findall(hostile)
    assert "the contacts of Dana␛[2J Friend" in hostile
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert not RAW.findall(result.output), (command, result.output)
    assert "␛]0;pwned␇" in result.output or "␛[2J" in result.output  # visible, not dropped


def test_the_plan_table_shows_no_raw_control_character(hostile, run, tmp_path):
    result = run("plan", "-o", tmp_path / "plan.xlsx")
    assert result.exit_code == 0, result.output
    # the ask to the friend, about their contacts at the target, is in the table
    assert "Dana␛[2J Friend → " in result.output
    assert not RAW.findall(result.output), result.output


def test_names_are_shown_visibly(hostile, run):
    contacts = run("contacts").output
    assert "Eve␛]0;pwned␇ Lee␛[31m" in contacts
    assert "Rtl\\u202eevil" in contacts and "Csi\\x9b31m" in contacts and "Del␡ta" in contacts
    assert "Vt Tab Ff end Lee" in contacts  # whitespace controls: one space in a table
    profile = run("profile").output
    assert "Me␛]0;pwned␇" in profile and "Hire me␍OVERWRITTEN␛[8m" in profile
    assert "Data␛]0;pwned␇ Breakfast\\u202e" in run("groups").output


@pytest.mark.parametrize("command", [["contacts", "--json"], ["targets", "--json"], ["groups", "--json"],
                                     ["profile", "--json"]])
def test_json_keeps_every_character_exact_and_escaped(hostile, run, command):
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert not RAW.findall(result.output)
    assert any("\x1b]0;pwned\x07" in text for text in strings(json.loads(result.output)))


def strings(value: object) -> list[str]:
    """Every string in a JSON value, keys and values."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_contacts_json_reads_back_the_names_as_written(hostile, run):
    names = {r["first_name"] for r in json.loads(run("contacts", "--json").output)}
    assert names == set(HOSTILE_FIRST)


def test_an_error_naming_a_file_is_one_visible_line(run, tmp_path):
    bad = tmp_path / "from a friend\x1b]0;pwned\x07\nsecond line.csv"  # a name as a zip may give
    bad.write_text("Title,Zip\nAcme,1\n", encoding="utf-8")
    result = run("import", "targets", bad)
    assert result.exit_code == 1
    assert not RAW.findall(result.output)
    assert result.output.startswith("Error: from a friend␛]0;pwned␇␊second line.csv: no column naming")
    assert len(result.output.splitlines()) == 1


# -- the helpers ------------------------------------------------------------------------------


def test_shown_makes_controls_visible_one_for_one():
    assert shown("a\x1b[2Jb\x07\r\n\t\x00\x7f") == "a␛[2Jb␇␍␊␉␀␡"
    assert shown("x\x85\x9by\u202ez\u2066") == "x\\x85\\x9by\\u202ez\\u2066"
    assert shown("Zoë 李 😀 e\u0301") == "Zoë 李 😀 e\u0301"  # text is left alone


@pytest.mark.parametrize("columns", range(0, 12))
def test_a_cut_never_splits_what_it_shows(columns):
    for text in ("ab\u202ecdefghijkl", "ab\x9bcdefghij"):
        out = cut(text, columns)
        assert width(out) <= columns
        if out.endswith("…"):
            assert shown(text).startswith(out[:-1])
            assert not out[:-1].endswith(("\\", "\\u", "\\u202", "\\x9")), out
    accents = cut("e\u0301" * 6, columns)  # é written as e and a combining accent
    assert width(accents) <= columns and not accents.replace("…", "").endswith("e")


@given(st.text())
def test_any_text_cut_or_shown_holds_no_raw_control(text):
    assert not RAW.findall(cut(text, 20))
    assert not RAW.findall(shown(text).replace("\n", ""))
    assert width(cut(text, 20)) <= 20


@given(st.text())
def test_terminal_safe_json_is_the_same_json(text):
    dumped = terminal_safe_json(json.dumps({"k": text}, ensure_ascii=False))
    assert json.loads(dumped) == {"k": text}
    assert not RAW.findall(dumped)
