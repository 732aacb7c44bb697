"""Engine tests on hand-built documents with a deterministic scorer (no model needed)."""

from scocompare.core.align import build_groups
from scocompare.core.compare import compare_documents
from scocompare.core.model import Anchor, Constraint, text_hash

from .helpers import FuzzScorer, make_doc

BASE = [
    ["Leaders of the council met in Karsk on Monday for their twelfth summit.",
     "They adopted a declaration on river management and flood warnings."],
    ["The members agreed to build a shared weather data network by 2027.",
     "Funding of 40 million euros was pledged by the regional bank."],
    ["The chair thanked the host city for its hospitality."],
]


def compare(docs, **kw):
    return compare_documents(docs, scorer=kw.pop("scorer", FuzzScorer()), **kw)


def test_identical_copy_links_every_sentence_identically():
    a, b = make_doc("d1", BASE), make_doc("d2", BASE)
    c = compare([a, b])
    assert {(lk.a, lk.b) for lk in c.links} == {(f"d1.s{k}", f"d2.s{k}") for k in range(1, 6)}
    assert {lk.kind for lk in c.links} == {"identical"}
    assert c.coverage["d2"].covered == 1.0
    assert not any(lk.moved for lk in c.links)


def test_reordered_paragraphs_are_linked_and_marked_moved():
    a = make_doc("d1", BASE)
    b = make_doc("d2", [BASE[1], BASE[0], BASE[2]])
    c = compare([a, b])
    assert len([lk for lk in c.links if lk.kind == "identical"]) == 5
    moved = {lk.a for lk in c.links if lk.moved}
    # either the first two or the middle two moved; a minimal set is marked, not everything
    assert 0 < len(moved) <= 2


def test_dropped_and_added_sentences_are_reported():
    a = make_doc("d1", BASE)
    b = make_doc("d2", [BASE[0], ["Analysts doubt the network will be ready on time, critics said."]])
    c = compare([a, b])
    cv = c.coverage["d2"]
    assert set(cv.dropped) == {"d1.s3", "d1.s4", "d1.s5"}
    assert cv.added == ("d2.s3",)
    assert cv.covered == 0.4


def test_split_sentence_links_both_halves():
    a = make_doc("d1", [["Leaders met in Karsk on Monday and adopted a declaration on river management."]])
    b = make_doc("d2", [["Leaders met in Karsk on Monday.", "They adopted a declaration on river management."]])
    c = compare([a, b], threshold=0.4)
    assert {(lk.a, lk.b) for lk in c.links} == {("d1.s1", "d2.s1"), ("d1.s1", "d2.s2")}
    assert {lk.kind for lk in c.links} == {"partial"}


def test_near_copy_is_near_and_unlink_constraint_is_honoured():
    a = make_doc("d1", BASE)
    edited = [[BASE[0][0].replace("Monday", "Tuesday"), BASE[0][1]], BASE[1], BASE[2]]
    b = make_doc("d2", edited)
    c = compare([a, b])
    first = next(lk for lk in c.links if lk.a == "d1.s1")
    assert first.kind == "near" and first.b == "d2.s1"
    s1, t1 = a.segments[0], b.segments[0]
    unlink = Constraint("unlink", Anchor.of(a, s1), Anchor.of(b, t1))
    c2 = compare([a, b], constraints=[unlink])
    assert not any(lk.a == "d1.s1" and lk.b == "d2.s1" for lk in c2.links)
    assert "d1.s1" in c2.coverage["d2"].dropped


def test_manual_link_is_kept_even_below_threshold():
    a = make_doc("d1", BASE)
    b = make_doc("d2", [["Completely different words about rivers here."]])
    link = Constraint("link", Anchor.of(a, a.segments[1]), Anchor.of(b, b.segments[0]))
    c = compare([a, b], constraints=[link])
    lk = next(lk for lk in c.links if lk.b == "d2.s1")
    assert lk.a == "d1.s2" and lk.origin == "manual"


