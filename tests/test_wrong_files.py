"""Each import command knows the other commands' files and refuses them, by their content.

`import targets` reads any sheet with a company column, so a LinkedIn Connections.csv read
"fine" as every employer in the network, and the sample groups.csv as 38 employers named after
networking groups. Now the wrong file is refused in one line naming the command that reads it,
and the workspace is left as it was; the lists people keep by hand (with a Position, a Notes, a
First Name column) still import.
"""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLE_DATA
from fixtures.targets.make_fixtures import xlsx
from workspace_dump import dump

LINKEDIN = FIXTURES / "linkedin"
EXPORT_ZIP = SAMPLE_DATA / "Basic_LinkedInDataExport_11-20-2026.zip"
TO_LINKEDIN = "import it with `outreach import linkedin`"
TO_GROUPS = "holds networking groups, not target employers: import it with `outreach import groups`"
TO_TARGETS = "holds target employers, not networking groups: import it with `outreach import targets`"



@pytest.fixture
def filled(run, workspace) -> list[str]:
    """A workspace holding the user's targets and groups: what a wrong import must not touch."""
    assert run("import", "targets", SAMPLE_DATA / "targets.xlsx").exit_code == 0
    assert run("import", "groups", SAMPLE_DATA / "groups.csv").exit_code == 0
    return dump(workspace)


def refused(run, workspace, before: list[str], command: str, path: Path, said: str) -> None:
    result = run("import", command, path)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {said}\n"
    assert result.stdout == ""
    assert dump(workspace) == before


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8") -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding)
    return path


# -- LinkedIn's files, to targets or groups ------------------------------------------------------

#: Every LinkedIn fixture, each generation and each Excel re-save, and what it holds.
LINKEDIN_FILES = [
    ("connections_2018.csv", "LinkedIn connections"),
    ("connections_2021.csv", "LinkedIn connections"),
    ("connections_2024.csv", "LinkedIn connections"),  # the "Notes:" preamble
    ("connections_bom.csv", "LinkedIn connections"),
    ("connections_cp1252_semicolon.csv", "LinkedIn connections"),
    ("connections_utf16.csv", "LinkedIn connections"),
    ("Messages_2018.csv", "LinkedIn messages"),
    ("messages_2024.csv", "LinkedIn messages"),
    ("messages_2024_extra_columns.csv", "LinkedIn messages"),
    ("Invitations.csv", "LinkedIn invitations"),
    ("outlook_contacts_2016.csv", "contacts in Outlook's format (LinkedIn's connections export before 2018)"),
]


@pytest.mark.parametrize("command", ["targets", "groups"])
@pytest.mark.parametrize("fixture,holds", LINKEDIN_FILES)
def test_a_linkedin_file_is_refused_naming_import_linkedin(run, workspace, filled, command, fixture, holds):
    refused(run, workspace, filled, command, LINKEDIN / fixture, f"{fixture} holds {holds}: {TO_LINKEDIN}")


def test_the_sample_friends_connections_are_refused_as_targets(run, workspace, filled):
    """The 2024 shape as the sample generator writes it: today's 47-targets surprise."""
    path = SAMPLE_DATA / "friend-dana" / "Connections.csv"
    refused(run, workspace, filled, "targets", path, f"Connections.csv holds LinkedIn connections: {TO_LINKEDIN}")


def linkedin_rows(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((LINKEDIN / name).read_text("utf-8"))))


def test_connections_opened_and_saved_in_excel_are_refused_too(run, workspace, filled, tmp_path):
    path = tmp_path / "Connections.xlsx"
    path.write_bytes(xlsx({"Connections": linkedin_rows("connections_2024.csv")}))
    said = f"Connections.xlsx, sheet 'Connections' holds LinkedIn connections: {TO_LINKEDIN}"
    refused(run, workspace, filled, "targets", path, said)


