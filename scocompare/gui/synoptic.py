"""Synoptic view: one row per aligned group, one column per version (base first).

Each cell holds what that version says for the passage (elided; the full text is in
the tooltip), coloured by how it relates to the base, with the kind's marker glyph
as a second cue. A version that lacks the passage shows a visible gap marker
("— dropped"). Two extra columns give the row's worst kind and its lowest link
score; the table sorts on them (and on each version's own order) and filters by
kind. The rows come from ``synoptic_rows`` (shared with the overview strip).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scocompare.core.model import Comparison, Document
from scocompare.gui import kinds
from scocompare.gui.synoptic_rows import Cell, Row, build_rows, ordered_documents

__all__ = ["SynopticView", "SynopticModel", "SynopticProxy", "build_rows", "Row", "Cell"]

SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
DROPPED_TEXT = "\u2014 dropped"
NOT_IN_BASE_TEXT = "\u2014 not in base"
ABSENT_TEXT = "\u2014"
DIFFERENCES = "differences"  # filter value: every row that is not identical/near


class SynopticModel(QAbstractTableModel):
    """Rows from ``build_rows``; columns: each document, then "Kind" and "Score"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.docs: list[Document] = []
        self.rows: list[Row] = []
        self.dark = False
        self._seg_index: dict[str, int] = {}

    def set_comparison(self, comparison: Comparison | None, dark: bool = False) -> None:
        self.beginResetModel()
        self.comparison, self.dark = comparison, dark
        self.docs = ordered_documents(comparison) if comparison else []
        self.rows = build_rows(comparison) if comparison else []
        self._seg_index = {s.id: s.index for d in self.docs for s in d.segments}
        self.endResetModel()

    @property
    def kind_column(self) -> int:
        return len(self.docs)

    @property
    def score_column(self) -> int:
        return len(self.docs) + 1

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() or not self.docs else len(self.docs) + 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not self.comparison:
            return None
        if section >= len(self.docs):
            if role == Qt.ItemDataRole.DisplayRole:
                return "Kind" if section == self.kind_column else "Score"
            if role == Qt.ItemDataRole.ToolTipRole:
                return ("The kind that most deserves attention in the row.\n" + kinds.legend_text()
                        if section == self.kind_column else
                        "Lowest link score in the row (0 to 1); sort ascending to see the "
                        "loosest matches first.")
            return None
        doc = self.docs[section]
        is_base = doc.id == self.comparison.base
        if role == Qt.ItemDataRole.DisplayRole:
            # "base" leads so that eliding a long title never hides it.
            return f"{'Base: ' if is_base else ''}{doc.title or doc.id}"
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{doc.title or doc.id}\nsource: {doc.source}"
            cov = self.comparison.coverage.get(doc.id)
            if cov is not None:
                tip += f"\ncovers {cov.covered:.0%} of the base; {len(cov.dropped)} dropped, " \
                       f"{len(cov.added)} added"
            return tip + "\nSort on this column to follow this version's order."
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if col == self.kind_column:
            return self._kind_data(row, role)
        if col == self.score_column:
            return self._score_data(row, role)
        return self._cell_data(row, self.docs[col], role)

    def _kind_data(self, row: Row, role):
        st = kinds.style(row.kind) if row.kind else None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{st.marker} {st.label}" if st else ""
        if role == Qt.ItemDataRole.BackgroundRole and st:
            return QBrush(QColor(st.colour(self.dark)))
        if role == Qt.ItemDataRole.ForegroundRole and st:
            return QBrush(QColor(kinds.text_colour(self.dark)))
        if role == Qt.ItemDataRole.ToolTipRole and st:
            return f"{st.label}: {st.description}"
        if role == SORT_ROLE:
            return kinds.rank(row.kind)
        if role == KIND_ROLE:
            return row.kind
        if role == SEGMENT_ROLE:
            return row.first_segment()
        return None

    def _score_data(self, row: Row, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if row.score is None else f"{row.score:.2f}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return -1.0 if row.score is None else row.score
        if role == SEGMENT_ROLE:
            return row.first_segment()
        return None

    def _cell_data(self, row: Row, doc: Document, role):
        cell = row.cells.get(doc.id, Cell())
        st = kinds.style(cell.kind) if cell.kind else None
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.segments:
                return f"{st.marker} {cell.text}" if st else cell.text
            if cell.kind == "dropped":
                return DROPPED_TEXT
            return NOT_IN_BASE_TEXT if doc.id == self.comparison.base else ABSENT_TEXT
        if role == Qt.ItemDataRole.BackgroundRole and st:
            return QBrush(QColor(st.colour(self.dark)))
        if role == Qt.ItemDataRole.ForegroundRole:
            if not cell.segments:
                return QBrush(QColor(kinds.GREYED_DARK if self.dark else kinds.GREYED_LIGHT))
            if st:
                return QBrush(QColor(kinds.text_colour(self.dark)))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(row, doc, cell, st)
        if role == SEGMENT_ROLE:
            return cell.segments[0] if cell.segments else row.first_segment()
        if role == KIND_ROLE:
            return cell.kind
        if role == SORT_ROLE:
            # Empty cells after every passage of that version, whatever the direction.
            return self._seg_index.get(cell.segments[0], 0) if cell.segments else 1 << 30
        return None

    def _cell_tooltip(self, row: Row, doc: Document, cell: Cell, st) -> str:
        title = doc.title or doc.id
        if not cell.segments:
            if cell.kind == "dropped":
                return f"{title} has no counterpart of this base passage (dropped)."
            return f"{title} has nothing for this passage."
        lines = [f"{title}: {cell.text}"]
        if st:
            lines.append(f"{st.marker} {st.label}: {st.description}")
        if cell.score is not None:
            lines.append(f"score {cell.score:.2f}")
        if cell.note:
            lines.append(f"why: {cell.note}")
        return "\n".join(lines)


class SynopticProxy(QSortFilterProxyModel):
    """Sorts on ``SORT_ROLE`` and keeps rows holding the chosen kind."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind_filter: str | None = None
        self.setSortRole(SORT_ROLE)

    def set_kind_filter(self, kind: str | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10 deprecates invalidateFilter
            self.beginFilterChange()
            self.kind_filter = kind
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.kind_filter = kind
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent):
        if self.kind_filter is None:
            return True
        row = self.sourceModel().rows[source_row]
        if self.kind_filter == DIFFERENCES:
            return bool(row.kinds() - kinds.FAITHFUL)
        return self.kind_filter in row.kinds()


class SynopticView(QWidget):
    """The synoptic table with its kind filter; emits ``segmentActivated`` on a pick."""

    segmentActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = SynopticModel(self)
        self.proxy = SynopticProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QComboBox(self)
        self.filter.addItem("All passages", None)
        self.filter.addItem("Differences only", DIFFERENCES)
        for st in kinds.ordered(kinds.LINK_KINDS + ("added", "dropped", "moved", "conflict")):
            self.filter.addItem(f"{st.marker} {st.label}", st.name)
        self.filter.setToolTip("Show only rows holding this kind of difference")
        self.filter.currentIndexChanged.connect(
            lambda _i: self.set_kind_filter(self.filter.currentData()))
        label = QLabel("&Show:", self)
        label.setBuddy(self.filter)
        self.count = QLabel(self)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() * 2 + 8)  # two lines, then elide
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.hide()
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setToolTip("One row per aligned passage, one column per version. Click a "
                              "cell or press Enter to show it in the texts.")
        self.table.clicked.connect(self._pick)
        self.table.activated.connect(self._pick)  # Enter and double-click

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(label)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.setFocusProxy(self.table)
        self._update_count()

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show ``comparison`` (None empties the table)."""
        self.model.set_comparison(comparison, kinds.palette_is_dark(self))
        self._fit_columns()
        self._update_count()

    def set_kind_filter(self, kind: str | None) -> None:
        """Keep rows holding ``kind`` ("differences" for all but identical/near; None: all)."""
        self.proxy.set_kind_filter(kind)
        i = self.filter.findData(kind)
        if i >= 0 and i != self.filter.currentIndex():
            self.filter.setCurrentIndex(i)
        self._update_count()

    def visible_rows(self) -> int:
        """Rows left after filtering."""
        return self.proxy.rowCount()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(f"{shown} of {total} passages" if shown != total else f"{total} passages")

    def _pick(self, index) -> None:
        seg = index.data(SEGMENT_ROLE)
        if seg:
            self.segmentActivated.emit(seg)

    def _fit_columns(self) -> None:
        n = len(self.model.docs)
        if not n:
            return
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Widths from font metrics, not ResizeToContents: that mode re-reads every row on
        # each section resize (1.4 s for 20 versions x 200 passages).
        fm = self.table.fontMetrics()
        kind_w = max(fm.horizontalAdvance(f"{s.marker} {s.label}") for s in kinds.ordered()) + 16
        score_w = max(fm.horizontalAdvance("Score"), fm.horizontalAdvance("0.00")) + 24
        header.resizeSection(self.model.kind_column, kind_w)
        header.resizeSection(self.model.score_column, score_w)
        # The vertical scroll bar may not be shown yet: leave room for it all the same.
        bar = self.table.style().pixelMetric(self.table.style().PixelMetric.PM_ScrollBarExtent)
        avail = self.table.width() - bar - kind_w - score_w - 4
        # Past what fits, keep columns readable and let the table scroll sideways.
        width = max(180, avail // n)
        for col in range(n):
            header.resizeSection(col, width)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_columns()
