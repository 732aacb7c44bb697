"""Hand-built comparisons for the export tests (texts written for this project).

The exporters must not depend on the engine's current judgement, so these fixtures
spell out links, conflicts and coverage by hand. ``make_comparison`` is also used by
bench/export_bench.py to build large synthetic reports.
"""

from __future__ import annotations

import hashlib

from scocompare.core.model import (
    Comparison,
    Conflict,
    Coverage,
    Document,
    EngineInfo,
    FactValue,
    Link,
    QuoteCheck,
    Segment,
)

BASE = [
    "Valmont, 12 March 2031 — The ministers of the Northern River Council met for their 7th session.",
    "They agreed to open three new border crossings before the end of the year.",
    "The council will review the fisheries quota in autumn.",
    "Les ministres ont salué la coopération régionale à Genève.",
    "Министры подчеркнули важность сотрудничества в сфере энергетики.",
    "The next session will take place in Ostrava.",
]
WIRE = [
    "Valmont, March 12 (NRW) — Ministers of the Northern River Council met on Thursday for their 17th session.",
    "They agreed to open three new border crossings by the end of the year.",
    "Министры подчеркнули важность сотрудничества в энергетике.",
    "Les ministres ont salué la coopération régionale, selon un communiqué.",
    "Officials said the talks were tense at times.",
    "Read more: our Council coverage",
]
PAPER = [
    "Ministers from the river states gathered in Valmont on 11 March 2031.",
    "Three extra crossings are to be opened, the ministers decided.",
    "The fisheries quota will not be reviewed this year.",
]


def _doc(doc_id: str, title: str, sentences: list[str], boiler: frozenset[int] = frozenset(),
         meta: dict | None = None) -> Document:
    text = "\n\n".join(sentences)
    segs, pos = [], 0
    for i, s in enumerate(sentences):
        segs.append(Segment(f"{doc_id}.s{i + 1}", doc_id, i, i + 1, pos, pos + len(s), s,
                            boilerplate=i in boiler))
        pos += len(s) + 2
    return Document(doc_id, title, f"/news/{doc_id}.txt",
                    hashlib.sha256(text.encode()).hexdigest(), text, tuple(segs), meta or {})


def _fact(doc: Document, index: int, phrase: str, value: dict) -> FactValue:
    seg = doc.segments[index]
    i = seg.text.index(phrase)
    return FactValue(seg.id, phrase, value, seg.start + i, seg.start + i + len(phrase))


def make_comparison() -> Comparison:
    """Base statement, a wire story (moved, added, boilerplate) and a paraphrase."""
    d1 = _doc("d1", "Council statement", BASE, meta={"added": "2031-03-12T10:00:00"})
    d2 = _doc("d2", "Wire story", WIRE, boiler=frozenset({5}), meta={"added": "2031-03-12T11:30:00"})
    d3 = _doc("d3", "Daily paper", PAPER)
    links = (
        Link("d1.s1", "d2.s1", 0.81, "near"),
        Link("d1.s2", "d2.s2", 0.93, "near"),
        Link("d1.s4", "d2.s4", 0.62, "partial", moved=True),
        Link("d1.s5", "d2.s3", 0.9, "near", moved=True),
        Link("d1.s1", "d3.s1", 0.58, "paraphrase"),
        Link("d1.s2", "d3.s2", 0.66, "paraphrase"),
        Link("d1.s3", "d3.s3", 0.71, "shift", note="negation"),
    )
    conflicts = (
        Conflict("ordinal", "link", (_fact(d1, 0, "7th session", {"ordinal": 7}),
                                     _fact(d2, 0, "17th session", {"ordinal": 17})),
                 label="session number"),
        Conflict("date", "event", (_fact(d1, 0, "12 March 2031", {"year": 2031, "month": 3, "day": 12}),
                                   _fact(d3, 0, "11 March 2031", {"year": 2031, "month": 3, "day": 11})),
                 label="meeting date"),
    )
    coverage = {
        "d2": Coverage("d2", "d1", 4 / 6, ("d1.s3", "d1.s6"), ("d2.s5",)),
        "d3": Coverage("d3", "d1", 3 / 6, ("d1.s4", "d1.s5", "d1.s6"), ()),
    }
    return Comparison((d1, d2, d3), "d1", links, (), conflicts, coverage,
                      EngineInfo("0.1.0", "lexical-test", 0.55),
                      extra={"created": "2031-03-12T12:00:00"})


