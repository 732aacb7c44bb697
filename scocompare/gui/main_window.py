"""The comparison window: panes side by side, detail and side panels, actions.

The window shows a Comparison; loading and comparing always run through
``worker.run_task`` with a progress bar and Cancel, never on the UI thread. Every
command is a QAction in ``self.actions`` (see ``actions.py``) so that menus, toolbar,
shortcuts and later additions (manual links, undo) share one place.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QToolButton,
    QWidget,
)

from scocompare.core.model import Comparison, Document
from scocompare.gui import actions as actions_mod
from scocompare.gui import worker
from scocompare.gui.detail import DetailPanel
from scocompare.gui.panes import LegendBar, PaneArea
from scocompare.gui.settings import Settings
from scocompare.gui.theme import DIFFERENCE_KINDS
from scocompare.gui.view_model import ComparisonIndex

# Side panels built by other modules; each is a QWidget with set_comparison() and a
# segmentActivated(str) signal. A missing one leaves its dock out.
SIDE_PANELS = (
    ("facts", "Facts", "scocompare.gui.facts_panel", "FactsPanel", Qt.DockWidgetArea.RightDockWidgetArea),
    ("overview", "Overview", "scocompare.gui.overview", "OverviewStrip", Qt.DockWidgetArea.RightDockWidgetArea),
    ("synoptic", "Synoptic table", "scocompare.gui.synoptic", "SynopticView", Qt.DockWidgetArea.BottomDockWidgetArea),
)


def _default_compare(documents, base, threshold, progress, cancelled) -> Comparison:
    from scocompare.core.compare import compare_documents

    return compare_documents(documents, base=base, threshold=threshold,
                             progress=progress, cancelled=cancelled)


def _default_load(path: str, doc_id: str) -> Document:
    from scocompare.core.ingest import load_path

    return load_path(path, doc_id=doc_id)


def _default_load_text(text: str, doc_id: str, title: str) -> Document:
    from scocompare.core.ingest import load_text

    return load_text(text, source="clipboard", doc_id=doc_id, title=title)


class MainWindow(QMainWindow):
    """Versions side by side; background alignment; navigation through differences."""

    def __init__(self, *, compare: Callable | None = None, load: Callable | None = None,
                 load_text: Callable | None = None, settings: Settings | None = None):
        super().__init__()
        self.setWindowTitle("scocompare")
        self.setAcceptDrops(True)
        self.compare_fn = compare or _default_compare
        self.load_fn = load or _default_load
        self.load_text_fn = load_text or _default_load_text
        self.settings = settings or Settings()
        self.docs: list[Document] = []  # user order; ids stay fixed once loaded
        self.base_id: str | None = None
        self.threshold: float | None = None  # None: the scorer's calibrated default
        self.comparison: Comparison | None = None
        self.index: ComparisonIndex | None = None
        self.active_doc: str | None = None  # pane that F7 walks through
        self.task: worker.Task | None = None
        self.busy = False
        self.enabled_kinds: set[str] = set(DIFFERENCE_KINDS)
        self._next_id = 1
        self._pending = 0  # load tasks still running

        self.area = PaneArea()
        self.area.segmentActivated.connect(self.select_segment)
        self.area.paneActivated.connect(self._set_active)
        self.setCentralWidget(self.area)
        self.detail = DetailPanel()
        self.legend = LegendBar()
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._add_dock("detail", "Differences of the selection", self.detail, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._add_side_panels()
        self._build_status_bar()
        self.actions = actions_mod.build(self)
        self.find_bar = self._make_find_bar()
        self._realign_timer = QTimer(self)
        self._realign_timer.setSingleShot(True)
        self._realign_timer.setInterval(350)  # let the slider settle before re-aligning
        self._realign_timer.timeout.connect(self.recompute)
        self.resize(1400, 900)
        side = [self.docks[k] for k in ("overview", "facts") if k in self.docks]
        if side:  # the texts are the product: side panels start narrow
            self.resizeDocks(side[:1], [300], Qt.Orientation.Horizontal)
        self._restore_layout()
        self._update_state()

    # Layout -------------------------------------------------------------------
    def _add_dock(self, key: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        return dock

    def _add_side_panels(self) -> None:
        for key, title, module, cls, area in SIDE_PANELS:
            try:
                panel = getattr(importlib.import_module(module), cls)()
            except (ImportError, AttributeError):
                continue
            panel.segmentActivated.connect(self.select_segment)
            self.panels[key] = panel
            self._add_dock(key, title, panel, area)
        if "facts" in self.docks and "overview" in self.docks:
            self.splitDockWidget(self.docks["overview"], self.docks["facts"], Qt.Orientation.Vertical)
        if "synoptic" in self.docks:
            self.tabifyDockWidget(self.docks["detail"], self.docks["synoptic"])
            self.docks["detail"].raise_()

    def _make_find_bar(self):
        try:
            from scocompare.gui.find_bar import FindBar
        except ImportError:
            return None
        bar = FindBar()
        bar.segmentActivated.connect(self.select_segment)
        bar.hide()
        dock = self._add_dock("find", "Find", bar, Qt.DockWidgetArea.TopDockWidgetArea)
        dock.setTitleBarWidget(QWidget())  # a bar, not a window: no title strip
        dock.hide()
        bar.closed.connect(dock.hide)
        return bar

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.status_label = QLabel()
        self.status_label.setToolTip("What is loaded and compared")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(260)
        self.progress.setToolTip("Progress of the running work")
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the running work (Esc)")
        self.cancel_button.clicked.connect(self.cancel_task)
        sb.addWidget(self.status_label, 1)
        sb.addPermanentWidget(self.legend)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _restore_layout(self) -> None:
        geo, state = self.settings.window_geometry(), self.settings.window_state()
        if geo is not None:
            self.restoreGeometry(geo)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.cancel_task()
        super().closeEvent(event)

    # Versions -----------------------------------------------------------------
    def _new_id(self) -> str:
        used = {d.id for d in self.docs}
        while f"d{self._next_id}" in used:
            self._next_id += 1
        self._next_id += 1
        return f"d{self._next_id - 1}"

    def open_paths(self, paths: Sequence[str | Path]) -> None:
        """Load files in the background, then (re)compare."""
        paths = [str(p) for p in paths]
        if not paths:
            return
        ids = [self._new_id() for _ in paths]
        load = self.load_fn

        def work(progress, cancelled):
            docs, errors = [], []
            for k, (p, i) in enumerate(zip(paths, ids, strict=True)):
                if cancelled():
                    break
                progress(k / len(paths), f"Loading {Path(p).name}")
                try:
                    docs.append((p, load(p, i)))
                except Exception as err:  # one line per file, shown together
                    errors.append(str(err) if str(err).startswith(p) else f"{p}: {err}")
            return docs, errors

        self._start("Loading", work, self._loaded)

    def add_text(self, text: str, title: str | None = None) -> None:
        """Add a pasted version (text) in the background, then (re)compare."""
        if not text.strip():
            self._error("The clipboard holds no text to add as a version.")
            return
        doc_id = self._new_id()
        title = title or f"Pasted version {sum(1 for d in self.docs if d.source == 'clipboard') + 1}"
        fn = self.load_text_fn

        def work(progress, cancelled):
            try:
                return [("", fn(text, doc_id, title))], []
            except Exception as err:
                return [], [f"clipboard: {err}"]

        self._start("Reading the pasted text", work, self._loaded)

    def paste_version(self) -> None:
        self.add_text(QApplication.clipboard().text())

    def _loaded(self, result) -> None:
        docs, errors = result
        for path, doc in docs:
            self.docs.append(doc)
            if path:
                self.settings.add_recent(path)
        if self.base_id is None and self.docs:
            self.base_id = self.docs[0].id
        if errors:
            self._error("\n".join(errors))
        self.recompute()

    def remove_version(self, doc_id: str | None = None) -> None:
        doc_id = doc_id or self.active_doc
        if doc_id is None:
            return
        self.docs = [d for d in self.docs if d.id != doc_id]
        if self.base_id == doc_id:
            self.base_id = self.docs[0].id if self.docs else None
        if self.active_doc == doc_id:
            self.active_doc = None
        self.recompute()

    def set_base(self, doc_id: str | None = None) -> None:
        doc_id = doc_id or self.active_doc
        if doc_id and doc_id != self.base_id:
            self.base_id = doc_id
            self.recompute()

    def move_version(self, step: int, doc_id: str | None = None) -> None:
        """Move a version left (-1) or right (+1) among the non-base panes."""
        doc_id = doc_id or self.active_doc
        ids = [d.id for d in self.docs]
        if doc_id not in ids:
            return
        i = ids.index(doc_id)
        j = max(0, min(len(ids) - 1, i + step))
        if i == j:
            return
        self.docs.insert(j, self.docs.pop(i))
        self._show()  # order is a display matter: no re-alignment needed

    def rename_version(self, doc_id: str | None = None, title: str | None = None) -> None:
        doc_id = doc_id or self.active_doc
        doc = next((d for d in self.docs if d.id == doc_id), None)
        if doc is None:
            return
        if title is None:
            title, ok = QInputDialog.getText(self, "Rename version", "Title:", text=doc.title)
            if not ok or not title.strip():
                return
        new = dataclasses.replace(doc, title=title.strip())
        self.docs = [new if d.id == doc_id else d for d in self.docs]
        if self.comparison is not None:  # a title is not aligned: swap it in place
            docs = tuple(new if d.id == doc_id else d for d in self.comparison.documents)
            self._set_comparison(dataclasses.replace(self.comparison, documents=docs))

    # Comparing ----------------------------------------------------------------
    def set_threshold(self, value: float | None, now: bool = False) -> None:
        self.threshold = value
        if now:
            self.recompute()
        else:
            self._realign_timer.start()

    def recompute(self) -> None:
        """Align the loaded versions in the background; the old view stays until done."""
        self._realign_timer.stop()
        if len(self.docs) < 2:
            self._set_comparison(None)
            return
        docs = list(self.docs)
        base = next((k for k, d in enumerate(docs) if d.id == self.base_id), 0)
        thr, compare = self.threshold, self.compare_fn

        def work(progress, cancelled):
            return compare(docs, base, thr, progress, cancelled)

        self._start("Aligning", work, self._set_comparison)

    def _start(self, what: str, fn, on_done) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()  # the newer request wins
        self.busy = True
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.progress.setFormat(f"{what}… %p%")
        self.task = worker.run_task(fn, on_done=lambda r: self._finish(on_done, r),
                                    on_error=self._failed, on_progress=self._progress,
                                    on_cancelled=self._cancelled, name=what)
        self._update_state()

    def _finish(self, on_done, result) -> None:
        self._idle()
        on_done(result)

    def _idle(self) -> None:
        self.busy = False
        self.progress.hide()
        self.cancel_button.hide()
        self._update_state()

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        if message:
            self.progress.setFormat(f"{message}… %p%")
            self.status_label.setText(message + "…")

    def _failed(self, err: BaseException) -> None:
        self._idle()
        self._error(str(err) or type(err).__name__)

    def _cancelled(self) -> None:
        if self.task is not None and not self.task.done:
            return  # a newer task is running; it owns the progress bar
        self._idle()
        self.statusBar().showMessage("Cancelled", 4000)

    def cancel_task(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()

    def _error(self, message: str) -> None:
        self.statusBar().showMessage(message.splitlines()[0], 8000)
        box = QMessageBox(QMessageBox.Icon.Warning, "scocompare", message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # non-blocking: the window (and tests) keep running

    def show_comparison(self, comp: Comparison) -> None:
        """Show a ready comparison (a saved session, a file): its documents become the versions."""
        self.cancel_task()
        self.docs = list(comp.documents)
        self.base_id = comp.base
        self._set_comparison(comp)

    def _set_comparison(self, comp: Comparison | None) -> None:
        self.comparison = comp
        self.index = ComparisonIndex(comp) if comp is not None else None
        if comp is not None:
            actions_mod.sync_threshold(self, comp.engine.threshold)
        self._show()
        for panel in self.panels.values():
            panel.set_comparison(comp)
        if self.find_bar is not None:
            self.find_bar.set_comparison(comp)

    def _show(self) -> None:
        """Lay the panes out: base first, then the versions in the user's order."""
        if self.index is None:
            self.area.set_index(None, [])
            self.detail.clear()
        else:
            present = {d.id for d in self.comparison.documents}
            order = [self.comparison.base] + [d.id for d in self.docs
                                              if d.id in present and d.id != self.comparison.base]
            self.area.set_index(self.index, order)
            if self.active_doc not in present:
                self.active_doc = order[1] if len(order) > 1 else order[0]
            if self.area.selected:
                self.detail.show_segment(self.index, self.area.selected)
            else:
                self.detail.clear()
        self._update_state()

    # Selection and navigation -------------------------------------------------
    def _set_active(self, doc_id: str) -> None:
        self.active_doc = doc_id
        self._update_state()

    def select_segment(self, sid: str) -> None:
        """Select a segment (from a pane, a panel or navigation) everywhere."""
        if self.index is None or sid not in self.index.segments:
            return
        self.area.select(sid)
        self.detail.show_segment(self.index, sid)
        for panel in self.panels.values():
            if hasattr(panel, "select_segment"):
                panel.select_segment(sid)

    def differences(self, doc_id: str | None = None) -> list[tuple[int, str]]:
        """(position, segment id) of the active pane's differences that pass the filter."""
        pane = self.area.pane(doc_id or self.active_doc or "")
        if pane is None or self.index is None:
            return []
        out = []
        for start, _end, sid, gap in pane.spans():
            kinds = {"dropped"} if gap else self.index.kinds(sid)
            if kinds & self.enabled_kinds:
                out.append((start, sid))
        return out

    def step_difference(self, step: int) -> None:
        """Select the next (+1) or previous (-1) difference in the active pane."""
        diffs = self.differences()
        if not diffs:
            self.statusBar().showMessage("No differences of the chosen kinds here", 4000)
            return
        pane = self.area.pane(self.active_doc)
        here = pane.cursor_span_start()
        if step > 0:
            nxt = next((d for d in diffs if d[0] > here), None) if here is not None else diffs[0]
            if nxt is None:
                nxt = diffs[0]
                self.statusBar().showMessage("Back at the first difference", 3000)
        else:
            nxt = next((d for d in reversed(diffs) if here is None or d[0] < here), None)
            if nxt is None:
                nxt = diffs[-1]
                self.statusBar().showMessage("Back at the last difference", 3000)
        pane.place_cursor(nxt[0])
        self.select_segment(nxt[1])
        pane.text.setFocus()

    def set_kind_enabled(self, kind: str, on: bool) -> None:
        (self.enabled_kinds.add if on else self.enabled_kinds.discard)(kind)

    # Drag and drop ------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        md = event.mimeData()
        files = [u.toLocalFile() for u in md.urls() if u.isLocalFile()]
        if files:
            self.open_paths(files)
        elif md.hasText():
            self.add_text(md.text(), "Dropped text")
        event.acceptProposedAction()

    # Status -------------------------------------------------------------------
    def _update_state(self) -> None:
        n = len(self.docs)
        if n == 0:
            text = "No versions loaded"
        elif self.comparison is None:
            text = f"{n} version{'s' if n != 1 else ''} loaded; add at least two to compare"
        else:
            base = self.comparison.document(self.comparison.base)
            eng = self.comparison.engine
            text = (f"{len(self.comparison.documents)} versions · base: {base.title or base.id} · "
                    f"{len(self.comparison.links)} links, {len(self.comparison.conflicts)} conflicting facts · "
                    f"scorer {eng.scorer}, threshold {eng.threshold:.2f}")
        if self.busy and self.task is not None:
            text += f" · {self.task.name.lower()}…"
        self.status_label.setText(text)
        if self.comparison is not None:
            title = self.comparison.document(self.comparison.base).title
            self.setWindowTitle(f"{title} — scocompare")
        actions_mod.update_enabled(self)
