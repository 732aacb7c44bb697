"""Token-level soft alignment (BERTScore-style) to rerank candidate sentence pairs.

A sentence embedding averages every token: a newspaper sentence that retells one clause
of a long statement sentence, or a version sentence that merges two statement sentences,
scores only moderately against its source, about as well as a same-topic neighbour. At
the level of word pieces the evidence is sharper: each piece of the retelling finds a
close counterpart (cosine of contextual token states) in its source sentence, and rare
pieces (names, figures, topic words; IDF-weighted over the documents being compared)
count more than "the" or "will".

For a pair (base sentence a, version sentence b) with unit token states A and B:

- ``precision``: IDF-weighted mean over b's pieces of their best cosine in a (how much of
  the version sentence is found in the base sentence; high for each part of a split);
- ``recall``: the same over a's pieces in b (high for each base sentence of a merge);
- ``f``: their harmonic mean.

Raw token cosines of MiniLM are high even between unrelated pieces, so scores are
rescaled against a baseline (BERTScore's "baseline rescaling"): the same measure between
sentences of the two documents that are not candidates of each other.

Only candidate pairs are scored (a few per sentence), so the cost stays linear in the
number of sentences. Token states come from the loaded ``semantic.SentenceModel``'s
public ``token_states(texts)``: the states kept from the embedding run (so a sentence
goes through the network once for both), a borrowed near duplicate taking its donor's.
Word-piece ids for the IDF come from the model's tokenizer alone (no network run),
cached per text.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence

import numpy as np

IDS_CACHE = 50000  # word-piece id arrays kept by text (about 0.3 KB each)
RERANK_FLOOR = 0.3  # candidates scoring under this are left unranked (no gold link scored < 0.29)
RERANK_SURE = 0.9  # ...and those at or above this are already sure
SETTLED = 0.7  # a mutual best at this score...
GAP = 0.15  # ...leading its runner-up by this much on both sides needs no rerank
COMPETE = 0.2  # a candidate this far under the best of its row and column is not reranked


class TokenStates:
    """Token states of sentences from ``model.token_states`` (which caches them)."""

    def __init__(self, model):
        self.model = model

    @property
    def encoded(self) -> int:
        """Sentences the model has run through the network so far (benchmarks, tests)."""
        return int(getattr(self.model, "encoded", 0))

    def get(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each text, (token ids, unit token states) without [CLS]/[SEP]."""
        return self.model.token_states(list(texts))


def token_states(model) -> TokenStates:
    """The token states of ``model`` (kept by the model itself, from its embedding runs)."""
    return TokenStates(model)


def idf_weights(id_lists: Sequence[np.ndarray]) -> dict[int, float]:
    """Smoothed IDF of word-piece ids over the given sentences (one array per sentence)."""
    df = Counter()
    for ids in id_lists:
        df.update(set(ids.tolist()))
    n = len(id_lists)
    return {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}


def _weights(ids: np.ndarray, idf: dict[int, float]) -> np.ndarray:
    default = math.log(2.0) + 1.0 if not idf else max(idf.values())  # unseen: as rare as it gets
    w = np.array([idf.get(int(t), default) for t in ids], dtype=np.float32)
    return w / max(float(w.sum()), 1e-9)


def soft_pairs(
    a,
    b,
    pairs: Sequence[tuple[int, int]],
    idf: dict[int, float],
) -> tuple[np.ndarray, np.ndarray]:
    """Raw (precision, recall) of each (i, j) in ``pairs``: precision is how much of
    b[j] is found in a[i], recall how much of a[i] is found in b[j] (IDF-weighted mean
    of each token's best cosine on the other side)."""
    # a and b may be lists or {index: states} maps (only the sentences that pairs use).
    wa = {i: _weights(a[i][0], idf) for i in {i for i, _ in pairs}}
    wb = {j: _weights(b[j][0], idf) for j in {j for _, j in pairs}}
    prec = np.zeros(len(pairs), dtype=np.float32)
    rec = np.zeros(len(pairs), dtype=np.float32)
    by_row: dict[int, list[int]] = {}
    for k, (i, _) in enumerate(pairs):
        by_row.setdefault(i, []).append(k)
    for i, ks in by_row.items():
        ha = a[i][1]
        ks = [k for k in ks if b[pairs[k][1]][1].size]
        if ha.size == 0 or not ks:
            continue
        # One product per base sentence against all its candidates side by side.
        blocks = [b[pairs[k][1]][1] for k in ks]
        starts = np.cumsum([0] + [len(x) for x in blocks[:-1]])
        sim = ha @ np.concatenate(blocks).T
        col_max = sim.max(axis=0)
        row_max = np.maximum.reduceat(sim, starts, axis=1)  # best in each candidate
        rec[ks] = wa[i] @ row_max
        for k, lo, blk in zip(ks, starts, blocks, strict=True):
            prec[k] = float(wb[pairs[k][1]] @ col_max[lo:lo + len(blk)])
    return prec, rec


