"""How compare time grows with the number of versions and of sentences; seed pair and
start-up figures; the plot in docs/performance.png.

Every configuration runs in a fresh subprocess with an empty embedding cache (cold: model
load and every network run included), then the same process re-aligns with another
threshold (warm) and with one more version (+1). Input: bench/synth.py (news-length
sentences; versions 60% near-verbatim, 25% rewritten, 10% dropped, 5% added).

    .venv/bin/python bench/scale_bench.py [--versions 2,5,10,20] [--sentences 50,100,200,400]
        [--fixed-sentences 200] [--fixed-versions 6] [--png docs/performance.png]

Columns: cold/warm/+1 wall seconds, cold CPU seconds (2 cores: CPU can exceed wall), the
sentences run through the network ("net") and borrowed from a near duplicate ("borrow"),
the pairs scored by the cheap dense components against all N-way sentence pairs, and the
share of scored pairs that needed the costly rapidfuzz component.
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
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def child_scale(n_docs: int, n_sent: int) -> dict:
    import resource

    from synth import make_base, make_version, to_text

    from scocompare.core.compare import compare_documents
    from scocompare.core.ingest import load_text
    from scocompare.core.similarity import LazyLexical, get_scorer

    base = make_base(n_sent, seed=7)
    texts = [to_text(base)] + [to_text(make_version(base, seed=100 + k)) for k in range(n_docs)]
    t0, c0 = time.perf_counter(), time.process_time()
    docs = [load_text(t, source=f"v{k}.txt", doc_id=f"d{k + 1}") for k, t in enumerate(texts)]
    sc = get_scorer("auto")
    c = compare_documents(docs[:n_docs], scorer=sc)
    cold, cpu = time.perf_counter() - t0, time.process_time() - c0
    t1 = time.perf_counter()
    compare_documents(docs[:n_docs], scorer=sc, threshold=c.engine.threshold + 0.05)
    warm = time.perf_counter() - t1
    scored = sum(p["score"].size for p in sc.memo._items.values())
    # rapidfuzz runs only for the pairs the aligner links (LazyLexical), cold and warm.
    fuzzy = LazyLexical.computed
    sizes = [len(d.content_segments()) for d in docs[:n_docs]]
    all_pairs = sum(sizes[x] * sizes[y] for x in range(n_docs) for y in range(x + 1, n_docs))
    t2 = time.perf_counter()
    compare_documents(docs, scorer=sc)
    added = time.perf_counter() - t2
    model = getattr(sc, "model", None)
    return {"docs": n_docs, "sentences": sum(sizes), "base": sizes[0], "cold": cold, "cpu": cpu,
            "warm": warm, "added": added, "scorer": sc.name,
            "net": getattr(model, "encoded", 0), "borrow": getattr(model, "borrowed", 0),
            "scored": scored, "all_pairs": all_pairs, "fuzzy": fuzzy,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def child_seeds() -> dict:
    from scocompare.core.compare import compare_documents
    from scocompare.core.ingest import load_path
    from scocompare.core.similarity import get_scorer

    paths = sorted(SEEDS.glob("*.txt"))[:2]
    t0 = time.perf_counter()
    docs = [load_path(p, doc_id=f"d{k + 1}") for k, p in enumerate(paths)]
    sc = get_scorer("auto")
    c = compare_documents(docs, scorer=sc)
    cold = time.perf_counter() - t0
    warm = []
    for step in (0.05, -0.05, 0.1):  # the threshold slider moved: the user waits for this
        t1 = time.perf_counter()
        compare_documents(docs, scorer=sc, threshold=c.engine.threshold + step)
        warm.append(time.perf_counter() - t1)
    return {"cold": cold, "warm": min(warm), "warm_max": max(warm),
            "sentences": [len(d.content_segments()) for d in docs]}


def _run_child(*args: str) -> dict:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as home:
        env["SCOCOMPARE_HOME"] = home  # empty embedding cache: a cold start
        out = subprocess.run([sys.executable, __file__, "--child", *args],
                             capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def version_time(runs: int = 5) -> float:
    """Best wall time of `scocompare --version` in a fresh process."""
    exe = Path(sys.executable).with_name("scocompare")
    cmd = [str(exe), "--version"] if exe.exists() else [sys.executable, "-m", "scocompare", "--version"]
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def draw_png(path: Path, by_versions: list[dict], by_sentences: list[dict]) -> None:
    """Two panels (time against versions, time against sentences), drawn with Qt offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    _app = QGuiApplication.instance() or QGuiApplication([])
    w, h = 1200, 520
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(15)
    p.setFont(font)
    series = [("cold", QColor("#c0392b"), "cold (empty cache, model load)"),
              ("cpu", QColor("#e67e22"), "cold CPU seconds"),
              ("warm", QColor("#2471a3"), "warm (threshold changed)"),
              ("added", QColor("#27ae60"), "+1 version")]

    def panel(x0: float, rows: list[dict], key: str, title: str, xlabel: str) -> None:
        left, top, pw, ph = x0 + 70, 60, 480, 360
        p.setPen(QPen(QColor("black"), 1))
        p.drawText(QRectF(x0, 10, 600, 30), Qt.AlignmentFlag.AlignCenter, title)
        xs = [r[key] for r in rows]
        ymax = max(max(r[s] for s, _, _ in series) for r in rows) * 1.1 or 1.0
        xmax = max(xs) * 1.05
        p.drawRect(QRectF(left, top, pw, ph))

        def pt(x: float, y: float) -> QPointF:
            return QPointF(left + pw * x / xmax, top + ph - ph * y / ymax)

        for k in range(6):  # y grid and labels
            y = ymax * k / 5
            q = pt(0, y)
            p.setPen(QPen(QColor("#dddddd"), 1))
            p.drawLine(QPointF(left, q.y()), QPointF(left + pw, q.y()))
            p.setPen(QPen(QColor("black"), 1))
            p.drawText(QRectF(x0, q.y() - 10, 64, 20), Qt.AlignmentFlag.AlignRight, f"{y:.1f} s")
        for x in xs:
            q = pt(x, 0)
            p.drawText(QRectF(q.x() - 30, top + ph + 4, 60, 20), Qt.AlignmentFlag.AlignCenter, str(x))
        p.drawText(QRectF(left, top + ph + 26, pw, 22), Qt.AlignmentFlag.AlignCenter, xlabel)
        for name, color, _ in series:
            p.setPen(QPen(color, 3))
            pts = [pt(r[key], r[name]) for r in rows]
            for a, b in zip(pts, pts[1:], strict=False):
                p.drawLine(a, b)
            for q in pts:
                p.drawEllipse(q, 4, 4)

    panel(0, by_versions, "docs", f"{by_versions[0]['base']}-sentence base: time by documents",
          "documents (base + versions)")
    panel(600, by_sentences, "base", f"{by_sentences[0]['docs']} documents: time by base sentences",
          "sentences in the base")
    x = 80
    for _name, color, label in series:  # legend along the bottom
        p.setPen(QPen(color, 3))
        p.drawLine(QPointF(x, h - 22), QPointF(x + 30, h - 22))
        p.setPen(QPen(QColor("black"), 1))
        p.drawText(QRectF(x + 36, h - 32, 250, 20), Qt.AlignmentFlag.AlignLeft, label)
        x += 280
    p.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not img.save(str(path)):
        raise SystemExit(f"{path}: cannot write the plot")


