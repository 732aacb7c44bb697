"""Side-by-side text panes: the area that lays versions out, linked scrolling, legend."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QWidget,
)

from scocompare.gui import theme
from scocompare.gui.pane_text import PANE_MIN_WIDTH, VersionPane
from scocompare.gui.view_model import ComparisonIndex

__all__ = ["PANE_MIN_WIDTH", "LegendBar", "PaneArea", "VersionPane"]


class PaneArea(QScrollArea):
    """2 to 8 panes side by side, base first; horizontal scroll past what fits."""

    segmentActivated = Signal(str)
    paneActivated = Signal(str)
    linkRequested = Signal(str)  # Ctrl+click on a segment
    segmentMenuRequested = Signal(str, QPoint)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.panes: list[VersionPane] = []
        self.index: ComparisonIndex | None = None
        self.selected: str | None = None
        self.reviewed: dict[str, str] = {}
        self.pending_scroll: dict[str, int] = {}  # doc id -> scroll value, set once rendered
        self._drawn_dark = theme.is_dark(self.palette())  # the palette the panes were drawn for
        self.linked_scrolling = True
        self._syncing = False
        self._sync_source: VersionPane | None = None
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(0)
        self._sync_timer.timeout.connect(self._sync_scroll)
        # Panes fill one per event-loop turn: twenty long versions rendered at once
        # would freeze the window for a third of a second.
        self._to_render: list[VersionPane] = []
        self._to_create: list[str] = []  # doc ids whose panes are not made yet
        self._render_timer = QTimer(self)
        self._render_timer.setInterval(0)
        self._render_timer.timeout.connect(self._render_next)
        self._placeholder()

    def _placeholder(self) -> None:
        w = QLabel("Open two or more versions of a statement: files with Ctrl+O (text, Markdown, "
                   "HTML, PDF, Word), a web page with Ctrl+Shift+U, drag files here, or paste "
                   "one with Ctrl+Shift+V. Or try the demo set (Help ▸ Open the demo set).")
        w.setAlignment(Qt.AlignmentFlag.AlignCenter)
        w.setWordWrap(True)
        self.setWidget(w)

    def set_index(self, index: ComparisonIndex | None, order: list[str],
                  reviewed: dict[str, str] | None = None) -> None:
        """Show the documents ``order`` (base first) of ``index``; None clears.

        ``reviewed`` maps segment ids to review notes; those get a margin tick.
        """
        self.index = index
        self.reviewed = dict(reviewed or {})
        self.pending_scroll = {}
        self._drawn_dark = theme.is_dark(self.palette())
        self.panes = []
        self._to_render = []
        self._to_create: list[str] = []
        self._render_timer.stop()
        if index is None:
            self._placeholder()
            return
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setChildrenCollapsible(False)
        self._host = QWidget()
        lay = QHBoxLayout(self._host)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._splitter)
        self.setWidget(self._host)
        if not (self.selected and self.selected in index.segments):
            self.selected = None
        # Panes that fit the view are made now (cheap) and share its width; the rest
        # arrive one per event-loop turn beyond the right edge, where adding them does
        # not change the width (and so the text layout) of those already shown.
        fit = max(2, self.viewport().width() // PANE_MIN_WIDTH)
        self._to_create = list(order)
        for _ in range(min(fit, len(order))):
            self._create_next()
        for _ in range(2):  # base and first version at once: what the eye lands on
            self._render_next()
        if self.rendering:
            self._render_timer.start()

    def _create_next(self) -> None:
        doc_id = self._to_create.pop(0)
        pane = VersionPane(self.index, doc_id, render=False, reviewed=self.reviewed)
        pane.activated.connect(self.paneActivated)
        pane.linkRequested.connect(self.linkRequested)
        pane.menuRequested.connect(self.segmentMenuRequested)
        pane.segmentActivated.connect(self.segmentActivated)
        pane.userScrolled.connect(lambda p=pane: self._schedule_sync(p))
        self._splitter.addWidget(pane)
        self.panes.append(pane)
        self._to_render.append(pane)
        self._host.setMinimumWidth(PANE_MIN_WIDTH * len(self.panes) + 8)

    @property
    def rendering(self) -> bool:
        """True while some panes are still to be made or still wait for their text."""
        return bool(self._to_render or self._to_create)

    def finish_rendering(self) -> None:
        """Make and render every pending pane now (tests, screenshots, exports)."""
        while self.rendering:
            self._render_next()

    def _render_next(self) -> None:
        """One step of the background fill: render a made pane, else make the next one."""
        if not self._to_render and self._to_create:
            self._create_next()
        if not self._to_render:
            self._render_timer.stop()
            return
        pane = self._to_render.pop(0)
        pane.render()
        if self.selected and self.index:
            pane.show_selection(self.selected, self.index.related(self.selected),
                                self.index.near_partners(self.selected))
        if pane.doc_id in self.pending_scroll:
            self._set_scroll(pane, self.pending_scroll.pop(pane.doc_id))
        if not self.rendering:
            self._render_timer.stop()

    def changeEvent(self, event) -> None:
        # The desktop can switch to dark (or back) while a comparison is open: the
        # kind colours were baked into each pane's document for the old palette, and
        # the palette's text colour on the old chips becomes unreadable (light on
        # pastel). Re-render every pane drawn so far, keeping where each was scrolled;
        # on the next turn of the loop, once Qt has passed the palette on to the panes.
        if event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self, self.restyle)  # dropped if the area is gone
        super().changeEvent(event)

    def restyle(self) -> None:
        """Re-render the drawn panes (in the background) if the palette's darkness changed."""
        dark = theme.is_dark(self.palette())
        if dark == self._drawn_dark:
            return
        self._drawn_dark = dark
        for p in self.panes:
            if p.rendered and p not in self._to_render:
                self.pending_scroll.setdefault(p.doc_id, p.text.verticalScrollBar().value())
                self._to_render.append(p)
        if self._to_render:
            self._render_next()
            if self.rendering:
                self._render_timer.start()

    def set_reviewed(self, reviewed: dict[str, str]) -> None:
        """New reviewed marks: re-render (in the background) the panes whose ticks changed."""
        old, self.reviewed = self.reviewed, dict(reviewed)
        changed = {s for s in set(old) | set(reviewed) if old.get(s) != reviewed.get(s)}
        for p in self.panes:
            p.reviewed = self.reviewed
            if p.rendered and any(p.has(s) for s in changed):
                self.pending_scroll.setdefault(p.doc_id, p.text.verticalScrollBar().value())
                if p not in self._to_render:
                    self._to_render.append(p)
        if self._to_render:
            self._render_next()  # the pane under the user's eye first, at once
            if self.rendering:
                self._render_timer.start()

    def restore_scroll(self, scroll: dict[str, int]) -> None:
        """Scroll panes to saved positions; panes not rendered yet take theirs later."""
        for p in self.panes:
            if p.doc_id in scroll:
                if p.rendered:
                    self._set_scroll(p, scroll[p.doc_id])
                else:
                    self.pending_scroll[p.doc_id] = scroll[p.doc_id]

    def _set_scroll(self, pane: VersionPane, value: int) -> None:
        """A restored position is where the user left it: linked scrolling must not move
        the other panes away from their own restored positions in response."""
        self._syncing = True
        try:
            pane.text.verticalScrollBar().setValue(value)
        finally:
            self._syncing = False
        self._sync_timer.stop()

    def pane(self, doc_id: str) -> VersionPane | None:
        return next((p for p in self.panes if p.doc_id == doc_id), None)

    def reveal_selected(self) -> None:
        """Scroll the selection wholly into view again, and in every other pane its first
        counterpart (or near miss), after the panes lost height: the detail dock growing
        at the first selection cut passages near a pane's foot. Programmatic: linked
        scrolling does not follow it."""
        sid = self.selected
        if not (self.index and sid):
            return
        others = self.index.related(sid) | self.index.near_partners(sid)
        self._syncing = True
        try:
            for p in self.panes:
                spans = [span for x in ([sid] if p.has(sid) else sorted(others)) if (span := p.span_of(x))]
                if spans:
                    p.reveal(*min(spans))
        finally:
            self._syncing = False

    def select(self, sid: str | None) -> None:
        """Select ``sid`` and light up its counterparts in every pane."""
        self.selected = sid
        related = self.index.related(sid) if (self.index and sid) else set()
        hints = self.index.near_partners(sid) if (self.index and sid) else set()
        self._syncing = True
        for p in self.panes:
            p.show_selection(sid, related, hints)
            if p.rendered and p.doc_id in self.pending_scroll:
                # A re-render is queued for this pane: it must come back where the new
                # selection put it, not where it was before the selection.
                self.pending_scroll[p.doc_id] = p.text.verticalScrollBar().value()
        self._syncing = False

    def _schedule_sync(self, pane: VersionPane) -> None:
        if self._syncing or not self.linked_scrolling:
            return
        self._sync_source = pane
        self._sync_timer.start()

    def _sync_scroll(self) -> None:
        """Scroll every other pane to the passage aligned with the source pane's top."""
        src = self._sync_source
        if src is None or self.index is None:
            return
        ids = src.segment_ids()
        top = src.top_segment()
        if top is None:
            return
        i = ids.index(top)
        self._syncing = True
        try:
            for p in self.panes:
                if p is src:
                    continue
                # Walk back from the top segment to one with a counterpart in p.
                for sid in reversed(ids[: i + 1]):
                    targets = [t for t in self.index.related(sid) if p.has(t)]
                    if targets:
                        p.scroll_to(min(targets, key=lambda t: p.position_of(t)))
                        break
        finally:
            self._syncing = False


