import json

import pytest

from scocompare.core.compare import compare_documents
from scocompare.core.errors import ScocompareError
from scocompare.core.model import Anchor, Constraint
from scocompare.core.report import FORMAT, dumps, from_dict, loads, to_dict

from .helpers import FuzzScorer, make_doc
from .test_align import BASE


def _comparison():
    a = make_doc("d1", BASE)
    b = make_doc("d2", [BASE[1], [BASE[0][0].replace("twelfth", "tenth")], ["New sentence here, analysts said."]])
    k = Constraint("unlink", Anchor.of(a, a.segments[4]), Anchor.of(b, b.segments[0]), note="checked")
    return compare_documents([a, b], scorer=FuzzScorer(), constraints=[k])


def test_json_has_the_documented_fields():
    d = to_dict(_comparison())
    assert d["format"] == FORMAT
    assert set(d["engine"]) >= {"version", "scorer", "threshold"}
    doc = d["documents"][0]
    assert set(doc) >= {"id", "title", "source", "sha256", "text", "segments"}
    assert set(doc["segments"][0]) >= {"id", "paragraph", "start", "end", "text", "boilerplate"}
    assert set(d["links"][0]) >= {"a", "b", "score", "kind", "moved", "origin"}
    assert d["links"][0]["kind"] in {"identical", "near", "paraphrase", "partial", "shift"}
    assert set(d["coverage"]["d2"]) >= {"against", "covered", "dropped", "added"}
    assert all("segments" in g for g in d["groups"])
    json.dumps(d)  # serialisable


def test_round_trip_is_equal():
    c = _comparison()
    assert loads(dumps(c)) == c
    assert from_dict(json.loads(dumps(c, indent=None))) == c


@pytest.mark.parametrize("text", ["", "{", "[]", '{"format": "other"}', f'{{"format": "{FORMAT}"}}'])
def test_bad_json_is_a_clear_error(text):
    with pytest.raises(ScocompareError):
        loads(text)


def test_quotes_round_trip():
    from dataclasses import replace

    from scocompare.core.model import QuoteCheck

    c = replace(_comparison(), quotes=(
        QuoteCheck("d2.s1", 3, 20, "our rivers", "altered", ("d1.s1",), (("replace", "rivers", "lakes"),)),
        QuoteCheck("d2.s2", 0, 5, "never", "not_found"),
    ))
    back = loads(dumps(c))
    assert back == c and back.quotes[0].changes == (("replace", "rivers", "lakes"),)
