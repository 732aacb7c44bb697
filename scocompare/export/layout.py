"""What a report shows, independent of the output format.

Turns a ``Comparison`` into aligned rows (one per base segment, with its counterparts
in each version; added version segments in rows of their own, placed after the row of
the version segment that precedes them), per-version coverage figures and a flat table
of fact conflicts. The PDF and HTML writers only decide how these look.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from scocompare.core.headings import coverage_segments
from scocompare.core.model import Comparison, Conflict, Document, Link, Segment
from scocompare.kinds import style, worst

KEPT_KINDS = frozenset({"identical", "near"})
REWORDED_KINDS = frozenset({"paraphrase", "partial", "shift"})


@dataclass(frozen=True)
class Cell:
    """One version's side of a row: its segments and how they relate to the base."""

    segments: tuple[Segment, ...]
    kind: str | None  # link kind, "dropped", "added", "boilerplate", or None (nothing here)
    score: float | None = None
    moved: bool = False
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side table: a base passage and one cell per version."""

    base: tuple[Segment, ...]
    cells: tuple[Cell, ...]
    conflict: bool = False

    @property
    def kind(self) -> str | None:
        """The kind that most deserves attention in this row (drives the row's label)."""
        return worst(c.kind for c in self.cells if c.kind)

    @property
    def heading(self) -> bool:
        """A base title or dateline no version carries: left out of coverage, not dropped."""
        return self.kind is None and bool(self.base) and not self.base[0].boilerplate

    @property
    def moved(self) -> bool:
        return any(c.moved for c in self.cells)

    def segment_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.base) + tuple(s.id for c in self.cells for s in c.segments)


@dataclass(frozen=True)
class VersionStats:
    """Coverage of one version against the base, in segment counts."""

    doc: Document
    base_total: int  # content segments of the base that coverage counts (no title line)
    kept: int  # base segments carried verbatim or lightly edited
    reworded: int  # base segments paraphrased, partly carried or shifted in meaning
    dropped: int
    version_total: int  # content segments of the version
    added: int
    kinds: dict[str, int] = field(default_factory=dict)  # links by kind
    moved: int = 0
    conflicts: int = 0

    def share(self, part: str) -> float:
        """``kept``/``reworded``/``dropped`` as a share of the base, ``added`` of the version."""
        total = self.version_total if part == "added" else self.base_total
        return getattr(self, part) / total if total else 0.0


@dataclass(frozen=True)
class ConflictValue:
    """One side of a conflict, ready to print: where it stands and what it says."""

    doc: Document | None
    segment: Segment | None
    text: str
    value: str


def _doc_of(seg_id: str) -> str:
    return seg_id.split(".", 1)[0]


def _version_links(c: Comparison, version: str) -> dict[str, list[tuple[Segment, Link]]]:
    """Base segment id -> [(version segment, link)] for links between base and ``version``."""
    out: dict[str, list[tuple[Segment, Link]]] = defaultdict(list)
    for lk in c.links:
        da, db = _doc_of(lk.a), _doc_of(lk.b)
        if {da, db} != {c.base, version}:
            continue
        base_id, other_id = (lk.a, lk.b) if da == c.base else (lk.b, lk.a)
        try:
            out[base_id].append((c.segment(other_id), lk))
        except KeyError:
            continue  # a link to a segment that is not there: nothing to show
    return out


def _cell(pairs: list[tuple[Segment, Link]]) -> Cell:
    segs = sorted({s.id: s for s, _ in pairs}.values(), key=lambda s: s.index)
    links = tuple(lk for _, lk in pairs)
    return Cell(tuple(segs), worst(lk.kind for lk in links) or "paraphrase",
                max(lk.score for lk in links), any(lk.moved for lk in links), links)


def conflicted_segments(c: Comparison, versions: Sequence[str]) -> set[str]:
    """Segments that state a conflicting value, as far as ``versions`` are concerned.

    A version's value counts when it disagrees with the base's value (or when the base
    states none); the base's value counts when one of these versions disagrees with it.
    A version that states the same fact as the base is not in conflict.
    """
    wanted = set(versions)
    out: set[str] = set()
    for cf in c.conflicts:
        base_vals = [v for v in cf.values if v.segment.split(".", 1)[0] == c.base]
        others = [v for v in cf.values if v.segment.split(".", 1)[0] in wanted]
        bad = [v for v in others if v.agrees is not True]
        if base_vals and bad:
            out.update(v.segment for v in base_vals + bad)
        elif not base_vals and len({v.segment.split(".", 1)[0] for v in others}) > 1:
            out.update(v.segment for v in others)
    return out


