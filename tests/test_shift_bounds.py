"""Time limits and narrowings of commitments, approvals still to come and forecasts stated
as fact (scocompare.core.shift_bounds), on invented sentences."""

from __future__ import annotations

import pytest

from scocompare.core.shift import detect_shift, explain_shift
from scocompare.core.shift_words import words


@pytest.mark.parametrize("a,b", [
    ("The landlord will not increase rents for the next two years.", "The landlord has promised not to increase rents."),
    ("The airline guarantees free rebooking on all flights until the end of March.",
     "The airline guarantees free rebooking on all flights."),
    ("The council pledged to keep the swimming pool open until the summer holidays.",
     "The council pledged to keep the swimming pool open."),
    ("Parking will be free for six months from April.", "Parking will be free, the town hall announced."),
])
def test_a_commitment_whose_time_limit_is_dropped_is_a_qualifier_shift(a, b):
    assert detect_shift(a, b) == "qualifier"
    assert detect_shift(b, a) == "qualifier"  # a limit added narrows it just as much


@pytest.mark.parametrize("a,b", [
    ("The landlord will not increase rents for the next two years.",
     "The landlord said it would not put rents up during the coming 24 months."),
    ("The airline guarantees free rebooking on all flights until the end of March.",
     "Free rebooking on every flight is guaranteed by the airline through March."),
    ("The council pledged to keep the swimming pool open until the summer holidays.",
     "The council pledged that the pool would stay open until the schools break up for summer."),
    ("Parking will be free for six months from April.", "Parking will be free for half a year starting in April."),
])
def test_a_time_limit_in_other_words_is_no_shift(a, b):
    assert detect_shift(a, b) is None


def test_a_count_of_units_restates_a_period():
    assert detect_shift("Members will get free entry for 12 months through the partner scheme.",
                        "Members will get a year of free entry.") is None


def test_a_period_in_a_merged_clause_bounds_nothing_the_other_side_states():
    assert detect_shift("The ferry resumed sailing at dawn.",
                        "The ferry resumed sailing at dawn, while the second ship will stay in dock for two weeks.") is None


def test_a_season_ticket_is_no_restated_season():
    # The unit word alone ("season") restates no period ("for three seasons").
    assert detect_shift("The club will freeze season ticket prices for three seasons.",
                        "The club has frozen season ticket prices.") == "qualifier"


def test_a_narrowing_of_a_negated_commitment_dropped_is_a_qualifier_shift():
    assert "compulsory+" in words("There will be no compulsory job cuts at the depot.")
    assert detect_shift("The carmaker said there would be no compulsory job cuts at the depot.",
                        "The carmaker said there would be no job cuts at the depot.") == "qualifier"
    assert detect_shift("The carmaker said there would be no compulsory job cuts at the depot.",
                        "The carmaker said no one at the depot would be laid off against their will.") != "qualifier"
    assert "forced+" not in words("The fire forced 300 people to leave.")  # the verb narrows nothing


def test_an_approval_pending_is_a_condition():
    assert detect_shift("The bonus will be paid in June, pending a vote of the board.",
                        "The bonus will be paid in June.") == "qualifier"
    assert detect_shift("The bonus will be paid in June, pending a vote of the board.",
                        "The bonus will be paid in June if the board votes for it.") is None
    assert "subject-to" not in words("The appeal is still pending before the court.")


def test_once_restates_a_condition_but_once_a_week_does_not():
    assert detect_shift("The bypass will open in May, subject to a final inspection.",
                        "The bypass will open in May once it has passed a final inspection.") is None
    assert "once-that" not in words("The bins are emptied once a week.")
    assert "once-that" not in words("The dressing is changed, once every two days.")
    assert "once-that" not in words("The mill was once the largest employer in the valley.")


def test_a_forecast_stated_in_the_present_tense_is_a_modality_shift():
    found = explain_shift("The mine is expected to resume output next month.", "The mine resumes output next month.")
    assert found is not None and found.kind == "modality" and found.removed == ("expected to",)
    # A schedule restates the forecast; a past tense reports a later fact.
    assert detect_shift("The mine is expected to resume output next month.",
                        "The mine is set to resume output next month.") is None
    assert detect_shift("The mine is expected to resume output next month.",
                        "The mine resumed output next month.") is None


def test_likely_to_is_a_forecast():
    assert detect_shift("Food prices are likely to rise again in the autumn.",
                        "Food prices should rise again in the autumn.") is None
    assert detect_shift("Food prices are likely to rise again in the autumn.",
                        "Food prices will rise again in the autumn.") == "modality"


def test_a_condition_dropped_under_a_weaker_hedge_overstates_nothing():
    a = "If the rain holds off, we expect to finish the harvest and store the grain by Friday."
    assert detect_shift(a, "They hoped to store the grain by Friday.") is None
    assert detect_shift(a, "They will store the grain by Friday.") is not None


def test_a_negator_that_only_moved_in_the_rewrite_is_no_negation():
    found = detect_shift("There will be no forced closures of village schools during the first three years.",
                         "The minister says no village schools will be closed.")
    assert found == "qualifier"


def test_a_denial_that_drops_its_narrowing_and_its_period_at_once():
    found = explain_shift("There will be no forced closures of village schools in the first three years.",
                          "The minister vowed that there will be no school closures.")
    assert found is not None and found.kind == "qualifier"
