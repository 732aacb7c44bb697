"""The window's background work and status bar: progress, Cancel, one-line errors.

Every slow job (loading, aligning, exporting) goes through ``worker.run_task`` via
``_start``; the newest request wins (an older alignment is cancelled), the progress
bar and Cancel button show while it runs, and a failure shows one line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QToolButton

from scocompare.gui import actions as actions_mod
from scocompare.gui import worker


class TaskMixin:
    """Mixed into MainWindow: status bar widgets, task start/finish, errors."""

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.status_label = QLabel()
        self.status_label.setToolTip("What is loaded and compared")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(260)
        # The status label stretches and squeezes the bar to its small size hint, where
        # "Loading v1-outlet1.txt… 40%" wrapped onto two clipped lines: keep room for it.
        self.progress.setMinimumWidth(min(260, self.progress.fontMetrics().horizontalAdvance(
            "Aligning version 6 of 6… 100%") + 24))
        self.progress.setToolTip("Progress of the running work")
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the running work (Esc)")
        self.cancel_button.clicked.connect(self.cancel_task)
        self.scorer_label = QLabel()
        sb.addWidget(self.status_label, 1)
        sb.addPermanentWidget(self.scorer_label)
        sb.addPermanentWidget(self.legend)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _start(self, what: str, fn, on_done) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()  # the newer request wins
        self.busy = True
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.progress.setFormat(f"{what}… %p%")
        self.task = worker.run_task(fn, on_done=lambda r: self._finish(on_done, r),
                                    on_error=self._failed, on_progress=self._progress,
                                    on_cancelled=self._cancelled, name=what)
        self._update_state()

    def _finish(self, on_done, result) -> None:
        self._idle()
        on_done(result)

    def _idle(self) -> None:
        self.busy = False
        self.progress.hide()
        self.cancel_button.hide()
        self._update_state()

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        if message:
            # The bar is narrow and Qt wraps (then clips) text that does not fit: elide
            # the message ("Aligning Outlet 1 cov…tement") and keep the percentage; the
            # status label on the left shows it whole.
            fm = self.progress.fontMetrics()
            room = max(40, self.progress.width() - fm.horizontalAdvance("… 100%") - 16)
            short = fm.elidedText(message, Qt.TextElideMode.ElideMiddle, room)
            self.progress.setFormat(f"{short}… %p%")
            self.status_label.setText(message + "…")

    def _failed(self, err: BaseException) -> None:
        self._idle()
        self._error(str(err) or type(err).__name__)

    def _cancelled(self) -> None:
        if self.task is not None and not self.task.done:
            return  # a newer task is running; it owns the progress bar
        self._idle()
        self.statusBar().showMessage("Cancelled", 4000)

    def cancel_task(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()

    def _error(self, message: str) -> None:
        self.statusBar().showMessage(message.splitlines()[0], 8000)
        box = QMessageBox(QMessageBox.Icon.Warning, "scocompare", message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # non-blocking: the window (and tests) keep running

    # Status -------------------------------------------------------------------
    def _update_state(self) -> None:
        n = len(self.docs)
        if n == 0:
            text = "No versions loaded"
        elif self.comparison is None:
            text = f"{n} version{'s' if n != 1 else ''} loaded; add at least two to compare"
        else:
            base = self.comparison.document(self.comparison.base)
            eng = self.comparison.engine
            title = base.title or base.id
            title = title if len(title) <= 40 else title[:39].rstrip() + "…"
            text = (f"{len(self.comparison.documents)} versions · base: {title} · "
                    f"{len(self.comparison.links)} links, {len(self.comparison.conflicts)} conflicting facts")
        # The scorer has its own permanent label: the legend must never push it out of view.
        if self.comparison is not None:
            eng = self.comparison.engine
            self.scorer_label.setText(f"scorer {eng.scorer}, threshold {eng.threshold:.2f}")
            self.scorer_label.setToolTip(f"Passages were matched by the {eng.scorer} scorer "
                                         f"(engine {eng.version}) at threshold {eng.threshold:.2f}")
        else:
            self.scorer_label.setText("")
        if self.busy and self.task is not None:
            text += f" · {self.task.name.lower()}…"
        self.status_label.setText(text)
        self.status_label.setToolTip(text)
        if self.comparison is not None:
            title = self.comparison.document(self.comparison.base).title
            self.setWindowTitle(f"{title} — scocompare")
        actions_mod.update_enabled(self)

    def status_message(self, text: str, timeout_ms: int = 5000) -> None:
        """Show a passing message in the status bar (the session layer uses it too)."""
        self.statusBar().showMessage(text, timeout_ms)
