"""Conflicts name the odd one out: values that restate the base are marked as agreeing,
not painted as conflicts; values that contradict it are bold in the facts panel."""

from __future__ import annotations

import pytest

from scocompare.core.model import Comparison, Conflict, Coverage, EngineInfo, FactValue, Link
from scocompare.gui.fact_agreement import AGREES, BASE, DIFFERS, UNCHECKED, conflict_statuses
from scocompare.gui.view_model import ComparisonIndex, short_name

from .test_gui_panels import make_doc


@pytest.fixture
def dated() -> Comparison:
    """The base dates the meeting 14 March 2024 (a Thursday); versions restate or contradict it."""
    base = make_doc("d1", "Joint statement", ["The council met in Velmora on 14 March 2024.",
                                              "It approved 340 million euros."])
    thursday = make_doc("d2", "Wire", ["Leaders met in Velmora on Thursday.",
                                       "They approved 340 million euros."])
    wrong = make_doc("d3", "Paper", ["Leaders met in Velmora on 15 March 2024.",
                                     "They approved 430 million euros."])
    friday = make_doc("d4", "Blog", ["Leaders met in Velmora on Friday.", "Money was found."])
    links = tuple(Link(f"d1.s{i}", f"{d}.s{i}", 0.8, "paraphrase")
                  for d in ("d2", "d3", "d4") for i in (1, 2))
    conflicts = (
        Conflict("date", "event", (
            FactValue("d1.s1", "14 March 2024", {"year": 2024, "month": 3, "day": 14}),
            FactValue("d2.s1", "Thursday", {"weekday": 3}),
            FactValue("d3.s1", "15 March 2024", {"year": 2024, "month": 3, "day": 15}),
            FactValue("d4.s1", "Friday", {"weekday": 4}),
        ), label="event date"),
        Conflict("number", "link", (
            FactValue("d1.s2", "340 million euros", {"value": 340e6, "unit": "EUR", "precision": 1e6}),
            FactValue("d2.s2", "340 million euros", {"value": 340e6, "unit": "EUR", "precision": 1e6}),
            FactValue("d3.s2", "430 million euros", {"value": 430e6, "unit": "EUR", "precision": 1e6}),
        ), label="amount (EUR)"),
        # Two versions disagree where the base says nothing: cannot pick the odd one.
        Conflict("place", "link", (
            FactValue("d2.s1", "Velmora", {"name": "Velmora"}),
            FactValue("d3.s1", "Kessmark", {"name": "Kessmark"}),
        ), label="place"),
    )
    coverage = {d: Coverage(d, "d1", 1.0) for d in ("d2", "d3", "d4")}
    return Comparison((base, thursday, wrong, friday), "d1", links, (), conflicts, coverage,
                      EngineInfo("test", "hand", 0.5))


def test_statuses_check_weekdays_and_quantities(dated):
    assert conflict_statuses(dated, dated.conflicts[0]) == [BASE, AGREES, DIFFERS, DIFFERS]
    assert conflict_statuses(dated, dated.conflicts[1]) == [BASE, AGREES, DIFFERS]
    assert conflict_statuses(dated, dated.conflicts[2]) == [UNCHECKED, UNCHECKED]


def test_panes_paint_conflict_only_where_the_value_disagrees(dated):
    index = ComparisonIndex(dated)
    assert "conflict" in index.kinds("d1.s1")  # the base's value is contradicted
    assert "conflict" in index.kinds("d3.s1") and "conflict" in index.kinds("d4.s1")
    assert "conflict" not in index.kinds("d2.s2")  # restates 340 million euros
    assert "conflict" in index.kinds("d3.s2")
    # d2.s1 says "Thursday" (agrees) but is in the base-less place conflict: still flagged.
    assert index.conflicts_of["d2.s1"] == [dated.conflicts[2]]
    tip = index.describe("d3.s1", "d3")
    assert "“14 March 2024” (base)" in tip and "“15 March 2024”" in tip and "Thursday" not in tip


