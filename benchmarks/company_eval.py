"""Company matching measured on labelled pairs: precision and recall by kind.

    .venv/bin/python benchmarks/company_eval.py                  # both labelled sets
    .venv/bin/python benchmarks/company_eval.py FILE.csv --misses  # one set, with what failed

A file is ``company,target,same[,expect][,kind][,note]`` (see outreach/companies/evaluate.py).
Automatic precision: of the pairs counted without asking, the share that are right. Automatic
recall: of the pairs a careful tool would count without asking (expect=auto), the share
counted. Surfaced: of every same-employer pair, the share counted or suggested for review.
Review right: of the suggestions, the share a user would accept.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from outreach.companies.evaluate import Figures, evaluate, figures, read_pairs

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "tests" / "data" / name for name in ("company_eval.csv", "company_holdout.csv", "company_pairs.csv")]


def row(label: str, f: Figures) -> str:
    return (f"{label:<12} {f.pairs:>5} {f.positives:>5} {f.auto_right + f.auto_wrong:>5} "
            f"{f.precision:>9.3f} {f.recall:>7.3f} {f.recall_all:>8.3f} {f.surfaced:>9.3f} "
            f"{f.review_precision:>8.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="labelled sets (default: the repository's two)")
    parser.add_argument("--misses", action="store_true", help="list the misses and false matches")
    args = parser.parse_args(argv)
    for path in args.files or SETS:
        outcomes = evaluate(read_pairs(path))
        total, by_kind = figures(outcomes)
        print(f"\n{path.name}")
        print(f"{'kind':<12} {'pairs':>5} {'same':>5} {'auto':>5} {'precision':>9} {'recall':>7} "
              f"{'all-recall':>8} {'surfaced':>9} {'review ok':>8}")
        for kind, f in by_kind.items():
            print(row(kind, f))
        print(row("all", total))
        if args.misses:
            for outcome in total.false_matches:
                p = outcome.pair
                print(f"  FALSE  {p.kind:<11} {p.company!r} -> {p.target!r}: {outcome.tier}, {outcome.reason}")
            for outcome in total.misses:
                p = outcome.pair
                print(f"  MISSED {p.kind:<11} {p.company!r} -> {p.target!r}")
            for outcome in outcomes:
                p = outcome.pair
                if p.same and p.expect == "auto" and outcome.tier == "review":
                    print(f"  REVIEW {p.kind:<11} {p.company!r} -> {p.target!r}: {outcome.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
