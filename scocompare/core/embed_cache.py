"""Scores computed once: an on-disk cache of sentence embeddings keyed by (model checksum,
sentence hash), an index of near-duplicate sentences that may share an embedding, and an
in-memory LRU of score matrices (``MatrixMemo``).

Layout: ``<cache_dir>/embeddings/<model sha[:16]>/<shard>.npz``, each shard holding
``keys`` (uint8, n x 16: blake2b digests of the sentences) and ``vecs`` (float32, n x dim).
New embeddings go to a new shard, written atomically, so two processes never write the
same file; many small shards are merged into one now and then. Everything here is safe to
delete, and a corrupt or foreign shard is ignored (and removed) rather than trusted.
No SQLite: core stays free of it (DESIGN.md).

Coverage of one statement repeats its sentences with a word or two changed ("also",
a synonym), and each such variant is a new sentence for the network: 20 versions of 200
sentences are ~3,800 distinct texts, ~19 s of MiniLM on 2 cores. ``NearIndex`` finds, for a
new sentence, an already embedded one that differs by at most a few words, none of which
can carry a change of meaning (any number; a negation, modal, qualifier or polarity word
unless the shift detector sees no meaning shift between the two); the variant then
borrows that embedding (measured effect in docs/performance.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import re
import threading
import uuid
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from scocompare.atomic import write_bytes_atomic

log = logging.getLogger(__name__)

KEY_BYTES = 16
# Above this many shards, the next write merges them: loading stays a handful of reads.
MAX_SHARDS = 16
# A merge keeps the newest this many embeddings (1.5 KB each: about 90 MB, loaded into
# memory at the first comparison): the cache stays bounded however long it is used.
# Sessions keep their own results, so an old sentence pushed out only costs a network run.
MAX_ENTRIES = 60_000
# Folders of other model files (an earlier scocompare) untouched this long are removed.
STALE_DAYS = 30


@lru_cache(maxsize=131072)
def sentence_key(text: str) -> bytes:
    """16-byte digest of the exact text that is embedded (remembered: every re-alignment
    and every remembered matrix's key asks again for the same sentences)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=KEY_BYTES).digest()


class EmbeddingCache:
    """Embeddings of one model, in memory and under ``directory`` on disk."""

    def __init__(self, model_sha: str, dim: int, directory: str | os.PathLike | None = None):
        if directory is None:
            from scocompare.paths import cache_dir

            directory = cache_dir() / "embeddings"
        self.dir = Path(directory) / model_sha[:16]
        self.dim = dim
        self._mem: dict[bytes, np.ndarray] = {}
        self._loaded = False
        # Worker threads (GUI re-alignment) and the caller may embed at the same time.
        self._lock = threading.RLock()

    def _shards(self) -> list[Path]:
        """Shard files, oldest first (later ones win and are kept by a merge)."""
        try:
            found = [(p.stat().st_mtime_ns, p.name, p) for p in self.dir.glob("*.npz")]
        except OSError:
            return []
        return [p for _, _, p in sorted(found)]

    def _drop_stale_models(self) -> None:
        """Remove cache folders of other model files not used for STALE_DAYS."""
        import shutil
        import time

        cutoff = time.time() - STALE_DAYS * 86400
        try:
            others = [d for d in self.dir.parent.iterdir()
                      if d.is_dir() and d.name != self.dir.name and re.fullmatch(r"[0-9a-f]{16}", d.name)]
            for d in others:
                newest = max([d.stat().st_mtime] + [f.stat().st_mtime for f in d.iterdir()])
                if newest < cutoff:
                    shutil.rmtree(d, ignore_errors=True)
        except OSError:  # only a cache: never fail a comparison over it
            pass

    def _read_shard(self, path: Path) -> tuple[np.ndarray, np.ndarray] | None:
        try:
            with np.load(path, allow_pickle=False) as data:
                keys, vecs = data["keys"], data["vecs"]
            if (keys.dtype != np.uint8 or keys.ndim != 2 or keys.shape[1] != KEY_BYTES
                    or vecs.dtype != np.float32 or vecs.shape != (keys.shape[0], self.dim)
                    or not np.isfinite(vecs).all()):
                raise ValueError("unexpected shapes or values")
            return keys, vecs
        except Exception as err:  # any damage: drop the shard, it is only a cache
            log.warning("ignoring damaged embedding cache file %s: %s", path, err)
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def _load(self) -> None:
        with self._lock:
            if not self._loaded:
                self._loaded = True
                self._load_shards()
                self._drop_stale_models()

    def _load_shards(self) -> None:
        for path in self._shards():
            shard = self._read_shard(path)
            if shard is None:
                continue
            for key, vec in zip(shard[0], shard[1], strict=True):
                self._mem[key.tobytes()] = vec

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, np.ndarray]:
        """Embeddings found for ``keys`` (missing keys are simply absent)."""
        self._load()
        with self._lock:
            return {k: self._mem[k] for k in keys if k in self._mem}

    def put_many(self, keys: Sequence[bytes], vecs: np.ndarray) -> None:
        """Remember new embeddings, in memory and in a new shard on disk."""
        if not keys:
            return
        self._load()
        vecs = np.asarray(vecs, dtype=np.float32)
        with self._lock:
            for key, vec in zip(keys, vecs, strict=True):
                self._mem[key] = vec
            self._persist(keys, vecs)

    def _persist(self, keys: Sequence[bytes], vecs: np.ndarray) -> None:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            shards = self._shards()
            if len(shards) >= MAX_SHARDS:
                # Insertion order is age order (shards load oldest first): keep the newest.
                keep = list(self._mem)[-MAX_ENTRIES:]
                self._write(keep, np.stack([self._mem[k] for k in keep]))
                for old in shards:
                    with contextlib.suppress(OSError):
                        old.unlink()
            else:
                self._write(list(keys), vecs)
        except OSError as err:  # read-only or full disk: keep working from memory
            log.warning("cannot write the embedding cache in %s: %s", self.dir, err)

    def _write(self, keys: Sequence[bytes], vecs: np.ndarray) -> None:
        arr = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), KEY_BYTES)
        buf = io.BytesIO()
        np.savez(buf, keys=arr, vecs=vecs.astype(np.float32))
        write_bytes_atomic(self.dir / f"{uuid.uuid4().hex}.npz", buf.getvalue())

    def __len__(self) -> int:
        self._load()
        with self._lock:
            return len(self._mem)


