"""Near misses: the closest sentence of the other side for sentences left unlinked."""

from __future__ import annotations

import numpy as np

from scocompare.core import report
from scocompare.core.compare import compare_documents
from scocompare.core.model import Link
from scocompare.core.near import near_misses

from .helpers import FuzzScorer, make_doc

BASE = make_doc("d1", [["Fishing quotas", ], ["The ministers cut the cod quota by ten percent.",
                                            "Inspections of trawlers will double.",
                                            "The next meeting is planned for the spring."]])
VERSION = make_doc("d2", [["Cod quota cut", ], ["Ministers cut the cod quota by a tenth.",
                                              "Trawlers will be inspected twice as often.",
                                              "Coastal towns hope for better prices."]])


def _matrix() -> np.ndarray:
    # rows: title, cod, inspections, meeting; columns: headline, cod, trawlers, towns
    return np.array([[0.9, 0.3, 0.1, 0.1],
                     [0.3, 0.8, 0.1, 0.1],
                     [0.1, 0.1, 0.7, 0.1],
                     [0.1, 0.1, 0.2, 0.15]], dtype=np.float32)


def _link() -> Link:
    return Link("d1.s2", "d2.s2", 0.8, "near")


def echo_docs():
    """A statement and a version that copies its audit sentence, then echoes it further
    down: the echo is left unlinked (its closest base sentence already has its partner)."""
    base = make_doc("d1", [["The council will publish the audit of the port authority in May.",
                            "Rail fares rise by three percent from January.",
                            "Bus drivers voted to accept the new pay offer on Tuesday.",
                            "Two new ferries will serve the northern islands next summer.",
                            "The mayor thanked volunteers who cleaned the beaches."]])
    version = make_doc("d2", [["The council will publish the audit of the port authority in May.",
                               "Rail fares rise by three percent from January.",
                               "Bus drivers voted to accept the new pay offer on Tuesday.",
                               "The council will publish its audit of the port authority in May, it said.",
                               "Two new ferries will serve the northern islands next summer.",
                               "Volunteers who cleaned beaches were thanked by the mayor."]])
    return base, version


def test_unlinked_sentences_get_their_closest_partner_above_the_background():
    got = near_misses(BASE.segments, VERSION.segments, _matrix(), [_link()], threshold=0.75)
    # inspections <-> trawlers (0.7) is a hint from both sides; the meeting's best (0.2)
    # and the towns' best (0.15) sit in the background: no hint
    assert [(n.a, n.b) for n in got] == [("d1.s3", "d2.s3")]
    assert abs(got[0].score - 0.7) < 1e-6
    # titles and headlines are left out, like coverage; the linked pair is no hint
    assert not any(n.a in ("d1.s1", "d1.s2") or n.b in ("d2.s1", "d2.s2") for n in got)


def test_must_not_link_pairs_and_low_scores_give_no_hint():
    assert near_misses(BASE.segments, VERSION.segments, _matrix(), [_link()], 0.75, forbidden=[(2, 2)]) == ()
    # the floor is also a share of the threshold: at 0.9 a 0.7 pair says nothing
    assert near_misses(BASE.segments, VERSION.segments, _matrix(), [_link()], threshold=0.9) == ()


def test_comparison_carries_near_misses_through_json():
    base, version = echo_docs()
    comp = compare_documents([base, version], scorer=FuzzScorer(), threshold=0.9)
    linked = {x for lk in comp.links for x in (lk.a, lk.b)}
    echo = next(x.id for x in version.segments if "it said" in x.text)
    assert echo not in linked
    assert [(n.a, n.b) for n in comp.near_misses if n.b == echo] == [("d1.s1", echo)]
    for n in comp.near_misses:
        assert n.a.startswith("d1.") and n.b.startswith("d2.")
        assert n.a not in linked or n.b not in linked
        assert not any({lk.a, lk.b} == {n.a, n.b} for lk in comp.links)
    back = report.loads(report.dumps(comp))
    assert [(n.a, n.b, round(n.score, 4)) for n in back.near_misses] == \
        [(n.a, n.b, round(n.score, 4)) for n in comp.near_misses]


def test_summary_lists_close_but_unlinked_sentences():
    import io

    from scocompare.commands.compare import print_summary

    base, version = echo_docs()
    comp = compare_documents([base, version], scorer=FuzzScorer(), threshold=0.9)
    out = io.StringIO()
    print_summary(comp, out)
    text = out.getvalue()
    echo = next(x.id for x in version.segments if "it said" in x.text).split(".")[1]
    assert "Close but not linked (1;" in text
    assert f"d2.txt {echo} ~ d1.txt s1" in text and "publish its audit" in text
