"""What limits a claim, for the meaning-shift detector: conditions, totality words, framing.

Three kinds of wording decide how far a statement reaches without being its subject:

- a **condition** ("would respect the ceasefire *as long as* the other side did the
  same"): dropping it turns a conditional commitment into an unconditional one, so a
  dropped or added condition is a qualifier shift. Its markers read as one token
  each; "if" in an indirect question ("asked if", "decide if") and concessive "even
  if" are no condition;
- a **totality** ("in full", "every word of", "all"): said in other words it is no
  shift, and "all" adds nothing before a definite plural ("all the detainees" are "the
  detainees") or after a verb of stopping or banning ("halt all strikes": the plural
  object of a stop is read whole anyway);
- a reporter's **framing** of the speaking ("declined to comment", "was careful not to
  oversell", "refused to be drawn"): its negator is about the speaker's manner, not the
  statement's content.

Each pass works on the word list of one text (see ``shift_words._tokenise``), except
``framing_negators`` which needs the other side of the pair.
"""

from __future__ import annotations


def _forms(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Condition markers, each one token after ``mark_conditions``. Multi-word markers are
# joined with hyphens (not underscores: readers of the word lists split those).
CONDITION_MARKERS = _forms("if unless provided-that as-long-as so-long-as on-condition-that subject-to "
                           "conditional-on once-that")
_MULTI = {("as", "long", "as"): "as-long-as", ("so", "long", "as"): "so-long-as",
          ("on", "condition", "that"): "on-condition-that", ("provided", "that"): "provided-that",
          ("providing", "that"): "provided-that", ("conditional", "on"): "conditional-on",
          ("conditional", "upon"): "conditional-on", ("contingent", "on"): "conditional-on",
          ("contingent", "upon"): "conditional-on",
          # "Failing that, the law lapses": if that does not happen.
          ("failing", "that"): "unless", ("failing", "this"): "unless", ("failing", "which"): "unless"}
_MULTI_HEADS = frozenset(k[0] for k in _MULTI)
# A word every condition wording contains: a sentence without any is read as it is.
_CONDITION_WORDS = _forms("if long condition provided providing conditional contingent failing subject without")
# "asked if the plant would close", "to decide if": an indirect question, read "whether".
_QUESTION_VERBS = _forms("ask asks asked asking wonder wonders wondered wondering know knows knew "
                         "see saw seen check checks checked checking decide decides decided deciding "
                         "determine determined unclear clear sure unsure question questioned "
                         "establish established investigate investigating assess assessing "
                         "examine examining doubt doubted")
# "even if", "as if", "if any", "if not all", "if ever", "if at all": no restriction.
_NOT_CONDITION_BEFORE = _forms("even as")
_NOT_CONDITION_AFTER = _forms("any not ever anything at")
_READER_WISHES = _forms("fancy want wish like prefer care ask are were need")
_SUBJECTS = _forms("it they he she we you i the a an its their his her our this these those")
_BE = _forms("is are was were be been being remain remains remained remaining")
_BE_HAVE = _BE | _forms("has have had having")
_MODALS = _forms("will would can could may might must shall should")

# Words that state a whole: "in full" and "every word of" say the same thing.
# "Schools across the province" are all the schools in it.
TOTALITY = _forms("in-full all-of entirely wholly completely fully whole entire entirety across "
                  "throughout nationwide")
_TOTALITY_WORDS = _forms("all full entirety")
_DEFINITES = _forms("the its their his her our these those this that")
_NOT_BEFORE_ALL = _forms("nearly almost virtually not practically")
# A stop or a ban applies to a plural object whole ("stop offensive operations").
_CESSATION = _forms("stop stops stopped stopping halt halts halted halting cease ceases ceased "
                    "ceasing end ends ended ending suspend suspends suspended suspending ban bans "
                    "banned banning forbid forbids forbade forbidden prohibit prohibits prohibited "
                    "prohibiting bar bars barred barring freeze freezes froze frozen <stop>")

# Verbs about the speaking itself: "declined to comment" frames, it states nothing.
FRAMING_VERBS = _forms("comment commented commenting elaborate elaborated speculate speculated "
                       "oversell overstate overstated exaggerate exaggerated overplay overplayed "
                       "drawn predict")
_FRAMING_NEGATORS = _forms("not never decline_to refuse refuses refused refusing declined")


_EXCEPTIONS = _forms("except unless")
_RULE_MODALS = _forms("must may can shall")
_CONDITIONS = _forms("if with when once after where under unless")


def conditional_rules(toks: list[str], cl: list[int]) -> tuple[list[str], list[int]]:
    """Read a prohibition with an exception and a permission with a condition alike.

    "Staff must not enter except with a pass", "staff may only enter with a pass" and
    "staff can enter only if they hold a pass" state one rule: the negator of the first
    becomes ``only``, its exception word goes ("unless" reads "if"), and the modal that
    states the rule becomes ``<permit>`` in each wording.
    """
    if not _RULE_MODALS.intersection(toks):
        return toks, cl
    out, ocl = list(toks), list(cl)
    for i, w in enumerate(out):
        # Only a rule ("must not", "cannot"): "told not to drink it unless boiled" is advice.
        if w not in ("not", "never") or not i or out[i - 1] not in _RULE_MODALS:
            continue
        exc = next((j for j in range(i + 1, min(i + 16, len(out))) if out[j] in _EXCEPTIONS), None)
        if exc is None:
            continue
        out[i] = "only"
        out[exc] = "if" if out[exc] == "unless" else ""
        out[i - 1] = "<permit>"
    for i, w in enumerate(out):
        if w not in _RULE_MODALS:
            continue
        only = next((j for j in range(i + 1, min(i + 12, len(out))) if out[j] == "only" and ocl[j] == ocl[i]), None)
        if only is not None and any(out[j] in _CONDITIONS for j in range(only + 1, min(only + 12, len(out)))):
            out[i] = "<permit>"
    keep = [k for k, w in enumerate(out) if w]
    return [out[k] for k in keep], [ocl[k] for k in keep]


def mark_conditions(toks: list[str], cl: list[int], text: str) -> tuple[list[str], list[int]]:
    """``toks`` with each condition marker read as one token (``if``, ``unless``, ...).

    "as long as", "provided (that)", "on condition that", "subject to" become one token
    each; "if" in an indirect question becomes ``whether``; an opening "Should the storm
    reach ..." (no question) is an inverted ``if``; "if ... not" and a "without" that
    opens a clause before the main one read as ``unless``.
    """
    if _CONDITION_WORDS.isdisjoint(toks) and toks[:1] != ["should"]:
        return toks, cl  # most sentences: nothing to read
    out: list[str] = []
    ocl: list[int] = []
    dropped: set[int] = set()
    i = 0
    n = len(toks)
    while i < n:
        w = toks[i]
        nxt = toks[i + 1] if i + 1 < n else ""
        prev = out[-1] if out else ""
        if i in dropped:
            i += 1
            continue
        if w in _MULTI_HEADS:
            key = next((k for k in (tuple(toks[i:i + 3]), tuple(toks[i:i + 2])) if k in _MULTI), None)
            # "for as long as it takes" is a duration, not a condition.
            if key and not (key[0] == "as" and prev == "for"):
                out.append(_MULTI[key])
                # "provided that" ends on a clause opener: the marker sits in its clause.
                ocl.append(cl[i + len(key) - 1])
                i += len(key)
                continue
        if w == "if":
            if prev in _QUESTION_VERBS:
                w = "whether"
            elif prev in _NOT_CONDITION_BEFORE or nxt in _NOT_CONDITION_AFTER or (
                    nxt == "you" and toks[i + 2:i + 3] and toks[i + 2] in _READER_WISHES):
                # "if you fancy his name on your back": addressed to the reader, it
                # restricts nothing.
                w = "<if_not>"
            elif "<permit>" in out:
                w = "<rule_if>"  # "may only enter if ...": the permission carries the condition
            else:
                w = _negated_condition(w, toks, cl, i, dropped)
        elif w == "without" and (i == 0 or cl[i - 1] != cl[i] or prev == "that") and cl[i] < cl[-1]:
            w = "unless"  # "Without new funding, the ward could close": unless it comes
        elif w in ("provided", "providing"):
            # The verb ("the ministry provided the funds") is no condition: only at a clause
            # start ("Provided the weather holds", ", provided they..."), before a pronoun
            # subject and its verb, or after a modal in its clause ("will call off the strike
            # provided the employer ..."), where the verb could not stand.
            opens = i == 0 or cl[i - 1] != cl[i]
            after_modal = prev not in _BE_HAVE and any(
                t in _MODALS for t, k in zip(toks[max(0, i - 12):i], cl[max(0, i - 12):i], strict=True) if k == cl[i])
            if opens or after_modal or (nxt in ("they", "it", "he", "she", "we", "you")
                                        and toks[i + 2:i + 3] not in (["with"], ["to"], ["for"])):
                w = "provided-that"
        elif w == "subject" and nxt == "to" and prev not in _BE:
            w = "subject-to"
            i += 1
        elif w == "should" and i == 0 and "?" not in text and nxt in _SUBJECTS:
            w = "if"  # "Should the storm reach the coast, ...": an inverted condition
        out.append(w)
        ocl.append(cl[i])
        i += 1
    return _negated_markers(out, ocl)


# Positive condition markers: "... not" inside their condition says "unless".
_POSITIVE_MARKERS = _forms("if provided-that as-long-as so-long-as on-condition-that")
_DO = _forms("do does did")


def _negated_condition(w: str, toks: list[str], cl: list[int], i: int, dropped: set[int]) -> str:
    """``unless`` for a positive condition marker at ``i`` whose condition is negated, else ``w``.

    "if the talks do not succeed", "provided that inflation over the previous twelve months
    does not exceed 4 per cent", "if no deal is reached": each says "unless". The negator
    (and the "do" that carries it) is marked in ``dropped``. The search stays in the
    condition's clause and stops at a modal, which belongs to the main clause ("if the
    plan passes the council will not ...").
    """
    for j in range(i + 1, min(i + 11, len(toks))):
        if cl[j] != cl[i] or toks[j] in _MODALS:
            break
        if toks[j] in ("not", "never", "no"):
            dropped.add(j)
            if toks[j - 1] in _DO:
                dropped.add(j - 1)  # "if it does not rain" reads "unless it rain"
            return "unless"
    return w


def _negated_markers(toks: list[str], cl: list[int]) -> tuple[list[str], list[int]]:
    """The multi-word markers ("provided-that", "as-long-as") with a negated condition read as ``unless``."""
    if _POSITIVE_MARKERS.isdisjoint(toks):
        return toks, cl
    dropped: set[int] = set()
    out = list(toks)
    for i, w in enumerate(toks):
        if w in _POSITIVE_MARKERS and w != "if":
            out[i] = _negated_condition(w, toks, cl, i, dropped)
    keep = [k for k in range(len(out)) if k not in dropped]
    return [out[k] for k in keep], [cl[k] for k in keep]


def mark_totality(toks: list[str], cl: list[int]) -> tuple[list[str], list[int]]:
    """``toks`` with "in full" as one totality token and a redundant "all" read as one.

    "all" is a bare totality (``all-of``, which only answers an "every") before a definite plural ("all the detainees", "all of its members") and
    after a verb of stopping or banning ("halt all offensive operations"), unless a hedge
    stands before it ("nearly all the flights" keeps its hedge and its "all").
    """
    if _TOTALITY_WORDS.isdisjoint(toks):
        return toks, cl
    out: list[str] = []
    ocl: list[int] = []
    i = 0
    n = len(toks)
    while i < n:
        w = toks[i]
        nxt = toks[i + 1] if i + 1 < n else ""
        if w == "in" and nxt == "full":
            out.append("in-full")
            ocl.append(cl[i])
            i += 2
            continue
        if w == "in" and nxt in ("its", "their", "his", "her") and toks[i + 2:i + 3] == ["entirety"]:
            out.append("in-full")
            ocl.append(cl[i])
            i += 3
            continue
        if w == "all" and (not out or out[-1] not in _NOT_BEFORE_ALL):
            after_of = toks[i + 2] if nxt == "of" and i + 2 < n else ""
            if nxt in _DEFINITES or after_of in _DEFINITES or (out and out[-1] in _CESSATION):
                # Kept as a totality: it still answers an "every" on the other side.
                out.append("all-of")
                ocl.append(cl[i])
                i += 2 if after_of else 1
                continue
        out.append(w)
        ocl.append(cl[i])
        i += 1
    return out, ocl


def framing_negators(toks: list[str], other: list[str], stem) -> list[str]:
    """``toks`` with each negator that governs a framing verb read as ``<frame>``.

    "The envoy was careful not to oversell the deal", "the club, which declined to
    comment": the reporter describes the speaking. Only when the other side does not use
    the framing verb itself ("did not comment" against "commented" is still a negation).
    """
    if not FRAMING_VERBS.intersection(toks):
        return toks
    stems = {stem(w) for w in other}
    out = list(toks)
    for i, w in enumerate(toks):
        if w not in FRAMING_VERBS or stem(w) in stems:
            continue
        for j in range(i - 1, max(-1, i - 5), -1):
            if toks[j] in _FRAMING_NEGATORS:
                out[j] = "<frame>"
                break
    return out


def _condition_parts(toks: list[str], cl: list[int], i: int, content) -> tuple[set[str], set[str]]:
    """Content stems of the clause a condition at ``i`` restricts, and of the condition itself.

    The condition runs from its marker to the end of its clause; what it restricts is the
    rest of that clause ("would stay at work as long as talks continued"), or, when the
    marker opens its clause, the clause before it (", subject to a vote") or, at the start
    of the sentence, the one after it ("Provided the weather holds, the launch ...").
    """
    c = cl[i]
    cond = {content(w) for w in _thresholds([w for w, k in zip(toks[i + 1:i + 12], cl[i + 1:i + 12], strict=False)
                                             if k == c])}
    before = [w for w, k in zip(toks[:i], cl[:i], strict=True) if k == c]
    # "a 5.8 percent rise ... and a further 3.2 percent a year later if inflation stays
    # below 4": the condition restricts the last of two coordinated claims.
    if "and" in before:
        last = before[len(before) - before[::-1].index("and"):]
        if sum(content(w) is not None for w in last) >= 2:
            before = last
    host = {content(w) for w in before}
    host.discard(None)
    if not host:
        # The clause before (numbers may skip: "provided that" takes its "that"'s clause).
        lower = [k for k in cl if k < c]
        near = max(lower) if lower else min((k for k in cl if k > c), default=c)
        host = {content(w) for w, k in zip(toks, cl, strict=True) if k == near}
    host.discard(None)
    cond.discard(None)
    return host, cond


# "goes above 3%", "rises over 3%", "tops 3%": a threshold crossed, as "exceeds" says.
_MOTION = _forms("go goes went gone going rise rises rose risen rising climb climbs climbed get gets got "
                 "move moves moved")
_CROSSINGS = {"above": "exceed", "over": "exceed", "beyond": "exceed", "below": "below", "under": "below"}
_SINGLE = {"tops": "exceed", "top": "exceed", "surpass": "exceed", "surpasses": "exceed", "exceeds": "exceed",
           "exceeded": "exceed", "falls": "below", "fall": "below", "drops": "below", "drop": "below"}


_PERCENT = _forms("per cent percent pc")


def _thresholds(words: list[str]) -> list[str]:
    """The condition's words with a crossed threshold in one wording ("goes above" -> "exceed")."""
    out: list[str] = []
    for w in words:
        if w in _CROSSINGS and out and out[-1] in _MOTION:
            out[-1] = _CROSSINGS[w]
        elif w in _CROSSINGS and out and out[-1] == _CROSSINGS[w]:
            continue  # "falls below": "below" already said
        elif w not in _PERCENT:  # "3 per cent" is "3%", whose sign is no word
            out.append(_SINGLE.get(w, w))
    return out


def dropped_condition(ta: list[str], cla: list[int], tb: list[str], clb: list[int], content):
    """The condition marker one side adds to a claim the other side states, or None.

    Returns ``(marker, side)`` with side 0 when ``ta`` has the condition. The side with
    more conditions must state, in the clause its condition restricts, what the other
    side states (else that clause is the other half of a merged sentence), and the other
    side must not restate the condition's own words (a condition in other words).
    ``content(word)`` gives a word's stem, or None for a word that is no content word.
    """
    if CONDITION_MARKERS.isdisjoint(ta) and CONDITION_MARKERS.isdisjoint(tb):
        return None  # most pairs: no condition on either side
    ca, cb = _markers(ta, cla), _markers(tb, clb)
    if len(ca) == len(cb):
        return None
    side = 0 if len(ca) > len(cb) else 1
    x, clx, y = (ta, cla, tb) if side == 0 else (tb, clb, ta)
    other = {content(w) for w in y}
    other.discard(None)
    for i in ca if side == 0 else cb:
        host, cond = _condition_parts(x, clx, i, content)
        if not host or not cond or len(host & other) < min(2, len(host)):
            continue
        if _restated(cond, other) * 2 < len(cond):
            return x[i], side
    return None


def turned_condition(ta: list[str], cla: list[int], tb: list[str], clb: list[int], content):
    """``(marker of a, marker of b)`` when one side's "if" is the other's "unless" on the
    same condition ("strike unless a deal is reached" / "strike if a deal is reached"):
    the condition turned round. The condition's words must all be restated (allowing for
    inflection): "unless the board agrees" / "if the board refuses" says the same."""
    if CONDITION_MARKERS.isdisjoint(ta) or CONDITION_MARKERS.isdisjoint(tb):
        return None  # a condition on each side or nothing to turn
    ca, cb = _markers(ta, cla), _markers(tb, clb)
    if not ca or len(ca) != len(cb):
        return None
    for i, j in zip(ca, cb, strict=True):
        if {ta[i], tb[j]} != {"if", "unless"}:
            continue
        _, cond_a = _condition_parts(ta, cla, i, content)
        _, cond_b = _condition_parts(tb, clb, j, content)
        if cond_a and cond_b and _restated(cond_a, cond_b) == len(cond_a) and _restated(cond_b, cond_a) == len(cond_b):
            return ta[i], tb[j]
    return None


def _markers(toks: list[str], cl: list[int]) -> list[int]:
    """Positions of the conditions in ``toks``."""
    return [i for i, w in enumerate(toks) if w in CONDITION_MARKERS]


def _restated(words: set[str], other: set[str]) -> int:
    """How many of ``words`` (stems) the other side uses, allowing for inflection
    ("boil" / "boiled", "approval" / "approved")."""
    return sum(1 for w in words if w in other or any(
        len(w) >= 4 and len(o) >= 4 and o[:4] == w[:4] for o in other))
