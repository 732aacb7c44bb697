"""Counts of people taken on, restated with other adjectives, verbs and nouns.

Every sentence here is invented for the project.  Each "clash" case was missed before
the rule it names; each "no clash" case is a frame the rules must still respect.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from scocompare.core.facts import extract_facts, pair_conflicts
from scocompare.core.facts_figures import frames_differ
from scocompare.core.facts_numbers import increment_at, states_change

ROOT = Path(__file__).resolve().parents[1]


def _clashes(a: str, b: str):
    return pair_conflicts(extract_facts(a), extract_facts(b), a, b)


@pytest.mark.parametrize("a, b", [
    # "additional" after a figure is "new", not an extra amount besides another one;
    # "has promised to" is a future act, as "will" is.
    ("The ferry line will recruit 95 additional deckhands by the spring.",
     "The ferry line has promised to take on 70 new deckhands before the spring."),
    # "more" / "extra" after a figure with a verb of hiring counts the people hired.
    ("The clinic will hire 45 extra midwives for its new wing.",
     "The clinic has agreed to bring in 30 more midwives for its new wing."),
    ("The county will hire 120 new librarians for its branches.",
     "Some 80 more librarians will be hired for the county's branches."),
    # Fans and supporters count one crowd.
    ("Police detained 52 fans after the derby, the city said.",
     "The city said 37 supporters were arrested by police after the derby."),
])
def test_counts_of_people_taken_on_clash(a, b):
    found = _clashes(a, b)
    assert found and found[0][1][0].kind == "number"
    assert _clashes(b, a)


@pytest.mark.parametrize("a, b", [
    # A headcount is not a hiring.
    ("The ferry line will recruit 95 additional deckhands.", "The ferry line already employs 700 deckhands."),
    # Next year's hiring and last year's.
    ("The county has promised to hire 200 librarians next year.", "The county hired 150 librarians last year."),
    # A figure hoped for and the one reached.
    ("Organisers had expected 30,000 visitors at the boat show.", "The boat show drew 24,000 visitors, organisers said."),
    # "more ... than" stays a difference.
    ("The clinic will have 40 more midwives than last year.", "The clinic will hire 25 midwives."),
])
def test_other_frames_do_not_clash(a, b):
    assert not _clashes(a, b)
    assert not _clashes(b, a)


def test_increment_needs_a_verb_of_hiring_and_no_comparison():
    text = "The party won 14 more seats in the capital."
    assert increment_at(text, 14, 16) is None and states_change(text, 14, 16)
    text = "The board will hire 14 more wardens."
    assert text[increment_at(text, 20, 22):].startswith("wardens")
    assert not states_change(text, 20, 22)
    text = "The board will hire 14 more wardens than in May."
    assert increment_at(text, 20, 22) is None


def test_promise_and_figure_adjectives_read_as_frames():
    assert not frames_differ("They will hire 9 additional guards.", "They have pledged to hire 6 new guards.")
    assert frames_differ("They will also hire 9 guards.", "They will hire 6 guards.")  # "also" still marks
    assert frames_differ("They hired 9 guards last year.", "They will hire 6 guards.")
    assert not frames_differ("They agreed to a 9 percent rise.", "The rise is 6 percent.")


def test_heldout7_precision_and_recall():
    spec = importlib.util.spec_from_file_location("facts_eval", ROOT / "bench" / "facts_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    res = mod.evaluate(ROOT / "tests" / "data" / "facts" / "heldout7.jsonl")
    assert res["fp"] == 0
    assert res["recall"] >= 0.8


@pytest.mark.parametrize("a, b", [
    # A count split into parts that add up to it, in one sentence.
    ("The mill will hire 150 weavers this year.", "The mill will hire 90 weavers in Tarn and 60 in Lode this year."),
    # A count the other side states as a part of a whole.
    ("The union said 2,100 dockers joined the stoppage.",
     "The stoppage involved 2,100 of the port's 3,000 dockers, the union said."),
])
def test_parts_and_restated_counts_do_not_clash(a, b):
    assert not _clashes(a, b)
    assert not _clashes(b, a)


def test_parts_are_levels_not_changes():
    # "two fewer" and "up 60" add up to the other side's figure: still a clash.
    assert _clashes("The party won 48 seats, two fewer than in 2019.", "The party won 50 seats.")
    assert _clashes("The ward now has 410 beds, up 60 from last winter.", "The ward now has 470 beds.")


def _docs(a: str, b: str):
    """Two documents whose segments are the lines of ``a`` and ``b``."""
    import hashlib

    from scocompare.core.model import Document, Segment

    out = []
    for doc_id, text in (("d1", a), ("d2", b)):
        segs, pos = [], 0
        for i, line in enumerate(text.split("\n")):
            segs.append(Segment(f"{doc_id}.s{i + 1}", doc_id, i, i + 1, pos, pos + len(line), line))
            pos += len(line) + 1
        out.append(Document(doc_id, doc_id, "test", hashlib.sha256(text.encode()).hexdigest(), text, tuple(segs)))
    return out


@pytest.mark.parametrize("b, clash", [
    # A base count split over two version sentences whose parts add up to it.
    ("The mill will hire 90 weavers in Tarn this year.\nAnother 60 weavers will be hired in Lode.", False),
    ("The mill will hire 90 weavers in Tarn this year.\nIn Lode, 60 more weavers will be hired.", False),
    # Parts that do not add up still clash.
    ("The mill will hire 90 weavers in Tarn this year.\nIn Lode, 80 more weavers will be hired.", True),
])
def test_count_split_over_two_version_sentences(b, clash):
    from scocompare.core.facts import find_conflicts
    from scocompare.core.model import Link

    docs = _docs("The mill will hire 150 weavers this year, in Tarn and Lode.", b)
    links = [Link("d1.s1", "d2.s1", 0.9, "split"), Link("d1.s1", "d2.s2", 0.8, "split")]
    assert bool(find_conflicts(docs, links, "d1")) is clash
