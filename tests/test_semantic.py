"""The bundled semantic model: offline loading, checksums, cache, fallback, STS quality."""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import sys

import numpy as np
import pytest

from scocompare.commands.similarity import score_pairs
from scocompare.core import semantic
from scocompare.core.embed_cache import EmbeddingCache
from scocompare.core.errors import ScocompareError
from scocompare.core.similarity import BlendScorer, LexicalScorer, get_scorer
from tests.test_similarity import _sts_subset

PARA_A = "The leaders agreed to deepen cooperation on digital transformation."
PARA_B = "Heads of state pledged closer collaboration on the digital economy."
OTHER = "Heavy rain flooded several villages in the north overnight."


@pytest.fixture(scope="module")
def model():
    try:
        return semantic.load_model()
    except semantic.ModelUnavailable as err:  # the model is committed: this should not happen
        pytest.fail(f"bundled model does not load: {err}")


@pytest.fixture
def model_copy(tmp_path, monkeypatch):
    """A private copy of the model folder, pointed to by SCOCOMPARE_MODEL_DIR."""
    dst = tmp_path / "model"
    shutil.copytree(semantic.model_dir(), dst)
    monkeypatch.setenv("SCOCOMPARE_MODEL_DIR", str(dst))
    return dst


def test_embeddings_are_unit_vectors_and_meaningful(model):
    e = model.embed([PARA_A, PARA_B, OTHER])
    assert e.shape == (3, semantic.DIM) and e.dtype == np.float32
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-4)
    # A paraphrase with few words in common is far closer than an unrelated sentence.
    assert e[0] @ e[1] > e[0] @ e[2] + 0.25


def test_an_embedding_does_not_depend_on_what_else_is_embedded(model, tmp_path):
    # The int8 graph scales activations over its whole input: sentences must run alone.
    fresh = semantic.SentenceModel(model.directory, cache_directory=tmp_path)
    alone = fresh._encode(["Short one."])[0]
    beside = fresh._encode(["A much longer sentence " * 12, "Short one.", "Another."])[1]
    assert np.array_equal(alone, beside)


def test_work_is_shared_evenly_and_covers_every_text_once():
    rng = np.random.default_rng(3)
    lengths = rng.integers(5, 90, size=300)
    for workers in (1, 2, 4):
        shares = semantic._share_work(lengths, workers)
        assert len(shares) == workers
        assert sorted(np.concatenate(shares).tolist()) == list(range(300))
        loads = [int(lengths[s].sum()) for s in shares]
        assert max(loads) - min(loads) <= int(lengths.max())
    assert len(semantic._share_work(np.array([30]), 2)) == 1


def test_threads_give_the_same_embeddings_and_states(model, tmp_path, monkeypatch):
    texts = [f"Sentence number {k} says the council met on day {k} to discuss item {k * 7}."
             + " It added more." * (k % 5) for k in range(60)]
    par = semantic.SentenceModel(model.directory, cache_directory=tmp_path / "a")
    monkeypatch.setattr(semantic, "THREADS", 2)
    got = par._encode(texts)
    states = par.token_states(texts)
    one = semantic.SentenceModel(model.directory, cache_directory=tmp_path / "b")
    monkeypatch.setattr(semantic, "THREADS", 1)
    want = one._encode(texts)
    want_states = one.token_states(texts)
    assert par.encoded == 0 and one.encoded == 0  # token_states reused the runs above
    assert np.array_equal(got, want)
    for (ids_a, h_a), (ids_b, h_b) in zip(states, want_states, strict=True):
        assert np.array_equal(ids_a, ids_b)
        assert np.array_equal(h_a, h_b)


