"""The data rows of list sheets, written as worksheet XML and spliced into the saved workbook.

Why: openpyxl makes a ``Cell`` object for every value and serialises each one through lxml;
for a plan of some 40,000 cells that was most of the time ``outreach plan`` took. So the list
sheets' data rows never become openpyxl cells. ``data_rows`` turns them into the XML of their
``<row>`` elements (and notes their hyperlinks) while openpyxl lays out everything else: the
header row, the table, the dropdowns, the colours, the widths, the frozen header, the styles.
``save_with_rows`` then lets openpyxl save into memory and copies its package to the real file,
splicing each list sheet's rows into its ``<sheetData>``, correcting ``<dimension>``, and adding
``<hyperlinks>`` with their relationships.

The cells follow the rules of ``outreach.workbook.values``, as openpyxl cells do: text is always
an inline string (as openpyxl writes text), never a formula or an error, cleaned by
``clean_text`` and XML-escaped here, with the quotePrefix style when it starts like a formula;
dates are serial numbers in the 1900 date system with a date style; booleans ``t="b"``; NaN
and infinities are empty. Numbers are written in ``repr`` form, which reads back exactly
(openpyxl's 16 significant digits may not). Style ids index the workbook's own cellXfs table,
so the styles are openpyxl's, made by ``Styles``.

Everything about openpyxl's output that the splice relies on is checked as it goes; a surprise
(another openpyxl version, say) raises ``RuntimeError`` rather than writing a broken file.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import IO, Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from outreach.workbook.merge import PreparedSheet
from outreach.workbook.spec import Formula
from outreach.workbook.styles import Styles
from outreach.workbook.values import clean_text, converter, needs_quote_prefix, row_text

WIDTH_SAMPLE = 1_000  # rows looked at to size a column
ADVANCE_EVERY = 500
NUMBER_BASES = ("int", "float", "date", "datetime")
#: row heights for wrapped text (LibreOffice prints wrapped cells over each other without one):
#: points a line, the most lines a row is made high, the width assumed for a wrap column
#: without one (sheets._WIDTH_CAP's)
LINE_HEIGHT = 15.0
MAX_LINES = 10
WRAP_WIDTH = 60.0

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK_TYPE = REL_NS + "/hyperlink"

_TEXT_SPECIAL = re.compile("[&<>]")
_ATTRIBUTE_SPECIAL = re.compile("[&<>\"']")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
# openpyxl serialises through lxml when it is installed and through ElementTree otherwise;
# the two differ in small ways (``<x/>`` or ``<x />``), so the patterns allow for both.
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
_SHEET_DATA = re.compile(rb"<sheetData\s*(/?)>")
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_EMPTY_ROWS = re.compile(
    rb'(?:<row r="\d+"[^>]*>(?:<c r="[A-Z]+\d+"(?: s="\d+")?(?: t="n")?\s*/>)*</row>)*')
_RELATIONSHIP_ID = re.compile(rb'\sId="([^"]*)"')
# The CT_Worksheet children that come after <hyperlinks> in schema order (ECMA-376 part 1,
# 18.3.1.99): <hyperlinks> goes just before the first of them that openpyxl wrote, so what it
# wrote after </sheetData> and before that (conditionalFormatting, dataValidations) stays ahead.
_AFTER_HYPERLINKS = re.compile(
    rb"<(?:printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties"
    rb"|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|drawingHF"
    rb"|picture|oleObjects|controls|webPublishItems|tableParts|extLst)[\s/>]|</worksheet>")


@dataclass
class ListRows:
    """A list sheet's data rows as XML, waiting for the workbook to be saved."""

    sheet: Any  # the openpyxl worksheet: after saving, ``sheet.path`` names its part
    xml: bytes  # the <row> elements, from row 2 on
    last_row: int  # 1 when there are no data rows
    last_column: int
    links: list[tuple[str, str]] = field(default_factory=list)  # (cell reference, address)
    #: per row, ``values.row_text`` of the cells of the plan's own columns as written
    texts: list[str] = field(default_factory=list)


