"""Reading the user's edits back and re-planning over an existing workbook, safely."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from outreach.errors import WorkbookError
from outreach.workbook.files import write_workbook
from outreach.workbook.read import read_edits
from outreach.workbook.spec import Column, ListSheet, SummarySheet

FIXTURES = Path(__file__).parent / "fixtures" / "workbook"
STATUSES = ("to contact", "contacted", "replied", "meeting", "referred", "not now")
OUTREACH = [
    Column("Rank", "int"),
    Column("Name"),
    Column("Profile link", "url"),
    Column("Score", "float"),
    Column("Status", "choice", editable=True, choices=STATUSES),
    Column("Follow-up date", "date", editable=True),
    Column("Notes", "wrap", editable=True),
]
REVIEW = [
    Column("Company as written"),
    Column("Target"),
    Column("Decision", "choice", editable=True, choices=("accept", "reject")),
]
SUMMARY = SummarySheet("Summary", "Plan", [("Rows", 3)], [("Next", ["Write"])])


def url(name: str) -> str:
    return f"https://www.linkedin.com/in/{name.lower()}"


def outreach_row(rank: int, name: str) -> list:
    return [rank, name, url(name), 10 - rank, "to contact", dt.date(2024, 6, rank), None]


def sheets(names: list[str]) -> list[ListSheet]:
    rows = [outreach_row(i, n) for i, n in enumerate(names, 1)]
    review = [["Acme Inc", "ACME"], ["Globex Ltd", "Globex"]]
    return [ListSheet("Outreach", OUTREACH, rows, key="Profile link", priority_column="Score"),
            ListSheet("Review", REVIEW, [[*r, None] for r in review], key="Company as written")]


def by_key(path: Path, sheet: str = "Outreach", key: str = "Profile link") -> dict:
    ws = load_workbook(path)[sheet]
    headers = [c.value for c in ws[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    return {row[key]: row for row in rows if row[key]}


def user_edits(path: Path) -> None:
    """What a user does in Excel over a week: statuses, notes, dates, a column of their own,
    sorting, hiding a column, filtering, a decision on the Review sheet, a row of their own."""
    wb = load_workbook(path)
    ws = wb["Outreach"]
    ws.insert_cols(5)  # a column of their own, between Score and Status
    ws["E1"] = "Met at"
    headers = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(headers)}
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    for row in data:
        name = row[col["Name"]]
        if name == "Ada":
            row[col["Status"]] = "contacted"
            row[col["Notes"]] = "=Said to ping her in June"  # typed with a leading '
            row[col["Follow-up date"]] = dt.datetime(2024, 7, 15)
            row[col["Met at"]] = "PyCon"
        elif name == "Grace":  # will leave the plan: edited, so carried over
            row[col["Status"]] = "replied"
            row[col["Notes"]] = "Coffee on Tuesday"
        elif name == "Linus":  # will leave the plan, untouched: dropped
            pass
        elif name == "Alan":
            row[col["Follow-up date"]] = "2024-08-01"  # typed as text
            row[col["Status"]] = None  # cleared
    data.sort(key=lambda r: r[col["Name"]], reverse=True)  # sorted by the user
    for r, row in enumerate(data, 2):
        for c, value in enumerate(row, 1):
            ws.cell(r, c).value = value
            ws.cell(r, c).data_type = "s" if isinstance(value, str) else ws.cell(r, c).data_type
    ws.cell(len(data) + 2, col["Name"] + 1).value = "Someone I met"  # a row without a key
    ws.cell(len(data) + 2, col["Notes"] + 1).value = "ask for an intro"
    ws.column_dimensions["B"].hidden = True
    ws.auto_filter.ref = None
    review = wb["Review"]
    review["C2"] = "accept"
    wb.save(path)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    write_workbook(path, SUMMARY, sheets(["Ada", "Grace", "Linus", "Alan"]))
    return path


def test_read_edits_finds_columns_by_header_after_the_user_reworked_the_sheet(plan):
    user_edits(plan)
    edits = read_edits(plan)
    assert set(edits) == {"Outreach", "Review"}
    assert edits["Outreach"][url("Ada")] == {
        "Status": "contacted", "Follow-up date": dt.date(2024, 7, 15),
        "Notes": "=Said to ping her in June"}
    assert edits["Outreach"][url("Linus")] == {
        "Status": "to contact", "Follow-up date": dt.date(2024, 6, 3), "Notes": None}
    assert edits["Outreach"][url("Alan")]["Follow-up date"] == dt.date(2024, 8, 1)
    assert edits["Outreach"][url("Alan")]["Status"] is None
    assert edits["Review"] == {"Acme Inc": {"Decision": "accept"}, "Globex Ltd": {"Decision": None}}
    assert edits.user_columns["Outreach"] == ["Met at"]
    assert edits.added_rows["Outreach"][0]["Name"] == "Someone I met"


def test_replan_keeps_the_users_work(plan):
    user_edits(plan)
    edits = read_edits(plan)
    # the new plan: Grace and Linus left, Barbara arrived, ranks moved
    write_workbook(plan, SUMMARY, sheets(["Alan", "Barbara", "Ada"]), edits=edits)

    rows = by_key(plan)
    ada, alan, barbara = rows[url("Ada")], rows[url("Alan")], rows[url("Barbara")]
    assert (ada["Status"], ada["Notes"]) == ("contacted", "=Said to ping her in June")
    assert ada["Follow-up date"] == dt.datetime(2024, 7, 15)
    assert ada["Rank"] == 3  # the plan's own columns come from the new plan
    assert ada["Met at"] == "PyCon"  # the user's column is kept, after the plan's
    assert alan["Status"] == "to contact"  # cleared by the user: the plan's value again
    assert alan["Follow-up date"] == dt.datetime(2024, 8, 1)
    assert barbara["Status"] == "to contact" and barbara["Met at"] is None
    assert url("Linus") not in rows  # untouched and gone from the plan: dropped

    ws = load_workbook(plan)["Outreach"]
    headers = [c.value for c in ws[1]]
    assert headers == [c.header for c in OUTREACH] + ["Met at", "Plan note"]
    (table,) = ws.tables.values()
    assert table.ref == f"A1:I{ws.max_row}"
    # carried over at the end: Grace (edited, left the plan) and the row the user added
    assert [ws.cell(r, 2).value for r in range(2, ws.max_row + 1)] == [
        "Alan", "Barbara", "Ada", "Grace", "Someone I met"]
    grace = rows[url("Grace")]
    assert (grace["Status"], grace["Notes"]) == ("replied", "Coffee on Tuesday")
    assert "no longer in this plan" in grace["Plan note"]
    assert ws.cell(5, 2).font.italic
    assert ws.cell(6, 7).value == "ask for an intro" and "you added" in ws.cell(6, 9).value
    assert ws["G4"].quotePrefix and ws["G4"].data_type == "s"  # still text after the trip
    assert by_key(plan, "Review", "Company as written")["Acme Inc"]["Decision"] == "accept"

    calamine = CalamineWorkbook.from_path(str(plan)).get_sheet_by_name("Outreach").to_python()
    assert calamine[3][4] == "contacted" and calamine[3][5] == dt.date(2024, 7, 15)

    # and again: nothing is lost or duplicated on a second re-plan
    write_workbook(plan, SUMMARY, sheets(["Alan", "Barbara", "Ada"]), edits=read_edits(plan))
    again = load_workbook(plan)["Outreach"]
    assert [again.cell(r, 2).value for r in range(2, again.max_row + 1)] == [
        "Alan", "Barbara", "Ada", "Grace", "Someone I met"]
    assert [c.value for c in again[1]] == headers


def test_a_plain_dict_of_edits_is_enough(plan):
    edits = {"Outreach": {url("Ada"): {"Status": "meeting", "Notes": "Thursday"},
                          url("Gone"): {"Status": "referred", "Notes": None},
                          url("Untouched"): {"Status": "to contact", "Notes": None}}}
    write_workbook(plan, SUMMARY, sheets(["Ada", "Alan"]), edits=edits)
    rows = by_key(plan)
    assert (rows[url("Ada")]["Status"], rows[url("Ada")]["Notes"]) == ("meeting", "Thursday")
    assert rows[url("Gone")]["Status"] == "referred"  # carried over with what is known
    assert url("Untouched") not in rows


def test_keys_match_whether_numbers_or_text(tmp_path):
    columns = [Column("Id", "int"), Column("Status", "choice", editable=True, choices=("a", "b"))]
    path = tmp_path / "ids.xlsx"
    write_workbook(path, SUMMARY, [ListSheet("S", columns, [[1, "a"], [2, "a"]], key="Id")])
    wb = load_workbook(path)
    wb["S"]["B3"] = "b"
    wb.save(path)
    edits = read_edits(path)
    assert edits["S"] == {1: {"Status": "a"}, 2: {"Status": "b"}}
    write_workbook(path, SUMMARY, [ListSheet("S", columns, [["2", "a"], [3, "a"]], key="Id")],
                   edits=edits)
    assert [[c.value for c in row] for row in load_workbook(path)["S"].iter_rows(min_row=2)] == [
        ["2", "b"], [3, "a"]]


def test_a_renamed_sheet_is_still_found(plan):
    wb = load_workbook(plan)
    wb["Outreach"].title = "My outreach"
    wb["My outreach"]["E3"] = "meeting"
    wb.save(plan)
    assert read_edits(plan)["Outreach"][url("Grace")]["Status"] == "meeting"


def test_a_deleted_sheet_is_skipped_and_a_lost_key_column_stops(plan):
    wb = load_workbook(plan)
    del wb["Review"]
    wb.save(plan)
    assert set(read_edits(plan)) == {"Outreach"}
    wb = load_workbook(plan)
    wb["Outreach"]["C1"] = "Link"
    wb.save(plan)
    with pytest.raises(WorkbookError, match="lost its 'Profile link' column"):
        read_edits(plan)


def test_missing_file_has_no_edits(tmp_path):
    assert read_edits(tmp_path / "nothing-yet.xlsx") == {}


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.xlsx")))
def test_a_workbook_that_cannot_be_read_back_stops_the_plan(tmp_path, fixture):
    path = tmp_path / "plan.xlsx"
    path.write_bytes((FIXTURES / fixture).read_bytes())
    with pytest.raises(WorkbookError) as caught:
        read_edits(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "plan was not written" in message and "--force" in message and "-o" in message
    assert path.read_bytes() == (FIXTURES / fixture).read_bytes()


def test_password_protected_and_foreign_workbooks_say_why():
    with pytest.raises(WorkbookError, match="password-protected"):
        read_edits(FIXTURES / "password-protected.xlsx")
    with pytest.raises(WorkbookError, match="not written by outreach"):
        read_edits(FIXTURES / "foreign.xlsx")


def test_sheets_describe_a_workbook_that_lost_its_description(plan):
    wb = load_workbook(plan)
    wb.custom_doc_props.props.clear()  # as some programs do when they save
    wb["Outreach"]["E2"] = "replied"
    wb.save(plan)
    with pytest.raises(WorkbookError, match="not written by outreach"):
        read_edits(plan)
    edits = read_edits(plan, sheets=sheets(["Ada"]))
    assert edits["Outreach"][url("Ada")]["Status"] == "replied"


@pytest.mark.parametrize("lock", ["~$plan.xlsx", ".~lock.plan.xlsx#"])
def test_a_workbook_open_in_excel_or_libreoffice_is_left_alone(plan, lock):
    (plan.parent / lock).write_text("owner")
    before = plan.read_bytes()
    with pytest.raises(WorkbookError, match="open in Excel or LibreOffice") as caught:
        read_edits(plan)
    assert "--force" in str(caught.value)
    with pytest.raises(WorkbookError, match="close it"):
        write_workbook(plan, SUMMARY, sheets(["Ada"]))
    assert plan.read_bytes() == before


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writing_leaves_no_stray_files_and_keeps_permissions(tmp_path):
    path = tmp_path / "plan.xlsx"
    write_workbook(path, SUMMARY, sheets(["Ada"]))
    assert files(tmp_path) == ["plan.xlsx"]
    os.chmod(path, 0o640)
    write_workbook(path, SUMMARY, sheets(["Ada", "Alan"]), edits=read_edits(path))
    assert files(tmp_path) == ["plan.xlsx"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_rename_keeps_the_old_workbook(plan, monkeypatch):
    before = plan.read_bytes()

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(WorkbookError, match="close it") as caught:
        write_workbook(plan, SUMMARY, sheets(["Ada"]))
    assert "\n" not in str(caught.value)
    assert files(plan.parent) == ["plan.xlsx"]
    assert plan.read_bytes() == before


def test_a_crash_while_saving_keeps_the_old_workbook(plan, monkeypatch):
    from openpyxl import Workbook

    before = plan.read_bytes()

    def crash(self, filename):
        filename.write(b"PK half a workbook")
        raise RuntimeError("power cut")

    monkeypatch.setattr(Workbook, "save", crash)
    with pytest.raises(RuntimeError):
        write_workbook(plan, SUMMARY, sheets(["Ada"]))
    assert files(plan.parent) == ["plan.xlsx"]
    assert plan.read_bytes() == before


def test_an_unwritable_or_missing_folder_is_a_workbook_error(tmp_path, monkeypatch):
    with pytest.raises(WorkbookError, match="does not exist"):
        write_workbook(tmp_path / "no" / "plan.xlsx", SUMMARY, sheets(["Ada"]))
    import tempfile

    def refused(**kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(WorkbookError, match="not writable"):
        write_workbook(tmp_path / "plan.xlsx", SUMMARY, sheets(["Ada"]))
    assert files(tmp_path) == []


def test_review_decisions_that_left_the_plan_are_kept_only_when_decided(plan):
    wb = load_workbook(plan)
    wb["Review"]["C2"] = "reject"  # Acme Inc: decided
    wb.save(plan)
    new_review = ListSheet("Review", REVIEW, [["Initech", "Initech", None]], key="Company as written")
    write_workbook(plan, SUMMARY, [sheets(["Ada"])[0], new_review], edits=read_edits(plan))
    rows = by_key(plan, "Review", "Company as written")
    assert list(rows) == ["Initech", "Acme Inc"]  # Globex Ltd was undecided: gone
    assert rows["Acme Inc"]["Decision"] == "reject"


def test_number_formats_can_be_chosen(tmp_path):
    columns = [Column("Name"), Column("Share", "float", number_format="0.0%"),
               Column("Due", "date", number_format="dd/mm/yyyy")]
    path = tmp_path / "formats.xlsx"
    write_workbook(path, SUMMARY, [ListSheet("S", columns, [["a", 0.25, dt.date(2024, 3, 1)]],
                                             key="Name")])
    ws = load_workbook(path)["S"]
    assert ws["B2"].number_format == "0.0%" and ws["C2"].number_format == "dd/mm/yyyy"
    assert ws["C2"].is_date
