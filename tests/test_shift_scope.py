"""Meaning shifts in what limits a claim: conditions, totality words, reporter framing,
and negations that belong to the other half of a merged sentence.

Sentences are invented for these tests (none is taken from the held-out set or from a
user check); each group fails without the rule it names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scocompare.core.shift import detect_shift, explain_shift, words

DATA = Path(__file__).resolve().parent / "data"
HELDOUT5 = [json.loads(line) for line in (DATA / "shifts_heldout5.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.mark.parametrize("conditional, plain", [
    ("The refinery will keep running as long as crude supplies hold up.", "The refinery will keep running."),
    ("The charity will fund the clinic provided that the province pays the staff.",
     "The charity will fund the clinic."),
    ("The striker agreed to stay on condition that the club kept its coach.", "The striker agreed to stay."),
    ("The port will shut on Sunday unless the dockers accept the offer.", "The port will shut on Sunday."),
    ("The council said it would sell the land only if residents backed the plan.",
     "The council said it would sell the land."),
    ("The merger of the two lenders was approved, subject to a vote by shareholders.",
     "The merger of the two lenders was approved."),
    ("Providing the river stays low, the ferry will sail on Saturday.", "The ferry will sail on Saturday."),
    ("The envoy said the border would reopen next week if the shelling stopped.",
     "The border will reopen next week, the envoy said."),
])
def test_a_dropped_or_added_condition_is_a_qualifier_shift(conditional, plain):
    assert detect_shift(conditional, plain) == "qualifier"
    assert detect_shift(plain, conditional) == "qualifier"
    found = explain_shift(conditional, plain)
    assert found.removed and not found.added  # the condition's marker is the evidence


@pytest.mark.parametrize("a, b", [
    # Indirect questions and concessives restrict nothing.
    ("Asked if the mine would close, the owner said it would keep digging.", "The owner said the mine would keep digging."),
    ("The board will decide on Monday whether to sell the airline.", "The board will decide if to sell the airline on Monday."),
    ("The parade will go ahead even if it snows.", "The parade will go ahead."),
    # A source's anonymity and a duration are no conditions.
    ("The vote will be delayed, an aide said on condition of anonymity.", "The vote will be delayed, an aide said."),
    ("The army will stay for as long as it takes.", "The army will stay for as long as needed."),
    # "provided" as a verb.
    ("The ministry provided the villages with generators.", "The ministry gave the villages generators."),
    # A condition both sides carry, in other words.
    ("The teachers will end the strike if the state raises their pay.",
     "The teachers will end the strike provided the state lifts their pay."),
    ("The company will keep the plant open as long as orders hold up.",
     "The company will keep the plant open on condition that orders hold up."),
    ("Without new funding, the hospital could close its maternity ward.",
     "The hospital could close its maternity ward if new funding does not arrive."),
    # The condition sits in the other half of a merged sentence.
    ("The bridge will reopen in May.",
     "The bridge will reopen in May, and tolls will rise if the council agrees."),
    # Addressed to the reader.
    ("Tickets go on sale on Friday.", "Tickets go on sale on Friday if you want to see the final."),
])
def test_what_is_no_condition_or_a_condition_kept(a, b):
    assert detect_shift(a, b) is None
    assert detect_shift(b, a) is None


def test_condition_markers_read_as_one_word():
    assert "as-long-as" in words("It will hold as long as both sides comply.")
    assert "provided-that" in words("It will hold, provided that both sides comply.")
    assert "whether" in words("She asked if it would hold.")
    assert "if" not in words("It will hold even if it rains.")
    assert "provided" in words("The state provided the funds.")  # the verb stays a word


def test_a_negation_in_a_clause_the_other_side_lacks_is_new_content():
    base = "Both armies will pull their artillery 30 kilometres back within a week."
    merged = ("Under the accord, neither army may fly drones over the valley, and artillery must be "
              "pulled 30km back within a week.")
    assert detect_shift(base, merged) is None
    assert detect_shift("The mill will restart on Tuesday.",
                        "Nobody was injured in the fire, and the mill will restart on Tuesday.") is None
    # In the clause that restates the base, the negation still counts.
    assert detect_shift("The mill will restart on Tuesday.",
                        "Nobody was injured in the fire, and the mill will not restart on Tuesday.") == "negation"


def test_reporter_framing_is_no_negation():
    assert detect_shift("The treaty is only the start of a long process, the minister said.",
                        "The minister was careful not to overstate the treaty.") is None
    assert detect_shift("The firm confirmed that the chief executive had resigned.",
                        "The firm, which declined to comment further, confirmed that the chief executive had resigned.") is None
    # The same verbs with content after them are negations, and "did not comment"
    # against "commented" is one too.
    assert detect_shift("The governor declined to sign the bill.", "The governor signed the bill.") == "negation"
    assert detect_shift("The coach did not comment on the referee.",
                        "The coach commented on the referee.") == "negation"


def test_a_totality_in_other_words_is_no_shift():
    assert detect_shift("The state will repay the loan in full.", "The state will repay every euro of the loan.") is None
    assert detect_shift("The board will release the audit in its entirety.",
                        "The board will release the whole audit.") is None
    # Before a definite plural, or after a verb of stopping or banning, "all" adds nothing.
    assert detect_shift("Inspectors checked all the cranes at the port.", "Inspectors checked the cranes at the port.") is None
    assert detect_shift("Inspectors checked every crane at the port.", "Inspectors checked all the cranes at the port.") is None
    assert detect_shift("The city will ban all diesel lorries from the centre.",
                        "The city will ban diesel lorries from the centre.") is None
    assert detect_shift("Both sides will halt all raids from Friday.", "Both sides will stop raids from Friday.") is None


def test_a_totality_narrowed_is_still_a_shift():
    assert detect_shift("The state will repay the loan in full.", "The state will repay the loan in part.") == "qualifier"
    assert detect_shift("All of the missing hikers have been found.",
                        "Most of the missing hikers have been found.") == "qualifier"
    assert detect_shift("Nearly all the flights were cancelled.", "All the flights were cancelled.") == "qualifier"
    # Elsewhere a dropped "all" still counts (the plain plural may mean some).
    assert detect_shift("The rebels will free all hostages.", "The rebels will free hostages.") == "qualifier"


def test_heldout5_is_measured():
    # A measurement, not a bound on tuning: written before the engine change (its commit),
    # measured before 4/16 found, 6/18 false; after 16/16 found, 0/18 false.
    shifted = [p for p in HELDOUT5 if p["shift"]]
    found = sum(bool(detect_shift(p["a"], p["b"])) for p in shifted)
    false = sum(bool(detect_shift(p["a"], p["b"])) for p in HELDOUT5 if not p["shift"])
    assert len(HELDOUT5) >= 30 and len(shifted) * 3 >= len(HELDOUT5)
    assert found >= len(shifted) - 3
    assert false <= 2


def test_a_negative_prefix_equals_a_negator():
    assert detect_shift("The old pier is not safe to walk on.", "The old pier is unsafe to walk on.") is None
    assert detect_shift("The old pier is unsafe to walk on.", "The old pier is safe to walk on.") == "negation"
    assert detect_shift("The old pier is not safe to walk on.", "The old pier is safe to walk on.") == "negation"


def test_a_whole_province_and_litotes_of_praise():
    assert detect_shift("All clinics in Tarsa County will stay open over the holiday.",
                        "Clinics across the county will stay open over the holiday.") is None
    assert detect_shift("Some clinics in Tarsa County will stay open over the holiday.",
                        "Clinics across the county will stay open over the holiday.") == "qualifier"
    assert detect_shift("The club won 14 of its 20 away games this season.",
                        "Fourteen away wins in 20 games is no mean feat for the club.") is None


@pytest.mark.parametrize("a, b", [
    # A failure named as a noun or as a verb is the same failure.
    ("The walkout follows the failure of six weeks of mediation with the port authority.",
     "The walkout follows six weeks of failed mediation with the port authority."),
    # "if no deal is reached" says "unless a deal is reached".
    ("A second closure is planned for 9 May unless a deal is reached with the owners.",
     "A second closure is planned for 9 May if no deal is reached with the owners."),
])
def test_the_same_negative_said_another_way_is_no_shift(a, b):
    assert detect_shift(a, b) is None
    assert detect_shift(b, a) is None


def test_a_failure_dropped_is_still_a_negation():
    assert detect_shift("The mediation ended in failure on Friday.", "The mediation ended on Friday.") == "negation"


def test_a_condition_turned_round_is_a_negation():
    a = "The ferries will sail on Friday unless the storm warning is renewed."
    assert detect_shift(a, "The ferries will sail on Friday if the storm warning is renewed.") == "negation"
    # The same condition in other words is none: "unless X" is "if no X".
    assert detect_shift("The plant reopens in June unless a buyer is found.",
                        "The plant reopens in June if no buyer is found.") is None
