"""Pages and time to export reports of 2 and 20 versions of a 200-sentence statement.

Goals on the 2-core build machine: the 2-version PDF under 1 s, under 25 ms per page
overall. Run: .venv/bin/python bench/export_bench.py  (prints numbers, asserts nothing)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from scocompare.export.csv_export import render_csv  # noqa: E402
from scocompare.export.html import render_html  # noqa: E402
from scocompare.export.pdf import _ensure_app, write_pdf  # noqa: E402
from tests.test_export_fixtures import make_large  # noqa: E402


def _time(fn) -> tuple[float, float]:
    """Wall and CPU seconds: the machine is shared, CPU time is the steadier figure."""
    t, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - cpu


def main() -> None:
    _ensure_app()
    warm = make_large(1, 20)
    with tempfile.TemporaryDirectory() as tmp:
        write_pdf(warm, Path(tmp) / "warm.pdf")  # font database and Qt start-up, once
        print(f"{'report (documents incl. base)':<32}{'pages':>6}{'wall s':>8}{'cpu s':>7}"
              f"{'cpu ms/page':>12}{'html s':>8}{'csv s':>7}")
        for versions, mode in ((2, "pairs"), (20, "pairs"), (20, "synoptic")):
            c = make_large(versions - 1, 200)  # the base counts as one of the versions
            path = Path(tmp) / f"r{versions}{mode}.pdf"
            pages = 0

            def run(c=c, path=path, mode=mode):
                nonlocal pages
                pages = write_pdf(c, path, mode=mode)

            wall, cpu = _time(run)
            html_s = _time(lambda c=c: render_html(c))[1]
            csv_s = _time(lambda c=c: render_csv(c))[1]
            label = f"{versions} versions x 200, {mode}"
            print(f"{label:<32}{pages:>6}{wall:>8.2f}{cpu:>7.2f}{cpu / pages * 1000:>12.1f}"
                  f"{html_s:>8.2f}{csv_s:>7.2f}")


if __name__ == "__main__":
    main()
