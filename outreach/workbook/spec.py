"""What a plan workbook is made of: columns, list sheets, the summary sheet, and the user's edits.

Plain dataclasses that import nothing of the workbook's machinery, so the plan and the groups can
describe their sheets without loading openpyxl. ``files.write_workbook`` writes them and
``read.read_edits`` reads the edits back.
"""


from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

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
    #: a column for the machine (a row key): greyed, and written after every other column
    muted: bool = False
    #: an editable column the plan fills with its own advice for each row (a group's "to
    #: visit"), never with the user's value read back: a cell holding what the plan writes
    #: there now is the plan's, even in a workbook nothing is remembered of
    advice: bool = False
    #: for kind "url": the only hosts (and their subdomains) a cell may link to, e.g.
    #: ("linkedin.com",) for a profile; any other address is shown as text. () links any
    #: http(s) address
    hosts: tuple[str, ...] = ()
    #: in the sheet's print area: False for a long technical column nobody reads on paper
    #: (a row key, score details)
    printed: bool = True
    #: an editable column holding a decision the plan acts on, then forgets (a suggested
    #: target's "yes"/"no"): a row that left the plan is not kept for it alone
    answer: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.header!r}: unknown kind {self.kind!r}")
        if self.hosts and self.kind != "url":
            raise ValueError(f"column {self.header!r}: only a url column takes hosts")
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
    #: headers whose values name a row for the user ("Ada Lovelace (Acme)"); the key when empty
    label: tuple[str, ...] = ()
    #: a row's key from its other cells ({header: value}), for a workbook that lost its key
    #: column; None when those cells cannot say
    rebuild_key: Callable[[dict[str, Any]], Hashable | None] | None = None
    #: cells the plan sets over what the user typed, because it knows better now (a reply seen
    #: in the next export): row key -> {header: the note saying so, for the plan note column}
    plan_sets: dict[Hashable, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Number:
    """A summary fact's number shown in its own format: ``Number(0.75, "0%")`` for a share,
    ``Number(120.0, '#,##0.00 [$€-x-euro2]')`` for money."""

    value: float
    number_format: str


@dataclass
class SummarySheet:
    name: str
    title: str
    facts: list[tuple[str, Any]]
    sections: list[tuple[str, list[str]]]
    chart: tuple[str, list[tuple[str, float]]] | None = None  # bar chart: title, (label, value)


@dataclass(frozen=True)
class Formula:
    """A formula the user typed (``text`` without the leading "="), read from the cell
    ``origin`` (e.g. "H7"): written back as a formula, its references moved with its row."""

    text: str
    origin: str


@dataclass
class UserSheet:
    """A sheet that is not one of the plan's list sheets, as read back: one the user added, or
    the summary (whose cells are the plan's and the user's)."""

    name: str
    position: int  # its place among the workbook's sheets
    cells: dict[tuple[int, int], Any]  # (row, column) from 0 -> value (a Formula for one)
    comments: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)  # (author, text)


@dataclass
class SheetCells:
    """What the plan itself wrote into one list sheet, so that a re-plan can tell the user's
    changes from the plan's values: per row, its cells in the plan's own columns as
    ``values.row_text``; a cell holding the user's value holds what the plan had written there
    before the user changed it."""

    headers: list[str]  # the plan's columns, in the order of each row's cells
    rows: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (label, row_text)
    #: keys of rows that held values of the user's (so do not read back as their text says)
    users: set[str] = field(default_factory=set)


@dataclass
class Written:
    """What a plan wrote into a workbook: ``token`` is also in the workbook's description, so
    that a re-plan finds what was written into the very file it reads."""

    token: str
    sheets: dict[str, SheetCells] = field(default_factory=dict)  # by list sheet name
    #: the summary's cells, by reference ("B4"), as rows of one cell
    summary: SheetCells | None = None


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
        #: sheet name -> {header: kind} of the columns read (the user's are "text")
        self.kinds: dict[str, dict[str, str]] = {}
        #: sheet name -> (row key, or None for the header row; header, author, text)
        self.comments: dict[str, list[tuple[Hashable | None, str, str, str]]] = {}
        #: the summary sheet as read back, and the sheets the user added
        self.summary: UserSheet | None = None
        self.user_sheets: list[UserSheet] = []
        #: set by ``changes.compare``: the summary's cells that the user typed or changed
        self.summary_cells: dict[tuple[int, int], Any] = {}
        #: sheet name -> (each data row's key, or (ADDED_ROW, n), or None; column -> header)
        self.layout: dict[str, tuple[list[Hashable | None], dict[int, str]]] = {}
        #: sheet name -> row key -> {header: Formula} for the formulas typed in a row
        self.formulas: dict[str, dict[Hashable, dict[str, Formula]]] = {}
        #: sheet name -> row key -> further copies of the row ({header: value}), in sheet order
        self.copies: dict[str, dict[Hashable, list[dict[str, Any]]]] = {}
        #: the token of the write that made the workbook (in its description), if any
        self.token: str | None = None
        #: list sheets found without their key column, their rows keyed by ``rebuild_key``
        self.rekeyed: set[str] = set()
        #: set by ``changes.compare``: what the plan wrote last time (None: nothing known)
        self.before: Written | None = None
        #: set by ``changes.compare``: sheet name -> row key -> {header: what the plan wrote
        #: (one cell of ``values.row_text``)} for each cell of the plan's columns that the user
        #: changed since the plan wrote it
        self.changed: dict[str, dict[Hashable, dict[str, str]]] = {}
        #: set by ``changes.compare``: sheet name -> {row key: label} of rows the user deleted
        self.deleted: dict[str, dict[str, str]] = {}
        #: set by ``changes.compare``: sheet name -> row key -> what a copy of the row held
        #: that could not be merged into it (a second status, say), as a note for the user
        self.conflicts: dict[str, dict[Hashable, str]] = {}

