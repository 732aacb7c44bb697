"""File > Search saved sessions… (Ctrl+Shift+F): which sessions quote these words?

Searches every saved version of every session (SQLite FTS5 through
SessionStore.search) as the user types, after a short pause, on the worker pool.
Results list session / version / passage; Enter or a double click opens the session
with that sentence selected.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from scocompare.gui import worker

DEBOUNCE_MS = 250
LIMIT = 200


def passage(snippet: str, query: str, before: int = 30) -> str:
    """The snippet starting shortly before the searched words, so a narrow column shows them."""
    words = re.findall(r"\w+", query)
    m = re.search(r"\W+".join(re.escape(w) for w in words), snippet, re.IGNORECASE) if words else None
    if m is None and words:
        m = re.search(re.escape(words[0]), snippet, re.IGNORECASE)
    if m is None or m.start() <= before:
        return snippet
    cut = snippet.rfind(" ", 0, m.start() - before)
    return "…" + snippet[(cut + 1) if cut >= 0 else m.start() - before:].lstrip("…")


class SearchDialog(QDialog):
    """Type words; see the sessions and versions that contain them; open one at the sentence."""

    hitActivated = Signal(object)  # store.search.SearchHit
    searched = Signal(int)  # number of results shown (tests wait on it)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Search saved sessions — scocompare")
        self.resize(900, 460)
        lay = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Words or a phrase, e.g. digital payments")
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Search the text of every saved version")
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._return)
        self.query.installEventFilter(self)
        lay.addWidget(QLabel("Find the sessions whose versions quote these words "
                             "(the exact phrase first; otherwise sentences holding every word):"))
        lay.addWidget(self.query)
        self.results = QTreeWidget()
        self.results.setHeaderLabels(["Session", "Version", "Passage"])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setAccessibleName("Search results")
        self.results.setToolTip("Enter or double-click opens the session at this sentence")
        self.results.itemActivated.connect(lambda item, _c: self.activate(item))
        head = self.results.header()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.results.setColumnWidth(0, 190)
        self.results.setColumnWidth(1, 170)
        lay.addWidget(self.results, 1)
        self.status = QLabel("Type at least one word.")
        lay.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self._task: worker.Task | None = None
        self.hitActivated.connect(self._open_hit)

    def run_search(self) -> None:
        """Search now for the text in the box (the newest query wins)."""
        self._timer.stop()
        text = self.query.text().strip()
        if self._task is not None and not self._task.done:
            self._task.cancel()
        if not text:
            self.results.clear()
            self.status.setText("Type at least one word.")
            self.searched.emit(0)
            return
        store = self.controller.store
        if store is None:
            self.status.setText("The session database could not be opened.")
            return
        self.status.setText("Searching…")
        self._task = worker.run_task(lambda progress, cancelled: store.search(text, limit=LIMIT),
                                     on_done=lambda hits: self._show(text, hits),
                                     on_error=lambda err: self.status.setText(str(err).splitlines()[0]),
                                     name="Searching sessions")

    def _show(self, text: str, hits) -> None:
        self.results.clear()
        for hit in hits:
            item = QTreeWidgetItem([hit.session, hit.title, passage(hit.snippet, text)])
            item.setData(0, Qt.ItemDataRole.UserRole, hit)
            item.setToolTip(2, hit.snippet)
            item.setToolTip(1, hit.title)
            self.results.addTopLevelItem(item)
        n = len(hits)
        sessions = len({h.session_id for h in hits})
        if n:
            more = " (first results only)" if n >= LIMIT else ""
            self.status.setText(f"{n} passage{'s' if n != 1 else ''} in {sessions} session"
                                f"{'s' if sessions != 1 else ''}{more}. Enter opens the selected one.")
            self.results.setCurrentItem(self.results.topLevelItem(0))
        else:
            self.status.setText(f"No saved version quotes “{text}”.")
        self.searched.emit(n)

    def _return(self) -> None:
        if self._timer.isActive() or self.results.topLevelItemCount() == 0:
            self.run_search()
        else:
            self.activate(self.results.currentItem())

    def eventFilter(self, obj, event) -> bool:
        if obj is self.query and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.results.setFocus()
            return True
        return super().eventFilter(obj, event)

    def activate(self, item: QTreeWidgetItem | None) -> None:
        """Open the session of a result at its sentence."""
        if item is not None:
            self.hitActivated.emit(item.data(0, Qt.ItemDataRole.UserRole))

    def _open_hit(self, hit) -> None:
        self.controller.open_session(hit.session_id, segment=hit.segment)
