"""Meaning shifts inside a linked pair: the words moved, and so did the meaning.

Embeddings and fuzzy scores rate "will" and "will not", "should" and "will", "the
statement said" and "the prime minister said" as near-identical. For a pair already
judged similar, ``detect_shift`` looks only at the words that changed between the two
sentences (a word-level diff) and says whether one of them moves the meaning:

- ``negation``: a negator (not, no, never, n't, fail to, without, ...) added or dropped;
- ``polarity``: welcomed vs condemned, increase vs decrease;
- ``modality``: will/shall/must vs may/might/could/should, "agreed to" vs "considered";
- ``qualifier``: a hedge or quantifier added, dropped or swapped (partly, in principle,
  largely, some, most, all, ...);
- ``speaker``: the claim attributed to someone else ("the statement said" vs "the prime
  minister said", "X said" vs "Y said").

Heavy paraphrases change many words at once; a modal or quantifier inside such a
rewrite is not evidence of a shift. So modality, qualifier and polarity only count when
the change is local: a short block of changed words next to shared content words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from scocompare.core.shift_antonyms import antonym_negations, evidence_hedge
from scocompare.core.shift_bounds import (
    dropped_narrowing,
    dropped_period,
    forecast_as_fact,
    weaker_hedge,
)
from scocompare.core.shift_context import context_speakers
from scocompare.core.shift_diff import (  # noqa: F401  (_clause_words_of, _Block re-exported)
    _NOT_CONTENT,
    _Block,
    _blocks,
    _clause_words,
    _clause_words_of,
    _content,
    _counterpart_maps,
    _counterparts,
    _stem,
    _unmatched_extras,
)
from scocompare.core.shift_findings import association_moved, status_moved, vague_made_precise
from scocompare.core.shift_hedges import bare_ceiling, forecast_moved
from scocompare.core.shift_litotes import negated_prefix
from scocompare.core.shift_pairs import (
    _converse,
    _imperative,
    _prefixed_negation,
    _unanchored_stops,
    turned_antonyms,
)
from scocompare.core.shift_reader import entitled_orders, reader_conditions
from scocompare.core.shift_reword import (
    drop_moved,
    one_sided_modal,
    privations,
    provisional_decision,
)
from scocompare.core.shift_scope import dropped_condition, framing_negators, turned_condition
from scocompare.core.shift_speakers import _same_speaker, same_voice, speakers  # noqa: F401  (re-exported)
from scocompare.core.shift_words import (  # noqa: F401  (re-exported)
    _CLAUSE_OPENERS,
    CLAUSE_BREAKS,
    CLOSE_SHARE,
    KINDS,
    LOCAL_BLOCK,
    MIN_SHARE,
    MODAL_CLASS,
    NEGATORS,
    POLARITY,
    QUALIFIER_CLASS,
    STOPWORDS,
    VERB_NEGATORS,
    _figure_direction,
    _tokens,
    words,
)


@dataclass(frozen=True)
class Shift:
    """Why a pair's meaning moved: the kind and the changed words behind it."""

    kind: str
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    def describe(self) -> str:
        """Short human reading, e.g. ``modality: will -> may``."""
        left = " ".join(self.removed) or "(none)"
        right = " ".join(self.added) or "(none)"
        return f"{self.kind}: {left} -> {right}"


_POLARITY_WORDS = frozenset(POLARITY)
_MODAL_WORDS = frozenset(MODAL_CLASS)
_QUALIFIER_WORDS = frozenset(QUALIFIER_CLASS)


def _negations(tokens: list[str] | tuple[str, ...]) -> int:
    return sum(1 for w in tokens if w in NEGATORS)


def _polarity(tokens) -> Counter:
    if _POLARITY_WORDS.isdisjoint(tokens):
        return Counter()  # most word lists: no word of any scale
    return Counter(POLARITY[w] for w in tokens if w in POLARITY)


def _modal_classes(tokens) -> set[str]:
    return {MODAL_CLASS[w] for w in tokens if w in MODAL_CLASS}


def _qualifiers(tokens) -> Counter:
    if _QUALIFIER_WORDS.isdisjoint(tokens):
        return Counter()
    return Counter(QUALIFIER_CLASS[w] for w in tokens if w in QUALIFIER_CLASS)


