"""Step 9 of docs/alignment.md: a figure or a quote only two sentences share links them.

A number, an amount, a percentage or a full date passes from a statement into its
coverage more faithfully than any wording. When one base sentence and one version
sentence are the only sentences of their texts to state a figure (with compatible values:
"17" and "at least 17", "1 March" and "from March", "22 million euros" and "22m euros"),
and the pair scores above its background, the two report the same thing, even when the
version sentence retells much more around it (a wire lead merging three sentences) or
the base sentence already has a partner (a second sentence retelling it). Sentence
scores alone cannot tell these from topic neighbours (the echoes and lead merges of
docs/alignment.md); a figure shared by no other sentence can.

Quoted words are the other detail copied as it stands: a version sentence that quotes
three or more words found in one base sentence alone ("a modest contribution", "followed
him for more than two years") retells that sentence, however much it rewords the rest.

Figures that mean little on their own are left out: a count under three ("two weeks",
"one of them"), a bare year, a month or a weekday, and a wire story's dateline (when it
was filed, not what it reports). A figure stated by a second sentence
on either side is no evidence for either.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from scocompare.core.facts_compat import compatible
from scocompare.core.facts_numbers import interval

# The pair must still score this many standard deviations above its mean: a shared
# figure in two sentences about different things ("12 weeks" of a trial against "12
# weeks" of a strike notice) does not make them alike. Read off the gold sets (docs/alignment.md,
# round 8): at 0.8 every pair it links there is a gold link.
FIGURE_Z = 0.8
_QUANTITIES = ("number", "percentage", "money")


def specific(fact) -> bool:
    """Whether a fact is specific enough to identify what a sentence reports."""
    if fact.role == "dateline":  # where and when the story was filed, not what it says
        return False
    if fact.kind == "date":
        return "day" in fact.value and "month" in fact.value
    if fact.kind in _QUANTITIES:
        value = fact.value.get("value")
        return value is not None and (fact.kind != "number" or abs(value) >= 3)
    return False


def _same_figure(fact, other) -> bool:
    """``other`` states ``fact``'s figure: compatible and itself a figure ("from March"
    for "1 March"; not "this year", which any date is compatible with)."""
    if other.role == "dateline":
        return False
    if other.kind == "date" and ("relative" in other.value or "month" not in other.value):
        return False
    return compatible(fact, other)


def _range(fact) -> tuple[float, float] | None:
    """The values a quantity's writer may mean (facts_numbers.interval), None for others."""
    value = fact.value.get("value") if fact.kind in _QUANTITIES else None
    if value is None or not math.isfinite(value):
        return None
    v = fact.value
    return interval(value, v.get("precision", 1.0), v.get("approx", False), v.get("bound"))


class _Index:
    """The facts of one side, for "which sentences state this figure?". Compatible
    quantities share kind and unit and their ranges overlap (facts_compat), so a
    quantity is looked up by binary search among the ranges of its kind and unit; a
    date among the dates of its month. Scans stay small when a text states hundreds of
    figures of one unit."""

    def __init__(self, facts: Sequence[Sequence]):
        ranged: dict[tuple, list[tuple[float, float, int, object]]] = {}
        self.other: dict[tuple, list[tuple[int, object]]] = {}
        for k, fs in enumerate(facts):
            for g in fs:
                span = _range(g)
                if span is not None:
                    ranged.setdefault((g.kind, g.value.get("unit") or None), []).append((*span, k, g))
                else:
                    self.other.setdefault(self._key(g), []).append((k, g))
        self.ranged = {}
        for key, items in ranged.items():
            # Open ranges ("more than 1,000") and wide ones are few: scanned apart, so that
            # they do not widen the search window of every look-up.
            widths = sorted(w for w in (hi - lo for lo, hi, _, _ in items) if math.isfinite(w)) or [0.0]
            width = widths[int(0.9 * (len(widths) - 1))]
            narrow = sorted((t for t in items if t[1] - t[0] <= width), key=lambda t: t[0])
            wide = [t for t in items if not t[1] - t[0] <= width]
            self.ranged[key] = ([t[0] for t in narrow], narrow, width, wide)

    @staticmethod
    def _key(fact) -> tuple:
        return ("date", fact.value.get("month")) if fact.kind == "date" else (fact.kind,)

    def holders(self, fact) -> set[int]:
        """Sentences of this side that state ``fact``'s figure."""
        span = _range(fact)
        if span is None:
            return {k for k, g in self.other.get(self._key(fact), ()) if _same_figure(fact, g)}
        found = self.ranged.get((fact.kind, fact.value.get("unit") or None))
        if found is None:
            return set()
        los, narrow, width, wide = found
        lo, hi = span
        # Overlap needs lo_g < hi and hi_g > lo; hi_g <= lo_g + width, so lo_g > lo - width.
        start, end = bisect_left(los, lo - width), bisect_left(los, hi)
        return {k for _, _, k, g in narrow[start:end] + wide if _same_figure(fact, g)}


