"""Which values of a conflict disagree with the base, and which only restate it.

The fact layer lists every version's value in an event conflict, also the values
that are compatible with the base ("Thursday" when the base says 14 March 2024, a
Thursday). A reader wants the odd one out: this module tells, per stated value,
whether it is the base's own ("base"), agrees with every base value ("agrees"),
contradicts one ("differs") or cannot be checked because the base states nothing
("unchecked", treated as a disagreement when painting). The fact layer's own
``FactValue.agrees`` is used when set; older comparisons (saved sessions) lack
it and are checked here with the same typed compatibility. No Qt here; the panes, the
facts panel and the detail panel read it through ``ComparisonIndex``.
"""

from __future__ import annotations

from scocompare.core.facts import reference_year
from scocompare.core.facts_compat import compatible
from scocompare.core.facts_extract import Fact
from scocompare.core.model import Comparison, Conflict, FactValue

BASE, AGREES, DIFFERS, UNCHECKED = "base", "agrees", "differs", "unchecked"
# The conflict kind stands in for the fact kind: "number" covers money and
# percentages too, and quantities are compared the same way whatever their kind.
_FACT_KIND = {"date": "date", "number": "number", "ordinal": "ordinal", "place": "place", "name": "name"}


def value_key(v: FactValue) -> tuple[str, int, int, str]:
    """A hashable identity for a stated value (FactValue holds a dict)."""
    return (v.segment, v.start, v.end, v.text)


def doc_of(v: FactValue) -> str:
    return v.segment.split(".", 1)[0]


def _fact(conflict: Conflict, v: FactValue, ref_year: int | None) -> Fact:
    return Fact(_FACT_KIND.get(conflict.kind, "other"), v.text, dict(v.value), 0, 0, ref_year=ref_year)


def values_agree(conflict: Conflict, a: FactValue, b: FactValue,
                 ref_years: dict[str, int | None] | None = None) -> bool:
    """Whether two values of ``conflict`` can both be true (typed compatibility).

    ``ref_years`` maps document ids to the year they were written in, so that a bare
    weekday can be checked against a date given without a year. A value the fact
    layer cannot compare (odd dict) agrees only when its dict is equal.
    """
    if not a.value or not b.value:  # no typed value to compare: the words must match
        return " ".join(a.text.lower().split()) == " ".join(b.text.lower().split())
    if dict(a.value) == dict(b.value):
        return True
    if conflict.kind in ("number", "ordinal") and not ("value" in a.value and "value" in b.value):
        return False  # not a value the fact layer made: unequal dicts, unequal facts
    years = ref_years or {}
    fa = _fact(conflict, a, years.get(doc_of(a)))
    fb = _fact(conflict, b, years.get(doc_of(b)))
    try:
        return compatible(fa, fb)
    except (KeyError, TypeError, ValueError):
        return dict(a.value) == dict(b.value)


def conflict_statuses(comparison: Comparison, conflict: Conflict,
                      ref_years: dict[str, int | None] | None = None) -> list[str]:
    """One status per ``conflict.values`` entry: base / agrees / differs / unchecked."""
    if ref_years is None:
        ref_years = reference_years(comparison)
    base_values = [v for v in conflict.values if doc_of(v) == comparison.base]
    out = []
    for v in conflict.values:
        said = getattr(v, "agrees", None)  # the fact layer's own verdict, when it gave one
        if doc_of(v) == comparison.base:
            out.append(BASE)
        elif said is not None:
            out.append(AGREES if said else DIFFERS)
        elif not base_values:
            out.append(UNCHECKED)
        elif all(values_agree(conflict, b, v, ref_years) for b in base_values):
            out.append(AGREES)
        else:
            out.append(DIFFERS)
    return out


def reference_years(comparison: Comparison) -> dict[str, int | None]:
    """The year each document was written in, when it says (for weekday checks)."""
    return {d.id: reference_year(d) for d in comparison.documents}


class Agreement:
    """Statuses of every value of every conflict of one comparison, computed once."""

    def __init__(self, comparison: Comparison):
        years = reference_years(comparison)
        self.statuses: list[list[str]] = [conflict_statuses(comparison, c, years)
                                          for c in comparison.conflicts]
        self._keys = [[value_key(v) for v in c.values] for c in comparison.conflicts]
        self._by_key: dict[tuple, str] = {}
        for c, sts in zip(comparison.conflicts, self.statuses, strict=True):
            for v, st in zip(c.values, sts, strict=True):
                # A value in two conflicts is "differs" if it differs in either.
                if self._by_key.get(value_key(v)) != DIFFERS:
                    self._by_key[value_key(v)] = st
        self._real = [any(st in (DIFFERS, UNCHECKED) for st in sts) for sts in self.statuses]

    def status(self, v: FactValue) -> str:
        """The status of a stated value (``AGREES`` for a value not in any conflict)."""
        return self._by_key.get(value_key(v), AGREES)

    def disagrees(self, conflict_index: int, v: FactValue) -> bool:
        """True when ``v`` is part of what is wrong in conflict ``conflict_index``:
        a version's value that differs from the base (or cannot be checked), or the
        base's own value when some version differs from it."""
        st = self.statuses[conflict_index][self._keys[conflict_index].index(value_key(v))]
        if st == BASE:
            return self._real[conflict_index]
        return st in (DIFFERS, UNCHECKED)

    def disagreeing_docs(self, comparison: Comparison, conflict_index: int) -> list[str]:
        """Ids of the versions whose value differs from the base in that conflict."""
        c = comparison.conflicts[conflict_index]
        return [doc_of(v) for v, st in zip(c.values, self.statuses[conflict_index], strict=True)
                if st in (DIFFERS, UNCHECKED)]