def test_groups_pivot_on_base_and_versions_share_additions():
    extra = "Critics said the plan lacked any timetable for the dams."
    a = make_doc("d1", BASE)
    b = make_doc("d2", [BASE[0], [extra]])
    d = make_doc("d3", [BASE[0], BASE[2], [extra]])
    c = compare([a, b, d])
    base_groups = [g for g in c.groups if g.base]
    assert len(base_groups) == 5
    g1 = next(g for g in base_groups if g.base == "d1.s1")
    assert set(g1.segments) == {"d1.s1", "d2.s1", "d3.s1"}
    own = [g for g in c.groups if g.base is None]
    assert len(own) == 1 and set(own[0].segments) == {"d2.s3", "d3.s4"}
    # every content segment is in exactly one group
    members = [s for g in c.groups for s in g.segments]
    assert len(members) == len(set(members))
    assert build_groups(c.documents, "d1", c.links) == c.groups


def test_base_choice_changes_pivot():
    a, b = make_doc("d1", BASE), make_doc("d2", [BASE[0]])
    c = compare([a, b], base=1)
    assert c.base == "d2" and "d1" in c.coverage and c.coverage["d1"].covered == 1.0
    assert len(c.coverage["d1"].added) == 3


def test_cancel_raises():
    import pytest

    from scocompare.core.errors import Cancelled

    with pytest.raises(Cancelled):
        compare([make_doc("d1", BASE), make_doc("d2", BASE)], cancelled=lambda: True)


def test_reading_path_prefers_order_over_a_slightly_better_neighbour():
    import numpy as np

    from scocompare.core.align_path import reading_path

    # Base sentence 0 is retold by versions 0-2, base 1 by version 3; version 1 scores a
    # little better against base 1 (same topic) but the order says it belongs to base 0.
    score = np.array([[0.7, 0.50, 0.6, 0.1],
                      [0.1, 0.55, 0.2, 0.8]])
    path = reading_path(score, bar=0.45)
    assert path == [(0, 0), (0, 1), (0, 2), (1, 3)]
    # Without order evidence (a lone column) the better score wins.
    assert reading_path(score[:, 1:2], bar=0.45) == [(1, 0)]


def test_reading_path_pays_for_strong_reorders_skips_noise_and_forbidden_pairs():
    import numpy as np

    from scocompare.core.align_path import margin, reading_path

    score = np.full((4, 4), 0.1)
    score[2, 0], score[3, 1], score[0, 2], score[1, 3] = 0.95, 0.9, 0.9, 0.95  # paragraphs swapped
    assert reading_path(score, bar=0.4) == [(2, 0), (3, 1), (0, 2), (1, 3)]
    score[0, 2] = -np.inf
    assert (0, 2) not in reading_path(score, bar=0.4)
    assert reading_path(np.full((3, 3), 0.3), bar=0.4) == []
    assert reading_path(np.zeros((0, 3)), bar=0.4) == []
    # margin: a pair standing out in its row and column is positive, a flat matrix is not
    flat = np.full((3, 3), 0.6)
    flat[1, 1] = 0.9
    m = margin(flat, k=2)
    assert m[1, 1] > 0 and (np.delete(m.ravel(), 4) <= 0).all()


def _path_objective(score, path, bar, skip_cost, back_cost):
    total, prev = 0.0, None
    for i, j in path:
        total += score[i, j] - bar
        if prev is not None and i != prev and i != prev + 1:
            total -= skip_cost if i > prev else back_cost
        prev = i
    return total


def _best_objective(score, bar, skip_cost, back_cost):
    """The reading path's optimum by a plain Python DP (states: last base sentence linked)."""
    import math

    n, m = score.shape
    value = [-math.inf] * n
    for j in range(m):
        new = list(value)
        for i in range(n):
            if not math.isfinite(score[i, j]):
                continue
            best = 0.0  # nothing linked before
            for p in range(n):
                cost = 0.0 if p in (i, i - 1) else (skip_cost if p < i else back_cost)
                best = max(best, value[p] - cost)
            new[i] = max(new[i], best + score[i, j] - bar)
        value = new
    return max([0.0] + value)


