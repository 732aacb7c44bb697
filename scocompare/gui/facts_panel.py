"""Facts panel: every conflicting fact, with the value each version states.

One top-level row per ``Conflict``: what the fact is about and the values that
clash ("event date: 14 March 2024 ≠ 15 March 2024"). One child row per stated
value, reading "<version short name>: <value>" so the value stays in view in a
narrow dock: the base's value first, values that contradict the base in bold with
"≠", values that only restate it ticked "✓ … agrees" (the fact layer lists every
version's value in an event conflict, also the compatible ones). The sentence
is in the second column and the tooltip. Picking a value (click, double-click or
Enter) emits ``segmentActivated`` with its segment id; picking the conflict row
jumps to its first value.
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
from scocompare.gui.fact_agreement import AGREES, BASE, DIFFERS, Agreement, conflict_statuses
from scocompare.gui.view_model import short_name

SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # base / agrees / differs / unchecked
# The values lead: a narrow dock still shows who says what; the sentence may elide.
COLUMNS = ("Fact · version: value", "Sentence")
MAX_FIRST_COLUMN = 420  # px: the sentence column keeps some room when the dock is wide
EMPTY_TEXT = "No conflicting facts found"
NO_COMPARISON_TEXT = "No comparison loaded"
SCOPE_LABELS = {"link": "linked passages", "event": "the event itself"}
AGREES_SUFFIX = " ✓ agrees"


def _value_text(value: FactValue) -> str:
    return value.text or ", ".join(f"{k}={v}" for k, v in value.value.items())


def conflict_summary(conflict: Conflict, statuses: list[str] | None = None) -> str:
    """``"July 5th ≠ July 4, 2023"``: the distinct values in order of appearance.

    With ``statuses`` (see ``fact_agreement``), values that agree with the base are
    left out: they are not part of the disagreement.
    """
    seen: list[str] = []
    for k, v in enumerate(conflict.values):
        if statuses is not None and statuses[k] == AGREES:
            continue
        t = _value_text(v)
        if t not in seen:
            seen.append(t)
    return " \u2260 ".join(seen)


def value_label(name: str, value: FactValue, status: str) -> str:
    """The row text of one value: "<short name>: <value>" with its agreement marker."""
    text = _value_text(value)
    if status == BASE:
        return f"Base ({name}): {text}"
    if status == AGREES:
        return f"{name}: {text}{AGREES_SUFFIX}"
    if status == DIFFERS:
        return f"\u2260 {name}: {text}"
    return f"{name}: {text}"  # the base states nothing to check it against


class FactsPanel(QWidget):
    """Lists ``comparison.conflicts``; emits ``segmentActivated(segment id)`` on a pick."""

    segmentActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._content_width = MAX_FIRST_COLUMN
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
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
        agreement = Agreement(comparison)
        for conflict, statuses in zip(comparison.conflicts, agreement.statuses, strict=True):
            top = self._conflict_item(conflict, comparison, statuses)
            top.setBackground(0, brush)
            top.setForeground(0, fg)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self._content_width = self.tree.columnWidth(0) + 8
        self._fit_first_column()
        self.stack.setCurrentWidget(self.tree)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_first_column()

    def _fit_first_column(self) -> None:
        # The values column never runs past a narrow dock's edge (the sentence column
        # goes instead); in a wide one it stops at MAX_FIRST_COLUMN.
        room = max(160, self.tree.viewport().width() - 4)
        self.tree.setColumnWidth(0, min(self._content_width, MAX_FIRST_COLUMN, room))

    def conflict_count(self) -> int:
        """How many conflicts are listed."""
        return self.tree.topLevelItemCount()

    # --- building rows -------------------------------------------------------------
    def _conflict_item(self, conflict: Conflict, comparison: Comparison,
                       statuses: list[str] | None = None) -> QTreeWidgetItem:
        if statuses is None:
            statuses = conflict_statuses(comparison, conflict)
        marker = kinds.style("conflict").marker
        label = conflict.label or f"{conflict.kind} stated differently"
        scope = SCOPE_LABELS.get(conflict.scope, conflict.scope)
        summary = conflict_summary(conflict, statuses)
        top = QTreeWidgetItem([f"{marker} {label}: {summary}", f"{conflict.kind} · {scope}"])
        first = conflict.values[0].segment if conflict.values else ""
        top.setData(0, SEGMENT_ROLE, first)
        why = ("The versions disagree about the event itself (its date or place in the "
               "lead or dateline), even where those sentences are not linked."
               if conflict.scope == "event" else
               "Linked passages state different values of this fact.")
        odd = [short_name(comparison.document(v.segment.split(".", 1)[0]))
               for v, st in zip(conflict.values, statuses, strict=True) if st == DIFFERS]
        who = f"\nDiffers from the base: {', '.join(dict.fromkeys(odd))}" if odd else ""
        top.setToolTip(0, f"{label}: {summary}{who}\n{why}")
        top.setToolTip(1, why)
        for value, status in zip(conflict.values, statuses, strict=True):
            top.addChild(self._value_item(value, comparison, status))
        return top

    def _value_item(self, value: FactValue, comparison: Comparison, status: str) -> QTreeWidgetItem:
        doc_id = value.segment.split(".", 1)[0]
        try:
            doc = comparison.document(doc_id)
            name, title = short_name(doc), doc.title or doc_id
        except KeyError:
            doc, name, title = None, doc_id, doc_id
        try:
            sentence = comparison.segment(value.segment).text
        except KeyError:
            sentence = ""
        item = QTreeWidgetItem([value_label(name, value, status), " ".join(sentence.split())])
        item.setData(0, SEGMENT_ROLE, value.segment)
        item.setData(0, STATUS_ROLE, status)
        if status == DIFFERS:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        elif status == AGREES:
            item.setForeground(0, QBrush(self.palette().color(self.palette().ColorRole.PlaceholderText)))
        meaning = {BASE: "the base's value", AGREES: "agrees with the base",
                   DIFFERS: "differs from the base"}.get(status, "the base states no value to check it against")
        tip = f"{title}: \u201c{_value_text(value)}\u201d ({meaning})"
        if sentence:
            tip += f"\nin: {sentence}"
        if doc is not None and doc.source:
            tip += f"\nsource: {doc.source}"
        tip += "\nClick or press Enter to show it in the text."
        for col in range(len(COLUMNS)):
            item.setToolTip(col, tip)
        return item

    def value_rows(self, conflict_row: int) -> list[tuple[str, str]]:
        """(row text, status) of each value of one conflict, as shown."""
        top = self.tree.topLevelItem(conflict_row)
        return [(top.child(i).text(0), top.child(i).data(0, STATUS_ROLE)) for i in range(top.childCount())]

    def _pick(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        seg = item.data(0, SEGMENT_ROLE)
        if seg:
            self.segmentActivated.emit(seg)
