"""Second-person coverage, antonym negations, absences of evidence and quotes whose
speaker is named in the sentence before (invented sentences).

Each pair below failed before the change it tests (round 4, blind-5 false and missed
shifts): an advice column's "if you are a customer", a relative clause restated as
"if your", an entitlement restated as an order, "exempt" against "pay nothing", "no
evidence that X" against "X did not", and a pronoun-attributed quote given to another
speaker.
"""

from __future__ import annotations

import pytest

from scocompare.core.ingest import load_text
from scocompare.core.shift import detect_shift
from scocompare.core.shift_antonyms import antonym_negations, evidence_hedge
from scocompare.core.shift_context import context_speaker, needs_context, speaker_contexts
from scocompare.core.shift_words import _tokens

NO_SHIFT = [
    # A membership of the clientele the other side names ("its subscribers").
    ("Pelham Telecom has identified a security incident in which an outsider gained access to one of its customer databases.",
     "If you have a Pelham Telecom contract, or had one in the past, there is a fair chance that your details are now with fraudsters."),
    # A relative clause restated as "if your", its noun reworded.
    ("Drivers whose registration plate was cloned will be sent a new plate at no cost.",
     "If your number plate was cloned, you will be sent a new plate at no cost."),
    ("Members who paid the full fee in January will get two months back.",
     "If you paid the full fee in January, you will get two months back."),
    # An entitlement restated as advice.
    ("Any member can also add a free guest pass to their account, which must then be shown before entry is allowed.",
     "Add a guest pass to your account too: it lets a friend in with you, it is free and it takes two minutes in the app."),
    # A state against its antonym negated.
    ("Veterans on the smallest pensions will continue to be exempt from the charge.",
     "Veterans on the smallest pensions still pay nothing."),
    ("The ferry terminal will stay open over the weekend.", "The ferry terminal will not close over the weekend."),
    ("Fireworks are prohibited in the old town.", "Fireworks are not permitted in the old town."),
    # Both sides hedge what is known.
    ("There is no evidence that the samples were mixed up.", "Nothing indicates that the samples were mixed up."),
]

SHIFTS = [
    # A condition of the reader's own narrows the group.
    ("Drivers whose registration plate was cloned will be sent a new plate at no cost.",
     "If your plate was cloned twice or more, you will be sent a new plate at no cost.", "qualifier"),
    ("The streaming service will refund its subscribers for the outage.",
     "If you watched on a phone, the streaming service will refund you for the outage.", "qualifier"),
    # A negated order is no entitlement.
    ("Every tenant can book a free boiler check.", "Do not book a boiler check yet.", "negation"),
    # The same word negated is still a negation.
    ("Veterans will remain exempt from the parking charge.",
     "Veterans will no longer be exempt from the parking charge.", "negation"),
    ("The ferry terminal will stay open over the weekend.",
     "The ferry terminal will not stay open over the weekend.", "negation"),
    # An absence of evidence stated as a fact, either way round.
    ("Inspectors said there was no evidence that the meat had been frozen twice.",
     "Inspectors said the meat had not been frozen twice.", "qualifier"),
    ("The club said the striker was not injured in training.",
     "The club said it had seen no sign that the striker was injured in training.", "qualifier"),
]


@pytest.mark.parametrize(("a", "b"), NO_SHIFT)
def test_rewordings_are_no_shift(a, b):
    assert detect_shift(a, b) is None
    assert detect_shift(b, a) is None


@pytest.mark.parametrize(("a", "b", "kind"), SHIFTS)
def test_real_shifts_stay(a, b, kind):
    assert detect_shift(a, b) == kind
    assert detect_shift(b, a) == kind


def test_antonym_negator_read_only_against_the_state():
    (ta, cla), (tb, clb) = _tokens("Students are exempt from the fee."), _tokens("Students do not pay the fee.")
    assert "not" not in antonym_negations(ta, cla, tb, clb)
    # Without the state on the other side the negator stays.
    (tc, clc) = _tokens("Students pay the fee.")
    assert "not" in antonym_negations(tc, clc, tb, clb)


def test_evidence_denied_by_an_actor_is_a_claim():
    # "provided no evidence": someone failed to supply it, which the other side restates.
    a = _tokens("The ministry provided no evidence that the scheme had cut waiting times.")[0]
    b = _tokens("The ministry could not show that the scheme had cut waiting times.")[0]
    assert evidence_hedge(a, b) is None
    a = _tokens("There is no evidence that the scheme cut waiting times.")[0]
    b = _tokens("The scheme did not cut waiting times.")[0]
    assert evidence_hedge(a, b) == 0


QUOTE = '"This plan sells the harbour to the highest bidder and leaves the fishermen with nothing," she said.'
MISQUOTED = 'Harbour master Ruth Amsel admitted that the plan "sells the harbour to the highest bidder".'
CONTEXT = "The head of the fishermen's cooperative, Ilse Brandvik, spoke against the plan."


def test_pronoun_speaker_taken_from_the_sentence_before():
    assert detect_shift(QUOTE, MISQUOTED) is None  # "she" alone cannot be compared
    assert detect_shift(QUOTE, MISQUOTED, CONTEXT) == "speaker"
    assert detect_shift(MISQUOTED, QUOTE, "", CONTEXT) == "speaker"
    right = 'Ilse Brandvik said the plan "sells the harbour to the highest bidder".'
    assert detect_shift(QUOTE, right, CONTEXT) is None


def test_context_needs_shared_words():
    # Two different quotes linked by mistake: who speaks is no shift of either.
    other = '"It is about time," said Ruth Amsel, who runs the harbour cafe.'
    assert detect_shift(QUOTE, other, CONTEXT) is None


def test_context_speaker_prefers_an_attribution():
    said = '"We will rebuild the pier," said Mayor Otto Lind. "And we will do it this year."'
    assert context_speaker(said) == frozenset({"mayor", "otto", "lind"})
    assert {"ilse", "brandvik"} <= context_speaker(CONTEXT)


def test_speaker_contexts_only_for_sentences_that_need_one():
    doc = load_text(f"{CONTEXT} {QUOTE}\n\nThe council votes on Monday. It meets at noon.", doc_id="d1")
    ctx = speaker_contexts(doc)
    quote = next(s for s in doc.segments if s.text.startswith('"This plan'))
    assert ctx == {quote.id: next(s.text for s in doc.segments if s.text.startswith("The head"))}
    assert needs_context('"We will appeal."') and not needs_context("The council will appeal, its leader said.")


def test_living_somewhere_restates_the_residents_of_that_place():
    # "If you live in X" addresses the readers the statement calls "residents of X".
    assert detect_shift("Residents of Marsden and Elby should prepare to leave at short notice and follow "
                        "the instructions of the police.",
                        "If you live in Marsden or Elby, get ready to leave at short notice and do what "
                        "the police tell you.") is None
    assert detect_shift("People in Harwick and Dunmore will get free bus travel on Saturday.",
                        "If you live in Harwick or Dunmore, your bus rides are free on Saturday.") is None
    # ... but a condition with words of its own still restricts the claim.
    assert detect_shift("People in Harwick will get free bus travel on Saturday.",
                        "If you live in Harwick and are over 65, your bus rides are free on Saturday.") == "qualifier"
    assert detect_shift("Households in the valley will receive sandbags from Monday.",
                        "If you live near the river, you will receive sandbags from Monday.") == "qualifier"
