"""Hand-made gold alignments: load them, resolve their anchors, score a Comparison.

A gold file (``tests/data/golds/*.json``) names its documents (paths relative to the
repository root) and lists links from the base to each version. Every end of a link
is ``[document index, ANCHOR]``: a short unique substring of the sentence (texts we
wrote) or an integer character offset into the raw file (third-party texts, whose
words must not be copied into the project). Anchors are resolved against Documents
as the engine loads them, so the gold survives changes to ingest and segmentation.

``python bench/gold.py [GOLD.json ...]`` runs the engine on every gold set and prints
precision, recall and F1 of links per set and per version.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "data" / "golds"

Anchor = int | str
End = tuple[int, Anchor]  # (document index, anchor)


class GoldError(ValueError):
    """A gold file that is malformed or whose anchor does not resolve."""


@dataclass(frozen=True)
class GoldLink:
    a: End
    b: End
    partial: bool = False
    shift: str | None = None


@dataclass(frozen=True)
class GoldConflict:
    kind: str
    scope: str
    ends: tuple[End, ...]


@dataclass(frozen=True)
class Gold:
    name: str
    path: Path
    base: int
    documents: tuple[str, ...]
    links: tuple[GoldLink, ...]
    ignore: tuple[End, ...] = ()
    conflicts: tuple[GoldConflict, ...] = ()
    description: str = ""

    def document_paths(self) -> list[Path]:
        """Absolute paths of the gold's documents (relative ones are from the repo root)."""
        return [(ROOT / p).resolve() for p in self.documents]

    def uses_corpus(self) -> bool:
        """True when a document lives outside the project (third-party corpus)."""
        return any(p.startswith("..") for p in self.documents)


def _end(raw, where: str, n_docs: int) -> End:
    if not (isinstance(raw, list) and len(raw) == 2 and isinstance(raw[0], int)):
        raise GoldError(f"{where}: expected [doc index, anchor], got {raw!r}")
    doc, anchor = raw
    if not 0 <= doc < n_docs:
        raise GoldError(f"{where}: document index {doc} out of range")
    if isinstance(anchor, bool) or not isinstance(anchor, (int, str)) or anchor == "":
        raise GoldError(f"{where}: anchor must be a substring or a character offset")
    return doc, anchor


def load_gold(path: str | Path) -> Gold:
    """Read and check one gold file; raises GoldError naming the file and the problem."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: {exc}") from None
    try:
        docs = tuple(data["documents"])
        base = int(data.get("base", 0))
        n = len(docs)
        if n < 2 or not 0 <= base < n:
            raise GoldError(f"{path}: needs two documents and a base among them")
        links = []
        for k, lk in enumerate(data["links"]):
            a, b = _end(lk["a"], f"{path}: link {k}", n), _end(lk["b"], f"{path}: link {k}", n)
            if a[0] != base or b[0] == base:
                raise GoldError(f"{path}: link {k} must go from the base to a version")
            links.append(GoldLink(a, b, bool(lk.get("partial", False)), lk.get("shift")))
        ignore = tuple(_end(e, f"{path}: ignore", n) for e in data.get("ignore", ()))
        conflicts = tuple(
            GoldConflict(c["kind"], c.get("scope", "link"),
                         tuple(_end(v["at"], f"{path}: conflict", n) for v in c["values"]))
            for c in data.get("conflicts", ())
        )
    except (KeyError, TypeError) as exc:
        raise GoldError(f"{path}: missing or malformed field {exc}") from None
    return Gold(data.get("name", path.stem), path, base, docs, tuple(links), ignore,
                conflicts, data.get("description", ""))


def all_golds(folder: Path = GOLD_DIR) -> list[Path]:
    """The gold files of the project, sorted by name."""
    return sorted(folder.glob("*.json"))


# --- anchor resolution -------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def _normalised(text: str) -> tuple[str, list[int]]:
    """Text with NFKC, plain quotes and single spaces, plus a map back to offsets.

    Ingest may normalise what the raw file holds (quotes, spacing); comparing both
    sides in this form lets an anchor taken from the raw file find its place.
    """
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).translate(_QUOTES):
            if c.isspace():
                if out and out[-1] == " ":
                    continue
                c = " "
            out.append(c)
            where.append(i)
    return "".join(out), where


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of ``needle`` in ``text``, exact or normalised."""
    hits = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    if hits:
        return hits
    norm, where = _normalised(text)
    needle_n = _normalised(needle)[0].strip()
    if not needle_n:
        return []
    return [(where[m.start()], where[m.end() - 1] + 1) for m in re.finditer(re.escape(needle_n), norm)]


