"""The plan's workbook as LibreOffice prints and re-saves it (issue 13): every sheet one page wide
with its header on every page, and what the user typed surviving a LibreOffice re-save and two
re-plans. LibreOffice (``soffice``) and poppler's ``pdftotext`` run for real; ``.ci/run``
installs them, and without them these tests skip, saying so."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from plan_data import sample_workspace

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: .ci/run installs "
    "libreoffice-calc-nogui; these tests print and re-save the workbook with it")


def soffice(source: Path, to: str, outdir: Path, profile: Path) -> Path:
    """``soffice --headless --convert-to`` with a profile of its own (no clash with a running one)."""
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", to,
         "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    made = outdir / f"{source.stem}.{to.split(':')[0]}"
    assert made.exists(), f"soffice made no {made.name}"
    return made


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The README's try-it plan, written into a folder of its own."""
    folder = tmp_path_factory.mktemp("lo")
    run = sample_workspace(folder / "ws")
    out = folder / "plan.xlsx"
    run("plan", "-o", out)
    return folder, run, out


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler's pdftotext is not installed (.ci/run installs poppler-utils)")
def test_every_sheet_prints_one_page_wide_with_its_header_on_every_page(sample, tmp_path):
    folder, _, out = sample
    pdf = soffice(out, "pdf", tmp_path / "pdf", tmp_path / "profile")
    pages = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    # 33 portrait pages before pages were set up; the Outreach sheet prints the columns a person
    # works from, so its type stays readable (one page wide at ~70 %, not ~35 %)
    assert len(pages) <= 16, f"{len(pages)} pages"
    outreach = [p for p in pages if "Write to" in p and "Rank" in p]
    assert len(outreach) >= 2
    for page in outreach:  # one page wide: the first and the last printed column on every page
        assert "Rank" in page and "Notes" in page, page[:300]
        assert "Score details" not in page and " Key " not in page  # not printed
    assert any(p.lstrip().startswith("Outreach plan for the week of") for p in pages)  # the Summary


def test_what_was_typed_survives_a_libreoffice_resave_and_two_replans(sample, tmp_path):
    folder, run, out = sample
    mine = tmp_path / "plan.xlsx"
    shutil.copy(out, mine)
    book = openpyxl.load_workbook(mine)
    sheet = book["Outreach"]
    header = [c.value for c in sheet[1]]
    col = {h: i + 1 for i, h in enumerate(header)}
    first = sheet.cell(2, col["Write to"]).value
    sheet.cell(2, col["Status"]).value = "Sent"
    sheet.cell(2, col["Notes"]).value = "wrote on LinkedIn, will follow up by e-mail"
    sheet.cell(1, sheet.max_column + 1).value = "Date sent"
    sheet.cell(2, sheet.max_column).value = "28 Nov"
    book.save(mine)
    resaved = soffice(mine, "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved", tmp_path / "profile")
    shutil.copy(resaved, mine)
    for _ in range(2):
        result = run("plan", "-o", mine)
        assert "Read back" in result.output or "read back" in result.output
    book = openpyxl.load_workbook(mine)
    sheet = book["Outreach"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    row = next(r for r in rows if r["Write to"] == first)
    assert row["Status"] == "Sent"
    assert row["Notes"] == "wrote on LinkedIn, will follow up by e-mail"
    assert "Date sent" in header and row["Date sent"] in ("28 Nov", "28-Nov")
