"""Meaning shifts and quote checks, gathered for the reports' summary.

A reader of the report needs these as a list they can check one by one: which
sentence of which version changed its meaning and why (negation, modality, a dropped
qualifier, another speaker, polarity), and which quotation was carried word for
word, altered, or appears in no other version. The PDF and HTML writers decide how
the rows look; this module only collects them, in document order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from scocompare.core.model import Comparison, Document, Link, QuoteCheck, Segment

# What each shift reason means, in the reader's words.
SHIFT_REASONS = {
    "negation": "a negation added or removed",
    "modality": "certainty changed (will / should / may)",
    "qualifier": "a qualifier added or dropped (partly, in principle)",
    "speaker": "attributed to another speaker",
    "polarity": "the direction of the claim reversed",
}

# Status of a quote check: (glyph, label). The glyph keeps them apart on a greyscale print.
QUOTE_STATUS = {
    "verbatim": ("\u2713", "verbatim"),
    "altered": ("\u2248", "altered"),
    "partial": ("\u00bd", "quoted in part in another version"),
    "not_found": ("\u2717", "not found in the other versions"),
}


@dataclass(frozen=True)
class ShiftFinding:
    """One linked pair whose meaning moved, with the words that moved it."""

    link: Link
    a_doc: Document
    a: Segment
    b_doc: Document
    b: Segment
    reason: str  # negation, modality, qualifier, speaker, polarity (or the link's note)
    removed: tuple[str, ...] = ()  # words of ``a`` behind the shift, in text order and case
    added: tuple[str, ...] = ()  # words of ``b`` behind the shift
    a_spans: tuple[tuple[int, int], ...] = ()  # where ``removed`` stand in ``a.text``
    b_spans: tuple[tuple[int, int], ...] = ()

    @property
    def meaning(self) -> str:
        """What the reason means for a reader ("a negation added or removed"), or ""."""
        return SHIFT_REASONS.get(self.reason, "")

    def words(self) -> str:
        """The evidence: ``“should” → “will”``, ``“not” dropped`` or ``“not” added``."""
        left = "“" + " ".join(self.removed) + "”" if self.removed else ""
        right = "“" + " ".join(self.added) + "”" if self.added else ""
        if left and right:
            return f"{left} → {right}"
        return f"{left} dropped" if left else f"{right} added" if right else ""

    def explanation(self) -> str:
        """One line: ``negation: “not” dropped``."""
        words = self.words()
        return f"{self.reason}: {words}" if words else self.reason


@dataclass(frozen=True)
class QuoteFinding:
    """One quote check with its document and the documents it was found in."""

    check: QuoteCheck
    doc: Document | None
    segment: Segment | None
    found_in: tuple[tuple[Document, Segment], ...]

    @property
    def glyph(self) -> str:
        return QUOTE_STATUS.get(self.check.status, ("?", ""))[0]

    @property
    def label(self) -> str:
        return QUOTE_STATUS.get(self.check.status, ("?", self.check.status))[1]


def _locate(text: str, words) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """The evidence ``words`` (normalised, any order) as written in ``text``, in text order.

    The shift detector reports lower-cased words (a speaker as a set of name words);
    a reader wants "President Marenko" as the sentence has it, and the words marked
    in place, not the whole sentence struck through.
    """
    hits: dict[tuple[int, int], str] = {}
    for w in words:
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(p) for p in w.split()) + r"(?!\w)"
        for m in re.finditer(pattern, text, re.IGNORECASE):
            hits[m.span()] = m.group(0)
    if not hits:
        return tuple(words), ()
    spans: list[tuple[int, int]] = []
    for start, end in sorted(hits):
        # Neighbouring words ("Tomas Ederlin") read as one mark, not a row of them.
        if spans and start >= spans[-1][1] and not text[spans[-1][1]:start].strip():
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        elif not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return tuple(text[s:e] for s, e in spans), tuple(spans)


def _evidence(reason: str, a: str, b: str):
    """The reason and changed words with their spans, from the texts when the engine can say."""
    try:
        from scocompare.core.shift import explain_shift
    except ImportError:  # pragma: no cover - an engine without the shift module
        return reason, (), (), (), ()
    found = explain_shift(a, b)
    if found is None or (reason and found.kind != reason):
        # The link's note is the engine's verdict at alignment time; keep it and
        # show no words rather than words that explain another reason.
        return reason, (), (), (), ()
    removed, a_spans = _locate(a, found.removed)
    added, b_spans = _locate(b, found.added)
    return found.kind, removed, added, a_spans, b_spans


def meaning_shifts(c: Comparison) -> list[ShiftFinding]:
    """Links of kind ``shift``, base side first, in document then sentence order."""
    order = {d.id: i for i, d in enumerate(c.documents)}
    out = []
    for lk in c.links:
        if lk.kind != "shift":
            continue
        try:
            a, b = c.segment(lk.a), c.segment(lk.b)
        except KeyError:
            continue  # dangling link: nothing a reader could check
        if b.doc == c.base or (a.doc != c.base and order[b.doc] < order[a.doc]):
            a, b = b, a
        reason, removed, added, a_spans, b_spans = _evidence(lk.note, a.text, b.text)
        out.append(ShiftFinding(lk, c.document(a.doc), a, c.document(b.doc), b,
                                reason or "meaning moved", removed, added, a_spans, b_spans))
    out.sort(key=lambda f: (order[f.b_doc.id], f.b.index, order[f.a_doc.id], f.a.index))
    return out


def quote_checks(c: Comparison) -> list[QuoteFinding]:
    """Every quote check of ``c`` with its documents resolved, in document order."""
    order = {d.id: i for i, d in enumerate(c.documents)}
    out = []
    for q in c.quotes:
        try:
            seg = c.segment(q.segment)
            doc = c.document(seg.doc)
        except KeyError:
            seg = doc = None
        found = []
        for sid in q.found_in:
            try:
                s = c.segment(sid)
            except KeyError:
                continue
            found.append((c.document(s.doc), s))
        out.append(QuoteFinding(q, doc, seg, tuple(found)))
    out.sort(key=lambda f: (order.get(f.doc.id, 99) if f.doc else 99,
                            f.segment.index if f.segment else 0, f.check.start))
    return out


def quote_problems(found: list[QuoteFinding]) -> tuple[list[QuoteFinding], int]:
    """The checks a reader must look at (altered, quoted in part, not found) and how many were verbatim."""
    return ([f for f in found if f.check.status != "verbatim"],
            sum(1 for f in found if f.check.status == "verbatim"))


def quote_counts(c: Comparison, doc_id: str) -> Counter:
    """Quote checks of one document by status."""
    return Counter(q.status for q in c.quotes if q.segment.split(".", 1)[0] == doc_id)


def change_pairs(check: QuoteCheck) -> list[tuple[str, str]]:
    """(source words, quoted words) of an altered quote's word changes, equal runs left out."""
    out = []
    for change in check.changes:
        if len(change) != 3 or change[0] == "equal":
            continue
        _, quoted, source = change
        if quoted or source:
            out.append((source, quoted))
    return out


