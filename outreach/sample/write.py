"""Deterministic synthetic sample data: ``python -m outreach.sample [OUT_DIR] [--large]``.

Without ``--large`` it writes the small sample committed in ``sample_data/``:

- ``Basic_LinkedInDataExport_11-20-2026.zip``: the user's export (Connections.csv in the
  Dec-2024+ shape with its ``Notes:`` preamble, messages.csv, Invitations.csv, and every other
  file the plan reads: Profile, Positions, Education, recommendations, endorsements, company
  follows, events, and the ``Jobs/`` subfolder as newer archives have; ``sample/extras.py``);
- ``older/Basic_LinkedInDataExport_05-14-2026.zip``: the same user's export six months earlier,
  re-zipped from the unzipped folder (so members sit one folder deep);
- ``friend-dana/Connections.csv``: a friend's export, for warm introductions;
- ``targets.xlsx``: a hand-kept list of target employers on two sheets.

With ``--large`` it writes benchmark inputs at LinkedIn's cap: 30,000 connections, about
100,000 messages and 5,000 targets, and the other files of the export at a long career's sizes
(2,000 endorsements received, 50 recommendations, 100 applications). The same command always writes byte-identical files: one
seeded random generator, fixed zip timestamps, fixed workbook properties.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from outreach.sample import extras, large, small
from outreach.sample.companies import BLANK_ROW_AFTER, TARGETS
from outreach.sample.messages import INVITATION_HEADER, MESSAGE_HEADER
from outreach.sample.packaging import csv_bytes, fixed_xlsx, zip_bytes
from outreach.sample.people import Person, connected_on_text

CONNECTIONS_HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                      "Connected On")
# The preamble LinkedIn has put above the header since December 2024.
CONNECTIONS_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections "
    "to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)


def export_name(day: date) -> str:
    return f"Basic_LinkedInDataExport_{day:%m-%d-%Y}.zip"



def connections_csv(people: Iterable[Person]) -> bytes:
    rows = ([p.first, p.last, p.url, p.email, p.company, p.position,
             connected_on_text(p.connected_on) if p.connected_on else ""] for p in people)
    return csv_bytes(CONNECTIONS_HEADER, rows, preamble=CONNECTIONS_NOTES)


def messages_csv(rows: Iterable[Sequence[str]]) -> bytes:
    return csv_bytes(MESSAGE_HEADER, rows, quote_all=True)


def invitations_csv(rows: Iterable[Sequence[str]]) -> bytes:
    return csv_bytes(INVITATION_HEADER, rows)




def write_file(path: Path, data: bytes, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    written.append(path)


def targets_workbook(when: datetime) -> bytes:
    """The small hand-kept targets.xlsx: title rows, two sheets, a blank row, a notes sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill


    book = Workbook()
    book.properties.creator = "Alex Moreno"
    book.properties.created = when
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")

    def sheet_with_title(sheet, title: str, header: Sequence[str], widths: Sequence[int]) -> None:
        sheet["A1"] = title
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sheet.append([])
        sheet.append(list(header))
        for index, width in enumerate(widths):
            cell = sheet.cell(row=3, column=index + 1)
            cell.font, cell.fill = bold, fill
            sheet.column_dimensions[cell.column_letter].width = width

    dream = book.active
    dream.title = "Dream employers"
    sheet_with_title(dream, "Job search 2026 - target employers",
                     ("Employer", "Priority", "City", "Roles", "Website", "Notes"),
                     (24, 10, 26, 34, 30, 32))
    also = book.create_sheet("Also interesting")
    sheet_with_title(also, "Also interesting (1 = most wanted)",
                     ("Company name", "Priority", "Comment"), (26, 10, 32))
    for index, target in enumerate(TARGETS):
        if target.sheet == 0:
            dream.append([target.name, target.priority, target.city, target.roles,
                          target.website, target.notes])
            if index == BLANK_ROW_AFTER:
                dream.append([])
        else:
            priority = int(target.priority) if target.priority else None
            also.append([target.name, priority, target.notes])
    notes = book.create_sheet("Notes")
    for line in ("Remember:", "Ask Dana for intros at Ørsted, Figma and Duolingo",
                 "Follow up with recruiters every 2 weeks", "Update resume before applying!"):
        notes.append([line])
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_xlsx(buffer.getvalue(), when)


