"""outreach.linkedin.apply: applying parsed exports to the store, and contact queries."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from outreach.imports.linkedin.export import find_export_files, read_export
from outreach.imports.linkedin.messages import MessageStats
from outreach.linkedin.apply import _join_to_contacts, apply_linkedin_export
from outreach.linkedin.contacts import list_contacts
from outreach.store import open_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"


@pytest.fixture
def conn(tmp_path):
    connection = open_workspace(tmp_path / "ws")
    yield connection
    connection.close()


def apply(conn, name: str, **kwargs):
    export = read_export(find_export_files(FIXTURES / name))
    return apply_linkedin_export(conn, export, today=date(2026, 1, 1), **kwargs)


def test_summary_is_plain_json(conn):
    summary = apply(conn, "connections_2024.csv")
    data = json.loads(json.dumps(summary.to_json()))
    assert data["files"][0]["kind"] == "connections"
    assert data["files"][0]["new"] == 5
    assert data["export_date"] == "2024-12-14" and data["owner_is_self"] is True


def test_a_file_without_a_date_in_its_name_is_dated_by_its_newest_date(conn):
    summary = apply(conn, "Invitations.csv")
    assert (summary.export_date, summary.export_date_from) == ("2024-12-16", "newest invitation date")


def test_without_any_date_the_export_is_dated_today(conn, tmp_path):
    header_only = tmp_path / "Invitations.csv"
    header_only.write_text("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n")
    summary = apply_linkedin_export(conn, read_export(find_export_files(header_only)), today=date(2026, 1, 1))
    assert summary.export_date == "2026-01-01" and summary.export_date_from.startswith("today")


def test_owner_is_created_once(conn):
    apply(conn, "connections_2021.csv", owner="Sam Lee")
    apply(conn, "connections_2021.csv", owner="SAM LEE")
    owners = conn.execute("SELECT id, name, is_self FROM owners ORDER BY id").fetchall()
    assert [tuple(o) for o in owners] == [(1, "me", 1), (2, "Sam Lee", 0)]
    assert conn.execute("SELECT COUNT(*) FROM contacts WHERE owner_id = 2").fetchone()[0] == 4


def stats(*rows) -> list[MessageStats]:
    return [MessageStats(*r) for r in rows]


def test_a_profile_url_is_never_joined_to_another_url_by_name(conn):
    apply(conn, "connections_2024.csv")
    joined, _ = _join_to_contacts(conn, 1, stats(
        ("www.linkedin.com/in/another-jane-doe", "Jane Doe", 1, 0, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
    ))
    assert [s.person_key for s in joined] == ["www.linkedin.com/in/another-jane-doe"]


def test_stats_joining_one_contact_are_added_up(conn):
    apply(conn, "connections_2021.csv")  # contacts keyed by name and date
    joined, keys = _join_to_contacts(conn, 1, stats(
        ("www.linkedin.com/in/ahmed", "Ahmed Hassan", 1, 2, "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"),
        ("name:ahmed hassan", "", 3, 0, "2023-01-01T00:00:00Z", "2023-06-01T00:00:00Z"),
    ))
    joined = list(joined)
    assert len(joined) == 1
    row = joined[0]
    assert row.person_key == "name:ahmed hassan|2021-03-02" and row.person_key in keys
    assert (row.messages_sent, row.messages_received) == (4, 2)
    assert (row.first_message_at, row.last_message_at) == ("2023-01-01T00:00:00Z", "2024-02-01T00:00:00Z")
    assert row.name == "Ahmed Hassan"


def test_company_filter_is_the_text_case_and_spacing_aside(conn):
    """(The CLI passes only placeholders such as "Self-employed" here; real employers are
    matched like targets.)"""
    apply(conn, "connections_2024.csv")
    assert [r["first_name"] for r in list_contacts(conn, "  ACME   CORP ")] == ["Jane"]
    assert list_contacts(conn, "Acme") == []
    assert len(list_contacts(conn)) == 5


def test_contacts_are_listed_by_name_accents_aside(conn, tmp_path):
    """(Found by a tester: "José Álvarez" came after "Tom O'Brien".)"""
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Tom,O'Brien,https://www.linkedin.com/in/tom-obrien,,Acme,Engineer,01 Mar 2024\n"
                    "José,Álvarez,https://www.linkedin.com/in/jose-alvarez,,Acme,Engineer,01 Mar 2024\n"
                    "Zoë,zhou,https://www.linkedin.com/in/zoe-zhou,,Acme,Engineer,01 Mar 2024\n"
                    "Ann,Baker,https://www.linkedin.com/in/ann-baker,,Acme,Engineer,01 Mar 2024\n", encoding="utf-8")
    apply_linkedin_export(conn, read_export(find_export_files(path)), today=date(2026, 1, 1))
    assert [c["last_name"] for c in list_contacts(conn)] == ["Álvarez", "Baker", "O'Brien", "zhou"]
