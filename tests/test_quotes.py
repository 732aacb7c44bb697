"""Quoted passages: found, checked against the other versions, carried into the JSON."""

from hypothesis import given, settings
from hypothesis import strategies as st

from scocompare.core.compare import compare_documents
from scocompare.core.quotes import check_quotes, find_quotes
from scocompare.core.report import dumps, loads

from .helpers import FuzzScorer, make_doc

BASE = make_doc("d1", [[
    "The harbour master said the port would reopen on Friday.",
    'She told reporters: "We will not allow unsafe ships to dock here."',
    "Repairs to the north pier are expected to take three weeks.",
]])


def by_text(checks, doc_id):
    return {q.text: q for q in checks if q.segment.startswith(doc_id + ".")}


def test_quotes_are_found_with_offsets_and_short_ones_skipped():
    doc = make_doc("d2", [[
        'The minister called it "a fair deal for everyone" on Monday.',
        "He used the word \u201cfair\u201d twice and said \u201cthe talks went well\u201d.",
    ]])
    found = find_quotes(doc)
    assert [q[3] for q in found] == ["a fair deal for everyone", "the talks went well"]
    for seg_id, start, end, text in found:
        assert doc.text[start:end] == text
        seg = next(s for s in doc.segments if s.id == seg_id)
        assert seg.start <= start < seg.end


def test_verbatim_altered_and_not_found():
    exact = make_doc("d2", [['The port chief said: \u201cWe will not allow unsafe ships to dock here.\u201d']])
    changed = make_doc("d3", [['"We will never allow unsafe vessels to dock here," she said.',
                               '"Nobody expected the storm to be so strong," a fisherman added.']])
    checks = check_quotes([BASE, exact, changed])
    base_q = by_text(checks, "d1")["We will not allow unsafe ships to dock here."]
    assert base_q.status == "verbatim" and base_q.found_in == ("d2.s1",)
    alt = by_text(checks, "d3")["We will never allow unsafe vessels to dock here,"]
    assert alt.status == "altered"
    assert ("replace", "never", "not") in alt.changes
    assert ("replace", "vessels", "ships") in alt.changes
    assert set(alt.found_in) <= {"d1.s2", "d2.s1"} and alt.found_in
    lost = by_text(checks, "d3")["Nobody expected the storm to be so strong,"]
    assert lost.status == "not_found" and lost.found_in == () and lost.changes == ()


def test_a_quote_another_version_quotes_in_part_is_partial_not_lost():
    base = make_doc("d1", [[
        'The mayor said: "This was a terrible night for our town. Our thoughts are with the '
        'families, and we will rebuild the bridge as fast as we can."',
    ]])
    version = make_doc("d2", [['"This was a terrible night for our town," the mayor said.',
                               'She promised the bridge would be "rebuilt within a year".']])
    checks = check_quotes([base, version])
    whole = by_text(checks, "d1")["This was a terrible night for our town. Our thoughts are with the "
                                  "families, and we will rebuild the bridge as fast as we can."]
    assert whole.status == "partial" and whole.found_in == ("d2.s1",) and whole.changes == ()
    assert by_text(checks, "d2")["This was a terrible night for our town,"].status == "verbatim"
    # A quote no other version uses, even in part, is still not found...
    assert by_text(checks, "d2")["rebuilt within a year"].status == "not_found"
    # ...and a phrase that merely shares a word is no part of it.
    other = make_doc("d3", [['She spoke of "a night for everyone".']])
    assert by_text(check_quotes([base, other]), "d1")[whole.text].status == "not_found"


def test_quote_spread_over_two_sentences_is_verbatim_across_segment_boundaries():
    version = make_doc("d2", [['"Unsafe ships to dock here. Repairs to the north pier are expected '
                               'to take three weeks," the statement read.']])
    checks = check_quotes([BASE, version])
    q = by_text(checks, "d2")
    (only,) = q.values()
    assert only.status == "verbatim"
    assert set(only.found_in) == {"d1.s2", "d1.s3"}


def test_compare_documents_fills_quotes_and_json_round_trips():
    version = make_doc("d2", [['The harbour master said: "We will not let unsafe ships dock here."']])
    c = compare_documents([BASE, version], scorer=FuzzScorer())
    assert {q.status for q in c.quotes} == {"altered"}
    again = loads(dumps(c))
    assert again.quotes == c.quotes


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab c."\u201c\u201d\n')), max_size=120))
def test_any_text_gives_consistent_quote_checks(text):
    doc = make_doc("d1", [[text]] if text.strip() else [["x"]])
    other = make_doc("d2", [["a b c. a b c."]])
    for q in check_quotes([doc, other]):
        assert q.status in ("verbatim", "altered", "partial", "not_found")
        assert doc.text[q.start:q.end] == q.text or q.segment.startswith("d2")


def test_the_window_says_a_quote_was_quoted_in_part_and_where():
    from scocompare.core.model import QuoteCheck
    from scocompare.gui.detail import quote_checks_html

    version = make_doc("d2", [['"We will not allow unsafe ships," she said.']])
    c = compare_documents([BASE, version], scorer=FuzzScorer())
    q = QuoteCheck("d1.s2", 0, 10, "We will not allow unsafe ships to dock here.", "partial", ("d2.s1",))
    (line,) = quote_checks_html(c, [q])
    assert "½ Quote" in line and "quoted in part in another version" in line
    assert "in " + version.title in line or "in d2" in line
