"""Every command of the main window as a QAction, with menus, toolbar and shortcuts.

One place for all of them, so menus, toolbar, keyboard and later additions (manual
link/unlink, undo/redo) stay in step. ``build(window)`` returns ``{name: QAction}``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QSlider, QToolBar, QToolButton

from scocompare.gui import theme

FILE_FILTER = "Texts and web pages (*.txt *.md *.html *.htm *.pdf *.docx);;All files (*)"


def _action(w, name: str, text: str, slot, shortcut=None, tip: str = "", checkable=False) -> QAction:
    a = QAction(text, w)
    a.setObjectName(name)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    keys = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    a.setToolTip(f"{tip or text.replace('&', '')}" + (f" ({keys})" if keys else ""))
    a.setStatusTip(tip or text.replace("&", ""))
    a.setCheckable(checkable)
    if checkable:
        a.toggled.connect(slot)
    else:
        a.triggered.connect(lambda _checked=False: slot())
    w.addAction(a)  # shortcuts work even when the menu bar is hidden
    return a


def _open_dialog(w) -> None:
    start = w.settings.value("dialog/dir", str(Path.home()))
    files, _ = QFileDialog.getOpenFileNames(w, "Open versions", start, FILE_FILTER)
    if files:
        w.settings.set_value("dialog/dir", str(Path(files[0]).parent))
        w.open_paths(files)


def url_problem(text: str) -> str | None:
    """Why ``text`` cannot be opened as a web page, or None when it looks like one."""
    from urllib.parse import urlsplit

    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https"):
        return "the address must start with http:// or https://"
    if not parts.hostname:
        return "the address names no web site"
    return None


def _open_url_dialog(w) -> None:
    from PySide6.QtWidgets import QInputDialog

    clip = ""
    try:
        from PySide6.QtGui import QGuiApplication

        clip = QGuiApplication.clipboard().text().strip()
    except RuntimeError:
        pass
    dlg = QInputDialog(w)
    dlg.setWindowTitle("Open URL")
    dlg.setLabelText("Web address of a version (the article text is extracted):")
    dlg.setTextValue(clip if url_problem(clip) is None else "https://")
    dlg.resize(560, dlg.sizeHint().height())
    dlg.textValueSelected.connect(lambda text: open_url(w, text))
    w.url_dialog = dlg
    dlg.open()


def open_url(w, text: str) -> None:
    """Open the web page ``text`` as a version, or say in one line why not."""
    problem = url_problem(text)
    if problem:
        w._error(f"{text.strip() or '(empty)'}: {problem}")
        return
    w.open_paths([text.strip()])


def _open_demo(w) -> None:
    from scocompare.core.demo import demo_paths

    w.docs.clear()
    w.base_id = None
    w.open_paths(demo_paths())


def build(w) -> dict[str, QAction]:
    """Create the window's actions, menus and toolbar; return the actions by name."""
    A = {}
    S = QKeySequence.StandardKey
    A["open"] = _action(w, "open", "&Open versions…", lambda: _open_dialog(w), S.Open,
                        "Open one or more files as versions (text, Markdown, HTML, PDF, Word .docx)")
    A["open-url"] = _action(w, "open-url", "Open &URL…", lambda: _open_url_dialog(w), "Ctrl+Shift+U",
                            "Add a web page (http or https address) as a version; the article "
                            "text is extracted, site menus and footers left out")
    A["paste"] = _action(w, "paste", "New version from &clipboard", w.paste_version, "Ctrl+Shift+V",
                         "Add the text on the clipboard as a new version")
    A["demo"] = _action(w, "demo", "Open the &demo set", lambda: _open_demo(w), "Ctrl+Shift+D",
                        "A fictional summit statement and four news versions of it")
    A["quit"] = _action(w, "quit", "&Quit", w.close, S.Quit)
    A["next"] = _action(w, "next", "&Next difference", lambda: w.step_difference(1), "F7",
                        "Go to the next difference in the active version")
    A["prev"] = _action(w, "prev", "&Previous difference", lambda: w.step_difference(-1), "Shift+F7",
                        "Go to the previous difference in the active version")
    A["base"] = _action(w, "base", "Use as &base", lambda: w.set_base(), "Ctrl+B",
                        "Compare every other version against the active one")
    A["rename"] = _action(w, "rename", "&Rename version…", lambda: w.rename_version(), "F2",
                          "Give the active version a clearer title")
    A["remove"] = _action(w, "remove", "Re&move version", lambda: w.remove_version(), "Ctrl+W",
                          "Close the active version")
    A["left"] = _action(w, "left", "Move version &left", lambda: w.move_version(-1), "Ctrl+Shift+Left",
                        "Move the active version one place to the left")
    A["right"] = _action(w, "right", "Move version &right", lambda: w.move_version(1), "Ctrl+Shift+Right",
                         "Move the active version one place to the right")
    A["realign"] = _action(w, "realign", "Re-&align", w.recompute, "F5", "Align all versions again")
    A["cancel"] = _action(w, "cancel", "&Cancel", lambda: _cancel(w), "Esc", "Stop the running work")
    A["undo"] = w.undo_stack.createUndoAction(w, "&Undo")
    A["undo"].setShortcut(QKeySequence("Ctrl+Z"))
    A["redo"] = w.undo_stack.createRedoAction(w, "&Redo")
    A["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for a in (A["undo"], A["redo"]):
        w.addAction(a)
    A["link"] = _action(w, "link", "&Link with…", w.start_link_mode, "Ctrl+K",
                        "Link the selected sentence by hand with the next one you click in "
                        "another version (or Ctrl+click it)")
    A["review"] = _action(w, "review", "Mark &reviewed…", lambda: _review_selected(w), "Ctrl+R",
                          "Mark the selected sentence as checked, with a note")
    A["export"] = _action(w, "export", "&Export report…", lambda: _open_export(w), "Ctrl+E",
                          "Save the comparison as a PDF report, HTML, JSON or CSV")
    A["about"] = _action(w, "about", "&About scocompare", lambda: show_about(w), None,
                         "Version, matching method and threshold in use")
    A["linked"] = _action(w, "linked", "&Linked scrolling",
                          lambda on: setattr(w.area, "linked_scrolling", on), "Ctrl+L",
                          "Scrolling one version scrolls the others to the same passage", checkable=True)
    A["linked"].setChecked(True)
    A["stricter"] = _action(w, "stricter", "Stricter matching", lambda: _nudge(w, +5), "Ctrl+]",
                            "Raise the similarity threshold by 0.05")
    A["looser"] = _action(w, "looser", "Looser matching", lambda: _nudge(w, -5), "Ctrl+[",
                          "Lower the similarity threshold by 0.05")
    A["find"] = _action(w, "find", "&Find in all versions…", lambda: _open_find(w), S.Find,
                        "Search every version")
    for k, st in enumerate(theme.STYLES.values()):
        if st.kind not in theme.DIFFERENCE_KINDS:
            continue
        a = _action(w, f"kind-{st.kind}", f"{st.marker} {st.label}",
                    lambda on, kind=st.kind: w.set_kind_enabled(kind, on),
                    f"Alt+{k}" if k < 10 else None, st.help, checkable=True)
        a.setChecked(True)
        A[f"kind-{st.kind}"] = a
    for n in range(1, 9):
        A[f"pane-{n}"] = _action(w, f"pane-{n}", f"Go to version {n}", lambda n=n: _focus_pane(w, n),
                                 f"Ctrl+{n}", f"Put the keyboard in version {n} (the base is 1)")

    mb = w.menuBar()
    m = mb.addMenu("&File")
    m.addActions([A["open"], A["open-url"], A["paste"]])
    w.recent_menu = m.addMenu("Open &recent")
    w.recent_menu.aboutToShow.connect(lambda: _fill_recent(w))
    m.addAction(A["demo"])
    m.addSeparator()
    m.addAction(A["export"])
    m.addSeparator()
    m.addAction(A["quit"])
    w.menus = {"File": m}
    m = mb.addMenu("&Edit")
    m.addActions([A["undo"], A["redo"]])
    m.addSeparator()
    m.addActions([A["link"], A["review"]])
    w.menus["Edit"] = m
    m = mb.addMenu("&Versions")
    w.menus["Versions"] = m
    m.addActions([A["base"], A["rename"], A["remove"], A["left"], A["right"]])
    m.addSeparator()
    m.addActions([A[f"pane-{n}"] for n in range(1, 9)])
    m = mb.addMenu("&Differences")
    w.menus["Differences"] = m
    m.addActions([A["next"], A["prev"], A["find"]])
    w.filter_menu = m.addMenu("Show &kinds")
    w.filter_menu.setToolTipsVisible(True)
    w.filter_menu.addActions([a for n, a in A.items() if n.startswith("kind-")])
    m.addSeparator()
    m.addActions([A["stricter"], A["looser"], A["realign"], A["cancel"]])
    m = mb.addMenu("&View")
    w.menus["View"] = m
    m.addAction(A["linked"])
    for dock in w.docks.values():
        m.addAction(dock.toggleViewAction())
    m = mb.addMenu("&Help")
    w.menus["Help"] = m
    m.addActions([A["demo"], A["about"]])

    tb = QToolBar("Main toolbar", w)
    tb.setObjectName("toolbar-main")
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    tb.addActions([A["open"], A["paste"]])
    tb.addSeparator()
    tb.addActions([A["prev"], A["next"]])
    kinds_button = QToolButton()
    kinds_button.setText("Kinds ▾")
    kinds_button.setToolTip("Choose which kinds of difference F7 stops at")
    kinds_button.setMenu(w.filter_menu)
    kinds_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    tb.addWidget(kinds_button)
    tb.addSeparator()
    tb.addWidget(QLabel(" Match threshold "))
    w.threshold_slider = QSlider(Qt.Orientation.Horizontal)
    w.threshold_slider.setRange(5, 95)
    w.threshold_slider.setFixedWidth(160)
    w.threshold_slider.setToolTip("How similar two passages must be to count as the same "
                                  "passage. Higher: fewer, surer links (Ctrl+] / Ctrl+[)")
    w.threshold_slider.setAccessibleName("Match threshold")
    w.threshold_label = QLabel(" – ")
    w.threshold_label.setMinimumWidth(w.threshold_label.fontMetrics().horizontalAdvance(" 0.00 ") + 4)
    w.threshold_slider.valueChanged.connect(lambda v: _slider_moved(w, v))
    tb.addWidget(w.threshold_slider)
    tb.addWidget(w.threshold_label)
    tb.addSeparator()
    tb.addActions([A["base"], A["rename"], A["remove"]])
    w.addToolBar(tb)
    w.toolbar = tb
    return A


def _cancel(w) -> None:
    if getattr(w, "_link_source", None) is not None:
        w._link_source = None
        w.status_message("Linking cancelled")
    w.cancel_task()


def _review_selected(w) -> None:
    sid = w.area.selected
    if sid is None:
        w.status_message("Select a sentence first, then mark it reviewed (Ctrl+R)")
        return
    w._ask_review(sid)


def _open_export(w) -> None:
    if w.comparison is None:
        w.status_message("Open and compare two or more versions before exporting")
        return
    from scocompare.gui.export_dialog import ExportDialog

    dlg = ExportDialog(w.comparison, reviews=w.reviews_for_export(), settings=w.settings, parent=w)
    dlg.exported.connect(lambda path: w.status_message(f"Exported {path}", 8000))
    w.export_dialog = dlg
    dlg.open()


def about_text(w) -> str:
    """Help > About: the version, and the matching method of the comparison shown."""
    from scocompare import __version__

    lines = [f"scocompare {__version__}",
             "Compares published versions of one statement, sentence by sentence."]
    comp = w.comparison
    if comp is not None:
        lines.append(f"Matching method (scorer): {comp.engine.scorer}")
        lines.append(f"Match threshold: {comp.engine.threshold:.2f}; engine {comp.engine.version}")
    else:
        lines.append("Matching method: chosen when two versions are compared "
                     "(the MiniLM semantic model when available, else lexical).")
    return "\n".join(lines)


def show_about(w) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, "About scocompare", about_text(w), parent=w)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    w.about_box = box
    box.open()


