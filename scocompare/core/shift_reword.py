"""Rewordings that keep the meaning, for the meaning-shift detector (:mod:`scocompare.core.shift`).

Coverage restates a statement in the words of reporting; these passes read such
wordings alike, so that only what moved the meaning is left to count:

- **advice in the passive**: "is advised to talk", "are urged to check", "are asked to
  stay" give the advice "should" gives (a modal of the ``advisory`` class);
- **a superlative** "the most important side effect" ranks, it does not say "most of";
- **"not to stop taking"** says what "should not stop" says: both go on (``<go_on>``);
- **a privation**: "were left without power" is "lost power";
- **a provisional decision**: "granted conditional approval" against a plain "approved"
  drops the condition on the decision (a qualifier shift), wherever it sits;
- **a modal over new content**: "is valid for a year and may be renewed" against "runs
  for a year at a time": the "may" governs a verb ("renewed") the other side never
  states, so the clause is dropped content, not a shifted modal.
"""

from __future__ import annotations


def _forms(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "is advised to", "are urged to": the passive of a verb of advice before "to".
_ADVICE_VERBS = _forms("advised urged encouraged asked recommended invited")
_BE = _forms("is are was were be been being am")
# A determiner before "most" makes it a superlative ("the most important").
_SUPERLATIVE_HEADS = _forms("the its their his her our your my this")


def advice_passives(toks: list[str], cl: list[int]) -> tuple[list[str], list[int]]:
    """``toks`` with "is advised to" and its kin read as ``should`` (the advisory modal).

    "Passengers are advised to check the website" reads "passengers should check the
    website" (and so meets an order, "Check the website", as "should" does). Only the
    passive with "to" counts: "the minister urged parliament to act" names who advised
    whom, and its verb is content the other side restates in its own words.
    """
    if _ADVICE_VERBS.isdisjoint(toks):
        return toks, cl
    out, ocl = list(toks), list(cl)
    for i in range(len(toks) - 2, 0, -1):
        if toks[i] in _ADVICE_VERBS and toks[i + 1] == "to" and toks[i - 1] in _BE:
            out[i - 1:i + 2] = ["should"]
            ocl[i - 1:i + 2] = [cl[i]]
    return out, ocl


def not_to_stop(toks: list[str], cl: list[int], stops) -> tuple[list[str], list[int]]:
    """``toks`` with "not to stop" (and "never to halt", ...) read as one ``<go_on>``.

    "advised not to stop taking their medicines" says "should not stop any treatment":
    two negations, one going on. ``stops`` are the verbs of stopping (and ``<stop>``).
    """
    if "to" not in toks or stops.isdisjoint(toks):
        return toks, cl
    out, ocl = list(toks), list(cl)
    for i in range(len(toks) - 2, 0, -1):
        if toks[i] == "to" and toks[i - 1] in ("not", "never") and toks[i + 1] in stops:
            out[i - 1] = "<go_on>"
            del out[i:i + 2], ocl[i:i + 2]
    return out, ocl


def superlatives(toks: list[str]) -> None:
    """Replace, in place, the "most" of a superlative ("the most important") by ``<superlative>``.

    "the most votes", "its most senior official" rank one thing above others; "most" as
    a quantifier ("most patients", "most of them") has no determiner before it.
    """
    if "most" not in toks:
        return
    for i in range(1, len(toks)):
        if toks[i] == "most" and toks[i - 1] in _SUPERLATIVE_HEADS:
            toks[i] = "<superlative>"


_LOSE = _forms("lost lose loses losing deprived")


def privations(ta: list[str], tb: list[str]) -> tuple[list[str], list[str]]:
    """Both word lists with "without" read as ``<lost>`` when the other side says "lost".

    "homes were left without power" and "homes lost power" state one privation in two
    wordings; "without" is no negator there.
    """
    if "without" not in ta and "without" not in tb:
        return ta, tb
    out = []
    for x, y in ((ta, tb), (tb, ta)):
        if "without" in x and not _LOSE.isdisjoint(y):
            x = ["<lost>" if w == "without" else w for w in x]
        out.append(x)
    return out[0], out[1]


# Hedges of a decision ("conditional approval", "provisionally agreed").
_PROVISIONAL = _forms("conditional conditionally provisional provisionally interim tentative tentatively "
                      "preliminary")
# Stems (first five letters) of the words that state a decision.
_DECISIONS = frozenset(("appro", "autho", "licen", "agree", "clear", "ratif", "permi", "grant", "sanct",
                        "endor", "green"))


def _decision_stems(toks: list[str]) -> set[str]:
    return {w[:5] for w in toks if w[:5] in _DECISIONS}


def provisional_decision(ta: list[str], tb: list[str]) -> tuple[str, int] | None:
    """``(hedge, side)`` when one side hedges a decision ("conditional authorisation") that
    the other side states plainly ("has been approved"); side 0 when ``ta`` hedges.

    The hedge must stand right before (or after) a decision word, and the other side must
    state a decision without any such hedge. A heavy rewrite keeps the decision word and
    drops the hedge, so this is judged on the whole sentences, not on local edits.
    """
    pa, pb = _PROVISIONAL.intersection(ta), _PROVISIONAL.intersection(tb)
    if bool(pa) == bool(pb):
        return None
    side, x, y = (0, ta, tb) if pa else (1, tb, ta)
    if not _decision_stems(y):
        return None
    for i, w in enumerate(x):
        if w not in _PROVISIONAL:
            continue
        near = x[max(0, i - 1):i] + x[i + 1:i + 3]
        if _decision_stems(near):
            return w, side
    return None


# Words between a modal and the verb it governs.
_AUX = _forms("be been being have has had not never also still only then later again soon <go_on>")


def governed_verbs(toks: list[str], modals) -> list[str]:
    """The verb each modal of ``toks`` in ``modals`` governs: the first word after it
    that is no auxiliary ("may be renewed" gives "renewed")."""
    out = []
    for i, w in enumerate(toks):
        if w not in modals:
            continue
        j = i + 1
        while j < len(toks) and (toks[j] in _AUX or toks[j] == "to"):
            j += 1
        if j < len(toks):
            out.append(toks[j])
    return out


def over_new_content(toks: list[str], modals, other: list[str], stem) -> bool:
    """True when every modal of ``toks`` in ``modals`` governs a verb the other side never
    states (in any inflection): the modal goes with content the other side does not have."""
    verbs = governed_verbs(toks, modals)
    if not verbs:
        return False
    stems = {stem(w) for w in other}
    # A stem is a word's first five letters: "keep" is found in "keeps" by its prefix.
    return all(stem(v) not in stems and not any(w.startswith(v) for w in other) for v in verbs)


def one_sided_modal(removed, added, ta, tb, classes, stem) -> bool:
    """True when a modal is dropped (or added) with nothing in its place, and yet no hedge moved.

    Either the other sentence has the same modal class elsewhere ("we can offer" quoted
    against "the first that could offer" reported: the diff splits them), or the modal
    governs a verb the other side never states ("and may be renewed" against "at a
    time"): a dropped clause, not a shifted modal. ``classes(words)`` gives the modal
    classes of a word list, ``stem(word)`` a word's stem.
    """
    mr, ma = classes(removed), classes(added)
    if mr and ma:
        return False
    side, other = (removed, tb) if mr else (added, ta)
    if (mr | ma) <= classes(other):
        return True
    # "may help (to) keep" softens "may keep": the verb the modal governs is "keep".
    side = [w for k, w in enumerate(side) if not _softener(side, k, classes)]
    return over_new_content(side, {w for w in side if classes([w])}, other, stem)


_SOFTENERS = frozenset(("help", "helps", "helped"))


def _softener(words, k: int, classes) -> bool:
    """True for "help" right after a modal, and for the "to" after such a "help"."""
    if words[k] in _SOFTENERS:
        return k > 0 and bool(classes([words[k - 1]]))
    return words[k] == "to" and k > 1 and words[k - 1] in _SOFTENERS and bool(classes([words[k - 2]]))


def _spans(ops, src: bool, ta: list[str], content) -> list[tuple[int, int]]:
    """Changed spans of one side; an equal run of one or two function words inside a
    change ("the") does not split it, as the diff's choice of a "the" to keep is arbitrary."""
    out: list[list[int]] = []
    glue = False
    for tag, sa, ea, sb, eb in ops:
        start, end = (sa, ea) if src else (sb, eb)
        if tag == "equal":
            glue = bool(out) and end - start <= 2 and not any(content(w) for w in ta[sa:ea])
            continue
        if end == start:
            continue
        if glue and out:
            out[-1][1] = end
        else:
            out.append([start, end])
        glue = False
    return [(a, b) for a, b in out]


def drop_moved(ta: list[str], cla: list[int], tb: list[str], clb: list[int], content, opcodes=None):
    """Both word lists without a phrase of three words or more that only changed place.

    "'We may close the plant,' the chief executive said" against "The chief executive
    said the company would close the plant": a word diff keeps one of the two shared runs
    and reads the other as a deletion plus an insertion, which buries the real edit ("may"
    -> "would") in a long, non-local block. A run found whole in a deleted block and in an
    inserted block, with a content word in it, moved: it is dropped from both sides.
    ``content(word)`` is a stem or None (see ``shift_diff._content``); ``opcodes``: the word
    diff of ``ta`` and ``tb`` when the caller has it already.
    """
    from rapidfuzz.distance import Indel

    ops = (opcodes if opcodes is not None else Indel.opcodes(ta, tb)).as_list()  # (tag, sa, ea, sb, eb)
    gone = [s for s in _spans(ops, True, ta, content) if s[1] - s[0] >= 3]
    if not gone:
        return (ta, cla), (tb, clb)  # nothing long left side a: nothing moved (most pairs)
    came = [s for s in _spans(ops, False, ta, content) if s[1] - s[0] >= 3]
    if not came:
        return (ta, cla), (tb, clb)
    drop_a: set[int] = set()
    drop_b: set[int] = set()
    for sa, ea in gone:
        for sb, eb in came:
            # The longest common run of the two blocks (they are short: a plain scan).
            best = (0, 0, 0)
            for i in range(sa, ea):
                for j in range(sb, eb):
                    k = 0
                    while i + k < ea and j + k < eb and ta[i + k] == tb[j + k]:
                        k += 1
                    if k > best[0]:
                        best = (k, i, j)
            k, i, j = best
            if k >= 3 and any(content(w) for w in ta[i:i + k]):
                drop_a.update(range(i, i + k))
                drop_b.update(range(j, j + k))
    if not drop_a:
        return (ta, cla), (tb, clb)
    # Of the two shared runs, the attribution ("the club chairman said") is the one that
    # moved round the claim: drop it and keep the claim's words in line for the diff.
    from scocompare.core.shift_words import ATTRIBUTION

    for tag, sa, ea, sb, eb in ops:
        if tag == "equal" and ea - sa >= 3 and not ATTRIBUTION.isdisjoint(ta[sa:ea]):
            drop_a, drop_b = set(range(sa, ea)), set(range(sb, eb))
            break
    keep_a = [n for n in range(len(ta)) if n not in drop_a]
    keep_b = [n for n in range(len(tb)) if n not in drop_b]
    return ([ta[n] for n in keep_a], [cla[n] for n in keep_a]), ([tb[n] for n in keep_b], [clb[n] for n in keep_b])
