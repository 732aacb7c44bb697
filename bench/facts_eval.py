"""Conflict precision and recall of the fact layer on tests/data/facts/*.jsonl.

Each line is a pair of passages {"a", "b", "conflict", "kind"} written for the
project.  Each passage becomes a one-document version whose lines are its
segments; the last lines of the two are linked (earlier lines are metadata such
as a publication date and stay unlinked).  A pair counts as predicted
"conflict" when find_conflicts returns anything for it.

    .venv/bin/python bench/facts_eval.py [-v] [--timing]

It also measures the shift detector on the shift pair sets; --timing adds timings: extraction per sentence and find_conflicts on 20 versions.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scocompare.core.facts import find_conflicts  # noqa: E402
from scocompare.core.model import Document, Link, Segment  # noqa: E402

PAIRS = ROOT / "tests" / "data" / "facts" / "pairs.jsonl"
# Written after the extractor, before measuring on it: the honest figure.
HELDOUT = ROOT / "tests" / "data" / "facts" / "heldout.jsonl"
# Written later, each before the engine change it measures (see their commits).
FACT_SETS = (PAIRS, HELDOUT, HELDOUT.with_name("heldout2.jsonl"), HELDOUT.with_name("heldout3.jsonl"),
             HELDOUT.with_name("heldout4.jsonl"), HELDOUT.with_name("heldout5.jsonl"),
             HELDOUT.with_name("heldout6.jsonl"), HELDOUT.with_name("heldout7.jsonl"),
             HELDOUT.with_name("heldout8.jsonl"))
SHIFT_SETS = tuple(ROOT / "tests" / "data" / n for n in ("shifts.jsonl", "shifts_heldout2.jsonl", "shifts_heldout3.jsonl",
                                                         "shifts_heldout4.jsonl", "shifts_heldout5.jsonl",
                                                         "shifts_heldout6.jsonl", "shifts_heldout7.jsonl",
                                                         "shifts_heldout8.jsonl", "shifts_heldout9.jsonl",
                                                         "shifts_heldout10.jsonl"))


def line_document(doc_id: str, text: str) -> Document:
    """A document whose segments are the lines of ``text`` (no sentence splitting)."""
    segs, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        segs.append(Segment(f"{doc_id}.s{i + 1}", doc_id, i, i + 1, pos, pos + len(line), line))
        pos += len(line) + 1
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(doc_id, doc_id, "pairs.jsonl", sha, text, tuple(segs))


def predict(a: str, b: str):
    """The conflicts found between passages ``a`` and ``b`` (last lines linked)."""
    da, db = line_document("d1", a), line_document("d2", b)
    link = Link(da.segments[-1].id, db.segments[-1].id, 0.9, "near")
    return find_conflicts([da, db], [link], "d1")


def evaluate(path: Path = PAIRS, verbose: bool = False) -> dict:
    """Precision, recall and counts of conflict detection over the pair set."""
    tp = fp = fn = tn = 0
    errors = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        found = predict(item["a"], item["b"])
        got, want = bool(found), bool(item["conflict"])
        tp += got and want
        fp += got and not want
        fn += want and not got
        tn += not got and not want
        if got != want:
            errors.append((item, found))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    if verbose:
        for item, found in errors:
            print(f"MISS {item['kind']}: want={item['conflict']} a={item['a']!r} b={item['b']!r}")
            for c in found:
                print("     ", c.kind, c.scope, c.label, [v.text for v in c.values])
    return {"pairs": tp + fp + fn + tn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": precision, "recall": recall}


def evaluate_shifts(path: Path, verbose: bool = False) -> dict:
    """Shift detection on pairs {"a", "b", "shift": kind or null}: found, false, right kind."""
    from scocompare.core.shift import detect_shift

    tp = fp = fn = tn = kind_ok = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        # heldout8 gives some pairs the sentence before a quote (its speaker's context).
        got, want = detect_shift(item["a"], item["b"], item.get("context_a", ""), item.get("context_b", "")), item["shift"]
        tp += bool(got and want)
        fp += bool(got and not want)
        fn += bool(want and not got)
        tn += not got and not want
        kind_ok += bool(got and got == want)
        if verbose and got != want:
            print(f"SHIFT want={want} got={got}: a={item['a']!r} b={item['b']!r}")
    return {"pairs": tp + fp + fn + tn, "tp": tp, "fp": fp, "fn": fn, "tn": tn, "kind_ok": kind_ok}


def timing() -> None:
    """Extraction cost per sentence (no cache) and find_conflicts on 20 synthetic versions."""
    from scocompare.core import facts
    from scocompare.core.demo import demo_paths
    from scocompare.core.ingest import load_path, load_text

    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    sentences = [s.text for p in demo_paths() for s in load_path(p).content_segments()]
    t0 = time.perf_counter()
    n = sum(len(facts.extract_facts(s)) for s in sentences)
    dt = time.perf_counter() - t0
    print(f"extract_facts: {len(sentences)} demo sentences, {n} facts, {dt * 1e6 / len(sentences):.0f} us/sentence")

    base = synth.make_base(200, seed=1)
    docs = [load_text(synth.to_text(base), "base", "d1")]
    docs += [load_text(synth.to_text(synth.make_version(base, seed=k)), f"v{k}", f"d{k + 1}") for k in range(1, 20)]
    # Stand-in alignment: each version sentence to its closest base sentence (token set ratio >= 85).
    from rapidfuzz import fuzz, process

    first = docs[0].content_segments()
    links = []
    for d in docs[1:]:
        segs = d.content_segments()
        scores = process.cdist([s.text for s in segs], [s.text for s in first], scorer=fuzz.token_set_ratio, workers=-1)
        links += [Link(first[int(row.argmax())].id, s.id, float(row.max()) / 100, "near")
                  for s, row in zip(segs, scores, strict=True) if row.max() >= 85]
    facts._extract_cached.cache_clear()
    t0 = time.perf_counter()
    found = facts.find_conflicts(docs, links, "d1")
    dt = time.perf_counter() - t0
    nseg = sum(len(d.segments) for d in docs)
    print(f"find_conflicts: 20 synthetic versions, {nseg} segments, {len(links)} links: "
          f"{dt * 1000:.0f} ms ({len(found)} conflicts; repeated sentences read once)")


def main() -> None:
    for path in SHIFT_SETS:
        r = evaluate_shifts(path, verbose="-v" in sys.argv)
        print(f"{path.name}: pairs={r['pairs']} shifts found={r['tp']}/{r['tp'] + r['fn']} right kind={r['kind_ok']}"
              f" false={r['fp']}/{r['fp'] + r['tn']}")
    for path in FACT_SETS:
        t0 = time.perf_counter()
        res = evaluate(path, verbose="-v" in sys.argv)
        dt = time.perf_counter() - t0
        print(f"{path.name}: pairs={res['pairs']} tp={res['tp']} fp={res['fp']} fn={res['fn']} tn={res['tn']}"
              f" precision={res['precision']:.3f} recall={res['recall']:.3f} time={dt * 1000:.0f} ms")
    if "--timing" in sys.argv:
        timing()


if __name__ == "__main__":
    main()
