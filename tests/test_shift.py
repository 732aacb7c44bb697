"""Meaning-shift detector: measured on hand-written pairs, the golds and STS headlines."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scocompare.core.shift import KINDS, detect_shift, explain_shift, speakers, words

DATA = Path(__file__).resolve().parent / "data"
STS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "sts-headlines"
PAIRS = [json.loads(line) for line in (DATA / "shifts.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


def test_pair_set_covers_every_kind_and_unshifted_pairs():
    kinds = Counter(p["shift"] for p in PAIRS)
    assert all(kinds[k] >= 6 for k in KINDS)
    assert kinds[None] >= 25


def test_precision_and_recall_on_hand_written_pairs():
    # Measured 39/39 found, 0 false alarms among 32 unshifted pairs, 39/39 kinds right
    # (see the report); the floors sit a little under so a regression shows.
    tp = fp = fn = right_kind = 0
    for p in PAIRS:
        got = detect_shift(p["a"], p["b"])
        if got and p["shift"]:
            tp += 1
            right_kind += got == p["shift"]
        elif got:
            fp += 1
        elif p["shift"]:
            fn += 1
    assert tp / (tp + fp) >= 0.93
    assert tp / (tp + fn) >= 0.9
    assert right_kind / tp >= 0.9


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_found(kind):
    mine = [p for p in PAIRS if p["shift"] == kind]
    found = sum(detect_shift(p["a"], p["b"]) == kind for p in mine)
    assert found >= len(mine) - 1


def test_direction_does_not_matter():
    for p in PAIRS:
        assert detect_shift(p["a"], p["b"]) == detect_shift(p["b"], p["a"]), p


def test_only_changed_words_count():
    # The negation is shared, so it is no shift; dropping it is.
    assert detect_shift("The council will not accept delays.", "The Council won't accept any delays.") is None
    assert detect_shift("The council will not accept delays.", "The council will accept delays.") == "negation"
    # A hedge that moved inside the sentence did not change the meaning.
    assert detect_shift("They agreed in principle to a task force.",
                        "In principle, they agreed to a task force.") is None
    # "rejected" vs "did not accept": two flips cancel out.
    assert detect_shift("The parliament rejected the treaty.",
                        "The parliament did not accept the treaty.") is None


def test_reported_speech_is_not_a_modality_shift():
    assert detect_shift("We will meet again in Kessmark next spring.",
                        "The ministers said they would meet again in Kessmark next spring.") is None
    assert detect_shift("The agency can approve the vaccine.", "The agency could approve the vaccine.") is None


def test_explanation_names_the_words():
    shift = explain_shift("The bank will cut rates in June.", "The bank may cut rates in June.")
    assert shift.kind == "modality" and shift.removed == ("will",) and shift.added == ("may",)
    assert shift.describe() == "modality: will -> may"
    assert explain_shift("Prices rose.", "Prices rose.") is None


def test_words_and_speakers():
    assert words("It isn't over, they can't agree in principle.") == [
        "it", "is", "not", "over", "they", "can", "not", "agree", "in_principle"]
    assert speakers('"We stand firm," said President Ilse Marenko.') == [
        frozenset({"president", "ilse", "marenko"})]
    assert speakers("The talks were useful, the statement said.") == [frozenset({"<document>"})]
    assert speakers("He said the talks were useful.") == []  # a pronoun cannot be compared


def _gold_pairs():
    try:
        import scocompare.core.ingest  # noqa: F401
    except ImportError:
        pytest.skip("scocompare.core.ingest has not landed yet")
    from bench.gold import all_golds, load_documents, load_gold, resolve

    out = []
    for path in all_golds():
        if path.stem.startswith(("heldout-", "blind-")):
            continue  # held-out sets are a measurement (bench/heldout_report.md), not a bound
        gold = load_gold(path)
        if gold.uses_corpus() and not all(p.is_file() for p in gold.document_paths()):
            continue
        docs = load_documents(gold)
        res = resolve(gold, docs, strict=False)
        text = {s.id: s.text for d in docs for s in d.segments}
        for pairs in res.pairs.values():
            out += [(text[a], text[b], res.shifts.get((a, b))) for a, b in sorted(pairs)]
    return out


def test_gold_links_shifted_only_where_the_gold_says():
    # Measured on demo, seeds, splits, reported: 2/2 gold shifts found with the right
    # kind, 0 of 124 other gold links flagged (most are heavy paraphrases).
    pairs = _gold_pairs()
    shifted = [(a, b, k) for a, b, k in pairs if k]
    assert len(shifted) >= 2
    assert all(detect_shift(a, b) == k for a, b, k in shifted)
    false = [(a, b) for a, b, k in pairs if not k and detect_shift(a, b)]
    assert len(false) <= 2, false


def _sts_flags(low: float, high: float) -> tuple[int, list[tuple[str, str]]]:
    files = sorted(STS.glob("headlines.*.tsv")) if STS.is_dir() else []
    if not files:
        pytest.skip("../shared/corpus/sts-headlines is not beside the checkout")
    total, flagged = 0, []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or not parts[0].strip() or not low <= float(parts[0]) <= high:
                continue  # unscored, or outside the band
            total += 1
            if detect_shift(parts[1], parts[2]) is not None:
                flagged.append((parts[1], parts[2]))
    return total, flagged


def test_equivalent_sts_headlines_are_rarely_flagged():
    # Pairs rated >= 4.6 of 5 ("mean the same"): 2 of 265 flagged when the detector was
    # written, 5 as its rules grew (a headline's opening "May", "has yet to", "no-frills"
    # read as modal and negators), 3 since ("up to", "conditional" dropped, "mostly" added:
    # qualifiers a fact-checker wants to see). bench/sts_shift_probe.py lists them.
    total, flagged = _sts_flags(4.6, 5.0)
    assert total > 200 and len(flagged) <= 3, flagged


def test_near_equivalent_sts_headlines_are_seldom_flagged():
    # Rated 3.8-4.6: 19 of 412 before the real-text fixes above, 18 after (most are
    # real: "partly evacuated" / "evacuated", "reportedly test-fires" / "launches").
    total, flagged = _sts_flags(3.8, 4.59)
    assert total > 350 and len(flagged) <= 18, flagged


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_a_sentence_never_shifts_from_itself_and_nothing_crashes(text):
    assert detect_shift(text, text) is None
    detect_shift(text, text[::-1])


HELDOUT2 = [json.loads(line) for line in (DATA / "shifts_heldout2.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_second_held_out_set_false_alarms_and_recall():
    # Written before the fixes (antonym negation, figures against verbs, number hedges,
    # merged halves, litotes). Measured before: 17 of 21 unshifted pairs flagged, 9/10
    # found (7 right kind); after: 0 of 21 flagged, 9/10 found, 9 right kind.
    shifted = [p for p in HELDOUT2 if p["shift"]]
    found = [p for p in shifted if detect_shift(p["a"], p["b"]) == p["shift"]]
    false = [p for p in HELDOUT2 if not p["shift"] and detect_shift(p["a"], p["b"])]
    assert len(found) >= len(shifted) - 2
    assert len(false) <= 2, false


def test_shift_is_judged_on_the_aligned_part_only():
    a = "Ten lorries crossed the border at dawn."
    assert detect_shift(a, a[:-1] + ", and no customs officers were on duty.") is None
    assert detect_shift(a, "Ten lorries did not cross the border at dawn.") == "negation"


def test_figures_decide_the_direction_over_verbs():
    a = "Food inflation fell to 5 percent in May."
    assert detect_shift(a, "Food prices rose 5 percent in May, down from 7 percent in April.") is None
    assert detect_shift(a, "Food prices rose 5 percent in May, up from 3 percent in April.") == "polarity"


def test_hedge_on_a_number_and_litotes():
    assert detect_shift("Some 70 ships waited outside the port.", "70 ships waited outside the port.") is None
    assert detect_shift("Some ships waited outside the port.", "Ships waited outside the port.") == "qualifier"
    assert detect_shift("We will not hesitate to close the port.", "We may close the port.") == "modality"
    assert detect_shift("Guests were asked to avoid the lifts.", "Guests were asked not to use the lifts.") is None
    assert detect_shift("The fee is paid on 3 May.", "The fee is paid on 3 June.") is None  # the month, not the modal


def test_passive_verb_and_officials_are_not_speakers():
    assert speakers("Five deaths have been confirmed in the district.") == []
    assert detect_shift("Deputy Director Ana Pell said exports had recovered.",
                        "Exports have recovered, according to the agency.") is None


HELDOUT3 = [json.loads(line) for line in (DATA / "shifts_heldout3.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_heldout3_no_false_alarms_and_recall():
    # Written before the round-3 change (commit 38b9be8); measured before: 13/18 false
    # alarms, 12/13 found; after: 0/18 false, 12/13 found.
    false = sum(bool(detect_shift(p["a"], p["b"])) for p in HELDOUT3 if not p["shift"])
    found = sum(bool(detect_shift(p["a"], p["b"])) for p in HELDOUT3 if p["shift"])
    assert false <= 1
    assert found >= sum(1 for p in HELDOUT3 if p["shift"]) - 2


def test_no_not_idioms_are_not_negations():
    assert detect_shift("The agency will publish its findings no later than 3 May.",
                        "The agency's findings are due by 3 May.") is None
    assert detect_shift("No fewer than 200 boats joined the protest.", "At least 200 boats joined the protest.") is None
    # A real negation next to an idiom still counts.
    assert detect_shift("The port will not reopen before Monday.", "The port will reopen before Monday.") == "negation"


def test_negation_in_a_clause_that_moved():
    a = "The mayor said the tram is free and that passengers do not need a ticket to ride it."
    b = "Passengers will need to buy a ticket, the mayor said, but the tram itself is free."
    assert detect_shift(a, b) == "negation"
    # The merged-in clause with its own "no" is still ignored.
    assert detect_shift("The pool will stay shut until June and no swimming lessons are planned.",
                        "The pool will stay shut until June.") is None


def test_stop_negates_only_a_verb_it_governs():
    assert detect_shift("The dykes are too low to stop a spring flood.",
                        "The dykes are too low to hold back a spring flood.") is None
    assert detect_shift("Buses will stop at the new depot.", "Buses will call at the new depot.") is None
    assert detect_shift("The firm stopped hiring in May.", "The firm kept hiring in May.") == "negation"


def test_qualifier_in_a_clause_without_counterpart():
    assert detect_shift("The court heard 30 cases, most of them about rent arrears.",
                        "The court heard 30 cases, four of which were adjourned.") is None
    assert detect_shift("The road was partly rebuilt last year.", "The road was rebuilt last year.") == "qualifier"


def test_purpose_modal_and_same_speaker_named_differently():
    assert detect_shift("Nurses stayed late so that every patient could be seen.",
                        "Nurses stayed late to see every patient.") is None
    assert detect_shift("The International Energy Agency said demand would peak.",
                        "The IEA said demand would peak.") is None
    assert detect_shift("Turnout was 58 percent, according to figures released by the election board.",
                        "The Election Board said turnout was 58 percent.") is None
    assert detect_shift("The IEA said demand would peak.", "OPEC said demand would peak.") == "speaker"


HELDOUT4 = [json.loads(line) for line in (DATA / "shifts_heldout4.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_heldout4_newsroom_rewording_is_no_shift():
    # Written and committed before the round-3 precision pass (commit 46fb893); measured
    # before: 20/20 found (20 right kind), 1/20 false; after: 20/20 found, 0/20 false.
    false = [p for p in HELDOUT4 if not p["shift"] and detect_shift(p["a"], p["b"])]
    right = sum(detect_shift(p["a"], p["b"]) == p["shift"] for p in HELDOUT4 if p["shift"])
    assert len(false) <= 1, false
    assert right >= sum(1 for p in HELDOUT4 if p["shift"]) - 2


def test_a_rule_with_an_exception_reads_as_a_condition():
    rule = "Visitors must not feed the animals except with a keeper present."
    assert detect_shift(rule, "Visitors may only feed the animals with a keeper present.") is None
    assert detect_shift(rule, "Visitors can feed the animals only if a keeper is present.") is None
    assert detect_shift("Drivers cannot enter the old town unless they hold a permit.",
                        "Drivers may enter the old town only if they hold a permit.") is None
    # Dropping the rule is still a shift, and advice with "unless" keeps its negation.
    assert detect_shift(rule, "Visitors must feed the animals with a keeper present.")
    assert detect_shift("Campers were told not to light fires unless the wind dropped.",
                        "Campers were told to light fires unless the wind dropped.") == "negation"


def test_stop_verbs_count_only_when_their_verb_stays():
    assert detect_shift("The old licence will cease to be valid at the end of June.",
                        "The old licence will expire at the end of June.") is None
    assert detect_shift("The mill stopped buying wool in spring.", "The mill kept buying wool in spring.") == "negation"


def test_an_order_carries_the_advice_modal():
    assert detect_shift("Residents should boil tap water before drinking it.",
                        "Boil tap water before drinking it.") is None
    assert detect_shift("Residents must boil tap water before drinking it.",
                        "Please boil tap water before drinking it.") is None
    assert detect_shift("Residents may boil tap water before drinking it.",
                        "Residents must boil tap water before drinking it.") == "modality"


def test_entitlement_can_is_no_hedge():
    assert detect_shift("Passengers on cancelled trains will receive a voucher worth 20 euros.",
                        "Passengers on cancelled trains can claim a voucher worth 20 euros.") is None
    assert detect_shift("Tenants can apply for the heating grant until March.",
                        "Tenants will apply for the heating grant until March.") is None
    # "can" before any other verb is still a hedge against "will".
    assert detect_shift("The board will approve the budget in May.", "The board can approve the budget in May.") == "modality"
    # "apply" without "for" is "take effect", not a request.
    assert detect_shift("The speed limit shall apply from Monday.", "The speed limit could apply from Monday.") == "modality"


def test_a_hedge_that_only_moved_and_a_converse_only():
    assert detect_shift("Only vans registered before 2015 must be inspected.",
                        "Inspected vans must have been registered before 2015.") is None
    assert detect_shift("Only vans registered before 2015 must be inspected.",
                        "Vans registered before 2015 must be inspected.") == "qualifier"
    assert detect_shift("Farmers may only sell raw milk with a licence.",
                        "Farmers may sell raw milk only if they hold a licence.") is None


def test_speaker_with_a_title_set_off_by_commas():
    assert detect_shift("Lena Varga, the chief inspector, said the mine was safe.",
                        "Chief Inspector Lena Varga said the mine was safe.") is None
    assert detect_shift('"The mine is safe," said the head of the inspectorate, Lena Varga, after the visit.',
                        '"The mine is safe," Lena Varga told reporters.') is None
    assert detect_shift("Lena Varga, the chief inspector, said the mine was safe.",
                        "Tomas Berg, the mine's owner, said the mine was safe.") == "speaker"


def test_the_company_said_refers_back_to_a_named_body():
    assert detect_shift("Norrvik Foods said it would recall 9,000 jars of honey.",
                        "Norrvik Foods is recalling 9,000 jars of honey, the company said.") is None
    assert detect_shift("Shares in Delmar Shipping fell after Delmar Shipping announced the loss.",
                        "Shares fell after the firm announced the loss.") is None
    # A body noun against another body, or against a titled person, is still another voice.
    assert detect_shift("The union said the strike would go ahead.", "The company said the strike would go ahead.") == "speaker"
    assert detect_shift("The company said the plant would close.",
                        "The opposition leader said the plant would close.") == "speaker"


def _cache_clear() -> None:
    from scocompare.core import shift, shift_speakers, shift_words

    shift_words.token_tuple.cache_clear()
    shift._clause_words_of.cache_clear()
    shift_speakers._speakers_of.cache_clear()


def test_memoised_reading_gives_the_fresh_results():
    # Tokens, clause words and speakers are memoised per text; a caller that changed a
    # shared result would make answers depend on what was asked before.
    pairs = [(p["a"], p["b"]) for p in PAIRS + HELDOUT2 + HELDOUT3 + HELDOUT4]
    _cache_clear()
    fresh = [explain_shift(a, b) for a, b in pairs]
    again = [explain_shift(a, b) for a, b in reversed(pairs)][::-1]
    both_ways = [explain_shift(b, a) for a, b in pairs]
    _cache_clear()
    assert again == fresh
    assert [explain_shift(b, a) for a, b in pairs] == both_ways
    toks = words("The council will not accept delays.")
    toks.append("changed")
    assert words("The council will not accept delays.")[-1] == "delays"
    found = speakers("Ana Ruiz said the quay was safe.")
    found.clear()
    assert speakers("Ana Ruiz said the quay was safe.")


# Real-text false alarms found by bench/sts_shift_probe.py on news headlines (invented
# sentences of the same shape here; the corpus is read by the bench, never copied).
@pytest.mark.parametrize("a, b", [
    ("May exports rose 4.1 per cent.", "Exports rose 4.1 per cent in May."),  # the month opens it
    ("The board of the carrier met on Friday.", "The board of the no-frills carrier met on Friday."),
    ("The ministry has yet to respond to the report.", "The ministry has not responded to the report."),
    ("The driver was acquitted of all charges.", "The driver was found not guilty of all charges."),
    ("No-one was injured in the fire.", "Nobody was injured in the fire."),
])
def test_real_text_false_alarms_are_not_shifts(a, b):
    assert detect_shift(a, b) is None, (a, b)


@pytest.mark.parametrize("a, b, kind", [
    ("May we expect a decision soon?", "We expect a decision soon.", "modality"),  # the modal, asked
    ("The ministry has yet to respond to the report.", "The ministry has responded to the report.", "negation"),
    ("The driver was convicted of all charges.", "The driver was found not guilty of all charges.", "polarity"),
    ("No-one was injured in the fire.", "Two people were injured in the fire.", "negation"),
])
def test_the_same_words_still_mark_real_shifts(a, b, kind):
    assert detect_shift(a, b) == kind, (a, b)


def test_the_real_headline_probe_runs_and_equivalent_pairs_state_no_conflict(capsys):
    import importlib.util

    if not STS.is_dir():
        pytest.skip("../shared/corpus/sts-headlines is not beside the checkout")
    spec = importlib.util.spec_from_file_location(
        "sts_shift_probe", Path(__file__).resolve().parents[1] / "bench" / "sts_shift_probe.py")
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    counts, flagged = probe.probe(probe.scored_pairs(4.6, 5.0))
    # Measured: 0 conflicts and 3 shifts on the 265 pairs rated >= 4.6 (docs/alignment.md).
    assert not any(k.startswith("conflict:") for k in counts), flagged
    assert probe.main(["--low", "4.6", "--list"]) == 0
    assert "pairs scored 4.6-5.0: 265" in capsys.readouterr().out