def test_reading_path_is_optimal_on_random_matrices():
    import numpy as np

    from scocompare.core.align_path import BACK_COST, SKIP_COST, reading_path

    rng = np.random.default_rng(3)
    for t in range(150):
        n, m = (int(x) for x in rng.integers(1, 8, 2))
        score = np.round(rng.random((n, m)), 1)  # rounded: ties are common
        if t % 2:
            score[rng.random((n, m)) < 0.2] = -np.inf
        path = reading_path(score, 0.45)
        assert [j for _, j in path] == sorted({j for _, j in path})  # one base sentence per column
        assert all(np.isfinite(score[i, j]) for i, j in path)
        got = _path_objective(score, path, 0.45, SKIP_COST, BACK_COST)
        assert abs(got - _best_objective(score, 0.45, SKIP_COST, BACK_COST)) < 1e-9


class CountingScorer(FuzzScorer):
    """FuzzScorer that counts the pairs of sentence lists it scores."""

    def __init__(self):
        self.calls = 0

    def components(self, a, b):
        self.calls += 1
        return super().components(a, b)


VERSION = [
    ["The council leaders met in Karsk on Monday for a twelfth summit.",
     "A declaration on river management and flood warnings was adopted."],
    ["Members agreed to build a weather data network by 2027, they said.",
     "The regional bank pledged funding of 40 million euros."],
    ["Officials did not thank the host city."],
]
OTHER = [
    ["Leaders of the council met in Karsk on Monday for their twelfth summit."],
    ["The members refused to build a shared weather data network by 2027."],
    ["A new line about the weather over the river came at the end."],
]


def _links(c):
    return sorted((lk.a, lk.b, lk.kind, lk.moved, lk.origin, lk.score, lk.note) for lk in c.links)


def test_realignment_reuses_pairs_and_matches_a_fresh_comparison():
    docs = [make_doc("d1", BASE), make_doc("d2", VERSION), make_doc("d3", OTHER)]
    sc = CountingScorer()
    first = compare(docs[:2], scorer=sc)
    calls = sc.calls
    again = compare(docs[:2], scorer=sc)
    assert sc.calls == calls  # same documents, threshold and constraints: nothing re-scored
    assert _links(again) == _links(first) and again.conflicts == first.conflicts
    # Threshold changed, a version added, a constraint added: each equals a fresh run.
    for kw, use in (({"threshold": 0.62}, docs[:2]), ({}, docs), ({"threshold": 0.4}, docs)):
        warm, fresh = compare(use, scorer=sc, **kw), compare(use, scorer=CountingScorer(), **kw)
        assert _links(warm) == _links(fresh)
        assert warm.conflicts == fresh.conflicts and warm.coverage == fresh.coverage
    # (the fixture is sensitive: a memo ignoring the threshold would return stale links)
    assert _links(compare(docs, scorer=sc, threshold=0.4)) != _links(compare(docs, scorer=sc))
    a = first.documents[0].segments[0]
    b = first.documents[1].segments[0]
    def anchor(s, d):
        return Anchor(d.sha256, s.start, s.end, text_hash(s.text))

    cons = (Constraint("unlink", anchor(a, docs[0]), anchor(b, docs[1])),)
    warm = compare(docs, scorer=sc, constraints=cons)
    fresh = compare(docs, scorer=CountingScorer(), constraints=cons)
    assert ("d1.s1", "d2.s1") not in {(lk.a, lk.b) for lk in warm.links}
    assert _links(warm) == _links(fresh)


