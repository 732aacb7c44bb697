"""The fact layer: extraction, compatibility, link and event conflicts, and their measured quality."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scocompare.core.facts import compatible, extract_facts, find_conflicts
from scocompare.core.model import CONFLICT_KINDS, Document, Link, Segment
from tests.conftest import DATA, STS, seed_paths

FACTS_DATA = DATA / "facts"


def _bench():
    spec = importlib.util.spec_from_file_location(
        "facts_eval", Path(__file__).resolve().parents[1] / "bench" / "facts_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def one(text: str, kind: str, ref_year: int | None = None):
    facts = [f for f in extract_facts(text, ref_year) if f.kind == kind]
    assert len(facts) == 1, (text, facts)
    return facts[0]


def doc(doc_id: str, lines: list[str], boilerplate: tuple[int, ...] = (), meta=None) -> Document:
    """A document whose segments are ``lines`` (joined by blank lines)."""
    text = "\n\n".join(lines)
    segs, pos = [], 0
    for i, line in enumerate(lines):
        segs.append(Segment(f"{doc_id}.s{i + 1}", doc_id, i, i + 1, pos, pos + len(line), line, i in boilerplate))
        pos += len(line) + 2
    return Document(doc_id, doc_id, f"{doc_id}.txt", hashlib.sha256(text.encode()).hexdigest(),
                    text, tuple(segs), meta or {})


# --- extraction -----------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("was held on July 5th, during which", {"month": 7, "day": 5}),
    ("on 5 July the talks", {"month": 7, "day": 5}),
    ("signed on 4 July 2023 in", {"year": 2023, "month": 7, "day": 4}),
    ("signed on July 4, 2023 in", {"year": 2023, "month": 7, "day": 4}),
    ("dated 2023-07-04 here", {"year": 2023, "month": 7, "day": 4}),
    ("met on Tuesday", {"weekday": 1}),
    ("met on Tuesday, May 14, 2024", {"year": 2024, "month": 5, "day": 14, "weekday": 1}),
    ("took place on the 5th, officials said", {"day": 5}),
    ("met last week", {"relative": "last week"}),
    ("planned for March 2025", {"year": 2025, "month": 3}),
])
def test_dates_are_typed_with_their_precision(text, value):
    assert dict(one(text, "date").value) == value


def test_the_verb_may_is_not_a_month():
    assert not [f for f in extract_facts("Talks may 5 times fail.") if f.kind == "date"]


@pytest.mark.parametrize("text,value,unit,approx", [
    ("The city has 1,200 residents.", 1200, "resident", False),
    ("The dose is 3.25 grams.", 3.25, "gram", False),
    ("Five ministers resigned.", 5, "minister", False),
    ("Twenty-three countries signed.", 23, "country", False),
    ("A dozen journalists were held.", 12, "journalist", False),
    ("The city has 1.2 million residents.", 1.2e6, "resident", False),
    ("The city has about 1.2m residents.", 1.2e6, "resident", True),
    ("About 300 people came.", 300, "person", True),
    ("The pipeline is 850 km long.", 850, "km", False),
    ("The convoy carried 40 tonnes of food.", 40, "tonne", False),
    ("Two hundred and fifty officials attended.", 250, "official", False),
])
def test_numbers_are_normalised(text, value, unit, approx):
    f = one(text, "number")
    assert f.value["value"] == pytest.approx(value)
    assert f.value["unit"] == unit
    assert f.value["approx"] is approx


@pytest.mark.parametrize("text,value", [("rose 12%", 12), ("rose 12 per cent", 12),
                                        ("was twelve percent", 12), ("hit 7.4 pct", 7.4)])
def test_percentages(text, value):
    f = one(text, "percentage")
    assert f.value["value"] == pytest.approx(value) and f.value["unit"] == "%"


@pytest.mark.parametrize("text,value,currency", [
    ("a $4.5 billion fund", 4.5e9, "USD"), ("a US$4.5bn fund", 4.5e9, "USD"),
    ("pledged EUR 300 million", 3e8, "EUR"), ("pledged 300 million euros", 3e8, "EUR"),
    ("cost \u00a3250m", 2.5e8, "GBP"), ("cost 4 crore rupees", 4e7, "INR"),
])
def test_money(text, value, currency):
    f = one(text, "money")
    assert f.value["value"] == pytest.approx(value) and f.value["unit"] == currency


@pytest.mark.parametrize("text,value,noun", [
    ("the 23rd meeting of the council", 23, "meeting"), ("the third summit", 3, "summit"),
    ("its twenty-third annual meeting", 23, "meeting"), ("the 10th anniversary", 10, "anniversary"),
])
def test_ordinals_keep_their_noun(text, value, noun):
    f = one(text, "ordinal")
    assert f.value == {"value": value, "noun": noun}


def test_elliptical_ordinal_takes_the_previous_noun():
    facts = [f for f in extract_facts("The first phase ends in May, while the second will follow.")
             if f.kind == "ordinal"]
    assert [(f.value["value"], f.role) for f in facts] == [(1, "phase"), (2, "phase")]


def test_dateline_place_and_date_are_not_the_event():
    facts = extract_facts("BEIJING, July 4 (Xinhua) -- The summit was held in Astana on July 5.")
    roles = {(f.kind, f.text): f.role for f in facts}
    assert roles[("place", "BEIJING")] == "dateline"
    assert roles[("date", "July 4")] == "dateline"
    assert roles[("place", "Astana")] == "event"
    assert roles[("date", "July 5")] == "event"


def test_publication_lines_are_marked():
    for text in ("date 2023-07-05 The summit opened.", "Published: 21 April 2024", "Updated 9 June 2021, 14:05"):
        dates = [f for f in extract_facts(text) if f.kind == "date"]
        assert dates and dates[0].role == "publication", text
    assert not [f for f in extract_facts("Updated 9 June 2021, 14:05") if f.kind == "number"]


def test_names_and_titles():
    facts = extract_facts("Foreign Minister Anna Berg met the World Health Organization (WHO) team.")
    names = {f.text: f.role for f in facts if f.kind == "name"}
    assert names["Anna Berg"] == "foreign-minister"
    assert "World Health Organization" in names and "WHO" in names


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("abcJMT 0123456789,.$%-()\n") + [
    "July ", "May ", "million ", "third ", "per cent ", "held in ", "Paris ", "on the 5th ", "U.N. ",
    "Tuesday ", "about ", "bn ", "twenty-", "President "]), max_size=40).map("".join))
def test_offsets_always_point_at_the_fact(text):
    for f in extract_facts(text):
        assert text[f.start:f.end] == f.text
        assert f.kind in ("date", "number", "percentage", "money", "ordinal", "place", "name")


# --- compatibility --------------------------------------------------------------

@pytest.mark.parametrize("a,b,kind", [
    ("on July 4", "on 4 July 2023", "date"),
    ("on Tuesday", "on 14 May 2024", "date"),
    ("1.2 million people", "1,200,000 people", "number"),
    ("1,200,000 people", "about 1.2m people", "number"),
    ("1,237 people", "about 1,200 people", "number"),
    ("five people", "5 people", "number"),
    ("12% rise", "12 per cent rise", "percentage"),
    ("a $1.2bn loan", "1.2 billion dollars", "money"),
    ("the third meeting", "the 3rd meeting", "ordinal"),
    ("The World Health Organisation met.", "The World Health Organization met.", "name"),
    ("The Shanghai Cooperation Organisation met.", "The SCO met.", "name"),
    ("the U.N. said", "the United Nations said", "name"),
    ("The Association of Southeast Asian Nations met.", "ASEAN met.", "name"),
    ("held in Astana, Kazakhstan", "held in Astana", "place"),
])
def test_compatible(a, b, kind):
    assert compatible(one(a, kind), one(b, kind))


@pytest.mark.parametrize("a,b,kind", [
    ("on July 5th", "on July 4, 2023", "date"),
    ("on Wednesday", "on 14 May 2024", "date"),
    ("20 people", "23 people", "number"),
    ("300 people", "320 people", "number"),
    ("8% rise", "18% rise", "percentage"),
    ("the 23rd meeting", "the 3rd meeting", "ordinal"),
    ("held in Astana", "held in New Delhi", "place"),
    ("the United Nations said", "the EU said", "name"),
])
def test_incompatible(a, b, kind):
    assert not compatible(one(a, kind), one(b, kind))


def test_weekday_checked_against_the_reference_year():
    wed, date = one("met on Wednesday", "date", 2024), one("met on 14 May", "date", 2024)
    assert not compatible(wed, date)  # 14 May 2024 was a Tuesday
    assert compatible(one("met on Wednesday", "date"), one("met on 14 May", "date"))  # year unknown


# --- conflicts ------------------------------------------------------------------

def test_link_conflict_is_typed_labelled_and_located():
    d1 = doc("d1", ["Intro.", "About 1,200 delegates attended the 23rd meeting."])
    d2 = doc("d2", ["The 3rd meeting drew 1,237 delegates."])
    (c,) = find_conflicts([d1, d2], [Link("d1.s2", "d2.s1", 0.8, "paraphrase")], "d1")
    assert (c.kind, c.scope, c.label) == ("ordinal", "link", "meeting number")
    assert [v.text for v in c.values] == ["23rd", "3rd"]
    for v in c.values:
        text = {"d1": d1, "d2": d2}[v.segment.split(".")[0]].text
        assert text[v.start:v.end] == v.text
    assert c.kind in CONFLICT_KINDS
    json.dumps([dict(v.value) for v in c.values])


def test_a_number_on_one_side_only_is_an_omission():
    d1 = doc("d1", ["The rally drew 5,000 people and 40 buses."])
    d2 = doc("d2", ["The rally drew 5,000 people."])
    assert find_conflicts([d1, d2], [Link("d1.s1", "d2.s1", 0.9, "near")], "d1") == ()


def test_unlinked_passages_give_no_link_conflict():
    d1 = doc("d1", ["Intro line.", "The convoy carried 40 tonnes of food."])
    d2 = doc("d2", ["Intro line.", "The convoy carried 60 tonnes of food."])
    assert find_conflicts([d1, d2], [Link("d1.s1", "d2.s1", 1.0, "identical")], "d1") == ()


def test_event_date_conflict_across_unlinked_leads_lists_every_version():
    d1 = doc("d1", ["Leaders' summit", "The summit was held on 14 March 2024 in Velmora."])
    d2 = doc("d2", ["Published: 16 March 2024", "Leaders met in Velmora on 15 March 2024."], boilerplate=(0,))
    d3 = doc("d3", ["Heads of state gathered in Velmora on Thursday for the summit."])
    (c,) = find_conflicts([d2, d1, d3], [], "d1")
    assert (c.kind, c.scope, c.label) == ("date", "event", "event date")
    assert [v.segment for v in c.values] == ["d1.s2", "d2.s2", "d3.s1"]  # base first
    assert [v.text for v in c.values] == ["14 March 2024", "15 March 2024", "Thursday"]


def test_publication_line_is_not_the_event_date():
    d1 = doc("d1", ["date 2023-07-05 The virtual summit on July 4, 2023 marked a milestone."],
             meta={"date": "2023-07-05"})
    d2 = doc("d2", ["The summit was held on 4 July."])
    assert find_conflicts([d1, d2], [Link("d1.s1", "d2.s1", 0.7, "paraphrase")], "d1") == ()


def test_the_same_clash_is_listed_once():
    d1 = doc("d1", ["The meeting was held on July 5th in the capital."])
    d2 = doc("d2", ["The summit on July 4, 2023 was held in the capital."])
    d3 = doc("d3", ["The meeting was held on July 4 in the capital."])
    links = [Link("d1.s1", "d2.s1", 0.8, "paraphrase"), Link("d1.s1", "d3.s1", 0.9, "near"),
             Link("d2.s1", "d3.s1", 0.8, "paraphrase")]
    conflicts = find_conflicts([d1, d2, d3], links, "d1")
    assert len(conflicts) == 1 and conflicts[0].scope == "event"
    assert len(conflicts[0].values) == 3


def test_link_conflicts_through_several_links_merge():
    d1 = doc("d1", ["The deal is worth $2 billion."])
    d2 = doc("d2", ["The deal is worth $20 billion."])
    d3 = doc("d3", ["The deal, worth $2bn, was signed."])
    links = [Link("d1.s1", "d2.s1", 0.9, "near"), Link("d2.s1", "d3.s1", 0.7, "paraphrase")]
    (c,) = find_conflicts([d1, d2, d3], links, "d1")
    assert c.kind == "number" and sorted(v.segment for v in c.values) == ["d1.s1", "d2.s1", "d3.s1"]


def test_a_merged_sentence_takes_its_figure_from_the_other_sentence():
    # "first offered 85,000 ... agreed to 60,000" merged into one version sentence: 60,000 is
    # the second base sentence's figure, not a contradiction of the first one.
    d1 = doc("d1", ["The employer first set a payment of 85,000 euros for union members.",
                    "The employer agreed to a payment of 60,000 euros."])
    one = doc("d2", ["The employer will make a payment of 60,000 euros to union members."])
    # Linked to the first sentence alone, the figures clash ...
    assert find_conflicts([d1, one], [Link("d1.s1", "d2.s1", 0.72, "paraphrase")], "d1")
    # (A sum the union demanded is not the sum paid: no clash even alone.)
    asked = doc("d1", ["The union had demanded a payment of 85,000 euros for its members."])
    assert not find_conflicts([asked, one], [Link("d1.s1", "d2.s1", 0.72, "paraphrase")], "d1")
    # ... but the version merged both, and states the second one's figure.
    links = [Link("d1.s1", "d2.s1", 0.72, "paraphrase"), Link("d1.s2", "d2.s1", 0.70, "partial")]
    assert find_conflicts([d1, one], links, "d1") == ()
    # A figure neither merged sentence states is still a conflict.
    other = doc("d2", ["The employer will make a payment of 40,000 euros to union members."])
    conflicts = find_conflicts([d1, other], links, "d1")
    assert {v.text for c in conflicts for v in c.values} >= {"60,000 euros", "40,000 euros"}


def test_one_month_each_about_the_same_thing_is_a_conflict():
    # Only one side's cue word ("begin") made its month "the event": still the same date.
    d1 = doc("d1", ["The status of the port will be settled in a second round of talks, "
                    "which is expected to begin in March."])
    d2 = doc("d2", ["The future of the port will be settled in a second round of talks, expected to begin in April."])
    (c,) = find_conflicts([d1, d2], [Link("d1.s1", "d2.s1", 0.9, "near")], "d1")
    assert c.kind == "date" and [v.text for v in c.values] == ["March", "April"]
    # Months said of different things (nothing shared around them) are not paired.
    d3 = doc("d3", ["The plan, approved in March, will be reviewed by the board."])
    d4 = doc("d4", ["The board will review the plan in April."])
    assert find_conflicts([d3, d4], [Link("d3.s1", "d4.s1", 0.8, "paraphrase")], "d3") == ()


def test_a_death_toll_counts_people():
    d1 = doc("d1", ["By noon, 23 people had been confirmed dead and 140 injured."])
    d2 = doc("d2", ["Officials put the death toll at 26, with 140 people hurt."])
    (c,) = find_conflicts([d1, d2], [Link("d1.s1", "d2.s1", 0.7, "paraphrase")], "d1")
    assert [v.text for v in c.values] == ["23", "26"]


def test_durations_written_as_compounds_are_compared():
    d1 = doc("d1", ["The striker has signed a three-year contract with the club."])
    d2 = doc("d2", ["The striker put pen to paper on a two-year deal."])
    (c,) = find_conflicts([d1, d2], [Link("d1.s1", "d2.s1", 0.7, "paraphrase")], "d1")
    assert [v.text for v in c.values] == ["three", "two"]
    assert c.label == "length in years"
    # Ages clash under a label a reader understands.
    d4 = doc("d4", ["A 34-year-old man was arrested at the scene."])
    d5 = doc("d5", ["A 43-year-old man was arrested at the scene."])
    (c,) = find_conflicts([d4, d5], [Link("d4.s1", "d5.s1", 0.9, "near")], "d4")
    assert c.label == "age" and [v.text for v in c.values] == ["34", "43"]
    # An age is not a duration: "the 24-year-old" does not meet "a three-year contract".
    d3 = doc("d3", ["The 24-year-old signed a contract with the club."])
    assert find_conflicts([d1, d3], [Link("d1.s1", "d3.s1", 0.7, "paraphrase")], "d1") == ()


def test_on_a_weak_link_a_clash_needs_the_same_words_around_its_figures():
    # A link under the threshold is kept for its place in reading order: its figures
    # clash only when their clauses say the same thing beyond the noun they count.
    d1 = doc("d1", ["Nine people are still missing in the old town."])
    d2 = doc("d2", ["The town was last hit in 1962, when six people died."])
    weak = Link("d1.s1", "d2.s1", 0.46, "paraphrase")
    assert find_conflicts([d1, d2], [weak], "d1")  # no bar: the counts clash
    assert find_conflicts([d1, d2], [weak], "d1", min_link_score=0.59) == ()
    by_hand = Link("d1.s1", "d2.s1", 0.46, "paraphrase", origin="manual")
    assert find_conflicts([d1, d2], [by_hand], "d1", min_link_score=0.59)
    # The same members voting: a real clash, even on a weak link.
    d3 = doc("d3", ["Eighty-one percent of the 900 members who voted in the ballot backed the strike."])
    d4 = doc("d4", ["In a ballot that closed on Friday, 71 per cent of the 900 members who voted backed it."])
    weak = Link("d3.s1", "d4.s1", 0.53, "paraphrase")
    (c,) = find_conflicts([d3, d4], [weak], "d3", min_link_score=0.59)
    assert [v.text for v in c.values] == ["Eighty-one percent", "71 per cent"]


def test_a_place_and_date_line_is_a_dateline_not_the_story():
    # A masthead or dateline alone on its line dates the text, not the event: two outlets
    # publishing on different days do not contradict each other.
    d1 = doc("d1", ["Korvik, 3 June 2027", "The port will reopen on Monday."])
    d2 = doc("d2", ["*Korvik Gazette, 4 June 2027*", "The port reopens on Monday."])
    links = [Link("d1.s1", "d2.s1", 0.7, "paraphrase"), Link("d1.s2", "d2.s2", 0.9, "near")]
    assert find_conflicts([d1, d2], links, "d1") == ()
    assert [f.role for f in extract_facts("Korvik Gazette, 4 June 2027") if f.kind == "date"] == ["dateline"]
    # A date said in a sentence is still the story's.
    assert [f.role for f in extract_facts("The port reopened on 4 June 2027.") if f.kind == "date"] != ["dateline"]


def test_boilerplate_segments_are_ignored():
    d1 = doc("d1", ["Also read: 5 things about the 3rd summit"], boilerplate=(0,))
    d2 = doc("d2", ["Also read: 7 things about the 4th summit"], boilerplate=(0,))
    assert find_conflicts([d1, d2], [Link("d1.s1", "d2.s1", 0.9, "near")], "d1") == ()


def test_seed_pair_gives_exactly_the_event_date_conflict():
    from scocompare.core.ingest import load_path

    first, second = seed_paths()[:2]
    d1, d2 = load_path(first, "d1"), load_path(second, "d2")
    # Link every content sentence to every other: the harshest pairing an aligner could produce.
    links = [Link(a.id, b.id, 0.5, "paraphrase") for a in d1.content_segments() for b in d2.content_segments()]
    (c,) = find_conflicts([d1, d2], links, "d1")
    assert (c.kind, c.scope) == ("date", "event")
    assert [(v.segment.split(".")[0], v.text) for v in c.values] == [("d1", "July 5th"), ("d2", "July 4, 2023")]
    assert dict(c.values[0].value) == {"month": 7, "day": 5}
    assert dict(c.values[1].value) == {"year": 2023, "month": 7, "day": 4}
    for v, d in zip(c.values, (d1, d2), strict=True):
        assert d.text[v.start:v.end] == v.text


def test_demo_set_conflicts_through_the_pipeline():
    from scocompare.core.compare import compare_paths
    from scocompare.core.demo import demo_paths
    from scocompare.core.similarity import get_scorer

    comp = compare_paths(demo_paths(), scorer=get_scorer("lexical"))
    found = {(c.kind, c.scope, tuple(sorted(v.text for v in c.values if v.segment.split(".")[0] in ("d1", "d4"))))
             for c in comp.conflicts}
    assert ("date", "event", ("14 March 2024", "15 March 2024")) in found
    assert any(k == "ordinal" and "21st" in texts for k, _s, texts in found)
    assert ("number", "link", ("340 million euros", "430 million euros")) in found


# --- measured quality -----------------------------------------------------------

@pytest.mark.parametrize("name", ["pairs.jsonl", "heldout.jsonl"])
def test_conflict_precision_and_recall_on_written_pairs(name):
    res = _bench().evaluate(FACTS_DATA / name)
    assert res["pairs"] >= 30
    # Measured 1.000 / 1.000 on both sets (bench/facts_eval.py); leave room for one slip.
    assert res["precision"] >= 0.95, res
    assert res["recall"] >= 0.9, res


def test_same_meaning_headlines_raise_almost_no_conflicts():
    files = sorted(STS.glob("*.tsv")) if STS.is_dir() else []
    if not files:
        pytest.skip("../shared/corpus/sts-headlines is not beside the checkout")
    predict = _bench().predict
    pairs = [line.split("\t") for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    same = [(p[1], p[2]) for p in pairs if len(p) >= 3 and p[0].strip() and float(p[0]) >= 4.6]
    flagged = [p for p in same if predict(*p)]
    assert len(same) > 200
    assert len(flagged) <= len(same) // 100, flagged[:5]  # measured: 0 of 265


def test_currency_codes_do_not_match_inside_words():
    facts = extract_facts("The memorial honours 77 victims; the fund holds $5m.")
    assert [(f.kind, f.text) for f in facts if f.kind in ("money", "number")] == [("number", "77"), ("money", "$5m")]


def test_weekday_lead_against_dated_leads():
    d1 = doc("d1", ["BEIJING, July 4 (Xinhua) -- Leaders of the bloc met virtually on Tuesday to discuss trade."])
    d2 = doc("d2", ["The virtual summit was held on July 5, 2023, officials said."])  # a Wednesday
    d3 = doc("d3", ["On July 4, 2023, leaders of the bloc convened online."])  # a Tuesday
    (c,) = find_conflicts([d1, d2, d3], [], "d1")
    assert [v.text for v in c.values] == ["Tuesday", "July 5, 2023", "July 4, 2023"]
    assert find_conflicts([d1, d3], [], "d1") == ()  # the dateline's July 4 is not read as the event date


def test_third_held_out_fact_pairs():
    # Written before the pairing change (merged halves, speaking date, different
    # quantities, with controls). Measured before: precision 0.556, recall 1.000
    # (8 false of 14); after: precision 0.833, recall 1.000 (2 false); after the
    # relative-figure and amount-frame change: 1.000 / 1.000.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from facts_eval import evaluate

    res = evaluate(Path(__file__).resolve().parent / "data" / "facts" / "heldout3.jsonl")
    assert res["recall"] >= 0.9 and res["fp"] <= 3, res


def test_figures_about_different_things_do_not_clash():
    from scocompare.core.facts import pair_conflicts

    def clashes(a, b):
        return pair_conflicts(extract_facts(a), extract_facts(b), a, b)

    # The other half of a merged sentence, and a wrong link between two measures.
    assert not clashes("Exports grew 4 percent, above the 3 percent forecast.",
                       "Exports grew 4% and imports fell 6%.")
    assert not clashes("Sales reached 9 million euros.", "Operating profit was 2 million euros.")
    # The same measure, or figures opposite each other, still clash.
    assert clashes("Sales reached 9 million euros.", "Turnover reached 7 million euros.")
    assert clashes("It rose to 5 percent.", "Its share rose to 8 percent.")
    # A figure restated elsewhere in the other passage is not lone.
    assert not clashes("Two judges dissented.", "Of the nine judges, two dissented.")


def test_speaking_day_is_not_the_event_date():
    facts = extract_facts("The port reopened, the harbour master told reporters on Thursday.")
    assert [f.role for f in facts if f.kind == "date"] == ["speech"]


def test_decimal_point_is_not_a_clause_edge():
    from scocompare.core.facts import pair_conflicts

    a, b = "Revenue rose 2.5% to 1.7 billion euros.", "The firm made an operating profit of 90 million euros."
    assert not pair_conflicts(extract_facts(a), extract_facts(b), a, b)


def test_values_say_whether_they_agree_with_the_base():
    from scocompare.core.compare import compare_documents

    from .helpers import FuzzScorer, make_doc

    base = make_doc("d1", [["The 12th summit was held in Karsk on 14 March 2024."]])
    same = make_doc("d2", [["The 12th summit was held in Karsk on Thursday, 14 March."]])
    other = make_doc("d3", [["The 12th summit was held in Karsk on 15 March 2024."]])
    c = compare_documents([base, same, other], scorer=FuzzScorer())
    date = next(cf for cf in c.conflicts if cf.kind == "date")
    by_doc = {v.segment.split(".")[0]: v.agrees for v in date.values}
    assert by_doc == {"d1": None, "d2": True, "d3": False}


# --- relative figures, amounts of different things, unnamed figures (issue 3) --------

def _clashes(a, b):
    from scocompare.core.facts import pair_conflicts

    return pair_conflicts(extract_facts(a), extract_facts(b), a, b)


@pytest.mark.parametrize("text, figure, change", [
    ("It is 14 seats short of the 126 it needs.", "14", True),
    ("The bill passed with 20 votes more than it needed.", "20", True),
    ("The harbour now has 410 berths, up 60 from last year.", "60", True),
    ("Membership fell by 320 members to 4,880 members.", "320", True),
    ("Membership fell by 320 members to 4,880 members.", "4,880", False),
    ("She finished 1,204 votes ahead of her rival.", "1,204", True),
    ("A gap of 900 votes separates them.", "900", True),
    ("The Greens won 29 seats, up from 13.", "13", True),
    ("The 120 delegates of more than 30 countries met.", "120", False),
    ("The plan was approved by 310 lawmakers.", "310", False),
    ("The storm left 23 people dead.", "23", False),
])
def test_changes_and_differences_are_told_from_counts(text, figure, change):
    from scocompare.core.facts_numbers import states_change

    start = text.index(figure)
    assert states_change(text, start, start + len(figure)) is change


def test_a_difference_is_never_paired_with_a_count():
    # Each passage true on its own: 14 is the distance to a majority, 250 the chamber.
    assert not _clashes("The alliance won 112 of the 250 seats in the chamber.",
                        "The alliance has 112 seats, 14 seats short of the 126 needed.")
    assert not _clashes("The clinic treated 900 patients, 40 more than in May.", "The clinic treated 900 patients.")
    # Counts still clash beside a difference, and two differences of one thing clash.
    assert _clashes("The clinic treated 900 patients, 40 more than in May.", "The clinic treated 960 patients.")
    assert _clashes("The river rose by 4.2 metres overnight.", "The river rose by 2.4 metres overnight.")


def test_part_of_a_total_counts_what_the_total_counts():
    (f,) = [f for f in extract_facts("The party won 121 of the 250 seats.") if f.text == "121"]
    assert f.role == "seat"
    assert _clashes("The party won 112 of the 250 seats.", "The party won 121 of the 250 seats.")


def test_a_converted_sum_is_not_a_second_amount():
    facts = [f for f in extract_facts("The plan costs US$6.4 million (about 5.9 million euros).") if f.kind == "money"]
    assert [f.role.endswith("~conversion") for f in facts] == [False, True]
    assert not _clashes("The plan costs US$6.4 million (about 5.9 million euros).",
                        "The plan costs $6.4 million, of which the EU pays 3 million euros.")
    assert _clashes("The plan costs US$6.4 million (about 5.9 million euros).", "The plan costs $8.1 million.")


def test_a_date_that_bounds_a_period_is_not_the_date_of_an_event():
    # One date each, of two kinds: when something happened, and until when something lasts.
    assert not _clashes("Firefighters were called at 2.15am on Sunday 9 March to a blaze at the depot.",
                        "Investigators will stay at the depot until Wednesday, the brigade said.")
    assert not _clashes("The market opened on 3 May.", "The market stays open until 12 May.")
    # Two dates of one kind still clash, bounds included.
    assert _clashes("The market opened on 3 May.", "The market opened on 5 May.")
    assert _clashes("The road stays closed until 12 May.", "The road stays closed until 19 May.")


def test_a_frame_said_of_another_figure_does_not_part_two_counts():
    # "twice a day" makes a rate of the doses, not of the patients enrolled.
    assert _clashes("The trial enrolled 1,250 patients in Kessmark.",
                    "Doctors enrolled 1,520 patients, and gave them the pill twice a day.")
    assert _clashes("The offer values the firm at 3.8 billion euros and represents a premium of 31 per cent "
                    "to the closing price.",
                    "Buyers are paying 40 euros a share, a premium of 35 per cent on the market price.")
    # A frame around the figure itself still parts them: asked for against paid.
    assert not _clashes("The club asked for 40 million euros.", "The club was paid 25 million euros, twice a year.")


def test_amounts_clash_only_in_the_same_frame():
    # Different things paid for, or money going the other way.
    assert not _clashes("The port spent 58 million euros on dredging.", "The port collected 73 million euros in fees.")
    assert not _clashes("The league fined the club 2 million pounds.", "The club paid 9 million pounds for a winger.")
    assert not _clashes("The town will spend 4 million euros on schools.", "The town will spend 2 million euros on roads.")
    # The same frame in other words still clashes.
    assert _clashes("The port spent 58 million euros on dredging.", "The port spent 85 million euros on dredging.")
    assert _clashes("The total cost is 6 million euros, officials said.", "The bridge costs 9 million euros.")


def test_an_unnamed_figure_needs_a_close_copy_or_a_figure_swapped_in_place():
    # "up 4 percent" names nothing; the other clause is about another measure.
    assert not _clashes("Ridership reached 61 million last year, up 9 percent.",
                        "Ridership reached 61 million last year and punctuality improved to 88 percent.")
    # Close copies that name nothing still clash; so does a figure swapped in place.
    assert _clashes("It was up 5 percent on the year, the ministry said.",
                    "It was up 7 percent on the year, the ministry said.")
    assert _clashes("It rose to 5 percent.", "Its share rose to 8 percent.")


@pytest.mark.parametrize("name", ["heldout3.jsonl", "heldout4.jsonl", "heldout5.jsonl"])
def test_later_held_out_pairs(name):
    # heldout5 was written before the change it measures (relative figures, amount frames,
    # unnamed figures). Before: heldout3 P 0.833, heldout4 0.750, heldout5 0.571 (recall 1.000);
    # after: 1.000 / 1.000 on all three.  Leave room for one slip.
    res = _bench().evaluate(FACTS_DATA / name)
    assert res["recall"] >= 0.9 and res["fp"] <= 1, res


def test_percentages_sharing_only_a_verb_of_motion_are_two_quantities():
    # "slowed" names no quantity: inflation and output growth are two figures.
    d1 = doc("d1", ["Consumer price inflation slowed to 2.4 per cent in October."])
    d2 = doc("d2", ["Factory output growth slowed to 7.5 per cent in October."])
    assert find_conflicts([d1, d2], [Link("d1.s1", "d2.s1", 0.7, "paraphrase")], "d1") == ()
    # One quantity (the same name around both) still clashes.
    d3 = doc("d3", ["Consumer price inflation slowed to 2.9 per cent in October."])
    (c,) = find_conflicts([d1, d3], [Link("d1.s1", "d3.s1", 0.9, "near")], "d1")
    assert [v.text for v in c.values] == ["2.4 per cent", "2.9 per cent"]


def test_basis_points_are_labelled_as_such():
    d1 = doc("d1", ["The bank raised its main rate by 25 basis points."])
    d2 = doc("d2", ["The bank raised its main rate by 50 basis points."])
    (c,) = find_conflicts([d1, d2], [Link("d1.s1", "d2.s1", 0.9, "near")], "d1")
    assert c.label == "basis points"
