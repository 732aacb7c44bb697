#!/usr/bin/env python3
"""False-alarm probe of the shift and conflict checks on real news English.

    .venv/bin/python bench/sts_shift_probe.py [--low 4.6] [--high 5] [--list]

Our shift and conflict sets are sentences we wrote; this runs both checks on real
headline pairs: the SemEval STS headlines of ../shared/corpus/sts-headlines/ (third-party,
never copied here) whose annotators scored them between --low and --high (5 = "the two
mean the same"). A flag on such a pair is not always wrong (annotators give 5 to "cut up
to 18,000 jobs" / "cut 18,000 jobs", which is a dropped ceiling for a fact-checker), so
the probe prints every flagged pair for a reader to judge, and the counts by kind.
It found the real-text false alarms fixed on 2026-11-23 (a capital "May" opening a
headline read as the modal, "no-frills" as a negator, "has yet to" and "found not guilty"
read as plain negations); docs/alignment.md has the before/after counts.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from facts_eval import predict  # noqa: E402

from scocompare.core.shift import detect_shift  # noqa: E402

STS = ROOT.parent / "shared" / "corpus" / "sts-headlines"


def scored_pairs(low: float, high: float) -> list[tuple[float, str, str]]:
    """(score, left, right) of every scored headline pair with low <= score <= high."""
    out = []
    for path in sorted(STS.glob("headlines.*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or not parts[0].strip():
                continue  # unscored line
            score = float(parts[0])
            if low <= score <= high:
                out.append((score, parts[1], parts[2]))
    return out


def probe(pairs: list[tuple[float, str, str]]) -> tuple[collections.Counter, list[tuple]]:
    """Counts of flags by kind ("shift:<kind>", "conflict:<kind>") and the flagged pairs."""
    counts: collections.Counter = collections.Counter()
    flagged = []
    for score, a, b in pairs:
        shift = detect_shift(a, b)
        if shift:
            counts[f"shift:{shift}"] += 1
            flagged.append((score, f"shift:{shift}", a, b))
        for c in predict(a, b):
            counts[f"conflict:{c.kind}"] += 1
            flagged.append((score, f"conflict:{c.kind}", a, b))
    return counts, flagged


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--low", type=float, default=4.6)
    ap.add_argument("--high", type=float, default=5.0)
    ap.add_argument("--list", action="store_true", help="print every flagged pair")
    args = ap.parse_args(argv)
    if not STS.is_dir():
        print(f"{STS}: not beside the checkout (../shared/corpus)", file=sys.stderr)
        return 2
    pairs = scored_pairs(args.low, args.high)
    counts, flagged = probe(pairs)
    print(f"STS headline pairs scored {args.low}-{args.high}: {len(pairs)}")
    print(f"flagged: {len(flagged)} ({len(flagged) / max(1, len(pairs)):.1%})")
    for kind, n in sorted(counts.items()):
        print(f"  {kind:24} {n}")
    if args.list:
        for score, kind, a, b in flagged:
            print(f"{score:.1f} {kind:20} {a!r}\n{'':25} {b!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
