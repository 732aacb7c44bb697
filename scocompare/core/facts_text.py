"""Noun phrases after numbers and ordinals: what a count counts.

Helpers for :mod:`scocompare.core.facts_extract`.  "1,200 delegates" counts
delegates, "850 km long" counts km, "the 23rd annual meeting" numbers a meeting;
nouns are reduced to a rough singular so that versions can be paired on them.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rapidfuzz.distance import Indel

MONTH_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}

# Words that end the noun phrase after a number: "40 tonnes of food" counts tonnes.
_STOP = set(
    "of for to in on at by with from and or but the a an that which who whom whose this these"
    " those is are was were be been being has have had will would shall should can could may"
    " might must said says say than as per each from into over under about after before while"
    " since until when where it its their his her our your they we he she there not no also"
    " only just more most less least such other another against between among amid via"
    " toward towards despite".split()
)
_UNIT_SYNONYMS = {
    "people": "person", "persons": "person", "children": "child", "men": "man", "women": "woman", "kilometre": "km", "kilometer": "km",
    "kilometres": "km", "kilometers": "km", "tons": "tonne", "ton": "tonne", "tonnes": "tonne",
    "kilogram": "kg", "kilograms": "kg", "kilogramme": "kg", "miles": "mile",
    "metres": "metre", "meters": "metre", "meter": "metre",
}
_WORD_RE = re.compile(r"\s*([A-Za-z][A-Za-z'-]*)")


_ES_PLURAL_RE = re.compile(r"(ss|x|ch|sh)es$")
def singular(word: str) -> str:
    """A rough singular for matching nouns across versions ("countries" -> "country")."""
    w = word.lower()
    if w in _UNIT_SYNONYMS:
        return _UNIT_SYNONYMS[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and _ES_PLURAL_RE.search(w):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


_KNOWN_UNITS = {"km", "kg", "mile", "tonne", "metre", "person", "hectare", "acre", "litre", "barrel"}
_ADJ_RE = re.compile(r"(al|ual|ive|ous|ful|ic|ed|est|ern)$")
_ADJ = {"new", "annual", "consecutive", "straight", "extraordinary", "regular", "full", "key",
        "major", "top", "senior", "other", "additional", "further", "successive", "virtual",
        "joint", "high", "large", "small", "big", "young", "old", "open", "formal", "last"}


def noun_after(text: str, pos: int, limit: int = 3, count: bool = False) -> tuple[str, str]:
    """The head noun of the phrase after ``pos`` (singular, lower case) and the phrase.

    Reads up to ``limit`` words, stopping at a function word, punctuation or an
    adverb.  For counts (``count=True``) the head is the first plural or unit
    word ("15 member states" -> "state", "850 km long" -> "km"); otherwise the
    first word that is not an adjective ("23rd annual meeting" -> "meeting").
    """
    words: list[str] = []
    i = pos
    while len(words) < limit:
        m = _WORD_RE.match(text, i)
        if not m or "\n" in text[i:m.start(1)]:
            break
        w = m.group(1)
        lw = w.lower()
        if lw in _STOP or lw in MONTH_WORDS or (words and lw.endswith("ly")):
            break
        words.append(w)
        i = m.end()
    if not words:
        return "", ""
    if count:
        for k, w in enumerate(words):
            lw = w.lower()
            sing = singular(lw)
            if sing in _KNOWN_UNITS or (sing != lw and not lw.endswith("ss")):
                return sing, " ".join(words[: k + 1])
    for k, w in enumerate(words):
        lw = w.lower()
        adjective = lw in _ADJ or (_ADJ_RE.search(lw) and len(lw) > 4)
        if not adjective or k == len(words) - 1:
            return singular(lw), " ".join(words[: k + 1])
    return singular(words[0]), words[0]


# Clause edges for the context of a figure: punctuation and clause-opening words.
# A point or comma inside a figure ("6.8%", "1,237") is no edge.
_CLAUSE_EDGE_RE = re.compile(r"[,;:.!?](?!\d)|[()]|\b(?:and|but|while|whereas|although|which|who)\b", re.I)
_CONTEXT_WORD_RE = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
_FIG_TOKEN_RE = re.compile(r"\w+(?:[.,]\w+)*")
# Words that say nothing about which quantity a figure measures: units, scales,
# time words, and verbs of change ("rose" sits beside exports and imports alike).
_GENERIC = _STOP | MONTH_WORDS | set(
    "percent per cent percentage point points basis million billion trillion thousand euro euros dollar"
    " dollars pound pounds yen franc francs year years month months week weeks day days quarter half"
    " first second third fourth last next previous earlier later around about some nearly almost"
    " roughly over up down rose rise rises risen rising fell fall falls fallen falling grew grow grows"
    " increased increase decreased decrease climbed climb dropped drop jumped slid slipped gained"
    " lost reached stood stands was were totalled totaled hit to of total compared against"
    # Verbs of a quantity's motion name no quantity ("CPI growth slowed to 1.8%" / "output
    # growth slowed to 9.2%" share only the verb: two quantities, as rose/fell already say).
    " slowed slows slow slowing eased eases easing accelerated accelerates quickened edged soared"
    " surged plunged plummeted declined declines widened narrowed".split()
)


def generic_word(word: str) -> bool:
    """Whether a lower-case word says nothing about which quantity a figure measures."""
    return word in _GENERIC


# Measures news copy names interchangeably; each word maps to one stem.
_MEASURE_SYNONYMS = {
    "turnover": "reven", "sales": "reven", "sale": "reven", "revenues": "reven",
    "earnings": "profi", "income": "profi", "jobless": "unemp", "joblessness": "unemp",
    "output": "produ", "production": "produ", "harvest": "produ", "prices": "infla", "price": "infla",
    "lending": "credi", "loans": "credi", "borrowing": "credi", "staff": "emplo", "workers": "emplo",
    "jobs": "emplo", "deaths": "death", "dead": "death", "killed": "death", "died": "death",
}


def _stem(word: str) -> str:
    low = word.lower()
    return _MEASURE_SYNONYMS.get(low) or singular(low)[:5]


class FigurePairing:
    """Whether two figures in linked passages are about the same thing.

    Two unmatched percentages in a merged sentence ("growth 0.9%, forecast 1.4%" /
    "growth 0.9%, unemployment 6.2%") or amounts in a wrongly linked pair
    ("revenue 4.12 billion" / "operating profit 318 million") are different
    quantities.  When both clauses around the figures name something, they must
    share a content word (a few measure synonyms count as one); when one clause
    names nothing, the figures must sit opposite each other in the word
    alignment of the passages; when neither does, nothing tells them apart.
    """

    def __init__(self, text_a: str, text_b: str):
        self.texts = (text_a, text_b)
        self.tokens = tuple([(m.start(), m.group(0).lower()) for m in _FIG_TOKEN_RE.finditer(t)]
                            for t in self.texts)
        # Runs of changed words as (src_start, src_end, dest_start, dest_end, equal):
        # the LCS diff gives a change as a delete and an insert, one replaced run here.
        self.runs: list[tuple[int, int, int, int, bool]] = []
        for op in Indel.opcodes([w for _, w in self.tokens[0]], [w for _, w in self.tokens[1]]):
            eq = op.tag == "equal"
            if self.runs and not eq and not self.runs[-1][4]:
                s0, _, d0, _, _ = self.runs[-1]
                self.runs[-1] = (s0, op.src_end, d0, op.dest_end, False)
            else:
                self.runs.append((op.src_start, op.src_end, op.dest_start, op.dest_end, eq))

    def _clause(self, side: int, start: int, end: int) -> tuple[list[str], list[str]]:
        """Content words of the clause before and after a figure, nearest first, as stems."""
        text = self.texts[side]
        left = [m.end() for m in _CLAUSE_EDGE_RE.finditer(text, 0, start)]
        right = _CLAUSE_EDGE_RE.search(text, end)
        before = _CONTEXT_WORD_RE.findall(text[left[-1] if left else 0:start])
        after = _CONTEXT_WORD_RE.findall(text[end:right.start() if right else len(text)])
        keep = [w for w in before[::-1] if w.lower() not in _GENERIC], [w for w in after if w.lower() not in _GENERIC]
        return [_stem(w) for w in keep[0]], [_stem(w) for w in keep[1]]

    def _context(self, side: int, start: int, end: int) -> set[str]:
        before, after = self._clause(side, start, end)
        return set(before) | set(after)

    def _core(self, side: int, start: int, end: int) -> set[str]:
        """The clause's words that name the quantity: those of a place or time phrase after
        the figure ("in the runoff", "on Sunday") set the scene, they do not name it."""
        text = self.texts[side]
        right = _CLAUSE_EDGE_RE.search(text, end)
        stop = right.start() if right else len(text)
        scene = _SCENE_RE.search(text, end, stop)
        before, _ = self._clause(side, start, end)
        after = _CONTEXT_WORD_RE.findall(text[end:scene.start() if scene else stop])
        return set(before) | {_stem(w) for w in after if w.lower() not in _GENERIC}

    def _token(self, side: int, pos: int) -> int:
        return max(0, bisect_right([s for s, _ in self.tokens[side]], pos) - 1)

    def _opposite(self, fa, fb) -> bool:
        """Whether the figures sit at one place of the word alignment: the same position
        of an unchanged run, or a short changed run (the figure swapped in place, not a
        clause rewritten around it)."""
        i, j = self._token(0, fa.start), self._token(1, fb.start)
        for s0, s1, d0, d1, eq in self.runs:
            if s0 <= i < s1:
                if eq:
                    return j == d0 + (i - s0)
                return d0 <= j < d1 and max(s1 - s0, d1 - d0) <= _SWAP_TOKENS
        return False

    def close_copies(self) -> bool:
        """Whether most words of the two passages are the same words in the same order."""
        same = sum(s1 - s0 for s0, s1, _, _, eq in self.runs if eq)
        return same >= _CLOSE_COPY * max(len(self.tokens[0]), len(self.tokens[1]), 1)

    def _frame(self, fa, fb) -> bool | None:
        """For amounts of money: whether their frames ("spent ... on X" / "collected ... in Y")
        are the same; None when the clauses do not say.  What follows an amount names what
        it pays for; the verb before it says which way it goes."""
        la, ra = self._clause(0, fa.start, fa.end)
        lb, rb = self._clause(1, fb.start, fb.end)
        if ra and rb:
            return bool(set(ra[:_FRAME_WORDS]) & set(rb[:_FRAME_WORDS]))
        if la and lb:
            # Only the nearest word: further left sits the subject, which two sums share
            # ("The league fined the club 2 million" / "The club paid 9 million").
            return la[0] == lb[0]
        return None

    def frames_told_apart(self, fa, fb) -> bool:
        """For amounts: whether the words after each name what it is for ("on schools" /
        "on roads") and one side's are nowhere in the other passage.  Participants named
        on both sides ("a fine on the lender" / "fined by the watchdog") are one frame."""
        ra, rb = self._clause(0, fa.start, fa.end)[1], self._clause(1, fb.start, fb.end)[1]
        if not ra or not rb:
            return False
        words = [{_stem(w) for w in _CONTEXT_WORD_RE.findall(t)} for t in self.texts]
        return not (set(ra[:_FRAME_WORDS]) & words[1]) or not (set(rb[:_FRAME_WORDS]) & words[0])

    def share_words(self, fa, fb, beyond_nouns: bool = False) -> bool:
        """Whether both clauses around the figures name something and share a content word
        (the strict test, for figures as loose as a month). ``beyond_nouns``: the nouns the
        figures count do not count as shared ("nine people missing" / "six people died")."""
        ca, cb = self._context(0, fa.start, fa.end), self._context(1, fb.start, fb.end)
        if beyond_nouns:
            counted = {_stem(w) for f in (fa, fb) for w in (f.noun or "").split()[-1:]}
            counted |= {_stem(f.role) for f in (fa, fb) if f.role}
            ca, cb = ca - counted, cb - counted
        return bool(ca & cb)

    def same_thing(self, fa, fb) -> bool:
        """True when figure ``fa`` of the first passage and ``fb`` of the second may state one quantity."""
        if fa.kind == "money":
            frame = self._frame(fa, fb)
            if frame is not None:
                return frame
        ca, cb = self._context(0, fa.start, fa.end), self._context(1, fb.start, fb.end)
        if ca and cb:
            # Both clauses name their quantity: the names must meet, and not only in the
            # scene ("Turnout was 58 percent in the runoff" / "won 61% of the vote in the runoff").
            core_a, core_b = self._core(0, fa.start, fa.end), self._core(1, fb.start, fb.end)
            if core_a and core_b and not core_a & core_b:
                return False
            return bool(ca & cb)
        if not ca and not cb:
            # Nothing names either figure: only a close copy pins them to one quantity
            # (an omission is better than a false alarm on the facts panel).
            return self.close_copies()
        return self._opposite(fa, fb)


# A place or time phrase after a figure: the scene, not the quantity's name.
_SCENE_RE = re.compile(r"\b(?:in|on|at|during|across|throughout)\b", re.I)
# A changed run of at most this many words on each side is a figure swapped in place.
_SWAP_TOKENS = 3
# Share of words in unchanged runs that makes two passages close copies.
_CLOSE_COPY = 0.6
# How many content words after an amount name what it is for.
_FRAME_WORDS = 2