@pytest.mark.parametrize("drop,preamble", [
    ("Connected On", True),   # the Dec-2024 "Notes:" paragraph still says whose file it is
    ("Connected On", False),  # First Name, Last Name, URL, Email Address, Company, Position
    ("Email Address", False),
])
def test_a_connections_file_a_user_trimmed_is_still_linkedins(run, workspace, filled, tmp_path, drop, preamble):
    rows = linkedin_rows("connections_2024.csv")
    header = rows.index(next(r for r in rows if r[:1] == ["First Name"]))
    keep = [i for i, name in enumerate(rows[header]) if name != drop]
    trimmed = [[row[i] for i in keep if i < len(row)] for row in rows[header:]]
    path = write_csv(tmp_path / "Connections.csv", (rows[:header] if preamble else []) + trimmed)
    refused(run, workspace, filled, "targets", path, f"Connections.csv holds LinkedIn connections: {TO_LINKEDIN}")


def test_a_workbook_with_a_pasted_connections_sheet_reads_only_its_targets(run, workspace, tmp_path):
    """A job-search workbook with the export pasted into a second sheet: that sheet is skipped
    and said so, not read as 30 more employers."""
    path = tmp_path / "Job search.xlsx"
    path.write_bytes(xlsx({
        "Targets": [["Company", "Priority"], ["Stripe", "High"], ["Figma", "Medium"]],
        "My network": linkedin_rows("connections_2021.csv"),
    }))
    result = run("import", "targets", path)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 2 targets from Job search.xlsx: 2 new")
    assert (f"Note: skipped sheet 'My network', which holds LinkedIn connections ({TO_LINKEDIN})"
            in result.output)


def test_naming_the_connections_sheet_is_refused(run, workspace, filled, tmp_path):
    path = tmp_path / "Job search.xlsx"
    path.write_bytes(xlsx({"Targets": [["Company"], ["Stripe"]], "My network": linkedin_rows("connections_2021.csv")}))
    result = run("import", "targets", path, "--sheet", "My network")
    assert result.exit_code == 1
    assert result.stderr == f"Error: Job search.xlsx, sheet 'My network' holds LinkedIn connections: {TO_LINKEDIN}\n"
    assert dump(workspace) == filled


# -- the export itself: a zip, zipped again, or unzipped ---------------------------------------


def rezipped(tmp_path: Path) -> Path:
    """The export zip inside another zip, as some users send it on."""
    path = tmp_path / "linkedin.zip"
    with zipfile.ZipFile(path, "w") as outer:
        outer.write(EXPORT_ZIP, EXPORT_ZIP.name)
    return path


def folder_zip(tmp_path: Path) -> Path:
    """Unzipped, then zipped again from its folder (members one folder deep), any name."""
    path = tmp_path / "export (1).zip"
    with zipfile.ZipFile(EXPORT_ZIP) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            out.writestr(f"Complete_LinkedInDataExport_11-20-2026/{info.filename}", source.read(info))
    return path


@pytest.mark.parametrize("command", ["targets", "groups"])
@pytest.mark.parametrize("make", [lambda tmp: EXPORT_ZIP, rezipped, folder_zip],
                         ids=["export-zip", "zipped-again", "zipped-from-its-folder"])
def test_an_export_zip_is_refused_naming_import_linkedin(run, workspace, filled, tmp_path, command, make):
    path = make(tmp_path)
    refused(run, workspace, filled, command, path, f"{path.name} is a LinkedIn data export: {TO_LINKEDIN}")


def unzipped(tmp_path: Path) -> Path:
    folder = tmp_path / "Basic_LinkedInDataExport_11-20-2026"
    with zipfile.ZipFile(EXPORT_ZIP) as archive:
        archive.extractall(folder)
    return folder


def unzipped_one_deeper(tmp_path: Path) -> Path:
    unzipped(tmp_path / "export")
    return tmp_path / "export"


@pytest.mark.parametrize("command", ["targets", "groups"])
@pytest.mark.parametrize("make", [unzipped, unzipped_one_deeper])
def test_an_unzipped_export_is_refused_naming_import_linkedin(run, workspace, filled, tmp_path, command, make):
    path = make(tmp_path)
    refused(run, workspace, filled, command, path, f"{path} is an unzipped LinkedIn data export: {TO_LINKEDIN}")


def test_a_folder_that_merely_holds_an_export_is_just_a_folder(run, workspace, filled, tmp_path):
    downloads = tmp_path / "Downloads"
    unzipped(downloads)
    shutil.copy(SAMPLE_DATA / "targets.xlsx", downloads)
    refused(run, workspace, filled, "targets", downloads,
            f"{downloads} is a folder: give the path of a file inside it")


