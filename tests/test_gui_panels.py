"""Side panels of the comparison window: facts, synoptic table, overview strip, find bar,
and the undoable manual corrections. Fixtures are Comparisons built by hand from
model.py records, so the panels are tested apart from the engine."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoStack

from scocompare.core.model import (
    Anchor,
    Comparison,
    Conflict,
    Constraint,
    Coverage,
    Document,
    EngineInfo,
    FactValue,
    Group,
    Link,
    Segment,
)
from scocompare.gui import kinds

from .conftest import seed_paths

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"


def make_doc(doc_id: str, title: str, sentences: list[str], boiler: set[int] = frozenset()) -> Document:
    text, segs, pos = "", [], 0
    for i, s in enumerate(sentences):
        if i:
            text += " "
            pos += 1
        segs.append(Segment(f"{doc_id}.s{i + 1}", doc_id, i, 1, pos, pos + len(s), s, i in boiler))
        text += s
        pos += len(s)
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(doc_id, title, f"/tmp/{doc_id}.txt", sha, text, tuple(segs))


BASE = [
    "Leaders met in Geneva on July 5th for the 23rd summit.",
    "They agreed to cut emissions by 40 percent by 2035.",
    "The council will publish a report in principle next spring.",
    "Talks on digital payments will continue in September.",
    "The statement thanked the host city.",
]


@pytest.fixture
def comparison() -> Comparison:
    d1 = make_doc("d1", "Official statement", BASE)
    d2 = make_doc("d2", "Wire copy", [
        "They agreed to cut emissions by 40 percent by 2035.",
        "Leaders met in Geneva on July 5th for the 23rd summit.",
        "The council will publish a report next spring.",
        "Digital payment talks continue in September.",
    ])
    d3 = make_doc("d3", "Daily Herald with a long headline that needs eliding somewhere", [
        "Leaders gathered in Geneva on July 4, 2023 for the 3rd summit.",
        "Emissions are to fall by 40% by 2035, they agreed.",
        "Critics called the pledge too timid.",
        "Also read: ten things about Geneva.",
    ], boiler={3})
    links = (
        Link("d1.s1", "d2.s2", 1.0, "identical", moved=True),
        Link("d1.s2", "d2.s1", 1.0, "identical", moved=True),
        Link("d1.s3", "d2.s3", 0.82, "shift", note="dropped qualifier 'in principle'"),
        Link("d1.s4", "d2.s4", 0.71, "paraphrase"),
        Link("d1.s1", "d3.s1", 0.66, "paraphrase"),
        Link("d1.s2", "d3.s2", 0.58, "paraphrase"),
        Link("d2.s2", "d3.s1", 0.66, "paraphrase"),
    )
    groups = (
        Group(("d1.s1", "d2.s2", "d3.s1"), "d1.s1"),
        Group(("d1.s2", "d2.s1", "d3.s2"), "d1.s2"),
        Group(("d1.s3", "d2.s3"), "d1.s3"),
        Group(("d1.s4", "d2.s4"), "d1.s4"),
        Group(("d1.s5",), "d1.s5"),
        Group(("d3.s3",), None),
        Group(("d3.s4",), None),  # boilerplate: never a row
    )
    conflicts = (
        Conflict("date", "event", (
            FactValue("d1.s1", "July 5th", {"month": 7, "day": 5}),
            FactValue("d3.s1", "July 4, 2023", {"year": 2023, "month": 7, "day": 4}),
        ), label="meeting date"),
        Conflict("ordinal", "link", (
            FactValue("d1.s1", "23rd", {"value": 23, "noun": "summit"}),
            FactValue("d3.s1", "3rd", {"value": 3, "noun": "summit"}),
        ), label="summit number"),
    )
    coverage = {
        "d2": Coverage("d2", "d1", 0.8, ("d1.s5",), ()),
        "d3": Coverage("d3", "d1", 0.4, ("d1.s3", "d1.s4", "d1.s5"), ("d3.s3",)),
    }
    return Comparison((d1, d2, d3), "d1", links, groups, conflicts, coverage,
                      EngineInfo("test", "hand", 0.5))


# --- kinds table -------------------------------------------------------------------------

def test_kinds_table_is_complete_and_distinct():
    needed = {"identical", "near", "paraphrase", "partial", "shift", "added", "dropped",
              "moved", "conflict", "boilerplate"}
    assert needed <= set(kinds.KINDS)
    styles = list(kinds.KINDS.values())
    # Second cue: markers are unique so kinds are told apart without colour.
    assert len({s.marker for s in styles}) == len(styles)
    for dark in (False, True):
        assert len({s.colour(dark) for s in styles}) == len(styles)


def _luminance(hex_colour: str) -> float:
    c = QColor(hex_colour)
    def ch(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())


@pytest.mark.parametrize("dark", [False, True])
def test_kind_colours_keep_text_readable(dark):
    text = _luminance(kinds.text_colour(dark))
    for st in kinds.KINDS.values():
        bg = _luminance(st.colour(dark))
        hi, lo = max(text, bg), min(text, bg)
        assert (hi + 0.05) / (lo + 0.05) >= 7.0, (st.name, dark)  # WCAG AAA


def test_worst_and_patterns():
    assert kinds.worst(["identical", "paraphrase", "dropped"]) == "dropped"
    assert kinds.worst(["near", "conflict", "shift"]) == "conflict"
    assert kinds.worst([]) is None
    from PySide6.QtCore import Qt as _Qt
    for name in kinds.KINDS:
        assert isinstance(kinds.qbrush_pattern(name), _Qt.BrushStyle)


def test_kinds_imports_without_qt():
    import subprocess
    import sys
    code = ("import sys, scocompare.gui.kinds as k; k.legend_text(); "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# --- facts panel ---------------------------------------------------------------------------

def _value_item(panel, conflict_row: int, value_row: int):
    return panel.tree.topLevelItem(conflict_row).child(value_row)


def test_facts_panel_lists_conflicts_and_jumps(qtbot, comparison):
    from scocompare.gui.facts_panel import EMPTY_TEXT, NO_COMPARISON_TEXT, FactsPanel

    panel = FactsPanel()
    qtbot.addWidget(panel)
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text() == NO_COMPARISON_TEXT
    panel.set_comparison(comparison)
    panel.resize(700, 300)
    panel.show()
    assert panel.conflict_count() == 2
    top = panel.tree.topLevelItem(0)
    assert top.text(0).endswith("meeting date: July 5th \u2260 July 4, 2023")
    assert "date" in top.text(1) and "event" in top.text(1)
    assert top.childCount() == 2
    child = top.child(1)
    # "<short name>: <value>": the file name, not the long headline, leads the value.
    assert top.child(0).text(0) == "Base (d1): July 5th"
    assert child.text(0) == "\u2260 d3: July 4, 2023" and child.font(0).bold()
    assert "Daily Herald" in child.toolTip(0)
    assert "Leaders gathered in Geneva" in child.toolTip(0)  # the sentence it stands in
    assert child.text(1).startswith("Leaders gathered in Geneva")
    # The value is in view: the first column fits the panel.
    assert panel.tree.columnWidth(0) <= panel.tree.viewport().width()

    # Click the second value: jumps to its segment.
    rect = panel.tree.visualItemRect(child)
    with qtbot.waitSignal(panel.segmentActivated) as sig:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == ["d3.s1"]

    # Keyboard: select the base value of the ordinal conflict and press Enter.
    item = _value_item(panel, 1, 0)
    panel.tree.setCurrentItem(item)
    panel.tree.setFocus()
    with qtbot.waitSignal(panel.segmentActivated) as sig:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert sig.args == ["d1.s1"]

    # Empty state once nothing conflicts.
    from dataclasses import replace
    panel.set_comparison(replace(comparison, conflicts=()))
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text() == EMPTY_TEXT
    assert panel.conflict_count() == 0


# --- synoptic view -------------------------------------------------------------------------

def _cell_texts(view, row: int) -> list[str]:
    m = view.proxy
    return [m.index(row, c).data() for c in range(m.columnCount())]


def test_synoptic_rows_cells_and_gaps(qtbot, comparison):
    from scocompare.gui.synoptic import DROPPED_TEXT, NOT_IN_BASE_TEXT, SynopticView

    view = SynopticView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.set_comparison(comparison)
    model = view.model
    # 5 base passages + 1 added (the boilerplate group is not a row).
    assert model.rowCount() == 6 and model.columnCount() == 5
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Base: Official statement", "Wire copy",
        "Daily Herald with a long headline that needs eliding somewhere", "Kind", "Score"]
    row0 = _cell_texts(view, 0)
    # The base states one of the conflicting values, so it carries the conflict mark too.
    assert row0[0] == f"{kinds.style('conflict').marker} {BASE[0]}"
    assert _cell_texts(view, 1)[0] == BASE[1]  # a plain base passage: no mark
    assert row0[1].endswith(BASE[0]) and row0[1].startswith(kinds.style("moved").marker)
    assert row0[2].startswith(kinds.style("conflict").marker)  # the date and ordinal conflict
    assert row0[3].endswith("Conflict")
    assert row0[4] == "0.66"
    row2 = _cell_texts(view, 2)
    assert row2[1].startswith(kinds.style("shift").marker)
    assert row2[2] == DROPPED_TEXT  # the gap is visible text, not an empty cell
    tip = view.proxy.index(2, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "in principle" in tip and "0.82" in tip
    last = _cell_texts(view, 5)
    assert last[0] == NOT_IN_BASE_TEXT and last[2].endswith("Critics called the pledge too timid.")
    assert last[3].endswith("Added")
    # Row of a passage every version dropped.
    assert _cell_texts(view, 4)[1:3] == [DROPPED_TEXT, DROPPED_TEXT]
    # Background by kind.
    bg = view.proxy.index(2, 1).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert bg == kinds.style("shift").colour(False)


def test_synoptic_sort_filter_and_activate(qtbot, comparison):
    from scocompare.gui.synoptic import DIFFERENCES, SynopticView

    view = SynopticView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    view.set_comparison(comparison)
    kind_col, score_col = view.model.kind_column, view.model.score_column

    view.table.sortByColumn(kind_col, Qt.SortOrder.DescendingOrder)
    ranks = [kinds.rank(view.proxy.index(r, kind_col).data(Qt.ItemDataRole.UserRole + 2))
             for r in range(view.proxy.rowCount())]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] == kinds.style("conflict").rank

    view.table.sortByColumn(score_col, Qt.SortOrder.AscendingOrder)
    scores = [view.proxy.index(r, score_col).data() for r in range(view.proxy.rowCount())]
    numeric = [float(s) for s in scores if s]
    assert numeric == sorted(numeric)

    view.set_kind_filter("dropped")
    assert view.visible_rows() == 3  # base s3, s4 (d3 lacks them) and s5
    assert view.filter.currentData() == "dropped"
    view.set_kind_filter("shift")
    assert view.visible_rows() == 1
    view.set_kind_filter(DIFFERENCES)
    assert view.visible_rows() == 6
    # Choosing in the combo box filters too.
    view.filter.setCurrentIndex(view.filter.findData("added"))
    assert view.visible_rows() == 1 and "1 of 6" in view.count.text()
    view.set_kind_filter(None)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    # Clicking a version's cell emits that version's segment.
    index = view.proxy.index(0, 2)
    rect = view.table.visualRect(index)
    with qtbot.waitSignal(view.segmentActivated) as sig:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == ["d3.s1"]
    # Enter on a gap cell goes to the base passage the version dropped.
    view.table.setCurrentIndex(view.proxy.index(2, 2))
    view.table.setFocus()
    with qtbot.waitSignal(view.segmentActivated) as sig:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert sig.args == ["d1.s3"]
    view.set_comparison(None)
    assert view.model.rowCount() == 0


# --- overview strip -------------------------------------------------------------------------

def test_overview_divergence_cells_and_clicks(qtbot, comparison):
    from scocompare.gui.overview import OverviewStrip

    strip = OverviewStrip()
    qtbot.addWidget(strip)
    strip.resize(700, strip.sizeHint().height())
    strip.show()
    strip.set_comparison(comparison)
    assert [v.doc for v in strip.versions] == ["d2", "d3"]
    d2, d3 = strip.versions
    # d2: moved, moved, shift, paraphrase, dropped -> 3 of 5 diverge (moved counts as kept? no:
    # moved is a change of place, worth a look) ... computed from the cells themselves:
    kinds_d2 = [strip.cell_kind(0, c) for c in range(len(strip.rows))]
    assert kinds_d2 == ["moved", "moved", "shift", "paraphrase", "dropped", None]
    assert d2.counted == 5 and d2.divergence == pytest.approx(1.0)
    kinds_d3 = [strip.cell_kind(1, c) for c in range(len(strip.rows))]
    assert kinds_d3 == ["conflict", "paraphrase", "dropped", "dropped", "dropped", "added"]
    assert d3.counted == 6
    # Click the d3 cell of the third base passage (dropped): the base passage is shown.
    rect = strip.cell_rect(1, 2)
    with qtbot.waitSignal(strip.segmentActivated) as sig:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert sig.args == ["d1.s3"]
    # Keyboard: right arrow then Enter goes to d3's... fourth base passage (dropped too).
    strip.setFocus()
    qtbot.keyClick(strip, Qt.Key.Key_Right)
    with qtbot.waitSignal(strip.segmentActivated) as sig:
        qtbot.keyClick(strip, Qt.Key.Key_Return)
    assert sig.args == ["d1.s4"]
    qtbot.keyClick(strip, Qt.Key.Key_End)
    with qtbot.waitSignal(strip.segmentActivated) as sig:
        qtbot.keyClick(strip, Qt.Key.Key_Return)
    assert sig.args == ["d3.s3"]
    tip = strip.cell_tooltip(1, 0)
    assert "Daily Herald" in tip and "Leaders met in Geneva" in tip and "Conflict" in tip
    # The painted cell has the kind's colour (light palette here).
    img = strip.grab().toImage()
    assert _dominant(img, strip.cell_rect(0, 3)) == kinds.style("paraphrase").light
    assert _dominant(img, strip.cell_rect(1, 2)) == kinds.style("dropped").light
    assert _dominant(img, strip.cell_rect(0, 5)) != kinds.style("added").light  # blank


def _dominant(img, rect) -> str:
    from collections import Counter
    r = rect.toRect().adjusted(1, 1, -1, -1)
    return Counter(img.pixelColor(x, y).name() for x in range(r.left(), r.right())
                   for y in range(r.top(), r.bottom())).most_common(1)[0][0]


def test_overview_picks_most_divergent(qtbot, comparison):
    from dataclasses import replace

    from scocompare.gui.overview import OverviewStrip

    strip = OverviewStrip()
    qtbot.addWidget(strip)
    # Make d2 faithful: everything identical, not moved, nothing dropped.
    links = tuple(replace(lk, kind="identical", moved=False, note="") if lk.b.startswith("d2")
                  else lk for lk in comparison.links)
    links += (Link("d1.s5", "d2.s4", 0.99, "near"),)
    groups = tuple(g for g in comparison.groups if g.base not in ("d1.s4", "d1.s5"))
    groups += (Group(("d1.s4",), "d1.s4"), Group(("d1.s5", "d2.s4"), "d1.s5"))
    links = tuple(lk for lk in links if lk.a != "d1.s4")
    strip.set_comparison(replace(comparison, links=links, groups=groups))
    d2, d3 = strip.versions
    assert d2.divergence < d3.divergence
    assert strip.most_divergent() == "d3"
    strip.set_comparison(None)
    assert strip.versions == [] and strip.most_divergent() is None


# --- find bar -------------------------------------------------------------------------------

def test_find_bar_counts_steps_and_emits(qtbot, comparison):
    from scocompare.gui.find_bar import FindBar

    bar = FindBar()
    qtbot.addWidget(bar)
    bar.set_comparison(comparison)
    bar.show()
    got = []
    bar.matchActivated.connect(lambda d, s, e: got.append((d, s, e)))
    segs = []
    bar.segmentActivated.connect(segs.append)
    qtbot.keyClicks(bar.edit, "GENEVA")
    # Geneva: d1.s1, d2.s2, d3.s1, d3.s4 (boilerplate is searched too).
    assert len(bar.matches) == 4
    assert bar.label.text() == "1 of 4"
    d, s, e = got[-1]
    assert (d, comparison.document(d).text[s:e]) == ("d1", "Geneva")
    assert segs[-1] == "d1.s1"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.label.text() == "2 of 4" and segs[-1] == "d2.s2"
    bar.find_previous()
    bar.find_previous()  # wraps to the last match
    assert bar.label.text() == "4 of 4" and segs[-1] == "d3.s4"
    bar.find_next()
    assert bar.label.text() == "1 of 4"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.label.text() == "4 of 4"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.label.text() == "1 of 4"
    # Phrases match across any whitespace; no match is reported plainly.
    bar.edit.setText("digital   payments")
    assert len(bar.matches) == 1 and got[-1][0] == "d1"
    bar.edit.setText("zebra")
    assert bar.matches == [] and bar.label.text() == "no match"
    assert not bar.next_button.isEnabled()
    bar.edit.setText("(40")  # literal, not a regex
    assert bar.matches == []
    bar.edit.setText("40")
    assert len(bar.matches) == 3
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    bar.open_bar()
    assert bar.isVisible()


# --- manual links ---------------------------------------------------------------------------

def test_manual_link_unlink_review_undo_redo(comparison):
    from scocompare.gui.manual_links import (
        LINK,
        REVIEWED,
        UNLINK,
        ConstraintSet,
        LinkCommand,
        ReviewCommand,
        UnlinkCommand,
        anchor_for,
    )

    calls = []
    earlier = Constraint("unlink", Anchor("x" * 64, 0, 5, "h"), Anchor("y" * 64, 0, 5, "h"))
    cset = ConstraintSet([earlier], callback=lambda cs, realign: calls.append((cs, realign)))
    stack = QUndoStack()
    a = anchor_for(comparison, "d1.s5")
    b = anchor_for(comparison, "d3.s3")
    c = anchor_for(comparison, "d1.s3")
    assert a == Anchor(comparison.document("d1").sha256, comparison.segment("d1.s5").start,
                       comparison.segment("d1.s5").end, a.text_hash)

    stack.push(LinkCommand(cset, a, b))
    assert [x.kind for x in cset] == [UNLINK, LINK]
    assert calls[-1][1] is True and calls[-1][0] == cset.all()
    stack.push(UnlinkCommand(cset, b, a))  # the other order is the same pair
    assert [x.kind for x in cset] == [UNLINK, UNLINK]
    assert cset.find(UNLINK, a, b) is not None and cset.find(LINK, a, b) is None
    stack.push(ReviewCommand(cset, c, note="checked against the PDF"))
    assert cset.review_note(c) == "checked against the PDF"
    assert calls[-1][1] is False  # a reviewed mark needs no re-alignment
    assert cset.for_aligner() == tuple(x for x in cset.all() if x.kind != REVIEWED)
    stack.push(ReviewCommand(cset, c, note="second look"))
    assert cset.review_note(c) == "second look" and len(cset) == 3

    states = []
    for _ in range(4):
        states.append(cset.all())
        stack.undo()
    assert cset.all() == (earlier,)
    for state in reversed(states):
        stack.redo()
        assert cset.all() == state
    stack.push(ReviewCommand(cset, c, reviewed=False))
    assert cset.review_note(c) is None
    stack.undo()
    assert cset.review_note(c) == "second look"
    with pytest.raises(ValueError):
        LinkCommand(cset, a, a)


# --- on the real engine and demo set ----------------------------------------------------

def test_panels_on_demo_set(qtbot):
    compare = pytest.importorskip("scocompare.core.compare")
    from scocompare.core.demo import demo_paths
    from scocompare.gui.facts_panel import FactsPanel
    from scocompare.gui.find_bar import FindBar
    from scocompare.gui.overview import OverviewStrip
    from scocompare.gui.synoptic import SynopticView

    comp = compare.compare_paths(demo_paths())
    base = comp.document(comp.base)

    view = SynopticView()
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.set_comparison(comp)
    rows = view.model.rows
    # Every base passage that takes part in alignment has its row, once.
    assert sorted(r.base for r in rows if r.base) == sorted(s.id for s in base.content_segments())
    seg_ids = {s.id for d in comp.documents for s in d.segments}
    for r in range(view.proxy.rowCount()):
        for c in range(view.proxy.columnCount()):
            assert view.proxy.index(r, c).data(Qt.ItemDataRole.UserRole + 1) in seg_ids

    strip = OverviewStrip()
    qtbot.addWidget(strip)
    strip.set_comparison(comp)
    assert len(strip.versions) == len(comp.documents) - 1
    assert all(0.0 <= v.divergence <= 1.0 for v in strip.versions)
    # A version's dropped base passages (per the engine's coverage) are dropped cells.
    for v, ver in enumerate(strip.versions):
        cov = comp.coverage.get(ver.doc)
        if cov is None:
            continue
        for c, row in enumerate(strip.rows):
            if row.base in cov.dropped:
                assert strip.cell_kind(v, c) in ("dropped", "conflict")

    facts = FactsPanel()
    qtbot.addWidget(facts)
    facts.set_comparison(comp)
    assert facts.conflict_count() == len(comp.conflicts)

    bar = FindBar()
    qtbot.addWidget(bar)
    bar.set_comparison(comp)
    bar.edit.setText("velmora")
    assert len(bar.matches) == sum(d.text.lower().count("velmora") for d in comp.documents) > 0
    assert all(m.segment in seg_ids for m in bar.matches)


def test_facts_panel_lists_seed_date_conflict(qtbot):
    compare = pytest.importorskip("scocompare.core.compare")

    from scocompare.gui.facts_panel import FactsPanel

    comp = compare.compare_paths(seed_paths())
    panel = FactsPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(comp)
    tops = [panel.tree.topLevelItem(i) for i in range(panel.conflict_count())]
    dates = [t for t in tops if t.text(1).startswith("date")]
    assert dates, "the seed pair's July 5th / July 4, 2023 conflict is not listed"
    rows = panel.value_rows(tops.index(dates[0]))
    assert rows[0][1] == "base" and rows[0][0].endswith(": July 5th")
    assert ("\u2260 " + seed_paths()[1].stem + ": July 4, 2023", "differs") in rows
    panel.resize(700, 300)
    panel.show()
    rect = panel.tree.visualItemRect(dates[0].child(1))
    with qtbot.waitSignal(panel.segmentActivated) as sig:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args[0].startswith(comp.documents[1].id + ".")


def test_detail_panel_says_why_a_link_under_the_threshold_is_there(qtbot, comparison):
    from dataclasses import replace

    from scocompare.gui.detail import DetailPanel
    from scocompare.gui.view_model import ComparisonIndex

    comp = replace(comparison, engine=EngineInfo("test", "hand", 0.6))
    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.show_segment(ComparisonIndex(comp), "d1.s2")
    text = panel.plain()
    assert "score 0.58 (weak: under the 0.60 threshold" in text  # d3's paraphrase
    assert "score 1.00 (weak" not in text  # the wire's identical copy


def test_detail_panel_names_a_figure_or_quote_as_the_reason_of_a_weak_link(qtbot, comparison):
    from dataclasses import replace

    from scocompare.gui.detail import DetailPanel
    from scocompare.gui.view_model import ComparisonIndex

    weak = next(lk for lk in comparison.links if lk.score < 0.6)
    for why, says in (("figure", "only these two sentences state this figure"),
                      ("quote", "it quotes words only this sentence has")):
        links = tuple(replace(lk, scores={**lk.scores, why: 1.0}) if lk is weak else lk for lk in comparison.links)
        comp = replace(comparison, links=links, engine=EngineInfo("test", "hand", 0.6))
        panel = DetailPanel()
        qtbot.addWidget(panel)
        panel.show_segment(ComparisonIndex(comp), weak.a)
        text = panel.plain()
        assert says in text and "reading order" not in text.split(says)[0][-120:], text


def test_base_passage_left_out_of_coverage_is_not_marked_dropped(comparison):
    from dataclasses import replace

    from scocompare.gui.view_model import ComparisonIndex

    assert "dropped" in ComparisonIndex(comparison).kinds("d1.s5")  # every version lacks it
    # The engine leaves the base's title out of coverage: not "dropped" in the base pane.
    cov = {d: replace(c, dropped=tuple(x for x in c.dropped if x != "d1.s5"))
           for d, c in comparison.coverage.items()}
    assert "dropped" not in ComparisonIndex(replace(comparison, coverage=cov)).kinds("d1.s5")
