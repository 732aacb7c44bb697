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
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from scocompare.core.facts_compat import compatible

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


def _keys(fact, near: bool = False) -> list[tuple]:
    """Buckets a fact is filed under (``near``: looked up in). Compatible facts share
    kind and unit, a date's month, and a quantity's order of magnitude give or take one
    ("about 1,000" and 990), so a look-up scans a few small buckets, not every fact."""
    if fact.kind == "date":
        return [("date", fact.value.get("month"))]
    value = fact.value.get("value")
    if fact.kind not in _QUANTITIES or value is None:
        return [(fact.kind,)]
    mag = math.floor(math.log10(abs(value))) if value and math.isfinite(value) else None
    unit = fact.value.get("unit") or None
    if mag is None or not near:
        return [(fact.kind, unit, mag)]
    return [(fact.kind, unit, m) for m in (mag - 1, mag, mag + 1)]


def _by_kind(facts: Sequence[Sequence]) -> dict[tuple, list[tuple[int, object]]]:
    """(sentence index, fact) of every fact of ``facts`` (one list per sentence), by bucket."""
    out: dict[tuple, list[tuple[int, object]]] = {}
    for k, fs in enumerate(facts):
        for g in fs:
            for key in _keys(g):
                out.setdefault(key, []).append((k, g))
    return out


def _holders(fact, index: dict) -> set[int]:
    """Sentences of an indexed side that state ``fact``'s figure."""
    return {k for key in _keys(fact, near=True) for k, g in index.get(key, ()) if _same_figure(fact, g)}


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
    index = _by_kind(facts)
    found = [(i, f) for i, fs in enumerate(facts) for f in fs if specific(f) and _holders(f, index) == {i}]
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
    bar = mean + FIGURE_Z * std
    have = set(linked)
    index_b = _by_kind(facts_b)
    out: list[tuple[int, int]] = []
    for i, f in _rare(facts_a):
        holders = _holders(f, index_b)
        if len(holders) != 1:
            continue  # stated by no version sentence, or by more than one
        j = holders.pop()
        if (i, j) not in have and score[i, j] >= bar and (i, j) not in out:
            out.append((i, j))
    return out


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
    bar = mean + FIGURE_Z * std
    have = set(linked)
    words_a = [words_of(t) for t in texts_a]
    out: list[tuple[int, int]] = []
    for j, passages in enumerate(quotes):
        for q in passages:
            hits = [i for i, w in enumerate(words_a) if _contains(w, q)]
            if len(hits) != 1 or sum(q in qs for qs in quotes) != 1:
                continue
            i = hits[0]
            if (i, j) not in have and score[i, j] >= bar and (i, j) not in out:
                out.append((i, j))
    return out


FactsOf = Callable[[object], Sequence]  # a Segment -> its facts
