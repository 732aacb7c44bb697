"""Facts panel: every conflicting fact, with the value each version states.

One top-level row per ``Conflict`` (what the fact is about, its kind, link or event
scope, and the values side by side); one child row per stated value with the
version's title, the value as written and the sentence it stands in. Picking a
value (click, double-click or Enter) emits ``segmentActivated`` with its segment id
so the window can scroll every pane there; picking the conflict row itself jumps to
its first value.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scocompare.core.model import Comparison, Conflict, FactValue
from scocompare.gui import kinds

SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 1
# Values last: it stretches with the panel; kind and scope are short and stay visible.
COLUMNS = ("Fact / version", "Kind", "Scope", "Values")
MAX_FIRST_COLUMN = 280  # px: long newspaper titles elide rather than push the values out of view
EMPTY_TEXT = "No conflicting facts found"
NO_COMPARISON_TEXT = "No comparison loaded"
SCOPE_LABELS = {"link": "linked passages", "event": "the event itself"}


def _value_text(value: FactValue) -> str:
    return value.text or ", ".join(f"{k}={v}" for k, v in value.value.items())


def conflict_summary(conflict: Conflict) -> str:
    """``"July 5th ≠ July 4, 2023"``: the distinct values in order of appearance."""
    seen: list[str] = []
    for v in conflict.values:
        t = _value_text(v)
        if t not in seen:
            seen.append(t)
    return " \u2260 ".join(seen)


class FactsPanel(QWidget):
    """Lists ``comparison.conflicts``; emits ``segmentActivated(segment id)`` on a pick."""

    segmentActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.setToolTip("Facts the versions state differently. Click a value, or select "
                             "it and press Enter, to show it in the texts.")
        self.tree.itemClicked.connect(self._pick)
        self.tree.itemActivated.connect(self._pick)  # Enter and double-click

        self.empty = QLabel(NO_COMPARISON_TEXT, self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)  # greyed, like other "nothing here" placeholders

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.tree)

    # --- public API ----------------------------------------------------------------
    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show the conflicts of ``comparison`` (or the empty state for None)."""
        self._comparison = comparison
        self.tree.clear()
        if comparison is None or not comparison.conflicts:
            self.empty.setText(NO_COMPARISON_TEXT if comparison is None else EMPTY_TEXT)
            self.stack.setCurrentWidget(self.empty)
            return
        dark = kinds.palette_is_dark(self)
        brush = QBrush(kinds.qcolor("conflict", dark))
        fg = QBrush(QColor(kinds.text_colour(dark)))
        for conflict in comparison.conflicts:
            top = self._conflict_item(conflict, comparison)
            top.setBackground(0, brush)
            top.setForeground(0, fg)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        for col in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(col)
        first = min(self.tree.columnWidth(0), MAX_FIRST_COLUMN)
        self.tree.setColumnWidth(0, first)
        self.stack.setCurrentWidget(self.tree)

    def conflict_count(self) -> int:
        """How many conflicts are listed."""
        return self.tree.topLevelItemCount()

    # --- building rows -------------------------------------------------------------
    def _conflict_item(self, conflict: Conflict, comparison: Comparison) -> QTreeWidgetItem:
        marker = kinds.style("conflict").marker
        label = conflict.label or f"{conflict.kind} stated differently"
        scope = SCOPE_LABELS.get(conflict.scope, conflict.scope)
        top = QTreeWidgetItem([f"{marker} {label}", conflict.kind, scope,
                               conflict_summary(conflict)])
        first = conflict.values[0].segment if conflict.values else ""
        top.setData(0, SEGMENT_ROLE, first)
        why = ("The versions disagree about the event itself (its date or place in the "
               "lead or dateline), even where those sentences are not linked."
               if conflict.scope == "event" else
               "Linked passages state different values of this fact.")
        top.setToolTip(0, f"{label}: {conflict_summary(conflict)}\n{why}")
        top.setToolTip(3, top.toolTip(0))
        top.setToolTip(2, why)
        for value in conflict.values:
            top.addChild(self._value_item(value, comparison))
        return top

    def _value_item(self, value: FactValue, comparison: Comparison) -> QTreeWidgetItem:
        doc_id = value.segment.split(".", 1)[0]
        try:
            doc = comparison.document(doc_id)
            title = doc.title or doc_id
        except KeyError:
            doc, title = None, doc_id
        try:
            sentence = comparison.segment(value.segment).text
        except KeyError:
            sentence = ""
        base = "Base: " if doc_id == comparison.base else ""  # leads, so eliding keeps it
        item = QTreeWidgetItem([f"{base}{title}", "", "", _value_text(value)])
        item.setData(0, SEGMENT_ROLE, value.segment)
        tip = f"{base}{title}: \u201c{_value_text(value)}\u201d"
        if sentence:
            tip += f"\nin: {sentence}"
        if doc is not None and doc.source:
            tip += f"\nsource: {doc.source}"
        tip += "\nClick or press Enter to show it in the text."
        for col in range(len(COLUMNS)):
            item.setToolTip(col, tip)
        return item

    def _pick(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        seg = item.data(0, SEGMENT_ROLE)
        if seg:
            self.segmentActivated.emit(seg)