def data_rows(ws: Any, sheet: PreparedSheet, styles: Styles, lengths: list[list[int]],
              advance: Callable[[int], None] | None = None) -> ListRows:
    """The XML of ``sheet``'s data rows, to go below the header row in ``ws``.

    Appends the shown length of each value in the first ``WIDTH_SAMPLE`` rows to ``lengths``
    (one list per column), from which the caller sizes the columns.
    """
    columns = sheet.columns
    letters = [get_column_letter(j) for j in range(1, len(columns) + 1)]
    converters = [converter(c.kind, c.hosts) for c in columns]
    formats = [c.number_format for c in columns]
    editable = [c.editable for c in columns]
    muted = [c.muted for c in columns]
    epoch = ws.parent.epoch
    first_carried = len(sheet.rows) - sheet.carried
    parts: list[str] = []
    links: list[tuple[str, str]] = []
    plan_columns = sheet.plan_columns
    every_column = plan_columns == list(range(len(columns)))
    texts: list[str] = []
    # characters a line of each printed wrap column holds (one less than its width: text is
    # seldom narrower than the digits a width counts, and a line too many beats one too few);
    # a column left out of the print area makes no row taller
    per_line = {j: max(1, int(c.width or WRAP_WIDTH) - 1)
                for j, c in enumerate(columns) if c.kind == "wrap" and c.printed}
    for i, values in enumerate(sheet.rows):
        r = i + 2
        carried = i >= first_carried
        sample = i < WIDTH_SAMPLE
        parts.append(f'<row r="{r}">')
        row_start = len(parts) - 1
        lines = 1
        shown: list[Any] = []  # each cell as a reader gives it back (values.shown)
        for j, value in enumerate(values):
            value, base, link = converters[j](value)
            quote = False
            if isinstance(value, str):
                value = clean_text(value)
                quote = needs_quote_prefix(value)
                if sample:
                    lengths[j].append(max(map(len, value.split("\n"))) if "\n" in value
                                      else len(value))
                if not value:
                    value = None
                elif j in per_line and (len(value) > per_line[j] or "\n" in value):
                    lines = max(lines, text_lines(value, per_line[j]))
                shown.append(value)
            elif value is None:
                shown.append(None)
            else:
                if sample:
                    lengths[j].append(10 if isinstance(value, dt.date) else len(
                        f"{value:.2f}" if isinstance(value, float) else str(value)))
                shown.append(int(value) if type(value) is float and value.is_integer()
                             and -1e16 < value < 1e16 else value)
            if value is None and not editable[j]:
                continue  # an empty editable cell is still written: styled, ready for typing
            ref = f"{letters[j]}{r}"
            if type(value) is Formula:
                parts.append(formula_xml(ref, value, styles.style_id(base), sheet.moves))
                continue
            style = styles.style_id(base, quote=quote, carried=carried or muted[j],
                                    number_format=formats[j] if base in NUMBER_BASES else None)
            parts.append(cell_xml(ref, value, style, epoch))
            if link:
                links.append((ref, link))
        parts.append("</row>")
        if lines > 1:
            parts[row_start] = (f'<row r="{r}" ht="{min(lines, MAX_LINES) * LINE_HEIGHT:g}" '
                                'customHeight="1">')
        texts.append(row_text(shown if every_column else [shown[j] for j in plan_columns]))
        if advance and r % ADVANCE_EVERY == 0:
            advance(ADVANCE_EVERY)
    if advance and (len(sheet.rows) + 1) % ADVANCE_EVERY:  # + 1: the header row counts too
        advance((len(sheet.rows) + 1) % ADVANCE_EVERY)
    return ListRows(ws, "".join(parts).encode("utf-8"), len(sheet.rows) + 1, len(columns), links,
                    texts)


def text_lines(text: str, per_line: int) -> int:
    """The lines ``text`` takes in a wrapped cell holding ``per_line`` characters a line."""
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def formula_xml(ref: str, formula: Formula, style: int,
                moves: tuple[dict[int, int], dict[int, int]] | None = None) -> str:
    """A cell holding the user's formula. With ``moves`` (old row number -> new one, old
    column index -> new one), its references to this sheet follow the cells they pointed to,
    as in Excel when rows are sorted or columns moved; without, they move with the formula
    (``Formula.origin`` to ``ref``). No value is cached: Excel and LibreOffice calculate it
    when the workbook is opened."""
    from openpyxl.formula.translate import Translator, TranslatorError

    text = formula.text
    if moves is not None:
        text = move_references(text, *moves)
    elif formula.origin and formula.origin != ref:
        with suppress(TranslatorError, ValueError):  # else kept as typed: still a formula
            text = Translator("=" + text, origin=formula.origin).translate_formula(ref)[1:]
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s}><f>{_TEXT_SPECIAL.sub(_escape, clean_text(text))}</f></c>'


