"""Screenshots of the real window for docs/: ``python -m scocompare.gui.screenshots OUTDIR``.

Run it under a display the size of a common laptop screen, e.g.
``xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python -m scocompare.gui.screenshots docs``.
It opens the window as a first-time user gets it (no saved layout: SCOCOMPARE_HOME
points to a fresh folder), loads the demo set, waits for the alignment and grabs
``window-demo.png`` (the first click made, so the detail panel shows something),
``window-synoptic.png`` (synoptic table raised) and, when the seed pair is beside
the checkout, ``window-facts.png`` (facts panel undocked and wide, on the seed pair).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


def _wait(app, done, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the window did not finish in time")
        app.processEvents()
        time.sleep(0.01)


def _open(app, win, paths) -> None:
    win.docs.clear()
    win.base_id = None
    win.comparison = None
    win.open_paths([str(p) for p in paths])
    _wait(app, lambda: win.comparison is not None and not win.busy
          and len(win.comparison.documents) == len(paths))
    win.finish_settling()
    for _ in range(20):  # let docks and splitters take their sizes
        app.processEvents()
        time.sleep(0.02)


def take(outdir: Path) -> list[Path]:
    """Write the window screenshots into ``outdir``; returns the files written."""
    os.environ["SCOCOMPARE_HOME"] = tempfile.mkdtemp(prefix="scocompare-shots-")
    from scocompare.core.demo import demo_paths
    from scocompare.gui.app import make_app
    from scocompare.gui.main_window import MainWindow

    app = make_app()
    win = MainWindow()
    win.show()
    written = []
    _open(app, win, demo_paths())
    # A first click on the base's second sentence, as a reader would do.
    base = win.comparison.document(win.comparison.base)
    content = base.content_segments()
    win.select_segment(content[min(1, len(content) - 1)].id)
    for _ in range(10):
        app.processEvents()
    out = outdir / "window-demo.png"
    win.grab().save(str(out))
    written.append(out)

    if "synoptic" in win.docks:
        win.docks["synoptic"].show()
        win.docks["synoptic"].raise_()
        for _ in range(10):
            app.processEvents()
        out = outdir / "window-synoptic.png"
        win.grab().save(str(out))
        written.append(out)
        win.docks["detail"].raise_()

    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(seeds) >= 2 and "facts" in win.docks:
        # A second first start (own settings file): the detail dock short, as a new
        # user sees it before any click.
        from scocompare.gui.settings import Settings

        win.close()
        win = MainWindow(settings=Settings(Path(os.environ["SCOCOMPARE_HOME"]) / "facts.ini"))
        win.show()
        _open(app, win, seeds[:2])
        dock = win.docks["facts"]
        dock.setFloating(True)
        dock.resize(820, 170)
        dock.move(win.geometry().center() - dock.rect().center())
        for _ in range(20):
            app.processEvents()
            time.sleep(0.02)
        out = outdir / "window-facts.png"
        # The floating dock is its own top-level window: paint it over the window grab.
        from PySide6.QtGui import QPainter

        pix = win.grab()
        painter = QPainter(pix)
        painter.drawPixmap(dock.geometry().topLeft() - win.geometry().topLeft(), dock.grab())
        painter.end()
        pix.save(str(out))
        written.append(out)
        # An article sentence left unlinked: the detail names its closest base sentence.
        near = win.comparison.near_misses
        if near:
            dock.setFloating(False)
            win.docks["detail"].show()
            win.docks["detail"].raise_()
            win.select_segment(near[0].b)
            for _ in range(20):
                app.processEvents()
                time.sleep(0.02)
            out = outdir / "window-near-miss.png"
            win.grab().save(str(out))
            written.append(out)
    win.close()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0] if args else "docs")
    outdir.mkdir(parents=True, exist_ok=True)
    for p in take(outdir):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
