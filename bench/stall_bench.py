"""Longest event-loop stall of the window while it aligns 20 versions.

A QTimer fires every 10 ms on the UI thread and records the largest gap between
ticks while the window loads and aligns 20 synthetic versions in the background
(real engine, default scorer). Goal (issue 4): under 100 ms.

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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sentences", type=int, default=60)
    ap.add_argument("--versions", type=int, default=20)
    args = ap.parse_args()
    from synth import make_base, make_version, to_text

    tmp = Path(tempfile.mkdtemp(prefix="stall-"))
    os.environ["SCOCOMPARE_HOME"] = str(tmp / "home")
    base = make_base(args.sentences, seed=7)
    paths = [tmp / "v00.txt"]
    paths[0].write_text(to_text(base), encoding="utf-8")
    for k in range(1, args.versions):
        p = tmp / f"v{k:02d}.txt"
        p.write_text(to_text(make_version(base, seed=k)), encoding="utf-8")
        paths.append(p)

    from PySide6.QtCore import QTimer

    from scocompare.gui.app import make_app
    from scocompare.gui.main_window import MainWindow

    app = make_app()
    w = MainWindow()
    w.resize(1600, 1000)
    w.show()
    state = {"last": time.perf_counter(), "max": 0.0, "ticks": 0, "phase": "load"}
    stalls = {"work": 0.0, "show": 0.0}
    slow: list[tuple] = []  # (ms, phase, panes, still rendering) of every gap over 50 ms

    def tick() -> None:
        now = time.perf_counter()
        gap = now - state["last"]
        state["last"] = now
        state["ticks"] += 1
        phase = "work" if w.busy else "show"
        stalls[phase] = max(stalls[phase], gap)
        if gap > 0.05:
            slow.append((round(gap * 1000), phase, len(w.area.panes), w.area.rendering))
        # Done only when every pane has its text: rendering continues after the
        # comparison arrives, one pane per event-loop turn.
        if w.comparison is not None and not w.busy and not w.settling:
            timer.stop()
            app.quit()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    t0 = time.perf_counter()
    w.open_paths(paths)
    state["last"] = time.perf_counter()
    timer.start()
    QTimer.singleShot(600_000, app.quit)
    app.exec()
    total = time.perf_counter() - t0
    c = w.comparison
    print(f"versions {args.versions} x {args.sentences} sentences, scorer {c.engine.scorer if c else '?'}")
    print(f"load + align + show: {total:.2f} s, {state['ticks']} ticks")
    print(f"longest stall while loading/aligning (worker running): {stalls['work'] * 1000:.0f} ms")
    print(f"longest stall overall, including building {len(w.area.panes)} panes on the UI thread: "
          f"{max(stalls.values()) * 1000:.0f} ms")
    print("gaps over 50 ms (ms, phase, panes, rendering):", slow[:12])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
