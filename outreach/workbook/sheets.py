"""Laying out the summary and list sheets with openpyxl (called by outreach.workbook.spec).

A list sheet's header row, table, dropdowns, colours, widths and frozen header are openpyxl's;
its data rows are written as XML by outreach.workbook.rows and added when the workbook is saved.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from outreach.workbook.changes import KEPT_HEADING
from outreach.workbook.merge import PreparedSheet
from outreach.workbook.package import cell_ref
from outreach.workbook.rows import NUMBER_BASES, ListRows, data_rows
from outreach.workbook.spec import Column, Formula, Number, SheetCells, SummarySheet, UserSheet
from outreach.workbook.styles import Styles, make_cell
from outreach.workbook.values import (
    clean_text,
    converter,
    needs_quote_prefix,
    row_text,
    sheet_titles,
    shown,
    table_names,
)

META_PREFIX = "outreach-meta-"
META_CHUNK = 240
TABLE_STYLE = "TableStyleMedium2"
MAX_ROW = 1_048_576
_WIDTH_CAP = {"wrap": 60, "url": 45, "email": 34, "text": 40, "choice": 16}


def build_workbook(summary: SummarySheet, sheets: list[PreparedSheet],
                   advance: Callable[[int], None] | None = None, token: str | None = None,
                   kept: KeptSheets | None = None
                   ) -> tuple[Workbook, list[ListRows], SheetCells]:
    """The workbook, the list sheets' data rows that ``save_with_rows`` adds as it saves, and
    what the summary holds of the plan's (to remember). ``token`` names this write in the
    workbook's description (see ``spec.Written``); ``kept`` is what the user had in the
    summary and in sheets of their own."""
    kept = kept or KeptSheets()
    workbook = Workbook()
    titles = sheet_titles([summary.name, *(s.name for s in sheets)])
    first = workbook.active
    first.title = titles[0]
    styles = Styles(first)
    write_summary(first, summary, styles)
    set_page(first)
    remembered = SheetCells(["Value"], {
        cell_ref(r - 1, c - 1): ("", row_text([shown(cell.value)]))
        for (r, c), cell in first._cells.items() if cell.value is not None})
    _keep_summary_cells(first, kept, styles)
    meta = []
    pending = []
    for sheet, title, table in zip(sheets, titles[1:], table_names(titles[1:]), strict=True):
        ws = workbook.create_sheet(title)
        pending.append(write_list_sheet(ws, sheet, table, styles, advance))
        flags = {h: "u" for h in sheet.user_headers}
        flags.update((h, "s") for h in sheet.suggestion_headers)
        if sheet.note_header:
            flags[sheet.note_header] = "p"
        meta.append({
            "t": title, "n": sheet.name, "k": clean_text(sheet.key),
            "c": [[clean_text(c.header), c.kind, flags.get(c.header, "e" if c.editable else "")]
                  for c in sheet.columns],
        })
    _write_meta(workbook, {"v": 1, "sheets": meta, "s": titles[0],
                           **({"w": token} if token else {})})
    workbook.properties.creator = "outreach"
    workbook.properties.title = clean_text(summary.title)[:200]
    taken = {t.casefold() for t in titles}
    for own in kept.user_sheets:
        title = sheet_titles([own.name])[0]
        n = 1
        while title.casefold() in taken:  # a sheet of the plan's has that name now
            n += 1
            title = sheet_titles([f"{own.name} (yours{f' {n - 1}' if n > 2 else ''})"])[0]
        taken.add(title.casefold())
        # where it was, but never before the summary
        ws = workbook.create_sheet(title, min(max(own.position, 1), len(workbook.sheetnames)))
        for (r, c), value in own.cells.items():
            _user_cell(ws, r, c, value, styles)
        _add_comments(ws, own.comments)
    return workbook, pending, remembered


@dataclass
class KeptSheets:
    """What the user had outside the list sheets: cells they typed into the summary (with
    their comments), and the sheets they added."""

    summary_cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    summary_comments: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    user_sheets: list[UserSheet] = field(default_factory=list)


def _keep_summary_cells(ws: Any, kept: KeptSheets, styles: Styles) -> None:
    """The user's summary cells where they were, unless the plan writes there now: then below
    the summary, under a heading, in the same column."""
    moved = []
    for (r, c), value in sorted(kept.summary_cells.items()):
        if (r + 1, c + 1) in ws._cells:
            moved.append((r, c, value))
        else:
            _user_cell(ws, r, c, value, styles)
    if moved:
        row = ws.max_row + 1
        ws.cell(row + 1, 1).value = KEPT_HEADING
        ws.cell(row + 1, 1).font = Font(bold=True, size=12)
        rows: dict[int, int] = {}
        for r, c, value in moved:
            rows.setdefault(r, row + 1 + len(rows) + 1)
            _user_cell(ws, rows[r] - 1, c, value, styles, origin_row=r)
    _add_comments(ws, kept.summary_comments)


def _user_cell(ws: Any, r: int, c: int, value: Any, styles: Styles,
               origin_row: int | None = None) -> None:
    """A cell of the user's at (r, c), counted from 0: text stays text, a formula a formula
    (its references moved with it when ``origin_row`` says it was elsewhere)."""
    if type(value) is Formula:
        text = value.text
        ref = cell_ref(r, c)
        if value.origin and value.origin != ref:
            with suppress(TranslatorError, ValueError):
                text = Translator("=" + text, origin=value.origin).translate_formula(ref)[1:]
        ws.cell(r + 1, c + 1).value = "=" + text
        return
    shown: Any = value
    if isinstance(value, str):  # text, even "=1+2" typed with a leading '
        shown = clean_text(value)
        style = styles.get("plain", quote=needs_quote_prefix(shown))
    elif isinstance(value, dt.date):
        style = styles.get("datetime" if isinstance(value, dt.datetime)
                           and value.time() != dt.time() else "date")
    else:  # a number, a bool, a time of day
        ws.cell(r + 1, c + 1).value = value
        return
    ws._cells[(r + 1, c + 1)] = make_cell(ws, r + 1, c + 1, shown, style)


def _add_comments(ws: Any, comments: dict[tuple[int, int], tuple[str, str]]) -> None:
    for (r, c), (author, text) in comments.items():
        ws.cell(r + 1, c + 1).comment = Comment(clean_text(text) or " ", author or "Author")


def _write_meta(workbook: Workbook, meta: dict[str, Any]) -> None:
    text = json.dumps(meta, ensure_ascii=True, separators=(",", ":"))
    for n, start in enumerate(range(0, len(text), META_CHUNK)):
        workbook.custom_doc_props.append(
            StringProperty(name=f"{META_PREFIX}{n:03d}", value=text[start:start + META_CHUNK]))


def _text_cell(ws: Any, row: int, column: int, value: Any, base: str, styles: Styles,
               *, carried: bool = False, kind: str = "text",
               number_format: str | None = None) -> Cell | None:
    """A safe cell for any value, or None for an empty one."""
    value, base_for_value, link = converter(kind)(value)
    if value is None:
        return None
    quote = False
    if isinstance(value, str):
        value = clean_text(value)
        if not value:
            return None
        quote = needs_quote_prefix(value)
    if base_for_value in NUMBER_BASES or link:
        base = base_for_value
    style = styles.get(base, quote=quote, carried=carried,
                       number_format=number_format if base in NUMBER_BASES else None)
    cell = make_cell(ws, row, column, value, style)
    if link:
        cell.hyperlink = link
    return cell


def write_list_sheet(ws: Any, sheet: PreparedSheet, table_name: str, styles: Styles,
                     advance: Callable[[int], None] | None = None) -> ListRows:
    """Lay out a list sheet in ``ws``; its data rows are returned, for ``save_with_rows``."""
    columns = sheet.columns
    headers = [clean_text(c.header) for c in columns]
    ws.append([
        make_cell(ws, 1, j, h, styles.get("header_editable" if c.editable else
                                          "header_muted" if c.muted else "plain",
                                          quote=needs_quote_prefix(h)))
        for j, (c, h) in enumerate(zip(columns, headers, strict=True), 1)
    ])
    lengths: list[list[int]] = [[len(h) + 4] for h in headers]  # + room for the filter button
    # The data rows are not openpyxl cells: they are written as XML and spliced in as the
    # workbook is saved (outreach.workbook.rows), several times faster for a long sheet.
    rows = data_rows(ws, sheet, styles, lengths, advance)

    last_row = max(2, len(sheet.rows) + 1)  # a table needs at least one data row
    last_col = get_column_letter(len(columns))
    ref = f"A1:{last_col}{last_row}"
    ws.add_table(Table(
        displayName=table_name, ref=ref, autoFilter=AutoFilter(ref=ref),
        tableColumns=[TableColumn(id=j, name=h) for j, h in enumerate(headers, 1)],
        tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True,
                                      showColumnStripes=False, showFirstColumn=False,
                                      showLastColumn=False),
    ))
    ws.freeze_panes = _frozen_at(sheet)
    set_list_page(ws, columns, last_row)
    for r, j, author, text in sheet.comments:  # rows.save_with_rows keeps only the comment
        ws.cell(r + 2, j + 1).comment = Comment(clean_text(text) or " ", author or "Author")
    for j, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(j)].width = _width(column, lengths[j - 1])
        letter = get_column_letter(j)
        if column.kind == "choice":
            choices = [clean_text(c) for c in column.choices]
            validation = DataValidation(
                type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                showErrorMessage=True, errorStyle="warning", errorTitle=headers[j - 1][:32],
                error=clean_text("Pick one of: " + ", ".join(choices))[:255])
            validation.add(f"{letter}2:{letter}{MAX_ROW}")
            ws.add_data_validation(validation)
        if column.header == sheet.priority_column:
            ws.conditional_formatting.add(f"{letter}2:{letter}{last_row}", ColorScaleRule(
                start_type="min", start_color="FFFFFF", end_type="max", end_color="63BE7B"))
    return rows


def _frozen_at(sheet: PreparedSheet) -> str:
    """The header row, and the columns up to the one naming a row (the label's first, else
    the first column), so that the name stays in view when scrolling right."""
    headers = [c.header for c in sheet.columns]
    name = sheet.label[0] if sheet.label and sheet.label[0] in headers else headers[0]
    return f"{get_column_letter(headers.index(name) + 2)}2"


def set_page(ws: Any) -> None:
    """Landscape, one page wide, as many pages high as it takes."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def set_list_page(ws: Any, columns: list[Column], last_row: int) -> None:
    """A list sheet's page setup: ``set_page``, the header row on every page, and a print area
    of the columns a person reads (from the first printed column to the last: a column not
    printed between two printed ones, as after the user's own columns, stays in)."""
    set_page(ws)
    ws.print_title_rows = "1:1"
    printed = [j for j, c in enumerate(columns, 1) if c.printed] or [1]
    ws.print_area = (f"{get_column_letter(printed[0])}1:"
                     f"{get_column_letter(printed[-1])}{last_row}")


