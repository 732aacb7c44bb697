"""Rewrites of one side of a pair read against the other side (for :mod:`shift`).

A word's meaning sometimes depends on what the other sentence says: "stopped" negates
only a verb the other side keeps, an order ("Stop using it") carries the other side's
"should", an opening "only" may be restated as a converse. Each function returns fresh
lists; the memoised per-text word lists are never changed.
"""

from __future__ import annotations

import re

from scocompare.core.shift_words import QUALIFIER_CLASS, STOPWORDS, VERB_NEGATORS


def _stem(w: str) -> str:
    return w.split("_")[0][:5]


def _unanchored_stops(toks: list[str], other: list[str]) -> list[str]:
    """``toks`` with each stop/cease/halt whose verb the other side drops read as ``<end>``.

    "Stopped hiring" against "kept hiring" negates the shared verb; "will cease to have
    effect" against "will lapse" rewrote the whole verb phrase, and says the same.
    """
    if VERB_NEGATORS.isdisjoint(toks):
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
    if len(toks) <= start or _ADVICE.isdisjoint(other):
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
_PREFIX_STARTS = frozenset(p[:2] for p in _NEGATIVE_PREFIXES)
_PREFIXED = re.compile(" (?:" + "|".join(_NEGATIVE_PREFIXES) + ")")
_UN_PREFIXED = re.compile(" un")


def _prefixed_negation(toks: list[str], cl: list[int], other: list[str]) -> tuple[list[str], list[int]]:
    """``toks`` with "unsafe" read as "not safe" when the other side says "(not) safe".

    A negative prefix and a negator say the same thing; only the pairing with the other
    side's "not X" tells a prefix ("unsafe") from a word that starts alike ("inside").
    """
    has_not = "not" in other
    # Any word that starts like a prefix, found in the joined words (tokens hold no spaces).
    if not (_PREFIXED if has_not else _UN_PREFIXED).search(" " + " ".join(toks)):
        return toks, cl
    negated = {other[k + 1] for k in range(len(other) - 1) if other[k] == "not"} if has_not else set()
    plain = set(other)
    out, ocl = list(toks), list(cl)
    for k in range(len(toks) - 1, -1, -1):
        w = toks[k]
        if w[:2] not in _PREFIX_STARTS:  # most words: no prefix to read
            continue
        root = next((w[len(p):] for p in _NEGATIVE_PREFIXES if w.startswith(p) and w[len(p):] in negated), None)
        # "unsafe" against a plain "safe": only "un" is a prefix often enough to trust.
        if root is None and w.startswith("un") and len(w) >= 6 and w[2:] in plain:
            root = w[2:]
        if root and len(root) >= 3:
            out[k:k + 1] = ["not", root]
            ocl[k:k + 1] = [cl[k], cl[k]]
    return out, ocl


# Outcomes a condition can hinge on, each with its opposite: "unless the board agrees"
# says "if the board refuses". Two flips (the marker turned round, the outcome turned
# round) cancel out. Base verbs; inflected forms are read back to them by ``_base``.
_GOOD_OUTCOMES = frozenset("agree approve accept pass succeed win won back support endorse allow permit "
                           "grant ratify sign comply meet met hold held survive resolve settle reach "
                           "relent concede yield improve continue".split())
_BAD_OUTCOMES = frozenset("refuse reject decline fail lose lost oppose block veto object deny withhold "
                          "rebuff miss breach collapse defeat resist overturn worsen stall".split())
_POSITIVE_MARKERS = frozenset(("if", "provided-that", "as-long-as", "so-long-as", "on-condition-that"))
_FILLERS = STOPWORDS | frozenset(("does", "do", "did", "to"))


def _base(w: str) -> tuple[str, ...]:
    """The forms ``w`` may be inflected from ("agrees" -> agree, "approved" -> approve)."""
    out = [w]
    for suffix in ("ing", "ies", "es", "ed", "s", "d"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            root = w[:-len(suffix)]
            out += [root, root + "e", root + "y", root[:-1] if root[-1:] == root[-2:-1] else root]
    return tuple(out)


def _outcome(w: str) -> int:
    """+1 for a good outcome ("agrees"), -1 for a bad one ("refuses"), 0 otherwise."""
    forms = _base(w)
    if any(f in _BAD_OUTCOMES for f in forms):
        return -1
    if any(f in _GOOD_OUTCOMES for f in forms):
        return 1
    return 0


def _condition_span(toks: list[str], cl: list[int], i: int) -> range:
    """Positions of the condition opened by the marker at ``i``: the rest of its clause."""
    end = i + 1
    while end < len(toks) and end < i + 12 and cl[end] == cl[i]:
        end += 1
    return range(i + 1, end)


def turned_antonyms(ta: list[str], cla: list[int], tb: list[str], clb: list[int]):
    """Both sides with a condition turned round *and* its outcome turned round read alike.

    "Strike unless the league accepts" and "strike if the league declines" state one
    condition: when one side's "unless" stands where the other has "if" (or "provided
    that", "as long as") and the conditions differ only by one outcome word and its
    opposite (agree/refuse, approve/reject, pass/fail, win/lose, ...), the "unless" side
    is rewritten with the other side's marker and outcome word. A turned marker alone
    ("unless the board agrees" / "if the board agrees") or a swapped outcome alone ("if
    talks fail" / "if talks succeed") is left for the detector to flag.
    """
    if not (("unless" in ta and _POSITIVE_MARKERS.intersection(tb))
            or ("unless" in tb and _POSITIVE_MARKERS.intersection(ta))):
        return (ta, cla), (tb, clb)
    ma = [k for k, w in enumerate(ta) if w == "unless" or w in _POSITIVE_MARKERS]
    mb = [k for k, w in enumerate(tb) if w == "unless" or w in _POSITIVE_MARKERS]
    if len(ma) != len(mb):
        return (ta, cla), (tb, clb)
    out_a, out_b = list(ta), list(tb)
    for i, j in zip(ma, mb, strict=True):
        if (ta[i] == "unless") == (tb[j] == "unless"):
            continue
        span_a, span_b = _condition_span(ta, cla, i), _condition_span(tb, clb, j)
        only_a = [k for k in span_a if ta[k] not in _FILLERS and _stem(ta[k]) not in {_stem(tb[m]) for m in span_b}]
        only_b = [m for m in span_b if tb[m] not in _FILLERS and _stem(tb[m]) not in {_stem(ta[k]) for k in span_a}]
        # Exactly one changed word each side, and they are opposite outcomes.
        if len(only_a) != 1 or len(only_b) != 1:
            continue
        oa, ob = _outcome(ta[only_a[0]]), _outcome(tb[only_b[0]])
        if oa * ob != -1:
            continue
        if ta[i] == "unless":
            out_a[i], out_a[only_a[0]] = tb[j], tb[only_b[0]]
        else:
            out_b[j], out_b[only_b[0]] = ta[i], ta[only_a[0]]
    return (out_a, cla), (out_b, clb)
