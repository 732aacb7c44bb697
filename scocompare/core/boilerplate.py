"""Find site furniture in a normalised article text.

Web pages and copied articles carry lines that are not part of the story:
section labels ("News Article"), breadcrumbs ("/ Categories: News"), calls to
action ("Share this article", "Also read: ..."), credit lines and comment
widgets at the end, a publication-date token at the very start. They stay in
the text (the user may want to see them) but are marked so the aligner never
links them and coverage ignores them.

The rules are general, line based and conservative: a phrase vocabulary for
navigation / social / legal furniture, repeated lines, date-only metadata, and
short unpunctuated lines at the very end of the text (bylines, widgets).
A headline (short, no final period) at the top is content, not furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Furniture that opens a line ("Also read: X", "Follow us on Y").
_LEADING_PHRASES = re.compile(
    r"""^(?:also\s+read|read\s+(?:more|also|next|the\s+full)|see\s+also|more\s+on\s+this|
    related(?:\s+(?:articles?|stories|news|posts|content|topics))?\s*:|recommended(?:\s+for\s+you)?\s*:?\s*$|
    you\s+(?:may|might)\s+also\s+like|most\s+(?:read|popular|viewed)\b|trending(?:\s+now)?\s*:?\s*$|
    share\s+(?:this|on|via|the\s+article)|share\s*$|follow\s+us|like\s+us\s+on|join\s+us\s+on|
    subscribe(?:\s+(?:to|now|for|here|today)\b|\s*$)|sign\s+up\s+(?:for|to|now|here)|newsletter\s*$|
    click\s+here|download\s+(?:our|the)\s+app|
    contact\s+(?:the\s+)?(?:author|us|reporter)|other\s+(?:posts|articles|stories)\s+by|
    more\s+(?:posts|articles|stories)\s+(?:by|from)|about\s+the\s+author|
    posted\s+in|filed\s+under|tags?\s*:|categor(?:y|ies)\s*:|topics?\s*:|keywords?\s*:|section\s*:|
    (?:advertisement|sponsored(?:\s+content)?|promoted(?:\s+content)?)\s*$|
    comments?\s*(?:\(\d+\)|\d+)?\s*$|leave\s+a\s+(?:comment|reply)|add\s+a\s+comment|
    (?:blog\s+)?comments\s+powered\s+by|
    all\s+rights\s+reserved|copyright\s*(?:\u00a9|\(c\)|\d{4})|\u00a9|\(c\)\s*\d{4}|
    print(?:\s+this(?:\s+article|\s+page)?)?\s*$|e-?mail(?:\s+this(?:\s+article)?)?\s*$|
    back\s+to\s+top|skip\s+to\b|jump\s+to\b|go\s+to\s+(?:homepage|top)|
    (?:photo|image|picture|video|file\s+photo|graphic)\s*(?:credit)?\s*:|
    (?:editor|editing)\s*:|(?:edited|reporting|writing|compiled|translated)\s+by\b|source\s*:|
    \d+\s+min(?:ute)?s?\s+read|(?:updated|published|posted|last\s+(?:updated|modified))\s*(?::|on\s+\d|\d)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A byline: "By Jane Doe", "By Jane Doe and Li Wei, Reuters" (case matters here:
# "By then, ..." opens a sentence).
_BYLINE = re.compile(
    r"^By\s+[A-Z][\w.'\-]*(?:\s+(?:[A-Z][\w.'\-]*|and|de|del|van|von|al|bin|da))*\s*(?:[,|\u2022].*)?$"
)
# Furniture anywhere inside a short line.
_INNER_PHRASES = re.compile(
    r"all\s+rights\s+reserved|powered\s+by\s+\w+\s*$|cookie\s+(?:policy|settings)|privacy\s+policy|"
    r"terms\s+of\s+(?:use|service)",
    re.IGNORECASE,
)
# Words a section label or kicker is made of ("News Article", "World | Asia").
_SECTION_WORDS = frozenset(
    """news article articles story stories home world local national international politics
    business economy markets finance opinion opinions editorial analysis features feature
    breaking latest live update updates video videos photos gallery podcast sport sports
    culture science tech technology health lifestyle region regions top headlines press
    release releases statement statements menu search login edition english en""".split()
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DATE = (
    rf"(?:{_ISO}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|"
    rf"{_WEEKDAY}{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"{_WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?"
_DATE_LABEL = r"(?:(?:date|published|posted|updated|pubdate|last\s+updated|first\s+published)\s*(?:on)?\s*[:=]?\s*)?"
# A leading metadata token such as " date 2023-07-05" glued to the first sentence.
_LEADING_TOKEN = re.compile(rf"\A\s*({_DATE_LABEL}(?:{_ISO}))(?=\s+\S)", re.IGNORECASE)
# A line holding nothing but a date (with its label and time).
_DATE_LINE = re.compile(rf"^{_DATE_LABEL}{_DATE}{_TIME}$", re.IGNORECASE)
_ISO_IN = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WORDY_DATE = re.compile(
    rf"(?:(?P<m1>{_MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTHS}),?)\s+(?P<y>\d{{4}})",
    re.IGNORECASE,
)
# Date-only lines count as metadata near the top or bottom of a text; in the
# middle they may be the subheadings of a timeline.
_DATE_ZONE = 4
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\(?\d{1,3}[.)])\s+\S")
_FINAL = ".!?\u2026:;\"'\u201d\u2019)"


@dataclass(frozen=True)
class Boilerplate:
    """Furniture found in a text: ``spans`` to mark and a publication ``date`` if seen."""

    spans: tuple[tuple[int, int], ...]
    date: str | None = None


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            a = pos + (len(raw) - len(raw.lstrip()))
            out.append((a, a + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _norm(line: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", line.casefold()).split())


def _is_section_label(line: str) -> bool:
    words = re.findall(r"[^\W\d_]+", line.casefold())
    return 0 < len(words) <= 4 and all(w in _SECTION_WORDS for w in words) and not _ends(line)


def _is_breadcrumb(line: str) -> bool:
    parts = [p for p in re.split(r"\s+[/>\u00bb|\u203a]\s+|^[/>\u00bb|]\s*", line) if p.strip()]
    return (
        len(parts) >= 2
        and all(len(p.split()) <= 3 for p in parts)
        and not _ends(line)
        and len(line.split()) <= 12
    )


def _ends(line: str) -> bool:
    """Whether the line ends like a sentence (or a quoted one)."""
    # Closing quotes, brackets and Markdown emphasis may follow the full stop.
    return line.rstrip().rstrip("\"'\u201d\u2019)*_")[-1:] in ".!?\u2026"


def is_furniture_line(line: str) -> bool:
    """Whether one stripped line is navigation, social, legal or credit furniture."""
    words = len(line.split())
    # Leading breadcrumb separators, bullets and brackets ("(Reporting by ...)").
    body = line.lstrip("/|>\u00bb-\u2013\u2014*\u2022([ \t")
    if words <= 25 and _LEADING_PHRASES.match(body):
        return True
    if words <= 12 and _BYLINE.match(line) and not _ends(line):
        return True
    if words <= 15 and _INNER_PHRASES.search(line):
        return True
    return _is_section_label(body) or _is_breadcrumb(line)


def date_line_value(line: str) -> str | None:
    """The date of a line that holds only a (labelled) date, ISO when possible."""
    m = _DATE_LINE.match(line.strip(" |\u2022"))
    if not m:
        return None
    iso = _ISO_IN.search(line)
    if iso:
        return iso.group(0)
    words = _WORDY_DATE.search(line)
    if words:
        month = words.group("m1") or words.group("m2")
        day = words.group("d1") or words.group("d2")
        number = next(i for i, name in enumerate(_MONTH_NAMES, start=1) if month.lower().startswith(name))
        return f"{words.group('y')}-{number:02d}-{int(day):02d}"
    return line.strip()


def find_boilerplate(text: str) -> Boilerplate:
    """Spans of furniture lines (and a leading date token) in normalised ``text``."""
    spans: list[tuple[int, int]] = []
    date = None
    lead = _LEADING_TOKEN.match(text)
    lines = _lines(text)
    if lead:
        spans.append((lead.start(1), lead.end(1)))
        iso = _ISO_IN.search(lead.group(1))
        date = iso.group(0) if iso else lead.group(1)
    marked = [False] * len(lines)
    seen: set[str] = set()
    dates = []
    for i, (_a, _b, line) in enumerate(lines):
        key = _norm(line)
        in_zone = i < _DATE_ZONE or i >= len(lines) - _DATE_ZONE
        value = date_line_value(line) if in_zone else None
        if value:
            marked[i] = True
            dates.append(value)
        elif is_furniture_line(line):
            marked[i] = True
        # A headline repeated under itself, or "Contact author" twice; a
        # repeated full sentence may be the statement's own wording, kept.
        elif key and key in seen and (not _ends(line) or len(line.split()) <= 6):
            marked[i] = True
        if key:
            seen.add(key)
    _mark_tail(lines, marked)
    # The tail rule alone never turns a whole text into furniture: a text of
    # short unpunctuated lines (a list of headlines) is content by default.
    if all(marked):
        marked = [is_furniture_line(line) or bool(date_line_value(line)) for _a, _b, line in lines]
    spans.extend((a, b) for (a, b, _l), m in zip(lines, marked, strict=True) if m)
    return Boilerplate(tuple(sorted(spans)), date or (dates[0] if dates else None))


def _mark_tail(lines: list[tuple[int, int, str]], marked: list[bool]) -> None:
    """Short unpunctuated lines after the last sentence are credits and widgets."""
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i][2]
        if marked[i]:
            continue
        if _BULLET.match(line) or _ends(line) or len(line.split()) > 8 or line[-1:] in _FINAL:
            break
        marked[i] = True
