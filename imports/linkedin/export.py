"""The LinkedIn data export: a zip, a folder or one CSV file in; people, statistics and notes out.

    files = find_export_files(Path("Basic_LinkedInDataExport_01-15-2026.zip"))
    export = read_export(files)        # raises InputError, naming the file, on bad input
    export.connections.people          # one Connection per person

Nothing here touches the workspace, imports Click or prints. The pieces:
- ``linkedin_files``: which CSV files PATH holds (zip members by base name at any depth);
- ``linkedin_csv``: bytes -> kind (by header content) and its columns as lists of strings;
- ``linkedin_connections``, ``linkedin_messages``, ``linkedin_invitations``: one kind each
  (``linkedin_connections`` explains the person keys, including the weak one without a URL);
- ``linkedin_values``: profile URLs, names, e-mails and dates.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from outreach.errors import InputError
from outreach.imports.linkedin.applications import (
    ApplicationsRead,
    is_applications_file,
    looks_like_applications,
    read_applications,
)
from outreach.imports.linkedin.connections import ConnectionsRead, read_connections
from outreach.imports.linkedin.csvfile import CsvTable, plain_messages_header, read_linkedin_csv
from outreach.imports.linkedin.extrakinds import KINDS
from outreach.imports.linkedin.extras import ExtrasRead, read_extras
from outreach.imports.linkedin.extras import kind_of as extra_kind_of
from outreach.imports.linkedin.files import (
    ExportFiles,
    Member,
    ZipMember,
    check_unpacked,
    find_export_files,
    refuse_non_text,
)
from outreach.imports.linkedin.invitations import InvitationsRead, read_invitations
from outreach.imports.tabular import SNIFF_BYTES, Source, source_head

if TYPE_CHECKING:
    # Not imported here: the messages reader brings numpy and pyarrow, which only the process
    # reading messages.csv needs (see read_export).
    from outreach.imports.linkedin.stats import MessagesRead

    LinkedInFile = ConnectionsRead | MessagesRead | InvitationsRead


def _read_messages(csv: CsvTable) -> MessagesRead:
    from outreach.imports.linkedin.messages import read_messages

    return read_messages(csv)


_READERS: dict[str, Callable] = {
    "connections": read_connections,
    "messages": _read_messages,
    "invitations": read_invitations,
}

_KINDS = {"ConnectionsRead": "connections", "MessagesRead": "messages", "InvitationsRead": "invitations"}


@dataclass
class LinkedInExport:
    """Everything read from one PATH; each part is None when the export does not have it.

    With ``read_export(..., wait=False)`` a file may still be being read in the background:
    ``pending(kind)`` says so and ``wait()`` finishes it (raising its InputError, if any).
    """

    files: ExportFiles
    connections: ConnectionsRead | None = None
    messages: MessagesRead | None = None
    invitations: InvitationsRead | None = None
    applications: ApplicationsRead | None = None  # Jobs/Job Applications.csv (and its parts)
    extras: ExtrasRead | None = None  # Profile.csv, Positions.csv ... (imports/linkedin/extras.py)
    _pending: list[tuple[Member, _Background]] = field(default_factory=list, repr=False)
    _advance: Callable[[int], None] = field(default=lambda n: None, repr=False)

    def keep(self, member: Member, result: LinkedInFile) -> None:
        setattr(self, _KINDS[type(result).__name__], result)  # one file per kind (linkedin_files)
        self._advance(member.size)

    def pending(self, kind: str) -> bool:
        return any(member.kind in (kind, None) for member, _ in self._pending)

    def wait(self) -> LinkedInExport:
        while self._pending:
            member, result = self._pending.pop()
            self.keep(member, result())
        return self

    def cancel(self) -> None:
        """Stop reading what is still pending (the import failed)."""
        while self._pending:
            self._pending.pop()[1].cancel()

    def export_date(self, today: date | None = None) -> tuple[date | None, str]:
        """When the export was made, and how we know: its name, else the newest date in its
        files (the export is at least as new as anything in it), dates after ``today`` set
        aside (a "Connected On" of 2099 is a typo, not the export's date). Waits for a file
        still being read when the name has no date."""
        if self.files.export_date:
            return self.files.export_date, DATED_BY_NAME
        self.wait()
        dated = [
            (self.connections.newest_connected_on if self.connections else None, "newest Connected On date"),
            (self.messages.newest_at if self.messages else None, "newest message date"),
            (self.invitations.newest_at if self.invitations else None, "newest invitation date"),
            (self.applications.latest if self.applications else None, "newest job application date"),
        ]
        found = [(when[:10], how) for when, how in dated if when]
        if today is not None and any(when > today.isoformat() for when, _ in found):
            future = max(when for when, _ in found if when > today.isoformat())
            if self.connections is not None:  # the newest Connected On that is not a typo
                dated[0] = (self.connections.newest_connected_by(today.isoformat()), dated[0][1])
            found = [(when[:10], how) for when, how in dated if when and when[:10] <= today.isoformat()]
            if found:
                newest, how = max(found, key=lambda f: f[0])
                return date.fromisoformat(newest), f"{how}; {future}, in the future, set aside"
        if not found:
            return None, ""
        newest, how = max(found, key=lambda f: f[0])  # the first of equal dates
        return date.fromisoformat(newest), how


def read_linkedin_file(data: Source, name: str, *, expect: str | None = None) -> LinkedInFile:
    """One LinkedIn CSV file, its kind found from its header (or ``expect``-ed): its bytes, or a
    function opening it as a stream (a zip member: then it is never whole in memory)."""
    head = data if isinstance(data, bytes) else source_head(data, SNIFF_BYTES + 1)
    header = plain_messages_header(head) if expect in (None, "messages") else None
    if header is not None:  # the fast path, for a plain messages.csv
        from outreach.imports.linkedin.coded import read_coded_messages
        from outreach.imports.linkedin.messages import read_messages

        refuse_non_text(head, name)  # read_linkedin_csv does this on the other path
        coded = read_coded_messages(data, name, header)
        if coded is not None:
            return read_messages(coded)
    csv = read_linkedin_csv(data, name, expect=expect)
    return _READERS[csv.kind](csv)


#: How ``LinkedInExport.export_date`` says the date came from the export's file name.
DATED_BY_NAME = "from the file name"

#: A file at least this big (messages.csv at LinkedIn's cap is ~35 MB) is read in a second
#: process while this one reads the others.
BACKGROUND_BYTES = 8_000_000


def read_export(files: ExportFiles, *, advance: Callable[[int], None] = lambda n: None,
                wait: bool = True) -> LinkedInExport:
    """Read every file found by ``find_export_files``; ``advance(bytes)`` after each one.

    Parsing CSV holds Python's GIL, so a thread would not help: on Linux, the largest file (the
    messages.csv of a big export) is unzipped and read in a forked child process while this
    one reads the others, and only its small result (per-person statistics) comes back. With
    ``wait=False`` that file may still be pending on return (see ``LinkedInExport.wait``), so
    the caller can get on with the others.
    """
    export = LinkedInExport(files, _advance=advance)
    if not files.members:
        return export
    if files.shape == "file" and extra_kind_of(files.members[0].path) is not None:
        raise InputError(f"{files.members[0].label} is one of the files of a LinkedIn export, read along with the "
                         "rest: give the export zip LinkedIn sent, or the folder it was unpacked to")
    if files.shape == "file" and (is_applications_file(files.members[0].path)
                                  or looks_like_applications(files.members[0].load())):
        member = files.members[0]  # Job Applications.csv given by itself
        if member.size > MAX_OPTIONAL_BYTES:
            raise InputError(f"{member.label} is {member.size / (1 << 20):,.1f} MB, where LinkedIn's job "
                             "applications are at most a few hundred KB: not a LinkedIn file")
        export.applications = read_applications([(member.label, member.load())])
        advance(member.size)
        return export
    found = _within_limits(files, optional_files(files, _kind_of))
    export.applications = _read_applications(files, found.get("applications", []))
    export.extras = _read_extras(files, found)
    largest, *others = sorted(files.members, key=lambda m: -m.size)
    if others and _can_fork(largest):
        export._pending.append((largest, _Background(largest)))
    else:
        others.insert(0, largest)
    try:
        for member in others:
            export.keep(member, _read_member(member))
    except BaseException:
        export.cancel()
        raise
    return export.wait() if wait else export


@dataclass(frozen=True)
class OptionalFile:
    """One optional file of the export (Job Applications.csv, Positions.csv ...), not read yet."""

    label: str  # "Positions.csv in Basic_...zip", or its path in a folder
    load: Callable[[], bytes]
    size: int  # bytes unpacked, as the zip's directory declares (a folder's file: its size)
    packed: int  # bytes in the zip (a folder's file: its size)


def optional_files(files: ExportFiles, kind_of: Callable[[str], str | None]) -> dict[str, list[OptionalFile]]:
    """The export's optional files by kind: ``kind_of(path)`` names a file's kind (by its base
    name, any case) or None. Found at any depth (``Jobs/``); per kind, the files in the
    shallowest folder that has any (the parts of a split file: ``Saved Jobs_1.csv``, ``_2``),
    in name order. Nothing is unpacked here: a zip's directory is all that is read, from the
    archive the other members came from (the export's zip, or the one zipped in it), once."""
    import io
    import zipfile
    from pathlib import Path, PurePosixPath

    # kind -> (path inside the export, load, size, packed)
    found: dict[str, list[tuple[PurePosixPath, str, Callable[[], bytes], int, int]]] = {}
    if files.shape == "folder":
        root = Path(files.source)
        for file in root.rglob("*"):
            if "__MACOSX" in file.parts or (kind := kind_of(file.name)) is None or not file.is_file():
                continue
            size = file.stat().st_size
            found.setdefault(kind, []).append(
                (PurePosixPath(file.relative_to(root).as_posix()), str(file), file.read_bytes, size, size))
    elif files.shape == "zip":
        archive = next((getattr(m.load, "archive", None) for m in files.members), None)
        if not isinstance(archive, bytes):
            return {}
        where = files.members[0].label.split(" in ", 1)[-1]
        with zipfile.ZipFile(io.BytesIO(archive)) as opened:
            infos = [i for i in opened.infolist() if not i.is_dir()]

        def loader(name: str) -> Callable[[], bytes]:
            return ZipMember(archive, name, where)  # unpacked a megabyte at a time

        for info in infos:
            path = PurePosixPath(info.filename.replace("\\", "/"))
            if path.parts[:1] == ("__MACOSX",) or (kind := kind_of(path.name)) is None:
                continue
            found.setdefault(kind, []).append(
                (path, f"{path.name} in {where}", loader(info.filename), info.file_size, info.compress_size))
    chosen: dict[str, list[OptionalFile]] = {}
    for kind, candidates in found.items():
        folder = min((c[0].parent for c in candidates), key=lambda f: (len(f.parts), str(f).lower()))
        chosen[kind] = [OptionalFile(label, load, size, packed)
                        for path, label, load, size, packed in sorted(candidates, key=lambda c: str(c[0]))
                        if path.parent == folder]
    return chosen


def application_files(files: ExportFiles) -> list[tuple[str, Callable[[], bytes]]]:
    """The export's Job Applications.csv, or its parts, as (label, load): found by base name,
    case-insensitively, at any depth (``Jobs/``); the parts in the shallowest folder that has
    any. [] when there is none."""
    found = optional_files(files, lambda name: "applications" if is_applications_file(name) else None)
    return [(f.label, f.load) for f in found.get("applications", [])]


#: The most an optional file (Job Applications.csv, Endorsement_Received_Info.csv ...) may
#: be: they are read whole into Python objects, at several times their size; LinkedIn's
#: largest are a few hundred KB.
MAX_OPTIONAL_BYTES = 8 << 20


def _within_limits(files: ExportFiles, found: dict[str, list[OptionalFile]]) -> dict[str, list[OptionalFile]]:
    """The optional files the zip-bomb limits (``files.check_unpacked``) allow; a note for each
    one they refuse. The export's main files count towards the total."""
    kept: dict[str, list[OptionalFile]] = {}
    for kind, parts in found.items():
        try:
            check_unpacked([(f.label, f.size, f.packed) for f in parts], files.source)
        except InputError as exc:
            files.notes.append(f"{exc} (not imported)")
            continue
        if (big := next((f for f in parts if f.size > MAX_OPTIONAL_BYTES), None)) is not None:
            files.notes.append(f"{big.label} is {big.size / (1 << 20):,.1f} MB, where LinkedIn's is at most a few "
                               f"hundred KB: not a LinkedIn file (not imported)")
            continue
        kept[kind] = parts
    everything = [(m.label, m.size, m.size) for m in files.members]
    everything += [(f.label, f.size, f.packed) for parts in kept.values() for f in parts]
    try:
        check_unpacked(everything, files.source)
    except InputError as exc:
        files.notes.append(f"{exc} (its optional files not imported)")
        return {}
    return kept


def _loaded(parts: list[OptionalFile], files: ExportFiles, what: str) -> list[tuple[str, bytes]] | None:
    """The parts' bytes; None, with a note, when one cannot be unpacked."""
    loaded = []
    for part in parts:
        try:
            loaded.append((part.label, part.load()))
        except InputError as exc:  # a zip member that cannot be unpacked (ZipMember says why)
            files.notes.append(f"{exc} ({what} not imported)")
            return None
        except OSError as exc:  # a file of a folder that cannot be read
            files.notes.append(f"{part.label} could not be read ({exc}): {what} not imported")
            return None
    return loaded


def _read_applications(files: ExportFiles, parts: list[OptionalFile]) -> ApplicationsRead | None:
    """The export's job applications; None without the file. A part that cannot be read is
    left out with a note: the applications are extra, the contacts are what the user came for."""
    loaded = _loaded(parts, files, "job applications") if parts else None
    if not loaded:
        return None
    try:
        return read_applications(loaded)
    except InputError as exc:
        files.notes.append(f"{exc}: job applications not imported")
        return None


def _read_extras(files: ExportFiles, found: dict[str, list[OptionalFile]]) -> ExtrasRead | None:
    """Profile.csv, Positions.csv and the other optional files (imports/linkedin/extras.py);
    None when the export has none of them."""
    loaded: dict[str, list[tuple[str, bytes]]] = {}
    for kind in KINDS:
        if found.get(kind) and (parts := _loaded(found[kind], files, KINDS[kind].what)) is not None:
            loaded[kind] = parts
    return read_extras(loaded) if loaded else None


def _kind_of(name: str) -> str | None:
    return "applications" if is_applications_file(name) else extra_kind_of(name)


def _read_member(member: Member) -> LinkedInFile:
    opened = getattr(member.load, "open", None)
    if opened is not None and member.kind == "messages":
        # A zipped messages.csv (most of an export's bytes) read as a stream: memory stays near
        # what is kept of it, never its whole text (issue 14). Should unzipping fail halfway,
        # the usual way below says what is wrong with the member.
        try:
            return read_linkedin_file(opened, member.label, expect=member.kind)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError):
            pass  # unzipping failed halfway (or a lying size): load() names the trouble in words
    return read_linkedin_file(member.load(), member.label, expect=member.kind)


