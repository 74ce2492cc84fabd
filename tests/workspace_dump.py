"""The whole workspace database as SQL, to see that a failed command changed nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def dump(workspace: Path) -> list[str]:
    conn = sqlite3.connect(workspace / "outreach.db")
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