_rare_memo: OrderedDict[tuple[int, ...], tuple[Sequence, list]] = OrderedDict()
_rare_lock = threading.Lock()


def _rare(facts: Sequence[Sequence]) -> list[tuple[int, object]]:
    """(i, fact) of every specific fact that sentence i alone states. Remembered for the
    last few fact lists by the identity of their per-sentence tuples (the fact layer's
    cache hands out the same tuples): a base is checked once, not once per version."""
    key = tuple(map(id, facts))
    with _rare_lock:
        hit = _rare_memo.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], facts, strict=True)):
            return hit[1]
    index = _Index(facts)
    found = [(i, f) for i, fs in enumerate(facts) for f in fs if specific(f) and index.holders(f) == {i}]
    with _rare_lock:
        _rare_memo[key] = (list(facts), found)  # the list keeps the ids in the key alive
        while len(_rare_memo) > 4:
            _rare_memo.popitem(last=False)
    return found


def shared_figures(
    score: np.ndarray,
    linked: Sequence[tuple[int, int]],
    facts_a: Sequence[Sequence],
    facts_b: Sequence[Sequence],
    mean: float,
    std: float,
) -> list[tuple[int, int]]:
    """Unlinked (i, j) pairs of ``score`` that alone share a specific figure and score at
    least ``mean + FIGURE_Z * std``; ``facts_a[i]`` / ``facts_b[j]`` are the facts of base
    sentence i / version sentence j (facts_extract.Fact)."""
    if not std:
        return []
    index_b = _Index(facts_b)
    found = []
    for i, f in _rare(facts_a):
        holders = index_b.holders(f)
        if len(holders) == 1:  # not stated by no version sentence, nor by more than one
            found.append((i, holders.pop()))
    return _above_background(found, score, linked, mean, std)


def _above_background(pairs, score: np.ndarray, linked, mean: float, std: float) -> list[tuple[int, int]]:
    """``pairs`` (in order, once each) not linked yet and scoring mean + FIGURE_Z * std or more."""
    bar = mean + FIGURE_Z * std
    have = set(linked)
    return [p for p in dict.fromkeys(pairs) if p not in have and score[p] >= bar]


def _contains(words: Sequence[str], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(tuple(words[k:k + n]) == part for k in range(len(words) - n + 1))


def shared_quotes(
    score: np.ndarray,
    linked: Sequence[tuple[int, int]],
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    mean: float,
    std: float,
) -> list[tuple[int, int]]:
    """Unlinked (i, j) pairs where version sentence j quotes words that base sentence i
    alone contains (and no other version sentence quotes), scoring at least
    ``mean + FIGURE_Z * std``."""
    from scocompare.core.quotes import quoted_words, words_of

    if not std:
        return []
    quotes = [quoted_words(t) for t in texts_b]
    if not any(quotes):
        return []
    words_a = [words_of(t) for t in texts_a]
    found = []
    for j, passages in enumerate(quotes):
        for q in passages:
            hits = [i for i, w in enumerate(words_a) if _contains(w, q)]
            if len(hits) == 1 and sum(q in qs for qs in quotes) == 1:
                found.append((hits[0], j))
    return _above_background(found, score, linked, mean, std)


FactsOf = Callable[[object], Sequence]  # a Segment -> its facts
