"""Longest event-loop stall of the window while it aligns 20 versions.

A QTimer fires every 10 ms on the UI thread and records every gap between ticks
while the window loads and aligns 20 synthetic versions in the background (real
engine, default scorer, fresh embedding cache), shows them, re-aligns them warm
(threshold moved) and shows them again. Prints the longest gap and the 99th
percentile per phase, and for long gaps the UI thread's own CPU in them (little
CPU: it waited for the GIL or a core). Goal (issue 4): under 100 ms.
SCOCOMPARE_ENGINE_PROCESS=0 runs the engine on a pool thread instead, for comparison.

Run: .venv/bin/python bench/stall_bench.py [--sentences 60] [--versions 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sentences", type=int, default=60)
    ap.add_argument("--versions", type=int, default=20)
    args = ap.parse_args()
    from synth import make_base, make_version, to_text

    from scocompare.gui import engine_process

    tmp = Path(tempfile.mkdtemp(prefix="stall-"))
    os.environ["SCOCOMPARE_HOME"] = str(tmp / "home")
    base = make_base(args.sentences, seed=7)
    paths = [tmp / "v00.txt"]
    paths[0].write_text(to_text(base), encoding="utf-8")
    for k in range(1, args.versions):
        p = tmp / f"v{k:02d}.txt"
        p.write_text(to_text(make_version(base, seed=k)), encoding="utf-8")
        paths.append(p)

    from export_stall_bench import GapRecorder
    from PySide6.QtCore import QTimer

    from scocompare.gui.app import make_app
    from scocompare.gui.main_window import MainWindow

    app = make_app()
    w = MainWindow()
    w.resize(1600, 1000)
    w.show()
    # One recorder per phase: cold alignment (helper process starting, model loading,
    # every sentence embedded), showing the panes, warm re-alignment (threshold moved:
    # embeddings cached), showing again.
    phases = {name: GapRecorder() for name in ("align cold", "show", "align warm", "show again")}
    order = list(phases)
    state = {"k": 0, "t": time.perf_counter(), "times": {}}

    def current() -> GapRecorder:
        return phases[order[state["k"]]]

    def advance() -> None:
        now = time.perf_counter()
        state["times"][order[state["k"]]] = now - state["t"]
        current().stop()
        state["k"] += 1
        state["t"] = now
        if state["k"] == len(order):
            app.quit()
            return
        current().start()
        if order[state["k"]] == "align warm":
            w.threshold = (w.comparison.engine.threshold or 0.5) + 0.05
            w.recompute()

    def poll() -> None:
        name = order[state["k"]]
        if name.startswith("align") and not w.busy and w.comparison is not None:
            advance()
        elif name.startswith("show") and not w.busy and not w.settling:
            advance()

    watch = QTimer()
    watch.setInterval(5)
    watch.timeout.connect(poll)
    w.open_paths(paths)
    current().start()
    watch.start()
    QTimer.singleShot(900_000, app.quit)
    app.exec()
    c = w.comparison
    from bench.machine import describe_machine

    print(f"machine: {describe_machine()}")
    print(f"input: {args.versions} versions x "
          f"{args.sentences} sentences, scorer {c.engine.scorer if c else '?'}; "
          f"engine in a helper process: {engine_process.enabled()}")
    for name in order:
        rec = phases[name]
        print(f"{name:<11} {state['times'].get(name, 0):6.2f} s  UI thread: {rec.summary()}")
        if rec.long_gaps():
            print("   gaps over 50 ms (at s, ms, UI-thread CPU ms):", rec.long_gaps()[:10])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
