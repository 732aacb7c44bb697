"""Start-up to a visible window with the demo set, and time to the first comparison.

Run: .venv/bin/python bench/startup_bench.py [--runs 3]
(offscreen by default; under Xvfb: xvfb-run -s "-screen 0 1600x1000x24" ... with
QT_QPA_PLATFORM unset). Each run is a fresh process, as a user's start is.
Goal (issue 4): window visible with the demo set in < 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

CHILD = r"""
import json, os, sys, time
t0 = time.perf_counter()
from scocompare.gui.app import make_app
app = make_app()
from PySide6.QtCore import QTimer
from scocompare.core.demo import demo_paths
from scocompare.gui.main_window import MainWindow
marks = {}
w = MainWindow()
w.resize(1600, 1000)
w.show()
w.open_paths(demo_paths())
def exposed():
    if "visible" not in marks and w.isVisible() and w.windowHandle() and w.windowHandle().isExposed():
        marks["visible"] = time.perf_counter() - t0
    if w.comparison is not None and w.area.panes and not w.busy:
        marks["first_comparison"] = time.perf_counter() - t0
        timer.stop()
        app.quit()
timer = QTimer(); timer.timeout.connect(exposed); timer.start(5)
QTimer.singleShot(120000, app.quit)
app.exec()
marks["scorer"] = w.comparison.engine.scorer if w.comparison else None
print(json.dumps(marks))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    results = []
    with tempfile.TemporaryDirectory() as home:
        env["SCOCOMPARE_HOME"] = home  # no saved layout: a first start
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for key in ("visible", "first_comparison"):
        vals = sorted(r[key] for r in results if key in r)
        print(f"{key:>17}: median {vals[len(vals) // 2]:.3f} s  (runs: {', '.join(f'{v:.3f}' for v in vals)})")
    print(f"           scorer: {results[-1].get('scorer')}  platform: {env.get('QT_QPA_PLATFORM', 'xcb')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
