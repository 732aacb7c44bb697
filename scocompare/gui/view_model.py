"""What each pane shows, derived once from a Comparison (no widgets here).

For every document: the kinds of each segment (identical ... conflict), where the
base's dropped passages go as gap markers, and which segments of other documents
are "the same passage" (for selection and linked scrolling).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

from scocompare.core.model import Comparison, Link
from scocompare.gui.fact_agreement import AGREES, BASE, Agreement

# Weakest first: the base segment's colour follows the version that strays most.
_WEAKNESS = ("shift", "partial", "paraphrase", "near", "identical")


@dataclass(frozen=True)
class Piece:
    """One run of a pane's text: a segment, a gap marker, or the text between."""

    seg: str | None  # segment id; for a gap, the base segment that is missing here
    text: str
    kinds: frozenset[str] = frozenset()
    gap: bool = False
    doc_start: int = -1  # offset of ``text`` in Document.text (-1 for inserted text)


class ComparisonIndex:
    """Look-ups over one Comparison that the window needs many times per second."""

    def __init__(self, comp: Comparison):
        self.comp = comp
        self.base = comp.base
        self.doc_of: dict[str, str] = {}
        self.segments = {}
        for d in comp.documents:
            for s in d.segments:
                self.segments[s.id] = s
                self.doc_of[s.id] = d.id
        self.links_of: dict[str, list[Link]] = defaultdict(list)
        for lk in comp.links:
            self.links_of[lk.a].append(lk)
            self.links_of[lk.b].append(lk)
        # Closest unlinked sentence of the other side (a hint, never a link).
        self.near_of: dict[str, list] = defaultdict(list)
        for n in comp.near_misses:
            self.near_of[n.a].append(n)
            self.near_of[n.b].append(n)
        self.groups_of: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for g in comp.groups:
            for sid in g.segments:
                self.groups_of[sid].append(g.segments)
        # A segment is "in conflict" only where its value is part of the disagreement:
        # a version restating the base's date ("Thursday" for 14 March 2024) is not.
        self.agreement = Agreement(comp)
        self.conflicts_of: dict[str, list] = defaultdict(list)
        for ci, c in enumerate(comp.conflicts):
            for v in c.values:
                if self.agreement.disagrees(ci, v) and c not in self.conflicts_of[v.segment]:
                    self.conflicts_of[v.segment].append(c)
        self._dropped = {d.id: self._compute_dropped(d.id) for d in comp.documents if d.id != self.base}
        self._added = {d.id: self._compute_added(d.id) for d in comp.documents if d.id != self.base}

    # Relations ----------------------------------------------------------------
    def other(self, lk: Link, sid: str) -> str:
        return lk.b if lk.a == sid else lk.a

    def links_between(self, sid: str, doc_id: str) -> list[Link]:
        return [lk for lk in self.links_of.get(sid, ()) if self.doc_of.get(self.other(lk, sid)) == doc_id]

    def near_partners(self, sid: str) -> set[str]:
        """The closest unlinked sentences the aligner noted for ``sid`` (near misses)."""
        return {n.a if n.b == sid else n.b for n in self.near_of.get(sid, ())}

    def related(self, sid: str) -> set[str]:
        """Every segment of any document that stands for the same passage as ``sid``."""
        out = {self.other(lk, sid) for lk in self.links_of.get(sid, ())}
        for s in [sid, *out]:
            for g in self.groups_of.get(s, ()):
                out.update(g)
        out.discard(sid)
        return out

    def _compute_dropped(self, doc_id: str) -> tuple[str, ...]:
        cov = self.comp.coverage.get(doc_id)
        if cov is not None:
            return tuple(cov.dropped)
        base = self.comp.document(self.base)
        return tuple(s.id for s in base.content_segments() if not self.links_between(s.id, doc_id))

    def _compute_added(self, doc_id: str) -> tuple[str, ...]:
        cov = self.comp.coverage.get(doc_id)
        if cov is not None:
            return tuple(cov.added)
        doc = self.comp.document(doc_id)
        return tuple(s.id for s in doc.content_segments() if not self.links_between(s.id, self.base))

    def dropped_in(self, doc_id: str) -> tuple[str, ...]:
        return self._dropped.get(doc_id, ())

    def missing_from(self, base_sid: str) -> list[str]:
        """Ids of the versions that lack base segment ``base_sid``."""
        return [d for d, ids in self._dropped.items() if base_sid in ids]

    # Kinds --------------------------------------------------------------------
    def kinds(self, sid: str) -> frozenset[str]:
        """Every kind that applies to segment ``sid`` in its own pane."""
        seg = self.segments[sid]
        if seg.boilerplate:
            return frozenset({"boilerplate"})
        doc = self.doc_of[sid]
        out: set[str] = set()
        if doc == self.base:
            per_version = []
            for v in self._dropped:
                lks = self.links_between(sid, v)
                if lks:
                    per_version.append(max(lks, key=lambda lk: lk.score).kind)
            # "dropped" only when the versions' coverage says so: the base's title or
            # dateline, left out of coverage, is not shown as news every version dropped.
            if not per_version and self.missing_from(sid):
                out.add("dropped")
            for k in _WEAKNESS:
                if k in per_version:
                    out.add(k)
                    break
            if any(lk.moved for lk in self.links_of.get(sid, ())):
                out.add("moved")
        else:
            lks = self.links_between(sid, self.base)
            if lks:
                best = max(lks, key=lambda lk: lk.score)
                out.add(best.kind)
                if any(lk.moved for lk in lks):
                    out.add("moved")
            elif sid in self._added.get(doc, ()) or not lks:
                out.add("added")
        if self.conflicts_of.get(sid):
            out.add("conflict")
        return frozenset(out)

    # Pane layout --------------------------------------------------------------
    def pieces(self, doc_id: str) -> list[Piece]:
        """The pane's text in order: segments, the text between them, gap markers.

        A base segment dropped by this version is shown as a gap right after the
        version's counterpart of the nearest earlier base segment it does carry.
        """
        doc = self.comp.document(doc_id)
        gaps_after: dict[int, list[str]] = defaultdict(list)  # segment index -> base ids
        if doc_id != self.base:
            dropped = set(self.dropped_in(doc_id))
            index_of = {s.id: s.index for s in doc.segments}
            last = -1  # index in this doc of the latest carried base passage
            for b in self.comp.document(self.base).segments:
                if b.id in dropped:
                    gaps_after[last].append(b.id)
                    continue
                mine = [index_of[self.other(lk, b.id)] for lk in self.links_between(b.id, doc_id)]
                if mine:
                    last = max(last, max(mine))
        out: list[Piece] = []
        pos = 0
        for base_id in gaps_after.get(-1, ()):
            out.append(Piece(base_id, "", frozenset({"dropped"}), gap=True))
        for s in doc.segments:
            if s.start > pos:
                out.append(Piece(None, doc.text[pos:s.start], doc_start=pos))
            out.append(Piece(s.id, doc.text[s.start:s.end], self.kinds(s.id), doc_start=s.start))
            pos = s.end
            for base_id in gaps_after.get(s.index, ()):
                out.append(Piece(base_id, "", frozenset({"dropped"}), gap=True))
        if pos < len(doc.text):
            out.append(Piece(None, doc.text[pos:], doc_start=pos))
        return out

    def describe(self, sid: str, pane_doc: str) -> str:
        """Tooltip text for a segment (or gap) shown in ``pane_doc``'s pane."""
        from scocompare.gui.theme import STYLES

        seg = self.segments[sid]
        if self.doc_of[sid] != pane_doc:  # a gap marker
            return f"Dropped here: “{_short(seg.text, 120)}” is in the base but not in this version"
        parts = [STYLES[k].label for k in sorted(self.kinds(sid), key=list(STYLES).index)]
        lines = [", ".join(parts) or "Identical"]
        if pane_doc == self.base:
            missing = self.missing_from(sid)
            if missing:
                titles = [self.comp.document(d).title or d for d in missing]
                lines.append("Missing in: " + "; ".join(titles))
        else:
            for lk in self.links_between(sid, self.base):
                line = f"{STYLES.get(lk.kind, STYLES['near']).label} of base, score {lk.score:.2f}"
                if lk.note:
                    line += f" ({lk.note})"
                lines.append(line)
        for c in self.conflicts_of.get(sid, ()):
            lines.append(f"Conflicting {c.label or c.kind}: {self.conflict_values_text(c)}")
        return "\n".join(lines)


    def conflict_values_text(self, c) -> str:
        """“14 March 2024” (base) vs “15 March 2024”: values that agree with the base are left out."""
        seen: list[str] = []
        for v in c.values:
            st = self.agreement.status(v)
            if st == AGREES:
                continue
            t = f"“{v.text}”" + (" (base)" if st == BASE else "")
            if t not in seen:
                seen.append(t)
        return " vs ".join(seen)


def short_name(doc, limit: int = 28) -> str:
    """A version's short name for lists: its file name, a URL's host, else its title.

    Titles of newspaper versions are long headlines that elide to the same first
    words; the file name or the site is what a journalist filed them under.
    """
    src = (doc.source or "").strip()
    name = ""
    if src.startswith(("http://", "https://")):
        host = urlsplit(src).hostname or ""
        name = host.removeprefix("www.")
    elif src and src not in ("clipboard", "pasted"):
        name = PurePath(src).stem
    name = name or doc.title or doc.id
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def gap_text(text: str) -> str:
    """What a gap marker says: a clear label and the start of the missing sentence."""
    return f" ⌀ dropped: “{_short(text, 60)}” "
