"""Replies noticed from the next export (issue 13 part 4): the user marked a row Sent; the next
LinkedIn export holds the person's answer: the plan sets the status to replied in the workbook,
over what the user typed, says so in the row's plan note, and keeps it on the next re-plan."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl

TODAY = date.today()
ME, ME_URL = "Sam Seeker", "https://www.linkedin.com/in/sam-seeker-1a2b"
PETE_URL = "https://www.linkedin.com/in/pete-peer-3c4d"
HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
          "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]


def at(days_ago: int, hour: int = 10) -> str:
    moment = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time()).replace(hour=hour)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def export(folder: Path, days_ago: int, turns: list[tuple[str, int, str]]) -> Path:
    """An export made ``days_ago`` days ago: Pete and Ana as connections, the 1:1 thread with
    Pete (turns of (who, days ago, text)) and one with Ana so that the owner is known."""
    folder.mkdir(parents=True, exist_ok=True)
    day = TODAY - timedelta(days=days_ago)
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Pete,Peer,{PETE_URL},,Acme,Data Engineer,01 Mar 2024\n"
        "Ana,Lima,https://www.linkedin.com/in/ana-lima-5e6f,,Umbrella,Consultant,02 Mar 2024\n"
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    rows = [("c-pete", ME if who == "me" else "Pete Peer", days, text) for who, days, text in turns]
    rows += [("c-ana", ME, 40, "Hi Ana!"), ("c-ana", "Ana Lima", 39, "Hi Sam!")]
    for cid, sender, days, text in sorted(rows, key=lambda r: r[2]):
        me = sender == ME
        other = "Pete Peer" if cid == "c-pete" else "Ana Lima"
        other_url = PETE_URL if cid == "c-pete" else "https://www.linkedin.com/in/ana-lima-5e6f"
        writer.writerow([cid, "", sender, ME_URL if me else other_url, other if me else ME,
                         other_url if me else ME_URL, at(days), "", text, "SENT" if me else "INBOX"])
    path = folder / f"Basic_LinkedInDataExport_{day:%m-%d-%Y}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", connections)
        archive.writestr("messages.csv", out.getvalue())
    return path


def outreach(path: Path) -> dict[str, dict]:
    sheet = openpyxl.load_workbook(path)["Outreach"]
    header = [c.value for c in sheet[1]]
    return {r[header.index("Write to")]: dict(zip(header, r, strict=True))
            for r in sheet.iter_rows(min_row=2, values_only=True) if any(r)}


def test_a_reply_in_the_next_export_is_marked_replied_by_the_plan(run, tmp_path):
    # Sam wrote to Pete three weeks ago (no answer yet), planned, then wrote again: marked Sent.
    assert run("import", "linkedin", export(tmp_path / "one", 5, [("me", 21, "Hi Pete, quick question")])).exit_code == 0
    (tmp_path / "targets.csv").write_text("Company\nAcme\n", encoding="utf-8")
    assert run("import", "targets", tmp_path / "targets.csv").exit_code == 0
    plan = tmp_path / "plan.xlsx"
    assert run("plan", "-o", plan).exit_code == 0
    book = openpyxl.load_workbook(plan)
    sheet = book["Outreach"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, header.index("Write to") + 1).value == "Pete Peer")
    sheet.cell(row, header.index("Status") + 1).value = "Sent"
    book.save(plan)
    assert outreach(plan)["Pete Peer"]["Status"] == "Sent"
    # The next export: Pete answered two days ago.
    newer = export(tmp_path / "two", 0, [("me", 21, "Hi Pete, quick question"), ("them", 2, "Happy to help!")])
    assert run("import", "linkedin", newer).exit_code == 0
    result = run("plan", "-o", plan)
    assert result.exit_code == 0, result.output
    pete = outreach(plan)["Pete Peer"]
    assert pete["Status"] == "replied"
    assert pete["Plan note"].startswith("Status set to replied by the plan: Pete wrote back on")
    assert "it was 'Sent'" in pete["Plan note"]
    again = run("plan", "-o", plan)  # the plan's own status stays, as the user's would
    assert again.exit_code == 0, again.output
    assert outreach(plan)["Pete Peer"]["Status"] == "replied"
