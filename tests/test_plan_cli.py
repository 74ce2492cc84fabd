"""`outreach plan` and `outreach graph` end to end, reading the workbook back with two readers."""

from __future__ import annotations

import json
import sqlite3

import openpyxl
import pytest
from plan_data import days_ago, filled
from python_calamine import CalamineWorkbook

HOSTILE = "=HYPERLINK(\"http://evil.example\",\"x\")"


@pytest.fixture
def ws(workspace):
    f = filled(workspace)
    f.target("Acme", 1.0, text="High")
    f.target("Globex", 0.3, text="Low")
    f.target("Initech", 0.8, text="High")
    f.target("Nobody Corp", 0.9, text="High")
    f.contact("Rita Recruiter", "Acme", "Technical Recruiter", sent=3, received=4, last=days_ago(10),
              email="rita@example.com")
    f.contact("Pete Peer", "Acme Inc.", "Data Engineer")
    f.contact(HOSTILE, "Globex", "@SUM(1+1)")
    f.contact("Lou Glob", "Globexx", "Engineer")
    ana = f.owner("Ana Lima")
    f.contact("Ana Lima", "Umbrella", "Consultant", sent=20, received=18, last=days_ago(5))
    f.contact("Ivy Init", "Initech", "Engineering Manager", owner=ana)
    f.conn.close()
    return workspace


def sheet_rows(path, name):
    sheet = openpyxl.load_workbook(path)[name]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=True)) for r in rows[1:] if any(v is not None for v in r)]


def test_without_workspace_or_contacts_says_what_to_import(run, workspace):
    result = run("plan", "-o", workspace.parent / "p.xlsx")
    assert result.exit_code == 1 and "import" in result.output
    filled(workspace).conn.close()
    result = run("plan", "-o", workspace.parent / "p.xlsx")
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "outreach import linkedin" in result.output


