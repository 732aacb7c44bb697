"""Heading-like lines (titles, datelines, bylines, crossheads): found by their shape
alone, kept light (no numpy) so that reports and the window can ask without loading the
aligner."""

from __future__ import annotations

import re
from collections.abc import Sequence

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019\u00bb)\]]*$")  # a final stop, maybe quoted


def headings(segments: Sequence) -> set[int]:
    """Positions of heading-like segments: alone in their paragraph and without a final
    full stop, question or exclamation mark (titles, datelines, bylines, crossheads).

    All eleven gold sets (written by several people) leave such lines out of the
    alignment; a statement's title or dateline scores high against a news lead (both
    sum the story up) and, taken first, pushed the lead's real source sentence out."""
    per_par: dict[int, int] = {}
    for seg in segments:
        per_par[seg.paragraph] = per_par.get(seg.paragraph, 0) + 1
    return {k for k, seg in enumerate(segments)
            if per_par[seg.paragraph] == 1 and not _SENTENCE_END.search(seg.text.strip())}


def coverage_segments(base) -> list:
    """The base content segments that coverage counts: all but heading-like lines (the
    statement's title, dateline, byline are not news a version drops), unless the base
    is nothing but such lines."""
    segs = list(base.content_segments())
    heads = headings(segs)
    return [s for k, s in enumerate(segs) if k not in heads] or segs
