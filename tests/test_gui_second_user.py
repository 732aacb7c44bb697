"""A second newsroom user (docs/user-check.md, round 4): dark mode and the progress bar.

Each test pins one thing that broke on fresh texts: the desktop switching to dark while
a comparison is open left the legend and the panes drawn with the light colours (light
text on pastel chips, unreadable), and the status bar's progress text wrapped onto two
clipped lines ("Loading v1-" / "outlet1.txt…"). Texts written for these tests (a
fictional hospital strike).
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from scocompare.gui import theme
from scocompare.gui.main_window import MainWindow
from tests.helpers import lexical_compare

WAIT = 60_000

STATEMENT = ("Union statement on the hospital strike\n\n"
             "Nurses at Saint Elsa General Hospital will stop work for 48 hours from Thursday. "
             "In a ballot, 87 per cent of the members who voted backed the action. "
             "Emergency care and the maternity ward will be staffed at weekend levels. "
             "The union is asking for one nurse for every six patients on general wards.\n")
WIRE = ("Hospital nurses to strike for two days\n\n"
        "Nurses at Saint Elsa General Hospital will walk out for 48 hours from Thursday. "
        "In a ballot, 78 per cent of the members who voted backed the action. "
        "The union wants one nurse for every six patients on general wards. "
        "The health board did not respond to a request for comment.\n")


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    colours = {QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e0e0e0",
               QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.Text: "#e0e0e0",
               QPalette.ColorRole.Button: "#3a3a3a", QPalette.ColorRole.ButtonText: "#e0e0e0"} if dark else {
        QPalette.ColorRole.Window: "#efefef", QPalette.ColorRole.WindowText: "#000000",
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.Text: "#000000",
        QPalette.ColorRole.Button: "#efefef", QPalette.ColorRole.ButtonText: "#000000"}
    for role, c in colours.items():
        p.setColor(role, QColor(c))
    return p


@pytest.fixture
def light_app():
    app = QApplication.instance()
    before = app.palette()
    app.setPalette(_palette(False))
    yield app
    app.setPalette(before)


def _backgrounds(text_edit) -> set[str]:
    """The background colours of every fragment of a QTextEdit's document."""
    out = set()
    block = text_edit.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.background().style() != 0:
                out.add(fmt.background().color().name())
            it += 1
        block = block.next()
    return out


def _opened(qtbot, tmp_path) -> MainWindow:
    files = []
    for name, text in (("statement.txt", STATEMENT), ("wire.txt", WIRE)):
        files.append(tmp_path / name)
        files[-1].write_text(text, encoding="utf-8")
    w = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    w.open_paths(files)
    qtbot.waitUntil(lambda: not w.busy and w.comparison is not None and not w.area.rendering
                    and not w.settling, timeout=WAIT)
    QApplication.processEvents()
    return w


def test_switching_to_dark_redraws_the_legend_and_the_open_panes(qtbot, tmp_path, light_app):
    w = _opened(qtbot, tmp_path)
    light = {theme.colour(k, False).name() for k in theme.KINDS}
    dark = {theme.colour(k, True).name() for k in theme.KINDS}
    pane = w.area.panes[1]
    assert _backgrounds(w.legend) & light and _backgrounds(pane.text) & light
    pane.text.verticalScrollBar().setValue(pane.text.verticalScrollBar().maximum())
    scrolled = pane.text.verticalScrollBar().value()

    light_app.setPalette(_palette(True))
    qtbot.wait(50)  # the redraw is queued for the next turn of the event loop
    qtbot.waitUntil(lambda: not w.area.rendering, timeout=WAIT)
    QApplication.processEvents()

    for widget in (w.legend, pane.text, w.area.panes[0].text):
        got = _backgrounds(widget)
        assert got & dark, (widget.accessibleName(), got)
        assert not (got & light - dark), f"light chips left under light text in {widget}"
    assert pane.text.verticalScrollBar().value() == scrolled  # the reader's place is kept

    light_app.setPalette(_palette(False))  # and back, at sunrise
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not w.area.rendering, timeout=WAIT)
    assert _backgrounds(w.legend) & light and not (_backgrounds(w.legend) & dark - light)


def test_a_palette_change_that_keeps_the_darkness_does_not_redraw(qtbot, tmp_path, light_app):
    w = _opened(qtbot, tmp_path)
    pane = w.area.panes[1]
    cur = QTextCursor(pane.text.document())
    doc_before = pane.text.document()
    revision = doc_before.revision()
    p = _palette(False)
    p.setColor(QPalette.ColorRole.Highlight, QColor("#aa3355"))  # an accent colour change
    light_app.setPalette(p)
    qtbot.wait(50)
    assert not w.area.rendering and pane.text.document().revision() == revision
    assert cur.document() is pane.text.document()


def test_progress_text_fits_the_status_bar_on_one_line(qtbot, tmp_path):
    w = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    w.progress.show()
    w._progress(0.4, "Aligning Outlet 1 coverage of the regional council statement")
    QApplication.processEvents()
    fm = w.progress.fontMetrics()
    shown = w.progress.text()
    assert shown.endswith("40%") and "Aligning" in shown
    # Qt wraps a format wider than the bar onto a second, clipped line: it must fit.
    assert fm.horizontalAdvance(shown) <= w.progress.width() - 8
    assert fm.horizontalAdvance("Loading v1-outlet1.txt… 100%") <= w.progress.width() - 8
    assert w.status_label.text().startswith("Aligning Outlet 1 coverage of the regional council statement")
    w.progress.hide()
