"""One sentence spread over two of the other text (align_windows.beside_partners), on
hand-built score matrices with a stated token surplus: no model needed."""

import numpy as np

from scocompare.core import align_windows
from scocompare.core.align import PairScores, align_pair

from .helpers import make_doc

BASE = ["The river authority opened a new flood barrier at Delmouth.",
        "The barrier cost 40 million euros and protects 12,000 homes.",
        "Engineers will inspect it every spring."]


def _split(second: str, col: dict[int, float] | None = None, surplus: float = 0.08, lexical: bool = False,
           version_first: str = "The new Delmouth barrier cost 40 million euros."):
    """Base sentence 2 retold as version sentences 2 and 3; version sentence 3 scores
    only 0.35 against it (under every bar), ``col`` overrides its column."""
    base = make_doc("d1", [BASE]).content_segments()
    version = make_doc("d2", [["A flood barrier opened at Delmouth.", version_first, second,
                               "It will be inspected each spring."]]).content_segments()
    s = np.full((3, 4), 0.1, dtype=np.float32)
    s[0, 0], s[1, 1], s[2, 3] = 0.9, 0.8, 0.9
    s[1, 2] = 0.35
    for i, v in (col or {}).items():
        s[i, 2] = v
    fn = None if lexical else (lambda i, j, partners, side: surplus)
    links = align_pair(base, version, PairScores(s, s * 0.5, fn), 0.59)
    return {(lk.a, lk.b): lk.kind for lk in links}


def test_an_unlinked_second_half_joins_its_neighbours_partner():
    links = _split("It protects some 12,000 homes along the estuary.")
    assert links.get(("d1.s2", "d2.s3")) == "partial"
    assert ("d1.s2", "d2.s2") in links and len(links) == 4


def test_a_neighbour_with_a_better_partner_elsewhere_stays_unlinked():
    links = _split("It protects some 12,000 homes along the estuary.", col={0: 0.36})
    assert not any(b == "d2.s3" for _, b in links)


def test_a_neighbour_that_explains_little_of_the_partner_stays_unlinked():
    assert ("d1.s2", "d2.s3") not in _split("It protects some 12,000 homes.", surplus=0.03)


def test_a_neighbour_stating_a_figure_the_partner_lacks_stays_unlinked():
    assert ("d1.s2", "d2.s3") not in _split("A second barrier will cost 15 million euros.")
    # The same figure written another way is no obstacle.
    assert ("d1.s2", "d2.s3") in _split("It shields about 12000 homes.")


def test_the_lexical_fallback_takes_no_window_links():
    assert ("d1.s2", "d2.s3") not in _split("It protects some 12,000 homes along the estuary.", lexical=True)


def test_a_base_sentence_merged_into_its_neighbours_partner_joins_it():
    # Version sentence 2 merges base sentences 2 and 3; base 3 is only its first choice.
    base = make_doc("d1", [BASE + ["The chair thanked the town."]]).content_segments()
    version = make_doc("d2", [["A flood barrier opened at Delmouth.",
                               "The 40 million euro barrier, to be inspected every spring, protects 12,000 homes.",
                               "The town was thanked."]]).content_segments()
    s = np.full((4, 3), 0.1, dtype=np.float32)
    s[0, 0], s[1, 1], s[3, 2] = 0.9, 0.8, 0.9
    s[2, 1] = 0.33
    seen = []

    def surplus(i, j, partners, side):
        seen.append((i, j, tuple(partners), side))
        return 0.07

    links = align_pair(base, version, PairScores(s, s * 0.5, surplus), 0.59)
    assert ("d1.s3", "d2.s2") in {(lk.a, lk.b) for lk in links}
    assert (2, 1, (1,), "a") in seen  # target: the version sentence, beyond base sentence 2


def test_figures_found_compares_values_not_strings():
    assert align_windows.figures_found("It opened on 4 July.", "The barrier opened on July 4, 2023.")
    assert not align_windows.figures_found("It opened on 5 July.", "The barrier opened on July 4, 2023.")
    assert align_windows.figures_found("No figure here.", "Nor here.")


def test_a_neighbour_scoring_under_the_pairs_mean_stays_unlinked():
    # Its first choice, but under what unrelated sentences of these texts score on average.
    assert ("d1.s2", "d2.s3") not in _split("It protects some 12,000 homes along the estuary.", col={1: 0.2})
