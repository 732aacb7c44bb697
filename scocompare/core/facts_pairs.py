"""Clashes between the facts of two linked passages (the link scope of :mod:`facts`).

Facts are paired by slot (kind and role: the counted noun, the currency, the
title, the kind of date); percentages and amounts also by what their clauses
name (:class:`facts_text.FigurePairing`), dates also by the event their clauses
name (:mod:`facts_events`).  Figures phrased apart are paired in
:mod:`facts_figures`.
"""

from __future__ import annotations

from collections.abc import Sequence

from scocompare.core.facts_compat import compatible
from scocompare.core.facts_events import clause_around, date_event, money_frame, same_event
from scocompare.core.facts_extract import CHANGE, CONVERSION, Fact
from scocompare.core.facts_figures import (
    clause_tenses_differ,
    frames_differ,
    loose_clashes,
    restated,
    tenses_differ,
)
from scocompare.core.facts_text import FigurePairing


def _specific_date(f: Fact) -> bool:
    return "day" in f.value or "weekday" in f.value


# A date after one of these words bounds a period ("until Monday", "by Friday"); it
# names another day than the one an event took place on, and may differ from it.
_BOUNDS = frozenset(("until", "till", "through", "by", "since", "before", "after", "from"))


def _month_date(f: Fact) -> bool:
    return "month" in f.value and "relative" not in f.value


def _slot(f: Fact) -> tuple[str, ...] | None:
    """What a fact is about, for pairing across versions; None when it cannot be paired safely."""
    if f.kind == "date":
        if f.role in ("publication", "dateline", "speech") or "relative" in f.value:
            return None
        # A bare year ("until 2030") only meets other bare years.
        return ("date", f.role, "day" if _specific_date(f) or "month" in f.value else "year")
    if f.kind in ("number", "ordinal"):
        return (f.kind, f.role) if f.role else None  # a bare number is about nothing we know
    if f.kind == "money" and f.role.endswith(CONVERSION):
        return None  # the same sum in another currency: the amount it converts is paired
    if f.kind in ("percentage", "money"):
        return (f.kind, f.role)
    if f.kind == "place":
        return ("place", "event") if f.role == "event" else None
    if f.kind == "name":
        return ("name", f.role) if f.role else None
    return None


def _label(f: Fact) -> str:
    if f.kind == "date":
        return "event date" if f.role == "event" else "date"
    if f.kind == "number":
        if not f.noun:
            return "number"
        if f.noun.startswith("-"):
            # "the 34-year-old" is an age, "a three-year contract" a length (COMPOUND_UNIT_RE):
            # "number of -year-old" read oddly on the facts panel.
            return "age" if f.role == "age" else f"length in {f.role}s"
        # "12 killed" reads "number killed"; "1,200 delegates" reads "number of delegates";
        # "25 basis points" reads "basis points" (the noun found is its first word).
        label = ("basis points" if f.noun == "basis" else
                 f"number {f.noun}" if f.noun.endswith("ed") else f"number of {f.noun}")
        return f"difference in {label}" if f.role.endswith(CHANGE) else label
    if f.kind == "percentage":
        return "percentage points" if f.role == "pp" else "percentage"
    if f.kind == "money":
        label = f"amount ({f.noun or f.role})"
        return f"difference in {label}" if f.role.endswith(CHANGE) else label
    if f.kind == "ordinal":
        return f"{f.role} number"
    if f.kind == "place":
        return "event place"
    if f.kind == "name":
        return f.role.replace("-", " ").replace("secretary general", "secretary-general")
    return f.kind


def _clash(a: list[Fact], b: list[Fact], all_a: Sequence[Fact] = (), all_b: Sequence[Fact] = (),
           same_thing=None, texts: tuple[str, str] = ("", "")) -> tuple[list[Fact], list[Fact]] | None:
    """The facts on each side with no compatible counterpart on the other, if both sides have some.

    ``same_thing(fa, fb)``, when given, must also hold for some pair of the lone
    facts: two unmatched figures in linked passages may be about different things.
    """
    # A count the other side states elsewhere, or splits into parts, is not lone.
    lone_a = [fa for fa in a if not any(compatible(fa, fb) for fb in b) and not restated(fa, all_b, texts[1])]
    lone_b = [fb for fb in b if not any(compatible(fa, fb) for fa in a) and not restated(fb, all_a, texts[0])]
    if same_thing is not None:
        pairs = [(fa, fb) for fa in lone_a for fb in lone_b if same_thing(fa, fb)]
        lone_a = [fa for fa in lone_a if any(fa is x for x, _ in pairs)]
        lone_b = [fb for fb in lone_b if any(fb is y for _, y in pairs)]
    return (lone_a, lone_b) if lone_a and lone_b else None


