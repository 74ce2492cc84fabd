"""LinkedIn's old Outlook-format connections export, and a Connections.csv a user took columns out of.

Before 2018, LinkedIn's "export connections" wrote Outlook's contacts CSV (`Title`, `First Name`,
`Middle Name`, `Last Name`, `Suffix`, `E-mail Address`, ... `Company`, `Department`, `Job Title`,
...): every e-mail and position must come through, not only the names and companies.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import FIXTURES
from workspace_dump import dump

OUTLOOK = FIXTURES / "linkedin" / "outlook_contacts_2016.csv"

#: What the fixture holds, read by hand: name -> (e-mail, company, position).
EXPECTED = {
    "Marta Quintero": ("marta.quintero@example.com", "Globex", "Senior Data Engineer"),
    "Tomasz Wójcik, PMP": (None, "Initech", "Director, Program Management"),
    "Zoë Nguyen": ("zoe.nguyen@example.org", "", "Freelance UX Researcher"),
    "Kwame Mensah": ("kmensah@example.net", "Acme Corp", ""),
}


def contacts(run) -> dict[str, tuple[str | None, str, str, str | None, str | None]]:
    result = run("contacts", "--json")
    assert result.exit_code == 0, result.output
    return {f"{c['first_name']} {c['last_name']}": (c["email"], c["company"], c["position"],
                                                    c["profile_url"], c["connected_on"])
            for c in json.loads(result.stdout)}



def test_linkedins_outlook_export_keeps_every_email_and_position(run):
    result = run("import", "linkedin", OUTLOOK)
    assert result.exit_code == 0, result.output
    assert "Outlook-format" in result.output and "4 rows read" in result.output
    found = contacts(run)
    assert {name: row[:3] for name, row in found.items()} == EXPECTED
    # It has neither dates nor profile links: none are invented.
    assert {row[3:] for row in found.values()} == {(None, None)}


def test_outlooks_own_column_order_reads_the_same(run, tmp_path):
    """Outlook itself writes First Name first and the e-mail far from the company: columns are
    found by name, wherever they stand."""
    header = ["First Name", "Middle Name", "Last Name", "Title", "Suffix", "Initials", "Web Page",
              "Notes", "E-mail Address", "E-mail 2 Address", "Mobile Phone", "Company", "Job Title",
              "Department", "Business City", "Categories"]
    rows = list(csv.reader(io.StringIO(OUTLOOK.read_text("utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows[1:]:
        cells = dict(zip(rows[0], row, strict=True))
        writer.writerow([cells.get(name, "") for name in header])
    path = tmp_path / "contacts.csv"
    path.write_text(out.getvalue(), "utf-8")
    result = run("import", "linkedin", path)
    assert result.exit_code == 0, result.output
    assert {name: row[:3] for name, row in contacts(run).items()} == EXPECTED


CONNECTIONS_2021 = (FIXTURES / "linkedin" / "connections_2021.csv").read_text("utf-8")


def without(text: str, *columns: str) -> str:
    """The file as a user leaves it after deleting ``columns`` in a spreadsheet."""
    rows = list(csv.reader(io.StringIO(text)))
    keep = [i for i, name in enumerate(rows[0]) if name not in columns]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[row[i] for i in keep if i < len(row)] for row in rows])
    return out.getvalue()


@pytest.mark.parametrize("columns,said", [
    (("First Name", "Last Name"), "without its First Name and Last Name columns: put them back"),
    (("Last Name",), "without its Last Name column: put it back"),
])
def test_a_connections_file_without_its_name_columns_names_them(run, workspace, tmp_path, columns, said):
    run("import", "linkedin", FIXTURES / "linkedin" / "connections_2024.csv")
    before = dump(workspace)
    path = tmp_path / "Connections.csv"
    path.write_text(without(CONNECTIONS_2021, *columns), "utf-8")
    result = run("import", "linkedin", path)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {path} looks like LinkedIn's Connections.csv {said}, "
                             "or give the file as it came in your LinkedIn export\n")
    assert result.stdout == ""
    assert dump(workspace) == before
