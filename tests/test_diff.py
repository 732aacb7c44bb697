from hypothesis import given
from hypothesis import strategies as st

from scocompare.core.diff import changed_words, word_diff, word_spans


def test_word_diff_marks_changed_words_only():
    ops = word_diff("The summit was held on July 5th.", "The summit was held on July 4.")
    assert ("equal", "The summit was held on July", "The summit was held on July") in ops
    assert ("replace", "5th", "4") in ops


def test_insert_and_delete():
    ops = word_diff("They will act.", "They will not act.")
    assert ("insert", "", "not") in ops
    ops = word_diff("They will not act.", "They will act.")
    assert ("delete", "not", "") in ops


def test_case_is_ignored_but_text_kept():
    ops = word_diff("Digital Economy", "digital economy")
    assert ops == [("equal", "Digital Economy", "digital economy")]


def test_spans_point_at_changed_words():
    a, b = "Leaders met in Astana on Monday.", "Leaders met in Minsk on Monday."
    sa, sb = word_spans(a, b)
    assert [a[s:e] for s, e in sa] == ["Astana"]
    assert [b[s:e] for s, e in sb] == ["Minsk"]
    assert changed_words(a, b) == (["astana"], ["minsk"])


@given(st.text(max_size=80), st.text(max_size=80))
def test_diff_parts_rebuild_the_inputs(a, b):
    ops = word_diff(a, b)
    assert all(op in {"equal", "replace", "delete", "insert"} for op, _, _ in ops)
    # every non-space character of each input appears once, in order, in its side of the ops
    assert "".join("".join(x.split()) for _, x, _ in ops) == "".join(a.split())
    assert "".join("".join(y.split()) for _, _, y in ops) == "".join(b.split())
