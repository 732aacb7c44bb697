"""The comparison pipeline: documents in, a frozen ``Comparison`` out."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from scocompare import __version__
from scocompare.core import align, facts
from scocompare.core import pair_scores as ps
from scocompare.core.errors import Cancelled, ScocompareError
from scocompare.core.facts import find_conflicts
from scocompare.core.headings import coverage_segments
from scocompare.core.model import (
    Comparison,
    Constraint,
    Coverage,
    Document,
    EngineInfo,
    Link,
    NearMiss,
)
from scocompare.core.near import near_misses
from scocompare.core.quotes import check_quotes

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]

# Token-level rerank (core/token_align.py): candidates per row and column rescored; 0 turns it off.
RERANK_K = 3


def _noop_progress(_fraction: float, _message: str) -> None:
    return None


def compare_paths(paths: Sequence[str | Path], base: int = 0, **kw) -> Comparison:
    """Load files (ids d1, d2, ... in order) and compare them."""
    from scocompare.core.ingest import load_path

    progress: ProgressFn = kw.get("progress") or _noop_progress
    docs = []
    for k, p in enumerate(paths):
        progress(0.1 * k / max(len(paths), 1), f"Loading {Path(p).name}")
        docs.append(load_path(p, doc_id=f"d{k + 1}"))
    return compare_documents(docs, base=base, **kw)


@lru_cache(maxsize=65536)
def _shift_reason(a: str, b: str, context_a: str = "", context_b: str = "") -> str | None:
    # A pure function of the two texts (and, for a quote attributed only by "he said", of
    # the sentence before it); every re-alignment asks about the same pairs again.
    from scocompare.core.shift import detect_shift

    return detect_shift(a, b, context_a, context_b)


def _apply_shifts(links: list[Link], texts: dict[str, str], contexts: dict[str, str]) -> list[Link]:
    """Mark linked pairs whose meaning moved (negation, modality, ...) as ``shift``.
    ``contexts`` gives, for the few sentences that need it, the sentence before them
    (``shift_context.speaker_contexts``: who speaks in a bare quote)."""
    out = []
    for lk in links:
        if lk.kind in ("near", "paraphrase", "partial"):
            reason = _shift_reason(texts[lk.a], texts[lk.b], contexts.get(lk.a, ""), contexts.get(lk.b, ""))
            if reason:
                lk = Link(lk.a, lk.b, lk.score, "shift", lk.moved, lk.origin, lk.scores, reason)
        out.append(lk)
    return out


def _coverage(documents: Sequence[Document], base: Document, links: Sequence[Link]) -> dict[str, Coverage]:
    """Share of base content each version carries, what it drops and adds."""
    kind_rank = {"identical": 0, "near": 1, "paraphrase": 2, "shift": 3, "partial": 4}
    # The base's own title, dateline or byline is not news a version "drops": like
    # boilerplate, it is left out of coverage (a version's headline still counts as added).
    base_segs = coverage_segments(base)
    counted = {s.id for s in base_segs}
    out: dict[str, Coverage] = {}
    by_doc: dict[str, list[Link]] = {}  # links by the document of their second end, in order
    for lk in links:
        by_doc.setdefault(lk.b.rsplit(".s", 1)[0], []).append(lk)
    for doc in documents:
        if doc.id == base.id:
            continue
        best: dict[str, str] = {}
        linked_v: set[str] = set()
        for lk in by_doc.get(doc.id, ()):
            if lk.a.startswith(base.id + ".") and lk.b.startswith(doc.id + "."):
                linked_v.add(lk.b)
                if lk.a not in counted:
                    continue
                cur = best.get(lk.a)
                if cur is None or kind_rank[lk.kind] < kind_rank[cur]:
                    best[lk.a] = lk.kind
        n = len(base_segs) or 1
        dropped = tuple(s.id for s in base_segs if s.id not in best)
        added = tuple(s.id for s in doc.content_segments() if s.id not in linked_v)
        by_kind = {k: round(sum(1 for v in best.values() if v == k) / n, 4) for k in kind_rank}
        by_kind["dropped"] = round(len(dropped) / n, 4)
        out[doc.id] = Coverage(
            doc=doc.id,
            against=base.id,
            covered=round(len(best) / n, 4),
            dropped=dropped,
            added=added,
            by_kind=by_kind,
        )
    return out


def clear_memos() -> None:
    """Forget every memoised intermediate result (benchmarks measuring cold work)."""
    ps.clear_memos()
    _shift_reason.cache_clear()


PREFETCH = True  # embed later documents beside the aligner (_Prefetch); tests switch it off


class _Prefetch:
    """Embeds the documents of a comparison, in order, on a thread of its own while the
    aligner works through the first ones (a model scorer with ``prefetch`` only, and only
    when there is more than one version to wait for).

    The network runs on THREADS threads and the aligner is Python: side by side they
    keep both cores busy instead of taking turns (bench/compare_bench.py: 20 versions of
    200 sentences, cold). Embeddings are the same whichever thread runs them (one
    sentence per run) and the borrowing plan is fixed from all the texts first."""

    def __init__(self, scorer, all_texts: list[str], groups: list[list[str]]):
        self.error: BaseException | None = None
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        model = getattr(scorer, "model", None)
        if not PREFETCH or model is None or not hasattr(model, "prefetch") or len(groups) < 3:
            return
        model.plan(all_texts)  # this thread's plan, as ``prepare`` fixes it (document order)

        def run() -> None:
            try:
                model.prefetch(groups, self.stop, all_texts)
            except BaseException as err:  # noqa: BLE001 - handed to the comparing thread
                self.error = err

        self.thread = threading.Thread(target=run, name="scocompare-prefetch", daemon=True)
        self.thread.start()

    @property
    def started(self) -> bool:
        return self.thread is not None

    def finish(self, raise_error: bool = True) -> None:
        """Stop after the current document and wait; the thread's error, if any, is raised
        here (the comparison saw every embedding it needed, so none is expected)."""
        if self.thread is None:
            return
        self.stop.set()
        self.thread.join()
        self.thread = None
        if raise_error and self.error is not None:
            raise self.error


def compare_documents(
    documents: Sequence[Document],
    base: int = 0,
    threshold: float | None = None,
    scorer=None,
    constraints: Sequence[Constraint] = (),
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> Comparison:
    """Compare documents against ``documents[base]``.

    ``scorer`` defaults to the best available (semantic when the model loads, else
    lexical); ``threshold`` to the scorer's calibrated default. ``progress`` receives
    (fraction, message); ``cancelled`` is polled between steps and raises ``Cancelled``.
    """
    if len(documents) < 2:
        raise ScocompareError("a comparison needs at least two versions")
    if not 0 <= base < len(documents):
        raise ScocompareError(f"--base {base + 1} is out of range: there are {len(documents)} versions")
    ids = [d.id for d in documents]
    if len(set(ids)) != len(ids):
        raise ScocompareError("document ids must be unique")
    progress = progress or _noop_progress

    def check() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    if scorer is None:
        from scocompare.core.similarity import get_scorer

        progress(0.1, "Loading the similarity model")
        scorer = get_scorer("auto")
    thr = float(scorer.default_threshold if threshold is None else threshold)
    base_doc = documents[base]
    versions = [d for d in documents if d.id != base_doc.id]
    content = {d.id: list(d.content_segments()) for d in documents}
    texts = {s.id: s.text for d in documents for s in d.segments}
    from scocompare.core.shift_context import speaker_contexts  # the shift rules load on first use

    contexts = {k: v for d in documents for k, v in speaker_contexts(d).items()}

    check()
    progress(0.15, "Reading sentences")
    all_texts = [s.text for d in documents for s in content[d.id]]
    prefetch = _Prefetch(scorer, all_texts, [[s.text for s in content[d.id]] for d in [base_doc, *versions]])
    if not prefetch.started and hasattr(scorer, "prepare"):
        scorer.prepare(all_texts)
    check()

    links: list[Link] = []
    near: list[NearMiss] = []
    base_segs = content[base_doc.id]
    model = getattr(scorer, "model", None) if RERANK_K else None
    base_texts = [s.text for s in base_segs]
    base_key = (tuple(s.id for s in base_segs), ps.digest(base_texts))
    rerank_memo, pair_memo = ps.memos(scorer)
    years = {d.id: facts.reference_year(d) for d in documents}  # the facts' reading of dates
    facts_of = facts.facts_of(years)
    try:
        for k, doc in enumerate(versions):
            check()
            progress(0.2 + 0.6 * k / len(versions), f"Aligning {doc.title or doc.id}")
            v_segs = content[doc.id]
            v_texts = [s.text for s in v_segs]
            idf = ps.pair_idf(model, base_texts, v_texts) if model is not None else None
            forced, forbidden = align.constraint_pairs(constraints, documents, base_segs, v_segs)
            # The scorer (and its weights), both sentence lists with their ids, the rerank's
            # IDF, the threshold and the constraints determine a pair's links entirely.
            sig = model.signature(base_texts + v_texts) if model is not None else b""
            score_key = (base_key[1], ps.digest(v_texts), sig, RERANK_K)
            pair_key = (score_key, base_key[0], tuple(s.id for s in v_segs), thr,
                        frozenset(forced), frozenset(forbidden), years[base_doc.id], years[doc.id])
            found = pair_memo.get(pair_key)
            if found is None:
                pair = ps.pair_scores(scorer, model, base_texts, v_texts, idf, score_key, rerank_memo, RERANK_K)
                pair_links = tuple(align.align_pair(base_segs, v_segs, pair, thr, forced, forbidden,
                                                    facts_of=facts_of))
                found = pair_links, near_misses(base_segs, v_segs, pair.score, pair_links, thr, forbidden)
                pair_memo.put(pair_key, found)
            links.extend(found[0])
            near.extend(found[1])
            if prefetch.started:
                # While later documents are still being embedded, the meaning-shift checks
                # of this pair and the facts of its version run on the free core (both
                # remembered: _apply_shifts and find_conflicts then only look up).
                _apply_shifts(list(found[0]), texts, contexts)
                if k == 0:
                    facts.warm(base_doc)
                facts.warm(doc)

    except BaseException:
        prefetch.finish(raise_error=False)  # cancelled or failed: the comparison's error wins
        raise
    prefetch.finish()

    check()
    progress(0.82, "Matching additions across versions")
    linked = {lk.b for lk in links}
    added = {d.id: [s for s in content[d.id] if s.id not in linked] for d in versions}
    for x in range(len(versions)):
        for y in range(x + 1, len(versions)):
            left, right = added[versions[x].id], added[versions[y].id]
            if not left or not right:
                continue
            l_texts, r_texts = [s.text for s in left], [s.text for s in right]
            forced, forbidden = align.constraint_pairs(constraints, documents, left, right)
            sig = model.signature(l_texts + r_texts) if model is not None else b""
            key = ("added", ps.digest(l_texts), ps.digest(r_texts), sig, tuple(s.id for s in left),
                   tuple(s.id for s in right), thr, frozenset(forced), frozenset(forbidden))
            found = pair_memo.get(key)
            if found is None:
                comps = ps.link_components(scorer, l_texts, r_texts)
                surplus = None
                if model is not None:
                    pair_idf = ps.pair_idf(model, [s.text for s in content[versions[x].id]],
                                         [s.text for s in content[versions[y].id]])
                    surplus = ps.surplus_fn(model, l_texts, r_texts, pair_idf)
                pair = align.PairScores(np.asarray(comps["score"]), comps["lexical"], surplus)
                # Additions of two versions are not read one from the other: no order to follow.
                found = tuple(align.align_pair(left, right, pair, thr, forced, forbidden, ordered=False))
                pair_memo.put(key, found)
            links.extend(found)

    check()
    progress(0.88, "Looking for meaning shifts")
    links = _apply_shifts(links, texts, contexts)
    progress(0.9, "Checking facts")
    conflicts = tuple(find_conflicts(documents, links, base_doc.id, min_link_score=thr))
    check()
    progress(0.94, "Checking quotes")
    quotes = check_quotes(documents)
    check()
    groups = align.build_groups(documents, base_doc.id, links)
    coverage = _coverage(documents, base_doc, links)
    progress(1.0, "Done")
    return Comparison(
        documents=tuple(documents),
        base=base_doc.id,
        links=tuple(links),
        groups=groups,
        conflicts=conflicts,
        coverage=coverage,
        engine=EngineInfo(version=__version__, scorer=scorer.name, threshold=round(thr, 4)),
        constraints=tuple(constraints),
        quotes=quotes,
        near_misses=tuple(near),
    )
