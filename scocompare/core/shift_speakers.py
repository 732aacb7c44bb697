"""Who a sentence attributes its claim to, and whether two attributions are one voice.

Part of the meaning-shift detector (:mod:`scocompare.core.shift`): a ``speaker``
shift is a claim given to someone else.
"""

from __future__ import annotations

from scocompare.core.shift_words import (
    _PASSIVE,
    _TOKEN,
    ATTRIBUTION,
    COLLECTIVE_SPEAKERS,
    DATA_SOURCES,
    DOCUMENT_SPEAKERS,
    INSTITUTIONS,
    OFFICIAL_TITLES,
    PRONOUNS,
    ROLE_WORDS,
    SPEAKER_STOP,
    STOPWORDS,
)


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
            span = low[i + 2:i + 8]
            # "according to the results published by the commission": the commission speaks.
            if set(span) & DATA_SOURCES:
                rest = low[i + 2:i + 14]
                span = rest[rest.index("by") + 1:] if "by" in rest else []
            found.append(_speaker_words(span, forward=True))
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
    if _acronym_of(a, b) or _acronym_of(b, a):
        return True
    names_a, names_b = a - ROLE_WORDS, b - ROLE_WORDS
    if names_a and names_b:
        return bool(names_a & names_b)
    return bool(a & b)


def _acronym_of(short: frozenset[str], full: frozenset[str]) -> bool:
    """True when ``short`` is one word made of the initials of ``full`` ("WMO")."""
    if len(short) != 1 or len(full) < 2:
        return False
    (word,) = short
    return 2 <= len(word) <= 6 and sorted(word) == sorted(w[0] for w in full)