def surplus(target, new, partners: Sequence, idf: dict[int, float]) -> float:
    """How much of ``target`` sentence ``new`` explains beyond its ``partners``: the
    IDF-weighted mean over target's pieces of max(0, best cosine in new - best cosine
    in any partner). Each argument is (token ids, unit token states).

    A version sentence that merges two base sentences has pieces only the second one
    explains (near 0.03 and up on the gold sets); a neighbour that merely shares the
    topic words its partner already covers adds nothing (under 0.012)."""
    ids, h = target
    if h.size == 0 or new[1].size == 0:
        return 0.0
    mine = (new[1] @ h.T).max(axis=0)
    other = np.full(mine.shape, -np.inf, dtype=mine.dtype)
    for p in partners:
        if p[1].size:
            other = np.maximum(other, (p[1] @ h.T).max(axis=0))
    if not np.isfinite(other).any():
        return float(_weights(ids, idf) @ mine)
    return float(_weights(ids, idf) @ np.maximum(mine - other, 0.0))


def candidates(score: np.ndarray, k: int) -> list[tuple[int, int]]:
    """Pairs among the ``k`` best of their row or of their column (finite scores only)."""
    n, m = score.shape
    if n == 0 or m == 0:
        return []
    s = np.where(np.isfinite(score), score, -np.inf)
    keep = np.zeros((n, m), dtype=bool)
    kr, kc = min(k, m), min(k, n)
    rows = np.argpartition(-s, kr - 1, axis=1)[:, :kr]
    keep[np.arange(n)[:, None], rows] = True
    cols = np.argpartition(-s, kc - 1, axis=0)[:kc, :]
    keep[cols, np.arange(m)[None, :]] = True
    keep &= np.isfinite(score)
    ii, jj = np.nonzero(keep)
    return list(zip(ii.tolist(), jj.tolist(), strict=True))


_ids: OrderedDict[tuple[object, str], np.ndarray] = OrderedDict()
_ids_lock = threading.Lock()


def token_ids(model, texts: Sequence[str]) -> list[np.ndarray]:
    """Word-piece ids of ``texts`` without [CLS]/[SEP] (tokenizer only, no network run).

    Cached by (model, text): every re-alignment asks again for the same sentences."""
    texts = list(texts)
    tag = getattr(model, "sha256", None) or id(model)  # same model file, same tokenizer
    with _ids_lock:
        have = {t: _ids[(tag, t)] for t in texts if (tag, t) in _ids}
    todo = list(dict.fromkeys(t for t in texts if t not in have))
    if todo:
        # The tokenizer is the model's (no public accessor yet; see the module docstring).
        for t, e in zip(todo, model._tokenizer.encode_batch(todo), strict=True):
            ids = e.ids
            arr = np.asarray(ids[1:-1] if len(ids) > 2 else ids, dtype=np.int64)
            arr.flags.writeable = False  # shared between callers
            have[t] = arr
        with _ids_lock:
            for t in todo:
                _ids[(tag, t)] = have[t]
            while len(_ids) > IDS_CACHE:
                _ids.popitem(last=False)
    return [have[t] for t in texts]


