"""Shared reading of messy tabular files: bytes to rows of strings, honestly.

Every reader (LinkedIn, targets, groups) starts here. Rules, from real files:
- Decode ``utf-8-sig`` first; UTF-16 (Excel's "Unicode text") by its BOM or its NUL pattern;
  then cp1252 (Excel on Windows), and say so in a note. Never guess silently.
- Sniff the delimiter from a bounded peek (``,`` ``;`` tab ``|``).
- Keep every value a string, so ZIP codes and IDs keep their leading zeros.
- One file-kind policy for every spreadsheet reader (``read_table_file``): a file is what its
  bytes are (magic bytes, zip members), not what its name says. An .xlsx saved as .csv is read
  as the workbook it is, with a warning; a kind we cannot read (an old .xls, a password-protected
  workbook, a zip, a PDF) is refused with one message saying what it is and what to do.
- Find a header row by its content, not by position: title rows and preambles come first.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import unicodedata
import zipfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from outreach.errors import InputError
from outreach.sheetguard import check_ods_cells, check_xlsx_cells

#: How much of a file the delimiter sniffer looks at.
SNIFF_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")

#: csv refuses fields over 128 KiB by default; a LinkedIn message body can be longer.
FIELD_LIMIT = 16 * 1024 * 1024
csv.field_size_limit(FIELD_LIMIT)


@dataclass
class TextTable:
    """A delimited text file read as rows of strings."""

    rows: list[list[str]]
    encoding: str
    delimiter: str
    notes: list[str] = field(default_factory=list)


def looks_like_zip(data: bytes) -> bool:
    """Whether the bytes start like a zip archive (an export, an .xlsx, an .ods...)."""
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def sniff_kind(data: bytes) -> str:
    """What a file's bytes are: 'xlsx', 'ods', 'zip', 'damaged_zip', 'ole', 'pdf', 'html', 'xml',
    'empty', 'text' or 'binary'.

    'xlsx' is any Excel Open XML workbook (.xlsx, .xlsm, .xlsb). 'ole' is the old
    compound-document container: legacy .xls, and also *password-protected* .xlsx files, which
    Excel wraps in that container (``_ole_holds`` tells them apart).
    """
    if not data.strip():
        return "empty"
    if looks_like_zip(data):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return "damaged_zip"  # a workbook or archive cut short, or not a zip after all
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if "content.xml" in names and "mimetype" in names:
            return "ods"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        return "text"
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "binary"
    # Web apps save HTML tables as ".xls"; Excel's "XML Spreadsheet 2003" is XML.
    start = head[:512].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table")):
        return "html"
    if start.startswith(b"<?xml"):
        return "xml"
    # Control characters other than tab/CR/LF/FF are rare in text and common in binary files;
    # but valid UTF-8 without NULs is text, whatever a message pasted into it holds.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(head) // 100) and not _is_utf8(head):
        return "binary"
    return "text"


def _is_utf8(head: bytes) -> bool:
    """Whether ``head`` (maybe cut inside a character) is UTF-8."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and exc.start >= len(head) - 3
    return True


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: ASCII text shows a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even_nuls, odd_nuls) > half * 0.4 and min(even_nuls, odd_nuls) < half * 0.05


def describe_kind(kind: str) -> str:
    """A ``sniff_kind`` result as words for a message: 'an Excel workbook (.xlsx)'."""
    return {
        "xlsx": "an Excel workbook (.xlsx)",
        "ods": "an OpenDocument spreadsheet (.ods)",
        "text": "a text (CSV) file",
        "zip": "a zip archive",
        "damaged_zip": "a damaged zip archive",
        "ole": "a legacy Excel (.xls) or password-protected Office file",
        "pdf": "a PDF document",
        "html": "a web page (HTML)",
        "xml": "an XML file (such as an Excel 2003 XML spreadsheet)",
        "binary": "a binary file",
        "empty": "empty",
    }.get(kind, kind)


# -- the file-kind policy --------------------------------------------------------------------

#: The kinds (of ``sniff_kind``) a spreadsheet reader reads; every other kind is refused.
#: python-calamine could read a legacy .xls too; DESIGN.md section 4 keeps to these.
READABLE_KINDS = frozenset(("text", "xlsx", "ods"))

#: What a file's extension claims it holds, as a ``sniff_kind`` kind, and in words.
_NAMED_KINDS = {
    ".csv": "text", ".tsv": "text", ".tab": "text", ".txt": "text",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsx", ".xltx": "xlsx", ".xltm": "xlsx",
    ".ods": "ods", ".xls": "ole", ".zip": "zip", ".pdf": "pdf",
}
_CLAIMS = {
    "text": "a CSV or text file", "xlsx": "an Excel workbook", "ods": "an OpenDocument spreadsheet",
    "ole": "an old Excel .xls file", "zip": "a zip archive", "pdf": "a PDF",
}
_EXTENSIONS = {"text": ".csv", "xlsx": ".xlsx", "ods": ".ods"}


