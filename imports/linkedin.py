"""The LinkedIn data export: a zip, a folder or one CSV file in; DataFrames and notes out.

    files = find_export_files(Path("Basic_LinkedInDataExport_01-15-2026.zip"))
    export = read_export(files)        # raises InputError, naming the file, on bad input
    export.connections.frame           # one row per person (see linkedin_connections.COLUMNS)

Nothing here touches the workspace, imports Click or prints. The pieces:
- ``linkedin_files``: which CSV files PATH holds (zip members by base name at any depth);
- ``linkedin_csv``: bytes -> kind (by header content) and a DataFrame of strings;
- ``linkedin_connections``, ``linkedin_messages``, ``linkedin_invitations``: one kind each
  (``linkedin_connections`` explains the person keys, including the weak one without a URL);
- ``linkedin_values``: profile URLs, names, e-mails and dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from imports.linkedin_connections import ConnectionsRead, read_connections
from imports.linkedin_csv import read_linkedin_csv
from imports.linkedin_files import ExportFiles, Member, find_export_files
from imports.linkedin_invitations import InvitationsRead, read_invitations
from imports.linkedin_messages import MessagesRead, read_messages
from imports.linkedin_values import normalise_profile_url

LinkedInFile = ConnectionsRead | MessagesRead | InvitationsRead

_READERS: dict[str, Callable] = {
    "connections": read_connections,
    "messages": read_messages,
    "invitations": read_invitations,
}


_KINDS = {ConnectionsRead: "connections", MessagesRead: "messages", InvitationsRead: "invitations"}


@dataclass
class LinkedInExport:
    """Everything read from one PATH; each part is None when the export does not have it."""

    files: ExportFiles
    connections: ConnectionsRead | None = None
    messages: MessagesRead | None = None
    invitations: InvitationsRead | None = None

    def export_date(self) -> tuple[date | None, str]:
        """When the export was made, and how we know: its name, else its newest connection."""
        if self.files.export_date:
            return self.files.export_date, "from the file name"
        newest = self.connections.newest_connected_on if self.connections else None
        if newest:
            return date.fromisoformat(newest), "newest Connected On date"
        return None, ""


def read_linkedin_file(data: bytes, name: str, *, expect: str | None = None) -> LinkedInFile:
    """One LinkedIn CSV file's bytes, its kind found from its header (or ``expect``-ed)."""
    csv = read_linkedin_csv(data, name, expect=expect)
    return _READERS[csv.kind](csv)


def read_export(files: ExportFiles, *, advance: Callable[[int], None] = lambda n: None) -> LinkedInExport:
    """Read every file found by ``find_export_files``; ``advance(bytes)`` after each one.

    The largest file (messages.csv, tens of MB at LinkedIn's 30,000-connection cap) is unzipped
    and parsed on a second thread while this one reads the others: zlib and pandas' tokenizer
    release the GIL, so on two cores this hides most of the unzipping.
    """
    from concurrent.futures import ThreadPoolExecutor

    export = LinkedInExport(files)

    def read(member: Member) -> LinkedInFile:
        return read_linkedin_file(member.load(), member.label, expect=member.kind)

    def keep(member: Member, result: LinkedInFile) -> None:
        setattr(export, _KINDS[type(result)], result)  # one file per kind (linkedin_files)
        advance(member.size)

    if not files.members:
        return export
    largest, *others = sorted(files.members, key=lambda m: -m.size)
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(read, largest)
        for member in others:
            keep(member, read(member))
        keep(largest, future.result())
    return export


__all__ = [
    "ConnectionsRead",
    "ExportFiles",
    "InvitationsRead",
    "LinkedInExport",
    "LinkedInFile",
    "MessagesRead",
    "find_export_files",
    "normalise_profile_url",
    "read_export",
    "read_linkedin_file",
]