@dataclass
class _RawCache:
    texts: dict[Path, str] = field(default_factory=dict)

    def get(self, path: Path) -> str:
        if path not in self.texts:
            self.texts[path] = path.read_bytes().decode("utf-8")
        return self.texts[path]


_RAW = _RawCache()


def resolve_end(gold: Gold, documents: Sequence, end: End, strict: bool = True):
    """The Segment of ``documents[end[0]]`` that ``end``'s anchor points into.

    A substring must occur once in the document and lie inside one segment (with
    ``strict=False`` a substring cut by the segmenter resolves to the segment where
    it starts). An offset is turned into ~40 characters of the raw file, found in the
    loaded text; the segment containing that position is the answer.
    """
    doc_index, anchor = end
    doc = documents[doc_index]
    if isinstance(anchor, str):
        hits = _find_all(doc.text, anchor)
        if len(hits) != 1:
            raise GoldError(f"{gold.path.name}: anchor {anchor!r} occurs {len(hits)} times in "
                            f"{gold.documents[doc_index]}")
        pos, stop = hits[0]
    else:
        raw = _RAW.get(gold.document_paths()[doc_index])
        if not 0 <= anchor < len(raw):
            raise GoldError(f"{gold.path.name}: offset {anchor} outside {gold.documents[doc_index]}")
        pos = _locate_offset(raw, anchor, doc.text)
        stop = pos + 1
        if pos < 0:
            raise GoldError(f"{gold.path.name}: text at offset {anchor} of "
                            f"{gold.documents[doc_index]} not found in the loaded document")
    inside = [s for s in doc.segments if s.start <= pos < s.end]
    if not inside:
        raise GoldError(f"{gold.path.name}: anchor {anchor!r} falls between segments")
    seg = inside[0]
    if strict and stop > seg.end:
        raise GoldError(f"{gold.path.name}: anchor {anchor!r} spans more than one segment "
                        f"(starts in {seg.id}: {seg.text[:60]!r})")
    return seg


def _locate_offset(raw: str, offset: int, text: str) -> int:
    """Position in ``text`` of the raw file's characters at ``offset`` (-1 if absent)."""
    # Longer snippets until one is unique; a snippet running past a paragraph end
    # may still be found because spacing is compared in normalised form.
    for size in (40, 80, 160, 320):
        hits = _find_all(text, raw[offset:offset + size])
        if len(hits) == 1:
            return hits[0][0]
        if not hits:
            break
    # Repeated or trimmed text: take the occurrence nearest the same relative place.
    hits = _find_all(text, raw[offset:offset + 20])
    if hits:
        guess = offset * len(text) / max(len(raw), 1)
        return min(hits, key=lambda h: abs(h[0] - guess))[0]
    return -1


@dataclass(frozen=True)
class Resolved:
    """A gold set in segment ids of one set of loaded documents."""

    pairs: dict[str, set[tuple[str, str]]]  # version doc id -> {(base seg, version seg)}
    partial: set[tuple[str, str]]
    shifts: dict[tuple[str, str], str]
    ignore: set[str]
    conflicts: tuple[tuple[str, frozenset[str]], ...]  # (kind, segment ids)