def _can_fork(member: Member) -> bool:
    import os
    import sys

    # fork() is cheap and safe here on Linux (no other threads run yet); elsewhere Python
    # starts child processes from scratch, which would cost more than it saves.
    return (member.size >= BACKGROUND_BYTES and sys.platform.startswith("linux")
            and (os.cpu_count() or 1) > 1)


def die_with_parent(parent: int) -> None:
    """In a forked reader: end when the process that started it ends (killed, say), instead of
    reading on for nobody (Linux ``prctl(PR_SET_PDEATHSIG, SIGKILL)``)."""
    import os
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux, or no libc: the parent's cancel() still works
        return
    if os.getppid() != parent:  # the parent was gone before prctl took effect
        os._exit(1)


class _Background:
    """``member`` being read in a forked child; calling this waits for the result.

    The file's own errors (InputError) are raised here as they would be in this process; if
    the child fails any other way, the file is read again here, so the user sees the same
    outcome either way. The result goes through an unnamed temporary file rather than the pipe
    (which holds 64 KiB), so the child can finish and exit without waiting for this process to
    read it; the pipe only says when it is there.
    """

    def __init__(self, member: Member) -> None:
        import multiprocessing
        import os
        import pickle
        import sys
        import tempfile

        self.member = member
        self._result = tempfile.TemporaryFile()  # noqa: SIM115 - closed by __call__ or cancel
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)

        parent = os.getpid()

        def work() -> None:
            die_with_parent(parent)
            try:
                outcome: tuple[str, object] = ("read", _read_member(member))
            except InputError as exc:
                outcome = ("bad input", str(exc))
            except BaseException as exc:  # reported to the parent, which then reads the file itself
                outcome = ("failed", repr(exc))
            pickle.dump(outcome, self._result, protocol=pickle.HIGHEST_PROTOCOL)
            self._result.flush()
            send.send_bytes(b"done")
            send.close()

        for stream in (sys.stdout, sys.stderr):  # or the child would write their buffers again
            stream.flush()
        self._child = context.Process(target=work, name="outreach-read", daemon=True)
        self._child.start()
        send.close()

    def __call__(self) -> LinkedInFile:
        import pickle

        try:
            self._receive.recv_bytes()
            self._result.seek(0)
            status, value = pickle.load(self._result)
        except (EOFError, OSError, pickle.UnpicklingError):
            status, value = "failed", None  # the child died: read the file here instead
        finally:
            self._receive.close()
            self._result.close()
        if status == "read":
            return value  # type: ignore[return-value]
        if status == "bad input":
            raise InputError(str(value))
        return _read_member(self.member)

    def cancel(self) -> None:
        """Stop the child: the import failed on another file."""
        self._child.terminate()
        self._child.join()
        self._receive.close()
        self._result.close()


__all__ = [
    "ApplicationsRead",
    "ConnectionsRead",
    "ExportFiles",
    "ExtrasRead",
    "InvitationsRead",
    "LinkedInExport",
    "find_export_files",
    "read_export",
    "read_linkedin_file",
]
