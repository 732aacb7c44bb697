"""Manual correction in the window: link, break link, reviewed marks; undo/redo; contract."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from scocompare.core.ingest import load_text
from scocompare.gui.main_window import MainWindow
from scocompare.gui.pane_text import REVIEWED_TICK
from tests.helpers import lexical_compare

WAIT = 60_000

BASE = ("The ministers met in Lisbon on Monday to discuss fishing quotas. "
        "They agreed to cut the cod quota by ten percent next year. "
        "Inspections of trawlers will double along the northern coast. "
        "The next meeting is planned for the spring.")
VERSION = ("Fishing ministers gathered in Lisbon on Monday. "
           "Cod catches must fall by a tenth from January, they decided. "
           "Officials hope coastal towns will welcome the plan. "
           "Trawler checks are set to become twice as frequent in the north.")



def wait_ready(qtbot, w) -> None:
    qtbot.waitUntil(lambda: not w.busy and w.comparison is not None and not w.settling,
                    timeout=WAIT)
    QApplication.processEvents()


def _window(qtbot):
    w = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    docs = [load_text(BASE, doc_id="d1", title="Communiqué"),
            load_text(VERSION, doc_id="d2", title="Coast Gazette")]
    w.show_comparison(lexical_compare(docs, 0, None, lambda f, m: None, lambda: False))
    wait_ready(qtbot, w)
    return w


def _seg(w, doc: str, needle: str) -> str:
    return next(s.id for s in w.comparison.document(doc).segments if needle in s.text)


def _linked(w, a: str, b: str) -> bool:
    return any({lk.a, lk.b} == {a, b} for lk in w.comparison.links)


def _realigned(qtbot, w, old) -> None:
    qtbot.waitUntil(lambda: w.comparison is not old and not w.busy, timeout=WAIT)
    wait_ready(qtbot, w)


def test_link_by_hand_realigns_and_undo_redo(qtbot):
    w = _window(qtbot)
    a, b = _seg(w, "d1", "next meeting"), _seg(w, "d2", "coastal towns")
    assert not _linked(w, a, b)  # unrelated sentences: the engine leaves them apart
    edits = []
    w.userEdited.connect(edits.append)

    w.select_segment(a)
    old = w.comparison
    menu = w.segment_menu(b)
    link = next(x for x in menu.actions() if x.text().startswith("Link to selected"))
    assert link.isEnabled()
    link.trigger()
    _realigned(qtbot, w, old)
    assert _linked(w, a, b)
    lk = next(lk for lk in w.comparison.links if {lk.a, lk.b} == {a, b})
    assert lk.origin == "manual"
    assert [c.kind for c in w.constraints()] == ["link"]
    assert edits and "manual link added" in edits[-1].lower()

    old = w.comparison
    w.undo_stack.undo()
    _realigned(qtbot, w, old)
    assert not _linked(w, a, b) and w.constraints() == []

    old = w.comparison
    w.undo_stack.redo()
    _realigned(qtbot, w, old)
    assert _linked(w, a, b)

    # A changed threshold keeps the manual link (it is a constraint, not a score).
    old = w.comparison
    w.set_threshold(0.9, now=True)
    _realigned(qtbot, w, old)
    assert abs(w.comparison.engine.threshold - 0.9) < 1e-9
    assert _linked(w, a, b)


def test_ctrl_click_links_with_selection(qtbot):
    w = _window(qtbot)
    a, b = _seg(w, "d1", "next meeting"), _seg(w, "d2", "coastal towns")
    w.select_segment(a)
    pane = w.area.pane("d2")
    start, end = next((s, e) for s, e, i, gap in pane.spans() if i == b and not gap)
    pane.scroll_to(b)
    cur = QTextCursor(pane.text.document())
    cur.setPosition((start + end) // 2)
    old = w.comparison
    qtbot.mouseClick(pane.text.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, pane.text.cursorRect(cur).center())
    _realigned(qtbot, w, old)
    assert _linked(w, a, b)


def test_link_with_action_then_click(qtbot):
    w = _window(qtbot)
    a, b = _seg(w, "d1", "next meeting"), _seg(w, "d2", "coastal towns")
    w.select_segment(a)
    w.actions["link"].trigger()
    old = w.comparison
    w.area.segmentActivated.emit(b)  # what a plain click in the other pane sends
    _realigned(qtbot, w, old)
    assert _linked(w, a, b)


def test_break_link_must_not_link_and_undo(qtbot):
    w = _window(qtbot)
    a, b = _seg(w, "d1", "Lisbon"), _seg(w, "d2", "Lisbon")
    assert _linked(w, a, b)  # the engine links the two Lisbon leads
    w.select_segment(a)
    old = w.comparison
    menu = w.segment_menu(b)
    brk = next(x for x in menu.actions() if x.text().startswith("Break link with selected"))
    brk.trigger()
    _realigned(qtbot, w, old)
    assert not _linked(w, a, b)
    assert [c.kind for c in w.constraints()] == ["unlink"]
    # ...and stays broken at a looser threshold, where it would match even better.
    old = w.comparison
    w.set_threshold(0.2, now=True)
    _realigned(qtbot, w, old)
    assert not _linked(w, a, b)
    # Undo the threshold, then the unlink: the engine's link comes back.
    old = w.comparison
    w.undo_stack.undo()
    _realigned(qtbot, w, old)
    old = w.comparison
    w.undo_stack.undo()
    _realigned(qtbot, w, old)
    assert _linked(w, a, b) and w.constraints() == []


def test_reviewed_mark_with_note_shows_tick_and_note(qtbot):
    w = _window(qtbot)
    sid = _seg(w, "d2", "coastal towns")
    w.select_segment(sid)
    w.mark_reviewed(sid, "Quote checked with the ministry press office")
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not w.area.rendering, timeout=WAIT)
    assert w.review_note(sid) == "Quote checked with the ministry press office"
    pane = w.area.pane("d2")
    start, end = next((s, e) for s, e, i, gap in pane.spans() if i == sid and not gap)
    assert pane.text.toPlainText()[start:end].startswith(REVIEWED_TICK)
    assert "Reviewed" in w.detail.plain() and "ministry press office" in w.detail.plain()
    assert w.comparison.links == w.comparison.links  # no re-alignment needed
    assert not w.busy
    kinds = [c.kind for c in w.constraints()]
    assert kinds == ["reviewed"]
    w.undo_stack.undo()
    qtbot.waitUntil(lambda: not w.area.rendering, timeout=WAIT)
    assert w.review_note(sid) is None
    assert "Reviewed" not in w.detail.plain()
    assert REVIEWED_TICK not in pane.text.toPlainText()
    # The export receives the marks in the shape the exporters accept.
    w.undo_stack.redo()
    assert w.reviews_for_export()[0]["note"].startswith("Quote checked")


def test_version_edits_are_undoable_and_announced(qtbot):
    w = _window(qtbot)
    edits = []
    w.userEdited.connect(edits.append)
    w.rename_version("d2", "Gazette (web)")
    assert w.comparison.document("d2").title == "Gazette (web)"
    assert edits[-1].startswith("Rename")
    w.undo_stack.undo()
    assert w.comparison.document("d2").title == "Coast Gazette"
    old = w.comparison
    w.set_base("d2")
    _realigned(qtbot, w, old)
    assert w.comparison.base == "d2"
    old = w.comparison
    w.undo_stack.undo()
    _realigned(qtbot, w, old)
    assert w.comparison.base == "d1"


def test_session_contract(qtbot):
    w = _window(qtbot)
    shown = []
    w.comparisonShown.connect(shown.append)
    for name in ("File", "Edit", "View", "Help"):
        assert name in w.menus
    assert w.current_comparison() is w.comparison
    assert [d.title for d in w.documents()] == ["Communiqué", "Coast Gazette"]
    sid = _seg(w, "d2", "coastal towns")
    w.select_segment(sid)
    w.set_kind_enabled("added", False)
    state = w.view_state()
    assert state["selected"] == sid and "added" not in state["kinds"]
    comp = w.comparison
    w.mark_reviewed(sid, "ok")
    cons = w.constraints()

    w2 = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w2)
    w2.show()
    w2.comparisonShown.connect(shown.append)
    w2.show_comparison(comp, state)
    w2.set_constraints(cons)
    assert shown and shown[-1] is comp
    assert w2.area.selected == sid and "added" not in w2.enabled_kinds
    assert w2.review_note(sid) == "ok" and w2.undo_stack.count() == 0
    w2.status_message("Saved")
    assert w2.statusBar().currentMessage() == "Saved"


def test_near_miss_hint_links_in_one_click_and_undoes(qtbot):
    from PySide6.QtCore import QUrl

    from scocompare.core.compare import compare_documents
    from tests.helpers import FuzzScorer
    from tests.test_near import echo_docs

    base, version = echo_docs()
    def fuzz_compare(documents, base, threshold, progress, cancelled, constraints=()):
        # the engine with the test scorer: re-alignments (link, undo) score as the first run
        return compare_documents(documents, base=base, threshold=0.9 if threshold is None else threshold,
                                 scorer=FuzzScorer(), constraints=constraints, progress=progress,
                                 cancelled=cancelled)

    w = MainWindow(compare=fuzz_compare)
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    w.show_comparison(fuzz_compare([base, version], 0, None, lambda f, m: None, lambda: False))
    wait_ready(qtbot, w)
    echo = _seg(w, "d2", "it said")
    assert not w.index.links_of.get(echo)
    w.select_segment(echo)
    QApplication.processEvents()
    text = w.detail.plain()
    assert "Closest in the base" in text and "sentence 1" in text and "Link these two" in text
    assert "not linked" in text
    # the base pane shows where the closest sentence is: a dashed underline, not a link frame
    base_pane = w.area.pane("d1")
    dashed = [x for x in base_pane.text.extraSelections()
              if x.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline]
    assert len(dashed) == 1 and "publish the audit" in dashed[0].cursor.selectedText()

    old = w.comparison
    href = re.search(r"scocompare-link:[^\"']+", w.detail.html()).group(0)
    assert href == f"scocompare-link:d1.s1/{echo}"
    w.detail.view.anchorClicked.emit(QUrl(href))
    _realigned(qtbot, w, old)
    assert _linked(w, "d1.s1", echo)
    assert next(lk for lk in w.comparison.links if echo in (lk.a, lk.b)).origin == "manual"

    old = w.comparison
    w.undo_stack.undo()
    _realigned(qtbot, w, old)
    assert not _linked(w, "d1.s1", echo)
