"""What a journalist sees first: the window over the screen, panes with most of the
height, a readable legend, labelled overview figures, file names in pane headers,
and the ways to open versions described truthfully."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from scocompare.core.demo import demo_paths
from scocompare.gui import first_layout
from scocompare.gui.main_window import MainWindow
from scocompare.gui.pane_text import elide_lines, source_label

from .test_gui_window import lexical_compare, wait_ready


@pytest.fixture
def fresh(qtbot):
    """A first start: no saved layout; the window as it opens by itself."""
    w = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)  # the first-show dock sizing runs on the next event-loop turn
    return w


def test_first_start_fills_the_available_screen(fresh):
    avail = fresh.screen().availableGeometry()
    assert fresh.geometry().size() == avail.size()


def test_legend_sits_above_the_panes_and_wraps(qtbot, fresh):
    legend = fresh.legend
    assert legend.parent() is not fresh.statusBar()
    assert fresh.centralWidget().isAncestorOf(legend) and fresh.centralWidget().isAncestorOf(fresh.area)
    assert legend.isVisible()
    text = legend.toPlainText()
    for label in ("Identical", "Paraphrase", "Dropped", "Conflict", "Meaning shift"):
        assert label in text
    assert legend.width() >= fresh.area.width()  # the whole width above the panes
    assert legend.document().size().height() <= legend.height() + 1  # nothing clipped

    from scocompare.gui.panes import LegendBar

    bar = LegendBar()
    qtbot.addWidget(bar)
    bar.resize(bar.one_line_width() + 50, 40)
    bar.show()
    qtbot.waitUntil(lambda: bar.document().size().height() <= bar.height() + 1)
    one_line = bar.height()
    bar.resize(300, one_line)
    qtbot.waitUntil(lambda: bar.height() > 2 * one_line)  # wrapped onto more lines
    assert bar.document().size().height() <= bar.height() + 1


def test_detail_dock_short_until_a_selection_then_a_quarter(qtbot, fresh):
    fresh.resize(1400, 1000)
    fresh.open_paths(demo_paths()[:3])
    wait_ready(qtbot, fresh, 3)
    dock = fresh.docks["detail"]
    # (the synoptic table's tab bar shares the dock area: a tab's height more)
    assert dock.height() <= max(first_layout.short_detail_height(fresh),
                                dock.minimumSizeHint().height()) + 40
    assert dock.height() < 0.15 * fresh.height()
    base = fresh.comparison.document(fresh.comparison.base)
    fresh.select_segment(base.content_segments()[1].id)
    qtbot.waitUntil(lambda: dock.height() >= 0.2 * fresh.height())
    assert dock.height() <= 0.3 * fresh.height()
    # The panes keep most of the height.
    assert fresh.area.height() >= 0.5 * fresh.height()


def test_a_first_selection_at_a_panes_foot_stays_whole_after_the_detail_dock_grows(qtbot, fresh):
    from PySide6.QtGui import QTextCursor

    fresh.resize(1400, 1000)
    fresh.open_paths(demo_paths()[:3])
    wait_ready(qtbot, fresh, 3)
    pane = fresh.area.pane(fresh.comparison.base)
    height = pane.text.viewport().height()

    def box(sid):
        start, end = pane._seg_span[sid]
        cur = QTextCursor(pane.text.document())
        cur.setPosition(start)
        top = pane.text.cursorRect(cur).top()
        cur.setPosition(end)
        return top, pane.text.cursorRect(cur).bottom()

    # the last base sentence that is wholly visible now, near the foot of the pane
    sid = max((s.id for s in fresh.comparison.document(fresh.comparison.base).content_segments()
               if box(s.id)[1] <= height), key=lambda s: box(s)[1])
    assert box(sid)[1] > height - 200
    fresh.select_segment(sid)
    dock = fresh.docks["detail"]
    qtbot.waitUntil(lambda: dock.height() >= 0.2 * fresh.height())
    qtbot.wait(50)
    QApplication.processEvents()
    top, bottom = box(sid)
    assert 0 <= top and bottom <= pane.text.viewport().height()  # not cut by the grown dock


def test_a_saved_layout_wins_over_first_sight(qtbot, fresh):
    fresh.resize(760, 640)
    fresh.close()
    w = MainWindow(compare=lexical_compare, settings=fresh.settings)
    qtbot.addWidget(w)
    assert (w.geometry().width(), w.geometry().height()) == (760, 640)


def test_pane_headers_show_file_names_and_short_titles(qtbot):
    w = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w)
    w.resize(1500, 900)
    w.show()
    w.open_paths(demo_paths())
    wait_ready(qtbot, w, 5)
    for pane, path in zip(w.area.panes, demo_paths(), strict=True):
        assert pane.source.text() == path.name
        assert str(path) in pane.source.toolTip()
        # Long headlines stop after two lines, with the full one kept.
        fm = pane.title.fontMetrics()
        assert pane.title.height() <= max(fm.lineSpacing(), fm.height()) * 2 + 6
        assert pane.title.text().rstrip("…").split()[-1] in pane.title.full_text
    # The overview says what its figure is: how much of each version differs.
    strip = w.panels["overview"]
    assert strip.shown_label_width() < strip.width()  # the heat strip keeps room
    tip = strip._label_tooltip(30)
    assert "differ" in tip and "carries" in tip and "Identical and near" in tip


def test_elide_lines_cuts_at_a_word(qtbot):
    from PySide6.QtWidgets import QLabel

    fm = QLabel().fontMetrics()
    text = "one two three four five six seven eight nine ten " * 4
    out = elide_lines(text, fm, 120, 2)
    assert out.endswith("…") and text.startswith(out[:-1])
    assert elide_lines("short", fm, 120, 2) == "short"


def test_source_labels():
    assert source_label("/work/a/b/00-statement.txt") == "00-statement.txt"
    assert source_label("https://example.org/news/x/") == "example.org/news/x"
    assert source_label("clipboard") == "pasted text"


def test_open_tip_names_every_format_and_open_url_checks_the_address(qtbot, fresh, monkeypatch):
    from scocompare.gui import actions

    tip = fresh.actions["open"].statusTip()
    for fmt in ("PDF", "docx", "HTML", "text"):
        assert fmt in tip
    assert fresh.actions["open-url"] in fresh.menus["File"].actions()
    assert actions.url_problem("ftp://x") and actions.url_problem("https://") and \
        actions.url_problem("https://example.org/a") is None
    opened, errors = [], []
    monkeypatch.setattr(fresh, "open_paths", lambda paths: opened.append(paths))
    monkeypatch.setattr(fresh, "_error", lambda msg: errors.append(msg))
    actions.open_url(fresh, "example.org/story")
    assert not opened and errors and errors[0].startswith("example.org/story: ")
    actions.open_url(fresh, "  https://example.org/story ")
    assert opened == [["https://example.org/story"]]
    # The dialog opens non-modally with the address field ready.
    fresh.actions["open-url"].trigger()
    QApplication.processEvents()
    assert fresh.url_dialog.isVisible()
    fresh.url_dialog.reject()


def test_recent_list_keeps_web_addresses(fresh):
    files = fresh.settings.add_recent("https://example.org/story")
    assert files[0] == "https://example.org/story"


def test_no_two_actions_share_a_shortcut(qtbot):
    from PySide6.QtGui import QAction

    from scocompare.gui.session_controller import SessionController

    w = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w)
    SessionController(w)
    seen: dict[str, str] = {}
    for a in w.findChildren(QAction):
        for key in a.shortcuts():
            k = key.toString()
            if k:
                assert k not in seen or seen[k] == a.text(), f"{k}: {seen.get(k)} and {a.text()}"
                seen[k] = a.text()
    assert "Ctrl+Shift+U" in seen
