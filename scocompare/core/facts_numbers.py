"""Numbers written in digits or words, with the precision they were given at.

Helpers for :mod:`scocompare.core.facts`: they turn "1,200", "1.2 million",
"twenty-three", "a dozen" or "4 crore" into a float plus the rounding step the
writer used, so that "1,237" and "about 1,200" can be judged compatible.
"""

from __future__ import annotations

import math
import re

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100,
}
# Scale words that multiply the number before them.  "crore"/"lakh" matter for
# South Asian outlets; "m"/"bn"/"tn"/"k" are the usual newsroom abbreviations.
SCALES = {
    "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6,
    "millions": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "crore": 1e7, "crores": 1e7,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "mil": 1e6, "bil": 1e9,
}
SCALE_RE = (
    r"(?:thousand|million|billion|trillion|lakhs?|crores?|mln|bln|trn|mil|bil|mn|bn|tn|m|b|k)"
)

_word_alt = "|".join(sorted(list(UNITS_WORDS) + list(TENS_WORDS), key=len, reverse=True))
_word_unit = rf"(?:{_word_alt})(?:[\s-]+(?:{_word_alt}))?"
# One cardinal written in words: "twenty-three", "two hundred and fifty",
# "five thousand", "a dozen", "a hundred".  "and" is only allowed after
# "hundred"/"thousand" so that "two and four" stays two numbers.
NUMBER_WORDS_RE = (
    rf"(?:(?:{_word_unit}|a)[\s-]+(?:dozen|hundred|thousand)(?:[\s-]+(?:and\s+)?{_word_unit})?"
    rf"|{_word_unit})"
)
# Patterns for amounts of money, percentages, counts and ordinals, shared by
# the extractor.  "m"/"bn" count as scales only when glued to the digits
# ("1.2m"), so "1.2 m" (metres) is not read as a million.
CLOCK_RE = re.compile(
    r"\b\d{1,2}:\d{2}(?:\s*(?:[ap]\.?m\b\.?|GMT\b|UTC\b|hrs\b))?|\b\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\b\.?", re.I
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_APPROX = (
    r"(?P<approx>about|around|approximately|nearly|almost|some|roughly|close to|an estimated"
    r"|estimated|upwards of|just over|just under|over|more than|at least|up to|fewer than"
    r"|less than|under|below|above|at most|~)"
)
_SCALE = rf"(?:(?<=\d)-?(?P<scale1>bn|mn|tn|m|b|k)\b|[\s-]+(?P<scale2>{SCALE_RE})\b)"
_AMOUNT = rf"(?:(?P<digits>{_NUM})|(?P<words>{NUMBER_WORDS_RE}|a(?=\s+(?:thousand|million|billion|trillion))))"

# The look-behind keeps "Rs" from matching the end of "honours 77".
_CUR_PREFIX = r"(?<![A-Za-z])(?P<cur>US\$|U\.S\.\s?\$|A\$|C\$|HK\$|S\$|\$|\u20ac|\u00a3|\u00a5|\u20b9|Rs\.?|INR|USD|EUR|GBP|CNY|RMB|JPY|RUB|CHF)"
_CUR_SUFFIX = (
    r"(?P<curw>(?:US\s+|U\.S\.\s+)?dollars?|euros?|pounds?(?:\s+sterling)?|yuan|renminbi|rupees?"
    r"|roubles?|rubles?|yen|(?:Swiss\s+)?francs?|crowns?|kronor|kroner|USD|EUR|GBP|CNY|INR|RMB|JPY|RUB|CHF)"
)
MONEY_RES = [
    re.compile(rf"(?:\b{_APPROX}\s+)?{_CUR_PREFIX}\s?(?P<digits>{_NUM}){_SCALE}?", re.I),
    re.compile(rf"(?:\b{_APPROX}\s+)?\b{_AMOUNT}{_SCALE}?\s+(?:of\s+)?{_CUR_SUFFIX}\b", re.I),
]
CURRENCIES = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "u.s. $": "USD", "a$": "AUD", "c$": "CAD",
    "hk$": "HKD", "s$": "SGD", "\u20ac": "EUR", "\u00a3": "GBP", "\u00a5": "JPY/CNY",
    "\u20b9": "INR", "rs": "INR", "rs.": "INR", "rupee": "INR", "dollar": "USD",
    "euro": "EUR", "pound": "GBP", "pound sterling": "GBP", "yuan": "CNY",
    "renminbi": "CNY", "rmb": "CNY", "rouble": "RUB", "ruble": "RUB", "yen": "JPY",
    "franc": "CHF", "swiss franc": "CHF", "crown": "crown", "kronor": "crown", "kroner": "crown",
}
PERCENT_RE = re.compile(
    rf"(?:\b{_APPROX}\s+)?\b{_AMOUNT}\s*(?P<pct>%|per\s?cent\b|percent\b|pct\b|percentage points?\b)", re.I
)
NUMBER_RE = re.compile(rf"(?:\b{_APPROX}\s+)?(?<![\w.,$\u20ac\u00a3-]){_AMOUNT}{_SCALE}?(?![\w%]|[.,]\d)", re.I)
ORDINAL_RE = re.compile(
    r"\b(?P<digits>\d+)(?:st|nd|rd|th)\b|\b(?P<words>(?:(?:twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|twentieth|thirtieth|fortieth|fiftieth|hundredth))\b",
    re.I,
)