def _qualifier_change(left, right) -> bool:
    """True when the hedges and quantifiers of two word lists differ.

    A totality in other words ("in full" against "every word of") answers an "all";
    alone it adds nothing a plain statement does not claim, so it never counts itself.
    """
    if _QUALIFIER_WORDS.isdisjoint(left) and _QUALIFIER_WORDS.isdisjoint(right):
        return False  # no hedge or quantifier on either side (most word lists)
    ql, qr = _qualifiers(left), _qualifiers(right)
    if vague_made_precise(ql, qr, left, right):  # "several times" / "four times": more precise
        del ql["some"]
    if "total" not in ql and "total" not in qr:
        return ql != qr
    for x, y in ((ql, qr), (qr, ql)):
        n = min(x["total"], y["all"])
        x["total"] -= n
        y["all"] -= n
    ql.pop("total", None)
    qr.pop("total", None)
    return +ql != +qr


def _opposed(left: Counter, right: Counter) -> bool:
    """True when one side leans one way on a scale and the other side the other way."""
    for scale in {s for s, _ in left} | {s for s, _ in right}:
        lv = left[(scale, 1)] - left[(scale, -1)]
        rv = right[(scale, 1)] - right[(scale, -1)]
        if lv * rv < 0:
            return True
    return False


def _direction_by_figures(text: str, lean: Counter) -> Counter:
    """The side's polarity with its direction of change read from its own figures when it gives them.

    "Prices rose by 3.1 per cent, down from 3.8" says the rate fell although its
    verb says "rose": numbers beat verbs, which may be about another quantity.
    """
    sign = _figure_direction(text)
    if sign is None:
        return lean
    out = Counter({k: v for k, v in lean.items() if k[0] != "direction"})
    out[("direction", sign)] = 1
    return out


def _modality_moved(removed: set[str], added: set[str]) -> bool:
    # "Customers can claim a refund" offers what "will receive" promises, and is no
    # hedge next to "may"/"could" either: an entitlement agrees with any modality.
    if removed == added or "entitlement" in removed | added:
        return False
    if "forecast" in removed | added:
        return forecast_moved(removed, added)
    # "will" dropped with nothing in its place is usually tense or reported speech
    # ("will open" -> "opens", "would"); a hedge dropped or added is a real shift.
    # "to discuss" beside a plain noun ("for talks") is no shift either: deliberation
    # only moves the meaning when it replaces a commitment.
    if not removed or not added:
        return bool((removed | added) & {"possible", "advisory"})
    return True


_SHIFTS_WITH_CLAUSE = frozenset(NEGATORS) | frozenset(MODAL_CLASS)


def _clause_shift(ta, cla, tb, clb, skip_a: set[int], skip_b: set[int], moved_a: set[int],
                  moved_b: set[int], clause_words=None, strong=None) -> Shift | None:
    """A negation or modality that moved inside a clause both sides restate.

    Catches clauses that changed place ("parents do not need papers, the minister
    said" against "the minister said parents need papers"), which a word diff over
    the whole sentence reads as unrelated insertions.
    """
    if not (moved_a or moved_b) and (_MODAL_WORDS.isdisjoint(ta) or _MODAL_WORDS.isdisjoint(tb)):
        return None  # no clause moved (no negation to read) and no modal on one side
    wa, wb = clause_words or (_clause_words(ta, cla), _clause_words(tb, clb))
    # ``strong``: the two strong counterpart maps when the caller has them already.
    ahead, back = strong or (_counterparts(wa, wb, strong=True), _counterparts(wb, wa, strong=True))
    # Mutual best counterparts only: "the minister said" shares words with a clause
    # that also carries the claim, but restates only the attribution.
    for i, j in ahead.items():
        if back.get(j) != i:
            continue
        xa = [w for k, (w, c) in enumerate(zip(ta, cla, strict=True)) if c == i and k not in skip_a]
        xb = [w for k, (w, c) in enumerate(zip(tb, clb, strict=True)) if c == j and k not in skip_b]
        # A negation is read here only from a clause that moved (in a one-sided block the
        # other side carries elsewhere); in place, the word diff above has judged it.
        if (moved_a or moved_b) and _negations(xa) != _negations(xb) and (
                any(c == i and k in moved_a for k, c in enumerate(cla))
                or any(c == j and k in moved_b for k, c in enumerate(clb))) and not _opposed(
                _polarity(xa), _polarity(xb)):
            return Shift("negation", *_evidence(xa, xb, NEGATORS))
        ma, mb = _modal_classes(xa), _modal_classes(xb)
        # One modal each, neither a verb of deliberation ("proposes", a content verb too).
        if len(ma) == len(mb) == 1 and not (ma | mb) & {"deliberative"} and _modality_moved(ma, mb):
            return Shift("modality", *_evidence(xa, xb, MODAL_CLASS))
    return None


