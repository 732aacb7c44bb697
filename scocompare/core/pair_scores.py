"""Scores of one pair of documents for the aligner, and what re-alignment keeps of them:
the combined score matrix (token-reranked when the scorer has a sentence model), the
per-pair IDF of word pieces, the token surplus of a candidate second partner, and the
memos that let a threshold change or one more version re-use all of it."""

from __future__ import annotations

import hashlib
import math
import threading
import weakref
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from scocompare.core import align


class Memo:
    """A small thread-safe LRU of derived results, bounded by entry count."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0

    def get(self, key):
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return self._items[key]

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


# Re-alignment (threshold changed, a version added, a constraint added) repeats most of
# the previous work: these hold its results, keyed by everything that determines them.
_IDF = Memo(256)  # IDF of word pieces, by the sentence lists of a pair of documents
RERANK_MEMO = 256  # reranked score matrices per scorer (<= 0.6 MB each at 400 x 400 sentences)
PAIRS_MEMO = 1024  # links of one (base, version) pair, per scorer
# Per scorer, so that results live as long as the scorer that made them and two scorers
# (other weights, other model) never share one.
_by_scorer: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_by_scorer_lock = threading.Lock()


def memos(scorer) -> tuple[Memo, Memo]:
    """(reranked scores, pair links) memos of ``scorer``; fresh throwaway ones when the
    scorer cannot be weakly referenced."""
    with _by_scorer_lock:
        try:
            found = _by_scorer.get(scorer)
            if found is None:
                found = _by_scorer[scorer] = (Memo(RERANK_MEMO), Memo(PAIRS_MEMO))
        except TypeError:
            found = (Memo(0), Memo(0))
        return found


def clear_memos() -> None:
    """Forget the memoised pair results (``compare.clear_memos`` also forgets shifts)."""
    _IDF.clear()
    with _by_scorer_lock:
        _by_scorer.clear()


def digest(texts: Sequence[str]) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.digest()


def _doc_df(model, texts: Sequence[str]) -> tuple[bytes, Counter, int]:
    """Digest of one document's sentences, the number of those sentences holding each
    word piece, and their count (memoised: each document is counted once)."""
    from scocompare.core import token_align

    text_digest = digest(texts)
    key = ("df", getattr(model, "sha256", None) or id(model), text_digest)
    found = _IDF.get(key)
    if found is None:
        df: Counter = Counter()
        for ids in token_align.token_ids(model, texts):
            df.update(set(ids.tolist()))
        found = (text_digest, df, len(texts))
        _IDF.put(key, found)
    return found


def pair_idf(model, a: Sequence[str], b: Sequence[str]) -> Callable[[], dict[int, float]]:
    """IDF of word pieces over the sentences of the two documents being aligned, built on
    first use (the aligner needs it only for split and merge checks and the rerank).

    Per pair, not over every document open: the links between the base and one version
    do not change when another version is added or removed, and stay memoised. Equal to
    ``token_align.idf_weights`` over ``a + b``."""
    done: list[dict[int, float]] = []

    def get() -> dict[int, float]:
        if not done:
            ka, dfa, na = _doc_df(model, a)
            kb, dfb, nb = _doc_df(model, b)
            key = ("idf", getattr(model, "sha256", None) or id(model), ka, kb)
            idf = _IDF.get(key)
            if idf is None:
                n = na + nb
                idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in (dfa + dfb).items()}
                _IDF.put(key, idf)
            done.append(idf)
        return done[0]

    return get


def surplus_fn(model, a: list[str], b: list[str], idf: Callable[[], dict[int, float]]):
    """``PairScores.surplus`` from token states of ``model`` (fetched for the few
    sentences the aligner asks about; the model keeps them from its embedding run) and
    the IDF that ``idf()`` builds when first needed."""
    from scocompare.core import token_align

    states = token_align.token_states(model)
    got: dict[tuple[str, int], tuple] = {}

    def st(side: str, k: int):
        if (side, k) not in got:
            got[side, k] = states.get([(a if side == "a" else b)[k]])[0]
        return got[side, k]

    def surplus(i: int, j: int, partners, side: str) -> float:
        if side == "a":  # version sentence j: does base sentence i add to its base partners?
            return token_align.surplus(st("b", j), st("a", i), [st("a", p) for p in partners], idf())
        return token_align.surplus(st("a", i), st("b", j), [st("b", q) for q in partners], idf())

    return surplus


def link_components(scorer, a: list[str], b: list[str]) -> dict:
    """"score" and "lexical" of every (a[i], b[j]); "lexical" may be computed lazily, pair
    by pair, when the scorer offers that (the aligner reads it only where it links)."""
    link = getattr(scorer, "link_components", None)
    if link is not None:
        return link(a, b)
    comps = scorer.components(a, b)
    return {"score": comps["score"], "lexical": np.asarray(comps["lexical"])}


def pair_scores(scorer, model, a: list[str], b: list[str], idf, key, memo: Memo, k: int) -> align.PairScores:
    """Score matrices of base sentences ``a`` x version sentences ``b``, token-reranked
    when the scorer has a sentence model (memoised: the rerank does not depend on the
    threshold or the constraints)."""
    comps = link_components(scorer, a, b)
    lexical = comps["lexical"]
    if model is None:
        return align.PairScores(np.asarray(comps["score"]), lexical)
    score = memo.get(key)
    if score is None:
        from scocompare.core import token_align

        score = token_align.rerank(model, a, b, np.asarray(comps["score"]), idf(), k)
        score.flags.writeable = False  # shared by later alignments
        memo.put(key, score)
    return align.PairScores(score, lexical, surplus_fn(model, a, b, idf))
