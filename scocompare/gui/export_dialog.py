"""File > Export: choose a format and a file, preview the PDF's first page, export.

Both the preview and the export run on the worker pool with progress and Cancel,
so a 20-version report never freezes the window. Every writer is atomic; the work
is cut into "render, check for Cancel, write" so a cancelled export leaves no file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from scocompare.core.errors import Cancelled
from scocompare.core.model import Comparison
from scocompare.gui import engine_process, worker

# key -> (label, file suffix, file-dialog filter)
FORMATS = {
    "pdf-pairs": ("PDF report: base beside each version", ".pdf", "PDF (*.pdf)"),
    "pdf-synoptic": ("PDF report: synoptic table of all versions", ".pdf", "PDF (*.pdf)"),
    "html": ("HTML page (one self-contained file)", ".html", "HTML (*.html *.htm)"),
    "json": ("JSON (scocompare comparison format)", ".json", "JSON (*.json)"),
    "csv": ("CSV spreadsheet (one row per link)", ".csv", "CSV (*.csv)"),
}
PREVIEW_WIDTH = 600  # the report is landscape A4: 600 x 424 px reads at a glance


def export_to(comparison: Comparison, fmt: str, path: str | Path, *, reviews=(),
              progress=None, cancelled=None) -> str:
    """Write ``comparison`` as ``fmt`` (a FORMATS key) to ``path``; returns what was written.

    Runs on a worker thread. Raises ``Cancelled`` (and writes nothing) when
    ``cancelled()`` turns true before the file is written.
    """
    progress = progress or (lambda f, m: None)
    cancelled = cancelled or (lambda: False)
    if fmt.startswith("pdf"):
        from scocompare.export.pdf import write_pdf

        pages = write_pdf(comparison, path, mode=fmt.split("-", 1)[1], reviews=reviews,
                          progress=progress, cancelled=cancelled)
        return f"{pages} page{'s' if pages != 1 else ''}"
    progress(0.1, "Rendering")
    if fmt == "html":
        from scocompare.export.html import render_html

        text = render_html(comparison, reviews)
    elif fmt == "json":
        from scocompare.core.report import dumps

        text = dumps(comparison) + "\n"
    elif fmt == "csv":
        from scocompare.export.csv_export import render_csv

        text = render_csv(comparison)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    if cancelled():
        raise Cancelled()
    from scocompare.export.output import write_text

    progress(0.9, "Writing")
    write_text(Path(path), text)
    return f"{len(text.encode('utf-8')) // 1024 + 1} KB"


class ExportDialog(QDialog):
    """Format, file name, first-page preview (PDF), progress and Cancel."""

    exported = Signal(str)  # path written

    def __init__(self, comparison: Comparison, *, reviews=(), settings=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export the comparison")
        self.comparison = comparison
        self.reviews = list(reviews)
        self.settings = settings
        self.task: worker.Task | None = None
        self.preview_task: worker.Task | None = None
        self.result_text = ""
        self.error = ""
        engine_process.warm_up()  # the export helper starts while the user picks a file

        self.format = QComboBox()
        for key, (label, _s, _f) in FORMATS.items():
            self.format.addItem(label, key)
        self.format.setToolTip("What to produce: a PDF an editor can read on paper, or data")
        self.path = QLineEdit()
        self.path.setToolTip("The file to write (replaced atomically when it exists)")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format:", self.format)
        form.addRow("File:", row)

        self.preview = QLabel("Preview of the first page")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, 300)
        self.preview.setAccessibleName("Preview of the report's first page")
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(380)
        # Wide enough for the whole page: the dialog opened narrower and cut the
        # preview at the right, behind a horizontal scroll bar.
        scroll.setMinimumWidth(PREVIEW_WIDTH + 2 * scroll.frameWidth()
                               + scroll.verticalScrollBar().sizeHint().width())
        self.caption = QLabel("")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton("Close")
        self.cancel_button.clicked.connect(self._cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.caption)
        lay.addWidget(self.progress)
        lay.addLayout(buttons)

        self.format.currentIndexChanged.connect(self._format_changed)
        self.path.setText(str(self._default_dir() / self._default_name()))
        self._format_changed()

    # Choices ------------------------------------------------------------------
    def fmt(self) -> str:
        return self.format.currentData()

    def set_format(self, key: str) -> None:
        self.format.setCurrentIndex(list(FORMATS).index(key))

    def _default_dir(self) -> Path:
        d = self.settings.value("export/dir", "") if self.settings is not None else ""
        return Path(d) if d and Path(d).is_dir() else Path.home()

    def _default_name(self) -> str:
        base = self.comparison.document(self.comparison.base)
        stem = "".join(c if c.isalnum() or c in "-_ " else "_" for c in (base.title or "comparison"))
        stem = "-".join(stem.split())[:60] or "comparison"
        return stem + FORMATS[self.fmt()][1]

    def _browse(self) -> None:
        _label, _suffix, filt = FORMATS[self.fmt()]
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), filt)
        if path:
            self.path.setText(path)

    def _format_changed(self) -> None:
        suffix = FORMATS[self.fmt()][1]
        p = Path(self.path.text())
        if p.name and p.suffix.lower() != suffix:
            self.path.setText(str(p.with_suffix(suffix)))
        self.refresh_preview()

    # Preview ------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Draw the first PDF page in the background (other formats: a short note)."""
        if self.preview_task is not None and not self.preview_task.done:
            self.preview_task.cancel()
        self.caption.setText("")
        if not self.fmt().startswith("pdf"):
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No preview for this format: it is data, not a page.")
            return
        self.preview.setPixmap(QPixmap())
        self.preview.setText("Drawing the first page…")
        comp, mode, reviews = self.comparison, self.fmt().split("-", 1)[1], self.reviews

        def work(progress, cancelled):
            from scocompare.export.pdf import preview_page

            return preview_page(comp, 1, PREVIEW_WIDTH, mode=mode, reviews=reviews, cancelled=cancelled)

        self.preview_task = worker.run_task(work, on_done=self._show_preview,
                                            on_error=lambda e: self.preview.setText(f"No preview: {e}"),
                                            name="Preview")

    def _show_preview(self, result) -> None:
        img, pages = result
        self.preview.setText("")
        self.preview.setPixmap(QPixmap.fromImage(img))
        self.preview.setToolTip(f"Page 1 of {pages}")
        self.caption.setText(f"First page of {pages}")

    @property
    def preview_ready(self) -> bool:
        return not self.preview.pixmap().isNull()

    # Export -------------------------------------------------------------------
    def start_export(self) -> None:
        """Export in the background; the dialog stays responsive and can cancel."""
        text = self.path.text().strip()
        if not text:
            self.message.setText("Choose a file name first.")
            return
        path = Path(text).expanduser()
        if not path.parent.is_dir():
            self.message.setText(f"{path.parent}: no such folder")
            return
        if self.settings is not None:
            self.settings.set_value("export/dir", str(path.parent))
        comp, fmt, reviews = self.comparison, self.fmt(), self.reviews
        self.error = ""
        self.progress.setValue(0)
        self.progress.show()
        self.export_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.message.setText(f"Exporting to {path.name}…")

        def work(progress, cancelled):
            # In the helper process: Qt's text layout holds the GIL for hundreds of ms
            # per long table, which would freeze the window (bench/export_stall_bench.py).
            return engine_process.call(export_to, comp, fmt, str(path), reviews=reviews,
                                       progress=progress, cancelled=cancelled)

        self.task = worker.run_task(work, on_done=lambda r: self._done(path, r), on_error=self._failed,
                                    on_progress=self._progress, on_cancelled=self._cancelled,
                                    name="Export")

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        if message:
            self.message.setText(f"{message[:1].upper()}{message[1:]}…")

    def _finish(self) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.cancel_button.setText("Close")

    def _done(self, path: Path, what: str) -> None:
        self._finish()
        self.result_text = f"Wrote {path} ({what})."
        self.message.setText(self.result_text)
        self.exported.emit(str(path))

    def _failed(self, err: BaseException) -> None:
        self._finish()
        self.error = (str(err) or type(err).__name__).splitlines()[0]
        self.message.setText(self.error)

    def _cancelled(self) -> None:
        self._finish()
        self.message.setText("Export cancelled; no file was written.")

    def _cancel_or_close(self) -> None:
        if self.running:
            self.task.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        for t in (self.task, self.preview_task):
            if t is not None and not t.done:
                t.cancel()
        super().reject()