def row_marks(c: Comparison) -> dict[str, tuple[str, ...]]:
    """Segment id -> short labels of its quote problems, for report rows.

    Built once per report (one pass over the quotes) so that laying out thousands of
    rows does not rescan them for each row. Shift reasons are not here: they belong
    to one link, and a row shows the links of its own cells (see :func:`row_labels`).
    """
    marks: dict[str, list[str]] = {}

    def add(seg_id: str, label: str) -> None:
        labels = marks.setdefault(seg_id, [])
        if label not in labels:
            labels.append(label)

    for q in c.quotes:
        if q.status == "altered":
            add(q.segment, "\u2248 quote altered")
        elif q.status == "not_found":
            add(q.segment, "\u2717 quote not found")
    return {k: tuple(v) for k, v in marks.items()}


def row_labels(marks: dict[str, tuple[str, ...]] | None, row) -> list[str]:
    """Labels of a report row: the shift reasons of its own links, then its quote problems."""
    out: list[str] = []
    for cell in row.cells:
        for lk in cell.links:
            if lk.kind == "shift" and lk.note and lk.note not in out:
                out.append(lk.note)
    for i in row.segment_ids():
        for label in (marks or {}).get(i, ()):
            if label not in out:
                out.append(label)
    return out


def row_label_parts(kind: str | None, score: float | None, row, rv, marks=None) -> list[tuple[str, bool]]:
    """What the label cell of a report row says, as (text, emphasised) parts, in order.

    The kind with its glyph, the score, moved, conflict, shift reasons and quote problems,
    reviewed: the same words in the PDF and the HTML report, each writer only styles them.
    """
    from scocompare.kinds import style

    parts: list[tuple[str, bool]] = []
    if row.heading:
        parts.append(("title line, not compared", False))  # left out of coverage
    if kind:
        s = style(kind)
        parts.append((f"{s.marker} {s.label}", True))
    if score is not None:
        parts.append((f"{score:.2f}", False))
    if row.moved:
        parts.append(("⇅ moved", False))
    if row.conflict:
        parts.append(("≠ conflict", True))
    parts += [(m, False) for m in row_labels(marks, row)]
    if any(r.reviewed for r in rv.for_segments(row.segment_ids())):
        parts.append(("✓ reviewed", False))
    return parts
