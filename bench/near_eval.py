"""Near misses on the gold sets: how many hints the engine gives (the closest sentence of
the other side for a sentence left unlinked), how many of them name a gold partner, and
how many of the missed gold links they point at.

    .venv/bin/python bench/near_eval.py [--scorer auto|semantic|lexical] [--skip PREFIX]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gold as G  # noqa: E402

from scocompare.core.compare import compare_documents  # noqa: E402
from scocompare.core.similarity import get_scorer  # noqa: E402


def evaluate(gold: G.Gold, scorer) -> tuple[int, int, int, int]:
    """(hints, hints on a gold link, missed gold links, missed gold links hinted)."""
    docs = G.load_documents(gold)
    comp = compare_documents(docs, base=gold.base, scorer=scorer)
    res = G.resolve(gold, docs, strict=False)
    pairs = set().union(*res.pairs.values())
    linked = {(lk.a, lk.b) for lk in comp.links}
    missed = pairs - linked
    hints = {(n.a, n.b) for n in comp.near_misses if n.a not in res.ignore and n.b not in res.ignore}
    return len(hints), len(hints & pairs), len(missed), len(hints & missed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scorer", default="auto", choices=("auto", "semantic", "lexical"))
    ap.add_argument("--skip", action="append", default=[], help="leave out gold sets whose name starts so")
    args = ap.parse_args(argv)
    scorer = get_scorer(args.scorer)
    print(f"scorer: {scorer.name}")
    total = [0, 0, 0, 0]
    for path in G.all_golds():
        gold = G.load_gold(path)
        if any(gold.name.startswith(s) for s in args.skip):
            continue
        if gold.uses_corpus() and not all(p.is_file() for p in gold.document_paths()):
            continue
        row = evaluate(gold, scorer)
        total = [t + r for t, r in zip(total, row, strict=True)]
        print(f"{gold.name:16s} hints {row[0]:3d}, on a gold link {row[1]:3d};"
              f" missed gold links {row[2]:3d}, hinted {row[3]:3d}")
    print(f"{'all':16s} hints {total[0]:3d}, on a gold link {total[1]:3d};"
          f" missed gold links {total[2]:3d}, hinted {total[3]:3d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