_num_word_token = re.compile(r"[a-z]+")


def words_to_number(text: str) -> float | None:
    """Value of a cardinal written in words ("twenty-three" -> 23), or None."""
    total = 0.0
    current = 0.0
    seen = False
    for tok in _num_word_token.findall(text.lower()):
        if tok == "and":
            continue
        if tok == "a":
            current = max(current, 1)
            continue
        if tok in UNITS_WORDS:
            current += UNITS_WORDS[tok]
        elif tok in TENS_WORDS:
            current += TENS_WORDS[tok]
        elif tok == "dozen":
            current = (current or 1) * 12
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in ("thousand", "million", "billion"):
            total += (current or 1) * SCALES[tok]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def ordinal_word_value(text: str) -> int | None:
    """Value of an ordinal in words ("third" -> 3, "twenty-third" -> 23)."""
    parts = [p for p in re.split(r"[\s-]+", text.lower()) if p]
    if not parts or parts[-1] not in ORDINAL_WORDS:
        return None
    head = words_to_number(" ".join(parts[:-1])) if len(parts) > 1 else 0
    if head is None:
        return None
    return int(head) + ORDINAL_WORDS[parts[-1]]


def digits_value(text: str) -> tuple[float, float]:
    """Value and rounding step of a number written in digits.

    The step is the unit of the last digit written ("7.4" -> 0.1).  Integers
    of 1,000 and more whose last two or more digits are zeros are read as
    possibly rounded ("1,200" -> step 100): newsrooms round big counts, not
    small ones, so "20" and "23" still clash.
    """
    clean = text.replace(",", "").replace("\u202f", "").replace(" ", "")
    value = float(clean)
    if "." in clean:
        return value, 10.0 ** -len(clean.split(".", 1)[1])
    step = 1.0
    if value >= 1000:
        stripped = clean.rstrip("0")
        zeros = len(clean) - len(stripped)
        if zeros >= 2:
            step = 10.0 ** zeros
    return value, step


def round_step(value: float) -> float:
    """Rounding step implied by a round number said approximately ("about 300" -> 100)."""
    if value <= 0:
        return 1.0
    digits = str(int(value)) if value == int(value) else ""
    if not digits:
        return 1.0
    zeros = len(digits) - len(digits.rstrip("0"))
    return 10.0 ** zeros


def interval(value: float, step: float, approx: bool, bound: str | None) -> tuple[float, float]:
    """The range of true values a stated number allows.

    Exact numbers allow half a rounding step either way; approximate ones
    ("about", "some", "nearly") also allow 10 %; bounds ("more than", "up to")
    are open on one side.
    """
    half = step / 2.0
    if approx:
        half = max(half, 0.1 * abs(value))
    lo, hi = value - half, value + half
    if bound == ">":
        hi = math.inf
    elif bound == "<":
        lo = -math.inf
    return lo, hi


# A figure that states a change or a difference ("14 seats short of", "up 60",
# "rose by 2 million euros", "a gap of 900 votes", "1,204 ahead of her rival")
# measures a distance between two quantities, not a quantity: pairing it with
# a count ("250 seats") invents a clash.  Read just before the figure (its
# hedge word included) ...
_CHANGE_VERBS = (
    r"rose|risen|fell|fallen|grew|grown|increased|decreased|dropped|climbed|declined|jumped|slipped"
    r"|shrank|shrunk|slid|cut|reduced|raised|boosted|trimmed|lowered|widened|narrowed|won|lost|led"
    r"|trailed|beat|exceeded|missed|rise|fall|grow|increase|decrease|drop|climb|decline|jump|up|down"
)
CHANGE_BEFORE_RE = re.compile(
    rf"(?:\b(?:up|down)|\b(?:{_CHANGE_VERBS})\s+by|\bby\s+a\s+margin\s+of"
    r"|\b(?:gap|margin|lead|increase|rise|drop|fall|decline|cut|reduction|shortfall|difference|gain|loss"
    r"|jump|swing)\s+of)\s+(?:a\s+|an\s+)?$",
    re.I,
)
# ... or just after it and the few words of its noun phrase.
CHANGE_AFTER_RE = re.compile(
    r"(?:\s+(?!(?:of|in|from|to|for|at|and|or|the|a|an|with|by|on|than|as|who|that)\b)[A-Za-z][A-Za-z-]*){0,2}?"
    r"\s+(?:short\s+of|more\s+than|fewer\s+than|less\s+than|ahead\s+of"
    r"|ahead\b|behind\b|higher\s+than|lower\s+than|up\s+on|down\s+on|better\s+than|worse\s+than"
    r"|(?:points?|seats?|votes?)\s+(?:above|below|over|under)\b|more\b|fewer\b|extra\b)",
    re.I,
)
# What came before a change: "up from 13", "down from 96 in 2020" is an earlier value.
EARLIER_BEFORE_RE = re.compile(r"\b(?:up|down|rising|falling|rose|fell|compared\s+with|against)\s+from\s+$", re.I)


