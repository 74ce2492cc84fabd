"""Laying out the summary and list sheets with openpyxl (called by outreach.workbook.spec).

A list sheet's header row, table, dropdowns, colours, widths and frozen header are openpyxl's;
its data rows are written as XML by outreach.workbook.rows and added when the workbook is saved.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from outreach.workbook.merge import PreparedSheet
from outreach.workbook.rows import NUMBER_BASES, ListRows, data_rows
from outreach.workbook.spec import Column, SummarySheet
from outreach.workbook.styles import Styles, make_cell
from outreach.workbook.values import (
    clean_text,
    converter,
    needs_quote_prefix,
    sheet_titles,
    table_names,
)

META_PREFIX = "outreach-meta-"
META_CHUNK = 240
TABLE_STYLE = "TableStyleMedium2"
MAX_ROW = 1_048_576
_WIDTH_CAP = {"wrap": 60, "url": 45, "email": 34, "text": 40, "choice": 16}


def build_workbook(summary: SummarySheet, sheets: list[PreparedSheet],
                   advance: Callable[[int], None] | None = None, token: str | None = None
                   ) -> tuple[Workbook, list[ListRows]]:
    """The workbook, and the list sheets' data rows that ``save_with_rows`` adds as it saves.
    ``token`` names this write in the workbook's description (see ``spec.Written``)."""
    workbook = Workbook()
    titles = sheet_titles([summary.name, *(s.name for s in sheets)])
    first = workbook.active
    first.title = titles[0]
    styles = Styles(first)
    write_summary(first, summary, styles)
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
    _write_meta(workbook, {"v": 1, "sheets": meta, **({"w": token} if token else {})})
    workbook.properties.creator = "outreach"
    workbook.properties.title = clean_text(summary.title)[:200]
    return workbook, pending


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
        make_cell(ws, 1, j, h, styles.get("header_editable" if c.editable else "plain",
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
    ws.freeze_panes = "A2"
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
        ws.append([_text_cell(ws, row, col, value, base, styles, kind=kind)
                   for col, (value, base, kind) in enumerate(items, 1)])
        return row

    add((summary.title, "title", "text"))
    add()
    label_width, value_width = 14, 12
    for label, value in summary.facts:
        add((label, "label", "text"), (value, "text", "url"))
        label_width = max(label_width, len(str(label)) + 2)
        value_width = max(value_width, len(str(value)) + 2)
    ws.column_dimensions["A"].width = min(label_width, 40)
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
        for label, value in chart_data:
            last = add((label, "text", "text"), (value, "text", "text"))
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
