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

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from scocompare.core.shift_words import (  # noqa: F401  (re-exported)
    _CLAUSE_OPENERS,
    _CONTRACTIONS,
    _NUMBERS,
    _PASSIVE,
    _QUANTITY_WORDS,
    _TIME_UNITS,
    _TOKEN,
    ATTRIBUTION,
    CLOSE_SHARE,
    COLLECTIVE_SPEAKERS,
    DOCUMENT_SPEAKERS,
    INSTITUTIONS,
    KINDS,
    LITOTES,
    LOCAL_BLOCK,
    MIN_SHARE,
    MODAL_CLASS,
    NEGATORS,
    OFFICIAL_TITLES,
    PHRASES,
    POLARITY,
    PRONOUNS,
    QUALIFIER_CLASS,
    ROLE_WORDS,
    SPEAKER_STOP,
    STOPWORDS,
    _forms,
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


def words(text: str) -> list[str]:
    """Lower-cased words with contractions expanded and set phrases joined.

    Punctuation is dropped; "isn't" gives ``is not``; "in principle" gives one token
    ``in_principle`` so that a multi-word hedge is counted once.
    """
    out: list[str] = []
    for tok in _TOKEN.findall(text.replace("’", "'")):
        low = tok.casefold()
        if not low[0].isalnum() and low[0] != "_":
            continue
        if tok == "May" and out:
            out.append("<month>")  # mid-sentence capital "May" is the month, not the modal
        elif low in _CONTRACTIONS:
            out.extend(_CONTRACTIONS[low])
        elif low.endswith("n't"):
            out.extend([low[:-3], "not"])
        elif low.endswith("'ll"):
            out.extend([low[:-3], "will"])
        elif low.endswith("'s"):
            out.append(low[:-2])
        else:
            out.append(low)
    joined: list[str] = []
    i = 0
    while i < len(out):
        nxt = out[i + 1] if i + 1 < len(out) else ""
        if out[i] in ("all", "both") and nxt in _NUMBERS:
            i += 1  # "all five accused" says no more than "five accused"
            continue
        if out[i] in QUALIFIER_CLASS and (nxt in _QUANTITY_WORDS or nxt[:1].isdigit()):
            i += 1
            continue
        if out[i] in ("each", "every") and nxt in _TIME_UNITS:
            i += 1
            continue
        pair = f"{out[i]} {nxt}" if nxt else ""
        if pair in PHRASES:
            joined.append(PHRASES[pair])
            i += 2
        else:
            joined.append(out[i])
            i += 1
    # "not" (or "never") right before a word of reluctance makes one modal token.
    merged: list[str] = []
    for w in joined:
        if w in LITOTES and merged and merged[-1] in ("not", "never"):
            merged[-1] = LITOTES[w]
        else:
            merged.append(w)
    return merged


@dataclass(frozen=True)
class _Block:
    removed: tuple[str, ...]
    added: tuple[str, ...]
    local: bool
    extra: bool = False  # a whole clause one side never had: no counterpart to compare


def _blocks(ta: list[str], tb: list[str]) -> list[_Block]:
    """Runs of changed words between shared words (Indel/LCS diff on word lists).

    The LCS diff keeps every shared word it can as ``equal`` (a Levenshtein alignment
    would pair unrelated words as substitutions and hide shared ones), so what is
    left really changed.
    """
    ops = [op for op in Indel.opcodes(ta, tb)]
    blocks: list[_Block] = []
    k = 0
    while k < len(ops):
        if ops[k].tag == "equal":
            k += 1
            continue
        first = k
        while k < len(ops) and ops[k].tag != "equal":
            k += 1
        removed = tuple(ta[ops[first].src_start:ops[k - 1].src_end])
        added = tuple(tb[ops[first].dest_start:ops[k - 1].dest_end])
        neighbours = []
        if first > 0:
            prev = ops[first - 1]
            neighbours += ta[prev.src_start:prev.src_end][-2:]
        if k < len(ops):
            nxt = ops[k]
            neighbours += ta[nxt.src_start:nxt.src_end][:2]
        anchored = any(w not in STOPWORDS for w in neighbours)
        small = max(len(removed), len(added)) <= LOCAL_BLOCK
        # One side empty, or a pronoun standing for a whole clause ("the route, which
        # avoids the marshes" -> "it"): the long side has no counterpart.
        one_sided = max(removed, added, key=len) if min(len(removed), len(added)) <= 1 else ()
        extra = len(one_sided) > LOCAL_BLOCK + 1 and (
            first == 0 or k == len(ops) or one_sided[0] in _CLAUSE_OPENERS or one_sided[-1] in _CLAUSE_OPENERS)
        blocks.append(_Block(removed, added, anchored and small, extra))
    return blocks


def _negations(tokens: list[str] | tuple[str, ...]) -> int:
    return sum(1 for w in tokens if w in NEGATORS)


def _polarity(tokens) -> Counter:
    return Counter(POLARITY[w] for w in tokens if w in POLARITY)


def _modal_classes(tokens) -> set[str]:
    return {MODAL_CLASS[w] for w in tokens if w in MODAL_CLASS}


def _qualifiers(tokens) -> Counter:
    return Counter(QUALIFIER_CLASS[w] for w in tokens if w in QUALIFIER_CLASS)


def _opposed(left: Counter, right: Counter) -> bool:
    """True when one side leans one way on a scale and the other side the other way."""
    for scale in {s for s, _ in left} | {s for s, _ in right}:
        lv = left[(scale, 1)] - left[(scale, -1)]
        rv = right[(scale, 1)] - right[(scale, -1)]
        if lv * rv < 0:
            return True
    return False


_FIGURE = r"(\d+(?:[.,]\d+)*)"
# "3.1 percent ..., down from 3.8", "rose to 3.1 percent from 3.8", "from 3.8 to 3.1":
# a sentence that states both figures states the direction of change.
_FROM_TO_RE = re.compile(rf"\bfrom\s+{_FIGURE}\D{{0,30}}?\bto\s+{_FIGURE}", re.I)
_AFTER_FROM_RE = re.compile(rf"{_FIGURE}(?:(?!\d)[^.;!?]){{0,60}}?\bfrom\s+(?:a\s+|an\s+)?{_FIGURE}", re.I)


def _figure(text: str) -> float:
    return float(text.replace(",", "")) if text.count(",") else float(text)


def _direction_by_figures(text: str, lean: Counter) -> Counter:
    """The side's polarity with its direction of change read from its own figures when it gives them.

    "Prices rose by 3.1 per cent, down from 3.8" says the rate fell although its
    verb says "rose": numbers beat verbs, which may be about another quantity.
    """
    signs = []
    for rx, new_first in ((_FROM_TO_RE, False), (_AFTER_FROM_RE, True)):
        for m in rx.finditer(text):
            try:
                x, y = _figure(m.group(1)), _figure(m.group(2))
            except ValueError:
                continue
            new, old = (x, y) if new_first else (y, x)
            if new != old:
                signs.append(1 if new > old else -1)
        if signs:
            break
    if not signs or len(set(signs)) > 1:
        return lean
    out = Counter({k: v for k, v in lean.items() if k[0] != "direction"})
    out[("direction", signs[0])] = 1
    return out


def _modality_moved(removed: set[str], added: set[str]) -> bool:
    if removed == added:
        return False
    # "will" dropped with nothing in its place is usually tense or reported speech
    # ("will open" -> "opens", "would"); a hedge dropped or added is a real shift.
    # "to discuss" beside a plain noun ("for talks") is no shift either: deliberation
    # only moves the meaning when it replaces a commitment.
    if not removed or not added:
        return bool((removed | added) & {"possible", "advisory"})
    return True


def speakers(text: str) -> list[frozenset[str]]:
    """Who a sentence attributes its claim to: one word set per attribution found.

    "X said", "said X" (after a quote or comma), "according to X". Pronouns give no
    speaker (they cannot be compared); the statement, declaration, communique... all
    read as the document itself.
    """
    toks = [t for t in _TOKEN.findall(text.replace("’", "'"))]
    low = [t.casefold() for t in toks]
    found: list[frozenset[str]] = []
    for i, w in enumerate(low):
        if w == "according" and i + 1 < len(low) and low[i + 1] == "to":
            found.append(_speaker_words(low[i + 2:i + 8], forward=True))
        elif w in ATTRIBUTION:
            if i > 0 and low[i - 1] in _PASSIVE:
                continue
            before = low[max(0, i - 6):i]
            after = low[i + 1:i + 8]
            if i > 0 and not low[i - 1][0].isalnum():
                # '..., said President Marenko.' - the speaker follows the verb.
                found.append(_speaker_words(after, forward=True))
            else:
                found.append(_speaker_words(before, forward=False))
    return [f for f in found if f]


def _speaker_words(span: list[str], forward: bool) -> frozenset[str]:
    seq = span if forward else list(reversed(span))
    got: list[str] = []
    for w in seq:
        if not w[0].isalnum() or w in SPEAKER_STOP:
            break
        got.append(w)
    words_ = {w for w in got if w not in STOPWORDS}
    if not words_ or words_ & PRONOUNS or any(w[0].isdigit() for w in words_):
        return frozenset()
    if words_ & DOCUMENT_SPEAKERS:
        return frozenset({"<document>"})
    return frozenset(words_)


def _same_speaker(a: frozenset[str], b: frozenset[str]) -> bool:
    # A joint statement speaks for the parties that adopted it: "the statement said"
    # and "the member states acknowledged" report the same voice.
    if "<document>" in a | b and (a | b) & COLLECTIVE_SPEAKERS:
        return True
    for x, y in ((a, b), (b, a)):
        # A body (no person named) against one of its officials: the same voice.
        if x <= INSTITUTIONS | STOPWORDS and y & OFFICIAL_TITLES and not y & INSTITUTIONS:
            return True
    names_a, names_b = a - ROLE_WORDS, b - ROLE_WORDS
    if names_a and names_b:
        return bool(names_a & names_b)
    return bool(a & b)


def explain_shift(a: str, b: str) -> Shift | None:
    """Like ``detect_shift`` but with the changed words that show the shift."""
    ta, tb = words(a), words(b)
    # A shift is judged on the aligned part: words in a clause the other side has no
    # counterpart for (the other half of a merged sentence) cannot contradict anything.
    blocks = [bl for bl in _blocks(ta, tb) if not bl.extra]
    removed = [w for bl in blocks for w in bl.removed]
    added = [w for bl in blocks for w in bl.added]
    local_r = [w for bl in blocks if bl.local for w in bl.removed]
    local_a = [w for bl in blocks if bl.local for w in bl.added]

    # A negator inside a wholesale rewrite is often carried by other words ("do not
    # stop at our borders" -> "ignore national frontiers"): the negator count must
    # differ overall, and the change be local in sentences that share enough words,
    # or the sentences be close copies.
    shared = (len(ta) - len(removed)) / max(1, min(len(ta), len(tb)))
    negation = _negations(removed) != _negations(added) and (
        shared >= CLOSE_SHARE
        or (shared >= MIN_SHARE and _negations(local_r) != _negations(local_a)))
    polarity = _opposed(_direction_by_figures(a, _polarity(local_r)), _direction_by_figures(b, _polarity(local_a)))
    if negation and polarity:
        # "rejected" vs "did not accept": two flips cancel out.
        negation = polarity = False
    if negation:
        return Shift("negation", *_evidence(removed, added, NEGATORS))
    if polarity:
        return Shift("polarity", *_evidence(local_r, local_a, POLARITY))
    if _modality_moved(_modal_classes(local_r), _modal_classes(local_a)):
        return Shift("modality", *_evidence(local_r, local_a, MODAL_CLASS))
    if _qualifiers(local_r) != _qualifiers(local_a):
        return Shift("qualifier", *_evidence(local_r, local_a, QUALIFIER_CLASS))
    sa, sb = speakers(a), speakers(b)
    if sa and sb and not any(_same_speaker(x, y) for x in sa for y in sb):
        return Shift("speaker", tuple(sorted(set().union(*sa))), tuple(sorted(set().union(*sb))))
    return None


def _evidence(removed, added, lexicon) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(w.replace("_", " ") for w in removed if w in lexicon),
            tuple(w.replace("_", " ") for w in added if w in lexicon))


def detect_shift(a: str, b: str) -> str | None:
    """The reason the meaning of similar sentences ``a`` and ``b`` moved, or None.

    One of ``negation``, ``polarity``, ``modality``, ``qualifier``, ``speaker``
    (checked in that order). Only words that differ between the two sentences count,
    so a negation both share, or a hedge that merely moved, is not a shift.
    """
    found = explain_shift(a, b)
    return found.kind if found else None
