"""Hedges of a figure and of a forecast, for the meaning-shift detector (:mod:`scocompare.core.shift`).

- A **ceiling** ("up to 4,000 homes", "as many as 120 miners") states a maximum; the
  bare figure states a fact. Dropping it (or adding it) is a qualifier shift, unless the
  other side hedges the same figure in its own way ("about 4,000", "nearly 120"): an
  estimate against an estimate is the fact layer's business.
- A **forecast** ("is expected to cut 300 jobs") reports what is likely, where "will"
  commits: the modal class ``forecast`` moves only against a commitment.
"""

from __future__ import annotations

import re

# Verbs of movement: "prices went up to 5 dollars" is a direction, not a ceiling.
_MOTION = frozenset("go goes went gone going move moves moved moving come comes came coming rise rises rose "
                    "risen rising climb climbs climbed jump jumped shoot shot soar soared run ran step "
                    "stepped".split())
# "twice as many as 120", "three times as many as": a comparison, not a ceiling.
_COMPARATIVES = frozenset("twice times half thrice".split())
_HEDGES = (r"about|around|roughly|approximately|some|nearly|almost|close\s+to|more\s+than|over|under|"
           r"fewer\s+than|less\s+than|at\s+least|at\s+most|no\s+more\s+than|up\s+to|as\s+many\s+as|"
           r"an\s+estimated|estimated|a\s+maximum\s+of|maximum\s+of|upwards\s+of|just\s+over|just\s+under")


def mark_ceilings(toks: list[str], cl: list[int], is_quantity) -> tuple[list[str], list[int]]:
    """``toks`` with "up to" / "as many as" before a figure read as one token ``up_to``.

    ``is_quantity(word)`` tells a figure ("4_000", "120", "dozens"). "up to date", "up
    to the court", "went up to 5" and "twice as many as" are left alone.
    """
    if "up" not in toks and "many" not in toks:
        return toks, cl  # most sentences
    out: list[str] = []
    ocl: list[int] = []
    i, n = 0, len(toks)
    while i < n:
        w = toks[i]
        prev = toks[i - 1] if i else ""
        size = 0
        if w == "up" and toks[i + 1:i + 2] == ["to"] and prev not in _MOTION:
            size = 2
        elif w == "as" and toks[i + 1:i + 3] == ["many", "as"] and prev not in _COMPARATIVES:
            size = 3
        # "as many as a dozen": an article may stand before the figure.
        figure = i + size + (toks[i + size:i + size + 1] in (["a"], ["an"]))
        if size and figure < n and is_quantity(toks[figure]):
            out.append("up_to")
            ocl.append(cl[i])
            i += size
            continue
        out.append(w)
        ocl.append(cl[i])
        i += 1
    return out, ocl


def bare_ceiling(toks: list[str], cl: list[int], other_text: str) -> tuple[list[str], list[int]]:
    """``toks`` without each ceiling whose figure the other side hedges too ("about 4,000").

    Only a ceiling against the bare figure (or another figure) is a qualifier shift.
    """
    if "up_to" not in toks:
        return toks, cl
    out, ocl = list(toks), list(cl)
    for k in range(len(toks) - 2, -1, -1):
        if toks[k] != "up_to":
            continue
        figure = r"[,.]".join(re.escape(p) for p in toks[k + 1].split("_"))
        if re.search(rf"\b(?:{_HEDGES})\s+{figure}\b", other_text, re.I):
            del out[k], ocl[k]
    return out, ocl


def forecast_moved(removed: set[str], added: set[str]) -> bool:
    """Whether modal classes with a forecast on one side moved: only against a commitment.

    "will cut" / "is expected to cut" is a shift; "may" / "is expected to" and a
    forecast against no modal at all ("is due to") are not.
    """
    return "commitment" in removed ^ added and "forecast" in removed ^ added


# Verbs that make what follows a forecast: "the ministry estimates that the corridor
# will create 9,000 jobs" says what "is expected to create" says.
_FORECAST_VERBS = frozenset("estimate estimates estimated forecast forecasts forecasted predict predicts "
                            "predicted project projects projected anticipate anticipates anticipated expect "
                            "expects expected believe believes believed think thinks thought reckon reckons "
                            "reckoned calculate calculates calculated".split())


def forecast_wills(toks: list[str]) -> None:
    """Replace, in place, a "will"/"would" reported by a verb of forecasting by ``<forecast_will>``.

    It commits to nothing the forecast does not: against "is expected to" it is no
    shift, and against a plain "will" it counts as a "will" dropped (no shift either).
    """
    if _FORECAST_VERBS.isdisjoint(toks):
        return
    for i, w in enumerate(toks):
        if w in _FORECAST_VERBS:
            for j in range(i + 1, min(i + 12, len(toks))):
                if toks[j] in ("will", "would"):
                    toks[j] = "<forecast_will>"
                    break
