"""Cutting cell text into marked runs: the same output as marking every character."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from scocompare.export.markup import render

TAGS = {"fact": ("<f>", "</f>"), "del": ("<d>", "</d>"), "ins": ("<i>", "</i>")}


def _per_character(text: str, spans) -> str:
    """The obvious reference: one set of marks per character, equal neighbours merged."""
    marks = [set() for _ in text]
    for a, b, m in spans:
        for i in range(max(a, 0), min(b, len(text))):
            marks[i].add(m)
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        active = [m for m in ("fact", "del", "ins") if m in marks[i]]
        out.append("".join(TAGS[m][0] for m in active)
                   + html.escape(text[i:j], quote=True).replace("\n", "<br/>")
                   + "".join(TAGS[m][1] for m in reversed(active)))
        i = j
    return "".join(out)


spans = st.lists(st.tuples(st.integers(-3, 40), st.integers(-3, 45), st.sampled_from(list(TAGS))),
                 max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab <&\"\n\u202e", max_size=40), spans)
def test_render_matches_per_character_marking(text, marks):
    assert render(text, marks, TAGS) == _per_character(text, marks)


def test_render_escapes_and_nests():
    assert render("<b> & c", [(0, 3, "del"), (2, 7, "fact")], TAGS) == (
        "<d>&lt;b</d><f><d>&gt;</d></f><f> &amp; c</f>")
