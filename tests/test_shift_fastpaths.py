"""The shift detector's fast paths give what the general paths give (invented texts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from scocompare.core import shift_bounds, shift_diff, shift_lexer, shift_words
from scocompare.core.shift import detect_shift, explain_shift
from scocompare.core.shift_diff import _content, _counterpart_maps, _counterparts
from scocompare.core.shift_reword import drop_moved

_VOCAB = ["the", "council", "said", "that", "it", "would", "not", "close", "2028", "10,000", "5.4", "if", "which",
          "Minister", "North-East", "in", "principle", "all", "five", "no", "later", "than", "stop", "at", "for",
          "three", "years", "until", "June", "but", "while", "up", "to", "most", "can", "claim", "some", "never"]
_PUNCT = [" ", " ", " ", ", ", "; ", ": ", " (", ") ", " - ", " \u2013 ", '"', ". ", "! ", " [", "] ", "-"]


@st.composite
def _plain_texts(draw):
    words = draw(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=25))
    seps = draw(st.lists(st.sampled_from(_PUNCT), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


@settings(max_examples=300, deadline=None)
@given(_plain_texts())
def test_clause_by_clause_reading_equals_the_word_by_word_reading(text):
    # _tokenise reads such a text (ASCII words, no apostrophe, "May" or "cannot") clause by clause.
    prepped = shift_lexer.prepare(text)
    assert shift_lexer._plain_words(prepped.lower()) == shift_lexer._words(prepped)
    assert shift_lexer.raw_words(text) == shift_lexer._words(prepped)


def test_texts_that_need_the_word_by_word_reading_still_get_it():
    assert shift_words.words("They won't go in May.") == ["they", "will", "not", "go", "in", "<month>"]
    assert shift_words.words("Staff cannot enter.")[:3] == ["staff", "can", "not"]
    assert shift_words.words("Der Bürgermeister sagte nein.")[1] == "bürgermeister"


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(0, 4), st.frozensets(st.sampled_from("abcdefgh"), max_size=5), max_size=4),
       st.dictionaries(st.integers(0, 4), st.frozensets(st.sampled_from("abcdefgh"), max_size=5), max_size=4))
def test_one_counterpart_search_gives_both_maps(ca, cb):
    weak, strong = _counterpart_maps(ca, cb)
    assert weak == _counterparts(ca, cb, False)
    assert strong == _counterparts(ca, cb, True)
    assert list(weak) == [i for i in ca if i in weak]  # clause order kept (the clause walk reads it in order)


def test_drop_moved_with_the_callers_diff_equals_its_own():
    ta = shift_words.words("'We may close the plant,' the chief executive said on Monday.")
    tb = shift_words.words("The chief executive said on Monday the company would close the plant.")
    cla, clb = list(range(len(ta))), list(range(len(tb)))
    assert drop_moved(ta, cla, tb, clb, _content, Indel.opcodes(ta, tb)) == drop_moved(ta, cla, tb, clb, _content)


def test_clause_words_with_and_without_the_stem_memo():
    toks, cl = shift_words._tokens("The club, which was founded in 1901, will not sell its ground.")
    shift_diff._STEMS.clear()
    shift_diff._clause_words_of.cache_clear()
    first = shift_diff._clause_words(toks, cl)
    shift_diff._clause_words_of.cache_clear()
    assert shift_diff._clause_words(toks, cl) == first  # now from the stem memo
    assert first == {c: frozenset(_content(w) for w, k in zip(toks, cl, strict=True) if k == c and _content(w))
                     for c in dict.fromkeys(cl)}


def test_a_year_in_figures():
    assert [shift_bounds._is_year(w) for w in ("2028", "1999", "2128", "202", "20_1", "١٩٩٩")] == [
        True, True, False, False, False, False]
    toks, cl = shift_words._tokens("The fund will run through 2031 and in 1999 it ran for six years.")
    # "through 2031" (read from "through" and from the year), "in 1999", "six years".
    assert shift_bounds._periods(toks, cl, restating=True) == [(4, 6), (4, 6), (7, 9), (12, 14)]


def test_the_same_sentence_in_the_same_setting_never_shifts():
    text = "The minister said the plant would not close."
    assert explain_shift(text, text) is None
    # With another sentence before each, a bare quote may still change voice.
    quote = '"We will not close the plant," he said.'
    assert detect_shift(quote, quote, "The mayor spoke first.", "The union leader spoke first.") == "speaker"
