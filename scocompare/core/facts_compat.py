"""Whether two stated facts can both be true: compatibility, not string equality.

"July 4" and "4 July 2023" agree (the first is less precise); "1,237" and
"about 1,200" agree (rounding); "Tuesday" and "14 May 2024" agree because that
day was a Tuesday; "Organisation" and "Organization" are one name.
"""

from __future__ import annotations

import datetime as _dt

from scocompare.core import facts_names as nm
from scocompare.core.facts_extract import Fact
from scocompare.core.facts_numbers import interval

_QUANTITIES = ("number", "percentage", "money")


def _weekday_of(year: int | None, month: int | None, day: int | None) -> int | None:
    if year is None or month is None or day is None:
        return None
    try:
        return _dt.date(year, month, day).weekday()
    except ValueError:
        return None


def dates_agree(a: Fact, b: Fact) -> bool:
    """Whether two dates can be the same day.

    Fields present on both sides must be equal; a weekday is checked against
    the day the other side pins down, using the year either side states or,
    failing that, the year the text was written in (``Fact.ref_year``).
    """
    va, vb = a.value, b.value
    if "relative" in va or "relative" in vb:
        return True  # "last week" cannot be checked without knowing when it was said
    for key in ("year", "month", "day", "weekday"):
        if key in va and key in vb and va[key] != vb[key]:
            return False
    merged = {**va, **vb}
    if "weekday" in merged:
        year = merged.get("year") or a.ref_year or b.ref_year
        actual = _weekday_of(year, merged.get("month"), merged.get("day"))
        if actual is not None and actual != merged["weekday"]:
            return False
    return True


def quantities_agree(a: Fact, b: Fact) -> bool:
    """Whether two numbers, percentages or amounts can state the same quantity.

    Each stated number allows the range its writer's rounding and hedging
    leave open (see :func:`facts_numbers.interval`); they agree when the
    ranges overlap.  A different unit or currency is a different quantity.
    """
    va, vb = a.value, b.value
    if (va.get("unit") or None) != (vb.get("unit") or None):
        return False
    lo_a, hi_a = interval(va["value"], va.get("precision", 1.0), va.get("approx", False), va.get("bound"))
    lo_b, hi_b = interval(vb["value"], vb.get("precision", 1.0), vb.get("approx", False), vb.get("bound"))
    eps = 1e-9 * max(1.0, abs(va["value"]), abs(vb["value"]))
    # Ranges that only touch do not overlap: "four" [3.5, 4.5] and "five" [4.5, 5.5]
    # cannot both be true (before, every two neighbouring whole numbers "agreed").
    return lo_a < hi_b - eps and lo_b < hi_a - eps


def compatible(a: Fact, b: Fact) -> bool:
    """Whether facts ``a`` and ``b`` can both be true of the same thing.

    Facts of different kinds never state the same value and are not
    compatible; callers pair facts by kind and role before asking.
    """
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        return dates_agree(a, b)
    if a.kind in _QUANTITIES:
        return quantities_agree(a, b)
    if a.kind == "ordinal":
        return a.value.get("value") == b.value.get("value")
    if a.kind == "place":
        return nm.places_agree(a.value, b.value)
    if a.kind == "name":
        return nm.names_agree(a.value.get("name", a.text), b.value.get("name", b.text))
    return a.value == b.value
