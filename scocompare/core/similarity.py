"""Sentence-pair scoring: a lexical scorer (TF-IDF cosine + rapidfuzz) and a blend with
the offline semantic model (scocompare.core.semantic).

Every scorer returns scores in [0, 1] as float32 numpy arrays, for all pairs of two lists
(``matrix``) or for aligned pairs (``pairs``, what ``scocompare similarity`` needs). The
blend weights were fitted on STS headlines 2013+2014 only (``bench/sts_eval.py --fit``);
2015 is held out for reporting. See docs/alignment.md.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np

from scocompare.core.blas import limit_blas_threads
from scocompare.core.embed_cache import MatrixMemo
from scocompare.core.errors import ScocompareError

log = logging.getLogger(__name__)

# Letters and digits only: punctuation carries no content for matching, and "_" is not a word.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Lexical blend: TF-IDF cosine (content words, weighted by rarity) and rapidfuzz's
# token_set_ratio (robust to reordering and to one side being a subset of the other).
# Weights >= 0 summing to 1 (identical texts score 1), chosen for the best Pearson r on
# STS headlines 2013+2014 (bench/sts_eval.py --fit); 2015 is never used for fitting.
LEX_WEIGHTS = {"bias": 0.0, "tfidf": 0.58, "fuzzy": 0.42}

# Semantic blend: MiniLM cosine plus the lexical components, same procedure. rapidfuzz
# gets weight 0 here: it adds nothing once the embedding is in (its least-squares weight
# is negative); it is still computed for the "lexical" component the aligner reads.
SEM_WEIGHTS = {"bias": 0.0, "semantic": 0.78, "tfidf": 0.22, "fuzzy": 0.0}

# Link thresholds on the combined score: the best F1 at telling STS pairs rated >= 2.5/5
# ("roughly equivalent, some important information differs") from the rest, 2013+2014
# (bench/sts_eval.py --fit prints them).
LEXICAL_THRESHOLD = 0.45
SEMANTIC_THRESHOLD = 0.59

# The blend scorer computes rapidfuzz (the costly component, and weightless in the blend)
# only for pairs whose combined score reaches this floor; the aligner reads "lexical" only
# for pairs it links, and it links nothing under threshold - 0.15 (align.CONTEXT_DROP), so
# the floor sits under the lowest link bar of any threshold from 0.55 up. Elsewhere the
# fuzzy part is estimated by the TF-IDF cosine. bench/scale_bench.py prints the share of
# pairs scored in full.
CANDIDATE_FLOOR = 0.4


@runtime_checkable
class Scorer(Protocol):
    """What the aligner and the CLI expect from a scorer."""

    name: str
    default_threshold: float

    def matrix(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """Combined score of every (a[i], b[j]) pair, shape (len(a), len(b)), in [0, 1]."""
        ...

    def components(self, a: Sequence[str], b: Sequence[str]) -> dict[str, np.ndarray]:
        """The evidence behind ``matrix``: at least "score" and "lexical"."""
        ...

    def pairs(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """Score of each (a[i], b[i]) pair, shape (len(a),), in [0, 1]."""
        ...

    def prepare(self, texts: Sequence[str]) -> None:
        """Optional warm-up (embed every text once) before many ``matrix`` calls."""
        ...


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits) of ``text``; possessive 's dropped."""
    return list(_token_tuple(text))


@lru_cache(maxsize=65536)
def _token_tuple(text: str) -> tuple[str, ...]:
    # Cached: every sentence is tokenised once per comparison of many versions, not once
    # per (base, version) matrix it takes part in.
    words = _WORD.findall(text.lower())
    # "Obama's" -> "obama", "s": the stray "s" would match every other possessive.
    return tuple(w for w in words if w != "s")


@lru_cache(maxsize=65536)
def _term_counts(text: str) -> tuple[tuple[str, float], ...]:
    """(term, sublinear tf) of a text: repeats add little."""
    return tuple((t, 1.0 + math.log(c)) for t, c in Counter(_token_tuple(text)).items())