def _slider_moved(w, value: int) -> None:
    w.threshold_label.setText(f" {value / 100:.2f} ")
    if not getattr(w, "_syncing_slider", False):
        w.set_threshold(value / 100)


def _nudge(w, delta: int) -> None:
    w.threshold_slider.setValue(w.threshold_slider.value() + delta)


def sync_threshold(w, value: float) -> None:
    """Show the engine's threshold on the slider without triggering a re-alignment."""
    w._syncing_slider = True
    try:
        w.threshold_slider.setValue(round(value * 100))
        w.threshold_label.setText(f" {value:.2f} ")
    finally:
        w._syncing_slider = False


def _open_find(w) -> None:
    if w.find_bar is None:
        w.statusBar().showMessage("Find is not available in this build", 4000)
        return
    w.docks["find"].show()
    w.find_bar.open_bar()


def _focus_pane(w, n: int) -> None:
    if n <= len(w.area.panes):
        pane = w.area.panes[n - 1]
        w._set_active(pane.doc_id)
        pane.text.setFocus()


def _fill_recent(w) -> None:
    menu = w.recent_menu
    menu.clear()
    files = w.settings.recent_files()
    for f in files:
        a = menu.addAction(f.split("://", 1)[1] if "://" in f else Path(f).name)
        a.setToolTip(f)
        a.setStatusTip(f)
        a.triggered.connect(lambda _c=False, f=f: w.open_paths([f]))
    if not files:
        menu.addAction("(none yet)").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("Clear the list").triggered.connect(w.settings.clear_recent)


def update_enabled(w) -> None:
    """Grey out what cannot apply now (no comparison, nothing running...)."""
    A = getattr(w, "actions", None)
    if not A:
        return
    has_cmp = w.comparison is not None
    has_doc = w.active_doc is not None and any(d.id == w.active_doc for d in w.docs)
    for name in ("next", "prev", "find", "stricter", "looser"):
        A[name].setEnabled(has_cmp)
    for name in ("base", "rename", "remove", "left", "right"):
        A[name].setEnabled(has_doc and not w.busy)
    A["realign"].setEnabled(len(w.docs) >= 2)
    for name in ("link", "review", "export"):
        A[name].setEnabled(has_cmp)
    A["cancel"].setEnabled(w.busy)
    w.threshold_slider.setEnabled(len(w.docs) >= 2)