def test_runs_with_network_blocked(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise OSError("network access blocked by the test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(semantic, "_loaded", {})  # force a real load under the block
    scorer = get_scorer("semantic")
    assert scorer.name == "minilm-int8+tfidf"
    m = scorer.matrix([PARA_A, OTHER], [PARA_B])
    assert m[0, 0] > m[1, 0]


def test_blend_scorer_components(model):
    s = BlendScorer(model)
    parts = s.components([PARA_A, OTHER], [PARA_B, PARA_A, OTHER])
    assert {"score", "lexical", "semantic", "tfidf", "fuzzy"} <= set(parts)
    for arr in parts.values():
        assert arr.shape == (2, 3) and ((arr >= 0) & (arr <= 1)).all()
    assert parts["score"][0, 1] == pytest.approx(1.0, abs=1e-3)  # identical sentence
    # Semantic evidence lifts the paraphrase above what words alone give it.
    assert parts["score"][0, 0] > parts["lexical"][0, 0]
    assert np.allclose(s.pairs([PARA_A, OTHER], [PARA_B, OTHER]),
                       s.matrix([PARA_A, OTHER], [PARA_B, OTHER]).diagonal(), atol=0.02)


def test_cache_embeds_each_sentence_once(model, tmp_path, monkeypatch):
    m1 = semantic.SentenceModel(model.directory, cache_directory=tmp_path)
    first = m1.embed([PARA_A, PARA_B, PARA_A])
    assert list(tmp_path.rglob("*.npz")), "nothing written to the disk cache"

    m2 = semantic.SentenceModel(model.directory, cache_directory=tmp_path)

    def no_network(texts):
        raise AssertionError(f"re-embedded {texts!r} despite the cache")

    monkeypatch.setattr(m2, "_encode", no_network)
    assert np.allclose(m2.embed([PARA_B, PARA_A]), first[[1, 0]])


def test_corrupt_cache_file_is_ignored_and_rebuilt(model, tmp_path):
    m1 = semantic.SentenceModel(model.directory, cache_directory=tmp_path)
    good = m1.embed([PARA_A])
    for shard in tmp_path.rglob("*.npz"):
        shard.write_bytes(b"not a numpy file at all")
    (next(tmp_path.iterdir()) / "garbage.npz").write_bytes(b"\x00" * 10)
    m2 = semantic.SentenceModel(model.directory, cache_directory=tmp_path)
    assert np.allclose(m2.embed([PARA_A]), good, atol=1e-6)
    # The damaged files are gone and the fresh embedding is cached again.
    cache = EmbeddingCache(model.sha256, semantic.DIM, tmp_path)
    assert len(cache) == 1


def test_cache_merges_many_shards(tmp_path):
    cache = EmbeddingCache("ab" * 32, 4, tmp_path)
    rng = np.random.default_rng(0)
    keys = [bytes([i]) * 16 for i in range(40)]
    for k in keys:
        cache.put_many([k], rng.random((1, 4), dtype=np.float32))
    shards = list(tmp_path.rglob("*.npz"))
    assert len(shards) <= 17
    assert len(EmbeddingCache("ab" * 32, 4, tmp_path).get_many(keys)) == 40


def test_cache_stays_bounded_and_keeps_the_newest(tmp_path, monkeypatch):
    from scocompare.core import embed_cache

    monkeypatch.setattr(embed_cache, "MAX_SHARDS", 3)
    monkeypatch.setattr(embed_cache, "MAX_ENTRIES", 5)
    cache = EmbeddingCache("cd" * 32, 4, tmp_path)
    keys = [bytes([i]) * 16 for i in range(12)]
    for i, k in enumerate(keys):
        cache.put_many([k], np.full((1, 4), i, dtype=np.float32))
    reopened = EmbeddingCache("cd" * 32, 4, tmp_path)
    assert len(reopened) <= 5 + 3  # one merged shard of 5, plus newer small shards
    got = reopened.get_many(keys)
    assert keys[-1] in got and keys[0] not in got
    assert float(got[keys[-1]][0]) == 11.0


def test_cache_folders_of_old_models_are_removed(tmp_path):
    import os
    import time

    old = tmp_path / ("0" * 16)
    recent = tmp_path / ("1" * 16)
    for d in (old, recent):
        d.mkdir()
        (d / "x.npz").write_bytes(b"")
    past = time.time() - 40 * 86400
    os.utime(old / "x.npz", (past, past))
    os.utime(old, (past, past))
    cache = EmbeddingCache("ab" * 32, 4, tmp_path)
    cache.get_many([b"k" * 16])
    assert not old.exists() and recent.exists()


def test_damaged_model_falls_back_to_lexical(model_copy, monkeypatch, caplog):
    monkeypatch.setattr(semantic, "_loaded", {})
    onnx = model_copy / semantic.ONNX_FILE
    data = bytearray(onnx.read_bytes())
    data[len(data) // 2] ^= 0xFF
    onnx.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING):
        scorer = get_scorer("auto")
    assert isinstance(scorer, LexicalScorer) and scorer.name == "lexical-tfidf"
    assert "checksum mismatch" in caplog.text
    with pytest.raises(ScocompareError, match="checksum mismatch") as info:
        get_scorer("semantic")
    assert "\n" not in str(info.value) and semantic.ONNX_FILE in str(info.value)


def test_missing_model_or_tampered_tokenizer(model_copy, monkeypatch):
    monkeypatch.setattr(semantic, "_loaded", {})
    (model_copy / semantic.ONNX_FILE).unlink()
    with pytest.raises(ScocompareError, match="model file missing"):
        get_scorer("semantic")
    assert get_scorer("auto").name == "lexical-tfidf"

    # A checksum list edited to accept another vocabulary is refused too.
    sums = model_copy / semantic.SUMS_FILE
    sums.write_text(sums.read_text().replace(semantic.TOKENIZER_SHA256, "0" * 64))
    with pytest.raises(ScocompareError, match="tokenizer checksum"):
        get_scorer("semantic")


def test_semantic_command_uses_model_by_default(tmp_path, capsys):
    from scocompare.cli import main

    p = tmp_path / "pairs.tsv"
    p.write_text(f"\t{PARA_A}\t{PARA_B}\n\t{PARA_A}\t{OTHER}\n", encoding="utf-8")
    assert main(["similarity", str(p)]) == 0
    out = [float(x) for x in capsys.readouterr().out.split()]
    assert len(out) == 2 and out[0] > out[1] + 0.2


def test_version_and_scorer_import_do_not_load_onnxruntime():
    code = ("import sys, io, contextlib\n"
            "from scocompare.cli import main\n"
            "import scocompare.core.similarity, scocompare.core.semantic\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['--version'])\n"
            "print(sorted(m for m in ('onnxruntime', 'tokenizers', 'torch') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_semantic_quality_on_sts_2015_subset(model):
    # First 150 scored pairs of headlines 2015 (never used for fitting): measured r 0.838
    # (semantic) and 0.840 (blend); the bounds sit a little under them.
    pairs, gold = _sts_subset(2015)
    blend = BlendScorer(model)
    r_blend = np.corrcoef(score_pairs(pairs, blend), gold)[0, 1]
    parts = blend.pair_components([a for a, _ in pairs], [b for _, b in pairs])
    r_sem = np.corrcoef(parts["semantic"], gold)[0, 1]
    assert r_sem >= 0.82
    assert r_blend >= 0.825


LONG = ("The ministers agreed to expand cooperation on flood forecasting networks and to fund "
        "vocational training programmes in the coming five years.")


def _variant(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("variant, borrows", [
    (_variant(LONG, "to expand", "to further expand"), True),  # one harmless word
    (_variant(LONG, "agreed to expand", "agreed to jointly expand"), True),
    (_variant(LONG, "agreed to", "did not agree to"), False),  # negation
    (_variant(LONG, "five years", "six years"), False),  # a different fact
    (_variant(LONG, "in the coming five years", "by 2030"), False),  # number, and too many edits
    (_variant(LONG, "agreed to", "may"), False),  # modality moved
    ("Heavy rain flooded several villages in the north overnight, officials said today.", False),
])
def test_near_duplicates_borrow_only_harmless_edits(variant, borrows):
    from scocompare.core.embed_cache import NearIndex

    index = NearIndex()
    index.add(b"k" * 16, LONG)
    assert (index.donor(variant) == b"k" * 16) is borrows


def test_short_sentences_never_borrow():
    from scocompare.core.embed_cache import NearIndex

    index = NearIndex()
    index.add(b"k" * 16, "Talks resumed on Monday in Geneva.")
    assert index.donor("Talks resumed again on Monday in Geneva.") is None


def test_variant_borrows_in_memory_only(model, tmp_path):
    variant = _variant(LONG, "to expand", "to further expand")
    m = semantic.SentenceModel(model.directory, cache_directory=tmp_path)
    e = m.embed([LONG, variant, OTHER])
    assert (m.encoded, m.borrowed) == (2, 1)
    assert np.array_equal(e[0], e[1])
    # The real embedding of the variant is close to the borrowed one (what makes it fair).
    exact = semantic.SentenceModel(model.directory, cache_directory=tmp_path / "x")
    exact.reuse_near = False
    assert float(exact.embed([variant])[0] @ e[1]) > 0.95
    assert exact.encoded == 1
    # Only network output reaches the disk cache; a new process borrows again, offline.
    assert len(EmbeddingCache(model.sha256, semantic.DIM, tmp_path)) == 2
    again = semantic.SentenceModel(model.directory, cache_directory=tmp_path)
    assert np.array_equal(again.embed([LONG, variant]), e[:2]) and again.encoded == 0


def test_embed_is_thread_safe(model, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    m = semantic.SentenceModel(model.directory, cache_directory=tmp_path)
    texts = [f"{LONG[:-1]} in region number {k}." for k in range(12)] + [PARA_A, PARA_B]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda k: m.embed(texts[k:] + texts[:k]), range(8)))
    for k, r in enumerate(results):
        assert np.allclose(r, results[0][[(i + k) % len(texts) for i in range(len(texts))]], atol=1e-6)
    assert m.encoded == len(texts)  # numbers differ: each sentence ran once, none borrowed


def test_pruned_fuzzy_and_borrowed_embeddings_give_the_same_links(model, tmp_path):
    from scocompare.core.compare import compare_documents
    from scocompare.core.demo import demo_paths
    from scocompare.core.ingest import load_path

    docs = [load_path(p, doc_id=f"d{k + 1}") for k, p in enumerate(demo_paths())]
    exact_model = semantic.SentenceModel(model.directory, cache_directory=tmp_path / "a")
    exact_model.reuse_near = False
    exact = BlendScorer(exact_model, candidate_floor=0.0)
    fast = BlendScorer(semantic.SentenceModel(model.directory, cache_directory=tmp_path / "b"))
    parts = fast.components([s.text for s in docs[0].content_segments()],
                            [s.text for s in docs[1].content_segments()])
    assert 0 < parts["candidates"].mean() < 0.7  # pruning did prune
    for thr in (None, 0.5, 0.7):
        a = compare_documents(docs, scorer=exact, threshold=thr)
        b = compare_documents(docs, scorer=fast, threshold=thr)
        assert {(lk.a, lk.b, lk.kind) for lk in a.links} == {(lk.a, lk.b, lk.kind) for lk in b.links}
        assert max(abs(x.score - y.score) for x, y in zip(
            sorted(a.links, key=lambda lk: (lk.a, lk.b)), sorted(b.links, key=lambda lk: (lk.a, lk.b)),
            strict=True)) < 0.06


def test_token_states_reuse_the_embedding_run(model, tmp_path, monkeypatch):
    m = semantic.SentenceModel(model.directory, cache_directory=tmp_path)
    m.embed([PARA_A, PARA_B])
    runs = []
    real = m._encode
    monkeypatch.setattr(m, "_encode", lambda texts: runs.append(list(texts)) or real(texts))
    states = m.token_states([PARA_B, OTHER, PARA_A])
    assert runs == [[OTHER]], "sentences already embedded ran through the network again"
    for (ids, h), text in zip(states, [PARA_B, OTHER, PARA_A], strict=True):
        assert ids.tolist() == m._tokenizer.encode(text).ids[1:-1]
        assert h.dtype == np.float32 and h.shape == (len(ids), semantic.DIM)
        assert np.allclose(np.linalg.norm(h, axis=1), 1.0, atol=1e-2)
    # Mean of the token states points the way of the sentence embedding.
    mean = states[2][1].mean(axis=0)
    assert float(mean @ m.embed([PARA_A])[0]) / float(np.linalg.norm(mean)) > 0.9
    # And the new sentence is cached as a sentence embedding too.
    assert len(EmbeddingCache(model.sha256, semantic.DIM, tmp_path)) == 3


def test_borrowed_sentence_takes_its_donors_token_states(model, tmp_path, monkeypatch):
    variant = _variant(LONG, "to expand", "to further expand")
    m = semantic.SentenceModel(model.directory, cache_directory=tmp_path)
    m.embed([LONG, variant])
    monkeypatch.setattr(m, "_encode", lambda texts: pytest.fail(f"network run for {texts}"))
    (ids_a, ha), (ids_b, hb) = m.token_states([LONG, variant])
    assert np.array_equal(ids_a, ids_b) and np.array_equal(ha, hb)


def test_lazy_lexical_equals_the_full_components(model):
    # The aligner reads "lexical" only where it links; computed lazily it must be the
    # same number components() gives wherever that one is exact.
    a = [PARA_A, OTHER, "The ministers will meet again in March to review the plan."]
    b = [PARA_B, "Ministers are to meet again in March and review the plan.", OTHER + " Roads closed."]
    scorer = BlendScorer(model)
    full = scorer.components(a, b)
    link = scorer.link_components(a, b)
    assert np.array_equal(link["score"], full["score"])
    exact = [(i, j) for i in range(3) for j in range(3) if full["candidates"][i, j]]
    assert len(exact) >= 3
    for i, j in exact:
        assert link["lexical"][i, j] == float(full["lexical"][i, j])
    # Pairs under the candidate floor get their real rapidfuzz part too, not the estimate.
    i, j = next((i, j) for i in range(3) for j in range(3) if not full["candidates"][i, j])
    assert 0.0 <= link["lexical"][i, j] <= 1.0


def test_same_documents_same_scores_whatever_came_before(model, tmp_path):
    # Which near duplicates share an embedding is decided by the compared texts alone:
    # neither earlier comparisons in the process nor the disk cache may move a score.
    from scocompare.core.compare import compare_documents
    from scocompare.core.demo import demo_paths
    from scocompare.core.ingest import load_path

    docs = [load_path(p, doc_id=f"d{k + 1}") for k, p in enumerate(demo_paths())]

    def run(scorer):
        c = compare_documents(docs, scorer=scorer)
        return sorted((lk.a, lk.b, lk.kind, lk.score) for lk in c.links)

    fresh = run(BlendScorer(semantic.SentenceModel(model.directory, cache_directory=tmp_path / "a")))
    used = BlendScorer(semantic.SentenceModel(model.directory, cache_directory=tmp_path / "b"))
    # Other comparisons first: the variants meet other donors, or none, and their own
    # embeddings reach the disk cache.
    compare_documents([docs[3], docs[2]], scorer=used)
    compare_documents([docs[4], docs[1]], scorer=used)
    assert run(used) == fresh
    # A new process on that disk cache too.
    again = BlendScorer(semantic.SentenceModel(model.directory, cache_directory=tmp_path / "b"))
    assert run(again) == fresh


def test_prefetch_beside_the_aligner_gives_the_same_comparison(model, tmp_path, monkeypatch):
    # Later documents are embedded on a thread of their own while the first ones are
    # aligned: same links and scores as embedding everything first, each sentence run once.
    import threading

    from scocompare.core import compare as C
    from scocompare.core.demo import demo_paths
    from scocompare.core.errors import Cancelled
    from scocompare.core.ingest import load_path

    docs = [load_path(p, doc_id=f"d{k + 1}") for k, p in enumerate(demo_paths())]

    def run(folder: str, prefetch: bool):
        monkeypatch.setattr(C, "PREFETCH", prefetch)
        m = semantic.SentenceModel(model.directory, cache_directory=tmp_path / folder)
        c = C.compare_documents(docs, scorer=BlendScorer(m))
        return sorted((lk.a, lk.b, lk.kind, lk.score, lk.note) for lk in c.links), m.encoded

    seen = []
    real_prefetch = semantic.SentenceModel.prefetch
    monkeypatch.setattr(semantic.SentenceModel, "prefetch",
                        lambda self, *a: (seen.append(threading.current_thread().name), real_prefetch(self, *a)))
    plain, n_plain = run("a", prefetch=False)
    assert seen == []
    fetched, n_fetched = run("b", prefetch=True)
    assert seen == ["scocompare-prefetch"]
    assert fetched == plain and n_fetched == n_plain

    # Cancelled while the thread runs: the comparison stops and the thread is gone.
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        C.compare_documents(docs, scorer=BlendScorer(semantic.SentenceModel(
            model.directory, cache_directory=tmp_path / "c")), cancelled=lambda: next(calls) >= 3)
    assert not any(t.name == "scocompare-prefetch" for t in threading.enumerate())
