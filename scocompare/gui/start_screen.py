"""What the window shows with nothing loaded: recent sessions and ways to begin.

It lies over the (empty) version panes and steps aside as soon as a comparison is on
screen. Files dropped on it reach the window, which accepts drops: this widget does
not, so Qt passes the drop to its parent.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

MAX_RECENT = 8


def when(stamp: str) -> str:
    """A store time stamp (ISO, UTC) as local 'Tue 4 Jul 2023, 14:05'."""
    try:
        t = datetime.fromisoformat(stamp).astimezone()
    except (TypeError, ValueError):
        return stamp or ""
    return t.strftime("%a %d %b %Y, %H:%M").replace(" 0", " ")


class InfoBar(QToolBar):
    """A dismissable one-line message under the toolbar (re-aligned session, damaged database)."""

    def __init__(self, parent):
        super().__init__("Session messages", parent)
        self.setObjectName("toolbar-session-info")
        self.setMovable(False)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setContentsMargins(8, 4, 8, 4)
        self.addWidget(self.label)
        close = self.addAction("Dismiss")
        close.setToolTip("Hide this message")
        close.triggered.connect(self.hide)
        self.setStyleSheet("QToolBar#toolbar-session-info { background: palette(tool-tip-base); }")
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(text)
        self.show()


class StartScreen(QFrame):
    """Recent sessions (click or Enter opens), Open files…, the demo set, a drop hint."""

    def __init__(self, controller):
        super().__init__()
        self.controller = controller
        self.setObjectName("start-screen")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(620)
        col = QVBoxLayout(box)
        title = QLabel("Compare versions of one statement")
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        title.setFont(f)
        col.addWidget(title)
        intro = QLabel("Open the official text and the articles written from it: scocompare "
                       "lines them up sentence by sentence and shows what each one keeps, "
                       "rewords, leaves out, adds, or states differently.")
        intro.setWordWrap(True)
        col.addWidget(intro)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Open files…")
        self.open_button.setToolTip("Choose two or more files: the statement and its coverage "
                                    "(text, Markdown, web pages, PDF, Word)")
        self.open_button.clicked.connect(self._open_files)
        self.demo_button = QPushButton("Open the demo set")
        self.demo_button.setToolTip("A fictional summit statement and four news versions of it")
        self.demo_button.clicked.connect(self._open_demo)
        self.sessions_button = QPushButton("All sessions…")
        self.sessions_button.setToolTip("Browse, search, rename or restore saved comparisons (Ctrl+Shift+O)")
        self.sessions_button.clicked.connect(controller.show_browser)
        for b in (self.open_button, self.demo_button, self.sessions_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        col.addLayout(buttons)
        hint = QLabel("Or drag files, or text from a browser, onto this window. "
                      "Ctrl+Shift+V adds the text on the clipboard as a version; "
                      "File ▸ Open URL… (Ctrl+Shift+U) adds a web page.")
        hint.setWordWrap(True)
        hint.setEnabled(False)  # greyed: a hint, not a control
        col.addWidget(hint)
        self.recent_label = QLabel("Recent comparisons (saved automatically)")
        f = self.recent_label.font()
        f.setBold(True)
        self.recent_label.setFont(f)
        col.addSpacing(12)
        col.addWidget(self.recent_label)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent comparisons")
        self.recent.setToolTip("Click or press Enter to reopen a comparison as you left it")
        self.recent.itemActivated.connect(self._activated)
        self.recent.itemClicked.connect(self._activated)
        self.recent.setMaximumHeight(230)
        col.addWidget(self.recent)
        self.empty_label = QLabel("No saved comparisons yet. Every comparison you make is "
                                  "kept here, so you can come back to it later.")
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        col.addWidget(self.empty_label)
        self.status = QLabel()
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        controller.sessionsChanged.connect(self.refresh)
        self._timer = QTimer(self)
        self._timer.setInterval(400)  # the window has no "emptied" signal: look now and then
        self._timer.timeout.connect(lambda: self.update_visibility())

    # Placement ------------------------------------------------------------------
    def attach(self, window) -> None:
        """Lie over the window's central widget and follow its size."""
        self.window_ = window
        host = window.centralWidget()
        self.setParent(host)
        host.installEventFilter(self)
        self.setGeometry(host.rect())
        self.refresh()
        self.update_visibility()
        self._timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(obj.rect())
        return False

    def update_visibility(self, comparison=None) -> None:
        """Shown while no comparison is on screen and nothing is being loaded or opened."""
        w = self.window_
        comparison = comparison if comparison is not None else w.current_comparison()
        busy = getattr(w, "busy", False) or not self.controller.idle_opening
        show = comparison is None and not busy
        n = len(w.documents())
        self.status.setText(f"{n} version loaded; open at least one more to compare." if n == 1 else "")
        if show and not self.isVisible():
            self.refresh()
            self.raise_()
            self.show()
            self.recent.setFocus() if self.recent.count() else self.open_button.setFocus()
        elif not show and self.isVisible():
            self.hide()

    # Content --------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the recent sessions list."""
        self.recent.clear()
        store = self.controller.store
        sessions = []
        if store is not None:
            try:
                sessions = store.list()[:MAX_RECENT]
            except Exception as err:  # a busy/damaged database: say it, keep the screen usable
                self.status.setText(str(err).splitlines()[0])
        for s in sessions:
            label = f"{s.name}\n    {s.versions} versions · last changed {when(s.updated)}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(f"Base version: {s.base_title}" if s.base_title else s.name)
            self.recent.addItem(item)
        if sessions:
            self.recent.setCurrentRow(0)
        self.recent.setVisible(bool(sessions))
        self.recent_label.setVisible(bool(sessions))
        self.empty_label.setVisible(not sessions and store is not None)

    def _activated(self, item: QListWidgetItem) -> None:
        self.controller.open_session(int(item.data(Qt.ItemDataRole.UserRole)))

    def _open_files(self) -> None:
        action = self.window_.actions.get("open")
        if action is not None:
            action.trigger()

    def _open_demo(self) -> None:
        action = self.window_.actions.get("demo")
        if action is not None:
            action.trigger()
