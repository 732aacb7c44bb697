"""Noun phrases after numbers and ordinals: what a count counts.

Helpers for :mod:`scocompare.core.facts_extract`.  "1,200 delegates" counts
delegates, "850 km long" counts km, "the 23rd annual meeting" numbers a meeting;
nouns are reduced to a rough singular so that versions can be paired on them.
"""

from __future__ import annotations

import re

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
