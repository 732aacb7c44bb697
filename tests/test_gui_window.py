"""The comparison window, driven as a user would (pytest-qt, offscreen)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint, Qt, QThread
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QApplication

from scocompare.core.demo import demo_paths
from scocompare.core.errors import InputError
from scocompare.core.model import (
    Comparison,
    Conflict,
    Coverage,
    Document,
    EngineInfo,
    FactValue,
    Group,
    Link,
    Segment,
)
from scocompare.gui import theme, worker
from scocompare.gui.main_window import MainWindow
from scocompare.gui.settings import Settings
from scocompare.gui.view_model import ComparisonIndex
from tests.helpers import lexical_compare

WAIT = 60_000  # ms; the machine is shared, alignment may queue behind other work



def wait_ready(qtbot, w: MainWindow, n_docs: int | None = None) -> None:
    qtbot.waitUntil(lambda: not w.busy and w.comparison is not None
                    and (n_docs is None or len(w.comparison.documents) == n_docs)
                    and not w.settling, timeout=WAIT)
    QApplication.processEvents()


@pytest.fixture
def window(qtbot):
    w = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w)
    w.resize(1500, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def demo_window(qtbot, window):
    window.open_paths(demo_paths())
    wait_ready(qtbot, window, 5)
    return window


def click_segment(qtbot, pane, sid: str) -> None:
    start, end = next((s, e) for s, e, i, gap in pane.spans() if i == sid and not gap)
    pane.scroll_to(sid)
    cur = QTextCursor(pane.text.document())
    cur.setPosition((start + end) // 2)
    rect = pane.text.cursorRect(cur)
    qtbot.mouseClick(pane.text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# --- the window on the demo set ---------------------------------------------------


def test_demo_set_opens_base_first_with_coverage(demo_window):
    w = demo_window
    assert [p.doc_id for p in w.area.panes][0] == w.comparison.base
    assert len(w.area.panes) == 5
    for pane in w.area.panes[1:]:
        cov = w.comparison.coverage[pane.doc_id]
        assert pane.coverage.value() == round(cov.covered * 100)
        assert pane.text.toPlainText().strip()
    assert "5 versions" in w.status_label.text()


def test_click_selects_counterparts_in_other_panes(qtbot, demo_window):
    w = demo_window
    base_pane, wire = w.area.panes[0], w.area.panes[1]
    # A base sentence the wire version carries.
    sid = next(s for s in base_pane.segment_ids() if any(wire.has(r) for r in w.index.related(s)))
    click_segment(qtbot, base_pane, sid)
    qtbot.waitUntil(lambda: w.area.selected == sid, timeout=5000)
    counterpart = next(r for r in w.index.related(sid) if w.index.doc_of[r] == wire.doc_id)
    framed = {(sel.cursor.selectionStart(), sel.cursor.selectionEnd()) for sel in wire.text.extraSelections()}
    start, end = next((s, e) for s, e, i, _g in wire.spans() if i == counterpart)
    assert (start, end) in framed
    assert wire.selected() in w.index.related(sid)
    assert w.comparison.document(wire.doc_id).title in w.detail.plain()


def test_keyboard_moves_the_selection(qtbot, demo_window):
    w = demo_window
    pane = w.area.panes[1]
    pane.text.setFocus()
    pane.place_cursor(0)
    qtbot.keyClick(pane.text, Qt.Key.Key_Down)
    qtbot.keyClick(pane.text, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: w.area.selected is not None, timeout=5000)
    assert w.index.doc_of[w.area.selected] == pane.doc_id


def test_f7_steps_through_differences_and_filter(qtbot, demo_window):
    w = demo_window
    w.active_doc = w.area.panes[2].doc_id  # the paraphrase: many differences
    seen = []
    for _ in range(3):
        qtbot.keyClick(w, Qt.Key.Key_F7)
        seen.append(w.area.selected)
    assert len(set(seen)) == 3
    positions = [w.area.pane(w.active_doc).position_of(s) for s in seen]
    assert positions == sorted(positions)
    for sid in seen:
        pane = w.area.pane(w.active_doc)
        is_gap = any(i == sid and gap for _s, _e, i, gap in pane.spans())
        assert is_gap or w.index.kinds(sid) & set(theme.DIFFERENCE_KINDS)
    qtbot.keyClick(w, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert w.area.selected == seen[1]
    # Only gaps: F7 now stops at base passages this version dropped.
    for kind in theme.DIFFERENCE_KINDS:
        w.actions[f"kind-{kind}"].setChecked(kind == "dropped")
    qtbot.keyClick(w, Qt.Key.Key_F7)
    assert w.area.selected in w.index.dropped_in(w.active_doc)


def test_threshold_change_realigns_in_background(qtbot, demo_window):
    w = demo_window
    before = len(w.comparison.links)
    w.threshold_slider.setValue(85)
    assert w.threshold_label.text().strip() == "0.85"
    qtbot.waitUntil(lambda: w.busy, timeout=5000)
    wait_ready(qtbot, w)
    qtbot.waitUntil(lambda: w.comparison.engine.threshold == pytest.approx(0.85), timeout=WAIT)
    assert len(w.comparison.links) < before
    assert w.threshold_slider.value() == 85


def test_new_version_from_clipboard(qtbot, demo_window):
    w = demo_window
    wire = w.comparison.documents[1].text
    QApplication.clipboard().setText(wire.replace("Thursday", "Friday"))
    w.actions["paste"].trigger()
    wait_ready(qtbot, w, 6)
    new = w.comparison.documents[-1]
    assert new.title.startswith("Pasted version")
    assert w.area.pane(new.id) is not None
    assert w.comparison.coverage[new.id].covered > 0.5


def test_versions_reorder_rename_remove_and_base(qtbot, demo_window):
    w = demo_window
    last = w.area.panes[-1].doc_id
    w.move_version(-1, last)
    w.finish_settling()  # panes past the view's edge are made in later event-loop turns
    assert [p.doc_id for p in w.area.panes][-2] == last
    w.rename_version(last, "Commentary piece")
    w.finish_settling()
    assert w.area.pane(last).title.text() == "Commentary piece"
    w.undo_stack.undo()
    w.finish_settling()
    assert w.area.pane(last).title.text() != "Commentary piece"
    w.undo_stack.redo()
    w.finish_settling()
    old_base = w.comparison.base
    w.set_base(last)
    qtbot.waitUntil(lambda: not w.busy and w.comparison.base == last, timeout=WAIT)
    w.finish_settling()
    assert w.area.panes[0].doc_id == last
    w.remove_version(old_base)
    wait_ready(qtbot, w, 4)
    assert old_base not in {p.doc_id for p in w.area.panes}


def test_linked_scrolling_follows_the_aligned_passage(qtbot, demo_window):
    w = demo_window
    w.resize(1500, 500)
    QApplication.processEvents()
    base, wire = w.area.panes[0], w.area.panes[1]
    bar = base.text.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: wire.text.verticalScrollBar().value() > 0, timeout=5000)
    top = wire.top_segment()
    # The wire pane now shows a passage aligned with one visible in the base.
    assert w.index.related(top) & set(base.segment_ids()) or top in w.index.comp.coverage[wire.doc_id].added


def test_bad_file_reports_one_line(qtbot, window, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    window.open_paths([bad])
    qtbot.waitUntil(lambda: not window.busy, timeout=WAIT)
    assert "empty.txt" in window.statusBar().currentMessage()


def test_text_renders_with_real_fonts(qtbot, demo_window):
    assert QFontDatabase.families(), "no fonts: Qt would draw empty boxes"
    img = demo_window.area.panes[0].text.viewport().grab().toImage()
    dark = sum(1 for x in range(0, img.width(), 3) for y in range(0, img.height(), 3)
               if img.pixelColor(x, y).lightness() < 100)
    assert dark > 200  # glyphs drawn, not a blank or boxed pane


def test_layout_and_recent_files_remembered(qtbot, demo_window):
    w = demo_window
    recent = w.settings.recent_files()
    assert len(recent) == 5 and recent[0].endswith("04-commentary.txt")
    w.docks["detail"].hide()
    w.close()
    assert Settings().window_geometry() == w.saveGeometry()
    w2 = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.docks["detail"].isHidden() and not w2.docks["facts"].isHidden()


# --- pieces without the engine ----------------------------------------------------


def _doc(doc_id: str, sentences: list[str], boiler: set[int] = frozenset()) -> Document:
    text = " ".join(sentences)
    segs, pos = [], 0
    for k, s in enumerate(sentences):
        segs.append(Segment(f"{doc_id}.s{k + 1}", doc_id, k, 1, pos, pos + len(s), s, k in boiler))
        pos += len(s) + 1
    return Document(doc_id, doc_id.upper(), f"{doc_id}.txt", doc_id * 32, text, tuple(segs))


def hand_built() -> Comparison:
    d1 = _doc("d1", ["Talks opened on 4 July.", "Ministers met.", "A fund was set up."])
    d2 = _doc("d2", ["Ministers met.", "Talks opened on 5 July.", "Read more here."], boiler={2})
    links = (Link("d1.s1", "d2.s2", 0.9, "near", moved=True), Link("d1.s2", "d2.s1", 1.0, "identical"))
    conflict = Conflict("date", "link", (FactValue("d1.s1", "4 July", {}, 16, 22),
                                         FactValue("d2.s2", "5 July", {}, 31, 37)))
    return Comparison((d1, d2), "d1", links, (Group(("d1.s1", "d2.s2"), "d1"),), (conflict,),
                      {"d2": Coverage("d2", "d1", 2 / 3, dropped=("d1.s3",))},
                      EngineInfo("t", "hand", 0.5))


def test_view_model_kinds_gaps_and_relations():
    idx = ComparisonIndex(hand_built())
    assert idx.kinds("d2.s2") == {"near", "moved", "conflict"}
    assert idx.kinds("d2.s1") == {"identical"}
    assert idx.kinds("d2.s3") == {"boilerplate"}
    assert idx.kinds("d1.s3") == {"dropped"}
    assert idx.related("d2.s2") == {"d1.s1"}
    pieces = idx.pieces("d2")
    gap = next(p for p in pieces if p.gap)
    assert gap.seg == "d1.s3"
    # The gap follows d2's counterpart of the last carried base passage (d1.s2 -> d2.s1).
    order = [p.seg for p in pieces if p.seg]
    assert order.index("d1.s3") == order.index("d2.s2") + 1


def test_hand_built_comparison_in_panes(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show_comparison(hand_built())
    d2 = w.area.pane("d2")
    assert "dropped" in d2.text.toPlainText()
    w.select_segment("d1.s1")
    assert d2.selected() == "d2.s2"
    html = w.detail.plain()
    assert "4 July" in html and "5 July" in html and "near" in html.lower()


def test_every_kind_has_its_own_second_cue():
    cues = [st.cue() for st in theme.STYLES.values()]
    assert len(set(cues)) == len(cues)
    for st in theme.STYLES.values():
        light, dark = theme.colour(st.kind, False), theme.colour(st.kind, True)
        assert light.isValid() and dark.isValid()
        if st.kind != "boilerplate":
            assert light.lightness() > dark.lightness()


def test_worker_delivers_on_ui_thread_and_cancels(qtbot):
    ui = QThread.currentThread()
    got = SimpleNamespace(progress_threads=set(), done=None, cancelled=False)
    release = threading.Event()

    def slow(progress, cancelled):
        progress(0.5, "half")
        while not cancelled():
            release.wait(0.01)
        return "never delivered"

    task = worker.run_task(slow, on_done=lambda r: setattr(got, "done", r),
                           on_progress=lambda f, m: got.progress_threads.add(QThread.currentThread()),
                           on_cancelled=lambda: setattr(got, "cancelled", True))
    qtbot.waitUntil(lambda: bool(got.progress_threads), timeout=5000)
    task.cancel()
    qtbot.waitUntil(lambda: got.cancelled, timeout=5000)
    assert got.done is None and got.progress_threads == {ui}
    ok = worker.run_task(lambda progress, cancelled: 42, on_done=lambda r: setattr(got, "done", r))
    qtbot.waitUntil(lambda: ok.done, timeout=5000)
    assert got.done == 42


def test_settings_recent_files_deduplicated_and_capped(tmp_path):
    s = Settings(tmp_path / "gui.ini")
    for k in range(14):
        s.add_recent(tmp_path / f"f{k}.txt")
    s.add_recent(tmp_path / "f5.txt")
    files = s.recent_files()
    assert len(files) == 10 and files[0].endswith("f5.txt") and len(set(files)) == 10


# --- commands ------------------------------------------------------------------------


def test_demo_headless_prints_summary_and_hint(capsys):
    from scocompare.commands import demo

    assert demo.run(SimpleNamespace(headless=True)) == 0
    out = capsys.readouterr().out
    assert "Coverage" in out and "xvfb-run" in out


def test_gui_command_refuses_missing_file(tmp_path):
    from scocompare.commands import gui

    with pytest.raises(InputError, match="nope.txt"):
        gui.run(SimpleNamespace(inputs=[str(tmp_path / "nope.txt")]))


def test_pane_click_outside_text_is_harmless(qtbot, demo_window):
    pane = demo_window.area.panes[1]
    qtbot.mouseClick(pane.text.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, pane.text.viewport().height() - 2))
    assert demo_window.comparison is not None
