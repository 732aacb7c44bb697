"""The offline sentence-embedding model: all-MiniLM-L6-v2, int8 ONNX, run by onnxruntime.

The model ships in ``scocompare/resources/model/`` (built by tools/build_model.py from the
official weights) with its licence and a model.sha256 file (sha256sum format) that is checked at load, so a
damaged or swapped file is refused, never silently used. Nothing is downloaded: the
tokenizer and the ONNX graph are read from that folder only. onnxruntime and tokenizers are
imported when a model is loaded, not when this module is, so ``scocompare --version`` stays
fast. Sentences are embedded once (memory + on-disk cache keyed by the model checksum);
a variant that differs from an embedded sentence by a harmless word or two borrows its
embedding (embed_cache.NearIndex; ``reuse_near = False`` turns that off).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scocompare.core.embed_cache import BorrowPlanner, EmbeddingCache, sentence_key
from scocompare.core.model_files import (  # noqa: F401 - model_dir, SUMS_FILE: this module's API too
    ONNX_FILE,
    SUMS_FILE,
    TOKENIZER_FILE,
    TOKENIZER_SHA256,
    ModelUnavailable,
    model_dir,
    verify,
)

DIM = 384
# sentence-transformers truncates this model at 256 word pieces; news sentences are far
# shorter, the limit only guards against a whole paragraph passed as one "sentence".
MAX_TOKENS = 256


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


# Sentences run one at a time (never batched: the int8 graph scales its activations over
# the whole input, so a batch neighbour or padding would change an embedding), on THREADS
# threads side by side, each run on one onnxruntime thread: runs are independent, so
# nothing waits on a barrier between the graph's operators. Capped at 4: measured on 2
# cores only, and a desktop app should leave cores to the GUI.
THREADS = max(1, min(4, _cores()))
# Token states of every network run are kept (float16) up to this many bytes, so that a
# token-level reranker reuses the run that made the sentence embedding instead of running
# the network a second time. 36 word pieces x 384 x 2 bytes is about 28 KB per sentence.
STATES_BYTES = 160 << 20


def _share_work(lengths: np.ndarray, workers: int) -> list[np.ndarray]:
    """Indices of ``lengths`` dealt to at most ``workers`` lists of about equal total
    length: longest first, each to the least loaded list (so no thread ends alone with
    a long sentence)."""
    order = np.argsort(-lengths, kind="stable")
    shares: list[list[int]] = [[] for _ in range(max(1, min(workers, len(order))))]
    load = [0] * len(shares)
    for i in order.tolist():
        k = load.index(min(load))
        shares[k].append(i)
        load[k] += int(lengths[i])
    return [np.asarray(s, dtype=np.int64) for s in shares if s]


def _unit_states(ids: Sequence[int], hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(word-piece ids, unit-length float32 states) of one sentence's tokens, without
    [CLS] and [SEP]: those summarise the sentence, not one of its words."""
    n = len(ids)
    lo, hi = (1, n - 1) if n > 2 else (0, n)
    h = hidden[lo:hi].astype(np.float32)
    h /= np.maximum(np.linalg.norm(h, axis=1, keepdims=True), 1e-12)
    return np.asarray(ids[lo:hi], dtype=np.int64), h


@dataclass(frozen=True)
class _Plan:
    """Who borrows whose embedding among the sentences of one comparison."""

    keys: frozenset  # every sentence key the plan was made for
    borrowed: dict  # sentence key -> donor key
    donor_texts: dict  # donor key -> its text (to embed it when it is not cached)


