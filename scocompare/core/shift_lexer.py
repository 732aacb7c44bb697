"""From raw text to lower-cased words and clause numbers: the first stage of the
meaning-shift detector's reading (``shift_words._tokenise`` rewrites what this gives).

Clauses end at commas, semicolons, colons, brackets, dashes and straight quotes, and
before a word that opens a subordinate clause (that, which, but, while, ...).
Contractions are expanded ("isn't" -> ``is not``), a capital "May" is the month
(``<month>``) unless a pronoun follows it ("May we ask"), a hyphenated "no-" compound is one
word ("no-frills" -> ``no_frills``, "no-one" -> ``nobody``), and a figure's comma or point
joins it ("10,000" -> ``10_000``).

Most sentences of news coverage are plain ASCII with nothing to expand: those are read
clause by clause with one regex each (``_plain_words``); the others word by word
(``_words``). Both give the same words.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_CONTRACTIONS = {"won't": ["will", "not"], "shan't": ["shall", "not"], "can't": ["can", "not"],
                 "cannot": ["can", "not"], "ain't": ["is", "not"]}
# Words that open a new clause inside a sentence (besides punctuation).
CLAUSE_BREAKS = frozenset("that but which whereas while although though because who whom where".split())
_BREAK_PUNCT = frozenset(",;:()[]\u2013\u2014\"")
# "10,000" and "5.4" are one word: their comma or point is no clause edge.
_SPACED_DASH = re.compile(r"\s-+\s")
_DIGIT_SEP = re.compile(r"(?<=\d)[,.](?=\d)")
# "a no-frills airline", "a no-deal exit", "the no-fly zone": a compound word, not a negator
# (seen on real headlines, bench/sts_shift_probe.py); "no-one" is "nobody".
_NO_COMPOUND = re.compile(r"\b([Nn]o)-(?=[^\W\d_])")
_NO_ONE = re.compile(r"\b[Nn]o-one\b")
# "May housing starts", "May 5": a capital "May" is the month unless a pronoun follows
# ("May we ask...?", "May I..."); in news copy the modal opens no sentence otherwise.
_MAY_PRONOUNS = frozenset("i we you he she it they".split())


def raw_words(text: str) -> tuple[list[str], list[int]]:
    """The lower-cased words of ``text`` (contractions expanded, punctuation dropped) and,
    for each, the number of the clause it sits in."""
    prepped = prepare(text)
    low = prepped.lower()
    if "'" in prepped or "May" in prepped or "cannot" in low or (
            not prepped.isascii() and _NON_ASCII_WORD.search(prepped)):
        return _words(prepped)
    return _plain_words(low)


def prepare(text: str) -> str:
    """``text`` as both readings take it: a figure's separator joined ("10,000" ->
    "10_000"), a spaced dash made a clause mark, a "no-" compound made one word."""
    prepped = _DIGIT_SEP.sub("_", text.replace("\u2019", "'"))
    if "-" in prepped:  # a spaced dash needs one (most sentences have none)
        prepped = _SPACED_DASH.sub(" \u2013 ", prepped)
        if "o-" in prepped:
            prepped = _NO_COMPOUND.sub(r"\1_", _NO_ONE.sub("nobody", prepped))
    return prepped


# A word character outside ASCII: such a text is read word by word (casefold, not lower).
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
_CLAUSE_PUNCT = re.compile("[" + re.escape("".join(sorted(_BREAK_PUNCT))) + "]")
_WORD = re.compile(r"\w+")


def _plain_words(low: str) -> tuple[list[str], list[int]]:
    """``_words`` of a lower-cased text with ASCII words only and no apostrophe, "May" or
    "cannot": nothing to expand, so each clause is read in one go."""
    out: list[str] = []
    cl: list[int] = []
    clause = 0
    for n, chunk in enumerate(_CLAUSE_PUNCT.split(low)):
        clause += n > 0  # one clause per clause mark, as ``_words`` counts them
        found = _WORD.findall(chunk)
        if CLAUSE_BREAKS.isdisjoint(found):
            out += found
            cl += [clause] * len(found)
            continue
        for w in found:
            if w in CLAUSE_BREAKS and out:
                clause += 1
            out.append(w)
            cl.append(clause)
    return out, cl


def _words(prepped: str) -> tuple[list[str], list[int]]:
    """Lower-cased words of ``prepped`` (see ``_tokenise``) with contractions expanded,
    and the number of the clause of each."""
    out: list[str] = []
    cl: list[int] = []
    clause = 0
    toks = _TOKEN.findall(prepped)
    for k, tok in enumerate(toks):
        first = tok[0]
        if not first.isalnum() and first != "_":  # punctuation (casefold leaves it as it is)
            if tok in _BREAK_PUNCT:
                clause += 1
            continue
        low = tok.casefold()
        if low in CLAUSE_BREAKS and out:
            clause += 1
        if tok == "May" and (out or k + 1 == len(toks) or toks[k + 1].casefold() not in _MAY_PRONOUNS):
            parts = ["<month>"]  # a capital "May" is the month, not the modal
        elif "'" not in low and low != "cannot":
            out.append(low)  # most words: nothing to expand
            cl.append(clause)
            continue
        elif low in _CONTRACTIONS:
            parts = _CONTRACTIONS[low]
        elif low.endswith("n't"):
            parts = [low[:-3], "not"]
        elif low.endswith("'ll"):
            parts = [low[:-3], "will"]
        elif low.endswith("'s"):
            parts = [low[:-2]]
        else:
            parts = [low]
        out.extend(parts)
        cl.extend([clause] * len(parts))
    return out, cl
