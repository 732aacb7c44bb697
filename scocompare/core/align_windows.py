"""Second partners of a linked sentence: one sentence spread over two of the other text.

A statement sentence retold as two newspaper sentences, or two statement sentences
merged into one wire sentence, give a pair of adjacent sentences on one side that
together say what one sentence says on the other. Each part alone scores about as well
as a same-topic neighbour, so the pair score cannot tell the true second part from a
neighbour; the aligner (align.py) asks for evidence that the neighbour carries a part of
the sentence its first partner does not. Two rules live here:

- ``carried``: a split/merge or context link proposed at a score bar is kept only when
  its second partner sits near the first and explains a part of the sentence the first
  does not (token surplus, ``token_align.surplus``; a content word without a model).
- ``beside_partners`` (round 6): an unlinked sentence right beside a linked one joins
  its neighbour's partner, whatever its score, when the window the two neighbours form
  is a better account of that partner in three ways: the partner is the unlinked
  sentence's own first choice in the whole other text (scoring at least the pair's
  mean score), the sentence explains a clear
  share of the partner its neighbour does not (surplus >= BESIDE_SURPLUS), and every
  date, number, amount or percentage it states is found in the partner (an added part
  that brings a figure of its own is a different statement that shares the topic).

Measurements (bench/quality.py) and the variants dropped, among them the embedding of
the joined window text, are in docs/alignment.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from scocompare.core import align_path

Surplus = Callable[[int, int, Sequence[int], str], float]

MERGE_SPAN = 2  # a second partner sits at most this many positions from the first
MERGE_SURPLUS = 0.02  # token surplus a second partner needs (gold merges >= 0.032, false ones <= 0.011)
# Token surplus an unlinked neighbour needs to join whatever its score: midway between the
# highest false candidate (0.036) and the lowest true one (0.053) on the gold sets.
BESIDE_SURPLUS = 0.045
_FACT_KINDS = ("date", "number", "money", "percentage")
_WORD = re.compile(r"\w+", re.UNICODE)
_FUNCTION_WORDS = frozenset(
    "will would that with from have this their there were which said also been they them "
    "into over than then these those when where while about after before".split()
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def word_surplus(target: str, new: str, partners: Sequence[str]) -> float:
    """Share of target's content words found in ``new`` and in none of ``partners``."""
    content = [w for w in _words(target) if (len(w) >= 4 or w.isdigit()) and w not in _FUNCTION_WORDS]
    if not content:
        return 0.0
    mine = set(_words(new))
    other = {w for p in partners for w in _words(p)}
    return sum(1 for w in content if w in mine and w not in other) / len(content)


def carried(
    extra: list[tuple[int, int]],
    linked: list[tuple[int, int]],
    base: Sequence,
    version: Sequence,
    surplus: Surplus | None,
    span: int | None = MERGE_SPAN,
) -> list[tuple[int, int]]:
    """The split/merge/context links of ``extra`` that the text really supports.

    A sentence that already has a partner may take a second one only when it carries
    both: the second sits near the first (MERGE_SPAN) and explains a part of the
    sentence the first does not (token surplus, or a content word only it shares).
    Without this a version sentence linked at 0.82 to its source also took the
    neighbouring base sentence at 0.48 on shared topic words, and a sentence the
    version dropped counted as covered. ``span`` None drops the nearness condition (links
    the reading path vouches for: their order is the evidence of place)."""
    a_of: dict[int, set[int]] = {}
    b_of: dict[int, set[int]] = {}
    for i, j in linked:
        a_of.setdefault(j, set()).add(i)
        b_of.setdefault(i, set()).add(j)
    keep: list[tuple[int, int]] = []
    for i, j in extra:
        ok = True
        for partners, pos, side in ((a_of.get(j, set()) - {i}, i, "a"), (b_of.get(i, set()) - {j}, j, "b")):
            if not ok or not partners:
                continue
            if span is not None and min(abs(p - pos) for p in partners) > span:
                ok = False
            elif surplus is not None:
                ok = surplus(i, j, sorted(partners), side) >= MERGE_SURPLUS
            elif side == "a":
                ok = word_surplus(version[j].text, base[i].text, [base[p].text for p in partners]) > 0
            else:
                ok = word_surplus(base[i].text, version[j].text, [version[q].text for q in partners]) > 0
        if ok:
            keep.append((i, j))
            a_of.setdefault(j, set()).add(i)
            b_of.setdefault(i, set()).add(j)
    return keep


@lru_cache(maxsize=16384)
def _figures(text: str) -> tuple:
    # Re-alignments ask about the same sentences again; facts of a text never change.
    from scocompare.core.facts import extract_facts

    return tuple(f for f in extract_facts(text) if f.kind in _FACT_KINDS)


def figures_found(part: str, target: str) -> bool:
    """Whether every date, number, amount and percentage ``part`` states is also stated
    (with a compatible value: "4 July" and "July 4, 2023", "48,000" and "about 48,000")
    in ``target``. A part that brings a figure of its own reports something else."""
    from scocompare.core.facts_compat import dates_agree, quantities_agree

    have = _figures(target)
    for f in _figures(part):
        agree = dates_agree if f.kind == "date" else quantities_agree
        if not any(g.kind == f.kind and agree(f, g) for g in have):
            return False
    return True


def beside_partners(
    score: np.ndarray,
    anchors: Sequence[tuple[int, int]],
    linked: Sequence[tuple[int, int]],
    base: Sequence,
    version: Sequence,
    surplus: Surplus,
) -> list[tuple[int, int]]:
    """Second partners taken from the unlinked neighbours of ``anchors`` (primary links).

    For an anchor (i, j), the version sentences j - 1 and j + 1 (if unlinked) are tried
    as second parts of base sentence i, and base sentences i - 1 and i + 1 as second
    parts of version sentence j. A neighbour k joins when (1) its best finite score in
    the whole other text is the one to the anchor's sentence (ties allowed) and is at
    least the pair's mean score (``align_path.background``), (2) it
    explains at least BESIDE_SURPLUS of that sentence beyond the anchor's partner
    (token surplus), and (3) every figure it states is found in that sentence. Cheap:
    a row or column maximum per neighbour, a token surplus and a fact lookup for the few
    that pass."""
    n, m = score.shape
    s = np.where(np.isfinite(score), score, -np.inf)
    # Never under what an unrelated sentence of this pair scores on average: with a
    # one- or two-sentence text "its own first choice" says nothing.
    floor = align_path.background(score)[0]
    linked_i = {i for i, _ in linked}
    linked_j = {j for _, j in linked}
    out: list[tuple[int, int]] = []
    for i, j in anchors:
        # side "v": the window is on the version side (base sentence i split in two).
        for side, x, y, size in (("v", i, j, m), ("b", j, i, n)):
            taken = linked_j if side == "v" else linked_i
            for k in (y - 1, y + 1):
                if not 0 <= k < size or k in taken:
                    continue
                line = s[:, k] if side == "v" else s[k, :]
                if not line[x] >= floor or line.max() > line[x]:
                    continue  # the neighbour reads better as a part of another sentence
                if side == "v":  # target base i, new version k, beside version j
                    gain = surplus(x, k, [y], "b")
                    part, target = version[k].text, base[x].text
                else:  # target version j, new base k, beside base i
                    gain = surplus(k, x, [y], "a")
                    part, target = base[k].text, version[x].text
                if gain < BESIDE_SURPLUS or not figures_found(part, target):
                    continue
                out.append((x, k) if side == "v" else (k, x))
                taken.add(k)
    return out
