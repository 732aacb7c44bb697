"""Split a normalised text into paragraphs and sentences with exact offsets.

Every segment satisfies ``text[s.start:s.end] == s.text`` and carries no
leading or trailing whitespace, so a highlight can always be traced back to
the loaded text. The splitter is rule based (no model): news copy is full of
abbreviations ("U.N.", "Mr.", "No. 5"), datelines ("BEIJING, July 4 (Xinhua)
--") and quotes ('"We agree," he said.') that generic splitters get wrong,
and the rules keep offsets exact by construction (we only ever choose cut
points; we never rewrite the text).

Pipeline: blank-line blocks are paragraphs; inside a paragraph, lines are
grouped into runs (a heading line, a bullet item, or wrapped prose); each run
is cut into sentences; boilerplate spans (from ingest) force cuts at their
edges and mark the segments inside them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence

from scocompare.core.model import Segment

# A blank line (possibly holding spaces) separates paragraphs.
_PARA_SEP = re.compile(r"\n[ \t\f\v\r]*\n\s*")

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2023\u25e6\u2043\u2219\u00b7\u2013\u2014]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+\S")

# Characters that may close a sentence after its terminal punctuation.
_CLOSERS = "\"'\u201d\u2019\u00bb)]}"
_OPENERS = "\"'\u201c\u2018\u00ab([{"
_TERMINAL = ".!?\u2026"

# Sentence candidate: terminal punctuation, optional closers, whitespace.
_CANDIDATE = re.compile(r"[.!?\u2026]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")

# Words after which a period does not end a sentence (titles, references).
_NEVER_FINAL = frozenset(
    """mr mrs ms messrs mme mlle dr prof st sgt lt col gen maj capt cmdr adm gov sen rep
    rev hon pres amb sr jr fr hr dept univ assn bros
    no nos art arts vol vols fig figs ch sec para pp p op cf vs v
    e.g i.e viz approx ca est""".split()
)
# Words after which a period ends the sentence only if no number follows
# ("Jan. 5" is a date, "in Jan. The" is a boundary).
_BEFORE_NUMBER = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos art vol p pp fig ch sec".split()
)
# Sentence starters that make a boundary after "U.S." / "U.N." likely.
_STARTERS = frozenset(
    """the a an it its he she they we i this that these those there in on at but and
    however meanwhile also his her their our after before when while if as some
    many most all officials""".split()
)
_SPEECH_VERBS = frozenset(
    """said says say told added asked stressed noted replied explained insisted warned
    declared wrote tweeted according""".split()
)
_WORD = re.compile(r"\s*(\S+)")
_CONNECTORS = frozenset(
    "and or of the to in a an for with on by at from as that which who but nor".split()
)
# A dateline line such as "BEIJING, July 4 (Xinhua) --" or "Beijing, 4 July 2023 (TDI):"
# belongs to the first sentence that follows it.
_DATELINE_END = re.compile(r"(?:--|\u2014|\u2013|:|-)\s*$")
_DATELINE = re.compile(
    r"^[A-Z][\w.'\- ]{1,40},\s+.{0,40}?(?:\d|\([A-Z][\w ]*\))[^.!?]*(?:--|\u2014|\u2013|:|-)\s*$"
)


def segment_text(
    text: str, doc_id: str, boilerplate_spans: Iterable[tuple[int, int]] = ()
) -> tuple[Segment, ...]:
    """Cut ``text`` into sentence segments with exact character offsets.

    ``boilerplate_spans`` are ``(start, end)`` ranges (site furniture found by
    ingest): segments are cut at their edges and those inside are marked
    ``boilerplate``. Ids are ``f"{doc_id}.s{n}"`` (1-based), ``index`` is
    0-based and ``paragraph`` counts blank-line separated blocks from 1.
    """
    spans = sorted((max(0, a), min(len(text), b)) for a, b in boilerplate_spans if b > a)
    cuts = sorted({p for span in spans for p in span})
    union = _merge(spans)
    union_starts = [a for a, _b in union]
    segments: list[Segment] = []
    for para_no, (p_start, p_end) in enumerate(_paragraphs(text), start=1):
        for r_start, r_end in _runs(text, p_start, p_end):
            inner = cuts[bisect.bisect_right(cuts, r_start) : bisect.bisect_left(cuts, r_end)]
            bounds = sorted({r_start, *_sentence_cuts(text, r_start, r_end), *inner, r_end})
            for a, b in itertools.pairwise(bounds):
                a, b = _strip(text, a, b)
                if a >= b:
                    continue
                n = len(segments)
                segments.append(
                    Segment(
                        id=f"{doc_id}.s{n + 1}",
                        doc=doc_id,
                        index=n,
                        paragraph=para_no,
                        start=a,
                        end=b,
                        text=text[a:b],
                        boilerplate=_inside(union, union_starts, a, b),
                    )
                )
    return tuple(segments)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _inside(union: list[tuple[int, int]], starts: list[int], a: int, b: int) -> bool:
    # Segments never cross a span edge (edges are cuts), so lying inside the
    # union of the spans is the same as lying inside one of them.
    i = bisect.bisect_right(starts, a) - 1
    return i >= 0 and union[i][0] <= a and b <= union[i][1]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every blank-line separated block holding some text."""
    out = []
    pos = 0
    for m in _PARA_SEP.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        a, b = _strip(text, pos, stop)
        if a < b:
            out.append((a, b))
        if nl == -1:
            break
        pos = nl + 1
    return out


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in _TERMINAL if line.rstrip(_CLOSERS) else False