def _width(column: Column, lengths: list[int]) -> float:
    if column.width is not None:
        return column.width
    header = lengths[0]
    if column.kind == "date":
        return float(max(12, header))
    cap = _WIDTH_CAP.get(column.kind, 14 if column.kind in ("int", "float") else 40)
    values = sorted(lengths[1:]) or [0]
    # a few very long values should not make a column huge: size for nearly all of them
    typical = values[min(len(values) - 1, int(len(values) * 0.95))]
    return float(min(max(cap, header), max(6, header, typical + 2)))


def write_summary(ws: Any, summary: SummarySheet, styles: Styles) -> None:
    row = 0

    def add(*items: tuple[Any, str, str]) -> int:
        """Append a row of (value, base style, kind) cells; return its number."""
        nonlocal row
        row += 1
        ws.append([_text_cell(ws, row, col, value.value, base, styles, kind="float",
                              number_format=value.number_format) if type(value) is Number
                   else _text_cell(ws, row, col, value, base, styles, kind=kind)
                   for col, (value, base, kind) in enumerate(items, 1)])
        return row

    add((summary.title, "title", "text"))
    add()
    label_width, value_width = 14, 12
    for label, value in summary.facts:
        add((label, "label", "text"), (value, "text", "url"))
        label_width = max(label_width, len(str(label)) + 2)
        value_width = max(value_width, len(str(value)) + 2)
    ws.column_dimensions["A"].width = min(label_width, 80)  # no label cut
    ws.column_dimensions["B"].width = min(value_width, 50)

    chart_data = summary.chart[1] if summary.chart else []
    chart = _bar_chart(summary.chart[0], chart_data) if summary.chart and chart_data else None
    if chart is not None:
        ws.add_chart(chart, "D3")
        chart_rows = math.ceil(chart.height / 0.5) + 1  # rows are about 0.5 cm high
        while row < 2 + chart_rows:  # sections start below the chart, not under it
            add()

    for heading, lines in summary.sections:
        add()
        add((heading, "heading", "text"))
        for line in lines:
            add((line, "text", "url"))

    if chart is not None and summary.chart:
        add()
        add((summary.chart[0], "heading", "text"))
        first = add(("Label", "label", "text"), ("Value", "label", "text"))
        for label, value in chart_data:  # a count reads "4", not "4.00"
            count = int(value) if isinstance(value, float) and value.is_integer() else value
            last = add((label, "text", "text"), (count, "text", "text"))
        chart.add_data(Reference(ws, min_col=2, min_row=first, max_row=last),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=last))


def _bar_chart(title: str, data: list[tuple[str, float]]) -> BarChart:
    chart = BarChart()
    horizontal = len(data) > 8 or any(len(str(label)) > 12 for label, _ in data)
    chart.type = "bar" if horizontal else "col"
    chart.title = clean_text(str(title))[:255]
    chart.legend = None
    chart.width = 16
    chart.height = min(20.0, max(7.5, 0.6 * len(data) + 2)) if horizontal else 7.5
    # openpyxl 3.1 hides both axes unless told otherwise
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if horizontal:  # first category on top, as in the table
        chart.x_axis.scaling.orientation = "maxMin"
    return chart
