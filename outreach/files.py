"""Output files written whole or not at all: through a temporary file in the same folder, renamed
over the target, so that a full disk, a kill or an error leaves the old file as it was.

Every area may use ``write_atomically`` (the graph, the groups calendar; the workbook's own
``_save_atomically`` came first and may move here). Its errors are ``OutputError``s that name
the file, in one line a user can act on.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from outreach.errors import OutreachError


class OutputError(OutreachError):
    """An output file (graph, calendar) cannot be written; the message names it."""


def write_atomically(target: Path, save: Callable[[IO[bytes]], object]) -> None:
    """Call ``save`` with a binary file in ``target``'s folder, then rename it over ``target``.

    An existing file keeps its permissions, and a read-only one (0444, or one the user may not
    write) is refused rather than replaced; a new file gets the usual ones (0666 less the
    umask). A symlink is written through (the file it points to is replaced, the link stays).
    On any failure the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(os.path.realpath(target)) if target.is_symlink() else target
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist")
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder")
    mode = _file_mode(target)
    if target.exists() and (not mode & 0o222 or not os.access(target, os.W_OK)):  # even for root
        raise OutputError(f"cannot write {target}: the file is read-only (its permissions are kept; "
                          "change them or write another file)")
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {_reason(exc, folder)}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            save(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {_reason(exc, folder)}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _reason(exc: OSError, folder: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full (any earlier file is unchanged)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder {folder} is not writable"
    return exc.strerror or str(exc)


def _file_mode(target: Path) -> int:
    """An existing file's permissions; for a new file the usual ones (0666 less the umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)  # reading the umask means setting it: put it straight back
        os.umask(umask)
        return 0o666 & ~umask