@dataclass
class TableFile:
    """A spreadsheet or delimited text file, read by what its bytes are."""

    kind: str  # 'text', 'xlsx' or 'ods'
    sheets: dict[str, list[list[str]]]  # by sheet name; a text file is one sheet named ''
    notes: list[str] = field(default_factory=list)  # how it was read: encoding, delimiter
    warnings: list[str] = field(default_factory=list)  # its name says another kind


def read_table_file(data: bytes, name: str) -> TableFile:
    """Read a spreadsheet reader's input by its content, whatever its name says.

    Raises InputError, one line, for a kind no reader reads (``kind_problem``). When the name
    disagrees with the content (an .xlsx saved as .csv), the file is read as what it is and
    the result carries a warning saying so.
    """
    kind = sniff_kind(data)
    problem = kind_problem(data, name, kind)
    if problem:
        raise InputError(problem)
    warnings = [w] if (w := name_mismatch(name, kind)) else []
    if kind == "text":
        table = read_text_table(data, name)
        return TableFile(kind, {"": table.rows}, table.notes, warnings)
    return TableFile(kind, read_spreadsheet(data, name), [], warnings)


def name_mismatch(name: str, kind: str) -> str | None:
    """The warning for a file whose extension claims another kind than its bytes; else None."""
    suffix = Path(name).suffix.lower()
    claimed = _NAMED_KINDS.get(suffix)
    if claimed is None or claimed == kind:
        return None
    rename = f" (rename it {Path(name).stem}{_EXTENSIONS[kind]})" if kind in _EXTENSIONS else ""
    return (
        f"{name} is really {describe_kind(kind)}, not {_CLAIMS[claimed]} as its name says; "
        f"read it as what it is{rename}"
    )


def kind_problem(data: bytes, name: str, kind: str) -> str | None:
    """The one message for a file of a kind no spreadsheet reader reads: what it is, what to do.

    None for the kinds in READABLE_KINDS. The message depends on the content, never the name.
    """
    if kind in READABLE_KINDS:
        return None
    if kind == "empty":
        return f"{name} is empty: pick the file that holds your list"
    if kind == "ole":
        holds = _ole_holds(data)
        if holds == "encrypted":
            return (f"{name} is a password-protected workbook: open it in Excel, remove the "
                    "password, and save it as .xlsx or .csv")
        if holds == "xls":
            return f"{name} is an old Excel 97-2003 .xls file: open it and save it as .xlsx or .csv"
        return (f"{name} is an old Office file (an Excel 97-2003 .xls, a password-protected "
                "workbook or another Office document): open it, remove any password, and save "
                "it as .xlsx or .csv")
    if kind == "damaged_zip":
        return (f"{name} is damaged (a zip archive cut short, such as a half-copied workbook): "
                "open it in Excel or LibreOffice and save it again, or copy it again")
    if kind == "zip":
        return (f"{name} is a zip archive, not a spreadsheet: unzip it and give the .xlsx or "
                ".csv file inside")
    return (f"{name} looks like {describe_kind(kind)}, not a CSV file or a spreadsheet: "
            "save the list as .xlsx or CSV (UTF-8)")


def _ole_holds(data: bytes) -> str:
    """'encrypted', 'xls' or 'other': what an OLE compound file holds, by its stream names.

    The directory stores names as NUL-terminated UTF-16-LE. Excel encrypts an .xlsx into an
    'EncryptedPackage' stream; an Excel 97-2003 file keeps its sheets in 'Workbook' ('Book'
    before Excel 97).
    """

    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") + b"\x00\x00" in data

    if has("EncryptedPackage"):
        return "encrypted"
    if has("Workbook") or has("Book"):
        return "xls"
    return "other"