def write_small(out_dir: Path, seed: int | None = None) -> list[Path]:
    """Write the small sample into ``out_dir``; return the files written."""
    sample = small.build_small(small.SEED if seed is None else seed)
    written: list[Path] = []
    when = datetime(2026, 11, 20, 9, 14, 2)
    # The rest of the export draws from its own generator: the people above stay as they were.
    rest = extras.build_extras(random.Random(small.SEED + 15 if seed is None else seed + 15),
                               small.ME, sample.connections, small.EXPORT_DAY)
    members = [
        ("Connections.csv", connections_csv(sample.connections)),
        ("Invitations.csv", invitations_csv(sample.invitations)),
        ("messages.csv", messages_csv(sample.messages)),
        ("Profile.csv", csv_bytes(extras.PROFILE_HEADER, small.PROFILE_ROWS)),
        *((name, csv_bytes(header, rows)) for name, (header, rows) in rest.files.items()),
    ]
    write_file(out_dir / export_name(small.EXPORT_DAY), zip_bytes(members, when), written)

    folder = export_name(small.OLDER_DAY).removesuffix(".zip")
    older = [
        (f"{folder}/", b""),
        (f"{folder}/Connections.csv", connections_csv(sample.older)),
        (f"{folder}/Profile.csv", csv_bytes(extras.PROFILE_HEADER, small.PROFILE_ROWS)),
    ]
    older_when = datetime(2026, 5, 14, 20, 3, 51)
    write_file(out_dir / "older" / export_name(small.OLDER_DAY), zip_bytes(older, older_when),
               written)
    write_file(out_dir / "friend-dana" / "Connections.csv", connections_csv(sample.friend), written)
    write_file(out_dir / "targets.xlsx", targets_workbook(datetime(2026, 10, 3, 21, 40, 0)), written)
    return written


def write_large(out_dir: Path, seed: int | None = None, *, connections: int = 30_000,
                messages: int = 100_000, targets: int = 5_000) -> list[Path]:
    """Write the benchmark inputs into ``out_dir``; return the files written."""
    written: list[Path] = []
    data = large.build_large(large.SEED if seed is None else seed, connections=connections,
                             messages=messages, targets=targets)
    when = datetime(2026, 11, 20, 9, 14, 2)
    rest = extras.build_large_extras(random.Random((large.SEED if seed is None else seed) + 15),
                                     small.ME, data.connections, large.EXPORT_DAY)
    members = [
        ("Connections.csv", connections_csv(data.connections)),
        ("Invitations.csv", invitations_csv(data.invitations)),
        ("messages.csv", messages_csv(data.messages)),
        ("Profile.csv", csv_bytes(extras.PROFILE_HEADER, small.PROFILE_ROWS)),
        *((name, csv_bytes(header, rows)) for name, (header, rows) in rest.files.items()),
    ]
    write_file(out_dir / export_name(large.EXPORT_DAY), zip_bytes(members, when), written)
    write_file(out_dir / f"targets-{targets}.xlsx", large.targets_workbook(data.targets, when),
               written)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m outreach.sample",
        description="Write deterministic synthetic LinkedIn exports and target lists.",
        epilog="Example: python -m outreach.sample sample_data/ ; "
               "python -m outreach.sample --large benchmarks/data/",
    )
    parser.add_argument("out_dir", nargs="?", type=Path,
                        help="output folder (default: sample_data/, or benchmarks/data/ with --large)")
    parser.add_argument("--large", action="store_true",
                        help="write the 30,000-connection benchmark inputs instead of the small sample")
    parser.add_argument("--seed", type=int, help="random seed (default: the built-in one)")
    args = parser.parse_args(argv)
    out_dir = args.out_dir or Path("benchmarks/data" if args.large else "sample_data")
    written = write_large(out_dir, args.seed) if args.large else write_small(out_dir, args.seed)
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
