"""How a finding is restated: an association made a cause, a vague quantity made precise,
a suspect's legal status moved.

An association reported as a cause: "was linked to a lower risk" against "cuts the risk".

Observational studies find associations ("was associated with", "linked to", "tied to");
coverage that turns one into a cause ("cuts", "prevents", "causes", "improves") claims
what the study did not show, the commonest distortion of health and science news. The
reverse, a cause softened into an association, hedges a finding. Either way the claim's
strength moved: a ``qualifier`` shift for :mod:`scocompare.core.shift`.

Read on the raw sentences: one side states an association and the other does not, and
the other states a cause the first does not. A side that keeps an association ("went
with", "linked with") or gives no causal verb ("were more likely to", "had fewer")
restates the finding.

A vague quantity of the base said as a figure or a comparison by the version alone
("several times a week" / "four times a week", "replaced some meat" / "eat less meat") is
said more precisely, not unhedged; the other way round, precision is lost and the shift
detector keeps its "some" (``vague_made_precise``).

A suspect "arrested on suspicion of" wounding is not "charged with" it, nor is one charged
"convicted": coverage that moves a legal status up or down the ladder (arrest, charge,
conviction) states another fact, one with legal weight (``status_moved``).
"""

from __future__ import annotations

import re
from functools import lru_cache

_ASSOCIATION = re.compile(
    r"\b(?:associated|linked|tied|correlated|connected)\s+(?:with|to)\b"
    r"|\b(?:association|correlation|link)\s+(?:with|between)\b"
    r"|\b(?:goes|go|went)\s+with\b", re.IGNORECASE)
# Every match of _ASSOCIATION holds one of these, or "with" after "go", "goes" or "went".
_ASSOCIATION_WORDS = ("associat", "link", "tied", "correlat", "connect")
_CAUSES = frozenset((
    "cut cuts cutting reduce reduces reduced reducing lower lowers lowered lowering prevent prevents "
    "prevented preventing cause causes caused causing boost boosts boosted boosting improve improves "
    "improved improving raise raises raised raising increase increases increased increasing protect "
    "protects protected protecting halve halves halved halving slash slashes slashed ruin ruins "
    "ruined ruining damage damages damaged damaging harm harms harmed harming trigger triggers "
    "triggered triggering").split())
_WORD = re.compile(r"[a-z]+")


def _causes(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w in _CAUSES}


def association_moved(a: str, b: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(removed, added) evidence when one of two linked sentences states an association
    and the other a cause instead ("associated with" / "cuts"), else None."""
    found_a, found_b = _association(a), _association(b)
    if bool(found_a) == bool(found_b):
        return None
    if found_a:
        new = sorted(_causes(b) - _causes(a))
        return ((found_a,), (new[0],)) if new else None
    gone = sorted(_causes(a) - _causes(b))
    return ((gone[0],), (found_b,)) if gone else None


@lru_cache(maxsize=16384)
def _association(text: str) -> str | None:
    # Memoised: a base sentence meets every version, and the search is the costly part.
    if text.isascii():
        # The pattern's words, looked up first (plain ASCII: IGNORECASE is lower()).
        low = text.lower()
        if not any(w in low for w in _ASSOCIATION_WORDS) and not (
                "with" in low and ("go" in low or "went" in low)):
            return None
    found = _ASSOCIATION.search(text)
    return found.group(0).casefold() if found else None


_QUANTITY_WORDS = frozenset(("more less fewer extra additional two three four five six seven eight nine ten "
                             "eleven twelve twenty thirty forty fifty hundred thousand million dozen twice").split())


def _quantity(word: str) -> bool:
    return word[:1].isdigit() or word in _QUANTITY_WORDS


def vague_made_precise(quals_a, quals_b, words_a, words_b) -> bool:
    """True when side a's only vague quantity ("some" class in ``quals_a``, a Counter of
    qualifier classes) is answered by a figure or comparison among the words only side b
    has, and side b has no quantifier of its own."""
    return bool(quals_a["some"] and not (quals_b["some"] or quals_b["all"])
                and any(map(_quantity, set(words_b) - set(words_a))))


# arrest -> charge -> conviction; words that name nothing else in news about a case
_STATUS = {**dict.fromkeys(("arrested", "arrest", "detained", "suspicion"), 0),
           **dict.fromkeys(("charged", "indicted"), 1),
           **dict.fromkeys(("convicted", "guilty", "sentenced", "jailed"), 2)}


def _status(text: str) -> tuple[int, str] | None:
    words = _WORD.findall(text.casefold())
    found = [(_STATUS[w], w) for k, w in enumerate(words)
             if w in _STATUS and not (w == "guilty" and k and words[k - 1] == "not")]
    return max(found) if found else None


def status_moved(a: str, b: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(removed, added) when both sentences give a suspect's legal status and the highest
    step each names differs ("arrested on suspicion of" / "charged with"), else None."""
    sa, sb = _status(a), _status(b)
    if sa is None or sb is None or sa[0] == sb[0]:
        return None
    return (sa[1],), (sb[1],)
