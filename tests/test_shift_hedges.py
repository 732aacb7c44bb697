"""Meaning shifts in the hedges of a forecast ("is expected to") and of a figure ("up to").

Sentences are invented for these tests (none is taken from shifts_heldout6.jsonl);
each group fails without the rule it names.
"""

from __future__ import annotations

import pytest

from scocompare.core.shift import detect_shift, explain_shift, words


@pytest.mark.parametrize("a, b", [
    ("The carmaker will close its plant in the north by 2028.",
     "The carmaker is expected to close its plant in the north by 2028."),
    ("The court said it would rule on the appeal in June.",
     "The court is expected to rule on the appeal in June."),
    ("The energy regulator expects to approve the new tariffs in May.",
     "The energy regulator will approve the new tariffs in May."),
])
def test_forecast_against_commitment_is_modality(a, b):
    assert detect_shift(a, b) == "modality"
    assert detect_shift(b, a) == "modality"


@pytest.mark.parametrize("a, b", [
    ("The carmaker is expected to close its plant in the north by 2028.",
     "The carmaker is likely to close its plant in the north by 2028."),
    ("The carmaker is expected to close its plant in the north by 2028.",
     "The carmaker is due to close its plant in the north by 2028."),
    ("The carmaker is expected to close its plant in the north by 2028.",
     "The carmaker was expected to close its plant in the north by 2028, analysts said."),
    # A "will" reported by a verb of forecasting is a forecast itself.
    ("The agency estimates that the new tunnel will carry 40,000 cars a day.",
     "The new tunnel is expected to carry 40,000 cars a day."),
    ("Analysts predict the central bank would cut rates in the spring.",
     "The central bank is expected to cut rates in the spring."),
])
def test_forecast_against_another_forecast_or_schedule_is_no_shift(a, b):
    assert detect_shift(a, b) is None
    assert detect_shift(b, a) is None


@pytest.mark.parametrize("a, b", [
    ("The new reservoir will supply up to 90,000 households.", "The new reservoir will supply 90,000 households."),
    ("As many as 40 flights were cancelled at the regional airport.",
     "Forty flights were cancelled at the regional airport."),
    ("The fine could reach up to 2 million euros, the regulator said.",
     "The fine could reach 2 million euros, the regulator said."),
])
def test_ceiling_dropped_or_added_is_qualifier(a, b):
    assert detect_shift(a, b) == "qualifier"
    assert detect_shift(b, a) == "qualifier"
    assert "up to" in explain_shift(a, b).removed + explain_shift(a, b).added


@pytest.mark.parametrize("a, b", [
    ("The new reservoir will supply up to 90,000 households.",
     "The new reservoir will supply as many as 90,000 households."),
    ("The new reservoir will supply up to 90,000 households.",
     "The new reservoir will supply about 90,000 households."),
    ("The new reservoir will supply up to 90,000 households.",
     "The new reservoir will supply nearly 90,000 households."),
    # A direction, a comparison, an idiom: no ceiling.
    ("The price of a loaf went up to 3 euros.", "The price of a loaf rose to 3 euros."),
    ("The decision is up to the city council.", "The decision rests with the city council."),
])
def test_ceiling_against_another_hedge_or_no_ceiling_is_no_shift(a, b):
    assert detect_shift(a, b) is None
    assert detect_shift(b, a) is None


def test_comparison_and_idiom_are_no_ceiling():
    assert "up_to" not in words("Twice as many as 300 volunteers signed up this year.")
    assert "up_to" not in words("The files were brought up to date in 2024.")
    assert "up_to" in words("As many as a dozen homes were flooded.")
