"""Find bar (Ctrl+F): search every version's text at once.

Matching is case-insensitive and literal (what a journalist types is a phrase, not a
pattern); whitespace in the query matches any run of whitespace so a phrase broken
over a line still matches. Matches are ordered by document (comparison order) and
offset. Typing jumps to the first match; Enter / F3 go to the next, Shift+Enter /
Shift+F3 to the previous (wrapping), Escape closes the bar. Each jump emits
``matchActivated(doc_id, start, end)`` (offsets into ``Document.text``) and
``segmentActivated(segment id)`` for the sentence holding the match.

The window owns the Ctrl+F shortcut and calls ``open_bar()``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from scocompare.core.model import Comparison, Document


@dataclass(frozen=True)
class Match:
    doc: str
    start: int
    end: int
    segment: str  # "" when the match lies outside every segment


def _pattern(query: str) -> re.Pattern | None:
    words = query.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def segment_at(doc: Document, offset: int) -> str:
    """Id of the segment holding ``offset`` (or the next one after a gap), "" if none."""
    segs = doc.segments
    if not segs:
        return ""
    starts = [s.start for s in segs]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and segs[i].start <= offset < segs[i].end:
        return segs[i].id
    return segs[i + 1].id if i + 1 < len(segs) else segs[-1].id


def find_all(comparison: Comparison | None, query: str) -> list[Match]:
    """Every case-insensitive occurrence of ``query`` in every document's text."""
    pat = _pattern(query)
    if comparison is None or pat is None:
        return []
    out: list[Match] = []
    for doc in comparison.documents:
        for m in pat.finditer(doc.text):
            out.append(Match(doc.id, m.start(), m.end(), segment_at(doc, m.start())))
    return out


class FindBar(QWidget):
    """A line edit, an "n of m" label and previous/next buttons."""

    segmentActivated = Signal(str)
    matchActivated = Signal(str, int, int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self.matches: list[Match] = []
        self.index = -1

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in all versions")
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip("Case-insensitive search across every version. Enter: next, "
                             "Shift+Enter: previous, Escape: close")
        self.edit.textChanged.connect(self._search)
        self.label = QLabel(self)
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("9999 of 9999") + 8)
        self.label.setToolTip("Current match and number of matches in all versions")
        self.prev_button = self._button("\u25b2", "Previous match (Shift+F3)", self.find_previous)
        self.next_button = self._button("\u25bc", "Next match (F3)", self.find_next)
        self.close_button = self._button("\u2715", "Close the find bar (Escape)", self.close_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        find_label = QLabel("&Find:", self)
        find_label.setBuddy(self.edit)
        layout.addWidget(find_label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.setFocusProxy(self.edit)

        self.edit.installEventFilter(self)
        self._update_label()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # --- public API ------------------------------------------------------------------
    def set_comparison(self, comparison: Comparison | None) -> None:
        """Search ``comparison``'s documents; the current query is run again."""
        self._comparison = comparison
        self._search(self.edit.text(), jump=False)

    def open_bar(self) -> None:
        """Show the bar, focus the field and select its text (what Ctrl+F does)."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def current(self) -> Match | None:
        return self.matches[self.index] if 0 <= self.index < len(self.matches) else None

    # --- keys: handled here rather than by QShortcut so they work whenever the bar has
    # focus, without depending on the window being active.
    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            return self._handle_key(event)
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event) -> bool:
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
            self.find_previous() if shift else self.find_next()
            return True
        if key == Qt.Key.Key_Escape:
            self.close_bar()
            return True
        return False

    # --- internals -------------------------------------------------------------------
    def _search(self, text: str, jump: bool = True) -> None:
        self.matches = find_all(self._comparison, text)
        self.index = -1
        if self.matches and jump:
            self._go(0)
        self._update_label()

    def _step(self, delta: int) -> None:
        if not self.matches:
            return
        start = self.index if self.index >= 0 else (-1 if delta > 0 else 0)
        self._go((start + delta) % len(self.matches))

    def _go(self, i: int) -> None:
        self.index = i
        m = self.matches[i]
        self._update_label()
        self.matchActivated.emit(m.doc, m.start, m.end)
        if m.segment:
            self.segmentActivated.emit(m.segment)

    def _update_label(self) -> None:
        has_query = bool(self.edit.text().strip())
        if not has_query:
            self.label.setText("")
        elif not self.matches:
            self.label.setText("no match")
        else:
            pos = self.index + 1 if self.index >= 0 else 0
            self.label.setText(f"{pos} of {len(self.matches)}")
        # A red-tinted field on "no match", like browsers do; the label text says it too.
        self.edit.setProperty("notFound", has_query and not self.matches)
        self.edit.setStyleSheet("QLineEdit[notFound=\"true\"] { background: #f4c7c3; color: #111; }")
        for b in (self.prev_button, self.next_button):
            b.setEnabled(bool(self.matches))
