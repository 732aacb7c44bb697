"""Rows shared by the synoptic table and the overview strip (no Qt here).

A row is one aligned group: for each document, the passage(s) it has for the group
and how they relate to the base (the worst link kind, the lowest score, a shift's
reason), a gap ("dropped") where a version lacks a base passage, and "conflict"
where a passage states a conflicting fact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from scocompare.core.model import Comparison, Document, Group, Link
from scocompare.gui import kinds


@dataclass
class Cell:
    """What one version has for one group, and how it relates to the base."""

    segments: tuple[str, ...] = ()
    text: str = ""
    kind: str | None = None  # None: the base itself, or nothing to compare
    score: float | None = None
    note: str = ""


@dataclass
class Row:
    """One group of the synoptic table."""

    group: Group
    base: str | None
    cells: dict[str, Cell] = field(default_factory=dict)
    kind: str | None = None
    score: float | None = None

    def kinds(self) -> set[str]:
        return {c.kind for c in self.cells.values() if c.kind}

    def first_segment(self) -> str:
        if self.base:
            return self.base
        for c in self.cells.values():
            if c.segments:
                return c.segments[0]
        return ""


def ordered_documents(comparison: Comparison) -> list[Document]:
    """The base first, then the other versions in comparison order."""
    docs = list(comparison.documents)
    return sorted(docs, key=lambda d: d.id != comparison.base)


def _cell_kind(links: list[Link]) -> tuple[str | None, float | None, str]:
    if not links:
        return None, None, ""
    kind = kinds.worst(lk.kind for lk in links)
    if kind in kinds.FAITHFUL and any(lk.moved for lk in links):
        kind = "moved"  # kept verbatim but elsewhere: worth a look, unlike plain identical
    notes = "; ".join(lk.note for lk in links if lk.note)
    return kind, min(lk.score for lk in links), notes


_last_rows: tuple[Comparison | None, list[Row]] = (None, [])


def build_rows(comparison: Comparison) -> list[Row]:
    """Rows of the synoptic table: groups pivoting on a base segment (in base order),
    then groups of added passages. Boilerplate-only groups are left out.

    The synoptic table and the overview strip receive the same Comparison one after
    the other: the last result is kept (by identity; comparisons are immutable) so the
    second panel does not build it again. Callers must not modify the rows.
    """
    global _last_rows
    if _last_rows[0] is comparison:
        return _last_rows[1]
    rows = _build_rows(comparison)
    _last_rows = (comparison, rows)
    return rows


def _build_rows(comparison: Comparison) -> list[Row]:
    docs = ordered_documents(comparison)
    seg_by_id = {s.id: s for d in docs for s in d.segments}
    links_by_seg: dict[str, list[Link]] = defaultdict(list)
    for lk in comparison.links:
        links_by_seg[lk.a].append(lk)
        links_by_seg[lk.b].append(lk)
    in_conflict = {v.segment for c in comparison.conflicts for v in c.values}

    rows: list[Row] = []
    for group in comparison.groups:
        segs = [s for s in group.segments if s in seg_by_id and not seg_by_id[s].boilerplate]
        if not segs:
            continue
        by_doc: dict[str, list[str]] = defaultdict(list)
        for s in sorted(segs, key=lambda s: seg_by_id[s].index):
            by_doc[seg_by_id[s].doc].append(s)
        base_segs = set(by_doc.get(comparison.base, ()))
        base = group.base if group.base in seg_by_id else (
            by_doc[comparison.base][0] if base_segs else None)
        row = Row(group, base)
        group_set = set(segs)
        for doc in docs:
            mine = tuple(by_doc.get(doc.id, ()))
            text = " ".join(seg_by_id[s].text for s in mine)
            if doc.id == comparison.base:
                cell = Cell(mine, text)
            elif not mine:
                cell = Cell(kind="dropped" if base else None)
            else:
                if base:
                    rel = [lk for s in mine for lk in links_by_seg[s]
                           if (lk.a in base_segs or lk.b in base_segs)]
                    # A version passage grouped with the base but linked only through
                    # another version: judge it by those links rather than not at all.
                    rel = rel or [lk for s in mine for lk in links_by_seg[s]
                                  if lk.a in group_set and lk.b in group_set]
                    kind, score, note = _cell_kind(rel)
                    kind = kind or "partial"
                else:
                    rel = [lk for s in mine for lk in links_by_seg[s]
                           if lk.a in group_set and lk.b in group_set]
                    _, score, note = _cell_kind(rel)
                    kind = "added"
                cell = Cell(mine, text, kind, score, note)
            if any(s in in_conflict for s in mine):
                cell.kind = "conflict"
            row.cells[doc.id] = cell
        row.kind = kinds.worst(row.kinds())
        scores = [c.score for c in row.cells.values() if c.score is not None]
        row.score = min(scores) if scores else None
        rows.append(row)

    def order(r: Row) -> tuple:
        if r.base:
            return (0, seg_by_id[r.base].index, 0)
        first = seg_by_id[r.first_segment()]
        return (1, [d.id for d in docs].index(first.doc), first.index)

    rows.sort(key=order)
    return rows