def pair_conflicts(facts_a: Sequence[Fact], facts_b: Sequence[Fact], text_a: str | None = None,
                   text_b: str | None = None) -> list[tuple[str, list[Fact], list[Fact]]]:
    """Clashes between the facts of two linked passages: (label, facts of a, facts of b).

    Facts are paired by slot (kind and role).  Two specific dates are also
    paired when each passage states exactly one, whatever their cue words:
    linked passages that each date one thing date the same thing.  A figure
    the other side states elsewhere is not lone.  Given the passages' texts,
    percentages and amounts (whose slot is only their unit) are paired only
    when they are about the same thing: they share a content word in their
    clause, or sit opposite each other in the word alignment
    (:class:`facts_text.FigurePairing`).
    """
    same_thing = share_words = one_event = None
    if text_a is not None and text_b is not None:

        def one_event(fa: Fact, fb: Fact) -> bool:
            # Dates whose clauses name two kinds of event ("began on" / "noticed it on") date two events.
            return same_event(fa, text_a, fb, text_b) is not False

        made: list[FigurePairing] = []

        def pairing() -> FigurePairing:
            # Built on first use: most linked pairs have no percentage or amount to pair.
            if not made:
                made.append(FigurePairing(text_a, text_b))
            return made[0]

        def same_thing(fa: Fact, fb: Fact) -> bool:
            # One subject getting a sum with verbs of one kind ("Public transport will
            # receive" / "Transport gets") is one sum; verbs of two kinds, two sums.
            frame = money_frame(text_a, fa, text_b, fb) if fa.kind == "money" else None
            return pairing().same_thing(fa, fb) if frame is None else frame

        def share_words(fa: Fact, fb: Fact) -> bool:
            return pairing().share_words(fa, fb)
    slots_a: dict[tuple[str, ...], list[Fact]] = {}
    slots_b: dict[tuple[str, ...], list[Fact]] = {}
    for facts, slots in ((facts_a, slots_a), (facts_b, slots_b)):
        for f in facts:
            key = _slot(f)
            if key is not None:
                slots.setdefault(key, []).append(f)
    out = []
    for key in slots_a.keys() & slots_b.keys():
        check = same_thing if key[0] in ("percentage", "money") else one_event if key[0] == "date" else None
        found = _clash(slots_a[key], slots_b[key], facts_a, facts_b, check, (text_a or "", text_b or ""))
        if found and text_a is not None and text_b is not None and _framed_apart(key, found, text_a, text_b):
            continue
        if found:
            out.append((_label(found[0][0]), *found))
    if text_a is not None and text_b is not None:
        # Figures of one unit phrased apart ("awarded them 60,000" / "must pay 40,000").
        out += loose_clashes(facts_a, facts_b, text_a, text_b, [f for _, fa, fb in out for f in fa + fb])
        out += _event_clashes(slots_a, slots_b, text_a, text_b, [f for _, fa, fb in out for f in fa + fb])
    if not any(k[0] == "date" for k in slots_a.keys() & slots_b.keys()) and not any(c[0] == "date" for c in out):
        da = [f for k, fs in slots_a.items() if k[0] == "date" for f in fs]
        db = [f for k, fs in slots_b.items() if k[0] == "date" for f in fs]
        if (len(da) == 1 and len(db) == 1 and (da[0].role in _BOUNDS) == (db[0].role in _BOUNDS)
                and (one_event is None or one_event(da[0], db[0]))):
            found = None
            if _specific_date(da[0]) and _specific_date(db[0]):
                found = _clash(da, db)
            elif (_month_date(da[0]) and _month_date(db[0]) and share_words is not None
                  and share_words(da[0], db[0])):
                # "expected to begin in March" / "due to begin in April": one month each,
                # said of the same thing (their clauses share a word), even when only one
                # side's cue word made it "the event".
                found = _clash(da, db)
            if found:
                out.append(("date", *found))
    return out


def _event_clashes(slots_a: dict, slots_b: dict, text_a: str, text_b: str, taken: Sequence[Fact]):
    """Dates paired by the event their clauses name, whatever their slots: "We discovered
    the intrusion on 28 August" / "The break-in began on 19 August, but the firm only
    noticed it on 26 August" pairs 28 August with 26 August (both discovered), not with
    19 August.  Facts already in a clash (``taken``) are left alone."""
    by_event: tuple[dict[str, list[Fact]], dict[str, list[Fact]]] = ({}, {})
    for side, (slots, text) in enumerate(((slots_a, text_a), (slots_b, text_b))):
        for key, fs in slots.items():
            if key[0] != "date" or key[-1] != "day":
                continue
            if key[1] not in ("", "event"):
                continue  # "open until 8 June", "by 1 May": a bound, not the day of the event
            for f in fs:
                event = date_event(text, f.start, f.end)
                if event is not None and not any(f is t for t in taken):
                    by_event[side].setdefault(event, []).append(f)
    out = []
    for event in by_event[0].keys() & by_event[1].keys():
        found = _clash(by_event[0][event], by_event[1][event])
        if found:
            out.append(("date", *found))
    return out


def _framed_apart(key: tuple[str, ...], found: tuple[list[Fact], list[Fact]], text_a: str, text_b: str) -> bool:
    """Whether a one-to-one clash is between figures the passages frame as different
    quantities (facts_figures.frames_differ: asked for / awarded, a year / in total, also),
    or between bare years of a past and a future event ("paid in 2023" / "will pay in 2025")."""
    one_to_one = len(found[0]) == 1 and len(found[1]) == 1
    # The tense of the clauses around the figures, when the passages mix both.
    apart_in_clause = one_to_one and clause_tenses_differ(found[0][0], text_a, found[1][0], text_b)
    if key[0] == "date":
        return key[-1] == "year" and (tenses_differ(text_a, text_b) or apart_in_clause)
    if not (key[0] in ("number", "money", "percentage") and one_to_one):
        return False
    if apart_in_clause:
        return True
    # A frame the passages differ in must be found around the figures too: a rate said of
    # another figure ("at least four times a week") does not make "followed 14,600 adults"
    # a rate.
    fa, fb = found[0][0], found[1][0]
    return frames_differ(text_a, text_b) and frames_differ(" ".join(clause_around(text_a, fa.start, fa.end)),
                                                           " ".join(clause_around(text_b, fb.start, fb.end)))
