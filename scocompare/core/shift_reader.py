"""Coverage that addresses the reader, for the meaning-shift detector (:mod:`scocompare.core.shift`).

Consumer columns and explainers restate a statement in the second person; these pair
passes read such wordings as the statement they restate, so that only what moved the
meaning is left to count:

- **a condition on the reader that restates the statement's group**: "Customers whose
  card number was exposed will be offered ..." and "If your card number was exposed,
  ... will pay for ..." restrict the claim to the same people; so do "Season ticket
  holders" and "if you hold a season ticket", and "if you have a Kestrel contract"
  against a statement about "customer databases" (a membership of the clientele the
  other side names), and "if you live in Tolley" against "Residents of Tolley". A condition
  with words of its own ("if your flight was cancelled
  *at less than a day's notice*", "if you *complained before March*") still restricts;
- **an entitlement restated as advice**: "Any customer can also add a PIN" offers what
  "Add a PIN to your account" recommends; the "can" is no hedge against an order.

Each pass returns fresh lists; the memoised per-text word lists are never changed.
"""

from __future__ import annotations


def _forms(text: str) -> frozenset[str]:
    return frozenset(text.split())


_READER = _forms("you your")
# What a reader holds or is when they belong to an organisation's clientele.
_MEMBERSHIP = _forms("contract contracts account accounts policy policies subscription subscriptions card cards "
                     "plan plans ticket tickets pass passes membership customer client member subscriber user "
                     "holder policyholder passenger patient tenant borrower shopper")
# The clientele the other side must name for a membership condition to restate it.
_CLIENTELE = _forms("customer customers client clients member members subscriber subscribers user users "
                    "holder holders policyholder policyholders account accounts passenger passengers "
                    "patient patients tenant tenants borrower borrowers shopper shoppers")
_MEMBERSHIP_VERBS = _forms("have has had hold holds held are were am be been")
# Words that widen the membership rather than narrow it ("or had one in the past").
_WIDENING = _forms("past before previously ever once formerly currently now still one")
# Living somewhere, against the residents the other side names ("If you live in Tolley" /
# "Residents of Tolley").
_RESIDENCE_VERBS = _forms("live lives living reside resides stay")
_RESIDENTS = _forms("resident residents inhabitant inhabitants household households homeowner homeowners "
                    "local locals people families living")
# A relative clause on the people the claim is about ("customers whose ...").
_RELATIVES = _forms("who whose that which")
# Adverbs between "can" and its verb ("can also add").
_ADVERBS = _forms("also still now easily simply already even then too")


def _prefix4(w: str) -> str:
    return w[:4]


def _restated_in(stems: list[str], other: set[str]) -> list[bool]:
    """For each stem, whether the other side uses it (allowing for inflection: first four letters)."""
    short = {_prefix4(o) for o in other if len(o) >= 4}
    return [s in other or (len(s) >= 4 and _prefix4(s) in short) for s in stems]


def _condition_words(toks: list[str], cl: list[int], i: int, content) -> list[str]:
    """Content stems of the condition opened at ``i``, in order (the rest of its clause)."""
    out = []
    for k in range(i + 1, min(len(toks), i + 14)):
        if cl[k] != cl[i]:
            break
        s = content(toks[k])
        if s is not None and toks[k] not in _READER:
            out.append(s)
    return out


def _relative_clauses(toks: list[str], content) -> list[set[str]]:
    """Content stems of each relative clause on a noun ("customers whose number was exposed ...")."""
    out = []
    for j in range(1, len(toks) - 1):
        if toks[j] in _RELATIVES and content(toks[j - 1]) is not None:
            out.append({s for s in map(content, toks[j + 1:j + 14]) if s is not None})
    return out


def _restates_group(x: list[str], cl: list[int], i: int, y: list[str], content) -> bool:
    """True when the "if you(r) ..." condition at ``x[i]`` names the group the other side ``y`` is about."""
    cond = _condition_words(x, cl, i, content)
    if not cond:
        return False
    other = {s for s in map(content, y) if s is not None}
    hits = _restated_in(cond, other)
    if all(hits):
        return True  # "if you hold a season ticket" / "season ticket holders"
    # A relative clause restated: from its first restated word on, the predicate is the
    # other side's ("if your passport or licence number was exposed" / "customers whose
    # identity document number was exposed"); the subject noun may be reworded.
    for rel in _relative_clauses(y, content):
        rh = _restated_in(cond, rel)
        if sum(rh) >= 2 and all(rh[rh.index(True):]):
            return True
    # A membership of the clientele the other side names ("if you have a Kestrel contract"
    # against "its customer databases"): nothing in it narrows the group.
    verb = x[i + 2] if x[i + 1] == "you" and i + 2 < len(x) else ""
    if verb in _RESIDENCE_VERBS and not _RESIDENTS.isdisjoint(y):
        # "If you live in Tolley or Brankhurst" / "Residents of Tolley and Brankhurst": the
        # places restated, nothing else in the condition.
        place = [s for s in map(content, (x[k] for k in range(i + 3, min(len(x), i + 14)) if cl[k] == cl[i]))
                 if s is not None]
        return bool(place) and all(_restated_in(place, other))
    if verb in _MEMBERSHIP_VERBS and not _CLIENTELE.isdisjoint(y):
        words = [x[k] for k in range(i + 3, min(len(x), i + 14)) if cl[k] == cl[i]]
        member = [w for w in words if w in _MEMBERSHIP]
        own = [(w, content(w)) for w in words]
        own = [s for w, s in own if s is not None and w not in _MEMBERSHIP and w not in _WIDENING]
        rest = [s for s, h in zip(own, _restated_in(own, other), strict=True) if not h]
        return bool(member) and not rest
    return False


def reader_conditions(ta: list[str], cla: list[int], tb: list[str], content) -> tuple[list[str], list[int]]:
    """``ta`` with each "if you ..." / "if your ..." condition that restates the group of
    ``tb`` read as ``<if_not>`` (addressed to the reader, it restricts nothing).

    ``content(word)`` gives a word's stem, or None for a word that is no content word.
    """
    if "if" not in ta:
        return ta, cla
    out = list(ta)
    for i in range(len(ta) - 1):
        if ta[i] == "if" and ta[i + 1] in _READER and _restates_group(ta, cla, i, tb, content):
            out[i] = "<if_not>"
    return out, cla


def entitled_orders(ta: list[str], tb: list[str]) -> list[str]:
    """``ta`` with "can (also) V" read as ``<entitled>`` when ``tb`` is an order opening on V.

    "Any customer can also add a PIN" and "Add a PIN to your account" state one offer:
    the order tells the reader to take what the statement says they may have.
    """
    if "can" not in ta or not tb:
        return ta
    verb = tb[1] if tb[0] == "please" and len(tb) > 1 else tb[0]
    out = list(ta)
    for i, w in enumerate(ta):
        if w != "can":
            continue
        j = i + 1
        while j < len(ta) and ta[j] in _ADVERBS:
            j += 1
        if j < len(ta) and ta[j] == verb:
            out[i] = "<entitled>"
    return out