def aligned_rows(c: Comparison, versions: Sequence[str]) -> list[Row]:
    """Rows of the base against ``versions`` (document ids), in base order.

    A version segment linked to several base segments shows in each of their rows; a
    version segment with no base counterpart gets its own row right after the row that
    holds the nearest earlier linked segment of the same version, so reading down a
    column follows that version's own order as far as the base order allows.
    """
    base = c.document(c.base)
    per_version = [_version_links(c, v) for v in versions]
    conflicted = conflicted_segments(c, versions)
    counted = {s.id for s in coverage_segments(base)}
    rows: list[Row] = []
    row_of: list[dict[str, int]] = [{} for _ in versions]  # version seg id -> first row
    for seg in base.segments:
        if seg.boilerplate:
            rows.append(Row((seg,), tuple(Cell((), None) for _ in versions)))
            continue
        cells = []
        for k, links in enumerate(per_version):
            pairs = links.get(seg.id)
            # The base's title or dateline is left out of coverage: not shown as dropped.
            cell = _cell(pairs) if pairs else Cell((), "dropped" if seg.id in counted else None)
            for s in cell.segments:
                row_of[k].setdefault(s.id, len(rows))
            cells.append(cell)
        rows.append(Row((seg,), tuple(cells), conflict=_touches(conflicted, (seg,), cells)))

    # Version segments with no base counterpart, grouped by the row they follow.
    inserts: dict[int, list[Row]] = defaultdict(list)
    for k, version in enumerate(versions):
        anchor = -1
        for seg in c.document(version).segments:
            if seg.id in row_of[k]:
                anchor = max(anchor, row_of[k][seg.id])
                continue
            kind = "boilerplate" if seg.boilerplate else "added"
            cells = tuple(Cell((seg,), kind) if j == k else Cell((), None)
                          for j in range(len(versions)))
            inserts[anchor].append(Row((), cells, conflict=seg.id in conflicted))
    if not inserts:
        return rows
    out = list(inserts.get(-1, ()))
    for i, row in enumerate(rows):
        out.append(row)
        out.extend(inserts.get(i, ()))
    return out


def _touches(conflicted: set[str], base: Sequence[Segment], cells: Sequence[Cell]) -> bool:
    return any(s.id in conflicted for s in base) or any(
        s.id in conflicted for cell in cells for s in cell.segments)


def version_stats(c: Comparison, version: str) -> VersionStats:
    """Coverage figures of ``version`` against the base, counted from the links."""
    base = c.document(c.base)
    doc = c.document(version)
    links = _version_links(c, version)
    kept = reworded = dropped = 0
    counted = coverage_segments(base)  # as the engine's coverage counts them
    for seg in counted:
        pairs = links.get(seg.id)
        if not pairs:
            dropped += 1
            continue
        # The calmest link decides coverage: a sentence kept verbatim and also echoed
        # by a partial paraphrase elsewhere is still kept.
        best = min((lk.kind for _, lk in pairs), key=lambda k: style(k).rank)
        if best in KEPT_KINDS:
            kept += 1
        else:
            reworded += 1
    linked_here = {s.id for pairs in links.values() for s, _ in pairs}
    content = doc.content_segments()
    added = sum(1 for s in content if s.id not in linked_here)
    kinds: dict[str, int] = defaultdict(int)
    moved = 0
    for pairs in links.values():
        for _, lk in pairs:
            kinds[lk.kind] += 1
            moved += lk.moved
    ids = {s.id for s in doc.segments}
    conflicts = sum(1 for cf in c.conflicts
                    if any(v.segment in ids and v.agrees is not True for v in cf.values))
    return VersionStats(doc, len(counted), kept, reworded, dropped,
                        len(content), added, dict(kinds), moved, conflicts)


def versions_of(c: Comparison) -> list[str]:
    """Document ids other than the base, in comparison order."""
    return [d.id for d in c.documents if d.id != c.base]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _number(x) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, int) else f"{x:,.6g}" if isinstance(x, float) else str(x)


def _date(v: dict) -> str:
    parts = []
    if isinstance(v.get("weekday"), int) and 0 <= v["weekday"] < 7:
        parts.append(_WEEKDAYS[v["weekday"]])
    if isinstance(v.get("day"), int):
        parts.append(str(v["day"]))
    if isinstance(v.get("month"), int) and 1 <= v["month"] <= 12:
        parts.append(_MONTHS[v["month"] - 1])
    if isinstance(v.get("year"), int):
        parts.append(str(v["year"]))
    elif parts and ("day" in v or "month" in v):
        parts.append("(no year)")
    return " ".join(parts) or str(v.get("relative", ""))