def test_scorers_never_share_remembered_results():
    class Flat(FuzzScorer):
        name = "test-fuzz"  # same name, other scores: must not reuse FuzzScorer's links

        def components(self, a, b):
            import numpy as np

            z = np.full((len(a), len(b)), 0.1, dtype=np.float32)
            return {"score": z, "lexical": z}

    docs = [make_doc("d1", BASE), make_doc("d2", BASE)]
    assert len(compare(docs, scorer=FuzzScorer()).links) == 5
    assert compare(docs, scorer=Flat()).links == ()


def _pair_links(base_texts, version_texts, score, surplus=None, threshold=0.59):
    import numpy as np

    from scocompare.core.align import PairScores, align_pair

    # Unrelated filler sentences, each with its own copy, give the pair a realistic
    # background (most sentence pairs unrelated), as context filling expects.
    filler = [f"Filler sentence number {k} talks about {w}." for k, w in
              enumerate(["weather", "sport", "music", "trains", "cheese", "rivers"])]
    base = make_doc("d1", [base_texts + filler]).content_segments()
    version = make_doc("d2", [version_texts + filler]).content_segments()
    n, m, f = len(base_texts), len(version_texts), len(filler)
    s = np.full((n + f, m + f), 0.05, dtype=np.float32)
    s[:n, :m] = score
    s[n:, m:] += np.eye(f, dtype=np.float32) * 0.9
    links = align_pair(base, version, PairScores(s, s * 0.5, surplus), threshold)
    pairs = {(int(lk.a.rsplit(".s", 1)[1]) - 1, int(lk.b.rsplit(".s", 1)[1]) - 1) for lk in links}
    return {(i, j) for i, j in pairs if i < n and j < m}


# A version that keeps the host city and drops the chairmanship: the kept sentence
# shares "Kessmark" and "Council" with the dropped one and scores 0.5 against it.
HOST_BASE = ["The heads of state accepted the offer of Kessmark to host the next meeting of the Council.",
             "The chairmanship of the Council passed to President Ederlin of Kessmark.",
             "The statement was adopted in four languages."]
HOST_VERSION = ["Kessmark will host the next meeting of the Council.",
                "The statement exists in four languages."]
HOST_SCORE = [[0.85, 0.10], [0.50, 0.12], [0.10, 0.80]]


def test_topic_neighbour_of_a_linked_sentence_is_not_dragged_in():
    # word fallback: every content word the neighbour shares, the first partner has too
    assert _pair_links(HOST_BASE, HOST_VERSION, HOST_SCORE) == {(0, 0), (2, 1)}
    # token evidence: the neighbour explains nothing the first partner does not
    assert _pair_links(HOST_BASE, HOST_VERSION, HOST_SCORE, lambda *_: 0.0) == {(0, 0), (2, 1)}


def test_true_merge_keeps_its_second_partner():
    base = ["Growth slowed to 0.9 percent in 2024.", "Unemployment rose to 6.2 percent.",
            "The bank will meet again in March."]
    version = ["Unemployment rose to 6.2% and growth slowed to 0.9% last year.", "The next meeting is in March."]
    score = [[0.62, 0.1], [0.80, 0.1], [0.1, 0.75]]
    assert (0, 0) in _pair_links(base, version, score)  # "growth", "slowed" only in the second
    asked = []

    def surplus(i, j, partners, side):
        asked.append((i, j, tuple(partners), side))
        return 0.1

    assert (0, 0) in _pair_links(base, version, score, surplus)
    assert asked == [(0, 0, (1,), "a")]  # target: version sentence 0; partner: base sentence 1
    assert (0, 0) not in _pair_links(base, version, score, lambda *_: 0.005)


def test_second_partner_far_from_the_first_is_refused():
    base = ["Alpha opened the fair.", "Beta spoke.", "Gamma sang.", "Delta closed the fair with prizes."]
    version = ["Alpha opened the fair and Delta closed it with prizes."]
    score = [[0.8], [0.1], [0.1], [0.62]]
    assert _pair_links(base, version, score, lambda *_: 0.5) == {(0, 0)}


