"""Word-level differences inside a linked pair of sentences."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

# A token is a word (letters/digits with inner apostrophes, hyphens, dots, commas in numbers)
# or a single punctuation mark; whitespace is kept attached to the following token's output.
_TOKEN = re.compile(r"[\w]+(?:[’'\-.,][\w]+)*|[^\w\s]", re.UNICODE)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Words and punctuation of ``text`` with their character offsets."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _norm(tok: str) -> str:
    return tok.casefold().replace("’", "'")


def word_diff(a: str, b: str) -> list[tuple[str, str, str]]:
    """Word-level opcodes turning ``a`` into ``b``.

    Returns a list of ``(op, a_text, b_text)`` where ``op`` is ``equal``, ``replace``,
    ``delete`` or ``insert``; the texts are the original spans of ``a`` and ``b``
    (inner whitespace kept), so joining the ``a`` parts gives back ``a`` minus leading and
    trailing space. Comparison ignores case.
    """
    ta, tb = tokenize(a), tokenize(b)
    ops = Levenshtein.opcodes([_norm(t[0]) for t in ta], [_norm(t[0]) for t in tb])
    out: list[tuple[str, str, str]] = []
    for op in ops:
        tag = op.tag
        sa = a[ta[op.src_start][1]:ta[op.src_end - 1][2]] if op.src_end > op.src_start else ""
        sb = b[tb[op.dest_start][1]:tb[op.dest_end - 1][2]] if op.dest_end > op.dest_start else ""
        out.append((tag, sa, sb))
    return out


def word_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of ``a`` and ``b`` that differ (for highlighting changed words)."""
    ta, tb = tokenize(a), tokenize(b)
    ops = Levenshtein.opcodes([_norm(t[0]) for t in ta], [_norm(t[0]) for t in tb])
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    for op in ops:
        if op.tag == "equal":
            continue
        if op.src_end > op.src_start:
            spans_a.append((ta[op.src_start][1], ta[op.src_end - 1][2]))
        if op.dest_end > op.dest_start:
            spans_b.append((tb[op.dest_start][1], tb[op.dest_end - 1][2]))
    return spans_a, spans_b


def changed_words(a: str, b: str) -> tuple[list[str], list[str]]:
    """Words removed from ``a`` and words added in ``b`` (normalised, in order)."""
    ta, tb = tokenize(a), tokenize(b)
    na, nb = [_norm(t[0]) for t in ta], [_norm(t[0]) for t in tb]
    removed: list[str] = []
    added: list[str] = []
    for op in Levenshtein.opcodes(na, nb):
        if op.tag != "equal":
            removed.extend(na[op.src_start:op.src_end])
            added.extend(nb[op.dest_start:op.dest_end])
    return removed, added
