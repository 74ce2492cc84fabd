#!/usr/bin/env python3
"""Time whole ``outreach`` commands on LinkedIn's 30,000-connection cap.

    .venv/bin/python benchmarks/bench.py [--runs 5] [--only NAME ...] [--json FILE]

Generates ``benchmarks/data/`` when it is missing (``python -m outreach.sample --large``), then
runs each command as its own process, the way a user does: the ``outreach`` console script next
to this Python. Reports the median, min and max wall time of N runs and the peak memory (max
RSS) of each child process, against the targets in the issues. A command that does not exist
yet is reported as "not available yet" instead of stopping the script.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
EXPORT = DATA / "Basic_LinkedInDataExport_11-20-2026.zip"
TARGETS = DATA / "targets-5000.xlsx"
GROUPS = ROOT / "sample_data" / "groups.csv"
NAMES = ("help", "import-linkedin", "import-targets", "targets", "first-plan", "plan", "replan",
         "groups")


@dataclass
class Bench:
    name: str
    label: str
    args: Callable[[Path], list[str]]  # given a scratch folder for this run, the arguments
    seconds: float | None = None  # target for the median
    mib: float | None = None  # target for the peak memory
    prepare: Callable[[Path], None] | None = None  # untimed, before each run
    needs: tuple[str, ...] = ()  # set-up imports whose workspace this benchmark queries


@dataclass
class Result:
    name: str
    label: str
    status: str
    runs: list[float] = field(default_factory=list)
    peak_mib: float | None = None
    target_seconds: float | None = None
    target_mib: float | None = None
    detail: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None


def outreach_command() -> str:
    """The installed console script in the venv of the running Python."""
    bin_dir = Path(sys.executable).parent
    for name in ("outreach", "outreach.exe"):
        if (bin_dir / name).exists():
            return str(bin_dir / name)
    sys.exit(f"no 'outreach' script next to {sys.executable}: run .venv/bin/pip install -e . first")


def run_child(argv: list[str]) -> tuple[float, float, int, str]:
    """Run one process: (seconds, peak MiB of that child alone, exit code, stderr)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        # wait4 gives this child's own rusage; getrusage(RUSAGE_CHILDREN) would give the maximum
        # over every child so far.
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return elapsed, usage.ru_maxrss / divisor, proc.returncode, stderr


def missing_command(code: int, stderr: str) -> bool:
    return code == 2 and "No such command" in stderr


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def prepare_workspaces(exe: str, linkedin: Path, full: Path) -> tuple[set[str], list[str]]:
    """Workspaces the query benchmarks share (untimed): linkedin only, and everything.

    Returns the set-up imports that worked, and a note for each that did not.
    """
    done: set[str] = set()
    notes: list[str] = []

    def step(workspace: Path, kind: str, path: Path) -> None:
        _, _, code, stderr = run_child([exe, "--workspace", str(workspace), "import", kind, str(path)])
        if code == 0:
            done.add(kind)
        elif missing_command(code, stderr):
            notes.append(f"set-up `outreach import {kind}` is not available yet")
        else:
            notes.append(f"set-up `outreach import {kind}` failed (exit {code}): {last_line(stderr)}")

    step(linkedin, "linkedin", EXPORT)
    if linkedin.exists():
        shutil.copytree(linkedin, full)
    step(full, "targets", TARGETS)
    if GROUPS.exists():
        step(full, "groups", GROUPS)
    else:
        notes.append(f"{GROUPS.relative_to(ROOT)} is missing: groups runs without a catalogue")
    if full.exists():  # as the imports left it, before any query: for the first plan
        shutil.copytree(full, full.parent / "ws-just-imported")
    return done, notes


def benches(exe: str, linkedin: Path, full: Path) -> list[Bench]:
    def fresh_copy_of(source: Path) -> Callable[[Path], None]:
        def prepare(run_dir: Path) -> None:
            if source.exists():
                shutil.copytree(source, run_dir / "ws")

        return prepare

    def earlier_plan(run_dir: Path) -> None:
        """A workbook from an earlier plan (made once, untimed), for the plan to read back."""
        base = full.parent / "earlier-plan.xlsx"
        if not base.exists():
            run_child([exe, "--workspace", str(full), "plan", "-o", str(base)])
        if base.exists():
            shutil.copy(base, run_dir / "plan.xlsx")

    return [
        Bench("help", "outreach --help", lambda d: ["--help"], seconds=0.25),
        Bench("import-linkedin", "outreach import linkedin <30k export> (fresh workspace)",
              lambda d: ["--workspace", str(d / "ws"), "import", "linkedin", str(EXPORT)],
              seconds=1.5),
        Bench("import-targets", "outreach import targets <5k targets>",
              lambda d: ["--workspace", str(d / "ws"), "import", "targets", str(TARGETS)],
              prepare=fresh_copy_of(linkedin), needs=("linkedin",)),
        Bench("targets", "outreach targets --json (30k x 5k)",
              lambda d: ["--workspace", str(full), "targets", "--json"], seconds=2.0,
              needs=("linkedin", "targets")),
        Bench("first-plan", "outreach plan, the first after the imports (30k x 5k)",
              lambda d: ["--workspace", str(d / "ws"), "plan", "-o", str(d / "plan.xlsx")],
              seconds=3.0, mib=500, prepare=fresh_copy_of(full.parent / "ws-just-imported"),
              needs=("linkedin", "targets")),
        Bench("plan", "outreach plan (30k x 5k)",
              lambda d: ["--workspace", str(full), "plan", "-o", str(d / "plan.xlsx")],
              seconds=3.0, mib=500, needs=("linkedin", "targets")),
        Bench("replan", "outreach plan over last week's workbook (30k x 5k)",
              lambda d: ["--workspace", str(full), "plan", "-o", str(d / "plan.xlsx")],
              seconds=3.0, mib=500, prepare=earlier_plan, needs=("linkedin", "targets")),
        Bench("groups", "outreach groups", lambda d: ["--workspace", str(full), "groups"],
              seconds=0.5, needs=("groups",)),  # issue 16
    ]


