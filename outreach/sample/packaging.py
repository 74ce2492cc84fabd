"""Byte-identical files: CSV as LinkedIn writes it, zips and workbooks with fixed timestamps."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]], *, quote_all: bool = False,
              preamble: str = "") -> bytes:
    """UTF-8 CSV without BOM, ``\\n`` line ends."""
    out = io.StringIO()
    out.write(preamble)
    writer = csv.writer(out, lineterminator="\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")

def zip_bytes(members: Sequence[tuple[str, bytes]], when: datetime) -> bytes:
    """A zip whose bytes depend only on the members and ``when`` (no clock, no umask)."""
    buffer = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()

def fixed_xlsx(data: bytes, when: datetime) -> bytes:
    """Re-pack an openpyxl workbook with fixed timestamps (openpyxl stamps 'modified' on save)."""
    stamp = f"{when:%Y-%m-%dT%H:%M:%SZ}"
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for name in source.namelist():
            content = source.read(name)
            if name == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rf"\g<1>{stamp}\g<3>", text)
                content = text.encode("utf-8")
            members.append((name, content))
    return zip_bytes(members, when)