class _Weights:
    """Sparse TF-IDF rows of a list of texts, as COO arrays over a shared vocabulary."""

    def __init__(self, texts: Sequence[str], vocab: dict[str, int], idf: np.ndarray):
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, text in enumerate(texts):
            for term, tf in _term_counts(text):
                rows.append(i)
                cols.append(vocab[term])
                vals.append(tf)
        self.n = len(texts)
        self.rows = np.asarray(rows, dtype=np.int64)
        self.cols = np.asarray(cols, dtype=np.int64)
        w = np.asarray(vals, dtype=np.float64) * idf[self.cols] if cols else np.zeros(0)
        norms = np.sqrt(np.bincount(self.rows, weights=w * w, minlength=self.n))
        # An empty text (no words) has norm 0: leave its weights at 0 instead of dividing.
        safe = np.where(norms > 0, norms, 1.0)
        self.vals = (w / safe[self.rows]).astype(np.float32) if cols else np.zeros(0, np.float32)


def _vocab_idf(a: Sequence[str], b: Sequence[str]) -> tuple[dict[str, int], np.ndarray]:
    """Vocabulary and smoothed IDF over the distinct texts being compared."""
    vocab: dict[str, int] = {}
    df: Counter[str] = Counter()
    distinct = set(a) | set(b)
    for text in distinct:
        df.update(term for term, _ in _term_counts(text))
    for term in df:
        vocab[term] = len(vocab)
    n = len(distinct)
    idf = np.ones(len(vocab), dtype=np.float64)
    for term, i in vocab.items():
        # sklearn's smooth IDF: as if one extra text held every term, so no term gets 0.
        idf[i] = math.log((1 + n) / (1 + df[term])) + 1.0
    return vocab, idf