def test_token_surplus_measures_what_only_the_new_partner_explains():
    import numpy as np

    from scocompare.core.token_align import surplus

    eye = np.eye(4, dtype=np.float32)
    target = (np.array([1, 2]), eye[[0, 1]])  # two pieces
    first = (np.array([1]), eye[[0]])  # explains piece 0 only
    again = (np.array([1]), eye[[0]])
    second = (np.array([2]), eye[[1]])  # explains piece 1
    idf = {1: 1.0, 2: 1.0}
    assert surplus(target, again, [first], idf) == 0.0
    assert abs(surplus(target, second, [first], idf) - 0.5) < 1e-6


# A figure pulled up out of reading order: base sentence 1 is rewritten as the version's
# last sentence, under the threshold, with no linked neighbour to vouch for it.
MOVED_BASE = ["The summit opened in Varna on Monday.", "Trade among members grew 8.4 percent in 2023.",
              "The leaders adopted a statement on fisheries.", "The next summit will be held in Oslo."]
MOVED_VERSION = ["Leaders met in Varna on Monday.", "They adopted a fisheries statement.",
                 "Their next meeting is in Oslo.", "Commerce within the bloc rose 8.4% last year."]


def test_moved_rewrite_that_is_a_mutual_first_choice_links_under_the_threshold():
    # same-topic texts: unrelated sentences of the pair still score 0.3
    score = [[0.85, 0.30, 0.30, 0.30], [0.30, 0.30, 0.30, 0.52], [0.30, 0.80, 0.30, 0.30],
             [0.30, 0.30, 0.82, 0.30]]
    assert _pair_links(MOVED_BASE, MOVED_VERSION, score) == {(0, 0), (2, 1), (3, 2), (1, 3)}


def test_under_threshold_pair_is_refused_when_not_a_mutual_first_choice():
    # the version sentence prefers another (unlinked) base sentence: no mutual choice
    score = [[0.85, 0.30, 0.30, 0.30], [0.30, 0.30, 0.30, 0.52], [0.30, 0.80, 0.30, 0.53],
             [0.30, 0.30, 0.82, 0.30]]
    assert (1, 3) not in _pair_links(MOVED_BASE, MOVED_VERSION, score)
    # too far under the threshold: a mutual choice in the background noise
    low = [[0.85, 0.30, 0.30, 0.30], [0.30, 0.30, 0.30, 0.40], [0.30, 0.80, 0.30, 0.30],
           [0.30, 0.30, 0.82, 0.30]]
    assert (1, 3) not in _pair_links(MOVED_BASE, MOVED_VERSION, low)


def test_mutual_best_takes_only_unlinked_mutual_first_choices():
    import numpy as np

    from scocompare.core import align_path

    s = np.array([[0.9, 0.3, 0.1], [0.5, 0.2, 0.45], [0.1, 0.48, 0.3]], dtype=np.float32)
    # row 0 is linked; row 1's first choice (col 0) is linked; row 2 <-> col 1 is mutual
    assert align_path.mutual_best(s, [(0, 0)], 0.44) == [(2, 1)]
    assert align_path.mutual_best(s, [(0, 0)], 0.49) == []
    s[1, 0] = -np.inf  # a forbidden pair: row 1 now prefers col 2, which prefers row 1
    assert align_path.mutual_best(s, [(0, 0), (2, 1)], 0.0) == [(1, 2)]


def test_headings_are_lines_alone_in_their_paragraph_without_a_final_stop():
    from scocompare.core.align_path import headings

    doc = make_doc("d1", [
        ["Statement of the Council of Ministers on water"],
        ["Karsk, 4 May 2025"],
        ["The council met in Karsk today.", "It agreed on a plan"],  # two segments: body
        ["Is my kettle affected?"],
        ['"We will act," the minister said.'],
        ["By our correspondent"],
    ])
    assert headings(doc.content_segments()) == {0, 1, 6}


