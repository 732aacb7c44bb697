"""Negations said with an antonym, and absences of evidence (for :mod:`scocompare.core.shift`).

- **a word against its antonym negated**: "will remain exempt from the tax" and "still
  pay nothing", "stay open" and "will not close", "is banned" and "is not allowed",
  "kept their jobs" and "none of them lost their jobs" state one fact; the negator of
  the second wording is the antonym's, not a negation of the claim. "Exempt" against
  "no longer exempt" (the same word negated) is still a negation;
- **an absence of evidence**: "there is no evidence that passwords were accessed" is a
  hedge on what is known; "your passwords were not accessed" states it as a fact. One
  side with the hedge and a plain negation on the other (no hedge of its own: "nothing
  suggests", "does not appear to") is a qualifier shift.

Each pass returns fresh lists; the memoised per-text word lists are never changed.
"""

from __future__ import annotations


def _forms(text: str) -> frozenset[str]:
    return frozenset(text.split())


# (words of one state, words of its opposite): "exempt" says "not pay".
_ANTONYMS = (
    (_forms("exempt exempted exemption"), _forms("pay pays paid paying charged charge charges liable")),
    (_forms("open"), _forms("close closes closed closing shut shuts")),
    (_forms("closed shut"), _forms("open opens opened reopen reopened")),
    (_forms("banned prohibited forbidden barred outlawed illegal"), _forms("allowed permitted legal")),
    (_forms("allowed permitted legal"), _forms("banned prohibited forbidden barred outlawed illegal")),
    (_forms("kept keep keeps retain retains retained"), _forms("lose loses lost losing")),
    (_forms("survived survive survives alive"), _forms("die died dies killed dead")),
    (_forms("absent missing"), _forms("present attend attended found")),
)
# "free" is a price only as a predicate or adverb ("travel free", "it is free", "for
# free", "free of charge"); before a noun ("free monitoring") it says who pays nothing.
_FREE_AFTER = _forms("of on in at to for from during until")
_NEGS = _forms("not no never nothing none nobody neither nor no_longer without")
_ALL_WORDS = frozenset().union(*(p | n for p, n in _ANTONYMS)) | {"free", "nothing"}


def _negated_at(toks: list[str], cl: list[int], k: int) -> bool:
    """True when a negator stands within the three words before ``toks[k]`` in its clause."""
    return any(toks[j] in _NEGS and cl[j] == cl[k] for j in range(max(0, k - 3), k))


def _states(toks: list[str], cl: list[int]) -> list[int]:
    """Rows of ``_ANTONYMS`` whose first words ``toks`` states without a negator."""
    rows = []
    for r, (pos, _) in enumerate(_ANTONYMS):
        for k, w in enumerate(toks):
            free = w == "free" and r == 0 and (k + 1 == len(toks) or cl[k + 1] != cl[k] or toks[k + 1] in _FREE_AFTER
                                               or toks[k - 1:k] == ["for"])
            if (w in pos or free) and not _negated_at(toks, cl, k):
                rows.append(r)
                break
    return rows


def antonym_negations(ta: list[str], cla: list[int], tb: list[str], clb: list[int]) -> list[str]:
    """``tb`` with each negator that negates the antonym of a state ``ta`` states read as ``<antonym>``.

    The negator must govern the antonym in its clause ("do not pay", "will not close",
    "none of them lost": up to five words on; "pay nothing", "pay no fee": just after
    it), and ``tb`` must not use the state's own words.
    """
    if _ALL_WORDS.isdisjoint(ta) or _NEGS.isdisjoint(tb):
        return tb
    out = list(tb)
    for r in _states(ta, cla):
        pos, neg = _ANTONYMS[r]
        if not pos.isdisjoint(tb) or neg.isdisjoint(tb):
            continue
        for k, w in enumerate(tb):
            if w not in _NEGS:
                continue
            ahead = [j for j in range(k + 1, min(len(tb), k + 6)) if clb[j] == clb[k]]
            behind = [j for j in (k - 1, k - 2) if j >= 0 and clb[j] == clb[k]]
            if any(tb[j] in neg for j in ahead) or (w in ("nothing", "no") and any(tb[j] in neg for j in behind)):
                out[k] = "<antonym>"
    return out


# "no evidence that", "no sign of", "no indication", "nothing to suggest".
_EVIDENCE = _forms("evidence sign signs indication indications suggestion proof trace")
_SHOWING = _forms("suggest suggests suggesting indicate indicates show shows showing")
# Words by which a side hedges what it knows itself: then both sides hedge.
_HEDGES = _EVIDENCE | _SHOWING | _forms("appear appears appeared seem seems seemed believe believed believes "
                                        "thought known unknown likely apparently understood clear unclear")
_PLAIN_NEGS = _forms("not no never none neither nor nothing no_longer")


# "there is no evidence", "found no sign", "have seen no indication": what is known. After
# another verb ("the government provided no evidence") an actor failed to supply it: a claim.
_KNOWING = _forms("is are was were be been found find finds seen see saw detected uncovered has have")


def _evidence_frame(toks: list[str]) -> bool:
    """True when ``toks`` denies evidence: "there is no evidence (that)", "nothing to suggest", "found no sign"."""
    for k, w in enumerate(toks):
        nxt = toks[k + 1:k + 3]
        if w in ("no", "not", "nothing") and (not k or toks[k - 1] in _KNOWING) and (
                not _EVIDENCE.isdisjoint(nxt) or (w == "nothing" and not _SHOWING.isdisjoint(nxt))):
            return True
    return False


def evidence_hedge(ta: list[str], tb: list[str]) -> int | None:
    """The side (0 for ``ta``) that denies evidence where the other side plainly denies the fact, or None.

    "There is no evidence that the pilots had been drinking" / "the pilots had not been
    drinking": the other side has a negator and no hedge of its own (the pair is already
    linked, so both state one claim).
    """
    if _EVIDENCE.isdisjoint(ta) and _EVIDENCE.isdisjoint(tb) and _SHOWING.isdisjoint(ta) and _SHOWING.isdisjoint(tb):
        return None  # most pairs
    for side, x, y in ((0, ta, tb), (1, tb, ta)):
        if _evidence_frame(x) and _HEDGES.isdisjoint(y) and not _PLAIN_NEGS.isdisjoint(y):
            return side
    return None
