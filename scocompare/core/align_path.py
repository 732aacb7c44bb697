"""Order-aware alignment: the best reading path of a version through its source.

Coverage is written from its source in order, a few paragraphs reordered at most. A
newspaper that paraphrases one statement sentence into two to four sentences gives
version sentences that each score only moderately against their source sentence, and
about as well against its same-topic neighbours; a threshold alone cannot tell them
apart, the order can. This module finds, for every version sentence, the base sentence
it most plausibly reports (or none) by maximising

    sum over linked (i, j) of (score[i, j] - bar)  -  jump costs

along the version, where staying on the same base sentence (one sentence expanded into
several) or stepping to the next is free, skipping ahead costs a little (a dropped
sentence) and going back costs more (a reordered passage). It is a Viterbi search over
"last base position read", O(n * m) with prefix and suffix maxima, in the spirit of
Vecalign and Bleualign but with reorders allowed at a price, so moved paragraphs still
link when their evidence is strong.
"""

from __future__ import annotations

import numpy as np

SKIP_COST = 0.03  # jumping forward over base sentences (the version dropped them)
BACK_COST = 0.25  # jumping back (a reordered passage): needs strong evidence to pay for it


def background(score: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of a pair's finite scores: how alike unrelated
    sentences of these two texts look (same-topic texts score high everywhere)."""
    finite = score[np.isfinite(score)]
    if finite.size < 2:
        return 0.0, 0.0
    return float(finite.mean()), float(finite.std())


def margin(score: np.ndarray, k: int = 4) -> np.ndarray:
    """Score minus the mean of its row's and its column's k best scores.

    When every sentence of both texts is about the same topic, all scores are high and
    an absolute bar cannot separate the true counterpart from its neighbours; what
    stands out is a pair that scores above what each of its two sentences usually
    gets (margin scoring, as in Artetxe & Schwenk's bitext mining).
    """
    n, m = score.shape
    s = np.where(np.isfinite(score), score, 0.0)
    kr, kc = min(k, m), min(k, n)
    row = np.sort(s, axis=1)[:, m - kr:].mean(axis=1) if kr else np.zeros(n)
    col = np.sort(s, axis=0)[n - kc:, :].mean(axis=0) if kc else np.zeros(m)
    out = score - (row[:, None] + col[None, :]) / 2
    return out


def reading_path(
    score: np.ndarray,
    bar: float,
    skip_cost: float = SKIP_COST,
    back_cost: float = BACK_COST,
) -> list[tuple[int, int]]:
    """(base index, version index) pairs of the best monotone-with-jumps path.

    Each version sentence (column) gets at most one base sentence (row); a base
    sentence may take several consecutive version sentences. A link earns
    ``score - bar``; leaving a version sentence unlinked earns 0. Scores of -inf
    (forbidden pairs) are never taken.
    """
    n, m = score.shape
    if n == 0 or m == 0:
        return []
    # Rows of gain_t are version sentences: contiguous for the loop below.
    gain_t = np.ascontiguousarray(np.where(np.isfinite(score), score - bar, -np.inf).T, dtype=np.float64)
    neg = -np.inf
    # value[i]: best total so far with base sentence i the last one linked.
    value = np.full(n, neg)
    start = 0.0  # nothing linked yet
    # back[j, i]: state before linking j to i (-1: start); -2 when j was left unlinked
    back = np.full((m, n), -2, dtype=np.int64)
    idx = np.arange(n)
    # Candidate predecessors of each target i, one row per kind of move, in the order
    # that breaks ties: stay (p == i), step (p == i - 1), skip (p <= i - 2, prefix
    # maximum), jump back (p >= i + 1, suffix maximum), start. The buffers are reused
    # across columns: this loop is the aligner's hot spot.
    cands = np.full((5, n), neg)
    cands[4] = start
    args = np.full((5, n), -1, dtype=np.int64)
    args[0] = idx
    args[1] = idx - 1
    for j in range(m):
        cands[0] = value
        cands[1, 1:] = value[:-1]
        if n > 2:
            pre_val, pre_arg = _running_max(value)
            np.subtract(pre_val[:-2], skip_cost, out=cands[2, 2:])
            args[2, 2:] = pre_arg[:-2]
        if n > 1:
            suf_val, suf_arg = _running_max(value[::-1])
            np.subtract(suf_val[::-1][1:], back_cost, out=cands[3, :-1])
            args[3, :-1] = (n - 1 - suf_arg)[::-1][1:]
        best = np.argmax(cands, axis=0)
        linked = cands[best, idx] + gain_t[j]
        take = linked > value  # linking j to i beats carrying state i over unlinked
        back[j] = np.where(take, args[best, idx], -2)
        value = np.where(take, linked, value)
    # Trace back from the best final state.
    if not np.any(np.isfinite(value)) or value.max() <= start:
        return []
    state = int(np.argmax(value))
    pairs: list[tuple[int, int]] = []
    for j in range(m - 1, -1, -1):
        if state < 0:
            break
        prev = int(back[j, state])
        if prev == -2:
            continue  # j unlinked, state carried over
        pairs.append((state, j))
        state = prev
    pairs.reverse()
    return pairs


def _running_max(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Running maximum of ``values`` and the index of (the last reaching) it at each position."""
    peak = np.maximum.accumulate(values)
    return peak, np.maximum.accumulate(np.where(values >= peak, np.arange(values.size), 0))