def _looks_wrapped(lines: list[str]) -> bool:
    """True for hard-wrapped prose: lines that fill the width, a final full stop.

    Headings, bylines and menus are short lines without a final full stop;
    wrapped prose ends in one and its lines (but the last) fill the width.
    """
    if len(lines) < 2 or not _ends_sentence(lines[-1]):
        return False
    # Two lines are weak evidence (a heading over a body line looks the same),
    # so they must be wide; three or more narrow even lines are newspaper
    # columns as extracted from PDFs.
    if min(len(s) for s in lines[:-1]) < (50 if len(lines) == 2 else 30):
        return False
    # A wrapping editor breaks a line only when the next word would not fit:
    # a heading above a body line leaves room for it, wrapped lines do not.
    width = max(len(s) for s in lines)
    return all(
        len(line) + 1 + len(nxt.split(None, 1)[0]) > width - 2
        for line, nxt in itertools.pairwise(lines)
    )


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Group the lines of one paragraph into runs that sentences never cross."""
    spans = _lines(text, start, end)
    if len(spans) <= 1:
        return spans
    lines = [text[a:b] for a, b in spans]
    wrapped = _looks_wrapped(lines)
    runs = [list(spans[0])]
    head = 0  # index of the line that opened the current run
    for i in range(1, len(spans)):
        prev, cur = lines[i - 1], lines[i]
        if _is_break(prev, cur, wrapped, in_bullet=_BULLET.match(lines[head]) is not None):
            runs.append(list(spans[i]))
            head = i
        else:
            runs[-1][1] = spans[i][1]
    return [(a, b) for a, b in runs]


def _is_break(prev: str, cur: str, wrapped: bool, in_bullet: bool) -> bool:
    """Whether a line break between ``prev`` and ``cur`` ends a run."""
    if _BULLET.match(cur):
        return True
    if wrapped:
        return False
    if _DATELINE.match(prev):
        return False
    last_word = re.sub(r"\W+$", "", prev).rsplit(None, 1)[-1:] or [""]
    if prev.endswith((",", "-", "\u2013", "\u2014", "(", "/")) or last_word[0].lower() in _CONNECTORS:
        return False
    # A long line followed by a lowercase word is prose wrapped unevenly; a
    # short one ("Contact author" / "blog comments powered by ...") is a menu.
    if cur.lstrip(_OPENERS)[:1].islower() and len(prev) >= 40:
        return False
    if in_bullet:
        return True
    # A line without a final full stop followed by a new line is a heading,
    # a byline or a menu entry: its own segment. After a full stop the
    # sentence rules decide (they know "Mr." at a line end is no boundary).
    return not _ends_sentence(prev)


def _sentence_cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets (inside ``start..end``) where one sentence ends and the next begins."""
    cuts = []
    for m in _CANDIDATE.finditer(text, start, end):
        stop = m.end()
        nxt = _next_word(text, stop, end)
        if not nxt:
            continue
        if _is_boundary(text, start, m.start(), stop, nxt):
            cuts.append(stop)
    return cuts


