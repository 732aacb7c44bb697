"""Sessions in the window: autosave, open, rename, import/export, start screen, search.

The controller watches the window (``comparisonShown`` after every alignment,
``userEdited`` after every user change) and writes the session through SessionStore.
Every write is one store transaction run on the worker pool, one at a time and in
order (a serial queue), so the UI never waits on the disk and a crash loses at most
the change being written. There is no "save?" question: a new comparison is saved at
once under an automatic name that the user can change (File > Rename session).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog

from scocompare.core.model import Constraint
from scocompare.gui import worker
from scocompare.gui.session_jobs import (
    ALIGNER_KINDS,
    REVIEWED_KEY,
    auto_name,
    base_title,
    reviewed_from_json,
    reviewed_to_json,
    sync_constraints,
    with_constraints,
)
from scocompare.gui.start_screen import InfoBar, StartScreen
from scocompare.store.errors import StoreError
from scocompare.store.sessions import SessionStore, StoredSession

SESSION_FILTER = "scocompare sessions (*.scocompare)"
OPENING = "Opening session"


class SessionController(QObject):
    """Keeps the window's comparison saved as a session, and opens saved ones."""

    saved = Signal(str)  # session name, after each write has landed
    opened = Signal(str)  # session name, once shown in the window
    sessionsChanged = Signal()  # the list of sessions changed (browser, start screen refresh)
    failed = Signal(str)

    def __init__(self, window, store: SessionStore | None = None, store_path: str | Path | None = None):
        super().__init__(window)
        self.window = window
        # The open session as a shared record: queued jobs keep the record they were made
        # for, and the job that creates a session fills in its id and name.
        self._slot: dict | None = None
        self.autosave = True
        self._shas: set[str] = set()  # documents of the open session: same set = same session
        self._opened_comparison = None  # shown from the store: nothing new to save
        self._queue: deque = deque()
        self._task: worker.Task | None = None
        self._restoring_title = False
        self.info_bar = InfoBar(window)
        window.addToolBarBreak()
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.info_bar)
        self.store = store if store is not None else self._open_store(store_path)
        window.comparisonShown.connect(self._on_shown)
        window.userEdited.connect(self._on_edited)
        window.windowTitleChanged.connect(self._keep_title)
        window.installEventFilter(self)
        self.browser = None
        self.search_dialog = None
        self._add_actions()
        self.start_screen = StartScreen(self)
        self.start_screen.attach(window)

    # Store ----------------------------------------------------------------------
    def _open_store(self, path) -> SessionStore | None:
        try:
            return SessionStore(path)
        except StoreError as err:
            message = str(err)
        # A damaged file was moved aside by the store: start fresh now, and say so.
        try:
            store = SessionStore(path) if "moved aside" in message else None
        except StoreError as err:
            message += f"; {err}"
            store = None
        if store is None:
            message += " — sessions are not saved until this is fixed"
        self.info_bar.show_message(message)
        return store

    @property
    def session_id(self) -> int | None:
        return self._slot["id"] if self._slot else None

    @property
    def session_name(self) -> str | None:
        return self._slot["name"] if self._slot else None

    @property
    def idle(self) -> bool:
        """True when every queued write has landed (tests and closing wait on it)."""
        return not self._queue and (self._task is None or self._task.done)

    @property
    def idle_opening(self) -> bool:
        """False while a session is being read to be shown (the start screen waits)."""
        running = self._task is not None and not self._task.done and self._task.name == OPENING
        return not running and not any(what == OPENING for _j, _d, what in self._queue)

    def submit(self, job: Callable[[SessionStore], Any], on_done: Callable[[Any], None] | None = None,
               what: str = "Saving") -> None:
        """Queue ``job(store)`` to run on the worker pool after the writes before it."""
        if self.store is None:
            self._report("sessions are not available (the session database could not be opened)")
            return
        self._queue.append((job, on_done, what))
        self._next()

    def _next(self) -> None:
        if not self._queue or not (self._task is None or self._task.done):
            return
        job, on_done, what = self._queue.popleft()
        store = self.store

        def work(progress, cancelled):
            return job(store)

        def done(result):
            if on_done is not None:
                on_done(result)
            self._next()

        def error(err):
            self._report(str(err) or type(err).__name__)
            self._next()

        self._task = worker.run_task(work, on_done=done, on_error=error, name=what)

    def flush(self) -> None:
        """Run every pending write now, on this thread (the window is closing)."""
        if self._task is not None and not self._task.done:
            worker.pool().waitForDone(10_000)
            from PySide6.QtWidgets import QApplication

            QApplication.processEvents()  # deliver the running job's result
        while self._queue and self.store is not None:
            job, on_done, _what = self._queue.popleft()
            try:
                result = job(self.store)
            except Exception as err:  # closing: report, keep writing the rest
                self._report(str(err))
                continue
            if on_done is not None:
                on_done(result)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.flush()
        return False

    def _report(self, message: str) -> None:
        line = message.splitlines()[0] if message else "unknown error"
        self.window.status_message(line)
        self.failed.emit(line)

    # Autosave ---------------------------------------------------------------------
    def _snapshot(self) -> tuple[dict, tuple[Constraint, ...]]:
        state = dict(self.window.view_state() or {})
        constraints = tuple(self.window.constraints() or ())
        state[REVIEWED_KEY] = reviewed_to_json(constraints)
        return state, tuple(c for c in constraints if c.kind in ALIGNER_KINDS)

    def _on_shown(self, comparison) -> None:
        self.start_screen.update_visibility(comparison)
        if comparison is None or comparison is self._opened_comparison or self.store is None:
            return
        shas = {d.sha256 for d in comparison.documents}
        if self._slot is None or not (shas & self._shas):
            # Nothing in common with the open session: the user started a new comparison.
            self._slot = {"id": None, "name": None}
            self.autosave = True
        if not self.autosave:
            return
        self._shas = shas
        state, links = self._snapshot()
        slot, wanted = self._slot, base_title(comparison)
        # Re-aligning after an engine upgrade should use the same kind of scorer.
        params = {"scorer": "lexical"} if comparison.engine.scorer.startswith("lexical") else {}

        def job(store: SessionStore):
            comp = with_constraints(comparison, links)
            if slot["id"] is None:
                name = auto_name(store, wanted)
                slot["id"] = store.save_comparison(name, comp, params=params, view_state=state)
                slot["name"] = name
            else:
                sync_constraints(store, slot["id"], links)
                store.save_comparison(slot["name"], comp, params=params, view_state=state, overwrite=True)
            return slot["name"]

        self.submit(job, self._saved)

    def _on_edited(self, what: str = "") -> None:
        if self._slot is None or not self.autosave or self.store is None:
            return
        state, links = self._snapshot()
        slot = self._slot

        def job(store: SessionStore):
            if slot["id"] is None:
                return None  # its creation failed; the next alignment tries again
            sync_constraints(store, slot["id"], links)
            store.set_view_state(slot["id"], state)
            return slot["name"]

        self.submit(job, self._saved)

    def _saved(self, name: str | None) -> None:
        self._update_title()
        if name:
            self.saved.emit(name)
            self.sessionsChanged.emit()

    # Title -------------------------------------------------------------------------
    def title(self) -> str:
        return f"{self.session_name} — scocompare" if self.session_name else ""

    def _update_title(self) -> None:
        if self.session_name:
            self.window.setWindowTitle(self.title())

    def _keep_title(self, text: str) -> None:
        # The window names itself after the base version; a saved session shows its own name.
        if self.session_name and text != self.title() and not self._restoring_title:
            self._restoring_title = True
            try:
                self.window.setWindowTitle(self.title())
            finally:
                self._restoring_title = False

    # Opening -----------------------------------------------------------------------
    def open_session(self, name_or_id: str | int, segment: str | None = None) -> None:
        """Load a saved session in the background and show it exactly as it was left."""
        self.window.status_message(f"Opening session {name_or_id}…")
        self.submit(lambda store: store.load(name_or_id), lambda s: self._show_session(s, segment),
                    what=OPENING)

    def _show_session(self, s: StoredSession, segment: str | None) -> None:
        if s.comparison is None:
            self._report(f"session {s.name!r} could not be shown: {s.reason or 'no comparison saved'}")
            return
        state = dict(s.view_state)
        reviewed = reviewed_from_json(state.pop(REVIEWED_KEY, []))
        self._slot = {"id": s.id, "name": s.name}
        self._shas = {d.sha256 for d in s.documents}
        self.autosave = True
        self._opened_comparison = s.comparison
        self.window.show_comparison(s.comparison, view_state=state)
        self.window.set_constraints(list(s.constraints) + reviewed)
        self.window.undo_stack.clear()  # another session's history does not apply here
        self._update_title()
        self.start_screen.update_visibility(s.comparison)
        notes = list(s.warnings)
        if s.realigned:
            notes.insert(0, f"Session “{s.name}” was re-aligned with your manual links "
                            f"because {s.reason}.")
        elif s.reason:
            notes.insert(0, f"Session “{s.name}”: {s.reason}.")
        if notes:
            self.info_bar.show_message(" ".join(notes))
            self.window.status_message(notes[0])
        else:
            self.info_bar.hide()
            self.window.status_message(f"Opened session “{s.name}”")
        if segment:
            self._select_when_ready(segment)
        self.opened.emit(s.name)

    def _select_when_ready(self, segment: str, tries: int = 100) -> None:
        area = getattr(self.window, "area", None)
        if tries > 0 and area is not None and getattr(area, "rendering", False):
            QTimer.singleShot(30, lambda: self._select_when_ready(segment, tries - 1))
            return
        self.window.select_segment(segment)

    # Renaming, files ----------------------------------------------------------------
    def rename_session(self, new_name: str | None = None) -> None:
        """Rename the open session (asks for the name when none is given)."""
        if self.session_id is None:
            self.window.status_message("Nothing to rename: compare two versions first")
            return
        if new_name is None:
            new_name, ok = QInputDialog.getText(self.window, "Rename session", "Session name:",
                                                text=self.session_name or "")
            if not ok:
                return
        slot = self._slot

        def job(store):
            slot["name"] = store.rename(slot["id"], new_name)
            return slot["name"]

        self.submit(job, self._saved, what="Renaming")

    def export_session(self, name_or_id: str | int | None = None, path: str | None = None) -> None:
        """Write a session (the open one by default) to a .scocompare file."""
        target = name_or_id if name_or_id is not None else self.session_id
        if target is None:
            self.window.status_message("Nothing to export: compare two versions first")
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, "Export session", "", SESSION_FILTER)
            if not path:
                return
            if not path.endswith(".scocompare"):
                path += ".scocompare"
        self.submit(lambda store: store.export_archive(target, path),
                    lambda p: self.window.status_message(f"Session exported to {p}"), what="Exporting")

    def import_session(self, path: str | None = None, open_it: bool = True) -> None:
        """Validate and import a .scocompare file, then open it."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import session", "", SESSION_FILTER)
            if not path:
                return

        def done(name):
            self.sessionsChanged.emit()
            self.window.status_message(f"Imported session “{name}”")
            if open_it:
                self.open_session(name)

        self.submit(lambda store: store.import_archive(path), done, what="Importing")

    def session_trashed(self, name_or_id: str | int) -> None:
        """The browser moved a session to the trash: stop saving it if it is the open one."""
        if self._slot is not None and name_or_id in (self.session_id, self.session_name):
            self._slot = None
            self.autosave = False  # until the user starts another comparison
            self.window.setWindowTitle("scocompare")
            self.window.status_message("The open session was moved to the trash; changes are not saved")

    # Dialogs -----------------------------------------------------------------------
    def show_browser(self) -> None:
        from scocompare.gui.sessions_browser import SessionsBrowser

        if self.browser is None:
            self.browser = SessionsBrowser(self, self.window)
        self.browser.refresh()
        self.browser.show()
        self.browser.raise_()
        self.browser.activateWindow()

    def show_search(self) -> None:
        from scocompare.gui.search_dialog import SearchDialog

        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self, self.window)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.activateWindow()
        self.search_dialog.query.setFocus()

    def _add_actions(self) -> None:
        w = self.window
        specs = [
            ("sessions", "&Sessions…", self.show_browser, "Ctrl+Shift+O",
             "Open, rename, duplicate or delete saved comparisons"),
            ("search-sessions", "Searc&h saved sessions…", self.show_search, "Ctrl+Shift+F",
             "Find which saved sessions quote some words"),
            ("rename-session", "Rena&me session…", self.rename_session, None,
             "Give the open comparison a clearer name"),
            ("import-session", "&Import session…", self.import_session, None,
             "Open a .scocompare file a colleague sent"),
            ("export-session", "&Export session…", self.export_session, None,
             "Save the open comparison as one .scocompare file to send"),
        ]
        self.actions: dict[str, QAction] = {}
        for name, text, slot, keys, tip in specs:
            a = QAction(text, w)
            a.setObjectName(name)
            if keys:
                a.setShortcut(QKeySequence(keys))
            a.setStatusTip(tip)
            a.setToolTip(tip)
            a.triggered.connect(lambda _c=False, slot=slot: slot())
            w.addAction(a)
            self.actions[name] = a
        menu = w.menus["File"]
        quit_action = next((a for a in menu.actions() if a.objectName() == "quit"), None)
        if quit_action is not None:
            menu.insertActions(quit_action, list(self.actions.values()))
            menu.insertSeparator(quit_action)
        else:
            menu.addSeparator()
            menu.addActions(list(self.actions.values()))
