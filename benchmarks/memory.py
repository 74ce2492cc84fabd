#!/usr/bin/env python3
"""Peak memory of ``outreach import linkedin`` against the size of the export it reads (issue 14).

    .venv/bin/python benchmarks/memory.py [--runs 3]

The issue's limit: peak memory for any accepted input at most 3 x its unpacked size plus a
fixed base. Each export below is imported into a fresh workspace, as its own process; its memory
is sampled every few milliseconds from ``/proc/PID/smaps_rollup``: the command's **resident set
plus the private pages of the reader process it forks** for a messages.csv over 8 MB
(``ru_maxrss`` would see one process only; the reader's pages shared copy-on-write with the
command are counted once). The proportional set size is not used: it divides shared libraries
among every process that maps them, so it shrinks when other Python processes run. Linux only.

The exports: the bundled sample (what Python, numpy, pyarrow and SQLite take whatever the
input); 10,000, 20,000 and 30,000 connections as LinkedIn writes them (the fast, pyarrow path),
with messages.csv re-saved by a spreadsheet program (the careful path: UTF-16 and tabs, as
Excel's "Unicode text", or semicolons, as a European Excel's CSV), and crafted, every message
from somebody new; then the sample with one file at the most outreach reads of it (a
messages.csv of 1,000,000 rows each naming somebody new, 40,000 connections, 50,000
invitations) and with a messages.csv just large enough to be read in a second process.
Generated from ``benchmarks/data/`` (``python -m outreach.sample --large``) into a scratch folder.
The script fails when an export goes past 3 x its unpacked size + FIXED_BASE.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
EXPORT = DATA / "Basic_LinkedInDataExport_11-20-2026.zip"
SAMPLE = ROOT / "sample_data" / "Basic_LinkedInDataExport_11-20-2026.zip"
LIMIT = 3.0  # the issue's: peak <= 3 x the unpacked size + a fixed base
#: The fixed base this script holds every export to (benchmarks/README.md says where it comes from).
FIXED_BASE = 145


@dataclass
class Case:
    label: str
    path: Path
    unpacked: int  # bytes of the files inside


def _tree(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [p for child in f.read().split() for p in _tree(int(child))]
    except OSError:
        pass
    return found


def _kib(pid: int, fields: tuple[str, ...]) -> int:
    """The sum of ``fields`` (kB) of /proc/PID/smaps_rollup; 0 once the process is gone."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                name, _, rest = line.partition(":")
                if name in fields:
                    total += int(rest.split()[0])
    except (OSError, ValueError):
        return 0
    return total


def _tree_kib(pid: int) -> int:
    """The command's resident set plus what each process it forked has of its own (pages it
    shares with the command, copy-on-write, are counted once)."""
    pids = _tree(pid)
    return _kib(pids[0], ("Rss",)) + sum(_kib(p, ("Private_Clean", "Private_Dirty")) for p in pids[1:])