class LegendBar(QTextEdit):
    """Every kind, each drawn exactly as the panes draw it; wraps to the width it gets."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Legend")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("\n".join(f"{st.marker} {st.label}: {st.help}" for st in theme.STYLES.values()))
        self.render()

    def render(self) -> None:
        dark = theme.is_dark(self.palette())
        self.document().clear()
        self.document().setDocumentMargin(3)
        cur = QTextCursor(self.document())
        lead = QTextCharFormat()
        lead.setFontWeight(QFont.Weight.Bold)
        cur.insertText("Legend: ", lead)
        for k, st in enumerate(theme.STYLES.values()):
            if k:
                # A no-break space inside an entry, plain spaces between: lines wrap
                # between entries, never inside "≈ Near".
                cur.insertText("   ", QTextCharFormat())
            fmt = theme.gap_format(dark) if st.kind == "dropped" else theme.char_format({st.kind}, dark)
            cur.insertText(f"{st.marker}\u00a0{st.label.replace(' ', chr(0xa0))}", fmt)
        self._fit_height()

    def changeEvent(self, event) -> None:
        # Drawn with the kind colours of the palette at the time: redraw on a switch
        # to dark or light, else the labels go light-on-pastel (unreadable).
        if event.type() == QEvent.Type.PaletteChange:
            self.render()
        super().changeEvent(event)

    def one_line_width(self) -> int:
        """Width the legend needs on a single line."""
        doc = self.document().clone(self)
        doc.setTextWidth(-1)  # unwrapped
        width = int(doc.idealWidth()) + 8
        doc.deleteLater()
        return width

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # Height follows the wrapped text so that every entry is always readable.
        self.document().setTextWidth(max(1, self.viewport().width()))
        h = int(self.document().size().height()) + 2
        if h != self.height():
            self.setFixedHeight(h)
