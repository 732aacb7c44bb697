"""Rewordings that keep the meaning, and the real shifts beside them (invented sentences).

Each pair below failed before the change it tests (round 4, blind-4 false shifts):
reported-speech backshift, advice restated in the passive, hedges on both sides of a
figure, conditions restated in other words, quantifiers in clauses the other side
does not have, a dropped "may" clause, a hedged decision dropped in a rewrite.
"""

from __future__ import annotations

import pytest

from scocompare.core.shift import detect_shift
from scocompare.core.shift_reword import drop_moved, provisional_decision
from scocompare.core.shift_words import words

NO_SHIFT = [
    # Backshift: the quote's "can" is the reported "could" though the diff splits them.
    ('"For the first time, anglers can fish the upper lake all year," said Mara Velt, the park\'s chief warden.',
     "Mara Velt, chief warden of the Ossen National Park and its lakes, said the rule was the first that "
     "could let anglers fish \"the upper lake\" all year."),
    # Advice restated: "should" and "are advised to" / "not to stop" go together.
    ("Tenants with concerns should call the housing office and should not stop paying their rent.",
     "Any tenant with concerns is advised to ring the housing office and not to stop paying the rent."),
    ("Hikers should carry water on the ridge path.", "Hikers are urged to carry water on the ridge path."),
    # Advice in the passive against an order: both tell the reader what to do.
    ("Drivers are advised to check the road reports or radio for closures.",
     "Check closures in the road reports or on the radio before you drive."),
    # A superlative is no quantifier; "most" in a clause the other side lacks is new content.
    ("The most important side effect is a skin rash, which occurred in 19 per cent of treated patients.",
     "Side effects such as a skin rash were seen in just 9 per cent of patients, and most of them had no symptoms at all."),
    # Hedges on both sides of a figure, and a privation in two wordings.
    ("About 800 farms in the north were left without water after the pipe burst.",
     "Nearly 900 farms in the north lost water when the pipe burst."),
    # A "may" clause dropped with its verb: new content, not a shifted modal.
    ("The interim licence is valid for three months and may be renewed.",
     "The licence is interim and lasts three months at a time."),
    # A condition kept in other words, its negation on both sides.
    ("The second instalment will be paid in May, provided that the deficit over the year does not exceed 3 per cent.",
     "A second instalment is paid in May if the deficit does not go above 3%."),
    # The condition restricts an added claim ("and a further ... if ..."), not the shared one.
    ("Under the deal, the wages of around 1,900 porters and cleaners will rise by 4.1 per cent from 1 June.",
     "The deal gives nearly 2,000 porters and cleaners a 4.1 percent rise in wages from June 1 and a further "
     "2 percent a year later if sales grow."),
    # The same hedged decision on both sides.
    ("The provisional permit covers one season.", "The permit is provisional and covers one season."),
]

SHIFTS = [
    ("Staff are advised to wear gloves in the lab.", "Staff are required to wear gloves in the lab.", "modality"),
    ("The interim licence is valid for three months and may be renewed.",
     "The interim licence is valid for three months and will be renewed.", "modality"),
    ('"We may sell the stadium next year," the club chairman said.',
     "The club chairman said the club would sell the stadium the following year.", "modality"),
    ('"We cannot promise the reopening date," the contractor said.',
     "The contractor said he could promise the reopening date.", "negation"),
    ("The second instalment will be paid in May, provided that the deficit does not exceed 3 per cent.",
     "The second instalment is paid in May if the deficit goes above 3%.", "negation"),
    ("The parade will go ahead if it does not snow.", "The parade will go ahead if it snows.", "negation"),
    ("A pay rise of 2 per cent will follow in 2028, provided that the company meets its targets.",
     "A pay rise, of 2 per cent, is guaranteed for 2028.", "qualifier"),
    ("The council has given provisional approval to the new bus depot on Quay Road.",
     "The council has approved the new bus depot on Quay Road.", "qualifier"),
    ("The energy regulator granted conditional clearance to the merger of the two suppliers.",
     "The merger of the two suppliers was cleared by the energy regulator, which also fined one of them.",
     "qualifier"),
]


@pytest.mark.parametrize(("a", "b"), NO_SHIFT)
def test_rewording_is_no_shift(a, b):
    assert detect_shift(a, b) is None
    assert detect_shift(b, a) is None


@pytest.mark.parametrize(("a", "b", "kind"), SHIFTS)
def test_real_shift_is_found(a, b, kind):
    assert detect_shift(a, b) == kind
    assert detect_shift(b, a) == kind


def test_advice_passive_reads_as_should():
    assert words("Visitors are asked to stay on the path.") == words("Visitors should stay on the path.")
    # Active advice names who advised whom: its verb is kept as content.
    assert "urged" in words("The mayor urged residents to stay indoors.")


def test_superlative_most_is_no_quantifier():
    assert "most" not in words("The most serious risk is a fall.")
    assert "most" in words("Most patients recovered.")


def test_provisional_decision_needs_a_decision_on_the_other_side():
    hedged = words("The board gave provisional approval to the plan.")
    assert provisional_decision(hedged, words("The board approved the plan.")) == ("provisional", 0)
    # The other side states no decision at all: nothing was dropped from one.
    assert provisional_decision(hedged, words("The board discussed the plan.")) is None


def test_moved_phrase_dropped_from_both_sides():
    def content(w):
        return None if w in ("the", "a", "we", "said") else w

    ta = words('"We may sell the stadium," the club chairman said.')
    tb = words("The club chairman said the club would sell the stadium.")
    (xa, _), (xb, _) = drop_moved(ta, [0] * len(ta), tb, [0] * len(tb), content)
    # One of the two shared runs (the claim or the attribution) moved: it goes from both.
    assert len(xa) <= len(ta) - 3 and len(xb) <= len(tb) - 3
    assert "may" in xa and "would" in xb
