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
number of sentences. Token states come from the loaded ``semantic.SentenceModel``: this
module relies on its private attributes ``_tokenizer`` (a ``tokenizers.Tokenizer``),
``_session`` (onnxruntime session whose first output is the last hidden layer),
``_inputs`` (input names) and ``_lock`` (one run at a time). A public
``SentenceModel.token_states(texts)`` would remove that coupling.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence

import numpy as np

BATCH_TOKENS = 4096  # word pieces per network run (padding included), as in semantic.py
MAX_BATCH = 64
CACHE_SENTENCES = 20000  # token states kept in memory (about 40 KB per sentence)
RERANK_FLOOR = 0.3  # candidates scoring under this are left unranked (no gold link scored < 0.29)
RERANK_SURE = 0.9  # ...and those at or above this are already sure
SETTLED = 0.7  # a mutual best at this score...
GAP = 0.15  # ...leading its runner-up by this much on both sides needs no rerank
COMPETE = 0.2  # a candidate this far under the best of its row and column is not reranked


class TokenStates:
    """Unit-length last-layer token states of sentences, cached in memory by text."""

    def __init__(self, model):
        self.model = model
        self._cache: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()
        self.encoded = 0  # sentences run through the network (for benchmarks and tests)

    def get(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each text, (token ids, unit token states) without [CLS]/[SEP]."""
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
            if todo:
                for text, item in zip(todo, self._encode(todo), strict=True):
                    self._cache[text] = item
                self.encoded += len(todo)
            out = []
            for t in texts:
                self._cache.move_to_end(t)
                out.append(self._cache[t])
            while len(self._cache) > CACHE_SENTENCES:
                self._cache.popitem(last=False)
            return out

    def _encode(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        m = self.model
        encodings = m._tokenizer.encode_batch(texts)
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(lengths, kind="stable")
        out: list = [None] * len(texts)
        start = 0
        while start < len(order):
            stop = start + 1
            while (stop < len(order) and stop - start < MAX_BATCH
                   and (stop - start + 1) * lengths[order[stop]] <= BATCH_TOKENS):
                stop += 1
            idx = order[start:stop]
            width = int(lengths[idx].max())
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                ids[row, :lengths[i]] = encodings[i].ids
                mask[row, :lengths[i]] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in m._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            with m._lock:
                hidden = m._session.run(None, feeds)[0]
            for row, i in enumerate(idx):
                n = int(lengths[i])
                # Drop [CLS] and [SEP]: they summarise the sentence, not one of its words.
                lo, hi = (1, n - 1) if n > 2 else (0, n)
                h = hidden[row, lo:hi].astype(np.float32)
                h /= np.maximum(np.linalg.norm(h, axis=1, keepdims=True), 1e-12)
                out[i] = (np.asarray(encodings[i].ids[lo:hi], dtype=np.int64), h)
            start = stop
        return out


_states: dict[int, TokenStates] = {}
_states_lock = threading.Lock()


def token_states(model) -> TokenStates:
    """The token-state cache of ``model`` (one per loaded model, made on first use)."""
    with _states_lock:
        ts = _states.get(id(model))
        if ts is None or ts.model is not model:
            ts = _states[id(model)] = TokenStates(model)
        return ts


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


def token_ids(model, texts: Sequence[str]) -> list[np.ndarray]:
    """Word-piece ids of ``texts`` without [CLS]/[SEP] (tokenizer only, no network run)."""
    out = []
    for e in model._tokenizer.encode_batch(list(texts)):
        ids = e.ids
        out.append(np.asarray(ids[1:-1] if len(ids) > 2 else ids, dtype=np.int64))
    return out


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
