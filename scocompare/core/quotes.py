"""Quoted passages checked against the other versions: verbatim, altered or not found.

Coverage often quotes the statement; a quote that is not what was said (a word changed,
a qualifier dropped) or that appears in no other version is what a journalist checks
first. Every passage between double quotes ("...", “...”, «...») of at least
``MIN_WORDS`` words is looked for in the other documents:

- ``verbatim``: the same words in the same order (case, punctuation and quote marks
  ignored) in another document;
- ``altered``: the best approximate match (rapidfuzz partial alignment over normalised
  text) shares at least ``ALTERED_MIN_SHARED`` of the quote's words; the word changes
  come from ``core.diff.word_diff``;
- ``partial``: neither, but another document quotes a part of it word for word (a
  statement's three-sentence quote of which the coverage keeps one sentence, or a
  phrase): the passage was quoted in part, not lost; ``found_in`` names those quotes;
- ``not_found``: none of these, in any other document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scocompare.core.diff import word_diff
from scocompare.core.model import Document, QuoteCheck

MIN_WORDS = 3
MAX_CHARS = 1500  # longer "quotes" are unbalanced quote marks, not passages
ALTERED_MIN_SHARED = 0.6  # share of the quote's words an altered match must keep

# Opening and closing marks; a passage never crosses a blank line (unbalanced marks).
_QUOTE = re.compile(
    r'"(?P<a>[^"\n]*(?:\n(?!\s*\n)[^"\n]*)*)"'
    r"|\u201c(?P<b>[^\u201c\u201d]*?)\u201d"
    r"|\u00ab(?P<c>[^\u00ab\u00bb]*?)\u00bb"
)
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)


def words_of(text: str) -> list[str]:
    """Case-folded words of ``text`` as quotes are matched (apostrophes kept in words)."""
    return [w.casefold().replace("\u2019", "'") for w in _WORD.findall(text)]


def quoted_words(text: str) -> list[tuple[str, ...]]:
    """The words (case-folded) of each passage of at least MIN_WORDS words quoted inside
    ``text`` (one sentence: a quote running over several sentences is not seen here)."""
    out = []
    for m in _QUOTE.finditer(text):
        words = words_of(next(g for g in m.groups() if g is not None))
        if MIN_WORDS <= len(words):
            out.append(tuple(words))
    return out


def find_quotes(doc: Document) -> list[tuple[str, int, int, str]]:
    """(segment id, start, end, text) of every quoted passage in ``doc``'s content.

    Offsets are those of the words inside the marks; the segment is the one where the
    passage starts (a quote may run over several sentences). Boilerplate is skipped.
    """
    content = doc.content_segments()
    out: list[tuple[str, int, int, str]] = []
    for m in _QUOTE.finditer(doc.text):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        start, end = m.start(group), m.end(group)
        inner = doc.text[start:end]
        stripped = inner.strip()
        if len(words_of(stripped)) < MIN_WORDS or len(stripped) > MAX_CHARS:
            continue
        start += len(inner) - len(inner.lstrip())
        end = start + len(stripped)
        seg = next((s for s in content if s.start <= start < s.end), None)
        if seg is not None:
            out.append((seg.id, start, end, stripped))
    return out


class _Normalised:
    """A document's text as space-separated lower-case words, mapped back to offsets."""

    def __init__(self, doc: Document):
        self.doc = doc
        spans = [(m.group(0).casefold().replace("\u2019", "'"), m.start(), m.end())
                 for m in _WORD.finditer(doc.text)]
        self.words = [w for w, _, _ in spans]
        self.spans = [(a, b) for _, a, b in spans]
        self.text = " " + " ".join(self.words) + " "
        self.starts: list[int] = []  # offset in self.text of each word
        pos = 1
        for w in self.words:
            self.starts.append(pos)
            pos += len(w) + 1
        self.vocab = set(self.words)

    def word_at(self, pos: int) -> int:
        """Index of the word covering position ``pos`` of the normalised text."""
        import bisect

        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def segments_between(self, first: int, last: int) -> tuple[str, ...]:
        """Ids of content segments overlapping words first..last (inclusive)."""
        a, b = self.spans[first][0], self.spans[last][1]
        return tuple(s.id for s in self.doc.content_segments() if s.start < b and a < s.end)