def tfidf_matrix(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """TF-IDF cosine of every (a[i], b[j]); IDF from the texts of ``a`` and ``b``."""
    out = np.zeros((len(a), len(b)), dtype=np.float32)
    if not a or not b:
        return out
    vocab, idf = _vocab_idf(a, b)
    wa, wb = _Weights(a, vocab, idf), _Weights(b, vocab, idf)
    # Only terms present on both sides contribute to a dot product, so the dense blocks
    # span that (small) shared vocabulary, not the whole one.
    shared = np.intersect1d(wa.cols, wb.cols)
    if shared.size == 0:
        return out
    index = np.full(len(vocab), -1, dtype=np.int64)
    index[shared] = np.arange(shared.size)
    da = np.zeros((wa.n, shared.size), dtype=np.float32)
    db = np.zeros((wb.n, shared.size), dtype=np.float32)
    ka, kb = index[wa.cols], index[wb.cols]
    da[wa.rows[ka >= 0], ka[ka >= 0]] = wa.vals[ka >= 0]
    db[wb.rows[kb >= 0], kb[kb >= 0]] = wb.vals[kb >= 0]
    np.matmul(da, db.T, out=out)
    return np.clip(out, 0.0, 1.0, out=out)


def tfidf_pairs(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """TF-IDF cosine of each (a[i], b[i]); IDF from all texts of ``a`` and ``b``."""
    _check_pairs(a, b)
    out = np.zeros(len(a), dtype=np.float32)
    if not a:
        return out
    vocab, idf = _vocab_idf(a, b)
    wa, wb = _Weights(a, vocab, idf), _Weights(b, vocab, idf)
    width = max(len(vocab), 1)
    # (row, term) keys are unique within each side; common keys are the shared terms of a pair.
    _, ia, ib = np.intersect1d(wa.rows * width + wa.cols, wb.rows * width + wb.cols,
                               assume_unique=True, return_indices=True)
    prod = wa.vals[ia].astype(np.float64) * wb.vals[ib]
    out[:] = np.bincount(wa.rows[ia], weights=prod, minlength=len(a))
    return np.clip(out, 0.0, 1.0, out=out)


def _fuzzy(a: Sequence[str], b: Sequence[str], *, paired: bool) -> np.ndarray:
    from rapidfuzz import fuzz, process, utils

    if paired:
        _check_pairs(a, b)
        if not a:
            return np.zeros(0, dtype=np.float32)
        if len(a) == 1:
            # One pair (the aligner reading a link's lexical score): cpdist's thread pool
            # cost 0.6 ms a call, the scorer itself 5 us. The same float32 value.
            res = [fuzz.token_set_ratio(a[0], b[0], processor=utils.default_process)]
        else:
            res = process.cpdist(list(a), list(b), scorer=fuzz.token_set_ratio,
                                 processor=utils.default_process, workers=-1, dtype=np.float32)
    else:
        if not a or not b:
            return np.zeros((len(a), len(b)), dtype=np.float32)
        res = process.cdist(list(a), list(b), scorer=fuzz.token_set_ratio,
                            processor=utils.default_process, workers=-1, dtype=np.float32)
    return np.asarray(res, dtype=np.float32) / 100.0


def fuzzy_where(a: Sequence[str], b: Sequence[str], mask: np.ndarray,
                estimate: np.ndarray) -> np.ndarray:
    """rapidfuzz token_set_ratio (in [0, 1]) of the (a[i], b[j]) pairs where ``mask`` is
    true; ``estimate`` (same shape) stands in for the others."""
    out = np.array(estimate, dtype=np.float32, copy=True)
    ii, jj = np.nonzero(mask)
    if ii.size:
        out[ii, jj] = _fuzzy([a[i] for i in ii], [b[j] for j in jj], paired=True)
    return out


class LazyLexical:
    """The "lexical" score of (a[i], b[j]) read pair by pair, as ``lazy[i, j]``: rapidfuzz
    runs for a pair the first time it is read. The aligner reads it only for the pairs it
    links (to name their kind), a few hundred of the tens of thousands it scores; the
    values are those ``components`` gives, bit for bit."""

    computed = 0  # pairs scored by rapidfuzz in this process, all instances (benchmarks)

    def __init__(self, a: Sequence[str], b: Sequence[str], tfidf: np.ndarray, weights: dict[str, float]):
        self._a, self._b, self._tfidf, self._weights = a, b, tfidf, weights
        self._got: dict[tuple[int, int], float] = {}
        self.shape = tfidf.shape

    def __getitem__(self, ij: tuple[int, int]) -> float:
        i, j = int(ij[0]), int(ij[1])
        value = self._got.get((i, j))
        if value is None:
            parts = {"tfidf": self._tfidf[i:i + 1, j], "fuzzy": _fuzzy([self._a[i]], [self._b[j]], paired=True)}
            value = self._got[i, j] = float(_blend(parts, self._weights)[0])
            LazyLexical.computed += 1
        return value


def _check_pairs(a: Sequence[str], b: Sequence[str]) -> None:
    if len(a) != len(b):
        raise ValueError(f"pairs need lists of equal length, got {len(a)} and {len(b)}")


def _blend(parts: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    score = np.full_like(parts["tfidf"], weights["bias"], dtype=np.float32)
    for key, w in weights.items():
        if key != "bias":
            score += np.float32(w) * parts[key]
    return np.clip(score, 0.0, 1.0, out=score)


class LexicalScorer:
    """TF-IDF cosine blended with rapidfuzz token_set_ratio; no model needed."""

    name = "lexical-tfidf"
    default_threshold = LEXICAL_THRESHOLD

    def __init__(self, weights: dict[str, float] | None = None):
        self.weights = dict(weights or LEX_WEIGHTS)
        self.memo = MatrixMemo()

    def _parts(self, a: Sequence[str], b: Sequence[str], paired: bool) -> dict[str, np.ndarray]:
        tf = tfidf_pairs(a, b) if paired else tfidf_matrix(a, b)
        parts = {"tfidf": tf, "fuzzy": _fuzzy(a, b, paired=paired)}
        parts["lexical"] = _blend(parts, self.weights)
        parts["score"] = parts["lexical"]
        return parts

    def _memo_key(self, a: Sequence[str], b: Sequence[str]) -> bytes:
        return MatrixMemo.key(self.name, repr(sorted(self.weights.items())), a, b)

    def components(self, a: Sequence[str], b: Sequence[str]) -> dict[str, np.ndarray]:
        """Matrices "score" (= "lexical"), "tfidf" and "fuzzy" for every (a[i], b[j]).

        Remembered (read-only arrays): the same lists again cost a lookup, which makes a
        re-alignment with another threshold, or with one more version, cheap."""
        key = self._memo_key(a, b)
        parts = self.memo.get(key)
        if parts is None:
            parts = self._parts(a, b, paired=False)
            self.memo.put(key, parts)
        return dict(parts)

    def pair_components(self, a: Sequence[str], b: Sequence[str]) -> dict[str, np.ndarray]:
        """Like ``components`` for the aligned pairs (a[i], b[i])."""
        return self._parts(a, b, paired=True)

    def matrix(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """Lexical score of every (a[i], b[j]), shape (len(a), len(b)), in [0, 1]."""
        return self.components(a, b)["score"]

    def pairs(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """Lexical score of each (a[i], b[i]), in [0, 1]."""
        return self.pair_components(a, b)["score"]

    def prepare(self, texts: Sequence[str]) -> None:
        """Nothing to warm up: the lexical scorer is computed from scratch each call."""


class BlendScorer(LexicalScorer):
    """MiniLM cosine blended linearly with the lexical components (the default scorer)."""

    default_threshold = SEMANTIC_THRESHOLD

    def __init__(self, model, weights: dict[str, float] | None = None,
                 lexical_weights: dict[str, float] | None = None,
                 candidate_floor: float = CANDIDATE_FLOOR):
        super().__init__(lexical_weights)
        self.model = model
        self.sem_weights = dict(weights or SEM_WEIGHTS)
        self.name = f"{model.name}+tfidf"
        self.candidate_floor = candidate_floor

    def _memo_key(self, a: Sequence[str], b: Sequence[str]) -> bytes:
        # The signature says which embeddings the texts get (a near duplicate borrows its
        # donor's in one comparison and may not in another): scores follow it.
        sig = self.model.signature([*a, *b]).hex() if hasattr(self.model, "signature") else ""
        return MatrixMemo.key(self.name, repr(sorted(self.weights.items())),
                              repr(sorted(self.sem_weights.items())), repr(self.candidate_floor), sig, a, b)

    def _parts(self, a: Sequence[str], b: Sequence[str], paired: bool) -> dict[str, np.ndarray]:
        if paired or self.sem_weights.get("fuzzy", 0.0) != 0.0:
            # Pairs are few and fully wanted; a fuzzy weight makes every pair need it.
            parts = super()._parts(a, b, paired)
        else:
            parts = {"tfidf": tfidf_matrix(a, b)}
            parts["fuzzy"] = parts["tfidf"]  # placeholder until the candidates are known
        parts["semantic"] = (self.model.cosine_pairs(a, b) if paired
                             else self.model.cosine_matrix(a, b))
        parts["score"] = _blend(parts, self.sem_weights)
        if "lexical" not in parts:
            # Cheap bound first: only pairs that can be linked get the costly fuzzy part.
            mask = parts["score"] >= self.candidate_floor
            parts["fuzzy"] = fuzzy_where(a, b, mask, parts["tfidf"])
            parts["lexical"] = _blend(parts, self.weights)
            parts["candidates"] = mask
        return parts

    def components(self, a: Sequence[str], b: Sequence[str]) -> dict[str, np.ndarray]:
        """Matrices "score", "semantic", "tfidf", "lexical", "fuzzy" and "candidates" (bool:
        where rapidfuzz was computed) for every (a[i], b[j]). "lexical" and "fuzzy" are
        exact where the combined score reaches ``candidate_floor``; elsewhere the fuzzy
        part is estimated by the TF-IDF cosine (such pairs are never linked)."""
        return super().components(a, b)

    def link_components(self, a: Sequence[str], b: Sequence[str]) -> dict:
        """"score" for every (a[i], b[j]) and "lexical" as a LazyLexical: what the aligner
        reads, without rapidfuzz on pairs it never links (memoised like ``components``)."""
        if self.sem_weights.get("fuzzy", 0.0) != 0.0:  # rapidfuzz is in the score itself
            return self.components(a, b)
        key = self._memo_key(a, b) + b"link"
        parts = self.memo.get(key)
        if parts is None:
            tfidf = tfidf_matrix(a, b)
            score = _blend({"tfidf": tfidf, "semantic": self.model.cosine_matrix(a, b),
                            "fuzzy": tfidf}, self.sem_weights)
            parts = {"score": score, "tfidf": tfidf}
            self.memo.put(key, parts)
        return {**parts, "lexical": LazyLexical(a, b, parts["tfidf"], self.weights)}

    def prepare(self, texts: Sequence[str]) -> None:
        """Fix the comparison's borrowing plan (which near duplicates share an embedding:
        decided by these texts alone) and embed every text once, so later ``matrix`` calls
        only look up."""
        if hasattr(self.model, "plan"):
            self.model.plan(list(texts))
        self.model.embed(list(texts))


def get_scorer(kind: str = "auto") -> Scorer:
    """The scorer for ``kind``: "semantic", "lexical", or "auto" (semantic when the bundled
    model loads, otherwise lexical with a warning). "semantic" raises ScocompareError with
    one line when the model cannot load."""
    limit_blas_threads()
    if kind == "lexical":
        return LexicalScorer()
    if kind not in ("auto", "semantic"):
        raise ScocompareError(f"unknown scorer {kind!r} (choose auto, semantic or lexical)")
    from scocompare.core import semantic

    try:
        model = semantic.load_model()
    except ScocompareError as err:
        if kind == "semantic":
            raise
        log.warning("semantic model unavailable, using the lexical scorer: %s", err)
        return LexicalScorer()
    return BlendScorer(model)
