"""What the plan wrote into its workbooks, and the rows the user deleted, kept in the workspace
(tables of migrations 0200_plan_memory.sql and 0201_plan_memory_blobs.sql).

Why the workspace and not the workbook: what the plan wrote is every cell of its own columns
(some 40,000 for 5,000 targets), far more than a workbook's hidden document properties hold
(255 characters each), and a hidden sheet would be lost by a program that saves
only what it shows (pandas) or shown by one that unhides it. The workbook carries only a token
naming its write, so a copy or a moved file is still recognised; a workbook that lost even that
is recognised by its path. Deleted rows are a decision about the plan, as review decisions
are, so they hold for every workbook of the workspace.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from outreach.workbook.spec import SheetCells, Written

#: Writes remembered at most (one per workbook path); the oldest are forgotten first.
KEEP_WRITES = 20
_SUMMARY = ""  # the summary's cells are kept as a sheet of this name (no list sheet has it)


def workbook_path(path: Path) -> str:
    """The path a workbook is remembered by: absolute, symbolic links resolved."""
    return str(path.resolve())


def recall_write(conn: sqlite3.Connection, path: Path, token: str | None) -> Written | None:
    """What the plan last wrote into the workbook with ``token`` (from its description) or,
    without one, into the workbook at ``path``; None when nothing is known of it."""
    if token:
        found = conn.execute("SELECT id, token FROM plan_writes WHERE token = ?",
                             (token,)).fetchone()
    else:
        found = conn.execute("SELECT id, token FROM plan_writes WHERE path = ?",
                             (workbook_path(path),)).fetchone()
    if found is None:
        return None
    written = Written(found[1])
    for sheet, headers, data in conn.execute(
            "SELECT sheet, headers, rows FROM plan_sheets WHERE write_id = ?", (found[0],)):
        cells = written.sheets[sheet] = SheetCells(json.loads(headers))
        try:
            rows = json.loads(zlib.decompress(data)) if data else {}
            for key, (label, text, users) in rows.items():
                if not (isinstance(label, str) and isinstance(text, str) and users in (0, 1)):
                    raise ValueError("not a row")
                cells.rows[key] = (label, text)
                if users:
                    cells.users.add(key)
        except (zlib.error, ValueError, TypeError, AttributeError):
            # not what remember_write stores: nothing is known of that sheet, it is read as
            # before (wrong values here would make every cell look like the user's)
            written.sheets[sheet] = SheetCells(json.loads(headers))
    written.summary = written.sheets.pop(_SUMMARY, None)
    return written


def remember_write(conn: sqlite3.Connection, path: Path, written: Written) -> None:
    """Remember ``written`` as the latest write into ``path`` (in the caller's transaction).

    The earlier writes stay known by their token (a copy the user saved before, as .ods say,
    is still told apart from the plan's values): ``plan_writes.path`` is unique, so an
    earlier write's path becomes "<path>#<token>", which no lookup by path finds.
    """
    where = workbook_path(path)
    conn.execute("UPDATE plan_writes SET path = path || '#' || token WHERE path = ?", (where,))
    write_id = conn.execute("INSERT INTO plan_writes (path, token) VALUES (?, ?)",
                            (where, written.token)).lastrowid
    sheets = {**written.sheets, **({_SUMMARY: written.summary} if written.summary else {})}
    for sheet, cells in sheets.items():
        rows = {key: [label, text, int(key in cells.users)]
                for key, (label, text) in cells.rows.items()}
        data = zlib.compress(json.dumps(rows, ensure_ascii=False).encode("utf-8"), 1)
        conn.execute("INSERT INTO plan_sheets (write_id, sheet, headers, rows) VALUES (?, ?, ?, ?)",
                     (write_id, sheet, json.dumps(cells.headers), data))
    conn.execute("DELETE FROM plan_writes WHERE id NOT IN "
                 "(SELECT id FROM plan_writes ORDER BY id DESC LIMIT ?)", (KEEP_WRITES,))


def deleted_rows(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """Rows the user deleted: sheet -> {row key: label}."""
    found: dict[str, dict[str, str]] = {}
    for sheet, key, label in conn.execute(
            "SELECT sheet, row_key, label FROM plan_deleted ORDER BY deleted_on, label"):
        found.setdefault(sheet, {})[key] = label
    return found


def remember_deleted(conn: sqlite3.Connection, deleted: Mapping[str, Mapping[str, str]]) -> None:
    """Add rows the user deleted (sheet -> {row key: label}), in the caller's transaction."""
    conn.executemany(
        "INSERT OR REPLACE INTO plan_deleted (sheet, row_key, label) VALUES (?, ?, ?)",
        ((sheet, key, label) for sheet, rows in deleted.items() for key, label in rows.items()))


def forget_deleted(conn: sqlite3.Connection, rows: Iterable[tuple[str, str]]) -> None:
    """Bring rows back into the plan: (sheet, row key) pairs, in the caller's transaction."""
    conn.executemany("DELETE FROM plan_deleted WHERE sheet = ? AND row_key = ?", list(rows))


def matching_deleted(deleted: Mapping[str, Mapping[str, str]],
                     wanted: str) -> list[tuple[str, str]]:
    """The deleted rows ``wanted`` names: "all", a row's label, the name it starts with
    ("Ada Lovelace" for "Ada Lovelace (Acme)") or its key; case and spacing aside."""
    def folded(text: str) -> str:
        return " ".join(text.split()).casefold()

    want = folded(wanted)
    found = []
    for sheet, rows in deleted.items():
        for key, label in rows.items():
            names = {folded(key), folded(label), folded(label.split(" (")[0])}
            if want == "all" or want in names:
                found.append((sheet, key))
    return found