_REFERENCE = re.compile(r"(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?")


def move_references(text: str, rows: dict[int, int], columns: dict[int, int]) -> str:
    """``text`` (a formula without "=") with its references to cells of this sheet moved:
    row numbers by ``rows``, column indices (from 0) by ``columns``; others kept."""
    from openpyxl.formula.tokenizer import Token, Tokenizer
    from openpyxl.utils import column_index_from_string

    def move(part: str) -> str:
        match = _REFERENCE.fullmatch(part)
        if not match or not (match.group(2) or match.group(4)):
            return part  # a name, or not a reference
        dollar_column, letters, dollar_row, number = match.groups()
        if letters:
            try:
                index = column_index_from_string(letters.upper()) - 1
            except ValueError:
                return part
            letters = get_column_letter(columns.get(index, index) + 1)
        if number:
            number = str(rows.get(int(number), int(number)))
        return f"{dollar_column}{letters or ''}{dollar_row}{number or ''}"

    try:
        tokens = Tokenizer("=" + text)
    except Exception:  # openpyxl raises plain exceptions on a formula it cannot parse
        return text
    for token in tokens.items:
        if token.type == Token.OPERAND and token.subtype == Token.RANGE and "!" not in token.value:
            token.value = ":".join(move(part) for part in token.value.split(":"))
    return tokens.render()[1:]


def cell_xml(ref: str, value: Any, style: int, epoch: dt.datetime) -> str:
    """One ``<c>`` element; ``value`` is a converted value (text already ``clean_text``-ed)."""
    s = f' s="{style}"' if style else ""
    if isinstance(value, str):
        return f'<c r="{ref}"{s} t="inlineStr"><is>{text_xml(value)}</is></c>'
    if value is None:
        return f'<c r="{ref}"{s}/>'
    if isinstance(value, bool):  # before numbers: a bool is an int
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):  # datetimes too
        serial = to_excel(value, epoch)
        number = str(int(serial)) if float(serial).is_integer() else repr(float(serial))
    elif isinstance(value, int):
        number = str(int(value))  # int() drops a subclass's own repr (an IntEnum's, say)
    elif isinstance(value, float):
        if not math.isfinite(value):
            return f'<c r="{ref}"{s}/>'
        number = repr(float(value))  # the shortest text that reads back as the same float
    else:
        raise TypeError(f"cell {ref}: cannot write a {type(value).__name__}")
    return f'<c r="{ref}"{s}><v>{number}</v></c>'


