"""Escaped, marked-up text of report cells (shared by the PDF and HTML writers).

A cell's text is cut into runs by character spans of three marks: words the version
lost (``del``), words it brought (``ins``) and conflicting fact values (``fact``).
The caller decides which tags draw each mark, so Qt's rich-text subset and real HTML
share the same cutting.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from itertools import pairwise

from scocompare.core.model import Comparison, Segment
from scocompare.export.layout import Cell, fact_spans

try:  # word-level marks come from the engine's diff module
    from scocompare.core.diff import word_spans
except ImportError:  # pragma: no cover - only while the engine is being written
    word_spans = None

# Beyond this share of changed characters a pair is a rewording: striking out nearly
# every word tells the reader less than the kind label already does.
MAX_MARKED_SHARE = 0.6
JOINER = "\n"  # between the segments of one cell; drawn as a line break

Span = tuple[int, int, str]


def cell_text(segments: Sequence[Segment]) -> str:
    """The text of a cell's segments, one per line."""
    return JOINER.join(s.text for s in segments)


def _facts(c: Comparison, segments: Sequence[Segment], versions=None) -> list[Span]:
    out, offset = [], 0
    for s in segments:
        out.extend((offset + a, offset + b, "fact") for a, b in fact_spans(c, s, versions))
        offset += len(s.text) + len(JOINER)
    return out


def _changed_share(spans: Sequence[tuple[int, int]], text: str) -> float:
    letters = sum(1 for ch in text if not ch.isspace())
    changed = sum(1 for a, b in spans for ch in text[a:b] if not ch.isspace())
    return changed / letters if letters else 0.0


def pair_spans(c: Comparison, base: Sequence[Segment], cell: Cell,
               word_marks: bool = True) -> tuple[list[Span], list[Span]]:
    """Mark spans for a base passage and one version cell of the same row."""
    a_text, b_text = cell_text(base), cell_text(cell.segments)
    # Only the documents on this row decide what is a conflict here.
    shown = {s.doc for s in cell.segments}
    a_spans, b_spans = _facts(c, base, shown), _facts(c, cell.segments, shown)
    if (word_marks and word_spans is not None and a_text and b_text
            and cell.kind not in (None, "identical", "added", "dropped", "boilerplate")):
        da, db = word_spans(a_text, b_text)
        if max(_changed_share(da, a_text), _changed_share(db, b_text)) <= MAX_MARKED_SHARE:
            a_spans += [(s, e, "del") for s, e in da]
            b_spans += [(s, e, "ins") for s, e in db]
    return a_spans, b_spans


def shift_marks(finding) -> tuple[list[Span], list[Span]]:
    """``del``/``ins`` spans of a meaning shift: the words behind it when the detector
    named them, else the word diff of the pair (unless it is a full rewording)."""
    if finding.a_spans or finding.b_spans:
        return ([(s, e, "del") for s, e in finding.a_spans],
                [(s, e, "ins") for s, e in finding.b_spans])
    a_text, b_text = finding.a.text, finding.b.text
    if word_spans is None or not a_text or not b_text:
        return [], []
    da, db = word_spans(a_text, b_text)
    if max(_changed_share(da, a_text), _changed_share(db, b_text)) > MAX_MARKED_SHARE:
        return [], []
    return [(s, e, "del") for s, e in da], [(s, e, "ins") for s, e in db]


def render(text: str, spans: Sequence[Span], tags: Mapping[str, tuple[str, str]],
           line_break: str = "<br/>") -> str:
    """``text`` escaped, with each span wrapped in ``tags[mark]`` (nested when overlapping)."""
    if not text:
        return ""
    n = len(text)
    clipped = [(max(a, 0), min(b, n), m) for a, b, m in spans if min(b, n) > max(a, 0)]
    # Runs between span boundaries share one set of marks: cut there, not per character.
    cuts = sorted({0, n} | {a for a, _, _ in clipped} | {b for _, b, _ in clipped})
    order = [m for m in ("fact", "del", "ins") if m in tags]
    runs: list[tuple[list[str], int, int]] = []  # (marks, start, end), neighbours merged
    for i, j in pairwise(cuts):
        here = {m for a, b, m in clipped if a <= i and j <= b}
        active = [m for m in order if m in here]
        if runs and runs[-1][0] == active:
            runs[-1] = (active, runs[-1][1], j)
        else:
            runs.append((active, i, j))
    out: list[str] = []
    for active, i, j in runs:
        chunk = html.escape(text[i:j], quote=True).replace(JOINER, line_break)
        out.append("".join(tags[m][0] for m in active) + chunk
                   + "".join(tags[m][1] for m in reversed(active)))
    return "".join(out)


def esc(text: object) -> str:
    """HTML-escaped text (quotes included)."""
    return html.escape(str(text), quote=True)
