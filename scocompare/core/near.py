"""Near misses: for a sentence the aligner left unlinked, the closest sentence of the other
side and its score, kept as a hint for the reader.

Coverage is paraphrased more often than it is copied: a statement sentence retold by two or
three article sentences links to one of them, and the others are left "added" though they
echo it (the seed pair's misses, docs/alignment.md). Linking them would cost false links
elsewhere; showing "closest in the base: sentence 9, score 0.52 (not linked)" lets the
reader judge, and link by hand in one step.

A hint is kept only well above the pair's background (mean + 1.5 std of its scores) and at
0.8 x the threshold or more: under that, every sentence of a same-topic text is "closest"
to something, and the hint would say nothing. On the gold sets (docs/alignment.md, "Near
misses") a floor of mean + 1 std and 0.6 x threshold gave 89 hints of which 14 named a
gold partner; this one gives 25, of which 10 do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from scocompare.core import align_path
from scocompare.core.model import Link, NearMiss, Segment

FLOOR_SHARE = 0.8  # a hint scores at least this share of the threshold
FLOOR_Z = 1.5  # ... and this many standard deviations above the pair's mean score


def near_misses(
    base: Sequence[Segment],
    version: Sequence[Segment],
    score: np.ndarray,
    links: Iterable[Link],
    threshold: float,
    forbidden: Iterable[tuple[int, int]] = (),
) -> tuple[NearMiss, ...]:
    """Closest partner of every unlinked body sentence of ``base`` and ``version``.

    ``score`` is the pair's matrix (base x version content segments); ``links`` the
    pair's links; ``forbidden`` index pairs the user said must not link (never hinted).
    Headings (titles, datelines) are left out, as they are of coverage.
    """
    s = np.array(score, dtype=np.float32, copy=True)
    if s.size == 0:
        return ()
    for i, j in forbidden:
        s[i, j] = -np.inf
    mean, std = align_path.background(s)
    floor = max(mean + FLOOR_Z * std, FLOOR_SHARE * threshold)
    linked = {x for lk in links for x in (lk.a, lk.b)}
    heads = align_path.headings(base), align_path.headings(version)
    rows = [i for i in range(len(base)) if i not in heads[0]]
    cols = [j for j in range(len(version)) if j not in heads[1]]
    if not rows or not cols:
        return ()
    sub = s[np.ix_(rows, cols)]
    out: dict[tuple[str, str], NearMiss] = {}

    def keep(i: int, j: int) -> None:
        value = float(sub[i, j])
        if np.isfinite(value) and value >= floor:
            a, b = base[rows[i]].id, version[cols[j]].id
            out.setdefault((a, b), NearMiss(a, b, value))

    for k, j in enumerate(cols):
        if version[j].id not in linked:
            keep(int(np.argmax(sub[:, k])), k)
    for k, i in enumerate(rows):
        if base[i].id not in linked:
            keep(k, int(np.argmax(sub[k, :])))
    return tuple(sorted(out.values(), key=lambda n: (n.b, n.a)))