class SentenceModel:
    """all-MiniLM-L6-v2 (int8): mean-pooled, L2-normalised 384-d sentence embeddings."""

    name = "minilm-int8"

    def __init__(self, directory: Path, cache_directory: Path | None = None):
        self.directory = directory
        self.sha256 = verify(directory)
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as err:
            raise ModelUnavailable(f"semantic scorer needs onnxruntime and tokenizers ({err})") from None
        try:
            tok = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
            # The file pads every input to 128; sentences run alone here, unpadded.
            tok.no_padding()
            tok.enable_truncation(MAX_TOKENS)
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            # A waiting onnxruntime thread spins by default; on a busy machine that burned
            # CPU another process (or our second run) needed: 8.6 -> 6.3 CPU s for 660
            # sentences with it off, the same embeddings.
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
            opts.log_severity_level = 3
            session = ort.InferenceSession(str(directory / ONNX_FILE), sess_options=opts,
                                           providers=["CPUExecutionProvider"])
        except Exception as err:  # a file that passed the checksum but still fails to load
            raise ModelUnavailable(f"{directory}: cannot load the model ({type(err).__name__}: {err})") from None
        self._tokenizer = tok
        self._session = session
        self._inputs = {i.name for i in session.get_inputs()}
        # At most THREADS runs at a time over all callers (a run is single-threaded;
        # InferenceSession.run is safe to call from several threads).
        self._runs = threading.BoundedSemaphore(THREADS)
        self._embed_lock = threading.RLock()  # cache look-up, planning and storing as one step
        self._inflight: dict[bytes, threading.Event] = {}  # sentences being run by some thread
        self.cache = EmbeddingCache(self.sha256, DIM, cache_directory)
        self.reuse_near = True
        # The borrowing plan of the comparison running on each thread (``plan``). Borrowed
        # embeddings live in memory only: the disk cache holds network output alone.
        self._plans = threading.local()
        self._counted: set[bytes] = set()
        # The last comparison's planner (a re-alignment or one more version continues it)
        # and recent plans by their sentence list.
        self._planner: BorrowPlanner | None = None
        self._recent: OrderedDict[bytes, _Plan] = OrderedDict()
        self.encoded = 0  # sentences run through the network by this instance
        self._states: OrderedDict[bytes, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._states_bytes = 0
        self._states_lock = threading.Lock()

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` with the network (no cache), each sentence on its own, on
        THREADS threads side by side."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = np.array([len(e.ids) for e in encodings])

        def run(idx: np.ndarray) -> None:
            for i in idx.tolist():
                hidden = self._run_one(encodings[i].ids)
                # Mean pooling over the tokens, then unit length: cosine becomes a dot product.
                pooled = hidden.mean(axis=0)
                out[i] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)  # one row per text
                self._keep_state(texts[i], *_unit_states(encodings[i].ids, hidden))

        shares = _share_work(lengths, THREADS)
        if len(shares) == 1:
            run(shares[0])
        else:
            with ThreadPoolExecutor(len(shares), thread_name_prefix="minilm") as pool:
                for fut in [pool.submit(run, idx) for idx in shares]:
                    fut.result()
        return out

    def _run_one(self, ids: Sequence[int]) -> np.ndarray:
        """Last-layer token states (tokens x 384) of one tokenised sentence, run alone."""
        x = np.asarray([ids], dtype=np.int64)
        feeds = {"input_ids": x, "attention_mask": np.ones_like(x)}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(x)
        with self._runs:
            return self._session.run(None, feeds)[0][0]

    def _keep_state(self, text: str, ids: np.ndarray, states: np.ndarray) -> None:
        """Remember one sentence's unit token states (float16), newest first out last."""
        item = (ids, states.astype(np.float16))
        key = sentence_key(text)
        with self._states_lock:
            old = self._states.pop(key, None)
            if old is not None:
                self._states_bytes -= old[1].nbytes
            self._states[key] = item
            self._states_bytes += item[1].nbytes
            while self._states_bytes > STATES_BYTES and self._states:
                _, old = self._states.popitem(last=False)
                self._states_bytes -= old[1].nbytes

    def plan(self, texts: Sequence[str]) -> None:
        """Fix, for the comparison about to run on this thread, which of ``texts`` (all its
        sentences, in document order) borrow a near duplicate's embedding: later calls
        with any of these texts follow it (``embed_cache.BorrowPlanner``)."""
        self._plans.current = self._make_plan([sentence_key(t) for t in texts], texts)

    def _make_plan(self, keys: Sequence[bytes], texts: Sequence[str]) -> _Plan:
        digest = hashlib.blake2b(b"".join(keys) + bytes([self.reuse_near]), digest_size=16).digest()
        with self._embed_lock:
            plan = self._recent.get(digest)
            if plan is not None:
                self._recent.move_to_end(digest)
                return plan
            last = self._planner
            if not self.reuse_near:
                borrowed = {}
            else:
                if last is None or len(keys) < len(last.keys) or list(keys[:len(last.keys)]) != last.keys:
                    last = self._planner = BorrowPlanner()
                # A list that only grew (a version added) continues where the last one stopped.
                last.extend(keys[len(last.keys):], texts[len(last.keys):])
                borrowed = dict(last.plan)
            self._counted |= borrowed.keys()
            donors = set(borrowed.values())
            plan = _Plan(frozenset(keys), borrowed,
                         {k: t for k, t in zip(keys, texts, strict=True) if k in donors})
            self._recent[digest] = plan
            while len(self._recent) > 8:
                self._recent.popitem(last=False)
            return plan

    @property
    def borrowed(self) -> int:
        """Sentences that have borrowed a near duplicate's embedding (benchmarks)."""
        return len(self._counted)

    def _plan_for(self, keys: Sequence[bytes], texts: Sequence[str]) -> _Plan:
        """The thread's comparison plan when it covers ``keys``, else one for this call."""
        current = getattr(self._plans, "current", None)
        if current is not None and current.keys.issuperset(keys):
            return current
        return self._make_plan(keys, texts)

    def signature(self, texts: Sequence[str]) -> bytes:
        """Digest of the embeddings ``texts`` get (their own, or a donor's): part of the
        key of anything computed from them and remembered."""
        keys = [sentence_key(t) for t in texts]
        plan = self._plan_for(keys, texts)
        h = hashlib.blake2b(digest_size=16)
        for k in keys:
            h.update(plan.borrowed.get(k, k))
        return h.digest()

    def token_states(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each text, (word-piece ids, unit-length last-layer token states as float32),
        both without [CLS]/[SEP]. States kept from earlier runs (``embed``) are reused, a
        sentence that borrowed a near duplicate's embedding gets that sentence's states;
        only the others run through the network (their embeddings are cached as well)."""
        keys = [sentence_key(t) for t in texts]
        borrowed = self._plan_for(keys, texts).borrowed
        with self._states_lock:
            have = {}
            for k in keys:
                # A borrowed sentence takes its donor's states too, as it took its
                # embedding: the same harmless-edit approximation, and no network run.
                donor = borrowed.get(k)
                if donor is not None and donor in self._states:
                    have[k] = self._states[donor]
                elif k in self._states:
                    have[k] = self._states[k]
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in have))
        if todo:
            vecs = self._encode(todo)
            with self._embed_lock:
                self.cache.put_many([sentence_key(t) for t in todo], vecs)
            self.encoded += len(todo)
            with self._states_lock:
                for t in todo:
                    k = sentence_key(t)
                    # A batch larger than the whole store: recompute what was pushed out.
                    have[k] = self._states.get(k) or self._keep_one(t)
        return [(have[k][0], have[k][1].astype(np.float32)) for k in keys]

    def _keep_one(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        ids = self._tokenizer.encode(text).ids
        return _unit_states(ids, self._run_one(ids))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings of ``texts``, shape (len(texts), 384); each distinct
        sentence is run through the network once, ever (memory and disk cache), and a
        harmless near duplicate of an earlier sentence of the comparison (``plan``; of this
        call when no plan covers it) not at all: it borrows that sentence's embedding."""
        keys = [sentence_key(t) for t in texts]
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        plan = self._plan_for(keys, texts)
        use = [plan.borrowed.get(k, k) for k in keys]
        text_of = dict(plan.donor_texts)
        text_of.update(zip(keys, texts, strict=True))
        known: dict[bytes, np.ndarray] = {}
        missing = list(dict.fromkeys(use))
        while missing:
            # The network runs outside the lock: another thread (a comparison's prefetch,
            # ``prefetch``) may embed other sentences meanwhile. A sentence another thread
            # is running already is waited for, not run twice.
            with self._embed_lock:
                known.update(self.cache.get_many(set(missing)))
                todo = {k: text_of[k] for k in missing if k not in known and k not in self._inflight}
                waits = [self._inflight[k] for k in missing if k not in known and k in self._inflight]
                for k in todo:
                    self._inflight[k] = threading.Event()
            try:
                if todo:
                    vecs = self._encode(list(todo.values()))
                    with self._embed_lock:
                        self.cache.put_many(list(todo), vecs)
                        known.update(zip(todo, vecs, strict=True))
                        self.encoded += len(todo)
            finally:
                with self._embed_lock:
                    for k in todo:
                        self._inflight.pop(k).set()
            for ev in waits:
                ev.wait()
            # What another thread ran is in the cache now (if it failed, run it here).
            missing = [k for k in missing if k not in known]
        return np.stack([known[k] for k in use]).astype(np.float32, copy=False)

    def prefetch(self, groups: Sequence[Sequence[str]], stop: threading.Event,
                 plan_texts: Sequence[str]) -> None:
        """Embed each group of texts in turn (the documents of a comparison, in order),
        on the calling thread, under the borrowing plan ``plan`` makes of ``plan_texts``
        (every text of the comparison, in document order); stops between groups once
        ``stop`` is set. Run beside the comparison, it lets the aligner start on the first
        documents while later ones are embedded."""
        self.plan(list(plan_texts))
        for group in groups:
            if stop.is_set():
                return
            self.embed(list(group))

    def cosine_matrix(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """Cosine of every (a[i], b[j]) embedding pair, clipped to [0, 1]."""
        if not a or not b:
            return np.zeros((len(a), len(b)), dtype=np.float32)
        ea, eb = self.embed(a), self.embed(b)
        # Negative cosines are rare for this model and mean "unrelated" just as 0 does.
        return np.clip(ea @ eb.T, 0.0, 1.0)

    def cosine_pairs(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """Cosine of each (a[i], b[i]) embedding pair, clipped to [0, 1]."""
        if len(a) != len(b):
            raise ValueError(f"pairs need lists of equal length, got {len(a)} and {len(b)}")
        if not a:
            return np.zeros(0, dtype=np.float32)
        ea, eb = self.embed(a), self.embed(b)
        return np.clip(np.einsum("ij,ij->i", ea, eb), 0.0, 1.0).astype(np.float32)


_loaded: dict[tuple, SentenceModel] = {}
_load_lock = threading.Lock()


def load_model(directory: Path | None = None) -> SentenceModel:
    """The bundled model, loaded and checked once per process (per folder and file state).

    Raises ModelUnavailable (a ScocompareError) with one line when it cannot be used."""
    directory = Path(directory) if directory is not None else model_dir()
    try:
        st = (directory / ONNX_FILE).stat()
        key = (str(directory.resolve()), st.st_size, st.st_mtime_ns)
    except OSError:
        key = (str(directory), None, None)
    with _load_lock:
        model = _loaded.get(key)
        if model is None:
            model = SentenceModel(directory)
            _loaded[key] = model
        return model