def combine(score: float, prec: float, rec: float) -> float:
    """Reranked score of a candidate pair: the mean of its sentence score, its token F
    (the two sentences say the same) and its token containment max(precision, recall)
    (one sentence is found inside the other: a part of a split or of a merge).

    Chosen among seven simple combinations (max or mean of these terms) measured on the
    gold sets; the own sets (demo, splits, reported) tie among four of them; see
    docs/alignment.md. Identical sentences keep 1.0."""
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return (score + f + max(prec, rec)) / 3.0


def _settled(s: np.ndarray, sure: float) -> tuple[np.ndarray, np.ndarray]:
    """Partner index of each row and column that already has an unambiguous one, else -1.

    Unambiguous: a score at ``sure``, or a mutual best at SETTLED with a lead of GAP over
    the runner-up on both sides."""
    n, m = s.shape
    rb, cb = s.argmax(axis=1), s.argmax(axis=0)
    top2_r = np.sort(s, axis=1)[:, -2:] if m > 1 else np.concatenate([np.full((n, 1), -np.inf), s], 1)
    top2_c = np.sort(s, axis=0)[-2:, :] if n > 1 else np.concatenate([np.full((1, m), -np.inf), s], 0)
    gap_r = top2_r[:, 1] - top2_r[:, 0]
    gap_c = top2_c[1] - top2_c[0]
    row = np.full(n, -1)
    col = np.full(m, -1)
    for i in range(n):
        j = rb[i]
        v = s[i, j]
        if v >= sure or (cb[j] == i and v >= SETTLED and gap_r[i] >= GAP and gap_c[j] >= GAP):
            row[i] = j
            col[j] = i if col[j] < 0 or s[i, j] > s[col[j], j] else col[j]
    for j in range(m):
        if col[j] < 0 and s[cb[j], j] >= sure:
            col[j] = cb[j]
    return row, col


def _open_pairs(score: np.ndarray, k: int, floor: float, sure: float) -> list[tuple[int, int]]:
    """Candidates whose ranking token evidence could still change.

    Left alone: pairs under ``floor`` or already at ``sure``; pairs more than ``COMPETE``
    under the best score of both their row and their column (not a contender on either
    side); pairs of two sentences that both have an unambiguous partner (near copies,
    the bulk of wire coverage, then need no token states at all); and, for a sentence
    with an unambiguous partner, every candidate not beside that partner: the aligner
    only adds a second partner next to the first (a split or a merge)."""
    if score.size == 0:
        return []
    s = np.where(np.isfinite(score), score, -np.inf)
    row_best, col_best = s.max(axis=1), s.max(axis=0)
    row_p, col_p = _settled(s, sure)
    out = []
    for i, j in candidates(score, k):
        v = s[i, j]
        if not floor <= v < sure:
            continue
        if v < row_best[i] - COMPETE and v < col_best[j] - COMPETE:
            continue
        if row_p[i] >= 0 and col_p[j] >= 0:
            continue
        if (row_p[i] >= 0 and abs(j - row_p[i]) > 1) or (col_p[j] >= 0 and abs(i - col_p[j]) > 1):
            continue
        out.append((i, j))
    return out


def rerank(
    model,
    a: Sequence[str],
    b: Sequence[str],
    score: np.ndarray,
    idf: dict[int, float],
    k: int = 3,
    combine=None,
    floor: float = RERANK_FLOOR,
    sure: float = RERANK_SURE,
) -> np.ndarray:
    """``score`` with its candidate pairs (``k`` best of each row and column) rescored
    from token-level soft alignment; other pairs keep their sentence score."""
    pairs = _open_pairs(score, k, floor, sure)
    out = score.astype(np.float32, copy=True)
    if not pairs:
        return out
    rows = sorted({i for i, _ in pairs})
    cols = sorted({j for _, j in pairs})
    ts = token_states(model)
    sa = dict(zip(rows, ts.get([a[i] for i in rows]), strict=True))
    sb = dict(zip(cols, ts.get([b[j] for j in cols]), strict=True))
    prec, rec = soft_pairs(sa, sb, pairs, idf)
    combine = combine or globals()["combine"]
    for (i, j), p, r in zip(pairs, prec, rec, strict=True):
        out[i, j] = combine(float(score[i, j]), float(p), float(r))
    return out
