"""A plan that cannot be written changes nothing in the workspace: the review decisions typed in
the workbook and ``--save-weights`` are kept only with the workbook they came with."""

from __future__ import annotations

import json
import sqlite3

import openpyxl
from plan_data import filled
from workspace_dump import dump


def test_a_plan_that_cannot_be_written_changes_nothing_in_the_workspace(run, workspace, tmp_path):
    f = filled(workspace)
    f.target("Acme", 1.0, text="High")
    f.target("Globex", 0.3, text="Low")
    f.contact("Pete Peer", "Acme Inc.", "Data Engineer")
    f.contact("Lou Glob", "Globexx", "Engineer")  # a suggestion for the Review sheet
    f.conn.close()
    out = tmp_path / "plan.xlsx"
    assert run("plan", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    review = book["Review"]
    review.cell(2, [c.value for c in review[1]].index("Decision") + 1).value = "accept"
    book.save(out)
    out.chmod(0o444)  # refused even for root
    before = dump(workspace)

    result = run("plan", "-o", out, "--weights", "tie_strength=5", "--save-weights")
    assert result.exit_code == 1
    assert f"Error: cannot write {out}: the file is read-only" in result.output
    assert dump(workspace) == before

    out.chmod(0o644)  # once it can be written, both are kept
    assert run("plan", "-o", out, "--weights", "tie_strength=5", "--save-weights").exit_code == 0
    conn = sqlite3.connect(workspace / "outreach.db")
    assert conn.execute("SELECT company, target, accepted FROM review_decisions").fetchall() == [
        ("Globexx", "Globex", 1)]
    weights = conn.execute("SELECT value FROM settings WHERE key = 'weights'").fetchone()[0]
    assert json.loads(weights)["tie_strength"] == 5