# A number joined by a hyphen to a unit of time: "five-year", "3-day", "24-year-old".
COMPOUND_UNIT_RE = re.compile(r"-(year|month|week|day|hour|minute)s?(-old)?\b", re.IGNORECASE)

# A bare number right after a death toll ("the death toll at 19", "toll rose to 19",
# "the number of dead stood at 19"): a count of people.
DEATH_TOLL_RE = re.compile(
    r"\b(?:death[- ]toll|toll|number of (?:the )?(?:dead|deaths|victims|fatalities))"
    r"(?:\s+(?:was|is|has|had|stood|stands|rose|risen|climbed|reached|now|to|at|of|of at least|"
    r"at least|over|more than|nearly|about|around|some)){0,4}\s*$", re.IGNORECASE)


# "hire 60 more nurses", "recruit 2,000 extra officers": the figure counts the people
# taken on, as "60 new nurses" does, not a difference ("won 14 more seats").
_INCREMENT_AFTER_RE = re.compile(r"\s+(?:more|extra|additional|further)\s+(?=[A-Za-z])", re.I)
_ADDING_VERB_RE = re.compile(
    r"\b(?:hir(?:e|ed|es|ing)|recruit(?:s|ed|ing)?|(?:take|takes|taking|took|taken)\s+on"
    r"|(?:bring|brings|bringing|brought)\s+in|deploy(?:s|ed|ing)?|train(?:s|ed|ing)?"
    r"|employ(?:s|ed|ing)?|add(?:s|ed|ing)?|creat(?:e|es|ed|ing))\b", re.I)


def increment_at(text: str, start: int, end: int) -> int | None:
    """Where the counted noun starts when the figure at ``text[start:end]`` counts people or
    things taken on ("will hire 60 more nurses", "130 extra drivers will be recruited"), or None.
    A comparison ("than") or no verb of hiring or adding nearby leaves it a difference."""
    m = _INCREMENT_AFTER_RE.match(text, end)
    if not m:
        return None
    around = text[max(0, start - 50):end + 70]
    if re.search(r"\bthan\b", text[end:end + 70], re.I) or not _ADDING_VERB_RE.search(around):
        return None
    return m.end()


def states_change(text: str, start: int, end: int) -> bool:
    """Whether the figure at ``text[start:end]`` states a change, a difference or an earlier value."""
    before = text[max(0, start - 40):start]
    if CHANGE_BEFORE_RE.search(before) or EARLIER_BEFORE_RE.search(before):
        return True
    return CHANGE_AFTER_RE.match(text[end:end + 60]) is not None and increment_at(text, start, end) is None


# Role suffixes: a change or difference pairs only with changes of the same thing,
# a conversion into another currency with nothing (the sum it converts is paired).
CHANGE = "~change"
CONVERSION = "~conversion"
# What sits between an amount and the same sum in another currency:
# "US$6.4 million (about 5.9 million euros)", "4 crore rupees, or about $480,000".
CONVERSION_GAP_RE = re.compile(r"\s*(?:\(|,?\s*(?:or|equivalent\s+to|i\.e\.)\s*)", re.I)


def amount_of(m: re.Match) -> tuple[float, float] | None:
    """Value and rounding step of the amount in a number-like match (groups digits/words/scale)."""
    gd = m.groupdict()
    if gd.get("digits"):
        value, step = digits_value(gd["digits"])
    elif gd.get("words"):
        v = words_to_number(gd["words"]) if gd["words"].lower() != "a" else 1.0
        if v is None:
            return None
        value, step = v, 1.0
    else:
        return None
    scale_word = (gd.get("scale1") or gd.get("scale2") or "").lower()
    if scale_word:
        value, step = value * SCALES[scale_word], step * SCALES[scale_word]
    return value, step


def quantity(m: re.Match, unit: str | None) -> dict | None:
    """The value dict of a matched figure: value, unit, hedge (approx), bound and precision."""
    amt = amount_of(m)
    if amt is None:
        return None
    value, step = amt
    approx_word = (m.groupdict().get("approx") or "").lower()
    bound = None
    if approx_word in ("over", "more than", "at least", "above", "upwards of", "just over"):
        bound = ">"
    elif approx_word in ("up to", "fewer than", "less than", "under", "below", "at most"):
        bound = "<"
    approx = bool(approx_word) and bound is None
    if approx:
        step = max(step, round_step(value))
    return {"value": value, "unit": unit, "approx": approx, "bound": bound, "precision": step}