def _row(r: dict) -> str:
    return (f"| {r['docs']:>4} | {r['base']:>4} | {r['sentences']:>5} | {r['cold']:>6.2f} | {r['cpu']:>6.2f}"
            f" | {r['warm']:>6.3f} | {r['added']:>6.3f} | {r['net']:>5} | {r['borrow']:>6}"
            f" | {r['scored']:>8} / {r['all_pairs']:<8} | {r['fuzzy'] / max(r['scored'], 1):>5.1%}"
            f" | {r['peak_mb']:>5.0f} |")


HEADER = ("| docs | base | sents | cold s | cpu s | warm s | +1 s | net | borrow"
          " | pairs scored / all N-way | fuzzy | MB |\n"
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--versions", default="2,5,10,20", help="document counts at --fixed-sentences")
    ap.add_argument("--sentences", default="50,100,200,400", help="base sizes at --fixed-versions")
    ap.add_argument("--fixed-sentences", type=int, default=200)
    ap.add_argument("--fixed-versions", type=int, default=6)
    ap.add_argument("--png", default=str(ROOT / "docs" / "performance.png"))
    ap.add_argument("--child", nargs="+")
    a = ap.parse_args()
    if a.child:
        kind, *rest = a.child
        res = child_seeds() if kind == "seeds" else child_scale(int(rest[0]), int(rest[1]))
        print(json.dumps(res))
        return
    from compare_bench import _machine

    print(f"machine: {_machine()}")
    print(f"`scocompare --version`: {version_time():.3f} s (best of 5)")
    if SEEDS.is_dir():
        s = _run_child("seeds")
        print(f"seed pair {s['sentences']} sentences: cold {s['cold']:.2f} s, warm {s['warm'] * 1000:.0f} ms"
              f" (worst of 3: {s['warm_max'] * 1000:.0f} ms)")
    else:
        print(f"seed pair: skipped ({SEEDS} is absent)")
    by_versions, by_sentences = [], []
    print(f"\nby documents ({a.fixed_sentences}-sentence base)\n{HEADER}", flush=True)
    for n in [int(x) for x in a.versions.split(",")]:
        by_versions.append(_run_child("scale", str(n), str(a.fixed_sentences)))
        print(_row(by_versions[-1]), flush=True)
    print(f"\nby base sentences ({a.fixed_versions} documents)\n{HEADER}", flush=True)
    for n in [int(x) for x in a.sentences.split(",")]:
        by_sentences.append(_run_child("scale", str(a.fixed_versions), str(n)))
        print(_row(by_sentences[-1]), flush=True)
    if a.png:
        draw_png(Path(a.png), by_versions, by_sentences)
        print(f"\nplot: {a.png}")


if __name__ == "__main__":
    main()
