"""`scocompare [gui] [FILE... | SESSION-NAME | FILE.scocompare]`: open the window.

Everything that can be refused is refused before a window appears, in one line: a
folder, a missing file that is not a saved session's name either, a .scocompare file
that does not validate, a session database that cannot be opened.
"""

from __future__ import annotations

from pathlib import Path

from scocompare.core.errors import InputError, ScocompareError

ARCHIVE_SUFFIX = ".scocompare"


def _check_files(inputs: list[str]) -> list[Path]:
    paths = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            raise InputError(item, "is a folder; give the files inside it")
        if not p.exists():
            raise InputError(item, "no such file")
        paths.append(p)
    return paths


def resolve(inputs: list[str], store=None, *, import_archive: bool = True) -> tuple[str, object, object]:
    """What to open: ("files", [Path], None) | ("session", name, store) | ("empty", None, store).

    A single argument that is not an existing file is a session name; a single
    ``.scocompare`` file is imported first (then opened as the session it became).
    """
    if len(inputs) == 1:
        item = inputs[0]
        p = Path(item)
        is_archive = p.suffix.lower() == ARCHIVE_SUFFIX
        if is_archive or not p.exists():
            from scocompare.store.sessions import SessionStore

            if is_archive and p.is_dir():
                raise InputError(item, "is a folder, not a .scocompare session file")
            if is_archive and not p.exists():
                raise InputError(item, "no such file")
            store = store if store is not None else SessionStore()
            if is_archive:
                return "session", store.import_archive(p) if import_archive else p, store
            if not store.exists(item):
                store.close()
                raise InputError(item, "no such file, and no saved session has this name "
                                       "(`scocompare sessions list` shows them)")
            return "session", item, store
    if not inputs:
        return "empty", None, store
    return "files", _check_files(inputs), store


def open_window(inputs: list[str], *, compare=None, store=None):
    """Build the window with its session controller and start opening ``inputs``.

    Returns (window, controller); the caller runs the event loop.
    """
    kind, what, store = resolve(list(inputs), store)
    from scocompare.gui.app import make_app

    make_app()
    from scocompare.gui.main_window import MainWindow
    from scocompare.gui.session_controller import SessionController

    win = MainWindow(compare=compare) if compare is not None else MainWindow()
    controller = SessionController(win, store=store)
    win.show()
    if kind == "files":
        win.open_paths(list(what))
    elif kind == "session":
        controller.open_session(what)
    return win, controller


def run(args) -> int:
    """Open the window on files, a saved session or a .scocompare file (none: start screen)."""
    from scocompare.gui.app import has_display

    inputs = list(getattr(args, "inputs", []) or [])
    if not has_display():
        # Still refuse bad input first, so the one line names the real problem.
        resolve(inputs, import_archive=False)
        raise ScocompareError(
            "no display to open the window on; try: "
            'xvfb-run -s "-screen 0 1600x1000x24" scocompare gui ... '
            "or `scocompare compare FILE...` for a text summary")
    win, controller = open_window(inputs)
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    code = QApplication.instance().exec()
    controller.flush()
    QThreadPool.globalInstance().waitForDone(3000)  # let a cancelled alignment wind down
    return int(code)