def format_value(value, kind: str = "") -> str:
    """A typed fact value as a short readable string: "Thursday 4 July 2023", "about 340,000,000 EUR",
    "12th meeting"; unknown shapes as "key: value" pairs."""
    if not hasattr(value, "items"):
        return str(value)
    v = dict(value)
    if kind == "date" or ({"year", "month", "day", "weekday", "relative"} >= v.keys() and v):
        text = _date(v)
        if text:
            return text
    if kind == "ordinal" or set(v) == {"ordinal"}:
        n = v.get("value", v.get("ordinal"))
        if isinstance(n, int):
            return f"{_ordinal(n)} {v['noun']}" if v.get("noun") else _ordinal(n)
    if "name" in v and kind in ("name", "place", ""):
        return str(v["name"])
    if "value" in v:
        bound = {">": "more than ", "<": "less than "}.get(v.get("bound") or "", "")
        approx = "about " if v.get("approx") else ""
        unit = v.get("unit") or ""
        if unit == "age":  # "34 age" read oddly: an age is said "34 years old"
            unit = "years old"
        return f"{bound}{approx}{_number(v['value'])} {unit}".strip()
    return ", ".join(f"{k}: {val}" for k, val in v.items() if val not in (None, ""))


def conflict_values(c: Comparison, conflict: Conflict) -> list[ConflictValue]:
    """The values of ``conflict`` with their document and sentence, in document order."""
    out = []
    order = {d.id: i for i, d in enumerate(c.documents)}
    for fv in conflict.values:
        doc_id = _doc_of(fv.segment)
        try:
            doc = c.document(doc_id)
            seg = c.segment(fv.segment)
        except KeyError:
            doc = seg = None
        out.append(ConflictValue(doc, seg, fv.text, format_value(fv.value, conflict.kind)))
    return sorted(out, key=lambda cv: order.get(cv.doc.id, 99) if cv.doc else 99)


def fact_spans(c: Comparison, seg: Segment, versions: Iterable[str] | None = None) -> list[tuple[int, int]]:
    """Character spans inside ``seg.text`` of conflicting fact values it states.

    With ``versions`` (the documents shown beside it), a version's value is marked only
    where it disagrees with the base, and the base's value only where one of those
    versions disagrees with it: a page about a version that agrees shows no conflict.
    """
    shown = set(versions) if versions is not None else None
    is_base = seg.doc == c.base
    spans = []
    for cf in c.conflicts_of(seg.id):
        if shown is not None:
            if is_base and not any(v.segment.split(".", 1)[0] in shown and v.agrees is not True
                                   for v in cf.values if v.segment.split(".", 1)[0] != c.base):
                continue
        for fv in cf.values:
            if fv.segment != seg.id or (shown is not None and not is_base and fv.agrees is True):
                continue
            if fv.start >= seg.start and fv.end <= seg.end and fv.end > fv.start:
                spans.append((fv.start - seg.start, fv.end - seg.start))
            elif fv.text and fv.text in seg.text:
                i = seg.text.index(fv.text)
                spans.append((i, i + len(fv.text)))
    return sorted(set(spans))


def describe_scorer(name: str) -> str:
    """What the scorer named in ``EngineInfo.scorer`` means for a reader of the report."""
    low = name.lower()
    if "+" in low or "minilm" in low or "semantic" in low:
        return ("semantic sentence embeddings blended with word overlap: paraphrases that "
                "share few words are found")
    if "lexical" in low or "tfidf" in low or "fuzzy" in low:
        return ("word overlap only (the semantic model was not used): paraphrases that share "
                "few words may show as dropped and added")
    return ""


def report_title(c: Comparison, title: str | None = None) -> str:
    """The report's title: the given one, else the base document's title."""
    return title or f"Coverage of “{c.document(c.base).title}”"


def comparison_date(c: Comparison) -> str:
    """When the comparison was made (from ``extra``), else now, as ISO date and time."""
    import datetime as _dt

    for key in ("created", "compared_at", "date"):
        if c.extra.get(key):
            return str(c.extra[key]).replace("T", " ")[:19]
    return _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M (report time)")


def added_at(doc: Document) -> str:
    """When the document was added to the comparison, if its metadata says so."""
    for key in ("added", "added_at", "loaded_at", "fetched"):
        if doc.meta.get(key):
            return str(doc.meta[key]).replace("T", " ")[:19]
    return ""


def percent(x: float) -> str:
    """A share as a whole percentage ("71 %"), never "0 %" for a small non-zero share."""
    if 0 < x < 0.005:
        return "<1 %"
    return f"{round(x * 100):d} %"
