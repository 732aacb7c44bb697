"""Who speaks a quote whose own sentence does not name them (for :mod:`scocompare.core.shift`).

Releases name a speaker once and quote them in the next sentence: "The leader of the
opposition, Councillor Pavel Ostrowski, criticised the budget. \"This is a budget that
borrows today ...,\" he said." The quote's sentence gives only a pronoun, so a version
that puts the same words in the mayor's mouth could not be told apart from a faithful
one. Given the sentence before it in its paragraph (its *context*), a sentence whose
attribution is a pronoun ("he said", "said she") or that is all quotation takes the
people its context names as its speaker: every capitalised word and office title there.
Naming everyone the context mentions is deliberately generous: a version that names any
of them is the same voice, so a context can only add a speaker shift when the version's
speaker appears nowhere near the quote.

``speaker_contexts(document)`` gives, for each sentence that needs one, its context;
sentences that need none get no entry, so that callers memoising by text keep hitting.
"""

from __future__ import annotations

from scocompare.core.shift_speakers import speakers
from scocompare.core.shift_words import _TOKEN, ATTRIBUTION, OFFICIAL_TITLES, ROLE_WORDS, STOPWORDS

_PRONOUN_SPEAKERS = frozenset(("he", "she", "they"))
_OPEN_QUOTES = ("\"", "\u201c", "'", "\u2018")
_CLOSE_QUOTES = ("\"", "\u201d", "'", "\u2019")


def needs_context(text: str) -> bool:
    """True when ``text`` attributes its claim to a pronoun ("..., he said.") or is all quotation."""
    stripped = text.strip()
    # A sentence that says who speaks as well is read by ``speakers`` before any context.
    if len(stripped) > 2 and stripped.startswith(_OPEN_QUOTES) and stripped.rstrip(".!?").endswith(_CLOSE_QUOTES):
        return True
    low = [t.casefold() for t in _TOKEN.findall(text.replace("\u2019", "'"))]
    for i, w in enumerate(low):
        if w in ATTRIBUTION and ((i and low[i - 1] in _PRONOUN_SPEAKERS)
                                 or (i + 1 < len(low) and low[i + 1] in _PRONOUN_SPEAKERS)):
            return True
    return False


def context_speaker(context: str) -> frozenset[str]:
    """Who ``context`` gives the floor to: the speaker it attributes a quote to ('"...,"
    said Mayor Lorna Decker'), else every person it names (its capitalised words and
    office titles, lower-cased)."""
    said = speakers(context)
    if said:
        return frozenset().union(*said)
    toks = _TOKEN.findall(context.replace("\u2019", "'"))
    out = set()
    for t in toks:
        low = t.casefold()
        if not t[0].isalpha() or low in STOPWORDS:
            continue
        if t[0].isupper() or low in ROLE_WORDS or low in OFFICIAL_TITLES:
            out.add(low)
    return frozenset(out)


def speaker_contexts(document) -> dict[str, str]:
    """For each content sentence of ``document`` that needs one (see ``needs_context``), the
    sentence before it in its paragraph, by segment id."""
    out = {}
    prev = None
    for seg in document.content_segments():
        if prev is not None and prev.paragraph == seg.paragraph and needs_context(seg.text):
            out[seg.id] = prev.text
        prev = seg
    return out


def _stems(text: str) -> set[str]:
    return {t.casefold()[:5] for t in _TOKEN.findall(text) if len(t) >= 4 and t.casefold() not in STOPWORDS}


# Words both sentences must share for a speaker read from context to count: a link between
# two different quotes ("It's about time," said a baker) says nothing about who said what.
_SAME_WORDS = 3


def context_speakers(text: str, context: str, other: str) -> list[frozenset[str]]:
    """``[speaker]`` named by ``context`` when ``text`` needs one (see ``needs_context``) and
    shares at least three content words with ``other`` (its linked sentence), else ``[]``."""
    if not context or not needs_context(text) or len(_stems(text) & _stems(other)) < _SAME_WORDS:
        return []
    found = context_speaker(context)
    return [found] if found else []
