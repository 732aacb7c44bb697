"""Who a sentence attributes its claim to, and whether two attributions are one voice.

Part of the meaning-shift detector (:mod:`scocompare.core.shift`): a ``speaker``
shift is a claim given to someone else.
"""

from __future__ import annotations

from functools import lru_cache

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
    return list(_speakers_of(text))


@lru_cache(maxsize=16384)
def _speakers_of(text: str) -> tuple[frozenset[str], ...]:
    # Memoised: the base sentence is read once for every version it is linked to.
    return tuple(_find_speakers(text))


def _find_speakers(text: str) -> list[frozenset[str]]:
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
        elif w in ATTRIBUTION or (w in _CONCESSIONS and _reports(toks, i)):
            if i > 0 and low[i - 1] in _PASSIVE:
                continue
            before = low[max(0, i - 6):i]
            after = low[i + 1:i + 8]
            if i > 0 and not low[i - 1][0].isalnum():
                named = _named_before(toks, i - 1)
                if named:
                    # "Ana Ruiz, the harbour master, said the quay..." - the speaker leads.
                    found.append(_speaker_words(named, forward=True))
                    continue
                # '..., said President Marenko.' - the speaker follows the verb.
                head = after[:after.index(",")] if "," in after else after
                if _CLAUSE_VERBS.intersection(head):
                    continue  # "..., said the study was large": what was said, not who said it
                found.append(_speaker_words(head + _apposition(toks, i + 1 + len(head)), forward=True))
            else:
                found.append(_speaker_words(before, forward=False))
    return [f for f in found if f]


# A finite verb after "said the X" makes it a reported clause, not an inverted speaker.
_CLAUSE_VERBS = frozenset("was were is are had has have will would could should may might must can".split())
# "conceded", "admitted" report speech only before what was said ("admitted that the
# budget ...", 'conceded: "..."'); "conceded two goals", "was admitted to hospital" do not.
_CONCESSIONS = frozenset(("conceded", "concedes", "admitted", "admits"))
_QUOTE_MARKS = frozenset(('"', "\u201c", ":"))


def _reports(toks: list[str], i: int) -> bool:
    """True when "that" or a quotation follows the verb at ``i`` within six words."""
    return any(t.casefold() == "that" or t in _QUOTE_MARKS for t in toks[i + 1:i + 7])


def _chunk(toks: list[str], start: int, step: int) -> list[str]:
    """Words from ``start`` walking by ``step`` up to the next punctuation mark."""
    out = []
    k = start
    while 0 <= k < len(toks) and toks[k][0].isalnum():
        out.append(toks[k])
        k += step
    return out if step > 0 else out[::-1]


def _capitalised(chunk: list[str]) -> bool:
    names = [w for w in chunk if w.casefold() not in STOPWORDS]
    return bool(names) and all(w[0].isupper() for w in names)


def _apposition(toks: list[str], comma: int) -> list[str]:
    """Words of a name or title set off after the speaker ("said the chair, Judge Ada Moor")."""
    if not (0 <= comma < len(toks)) or toks[comma] != ",":
        return []
    chunk = _chunk(toks, comma + 1, 1)
    if 1 <= len(chunk) <= 5 and (_capitalised(chunk) or {w.casefold() for w in chunk} & ROLE_WORDS):
        return [w.casefold() for w in chunk]
    return []


def _named_before(toks: list[str], comma: int) -> list[str]:
    """The speaker of "NAME, TITLE, said ..." (or "TITLE, NAME, said"), when the sentence opens so."""
    if toks[comma] != ",":
        return []
    second = _chunk(toks, comma - 1, -1)
    k = comma - 1 - len(second)
    # A title may run long ("chief medical officer at the Aldorian Medicines Agency").
    longest = 10 if {w.casefold() for w in second} & (ROLE_WORDS | OFFICIAL_TITLES) else 6
    if not 1 <= len(second) <= longest or k < 1 or toks[k] != ",":
        return []
    first = _chunk(toks, k - 1, -1)
    opens = k - 1 - len(first) < 0 or not toks[k - 1 - len(first)][0].isalnum()
    if opens and 1 <= len(first) <= 5 and (_capitalised(first) or _capitalised(second)):
        return [w.casefold() for w in first + second]
    return []


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


def same_voice(a: frozenset[str], b: frozenset[str], text_a: str, text_b: str) -> bool:
    """True when speakers ``a`` (of ``text_a``) and ``b`` (of ``text_b``) can be one voice.

    Besides :func:`_same_speaker`, a bare "the company" / "the ministry" refers back to
    a body named elsewhere: it is the same voice as a named speaker (no title, no body
    noun of its own) that its sentence mentions or that is written as a proper name.
    """
    if _same_speaker(a, b):
        return True
    for x, y, tx, ty in ((a, b, text_a, text_b), (b, a, text_b, text_a)):
        if not x <= INSTITUTIONS | STOPWORDS or y & (INSTITUTIONS | ROLE_WORDS) or "<document>" in y:
            continue
        words_x = {t.casefold() for t in _TOKEN.findall(tx)}
        if y <= words_x or _proper_name(y, ty):
            return True
    return False


def _proper_name(name: frozenset[str], text: str) -> bool:
    """True when every word of ``name`` is capitalised in ``text``, one of them past the first word."""
    toks = _TOKEN.findall(text.replace("’", "'"))
    caps = {t.casefold(): k for k, t in enumerate(toks) if t[0].isupper()}
    return all(w in caps for w in name) and any(caps[w] > 0 for w in name)


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