# Score matrices kept per scorer (MatrixMemo).
MEMO_BYTES = 256 << 20


class MatrixMemo:
    """Thread-safe LRU of a scorer's component matrices, bounded by their size in bytes:
    re-aligning with another threshold, or with one more version, only scores what
    changed (about 0.6 MB for 200 x 200 sentences)."""

    def __init__(self, max_bytes: int = MEMO_BYTES):
        self.max_bytes = max_bytes
        self._items: OrderedDict[bytes, dict[str, np.ndarray]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @staticmethod
    def key(*parts) -> bytes:
        h = hashlib.blake2b(digest_size=16)
        for part in parts:
            if isinstance(part, str):
                h.update(part.encode("utf-8", "surrogatepass"))
            else:
                for text in part:
                    h.update(text.encode("utf-8", "surrogatepass"))
                    h.update(b"\x00")  # separator: ["ab", "c"] != ["a", "bc"]
            h.update(b"\x01")
        return h.digest()

    def get(self, key: bytes) -> dict[str, np.ndarray] | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self.hits += 1
            self._items.move_to_end(key)
            return item

    def put(self, key: bytes, parts: dict[str, np.ndarray]) -> None:
        size = sum(v.nbytes for v in parts.values())
        for v in parts.values():
            v.setflags(write=False)  # shared between callers: nobody may edit it in place
        with self._lock:
            if key in self._items or size > self.max_bytes:
                return
            self._items[key] = parts
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, old = self._items.popitem(last=False)
                self._bytes -= sum(v.nbytes for v in old.values())

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


# A variant borrows an embedding only when it is this close to an embedded sentence: at
# most NEAR_MAX_EDITS word edits, at most NEAR_MAX_RATIO of its words, and at least
# NEAR_MIN_WORDS words long (in a short sentence one word weighs too much).
NEAR_MAX_EDITS = 3
NEAR_MAX_RATIO = 0.1
NEAR_MIN_WORDS = 10
# Shingles (word trigrams) shared by more sentences than this say nothing about which
# one is the near duplicate; skipping them keeps the look-up linear.
_MAX_POSTING = 64
# Spelled-out quantities are facts as much as digits are ("five" vs "six" years).
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "trillion half third quarter dozen dozens first second fourth fifth tenth once twice "
    "double triple".split())
_WORD = re.compile(r"[^\W_]+(?:n['’]t)?", re.UNICODE)


def _meaning_words() -> frozenset[str]:
    """Words whose change alone can move a sentence's meaning (from the shift detector)."""
    from scocompare.core import shift

    words = set(shift.NEGATORS) | set(shift.MODAL_CLASS) | set(shift.QUALIFIER_CLASS)
    words |= set(shift.POLARITY)
    for phrase in list(words):
        if "_" in phrase:  # in_principle: the tokens here are single words
            words.update(phrase.split("_")[1:])
    return frozenset(w for w in words if "_" not in w)


