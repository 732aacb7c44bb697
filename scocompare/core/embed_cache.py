"""On-disk cache of sentence embeddings, keyed by (model checksum, sentence hash).

Layout: ``<cache_dir>/embeddings/<model sha[:16]>/<shard>.npz``, each shard holding
``keys`` (uint8, n x 16: blake2b digests of the sentences) and ``vecs`` (float32, n x dim).
New embeddings go to a new shard, written atomically, so two processes never write the
same file; many small shards are merged into one now and then. Everything here is safe to
delete, and a corrupt or foreign shard is ignored (and removed) rather than trusted.
No SQLite: core stays free of it (DESIGN.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from scocompare.atomic import write_bytes_atomic

log = logging.getLogger(__name__)

KEY_BYTES = 16
# Above this many shards, the next write merges them: loading stays a handful of reads.
MAX_SHARDS = 16


def sentence_key(text: str) -> bytes:
    """16-byte digest of the exact text that is embedded."""
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

    def _shards(self) -> list[Path]:
        try:
            return sorted(self.dir.glob("*.npz"))
        except OSError:
            return []

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
        if self._loaded:
            return
        self._loaded = True
        for path in self._shards():
            shard = self._read_shard(path)
            if shard is None:
                continue
            for key, vec in zip(shard[0], shard[1], strict=True):
                self._mem[key.tobytes()] = vec

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, np.ndarray]:
        """Embeddings found for ``keys`` (missing keys are simply absent)."""
        self._load()
        return {k: self._mem[k] for k in keys if k in self._mem}

    def put_many(self, keys: Sequence[bytes], vecs: np.ndarray) -> None:
        """Remember new embeddings, in memory and in a new shard on disk."""
        if not keys:
            return
        self._load()
        vecs = np.asarray(vecs, dtype=np.float32)
        for key, vec in zip(keys, vecs, strict=True):
            self._mem[key] = vec
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            shards = self._shards()
            if len(shards) >= MAX_SHARDS:
                self._write(list(self._mem), np.stack(list(self._mem.values())))
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
        return len(self._mem)
