"""Cell styles shared by every cell of a workbook, and openpyxl cells made safely: the only
module of the workbook writer that touches openpyxl's style internals."""

from __future__ import annotations

from typing import Any

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray


class Styles:
    """Cell styles made once per workbook and shared by every cell that uses them.

    Setting ``cell.font = Font(...)`` on each cell would look the font up in the workbook's
    style tables every time; instead each combination is made once on a template cell and its
    style array is handed to ``Cell(..., style_array=...)``, which copies nine integers.
    """

    BASE: dict[str, dict[str, Any]] = {
        "plain": {},
        "text": {"alignment": Alignment(vertical="top")},
        "wrap": {"alignment": Alignment(vertical="top", wrap_text=True)},
        "int": {"alignment": Alignment(vertical="top"), "number_format": "0"},
        "float": {"alignment": Alignment(vertical="top"), "number_format": "0.00"},
        "date": {"alignment": Alignment(vertical="top"), "number_format": "yyyy-mm-dd"},
        "datetime": {"alignment": Alignment(vertical="top"), "number_format": "yyyy-mm-dd hh:mm"},
        "link": {"alignment": Alignment(vertical="top"),
                 "font": Font(color="0563C1", underline="single")},
        "header": {"font": Font(bold=True)},
        "header_editable": {"font": Font(bold=True, color="000000"),
                            "fill": PatternFill("solid", fgColor="FFF2CC")},
        "header_muted": {"font": Font(color="7F7F7F")},
        "title": {"font": Font(bold=True, size=16)},
        "heading": {"font": Font(bold=True, size=12)},
        "label": {"font": Font(bold=True), "alignment": Alignment(vertical="top")},
    }
    CARRIED_FONT = Font(italic=True, color="7F7F7F")
    CARRIED_LINK_FONT = Font(italic=True, color="0563C1", underline="single")

    def __init__(self, sheet: Any) -> None:
        self._sheet = sheet  # any sheet of the workbook: the styles live in the workbook
        self._cache: dict[tuple[str, bool, bool, str | None], StyleArray] = {}
        self._ids: dict[tuple[str, bool, bool, str | None], int] = {}

    def get(self, base: str, *, quote: bool = False, carried: bool = False,
            number_format: str | None = None) -> StyleArray:
        key = (base, quote, carried, number_format)
        style = self._cache.get(key)
        if style is None:
            template = Cell(self._sheet)
            for attribute, value in self.BASE[base].items():
                setattr(template, attribute, value)
            if number_format:
                template.number_format = number_format
            if carried:
                template.font = self.CARRIED_LINK_FONT if base == "link" else self.CARRIED_FONT
            if quote:
                template.quotePrefix = True
            style = self._cache[key] = template._style
        return style

    def style_id(self, base: str, *, quote: bool = False, carried: bool = False,
                 number_format: str | None = None) -> int:
        """The style's index in the workbook's cellXfs table, for cells written as XML
        (``outreach.workbook.rows``): the ``s`` attribute openpyxl would give such a cell."""
        key = (base, quote, carried, number_format)
        found = self._ids.get(key)
        if found is None:
            style = self.get(base, quote=quote, carried=carried, number_format=number_format)
            # a cell's style_id adds its style to the workbook's table (once) and gives its index
            found = self._ids[key] = Cell(self._sheet, style_array=style).style_id
        return found


def make_cell(sheet: Any, row: int, column: int, value: Any, style: StyleArray) -> Cell:
    """A cell holding ``value``; text is always a string cell, never a formula or an error."""
    cell = Cell(sheet, row=row, column=column, style_array=style)
    kind = type(value)
    if kind is str:
        # Assigning through ``cell.value`` would type "=..." as a formula and "#N/A" as an
        # error. The text is already clean (clean_text), so it is stored as a string as is;
        # this also skips openpyxl's second scan of every string.
        cell._value = value
        cell.data_type = "s"
    elif kind is int or kind is float:
        cell._value = value  # data_type is already "n"
    else:
        cell.value = value
    return cell