def _next_word(text: str, pos: int, end: int) -> str:
    m = _WORD.match(text, pos, end)
    return m.group(1) if m else ""


def _word_before(text: str, start: int, dot: int) -> str:
    """The token that ends at ``dot`` (the terminal punctuation)."""
    i = dot
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:dot].lstrip(_OPENERS)


def _is_boundary(text: str, start: int, dot: int, stop: int, nxt: str) -> bool:
    punct = text[dot:stop].rstrip(_CLOSERS)
    closed = stop - dot > len(punct)  # terminal punctuation inside closing quotes
    head = nxt.lstrip(_OPENERS)
    first = head[:1]
    if not first:
        first = nxt[:1]
    # Lowercase continuation: '"Enough!" he said', 'e.g. this', '... and then'.
    if first.islower():
        return False
    if not (first.isupper() or first.isdigit() or nxt[:1] in _OPENERS or not first.isalnum()):
        return False
    if closed and _speech_follows(text, start, dot, stop):
        return False
    if punct != ".":
        return True  # ! ? ... and ellipses followed by a capital
    word = _word_before(text, start, dot)
    low = word.lower()
    bare = low.rstrip(".")
    if first.isdigit() and bare in _BEFORE_NUMBER:
        return False  # "No. 5", "Jan. 12", "p. 3"
    if bare in _NEVER_FINAL and bare not in _BEFORE_NUMBER:
        return False
    if len(word) == 1 and word.isupper():
        # An initial ("J. Smith", "George W. Bush") unless a typical sentence
        # opener follows ("Plan B. The ...").
        return head.lower().strip(_CLOSERS + ",;:") in _STARTERS
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        # Dotted acronym "U.S." / "U.N.": only a boundary when the next word
        # typically starts a sentence.
        return head.lower().strip(_CLOSERS + ",;:") in _STARTERS
    return True


def _speech_follows(text: str, start: int, dot: int, stop: int) -> bool:
    """'"Never." Smith said' - a quoted sentence followed by its attribution.

    Not when the quote was introduced by a colon ('said: "..."', attribution
    already given) or when a capitalised pronoun follows a full stop ('"..."
    He added'), which in edited copy opens a new sentence.
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", text[stop : stop + 60])[:3]]
    if not any(w in _SPEECH_VERBS for w in words):
        return False
    # Look back a bounded distance: a quote opens within a few hundred chars,
    # and scanning from the run start would be quadratic in long paragraphs.
    lo = max(start, dot - 400)
    opening = max(text.rfind(q, lo, dot) for q in "\"\u201c'\u2018")
    if opening > lo and text[max(lo, opening - 40) : opening].rstrip().endswith((":", ",")):
        return False
    if words[0] in ("he", "she", "they", "we", "i", "it"):
        return text[dot] != "."
    # "Smith said" is attribution; "The minister said ..." opens a sentence.
    return words[0] not in _STARTERS


def sentences(text: str) -> list[str]:
    """Convenience for tests and tools: the sentence texts of ``text``."""
    return [s.text for s in segment_text(text, "x")]


def paragraph_spans(text: str) -> Sequence[tuple[int, int]]:
    """(start, end) of each paragraph (blank-line separated block) of ``text``."""
    return _paragraphs(text)
