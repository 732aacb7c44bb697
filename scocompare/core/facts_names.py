"""Names, places and datelines: where they stand and when two of them agree.

Helpers for :mod:`scocompare.core.facts`.  Aliases are resolved by rule, not by
a list of known organisations: spelling variants ("Organisation" and
"Organization"), dotted acronyms ("U.N."), an acronym and its expansion
("ASEAN" and "Association of Southeast Asian Nations"), and a surname standing
for the full name ("Lopez" and "Maria Lopez").
"""

from __future__ import annotations

import re
import unicodedata

# Words that may sit inside a proper name but do not give it an initial.
NAME_LINKS = {"of", "for", "and", "the", "on", "de", "du", "la", "le", "al", "in", "to", "&"}
# Titles that fix a role: two different people under the same title in linked
# passages are a re-attribution worth showing.
TITLES = (
    r"(?:Vice[ -]President|President|Prime Minister|Deputy Prime Minister|Foreign Minister"
    r"|Defen[cs]e Minister|Finance Minister|Minister|Secretary[ -]General|Secretary of State"
    r"|Secretary|Chancellor|Premier|King|Queen|Crown Prince|Chairman|Chairwoman|Chairperson"
    r"|Ambassador|Governor|Mayor|Director[ -]General|Senator|Spokesman|Spokeswoman"
    r"|Spokesperson|spokesman|spokeswoman|spokesperson|Commissioner|Envoy)"
)
_CAP = r"[A-Z][\w'\u2019.-]*[\w]"
# Names never run across a line break ("[ \t]", not "\s"): lines are separate statements.
_CAP_SEQ = rf"{_CAP}(?:[ \t]+(?:(?:of|for|and|the|de|on)[ \t]+)?{_CAP}){{0,5}}"
PLACE_NAME = r"[A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019-]+){0,3}"

TITLED_NAME_RE = re.compile(rf"\b(?P<title>{TITLES})[ \t]+(?P<name>{_CAP}(?:[ \t]+{_CAP}){{0,2}})")
NAME_RE = re.compile(rf"\b(?:{_CAP_SEQ}|(?:[A-Z]\.){{2,}})")
# A place the event happened in: "held in X", "met in X", "summit in X".
EVENT_PLACE_RE = re.compile(
    r"\b(?:held|took place|met|meeting|summit|convened|gathered|hosted|talks|conference"
    r"|session|opened|signed|forum)\b[^.;:]{0,30}?\b(?:in|at)\s+"
    rf"(?P<place>{PLACE_NAME})(?:,\s+(?P<country>{PLACE_NAME}))?"
)
PLACE_RE = re.compile(rf"\b(?:in|at|from|to)\s+(?P<place>{PLACE_NAME})(?:,\s+(?P<country>{PLACE_NAME}))?")
# Wire datelines: "BEIJING, July 4 (Xinhua) --", "Beijing, 4 July 2023 (TDI):",
# "WASHINGTON (AP) --".  Title-case places need a date or an agency after them,
# so that "However, ..." is not taken for a dateline.
DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\u2019 -]{1,30}[A-Z]|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z]+))?"
    r"(?P<rest>(?:,\s*(?P<date>[^()\n]{3,25}?))?\s*(?P<agency>\([^)\n]{1,30}\))?\s*(?:--|\u2014|\u2013|-|:))"
)

_MONTH_OR_DAY = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
}
# Capitalised words that open sentences without naming anything.
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "it", "its",
    "they", "their", "we", "our", "he", "she", "his", "her", "by", "for", "with",
    "meanwhile", "however", "furthermore", "also", "and", "but", "as", "after",
    "before", "during", "while", "when", "all", "some", "many", "more", "most",
    "officials", "leaders", "ministers", "there", "here", "if", "from", "to",
}


