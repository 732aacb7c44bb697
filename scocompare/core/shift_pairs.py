"""Rewrites of one side of a pair read against the other side (for :mod:`shift`).

A word's meaning sometimes depends on what the other sentence says: "stopped" negates
only a verb the other side keeps, an order ("Stop using it") carries the other side's
"should", an opening "only" may be restated as a converse. Each function returns fresh
lists; the memoised per-text word lists are never changed.
"""

from __future__ import annotations

from scocompare.core.shift_words import QUALIFIER_CLASS, STOPWORDS, VERB_NEGATORS


def _stem(w: str) -> str:
    return w.split("_")[0][:5]


def _unanchored_stops(toks: list[str], other: list[str]) -> list[str]:
    """``toks`` with each stop/cease/halt whose verb the other side drops read as ``<end>``.

    "Stopped hiring" against "kept hiring" negates the shared verb; "will cease to have
    effect" against "will lapse" rewrote the whole verb phrase, and says the same.
    """
    if not any(w in VERB_NEGATORS for w in toks):
        return toks
    stems = {_stem(w) for w in other}
    out = list(toks)
    for i, w in enumerate(toks):
        if w not in VERB_NEGATORS:
            continue
        # "halt all offensive operations": the verb governs the noun after the quantifier.
        governed = next((x for x in toks[i + 1:i + 4] if x not in STOPWORDS and x not in QUALIFIER_CLASS), None)
        if governed is None or _stem(governed) not in stems:
            out[i] = "<end>"
    return out


_ADVICE = frozenset(("should", "must", "need_to", "have_to", "ought"))


def _imperative(toks: list[str], cl: list[int], other: list[str]) -> tuple[list[str], list[int]]:
    """``toks`` with the advice modal of ``other`` restored when ``toks`` is an order.

    "Stop using the heater" tells readers what "customers should stop using the
    heater" does: a sentence that opens on the very verb the other side puts after
    "should" or "must" carries that modal.
    """
    start = 1 if toks[:1] == ["please"] else 0
    if len(toks) <= start:
        return toks, cl
    for k in range(len(other) - 1):
        if other[k] in _ADVICE and other[k + 1] == toks[start]:
            return toks[:start] + [other[k]] + toks[start:], cl[:start] + [cl[start]] + cl[start:]
    return toks, cl


def _converse(toks: list[str], cl: list[int], other: list[str]) -> tuple[list[str], list[int]]:
    """``toks`` without an opening "only" that the other side states as a converse.

    "Only cars built before 2019 are affected" and "affected cars were built before
    2019" state one restriction: the other side opens on this side's predicate word.
    """
    if toks[:1] != ["only"] or not other or other[0] == "only" or other[0] in STOPWORDS:
        return toks, cl
    if _stem(other[0]) in {_stem(w) for w in toks[3:]}:
        return toks[1:], cl[1:]
    return toks, cl


_NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")


def _prefixed_negation(toks: list[str], cl: list[int], other: list[str]) -> tuple[list[str], list[int]]:
    """``toks`` with "unsafe" read as "not safe" when the other side says "(not) safe".

    A negative prefix and a negator say the same thing; only the pairing with the other
    side's "not X" tells a prefix ("unsafe") from a word that starts alike ("inside").
    """
    has_not = "not" in other
    if not any(w.startswith(_NEGATIVE_PREFIXES if has_not else "un") for w in toks):
        return toks, cl
    negated = {other[k + 1] for k in range(len(other) - 1) if other[k] == "not"} if has_not else set()
    plain = set(other)
    out, ocl = list(toks), list(cl)
    for k in range(len(toks) - 1, -1, -1):
        w = toks[k]
        root = next((w[len(p):] for p in _NEGATIVE_PREFIXES if w.startswith(p) and w[len(p):] in negated), None)
        # "unsafe" against a plain "safe": only "un" is a prefix often enough to trust.
        if root is None and w.startswith("un") and len(w) >= 6 and w[2:] in plain:
            root = w[2:]
        if root and len(root) >= 3:
            out[k:k + 1] = ["not", root]
            ocl[k:k + 1] = [cl[k], cl[k]]
    return out, ocl