# -- a catalogue to targets, a target list to groups ---------------------------------------------


def test_the_sample_catalogue_is_refused_as_targets(run, workspace, filled):
    refused(run, workspace, filled, "targets", SAMPLE_DATA / "groups.csv", f"groups.csv {TO_GROUPS}")


def test_a_hand_kept_catalogue_without_a_company_column_is_refused_as_targets(run, workspace, filled, tmp_path):
    path = tmp_path / "networking.xlsx"
    path.write_bytes(xlsx({"Groups": [
        ["Networking groups near me, spring 2026"], [],
        ["Group", "City", "Fee", "Schedule", "Visitors"],
        ["Austin Tech Breakfast Club", "Austin, TX", "$20 per meeting", "1st Friday 7:30am", "yes"],
    ]}))
    refused(run, workspace, filled, "targets", path, f"networking.xlsx, sheet 'Groups' {TO_GROUPS}")


def test_the_sample_target_list_is_refused_as_groups(run, workspace, filled):
    refused(run, workspace, filled, "groups", SAMPLE_DATA / "targets.xlsx", f"targets.xlsx {TO_TARGETS}")


@pytest.mark.parametrize("rows", [
    [["Organisation", "Priority", "Location", "Notes"], ["Monzo", "1", "London", "fintech"]],
    [["Target companies"], [], ["Employer", "City"], ["Stripe", "Dublin"]],
    [["Name", "Priority", "Website"], ["Canva", "High", "https://www.canva.com"]],
], ids=["organisation-and-priority", "employer", "name-and-priority"])
def test_a_target_list_is_refused_as_groups(run, workspace, filled, tmp_path, rows):
    path = write_csv(tmp_path / "targets.csv", rows)
    refused(run, workspace, filled, "groups", path, f"targets.csv {TO_TARGETS}")


# -- what people keep by hand still imports ------------------------------------------------------

HAND_KEPT_TARGETS = {
    "people-at-targets": (
        [["First Name", "Last Name", "Company", "Position", "Notes"],
         ["Priya", "Raman", "Stripe", "Engineering Manager", "met at PyData"],
         ["Tom", "Okafor", "Figma", "Recruiter", ""]],
        ["Stripe", "Figma"]),
    "roles-as-position": (
        [["Company", "Position", "Location", "Notes"],
         ["Datadog", "Data Engineer", "New York", "referral?"],
         ["Spotify", "Analytics Engineer", "Stockholm", ""]],
        ["Datadog", "Spotify"]),
    "application-tracker": (
        [["Employer", "Job Title", "Date Applied", "Status", "Contact", "Notes"],
         ["Shopify", "Senior Data Engineer", "2026-10-02", "Applied", "Ana Lima", ""],
         ["Atlassian", "Data Engineer", "2026-10-09", "Interview", "", "2nd round"]],
        ["Shopify", "Atlassian"]),
    "notes-title-row": (
        [["Notes: companies to research this month"], [], ["Company", "Priority"],
         ["Wise", "A"], ["Monzo", "B"]],
        ["Wise", "Monzo"]),
    "name-city-cost-of-living": (
        [["Name", "City", "Cost of living", "Notes"], ["GitLab", "remote", "low", ""],
         ["Elastic", "Amsterdam", "high", ""]],
        ["GitLab", "Elastic"]),
    "job-details": (
        [["Organisation", "Type", "Salary range", "Contract", "Hours", "Priority"],
         ["NHS Digital", "Public sector", "£55k-£65k", "Permanent", "37.5", "1"],
         ["Ocado Technology", "Retail tech", "£60k-£75k", "Fixed term", "40", "2"]],
        ["NHS Digital", "Ocado Technology"]),
}


@pytest.mark.parametrize("rows,names", HAND_KEPT_TARGETS.values(), ids=HAND_KEPT_TARGETS.keys())
def test_target_lists_people_keep_by_hand_still_import(run, workspace, tmp_path, rows, names):
    result = run("import", "targets", write_csv(tmp_path / "my targets.csv", rows))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Imported {len(names)} targets from my targets.csv")
    conn = sqlite3.connect(workspace / "outreach.db")
    assert [r[0] for r in conn.execute("SELECT name FROM targets ORDER BY row_order")] == names


