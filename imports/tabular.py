"""Shared reading of messy tabular files: bytes to rows of strings, honestly.

Every reader (LinkedIn, targets, groups) starts here. Rules, from real files:
- Decode ``utf-8-sig`` first; UTF-16 (Excel's "Unicode text") by its BOM or its NUL pattern;
  then cp1252 (Excel on Windows), and say so in a note. Never guess silently.
- Sniff the delimiter from a bounded peek (``,`` ``;`` tab ``|``).
- Keep every value a string, so ZIP codes and IDs keep their leading zeros.
- Recognise files that are not text at all (an .xlsx renamed .csv, a zip, a PDF) and say what
  they look like rather than parsing garbage.
- Find a header row by its content, not by position: title rows and preambles come first.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from outreach.errors import InputError

#: How much of a file the delimiter sniffer looks at.
SNIFF_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")

# csv refuses fields over 128 KiB by default; a LinkedIn message body can be longer.
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class TextTable:
    """A delimited text file read as rows of strings."""

    rows: list[list[str]]
    encoding: str
    delimiter: str
    notes: list[str] = field(default_factory=list)


def sniff_kind(data: bytes) -> str:
    """What a file's bytes look like: 'xlsx', 'ods', 'zip', 'ole', 'pdf', 'empty', 'text', 'binary'.

    'ole' is the old compound-document container: legacy .xls, and also *password-protected*
    .xlsx files, which Excel wraps in that container.
    """
    if not data.strip():
        return "empty"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
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
    # Control characters other than tab/CR/LF/FF are rare in text and common in binary files.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(head) // 100):
        return "binary"
    return "text"


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
    return {
        "xlsx": "an Excel workbook (.xlsx)",
        "ods": "an OpenDocument spreadsheet (.ods)",
        "zip": "a zip archive",
        "ole": "a legacy Excel (.xls) or password-protected Office file",
        "pdf": "a PDF document",
        "binary": "a binary file, not text",
        "empty": "empty",
    }.get(kind, kind)


def decode_bytes(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode a text file's bytes. Returns (text, encoding, notes)."""
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", notes
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: starts as UTF-8 but has an invalid byte at position {exc.start + 3}; "
                "the file is damaged or mixes encodings: re-save it as CSV UTF-8"
            ) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", notes
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: looks like UTF-16 but cannot be decoded ({exc.reason}); "
                "re-save it as CSV UTF-8"
            ) from exc
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(encoding), encoding, notes
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8, UTF-16 or Windows-1252 text (byte {data[exc.start]:#04x} "
            f"at position {exc.start}); re-save it as CSV UTF-8"
        ) from exc
    notes.append(f"{name} is not UTF-8; read it as Windows-1252 (cp1252), as Excel saves it")
    return text, "cp1252", notes


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


def read_text_table(data: bytes, name: str) -> TextTable:
    """Parse a delimited text file's bytes into rows of strings.

    Raises InputError naming the file when it is empty or is not text at all.
    """
    kind = sniff_kind(data)
    if kind != "text":
        if kind == "empty":
            raise InputError(f"{name} is empty: export it again or pick another file")
        raise InputError(
            f"{name} looks like {describe_kind(kind)}, not a CSV file: "
            "save it as CSV (UTF-8) or give the file its real extension"
        )
    text, encoding, notes = decode_bytes(data, name)
    text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text)
    try:
        rows = [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise InputError(f"{name}: not a readable CSV file ({exc}); re-save it as CSV UTF-8") from exc
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
    and legacy .xls files raise InputError with what to do.
    """
    kind = sniff_kind(data)
    if kind == "ole":
        raise InputError(
            f"{name} is password-protected or a legacy .xls file: open it in Excel, remove the "
            "password, and save it as .xlsx (or CSV)"
        )
    if kind not in ("xlsx", "ods"):
        raise InputError(
            f"{name} is not a readable spreadsheet (it looks like {describe_kind(kind)}): "
            "save it as .xlsx or CSV"
        )
    from python_calamine import CalamineWorkbook

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
