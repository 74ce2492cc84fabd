"""Job changes between two LinkedIn exports: another employer is a new job, a new title at the
same employer is a promotion, and a new spelling of the same employer is neither."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import date, timedelta

import pytest

from outreach.linkedin.apply import change_kind

# A 2020-2023 export: no URL column, no preamble, dates like "16 Sep 2021". Its export date is
# its newest Connected On (28 Feb 2023).
OLDER = """\
First Name,Last Name,Email Address,Company,Position,Connected On
Marco,Rossi,,Facebook,Technical Recruiter,28 Feb 2023
Tom,Becker,tom.becker@gmail.com,Acme Inc,Software Engineer,03 Mar 2022
Priya,Raman,,Acme Inc,Data Engineer,16 Sep 2021
Sofia,Costa,,"Initech, Inc.",Analyst,02 Jun 2021
Lena,Fischer,,Google LLC,Product Manager,11 Jan 2020
"""

# The same people in a Dec-2024-shaped export: the Notes preamble, profile URLs, a private
# member's row, and a new connection at the top.
NEWER = """\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Nora,Quist,https://www.linkedin.com/in/nora-quist-4b1a2,,Globex Corporation,Engineering Manager,{recent}
,,,,,,20 Nov 2024
Marco,Rossi,https://www.linkedin.com/in/marcorossi,,Meta,Technical Recruiter,28 Feb 2023
Tom,Becker,https://www.linkedin.com/in/tom-becker-9a8b7c,,Globex Corporation,Software Engineer,03 Mar 2022
Priya,Raman,https://www.linkedin.com/in/priya-raman-31,,"Acme, Inc.",Senior Data Engineer,16 Sep 2021
Sofia,Costa,https://www.linkedin.com/in/sofia-costa-bb2,,Initech Inc,Analyst,02 Jun 2021
Lena,Fischer,https://www.linkedin.com/in/lenafischer,,Google,Product Manager,11 Jan 2020
"""

TARGETS = "Company,Priority\nAcme Inc.,High\nGlobex,High\nMeta,Medium\nGoogle,Low\nInitech,Low\n"


def linkedin_day(day: date) -> str:
    return day.strftime("%d %b %Y")


def export_zip(folder, day: date, connections: str):
    """A Basic export as LinkedIn names it; the date in the name is the export's date."""
    folder.mkdir(exist_ok=True)
    path = folder / f"Basic_LinkedInDataExport_{day:%m-%d-%Y}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", connections)
    return path


@pytest.fixture
def imported(run, workspace, tmp_path):
    """The older export, then the newer one (made ten days ago); returns the newer import's result."""
    older = tmp_path / "2023" / "Connections.csv"
    older.parent.mkdir()
    older.write_text(OLDER, encoding="utf-8")
    first = run("import", "linkedin", older)
    assert first.exit_code == 0, first.output
    made = date.today() - timedelta(days=10)
    newer = export_zip(tmp_path / "2024", made, NEWER.format(recent=linkedin_day(made)))
    result = run("import", "linkedin", newer)
    assert result.exit_code == 0, result.output
    targets = tmp_path / "targets.csv"
    targets.write_text(TARGETS, encoding="utf-8")
    assert run("import", "targets", targets).exit_code == 0
    return result


def recorded(workspace) -> dict[str, tuple[str, str, str]]:
    conn = sqlite3.connect(workspace / "outreach.db")
    rows = conn.execute(
        "SELECT c.first_name, j.old_company, j.new_company, j.kind"
        " FROM job_changes j JOIN contacts c ON c.id = j.contact_id"
    ).fetchall()
    conn.close()
    return {name: (old, new, kind) for name, old, new, kind in rows}


def test_only_another_employer_is_a_job_change(imported, workspace):
    out = imported.stdout
    assert "contacts: 1 new, 5 updated, 0 unchanged" in out, out
    assert "job changes found: 1\n    Tom Becker: Acme Inc → Globex Corporation\n" in out
    assert "promotions found: 1" in out
    # Legal form and punctuation (Google LLC -> Google, "Initech, Inc." -> Initech Inc) and the
    # rename Facebook -> Meta are the same employer, with the same title: nothing to record.
    assert recorded(workspace) == {
        "Tom": ("Acme Inc", "Globex Corporation", "job"),
        "Priya": ("Acme Inc", "Acme, Inc.", "promotion"),
    }


def test_plan_speaks_of_the_new_job_and_the_promotion_each_as_what_it_is(imported, run, tmp_path):
    """A move is a new employer ("congrats"); a new title at the same one is a promotion, never
    "the new role … once you've settled in"; a rename is neither."""
    result = run("plan", "-o", tmp_path / "plan.xlsx", "--json")
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    tom, priya, marco = rows["Tom Becker"], rows["Priya Raman"], rows["Marco Rossi"]
    assert tom["kind"] == "congrats" and "congratulations" in tom["message"].lower()
    assert "moved from Acme to Globex" in tom["why"], "the reason says where they were before"
    assert priya["kind"] == "promotion" and "promoted to" in priya["why"]
    assert "settled in" not in priya["message"] and "joined" not in priya["message"]
    assert marco["kind"] not in ("congrats", "promotion")
    assert "congratulations" not in marco["message"].lower() and "moved" not in marco["why"]
    assert tom["components"]["job_change"] == 1.0
    assert priya["components"]["job_change"] == 0.0 and marco["components"]["job_change"] == 0.0


