"""Overview strip: which version diverges most, and where, at a glance.

A heat matrix painted by hand: one row per version (the base is the reference and
has no row), one column per base passage in base order, then one column per added
passage. Each cell is coloured by how that version treats the passage (identical,
near, paraphrase, partial, shift, dropped, conflict, added); where cells are wide
enough a fill pattern and the kind's glyph are drawn too, so the strip reads in
greyscale. At the start of each row: the version's title and its divergence score,
the share of its passages that are not kept identical or near; the most divergent
version is drawn in bold.

Click a cell (or move with the arrow keys and press Enter) to emit
``segmentActivated`` with that version's passage, or the base passage where the
version dropped it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from scocompare.core.model import Comparison
from scocompare.gui import kinds
from scocompare.gui.synoptic_rows import Row, build_rows

ROW_HEIGHT = 22
HEADER_HEIGHT = 16
LABEL_MIN, LABEL_MAX = 120, 300  # the label column fits the titles within these bounds
GAP = 6  # between base passages and added passages
MIN_PATTERN_WIDTH = 6
MIN_GLYPH_WIDTH = 14


@dataclass(frozen=True)
class Version:
    """One row of the strip."""

    doc: str
    title: str
    divergence: float  # share of its passages not identical/near
    counted: int


def divergence(rows: list[Row], doc: str) -> tuple[float, int]:
    """Share of the passages ``doc`` takes part in (base passages, kept or dropped, and
    its own additions) that are not kept identical or near; and how many were counted."""
    counted = diverging = 0
    for r in rows:
        cell = r.cells.get(doc)
        if cell is None or cell.kind is None:
            continue  # added elsewhere, absent here: not this version's business
        counted += 1
        if cell.kind not in kinds.FAITHFUL:
            diverging += 1
    return (diverging / counted if counted else 0.0), counted


class OverviewStrip(QWidget):
    """Heat matrix of versions x passages; emits ``segmentActivated(segment id)``."""

    segmentActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.rows: list[Row] = []
        self.versions: list[Version] = []
        self.n_base = 0
        self.current: tuple[int, int] | None = None  # (version row, column)
        self.label_width = LABEL_MIN
        self._cache: QPixmap | None = None  # the painted matrix; thousands of cells per paint
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("")  # per-cell tooltips come from event()
        self.setAccessibleName("Overview of divergence by version")

    # --- public API ------------------------------------------------------------------
    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show ``comparison`` (None empties the strip)."""
        self.comparison = comparison
        self.rows = build_rows(comparison) if comparison else []
        self.n_base = sum(1 for r in self.rows if r.base)
        self.versions = []
        if comparison:
            for d in comparison.documents:
                if d.id == comparison.base:
                    continue
                score, counted = divergence(self.rows, d.id)
                self.versions.append(Version(d.id, d.title or d.id, score, counted))
        self.current = None
        self._cache = None
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(v.title) for v in self.versions), default=0)
        self.label_width = min(LABEL_MAX, max(LABEL_MIN, widest + fm.horizontalAdvance(divergence_label(1.0) + " ") + 16))
        # Fixed height: every version row stays visible (also as a top-level widget).
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def most_divergent(self) -> str | None:
        """Id of the version that diverges most from the base."""
        if not self.versions:
            return None
        return max(self.versions, key=lambda v: v.divergence).doc

    def cell_kind(self, version: int, column: int) -> str | None:
        cell = self.rows[column].cells.get(self.versions[version].doc)
        return cell.kind if cell else None

    def cell_segment(self, version: int, column: int) -> str:
        """The passage a cell stands for: the version's own, or the base's when dropped."""
        row = self.rows[column]
        cell = row.cells.get(self.versions[version].doc)
        if cell and cell.segments:
            return cell.segments[0]
        return row.base or ""

    # --- geometry --------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(self.label_width + 400, HEADER_HEIGHT + ROW_HEIGHT * max(1, len(self.versions)) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.label_width + 100, self.sizeHint().height())

    def _columns_x(self) -> tuple[float, float]:
        """Left edge of the first cell and the width of one cell."""
        n = len(self.rows)
        gap = GAP if 0 < self.n_base < n else 0
        label = self.shown_label_width()
        avail = max(1, self.width() - label - gap - 4)
        return label, (avail / n if n else 0.0)

    def shown_label_width(self) -> int:
        """The label column as drawn: in a narrow dock it yields half the width to the
        cells (titles elide), so the heat strip is always visible."""
        floor = self.fontMetrics().horizontalAdvance(divergence_label(1.0)) + 40
        return min(self.label_width, max(floor, self.width() // 2))

    def cell_rect(self, version: int, column: int) -> QRectF:
        """Where a cell is painted (widget coordinates)."""
        x0, w = self._columns_x()
        gap = GAP if column >= self.n_base and self.n_base else 0
        return QRectF(x0 + column * w + gap, HEADER_HEIGHT + version * ROW_HEIGHT + 1,
                      w, ROW_HEIGHT - 2)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(version row, column) under a point, or None."""
        if not self.rows or y < HEADER_HEIGHT:
            return None
        v = int((y - HEADER_HEIGHT) // ROW_HEIGHT)
        if not 0 <= v < len(self.versions):
            return None
        for c in (self._column_guess(x), self._column_guess(x) - 1):
            if 0 <= c < len(self.rows) and self.cell_rect(v, c).contains(x, y):
                return v, c
        return None

    def _column_guess(self, x: float) -> int:
        x0, w = self._columns_x()
        if w <= 0:
            return -1
        c = int((x - x0) // w)
        if c >= self.n_base and self.n_base:
            c = int((x - x0 - GAP) // w)
        return c

    # --- painting --------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        self._cache = None
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange):
            self._cache = None
        super().changeEvent(event)

    def paintEvent(self, _event) -> None:
        # The matrix is painted once into a pixmap and reused until the comparison, the
        # size or the palette changes; only the focus frame is drawn on every paint.
        if self._cache is None or self._cache.deviceIndependentSize().toSize() != self.size():
            dpr = self.devicePixelRatioF()
            self._cache = QPixmap(self.size() * dpr)
            self._cache.setDevicePixelRatio(dpr)
            painter = QPainter(self._cache)
            self._paint_matrix(painter)
            painter.end()
        p = QPainter(self)
        p.drawPixmap(0, 0, self._cache)
        if self.current and self.hasFocus() and self.versions:
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.cell_rect(*self.current).adjusted(1, 1, -1, -1))

    def _paint_matrix(self, p: QPainter) -> None:
        pal = self.palette()
        dark = kinds.palette_is_dark(self)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        if not self.versions:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                       "No comparison loaded" if self.comparison is None else "Only one version")
            return
        self._paint_header(p, pal)
        worst = self.most_divergent()
        for v, ver in enumerate(self.versions):
            self._paint_label(p, pal, v, ver, bold=(ver.doc == worst and ver.divergence > 0))
            for c in range(len(self.rows)):
                self._paint_cell(p, v, c, dark)

    def _paint_header(self, p: QPainter, pal: QPalette) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        p.setFont(font)
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        base_title = self.comparison.document(self.comparison.base).title or self.comparison.base
        label_w = self.shown_label_width()
        p.drawText(QRect(4, 0, label_w - 8, HEADER_HEIGHT),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   p.fontMetrics().elidedText(f"against {base_title}",
                                              Qt.TextElideMode.ElideRight, label_w - 8))
        if self.n_base:
            left = self.cell_rect(0, 0).left()
            right = self.cell_rect(0, self.n_base - 1).right()
            # Elided to its cells: in a narrow dock it ran over the label column's header.
            text = f"base passages 1\u2013{self.n_base}"
            if p.fontMetrics().horizontalAdvance(text) > right - left:
                text = f"1\u2013{self.n_base}"
            p.drawText(QRectF(left, 0, right - left, HEADER_HEIGHT), Qt.AlignmentFlag.AlignCenter,
                       p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(right - left)))
        if self.n_base < len(self.rows):
            left = self.cell_rect(0, self.n_base).left()
            right = self.cell_rect(0, len(self.rows) - 1).right()
            p.drawText(QRectF(left, 0, max(right - left, 40), HEADER_HEIGHT),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "added")
        p.setFont(self.font())

    def _paint_label(self, p: QPainter, pal: QPalette, v: int, ver: Version, bold: bool) -> None:
        rect = QRect(4, HEADER_HEIGHT + v * ROW_HEIGHT, self.shown_label_width() - 8, ROW_HEIGHT)
        font = QFont(self.font())
        font.setBold(bold)
        p.setFont(font)
        p.setPen(pal.color(QPalette.ColorRole.Text))
        pct = divergence_label(ver.divergence)
        pct_w = min(p.fontMetrics().horizontalAdvance(divergence_label(1.0) + " "), rect.width())
        p.drawText(QRect(rect.left(), rect.top(), pct_w, rect.height()),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, pct)
        title_rect = rect.adjusted(pct_w + 6, 0, 0, 0)
        p.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   p.fontMetrics().elidedText(ver.title, Qt.TextElideMode.ElideRight,
                                              title_rect.width()))
        p.setFont(self.font())

    def _paint_cell(self, p: QPainter, v: int, c: int, dark: bool) -> None:
        kind = self.cell_kind(v, c)
        rect = self.cell_rect(v, c)
        if kind is None:
            return  # nothing to compare (an addition of another version): leave blank
        st = kinds.style(kind)
        if rect.width() >= MIN_PATTERN_WIDTH:
            rect = rect.adjusted(0, 0, -1, 0)  # a hairline between cells keeps runs countable
        p.fillRect(rect, QColor(st.colour(dark)))
        if rect.width() >= MIN_PATTERN_WIDTH and st.pattern != "SolidPattern":
            p.fillRect(rect, QBrush(QColor(st.strong), kinds.qbrush_pattern(kind)))
        if rect.width() >= MIN_GLYPH_WIDTH and kind not in kinds.FAITHFUL:
            p.setPen(QColor(kinds.text_colour(dark)))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, st.marker)

    # --- interaction -----------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit is None:
            return super().mousePressEvent(event)
        self.current = hit
        self.update()
        seg = self.cell_segment(*hit)
        if seg:
            self.segmentActivated.emit(seg)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()  # show the focus frame

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event) -> None:
        if not self.versions or not self.rows:
            return super().keyPressEvent(event)
        v, c = self.current or (0, 0)
        key = event.key()
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
                 Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        if key in moves and self.current is not None:
            dv, dc = moves[key]
            v = min(max(v + dv, 0), len(self.versions) - 1)
            c = min(max(c + dc, 0), len(self.rows) - 1)
        elif key == Qt.Key.Key_Home:
            c = 0
        elif key == Qt.Key.Key_End:
            c = len(self.rows) - 1
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            seg = self.cell_segment(v, c)
            if seg:
                self.segmentActivated.emit(seg)
        elif key not in moves:
            return super().keyPressEvent(event)
        self.current = (v, c)
        self.update()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.cell_at(event.pos().x(), event.pos().y())
            text = self.cell_tooltip(*hit) if hit else self._label_tooltip(event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def cell_tooltip(self, v: int, c: int) -> str:
        """Names the version, the passage and how the version treats it."""
        ver, row = self.versions[v], self.rows[c]
        cell = row.cells.get(ver.doc)
        kind = cell.kind if cell else None
        st = kinds.style(kind) if kind else None
        if row.base:
            seg = self.comparison.segment(row.base)
            where = f"base passage {c + 1}: \u201c{_short(seg.text)}\u201d"
        else:
            where = f"added passage: \u201c{_short(cell.text if cell else '')}\u201d"
        lines = [ver.title, where]
        if st:
            lines.append(f"{st.marker} {st.label}: {st.description}")
        else:
            lines.append("nothing here: another version's addition")
        if cell and cell.segments and row.base and cell.kind != "added":
            lines.append(f"this version: \u201c{_short(cell.text)}\u201d")
        if cell and cell.score is not None:
            lines.append(f"score {cell.score:.2f}")
        return "\n".join(lines)

    def _label_tooltip(self, y: float) -> str:
        v = int((y - HEADER_HEIGHT) // ROW_HEIGHT)
        if y < HEADER_HEIGHT or not 0 <= v < len(self.versions):
            return ""
        ver = self.versions[v]
        return (f"{ver.title}: {ver.divergence:.0%} of its {ver.counted} passages differ from the base.\n"
                + DIVERGENCE_HELP)


def divergence_label(share: float) -> str:
    """What the number beside a version says: how much of it differs from the base.

    Labelled, because the panes show a different figure ("carries 81 % of the base":
    base passages present in any form) and a bare "100 %" beside it read as a
    contradiction.
    """
    return f"differs {share:.0%}"


DIVERGENCE_HELP = ("differs: the share of this version's passages that are not the same as "
                   "the base. Identical and near passages count as the same; paraphrased, "
                   "partial, shifted, dropped, conflicting and added ones count as different. "
                   "The pane's \"carries N %\" is another figure: the base passages the version "
                   "keeps in any form, even reworded.")


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"
