"""Meaning shifts around double flips: a condition turned round together with its
outcome, litotes and double negatives, and the hedges of a forecast or a ceiling.

Sentences are invented for these tests (none is taken from shifts_heldout6.jsonl);
each group fails without the rule it names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scocompare.core.shift import detect_shift

DATA = Path(__file__).resolve().parent / "data"
HELDOUT6 = [json.loads(line) for line in (DATA / "shifts_heldout6.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


# "unless X agrees" = "if X refuses": the marker and the outcome both turned round.
@pytest.mark.parametrize("a, b", [
    ("The museum will stay shut unless the trustees agree to new opening hours.",
     "The museum will stay shut if the trustees refuse new opening hours."),
    ("The pipeline will be rerouted unless the tribunal approves the original route.",
     "The pipeline will be rerouted if the tribunal rejects the original route."),
    ("Bus fares will rise in March unless the subsidy bill passes.",
     "Bus fares will rise in March if the subsidy bill fails."),
    ("The mayor will call a referendum if the assembly blocks the plan.",
     "The mayor will call a referendum unless the assembly backs the plan."),
    ("The miners will return to work provided that the company accepts the deal.",
     "The miners will return to work unless the company rejects the deal."),
])
def test_turned_condition_with_opposite_outcome_is_no_shift(a, b):
    assert detect_shift(a, b) is None
    assert detect_shift(b, a) is None


# Either flip alone still moves the meaning.
@pytest.mark.parametrize("a, b, kind", [
    ("The museum will stay shut unless the trustees agree to new opening hours.",
     "The museum will stay shut if the trustees agree to new opening hours.", "negation"),
    ("Bus fares will rise in March if the subsidy bill fails.",
     "Bus fares will rise in March if the subsidy bill passes.", "negation"),
    ("The pipeline will be rerouted unless the tribunal approves the original route.",
     "The pipeline will be rerouted unless the tribunal rejects the original route.", "polarity"),
    ("The mayor will call a referendum if the assembly blocks the plan.",
     "The mayor will call a referendum unless the assembly blocks the plan.", "negation"),
    # Turned round with the outcome kept but another word changed: not the same condition.
    ("The museum will stay shut unless the trustees agree to new opening hours.",
     "The museum will stay shut if the governors refuse new opening hours.", "negation"),
])
def test_single_flip_in_condition_stays_a_shift(a, b, kind):
    assert detect_shift(a, b) == kind
    assert detect_shift(b, a) == kind


# Two negative words that cancel state the positive.
@pytest.mark.parametrize("a, b", [
    ("The handover of the fishing rights was not without friction.",
     "The handover of the fishing rights caused friction."),
    ("The festival has not been without its problems this summer.",
     "The festival has had its problems this summer."),
    ("The design of the new library is not unlike a ship.", "The design of the new library is like a ship."),
    ("The old mill clock has never failed to chime at noon.", "The old mill clock has always chimed at noon."),
    ("The coach declined to rule out a return for the veteran goalkeeper.",
     "The coach did not exclude a return for the veteran goalkeeper."),
    ("The prosecutor refused to exclude further charges.", "The prosecutor did not rule out further charges."),
    ("Engineers said a second landslide was not impossible.",
     "Engineers said a second landslide was possible."),
    ("Delays of this length are not unusual on the northern line.",
     "Delays of this length are usual on the northern line."),
])
def test_cancelling_negations_are_no_shift(a, b):
    assert detect_shift(a, b) is None
    assert detect_shift(b, a) is None


# Against a plain negation or the bare negative word they still differ.
@pytest.mark.parametrize("a, b", [
    ("The handover of the fishing rights was not without friction.",
     "The handover of the fishing rights was without friction."),
    ("The coach declined to rule out a return for the veteran goalkeeper.",
     "The coach ruled out a return for the veteran goalkeeper."),
    ("Engineers said a second landslide was not impossible.",
     "Engineers said a second landslide was not possible."),
    ("Engineers said a second landslide was not impossible.",
     "Engineers said a second landslide was impossible."),
    ("The old mill clock has never failed to chime at noon.", "The old mill clock has failed to chime at noon."),
])
def test_one_sided_negation_next_to_litotes_stays_a_shift(a, b):
    assert detect_shift(a, b) == "negation"
    assert detect_shift(b, a) == "negation"


def test_heldout6_has_no_false_shift_and_finds_the_shifts():
    false = [(i["a"], i["b"]) for i in HELDOUT6 if not i["shift"] and detect_shift(i["a"], i["b"])]
    found = sum(1 for i in HELDOUT6 if i["shift"] and detect_shift(i["a"], i["b"]))
    assert false == []
    assert found == 16
