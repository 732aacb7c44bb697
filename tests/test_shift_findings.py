"""Meaning shifts seen on blind-7study after its one measurement (invented sentences):
an association reported as a cause, a vague quantity made precise, and a speaker named
before a long apposition."""

import json
from pathlib import Path

from scocompare.core.shift import detect_shift, explain_shift
from scocompare.core.shift_findings import association_moved
from scocompare.core.shift_speakers import speakers

HELDOUT = Path(__file__).parent / "data" / "shifts_heldout10.jsonl"


def test_an_association_reported_as_a_cause_is_a_qualifier_shift():
    a = "Cycling to work was associated with a 20 per cent lower risk of heart disease."
    b = "Cycling to work cuts the risk of heart disease by a fifth, a study says."
    assert detect_shift(a, b) == "qualifier"
    assert explain_shift(a, b).removed == ("associated with",)
    # and a cause softened into an association hedges the finding
    assert detect_shift("The drug reduced relapses by half.", "The drug was linked to half as many relapses.") == "qualifier"


def test_an_association_restated_is_no_shift():
    assert association_moved("Cycling was associated with fewer colds.", "Cycling was linked to fewer colds.") is None
    assert association_moved("The scheme cut waiting times.", "Waiting times were reduced by the scheme.") is None
    assert detect_shift("Cycling to work was associated with a lower risk of heart disease.",
                        "People who cycled to work were less likely to get heart disease.") is None


def test_heldout10_every_shift_found_and_no_trap_flagged():
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 16
    for r in rows:
        assert (detect_shift(r["a"], r["b"]) is not None) == bool(r["shift"]), r["pattern"]


def test_a_vague_quantity_made_precise_is_no_shift_but_precision_lost_is():
    assert detect_shift("Volunteers cleaned the beach several times a month.",
                        "Volunteers cleaned the beach three times a month.") is None
    assert detect_shift("Shoppers bought some plastic bags at the tills.",
                        "Shoppers bought fewer plastic bags at the tills.") is None
    assert detect_shift("Three bridges were closed.", "Several bridges were closed.") == "qualifier"
    assert detect_shift("Rescuers reached some of the 40 villages.", "Rescuers reached the 40 villages.") == "qualifier"


def test_said_followed_by_a_clause_names_no_speaker():
    long_intro = ("Dr Sara Lind, a geologist at the Northern Survey who was not part of the team, "
                  "said the survey was careful and thorough.")
    assert speakers(long_intro) == []
    assert speakers('"We will rebuild," said President Marenko.') == [frozenset({"president", "marenko"})]
    # a quote given to "he" reads its speaker from the sentence before: the same geologist
    a = "She said the risk was small, but that the slope should be watched for another winter."
    b = "The slope should still be watched for another winter, she said."
    other = "Sara Lind, a geologist at the Northern Survey, called the survey careful and said the risk was small."
    assert explain_shift(a, b, long_intro, other) is None


def test_a_possibility_stated_as_fact_is_found_with_short_verbs_and_softeners():
    # "may keep" / "keeps": the modal governs "keep", which the other side states
    assert detect_shift("The new dyke may keep the village dry.", "The new dyke keeps the village dry.") == "modality"
    # "may help (to) protect" softens "may protect"
    assert detect_shift("The vaccine may help to protect older people.",
                        "The vaccine protects older people, the agency said.") == "modality"
    # the hedge restated is no shift
    assert detect_shift("The vaccine may help to protect older people.",
                        "The vaccine could help to protect older people.") is None


def test_a_legal_status_moved_up_or_down_the_ladder_is_a_qualifier_shift():
    assert detect_shift("A 29-year-old woman was arrested on suspicion of arson.",
                        "A 29-year-old woman has been charged with arson.") == "qualifier"
    assert detect_shift("The former treasurer was charged with fraud.",
                        "The former treasurer was convicted of fraud.") == "qualifier"
    # the same step in other words, or both steps on both sides: no shift
    assert detect_shift("A woman was arrested and charged with arson.", "A woman has been charged with arson.") is None
    assert detect_shift("The driver was charged with speeding and pleaded not guilty.",
                        "The driver, charged with speeding, denies it.") is None
    assert detect_shift("The treasurer was convicted of fraud.", "The treasurer was jailed for fraud.") is None
