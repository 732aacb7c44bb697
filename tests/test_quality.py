"""Alignment quality must not slide: F1 per gold set with the real scorer, and the fact
layer's contract (a sentence that differs only in a date links and shows the conflict).

Bounds sit a little under what bench/quality.py measured (docs/alignment.md)."""

import sys
from pathlib import Path

import pytest

from scocompare.core.compare import compare_documents
from scocompare.core.similarity import get_scorer

from .helpers import make_doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import gold as G  # noqa: E402

# measured with the token rerank, the carried-partner rule, mutual first choices and
# headings aligned after the body: demo 0.994, reported 1.000, splits 0.941, seeds 0.692,
# blind-election 0.960 and heldout-earnings 1.000 (the two sets a title or dateline
# used to take the news lead from its source; written by other engineers); round 6
# (second partners beside a linked sentence, align_windows): demo 1.000,
# blind-vaccination 0.984, heldout-rates 0.921; round 7 (a reading-path second partner
# must carry, docs/alignment.md): blind-2court 0.843, blind-2recall 0.912, blind-3quake
# 0.932, blind-3transfer 0.826, blind-4drug 0.862, blind-4strike 0.937, heldout-floods 1.000;
# blind-5breach 0.831 and blind-5budget 0.932 (measured once, blind, then no link rule changed);
# blind-6wildfire 0.957 and blind-6merger 0.915 (measured once, blind, at the session's end);
# round 8 (a figure or quote only two sentences share, align_figures): blind-2recall 0.931,
# blind-3quake 0.952, blind-3transfer 0.875, blind-5breach 0.848, blind-5budget 0.960,
# heldout-rates 0.933; round 8b (path floor): blind-3transfer 0.894, blind-6wildfire 0.971;
# blind-7study 0.857 and blind-7police 0.825 measured once, blind, then 0.873 / 0.839
MIN_F1 = {"demo": 0.99, "reported": 0.95, "splits": 0.92, "seeds": 0.66,
          "blind-election": 0.94, "heldout-earnings": 0.97, "blind-vaccination": 0.96,
          "heldout-rates": 0.91, "heldout-floods": 0.97, "blind-2court": 0.82,
          "blind-2recall": 0.91, "blind-3quake": 0.93, "blind-3transfer": 0.87,
          "blind-4drug": 0.84, "blind-4strike": 0.91, "blind-5breach": 0.83, "blind-5budget": 0.94,
          "blind-6wildfire": 0.95, "blind-6merger": 0.89, "blind-7study": 0.85, "blind-7police": 0.81}
# gold conflicts the fact layer is known to miss (see bench/quality.py); no more may go
CONFLICTS_MISSED = {"blind-3transfer": 1}


@pytest.fixture(scope="module")
def scorer():
    sc = get_scorer("auto")
    if not sc.name.startswith("minilm"):
        pytest.skip("bundled model unavailable: quality bounds are for the semantic scorer")
    return sc


@pytest.mark.parametrize("name", sorted(MIN_F1))
def test_gold_f1_stays_above_measured(name, scorer):
    gold = G.load_gold(G.GOLD_DIR / f"{name}.json")
    if gold.uses_corpus() and not all(p.is_file() for p in gold.document_paths()):
        pytest.skip("../shared/corpus/seeds not beside the checkout")
    docs = G.load_documents(gold)
    ev = G.evaluate(gold, compare_documents(docs, base=gold.base, scorer=scorer))
    assert ev.overall.f1 >= MIN_F1[name], G.format_table([ev])
    assert ev.conflicts.fn <= CONFLICTS_MISSED.get(name, 0)  # gold conflicts are found


def test_sentences_differing_only_in_a_date_link_and_conflict(scorer):
    base = make_doc("d1", [[
        "Delegates from nine coastal states opened a fisheries conference in Varna on 12 March 2024.",
        "The conference agreed to cut the cod quota by 15 per cent over three years.",
        "Inspectors will check catches at every port from the start of next season.",
    ]])
    version = make_doc("d2", [[
        "Delegates from nine coastal states opened a fisheries conference in Varna on 14 March 2024.",
        "The conference agreed to cut the cod quota by 25 per cent over three years.",
        "Inspectors will check catches at every port from the start of next season.",
    ]])
    c = compare_documents([base, version], scorer=scorer)
    kinds = {(lk.a, lk.b): lk.kind for lk in c.links}
    assert kinds.get(("d1.s1", "d2.s1")) in ("near", "identical")
    assert kinds.get(("d1.s2", "d2.s2")) in ("near", "identical")
    assert kinds.get(("d1.s3", "d2.s3")) == "identical"
    found = {(cf.kind, frozenset(v.segment for v in cf.values)) for cf in c.conflicts}
    assert ("date", frozenset({"d1.s1", "d2.s1"})) in found
    assert any(kind in ("number", "other") and segs == {"d1.s2", "d2.s2"} for kind, segs in found)
    assert c.coverage["d2"].covered == 1.0


def test_expanded_paraphrase_follows_reading_order(scorer):
    """One statement sentence retold as two, in order, on a shared topic: each retelling
    links to its own source sentence rather than to a same-topic neighbour."""
    base = make_doc("d1", [[
        "The ministers agreed to build three desalination plants on the southern coast by 2030.",
        "They also decided to replace leaking water pipes in the older districts of the capital.",
        "Farmers will receive grants to switch to drip irrigation on their fields.",
    ]])
    version = make_doc("d2", [[
        "Three plants that turn seawater into drinking water are to be built along the south coast.",
        "The work is due to be finished before the end of the decade.",
        "Old and leaking mains under the capital's historic quarters will be replaced.",
        "Growers are to get money to move their fields over to drip watering.",
    ]])
    c = compare_documents([base, version], scorer=scorer)
    pairs = {(lk.a, lk.b) for lk in c.links}
    assert {("d1.s1", "d2.s1"), ("d1.s2", "d2.s3"), ("d1.s3", "d2.s4")} <= pairs
    assert not {("d1.s2", "d2.s1"), ("d1.s3", "d2.s3")} & pairs
