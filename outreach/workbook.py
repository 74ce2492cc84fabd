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
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from outreach.errors import WorkbookError

KINDS = ("text", "wrap", "int", "float", "date", "url", "email", "choice")


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text | wrap | int | float | date | url | email | choice
    width: float | None = None
    editable: bool = False  # the user's column: read back and kept on re-plan
    choices: tuple[str, ...] = ()  # for kind "choice": the dropdown
    default: Any = None  # the value a fresh row holds (None: most rows' value)
    number_format: str | None = None  # e.g. "0.0" or "dd/mm/yyyy"; None: a sensible one

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.header!r}: unknown kind {self.kind!r}")
        if self.kind == "choice":
            if not self.choices:
                raise ValueError(f"column {self.header!r}: a choice column needs choices")
            # Excel's list validation is one quoted, comma-separated string of at most 255
            if any("," in c or '"' in c for c in self.choices) or len(",".join(self.choices)) > 250:
                raise ValueError(f"column {self.header!r}: choices must not contain commas or "
                                 "quotes and must fit in 250 characters together")


@dataclass
class ListSheet:
    name: str
    columns: list[Column]
    rows: list[list[Any]]
    key: str  # header of the column that identifies a row across plans
    priority_column: str | None = None  # coloured by value (higher = stronger colour)


@dataclass
class SummarySheet:
    name: str
    title: str
    facts: list[tuple[str, Any]]
    sections: list[tuple[str, list[str]]]
    chart: tuple[str, list[tuple[str, float]]] | None = None  # bar chart: title, (label, value)


class Edits(dict):
    """sheet name -> row key -> {editable header: value}, as the contract says; the attributes
    hold what re-planning needs to carry rows and user columns over (see the module doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: sheet name -> row key -> {header: value} for every column, the user's included
        self.rows: dict[str, dict[Hashable, dict[str, Any]]] = {}
        #: sheet name -> rows without a key that the user typed, as {header: value}
        self.added_rows: dict[str, list[dict[str, Any]]] = {}
        #: sheet name -> headers of the columns the user added, in their order
        self.user_columns: dict[str, list[str]] = {}


def read_edits(path: str | os.PathLike[str], *,
               sheets: list[ListSheet] | None = None) -> Edits:
    """What the user typed into an existing plan workbook (see the module doc).

    Raises ``WorkbookError`` when the file cannot be read back (corrupt, not an .xlsx,
    password-protected, open in another program, not written by outreach).
    """
    from outreach.workbook_read import read_workbook_edits

    return read_workbook_edits(Path(path), sheets)


def write_workbook(path: str | os.PathLike[str], summary: SummarySheet, sheets: list[ListSheet],
                   *, edits: dict[str, dict[Any, dict[str, Any]]] | None = None,
                   advance: Callable[[int], None] | None = None) -> None:
    """Write the workbook to ``path`` through a temporary file in the same folder.

    ``edits`` (from ``read_edits``) are merged in by row key. Raises ``WorkbookError`` when the
    file cannot be written (folder missing or not writable, file open in another program),
    ``ValueError`` for sheets that do not make sense (unknown key column, duplicate headers).
    """
    from outreach.workbook_merge import prepare_sheet
    from outreach.workbook_read import check_not_open
    from outreach.workbook_rows import save_with_rows
    from outreach.workbook_sheets import build_workbook

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
