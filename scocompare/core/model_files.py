"""Where the bundled sentence model lives and how its files are checked before use.

The folder (``scocompare/resources/model/``, or ``SCOCOMPARE_MODEL_DIR``) holds the int8
ONNX graph, the official tokenizer and a model.sha256 file in sha256sum format; every listed
file must match, and the tokenizer's checksum is pinned here as well. Kept apart from the
model runner (semantic.py) so that the supply-chain checks read on their own.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from scocompare.core.errors import ScocompareError

ONNX_FILE = "minilm-l6-v2-int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
SUMS_FILE = "model.sha256"  # matches the "*.sha256" package-data pattern
# The official tokenizer.json of sentence-transformers/all-MiniLM-L6-v2; pinned here too so
# that editing model.sha256 alone cannot slip in another vocabulary.
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"

class ModelUnavailable(ScocompareError):
    """The bundled model is missing or damaged; the message is one line for the user."""


def model_dir() -> Path:
    """Folder of the bundled model; ``SCOCOMPARE_MODEL_DIR`` overrides it (tests, packagers)."""
    override = os.environ.get("SCOCOMPARE_MODEL_DIR")
    if override:
        return Path(override)
    from scocompare.paths import resources_dir

    return resources_dir() / "model"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _read_sums(directory: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    try:
        lines = (directory / SUMS_FILE).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ModelUnavailable(f"{directory / SUMS_FILE}: cannot read checksums ({err.strerror})") from None
    for line in lines:
        parts = line.split()
        if len(parts) == 2:
            sums[parts[1].lstrip("*")] = parts[0].lower()
    return sums


def verify(directory: Path) -> str:
    """Check the model files against model.sha256; return the ONNX file's sha256.

    The ONNX file and the tokenizer must be listed (the tokenizer with its official
    checksum); every other listed file (the licence) must match too.
    Raises ModelUnavailable naming the file and the problem."""
    sums = _read_sums(directory)
    if sums.get(TOKENIZER_FILE, TOKENIZER_SHA256) != TOKENIZER_SHA256:
        raise ModelUnavailable(f"{directory / SUMS_FILE}: tokenizer checksum is not the official one")
    wanted = {**sums, TOKENIZER_FILE: TOKENIZER_SHA256}
    if ONNX_FILE not in wanted:
        raise ModelUnavailable(f"{directory / SUMS_FILE}: no checksum for {ONNX_FILE}")
    for name, want in wanted.items():
        path = directory / name
        if not path.is_file():
            raise ModelUnavailable(f"{path}: model file missing")
        if _sha256(path) != want:
            raise ModelUnavailable(f"{path}: checksum mismatch (damaged or replaced model file)")
    return wanted[ONNX_FILE]
