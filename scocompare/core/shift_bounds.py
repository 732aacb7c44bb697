"""The limits of a commitment and the hedges of a forecast, for :mod:`scocompare.core.shift`.

Coverage shortens a promise by dropping what bounds it, and a forecast by dropping
what hedges it; either way the version states more than the source:

- a **time limit** of a commitment ("will not raise prices *for the next three
  seasons*", "guarantees free Wi-Fi *until the end of 2028*", "no redundancies *in the
  first two years*"): the version that states the commitment without any period of
  its own makes it open-ended (a qualifier shift). Any period in other words on the
  other side ("for a year and a half", "through 2028", "until voters next go to the
  polls") restates it;
- a **narrowing** of a negated commitment ("no *compulsory* redundancies", "no
  *forced* evictions", "laid off *against their will*"): read as a token of its own
  (``compulsory+``, ``against_their_will``, a qualifier of the class ``narrow``), so
  that "no job cuts" drops it and "no compulsory job losses" keeps it;
- an **approval still to come** ("*pending* approval at the annual meeting", "*once*
  the regulator clears the deal") is a condition, as "subject to" is;
- a **forecast stated as fact** ("is expected to restart production next week" /
  "restarts production next week"): with no modal and no schedule word of its own
  ("is due to", "is set to"), the present tense states as settled what was forecast;
  "is likely to" forecasts as "is expected to" does, so "should" restates it;
- a **condition dropped under a weaker hedge** ("if the wind turns, we expect to hold
  the line" / "they hoped to hold a line"): the version claims less certainty, not
  more, so the condition's loss overstates nothing.
"""

from __future__ import annotations


