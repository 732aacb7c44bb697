"""Time and peak memory of `compare` for 2, 5, 10 and 20 versions of a 200-sentence text,
beside a plain difflib all-pairs matcher on the same input, in the same run.

Each measurement runs in a fresh subprocess (cold: empty embedding cache, model load
included) so that peak RSS belongs to that configuration alone. Columns:
cold (load + model + compare), its CPU seconds, warm (same documents, threshold changed),
+1 version (one more version added to a compared set), sentences run through the network
and sentences that borrowed a near duplicate's embedding.

    .venv/bin/python bench/compare_bench.py [--sizes 2,5,10,20] [--sentences 200] [--scorer auto]
        [--distinct] [--no-baseline]
    .venv/bin/python bench/compare_bench.py --sizes 6 --sentences 80     # the 10x goal
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _machine() -> str:
    from machine import describe_machine

    return describe_machine()


def child_engine(n_docs: int, n_sent: int, scorer: str, distinct: bool) -> dict:
    import resource

    from synth import make_base, make_version, to_text

    from scocompare.core.compare import compare_documents
    from scocompare.core.ingest import load_text
    from scocompare.core.similarity import get_scorer

    base = make_base(n_sent, seed=7, distinct=distinct)
    texts = [to_text(base)] + [to_text(make_version(base, seed=100 + k)) for k in range(n_docs)]
    t0 = time.perf_counter()
    c0 = time.process_time()
    docs = [load_text(t, source=f"v{k}.txt", doc_id=f"d{k + 1}") for k, t in enumerate(texts)]
    sc = get_scorer(scorer)
    c = compare_documents(docs[:n_docs], scorer=sc)
    cold = time.perf_counter() - t0
    cold_cpu = time.process_time() - c0
    t1 = time.perf_counter()
    compare_documents(docs[:n_docs], scorer=sc, threshold=c.engine.threshold + 0.05)
    warm = time.perf_counter() - t1
    t2 = time.perf_counter()
    compare_documents(docs, scorer=sc)  # the next version arrives
    added = time.perf_counter() - t2
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    model = getattr(sc, "model", None)
    return {"cold": cold, "cold_cpu": cold_cpu, "warm": warm, "added": added, "peak_mb": peak_mb,
            "scorer": sc.name, "encoded": getattr(model, "encoded", 0),
            "borrowed": getattr(model, "borrowed", 0),
            "sentences": sum(len(d.content_segments()) for d in docs[:n_docs]), "links": len(c.links)}


def child_baseline(n_docs: int, n_sent: int, distinct: bool) -> dict:
    import difflib
    import resource

    from synth import make_base, make_version

    base = make_base(n_sent, seed=7, distinct=distinct)
    base_s = [s for p in base for s in p]
    versions = [[s for p in make_version(base, seed=100 + k) for s in p] for k in range(n_docs - 1)]
    t0 = time.perf_counter()
    for v in versions:
        for a in v:
            max(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() for b in base_s)
    return {"time": time.perf_counter() - t0,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _run_child(kind: str, *args) -> dict:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as home:
        env["SCOCOMPARE_HOME"] = home  # empty embedding cache: a cold start
        out = subprocess.run([sys.executable, __file__, "--child", kind, *map(str, args)],
                             capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2,5,10,20")
    ap.add_argument("--sentences", type=int, default=200)
    ap.add_argument("--scorer", default="auto")
    ap.add_argument("--distinct", action="store_true", help="worst case: every sentence distinct")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--child", nargs="+")
    a = ap.parse_args()
    if a.child:
        kind, *rest = a.child
        if kind == "engine":
            res = child_engine(int(rest[0]), int(rest[1]), rest[2], rest[3] == "1")
        else:
            res = child_baseline(int(rest[0]), int(rest[1]), rest[2] == "1")
        print(json.dumps(res))
        return
    print(f"machine: {_machine()}")
    print(f"input: base of {a.sentences} sentences (20-35 words), versions: 60% near-verbatim, "
          f"25% rewritten, 10% dropped, 5% added, first paragraphs reordered"
          f"{'; every sentence distinct' if a.distinct else ''}")
    print(f"{'documents':>9} {'sentences':>9} {'scorer':>18} {'cold s':>7} {'cpu s':>6} {'warm s':>7}"
          f" {'+1 ver s':>8} {'encoded':>7} {'borrowed':>8} {'peak MB':>7} {'difflib s':>9} {'ratio':>6}")
    for n in [int(x) for x in a.sizes.split(",")]:
        e = _run_child("engine", n, a.sentences, a.scorer, int(a.distinct))
        if a.no_baseline:
            b = {"time": float("nan")}
        else:
            b = _run_child("baseline", n, a.sentences, int(a.distinct))
        print(f"{n:>9} {e['sentences']:>9} {e['scorer']:>18} {e['cold']:>7.2f} {e['cold_cpu']:>6.2f}"
              f" {e['warm']:>7.3f} {e['added']:>8.3f} {e['encoded']:>7} {e['borrowed']:>8}"
              f" {e['peak_mb']:>7.0f} {b['time']:>9.2f} {b['time'] / e['cold']:>5.1f}x", flush=True)


if __name__ == "__main__":
    main()