def _match(quote: str, qwords: list[str], other: _Normalised):
    """(status, found segments, changes) of ``quote`` in one other document, or None."""
    if not other.words:
        return None
    needle = " " + " ".join(qwords) + " "
    at = other.text.find(needle)
    if at >= 0:
        first = other.word_at(at + 1)
        return "verbatim", other.segments_between(first, first + len(qwords) - 1), ()
    if len(set(qwords) & other.vocab) < ALTERED_MIN_SHARED * len(set(qwords)):
        return None  # cheap bound: too few of its words occur anywhere in this document
    from rapidfuzz import fuzz

    al = fuzz.partial_ratio_alignment(needle.strip(), other.text)
    if al is None or al.dest_end <= al.dest_start:
        return None
    first, last = other.word_at(al.dest_start), other.word_at(max(al.dest_end - 1, al.dest_start))
    # Widen by a word on each side: the character alignment may cut a changed edge word.
    first, last = max(0, first - 1), min(len(other.words) - 1, last + 1)
    source = other.doc.text[other.spans[first][0]:other.spans[last][1]]
    ops = _trim(word_diff(quote, source))
    kept = sum(len(words_of(a)) for op, a, _ in ops if op == "equal")
    if kept < ALTERED_MIN_SHARED * len(qwords):
        return None
    if all(op == "equal" for op, _, _ in ops):
        # Same words once punctuation is ignored: still verbatim.
        return "verbatim", other.segments_between(first, last), ()
    changes = tuple((op, a, b) for op, a, b in ops if op != "equal" and (words_of(a) or words_of(b)))
    if not changes:
        return "verbatim", other.segments_between(first, last), ()
    return "altered", other.segments_between(first, last), changes


def _trim(ops: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop source words added only at the ends (the widened window), not in the quote."""
    while ops and ops[0][0] == "insert":
        ops = ops[1:]
    while ops and ops[-1][0] == "insert":
        ops = ops[:-1]
    return ops


def check_quotes(documents: Sequence[Document]) -> tuple[QuoteCheck, ...]:
    """Every quoted passage of every document checked against all the others.

    ``found_in`` lists the segments where the passage was found with the reported
    status (verbatim wherever it is verbatim; otherwise the closest altered match);
    ``changes`` holds the word changes of that closest altered match.
    """
    norms: dict[str, _Normalised] = {}  # built on first use: most texts quote nothing
    checks: list[QuoteCheck] = []
    for doc in documents:
        for seg_id, start, end, text in find_quotes(doc):
            qwords = words_of(text)
            verbatim: list[str] = []
            best_altered = None  # (kept words, segments, changes)
            for other in documents:
                if other.id == doc.id:
                    continue
                if other.id not in norms:
                    norms[other.id] = _Normalised(other)
                found = _match(text, qwords, norms[other.id])
                if found is None:
                    continue
                status, segs, changes = found
                if status == "verbatim":
                    verbatim.extend(segs)
                else:
                    changed = sum(len(words_of(a)) + len(words_of(b)) for _, a, b in changes)
                    if best_altered is None or changed < best_altered[0]:
                        best_altered = (changed, segs, changes)
            if verbatim:
                checks.append(QuoteCheck(seg_id, start, end, text, "verbatim", tuple(verbatim)))
            elif best_altered is not None:
                checks.append(QuoteCheck(seg_id, start, end, text, "altered",
                                         best_altered[1], best_altered[2]))
            else:
                checks.append(QuoteCheck(seg_id, start, end, text, "not_found"))
    return tuple(_quoted_in_part(checks))


def _quoted_in_part(checks: list[QuoteCheck]) -> list[QuoteCheck]:
    """``not_found`` checks of which another document quotes a part word for word become
    ``partial``, found in those quotes. A statement's quote runs to two or three
    sentences and coverage quotes one, or a phrase ("sends the bill to our children"):
    reported as not found, the source's own quote read as if nobody had used it."""
    if not any(q.status == "not_found" for q in checks):
        return checks
    padded = [" " + " ".join(words_of(q.text)) + " " for q in checks]
    out = []
    for q, mine in zip(checks, padded, strict=True):
        if q.status == "not_found":
            doc = q.segment.split(".", 1)[0]
            parts = [o.segment for o, theirs in zip(checks, padded, strict=True)
                     if o.segment.split(".", 1)[0] != doc and theirs in mine]
            if parts:
                q = QuoteCheck(q.segment, q.start, q.end, q.text, "partial", tuple(dict.fromkeys(parts)))
        out.append(q)
    return out
