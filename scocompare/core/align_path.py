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

It also holds the other links that follow from position: split/merge partners beside a
linked sentence (``secondary``), context filling between linked neighbours
(``context_fill``), mutual first choices (``mutual_best``), and heading-like lines
(``headings``) aligned after the body; align.py decides which the text really supports.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scocompare.core.headings import coverage_segments, headings  # noqa: F401 (re-exported)

SKIP_COST = 0.03  # jumping forward over base sentences (the version dropped them)
BACK_COST = 0.25  # jumping back (a reordered passage): needs strong evidence to pay for it
SECONDARY_MARGIN = 0.0  # extra score a split/merge partner needs above the threshold
CONTEXT_SPAN = 5  # widest window (in partner positions) that context may fill


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


def secondary(score: np.ndarray, pairs: list[tuple[int, int]], threshold: float) -> list[tuple[int, int]]:
    """Split/merge partners: an unlinked segment next to a linked one, scoring above threshold.

    A sentence split in two gives two adjacent sentences, so the partner must sit right
    beside the piece already linked (on its side), and score at least ``threshold``
    (align.py passes its context bar) against the same counterpart.
    """
    n, m = score.shape
    by_i: dict[int, list[int]] = {}
    by_j: dict[int, list[int]] = {}
    for i, j in pairs:
        by_i.setdefault(i, []).append(j)
        by_j.setdefault(j, []).append(i)
    extra: list[tuple[int, int]] = []
    bar = threshold + SECONDARY_MARGIN
    for j in range(m):
        if j in by_j:
            continue
        cands = {i for q in (j - 1, j + 1) for i in by_j.get(q, [])}
        best = max(cands, key=lambda i: score[i, j], default=None)
        if best is not None and score[best, j] >= bar:
            extra.append((best, j))
    for i in range(n):
        if i in by_i:
            continue
        cands = {j for q in (i - 1, i + 1) for j in by_i.get(q, [])}
        best = max(cands, key=lambda j: score[i, j], default=None)
        if best is not None and score[i, best] >= bar:
            extra.append((i, best))
    return extra


def window(k: int, linked: dict[int, list[int]], size: int) -> tuple[int, int] | None:
    """Range of partner positions between the nearest linked neighbours of position k.

    Coverage follows its source locally even when it reorders paragraphs: a sentence
    sitting between the rewrites of base sentences 9 and 11 most likely reports 9, 10
    or 11. Returns None when the neighbours disagree about the order (a reorder seam).
    """
    before = [p for q in range(k - 1, -1, -1) if q in linked for p in linked[q]][:1]
    after = [p for q in range(k + 1, size) if q in linked for p in linked[q]][:1]
    if not before and not after:
        return None
    lo = min(before) if before else max(0, min(after) - 1)
    hi = max(after) if after else max(before) + 1
    if hi < lo or hi - lo > CONTEXT_SPAN:
        return None
    return lo, hi


def context_fill(score: np.ndarray, pairs: list[tuple[int, int]], bar: float) -> list[tuple[int, int]]:
    """Links for still-unlinked segments, taken only inside their neighbours' window."""
    n, m = score.shape
    if n == 0 or m == 0:
        return []
    by_j: dict[int, list[int]] = {}
    by_i: dict[int, list[int]] = {}
    for i, j in pairs:
        by_j.setdefault(j, []).append(i)
        by_i.setdefault(i, []).append(j)
    extra: list[tuple[int, int]] = []
    for j in range(m):
        if j in by_j:
            continue
        win = window(j, by_j, m)
        if win is None:
            continue
        lo, hi = max(win[0], 0), min(win[1], n - 1)
        i = lo + int(np.argmax(score[lo:hi + 1, j]))
        if score[i, j] >= bar:
            extra.append((i, j))
    for i in range(n):
        if i in by_i:
            continue
        win = window(i, by_i, n)
        if win is None:
            continue
        lo, hi = max(win[0], 0), min(win[1], m - 1)
        j = lo + int(np.argmax(score[i, lo:hi + 1]))
        if score[i, j] >= bar and (i, j) not in extra:
            extra.append((i, j))
    return extra


def mutual_best(score: np.ndarray, pairs: list[tuple[int, int]], bar: float) -> list[tuple[int, int]]:
    """Links between a base and a version segment that are both still unlinked and are
    each other's best match in the whole pair of texts, scoring at least ``bar``.

    A rewritten sentence that moved (a figure pulled up into the lead, a paragraph
    reordered) has no linked neighbours to vouch for it, so the context pass cannot
    reach it; being each other's first choice on both sides is the evidence instead."""
    n, m = score.shape
    if n == 0 or m == 0:
        return []
    s = np.where(np.isfinite(score), score, -np.inf)
    linked_i = {i for i, _ in pairs}
    linked_j = {j for _, j in pairs}
    extra: list[tuple[int, int]] = []
    for i in range(n):
        if i in linked_i:
            continue
        j = int(np.argmax(s[i]))
        if j not in linked_j and s[i, j] >= bar and int(np.argmax(s[:, j])) == i:
            extra.append((i, j))
    return extra


def link_headings(
    score: np.ndarray,
    heads: tuple[set[int], set[int]],
    linked: list[tuple[int, int]],
    one_to_one: Callable[[np.ndarray, float], list[tuple[int, int]]],
    threshold: float,
) -> list[tuple[int, int]]:
    """One-to-one links of heading-like segments, after the body: at the threshold, to
    a heading or to a sentence the body left unlinked (a title to a headline)."""
    used_i = {i for i, _ in linked}
    used_j = {j for _, j in linked}
    n, m = score.shape
    keep = np.zeros((n, m), dtype=bool)
    hi, hj = sorted(heads[0]), sorted(heads[1])
    keep[hi, :] = True
    keep[:, hj] = True
    keep[sorted(used_i), :] = False
    keep[:, sorted(used_j)] = False
    return one_to_one(np.where(keep, score, -np.inf), threshold)