class NearIndex:
    """Embedded sentences by word trigram, to find a near duplicate of a new sentence."""

    def __init__(self):
        self._words: list[tuple[str, ...]] = []
        self._texts: list[str] = []
        self._keys: list[bytes] = []
        self._postings: dict[tuple[str, ...], list[int]] = {}
        self._known: set[bytes] = set()
        self._guard: frozenset[str] | None = None
        self._lock = threading.Lock()

    @staticmethod
    def words(text: str) -> tuple[str, ...]:
        """Lower-cased words of ``text``; "n't" stays attached so that it counts as a change."""
        return tuple(_WORD.findall(text.casefold()))

    @staticmethod
    def _shingles(words: tuple[str, ...]) -> set[tuple[str, ...]]:
        return {words[k:k + 3] for k in range(max(len(words) - 2, 1))}

    def add(self, key: bytes, text: str) -> None:
        """Offer ``text`` (whose real embedding is stored under ``key``) as a donor."""
        with self._lock:
            if key in self._known:
                return
            words = self.words(text)
            if len(words) < NEAR_MIN_WORDS:
                return
            self._known.add(key)
            idx = len(self._words)
            self._words.append(words)
            self._texts.append(text)
            self._keys.append(key)
            for sh in self._shingles(words):
                self._postings.setdefault(sh, []).append(idx)

    def donor(self, text: str) -> bytes | None:
        """Key of an indexed sentence ``text`` may borrow the embedding of, or None."""
        from rapidfuzz.distance import Levenshtein

        words = self.words(text)
        if len(words) < NEAR_MIN_WORDS:
            return None
        with self._lock:
            votes: Counter[int] = Counter()
            used = 0
            for sh in self._shingles(words):
                posting = self._postings.get(sh, ())
                if len(posting) <= _MAX_POSTING:
                    votes.update(posting)
                    used += 1
            budget = min(NEAR_MAX_EDITS, int(NEAR_MAX_RATIO * len(words)))
            # One word edit spoils at most 3 trigrams: a donor sharing fewer of the
            # trigrams looked up cannot be close (the common ones were not looked up).
            need = max(used - 3 * budget, 1)
            for idx, count in votes.most_common(3):
                if count < need:
                    break
                other = self._words[idx]
                if abs(len(other) - len(words)) > budget:
                    continue
                if Levenshtein.distance(words, other, score_cutoff=budget) > budget:
                    continue
                if self._harmless(words, other, text, self._texts[idx]):
                    return self._keys[idx]
        return None

    def _harmless(self, a: tuple[str, ...], b: tuple[str, ...], text_a: str, text_b: str) -> bool:
        """True when no changed word is a number, and either no changed word is a meaning
        word (negation, modal...) or the shift detector finds no shift between the texts."""
        from rapidfuzz.distance import Levenshtein

        from scocompare.core.shift import detect_shift

        if self._guard is None:
            self._guard = _meaning_words()
        changed: set[str] = set()
        for op in Levenshtein.editops(a, b):
            if op.tag in ("replace", "delete"):
                changed.add(a[op.src_pos])
            if op.tag in ("replace", "insert"):
                changed.add(b[op.dest_pos])
        if any(w in NUMBER_WORDS or any(c.isdigit() for c in w) for w in changed):
            return False  # numbers are facts: 5 and 7 million must be told apart
        if not any(w in self._guard or "'" in w or "’" in w for w in changed):
            return True
        # "strengthen" -> "reinforce" is harmless, "will" -> "will not" is not: ask the
        # detector that marks shifted links (slower, so only for these few pairs).
        return detect_shift(text_b, text_a) is None


class BorrowPlanner:
    """Which of a list of texts borrow an embedding, and whose: a text borrows from the
    first earlier text of the same list that it is a harmless near duplicate of (never
    from one that borrows itself). It depends on the list alone, not on what a process or
    the disk cache met before, so the same documents always get the same scores. A list
    that only grows (a version added) is planned from where the last one stopped."""

    def __init__(self) -> None:
        self.keys: list[bytes] = []
        self.plan: dict[bytes, bytes] = {}
        self._near = NearIndex()
        self._seen: set[bytes] = set()

    def extend(self, keys: Sequence[bytes], texts: Sequence[str]) -> None:
        for key, text in zip(keys, texts, strict=True):
            self.keys.append(key)
            if key in self._seen or key in self.plan:
                continue
            donor = self._near.donor(text)
            if donor is None:
                self._near.add(key, text)
                self._seen.add(key)
            else:
                self.plan[key] = donor
