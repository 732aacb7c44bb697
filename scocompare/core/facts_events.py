"""What the clause around a figure says happened: the event a date dates, the way an amount goes.

Linked passages often date several events ("The break-in began on 19 August, but
the firm only noticed it on 26 August") or state one amount with other verbs
("Transport will receive 186 million" / "Transport gets 168 million").  Two facts
are about one thing when the verbs (or nouns) nearest to them in their clauses
name the same kind of event:

- dates: announced/published/released, began/started/opened, ended/completed,
  discovered/noticed/detected, signed/approved/adopted, notified/informed, took
  effect/came into force (:func:`date_event`);
- amounts: received/got/was given, spent/invested, paid/gave, raised/collected,
  lost, cut, cost (:func:`money_verb`), with the clause's subject before the verb.

A fact whose clause names no such event gets None, and is paired as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scocompare.core.facts_text import generic_word, singular

# Each kind of event and the words (verbs in their forms, and nouns) that name it.
_EVENT_WORDS = {
    "announce": "announced announce announces unveiled unveil unveils published publish publishes released"
                " release releases disclosed disclose discloses revealed reveal reveals presented made public"
                " announcement publication",
    "start": "began begin begins begun started start starts launched launch launches opened open opens"
             " reopened reopen reopens commenced commence commences broke out erupted kicked off beginning"
             " opening",
    "end": "ended end ends finished finish finishes concluded conclude concludes completed complete completes"
           " closed close closes expired expire expires halted halts stopped stops closure conclusion completion",
    "discover": "discovered discover discovers noticed notice notices detected detect detects spotted spot spots"
                " found find finds identified identify identifies uncovered uncover uncovers became aware"
                " discovery detection",
    "approve": "signed sign signs approved approve approves adopted adopt adopts ratified ratify ratifies"
               " cleared clear clears enacted enact enacts endorsed endorse endorses signing approval adoption"
               " ratification",
    "notify": "notified notify notifies informed inform informs alerted alert alerts",
    "effect": "took effect takes effect take effect came into force comes into force come into force"
              " entered into force enters into force effective",
}
_EVENT_OF: dict[str, str] = {}
for _kind, _words in _EVENT_WORDS.items():
    # Two-word forms are written with their second word joined: "broke out", "made public".
    for _w in re.findall(r"(?:took|takes|take|came|comes|come|entered|enters) (?:effect|into force)"
                         r"|broke out|kicked off|made public|became aware|\S+", _words):
        _EVENT_OF[_w] = _kind
_EVENT_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _EVENT_OF), key=len, reverse=True)) + r")\b",
                       re.I)
# Where a figure's clause ends: punctuation (not inside a figure) and clause-opening words.
_EDGE_RE = re.compile(r"[,;:.!?](?!\d)|[()]|\b(?:and|but|while|whereas|although|which|who|when)\b", re.I)
_WORDS_NEAR = 6  # how many words from the figure an event word may stand


def clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the clause before a figure and after it."""
    left = [m.end() for m in _EDGE_RE.finditer(text, 0, start)]
    right = _EDGE_RE.search(text, end)
    return text[left[-1] if left else 0:start], text[end:right.start() if right else len(text)]


@lru_cache(maxsize=16384)
def date_event(text: str, start: int, end: int) -> str | None:
    """The kind of event the date at ``text[start:end]`` dates ("began on 19 August" ->
    "start"), read from the nearest event word before it in its clause, else after it
    ("On 3 May the treaty was signed"); None when the clause names none."""
    before, after = clause_around(text, start, end)
    near_before = " ".join(before.split()[-_WORDS_NEAR:])
    found = list(_EVENT_RE.finditer(near_before))
    if found:
        return _EVENT_OF[found[-1].group(0).lower()]
    m = _EVENT_RE.search(" ".join(after.split()[:_WORDS_NEAR]))
    return _EVENT_OF[m.group(0).lower()] if m else None


def same_event(fa, text_a: str, fb, text_b: str) -> bool | None:
    """For two dates: True when their clauses name one kind of event, False when they name
    two, None when either names none."""
    ea, eb = date_event(text_a, fa.start, fa.end), date_event(text_b, fb.start, fb.end)
    if ea is None or eb is None:
        return None
    return ea == eb


# Which way an amount goes, by the verb before it.
_MONEY_VERBS = {
    "receive": "receive receives received receiving get gets got gotten getting obtain obtains obtained"
               " secure secures secured",
    "spend": "spend spends spent spending invest invests invested devote devotes devoted earmark earmarks"
             " earmarked allocate allocates allocated",
    "give": "give gives gave given pay pays paid donate donates donated grant grants granted award awards awarded",
    "collect": "raise raises raised collect collects collected earn earns earned generate generates generated",
    "lose": "lose loses lost forfeit forfeits forfeited",
    "cut": "cut cuts slash slashes slashed trim trims trimmed reduce reduces reduced",
    "cost": "cost costs costing",
}
_MONEY_VERB_OF = {w: k for k, ws in _MONEY_VERBS.items() for w in ws.split()}
# After a form of "be" the verbs of giving name the receiving end: "is allocated 75 million".
_PASSIVE_RECEIVE = {"given", "granted", "awarded", "allocated", "allotted", "assigned", "paid"}
_BE = {"is", "are", "was", "were", "be", "been", "being"}
# Words between a subject and its verb, or before the subject, that say nothing of either.
_FILLER = set(
    "the a an its their his her our this these those will would shall should can could may might must"
    " to also now still only just then set due expected going next last this year month week".split()
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")


@lru_cache(maxsize=16384)
def money_verb(text: str, start: int) -> tuple[str, frozenset[str]] | None:
    """The kind of verb right before the amount at ``text[start:]`` ("will receive",
    "gets", "is allocated" -> "receive") and the content words of its subject, or None
    when the word before the amount is no verb of money."""
    before, _ = clause_around(text, start, start)
    words = [w.lower() for w in _WORD_RE.findall(before)]
    if not words or words[-1] not in _MONEY_VERB_OF:
        return None
    verb, rest = words[-1], words[:-1]
    kind = _MONEY_VERB_OF[verb]
    while rest and rest[-1] in _FILLER:
        rest.pop()
    if verb in _PASSIVE_RECEIVE and rest and rest[-1] in _BE:
        kind = "receive"
    subject = frozenset(singular(w.removesuffix("'s")) for w in rest if w not in _FILLER and w not in _BE)
    return kind, subject


def money_frame(text_a: str, fa, text_b: str, fb) -> bool | None:
    """For two amounts whose subjects share a word: True when the verbs before them are of
    one kind ("Public transport will receive" / "Transport gets"), False when they are of two
    kinds ("The fire service will receive" / "The fire service spends").  None when either
    verb is no verb of money or the subjects differ."""
    va, vb = money_verb(text_a, fa.start), money_verb(text_b, fb.start)
    if va is None or vb is None:
        return None
    if not va[1] & vb[1]:
        # Other subjects: one may pay what the other receives ("the company agreed to pay"
        # / "the plaintiffs will get"), one transfer told from its two ends.
        return None
    if va[0] != vb[0]:
        return False
    # What each sum is for, when both clauses say it ("in aid" / "in loans"), decides
    # (facts_text.FigurePairing); one side saying it alone contradicts nothing.
    return None if _names_after(text_a, fa.end) and _names_after(text_b, fb.end) else True


def _names_after(text: str, end: int) -> bool:
    """Whether the clause after a figure has a content word ("on salaries", not "next year")."""
    _, after = clause_around(text, end, end)
    return any(not generic_word(w.lower()) and w.lower() not in _FILLER for w in _WORD_RE.findall(after))
