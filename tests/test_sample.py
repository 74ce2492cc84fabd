"""The synthetic sample generator: deterministic, LinkedIn's real shapes, the committed copy current."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from outreach.sample.companies import TARGETS
from outreach.sample.messages import INVITATION_HEADER, MESSAGE_HEADER
from outreach.sample.write import (
    CONNECTIONS_HEADER,
    CONNECTIONS_NOTES,
    main,
    write_large,
    write_small,
)

SAMPLE_DATA = Path(__file__).parent.parent / "sample_data"
EXPORT = "Basic_LinkedInDataExport_11-20-2026.zip"
OLDER = "older/Basic_LinkedInDataExport_05-14-2026.zip"
FRIEND = "friend-dana/Connections.csv"
GENERATED = (EXPORT, OLDER, FRIEND, "targets.xlsx")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    write_small(out)
    return out


def member(zip_path: Path, base_name: str) -> str:
    """A zip member's text, found by base name at any depth."""
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            if name.rsplit("/", 1)[-1] == base_name:
                return archive.read(name).decode("utf-8")
    raise AssertionError(f"{base_name} not in {zip_path}")


def connections(text: str) -> list[dict[str, str]]:
    assert text.startswith(CONNECTIONS_NOTES)
    return list(csv.DictReader(io.StringIO(text[len(CONNECTIONS_NOTES):])))