def test_a_new_title_after_a_move_does_not_hide_the_move(run, workspace, tmp_path):
    """Moved to Globex in one export, a title fixed in the next: still a new job at Globex."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    today = date.today()
    exports = [
        (today - timedelta(days=120), "Acme Inc,Engineer"),
        (today - timedelta(days=60), "Globex,Engineer"),
        (today - timedelta(days=5), "Globex Corp.,Staff Engineer"),
    ]
    for number, (day, job) in enumerate(exports):
        row = f"Tom,Becker,https://www.linkedin.com/in/tom-becker-9a8b7c,,{job},03 Mar 2022\n"
        result = run("import", "linkedin", export_zip(tmp_path / str(number), day, header + row))
        assert result.exit_code == 0, result.output
    assert "job changes found: 0" in result.stdout and "promotions found: 1" in result.stdout
    targets = tmp_path / "targets.csv"
    targets.write_text("Employer\nGlobex\n", encoding="utf-8")
    assert run("import", "targets", targets).exit_code == 0
    plan = run("plan", "-o", tmp_path / "plan.xlsx", "--json")
    assert plan.exit_code == 0, plan.output
    [tom] = json.loads(plan.stdout)
    assert tom["kind"] == "congrats" and "Globex" in tom["message"]
    assert "moved from Acme to Globex" in tom["why"]


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        (("", ""), ("Acme", "Engineer"), "job"),  # nothing listed before: a new job now
        (("", "Student"), ("Acme", "Intern"), "job"),
        (("Acme", "Engineer"), ("", ""), None),  # left, or hid it: nothing to congratulate
        (("Acme", "Engineer"), ("", "Engineer"), None),
        (("NVIDIA", "Engineer"), ("Stealth AI Startup", "Founder"), "job"),
        (("Self-employed", "Consultant"), ("Globex", "Consultant"), "job"),
        (("Self-employed", "Consultant"), ("Freelance", "Designer"), "promotion"),
        (("Self-employed", "Consultant"), ("Self Employed", "consultant"), None),
        (("Cisco Systems", "Engineer"), ("Cisco", "Engineer"), None),
        (("Meta Platforms, Inc.", "Engineer"), ("Facebook", "Senior Engineer"), "promotion"),
        (("Google", "Engineer"), ("YouTube", "Engineer"), "job"),  # a subsidiary is another employer
        (("Acme", "Data Engineer"), ("Acme", "data  engineer"), None),
    ],
)
def test_change_kind_rules(before, after, kind):
    assert change_kind(*before, *after) == kind


def test_the_graph_marks_the_move_but_not_the_promotion(imported, run, tmp_path):
    import networkx as nx

    out = tmp_path / "network.graphml"
    assert run("graph", "-o", out, "--all").exit_code == 0
    graph = nx.read_graphml(out)
    works = {}
    for a, b, data in graph.edges(data=True):
        if data.get("kind") == "works_at":
            person = a if graph.nodes[a]["kind"] == "contact" else b
            works[graph.nodes[person]["label"]] = data
    assert works["Tom Becker"]["job_change"] is True
    assert works["Tom Becker"]["previous_company"] == "Acme Inc"
    assert works["Priya Raman"]["job_change"] is False and works["Priya Raman"]["promoted_on"]
    assert works["Marco Rossi"]["job_change"] is False and not works["Marco Rossi"]["promoted_on"]


def test_a_connected_on_date_in_the_future_is_not_the_exports_date(run, workspace, tmp_path):
    """Issue 14: one typo'd 'Connected On' of 2099 in a file with no date in its name must not
    make that export look newer than every real one that follows."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    first = tmp_path / "Connections.csv"
    first.write_text(header
                     + "Tom,Becker,https://www.linkedin.com/in/tom-becker-9a8b7c,,Acme Inc,Engineer,03 Mar 2022\n"
                     + "Zed,Typo,https://www.linkedin.com/in/zed-typo,,Initech,Engineer,01 Jan 2099\n",
                     encoding="utf-8")
    result = run("import", "linkedin", first)
    assert result.exit_code == 0, result.output
    assert "2099-01-01, in the future, set aside" in result.output
    later = date.today() - timedelta(days=2)
    newer = export_zip(tmp_path / "newer", later, header
                       + "Tom,Becker,https://www.linkedin.com/in/tom-becker-9a8b7c,,Globex,Engineer,03 Mar 2022\n"
                       + "Zed,Typo,https://www.linkedin.com/in/zed-typo,,Initech,Engineer,01 Jan 2099\n")
    result = run("import", "linkedin", newer)
    assert result.exit_code == 0, result.output
    assert "job changes found: 1" in result.stdout and "Tom Becker: Acme Inc → Globex" in result.stdout
