"""A newsroom user's first hour with the window (docs/user-check.md, round 3b).

Each test pins one thing that confused a journalist on fresh texts: Ctrl+Z right after
opening emptied the window, the first F7 skipped the first difference, and a passage
reached by F7 or Find sat on the pane's last line with its words out of view. The
texts are written for these tests (a fictional port strike), not taken from elsewhere.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QScrollArea

from scocompare.core.ingest import load_text
from scocompare.core.model import Comparison, Coverage, Document, EngineInfo, Group, Link, Segment
from scocompare.gui.main_window import MainWindow
from tests.helpers import lexical_compare

WAIT = 60_000

STATEMENT = ("Port authority statement on the end of the dock strike\n\n"
             "The port authority of Halvik and the dockers' union have signed a new "
             "three-year wage agreement. Work at all twelve terminals resumes at 07:00 on "
             "Thursday. Wages rise by 4.5 percent this year and 3 percent in each of the "
             "next two years. A joint committee will review night-shift safety rules by "
             "the end of June. The union has withdrawn its complaint to the labour court.\n")
WIRE = ("Halvik dockers end strike after wage deal\n\n"
        "Dockers in Halvik will return to work on Thursday after their union signed a "
        "three-year wage agreement with the port authority. Wages rise by 4.5 percent "
        "this year and 3 percent in each of the next two years. The strike had halted "
        "container traffic for nine days.\n")



def _window(qtbot) -> MainWindow:
    w = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w)
    w.resize(1400, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def _ready(qtbot, w: MainWindow, n: int) -> None:
    qtbot.waitUntil(lambda: not w.busy and w.comparison is not None
                    and len(w.comparison.documents) == n and not w.settling, timeout=WAIT)
    QApplication.processEvents()


def test_ctrl_z_after_opening_files_keeps_the_comparison(qtbot, tmp_path):
    """Opening files is not an edit (as opening a session is not); adding one later is."""
    files = []
    for name, text in (("statement.txt", STATEMENT), ("wire.txt", WIRE)):
        files.append(tmp_path / name)
        files[-1].write_text(text, encoding="utf-8")
    w = _window(qtbot)
    w.open_paths(files)
    _ready(qtbot, w, 2)
    assert not w.undo_stack.canUndo()
    w.actions["undo"].trigger()  # what Ctrl+Z does
    QApplication.processEvents()
    assert len(w.docs) == 2 and w.comparison is not None
    # A version added to an open comparison can still be taken back.
    third = tmp_path / "radio.txt"
    third.write_text("Radio bulletin\n\nHalvik dockers return to work on Thursday.\n",
                     encoding="utf-8")
    w.open_paths([third])
    _ready(qtbot, w, 3)
    assert w.undo_stack.canUndo()
    w.actions["undo"].trigger()
    _ready(qtbot, w, 2)
    assert len(w.docs) == 2


def test_first_f7_stops_at_the_first_difference(qtbot):
    w = _window(qtbot)
    docs = [load_text(STATEMENT, doc_id="d1", title="Port authority"),
            load_text(WIRE, doc_id="d2", title="Wire")]
    w.show_comparison(lexical_compare(docs, 0, None, lambda f, m: None, lambda: False))
    _ready(qtbot, w, 2)
    diffs = w.differences()
    # The wire opens with differences (the statement's dropped title, its own headline):
    # the very first one sits at the start of the pane, where the text cursor rests.
    assert diffs and diffs[0][0] == 0
    w.actions["next"].trigger()  # what F7 does
    assert w.area.selected == diffs[0][1]
    w.actions["next"].trigger()
    assert w.area.selected == diffs[1][1]


def _span_rect(pane, sid: str):
    start, end = next((s, e) for s, e, i, _gap in pane.spans() if i == sid)
    cur = QTextCursor(pane.text.document())
    cur.setPosition(start)
    top = pane.text.cursorRect(cur).top()
    cur.setPosition(end)
    return top, pane.text.cursorRect(cur).bottom()


def test_a_passage_far_down_is_shown_whole_not_on_the_last_line(qtbot):
    """F7, Find and the panels jump by selection: the passage must be readable at once."""
    sentences = [f"Item {k}: the committee reviewed the schedule of berth {k} and its cranes."
                 for k in range(1, 61)]
    base = "Long statement\n\n" + "\n\n".join(sentences) + "\n"
    version = "Short story\n\n" + "\n\n".join(sentences[::3]) + "\n"
    w = _window(qtbot)
    w.resize(1200, 600)
    docs = [load_text(base, doc_id="d1", title="Long"), load_text(version, doc_id="d2", title="Short")]
    w.show_comparison(lexical_compare(docs, 0, None, lambda f, m: None, lambda: False))
    _ready(qtbot, w, 2)
    pane = w.area.pane("d1")
    height = pane.text.viewport().height()
    seg = next(s for s in w.comparison.document("d1").segments if s.text.startswith("Item 40:"))
    assert _span_rect(pane, seg.id)[0] > height  # below the view before the jump
    w.select_segment(seg.id)
    QApplication.processEvents()
    top, bottom = _span_rect(pane, seg.id)
    assert 0 <= top and bottom <= height, (top, bottom, height)
    assert top < height * 0.5  # with lead-in below it, not clinging to the bottom edge
    # Selecting what is already in view does not move the text.
    before = pane.text.verticalScrollBar().value()
    nxt = next(s for s in w.comparison.document("d1").segments if s.text.startswith("Item 41:"))
    w.select_segment(nxt.id)
    QApplication.processEvents()
    assert pane.text.verticalScrollBar().value() == before


def test_export_preview_shows_the_whole_page_width(qtbot):
    """The dialog opened narrower than its preview: the page was cut at the right."""
    from scocompare.gui import export_dialog

    docs = [load_text(STATEMENT, doc_id="d1", title="Port authority"),
            load_text(WIRE, doc_id="d2", title="Wire")]
    comp = lexical_compare(docs, 0, None, lambda f, m: None, lambda: False)
    dlg = export_dialog.ExportDialog(comp, reviews=[])
    qtbot.addWidget(dlg)
    dlg.set_format("pdf-pairs")
    dlg.show()
    qtbot.waitUntil(lambda: dlg.preview_ready, timeout=WAIT)
    QApplication.processEvents()
    scroll = dlg.findChild(QScrollArea)
    assert scroll.viewport().width() >= export_dialog.PREVIEW_WIDTH
    assert scroll.horizontalScrollBar().maximum() == 0


def _doc(doc_id: str, title: str, sentences: list[str]) -> Document:
    segs, pos = [], 0
    for k, s in enumerate(sentences):
        segs.append(Segment(f"{doc_id}.s{k + 1}", doc_id, k, 1, pos, pos + len(s), s))
        pos += len(s) + 1
    return Document(doc_id, title, f"{doc_id}.txt", doc_id * 32, " ".join(sentences), tuple(segs))


def test_detail_tells_the_partners_of_a_merged_lead_apart(qtbot):
    """A wire lead merging three base sentences showed the base title three times over."""
    base = _doc("d1", "Port authority statement", [
        "The port authority and the union signed a wage deal.",
        "Work at all twelve terminals resumes on Thursday.",
        "Wages rise by 4.5 percent this year."])
    wire = _doc("d2", "Wire", [
        "Halvik dockers return to work on Thursday under a wage deal raising pay 4.5 percent."])
    links = tuple(Link(f"d1.s{k}", "d2.s1", 0.6, "partial") for k in (1, 2, 3))
    comp = Comparison((base, wire), "d1", links, (Group(("d1.s1", "d2.s1"), "d1"),), (),
                      {"d2": Coverage("d2", "d1", 1.0)}, EngineInfo("t", "hand", 0.5))
    w = MainWindow()
    qtbot.addWidget(w)
    w.show_comparison(comp)
    w.select_segment("d2.s1")
    text = w.detail.plain()
    for k in (1, 2, 3):
        assert f"Base: Port authority statement · sentence {k} · Partial" in text, text
