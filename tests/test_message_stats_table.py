"""Per-person message statistics kept as columns (StatsTable) and stored without holding them
all as Python objects (issue 14): what they give back and what storing them counts."""

from __future__ import annotations

import pickle
from array import array

import pytest

from outreach.imports.linkedin.stats import ISO_WIDTH, TIME_FIELDS, MessageStats, StatsTable
from outreach.linkedin.apply import _replace_rows
from outreach.store import open_workspace, transaction


def _iso(value: str | None) -> bytes:
    return value.encode() if value else b" " * ISO_WIDTH


def table(*rows: MessageStats) -> StatsTable:
    return StatsTable(
        [r.person_key for r in rows], [r.name for r in rows],
        (array("q", [r.messages_sent for r in rows]), array("q", [r.messages_received for r in rows]),
         array("q", [r.unanswered for r in rows])),
        {f: b"".join(_iso(getattr(r, f)) for r in rows) for f in TIME_FIELDS},
        bytes(ord("o") if r.last_from == "owner" else ord("t") for r in rows),
    )


ROWS = [
    MessageStats("www.linkedin.com/in/zoë-ng", "Zoë Ng", 2, 1, "2024-01-01T08:00:00Z", "2024-03-01T09:30:00Z",
                 "2024-01-01T08:00:00Z", "2024-02-01T10:00:00Z", "2024-03-01T09:30:00Z", "2024-03-01T09:30:00Z",
                 "them", 1, "2024-03-01T09:30:00Z"),
    MessageStats("name:李 伟", "李伟", 0, 3, "2023-05-05T05:05:05Z", "2023-06-06T06:06:06Z", None, None,
                 "2023-05-05T05:05:05Z", "2023-06-06T06:06:06Z", "them", 3, None),
    MessageStats("www.linkedin.com/in/sam", "", 1, 0, "2022-01-01T00:00:00Z", "2022-01-01T00:00:00Z",
                 "2022-01-01T00:00:00Z", "2022-01-01T00:00:00Z", None, None, "owner", 1, None),
]


def test_a_stats_table_gives_back_the_rows_it_was_made_of():
    stats = table(*ROWS)
    assert len(stats) == 3 and list(stats) == ROWS and stats == ROWS
    assert stats[1] == ROWS[1] and stats[-1] == ROWS[2] and stats[1:] == ROWS[1:]
    assert list(stats.people()) == [(r.person_key, r.name) for r in ROWS]
    with pytest.raises(IndexError):
        stats[3]


def test_a_stats_table_survives_the_trip_from_the_reader_process():
    stats = pickle.loads(pickle.dumps(table(*ROWS), protocol=pickle.HIGHEST_PROTOCOL))
    assert list(stats) == ROWS


@pytest.fixture
def conn(tmp_path):
    connection = open_workspace(tmp_path / "ws")
    connection.execute("INSERT INTO owners (id, name, is_self) VALUES (2, 'Sam', 0)")
    yield connection
    connection.close()


def replace(conn, owner_id: int, rows) -> dict[str, int]:
    with transaction(conn):
        return _replace_rows(conn, "invitations", owner_id, ["person_key", "direction"], ["name", "sent_at", "message"],
                             iter(rows))


def test_replacing_rows_counts_what_changed_and_writes_nothing_when_nothing_did(conn):
    first = [("a", "outgoing", "Ann", "2024-01-01", ""), ("b", "incoming", "Bo", None, "hi"),
             ("c", "outgoing", "Cy", None, "")]
    assert replace(conn, 1, first) == {"new": 3, "updated": 0, "unchanged": 0, "removed": 0}
    assert replace(conn, 2, first[:1]) == {"new": 1, "updated": 0, "unchanged": 0, "removed": 0}
    conn.execute("CREATE TEMP TABLE written (n)")
    conn.execute("CREATE TEMP TRIGGER deleted AFTER DELETE ON main.invitations BEGIN INSERT INTO written VALUES (1); END")
    assert replace(conn, 1, reversed(first)) == {"new": 0, "updated": 0, "unchanged": 3, "removed": 0}
    assert conn.execute("SELECT count(*) FROM written").fetchone()[0] == 0  # NULL equals NULL: nothing written
    # b's sent_at known now, c gone, d new; a given twice: the last counts.
    again = [("a", "outgoing", "Ann", "2024-01-01", ""), ("b", "incoming", "Bo", "2024-02-02", "hi"),
             ("d", "outgoing", "Di", None, ""), ("a", "outgoing", "Ann", "2024-01-01", "later")]
    assert replace(conn, 1, again) == {"new": 1, "updated": 2, "unchanged": 0, "removed": 1}
    stored = conn.execute("SELECT person_key, sent_at, message FROM invitations WHERE owner_id = 1"
                          " ORDER BY person_key").fetchall()
    assert [tuple(r) for r in stored] == [("a", "2024-01-01", "later"), ("b", "2024-02-02", "hi"), ("d", None, "")]
    assert conn.execute("SELECT count(*) FROM invitations WHERE owner_id = 2").fetchone()[0] == 1