def test_plan_writes_the_workbook_and_prints_the_top_rows(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Rita Recruiter" in result.output and f"Wrote {out}" in result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:4] == ["Summary", "Outreach", "Targets", "Review"]
    outreach = book["Outreach"]
    assert len(outreach.tables) == 1 and outreach.freeze_panes == "D2"
    statuses = [dv for dv in outreach.data_validations.dataValidation if dv.type == "list"]
    assert statuses and "replied" in statuses[0].formula1 and "not now" in statuses[0].formula1
    rows = sheet_rows(out, "Outreach")
    first = rows[0]
    assert (first["Rank"], first["Week"], first["Write to"], first["Status"]) == (1, 1, "Rita Recruiter", "to contact")
    assert first["Target"] == "Acme" and first["E-mail"] == "rita@example.com"
    header = [c.value for c in outreach[1]]
    profile_cell = outreach.cell(row=2, column=header.index("Profile") + 1)
    assert profile_cell.hyperlink.target.startswith("https://www.linkedin.com/in/")
    # Hostile text from an export stays text in both readers.
    hostile = next(c for row in outreach.iter_rows(min_row=2) for c in row if c.value == HOSTILE)
    assert hostile.data_type == "s"
    calamine = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Outreach").to_python()
    assert any(HOSTILE in row for row in calamine)
    targets = {r["Target"]: r for r in sheet_rows(out, "Targets")}
    assert set(targets) == {"Acme", "Globex", "Initech", "Nobody Corp"}
    assert targets["Nobody Corp"]["People search"] == (
        "https://www.linkedin.com/search/results/people/?keywords=Nobody+Corp")
    assert targets["Acme"]["Contacts"] == 2 and targets["Acme"]["People search"] is None
    assert targets["Initech"]["Next step"] == "Ask Ana Lima to introduce you to Ivy Init"
    review = sheet_rows(out, "Review")
    assert [(r["Contact's company"], r["Target"], r["Decision"]) for r in review] == [("Globexx", "Globex", None)]
    summary = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Summary").to_python()
    assert any("Target employers" in row for row in summary)


def test_json_rows(run, ws, tmp_path):
    result = run("plan", "-o", tmp_path / "plan.xlsx", "--json", "--top", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 2
    for key in ("rank", "week", "name", "profile_url", "company", "target", "tier", "score", "why",
                "message", "status"):
        assert key in data[0]
    assert data[0]["name"] == "Rita Recruiter" and data[0]["components"]["target_priority"] == 1.0


def test_round_trip_keeps_statuses_notes_and_review_decisions(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    assert run("plan", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    sheet = book["Outreach"]
    header = [c.value for c in sheet[1]]
    col = {h: header.index(h) + 1 for h in header}
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, col["Write to"]).value == "Rita Recruiter":
            sheet.cell(row, col["Status"]).value = "replied"
            sheet.cell(row, col["Notes"]).value = "Call on Friday"
    review = book["Review"]
    rheader = [c.value for c in review[1]]
    review.cell(2, rheader.index("Decision") + 1).value = "accept"
    book.save(out)

    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    rows = {r["Write to"]: r for r in sheet_rows(out, "Outreach")}
    assert rows["Rita Recruiter"]["Status"] == "replied" and rows["Rita Recruiter"]["Notes"] == "Call on Friday"
    assert rows["Rita Recruiter"]["Week"] is None  # no new message planned to someone who replied
    # a conversation under way comes first, then the week's new messages
    assert rows["Rita Recruiter"]["Rank"] == 1
    assert rows["Pete Peer"]["Status"] == "to contact" and rows["Pete Peer"]["Rank"] == 2
    # The accepted suggestion is in the workspace and its contact is now planned.
    conn = sqlite3.connect(ws / "outreach.db")
    assert conn.execute("SELECT company, target, accepted FROM review_decisions").fetchall() == [("Globexx", "Globex", 1)]
    assert rows["Lou Glob"]["Tier"] == "review"
    assert [r["Decision"] for r in sheet_rows(out, "Review")] == ["accept"]


def test_unreadable_workbook_is_not_overwritten_without_force(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"not a workbook")
    result = run("plan", "-o", out)
    assert result.exit_code == 1 and "--force" in result.output
    assert out.read_bytes() == b"not a workbook"
    result = run("plan", "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames[0] == "Summary"


def test_weights_option(run, ws, tmp_path):
    result = run("plan", "-o", tmp_path / "p.xlsx", "--weights", "speed=2")
    assert result.exit_code == 2 and "target_priority" in result.output
    result = run("plan", "-o", tmp_path / "p.xlsx", "--json", "--weights", "target_priority=0,role_relevance=0,tie_strength=5",
                 "--save-weights")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(ws / "outreach.db")
    stored = json.loads(conn.execute("SELECT value FROM settings WHERE key = 'weights'").fetchone()[0])
    assert stored["tie_strength"] == 5


def test_templates_option_and_workspace_file(run, ws, tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('recruiter = "Dear {first_name} at {target}"\n')
    data = json.loads(run("plan", "-o", tmp_path / "p.xlsx", "--json", "--templates", mine).stdout)
    assert data[0]["message"] == "Dear Rita at Acme"
    (ws / "templates.toml").write_text('peer = "Yo {first_name}"\n')
    data = json.loads(run("plan", "-o", tmp_path / "p.xlsx", "--json").stdout)
    assert {r["message"] for r in data if r["name"] == "Pete Peer"} == {"Yo Pete"}
    (ws / "templates.toml").write_text('peer = "Yo {nick}"\n')
    result = run("plan", "-o", tmp_path / "p.xlsx")
    assert result.exit_code == 1 and "{nick}" in result.output


@pytest.mark.parametrize("name", ["net.graphml", "net.gexf", "net.png"])
def test_graph_export(run, ws, tmp_path, name):
    result = run("graph", "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).stat().st_size > 100 and "people" in result.output


def test_graph_holds_people_at_targets_unless_all(run, ws, tmp_path):
    f = filled(ws)
    f.contact("Elsewhere Person", "Unrelated Ltd")
    f.conn.close()
    # Everyone matched to a target (pending suggestions included) and Ana, the friend.
    assert "6 people" in run("graph", "-o", tmp_path / "a.gexf").output
    assert "7 people" in run("graph", "--all", "-o", tmp_path / "b.gexf").output


def test_graph_bad_extension(run, ws, tmp_path):
    result = run("graph", "-o", tmp_path / "net.svg")
    assert result.exit_code == 2 and ".gexf" in result.output


def test_rejected_suggestion_is_stored_and_kept_in_the_review_sheet(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    assert run("plan", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    review = book["Review"]
    header = [c.value for c in review[1]]
    review.cell(2, header.index("Decision") + 1).value = "reject"
    book.save(out)
    result = run("plan", "-o", out)
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(ws / "outreach.db")
    assert conn.execute("SELECT accepted FROM review_decisions").fetchall() == [(0,)]
    assert "Lou Glob" not in {r["Write to"] for r in sheet_rows(out, "Outreach")}
    # The decision stays visible (carried over by the workbook), not silently dropped.
    assert [r["Decision"] for r in sheet_rows(out, "Review")] == ["reject"]


def test_summary_has_counts_actions_and_a_chart(run, ws, tmp_path):
    out = tmp_path / "plan.xlsx"
    assert run("plan", "-o", out).exit_code == 0
    summary = openpyxl.load_workbook(out)["Summary"]
    text = [str(v) for row in summary.iter_rows(values_only=True) for v in row if v is not None]
    assert "Target employers" in text and "This week" in text
    assert any(t.startswith("Write to Rita Recruiter") for t in text)
    assert any(t.startswith("Ask Ana Lima to introduce you to Ivy Init (Initech)") for t in text)
    assert len(summary._charts) == 1


def test_full_plan_from_the_sample_data_imports(run, tmp_path):
    from conftest import SAMPLE_DATA

    assert run("import", "linkedin", SAMPLE_DATA / "Basic_LinkedInDataExport_11-20-2026.zip").exit_code == 0
    result = run("import", "linkedin", "--owner", "Dana Whitfield", SAMPLE_DATA / "friend-dana")
    assert result.exit_code == 0, result.output
    assert run("import", "targets", SAMPLE_DATA / "targets.xlsx").exit_code == 0
    run("profile", "--name", "Alex Moreno", "--home-city", "Austin, TX", "--roles", "data engineer",
        "--messages-per-week", "8")
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and max(sum(1 for r in rows if r["week"] == w) for w in {r["week"] for r in rows}) <= 8
    assert any(r["kind"] == "intro" and r["via"] == "Dana Whitfield" for r in rows)
    assert all(r["message"].rstrip().endswith("Alex Moreno") for r in rows)
    targets = {r["Target"]: r for r in sheet_rows(out, "Targets")}
    for nobody in ("Canva", "Patagonia", "Etsy", "Wikimedia Foundation", "Carlsberg Group"):
        assert targets[nobody]["Contacts"] == 0 and targets[nobody]["People search"].startswith(
            "https://www.linkedin.com/search/results/people/?keywords=")


def test_a_profile_link_outside_linkedin_is_text_in_the_workbook(run, tmp_path):
    """A friend's export can hold any address in its URL column: only LinkedIn's become links."""
    from openpyxl import load_workbook

    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lee,https://www.linkedin.com/in/ada-lee,,Acme Corp,Engineer,14 Dec 2024\n"
        "Eve,Mal,https://evil.example/in/eve,,Acme Corp,Recruiter,13 Dec 2024\n",
        encoding="utf-8")
    (tmp_path / "targets.csv").write_text("Company\nAcme Corp\n", encoding="utf-8")
    assert run("import", "linkedin", tmp_path / "Connections.csv").exit_code == 0
    assert run("import", "targets", tmp_path / "targets.csv").exit_code == 0
    assert run("plan", "-o", tmp_path / "plan.xlsx").exit_code == 0
    sheet = load_workbook(tmp_path / "plan.xlsx")["Outreach"]
    header = [c.value for c in sheet[1]]
    cells = {row[header.index("Write to")].value: row[header.index("Profile")] for row in sheet.iter_rows(min_row=2)}
    assert cells["Ada Lee"].hyperlink.target == "https://www.linkedin.com/in/ada-lee"
    assert cells["Eve Mal"].hyperlink is None and "evil.example" in cells["Eve Mal"].value


def test_the_targets_sheet_keeps_the_users_columns_and_names_the_top_ranked_contact(run, workspace, tmp_path):
    """A targets file's own columns (Why, Applied?) come back on the Targets sheet; the best
    contact there is the one the Outreach sheet ranks first; a list without priorities says so."""
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Aaron,Able,https://www.linkedin.com/in/aaron-able,,Acme,Office Assistant,01 Mar 2024\n"
        "Rita,Recruiter,https://www.linkedin.com/in/rita-r,,Acme,Technical Recruiter,02 Mar 2024\n",
        encoding="utf-8")
    assert run("import", "linkedin", connections).exit_code == 0
    targets = tmp_path / "targets.csv"
    targets.write_text("Company,Why,Applied?\nAcme,Great data team,yes\nGlobex,,no\n", encoding="utf-8")
    assert run("import", "targets", targets).exit_code == 0
    out = tmp_path / "plan.xlsx"
    result = run("plan", "-o", out, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data[0]["name"] == "Rita Recruiter" and "no priority given" in data[0]["why"]
    assert "outreach profile --roles" in result.stderr  # no roles yet: the plan says how
    rows = {r["Target"]: r for r in sheet_rows(out, "Targets")}
    assert rows["Acme"]["Notes"] == "Great data team" and rows["Acme"]["Applied?"] == "yes"
    assert rows["Globex"]["Applied?"] == "no"
    assert rows["Acme"]["Best contact"].startswith("Rita Recruiter")