def peak_mib(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(peak PSS of the process tree in MiB, wall seconds) of one run; raises on failure."""
    start = time.perf_counter()
    env = {**os.environ, "OUTREACH_WORKSPACE": str(cwd)}
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_kib(proc.pid))
        time.sleep(0.003)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed (exit {proc.returncode}): {stderr.strip()[-300:]}")
    return peak / 1024, seconds


def _rezip(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> int:
    """``source`` zipped again with each member changed; returns the unpacked size."""
    total = 0
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            total += len(data)
            new.writestr(info.filename, data)
    return total


def _resaved(sep: str, encoding: str) -> Callable[[str, bytes], bytes]:
    """messages.csv as a spreadsheet program saves it: another separator and encoding."""
    import csv

    def change(name: str, data: bytes) -> bytes:
        if name != "messages.csv":
            return data
        out = io.StringIO()
        writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
        writer.writerows(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        return out.getvalue().encode(encoding)

    return change


def _new_person_each(count: int) -> Callable[[str, bytes], bytes]:
    """messages.csv replaced by ``count`` messages, each from somebody new in a conversation of
    its own (a crafted file: every row adds names, a URL and a conversation id to remember)."""
    return _many_rows(
        "messages.csv", "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER",
        lambda i: f"2-{i:020x}==,,Person{i} Surname{i},https://www.linkedin.com/in/person-{i:07d},Alex Owner,"
                  f"https://www.linkedin.com/in/alex-owner,2024-{1 + i // 40320 % 12:02d}-{1 + i // 1440 % 28:02d} "
                  f"{i // 60 % 24:02d}:{i % 60:02d}:{i % 60:02d} UTC,,Hello there number {i},INBOX", count)


def _many_rows(member: str, header: str, row: Callable[[int], str], count: int) -> Callable[[str, bytes], bytes]:
    """``member`` replaced by ``header`` and ``count`` rows, ``row(i)`` each."""

    def change(name: str, data: bytes) -> bytes:
        if name != member:
            return data
        return (header + "\r\n" + "".join(row(i) + "\r\n" for i in range(count))).encode()

    return change


def _unpacked(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(i.file_size for i in z.infolist())


#: The shapes an export arrives in: as LinkedIn writes it, and messages.csv re-saved by a
#: spreadsheet program (the careful csv path); and a crafted one, every message from somebody new.
NEW_PERSON_EACH = "crafted: every message a new person"
SHAPES = (("as LinkedIn writes it", None),
          ("messages.csv re-saved UTF-16, tabs", ("\t", "utf-16")),
          ("messages.csv re-saved with semicolons", (";", "utf-8")),
          (NEW_PERSON_EACH, None))
#: The crafted shape once more at the most rows a messages.csv may have (csvfile.MAX_ROWS), where
#: the newest conversations are read up to messages.MAX_DISTINCT_NAMES.
WORST_ROWS = 1_000_000


def export_at(scale: int, scratch: Path) -> Path:
    """The benchmark export at ``scale`` connections (30,000: benchmarks/data's own)."""
    if scale == 30_000:
        return EXPORT
    sys.path.insert(0, str(ROOT))
    from outreach.sample.write import write_large

    folder = scratch / f"export-{scale}"
    written = write_large(folder, connections=scale, messages=scale * 10 // 3, targets=10)
    return next(p for p in written if p.suffix == ".zip")


def cases(scratch: Path, scales: list[int]) -> list[tuple[str, int, Case]]:
    """(shape, scale, case) for every shape at every scale."""
    found = []
    for scale in scales:
        source = export_at(scale, scratch)
        for label, resave in SHAPES:
            if label == NEW_PERSON_EACH:
                target = scratch / f"{scale}-crafted" / source.name
                target.parent.mkdir(parents=True)
                change = _new_person_each(scale * 10 // 3)
                found.append((label, scale, Case(f"{scale:,}: {label}", target, _rezip(source, target, change))))
                continue
            if resave is None:
                found.append((label, scale, Case(f"{scale:,}: {label}", source, _unpacked(source))))
                continue
            target = scratch / f"{scale}-{resave[1]}-{ord(resave[0])}" / source.name
            target.parent.mkdir(parents=True)
            found.append((label, scale, Case(f"{scale:,}: {label}", target,
                                             _rezip(source, target, _resaved(*resave)))))
    return found


def _fit(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares (slope, intercept) of (x, y) points."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    return slope, mean_y - slope * mean_x


def _filler(data: bytes) -> bytes:
    """The sample's messages.csv with copies of its messages, each with a long body, until it
    is past BACKGROUND_BYTES: read in a second process as a large file is, but naming nobody new
    (the bodies are dropped as they are read)."""
    import csv

    from outreach.imports.linkedin.export import BACKGROUND_BYTES

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    content = [h.upper() for h in header].index("CONTENT")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 18
    n = 0
    while out.tell() < BACKGROUND_BYTES + (1 << 19):
        row = list(body[n % len(body)])
        row[content] = filler
        writer.writerow(row)
        n += 1
    return out.getvalue().encode()


def limit_cases(scratch: Path) -> list[Case]:
    """The sample export with one file at the most outreach reads of it, each row a new person."""
    from outreach.imports.linkedin.csvfile import MAX_ROWS_OF

    def at(label: str, change: Callable[[str, bytes], bytes]) -> Case:
        target = scratch / label.split()[0] / SAMPLE.name
        target.parent.mkdir(parents=True)
        return Case(label, target, _rezip(SAMPLE, target, change))

    from outreach.imports.linkedin.messages import MAX_DISTINCT_NAMES, MAX_DISTINCT_NAMES_2018

    connections, invitations = MAX_ROWS_OF["connections"], MAX_ROWS_OF["invitations"]
    people_2020, people_2018 = MAX_DISTINCT_NAMES // 3, MAX_DISTINCT_NAMES_2018
    return [
        at("sample, messages.csv read in a second process", lambda n, d: _filler(d) if n == "messages.csv" else d),
        at(f"{WORST_ROWS:,} messages, every one a new person", _new_person_each(WORST_ROWS)),
        # Just within the limit of names, where memory is the most for the size (each person adds
        # a conversation id, a name and a URL; in 2018 only a name).
        at(f"2020-2023 shape: {people_2020:,} messages, each a new person", _many_rows(
            "messages.csv", "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER",
            lambda i: f"2-{i:020x}==,,Person{i} Surname{i},https://www.linkedin.com/in/person-{i:07d},Alex Owner,"
                      f"2022-{1 + i // 40320 % 12:02d}-{1 + i // 1440 % 28:02d} {i // 60 % 24:02d}:{i % 60:02d}:00 UTC,,"
                      f"Hello there number {i},INBOX", people_2020)),
        at(f"2018 shape: {people_2018:,} messages, each a new person", _many_rows(
            "messages.csv", "From,To,Date,Subject,Content,Direction,Folder",
            lambda i: f"Person{i} Surname{i},Alex Owner,2018-{1 + i // 40320 % 12:02d}-{1 + i // 1440 % 28:02d} "
                      f"{i // 60 % 24:02d}:{i % 60:02d}:00 UTC,,Hello there number {i},INCOMING,INBOX", people_2018)),
        at(f"{connections:,} connections (Connections.csv's limit)", _many_rows(
            "Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
            lambda i: f"Person{i},Surname{i},https://www.linkedin.com/in/person-{i:07d},,Company {i},"
                      f"Engineer {i},{1 + i % 28:02d} Mar 2024", connections)),
        at(f"{invitations:,} invitations (Invitations.csv's limit)", _many_rows(
            "Invitations.csv", "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
            lambda i: f"Person{i} Surname{i},Alex Owner,\"1/{1 + i % 28}/24, 10:00 AM\",\"Hello, I would like to "
                      f"join your network - person {i}\",INCOMING,https://www.linkedin.com/in/person-{i:07d},"
                      "https://www.linkedin.com/in/alex-owner", invitations)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per export (default 3)")
    parser.add_argument("--scales", default="10000,20000,30000",
                        help="connections of the exports measured (default 10000,20000,30000)")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("benchmarks/memory.py reads /proc: Linux only", file=sys.stderr)
        return 2
    exe = str(Path(sys.executable).with_name("outreach"))
    if not EXPORT.exists():
        subprocess.run([sys.executable, "-m", "outreach.sample", "--large", str(DATA)], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
    scales = sorted(int(s) for s in args.scales.split(","))
    measured: list[tuple[str, int, Case, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="outreach-memory-") as tmp:
        scratch = Path(tmp)
        base_case = Case("the bundled sample export", SAMPLE, _unpacked(SAMPLE))
        todo = [("base", 0, base_case), *cases(scratch, scales), *(("limit", 0, c) for c in limit_cases(scratch))]
        for shape, scale, case in todo:
            peaks, times = [], []
            for run in range(args.runs):
                workspace = scratch / f"ws-{len(measured)}-{run}"
                workspace.mkdir()
                peak, seconds = peak_mib([exe, "import", "linkedin", str(case.path)], workspace)
                peaks.append(peak)
                times.append(seconds)
            measured.append((shape, scale, case, statistics.median(peaks), statistics.median(times)))
    base = measured[0][3]
    print(f"outreach import linkedin into a fresh workspace: peak resident memory of the command "
          f"and its forked reader, median of {args.runs} runs, {os.cpu_count()} CPU cores, "
          f"Python {sys.version.split()[0]}")
    print(f"{'export':<52} {'unpacked':>10} {'peak':>9} {'above base':>11} {'x unpacked':>11} "
          f"{'- 3 x unpacked':>15} {'time':>7}")
    for _, _, case, peak, seconds in measured:
        mb = case.unpacked / 2**20
        ratio = f"{(peak - base) / mb:>10.1f}x" if case is not base_case else f"{'':>11}"
        print(f"{case.label:<52} {mb:>6.1f} MiB {peak:>5.0f} MiB {peak - base:>7.0f} MiB {ratio} "
              f"{peak - LIMIT * mb:>11.0f} MiB {seconds:>6.2f}s")
    print()
    print(f"Per shape, memory against size (least squares over {len(scales)} sizes): what each "
          f"further MiB of export costs, and the fixed part; the issue's limit is {LIMIT:g} MiB a MiB.")
    print(f"{'shape':<52} {'MiB per MiB':>12} {'fixed part':>11}")
    for label, _ in SHAPES:
        points = [(c.unpacked / 2**20, peak) for shape, _, c, peak, _ in measured if shape == label]
        slope, intercept = _fit(points) if len(points) > 1 else (float("nan"), float("nan"))
        print(f"{label:<52} {slope:>12.2f} {intercept:>7.0f} MiB")
    fixed, setter = max((peak - LIMIT * c.unpacked / 2**20, c.label) for _, _, c, peak, _ in measured)
    within = fixed <= FIXED_BASE
    print(f"\nEvery export above stays within {LIMIT:g} x its unpacked size + {fixed:.0f} MiB (set by: {setter}); "
          f"the limit held to is {LIMIT:g} x + {FIXED_BASE} MiB: {'within' if within else 'NOT within'}.")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