def _paragraph_links(base_pars, version_pars, cells, threshold=0.59):
    """align_pair on documents made of paragraphs, scores 0.05 except ``cells``."""
    import numpy as np

    from scocompare.core.align import PairScores, align_pair

    base = make_doc("d1", base_pars).content_segments()
    version = make_doc("d2", version_pars).content_segments()
    s = np.full((len(base), len(version)), 0.05, dtype=np.float32)
    for (i, j), v in cells.items():
        s[i, j] = v
    links = align_pair(base, version, PairScores(s, s * 0.5), threshold)
    return {(int(lk.a.rsplit(".s", 1)[1]) - 1, int(lk.b.rsplit(".s", 1)[1]) - 1) for lk in links}


TITLE_BASE = [["Joint Statement of the Northern Rivers Council"],
              ["The council agreed today to set up a river authority.", "It will sit in Velmora."],
              ["Funding of 40 million euros was pledged.", "The chair thanked the host city."]]
TITLE_VERSION = [["Rivers council creates an authority"],
                 ["Leaders agreed on Monday to create a joint river authority based in Velmora.",
                  "The bank pledged 40 million euros."]]


def test_a_title_does_not_take_the_news_lead_from_its_source_sentence():
    # The statement's title sums up the story as the lead does and scores highest
    # against it; the lead must still link to the sentence it retells.
    cells = {(0, 1): 0.75, (1, 1): 0.62, (2, 1): 0.50, (0, 0): 0.60, (3, 2): 0.80}
    pairs = _paragraph_links(TITLE_BASE, TITLE_VERSION, cells)
    assert (1, 1) in pairs and (0, 1) not in pairs
    assert (0, 0) in pairs  # title and headline still link, after the body
    assert (3, 2) in pairs


def test_a_reading_path_link_must_reach_a_share_of_the_threshold():
    # Two texts far apart in topic: everything else scores 0.05, so a 0.33 between two
    # linked neighbours stands out from the background and lies on the reading path,
    # yet says little on its own.
    base = [[f"Base sentence {k} about the council budget." for k in range(6)]]
    version = [[f"Version sentence {k} about the weather." for k in range(6)]]
    cells = {(k, k): 0.8 for k in range(6)}
    cells[(2, 2)] = 0.33
    assert _paragraph_links(base, version, cells) == {(k, k) for k in range(6)} - {(2, 2)}
    cells[(2, 2)] = 0.42  # at 0.65 x 0.59 and above, order vouches for it as before
    assert _paragraph_links(base, version, cells) == {(k, k) for k in range(6)}


def test_unpunctuated_list_items_still_link_to_their_copies():
    base = [["The ministers agreed on three measures."], ["- lower tariffs on grain"],
            ["- a joint customs office"], ["They will meet again in June."]]
    version = [["Ministers agreed on three steps."], ["- lower tariffs on grain"],
               ["- a joint customs office"], ["The next meeting is in June."]]
    cells = {(0, 0): 0.8, (1, 1): 1.0, (2, 2): 1.0, (3, 3): 0.7, (1, 2): 0.3}
    assert _paragraph_links(base, version, cells) == {(0, 0), (1, 1), (2, 2), (3, 3)}


def test_a_document_of_headings_only_aligns_as_usual():
    lines = [["Rivers council creates an authority"], ["Funding pledged by the bank"]]
    assert _paragraph_links(lines, lines, {(0, 0): 0.9, (1, 1): 0.9}) == {(0, 0), (1, 1)}


def test_a_manual_link_on_a_title_is_kept():
    import numpy as np

    from scocompare.core.align import PairScores, align_pair

    base = make_doc("d1", TITLE_BASE).content_segments()
    version = make_doc("d2", TITLE_VERSION).content_segments()
    s = np.full((len(base), len(version)), 0.05, dtype=np.float32)
    s[1, 1] = 0.8
    links = align_pair(base, version, PairScores(s, s * 0.5), 0.59, forced={(0, 2)})
    assert {(lk.a, lk.b, lk.origin) for lk in links} == {("d1.s1", "d2.s3", "manual"), ("d1.s2", "d2.s2", "auto")}


