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
    gain = np.where(np.isfinite(score), score - bar, -np.inf).astype(np.float64)
    neg = -np.inf
    # value[i]: best total so far with base sentence i the last one linked.
    value = np.full(n, neg)
    start = 0.0  # nothing linked yet
    # back[j, i]: state before linking j to i (-1: start); -2 when j was left unlinked
    back = np.full((m, n), -2, dtype=np.int64)
    idx = np.arange(n)
    for j in range(m):
        # Best predecessor for each target i, by kind of move.
        stay = value  # p == i
        step = np.concatenate(([neg], value[:-1]))  # p == i - 1
        # p <= i - 2: prefix maximum shifted by two
        pre_val = np.maximum.accumulate(value)
        pre_arg = _running_argmax(value)
        skip = np.full(n, neg)
        skip_arg = np.full(n, -1, dtype=np.int64)
        if n > 2:
            skip[2:] = pre_val[:-2] - skip_cost
            skip_arg[2:] = pre_arg[:-2]
        # p >= i + 1: suffix maximum shifted by one
        rev = value[::-1]
        suf_val = np.maximum.accumulate(rev)[::-1]
        suf_arg = (n - 1 - _running_argmax(rev))[::-1]
        jump = np.full(n, neg)
        jump_arg = np.full(n, -1, dtype=np.int64)
        if n > 1:
            jump[:-1] = suf_val[1:] - back_cost
            jump_arg[:-1] = suf_arg[1:]
        cands = np.stack([stay, step, skip, jump, np.full(n, start)])
        args = np.stack([idx, idx - 1, skip_arg, jump_arg, np.full(n, -1)])
        best = np.argmax(cands, axis=0)
        prev_val = cands[best, idx]
        prev_arg = args[best, idx]
        linked = prev_val + gain[:, j]
        take = linked > value  # linking j to i beats carrying state i over unlinked
        back[j] = np.where(take, prev_arg, -2)
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


def _running_argmax(values: np.ndarray) -> np.ndarray:
    """Index of (one of) the running maximum of ``values`` at each position."""
    peak = np.maximum.accumulate(values)
    at_peak = values >= peak
    return np.maximum.accumulate(np.where(at_peak, np.arange(values.size), 0))
