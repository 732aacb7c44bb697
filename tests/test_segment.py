"""Sentence and paragraph segmentation: offsets, news-copy rules, properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scocompare.core.segment import segment_text, sentences


def check_offsets(text, segs):
    for s in segs:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text


def test_ids_index_paragraphs():
    text = "First one. Second one.\n\nThird one."
    segs = segment_text(text, "d3")
    assert [s.id for s in segs] == ["d3.s1", "d3.s2", "d3.s3"]
    assert [s.index for s in segs] == [0, 1, 2]
    assert [s.paragraph for s in segs] == [1, 1, 2]
    assert all(s.doc == "d3" for s in segs)
    check_offsets(text, segs)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.N. chief met Mr. Smith. He left.", ["The U.N. chief met Mr. Smith.", "He left."]),
        ("Dr. Jones and Prof. Lee spoke. Then rain.", ["Dr. Jones and Prof. Lee spoke.", "Then rain."]),
        ("It sits at No. 5 Main Street. Fine.", ["It sits at No. 5 Main Street.", "Fine."]),
        ("Talks began on Jan. 12 in Geneva. They ended.", ["Talks began on Jan. 12 in Geneva.", "They ended."]),
        ("Use tools, e.g. Rapid ones. Next.", ["Use tools, e.g. Rapid ones.", "Next."]),
        ("Ask J. Smith about it. Now.", ["Ask J. Smith about it.", "Now."]),
        ("George W. Bush spoke. They chose Plan B. The rest left.", ["George W. Bush spoke.", "They chose Plan B.", "The rest left."]),
        ("Growth was 3.5 per cent. Inflation fell.", ["Growth was 3.5 per cent.", "Inflation fell."]),
        ("The U.S. economy grew. The U.S. The rest.", ["The U.S. economy grew.", "The U.S.", "The rest."]),
        ("Wait... Then he spoke. Well... maybe not.", ["Wait...", "Then he spoke.", "Well... maybe not."]),
        ("Is it? Yes! Good.", ["Is it?", "Yes!", "Good."]),
    ],
)
def test_abbreviations_decimals_ellipses(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said: "We will win." The crowd cheered.', ['He said: "We will win."', "The crowd cheered."]),
        ('"We agree," he said. Talks went on.', ['"We agree," he said.', "Talks went on."]),
        ('"Enough!" he said. She left.', ['"Enough!" he said.', "She left."]),
        ('"Never." Smith said so. Done.', ['"Never." Smith said so.', "Done."]),
        ("\u201cIs it over?\u201d she asked. No.", ["\u201cIs it over?\u201d she asked.", "No."]),
        ("It was 'final.' The end.", ["It was 'final.'", "The end."]),
    ],
)
def test_quotes(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, first",
    [
        (
            "BEIJING, July 4 (Xinhua) -- The summit opened. It ended.",
            "BEIJING, July 4 (Xinhua) -- The summit opened.",
        ),
        (
            "Beijing, 4 July 2023 (TDI): Leaders met online. They agreed.",
            "Beijing, 4 July 2023 (TDI): Leaders met online.",
        ),
        (
            "GENEVA, March 3 (Reuters) -\nDelegates arrived early. Talks began.",
            "GENEVA, March 3 (Reuters) -\nDelegates arrived early.",
        ),
    ],
)
def test_datelines_stay_with_first_sentence(text, first):
    segs = segment_text(text, "d1")
    assert segs[0].text == first
    assert len(segs) == 2


def test_headings_bullets_and_wrapped_prose():
    text = (
        "Summit ends with joint statement\n"
        "Leaders signed the text on Tuesday. It has ten points.\n\n"
        "Key points\n"
        "- more trade\n"
        "- fewer tariffs\n"
        "* a new fund.\n\n"
        "This paragraph is hard wrapped at a fixed width the way e-mail and\n"
        "wire copy often are, and its lines must be joined back into one\n"
        "sentence. A second sentence follows."
    )
    segs = segment_text(text, "d1")
    got = [s.text for s in segs]
    assert got[:3] == ["Summit ends with joint statement", "Leaders signed the text on Tuesday.", "It has ten points."]
    assert got[3:7] == ["Key points", "- more trade", "- fewer tariffs", "* a new fund."]
    assert got[7].startswith("This paragraph") and got[7].endswith("one\nsentence.")
    assert got[8] == "A second sentence follows."
    assert [s.paragraph for s in segs] == [1, 1, 1, 2, 2, 2, 2, 3, 3]


def test_menu_lines_are_separate():
    text = "Other posts by Agency\nContact author\nblog comments powered by Disqus"
    assert sentences(text) == ["Other posts by Agency", "Contact author", "blog comments powered by Disqus"]


def test_abbreviation_at_line_end_does_not_split():
    text = "The letter was signed by Mr.\nBrown and Dr.\nGreen yesterday. Done."
    assert sentences(text) == ["The letter was signed by Mr.\nBrown and Dr.\nGreen yesterday.", "Done."]


def test_boilerplate_spans_cut_and_mark():
    text = "date 2023-07-05 The summit opened today. Read more\n\nShare this"
    lead = (0, len("date 2023-07-05"))
    share = (text.index("Share"), len(text))
    segs = segment_text(text, "d1", boilerplate_spans=[lead, share])
    assert [(s.text, s.boilerplate) for s in segs] == [
        ("date 2023-07-05", True),
        ("The summit opened today.", False),
        ("Read more", False),
        ("Share this", True),
    ]
    check_offsets(text, segs)


def test_empty_and_blank():
    assert segment_text("", "d1") == ()
    assert segment_text(" \n\n \t\n", "d1") == ()


# Text drawn from an alphabet rich in the characters the rules look at.
_ALPHABET = st.sampled_from(list("ab AZ.,!?\"'()\u201c\u201d-*:\n\n\t0123456789\u2026\u00a0") + ["Mr.", "U.S.", " No. ", "\n\n"])
_TEXT = st.lists(_ALPHABET, max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=200)))
def test_properties_offsets_order_coverage(text):
    segs = segment_text(text, "d1")
    check_offsets(text, segs)
    prev_end = 0
    for i, s in enumerate(segs):
        assert s.index == i and s.id == f"d1.s{i + 1}"
        assert 0 <= prev_end <= s.start < s.end <= len(text)
        prev_end = s.end
    # Every non-space character belongs to exactly one segment.
    covered = set()
    for s in segs:
        covered.update(range(s.start, s.end))
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())
    paras = [s.paragraph for s in segs]
    assert paras == sorted(paras) and (not paras or paras[0] == 1)


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.lists(st.tuples(st.integers(0, 130), st.integers(0, 130)), max_size=3))
def test_properties_with_spans(text, spans):
    segs = segment_text(text, "d1", boilerplate_spans=spans)
    check_offsets(text, segs)
    for s in segs:
        inside = any(a <= s.start and s.end <= b for a, b in spans if b > a)
        assert s.boilerplate == inside


def test_heading_as_long_as_the_body_line():
    text = "Summit ends with joint statement\nLeaders signed the text on Tuesday."
    assert sentences(text) == ["Summit ends with joint statement", "Leaders signed the text on Tuesday."]


def test_narrow_columns_from_a_pdf_are_joined():
    text = (
        "The council approved a new ferry\n"
        "timetable on Tuesday, adding four\n"
        "evening crossings for students and\n"
        "commuters. The chair said costs\n"
        "would be shared by the region."
    )
    got = sentences(text)
    assert len(got) == 2 and got[0].endswith("commuters.") and got[1].startswith("The chair")