def _merge_at_seam(surplus_value):
    """Two statement sentences merged into one version sentence that closes the
    version after the rest (a reorder seam: no context window for the second); the
    second scores 0.5 against it, under the 0.59 threshold but over the context bar."""
    import numpy as np

    from scocompare.core.align import PairScores, align_pair

    filler = [f"Filler sentence number {k} talks about {w}." for k, w in
              enumerate(["weather", "sport", "music", "trains", "cheese", "rivers"])]
    base = make_doc("d1", [["The council agreed to build three flood barriers.",
                            "Wetlands upstream will be protected."] + filler]).content_segments()
    version = make_doc("d2", [filler + ["The council will build three flood barriers and protect "
                                        "wetlands upstream."]]).content_segments()
    s = np.full((len(base), len(version)), 0.05, dtype=np.float32)
    s[0, 6], s[1, 6] = 0.8, 0.5
    for k in range(6):
        s[2 + k, k] = 0.95
    links = align_pair(base, version, PairScores(s, s * 0.5, lambda i, j, p, side: surplus_value), 0.59)
    return {(lk.a, lk.b) for lk in links}


def test_merge_partner_beside_its_first_half_links_under_the_threshold_when_carried():
    assert {("d1.s1", "d2.s7"), ("d1.s2", "d2.s7")} <= _merge_at_seam(0.1)


def test_merge_partner_under_the_threshold_needs_token_evidence():
    pairs = _merge_at_seam(0.0)
    assert ("d1.s1", "d2.s7") in pairs and ("d1.s2", "d2.s7") not in pairs


def test_the_base_title_is_not_counted_as_dropped():
    # A statement's title or dateline (alone in its paragraph, no final stop) is not news
    # a version leaves out: like boilerplate it stays out of coverage.
    a = make_doc("d1", [["Joint statement of the river council"], ["Karsk, 3 March"]] + BASE)
    b = make_doc("d2", [["Council agrees on flood warnings"]] + BASE)
    cv = compare([a, b]).coverage["d2"]
    assert "d1.s1" not in cv.dropped and "d1.s2" not in cv.dropped
    assert cv.covered == 1.0
    assert cv.added == ("d2.s1",)  # the version's own headline is still its addition


def test_reading_path_second_partner_must_carry_its_share():
    import numpy as np

    from scocompare.core.align import PairScores, align_pair

    from .helpers import make_doc

    # Version sentence 3 follows the retelling of base sentence 2 and scores 0.5 against
    # it (the path would stay on base 2 for free): a second half of it, or only a
    # neighbour on the same topic (another speaker's quote)? The token surplus decides.
    base = make_doc("d1", [["The agency approved the treatment for adults.",
                            '"The benefit is modest and the risks are real," the agency chief said.',
                            "Patients will be followed for five years.",
                            "Prices will be set later."]]).content_segments()
    version = make_doc("d2", [["Regulators approved the treatment.",
                               "The agency chief called the benefit modest and the risks real.",
                               '"For the right patient, a few months matter," a neurologist said.',
                               "Every patient will be followed for five years.",
                               "The price will be set later."]]).content_segments()
    s = np.full((4, 5), 0.12, dtype=np.float32)
    s[0, 0], s[1, 1], s[2, 3], s[3, 4] = 0.85, 0.8, 0.85, 0.9
    s[1, 2] = 0.5

    def links(surplus: float) -> set:
        got = align_pair(base, version, PairScores(s, s * 0.5, lambda i, j, p, side: surplus), 0.59)
        return {(lk.a, lk.b) for lk in got}

    assert ("d1.s2", "d2.s3") not in links(0.0)  # explains nothing the first partner does not
    assert ("d1.s2", "d2.s3") in links(0.06)  # a real second half
