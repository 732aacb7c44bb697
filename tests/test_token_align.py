"""Token-level soft alignment: candidate selection, IDF, precision/recall, rerank."""

import numpy as np
import pytest

from scocompare.core import token_align as T


def _unit(rows):
    v = np.asarray(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_candidates_are_top_k_of_rows_and_columns():
    s = np.array([[0.9, 0.1, 0.2], [0.3, 0.8, 0.1], [0.2, 0.7, -np.inf]])
    got = set(T.candidates(s, 1))
    assert got == {(0, 0), (1, 1), (2, 1), (0, 2)}  # row bests, plus the best of column 2
    got2 = set(T.candidates(s, 2))
    assert (2, 2) not in got2  # a forbidden pair is never a candidate
    assert {(0, 2), (1, 0), (2, 0)} <= got2
    assert T.candidates(np.zeros((0, 3)), 2) == []


def test_idf_weighs_rare_pieces_more():
    idf = T.idf_weights([np.array([1, 2]), np.array([1, 3]), np.array([1, 4, 4])])
    assert idf[2] > idf[1] and idf[3] == idf[2]
    w = T._weights(np.array([1, 2]), idf)
    assert w.sum() == pytest.approx(1.0) and w[1] > w[0]


def test_precision_and_recall_follow_containment():
    # a has three distinct "tokens"; b repeats two of them: all of b is in a (precision 1)
    # while only two thirds of a is in b (recall < 1).
    a = [(np.array([1, 2, 3]), _unit([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))]
    b = [(np.array([1, 2]), _unit([[1, 0, 0], [0, 1, 0]]))]
    idf = {1: 1.0, 2: 1.0, 3: 1.0}
    prec, rec = T.soft_pairs(a, b, [(0, 0)], idf)
    assert prec[0] == pytest.approx(1.0)
    assert rec[0] == pytest.approx(2 / 3, abs=1e-6)


def test_combine_keeps_identical_at_one_and_rewards_containment():
    assert T.combine(1.0, 1.0, 1.0) == pytest.approx(1.0)
    # same sentence score: a pair where one side is found inside the other ranks higher
    assert T.combine(0.5, 0.9, 0.4) > T.combine(0.5, 0.45, 0.4)


def test_open_pairs_skip_sure_hopeless_and_far_behind():
    s = np.array([
        [0.95, 0.55, 0.20],
        [0.50, 0.96, 0.60],
        [0.25, 0.62, 0.58],
    ])
    got = set(T._open_pairs(s, 3, floor=0.3, sure=0.9))
    assert (0, 0) not in got and (1, 1) not in got  # already sure
    assert (0, 2) not in got and (2, 0) not in got  # under the floor
    assert (0, 1) not in got  # both sentences have a sure partner elsewhere
    assert {(2, 1), (2, 2), (1, 2)} <= got  # sentence 2 (row and column) is still open


@pytest.fixture(scope="module")
def model():
    from scocompare.core import semantic

    try:
        return semantic.load_model()
    except Exception as err:  # noqa: BLE001 - any load failure means: no model here
        pytest.skip(f"bundled model unavailable: {err}")


def test_token_states_are_unit_vectors_without_special_tokens(model):
    ts = T.TokenStates(model)
    (ids, states), = ts.get(["Ministers met in Varna."])
    assert len(ids) == states.shape[0] == len(T.token_ids(model, ["Ministers met in Varna."])[0])
    assert states.shape[1] == 384
    assert np.allclose(np.linalg.norm(states, axis=1), 1.0, atol=1e-4)
    before = ts.encoded
    ts.get(["Ministers met in Varna."])
    assert ts.encoded == before  # cached by text


def test_split_part_is_found_in_its_source_sentence(model):
    source = ("The council approved a new water treaty and agreed to fund three flood barriers "
              "along the river delta.")
    part = "Three barriers against floods will be paid for in the delta."
    other = "The finance minister will present next year's budget in October."
    texts = [source, part, other]
    idf = T.idf_weights(T.token_ids(model, texts))
    st = T.token_states(model).get(texts)
    prec, rec = T.soft_pairs([st[0]], [st[1], st[2]], [(0, 0), (0, 1)], idf)
    assert prec[0] > rec[0]  # the part is inside its source, not the reverse
    assert prec[0] > prec[1] + 0.1  # and far better found there than an unrelated sentence


def test_rerank_changes_only_open_candidates(model):
    a = ["The council approved a new water treaty and agreed to fund three flood barriers "
         "along the river delta.",
         "The council also discussed the protection of wetlands upstream.",
         "Completely unrelated: a football match ended in a draw."]
    b = ["Three barriers against floods will be paid for in the delta.",
         "The council also discussed the protection of wetlands upstream."]
    score = np.array([[0.50, 0.40], [0.45, 1.0], [0.05, 0.10]], dtype=np.float32)
    idf = T.idf_weights(T.token_ids(model, a + b))
    out = T.rerank(model, a, b, score, idf, k=2)
    assert out[1, 1] == pytest.approx(1.0)  # sure: untouched
    assert out[2, 0] == pytest.approx(0.05)  # hopeless: untouched
    assert out[0, 0] != pytest.approx(0.50)  # open candidate: rescored
    assert out[0, 0] > out[1, 0]  # the split part ranks with its own source


def test_token_states_come_from_the_embedding_run(model):
    # A text no earlier run can have put in the embedding cache (the module's model may
    # have been loaded before the test's user dirs were isolated): a cached embedding
    # means no network run, hence no token states kept from it.
    import uuid

    text = f"Delegates from nine river towns signed the Varna flood charter, file {uuid.uuid4().hex[:8]}."
    model.embed([text])
    before = model.encoded
    (ids, states), = T.token_states(model).get([text])
    assert model.encoded == before  # no second network run for the rerank
    assert states.dtype == np.float32 and len(ids) == states.shape[0]


def test_token_ids_are_cached_and_read_only(model):
    texts = ["Ministers met in Varna.", "Ministers met in Varna.", "The talks ended."]
    first = T.token_ids(model, texts)
    assert first[0] is first[1] and not first[0].flags.writeable
    again = T.token_ids(model, texts[::-1])
    assert again[2] is first[0] and np.array_equal(again[0], first[2])
