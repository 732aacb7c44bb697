"""The word diff and the clauses of a linked pair, for :mod:`scocompare.core.shift`.

The detector judges only the words that changed between two sentences, and only in
clauses both sides carry:

- ``_blocks``: runs of changed words between shared words (an LCS diff on the word
  lists), each marked *local* (a short edit next to shared content words) or *extra*
  (a whole clause one side never had);
- ``_clause_words`` / ``_counterparts``: the content-word stems of each clause and, for
  each clause of one side, the clause of the other side that restates it;
- ``_unmatched_extras``: the one-sided clauses the other side does not carry elsewhere
  (dropped content), and those it does (moved clauses).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from scocompare.core.shift_words import (
    _CLAUSE_OPENERS,
    CLAUSE_BREAKS,
    LOCAL_BLOCK,
    MODAL_CLASS,
    NEGATORS,
    POLARITY,
    QUALIFIER_CLASS,
    STOPWORDS,
)


@dataclass(frozen=True)
class _Block:
    removed: tuple[str, ...]
    added: tuple[str, ...]
    local: bool
    extra: bool = False  # a whole clause one side never had: no counterpart to compare
    start_a: int = 0  # where the block starts in each word list
    start_b: int = 0


def _blocks(ta: list[str], tb: list[str], opcodes=None) -> list[_Block]:
    """Runs of changed words between shared words (Indel/LCS diff on word lists).

    The LCS diff keeps every shared word it can as ``equal`` (a Levenshtein alignment
    would pair unrelated words as substitutions and hide shared ones), so what is
    left really changed.
    """
    # (tag, src_start, src_end, dest_start, dest_end) tuples, built in C by as_list().
    ops = (opcodes if opcodes is not None else Indel.opcodes(ta, tb)).as_list()
    blocks: list[_Block] = []
    k = 0
    while k < len(ops):
        if ops[k][0] == "equal":
            k += 1
            continue
        first = k
        while k < len(ops) and ops[k][0] != "equal":
            k += 1
        removed = tuple(ta[ops[first][1]:ops[k - 1][2]])
        added = tuple(tb[ops[first][3]:ops[k - 1][4]])
        neighbours = []
        if first > 0:
            prev = ops[first - 1]
            neighbours += ta[prev[1]:prev[2]][-2:]
        if k < len(ops):
            nxt = ops[k]
            neighbours += ta[nxt[1]:nxt[2]][:2]
        anchored = any(w not in STOPWORDS for w in neighbours)
        small = max(len(removed), len(added)) <= LOCAL_BLOCK
        # One side empty, or a pronoun standing for a whole clause ("the route, which
        # avoids the marshes" -> "it"): the long side has no counterpart.
        one_sided = max(removed, added, key=len) if min(len(removed), len(added)) <= 1 else ()
        extra = len(one_sided) > LOCAL_BLOCK + 1 and (
            first == 0 or k == len(ops) or one_sided[0] in _CLAUSE_OPENERS or one_sided[-1] in _CLAUSE_OPENERS)
        blocks.append(_Block(removed, added, anchored and small, extra, ops[first][1], ops[first][3]))
    return blocks


def _stem(w: str) -> str:
    return w.split("_")[0][:5]


_LEXICAL = frozenset(NEGATORS) | frozenset(MODAL_CLASS) | frozenset(QUALIFIER_CLASS) | frozenset(POLARITY)
_NOT_CONTENT = STOPWORDS | _LEXICAL | CLAUSE_BREAKS


def _content(w: str) -> str | None:
    return None if w in _NOT_CONTENT or w[0] == "<" else _stem(w)


def _clause_words(toks: list[str], clauses: list[int]) -> dict[int, frozenset[str]]:
    """Content-word stems of each clause (the words a counterpart clause would share).

    Memoised by word list (a base sentence meets every version): the dict is shared,
    read it only.
    """
    return _clause_words_of(tuple(toks), tuple(clauses))


@lru_cache(maxsize=16384)
def _clause_words_of(toks: tuple[str, ...], clauses: tuple[int, ...]) -> dict[int, frozenset[str]]:
    # Every clause in order of first appearance, then the stems of its content words
    # (``_stem`` inlined: this reads every word of every new sentence).
    out: dict[int, list[str]] = {c: [] for c in dict.fromkeys(clauses)}
    stems = _STEMS
    for w, c in zip(toks, clauses, strict=True):
        st = stems.get(w, "")
        if st == "":
            st = stems[w] = _content(w)
            if len(stems) > _STEMS_MAX:  # a long session meets many words: start afresh
                stems.clear()
        if st is not None:
            out[c].append(st)
    return {c: frozenset(ws) for c, ws in out.items()}


# Each word's content stem (or None), read once: ``_clause_words_of`` reads every word
# of every new sentence. Bounded by clearing, as the memos of this module are.
_STEMS: dict[str, str | None] = {}
_STEMS_MAX = 200_000


def _counterparts(ca: dict[int, set[str]], cb: dict[int, set[str]], strong: bool) -> dict[int, int]:
    """Each clause of one side with the clause of the other side it restates, if any.

    A counterpart shares two content words, or all of a clause of one or two words;
    ``strong`` asks also for half the content words of the smaller clause.
    """
    return _counterpart_maps(ca, cb)[strong]


def _counterpart_maps(ca: dict[int, set[str]], cb: dict[int, set[str]]) -> tuple[dict[int, int], dict[int, int]]:
    """``_counterparts(ca, cb, False)`` and ``_counterparts(ca, cb, True)`` from one search."""
    weak, strong = {}, {}
    only = next(iter(cb.items())) if len(cb) == 1 else None  # one clause (most sentences): no search
    for i, wa in ca.items():
        if only is not None:
            best, j = len(wa & only[1]), only[0]
        else:
            best, j = max(((len(wa & wb), j) for j, wb in cb.items()), default=(0, -1))
        small = min(len(wa), len(cb.get(j, ())))
        if best >= 2 or (best >= 1 and best == small):
            weak[i] = j
            if best >= 2 and best * 2 >= small:
                strong[i] = j
    return weak, strong


def _unmatched_extras(all_blocks: list[_Block]) -> tuple[set[int], set[int], set[int], set[int]]:
    """Word positions of one-sided clauses the other side does not carry elsewhere, then of moved ones.

    A one-sided block whose content words reappear in a one-sided block of the other
    side is a clause that moved, and stays in the comparison.
    """
    extras = [bl for bl in all_blocks if bl.extra]
    words_a = {_stem(w) for bl in extras for w in bl.removed if w not in STOPWORDS}
    words_b = {_stem(w) for bl in extras for w in bl.added if w not in STOPWORDS}
    skip_a: set[int] = set()
    skip_b: set[int] = set()
    all_a = {k for bl in extras for k in range(bl.start_a, bl.start_a + len(bl.removed))}
    all_b = {k for bl in extras for k in range(bl.start_b, bl.start_b + len(bl.added))}
    for bl in extras:
        if len({_stem(w) for w in bl.removed if w not in STOPWORDS} & words_b) < 2:
            skip_a.update(range(bl.start_a, bl.start_a + len(bl.removed)))
        if len({_stem(w) for w in bl.added if w not in STOPWORDS} & words_a) < 2:
            skip_b.update(range(bl.start_b, bl.start_b + len(bl.added)))
    return skip_a, skip_b, all_a - skip_a, all_b - skip_b
