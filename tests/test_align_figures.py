"""Step 7 of the aligner: a figure only two sentences share links them (align_figures).

Invented sentences; hand-set score matrices so that only the figures decide."""

import numpy as np

from scocompare.core.align import PairScores, align_pair
from scocompare.core.align_figures import shared_figures, shared_quotes, specific
from scocompare.core.facts import facts_of, reference_year
from scocompare.core.facts_extract import extract_facts

from .helpers import make_doc

STATEMENT = [[
    "The Harbour Authority of Kessmark today opened the new northern container terminal.",
    "The terminal cost 412 million euros and took four years to build.",
    "It can handle 1.8 million containers a year, twice the old quay's capacity.",
    "Work on a rail link to the terminal will start on 3 September.",
    "The authority thanked the workers and the residents of the harbour district.",
]]
WIRE = [[
    "KESSMARK, May 12 (Baltic Wire) - Kessmark opened a 412 million euro container terminal "
    "on Monday, doubling its port's capacity.",
    "The harbour authority said the new quay could take 1.8 million containers a year.",
    "A rail link is due to follow, with building work from September 3.",
    "Dock workers' unions welcomed the jobs the terminal brings.",
]]


def _links(cells, facts=True, background=0.30, spread=None):
    base = make_doc("d1", STATEMENT).content_segments()
    version = make_doc("d2", WIRE).content_segments()
    rng = np.random.default_rng(7)
    s = np.full((len(base), len(version)), background, dtype=np.float32)
    if spread:
        s += rng.uniform(-spread, spread, s.shape).astype(np.float32)
    for (i, j), v in cells.items():
        s[i, j] = v
    docs = [make_doc("d1", STATEMENT), make_doc("d2", WIRE)]
    of = facts_of({d.id: reference_year(d) for d in docs}) if facts else None
    links = align_pair(base, version, PairScores(s, s * 0.5), 0.59, facts_of=of)
    return {(int(lk.a.rsplit(".s", 1)[1]) - 1, int(lk.b.rsplit(".s", 1)[1]) - 1): lk for lk in links}


# The wire lead (j=0) retells the opening (i=0) and the cost (i=1); the scores alone link
# only the opening: the cost sentence scores above the background, under the threshold.
CELLS = {(0, 0): 0.72, (1, 0): 0.52, (2, 1): 0.70, (3, 2): 0.66, (4, 3): 0.40}


def test_a_figure_only_two_sentences_share_links_a_lead_to_its_second_source():
    got = _links(CELLS, spread=0.05)
    assert (1, 0) in got and got[(1, 0)].kind == "partial"
    assert got[(1, 0)].scores.get("figure") == 1.0  # the window says why it is linked
    assert "figure" not in got[(0, 0)].scores
    assert {(0, 0), (2, 1), (3, 2)} <= set(got)
    # the unions' sentence shares no figure with the thanks: no link from this step
    assert (4, 3) not in got


def test_without_facts_the_lead_keeps_one_source():
    got = _links(CELLS, facts=False, spread=0.05)
    assert (1, 0) not in got


def test_a_shared_figure_under_the_pairs_background_is_no_evidence():
    # Every pair scores 0.52: the cost sentence does not stand out from the background.
    cells = {k: v for k, v in CELLS.items() if k != (1, 0)}
    assert (1, 0) not in _links(cells, background=0.52, spread=0.05)


def _facts(*texts):
    return [tuple(extract_facts(t)) for t in texts]


def test_a_figure_stated_by_a_second_sentence_links_neither():
    a = _facts("The fund holds 40 million euros for schools.", "Another 40 million euros goes to roads.")
    b = _facts("Schools and roads share 40 million euros each.")
    score = np.array([[0.5], [0.5]], dtype=np.float32)
    assert shared_figures(score, [], a, b, mean=0.3, std=0.1) == []
    # alone on both sides, the same figure links
    assert shared_figures(score[:1], [], a[:1], b, mean=0.3, std=0.1) == [(0, 0)]


def test_weak_figures_are_not_evidence():
    weak = ["The talks lasted two weeks.", "The plan runs to 2030.", "The vote is on Tuesday.",
            "The meeting was held in March."]
    for text in weak:
        assert not any(specific(f) for f in extract_facts(text)), text
    for text in ["The talks lasted 12 weeks.", "The fund holds 40 million euros.", "Prices rose 2.5 percent.",
                 "The vote is on 14 May."]:
        assert any(specific(f) for f in extract_facts(text)), text


def test_a_relative_date_or_a_dateline_does_not_state_a_figure():
    a = _facts("The port will reopen on 14 May, the authority said.")
    for text in ["The port will reopen this year.", "KESSMARK, May 14 (Baltic Wire) - The port will reopen soon."]:
        assert shared_figures(np.array([[0.6]], dtype=np.float32), [], a, _facts(text), 0.3, 0.1) == [], text
    assert shared_figures(np.array([[0.6]], dtype=np.float32), [], a,
                          _facts("The port reopens on May 14."), 0.3, 0.1) == [(0, 0)]


BASE_QUOTES = [
    '"We have watched her progress for three seasons and she is ready for the first team," the coach said.',
    "The club confirmed the signing on Friday.",
    "She will wear the number 7 shirt at home games.",
]


def test_words_quoted_from_one_base_sentence_alone_link_it():
    b = ['Coach Mara Ilves says the club had "watched her progress for three seasons" before the offer.']
    score = np.array([[0.45], [0.30], [0.28]], dtype=np.float32)
    assert shared_quotes(score, [], BASE_QUOTES, b, mean=0.30, std=0.08) == [(0, 0)]
    # already linked, or under the pair's background: nothing to add
    assert shared_quotes(score, [(0, 0)], BASE_QUOTES, b, mean=0.30, std=0.08) == []
    assert shared_quotes(score, [], BASE_QUOTES, b, mean=0.45, std=0.08) == []


def test_quotes_that_prove_nothing_do_not_link():
    score = np.array([[0.45], [0.30], [0.28]], dtype=np.float32)
    # two words only; words in no quote marks; words two base sentences contain
    for text in ['The coach called her "first team" material.',
                 "The coach said she had watched her progress for three seasons.",
                 'Fans will see "the number 7 shirt at home games" soon.']:
        base = BASE_QUOTES if "shirt" not in text else BASE_QUOTES + ["The number 7 shirt at home games is sold out."]
        s = score if "shirt" not in text else np.vstack([score, [[0.30]]]).astype(np.float32)
        assert shared_quotes(s, [], base, [text], mean=0.30, std=0.08) == [], text


def test_the_figure_index_finds_what_a_scan_of_every_fact_finds():
    import random

    from scocompare.core.align_figures import _Index, _same_figure

    rng = random.Random(3)
    forms = ["{n} people", "about {n} people", "more than {n} people", "{n} euros", "{n} per cent",
             "nearly {n} homes", "{n} homes", "on {d} May", "up to {n} people"]
    texts = []
    for _ in range(300):
        n, d = rng.choice([3, 12, 40, 120, 990, 1000, 1200, 1237, 5400]), rng.randint(1, 28)
        texts.append("They counted " + rng.choice(forms).format(n=n, d=d) + ".")
    facts = [tuple(extract_facts(t)) for t in texts]
    index = _Index(facts)
    for fs in facts[:60]:
        for f in fs:
            brute = {k for k, gs in enumerate(facts) for g in gs if _same_figure(f, g)}
            assert index.holders(f) == brute, f.text