QUOTED_BASE = [
    'The fisheries minister said: "We will not raise the fishing quota this year."',
    'She called the accord "a first step towards lasting cooperation".',
    "The council will partly fund the new bridge at Dorna.",
    "Delegates should meet again in spring.",
]
QUOTED_VERSION = [
    'Delegates will meet again in spring.',
    'The fisheries minister said: "We will raise the fishing quota this year."',
    'She called the accord "a first step towards lasting cooperation".',
    "The council will fund the new bridge at Dorna.",
    '"Nobody asked the fishermen <first>," a trawler captain told the Harbour Gazette.',
]


def _quote(doc: Document, index: int, phrase: str, status: str, found_in=(), changes=()) -> QuoteCheck:
    seg = doc.segments[index]
    i = seg.text.index(phrase)
    return QuoteCheck(seg.id, seg.start + i, seg.start + i + len(phrase), phrase, status,
                      tuple(found_in), tuple(changes))


def make_findings() -> Comparison:
    """A statement and one story with meaning shifts (negation, qualifier, modality) and
    quotes carried verbatim, altered and found nowhere else."""
    d1 = _doc("d1", "Ministry read-out", QUOTED_BASE)
    d2 = _doc("d2", "Harbour Gazette", QUOTED_VERSION)
    links = (
        # One link written version-first: the report must still put the base on the left.
        Link("d2.s2", "d1.s1", 0.93, "shift", note="negation"),
        Link("d1.s2", "d2.s3", 1.0, "identical"),
        Link("d1.s3", "d2.s4", 0.91, "shift", note="qualifier"),
        Link("d1.s4", "d2.s1", 0.88, "shift", moved=True, note="modality"),
    )
    quotes = (
        _quote(d2, 1, "We will raise the fishing quota this year.", "altered", ["d1.s1"],
               [("equal", "We will", "We will"), ("delete", "", "not"),
                ("equal", "raise the fishing quota this year.", "raise the fishing quota this year.")]),
        _quote(d2, 2, "a first step towards lasting cooperation", "verbatim", ["d1.s2"]),
        _quote(d2, 4, "Nobody asked the fishermen <first>,", "not_found"),
        _quote(d1, 0, "We will not raise the fishing quota this year.", "altered", ["d2.s2"],
               [("insert", "not", "")]),
    )
    return Comparison((d1, d2), "d1", links, (), (), {}, EngineInfo("0.3.0", "minilm-int8+tfidf", 0.59),
                      quotes=quotes, extra={"created": "2031-04-02T09:00:00"})


def make_large(versions: int, sentences: int) -> Comparison:
    """A synthetic comparison: ``versions`` versions of a ``sentences``-sentence base."""
    words = ("council ministers agreed review quota crossing border energy session "
             "statement regional cooperation fisheries autumn delegation").split()
    base_s = [" ".join(words[(i * 7 + k) % len(words)] for k in range(14)).capitalize()
              + f" number {i}." for i in range(sentences)]
    docs = [_doc("d1", "Base statement", base_s)]
    links = []
    for v in range(2, versions + 2):
        sents, n = [], 0
        for i, s in enumerate(base_s):
            if (i + v) % 9 == 0:
                continue  # dropped
            sents.append(s.replace("council", "Council").replace("quota", "quotas") if i % 3 else s)
            n += 1
            links.append(Link(f"d1.s{i + 1}", f"d{v}.s{n}", 0.9 if i % 3 else 1.0,
                              "near" if i % 3 else "identical", moved=(i % 17 == 0)))
            if (i + v) % 11 == 0:
                sents.append(f"An added remark about the talks, item {i}.")
                n += 1
        docs.append(_doc(f"d{v}", f"Version {v - 1}", sents))
    return Comparison(tuple(docs), "d1", tuple(links), (), (), {},
                      EngineInfo("0.1.0", "lexical-test", 0.55))


def test_fixture_is_consistent():
    c = make_comparison()
    for lk in c.links:
        assert c.segment(lk.a).doc != c.segment(lk.b).doc
    for cf in c.conflicts:
        for v in cf.values:
            doc = c.document(v.segment.split(".")[0])
            assert doc.text[v.start:v.end] == v.text
    f = make_findings()
    for q in f.quotes:
        assert f.document(q.segment.split(".")[0]).text[q.start:q.end] == q.text
    big = make_large(3, 40)
    assert len(big.documents) == 4 and all(len(d.segments) > 30 for d in big.documents)
