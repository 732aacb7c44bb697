"""Gold alignments: well-formed, every anchor resolves to one segment; evaluator arithmetic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.gold import (
    Gold,
    GoldError,
    Score,
    all_golds,
    evaluate,
    load_documents,
    load_gold,
    resolve,
)
from scocompare.core.model import (
    Comparison,
    Conflict,
    Document,
    EngineInfo,
    FactValue,
    Link,
)
from scocompare.core.segment import segment_text

GOLDS = all_golds()
EXPECTED = {"demo", "seeds", "splits", "reported"}


def _ingest_or_skip() -> None:
    try:
        import scocompare.core.ingest  # noqa: F401
    except ImportError:
        pytest.skip("scocompare.core.ingest has not landed yet")


def _gold_or_skip(path: Path) -> Gold:
    gold = load_gold(path)
    if gold.uses_corpus() and not all(p.is_file() for p in gold.document_paths()):
        pytest.skip(f"{gold.name}: ../shared/corpus is not beside the checkout")
    return gold


def test_every_expected_set_is_there():
    assert {load_gold(p).name for p in GOLDS} >= EXPECTED


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_gold_is_well_formed(path):
    gold = load_gold(path)
    assert len(gold.links) >= 10
    for p in gold.document_paths():
        if not gold.uses_corpus():
            assert p.is_file(), p
    # Third-party texts are referenced by offset only: their words never enter the project.
    ends = [e for lk in gold.links for e in (lk.a, lk.b)] + list(gold.ignore)
    ends += [e for c in gold.conflicts for e in c.ends]
    for doc, anchor in ends:
        if gold.documents[doc].startswith(".."):
            assert isinstance(anchor, int), f"{gold.name}: word anchor into {gold.documents[doc]}"


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_every_anchor_resolves_to_one_segment(path):
    _ingest_or_skip()
    gold = _gold_or_skip(path)
    docs = load_documents(gold)
    res = resolve(gold, docs, strict=True)  # raises GoldError on a bad anchor
    pairs = [p for v in res.pairs.values() for p in v]
    # Two gold links that collapse onto one pair mean a split sentence was not split.
    assert len(pairs) == len(gold.links)
    boiler = {s.id for d in docs for s in d.segments if s.boilerplate}
    on_boiler = [p for p in pairs if p[0] in boiler or p[1] in boiler]
    assert not on_boiler, f"gold sentences marked boilerplate by ingest: {on_boiler}"
    assert not {x for p in pairs for x in p} & res.ignore
    assert all(len(segs) >= 2 for _kind, segs in res.conflicts)


def test_bad_gold_files_give_one_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match="bad.json"):
        load_gold(bad)
    bad.write_text(json.dumps({"documents": ["a", "b"], "links": [{"a": [1, "x"], "b": [0, "y"]}]}))
    with pytest.raises(GoldError, match="from the base to a version"):
        load_gold(bad)
    bad.write_text(json.dumps({"documents": ["a", "b"], "links": [{"a": [0, ""], "b": [1, "y"]}]}))
    with pytest.raises(GoldError, match="anchor"):
        load_gold(bad)


# --- evaluator arithmetic on a hand-built comparison (no ingest, no aligner) ---------

def _doc(doc_id: str, text: str, boiler_from: str | None = None) -> Document:
    spans = [(text.index(boiler_from), len(text))] if boiler_from else []
    return Document(doc_id, doc_id, f"{doc_id}.txt", "0" * 64, text, segment_text(text, doc_id, spans))


BASE = "Title line\n\nThe council met on Monday. It approved the budget. It will meet again in May.\n"
VERSION = ("Headline\n\nThe budget was approved. The council met on Monday. "
           "Critics were unhappy.\n\nShare this article\n")


@pytest.fixture()
def toy(tmp_path):
    (tmp_path / "base.txt").write_text(BASE, encoding="utf-8")
    (tmp_path / "version.txt").write_text(VERSION, encoding="utf-8")
    spec = {
        "name": "toy", "base": 0,
        "documents": [str(tmp_path / "base.txt"), str(tmp_path / "version.txt")],
        "ignore": [[0, "Title line"], [1, "Headline"]],
        "links": [
            {"a": [0, "met on Monday"], "b": [1, "The council met"]},
            {"a": [0, "approved the budget"], "b": [1, "budget was approved"], "shift": "modality"},
        ],
        "conflicts": [{"kind": "date", "values": [{"at": [0, "met on Monday"]}, {"at": [1, "The council met"]}]}],
    }
    path = tmp_path / "toy.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    docs = (_doc("d1", BASE), _doc("d2", VERSION, boiler_from="Share this"))
    return load_gold(path), docs


def _comparison(docs, links, conflicts=()):
    return Comparison(docs, "d1", tuple(links), (), tuple(conflicts), {}, EngineInfo("t", "t", 0.5))


def _ids(docs, needle):
    """Segment id of the base (``0:`` prefix) or version (``1:``) holding ``needle``."""
    k, text = needle.split(":", 1)
    return next(s.id for s in docs[int(k)].segments if text in s.text)


def test_perfect_alignment_scores_one(toy):
    gold, docs = toy
    s = lambda t: _ids(docs, t)  # noqa: E731
    links = [Link(s("0:met on Monday"), s("1:council met on Monday."), 0.9, "near"),
             # reversed direction still counts: pairs are (base, version) whatever the order
             Link(s("1:budget was approved"), s("0:It approved the budget"), 0.8, "shift", note="modality")]
    fv = [FactValue(s("0:met on Monday"), "Monday", {}), FactValue(s("1:council met on Monday."), "Monday", {})]
    ev = evaluate(gold, _comparison(docs, links, [Conflict("date", "link", tuple(fv))]))
    assert ev.overall == Score(2, 0, 0) and ev.overall.f1 == 1.0
    assert ev.shifts == Score(1, 0, 0)
    assert ev.conflicts == Score(1, 0, 0)


def test_wrong_missed_ignored_and_boilerplate_links(toy):
    gold, docs = toy
    s = lambda t: _ids(docs, t)  # noqa: E731
    links = [
        Link(s("0:met on Monday"), s("1:council met on Monday."), 0.9, "near"),  # right
        Link(s("0:meet again in May"), s("1:Critics were unhappy"), 0.6, "paraphrase"),  # wrong
        Link(s("0:Title line"), s("1:Headline"), 0.6, "partial"),  # ignored segments
        Link(s("0:meet again in May"), s("1:Share this article"), 0.6, "partial"),  # boilerplate
    ]
    ev = evaluate(gold, _comparison(docs, links))
    assert ev.overall == Score(tp=1, fp=1, fn=1)
    assert ev.overall.precision == 0.5 and ev.overall.recall == 0.5
    assert ev.shifts == Score(0, 0, 1)  # the gold shift link was missed altogether
    assert ev.conflicts == Score(0, 0, 1)
    (doc_id,) = ev.versions
    assert ev.errors[doc_id]["fp"] == [(s("0:meet again in May"), s("1:Critics were unhappy"))]


def test_offset_anchor_resolves_through_normalised_text(tmp_path):
    raw = "Heading\n\nFirst  sentence\u2019s here. Second one\nwraps on. Third.\n"
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    (tmp_path / "b.txt").write_text(raw, encoding="utf-8")
    spec = {"documents": [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
            "links": [{"a": [0, raw.index("Second")], "b": [1, raw.index("sentence")]}]}
    (tmp_path / "g.json").write_text(json.dumps(spec))
    gold = load_gold(tmp_path / "g.json")
    # The loaded text differs from the raw bytes (quotes and spacing normalised).
    text = " ".join(raw.replace("\u2019", "'").split(" "))
    text = text.replace("First  sentence", "First sentence")
    docs = (_doc("d1", text), _doc("d2", text))
    res = resolve(gold, docs)
    ((a, b),) = res.pairs["d2"]
    assert docs[0].segments[int(a.split("s")[-1]) - 1].text.startswith("Second one")
    assert docs[1].segments[int(b.split("s")[-1]) - 1].text.startswith("First sentence")


# --- the bundled demo set ------------------------------------------------------------

def test_demo_paths_lists_the_five_texts_base_first():
    from scocompare.core.demo import DEMO_FILES, demo_paths

    paths = demo_paths()
    assert [p.name for p in paths] == list(DEMO_FILES)
    assert paths[0].name.startswith("00-") and all(p.is_file() for p in paths)
    demo_gold = load_gold(Path(__file__).parent / "data" / "golds" / "demo.json")
    assert [Path(p).name for p in demo_gold.documents] == list(DEMO_FILES)


def test_demo_paths_names_missing_files(tmp_path, monkeypatch):
    import scocompare.core.demo as demo

    (tmp_path / "demo").mkdir()
    monkeypatch.setattr(demo, "resources_dir", lambda: tmp_path)
    with pytest.raises(FileNotFoundError, match="00-statement.txt"):
        demo.demo_paths()


def test_demo_set_has_the_promised_shape():
    _ingest_or_skip()
    from scocompare.core.demo import demo_paths
    from scocompare.core.ingest import load_path

    docs = [load_path(p, doc_id=f"d{k + 1}") for k, p in enumerate(demo_paths())]
    base = docs[0]
    assert 24 <= len(base.content_segments()) <= 28
    assert 6 <= max(s.paragraph for s in base.segments) <= 9  # title + 5-7 paragraphs
    assert "14 March 2024" in base.text and "12th meeting" in base.text
    assert "\nVELMORA, March 14 (Northern Press Agency) -- " in docs[1].text
    assert "15 March 2024" in docs[3].text and "21st meeting" in docs[3].text
    tail = [s for s in docs[4].segments if s.boilerplate]
    assert len(tail) >= 4 and docs[4].segments[-1].boilerplate
