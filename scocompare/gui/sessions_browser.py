"""File > Sessions…: every saved comparison, searchable as you type.

Open, rename, duplicate, move to the trash and restore, export and import
``.scocompare`` files. Changes go through the controller's write queue (one store
transaction each, off the UI thread); the list is read directly, which is a single
small query. Keyboard: type to filter, Down to the list, Enter opens, F2 renames,
Ctrl+D duplicates, Delete moves to the trash, Ctrl+R restores.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from scocompare.gui.start_screen import when

SAVED, TRASH = "Saved sessions", "Trash"


class SessionsBrowser(QDialog):
    """List of sessions with a filter box, a Saved/Trash switch and actions."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Sessions — scocompare")
        self.resize(860, 480)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name or base version…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sessions")
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self.open_selected)
        self.filter.installEventFilter(self)
        self.which = QComboBox()
        self.which.addItems([SAVED, TRASH])
        self.which.setToolTip("Deleted sessions stay in the Trash until you restore them")
        self.which.setAccessibleName("Show saved sessions or the trash")
        self.which.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.filter, 1)
        top.addWidget(self.which)
        lay.addLayout(top)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Name", "Versions", "Base version (the reference text)", "Last changed"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Saved sessions")
        self.tree.itemActivated.connect(lambda _item, _col: self.open_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        head = self.tree.header()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        head.setStretchLastSection(False)
        self.tree.setColumnWidth(1, 80)
        self.tree.setColumnWidth(3, 190)
        lay.addWidget(self.tree, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        lay.addWidget(self.message)

        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot, keys, tip in (
            ("open", "&Open", self.open_selected, None, "Show this comparison in the window (Enter)"),
            ("rename", "&Rename…", self.rename_selected, "F2", "Give the session another name (F2)"),
            ("duplicate", "&Duplicate", self.duplicate_selected, "Ctrl+D",
             "Make a copy to try something without touching the original (Ctrl+D)"),
            ("delete", "Move to &trash", self.delete_selected, QKeySequence.StandardKey.Delete,
             "Delete the session; it can be restored from the Trash (Delete)"),
            ("restore", "R&estore", self.restore_selected, "Ctrl+R", "Bring the session back from the Trash"),
            ("export", "E&xport…", self.export_selected, None,
             "Save the session as one .scocompare file to send to a colleague"),
            ("import", "&Import…", self.import_file, None, "Add a .scocompare file a colleague sent"),
        ):
            b = QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _c=False, slot=slot: slot())
            if keys is not None:
                sc = QShortcut(QKeySequence(keys), self.tree)
                sc.setContext(Qt.ShortcutContext.WidgetShortcut)
                sc.activated.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        lay.addLayout(row)
        controller.sessionsChanged.connect(self._changed)
        controller.failed.connect(self.message.setText)
        self._pending_select: str | None = None
        self.refresh()

    # List -----------------------------------------------------------------------
    @property
    def showing_trash(self) -> bool:
        return self.which.currentText() == TRASH

    def refresh(self) -> None:
        """Read the sessions again (keeps the current one selected)."""
        keep = self._pending_select or self.selected_name()
        self._pending_select = None
        self.tree.clear()
        store = self.controller.store
        if store is None:
            self.message.setText("The session database could not be opened; see the message in the window.")
            self._update_buttons()
            return
        try:
            sessions = store.list(include_trash=self.showing_trash)
        except Exception as err:  # busy or damaged: one line, the dialog stays usable
            self.message.setText(str(err).splitlines()[0])
            sessions = []
        for s in sessions:
            if bool(s.deleted_at) != self.showing_trash:
                continue
            changed = when(s.deleted_at if self.showing_trash else s.updated)
            item = QTreeWidgetItem([s.name, str(s.versions), s.base_title, changed])
            item.setData(0, Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(0, s.name)
            item.setToolTip(2, s.base_title)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
            if s.name == keep:
                self.tree.setCurrentItem(item)
        self.tree.headerItem().setText(3, "Moved to trash" if self.showing_trash else "Last changed")
        self._apply_filter()
        if self.tree.topLevelItemCount() == 0:
            self.message.setText("The trash is empty." if self.showing_trash else
                                 "No saved sessions yet: every comparison you make is saved here.")

    def _apply_filter(self) -> None:
        words = self.filter.text().casefold().split()
        first_visible = None
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            hay = f"{item.text(0)} {item.text(2)}".casefold()
            hidden = not all(w in hay for w in words)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        cur = self.tree.currentItem()
        if cur is None or cur.isHidden():
            self.tree.setCurrentItem(first_visible)
        shown = sum(not self.tree.topLevelItem(i).isHidden() for i in range(self.tree.topLevelItemCount()))
        self.message.setText(f"No session matches “{self.filter.text()}”." if words and not shown else "")
        self._update_buttons()

    def selected_name(self) -> str | None:
        item = self.tree.currentItem()
        return item.text(0) if item is not None and not item.isHidden() else None

    def _selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None and not item.isHidden() else None

    def _update_buttons(self) -> None:
        has = self._selected_id() is not None
        trash = self.showing_trash
        for key in ("open", "rename", "duplicate", "export"):
            self.buttons[key].setEnabled(has and not trash)
        self.buttons["delete"].setEnabled(has and not trash)
        self.buttons["restore"].setEnabled(has and trash)
        self.buttons["delete"].setVisible(not trash)
        self.buttons["restore"].setVisible(trash)

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def eventFilter(self, obj, event) -> bool:
        # Down in the filter box moves into the list, as in a file chooser.
        if obj is self.filter and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.tree.setFocus()
            return True
        return super().eventFilter(obj, event)

    # Actions --------------------------------------------------------------------
    def open_selected(self) -> None:
        sid = self._selected_id()
        if sid is None or self.showing_trash:
            return
        self.controller.open_session(sid)
        self.accept()

    def rename_selected(self, new_name: str | None = None) -> None:
        sid, old = self._selected_id(), self.selected_name()
        if sid is None or self.showing_trash:
            return
        if new_name is None:
            new_name, ok = QInputDialog.getText(self, "Rename session", "New name:", text=old)
            if not ok or new_name == old:
                return

        def job(store):
            name = store.rename(sid, new_name)
            slot = self.controller._slot
            if slot is not None and slot["id"] == sid:
                slot["name"] = name
            return name

        self._pending_select = new_name.strip()
        self.controller.submit(job, self._done, what="Renaming")

    def duplicate_selected(self) -> None:
        sid = self._selected_id()
        if sid is None or self.showing_trash:
            return
        self.controller.submit(lambda store: store.duplicate(sid), self._done, what="Duplicating")

    def delete_selected(self) -> None:
        sid = self._selected_id()
        if sid is None or self.showing_trash:
            return
        self.controller.session_trashed(sid)
        self.controller.submit(lambda store: store.delete(sid), self._done, what="Deleting")

    def restore_selected(self) -> None:
        sid = self._selected_id()
        if sid is None or not self.showing_trash:
            return
        self.controller.submit(lambda store: store.restore(sid), self._done, what="Restoring")

    def export_selected(self, path: str | None = None) -> None:
        sid = self._selected_id()
        if sid is not None:
            self.controller.export_session(sid, path)

    def import_file(self, path: str | None = None) -> None:
        self.controller.import_session(path, open_it=False)

    def _done(self, name) -> None:
        if isinstance(name, str):
            self._pending_select = name
        self.controller._update_title()  # the open session may have been renamed
        self.controller.sessionsChanged.emit()
        QTimer.singleShot(0, self.tree.setFocus)