def fold(text: str) -> str:
    """Lower-case, accent-free form of a name, with "-isation" spelt "-ization"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").lower()
    # British and American spellings of the same word ("Organisation", "Organization").
    text = re.sub(r"is(ation|ing|ed|e)\b", r"iz\1", text)
    text = re.sub(r"(?<=[a-z])our\b", "or", text)
    return " ".join(text.split())


def name_key(text: str) -> str:
    """Canonical key of a name: folded, dots of acronyms dropped, leading "the" dropped."""
    text = re.sub(r"(?<=\b[A-Za-z])\.", "", text.strip())  # "U.N." -> "UN"
    key = fold(text)
    key = re.sub(r"^the\s+", "", key)
    return key.strip(" .,'")


def _is_acronym(text: str) -> bool:
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isupper() and bare.isalpha()


def _acronym_matches(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` can be spelt from prefixes of ``words`` in order.

    Each significant word gives its initial and maybe later letters in order
    ("Southeast" gives "SE" in ASEAN); link words ("of", "the") may give their
    initial or nothing.
    """
    acr = acronym.lower()

    def walk(i: int, w: int) -> bool:
        if w == len(words):
            return i == len(acr)
        word = words[w].lower()
        optional = word in NAME_LINKS
        if optional and walk(i, w + 1):
            return True
        if i >= len(acr) or word[0] != acr[i]:
            return False
        # The initial, then any later letters of the word in order ("Southeast" gives "SE").
        k, pos = 1, 1
        while True:
            if walk(i + k, w + 1):
                return True
            if i + k >= len(acr):
                return False
            pos = word.find(acr[i + k], pos)
            if pos < 0:
                return False
            k, pos = k + 1, pos + 1

    return bool(words) and walk(0, 0)


def names_agree(a: str, b: str) -> bool:
    """Whether two names can refer to the same person, body or place."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return True
    if ka == kb:
        return True
    bare_a, bare_b = a.replace(".", "").strip(), b.replace(".", "").strip()
    for acr, full in ((bare_a, b), (bare_b, a)):
        if _is_acronym(acr):
            words = re.findall(r"[A-Za-z]+", full)
            if _acronym_matches(acr, words):
                return True
    ta, tb = set(ka.split()), set(kb.split())
    # A surname or a shortened name ("Lopez", "Delhi") stands for the full one.
    return ta <= tb or tb <= ta


_HEADLINE_SMALL = {"with", "from", "into", "over", "after", "amid", "against", "than", "that", "upon", "onto"}


def title_case(text: str) -> bool:
    """Whether a passage is set in Title Case (a headline), where capitals mark nothing."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text) if len(w) > 3]
    # Running text has lower-case content words ("resigned"); a headline has none.
    lower = [w for w in words if w[0].islower() and w not in _HEADLINE_SMALL]
    return len(words) >= 3 and not lower and not text.rstrip().endswith(".")  # headlines end bare


def titled_names(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, title, name) for every "President Maria Lopez"-style mention."""
    out = []
    for m in TITLED_NAME_RE.finditer(text):
        title = re.sub(r"[ -]+", "-", m.group("title").lower())
        out.append((m.start(), m.end(), title, m.group("name")))
    return out


def proper_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) for capitalised names and acronyms in a sentence."""
    out = []
    for m in NAME_RE.finditer(text):
        tokens = list(re.finditer(r"\S+", m.group(0)))
        # Drop capitalised function words at the start ("The United Nations").
        while tokens and tokens[0].group(0).lower() in _NOT_NAMES:
            tokens = tokens[1:]
        while tokens and tokens[-1].group(0).lower() in NAME_LINKS:
            tokens = tokens[:-1]
        words = [t.group(0) for t in tokens]
        if not words or all(w.lower() in _MONTH_OR_DAY for w in words):
            continue
        start, end = m.start() + tokens[0].start(), m.start() + tokens[-1].end()
        # One capitalised word opening a sentence is usually just that ("Turnout was").
        if len(words) == 1 and not _is_acronym(words[0]) and not text[:start].split("\n")[-1].strip(" \"'\u201c("):
            continue
        out.append((start, end, text[start:end]))
    return out


def place_ok(name: str) -> bool:
    """Whether a captured capitalised phrase can be a place (not a month or a title word)."""
    first = name.split()[0].lower()
    return first not in _MONTH_OR_DAY and first not in _NOT_NAMES


def place_value(place: str, country: str | None) -> dict:
    """Typed value of a place: its name, and its country when one was given."""
    value = {"name": place}
    if country:
        value["country"] = country
    return value


def places_agree(a: dict, b: dict) -> bool:
    """Whether two place values can be the same place ("Astana" and "Astana, Kazakhstan")."""
    if names_agree(a.get("name", ""), b.get("name", "")):
        return True
    # A city and its country: "in Kazakhstan" and "in Astana, Kazakhstan".
    if a.get("country") and names_agree(a["country"], b.get("name", "")):
        return True
    return bool(b.get("country")) and names_agree(b["country"], a.get("name", ""))


def learn_aliases(text: str) -> dict[str, str]:
    """Acronyms a text defines itself: "International Energy Agency (IEA)" -> {"iea": key}."""
    aliases = {}
    for m in re.finditer(rf"({_CAP_SEQ})\s*\(\s*((?:[A-Z]\.?){{2,8}})\s*\)", text):
        aliases[name_key(m.group(2))] = name_key(m.group(1))
    return aliases
