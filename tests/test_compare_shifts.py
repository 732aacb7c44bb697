"""The comparison hands the shift detector who speaks in a bare quote ("..., he said")."""

from __future__ import annotations

from scocompare.core.compare import compare_documents

from .helpers import FuzzScorer, make_doc


def test_a_quote_given_to_another_speaker_is_a_speaker_shift_through_its_paragraph():
    base = make_doc("d1", [["The council approved the harbour budget on Monday night."],
                           ["Opposition leader Tomas Verhoef voted against it.",
                            '"This budget borrows today and sends the bill to our children," he said.'],
                           ["The mayor, Lorna Decker, welcomed the vote."]])
    version = make_doc("d2", [["The council approved the harbour budget on Monday night."],
                              ['Mayor Lorna Decker conceded that the budget "borrows today and sends '
                               'the bill to our children".'],
                              ["The mayor welcomed the vote."]])
    comp = compare_documents([base, version], scorer=FuzzScorer(), threshold=0.45)
    quote = next(s.id for s in base.segments if "he said" in s.text)
    conceded = next(s.id for s in version.segments if "conceded" in s.text)
    link = next(lk for lk in comp.links if (lk.a, lk.b) == (quote, conceded))
    assert link.kind == "shift" and link.note == "speaker"
