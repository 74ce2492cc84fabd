"""The generic, safe .xlsx writer for the plan workbook, and read-back of the user's edits.

The contract is in docs/architecture.md ("Workbook"). ``write_workbook`` writes a summary sheet
and list sheets; each list sheet is a real Excel table (style, stripes, filters, frozen header,
widths, real dates and numbers, links, a dropdown for choice columns, colour on the priority
column), with the user's (editable) columns shown by a pale yellow header. ``read_edits`` reads
what the user typed back, so that re-planning keeps it.

Safety: every string is written as a string cell (never a formula or an error value); text
starting with ``= + - @``, tab, CR or LF also gets the cell style's quotePrefix, so Excel keeps
it text when the user edits the cell. Characters a workbook cannot hold are removed, CR is
stored as LF (the file format keeps line breaks as LF), and text over 32,767 characters is cut
with a visible marker. Only http, https and mailto become hyperlinks; anything else in a url
or email column is plain text. NaN, NaT and infinities become empty cells, dates before 1900
ISO text. Sheet names are made valid for Excel (at most 31 characters, none of
: \\ / ? * [ ], unique ignoring case, not "History"), and so are table names.

Additions to the contract (all optional):

- ``Column.default``: the value a fresh row holds in an editable column (see "carried over").
  ``Column.number_format``: an Excel number format for int/float/date cells.
- A ``url`` cell may be given as a ``(text, url)`` pair: the text is shown, the url linked.
- ``ListSheet.label``: the columns that name a row for the user (a deleted row is listed so);
  ``ListSheet.rebuild_key``: a row's key from its other cells, for a sheet that lost its key
  column; ``Column.muted``: a column for the machine (the key), greyed and written last.
- ``read_edits(path, *, sheets=None, force=False)`` returns an ``Edits``: the contract's dict
  (sheet name -> row key -> {editable header: value}) that also carries, in attributes, every
  column of every row (``rows``), rows the user typed without a key (``added_rows``), columns
  the user added (``user_columns``), copies of rows, formulas and comments by row and header,
  the summary's cells and the sheets the user added. A missing file gives an empty ``Edits``.
  ``sheets`` (the ``ListSheet`` specs) describe a workbook that lost the hidden description
  outreach writes into its document properties (e.g. re-saved by pandas). An .ods is read too
  (values and the description: LibreOffice keeps it).
- ``write_workbook(..., advance=None, deleted=None, force=False)``: ``advance(n)`` is called
  as rows are written; it returns what it wrote (``Written``).
- Both refuse a workbook that Excel or LibreOffice has open (their lock file ``~$NAME`` or
  ``.~lock.NAME#`` is beside it) with a ``WorkbookError``, unless ``force``. With ``force``,
  ``read_edits`` also reads a workbook outreach did not write (its sheets are kept as the
  user's) and a sheet that lost its key column (its rows kept like rows that left the plan).

Round trip (``write_workbook(..., edits=...)``), per list sheet, rows matched by key:

- what the plan wrote is returned (``Written``: the cells of the plan's own columns, per row
  key) for the caller to remember; given back to ``changes.compare`` with the
  edits of the next run, it tells the user's changes from the plan's values: every cell of a
  plan column that differs is the user's and is kept, in any column (a rewritten Message, a
  corrected Position, a follow-up date), and where the new plan would write something else in
  a column that is not editable, its value goes beside the user's in a "Suggested message"
  column (flag "s" in the description). Rows nothing is remembered of keep the rule below.
- a row whose key has edits takes the user's non-empty values in the editable columns;
- columns the user added to a sheet are kept, after the plan's columns, with their values
  (one without a header as "Your column", one named like a column of the plan's as
  "Notes (yours)");
- copies of a row (same key) are merged into one (``changes``); rows in ``deleted`` are left out;
- rows that left the plan are carried over at the end of the sheet, in grey italics, with a
  note in an extra last column "Plan note", when the user edited them: with a remembered row,
  any change; otherwise a non-empty value, other than the column's default, in an editable
  text/wrap/choice column (or in a column with an explicit ``Column.default``), or anything in
  a column the user added. Editable date and number columns alone do not count there, since
  the plan fills them in itself (a follow-up date). The default is ``Column.default`` or else
  the value most of the new rows hold (e.g. "to contact"). Rows the user typed without a key
  are carried over the same way.
- Everything about a carried row is kept as the user last saw it.
- Around the list sheets: text the user typed into the summary stays where it was (below the
  summary, under a heading, when the plan writes there now); sheets the user added are written
  back where they were (values, formulas and comments; not their formatting or charts); cell
  comments follow their row and column; formulas stay formulas, their references following the
  cells they pointed to as rows and columns move.

Where the description lives: the list sheets' names, keys and columns are stored as JSON in
custom document properties ``outreach-meta-NNN`` (cut in 240-character pieces, since Office
limits one property to 255 characters). Excel and LibreOffice keep them when saving.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

from outreach.errors import WorkbookError
from outreach.files import OutputError, write_atomically
from outreach.workbook.merge import PreparedSheet, match_key, prepare_sheet, row_key
from outreach.workbook.read import check_not_open
from outreach.workbook.rows import ListRows, save_with_rows
from outreach.workbook.sheets import KeptSheets, build_workbook
from outreach.workbook.spec import ListSheet, SheetCells, SummarySheet, Written
from outreach.workbook.values import CELL_SEPARATOR


def write_workbook(path: str | os.PathLike[str], summary: SummarySheet, sheets: list[ListSheet],
                   *, edits: dict[str, dict[Any, dict[str, Any]]] | None = None,
                   advance: Callable[[int], None] | None = None,
                   deleted: Mapping[str, Collection[str]] | None = None,
                   force: bool = False) -> Written:
    """Write the workbook to ``path`` through a temporary file in the same folder; returns what
    the plan wrote (to remember, so that the next plan tells the user's changes from its own).

    ``edits`` (from ``read_edits``, compared by ``changes.compare``) are merged in by row key;
    ``deleted`` (sheet name -> row keys) are rows the user deleted, left out. A ``path`` that
    is a symbolic link is written through: the file it points to is replaced, the link stays.
    Raises ``WorkbookError`` when the file cannot be written (folder missing or not writable,
    file open in another program, unless ``force``), ``ValueError`` for sheets that do not make
    sense (unknown key column, duplicate headers).
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    if not force:
        check_not_open(target, "the plan was not written")
    prepared = [prepare_sheet(sheet, edits, (deleted or {}).get(sheet.name, ()))
                for sheet in sheets]
    token = uuid.uuid4().hex
    kept = KeptSheets(getattr(edits, "summary_cells", {}),
                      getattr(getattr(edits, "summary", None), "comments", {}),
                      getattr(edits, "user_sheets", []))
    workbook, rows, summary_cells = build_workbook(summary, prepared, advance, token, kept)
    try:
        write_atomically(target, lambda out: save_with_rows(workbook, rows, out))
    except OutputError as exc:
        if not target.is_file() or not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
            raise WorkbookError(str(exc)) from exc  # no folder, or a read-only file: it says so
        raise WorkbookError(f"{exc}; if it is open in Excel or another program, close it and run "
                            "again, or use -o to write another file") from exc
    return Written(token, {sheet.name: _remembered(sheet, written)
                           for sheet, written in zip(prepared, rows, strict=True)},
                   summary_cells)


def _remembered(sheet: PreparedSheet, written: ListRows) -> SheetCells:
    """What the plan wrote in ``sheet``: its own columns' cells, with what it had written
    before in the cells that hold the user's values."""
    plan_columns = sheet.plan_columns
    headers = [sheet.columns[i].header for i in plan_columns]
    place = {j: n for n, j in enumerate(plan_columns)}
    key_index = next(i for i, c in enumerate(sheet.columns) if c.header == sheet.key)
    labels = [i for i, c in enumerate(sheet.columns) if c.header in sheet.label]
    cells = SheetCells(headers)
    for r, (row, text) in enumerate(zip(sheet.rows, written.texts, strict=True)):
        key = row_key(row[key_index])
        if key is None:
            continue
        found = match_key(key)
        baseline = sheet.baselines.get(r)
        if baseline:
            parts = text.split(CELL_SEPARATOR)
            for j, before in baseline.items():
                if parts[place[j]] != before:
                    parts[place[j]] = before
                    cells.users.add(found)
            text = CELL_SEPARATOR.join(parts)
        cells.rows[found] = (_label(row, labels) or found, text)
    return cells


def _label(row: list[Any], columns: list[int]) -> str:
    """"Ada Lovelace (Acme)": the first label column's text, the others in brackets."""
    texts = [str(row_key(row[i])) for i in columns if row_key(row[i]) is not None]
    if not texts:
        return ""
    return texts[0] + (f" ({', '.join(texts[1:])})" if texts[1:] else "")