HAND_KEPT_CATALOGUES = {
    "name-city-notes": [["Name", "City", "Notes"], ["Austin Job Seekers", "Austin, TX", "free, Mondays"]],
    "rated": [["Name", "Type", "City", "Rating"], ["Toastmasters Downtown", "Toastmasters", "Austin, TX", "5"]],
    "organization-location-cost": [["Organization", "Location", "Cost", "Schedule"],
                                   ["PMI Austin", "Austin, TX", "$20 per meeting", "2nd Tuesday"]],
    "with-a-host-company": [["Name", "Company", "City", "Cost", "Meets"],
                            ["Data Engineers ATX", "Indeed", "Austin, TX", "free", "monthly"]],
}


@pytest.mark.parametrize("rows", HAND_KEPT_CATALOGUES.values(), ids=HAND_KEPT_CATALOGUES.keys())
def test_catalogues_people_keep_by_hand_still_import(run, tmp_path, rows):
    result = run("import", "groups", write_csv(tmp_path / "groups.csv", rows))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 1 group from groups.csv")


# -- importing a list over an earlier one ----------------------------------------------------------


def test_targets_left_out_of_a_new_list_are_kept_and_counted(run, workspace):
    run("import", "targets", FIXTURES / "targets" / "titled.xlsx")
    result = run("import", "targets", FIXTURES / "targets" / "no_priority.csv")
    assert result.exit_code == 0, result.output
    assert "4 earlier targets not in no_priority.csv were kept: add --replace to remove them." in result.output
    conn = sqlite3.connect(workspace / "outreach.db")
    assert conn.execute("SELECT count(*) FROM targets").fetchone()[0] == 7
    result = run("import", "targets", FIXTURES / "targets" / "no_priority.csv", "--json")
    assert '"not_in_file": 4' in result.output and '"removed": 0' in result.output
    result = run("import", "targets", FIXTURES / "targets" / "no_priority.csv", "--replace")
    assert "4 removed" in result.output and "earlier target" not in result.output
    assert conn.execute("SELECT count(*) FROM targets").fetchone()[0] == 3
    result = run("import", "targets", FIXTURES / "targets" / "no_priority.csv")
    assert "earlier target" not in result.output  # nothing left out: nothing to say


def test_one_target_left_out_reads_singular(run, tmp_path):
    run("import", "targets", write_csv(tmp_path / "a.csv", [["Company"], ["Stripe"], ["Figma"]]))
    result = run("import", "targets", write_csv(tmp_path / "b.csv", [["Company"], ["Stripe"]]))
    assert "1 earlier target not in b.csv was kept: add --replace to remove it." in result.output


@pytest.mark.parametrize("command", [("import", "linkedin"), ("import", "targets")])
def test_an_unclosed_quote_is_named_with_its_line_not_swallowed(run, workspace, tmp_path, command):
    """Issue 14: one quote that never closes would make the rest of the file one contact."""
    header = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
              if command[1] == "linkedin" else "Company,Notes\n")
    rows = ("Ana,Ruiz,https://www.linkedin.com/in/ana,,Acme,Engineer,01 Mar 2024\n"
            'Ben,"Oka,https://www.linkedin.com/in/ben,,Globex,PM,02 Mar 2024\n'
            "Cleo,Park,https://www.linkedin.com/in/cleo,,Initech,AE,03 Mar 2024\n"
            "Dan,Lee,https://www.linkedin.com/in/dan,,Hooli,AE,04 Mar 2024\n"
            if command[1] == "linkedin" else
            'Acme,good\nGlobex,"great team\nInitech,ok\nHooli,meh\n')
    path = tmp_path / ("Connections.csv" if command[1] == "linkedin" else "targets.csv")
    path.write_text(header + rows, encoding="utf-8")
    result = run(*command, path)
    assert result.exit_code == 1, result.output
    assert "line 3: a quote mark opens a cell that never closes" in result.output
    assert not (workspace / "outreach.db").exists()  # a failed first import leaves nothing
