"""Reviewer notes and reviewed marks, placed on the segments of a comparison.

The session store keeps these by anchor (document sha256 + offsets + text hash) so
they outlive re-alignment; exporters accept them in any of these shapes:

- a :class:`Review`;
- a mapping or an object with ``segment`` (a segment id) or ``anchor`` (an
  ``Anchor`` or a mapping with ``sha256``, ``start``, ``end``, ``text_hash``), and
  optionally ``note`` (str), ``reviewed`` (bool), ``author`` (str).

A review whose anchor no longer matches any segment is reported as unplaced, never
silently dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scocompare.core.model import Anchor, Comparison, text_hash


@dataclass(frozen=True)
class Review:
    """A note and/or a reviewed mark on one segment."""

    segment: str
    note: str = ""
    reviewed: bool = False
    author: str = ""


def _get(item, key: str, default=None):
    if isinstance(item, Mapping):
        return item.get(key, default)
    return getattr(item, key, default)


def _anchor(value) -> Anchor | None:
    if value is None or isinstance(value, Anchor):
        return value
    try:
        return Anchor(str(_get(value, "sha256")), int(_get(value, "start")),
                      int(_get(value, "end")), str(_get(value, "text_hash") or ""))
    except (TypeError, ValueError):
        return None


def _locate(c: Comparison, anchor: Anchor) -> str | None:
    for doc in c.documents:
        if doc.sha256 != anchor.sha256:
            continue
        for seg in doc.segments:
            if seg.start == anchor.start and seg.end == anchor.end:
                return seg.id
        # Offsets moved (segmenter upgrade): fall back to the text itself.
        for seg in doc.segments:
            if anchor.text_hash and text_hash(seg.text) == anchor.text_hash:
                return seg.id
    return None


@dataclass(frozen=True)
class PlacedReviews:
    """Reviews by segment id, and those that matched no segment."""

    by_segment: Mapping[str, tuple[Review, ...]]
    unplaced: tuple[str, ...]  # notes (with author) whose anchor matched nothing

    def for_segments(self, ids: Iterable[str]) -> list[Review]:
        """Reviews attached to any of ``ids``, each once, in the order of ``ids``."""
        out: list[Review] = []
        for i in ids:
            for r in self.by_segment.get(i, ()):
                if r not in out:
                    out.append(r)
        return out

    def __bool__(self) -> bool:
        return bool(self.by_segment or self.unplaced)


def place_reviews(c: Comparison, reviews: Iterable) -> PlacedReviews:
    """Resolve ``reviews`` (see the module doc for accepted shapes) against ``c``."""
    ids = {s.id for d in c.documents for s in d.segments}
    placed: dict[str, list[Review]] = defaultdict(list)
    unplaced: list[str] = []
    for item in reviews or ():
        note = str(_get(item, "note", "") or "")
        reviewed = bool(_get(item, "reviewed", False))
        author = str(_get(item, "author", "") or "")
        seg = _get(item, "segment")
        if seg not in ids:
            anchor = _anchor(_get(item, "anchor"))
            seg = _locate(c, anchor) if anchor else None
        if seg is None:
            if note:
                unplaced.append(f"{note} ({author})" if author else note)
            continue
        placed[seg].append(Review(seg, note, reviewed, author))
    return PlacedReviews({k: tuple(v) for k, v in placed.items()}, tuple(unplaced))
