"""Save and reopen a 20-version session (200 sentences each); print machine, sizes, times.

Run: .venv/bin/python bench/store_bench.py [--versions 20] [--sentences 200] [--repeat 5]

The comparison is computed once with the lexical scorer (the engine is not what is
measured here); then the store is timed: first save, overwrite save, reopen from the
cache, reopen after an engine upgrade (re-align), list, full-text search, .scocompare
export and import. Times are the median of --repeat runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import make_base, make_version, to_text  # noqa: E402

from scocompare.core.compare import compare_documents  # noqa: E402
from scocompare.core.model import Document, EngineInfo  # noqa: E402
from scocompare.core.segment import segment_text  # noqa: E402
from scocompare.core.similarity import get_scorer  # noqa: E402
from scocompare.store.sessions import SessionStore  # noqa: E402


def _doc(k: int, text: str) -> Document:
    raw = text.encode("utf-8")
    return Document(id=f"d{k + 1}", title=f"Version {k + 1}", source=f"/bench/v{k + 1}.txt",
                    sha256=hashlib.sha256(raw).hexdigest(), text=text,
                    segments=segment_text(text, f"d{k + 1}"), raw=raw)


def _median_ms(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--versions", type=int, default=20)
    ap.add_argument("--sentences", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    base = make_base(args.sentences, seed=7)
    texts = [to_text(base)] + [to_text(make_version(base, seed=100 + k))
                               for k in range(args.versions - 1)]
    docs = [_doc(k, t) for k, t in enumerate(texts)]
    t = time.perf_counter()
    comparison = compare_documents(docs, base=0, scorer=get_scorer("lexical"))
    align_s = time.perf_counter() - t
    n_sent = sum(len(d.segments) for d in docs)

    from bench.machine import describe_machine

    print(f"machine: {describe_machine()}")
    print(f"python {platform.python_version()}, sqlite {sqlite3.sqlite_version}")
    print(f"session: {len(docs)} versions, {n_sent} sentences, "
          f"{sum(len(d.raw) for d in docs) / 1e6:.2f} MB of text, {len(comparison.links)} links "
          f"(aligned once in {align_s:.1f} s, not part of the store timings)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = SessionStore(tmp / "sessions.db")
        counter = iter(range(10 ** 6))
        rows = []
        ms, _ = _median_ms(lambda: store.save_comparison(f"s{next(counter)}", comparison), args.repeat)
        rows.append(("save (new session)", ms))
        ms, _ = _median_ms(lambda: store.save_comparison("s0", comparison, overwrite=True), args.repeat)
        rows.append(("save (overwrite)", ms))
        ms, loaded = _median_ms(lambda: store.load("s0"), args.repeat)
        assert not loaded.realigned and loaded.comparison == comparison
        rows.append(("reopen (cached comparison)", ms))
        ms, _ = _median_ms(lambda: store.set_view_state("s0", {"scroll": {"d1": 10}}), args.repeat)
        rows.append(("one small change (view state)", ms))
        ms, _ = _median_ms(lambda: store.list(), args.repeat)
        rows.append((f"list ({len(store.list())} sessions)", ms))
        ms, hits = _median_ms(lambda: store.search("regional power grid"), args.repeat)
        rows.append((f"search phrase ({len(hits)} hits)", ms))
        archive = tmp / "s0.scocompare"
        ms, _ = _median_ms(lambda: store.export_archive("s0", archive), args.repeat)
        rows.append(("export .scocompare", ms))
        ms, _ = _median_ms(lambda: store.import_archive(archive), args.repeat)
        rows.append(("import .scocompare (validated)", ms))
        old = replace(comparison, engine=EngineInfo("0.0.0", comparison.engine.scorer,
                                                    comparison.engine.threshold))
        store.save_comparison("upgrade", old, params={"scorer": "lexical"})
        t = time.perf_counter()
        up = store.load("upgrade")
        rows.append(("reopen after engine upgrade (re-align)", (time.perf_counter() - t) * 1000))
        assert up.realigned
        n_sessions = len(store.list())
        store.close()
        db_mb = sum(p.stat().st_size for p in tmp.glob("sessions.db*")) / 1e6
        print(f"database: {db_mb:.1f} MB holding {n_sessions} copies of the session; "
              f"one .scocompare file: {archive.stat().st_size / 1e6:.2f} MB")
    print(f"median of {args.repeat} runs:")
    for label, value in rows:
        print(f"  {label:<42} {value:9.1f} ms")


if __name__ == "__main__":
    main()
