"""Whether a sheet, an archive or a folder is LinkedIn's, so that the other imports refuse it.

`outreach import targets` and `outreach import groups` read any spreadsheet, so a LinkedIn file
given to them reads "fine": every employer in the network becomes a target. They ask here
first, and refuse it with the command that reads it.

LinkedIn's columns are csvfile's (``header_kind``); this module adds only how sure it must be.
A user's own sheet may well have First Name, Company or Position columns, so a header counts as
a Connections.csv only with a mark of LinkedIn's own: a Connected On column, all of its other
columns, the December-2024 "Notes:" paragraph above it, or Outlook's column names (LinkedIn's
export before 2018). The headers of messages.csv (From, Date, Content) and Invitations.csv
(Sent At, Direction) are nobody else's. An export zip or folder is known by its members' names.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from outreach.errors import InputError
from outreach.imports.linkedin.connections import OUTLOOK_NAMES
from outreach.imports.linkedin.csvfile import MAX_HEADER_SCAN, header_kind
from outreach.imports.linkedin.files import MEMBER_KINDS
from outreach.imports.tabular import looks_like_zip, normalise_header

#: The columns of an Outlook contacts file that a list kept by hand would not have together.
OUTLOOK_MARKS = frozenset({"first name", "middle name", "last name", *OUTLOOK_NAMES.values()})

#: What a file of each kind holds, in words.
HOLDS = {
    "connections": "LinkedIn connections",
    "messages": "LinkedIn messages",
    "invitations": "LinkedIn invitations",
    "outlook": "contacts in Outlook's format (LinkedIn's connections export before 2018)",
}
#: What to do with one, in words.
IMPORT_LINKEDIN = "import it with `outreach import linkedin`"


def linkedin_table(rows: Sequence[Sequence[str]]) -> str | None:
    """The kind of LinkedIn file a sheet's rows are ('connections', 'messages', 'invitations',
    or 'outlook' for the old Outlook-format export), else None."""
    notes = linkedin_note = False
    for row in rows[:MAX_HEADER_SCAN]:
        cells = [normalise_header(c) for c in row]
        kind, score = header_kind(cells)
        if kind == "connections":
            # score 6: every column of a Connections.csv but one (a user's copy without dates)
            if "connected on" in cells or score >= 6 or linkedin_note:
                return kind
            if set(cells) >= OUTLOOK_MARKS:
                return "outlook"
        elif kind is not None:
            return kind
        # The Dec-2024 preamble: a row "Notes:", then a paragraph about LinkedIn's e-mail setting.
        filled = [c for c in row if c.strip()]
        linkedin_note = linkedin_note or (notes and any("linkedin" in c.lower() for c in filled))
        notes = notes or [normalise_header(c) for c in filled] == ["notes"]
    return None


def refusal(name: str, kind: str) -> InputError:
    """The one-line refusal of a LinkedIn file of ``kind`` given to another import."""
    return InputError(f"{name} holds {HOLDS[kind]}: {IMPORT_LINKEDIN}")


def refuse_export(data: bytes, name: str) -> None:
    """InputError when ``data`` is a LinkedIn data export zip (or such a zip, zipped again)."""
    if _holds_export(data, depth=1):
        raise InputError(f"{name} is a LinkedIn data export: {IMPORT_LINKEDIN}")


def refuse_export_folder(path: Path) -> None:
    """InputError when ``path`` is an unzipped LinkedIn export (its files at the top, or in the
    one folder it holds)."""
    if path.is_dir() and _folder_holds_export(path, depth=1):
        raise InputError(
            f"{path} is an unzipped LinkedIn data export: {IMPORT_LINKEDIN}"
        )


def _holds_export(data: bytes, depth: int) -> bool:
    if not looks_like_zip(data):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            paths = [PurePosixPath(n.replace("\\", "/")) for n in archive.namelist()]
            paths = [p for p in paths if p.parts and p.parts[0] != "__MACOSX"]
            if any(p.name.lower() in MEMBER_KINDS for p in paths):
                return True
            inner = [p for p in paths if p.suffix.lower() == ".zip"]
            # Some users zip the export zip again (linkedin.files reads those too).
            return depth > 0 and len(inner) == 1 and _holds_export(archive.read(str(inner[0])), depth - 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError, zlib.error):
        return False  # a damaged archive: the file-kind policy says so


def _folder_holds_export(folder: Path, depth: int) -> bool:
    try:
        entries = [e for e in os.scandir(folder) if e.name != "__MACOSX" and not e.name.startswith(".")]
    except OSError:
        return False
    if any(e.name.lower() in MEMBER_KINDS and e.is_file() for e in entries):
        return True
    # Unzipped from a zip of the export's folder: that folder alone, one level down. (A folder
    # that merely holds an export among other things, such as Downloads, is not one.)
    return depth > 0 and len(entries) == 1 and entries[0].is_dir(follow_symlinks=False) and (
        _folder_holds_export(Path(entries[0].path), depth - 1))
