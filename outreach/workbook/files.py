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
- ``read_edits(path, *, sheets=None)`` returns an ``Edits``: the contract's dict (sheet name ->
  row key -> {editable header: value}) that also carries, in attributes, every column of every
  row (``rows``), rows the user typed without a key (``added_rows``) and columns the user added
  (``user_columns``). A missing file gives an empty ``Edits``. ``sheets`` (the ``ListSheet``
  specs) is a fallback for a workbook that lost the hidden description outreach writes into its
  document properties (e.g. re-saved by a program that drops them).
- ``write_workbook(..., advance=None)``: ``advance(n)`` is called as rows are written.
- Both refuse a workbook that Excel or LibreOffice has open (their lock file ``~$NAME`` or
  ``.~lock.NAME#`` is beside it) with a ``WorkbookError``.

Round trip (``write_workbook(..., edits=...)``), per list sheet, rows matched by key:

- a row whose key has edits takes the user's non-empty values in the editable columns;
- columns the user added to a sheet are kept, after the plan's columns, with their values;
- rows that left the plan are carried over at the end of the sheet, in grey italics, with a
  note in an extra last column "Plan note", when the user edited them: a non-empty value,
  other than the column's default, in an editable text/wrap/choice column (or in a column with
  an explicit ``Column.default``), or anything in a column the user added. Editable date and
  number columns alone do not count, since the plan fills them in itself (a follow-up date).
  The default is ``Column.default`` or else the value most of the new rows hold (e.g.
  "to contact"). Rows the user typed without a key are carried over the same way.
- Everything about a carried row is kept as the user last saw it.

Where the description lives: the list sheets' names, keys and columns are stored as JSON in
custom document properties ``outreach-meta-NNN`` (cut in 240-character pieces, since Office
limits one property to 255 characters). Excel and LibreOffice keep them when saving.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from outreach.errors import WorkbookError
from outreach.workbook.merge import prepare_sheet
from outreach.workbook.read import check_not_open
from outreach.workbook.rows import save_with_rows
from outreach.workbook.sheets import build_workbook
from outreach.workbook.spec import ListSheet, SummarySheet


def write_workbook(path: str | os.PathLike[str], summary: SummarySheet, sheets: list[ListSheet],
                   *, edits: dict[str, dict[Any, dict[str, Any]]] | None = None,
                   advance: Callable[[int], None] | None = None) -> None:
    """Write the workbook to ``path`` through a temporary file in the same folder.

    ``edits`` (from ``read_edits``) are merged in by row key. Raises ``WorkbookError`` when the
    file cannot be written (folder missing or not writable, file open in another program),
    ``ValueError`` for sheets that do not make sense (unknown key column, duplicate headers).
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise WorkbookError(f"cannot write {target}: the folder {folder} does not exist")
    if target.is_dir():
        raise WorkbookError(f"cannot write {target}: it is a folder")
    check_not_open(target, "the plan was not written")
    prepared = [prepare_sheet(sheet, edits) for sheet in sheets]
    workbook, rows = build_workbook(summary, prepared, advance)
    _save_atomically(lambda out: save_with_rows(workbook, rows, out), target)


def _save_atomically(save: Callable[[IO[bytes]], None], target: Path) -> None:
    """``save`` into a temporary file beside ``target``, then rename it over ``target``."""
    try:
        handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-",
                                             suffix=".xlsx.tmp")
    except OSError as exc:
        raise WorkbookError(f"cannot write {target}: the folder {target.parent} is not "
                            f"writable ({exc.strerror or exc})") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            save(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _file_mode(target))
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise WorkbookError(f"cannot write {target} ({exc.strerror or exc}): if it is open in "
                            "Excel or another program, close it and run again, or use -o to "
                            "write another file") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
