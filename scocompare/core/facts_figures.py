"""Figures of one unit paired across linked passages whose wording differs.

Slot pairing (:mod:`scocompare.core.facts`) pairs a count with a count of the same
noun and an amount with an amount whose clause names the same thing.  News copy
restates a figure with other verbs and nouns: "the court awarded them 60,000" /
"the State must pay the applicants 40,000", "will cut 1,200 jobs" / "1,500
employees will lose their jobs".  Here two figures are paired when

- they are of one unit: the same currency, both percentages, or counts of people
  (or of jobs) whatever noun names them;
- each passage states exactly one figure of that unit, as a level (not a change,
  a conversion or an earlier value);
- nothing marks one of them as another quantity: a sum asked for rather than
  granted, a rate (a year, each, per head) against a total, a sum or an extra
  amount, a period ("since 2020", "so far"), a penalty risked ("faces a fine"),
  a future against a past (:func:`frames_differ`);
- the passages share at least two content words besides the figures: they tell
  the same story about the same participants; and for amounts, what each is for
  ("on schools" / "on roads") is not missing from the other passage.

The same frame markers also keep slot pairs apart (:func:`frames_differ` is used
there for one-to-one clashes).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import combinations

from scocompare.core.facts_compat import quantities_agree
from scocompare.core.facts_events import clause_around, money_frame
from scocompare.core.facts_numbers import CHANGE, CONVERSION, states_change
from scocompare.core.facts_text import MONTH_WORDS, FigurePairing, generic_word

# Nouns that count people; a count of "people" and of "residents" in linked
# passages count the same crowd.  Subgroups (children, women, soldiers, civilians)
# are left out: "12 children" among "40 people" is no clash.
_PEOPLE = {
    "person", "resident", "protester", "demonstrator", "survivor", "passenger", "evacuee",
    "migrant", "refugee", "victim", "spectator", "visitor", "tourist", "pilgrim", "inhabitant",
    "worker", "employee", "staff", "individual", "casualty", "attendee", "participant",
    "fan", "supporter",
}
# Nouns that count jobs: "cut 1,200 jobs" / "1,500 employees will lose their jobs".
# "People" is not among them: "employs 8,000 people" is a workforce, not a cut.
_JOBS = {"job", "worker", "employee", "staff", "post", "position"}

# Frame markers, each read on the whole passage: a marker on one side only says
# the two figures measure different things.
_MARKERS = {
    # A sum asked for is not the sum granted ("had asked for 60,000" / "awarded 20,000").
    "request": r"\b(?:ask(?:ed|s|ing)?|sought|seek(?:s|ing)?|claim(?:ed|s|ing)?|demand(?:ed|s|ing)?"
               r"|request(?:ed|s|ing)?|wanted|propos(?:ed|es|al)|offer(?:ed|s)?|bid)\b",
    # A rate against a total ("5 million a year" / "20 million over four years").
    "rate": r"\b(?:a|per|each|every)\s+(?:year|month|week|day|hour|head|person|share|capita)\b"
            r"|\bannual(?:ly)?\b|\beach\b|\bapiece\b|\bper\b(?!\s?cent)|\bmonthly\b|\bweekly\b|\bdaily\b",
    # A sum of several amounts ("between them", "combined").  "Total" is left out: "the
    # total cost is 6 million" / "the bridge costs 9 million" state one cost.
    "sum": r"\b(?:combined|between them|cumulative(?:ly)?)\b",
    # An extra amount besides one stated elsewhere ("must also pay 8,000 in costs").
    "extra": r"\b(?:also|another|additional|further|extra|remaining)\b",
    # A running total over a period ("since 2020", "so far this year").
    "period": r"\b(?:since|so far|to date|over (?:the )?(?:past|last|next)|over \w+ (?:years|months|weeks|days))\b",
    # A penalty risked is not one imposed ("faces a fine of").  "Could" is left out: it
    # also offers a choice ("could get a refund of 34.90 euros or a replacement").
    "possible": r"\b(?:faces?|facing|risks?|threatened with)\b",
    # A headcount is not a change in it ("employs 8,000" / "will cut 1,200").
    "stock": r"\b(?:employ(?:s|ed|ing)?|workforce|headcount|population)\b",
    # A figure hoped for is not the one reached ("had expected 50,000" / "drew 42,000").
    # "Expected to" is the future (below), not this.
    "forecast": r"\bexpect(?:ed|s|ing)?\b(?!\s+to\b)|\bforecast\b|\bpredicted\b|\bhoped for\b",
}
_MARKER_RES = {k: re.compile(v, re.I) for k, v in _MARKERS.items()}
_FUTURE_RE = re.compile(r"\b(?:will|shall|won't|is to|are to|(?:is|are) (?:set|due|expected|going|scheduled) to"
                        r"|plans? to|intends? to|next (?:year|month|week)|coming (?:year|months|weeks))\b"
                        # A promise or a decision to act is about the future even in a past
                        # tense: "has promised to take on 130" / "will recruit 180".
                        r"|\b(?:promised|pledged|vowed|agreed|voted|decided|undertook|undertaken|committed"
                        r"|planned|intended|aims?|aimed)\s+to\s+(?!(?:a|an|the|date)\b)[a-z]", re.I)
# Only explicit past forms: "-ed" words are often adjectives ("registered voters").
_PAST_RE = re.compile(r"\b(?:already|ago|previously|has|have|had|was|were|did|paid|sold|spent|gave|got|took"
                      r"|made|lost|won|rose|fell|grew|bought|brought|kept|left|sent|received|earned"
                      r"|last (?:year|month|week))\b", re.I)
# "180 additional drivers" counts the new ones as "130 new drivers" or "130 more
# drivers" does: after a figure the word is no extra amount besides another one.
_INCREMENT_RE = re.compile(r"(\d|\b(?:hundred|thousand|dozen|million))\s+(?:additional|extra|further)\b", re.I)

# Irregular forms that news copy alternates ("paid" / "must pay").
_IRREGULAR = {"paid": "pay", "pays": "pay", "sold": "sell", "sells": "sell", "spent": "spend",
              "gave": "give", "given": "give", "got": "get", "gets": "get", "took": "take", "taken": "take",
              "lost": "lose", "loses": "lose", "left": "leave", "leaves": "leave", "bought": "buy",
              "fined": "fine", "fines": "fine"}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]+")
_NUMBER_WORDS = set("one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty"
                    " sixty seventy eighty ninety hundred thousand dozen".split())
_SHARED_WORDS = 2  # content words two passages must share to tell one story
# Words of attribution and reporting that any two news sentences share.
_REPORTING = {"said", "says", "told", "according", "added", "announced", "reported", "statement"}


@lru_cache(maxsize=8192)
def _markers(text: str) -> frozenset[str]:
    text = _INCREMENT_RE.sub(r"\1 new", text)
    found = {k for k, rx in _MARKER_RES.items() if rx.search(text)}
    future = _FUTURE_RE.search(text) is not None
    if future:
        found.add("future")
    elif _PAST_RE.search(text):
        found.add("past")
    return frozenset(found)


def frames_differ(text_a: str, text_b: str) -> bool:
    """Whether one passage frames its figure as another kind of quantity than the other:
    a marker (request, rate, sum, extra, period, possibility, headcount) on one side only,
    or a future against an explicit past."""
    ma, mb = _markers(text_a), _markers(text_b)
    if {"future", "past"} <= (ma | mb) and not ({"future", "past"} <= ma or {"future", "past"} <= mb):
        return True
    return bool((ma ^ mb) - {"future", "past"})


def tenses_differ(text_a: str, text_b: str) -> bool:
    """Whether one passage speaks of the future and the other of the past
    ("paid out ... in 2023" / "will pay ... in 2025": two events)."""
    ma, mb = _markers(text_a), _markers(text_b)
    return ("future" in ma and "past" in mb) or ("past" in ma and "future" in mb)


def clause_tenses_differ(fa, text_a: str, fb, text_b: str) -> bool:
    """Whether the clauses around two figures speak one of the future, the other of the
    past, when the passages as wholes mix both ("The region received 35 million in 2025,
    and its share is set to grow" / "will receive 40 million in 2027")."""
    ca, cb = clause_around(text_a, fa.start, fa.end), clause_around(text_b, fb.start, fb.end)
    return tenses_differ(" ".join(ca), " ".join(cb))


def _stem(word: str) -> str:
    w = word.lower().removesuffix("'s").removesuffix("\u2019s")
    w = _IRREGULAR.get(w, w)
    for suffix in ("ings", "ing", "ers", "er", "ed", "es", "s", "e"):
        if len(w) - len(suffix) >= 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return w[:5]


@lru_cache(maxsize=8192)
def _content(text: str) -> tuple[tuple[int, int, str], ...]:
    """Content words of a passage as (start, end, stem), function and generic words left out."""
    out = []
    for m in _WORD_RE.finditer(text):
        low = m.group(0).lower()
        if generic_word(low) or low in MONTH_WORDS or low in _NUMBER_WORDS or low in _REPORTING:
            continue
        out.append((m.start(), m.end(), _stem(low)))
    return tuple(out)


def _stems_outside(text: str, f) -> set[str]:
    """Content stems of ``text`` but the figure and the noun phrase it counts."""
    end = f.end + (len(f.noun) + 1 if f.kind == "number" and f.noun else 0)
    unit = {_stem(w) for w in (f.noun or "").split()} if f.kind == "number" else set()
    return {s for a, b, s in _content(text) if (b <= f.start or a >= end) and s not in unit}


def shared_story(text_a: str, text_b: str, fa, fb) -> bool:
    """Whether two passages share enough content words besides their figures to tell one story."""
    return len(_stems_outside(text_a, fa) & _stems_outside(text_b, fb)) >= _SHARED_WORDS


def _classes(f) -> tuple[tuple[str, str], ...]:
    """The units a figure may be compared in, or () when it is not a comparable quantity."""
    role = f.role
    for suffix in (CHANGE, CONVERSION):
        role = role.removesuffix(suffix)
    if f.kind == "money":
        return (("money", role),)
    if f.kind == "percentage":
        return (("percentage", role),)
    if f.kind == "number" and role:
        return tuple(("number", name) for name, nouns in (("people", _PEOPLE), ("jobs", _JOBS)) if role in nouns)
    return ()


def _level(f, text: str) -> bool:
    """Whether a figure states a quantity, not a change, a difference or a conversion
    (percentages carry no change role: "up 4 percent" is read here)."""
    if f.role.endswith(CHANGE) or f.role.endswith(CONVERSION):
        return False
    return f.kind != "percentage" or not states_change(text, f.start, f.end)


def _agree(fa, fb) -> bool:
    """The value test of facts_compat, with counted nouns of one class taken as one unit."""
    if fa.kind == "number":
        fa = replace(fa, value={**fa.value, "unit": None})
        fb = replace(fb, value={**fb.value, "unit": None})
    return quantities_agree(fa, fb)


def restated(f, others, other_text: str = "") -> bool:
    """Whether the other side states the count ``f`` elsewhere, whatever noun it reads
    ("Two members" / "seven members, two ..."; "3,400 workers" / "3,400 of its 5,000
    workers"), or splits it into parts that add up to it ("120 engineers" / "80 engineers
    in Leeds and 40 in Bristol"; parts are read only given ``other_text``, where none may be
    a change)."""
    if f.kind != "number":
        return False
    value = f.value.get("value")
    values = [o.value.get("value") for o in others if o.kind == "number" and o is not f]
    if value in values:
        return True
    return bool(other_text) and summed_over(f, [(others, other_text)])


def summed_over(f, passages) -> bool:
    """Whether two or three counts stated in ``passages`` ((facts, text) pairs: one
    sentence, or the sentences a version split a base sentence into) add up to ``f``.
    Parts are levels: "48 seats, two fewer" or "410 beds, up 60" add up to a clash, not a split."""
    value = f.value.get("value")
    parts = [o.value.get("value") for facts, text in passages for o in facts
             if o.kind == "number" and o is not f and not o.role.endswith((CHANGE, CONVERSION))
             and not states_change(text, o.start, o.end)]
    if len(parts) > 8:
        return False  # a table of figures: sums would match by chance
    return any(abs(sum(c) - value) < 1e-9 for k in (2, 3) for c in combinations(parts, k))


def _label(cls: tuple[str, str]) -> str:
    kind, unit = cls
    if kind == "money":
        return f"amount ({unit})"
    if kind == "percentage":
        return "percentage points" if unit == "pp" else "percentage"
    return f"number of {unit}"


def loose_clashes(facts_a, facts_b, text_a: str, text_b: str, taken=()) -> list[tuple[str, list, list]]:
    """Clashes between one figure of a unit on each side of a linked pair, phrased apart
    (see the module text).  ``taken``: facts already in a clash found by slot pairing."""
    out = []
    seen: set[int] = set()
    for cls in {c for f in facts_a for c in _classes(f)} & {c for f in facts_b for c in _classes(f)}:
        in_a = [f for f in facts_a if cls in _classes(f)]
        in_b = [f for f in facts_b if cls in _classes(f)]
        if len(in_a) != 1 or len(in_b) != 1:
            continue
        fa, fb = in_a[0], in_b[0]
        if id(fa) in seen or id(fb) in seen or not (_level(fa, text_a) and _level(fb, text_b)):
            continue
        if any(fa is t or fb is t for t in taken) or _agree(fa, fb):
            continue
        # The other side states this value elsewhere ("Two members" / "seven members, two ..."):
        # the figures are matched otherwise.
        if any(o.kind == fa.kind and o is not fb and _agree(fa, o) for o in facts_b if _classes(o)):
            continue
        if restated(fa, facts_b, text_b) or restated(fb, facts_a, text_a):
            continue
        if frames_differ(text_a, text_b) or clause_tenses_differ(fa, text_a, fb, text_b):
            continue
        if not shared_story(text_a, text_b, fa, fb):
            continue
        if fa.kind == "money" and FigurePairing(text_a, text_b).frames_told_apart(fa, fb):
            continue  # "spend 4 million on schools" / "spend 2 million on roads"
        if fa.kind == "money" and money_frame(text_a, fa, text_b, fb) is False:
            continue  # "will receive 42 million" / "spends 46 million": two sums
        seen.update((id(fa), id(fb)))
        out.append((_label(cls), [fa], [fb]))
    return out
