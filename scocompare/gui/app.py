"""QApplication set-up and the entry used by ``scocompare`` / ``scocompare demo``."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path


def has_display() -> bool:
    """True when Qt can show a window: a display server, or the offscreen platform asked for."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def make_app(argv: Sequence[str] | None = None):
    """The QApplication (created once), named so QSettings and the desktop find it."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else [sys.argv[0]])
        app.setApplicationName("scocompare")
        app.setApplicationDisplayName("scocompare")
        app.setOrganizationName("scocompare")
        app.setDesktopFileName("org.scocompare.Scocompare")
        from PySide6.QtGui import QIcon

        from scocompare.paths import resources_dir

        icon = QIcon(str(resources_dir() / "icons" / "scocompare.svg"))
        icon.addFile(str(resources_dir() / "icons" / "scocompare.png"))
        app.setWindowIcon(icon)
    return app


def run_window(paths: Sequence[str | Path] = (), *, exec_loop: bool = True) -> int:
    """Open the window on ``paths`` (loaded and compared in the background) and run it."""
    app = make_app()
    from scocompare.gui.main_window import MainWindow
    from scocompare.gui.session_controller import SessionController

    win = MainWindow()
    # The demo and plain file lists are sessions too: saved after every change.
    controller = SessionController(win)
    win.show()
    if paths:
        win.open_paths(list(paths))
    if not exec_loop:
        return 0
    code = app.exec()
    controller.flush()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(3000)  # let a cancelled alignment wind down
    return int(code)