def measure(exe: str, bench: Bench, runs: int, scratch: Path, ready: set[str]) -> Result:
    result = Result(bench.name, bench.label, "ok", target_seconds=bench.seconds,
                    target_mib=bench.mib)
    missing = [kind for kind in bench.needs if kind not in ready]
    if missing:
        # Timing a query on a half-built workspace would flatter it; say what it waits for.
        result.status = "waiting for set-up: " + ", ".join(f"import {m}" for m in missing)
        return result
    peaks = []
    for index in range(runs):
        run_dir = scratch / f"{bench.name}-{index}"
        run_dir.mkdir()
        if bench.prepare:
            bench.prepare(run_dir)
        seconds, mib, code, stderr = run_child([exe, *bench.args(run_dir)])
        shutil.rmtree(run_dir, ignore_errors=True)
        if missing_command(code, stderr):
            result.status = "not available yet"
            return result
        if code != 0:
            result.status, result.detail = f"failed (exit {code})", last_line(stderr)
            return result
        result.runs.append(seconds)
        peaks.append(mib)
    result.peak_mib = max(peaks)
    median = result.median or 0.0
    if bench.seconds is not None and median > bench.seconds:
        result.status = "SLOW"
    if bench.mib is not None and result.peak_mib > bench.mib:
        result.status = "TOO MUCH MEMORY" if result.status == "ok" else result.status + ", MEMORY"
    return result


def table(results: list[Result], runs: int) -> str:
    def secs(value: float | None) -> str:
        return f"{value:.3f} s" if value is not None else "-"

    header = ("command", "median", "min", "max", "peak MiB", "target", "result")
    rows = []
    for r in results:
        target = " ".join(t for t in (f"≤ {r.target_seconds:g} s" if r.target_seconds else "",
                                      f"≤ {r.target_mib:g} MiB" if r.target_mib else "") if t)
        rows.append((r.label, secs(r.median), secs(min(r.runs) if r.runs else None),
                     secs(max(r.runs) if r.runs else None),
                     f"{r.peak_mib:.0f}" if r.peak_mib is not None else "-", target or "-",
                     r.status + (f": {r.detail}" if r.detail else "")))
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    lines = [
        f"outreach benchmarks: {os.cpu_count()} CPU cores{load}, Python "
        f"{platform.python_version()}, {platform.system()} {platform.machine()}; median of {runs} runs",
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)


def cpu_check() -> float:
    """Seconds for a fixed pure-Python loop: on shared machines the CPU's speed drifts (by up to
    ~1.7x within minutes, seen on the 2-core machines this was tuned on), so the table says how
    fast the machine was before and after."""
    start = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    parser.add_argument("--only", action="append", metavar="NAME", choices=NAMES,
                        help=f"run only this benchmark (repeatable): {', '.join(NAMES)}")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the results as JSON")
    args = parser.parse_args()

    exe = outreach_command()
    # pip compiles a package to bytecode when it installs it; an editable install compiles on
    # first import, unless PYTHONDONTWRITEBYTECODE is set (as on some CI machines), when every
    # run would compile the changed modules again. Time what a user runs: compile them first.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "outreach", "imports"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    speed_before = cpu_check()
    if not (EXPORT.exists() and TARGETS.exists()):
        print(f"generating {DATA.relative_to(ROOT)}/ (python -m outreach.sample --large) ...",
              flush=True)
        subprocess.run([sys.executable, "-m", "outreach.sample", "--large", str(DATA)], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory(prefix="outreach-bench-") as tmp:
        scratch = Path(tmp)
        names = args.only or NAMES
        linkedin, full = scratch / "ws-linkedin", scratch / "ws-full"
        ready: set[str] = set()
        notes: list[str] = []
        if set(names) - {"help", "import-linkedin"}:
            print("preparing workspaces (untimed) ...", file=sys.stderr, flush=True)
            ready, notes = prepare_workspaces(exe, linkedin, full)
        results = []
        for bench in benches(exe, linkedin, full):
            if bench.name in names:
                print(f"  {bench.label} ...", file=sys.stderr, flush=True)
                results.append(measure(exe, bench, args.runs, scratch, ready))
    speed_after = cpu_check()
    print(table(results, args.runs))
    print(f"CPU check (a fixed Python loop; lower is faster): {speed_before:.2f} s before, "
          f"{speed_after:.2f} s after")
    for note in notes:
        print(f"note: {note}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "cpu_count": os.cpu_count(), "python": platform.python_version(),
            "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            "platform": platform.platform(), "runs": args.runs, "notes": notes,
            "cpu_check_seconds": [speed_before, speed_after],
            "results": [{**asdict(r), "median": r.median} for r in results],
        }
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 1 if any(r.status.startswith("failed") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