def text_xml(text: str) -> str:
    """A ``<t>`` element holding ``text`` exactly as it is."""
    if _TEXT_SPECIAL.search(text):
        text = _TEXT_SPECIAL.sub(_escape, text)
    # Without xml:space="preserve" Excel drops leading and trailing spaces; text with a line
    # break is marked too, for readers that would otherwise normalise its whitespace.
    if text[:1].isspace() or text[-1:].isspace() or "\n" in text:
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def attribute_text(text: str) -> str:
    """``text`` escaped for a double-quoted XML attribute."""
    return _ATTRIBUTE_SPECIAL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def save_with_rows(workbook: Any, pending: list[ListRows], out: IO[bytes]) -> None:
    """Save ``workbook`` to ``out`` with each list sheet's rows spliced into it."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        names = set(source.namelist())
        sheets: dict[str, ListRows] = {}
        rels: dict[str, bytes] = {}  # the sheets' relationship parts, with the links added
        link_ids: dict[str, list[str]] = {}
        for rows in pending:
            name = rows.sheet.path.lstrip("/")  # set by openpyxl as it saves
            if name not in names:
                raise RuntimeError(f"openpyxl saved no {name} for sheet {rows.sheet.title!r}")
            sheets[name] = rows
            if rows.links:
                rels_name = _rels_name(name)
                old = source.read(rels_name) if rels_name in names else None
                rels[rels_name], link_ids[name] = add_link_relationships(old, rows.links)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename in sheets:
                    data = splice_sheet(data, sheets[info.filename],
                                        link_ids.get(info.filename, []))
                elif info.filename in rels:
                    data = rels.pop(info.filename)
                _write(target, info.filename, info.date_time, data)
                new_rels = _rels_name(info.filename)
                if info.filename in sheets and new_rels in rels and new_rels not in names:
                    _write(target, new_rels, info.date_time, rels.pop(new_rels))
    if rels:  # cannot happen: each was written beside its sheet
        raise RuntimeError(f"relationship parts not written: {sorted(rels)}")


def _write(target: zipfile.ZipFile, name: str, date_time: tuple[int, int, int, int, int, int],
           data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    target.writestr(info, data)


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def splice_sheet(xml: bytes, rows: ListRows, link_ids: list[str]) -> bytes:
    """openpyxl's worksheet ``xml`` (header row only) with ``rows`` and their links added."""
    title = rows.sheet.title
    dimension = f'<dimension ref="A1:{get_column_letter(rows.last_column)}{rows.last_row}"/>'
    xml, found = _DIMENSION.subn(dimension.encode("ascii"), xml, count=1)
    if found != 1:
        raise RuntimeError(f"sheet {title!r}: openpyxl wrote no <dimension> to correct")
    found_data = list(_SHEET_DATA.finditer(xml))
    if len(found_data) != 1 or xml.count(b"<sheetData") != 1:
        raise RuntimeError(f"sheet {title!r}: openpyxl did not write one <sheetData>")
    start, empty = found_data[0].start(), found_data[0].group(1) == b"/"
    end = found_data[0].end() if empty else xml.find(b"</sheetData>", start)
    if end < 0:
        raise RuntimeError(f"sheet {title!r}: <sheetData> is not closed")
    written = {int(n) for n in _ROW_NUMBER.findall(xml, start, end)}
    if written - {1}:
        # a cell comment needs an openpyxl cell: its row holds empty cells only, and goes
        header_end = xml.find(b"</row>", xml.find(b'<row r="1"', start, end)) + len(b"</row>")
        if 1 not in written or not _EMPTY_ROWS.fullmatch(xml, header_end, end):
            raise RuntimeError(f"sheet {title!r}: openpyxl wrote data rows {sorted(written)}; "
                               "only the header row was expected")
        xml, end = xml[:header_end] + xml[end:], header_end
    if empty:
        head, tail = xml[:start] + b"<sheetData>", b"</sheetData>" + xml[end:]
    else:
        head, tail = xml[:end], xml[end:]
    if link_ids:
        tail = _add_hyperlinks(tail, rows, link_ids)
    return b"".join((head, rows.xml, tail))


def _add_hyperlinks(tail: bytes, rows: ListRows, link_ids: list[str]) -> bytes:
    if b"<hyperlinks" in tail:
        raise RuntimeError(f"sheet {rows.sheet.title!r}: openpyxl wrote hyperlinks of its own")
    found = _AFTER_HYPERLINKS.search(tail)
    if found is None:
        raise RuntimeError(f"sheet {rows.sheet.title!r}: the worksheet is not closed")
    # openpyxl declares the r: namespace on each element that uses it, not on <worksheet>;
    # declaring it once on <hyperlinks> serves every link inside.
    links = "".join(f'<hyperlink ref="{ref}" r:id="{rel}"/>'
                    for (ref, _), rel in zip(rows.links, link_ids, strict=True))
    element = f'<hyperlinks xmlns:r="{REL_NS}">{links}</hyperlinks>'.encode("ascii")
    return b"".join((tail[:found.start()], element, tail[found.start():]))


def add_link_relationships(rels: bytes | None,
                           links: list[tuple[str, str]]) -> tuple[bytes, list[str]]:
    """A sheet's relationships part with one external relationship per link, and their ids.

    The ids continue openpyxl's ``rIdN`` numbering and skip every id already taken (a table's,
    a drawing's, "comments"), so none collides.
    """
    if rels is None:
        rels = f'<Relationships xmlns="{PACKAGE_REL_NS}"></Relationships>'.encode("ascii")
    taken = {m.decode("utf-8") for m in _RELATIONSHIP_ID.findall(rels)}
    ids: list[str] = []
    n = 0
    while len(ids) < len(links):
        n += 1
        if f"rId{n}" not in taken:
            ids.append(f"rId{n}")
    added = "".join(
        f'<Relationship Id="{rel}" Type="{HYPERLINK_TYPE}" Target="{attribute_text(address)}" '
        'TargetMode="External"/>' for (_, address), rel in zip(links, ids, strict=True))
    close = rels.rfind(b"</Relationships>")
    if close < 0:
        raise RuntimeError("a sheet's relationships part is not what openpyxl writes")
    return rels[:close] + added.encode("utf-8") + rels[close:], ids
