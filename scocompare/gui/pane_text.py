"""One version's pane: title, source, coverage bar and its highlighted text.

Rendering, look-ups from text positions to segments, selection framing, tooltips and
the per-sentence context menu (manual link, break link, reviewed mark) live here;
``panes.PaneArea`` lays several of these side by side.
"""

from __future__ import annotations

import bisect
from pathlib import PurePath

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QFontMetrics,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from scocompare.gui import theme
from scocompare.gui.view_model import ComparisonIndex, gap_text

# Five versions beside a side panel fit a 1600 px screen; narrower, lines get too short.
PANE_MIN_WIDTH = 260
TITLE_LINES = 2
REVIEWED_TICK = "✔ "  # leads a reviewed sentence, inside its span, like the conflict marker

class TitleLabel(QLabel):
    """A pane's headline: wrapped, but cut after TITLE_LINES lines with "…" (four-line
    headlines pushed the texts down); the whole headline stays in ``full_text``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.full_text = ""
        self.setWordWrap(True)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setText(text)
        self._elide()

    def setFont(self, font) -> None:
        super().setFont(font)
        self.setMaximumHeight(max(self.fontMetrics().lineSpacing(), self.fontMetrics().height())
                              * TITLE_LINES + 4)
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        if self.full_text:
            shown = elide_lines(self.full_text, self.fontMetrics(), max(40, self.width()), TITLE_LINES)
            if shown != self.text():
                self.setText(shown)


class VersionPane(QWidget):
    """One version: title, source, coverage bar and its highlighted, read-only text."""

    segmentActivated = Signal(str)  # user clicked / moved the cursor onto a segment
    userScrolled = Signal()
    activated = Signal(str)  # this pane got the user's attention (doc id)
    linkRequested = Signal(str)  # Ctrl+click on a segment: link it with the selection
    menuRequested = Signal(str, QPoint)  # context menu on a segment (global position)

    def __init__(self, index: ComparisonIndex, doc_id: str, parent=None, render: bool = True,
                 reviewed: dict[str, str] | None = None):
        super().__init__(parent)
        self.index = index
        self.reviewed = reviewed or {}  # segment id -> note: drawn with a margin tick
        self.doc_id = doc_id
        doc = index.comp.document(doc_id)
        self.is_base = doc_id == index.base
        self.setMinimumWidth(PANE_MIN_WIDTH)

        self.title = TitleLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.title.setFont(f)
        self.title.set_full_text(("BASE · " if self.is_base else "") + (doc.title or doc_id))
        self.title.setToolTip(f"{doc.title}\nDocument {doc_id}" + (" (the base all versions are compared with)" if self.is_base else ""))
        self.source = QLabel(_elide_middle(source_label(doc.source), 48))
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setToolTip(f"Source: {doc.source}\nsha256 {doc.sha256[:16]}…")
        self.source.setStyleSheet("color: palette(mid);")
        self.coverage = QProgressBar()
        self.coverage.setRange(0, 100)
        self.coverage.setMaximumHeight(16)
        cov = index.comp.coverage.get(doc_id)
        if self.is_base:
            self.coverage.setValue(100)
            self.coverage.setFormat("base")
            self.coverage.setToolTip("This is the base: every version is measured against it")
        elif cov is not None:
            pct = round(cov.covered * 100)
            self.coverage.setValue(pct)
            self.coverage.setFormat(f"carries {pct}% of the base")
            self.coverage.setToolTip(
                f"Carries {pct}% of the base's passages; {len(cov.dropped)} dropped, "
                f"{len(cov.added)} added")
        else:
            self.coverage.setFormat("coverage unknown")

        self.text = QTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.text.setAccessibleName(f"Text of {doc.title or doc_id}")
        self.text.viewport().installEventFilter(self)
        self.text.cursorPositionChanged.connect(self._cursor_moved)
        self.text.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.source)
        lay.addWidget(self.coverage)
        lay.addWidget(self.text, 1)

        self._starts: list[int] = []
        self._spans: list[tuple[int, int, str, bool]] = []  # (start, end, seg id, gap)
        self._seg_span: dict[str, tuple[int, int]] = {}
        self._gap_span: dict[str, tuple[int, int]] = {}
        self._current: str | None = None
        self._programmatic = 0
        self.rendered = False
        if render:
            self.render()

    # Rendering ----------------------------------------------------------------
    def render(self) -> None:
        """Build the document: segments with kind formats, gap markers, fact spans."""
        dark = theme.is_dark(self.palette())
        self._programmatic += 1
        # Built detached, then swapped in: inserting into the shown document would
        # re-lay it out after every run of text (ten times slower).
        doc = QTextDocument(self.text)
        doc.setDefaultFont(self.text.font())
        cur = QTextCursor(doc)
        bf = QTextBlockFormat()
        bf.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cur.setBlockFormat(bf)
        plain = QTextCharFormat()
        self._spans.clear()
        self._seg_span.clear()
        self._gap_span.clear()
        for piece in self.index.pieces(self.doc_id):
            if piece.gap:
                start = cur.position()
                cur.insertText(gap_text(self.index.segments[piece.seg].text), theme.gap_format(dark))
                self._spans.append((start, cur.position(), piece.seg, True))
                self._gap_span[piece.seg] = (start, cur.position())
                continue
            if piece.seg is None:
                cur.insertText(piece.text, plain)
                continue
            start = cur.position()
            fmt = theme.char_format(piece.kinds, dark)
            if piece.seg in self.reviewed:
                cur.insertText(REVIEWED_TICK, theme.reviewed_format(dark))
            for k in ("conflict", "moved"):
                if k in piece.kinds:
                    cur.insertText(theme.STYLES[k].marker + " ", fmt)
            text_start = cur.position()
            cur.insertText(piece.text, fmt)
            self._spans.append((start, cur.position(), piece.seg, False))
            self._seg_span[piece.seg] = (start, cur.position())
            self._mark_facts(doc, piece.seg, piece.doc_start, text_start, dark)
        self.text.setDocument(doc)
        self._spans.sort()
        self._starts = [s[0] for s in self._spans]
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self._programmatic -= 1
        self.rendered = True

    def _mark_facts(self, doc: QTextDocument, sid: str, doc_start: int, disp_start: int, dark: bool) -> None:
        """Within a conflicting segment, stress the exact words that disagree."""
        seg = self.index.segments[sid]
        for c in self.index.conflicts_of.get(sid, ()):
            for v in c.values:
                if v.segment != sid or v.start < seg.start or v.end > seg.end or v.end <= v.start:
                    continue
                if self.index.agreement.status(v) == "agrees":
                    continue  # restates the base: not what the reader must check
                cur = QTextCursor(doc)
                cur.setPosition(disp_start + v.start - doc_start)
                cur.setPosition(disp_start + v.end - doc_start, QTextCursor.MoveMode.KeepAnchor)
                fmt = QTextCharFormat()
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(theme.underline_colour("conflict", dark))
                fmt.setBackground(theme.underline_colour("conflict", dark).lighter(170 if not dark else 60))
                cur.mergeCharFormat(fmt)

    # Look-ups -----------------------------------------------------------------
    def span_at(self, pos: int) -> tuple[int, int, str, bool] | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0:
            s = self._spans[i]
            if s[0] <= pos < s[1]:
                return s
        return None

    def segment_ids(self) -> list[str]:
        return [s[2] for s in self._spans if not s[3]]

    def spans(self) -> list[tuple[int, int, str, bool]]:
        """(start, end, segment id, is_gap) of every segment and gap, in text order."""
        return list(self._spans)

    def cursor_span_start(self) -> int | None:
        """Start of the segment or gap under the text cursor (None between segments)."""
        span = self.span_at(self.text.textCursor().position())
        return span[0] if span else None

    def place_cursor(self, pos: int) -> None:
        """Move the text cursor without announcing a new selection."""
        self._programmatic += 1
        cur = self.text.textCursor()
        cur.setPosition(pos)
        self.text.setTextCursor(cur)
        self._reveal_at(pos)
        self._programmatic -= 1

    def _reveal_at(self, pos: int) -> None:
        """``reveal`` the segment or gap at ``pos`` (or the position alone)."""
        span = self.span_at(pos)
        self.reveal(*(span[:2] if span else (pos, pos)))

    def reveal(self, start: int, end: int) -> None:
        """Scroll the passage [start, end) wholly into view (left alone if it already is)."""
        # ensureCursorVisible() stops at the first line: a passage reached by F7 or Find
        # sat on the pane's last line with its words below the edge.
        cur = QTextCursor(self.text.document())
        cur.setPosition(start)
        top = self.text.cursorRect(cur).top()
        cur.setPosition(end)
        bottom = self.text.cursorRect(cur).bottom()
        height = self.text.viewport().height()
        if top >= 0 and bottom <= height:
            return
        # A quarter down gives some lead-in; a passage too tall for that starts at the top.
        lead = height // 4 if bottom - top <= height - height // 4 else 4
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.value() + top - lead)

    def has(self, sid: str) -> bool:
        return sid in self._seg_span or sid in self._gap_span

    def span_of(self, sid: str) -> tuple[int, int] | None:
        """(start, end) of segment ``sid`` in this pane, or of its gap marker; None if absent."""
        return self._seg_span.get(sid) or self._gap_span.get(sid)

    def position_of(self, sid: str) -> int | None:
        span = self.span_of(sid)
        return span[0] if span else None

    def top_segment(self) -> str | None:
        """The segment shown at the top of the viewport (for linked scrolling)."""
        pos = self.text.cursorForPosition(QPoint(4, 4)).position()
        i = bisect.bisect_right(self._starts, pos) - 1
        while i >= 0:
            if not self._spans[i][3]:
                return self._spans[i][2]
            i -= 1
        ids = self.segment_ids()
        return ids[0] if ids else None

    def selected(self) -> str | None:
        return self._current

    # Selection ----------------------------------------------------------------
    def _cursor_moved(self) -> None:
        if self._programmatic:
            return
        span = self.span_at(self.text.textCursor().position())
        self.activated.emit(self.doc_id)
        if span and span[2] != self._current:
            self.segmentActivated.emit(span[2])

    def show_selection(self, selected: str | None, related: set[str], hints: set[str] = frozenset()) -> None:
        """Frame the selected segment and its counterparts; scroll them into view.

        ``hints`` (near misses: the closest unlinked sentence, never a counterpart) get a
        dashed outline-like underline only, and are scrolled to when nothing else here is."""
        dark = theme.is_dark(self.palette())
        strong, soft, text = theme.selection_colours(dark)
        extras = []
        first = None
        hinted = [h for h in sorted(hints - related) if h in self._seg_span]
        for sid in hinted:
            fmt = QTextCharFormat()
            # A dotted wash of the counterpart colour: "look here", unlike a link's solid frame.
            fmt.setBackground(QBrush(soft, Qt.BrushStyle.Dense6Pattern))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(soft)
            extras.append(self._extra_selection(self._seg_span[sid], fmt))
        for sid in ([selected] if selected else []) + sorted(related):
            span = self.span_of(sid)
            if not span:
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(strong if sid == selected else soft)
            fmt.setForeground(text)
            extras.append(self._extra_selection(span, fmt))
            if first is None or span[0] < first:
                first = span[0]
        if first is None and hinted:
            first = min(self._seg_span[h][0] for h in hinted)
        self.text.setExtraSelections(extras)
        self._current = selected if selected and self.has(selected) else (
            min(related & set(self._seg_span), key=lambda s: self._seg_span[s][0], default=None))
        if first is not None:
            self._programmatic += 1
            cur = self.text.textCursor()
            if not (self.span_at(cur.position()) and self.span_at(cur.position())[2] == self._current):
                cur.setPosition(first)
                self.text.setTextCursor(cur)
                self._reveal_at(first)
            else:
                self.text.ensureCursorVisible()  # the user's own click: do not move the text
            self._programmatic -= 1

    def _extra_selection(self, span: tuple[int, int], fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.text.document())
        cur.setPosition(span[0])
        cur.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        sel.format = fmt
        return sel

    def scroll_to(self, sid: str) -> None:
        """Put segment ``sid`` at the top of the viewport without user-scroll signals."""
        pos = self.position_of(sid)
        if pos is None:
            return
        cur = QTextCursor(self.text.document())
        cur.setPosition(pos)
        y = self.text.cursorRect(cur).top() + self.text.verticalScrollBar().value()
        self._programmatic += 1
        self.text.verticalScrollBar().setValue(max(0, y - 4))
        self._programmatic -= 1

    def _scrolled(self, _value: int) -> None:
        if not self._programmatic:
            self.userScrolled.emit()

    def _context_menu(self, pos: QPoint) -> None:
        span = self.span_at(self.text.cursorForPosition(pos).position())
        if span and not span[3]:
            self.menuRequested.emit(span[2], self.text.viewport().mapToGlobal(pos))

    # Tooltips and Ctrl+click --------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        if (obj is self.text.viewport() and event.type() == QEvent.Type.MouseButtonPress
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and event.button() == Qt.MouseButton.LeftButton):
            span = self.span_at(self.text.cursorForPosition(event.position().toPoint()).position())
            if span and not span[3]:
                self.activated.emit(self.doc_id)
                self.linkRequested.emit(span[2])
                return True  # the selection stays where it is: this click links
        if obj is self.text.viewport() and event.type() == QEvent.Type.ToolTip:
            pos = self.text.cursorForPosition(event.pos()).position()
            span = self.span_at(pos)
            if span:
                tip = self.index.describe(span[2], self.doc_id)
                if span[2] in self.reviewed:
                    note = self.reviewed[span[2]]
                    tip += "\n✔ Reviewed" + (f": {note}" if note else "")
                QToolTip.showText(event.globalPos(), tip, self.text)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(obj, event)


def elide_lines(text: str, fm: QFontMetrics, width: int, lines: int) -> str:
    """``text`` cut at a word (with "…") so that, wrapped at ``width``, it fits ``lines`` lines."""
    box = QRect(0, 0, width, 10_000)
    # Measured, not lineSpacing * lines: some fonts' line spacing is below their height.
    limit = fm.boundingRect(box, Qt.TextFlag.TextWordWrap, "\n".join("X" * lines)).height()

    def fits(t: str) -> bool:
        r = fm.boundingRect(box, Qt.TextFlag.TextWordWrap, t)
        return r.height() <= limit and r.width() <= width

    if fits(text):
        return text
    words = text.split()
    lo, hi = 0, len(words)  # the longest prefix of words that fits with the ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(" ".join(words[:mid]) + "…"):
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo]) + "…" if lo else fm.elidedText(text, Qt.TextElideMode.ElideRight, width)


def source_label(source: str) -> str:
    """What a pane header says about the source: the file name (the folder is in the
    tooltip), a URL without its scheme, or "pasted text"."""
    src = (source or "").strip()
    if src.startswith(("http://", "https://")):
        return src.split("://", 1)[1].rstrip("/")
    if src in ("clipboard", "pasted", ""):
        return "pasted text"
    return PurePath(src).name or src


def _elide_middle(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n // 2 - 1] + "…" + text[-(n // 2 - 1):]