def test_same_command_writes_byte_identical_files(tmp_path):
    first, second = write_small(tmp_path / "a"), write_small(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        p.relative_to(tmp_path / "b") for p in second
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert sorted(str(p.relative_to(tmp_path / "a")) for p in first) == sorted(GENERATED)


def test_connections_have_the_2024_preamble_and_shape(sample):
    text = member(sample / EXPORT, "Connections.csv")
    lines = text.split("\n")
    assert lines[0] == "Notes:"
    assert lines[1].startswith('"When exporting your connection data') and lines[1].endswith('"')
    assert lines[2] == ""
    assert lines[3] == ",".join(CONNECTIONS_HEADER)
    rows = connections(text)
    assert len(rows) == 400
    assert all(re.fullmatch(r"\d{2} [A-Z][a-z]{2} 20\d{2}", r["Connected On"]) for r in rows)
    from datetime import datetime

    days = [datetime.strptime(r["Connected On"], "%d %b %Y") for r in rows]
    assert days == sorted(days, reverse=True), "newest first"
    private = [r for r in rows if not r["URL"]]
    assert len(private) == 4
    assert all(not any(v for k, v in r.items() if k != "Connected On") for r in private)
    urls = [r["URL"] for r in rows if r["URL"]]
    assert len(set(urls)) == len(urls)
    assert any("%C3%" in u for u in urls), "percent-encoded profile URLs"
    emails = [r["Email Address"] for r in rows if r["Email Address"]]
    assert 5 < len(emails) < 60, "e-mail is empty for most people"
    assert any(e.startswith("urn:li:member:") for e in emails)
    last_names = " ".join(r["Last Name"] for r in rows)
    assert "Kreuzer, PhD" in last_names and "(she/her)" in last_names and "🌻" in last_names
    companies = {r["Company"] for r in rows}
    for written in ("Google via Qualitest Group", "Amazon Web Services (AWS)", "Facebook", "Wallmart",
                    "Epic Games", "Sysco", "Self-employed", "Stealth AI Startup", "Stripe, Inc.",
                    "Apex Systems | Kaiser Permanente", "Novo Nordisk A/S", "Robert Bosch GmbH",
                    "AstraZeneca plc", "Google LLC", "Procter and Gamble", "Home Depot"):
        assert written in companies, written
    assert ',"Stripe, Inc.",' in text, "a company with a comma is quoted"


def test_messages_have_all_twelve_columns(sample):
    text = member(sample / EXPORT, "messages.csv")
    reader = csv.reader(io.StringIO(text))
    assert tuple(next(reader)) == MESSAGE_HEADER
    rows = [dict(zip(MESSAGE_HEADER, row, strict=True)) for row in reader]
    assert 300 < len(rows) < 800
    assert all(re.fullmatch(r"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC", r["DATE"]) for r in rows)
    assert [r["DATE"] for r in rows] == sorted((r["DATE"] for r in rows), reverse=True)
    me = "https://www.linkedin.com/in/alex-moreno-data"
    assert any(r["SENDER PROFILE URL"] == me for r in rows)
    assert any(r["RECIPIENT PROFILE URLS"] == me for r in rows)
    # Real exports join a group thread's recipient URLs with commas
    groups = {r["CONVERSATION ID"] for r in rows if "," in r["RECIPIENT PROFILE URLS"]}
    assert len(groups) >= 5
    assert sum(r["IS MESSAGE DRAFT"] == "Yes" for r in rows) == 4
    assert sum(r["IS CONVERSATION DRAFT"] == "Yes" for r in rows) == 1
    assert {r["IS MESSAGE DRAFT"] for r in rows} == {"Yes", "No"}
    assert any(r["SUBJECT"] for r in rows) and any(r["FOLDER"] == "SPAM" for r in rows)


def test_invitations_and_other_members(sample):
    text = member(sample / EXPORT, "Invitations.csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == INVITATION_HEADER
    assert {r[4] for r in rows[1:]} == {"INCOMING", "OUTGOING"}
    assert all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M", r[2]) for r in rows[1:])
    with zipfile.ZipFile(sample / EXPORT) as archive:
        names = archive.namelist()
        stamps = {info.date_time for info in archive.infolist()}
    assert {"Connections.csv", "messages.csv", "Invitations.csv"} <= set(names)
    assert any("/" in name for name in names), "newer archives have subfolders"
    assert stamps == {(2026, 11, 20, 9, 14, 2)}


def test_older_export_shows_job_changes(sample):
    now = {r["URL"]: r for r in connections(member(sample / EXPORT, "Connections.csv")) if r["URL"]}
    with zipfile.ZipFile(sample / OLDER) as archive:
        assert all("/" in name for name in archive.namelist()), "re-zipped from the folder"
    then = {r["URL"]: r for r in connections(member(sample / OLDER, "Connections.csv")) if r["URL"]}
    assert 300 < len(then) < len(now)
    changed = [u for u in then if u in now and
               (then[u]["Company"], then[u]["Position"]) != (now[u]["Company"], now[u]["Position"])]
    assert 15 <= len(changed) <= 20
    assert len([u for u in then if u not in now]) == 3, "connections removed since"


def test_friend_export_reaches_targets_the_user_cannot(sample):
    mine = connections(member(sample / EXPORT, "Connections.csv"))
    friend = connections((sample / FRIEND).read_text("utf-8"))
    assert len(friend) == 250
    assert len({r["URL"] for r in mine} & {r["URL"] for r in friend if r["URL"]}) >= 20
    my_companies = {r["Company"] for r in mine}
    friend_companies = {r["Company"] for r in friend}
    for company in ("Ørsted A/S", "Figma", "Duolingo", "Vestas"):
        assert company in friend_companies and company not in my_companies


def test_targets_workbook_looks_hand_kept(sample):
    from openpyxl import load_workbook

    book = load_workbook(sample / "targets.xlsx")
    assert book.sheetnames == ["Dream employers", "Also interesting", "Notes"]
    dream = [list(r) for r in book["Dream employers"].iter_rows(values_only=True)]
    assert dream[0][0] and dream[1] == [None] * 6
    assert dream[2] == ["Employer", "Priority", "City", "Roles", "Website", "Notes"]
    body = dream[3:]
    assert [None] * 6 in body, "a blank row in the middle"
    assert {r[1] for r in body if r[0]} == {"High", "Medium", "Low", "high"}
    also = [list(r) for r in book["Also interesting"].iter_rows(values_only=True)]
    assert also[2] == ["Company name", "Priority", "Comment"]
    assert {r[1] for r in also[3:]} <= {1, 2, 3, 4, 5, None} and None in {r[1] for r in also[3:]}
    assert len([r for r in body if r[0]]) + len(also[3:]) == len(TARGETS) == 44


def test_committed_sample_matches_the_generator(sample):
    """sample_data/ is what the generator writes (zip members compared, not compressed bytes)."""
    for name in GENERATED:
        committed, fresh = SAMPLE_DATA / name, sample / name
        assert committed.exists(), f"run: python -m outreach.sample sample_data/ ({name} missing)"
        if name.endswith((".zip", ".xlsx")):
            with zipfile.ZipFile(committed) as a, zipfile.ZipFile(fresh) as b:
                assert a.namelist() == b.namelist(), name
                for inner in a.namelist():
                    assert a.read(inner) == b.read(inner), f"{name}:{inner} is stale"
        else:
            assert committed.read_bytes() == fresh.read_bytes(), f"{name} is stale"


def test_large_generator_shape(tmp_path):
    written = write_large(tmp_path, connections=900, messages=3000, targets=120)
    export, targets = written
    rows = connections(member(export, "Connections.csv"))
    assert len(rows) == 900
    assert len({r["Company"] for r in rows}) > 450, "most companies unique"
    messages = list(csv.reader(io.StringIO(member(export, "messages.csv"))))
    assert len(messages) == 3000 + 1
    from openpyxl import load_workbook

    sheet = load_workbook(targets, read_only=True)["Targets"]
    values = [r for r in sheet.iter_rows(values_only=True)]
    assert values[2] == ("Company", "Priority", "City", "Industry") and len(values) == 123


def test_main_prints_what_it_wrote(tmp_path, capsys):
    assert main([str(tmp_path)]) == 0
    assert f"wrote {tmp_path / EXPORT}" in capsys.readouterr().out


def test_the_sample_imports_without_errors(sample, run):
    for args in ((sample / OLDER,), (sample / EXPORT,), (sample / FRIEND, "--owner", "Dana Whitfield")):
        result = run("import", "linkedin", *args)
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
    result = run("import", "targets", sample / "targets.xlsx")
    assert result.exit_code == 0, result.output
