"""The fact layer: typed facts in each version, and where versions contradict each other.

Two kinds of conflict come out of :func:`find_conflicts`:

- ``scope="link"``: inside two linked passages, facts of the same kind about
  the same thing (same counted noun, same ordinal noun, same currency, same
  title, the date of the same kind of event) that cannot both be true.  A
  fact stated on one side only is an omission, never a conflict.
- ``scope="event"``: the event's own date or place, read from each version's
  lead ("was held on", "met on", "summit on"), disagreeing between versions
  even when those sentences are not linked.  Publication dates, "Updated ..."
  lines and wire datelines are not the event's date.

The same clash is reported once: a link conflict already covered by an event
conflict is dropped, and link conflicts sharing a value are merged.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from scocompare.core.facts_compat import compatible
from scocompare.core.facts_events import same_event
from scocompare.core.facts_extract import DATE_RES, FACT_KINDS, Fact, extract_facts
from scocompare.core.facts_figures import summed_over
from scocompare.core.facts_pairs import pair_conflicts
from scocompare.core.facts_text import FigurePairing
from scocompare.core.model import Conflict, Document, FactValue, Link, Segment

__all__ = ["Fact", "FACT_KINDS", "compatible", "extract_facts", "find_conflicts", "conflict_kind",
           "pair_conflicts", "reference_year", "warm"]

# How many content sentences make a lead: titles and standfirsts come first in
# many layouts, so look a little past the first sentence.
LEAD_SENTENCES = 4
_CONFLICT_KIND = {"date": "date", "number": "number", "percentage": "number", "money": "number",
                  "ordinal": "ordinal", "place": "place", "name": "name"}


def conflict_kind(fact_kind: str) -> str:
    """The ``Conflict.kind`` (model.CONFLICT_KINDS) a fact kind is reported under."""
    return _CONFLICT_KIND.get(fact_kind, "other")



@lru_cache(maxsize=16384)
def _extract_cached(text: str, ref_year: int | None) -> tuple[Fact, ...]:
    # Versions of one statement repeat many sentences word for word: read each once.
    return tuple(extract_facts(text, ref_year))


def reference_year(doc: Document) -> int | None:
    """The year a document was written in: its metadata date, else the year its full dates share."""
    meta_date = str(doc.meta.get("date") or "") if doc.meta else ""
    m = re.search(r"\b(19|20)\d\d\b", meta_date)
    if m:
        return int(m.group(0))
    years: Counter[int] = Counter()
    head = doc.text[:4000]  # datelines and leads carry the dates; long tails only cost time
    for rx in DATE_RES[:3]:  # only dates with a day and a year say when the text was written
        for dm in rx.finditer(head):
            if dm.groupdict().get("year") and dm.groupdict().get("day"):
                years[int(dm.group("year"))] += 1
    return years.most_common(1)[0][0] if years else None


def warm(doc: Document) -> None:
    """Extract and remember the facts of every content segment of ``doc``, with the
    reference year :func:`find_conflicts` will read them with, so that a later
    ``find_conflicts`` over ``doc`` finds them in the cache (the comparison can call
    this per document while other work, such as the embedding network, still runs).
    A second call on the same document extracts nothing."""
    year = reference_year(doc)
    for seg in doc.content_segments():
        _extract_cached(seg.text, year)


def facts_of(years: Mapping[str, int | None]) -> Callable[[Segment], tuple[Fact, ...]]:
    """The facts of a segment, read as :func:`find_conflicts` reads them (same reference
    year, same cache; none for boilerplate): for the aligner's figures. ``years``: the
    :func:`reference_year` of each document, by id."""

    def of(seg: Segment) -> tuple[Fact, ...]:
        if seg.boilerplate:
            return ()
        return _extract_cached(seg.text, years[seg.id.split(".", 1)[0]])

    return of


_PAIRS_CACHE = 65536  # linked text pairs whose clashes are remembered
_pairs_memo: dict[tuple, tuple] = {}
_pairs_lock = threading.Lock()


def _pair_conflicts_memo(key: tuple, facts_a, facts_b, text_a: str, text_b: str) -> tuple:
    """``pair_conflicts`` remembered by what determines it (both texts, their reference
    years and boilerplate flags): re-alignment links mostly the same pairs again."""
    found = _pairs_memo.get(key)
    if found is None:
        found = tuple(pair_conflicts(facts_a, facts_b, text_a, text_b))
        with _pairs_lock:
            if len(_pairs_memo) >= _PAIRS_CACHE:
                _pairs_memo.pop(next(iter(_pairs_memo)))  # oldest first out
            _pairs_memo[key] = found
    return found


class _Facts:
    """Facts per segment, extracted once per comparison."""

    def __init__(self, documents: Sequence[Document]):
        self.docs = {d.id: d for d in documents}
        self.segs: dict[str, tuple[Document, Segment]] = {s.id: (d, s) for d in documents for s in d.segments}
        self.years = {d.id: reference_year(d) for d in documents}
        self.cache: dict[str, tuple[Fact, ...]] = {}
        self.fact_of: dict[tuple[str, int, int, str], Fact] = {}  # FactValue key -> its Fact

    def of(self, seg_id: str) -> tuple[Fact, ...]:
        if seg_id not in self.cache:
            doc, seg = self.segs[seg_id]
            self.cache[seg_id] = () if seg.boilerplate else _extract_cached(seg.text, self.years[doc.id])
        return self.cache[seg_id]

    def value(self, seg_id: str, f: Fact) -> FactValue:
        doc, seg = self.segs[seg_id]
        start = seg.start + f.start
        if doc.text[start:start + len(f.text)] != f.text:  # segment text normalised apart from the document
            found = doc.text.find(f.text, seg.start)
            start = found if found >= 0 else -1
        end = start + len(f.text) if start >= 0 else -1
        value = {k: v for k, v in f.value.items() if v is not None}
        fv = FactValue(seg_id, f.text, value, start, end)
        self.fact_of[_key(fv)] = f
        return fv


def _event_facts(doc: Document, facts: _Facts) -> dict[str, tuple[str, Fact]]:
    """The event's date and place as a document's lead states them."""
    found: dict[str, tuple[str, Fact]] = {}
    for seg in doc.content_segments()[:LEAD_SENTENCES]:
        for f in facts.of(seg.id):
            if f.role != "event" or f.kind not in ("date", "place") or f.kind in found:
                continue
            if f.kind == "date" and ("relative" in f.value or not ({"day", "weekday"} & f.value.keys())):
                continue
            found[f.kind] = (seg.id, f)
    return found


def _event_conflicts(documents: Sequence[Document], facts: _Facts) -> list[Conflict]:
    per_doc = [_event_facts(d, facts) for d in documents]
    out = []
    for kind, label in (("date", "event date"), ("place", "event place")):
        stated = [pd[kind] for pd in per_doc if kind in pd]
        # Lead dates of two kinds of event ("opened on" / "work ended on") are no clash.
        clash = any(not compatible(a[1], b[1]) and (kind != "date" or _one_event(a, b, facts))
                    for i, a in enumerate(stated) for b in stated[i + 1:])
        if clash:
            values = tuple(facts.value(sid, f) for sid, f in stated)
            out.append(Conflict(kind, "event", values, label))
    return out


def _one_event(a: tuple[str, Fact], b: tuple[str, Fact], facts: _Facts) -> bool:
    """Whether two (segment id, date) may date one event: their clauses do not name two kinds."""
    text_a, text_b = facts.segs[a[0]][1].text, facts.segs[b[0]][1].text
    return same_event(a[1], text_a, b[1], text_b) is not False


def _key(v: FactValue) -> tuple[str, int, int, str]:
    return (v.segment, v.start, v.end, v.text)


def _merge_links(conflicts: list[Conflict]) -> list[Conflict]:
    """Join link conflicts of the same kind and label that share a stated value."""
    merged: list[Conflict] = []
    for c in conflicts:
        keys = {_key(v) for v in c.values}
        for i, m in enumerate(merged):
            if m.kind == c.kind and m.label == c.label and keys & {_key(v) for v in m.values}:
                extra = tuple(v for v in c.values if _key(v) not in {_key(w) for w in m.values})
                merged[i] = Conflict(m.kind, m.scope, m.values + extra, m.label)
                break
        else:
            merged.append(c)
    return merged


def _with_agreement(c: Conflict, base: str, facts: _Facts) -> Conflict:
    """Mark each version's value as agreeing with the base's value of the fact, or not."""
    base_facts = [facts.fact_of[_key(v)] for v in c.values if v.segment.startswith(base + ".")]
    if not base_facts:
        return c
    values = []
    for v in c.values:
        if not v.segment.startswith(base + "."):
            f = facts.fact_of[_key(v)]
            v = replace(v, agrees=all(compatible(f, b) for b in base_facts))
        values.append(v)
    return replace(c, values=tuple(values))


def _ordered(c: Conflict, order: dict[str, int]) -> Conflict:
    def rank(v: FactValue) -> tuple[int, int]:
        return (order.get(v.segment.split(".", 1)[0], len(order)), v.start)

    return Conflict(c.kind, c.scope, tuple(sorted(c.values, key=rank)), c.label)


def _said_of_the_same(fa: Sequence[Fact], fb: Sequence[Fact], text_a: str, text_b: str) -> bool:
    """For a link under the threshold (kept for its place in reading order): the clash
    counts only when the clauses around the figures share a word beyond the nouns they
    count ("87 percent of the members who voted" / "78 per cent of the members who
    voted"; not "nine people missing" / "six people died in 1962")."""
    # Dates whose clauses name one kind of event are said of the same event
    # ("We discovered the intrusion on" / "the firm only noticed it on").
    if any(a.kind == b.kind == "date" and {a.role, b.role} <= {"", "event"} and same_event(a, text_a, b, text_b)
           for a in fa for b in fb):
        return True
    pairing = FigurePairing(text_a, text_b)
    return any(pairing.share_words(a, b, beyond_nouns=True) for a in fa for b in fb)


def _stated_by_sibling(fb: Sequence[Fact], siblings: Sequence[str], facts: _Facts) -> bool:
    """True when each value of ``fb`` is stated by another sentence linked to the same
    version sentence: the version merged two sentences and took this figure from the
    other one ("asked for 85,000. The court awarded 60,000." -> "ordered to pay 60,000"),
    so it does not contradict the sentence that states something else."""
    if not siblings:
        return False
    others = [f for sid in siblings if sid in facts.segs for f in facts.of(sid)]
    return all(any(o.kind == f.kind and compatible(f, o) for o in others) for f in fb)


def find_conflicts(documents: Sequence[Document], links: Iterable[Link], base: str,
                   min_link_score: float = 0.0) -> tuple[Conflict, ...]:
    """Facts that versions state incompatibly, as ``Conflict`` records.

    ``links`` are the alignment's links (segment ids); ``base`` is the base
    document id, whose values are listed first.  Event conflicts come first,
    then link conflicts in link order.  A conflict is only as sure as the link it
    rests on: on links scoring under ``min_link_score`` (the aligner's weak links, kept
    for their place between linked neighbours) a clash also needs the clauses around
    its figures to share a word (``_said_of_the_same``), unless linked by hand.
    """
    facts = _Facts(documents)
    event = _event_conflicts(documents, facts)
    event_keys = {c.kind: {_key(v) for v in c.values} for c in event}
    link_conflicts: list[Conflict] = []
    links = list(links)
    merged_from: dict[str, list[str]] = {}  # a version sentence -> every sentence linked to it
    split_to: dict[tuple[str, str], list[str]] = {}  # (base sentence, version) -> its version sentences
    for lk in links:
        merged_from.setdefault(lk.b, []).append(lk.a)
        if lk.b in facts.segs:
            split_to.setdefault((lk.a, facts.segs[lk.b][0].id), []).append(lk.b)
    for lk in links:
        if lk.a not in facts.segs or lk.b not in facts.segs:
            continue
        weak = lk.score < min_link_score and lk.origin != "manual"
        (doc_a, seg_a), (doc_b, seg_b) = facts.segs[lk.a], facts.segs[lk.b]
        key = (seg_a.text, facts.years[doc_a.id], seg_a.boilerplate,
               seg_b.text, facts.years[doc_b.id], seg_b.boilerplate)
        for label, fa, fb in _pair_conflicts_memo(key, facts.of(lk.a), facts.of(lk.b), seg_a.text, seg_b.text):
            if weak and not _said_of_the_same(fa, fb, seg_a.text, seg_b.text):
                continue
            kind = conflict_kind(fa[0].kind)
            values = tuple(facts.value(lk.a, f) for f in fa) + tuple(facts.value(lk.b, f) for f in fb)
            if {_key(v) for v in values} <= event_keys.get(kind, set()):
                continue  # the event conflict already shows this clash, with every version
            if _stated_by_sibling(fb, [a for a in merged_from[lk.b] if a != lk.a], facts):
                continue
            parts = split_to[(lk.a, doc_b.id)]
            if len(fa) == 1 and len(parts) > 1 and summed_over(fa[0], [(facts.of(p), facts.segs[p][1].text)
                                                                      for p in parts]):
                continue  # "120 engineers" split into "80 in Leeds." / "Another 40 in Bristol."
            link_conflicts.append(Conflict(kind, "link", values, label))
    order = {d.id: i for i, d in enumerate(sorted(documents, key=lambda d: d.id != base))}
    return tuple(_with_agreement(_ordered(c, order), base, facts) for c in event + _merge_links(link_conflicts))