def _forms(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UNITS = _forms("day days week weeks month months year years season seasons decade decades")
_ORDINALS = _forms("first next coming initial further another")
_PERIOD_PREPS = _forms("for during in within")
# Other wordings of a period, enough to restate one (never to raise a shift themselves).
_RESTATING_PREPS = _PERIOD_PREPS | _forms("over by before after from starting")
_UNTIL = _forms("until till til")
_THROUGH = _forms("through throughout beyond")
# A period needs one of these words (its unit, "until" or "through"): others cannot hold one.
_PERIOD_WORDS = _UNITS | _UNTIL | _THROUGH
_CENTURIES = frozenset(("19", "20"))
_QUANT = _forms("a an another one two three four five six seven eight nine ten eleven twelve "
                "fifteen twenty thirty eighteen half")
_MONTHS = _forms("january february march april june july august september october november "
                 "december <month>")
# Verbs and modals that commit the speaker (a bound limits them); MODAL_CLASS adds its own.
_COMMITTING = _forms("guarantee guarantees guaranteed promise promises pledge pledges vow vows "
                     "commit commits undertake undertakes undertook ensure ensures")


def _is_year(w: str) -> bool:
    """A year of the 1900s or 2000s written in figures ("2028")."""
    return len(w) == 4 and w[:2] in _CENTURIES and w[2:].isdecimal()


def _is_quantity(w: str) -> bool:
    return w in _QUANT or w[:1].isdigit()


def _periods(toks: list[str], cl: list[int], restating: bool = False) -> list[tuple[int, int]]:
    """Spans (start, end) of the periods that bound a claim in ``toks``.

    "until X" runs to the end of its clause; "through 2028" and "before June" name a
    date; "for (the next / at least another) three seasons" and "during / in (their)
    first five years" count units of time. ``restating`` accepts more prepositions
    ("over five years", "within 24 months"), enough to restate a period, too loose to
    state one a version could drop.
    """
    preps = _RESTATING_PREPS if restating else _PERIOD_PREPS
    out = []
    n = len(toks)
    # Only the words that can hold a period are looked at (a year or month only to restate one).
    if restating:  # a year in figures is tested inline: this reads every word of the other side
        where = [k for k, w in enumerate(toks) if w in _PERIOD_WORDS or w in _MONTHS or (
            len(w) == 4 and w[:2] in _CENTURIES and w[2:].isdecimal())]
    else:
        where = [k for k, w in enumerate(toks) if w in _PERIOD_WORDS]
    for i in where:
        w = toks[i]
        if w in _UNTIL:
            end = i + 1
            while end < n and cl[end] == cl[i] and end - i < 10:
                end += 1
            out.append((i, end))
        elif w in _THROUGH and i + 1 < n and (_is_year(toks[i + 1]) or toks[i + 1] in _MONTHS):
            out.append((i, i + 2))
        elif restating and w in _UNITS and i and _is_quantity(toks[i - 1]):
            out.append((i - 1, i + 1))  # "two years of free monitoring" restates "for 24 months"
        elif w in _UNITS and i and (_is_quantity(toks[i - 1]) or toks[i - 1] in _ORDINALS):
            for j in range(i - 1, max(-1, i - 6), -1):
                if cl[j] != cl[i]:
                    break
                if toks[j] in preps and (toks[j] == "for" or restating
                                         or _ORDINALS.intersection(toks[j + 1:i])):
                    out.append((j, i + 1))
                    break
        elif restating and (_is_year(w) or w in _MONTHS) and i and toks[i - 1] in preps | _THROUGH:
            out.append((i - 1, i + 1))
    return out


def dropped_period(ta: list[str], cla: list[int], tb: list[str], clb: list[int], content,
                   commitment) -> tuple[str, int] | None:
    """``(period words, side)`` when one side bounds a commitment in time and the other
    states the same commitment without any period (side 0: ``ta`` has it).

    ``commitment(word)`` tells a committing modal ("will", "pledged"); ``content(word)``
    gives a word's stem, or None for a word that is no content word. The side with the
    period must commit; the other side must restate two content words of the claim
    outside the period and fewer than half of the period's own words.
    """
    if _PERIOD_WORDS.isdisjoint(ta) and _PERIOD_WORDS.isdisjoint(tb):
        return None  # most pairs: no period on either side
    for side, (x, clx, y, cly) in enumerate(((ta, cla, tb, clb), (tb, clb, ta, cla))):
        spans = _periods(x, clx) if not _PERIOD_WORDS.isdisjoint(x) else []
        if not spans or _periods(y, cly, restating=True):
            continue
        other = {content(w) for w in y} - {None}
        for s, e in spans:
            # The claim the period bounds is its own clause (the other half of a merged
            # sentence bounds nothing the other side states), committed there or just before.
            c = clx[s]
            if not any((commitment(w) or w in _COMMITTING) and c - 1 <= k <= c for w, k in zip(x, clx, strict=True)):
                continue
            claim = {content(w) for k, w in enumerate(x) if clx[k] == c and not s <= k < e} - {None}
            # The unit alone is no restatement: "season ticket" says nothing of "three seasons".
            period = {content(w) for w in x[s:e] if not _is_quantity(w) and w not in _UNITS} - {None}
            if len(claim & other) >= 2 and len(period & other) * 2 < max(1, len(period)):
                return " ".join(x[s:e]), side
    return None


_NARROWING = _forms("compulsory forced involuntary")
# The narrowing words as read after a negator ("no compulsory+ redundancies"): the verb
# "forced" and the plain adjective elsewhere stay ordinary words.
NARROWINGS = frozenset({w + "+" for w in _NARROWING} | {"against_their_will"})
_NARROW_BEFORE = _forms("no any without")
_POSSESSIVES = _forms("their his her its one our your my")
_PENDING_NOT_AFTER = _forms("is are was were be been being still remain remains remained the a an its "
                            "their his her our all any of case cases")
_ONCE_NOT_AFTER = _forms("at than more is are was were be been being")
_ONCE_NOT_BEFORE = _forms("a an again more upon in and or every each per twice daily weekly monthly yearly")


def mark_bounds(toks: list[str], cl: list[int]) -> tuple[list[str], list[int]]:
    """``toks`` with narrowings of a negated claim read as ``NARROWINGS``, "pending" and
    "once" as conditions, and "is likely to" as the forecast ``likely_to``.

    "no compulsory redundancies" / "laid off against their will": ``compulsory+`` and
    ``against_their_will``;
    "pending approval" reads "subject-to approval" (not "the case is pending", "pending
    applications"); "once the regulator clears it" reads ``once-that`` (not "once a
    week", "at once", "was once the largest", "once again").
    """
    if not (_NARROWING.intersection(toks) or "against" in toks or "pending" in toks or "once" in toks
            or "likely" in toks):
        return toks, cl  # most sentences
    out: list[str] = []
    ocl: list[int] = []
    i, n = 0, len(toks)
    while i < n:
        w = toks[i]
        prev = out[-1] if out else ""
        nxt = toks[i + 1] if i + 1 < n else ""
        opens = i == 0 or cl[i - 1] != cl[i]
        if w in _NARROWING and prev in _NARROW_BEFORE:
            w += "+"
        elif w == "against" and nxt in _POSSESSIVES and toks[i + 2:i + 3] == ["will"]:
            out.append("against_their_will")
            ocl.append(cl[i])
            i += 3
            continue
        elif w == "pending" and nxt and (opens or prev not in _PENDING_NOT_AFTER):
            w = "subject-to"
        elif w == "once" and nxt and nxt not in _ONCE_NOT_BEFORE and not _is_quantity(nxt) and (opens or prev not in _ONCE_NOT_AFTER):
            w = "once-that"
        elif w == "likely" and nxt == "to" and prev in ("is", "are", "was", "were", "be", "seem", "seems"):
            out.append("likely_to")
            ocl.append(cl[i])
            i += 2
            continue
        out.append(w)
        ocl.append(cl[i])
        i += 1
    return out, ocl


def dropped_narrowing(ta: list[str], tb: list[str]) -> tuple[str, int] | None:
    """``(narrowing, side)`` when both sides negate with the same words ("there will be
    no ...") and only one narrows what it negates ("compulsory+ redundancies" / "job
    cuts"): the other side's denial reaches further. Read apart from the word diff, whose
    block is no local edit when a period went with the narrowing."""
    if NARROWINGS.isdisjoint(ta) and NARROWINGS.isdisjoint(tb):
        return None
    for side, (x, y) in enumerate(((ta, tb), (tb, ta))):
        for i, w in enumerate(x):
            if w not in NARROWINGS or not i or x[i - 1] not in _NARROW_BEFORE or NARROWINGS.intersection(y):
                continue
            frame = x[max(0, i - 3):i]  # "will be no", "promised no"
            if any(tuple(y[j:j + len(frame)]) == tuple(frame) for j in range(len(y))):
                return w.rstrip("+"), side
    return None


# Words that schedule or plan what follows: "is due to restart" is no forecast stated as fact.
_SCHEDULE = _forms("due scheduled set slated planned plans plan aims aim intends intend hopes hope "
                   "expects expect expected forecast predicted likely_to expected_to")


_FORECASTS = frozenset(("expected_to", "likely_to"))


def forecast_as_fact(ta: list[str], tb: list[str], modal_classes) -> tuple[str, int] | None:
    """``(forecast, side)`` when one side forecasts an event ("is expected to restart") and
    the other states it in the present tense ("restarts") with no modal or schedule word.

    Only the third-person present of the forecast's own verb counts ("restart" /
    "restarts", "go" / "goes"): a past tense reports a later fact, another verb is
    another wording the word diff judges.
    """
    if _FORECASTS.isdisjoint(ta) and _FORECASTS.isdisjoint(tb):
        return None
    for side, (x, y) in enumerate(((ta, tb), (tb, ta))):
        for i, w in enumerate(x):
            if w not in _FORECASTS or i + 1 >= len(x):
                continue
            verb = x[i + 2] if x[i + 1] == "be" and i + 2 < len(x) else x[i + 1]
            if modal_classes(y) or _SCHEDULE.intersection(y):
                return None
            present = {verb + "s", verb + "es", verb[:-1] + "ies" if verb.endswith("y") else ""}
            if any(v in present for v in y):
                return w.replace("_", " "), side
    return None


def weaker_hedge(conditioned: list[str], other: list[str], modal_classes) -> bool:
    """True when the side without the condition hedges its claim more weakly than the side
    with it ("we expect to ..., if" / "they hoped to"): a possibility claims less than a
    forecast or a commitment, so dropping the condition overstates nothing."""
    mine, theirs = modal_classes(conditioned), modal_classes(other)
    return "possible" in theirs and "possible" not in mine and bool(mine & {"forecast", "commitment"})
