"""Word lists of the meaning-shift detector (:mod:`scocompare.core.shift`).

Negators, modal and qualifier classes, polarity scales, attribution verbs and the
words that tell who speaks.  Kept apart from the logic so that the lists can grow
without the detector's module passing the size limit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scocompare.core.shift_bounds import NARROWINGS, mark_bounds
from scocompare.core.shift_hedges import forecast_wills, mark_ceilings
from scocompare.core.shift_lexer import _TOKEN, CLAUSE_BREAKS, raw_words  # noqa: F401  (re-exported)
from scocompare.core.shift_litotes import double_negatives
from scocompare.core.shift_reword import advice_passives, not_to_stop, superlatives
from scocompare.core.shift_scope import (
    CONDITION_MARKERS,
    TOTALITY,
    conditional_rules,
    mark_conditions,
    mark_totality,
)


def _forms(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Two-word expressions read as one token, so a multi-word hedge counts once.
PHRASES = {"in principle": "in_principle", "in part": "in_part", "no longer": "no_longer",
           "not only": "not_only", "has to": "has_to", "have to": "have_to", "had to": "had_to",
           "need to": "need_to", "needs to": "need_to",
           "expected to": "expected_to", "expects to": "expected_to", "expect to": "expected_to",
           "a few": "a_few", "in theory": "in_theory",
           "stay away": "stay_away", "stayed away": "stay_away", "keep away": "stay_away",
           "declined to": "decline_to", "declines to": "decline_to", "decline to": "decline_to",
           "rule out": "rule_out", "ruled out": "rule_out", "rules out": "rule_out",
           # "has yet to respond" = "has not responded" (real headlines, bench/sts_shift_probe.py)
           "yet to": "yet_to"}
# Litotes: a negator before a word of reluctance or exclusion is no negation, it is a
# modal statement ("will not hesitate to act" commits, "did not rule out" allows).
LITOTES = {"hesitate": "not_hesitate", "hesitated": "not_hesitate", "hesitates": "not_hesitate",
           "rule_out": "not_rule_out", "exclude": "not_rule_out", "excluded": "not_rule_out"}

NEGATORS = _forms("not no never none nobody nothing neither nor without no_longer nowhere yet_to "
                  "fail fails failed failing failure failures refuse refuses refused refusing deny denies "
                  "denied denying decline_to rule_out stay_away avoid avoids avoided avoiding "
                  "refrain refrains refrained refraining abstain abstains abstained lack lacks "
                  "lacked lacking unable stop stops stopped cease ceases ceased halt halts halted")

# Modal strength classes; "would"/"could"/"might" are the reported-speech forms of
# will/can/may, so they share their class ("He said they would..." is no shift).
MODAL_CLASS = {
    **dict.fromkeys(_forms("will would shall must has_to have_to had_to need_to required obliged "
                           "agree agrees agreed decide decides decided pledge pledged promised "
                           "vowed committed not_hesitate"), "commitment"),
    **dict.fromkeys(_forms("may might can could possibly perhaps maybe potentially hope hopes "
                           "hoped likely unable not_rule_out"), "possible"),
    **dict.fromkeys(_forms("should ought recommended recommends"), "advisory"),
    # A rule with its exception: "must not ... unless" = "may only ... if" (see shift_scope.conditional_rules).
    "<permit>": "permission",
    "<entitled>": "entitlement",
    **dict.fromkeys(("expected_to", "likely_to"), "forecast"),  # moves only against a commitment (shift_hedges.forecast_moved)
    **dict.fromkeys(_forms("consider considers considered considering propose proposes proposed "
                           "suggest suggests suggested discuss discussed explore explored mulled "
                           "weighed studied examine examined"), "deliberative"),
}

QUALIFIER_CLASS = {
    **dict.fromkeys(_forms("partly partially in_part"), "part"),
    **dict.fromkeys(_forms("largely mostly mainly broadly generally most majority"), "major"),
    **dict.fromkeys(_forms("in_principle conditionally tentatively provisionally preliminary "
                           "in_theory"), "principle"),
    **dict.fromkeys(_forms("nearly almost virtually"), "near"),
    **dict.fromkeys(_forms("reportedly allegedly apparently purportedly supposedly"), "hearsay"),
    **dict.fromkeys(_forms("some several a_few many various"), "some"),
    **dict.fromkeys(_forms("all every each"), "all"),
    **dict.fromkeys(_forms("few hardly scarcely"), "few"),
    **dict.fromkeys(_forms("only solely"), "only"),
    "up_to": "ceiling",  # "up to 4,000 homes", "as many as 120" (shift_hedges.mark_ceilings)
    # "no compulsory redundancies", "against their will" (shift_bounds.mark_bounds).
    **dict.fromkeys(NARROWINGS, "narrow"),
    # A condition restricts a commitment ("as long as the other side does the same").
    **dict.fromkeys(CONDITION_MARKERS, "condition"),
    # "in full", "entirely": a whole said in other words; it only answers an "all".
    **dict.fromkeys(TOTALITY, "total"),
}

# (scale, sign): a pair is shifted when its changed words lean opposite ways on a scale.
POLARITY = {
    **dict.fromkeys(_forms(
        "welcome welcomes welcomed welcoming praise praises praised support supports supported "
        "backed approve approves approved endorse endorses endorsed accept accepts accepted hail "
        "hailed applaud applauded commend commended favour favoured favor favored embrace "
        "embraced"), ("stance", 1)),
    **dict.fromkeys(_forms(
        "condemn condemns condemned denounce denounces denounced reject rejects rejected oppose "
        "opposes opposed criticise criticised criticize criticized block blocks blocked veto "
        "vetoed deplore deplored decry decried slam slammed"), ("stance", -1)),
    **dict.fromkeys(_forms(
        "increase increases increased rise rises rose risen rising grow grows grew grown gain "
        "gained climb climbed surge surged jump jumped raise raised strengthen strengthened "
        "expand expanded boost boosted double doubled higher"), ("direction", 1)),
    **dict.fromkeys(_forms(
        "decrease decreases decreased fall falls fell fallen falling decline declined drop "
        "dropped shrink shrank reduce reduces reduced cut cuts lower lowered weaken weakened "
        "halve halved slump slumped plunge plunged"), ("direction", -1)),
    **dict.fromkeys(_forms("improve improves improved improving"), ("quality", 1)),
    **dict.fromkeys(_forms("worsen worsens worsened deteriorate deteriorated"), ("quality", -1)),
    # A verdict: "was convicted" against "was acquitted" ("found not guilty", see IDIOMS).
    **dict.fromkeys(_forms("convicted convicts convict"), ("verdict", 1)),
    **dict.fromkeys(_forms("acquitted acquits acquit acquittal"), ("verdict", -1)),
}

ATTRIBUTION = _forms("said says say told tells stated noted added stressed emphasised emphasized "
                     "announced declared warned insisted claimed argued described wrote confirmed "
                     "acknowledged")
# Walking from an attribution verb to its speaker stops at these words.
SPEAKER_STOP = _forms("that and but which who whom as when while after before if because then "
                      "than")
STOPWORDS = _forms("the a an of in on at for to by with from and or its their his her our also "
                   "then later earlier today yesterday monday tuesday wednesday thursday friday "
                   "saturday sunday this that these those is are was were be been has have had "
                   "s new last next week year")
COLLECTIVE_SPEAKERS = _forms("member members states countries governments leaders parties "
                             "participants sides delegations heads council summit ministers")
PRONOUNS = _forms("he she they it we i you who one them")
DOCUMENT_SPEAKERS = _forms("statement declaration communique communiqué document text resolution "
                           "readout")
ROLE_WORDS = _forms("president prime minister ministers foreign chancellor secretary general "
                    "spokesman spokeswoman spokesperson official officials chair chairman "
                    "chairwoman mr mrs ms dr head leader leaders deputy vice senior state king "
                    "queen premier governor mayor")

# Bodies that speak through their officials: "according to the bank" and "Deputy
# Governor X said" give the same voice, so they are not a re-attribution.
INSTITUTIONS = _forms("bank agency ministry government company group firm police army military "
                      "department office commission authority authorities committee board "
                      "council court service union federation association organisation "
                      "organization institute central")
# Office titles that make a speaker an official of some body.
OFFICIAL_TITLES = _forms("governor deputy spokesman spokeswoman spokesperson official officials "
                         "director chief head secretary chair chairman chairwoman minister "
                         "commissioner executive")
# "have been confirmed dead", "was announced": a passive attribution verb has no speaker before it.
_PASSIVE = _forms("be been being is are was were")

KINDS = ("negation", "polarity", "modality", "qualifier", "speaker")

# A change block longer than this (in words, on either side) is a rewrite, not an edit.
LOCAL_BLOCK = 4
# Share of the shorter sentence's words both sentences keep for them to count as close.
CLOSE_SHARE = 0.6
# Below this share a pair is a wholesale rewrite: a negator in it proves nothing.
MIN_SHARE = 0.3



_NUMBERS = frozenset("two three four five six seven eight nine ten eleven twelve".split()) | frozenset(
    str(n) for n in range(2, 1000))
# Words that state a quantity: a hedge right before one ("some 350", "nearly 90",
# "almost half") is rounding, which the fact layer judges, not a dropped qualifier.
_QUANTITY_WORDS = _NUMBERS | frozenset(
    "one thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion "
    "dozen dozens half third quarter".split())
# "each month", "every year": a frequency, not a quantifier over the subject.
_TIME_UNITS = frozenset("day days week weeks month months year years quarter time times hour hours "
                        "morning evening night".split())


# A long one-sided insertion that starts like a new clause is the other half of a merge.
_CLAUSE_OPENERS = _forms("and but while whereas although though as with after before because so "
                         "which who where when")


# Set phrases with "no"/"not" that negate nothing: a deadline, a floor, a ceiling, an
# intensifier.  Each is read as the plain wording it means ("no later than" = "by").
IDIOMS = {
    ("no", "later", "than"): ("by",), ("not", "later", "than"): ("by",),
    ("no", "earlier", "than"): ("from",), ("not", "before"): ("from",),
    ("no", "fewer", "than"): ("at", "least"), ("no", "less", "than"): ("at", "least"),
    ("not", "less", "than"): ("at", "least"), ("not", "fewer", "than"): ("at", "least"),
    ("no", "more", "than"): ("at", "most"), ("not", "more", "than"): ("at", "most"),
    ("nothing", "short", "of"): (), ("none", "other", "than"): (), ("no", "doubt"): (),
    ("not", "only"): (), ("not", "least"): (), ("no", "matter"): (),
    # Litotes of praise: "no joke", "no mean feat", "no small achievement" deny nothing.
    ("no", "joke"): (), ("no", "mean"): (), ("no", "small"): (),
    # The verdict, not a negated claim: "was found not guilty" = "was acquitted".
    ("found", "not", "guilty"): ("acquitted",),
}
# Verbs that negate the claim only when they govern a verb ("stopped lending"); with a
# noun or a place after them they are ordinary verbs ("to stop outbreaks", "stop at").
VERB_NEGATORS = _forms("stop stops stopped stopping cease ceases ceased ceasing halt halts halted "
                       "halting")
_STOPS = VERB_NEGATORS | {"<stop>"}
# "so that every ballot could be counted": the modal of a purpose clause states an aim.
PURPOSE_OPENERS = (("so", "that"), ("in", "order", "that"))
# "according to the results / figures / data published by X": the speaker is X.
DATA_SOURCES = _forms("results result figures data estimates estimate survey census poll polls "
                      "report reports count tally statistics")


def words(text: str) -> list[str]:
    """Lower-cased words with contractions expanded and set phrases joined.

    Punctuation is dropped; "isn't" gives ``is not``; "in principle" gives one token
    ``in_principle`` so that a multi-word hedge is counted once; idioms with "no"/"not"
    that negate nothing ("no later than") read as their plain meaning ("by").
    """
    return _tokens(text)[0]


_PLACE_PREPS = frozenset("at in on for by near outside there here short".split())


def _tokens(text: str) -> tuple[list[str], list[int]]:
    """``words(text)`` and, for each word, the number of the clause it sits in.

    Clauses end at commas, semicolons, colons, brackets, dashes and quotes, and
    before a word that opens a subordinate clause (that, which, but, while, ...).
    The lists are fresh copies: the caller may change them.
    """
    toks, clauses = token_tuple(text)
    return list(toks), list(clauses)


@lru_cache(maxsize=16384)
def token_tuple(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """``_tokens(text)`` as shared tuples, read once per text.

    A comparison asks about the same base sentence against every version; tokenising
    is most of the detector's cost, so each text is read once.
    """
    toks, clauses = _tokenise(text)
    return tuple(toks), tuple(clauses)


# First words of the IDIOMS keys: a word that is none of these opens no idiom.
_IDIOM_HEADS = frozenset(k[0] for k in IDIOMS)
# Every word the second pass of ``_tokenise`` may rewrite or join; any other is kept as it is.
_SPECIAL_HEADS = (_IDIOM_HEADS | frozenset(QUALIFIER_CLASS) | VERB_NEGATORS
                  | frozenset(p.split()[0] for p in PHRASES) | frozenset(("all", "both", "each", "every")))
_LITOTES_OR_STOPS = frozenset(LITOTES) | VERB_NEGATORS
_PURPOSE_HEADS = frozenset(o[0] for o in PURPOSE_OPENERS)


def _is_quantity(w: str) -> bool:
    return w in _QUANTITY_WORDS or w[:1].isdigit()


def _tokenise(text: str) -> tuple[list[str], list[int]]:
    return _rewrite(*raw_words(text), text)


def _rewrite(out: list[str], cl: list[int], text: str) -> tuple[list[str], list[int]]:
    """The words of ``_tokenise`` with set phrases, idioms and the passes below applied."""
    out, cl = mark_ceilings(out, cl, _is_quantity)
    joined: list[str] = []
    jcl: list[int] = []
    start = 0
    n = len(out)
    # Only the words that may open an idiom, a phrase or a rewrite are looked at; the
    # plain words between them are copied in runs.
    for i in [k for k, w in enumerate(out) if w in _SPECIAL_HEADS]:
        if i < start:
            continue  # taken by the idiom or phrase before it
        joined += out[start:i]
        jcl += cl[start:i]
        start = i + 1  # where the plain run resumes, unless a branch below takes more words
        w = out[i]
        nxt = out[i + 1] if i + 1 < n else ""
        idiom = None
        if w in _IDIOM_HEADS:
            idiom = next((k for k in (tuple(out[i:i + 3]), tuple(out[i:i + 2])) if k in IDIOMS), None)
        if idiom:
            joined.extend(IDIOMS[idiom])
            jcl.extend([cl[i]] * len(IDIOMS[idiom]))
            start = i + len(idiom)
        elif w in ("all", "both") and nxt in _NUMBERS:
            pass  # "all five accused" says no more than "five accused"
        elif w in QUALIFIER_CLASS and w != "up_to" and (nxt in _QUANTITY_WORDS or nxt[:1].isdigit()):
            pass
        elif w in ("each", "every") and nxt in _TIME_UNITS:
            pass
        elif w in VERB_NEGATORS and not nxt.endswith("ing") and (
                (i and out[i - 1] == "to") or nxt in _PLACE_PREPS or not nxt):
            # "to stop outbreaks" (an aim), "will stop at Elm Street" (a halt): the claim's
            # verb is not negated; "stopped lending", "stopped production" negate it.
            joined.append("<stop>")
            jcl.append(cl[i])
        elif nxt and f"{w} {nxt}" in PHRASES:
            joined.append(PHRASES[f"{w} {nxt}"])
            jcl.append(cl[i + 1])
            start = i + 2
        else:
            joined.append(w)
            jcl.append(cl[i])
    joined += out[start:]
    jcl += cl[start:]
    # "not" (or "never") right before a word of reluctance makes one modal token.
    merged, mcl = (joined, jcl) if _LITOTES_OR_STOPS.isdisjoint(joined) else _litotes(joined, jcl)
    merged, mcl = double_negatives(*not_to_stop(merged, mcl, _STOPS))
    merged, mcl = advice_passives(merged, mcl)
    superlatives(merged)
    _purpose_modals(merged)
    _entitlements(merged)
    forecast_wills(merged)
    merged, mcl = conditional_rules(merged, mcl)
    merged, mcl = mark_totality(*mark_bounds(merged, mcl))
    return mark_conditions(merged, mcl, text)


def _litotes(joined: list[str], jcl: list[int]) -> tuple[list[str], list[int]]:
    """"not hesitate" as ``not_hesitate``, "not stop" as ``<go_on>`` (see ``_tokenise``)."""
    merged: list[str] = []
    mcl: list[int] = []
    for w, c in zip(joined, jcl, strict=True):
        if w in LITOTES and merged and merged[-1] in ("not", "never"):
            merged[-1] = LITOTES[w]
        elif w in VERB_NEGATORS and merged and merged[-1] in ("not", "never"):
            merged[-1] = "<go_on>"  # "will not stop until": two negations, one going on
        else:
            merged.append(w)
            mcl.append(c)
    return merged, mcl


def _purpose_modals(toks: list[str]) -> None:
    """Replace, in place, the modal of a purpose clause ("so that X could ...") by ``<aim>``."""
    if _PURPOSE_HEADS.isdisjoint(toks):
        return
    for i in range(len(toks)):
        if toks[i] not in _PURPOSE_HEADS:
            continue
        for opener in PURPOSE_OPENERS:
            if tuple(toks[i:i + len(opener)]) != opener:
                continue
            end = i + len(opener)
            for j in range(end, min(end + 5, len(toks))):
                if toks[j] in MODAL_CLASS:
                    toks[j] = "<aim>"
                    break
            break


# "Customers can claim a refund": "can" before a verb of obtaining offers something to
# the reader (an entitlement, as "will receive" does), it does not hedge a claim.
_OBTAIN = _forms("get claim request obtain collect exchange choose opt return receive ask")


def _entitlements(toks: list[str]) -> None:
    """Replace, in place, "can" before a verb of obtaining ("apply for") by ``<entitled>``."""
    if "can" not in toks:
        return
    for i in range(len(toks) - 1):
        nxt = toks[i + 1]
        if toks[i] == "can" and (nxt in _OBTAIN or (nxt == "apply" and toks[i + 2:i + 3] == ["for"])):
            toks[i] = "<entitled>"


_FIGURE = r"(\d+(?:[.,]\d+)*)"
# "3.1 percent ..., down from 3.8", "rose to 3.1 percent from 3.8", "from 3.8 to 3.1":
# a sentence that states both figures states the direction of change.
_FROM_TO_RE = re.compile(rf"\bfrom\s+{_FIGURE}\D{{0,30}}?\bto\s+{_FIGURE}", re.I)
_AFTER_FROM_RE = re.compile(rf"{_FIGURE}(?:(?!\d)[^.;!?]){{0,60}}?\bfrom\s+(?:a\s+|an\s+)?{_FIGURE}", re.I)


def _figure(text: str) -> float:
    return float(text.replace(",", "")) if text.count(",") else float(text)


@lru_cache(maxsize=16384)
def _figure_direction(text: str) -> int | None:
    # Both patterns need "from": most sentences are settled by one substring test.
    if "from" not in text.casefold():
        return None
    signs = []
    for rx, new_first in ((_FROM_TO_RE, False), (_AFTER_FROM_RE, True)):
        for m in rx.finditer(text):
            try:
                x, y = _figure(m.group(1)), _figure(m.group(2))
            except ValueError:
                continue
            new, old = (x, y) if new_first else (y, x)
            if new != old:
                signs.append(1 if new > old else -1)
        if signs:
            break
    return signs[0] if signs and len(set(signs)) == 1 else None