def resolve(gold: Gold, documents: Sequence, strict: bool = True) -> Resolved:
    """Turn every anchor of ``gold`` into segment ids of ``documents`` (same order)."""
    if len(documents) != len(gold.documents):
        raise GoldError(f"{gold.path.name}: {len(gold.documents)} documents expected, got {len(documents)}")
    pairs: dict[str, set[tuple[str, str]]] = {
        d.id: set() for k, d in enumerate(documents) if k != gold.base}
    partial, shifts = set(), {}
    for lk in gold.links:
        a = resolve_end(gold, documents, lk.a, strict).id
        b = resolve_end(gold, documents, lk.b, strict).id
        pairs[documents[lk.b[0]].id].add((a, b))
        if lk.partial:
            partial.add((a, b))
        if lk.shift:
            shifts[(a, b)] = lk.shift
    ignore = {resolve_end(gold, documents, e, strict=False).id for e in gold.ignore}
    conflicts = tuple(
        (c.kind, frozenset(resolve_end(gold, documents, e, strict).id for e in c.ends))
        for c in gold.conflicts
    )
    return Resolved(pairs, partial, shifts, ignore, conflicts)


def load_documents(gold: Gold) -> list:
    """Load the gold's documents with the real ingest (ids d1, d2, ... in order)."""
    from scocompare.core.ingest import load_path

    return [load_path(p, doc_id=f"d{k + 1}") for k, p in enumerate(gold.document_paths())]


# --- scoring -------------------------------------------------------------------------

