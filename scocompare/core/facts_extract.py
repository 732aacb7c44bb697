"""Typed facts inside one sentence: dates, numbers, percentages, money, ordinals,
places and names, each with its offsets and a normalised value.

Extraction runs kind by kind in a fixed order (datelines, money, percentages,
dates, ordinals, numbers, places, names); a span taken by one kind is not read
again by the next, so "July 5th" is a date and never also an ordinal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from scocompare.core import facts_names as nm
from scocompare.core.facts_numbers import (
    CHANGE,
    CLOCK_RE,
    COMPOUND_UNIT_RE,
    CONVERSION,
    CONVERSION_GAP_RE,
    CURRENCIES,
    DEATH_TOLL_RE,
    MONEY_RES,
    NUMBER_RE,
    ORDINAL_RE,
    ORDINAL_WORDS,
    PERCENT_RE,
    SCALES,
    TENS_WORDS,
    UNITS_WORDS,
    increment_at,
    ordinal_word_value,
    quantity,
    states_change,
)
from scocompare.core.facts_text import noun_after, singular

FACT_KINDS = ("date", "number", "percentage", "money", "ordinal", "place", "name")


@dataclass(frozen=True)
class Fact:
    """One fact stated in a sentence.

    ``start``/``end`` are offsets into the text given to :func:`extract_facts`.
    ``role`` says what the fact is about, used to pair facts across versions:
    the cue of a date ("event", "publication", "dateline", "until"...), the
    noun counted by a number ("delegate"), the noun of an ordinal ("meeting"),
    the currency of an amount, the title before a name ("president").
    ``ref_year`` is the year the text was written in, when known: it lets a
    weekday be checked against a date given without a year.
    """

    kind: str
    text: str
    value: Mapping[str, Any]
    start: int
    end: int
    role: str = ""
    noun: str = field(default="", compare=False)  # the words the role was read from
    ref_year: int | None = field(default=None, compare=False)


MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
# Months are matched capitalised only, so the verb "may" is never a month.
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

DATE_RES = [
    re.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b(?:{_WD},?\s+)?{_MON}\s+{_DAY}\b(?!\s*(?:%|per\s?cent|million|billion))(?:,?\s+{_YEAR}\b)?"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_MON},?\s+{_YEAR}\b"),
    re.compile(rf"\b(?:in|since|until|by|during|from|early|late|mid-?|before|after)\s+{_MON}(?!\s+\d)\b"),
]
RELATIVE_RE = re.compile(
    r"\b(?:yesterday|today|tomorrow|tonight|(?:last|next|this|earlier this|later this)\s+"
    r"(?:week|month|year|weekend|night|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.I,
)
WEEKDAY_RE = re.compile(rf"\b{_WD}\b")
# "on the 5th" is a day when no noun follows ("on the 5th floor" is an ordinal).
DAY_ONLY_RE = re.compile(
    r"\b(?:on|since|until|by)\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b"
    r"(?=\s*(?:[,.;:)]|$|\s(?:and|at|in|when|with|after|before|of this|as)\b))"
)
YEAR_RE = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b(?![,.]?\d)(?!\s*(?:%|per\s?cent))")

_EVENT_CUE = (
    r"held|met|meet|meets|meeting|summit|took place|take place|convened|gathered|hosted"
    r"|opened|began|started|session|conference|talks|signed|adopted|issued|approved"
    r"|launched|concluded|ended|forum|visit|visited|announced|unveiled|elected|voted"
)
EVENT_CUE_RE = re.compile(rf"\b(?:{_EVENT_CUE})\b", re.I)
PUBLICATION_CUE_RE = re.compile(
    r"\b(?:date|dated|published|updated|posted|last modified|first published|modified)\b\s*(?:on|at)?\s*:?\s*$",
    re.I,
)

_CLAUSE_RE = re.compile(r"[.;!?]|,\s+(?:which|who|while|but|and)\b|\b(?:after|before|following)\b")
_SENTENCE_END_RE = re.compile(r"[.;!?]")
_PREP_RE = re.compile(r"\b(until|by|since|before|after|from|till|through)\s+(?:the\s+)?$", re.I)

# "the agency said on Wednesday", "told reporters on Friday": the day someone spoke,
# not the day of what they spoke about.
SPEECH_CUE_RE = re.compile(
    r"\b(?:said|says|told(?:\s+[a-z]+){0,2}|stated|added|confirmed|reported|wrote|noted|warned"
    r"|insisted|explained|tweeted|posted)\s+(?:on|late on|early on)?\s*(?:the\s+)?$",
    re.I,
)


def _date_role(text: str, start: int, end: int) -> str:
    """What a date dates: "publication", "speech", "event", a preposition, or ""."""
    before = text[max(0, start - 100):start]
    if PUBLICATION_CUE_RE.search(before):
        return "publication"
    if SPEECH_CUE_RE.search(before):
        return "speech"
    # The cue may sit a name away: "the summit of the Shanghai Cooperation
    # Organisation (SCO) on July 4".  Stay inside the clause.
    clause = _CLAUSE_RE.split(before)[-1]
    if EVENT_CUE_RE.search(" ".join(clause.split()[-10:])):
        return "event"
    # "On July 4, the leaders met ..." puts the cue after the date.
    if not before.strip() or before.strip().lower() in ("on", "on the"):
        after = _SENTENCE_END_RE.split(text[end:end + 80])[0]
        if EVENT_CUE_RE.search(after):
            return "event"
    prep = _PREP_RE.search(before)
    return prep.group(1).lower() if prep else ""


class _Spans:
    """Character spans already claimed by an earlier kind."""

    def __init__(self) -> None:
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def take(self, start: int, end: int) -> None:
        self.taken.append((start, end))


def _dates(text: str, spans: _Spans, out: list[Fact]) -> None:
    for rx in DATE_RES:
        for m in rx.finditer(text):
            if not spans.free(m.start(), m.end()):
                continue
            gd = m.groupdict()
            value: dict[str, Any] = {}
            if gd.get("year"):
                value["year"] = int(gd["year"])
            if gd.get("mon"):
                value["month"] = MONTHS[gd["mon"].lower().rstrip(".")]
            elif gd.get("month"):
                value["month"] = int(gd["month"])
            if gd.get("day"):
                value["day"] = int(gd["day"])
                if not 1 <= value["day"] <= 31:
                    continue
            if gd.get("wd"):
                value["weekday"] = WEEKDAYS[gd["wd"].lower()]
            start = m.start("wd") if gd.get("wd") else m.start()
            if "day" not in value and "year" not in value:
                start = m.start("mon")  # "in July": the fact is the month only
            spans.take(m.start(), m.end())
            out.append(Fact("date", text[start:m.end()], value, start, m.end(),
                            _date_role(text, start, m.end())))
    for m in RELATIVE_RE.finditer(text):
        if spans.free(m.start(), m.end()):
            spans.take(m.start(), m.end())
            out.append(Fact("date", m.group(0), {"relative": m.group(0).lower()}, m.start(), m.end(),
                            _date_role(text, m.start(), m.end())))
    for rx, build in (
        (WEEKDAY_RE, lambda m: {"weekday": WEEKDAYS[m.group("wd").lower()]}),
        (DAY_ONLY_RE, lambda m: {"day": int(m.group("day"))}),
        (YEAR_RE, lambda m: {"year": int(m.group("year"))}),
    ):
        for m in rx.finditer(text):
            s = m.start("wd") if "wd" in m.groupdict() else m.start(1)
            if not spans.free(s, m.end()):
                continue
            if rx is YEAR_RE:
                nxt = noun_after(text, m.end(), 1)[1]
                if nxt and nxt[0].islower():  # "2000 people" is a count, not a year
                    continue
            spans.take(s, m.end())
            out.append(Fact("date", text[s:m.end()], build(m), s, m.end(), _date_role(text, s, m.end())))


# Cheap tests that let most sentences skip the costly patterns: a kind is only
# scanned for when the sentence holds a word or character it cannot do without.
_DIGIT_RE = re.compile(r"\d")
_CUR_SYMBOL_RE = re.compile(r"[$\u20ac\u00a3\u00a5\u20b9]")
_CURRENCY_WORDS = {
    "rs", "inr", "usd", "eur", "gbp", "cny", "rmb", "jpy", "rub", "chf", "dollar", "dollars", "euro",
    "euros", "pound", "pounds", "yuan", "renminbi", "rupee", "rupees", "rouble", "roubles", "ruble",
    "rubles", "yen", "franc", "francs", "crown", "crowns", "kronor", "kroner",
}
_PERCENT_WORDS = {"percent", "cent", "pct", "percentage"}
_DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | {"yesterday", "today", "tomorrow", "tonight", "last", "next", "this"}


def _money(text: str, spans: _Spans, out: list[Fact]) -> None:
    found: list[Fact] = []
    for rx in MONEY_RES:
        for m in rx.finditer(text):
            if not spans.free(m.start(), m.end()):
                continue
            gd = m.groupdict()
            raw = (gd.get("cur") or gd.get("curw") or "").lower()
            raw = re.sub(r"^(us|u\.s\.)\s+", "", raw)
            cur = CURRENCIES.get(raw) or CURRENCIES.get(singular(raw)) or raw.upper()
            q = quantity(m, cur)
            if q is None:
                continue
            spans.take(m.start(), m.end())
            role = f"{cur}{CHANGE}" if states_change(text, m.start(), m.end()) else cur
            found.append(Fact("money", m.group(0), q, m.start(), m.end(), role, cur))
    found.sort(key=lambda f: f.start)
    for i, f in enumerate(found):
        prev = found[i - 1] if i else None
        if (prev is not None and prev.noun != f.noun
                and CONVERSION_GAP_RE.fullmatch(text, prev.end, f.start)):
            f = replace(f, role=f"{f.noun}{CONVERSION}")  # the same sum again: the first one is paired
        out.append(f)


def _percentages(text: str, spans: _Spans, out: list[Fact]) -> None:
    for m in PERCENT_RE.finditer(text):
        if not spans.free(m.start(), m.end()):
            continue
        unit = "pp" if m.group("pct").lower().startswith("percentage") else "%"
        q = quantity(m, unit)
        if q is None:
            continue
        spans.take(m.start(), m.end())
        out.append(Fact("percentage", m.group(0), q, m.start(), m.end(), unit, unit))


_ORDINAL_WORD_SET = set(ORDINAL_WORDS)
_FULL_SCALES = {"thousand", "million", "billion", "trillion"}
_NUMBER_WORD_SET = set(UNITS_WORDS) | set(TENS_WORDS) | {"dozen", "hundred", "thousand", "million", "billion"}
_LOWER_WORD_RE = re.compile(r"[a-z]+")
_DIGIT_ORDINAL_RE = re.compile(r"\d(?:st|nd|rd|th)\b", re.I)


def _ordinals(text: str, spans: _Spans, out: list[Fact]) -> None:
    last_noun, last_phrase = "", ""
    for m in ORDINAL_RE.finditer(text):
        if not spans.free(m.start(), m.end()):
            continue
        value = int(m.group("digits")) if m.group("digits") else ordinal_word_value(m.group("words"))
        if value is None:
            continue
        noun, phrase = noun_after(text, m.end())
        if not noun:
            # Ellipsis: "the first phase ..., while the second will ..." is the second phase.
            noun, phrase = last_noun, last_phrase
        last_noun, last_phrase = noun, phrase
        spans.take(m.start(), m.end())
        out.append(Fact("ordinal", m.group(0), {"value": value, "noun": noun or None},
                        m.start(), m.end(), noun, phrase))


_OF_TOTAL_RE = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?\d[\d,]*(?=\s)")


# A line that is only a name or two and a date: a dateline or a masthead.
_PLACE_DATE_LINE_RE = re.compile(
    r"^[\s*_#>]*[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3},\s*(?:\w+,\s*)?"
    r"\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}[\s*_]*$"
    r"|^[\s*_#>]*[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3},\s*(?:\w+,\s*)?"
    r"[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}[\s*_]*$")

def _numbers(text: str, spans: _Spans, out: list[Fact]) -> None:
    for m in NUMBER_RE.finditer(text):
        if not spans.free(m.start(), m.end()):
            continue
        noun, phrase = noun_after(text, m.end(), count=True)
        unit = COMPOUND_UNIT_RE.match(text, m.end())
        if unit:
            # "a five-year deal", "a 10-year sentence", "the 24-year-old": a duration (or an
            # age), whatever noun follows ("five-year contract" / "four-year deal").
            noun, phrase = ("age" if unit.group(2) else unit.group(1).lower()), unit.group(0)
        inc = increment_at(text, m.start(), m.end()) if not noun else None
        if inc is not None:  # "hire 60 more nurses" counts nurses
            noun, phrase = noun_after(text, inc, count=True)
            phrase = f"{text[m.end():inc].strip()} {phrase}" if noun else ""
        if not noun:
            # "112 of the 250 seats" counts seats too.
            of = _OF_TOTAL_RE.match(text, m.end())
            if of:
                noun, phrase = noun_after(text, of.end(), count=True)
        if not noun and DEATH_TOLL_RE.search(text, max(0, m.start() - 60), m.start()):
            # "put the death toll at 19" counts the dead as "19 people died" does.
            noun = "person"
        q = quantity(m, noun or None)
        if q is None:
            continue
        # "740 more thousand households": a scale word inside the phrase still scales.
        scale = next((SCALES[w.lower()] for w in phrase.split()[:-1] if w.lower() in _FULL_SCALES), None)
        if scale and not (m.groupdict().get("scale1") or m.groupdict().get("scale2")):
            q = {**q, "value": q["value"] * scale, "precision": q["precision"] * scale}
        spans.take(m.start(), m.end())
        role = noun
        if noun and states_change(text, m.start(), m.end() + len(phrase) + 1):
            role = f"{noun}{CHANGE}"  # "14 seats short of", "up 60 beds": not a count of seats or beds
        elif not noun or states_change(text, m.start(), m.end()):
            role = ""
        out.append(Fact("number", m.group(0), q, m.start(), m.end(), role, phrase))


def _places_and_names(text: str, spans: _Spans, out: list[Fact]) -> None:
    dl = nm.DATELINE_RE.match(text)
    if dl and (dl.group("date") or dl.group("agency") or dl.group("place").isupper()):
        place = dl.group("place").strip()
        if nm.place_ok(place):
            spans.take(dl.start("place"), dl.end("place"))
            out.append(Fact("place", place, nm.place_value(place.title() if place.isupper() else place,
                                                             dl.group("country")),
                            dl.start("place"), dl.end("place"), "dateline"))
    for rx, role in ((nm.EVENT_PLACE_RE, "event"), (nm.PLACE_RE, "")):
        for m in rx.finditer(text):
            place = m.group("place")
            if not spans.free(m.start("place"), m.end("place")) or not nm.place_ok(place):
                continue
            end = m.end("country") if m.group("country") else m.end("place")
            spans.take(m.start("place"), end)
            out.append(Fact("place", text[m.start("place"):end], nm.place_value(place, m.group("country")),
                            m.start("place"), end, role))
    if nm.title_case(text):
        return  # in a Title Case Headline every word looks like a name
    for _start, end, title, name in nm.titled_names(text):
        ns = end - len(name)
        if spans.free(ns, end):
            spans.take(ns, end)
            out.append(Fact("name", name, {"name": name, "key": nm.name_key(name)}, ns, end, title, title))
    for start, end, name in nm.proper_names(text):
        if spans.free(start, end):
            spans.take(start, end)
            out.append(Fact("name", name, {"name": name, "key": nm.name_key(name)}, start, end, ""))


def extract_facts(text: str, ref_year: int | None = None) -> list[Fact]:
    """Every fact stated in ``text`` (one sentence or a short passage), in text order.

    ``ref_year`` is the year the text was published in, when known; it is kept
    on each date so that a weekday can be checked against a date without a year.
    """
    spans = _Spans()
    out: list[Fact] = []
    for m in CLOCK_RE.finditer(text):  # "14:05" is a time of day, not two numbers
        spans.take(m.start(), m.end())
    # Datelines first: "BEIJING, July 4 (Xinhua) --" dates the filing, not the event.
    dl = nm.DATELINE_RE.match(text)
    if dl and dl.group("date"):
        sub: list[Fact] = []
        _dates(text[: dl.end("date")], _Spans(), sub)
        for f in sub:
            if f.start >= dl.start("date"):
                spans.take(f.start, f.end)
                out.append(Fact("date", f.text, f.value, f.start, f.end, "dateline"))
    words = set(_LOWER_WORD_RE.findall(text.lower()))
    digit = _DIGIT_RE.search(text) is not None
    numeric = digit or bool(words & _NUMBER_WORD_SET)
    if numeric and (words & _CURRENCY_WORDS or _CUR_SYMBOL_RE.search(text)):
        _money(text, spans, out)
    if numeric and ("%" in text or words & _PERCENT_WORDS):
        _percentages(text, spans, out)
    if digit or words & _DATE_WORDS:
        _dates(text, spans, out)
    if words & _ORDINAL_WORD_SET or _DIGIT_ORDINAL_RE.search(text):
        _ordinals(text, spans, out)
    if numeric:
        _numbers(text, spans, out)
    _places_and_names(text, spans, out)
    if _PLACE_DATE_LINE_RE.match(text):
        # "Varnholm, 3 March 2027" or a masthead "Varnholm Courier, 4 March 2027" alone on
        # its line: when and where the text was issued, not a date of the story.
        out = [Fact(f.kind, f.text, f.value, f.start, f.end, "dateline", f.noun, f.ref_year)
               if f.kind == "date" and f.role == "" else f for f in out]
    if ref_year is not None:
        out = [Fact(f.kind, f.text, f.value, f.start, f.end, f.role, f.noun, ref_year)
               if f.kind == "date" else f for f in out]
    out.sort(key=lambda f: (f.start, f.end))
    return out