def decode_bytes(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode a text file's bytes. Returns (text, encoding, notes)."""
    encoding, notes = text_encoding(data, name)
    return data.decode(encoding), encoding, notes


#: Bytes decoded at a time when a file is checked or read without making its whole text.
_CHUNK = 1 << 20

#: A file's bytes, or a function opening it as a stream (a zip member unpacked as it is read,
#: so that a big file is never whole in memory). Each reading pass opens it again.
Source = bytes | Callable[[], IO[bytes]]


def source_head(source: Source, size: int = SNIFF_BYTES) -> bytes:
    """The first ``size`` bytes of a file (all of it when it is shorter)."""
    if isinstance(source, bytes):
        return source[:size]
    with source() as stream:
        return stream.read(size)


def _chunks(source: Source, start: int = 0) -> Iterator[bytes | memoryview]:
    if isinstance(source, bytes):
        view = memoryview(source)
        for position in range(start, len(source), _CHUNK):
            yield view[position : position + _CHUNK]
        return
    with source() as stream:
        stream.read(start)
        while chunk := stream.read(_CHUNK):
            yield chunk


def _decodes(source: Source, encoding: str, start: int = 0) -> tuple[int, int] | None:
    """Where the file (from ``start``) stops decoding as ``encoding``: (byte position, the byte),
    or None when all of it decodes. Decoded a chunk at a time, kept nowhere: a 30 MB file's text
    would take up to 4 bytes a character (CPython widens a whole string for one emoji)."""
    import codecs

    decoder = codecs.getincrementaldecoder(encoding)("strict")
    position = start
    chunk: bytes | memoryview = b""
    try:
        for chunk in _chunks(source, start):
            decoder.decode(chunk, final=False)
            position += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        at = max(0, min(len(chunk) - 1, exc.start))
        return position + at, chunk[at] if len(chunk) else 0
    return None


#: UTF-8 in which a byte that is not UTF-8 is read as Windows-1252: a file that mixes the two
#: (UTF-8 from LinkedIn, then rows pasted in from an Excel that saved Windows-1252) reads as
#: what each part is, instead of every accented name of the UTF-8 part garbled as Windows-1252.
MIXED_ENCODING = "utf-8-then-cp1252"


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


def _mixed_codec(name: str) -> codecs.CodecInfo | None:
    if name != MIXED_ENCODING.replace("-", "_"):
        return None

    class Decoder(codecs.BufferedIncrementalDecoder):
        def _buffer_decode(self, data: Any, errors: str, final: bool) -> tuple[str, int]:
            return codecs.utf_8_decode(data, "cp1252-fallback", final)

    return codecs.CodecInfo(
        name=MIXED_ENCODING, encode=codecs.utf_8_encode,
        decode=lambda data, errors="strict": codecs.utf_8_decode(data, "cp1252-fallback", True),
        incrementalencoder=codecs.getincrementalencoder("utf-8"), incrementaldecoder=Decoder,
    )


codecs.register_error("cp1252-fallback", _as_cp1252)
codecs.register(_mixed_codec)

_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_sequences(source: Source) -> bool:
    """Whether the file holds characters written as UTF-8 (two to four bytes each)."""
    return any(_UTF8_SEQUENCE.search(chunk) for chunk in _chunks(source))


def text_encoding(source: Source, name: str) -> tuple[str, list[str]]:
    """How a text file's bytes are encoded: (encoding, notes), checked through the whole file
    without decoding it into one string. Raises InputError, naming the file, when it is none of
    the encodings spreadsheets and LinkedIn write."""
    notes: list[str] = []
    head = source_head(source, 4096)
    if head.startswith(b"\xef\xbb\xbf"):
        if (bad := _decodes(source, "utf-8", 3)) is not None:
            raise InputError(
                f"{name}: starts as UTF-8 but has an invalid byte at position {bad[0]}; "
                "the file is damaged or mixes encodings: re-save it as CSV UTF-8"
            )
        return "utf-8-sig", notes
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        if _decodes(source, "utf-16") is not None:
            raise InputError(f"{name}: looks like UTF-16 but cannot be decoded; re-save it as CSV UTF-8")
        return "utf-16", notes
    if _looks_utf16(head):
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        if _decodes(source, encoding) is None:
            return encoding, notes
    if (first_bad := _decodes(source, "utf-8")) is None:
        return "utf-8", notes
    if _has_utf8_sequences(source):  # UTF-8 with some bytes that are not: a mixed file
        notes.append(f"{name} is UTF-8 with some Windows-1252 (Excel) text from byte {first_bad[0]:,} on: "
                     "read each part as what it is")
        return MIXED_ENCODING, notes
    if (bad := _decodes(source, "cp1252")) is not None:
        raise InputError(
            f"{name}: not UTF-8, UTF-16 or Windows-1252 text (byte {bad[1]:#04x} "
            f"at position {bad[0]}); re-save it as CSV UTF-8"
        )
    notes.append(f"{name} is not UTF-8; read it as Windows-1252 (cp1252), as Excel saves it")
    return "cp1252", notes


def _text(source: Source, encoding: str) -> io.TextIOWrapper:
    raw = io.BytesIO(source) if isinstance(source, bytes) else source()
    return io.TextIOWrapper(raw, encoding=encoding, newline="")


def head_text(source: Source, encoding: str) -> str:
    """The start of a text file (about SNIFF_BYTES characters), decoded: enough to sniff its
    delimiter."""
    with _text(source, encoding) as text:
        head = text.read(SNIFF_BYTES)
        return head + (text.readline() if len(head) == SNIFF_BYTES else "")


class CsvRows:
    """csv.reader over a text file's bytes, decoded as it goes: no copy of the file's text is
    made (``io.StringIO`` holds one at 4 bytes a character). NUL characters are dropped.

    After the last row, ``unclosed_quote_line`` tells whether a quote mark opened a cell that
    never closed (the csv module reads everything after it as one cell): the line it opened on,
    or None; ``swallowed_lines`` whether one opened a cell that a stray quote mark further on
    closed, so that the rows between became one cell. Iterate once."""

    def __init__(self, source: Source, encoding: str, delimiter: str) -> None:
        self._source, self._encoding, self._delimiter = source, encoding, delimiter
        # Quote marks and NULs are counted on the bytes where they are one byte each and the
        # bytes are at hand; else line by line.
        self._on_bytes = isinstance(source, bytes) and not encoding.startswith("utf-16")
        self._quotes = source.count(b'"') if isinstance(source, bytes) and self._on_bytes else 0
        self._reader = csv.reader(self._lines(), delimiter=delimiter)
        self._spans = array("q")  # first and last line of each row of several lines

    def _lines(self) -> Iterator[str]:
        text = _text(self._source, self._encoding)
        if self._on_bytes and isinstance(self._source, bytes) and b"\x00" not in self._source:
            return text  # the csv module iterates it in C
        return self._lines_counted(text)

    def _lines_counted(self, text: io.TextIOWrapper, *, count: bool = True) -> Iterator[str]:
        with text:
            for line in text:
                if count and not self._on_bytes:
                    self._quotes += line.count('"')
                yield line.replace("\x00", "") if "\x00" in line else line

    def __iter__(self) -> Iterator[list[str]]:
        reader, spans = self._reader, self._spans
        last = 0
        for row in reader:
            line = reader.line_num
            if line - last > 1:
                spans.extend((last + 1, line))
            last = line
            yield row

    def swallowed_lines(self) -> tuple[int, int] | None:
        """(first, last) line of a row that a misplaced quote mark made of several rows: a cell
        opened by a quote mark runs on over lines up to a quote mark that does not end a cell
        (a quote followed by more text, which a correct CSV file never has). Each row of several
        lines is read again, strictly. None if there is none."""
        spans = self._spans
        if not spans:
            return None
        lines = self._lines_counted(_text(self._source, self._encoding), count=False)
        read = 0
        for at in range(0, len(spans), 2):
            first, last = spans[at], spans[at + 1]
            text = []
            for line in lines:
                read += 1
                if read >= first:
                    text.append(line)
                if read == last:
                    break
            try:
                for _ in csv.reader(text, delimiter=self._delimiter, strict=True):
                    pass
            except csv.Error:
                return first, last
        return None

    def unclosed_quote_line(self) -> int | None:
        if self._quotes % 2 == 0:
            return None
        # An odd number of quote marks: read the file again, watching where the last row began.
        reader = csv.reader(self._lines_counted(_text(self._source, self._encoding)), delimiter=self._delimiter)
        start = last_end = 0
        for _ in reader:
            start, last_end = last_end + 1, reader.line_num
        return start if last_end - start >= 2 else None


def swallowed_lines_problem(name: str, first: int, last: int) -> str:
    return (f"{name}, lines {first}-{last}: a quote mark opens a cell that takes in the lines after it, rows "
            "of their own, until a stray quote mark closes it; close the quote where the cell ends (or "
            "remove it) and import again")


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the peeked rows into the most consistent columns."""
    peek = text[:SNIFF_BYTES]
    if len(text) > SNIFF_BYTES:
        peek = peek[: peek.rfind("\n") + 1] or peek
    best, best_score = ",", (0, 0)
    for delim in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(peek), delimiter=delim))
        except csv.Error:
            continue
        widths = [len(r) for r in rows if len(r) > 1]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = (widths.count(mode), mode)
        if score > best_score:
            best, best_score = delim, score
    return best


def unclosed_quote_problem(name: str, line: int) -> str:
    return (f"{name}, line {line}: a quote mark opens a cell that never closes, so every line "
            "after it would be one cell; close the quote (or remove it) and import again")


def read_text_table(data: bytes, name: str) -> TextTable:
    """Parse a delimited text file's bytes into rows of strings.

    Raises InputError naming the file when it is empty or is not text at all.
    """
    kind = sniff_kind(data)
    if kind != "text":
        raise InputError(kind_problem(data, name, kind) or (
            f"{name} is {describe_kind(kind)}, not a CSV file: read it as a spreadsheet"
        ))
    encoding, notes = text_encoding(data, name)
    delimiter = sniff_delimiter(head_text(data, encoding))
    reader = CsvRows(data, encoding, delimiter)
    try:
        rows = [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:
        raise InputError(f"{name}: not a readable CSV file ({exc}); re-save it as CSV UTF-8") from exc
    if (line := reader.unclosed_quote_line()) is not None:
        raise InputError(unclosed_quote_problem(name, line))
    if (lines := reader.swallowed_lines()) is not None:
        raise InputError(swallowed_lines_problem(name, *lines))
    if delimiter != ",":
        label = {"\t": "tab", ";": "semicolon", "|": "pipe"}[delimiter]
        notes.append(f"{name} is {label}-separated")
    return TextTable(rows=rows, encoding=encoding, delimiter=delimiter, notes=notes)


def normalise_header(value: str) -> str:
    """'Company Name ' -> 'company name'; 'E-mail_Address' -> 'e mail address'."""
    value = unicodedata.normalize("NFKC", value).strip().lower()
    return re.sub(r"[^0-9a-z]+", " ", value).strip()


def find_header_row(
    rows: Sequence[Sequence[str]],
    score: Callable[[list[str]], int],
    *,
    max_scan: int = 60,
    minimum: int = 1,
) -> int | None:
    """Index of the first row among the first ``max_scan`` with the best header ``score``.

    ``score`` receives the row's normalised cells and returns how many expected columns it
    recognises. Returns None when no row reaches ``minimum``.
    """
    best_index, best_score = None, minimum - 1
    for index, row in enumerate(rows[:max_scan]):
        cells = [normalise_header(c) for c in row]
        value = score(cells)
        if value > best_score:
            best_index, best_score = index, value
    return best_index


def is_blank_row(row: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in row)


def cell_to_text(value: Any) -> str:
    """A spreadsheet cell as the text a person sees: 3.0 -> '3', dates as ISO, None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_spreadsheet(data: bytes, name: str) -> dict[str, list[list[str]]]:
    """Every sheet of an .xlsx/.xlsm/.ods (via calamine) as rows of strings, by sheet name.

    Merged cells read as the top-left value and blanks elsewhere. Password-protected, corrupt
    and legacy .xls files raise InputError with what to do. Readers call ``read_table_file``.
    A value the reader cannot survive raises InputError naming the sheet and the cell: one far
    off (calamine allocates the whole area up to it and aborts the process when it cannot, so
    an .xlsx is checked first, ``outreach.sheetguard``), or a date-styled number no calendar holds
    (calamine panics while converting it).
    """
    kind = sniff_kind(data)
    if kind not in ("xlsx", "ods"):
        raise InputError(kind_problem(data, name, kind) or (
            f"{name} is {describe_kind(kind)}, not a workbook: read it as text"
        ))
    from python_calamine import CalamineWorkbook

    impossible: dict[str, str] = {}
    if kind == "xlsx":
        impossible = check_xlsx_cells(data, name)
    else:
        check_ods_cells(data, name)
    sheet_name = ""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets: dict[str, list[list[str]]] = {}
        for sheet_name in workbook.sheet_names:
            raw = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            sheets[sheet_name] = [[cell_to_text(v) for v in row] for row in raw]
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise InputError(
            f"{name} is damaged or not a spreadsheet ({type(exc).__name__}): "
            "open it in Excel or LibreOffice and save it again"
        ) from exc
    except BaseException as exc:
        # a Rust panic inside calamine reaches Python as pyo3's PanicException, which derives
        # from BaseException (so that ``except Exception`` does not swallow it)
        if type(exc).__name__ != "PanicException":
            raise
        cell = impossible.get(sheet_name)
        where = f"cell {cell} of sheet '{sheet_name}'" if cell else f"sheet '{sheet_name}'"
        raise InputError(
            f"{name}: {where} holds a date no calendar has (or another value the spreadsheet "
            "reader cannot convert): correct or clear it and save the file again"
        ) from None
    return sheets


def read_path_bytes(path: Path) -> bytes:
    """A file's bytes, with missing files, folders and permissions as InputError."""
    if not path.exists():
        raise InputError(f"{path} does not exist: check the path")
    if path.is_dir():
        raise InputError(f"{path} is a folder: give the path of a file inside it")
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{path} cannot be read (permission denied): check its permissions") from exc
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror})") from exc
