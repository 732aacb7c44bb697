"""Double negatives and litotes, for the meaning-shift detector (:mod:`scocompare.core.shift`).

Two negative words that cancel out state the positive: "not without opposition" is
with opposition, "never fails to sail" always sails, "not unlike" is like, "refused to
rule out" leaves open what "did not exclude" leaves open. Counted as two negators they
would read as a negation against a plain positive wording. Each pass returns fresh
lists; the memoised per-text word lists are never changed.
"""

from __future__ import annotations

_NOTS = frozenset(("not", "never"))
_FAIL = frozenset(("fail", "fails", "failed", "failing"))
# Refusing to exclude is not excluding: "refused to rule out", "declined to exclude".
_REFUSALS = frozenset(("refuse", "refuses", "refused", "refusing", "decline_to"))
_EXCLUSIONS = frozenset(("rule_out", "exclude", "excludes", "excluded"))
_HEADS = _NOTS | _REFUSALS
_BE = frozenset(("be", "been", "is", "are", "was", "were"))


def double_negatives(toks: list[str], cl: list[int]) -> tuple[list[str], list[int]]:
    """``toks`` with negations that cancel read as the positive they state.

    "not"/"never" right before "without" (or "not been without") reads "with", before
    "unlike" reads "like";
    "never failed to" / "did not fail to" loses both negative words; "refused to rule
    out" / "declined to exclude" reads ``not_rule_out`` (as "did not rule out" does).
    Only inside one clause: "would not, without a vote, sign" keeps its negation.
    """
    if _HEADS.isdisjoint(toks):
        return toks, cl  # most sentences
    out: list[str] = []
    ocl: list[int] = []
    i, n = 0, len(toks)
    while i < n:
        w = toks[i]
        nxt = toks[i + 1] if i + 1 < n else ""
        same = i + 1 < n and cl[i + 1] == cl[i]
        # "has not been without its critics": a form of "be" may stand between.
        k = i + 1 + (nxt in _BE and i + 2 < n and toks[i + 2] in ("without", "unlike"))
        if w in _NOTS and k < n and cl[k] == cl[i] and toks[k] in ("without", "unlike"):
            out.extend(toks[i + 1:k])
            out.append("with" if toks[k] == "without" else "like")
            ocl.extend([cl[i]] * (k - i))
            i = k + 1
            continue
        if w in _NOTS and same and nxt in _FAIL:
            i += 2  # "never fails to open": it always opens
            continue
        if w in _REFUSALS and same:
            k = i + 1 + (nxt == "to")
            if k < n and toks[k] in _EXCLUSIONS and cl[k] == cl[i]:
                out.append("not_rule_out")
                ocl.append(cl[i])
                i = k + 1
                continue
        out.append(w)
        ocl.append(cl[i])
        i += 1
    return out, ocl


_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")


def negated_prefix(toks: list[str], cl: list[int], other: list[str]) -> tuple[list[str], list[int]]:
    """``toks`` with "not impossible" read as "possible" when the other side says "possible".

    A negator before a negatively prefixed word states the root: "not unusual" is
    usual, "not impossible" possible. Only the other side's plain root tells a prefix
    ("impossible") from a word that starts alike ("inside"), and only a root the other
    side does not negate itself ("not possible" against "not impossible" differs).
    """
    if _NOTS.isdisjoint(toks):
        return toks, cl
    plain = {w for k, w in enumerate(other) if not (k and other[k - 1] in _NOTS)}
    out, ocl = list(toks), list(cl)
    for k in range(len(toks) - 1, 0, -1):
        w = toks[k]
        if toks[k - 1] not in _NOTS or cl[k - 1] != cl[k] or not w.startswith(_PREFIXES):
            continue
        root = next((w[len(p):] for p in _PREFIXES if w.startswith(p) and w[len(p):] in plain), None)
        if root and len(root) >= 4:
            out[k - 1:k + 1] = [root]
            ocl[k - 1:k + 1] = [cl[k]]
    return out, ocl
