"""The comparison window: panes side by side, detail and side panels, actions.

The window shows a Comparison; loading and comparing always run through
``worker.run_task`` with a progress bar and Cancel, never on the UI thread. Every
command is a QAction in ``self.actions`` (see ``actions.py``) so that menus, toolbar,
shortcuts and later additions (manual links, undo) share one place.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from scocompare.core.model import Comparison, Constraint, Document
from scocompare.gui import actions as actions_mod
from scocompare.gui import engine_process, first_layout, worker
from scocompare.gui.detail import DetailPanel
from scocompare.gui.link_ops import LinkOpsMixin
from scocompare.gui.manual_links import ConstraintSet
from scocompare.gui.panes import LegendBar, PaneArea
from scocompare.gui.settings import Settings
from scocompare.gui.theme import DIFFERENCE_KINDS
from scocompare.gui.version_ops import VersionOpsMixin
from scocompare.gui.view_model import ComparisonIndex
from scocompare.gui.window_state import WindowStateMixin
from scocompare.gui.window_tasks import TaskMixin

# Side panels built by other modules; each is a QWidget with set_comparison() and a
# segmentActivated(str) signal. A missing one leaves its dock out.
SIDE_PANELS = (
    ("facts", "Facts", "scocompare.gui.facts_panel", "FactsPanel", Qt.DockWidgetArea.RightDockWidgetArea),
    ("overview", "Overview", "scocompare.gui.overview", "OverviewStrip", Qt.DockWidgetArea.RightDockWidgetArea),
    ("synoptic", "Synoptic table", "scocompare.gui.synoptic", "SynopticView", Qt.DockWidgetArea.BottomDockWidgetArea),
)


def _default_compare(documents, base, threshold, progress, cancelled, constraints=()) -> Comparison:
    # In the helper process: the engine's long C calls hold the GIL and would freeze
    # the window if they ran on a thread of this process (bench/stall_bench.py).
    return engine_process.compare_in_process(documents, base, threshold, progress, cancelled,
                                             constraints=constraints)


_default_compare.warm_up = engine_process.warm_up  # versions being loaded: start the model


def _default_load(path: str, doc_id: str) -> Document:
    # In the helper too: the readers' first imports hold the GIL for tens of ms each.
    return engine_process.load_in_process(path, doc_id)


def _default_load_text(text: str, doc_id: str, title: str) -> Document:
    from scocompare.core.ingest import load_text

    return load_text(text, source="clipboard", doc_id=doc_id, title=title)


class MainWindow(VersionOpsMixin, LinkOpsMixin, WindowStateMixin, TaskMixin, QMainWindow):
    """Versions side by side; background alignment; navigation through differences.

    Session contract (used by the session controller): ``comparisonShown`` after a
    comparison is displayed, ``userEdited(description)`` after every user change of
    the session, ``undo_stack``, ``menus`` and the methods of ``WindowStateMixin``.
    """

    comparisonShown = Signal(object)
    userEdited = Signal(str)

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
        self._pending_threshold: float | None = None
        self.undo_stack = QUndoStack(self)
        self.cset = ConstraintSet(callback=self._constraints_changed)
        self._known_constraints: set[Constraint] = set()
        self._quiet_constraints = False
        self._link_source: str | None = None  # "Link with…" waiting for its partner

        self.area = PaneArea()
        self.area.segmentActivated.connect(self._pane_segment_activated)
        self.area.linkRequested.connect(self._ctrl_click)
        self.area.segmentMenuRequested.connect(self.segment_menu)
        self.area.paneActivated.connect(self._set_active)
        self.setCentralWidget(self.area)
        self.detail = DetailPanel()
        self.detail.link_requested.connect(self.link_segments)
        self.legend = LegendBar()
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._add_dock("detail", "Differences of the selection", self.detail, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._add_side_panels()
        self._build_status_bar()
        first_layout.legend_above_panes(self)
        self.actions = actions_mod.build(self)
        self.find_bar = self._make_find_bar()
        self._panel_queue: list = []
        self._panel_timer = QTimer(self)
        self._panel_timer.setInterval(0)
        self._panel_timer.timeout.connect(self._fill_next_panel)
        self._realign_timer = QTimer(self)
        self._realign_timer.setSingleShot(True)
        self._realign_timer.setInterval(350)  # let the slider settle before re-aligning
        self._realign_timer.timeout.connect(self._commit_threshold)
        if self.settings.window_geometry() is None:
            first_layout.place_on_screen(self)  # a first start: the whole screen
        self._narrow_side = self.settings.window_state() is None
        self._restore_layout()
        self._update_state()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._narrow_side:
            # Without a saved layout the texts get the room: docks only take their
            # final size once the window is shown, so size them now.
            self._narrow_side = False
            first_layout.first_show(self)

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
            if area == Qt.DockWidgetArea.RightDockWidgetArea:
                # A panel's own minimum (the overview asks 400 px) would push the
                # fourth and fifth version off screen; it elides below that instead.
                panel.setMinimumWidth(min(panel.minimumSizeHint().width(), 220))
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

    # Comparing ----------------------------------------------------------------
    def recompute(self) -> None:
        """Align the loaded versions in the background; the old view stays until done."""
        self._realign_timer.stop()
        if len(self.docs) < 2:
            self._set_comparison(None)
            return
        docs = list(self.docs)
        base = next((k for k, d in enumerate(docs) if d.id == self.base_id), 0)
        thr, compare = self.threshold, self.compare_fn
        constraints = self.cset.for_aligner()

        def work(progress, cancelled):
            return compare(docs, base, thr, progress, cancelled, constraints=constraints)

        self._start("Aligning", work, self._set_comparison)

    def _set_comparison(self, comp: Comparison | None) -> None:
        self.comparison = comp
        self.index = ComparisonIndex(comp) if comp is not None else None
        if comp is not None:
            actions_mod.sync_threshold(self, comp.engine.threshold)
        self._show()
        # Side panels fill one per event-loop turn after the panes: together with the
        # panes they would hold the UI thread for a fifth of a second on 20 versions.
        self._panel_queue = [*self.panels.values(), *([self.find_bar] if self.find_bar else [])]
        self._panel_timer.start()
        if comp is not None:
            self.comparisonShown.emit(comp)

    def _fill_next_panel(self) -> None:
        if self._panel_queue:
            self._panel_queue.pop(0).set_comparison(self.comparison)
        if not self._panel_queue:
            self._panel_timer.stop()
            sid = self.area.selected
            if sid and self.index is not None and sid in self.index.segments:
                # Panels learn the selection too; the panes already show it and keep
                # their scroll positions (a restored session must not jump).
                for panel in self.panels.values():
                    if hasattr(panel, "select_segment"):
                        panel.select_segment(sid)

    @property
    def settling(self) -> bool:
        """True while panes or side panels are still being filled in the background."""
        return self.area.rendering or bool(self._panel_queue)

    def finish_settling(self) -> None:
        """Fill every pane and panel now (tests, screenshots)."""
        self.area.finish_rendering()
        while self._panel_queue:
            self._fill_next_panel()

    def _show(self) -> None:
        """Lay the panes out: base first, then the versions in the user's order."""
        if self.index is None:
            self.area.set_index(None, [])
            self.detail.clear()
        else:
            present = {d.id for d in self.comparison.documents}
            order = [self.comparison.base] + [d.id for d in self.docs
                                              if d.id in present and d.id != self.comparison.base]
            self.area.set_index(self.index, order, self.reviewed_marks())
            if self.active_doc not in present:
                self.active_doc = order[1] if len(order) > 1 else order[0]
            if self.area.selected:
                self.detail.show_segment(self.index, self.area.selected, self._detail_extras(self.area.selected))
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
        self.detail.show_segment(self.index, sid, self._detail_extras(sid))
        first_layout.grow_detail_once(self)
        for panel in self.panels.values():
            if hasattr(panel, "select_segment") and panel not in self._panel_queue:
                panel.select_segment(sid)

    def _detail_extras(self, sid: str) -> dict:
        """What the detail panel adds beyond the comparison: reviewed note, quote checks."""
        quotes = [q for q in getattr(self.comparison, "quotes", ()) if q.segment == sid]
        return {"review": self.review_note(sid), "quotes": quotes}

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
        # With nothing selected yet the text cursor still sits at 0, inside the pane's
        # first span: counting from it would make the first F7 skip the first difference.
        here = pane.cursor_span_start() if self.area.selected else None
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

