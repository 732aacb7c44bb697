"""Alignment quality on the hand-made golds: one line per set, the seed pair on its own.

For each gold set (tests/data/golds/*.json; the seed pair needs ../shared/corpus):
precision, recall and F1 of base-version links, strict F1 (partial gold links neither
required nor penalised), meaning shifts and fact conflicts found, then how well the
link kinds agree with the gold's "partial" marks (kind calibration).

    .venv/bin/python bench/quality.py [--scorer auto|semantic|lexical] [--errors] [--causes] [--no-rerank]

--no-rerank turns off the token-level rerank (core/token_align.py) to measure what it adds.
--causes counts the missed gold links of every set by what happened to their two ends.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import gold as G  # noqa: E402


def kind_agreement(gold, comparison) -> tuple[int, int, int, int]:
    """(gold partial & predicted partial, gold partial only, predicted partial only,
    neither) over true-positive links: is "partial" given where the gold says so?"""
    res = G.resolve(gold, comparison.documents, strict=False)
    gold_pairs = set().union(*res.pairs.values())
    both = g_only = p_only = neither = 0
    for lk in comparison.links:
        pair = (lk.a, lk.b)
        if pair not in gold_pairs:
            continue
        gp, pp = pair in res.partial, lk.kind == "partial"
        both += gp and pp
        g_only += gp and not pp
        p_only += pp and not gp
        neither += not gp and not pp
    return both, g_only, p_only, neither


CAUSES = ("both ends unlinked", "second partner not taken", "an end taken by a wrong partner",
          "an end taken by an ignored line")


def miss_causes(gold, comparison, ev) -> dict[str, int]:
    """Missed gold links counted by what became of their two ends in ``comparison``:
    neither end linked at all; each end linked only to gold partners (a split or merge
    partner the aligner did not add); or an end linked to a partner the gold does not
    have (a competitor won), or by a line the gold ignores (a title, a dateline)."""
    res = G.resolve(gold, comparison.documents, strict=False)
    gold_pairs = set().union(*res.pairs.values())
    boiler = {s.id for d in comparison.documents for s in d.segments if s.boilerplate}
    skip = res.ignore | boiler
    links = [(lk.a, lk.b) for lk in comparison.links]
    out = dict.fromkeys(CAUSES, 0)
    for doc_id, errs in ev.errors.items():
        for a, b in errs["fn"]:
            ends = [(x, y) for x, y in links if (x == a and y.startswith(doc_id + ".")) or y == b]
            body = [p for p in ends if p[0] not in skip and p[1] not in skip]
            if len(body) < len(ends):
                out[CAUSES[3]] += 1
                continue
            ends = body
            if not ends:
                out[CAUSES[0]] += 1
            elif all(p in gold_pairs for p in ends):
                out[CAUSES[1]] += 1
            else:
                out[CAUSES[2]] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scorer", default="auto", choices=("auto", "semantic", "lexical"))
    ap.add_argument("--errors", action="store_true", help="list wrong and missed links")
    ap.add_argument("--causes", action="store_true", help="count missed links by cause")
    ap.add_argument("--no-rerank", action="store_true", help="sentence scores only (no token rerank)")
    ap.add_argument("--skip", action="append", default=[], metavar="TEXT",
                    help="leave out gold sets whose file name contains TEXT (a blind set not yet measured)")
    args = ap.parse_args(argv)
    from scocompare.core import compare as compare_mod
    from scocompare.core.compare import compare_documents

    if args.no_rerank:
        compare_mod.RERANK_K = 0
    from scocompare.core.similarity import get_scorer

    scorer = get_scorer(args.scorer)
    head = (f"{'set':<10} {'P':>6} {'R':>6} {'F1':>6} {'strict':>7}  {'tp':>3} {'fp':>3} {'fn':>3}"
            f"  {'shifts':>10}  {'conflicts':>10}  {'partial kind':>14}  {'quotes':>6}  {'s':>5}")
    print(f"scorer: {scorer.name} (threshold {scorer.default_threshold})")
    print(head)
    print("-" * len(head))
    own = G.Score()
    rows = []
    causes: dict[str, dict[str, int]] = {}
    for path in G.all_golds():
        if any(t in path.name for t in args.skip):
            continue
        gold = G.load_gold(path)
        if gold.uses_corpus() and not all(p.is_file() for p in gold.document_paths()):
            print(f"{gold.name}: skipped, corpus not beside the checkout", file=sys.stderr)
            continue
        docs = G.load_documents(gold)
        t0 = time.perf_counter()
        comp = compare_documents(docs, base=gold.base, scorer=scorer)
        secs = time.perf_counter() - t0
        ev = G.evaluate(gold, comp)
        o, sh, cf = ev.overall, ev.shifts, ev.conflicts
        both, g_only, p_only, neither = kind_agreement(gold, comp)
        agree = (both + neither) / max(both + g_only + p_only + neither, 1)
        line = (f"{gold.name:<10} {o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f} {ev.strict.f1:7.3f}"
                f"  {o.tp:3d} {o.fp:3d} {o.fn:3d}  {sh.tp:>3}/{sh.tp + sh.fn:<2} +{sh.fp:<2}"
                f"  {cf.tp:>3}/{cf.tp + cf.fn:<2} +{cf.fp:<2}  {agree:6.2f} ({both}/{both + g_only})"
                f"  {len(comp.quotes):6d}  {secs:5.2f}")
        rows.append((gold.uses_corpus(), line))
        if args.causes:
            causes[gold.name] = miss_causes(gold, comp, ev)
        if not gold.uses_corpus():
            own += o
        if args.errors:
            for errs in ev.errors.values():
                for kind in ("fp", "fn"):
                    for a, b in errs[kind]:
                        print(f"  {gold.name} {kind} {comp.segment(a).text[:60]!r} | {comp.segment(b).text[:60]!r}")
    for _, line in sorted(rows, key=lambda r: r[0]):  # the seed pair (corpus) last, on its own
        print(line)
    print("-" * len(head))
    print(f"{'own sets':<10} {own.precision:6.3f} {own.recall:6.3f} {own.f1:6.3f}"
          f"          {own.tp:3d} {own.fp:3d} {own.fn:3d}   (every set but the seed pair)")
    print("shifts: found/gold +false; conflicts: found/gold +other; partial kind: share of true links "
          "whose partial/full kind matches the gold (gold partial links given 'partial')")
    if causes:
        print()
        print(f"{'missed links by cause':<34}" + "".join(f"{n[:12]:>13}" for n in causes) + f"{'total':>7}")
        for cause in CAUSES:
            counts = [c[cause] for c in causes.values()]
            print(f"{cause:<34}" + "".join(f"{k:13d}" for k in counts) + f"{sum(counts):7d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
