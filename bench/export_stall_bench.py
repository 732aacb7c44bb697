"""Longest event-loop stall of the window while a long PDF export runs in the background.

A QTimer fires every 10 ms on the UI thread and records every gap between ticks while
the export dialog writes the PDF report of a 20-version comparison (200 sentences
each, synthetic, the fixture of tests/test_export_fixtures.py) through its worker.
For each long gap it also records how much CPU the UI thread itself used during the
gap: a gap with little UI-thread CPU was spent waiting (for the GIL or for a core),
not working. Goal (issue 6): the window stays responsive, stalls under 100 ms.

Machine: the 2-core build machine, shared with other jobs; numbers vary run to run,
run it twice. Run: .venv/bin/python bench/export_stall_bench.py [--versions 20]
[--sentences 200] [--mode pairs|synoptic]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class GapRecorder:
    """Ticks every 10 ms on the UI thread; keeps every gap and the UI thread's CPU in it."""

    def __init__(self, interval_ms: int = 10):
        from PySide6.QtCore import QTimer

        self.gaps: list[tuple[float, float, float]] = []  # (start s, gap s, UI CPU s)
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.t0 = self.last = time.perf_counter()
        self.cpu = time.thread_time()

    def start(self) -> None:
        self.t0 = self.last = time.perf_counter()
        self.cpu = time.thread_time()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append((self.last - self.t0, now - self.last, cpu - self.cpu))
        self.last, self.cpu = now, cpu

    def summary(self) -> str:
        """Longest gap and 99th percentile, in ms (a 10 ms tick is no stall at all)."""
        if not self.gaps:
            return "no ticks"
        gaps = sorted(g for _, g, _ in self.gaps)
        p99 = gaps[min(len(gaps) - 1, int(0.99 * len(gaps)))]
        return f"longest {gaps[-1] * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms over {len(gaps)} ticks"

    def long_gaps(self, over: float = 0.05) -> list[tuple]:
        """(at s, gap ms, UI-thread CPU ms) of every gap over ``over`` seconds."""
        return [(round(t, 2), round(g * 1000), round(c * 1000)) for t, g, c in self.gaps if g > over]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--versions", type=int, default=20, help="documents, the base included")
    ap.add_argument("--sentences", type=int, default=200)
    ap.add_argument("--mode", default="pairs", choices=("pairs", "synoptic"))
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="export-stall-"))
    os.environ["SCOCOMPARE_HOME"] = str(tmp / "home")

    from PySide6.QtCore import QTimer

    from scocompare.gui.app import make_app
    from scocompare.gui.export_dialog import ExportDialog
    from tests.test_export_fixtures import make_large

    app = make_app()
    comp = make_large(args.versions - 1, args.sentences)
    dialog = ExportDialog(comp)
    dialog.show()
    fmt = f"pdf-{args.mode}"
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    out = tmp / "report.pdf"
    dialog.path.setText(str(out))
    rec = GapRecorder()
    state = {"started": False}

    def poll() -> None:
        # Wait for the first-page preview (its own background job), then export.
        if not state["started"]:
            if dialog.preview_task is None or dialog.preview_task.done:
                state["started"], state["t"] = True, time.perf_counter()
                rec.start()
                dialog.start_export()
            return
        if not dialog.running:
            state["wall"] = time.perf_counter() - state["t"]
            rec.stop()
            app.quit()

    watch = QTimer()
    watch.setInterval(5)
    watch.timeout.connect(poll)
    watch.start()
    QTimer.singleShot(900_000, app.quit)
    app.exec()
    from bench.machine import describe_machine

    print(f"machine: {describe_machine()}")
    print(f"input: PDF export ({args.mode}) of "
          f"{args.versions} versions x {args.sentences} sentences")
    print(f"result: {dialog.result_text or dialog.error or 'not finished'} in {state.get('wall', 0):.1f} s")
    print(f"UI thread while exporting: {rec.summary()}")
    print("gaps over 50 ms (at s, ms, UI-thread CPU ms):", rec.long_gaps()[:15])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
