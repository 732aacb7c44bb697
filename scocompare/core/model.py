"""Frozen records that carry a comparison through every layer.

Nothing downstream mutates these: the GUI, the store and the exporters receive a
``Comparison`` and read it. Ids are strings so that they survive JSON unchanged:
documents are ``d1``, ``d2``...; segments ``d1.s1``, ``d1.s2``... (1-based, in
document order).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

LINK_KINDS = ("identical", "near", "paraphrase", "partial", "shift")
CONFLICT_KINDS = ("date", "number", "ordinal", "place", "name", "other")


def text_hash(text: str) -> str:
    """Short stable hash of a segment's text, used in anchors."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Segment:
    """One sentence (or sentence-like unit) of a document.

    ``start``/``end`` are character offsets into ``Document.text`` so that every
    highlight can be traced back to the loaded text.
    """

    id: str
    doc: str
    index: int  # 0-based position in the document
    paragraph: int  # 1-based paragraph number
    start: int
    end: int
    text: str
    boilerplate: bool = False


@dataclass(frozen=True)
class Document:
    """One loaded version: normalised text, provenance and its segments."""

    id: str
    title: str
    source: str
    sha256: str
    text: str
    segments: tuple[Segment, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)
    raw: bytes = field(default=b"", repr=False, compare=False)

    def content_segments(self) -> tuple[Segment, ...]:
        """Segments that take part in alignment (boilerplate left out)."""
        return tuple(s for s in self.segments if not s.boilerplate)


@dataclass(frozen=True)
class Link:
    """A link between two segments of different documents.

    ``a`` is the segment of the earlier document in the comparison (the base
    when the base takes part). ``scores`` keeps the evidence (lexical, semantic,
    ...) behind ``score``; ``note`` explains a ``shift`` (e.g. "negation").
    """

    a: str
    b: str
    score: float
    kind: str
    moved: bool = False
    origin: str = "auto"
    scores: Mapping[str, float] = field(default_factory=dict, compare=False)
    note: str = ""


@dataclass(frozen=True)
class Group:
    """Segments aligned across documents, pivoting on at most one base segment."""

    segments: tuple[str, ...]
    base: str | None = None


@dataclass(frozen=True)
class FactValue:
    """One stated fact: where it stands, its text and its typed value."""

    segment: str
    text: str
    value: Mapping[str, Any]
    start: int = -1  # offset in the document text, -1 when unknown
    end: int = -1
    # Against the base's value of the same fact: True agrees (compatible), False disagrees,
    # None for the base's own value or when the base does not state it.
    agrees: bool | None = None


@dataclass(frozen=True)
class Conflict:
    """Documents stating incompatible values of the same fact."""

    kind: str
    scope: str  # "link" or "event"
    values: tuple[FactValue, ...]
    label: str = ""  # what the fact is about, e.g. "meeting date"


@dataclass(frozen=True)
class Coverage:
    """How much of the base one version carries."""

    doc: str
    against: str
    covered: float  # share of the base's content segments linked in doc
    dropped: tuple[str, ...] = ()  # base segments with no counterpart in doc
    added: tuple[str, ...] = ()  # doc segments with no counterpart in the base
    by_kind: Mapping[str, float] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Anchor:
    """Locates a segment independently of segment ids and engine versions."""

    sha256: str
    start: int
    end: int
    text_hash: str

    @classmethod
    def of(cls, doc: Document, seg: Segment) -> Anchor:
        return cls(doc.sha256, seg.start, seg.end, text_hash(seg.text))


@dataclass(frozen=True)
class Constraint:
    """A user decision the aligner honours: ``link`` or ``unlink`` two anchors."""

    kind: str  # "link" | "unlink" | "reviewed" (a reviewed mark: a == b for one passage)
    a: Anchor
    b: Anchor
    note: str = ""


@dataclass(frozen=True)
class QuoteCheck:
    """A quoted passage of one document checked against the other documents.

    ``status`` is ``verbatim`` (found word for word in ``found_in``), ``altered``
    (found with word changes: ``changes`` lists (op, quoted words, source words)),
    ``partial`` (not found whole, but ``found_in`` quotes a part of it word for word) or
    ``not_found`` (in none of the other documents).
    """

    segment: str
    start: int  # offsets of the quoted words in the document text
    end: int
    text: str
    status: str
    found_in: tuple[str, ...] = ()  # segment ids where it was found
    changes: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class NearMiss:
    """The closest sentence of the other side for a sentence left unlinked in one
    (base, version) pair: ``a`` a base segment, ``b`` a version segment, ``score`` their
    combined score. A hint for the reader ("closest in the base: s9, 0.52"), never a
    link: it counts nowhere (coverage, groups, conflicts)."""

    a: str
    b: str
    score: float


@dataclass(frozen=True)
class EngineInfo:
    version: str
    scorer: str
    threshold: float


@dataclass(frozen=True)
class Comparison:
    """The result of comparing N documents against a base."""

    documents: tuple[Document, ...]
    base: str
    links: tuple[Link, ...]
    groups: tuple[Group, ...]
    conflicts: tuple[Conflict, ...]
    coverage: Mapping[str, Coverage]
    engine: EngineInfo
    constraints: tuple[Constraint, ...] = ()
    quotes: tuple[QuoteCheck, ...] = ()
    near_misses: tuple[NearMiss, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    # Look-ups used by every consumer; cheap enough to recompute on demand.
    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)

    def segment(self, seg_id: str) -> Segment:
        doc = self.document(seg_id.split(".", 1)[0])
        for s in doc.segments:
            if s.id == seg_id:
                return s
        raise KeyError(seg_id)

    def links_of(self, seg_id: str) -> tuple[Link, ...]:
        return tuple(lk for lk in self.links if seg_id in (lk.a, lk.b))

    def counterparts(self, seg_id: str) -> tuple[str, ...]:
        return tuple(lk.b if lk.a == seg_id else lk.a for lk in self.links_of(seg_id))

    def conflicts_of(self, seg_id: str) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if any(v.segment == seg_id for v in c.values))


def segment_ids(segments: Iterable[Segment]) -> list[str]:
    return [s.id for s in segments]