def test_facts_panel_marks_odd_ones_out(qtbot, dated):
    from scocompare.gui.facts_panel import FactsPanel

    panel = FactsPanel()
    qtbot.addWidget(panel)
    panel.resize(300, 400)  # as narrow as the default dock
    panel.set_comparison(dated)
    panel.show()
    top = panel.tree.topLevelItem(0)
    assert "14 March 2024 \u2260 15 March 2024 \u2260 Friday" in top.text(0)
    assert "Thursday" not in top.text(0)
    assert panel.value_rows(0) == [("Base (d1): 14 March 2024", BASE),
                                   ("d2: Thursday \u2713 agrees", AGREES),
                                   ("\u2260 d3: 15 March 2024", DIFFERS),
                                   ("\u2260 d4: Friday", DIFFERS)]
    bold = [top.child(i).font(0).bold() for i in range(top.childCount())]
    assert bold == [False, False, True, True]
    assert "agrees with the base" in top.child(1).toolTip(0)
    assert "Differs from the base: d3, d4" in top.toolTip(0)
    assert panel.tree.columnWidth(0) <= panel.tree.viewport().width()


def test_detail_panel_ticks_agreeing_values(qtbot, dated):
    from scocompare.gui.detail import DetailPanel

    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.show_segment(ComparisonIndex(dated), "d1.s1")
    text = panel.plain()
    assert "d2: Thursday ✓ agrees with the base" in text
    assert "≠ d3: 15 March 2024" in text


def test_short_names_prefer_file_names_and_hosts(dated):
    from dataclasses import replace

    doc = dated.documents[1]
    assert short_name(doc) == "d2"
    assert short_name(replace(doc, source="https://www.example.org/news/a.html")) == "example.org"
    assert short_name(replace(doc, source="clipboard", title="Pasted version 1")) == "Pasted version 1"
    assert short_name(replace(doc, source="/x/" + "n" * 60 + ".txt")).endswith("…")


def test_demo_restatements_agree():
    compare = pytest.importorskip("scocompare.core.compare")
    from scocompare.core.demo import demo_paths

    comp = compare.compare_paths(demo_paths())
    index = ComparisonIndex(comp)
    names = {d.id: short_name(d) for d in comp.documents}
    date = next(c for c in comp.conflicts if c.kind == "date")
    sts = dict(zip((names[v.segment.split(".")[0]] for v in date.values),
                   conflict_statuses(comp, date), strict=True))
    # The conflicting version is the odd one out; the paraphrase's "Thursday" and the
    # commentary's "14 March" restate the base's 14 March 2024.
    assert sts["03-conflict"] == DIFFERS
    assert all(st in (BASE, AGREES) for n, st in sts.items() if n != "03-conflict")
    for v in date.values:
        painted = "conflict" in index.kinds(v.segment)
        assert painted == (names[v.segment.split(".")[0]] in ("00-statement", "03-conflict")) or \
            any(c is not date for c in index.conflicts_of.get(v.segment, ()))


def test_fact_layer_verdict_wins_when_given(dated):
    from dataclasses import replace

    c = dated.conflicts[0]
    said = replace(c, values=(c.values[0], replace(c.values[1], agrees=False), *c.values[2:]))
    assert conflict_statuses(dated, said)[1] == DIFFERS  # computed alone it would agree


def test_detail_lists_only_real_counterparts(qtbot):
    """A version's headline partly linked to the base's title is not "the same passage"
    as the base's second sentence, even though groups connect them."""
    from scocompare.core.model import Group
    from scocompare.gui.detail import DetailPanel

    base = make_doc("d1", "Statement", ["Joint statement of the council.",
                                        "The council met in Velmora on Thursday."])
    wire = make_doc("d2", "Wire", ["Council agrees river plan.",
                                   "The council of the statement met in Velmora on Thursday."])
    links = (Link("d1.s1", "d2.s1", 0.6, "partial"), Link("d1.s2", "d2.s2", 0.9, "near"),
             Link("d1.s1", "d2.s2", 0.62, "partial"))
    groups = (Group(("d1.s1", "d2.s1", "d2.s2"), "d1.s1"), Group(("d1.s2", "d2.s2"), "d1.s2"))
    comp = Comparison((base, wire), "d1", links, groups, (), {"d2": Coverage("d2", "d1", 1.0)},
                      EngineInfo("test", "hand", 0.5))
    index = ComparisonIndex(comp)
    assert "d2.s1" in index.related("d1.s2")  # panes light up the whole group...
    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.show_segment(index, "d1.s2")
    text = panel.plain()
    assert "Council agrees river plan" not in text  # ...the detail lists real counterparts
    assert "Near, score 0.90" in text
