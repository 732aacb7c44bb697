"""The highlighted PDF report, drawn with Qt (QPdfWriter + QTextDocument + QPainter).

Pages are A4 landscape: a running header (report title, section), the body, and a
footer with the legend and "page X of Y" on every page. The cover, summary and
conflicts flow as one rich-text document that Qt paginates itself (it never cuts a
line across pages); the side-by-side body is laid out row by row so that a row moves
to the next page whole instead of being split, and the column titles repeat on each
page. Text stays text (selectable, searchable), fonts are embedded by Qt.

The output is built in memory and written atomically at the end: a failed or
cancelled export leaves no file behind.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from scocompare import __version__
from scocompare.core.errors import Cancelled
from scocompare.core.model import Comparison
from scocompare.export import pdf_html
from scocompare.export.findings import row_marks
from scocompare.export.layout import aligned_rows, report_title, versions_of
from scocompare.export.output import write_binary
from scocompare.export.palette import TEXT_COLOUR
from scocompare.export.reviews import place_reviews
from scocompare.kinds import legend

SYNOPTIC_BAND = 4  # versions per synoptic table; more columns would not be readable
MARGIN_MM = 10
FONT_PT = 8.5

_app = None


def _ensure_app():
    """A Qt application for fonts and painting; offscreen when there is no display.

    A QApplication (a QGuiApplication that also allows widgets) when QtWidgets is
    installed: Qt allows one application per process, and a plain QGuiApplication
    made here would stop the window, or widget tests run in the same process, from
    ever creating widgets.
    """
    global _app
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            from PySide6.QtWidgets import QApplication as App
        except ImportError:
            App = QGuiApplication
        app = _app = App(["scocompare-export"])
    return app


class _NoneRefGuard:
    """Works around shiboken6 6.12.0, whose void methods drop a reference to ``None``.

    Thousands of painter/document calls would take ``None``'s refcount to zero and
    abort the interpreter; topping it back up after each row costs nothing. On
    Python >= 3.12 ``None`` is immortal and this does nothing.
    """

    def __init__(self) -> None:
        self.level = sys.getrefcount(None)
        self.active = sys.version_info < (3, 12)

    def top_up(self) -> None:
        if not self.active:
            return
        missing = self.level - sys.getrefcount(None)
        if missing > 0:
            import ctypes

            incref = ctypes.pythonapi.Py_IncRef
            incref.argtypes = [ctypes.py_object]
            for _ in range(missing):
                incref(None)


@dataclass
class _Place:
    """Something to draw on a page: a document, from ``offset`` (its own y), at ``y``."""

    doc: object
    y: float
    offset: float = 0.0
    height: float = 0.0


@dataclass
class _Page:
    section: str
    places: list


class _Report:
    def __init__(self, writer, guard: _NoneRefGuard, cancelled):
        from PySide6.QtGui import QFont, QFontDatabase

        self.writer = writer
        self.guard = guard
        self.cancelled = cancelled or (lambda: False)
        res = writer.resolution()
        rect = writer.pageLayout().paintRectPixels(res)
        self.width = float(rect.width())
        self.page_h = float(rect.height())
        self.px_per_pt = res / 72.0
        self.header_h = 16 * self.px_per_pt
        self.footer_h = 22 * self.px_per_pt
        self.body_top = self.header_h
        self.body_h = self.page_h - self.header_h - self.footer_h
        family = "DejaVu Sans" if "DejaVu Sans" in QFontDatabase.families() else QFont().family()
        self.font = QFont(family)
        self.font.setPointSizeF(FONT_PT)
        # pdftotext and search would see U+FB01 instead of "fi" with ligatures on.
        self.font.setFeature(QFont.Tag("liga"), 0)
        self.pages: list[_Page] = []

    def check(self) -> None:
        self.guard.top_up()
        if self.cancelled():
            raise Cancelled()

    def doc(self, html: str, width: float | None = None):
        from PySide6.QtGui import QTextDocument

        d = QTextDocument()
        d.documentLayout().setPaintDevice(self.writer)
        d.setDefaultFont(self.font)
        d.setDocumentMargin(0)
        d.setDefaultStyleSheet(f"body {{ color: {TEXT_COLOUR}; }} th {{ background-color: #f3f3f3; }}")
        d.setTextWidth(width or self.width)
        d.setHtml(html)
        return d

    def flow(self, html: str, section: str) -> None:
        """A document Qt paginates itself (cover, summary): one page per layout page."""
        from PySide6.QtCore import QSizeF

        d = self.doc(html)
        d.setPageSize(QSizeF(self.width, self.body_h))
        for i in range(d.pageCount()):
            self.pages.append(_Page(section, [_Place(d, 0.0, i * self.body_h, self.body_h)]))

    def table(self, header_html: str, rows: Iterable[str], section: str,
              progress: Callable[[], None]) -> None:
        """Rows laid out whole, page by page, under a repeated column header."""
        header = self.doc(header_html)
        head_h = header.size().height()
        page = None
        y = 0.0
        for html in rows:
            self.check()
            progress()
            d = self.doc(html)
            h = d.size().height()
            room = self.body_h - head_h
            if page is None or (y + h > self.body_h and y > head_h):
                page = _Page(section, [_Place(header, 0.0, 0.0, head_h)])
                self.pages.append(page)
                y = head_h
            if h <= self.body_h - y:
                page.places.append(_Place(d, y, 0.0, h))
                y += h
                continue
            # Taller than a page: let Qt cut it between lines, one page per part.
            from PySide6.QtCore import QSizeF

            d.setPageSize(QSizeF(self.width, room))
            for part in range(d.pageCount()):
                if part:
                    page = _Page(section, [_Place(header, 0.0, 0.0, head_h)])
                    self.pages.append(page)
                page.places.append(_Place(d, head_h, part * room, room))
            y = self.body_h  # next row starts a new page

    def paint(self, title: str, progress: Callable[[float], None]) -> None:
        from PySide6.QtGui import QPainter

        painter = QPainter()
        if not painter.begin(self.writer):
            raise OSError("cannot start the PDF painter")
        try:
            for n in range(1, len(self.pages) + 1):
                self.check()
                if n > 1:
                    self.writer.newPage()
                self.paint_page(painter, n, title)
                progress(n / len(self.pages))
        finally:
            painter.end()

    def paint_page(self, painter, n: int, title: str) -> None:
        """Draw page ``n`` (1-based) with its header and footer on ``painter``."""
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor, QPen

        page = self.pages[n - 1]
        for place in page.places:
            painter.save()
            painter.translate(0, self.body_top + place.y - place.offset)
            place.doc.drawContents(painter, QRectF(0, place.offset, self.width, place.height))
            painter.restore()
        self._frame(painter, title, page.section, n, len(self.pages), QRectF, Qt, QColor, QPen)

    def _frame(self, p, title, section, n, total, QRectF, Qt, QColor, QPen) -> None:
        pt = self.px_per_pt
        font = self.font.__class__(self.font)
        font.setPointSizeF(7.5)
        p.setFont(font)
        p.setPen(QColor(TEXT_COLOUR))
        head = QRectF(0, 0, self.width, self.header_h - 4 * pt)
        font.setBold(True)
        p.setFont(font)
        # Long titles are elided so the title and the section name never overlap.
        from PySide6.QtGui import QFontMetricsF

        p.drawText(head, int(Qt.AlignLeft | Qt.AlignVCenter),
                   QFontMetricsF(font, self.writer).elidedText(title, Qt.ElideRight, self.width * 0.58))
        font.setBold(False)
        p.setFont(font)
        p.drawText(head, int(Qt.AlignRight | Qt.AlignVCenter),
                   QFontMetricsF(font, self.writer).elidedText(section, Qt.ElideRight, self.width * 0.4))
        p.setPen(QPen(QColor("#777777"), 0.5 * pt))
        p.drawLine(0, int(self.header_h - 3 * pt), int(self.width), int(self.header_h - 3 * pt))
        top = self.page_h - self.footer_h + 5 * pt
        p.drawLine(0, int(top - 2 * pt), int(self.width), int(top - 2 * pt))
        # Legend: swatch with its glyph (survives greyscale) and the label.
        x = 0.0
        box = 10 * pt
        for s in legend():
            p.setPen(QPen(QColor(s.strong), 0.6 * pt))
            p.setBrush(QColor(s.light))
            p.drawRect(QRectF(x, top, box * 1.4, box))
            p.setPen(QColor(TEXT_COLOUR))
            p.drawText(QRectF(x, top, box * 1.4, box), int(Qt.AlignCenter), s.marker)
            label = QRectF(x + box * 1.6, top, 70 * pt, box)
            used = p.boundingRect(label, int(Qt.AlignLeft | Qt.AlignVCenter), s.label)
            p.drawText(label, int(Qt.AlignLeft | Qt.AlignVCenter), s.label)
            x += box * 1.6 + used.width() + 8 * pt
        p.setPen(QColor(TEXT_COLOUR))
        p.drawText(QRectF(0, top, self.width, box), int(Qt.AlignRight | Qt.AlignVCenter),
                   f"page {n} of {total}")
        p.setBrush(Qt.NoBrush)
        self.guard.top_up()


def _sections(c: Comparison, mode: str, rv):
    """(section name, header html, row htmls, row count) for each body section."""
    base = c.document(c.base)
    marks = row_marks(c)
    versions = versions_of(c)
    if mode == "synoptic":
        for i in range(0, len(versions), SYNOPTIC_BAND):
            band = versions[i:i + SYNOPTIC_BAND]
            rows = aligned_rows(c, band)
            titles = [c.document(v).title for v in band]
            name = "Synoptic: " + ", ".join(titles)
            yield (name, pdf_html.synoptic_header(base.title, titles),
                   (pdf_html.synoptic_row(c, r, rv, marks) for r in rows), len(rows))
    else:
        for v in versions:
            rows = aligned_rows(c, [v])
            doc = c.document(v)
            # The running header already names the base on the left: "base / version"
            # elided in the middle read as one mangled title. The number is the one the
            # cover's Versions table gives this version.
            number = next(k for k, d in enumerate(c.documents, 1) if d.id == v)
            yield (f"Version {number}: {doc.title}", pdf_html.pair_header(base.title, doc.title),
                   (pdf_html.pair_row(c, r, rv, marks) for r in rows), len(rows))


def _writer(target, title: str):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(target)
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator(f"scocompare {__version__}")
    return writer


def _layout(c: Comparison, writer, guard, head: str, mode: str, reviews, report, cancelled) -> _Report:
    if mode not in ("pairs", "synoptic"):
        raise ValueError(f"unknown report mode {mode!r} (pairs or synoptic)")
    rv = place_reviews(c, reviews)
    out = _Report(writer, guard, cancelled)
    report(0.0, "laying out the summary")
    out.flow(pdf_html.cover(c, head, mode), "Cover")
    out.flow(pdf_html.summary(c, rv), "Summary")
    sections = list(_sections(c, mode, rv))
    total = sum(n for *_, n in sections) or 1
    done = [0]

    def step() -> None:
        done[0] += 1
        if done[0] % 25 == 0:
            report(0.7 * done[0] / total, "laying out the aligned text")

    for name, header, rows, _ in sections:
        out.table(header, rows, name, step)
    return out


def render_pdf(comparison: Comparison, *, title: str | None = None, mode: str = "pairs",
               reviews: Iterable = (), progress: Callable[[float, str], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> tuple[bytes, int]:
    """The report as PDF bytes and its page count (see :func:`write_pdf`)."""
    _ensure_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    guard = _NoneRefGuard()
    report = progress or (lambda f, m: None)
    head = report_title(comparison, title)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buf, head)
    try:
        out = _layout(comparison, writer, guard, head, mode, reviews, report, cancelled)
        report(0.7, "drawing pages")
        out.paint(head, lambda f: report(0.7 + 0.3 * f, "drawing pages"))
        pages = len(out.pages)
    finally:
        buf.close()
        guard.top_up()
    report(1.0, "done")
    return bytes(data.data()), pages


def preview_page(comparison: Comparison, page: int = 1, width_px: int = 900, *,
                 title: str | None = None, mode: str = "pairs", reviews: Iterable = (),
                 cancelled: Callable[[], bool] | None = None):
    """Page ``page`` (1-based) of the report as a ``QImage`` ``width_px`` wide, and the page count.

    Drawn by the same layout as the PDF, so the window's export dialog can show what
    will be printed without a PDF viewer (QtPdf is not part of PySide6-Essentials).
    """
    _ensure_app()
    from PySide6.QtCore import QBuffer, Qt
    from PySide6.QtGui import QImage, QPainter

    guard = _NoneRefGuard()
    head = report_title(comparison, title)
    buf = QBuffer()  # the writer only supplies metrics here; nothing is written
    writer = _writer(buf, head)
    try:
        out = _layout(comparison, writer, guard, head, mode, reviews, lambda f, m: None, cancelled)
        n = min(max(page, 1), len(out.pages))
        full = writer.pageLayout().fullRectPixels(writer.resolution())
        margin = writer.pageLayout().paintRectPixels(writer.resolution()).topLeft()
        scale = width_px / full.width()
        img = QImage(width_px, round(full.height() * scale), QImage.Format.Format_RGB32)
        # Same dots per inch as the writer: fonts keep the size the layout measured.
        dpm = round(writer.resolution() / 0.0254)
        img.setDotsPerMeterX(dpm)
        img.setDotsPerMeterY(dpm)
        img.fill(Qt.GlobalColor.white)
        painter = QPainter(img)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.scale(scale, scale)
            painter.translate(margin.x(), margin.y())
            out.paint_page(painter, n, head)
        finally:
            painter.end()
        return img, len(out.pages)
    finally:
        guard.top_up()


def write_pdf(comparison: Comparison, path, *, title: str | None = None, mode: str = "pairs",
              reviews: Iterable = (), progress: Callable[[float, str], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> int:
    """Write the highlighted report to ``path`` atomically and return its page count.

    ``mode`` is "pairs" (the base against each version, one section each) or
    "synoptic" (the base and up to four versions per table). ``reviews`` are
    reviewer notes and reviewed marks (see :mod:`scocompare.export.reviews`).
    ``progress(fraction, message)`` is called as the work advances; when
    ``cancelled()`` returns True the export stops with ``Cancelled`` and no file.
    """
    data, pages = render_pdf(comparison, title=title, mode=mode, reviews=reviews,
                             progress=progress, cancelled=cancelled)
    write_binary(path, data)
    return pages
