"""A zip of files written the way a test writes them (the shape of a LinkedIn export zip)."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path


def make_zip(path: Path, members: Mapping[str, str | bytes]) -> Path:
    """``path``, a deflated zip holding each member (name -> text or bytes)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path