@dataclass(frozen=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Evaluation:
    """Link quality of one comparison against one gold set."""

    name: str
    versions: dict[str, Score]  # per version doc id
    errors: dict[str, dict[str, list[tuple[str, str]]]]  # doc id -> {"fp": [...], "fn": [...]}
    strict: Score  # partial gold links neither required nor penalised
    shifts: Score  # links marked "shift" against gold shift links
    conflicts: Score  # predicted conflicts against gold conflicts
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def overall(self) -> Score:
        return sum(self.versions.values(), Score())


def _predicted(comparison, base_id: str, doc_id: str, skip: set[str]) -> dict[tuple[str, str], object]:
    out = {}
    for lk in comparison.links:
        a, b = lk.a, lk.b
        if b.split(".", 1)[0] == base_id:
            a, b = b, a
        if a.split(".", 1)[0] != base_id or b.split(".", 1)[0] != doc_id:
            continue
        if a in skip or b in skip:
            continue
        out[(a, b)] = lk
    return out


def evaluate(gold: Gold, comparison, strict_anchors: bool = False) -> Evaluation:
    """Precision/recall/F1 of ``comparison``'s base-version links against ``gold``.

    A predicted link counts when its (base segment, version segment) pair is in the
    gold. Links touching boilerplate or an ``ignore`` segment are left out.
    """
    docs = comparison.documents
    res = resolve(gold, docs, strict=strict_anchors)
    base_id = docs[gold.base].id
    boiler = {s.id for d in docs for s in d.segments if s.boilerplate}
    skip = boiler | res.ignore
    versions, errors = {}, {}
    strict, shifts = Score(), Score()
    for doc_id, gold_pairs in res.pairs.items():
        pred = _predicted(comparison, base_id, doc_id, skip)
        got = set(pred)
        versions[doc_id] = Score(len(got & gold_pairs), len(got - gold_pairs), len(gold_pairs - got))
        errors[doc_id] = {"fp": sorted(got - gold_pairs), "fn": sorted(gold_pairs - got)}
        full = gold_pairs - res.partial
        loose = got - (gold_pairs & res.partial)
        strict += Score(len(loose & full), len(loose - full), len(full - loose))
        gold_shift = {p for p in gold_pairs if p in res.shifts}
        pred_shift = {p for p, lk in pred.items() if getattr(lk, "kind", "") == "shift"}
        shifts += Score(len(pred_shift & gold_shift), len(pred_shift - gold_shift),
                        len(gold_shift - pred_shift))
    conflicts = _score_conflicts(res, comparison)
    titles = {d.id: Path(d.source).name if d.source else d.id for d in docs}
    return Evaluation(gold.name, versions, errors, strict, shifts, conflicts, titles)


def _score_conflicts(res: Resolved, comparison) -> Score:
    """A gold conflict is found when a predicted one of the same kind spans its segments."""
    predicted = [(c.kind, frozenset(v.segment for v in c.values)) for c in comparison.conflicts]
    used, tp = set(), 0
    for kind, segs in res.conflicts:
        for k, (pkind, psegs) in enumerate(predicted):
            if k not in used and pkind == kind and segs <= psegs:
                used.add(k)
                tp += 1
                break
    return Score(tp, len(predicted) - len(used), len(res.conflicts) - tp)


def format_table(evaluations: Sequence[Evaluation]) -> str:
    """Plain-text table: one line per set and version, then a total line."""
    head = f"{'set':<10} {'version':<28} {'P':>6} {'R':>6} {'F1':>6}  {'tp':>4} {'fp':>4} {'fn':>4}"
    lines = [head, "-" * len(head)]
    total = Score()
    for ev in evaluations:
        for doc_id, sc in ev.versions.items():
            lines.append(f"{ev.name:<10} {ev.titles.get(doc_id, doc_id)[:28]:<28} {sc.precision:6.3f} "
                         f"{sc.recall:6.3f} {sc.f1:6.3f}  {sc.tp:4d} {sc.fp:4d} {sc.fn:4d}")
        o, s = ev.overall, ev.strict
        lines.append(f"{ev.name:<10} {'= all versions':<28} {o.precision:6.3f} {o.recall:6.3f} "
                     f"{o.f1:6.3f}  {o.tp:4d} {o.fp:4d} {o.fn:4d}   strict F1 {s.f1:.3f}"
                     f"   shifts {ev.shifts.tp}/{ev.shifts.tp + ev.shifts.fn} (+{ev.shifts.fp} fp)"
                     f"   conflicts {ev.conflicts.tp}/{ev.conflicts.tp + ev.conflicts.fn}"
                     f" (+{ev.conflicts.fp} other)")
        total += o
    lines.append(f"{'TOTAL':<39} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}  "
                 f"{total.tp:4d} {total.fp:4d} {total.fn:4d}")
    return "\n".join(lines)


def run_gold(gold: Gold, **compare_kw) -> Evaluation:
    """Load the gold's documents, run the engine on them and score the result."""
    from scocompare.core.compare import compare_documents

    docs = load_documents(gold)
    return evaluate(gold, compare_documents(docs, base=gold.base, **compare_kw))


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("golds", nargs="*", type=Path, help="gold files (default: all)")
    ap.add_argument("--scorer", default="auto", choices=("auto", "semantic", "lexical"))
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--errors", action="store_true", help="list wrong and missed links")
    args = ap.parse_args(argv)
    from scocompare.core.similarity import get_scorer

    scorer = get_scorer(args.scorer)
    evals = []
    for path in args.golds or all_golds():
        gold = load_gold(path)
        if gold.uses_corpus() and not all(p.is_file() for p in gold.document_paths()):
            print(f"{gold.name}: skipped, corpus not beside the checkout", file=sys.stderr)
            continue
        docs = load_documents(gold)
        from scocompare.core.compare import compare_documents

        comp = compare_documents(docs, base=gold.base, scorer=scorer, threshold=args.threshold)
        ev = evaluate(gold, comp)
        evals.append(ev)
        if args.errors:
            for errs in ev.errors.values():
                for kind in ("fp", "fn"):
                    for a, b in errs[kind]:
                        print(f"{gold.name} {kind} {a} | {comp.segment(a).text[:70]!r}\n"
                              f"{'':>{len(gold.name) + 4}}{b} | {comp.segment(b).text[:70]!r}")
    print(f"scorer: {scorer.name}")
    print(format_table(evals))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
