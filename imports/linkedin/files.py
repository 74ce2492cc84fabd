"""Finding the CSV files of a LinkedIn export: a zip (any name), an unzipped folder, or one file.

Real exports arrive as ``Basic_LinkedInDataExport_MM-DD-YYYY.zip``, ``... (1).zip``,
``.zip.zip``, or unzipped; member names drift in case (``Messages.csv`` in 2018,
``messages.csv`` later) and newer archives have subfolders. So members are found by base name,
case-insensitively, at any depth; the shallowest wins.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import IO

from outreach.errors import InputError
from outreach.imports.tabular import (
    SNIFF_BYTES,
    describe_kind,
    looks_like_zip,
    read_path_bytes,
    sniff_kind,
)

#: Base names (lowercase) of the members we read, and the kind each holds.
MEMBER_KINDS = {"connections.csv": "connections", "messages.csv": "messages", "invitations.csv": "invitations"}

_EXPORT_DATE = re.compile(r"_(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)")

_TRY_AGAIN = "download the export again (LinkedIn: Settings > Data privacy > Get a copy of your data)"


@dataclass(frozen=True)
class Member:
    """One CSV file of the export. ``load()`` gives its bytes (unzipping them if need be)."""

    label: str  # how the user knows it: "Connections.csv in Basic_...zip" or its path
    load: Callable[[], bytes]
    size: int  # bytes, once loaded
    kind: str | None  # from its name; None for a single file given by path (kind from content)
    path: str  # its path inside the zip or folder, for the export date


def _loaded(data: bytes) -> Callable[[], bytes]:
    return lambda: data


class ZipMember:
    """Loads one zip member when called (in whichever process reads it)."""

    def __init__(self, archive: bytes, name: str, where: str) -> None:
        self.archive, self.name, self.where = archive, name, where

    def __call__(self) -> bytes:
        return _read_member(zipfile.ZipFile(io.BytesIO(self.archive)), self.name, self.where)

    def open(self) -> IO[bytes]:
        """The member as a stream, unpacked as it is read (never more than its declared size);
        its errors are those of ``zipfile`` (the caller falls back to ``load()`` for the
        user's message)."""
        return zipfile.ZipFile(io.BytesIO(self.archive)).open(self.name)


def refuse_non_text(data: bytes, name: str, *, optional: bool = False) -> None:
    """InputError, naming the file and what to do, unless ``data`` looks like text. ``optional``:
    a file of the rest of the export (Positions.csv ...), whose advice is another download."""
    # sniff_kind looks at the whole file only for zips; the head is enough otherwise.
    head = data if data[:2] == b"PK" or len(data) <= SNIFF_BYTES else data[:SNIFF_BYTES]
    kind = sniff_kind(head)
    if kind == "empty" and head is not data:
        kind = sniff_kind(data)
    if kind == "text":
        return
    if kind == "empty":
        raise InputError(f"{name} is empty: download your LinkedIn data export again")
    if kind in ("xlsx", "ods", "ole"):
        raise InputError(
            f"{name} is {describe_kind(kind)}, not CSV: use the original file from the LinkedIn "
            "export zip, or save it from the spreadsheet as CSV UTF-8"
        )
    if optional:
        raise InputError(f"{name} is not a CSV file (it looks like {describe_kind(kind)}): {_TRY_AGAIN}")
    raise InputError(
        f"{name} is not a LinkedIn CSV file (it looks like {describe_kind(kind)}): give the "
        "export zip, its folder, Connections.csv, messages.csv or Invitations.csv"
    )


@dataclass
class ExportFiles:
    """What PATH turned out to be, and the files found in it."""

    source: str  # PATH as given
    shape: str  # 'zip' | 'folder' | 'file'
    members: list[Member]
    sha256: str  # of the zip or the single file; of the members, joined, for a folder
    export_date: date | None  # from a "_MM-DD-YYYY" in the zip, folder or file path
    notes: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(m.size for m in self.members)


def export_date_from_name(*names: str) -> date | None:
    """The date in LinkedIn's export names (``..._01-15-2026``), from the first name that has one."""
    for name in names:
        for match in reversed(list(_EXPORT_DATE.finditer(name))):
            month, day, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


def find_export_files(path: Path) -> ExportFiles:
    """The LinkedIn CSV files at ``path``. Raises InputError with what to do when there are none."""
    import hashlib

    if not path.exists():
        raise InputError(
            f"{path} does not exist: check the path to the LinkedIn export zip, its folder, "
            "or Connections.csv"
        )
    if path.is_dir():
        return _from_folder(path)
    data = read_path_bytes(path)
    is_zip = looks_like_zip(data)
    if is_zip and sniff_kind(data) in ("xlsx", "ods"):
        refuse_non_text(data, str(path))
    if is_zip or path.name.lower().endswith(".zip"):
        if not is_zip:
            kind = sniff_kind(data)
            what = "is empty" if kind == "empty" else f"is not a zip archive (it holds {describe_kind(kind)})"
            raise InputError(f"{path} {what}: {_TRY_AGAIN}")
        members, notes = _from_zip(data, str(path))
        # The date is in the zip's name, or (zipped again) an inner zip's or folder's name.
        dated = [path.name, *(m.path for m in members), *(m.label for m in members)]
        return ExportFiles(
            str(path), "zip", members, hashlib.sha256(data).hexdigest(),
            export_date_from_name(*dated), notes,
        )
    member = Member(str(path), _loaded(data), len(data), None, path.name)
    return ExportFiles(
        str(path), "file", [member], hashlib.sha256(data).hexdigest(),
        export_date_from_name(path.name, path.parent.name),
    )


def _pick(candidates: dict[str, list[str]], where: str) -> tuple[dict[str, str], list[str]]:
    """Per kind, the shallowest candidate path; a note when there was a choice."""
    chosen: dict[str, str] = {}
    notes = []
    for kind, paths in candidates.items():
        paths.sort(key=lambda p: (p.count("/"), p.lower()))
        chosen[kind] = paths[0]
        if len(paths) > 1:
            notes.append(f"{where} has {len(paths)} files named like {paths[0]}: read {paths[0]}")
    return chosen, notes


def _no_members(where: str) -> InputError:
    return InputError(
        f"{where} has no Connections.csv, messages.csv or Invitations.csv: is it a LinkedIn data "
        f"export? Give the zip LinkedIn sent, or {_TRY_AGAIN}"
    )


def _from_zip(data: bytes, where: str, *, depth: int = 0) -> tuple[list[Member], list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{where} is a damaged or incomplete zip archive: {_TRY_AGAIN}") from exc
    candidates: dict[str, list[str]] = {}
    inner_zips = []
    for info in infos:
        parts = PurePosixPath(info.filename.replace("\\", "/")).parts
        if not parts or parts[0] == "__MACOSX":  # macOS resource forks, not data
            continue
        base = parts[-1].lower()
        if base in MEMBER_KINDS:
            candidates.setdefault(MEMBER_KINDS[base], []).append(info.filename)
        elif base.endswith(".zip"):
            inner_zips.append(info)
    if not candidates:
        # Some users zip the export zip again: look one level in.
        if depth == 0 and len(inner_zips) == 1:
            check_unpacked([(inner_zips[0].filename, inner_zips[0].file_size, inner_zips[0].compress_size)], where)
            inner = _read_member(archive, inner_zips[0].filename, where)
            return _from_zip(inner, f"{inner_zips[0].filename} in {where}", depth=1)
        raise _no_members(where)
    chosen, notes = _pick(candidates, where)
    sizes = {info.filename: info.file_size for info in infos}
    packed = {info.filename: info.compress_size for info in infos}
    check_unpacked([(name, sizes[name], packed[name]) for name in chosen.values()], where)

    members = [
        Member(f"{PurePosixPath(name).name} in {where}", ZipMember(data, name, where), sizes[name], kind, name)
        for kind, name in sorted(chosen.items(), key=lambda kv: _ORDER[kv[0]])
    ]
    return members, notes


#: What the files of one export may unpack to, together: LinkedIn's largest exports (30,000
#: connections, years of messages) are a few hundred MB; more is not an export.
MAX_UNPACKED = 2 << 30
#: A file this large that unpacks to more than this many times its packed size is a "zip bomb"
#: (text compresses 5-20 times; a run of zeros a thousand).
BIG_MEMBER = 16 << 20
MAX_RATIO = 100


def check_unpacked(members: list[tuple[str, int, int]], where: str) -> None:
    """Refuse, before unpacking anything, files that would unpack to far more than any export:
    (name, unpacked size, packed size) as the zip's directory declares them (zipfile will not
    unpack more than declared)."""
    for name, size, packed in members:
        if size > BIG_MEMBER and size > MAX_RATIO * max(packed, 1):
            raise InputError(
                f"{name} in {where} would unpack to {_mb(size)} from {_mb(packed)} (more than "
                f"{MAX_RATIO} times its size): not a LinkedIn export; give the zip LinkedIn sent")
    total = sum(size for _, size, _ in members)
    if total > MAX_UNPACKED:
        raise InputError(
            f"{where} would unpack to {_mb(total)}, more than any LinkedIn export ({_mb(MAX_UNPACKED)} "
            "at most): give the zip LinkedIn sent, or only its Connections.csv and messages.csv")


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MB" if size >= 1 << 20 else f"{size / 1024:,.0f} KB"


def _read_member(archive: zipfile.ZipFile, name: str, where: str) -> bytes:
    """A member's bytes, unpacked a megabyte at a time: ``ZipFile.read`` inflates the whole
    stream in one call before cutting it to the declared size, so a member that lies about its
    size would take all it really holds (gigabytes) before its checksum fails."""
    try:
        with archive, archive.open(name) as stream:
            chunks = []
            while chunk := stream.read(1 << 20):
                chunks.append(chunk)
            return b"".join(chunks)
    except NotImplementedError as exc:  # a method zipfile cannot unpack (Deflate64 from Windows)
        raise InputError(f"{name} in {where} is packed in a way this tool cannot unpack ({exc}): unzip "
                         "the export yourself and give the folder") from exc
    except RuntimeError as exc:  # encrypted members
        raise InputError(f"{name} in {where} is password-protected: unzip it yourself and give the folder") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        why = str(exc) or type(exc).__name__
        if isinstance(exc, EOFError):
            why = "its packed data ends early"
        raise InputError(f"{name} in {where} cannot be unpacked ({why}): {_TRY_AGAIN}") from exc


_ORDER = {"connections": 0, "messages": 1, "invitations": 2}


def _holds_an_export(path: Path) -> bool:
    """A zip with a Connections.csv or messages.csv in it (its directory is all that is read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = {PurePosixPath(n.replace("\\", "/")).name.lower() for n in archive.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return bool(names & {"connections.csv", "messages.csv"})


def _from_folder(folder: Path) -> ExportFiles:
    import hashlib

    candidates: dict[str, list[str]] = {}
    zips = []
    for file in folder.rglob("*"):
        if "__MACOSX" in file.parts or not file.is_file():
            continue
        kind = MEMBER_KINDS.get(file.name.lower())
        if kind:
            candidates.setdefault(kind, []).append(file.relative_to(folder).as_posix())
        elif file.suffix.lower() == ".zip" and _holds_an_export(file):
            zips.append(file.relative_to(folder).as_posix())
    # One export has one Connections.csv: a folder with more (or with export zips besides)
    # holds several people's exports, and reading one of them silently could file a friend's
    # contacts as yours.
    exports = sorted(zips) + sorted(f"{PurePosixPath(p).parent}/" for p in candidates.get("connections", []))
    if len(exports) > 1:
        shown = ", ".join(exports[:3]) + (f" and {len(exports) - 3} more" if len(exports) > 3 else "")
        raise InputError(
            f"{folder} holds {len(exports)} LinkedIn exports ({shown}): import each one by its own "
            f"path, with --owner NAME for a friend's"
        )
    if not candidates and zips:
        return find_export_files(folder / zips[0])
    if not candidates:
        raise _no_members(str(folder))
    chosen, notes = _pick(candidates, str(folder))
    members = []
    digest = hashlib.sha256()
    for kind, rel in sorted(chosen.items(), key=lambda kv: _ORDER[kv[0]]):
        data = read_path_bytes(folder / rel)
        digest.update(data)
        members.append(Member(str(folder / rel), _loaded(data), len(data), kind, rel))
    dated = [folder.name, *(m.path for m in members)]
    return ExportFiles(
        str(folder), "folder", members, digest.hexdigest(), export_date_from_name(*dated), notes
    )