def explain_shift(a: str, b: str, context_a: str = "", context_b: str = "") -> Shift | None:
    """Like ``detect_shift`` but with the changed words that show the shift."""
    if a == b and context_a == context_b:
        return None  # the same sentence in the same setting: nothing moved (copied wire copy)
    (ta, cla), (tb, clb) = _tokens(a), _tokens(b)
    hedged = evidence_hedge(ta, tb)  # "no evidence that X" against "X did not happen"
    if hedged is not None:
        return Shift("qualifier", *((("no evidence",), ()) if hedged == 0 else ((), ("no evidence",))))
    # "was linked to a lower risk" / "cuts the risk"; "arrested on suspicion of" / "charged with"
    moved = association_moved(a, b) or status_moved(a, b)
    if moved is not None:
        return Shift("qualifier", *moved)
    ta, tb = antonym_negations(tb, clb, ta, cla), antonym_negations(ta, cla, tb, clb)
    ta, tb = entitled_orders(ta, tb), entitled_orders(tb, ta)
    (ta, cla), (tb, clb) = reader_conditions(ta, cla, tb, _content), reader_conditions(tb, clb, ta, _content)
    ta, tb = _unanchored_stops(ta, tb), _unanchored_stops(tb, ta)
    ta, tb = framing_negators(ta, tb, _stem), framing_negators(tb, ta, _stem)
    (ta, cla), (tb, clb) = _imperative(ta, cla, tb), _imperative(tb, clb, ta)
    (ta, cla), (tb, clb) = _converse(ta, cla, tb), _converse(tb, clb, ta)
    (ta, cla), (tb, clb) = negated_prefix(ta, cla, tb), negated_prefix(tb, clb, ta)
    (ta, cla), (tb, clb) = _prefixed_negation(ta, cla, tb), _prefixed_negation(tb, clb, ta)
    (ta, cla), (tb, clb) = turned_antonyms(ta, cla, tb, clb)
    (ta, cla), (tb, clb) = bare_ceiling(ta, cla, b), bare_ceiling(tb, clb, a)
    ta, tb = privations(ta, tb)
    # A shift is judged on the aligned part: words in a clause the other side has no
    # counterpart for (the other half of a merged sentence) cannot contradict anything.
    ops = Indel.opcodes(ta, tb)
    (ta2, cla), (tb2, clb) = drop_moved(ta, cla, tb, clb, _content, ops)
    # The diff of the lists as they were still holds when no phrase moved (the usual case).
    all_blocks = _blocks(ta2, tb2, ops if ta2 is ta and tb2 is tb else None)
    ta, tb = ta2, tb2
    blocks = [bl for bl in all_blocks if not bl.extra]
    removed = [w for bl in blocks for w in bl.removed]
    added = [w for bl in blocks for w in bl.added]
    # Hedges and modals count only inside clauses both sides carry: "most of them about
    # the location" has nothing to contradict in "19 of which were still examined".
    wa, wb = _clause_words(ta, cla), _clause_words(tb, clb)
    (weak_ab, strong_ab), (weak_ba, strong_ba) = _counterpart_maps(wa, wb), _counterpart_maps(wb, wa)
    keep_a = set(weak_ab) | {c for c, w in wa.items() if not w}
    keep_b = set(weak_ba) | {c for c, w in wb.items() if not w}
    local_r = [w for bl in blocks if bl.local for k, w in enumerate(bl.removed, bl.start_a) if cla[k] in keep_a]
    local_a = [w for bl in blocks if bl.local for k, w in enumerate(bl.added, bl.start_b) if clb[k] in keep_b]

    # A negator inside a wholesale rewrite is often carried by other words ("do not
    # stop at our borders" -> "ignore national frontiers"): the negator count must
    # differ overall, and the change be local in sentences that share enough words,
    # or the sentences be close copies. As many negators on each side overall ("there will
    # be no evictions" / "no tenants will be evicted") moved in the rewrite, none was added.
    shared = (len(ta) - len(removed)) / max(1, min(len(ta), len(tb)))
    # A negator in a clause the other side has no counterpart for is new content (the
    # other half of a merged sentence, "No one was hurt, and ..."), not a shift of it.
    neg_r = [w for bl in blocks for k, w in enumerate(bl.removed, bl.start_a) if w in NEGATORS and cla[k] in keep_a
             ] if not NEGATORS.isdisjoint(removed) else []
    neg_a = [w for bl in blocks for k, w in enumerate(bl.added, bl.start_b) if w in NEGATORS and clb[k] in keep_b
             ] if not NEGATORS.isdisjoint(added) else []
    negation = len(neg_r) != len(neg_a) and _negations(removed) != _negations(added) and (
        _negations(ta) != _negations(tb)) and (
        shared >= CLOSE_SHARE
        or (shared >= MIN_SHARE and _negations(local_r) != _negations(local_a)))
    polarity = _opposed(_direction_by_figures(a, _polarity(local_r)), _direction_by_figures(b, _polarity(local_a)))
    if negation and polarity:
        # "rejected" vs "did not accept": two flips cancel out.
        negation = polarity = False
    if negation:
        return Shift("negation", tuple(w.replace("_", " ") for w in neg_r), tuple(w.replace("_", " ") for w in neg_a))
    if polarity:
        return Shift("polarity", *_evidence(local_r, local_a, POLARITY))
    if _modality_moved(_modal_classes(local_r), _modal_classes(local_a)) and not one_sided_modal(
            local_r, local_a, ta, tb, _modal_classes, _stem):
        return Shift("modality", *_evidence(local_r, local_a, MODAL_CLASS))
    # A hedge both sentences carry, somewhere, only moved ("may only X with" against
    # "may X only if"): it counts when the whole sentences differ too.
    if _qualifier_change(local_r, local_a) and _qualifier_change(ta, tb):
        return Shift("qualifier", *_evidence(local_r, local_a, QUALIFIER_CLASS))
    # "conditional approval" against "approved": the hedge of a decision, dropped in a rewrite.
    hedge = provisional_decision(ta, tb)
    if hedge:
        return Shift("qualifier", *(((hedge[0],), ()) if hedge[1] == 0 else ((), (hedge[0],))))
    # A condition dropped or added with its whole clause is no local edit: judged apart.
    cond = dropped_condition(ta, cla, tb, clb, _content)
    if cond and not weaker_hedge(*((ta, tb) if cond[1] == 0 else (tb, ta)), _modal_classes):
        marker = (cond[0].replace("-", " "),)
        return Shift("qualifier", *((marker, ()) if cond[1] == 0 else ((), marker)))
    turned = turned_condition(ta, cla, tb, clb, _content)
    if turned:
        return Shift("negation", (turned[0],), (turned[1],))
    period = dropped_period(ta, cla, tb, clb, _content, lambda w: MODAL_CLASS.get(w) == "commitment")
    if period:
        return Shift("qualifier", *(((period[0],), ()) if period[1] == 0 else ((), (period[0],))))
    narrowed = dropped_narrowing(ta, tb)
    if narrowed:
        return Shift("qualifier", *(((narrowed[0],), ()) if narrowed[1] == 0 else ((), (narrowed[0],))))
    fact = forecast_as_fact(ta, tb, _modal_classes)
    if fact:
        return Shift("modality", *(((fact[0],), ()) if fact[1] == 0 else ((), (fact[0],))))
    # Only a negator or a modal can move with its clause: without one, skip the clause walk.
    if _SHIFTS_WITH_CLAUSE.intersection(ta) or _SHIFTS_WITH_CLAUSE.intersection(tb):
        moved = _clause_shift(ta, cla, tb, clb, *_unmatched_extras(all_blocks), clause_words=(wa, wb),
                              strong=(strong_ab, strong_ba))
        if moved:
            return moved
    # A quote-only or "he said" sentence takes its speaker from the sentence before it.
    sa = speakers(a) or context_speakers(a, context_a, b)
    sb = (speakers(b) or context_speakers(b, context_b, a)) if sa else None  # no speaker: nothing to compare
    if sa and sb and not any(same_voice(x, y, a, b) for x in sa for y in sb):
        return Shift("speaker", tuple(sorted(set().union(*sa))), tuple(sorted(set().union(*sb))))
    return None


def _evidence(removed, added, lexicon) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # "compulsory+" is "compulsory" after a negator (shift_bounds.mark_bounds).
    return (tuple(w.replace("_", " ").rstrip("+") for w in removed if w in lexicon),
            tuple(w.replace("_", " ").rstrip("+") for w in added if w in lexicon))


def detect_shift(a: str, b: str, context_a: str = "", context_b: str = "") -> str | None:
    """The reason the meaning of similar sentences ``a`` and ``b`` moved, or None.

    One of ``negation``, ``polarity``, ``modality``, ``qualifier``, ``speaker``
    (checked in that order). Only words that differ between the two sentences count,
    so a negation both share, or a hedge that merely moved, is not a shift.
    ``context_a``/``context_b``: the sentence before each in its paragraph, read only for
    the speaker of a quote its own sentence does not name (``shift_context.speaker_contexts``).
    """
    found = explain_shift(a, b, context_a, context_b)
    return found.kind if found else None
