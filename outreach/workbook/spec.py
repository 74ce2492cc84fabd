"""What a plan workbook is made of: columns, list sheets, the summary sheet, and the user's edits.

Plain dataclasses that import nothing of the workbook's machinery, so the plan and the groups can
describe their sheets without loading openpyxl. ``files.write_workbook`` writes them and
``read.read_edits`` reads the edits back.
"""


from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
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

