"""`scocompare similarity PAIRS.tsv [--scorer auto|semantic|lexical]`.

Prints exactly one score in [0, 1] per input line, in order, for the last two
tab-separated columns of each line (any columns before them, such as a gold score, are
ignored; choosing which pairs to evaluate is the caller's business).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from scocompare.core.errors import InputError

MAX_BYTES = 64 * 1024 * 1024


def read_pairs(source: str) -> list[tuple[str, str]]:
    """The (left, right) texts of each line of a TSV file ('-' = stdin).

    Raises InputError naming the file (and line) and the problem."""
    name = "<stdin>" if source == "-" else source
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            path = Path(source)
            if path.is_dir():
                raise InputError(name, "is a directory, not a TSV file")
            with open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as err:
        raise InputError(name, f"cannot read ({err.strerror or err})") from None
    if len(data) > MAX_BYTES:
        raise InputError(name, f"too large (over {MAX_BYTES // (1024 * 1024)} MB)")
    if not data.strip():
        raise InputError(name, "empty file")
    if b"\x00" in data:
        raise InputError(name, "binary file, expected tab-separated text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(name, f"not UTF-8 text (byte {err.start})") from None
    pairs: list[tuple[str, str]] = []
    # Only \n (and \r\n) end a line: str.splitlines would also split on characters such
    # as U+2028 inside a sentence and break "one score per input line".
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        cols = line.rstrip("\r").split("\t")
        if len(cols) < 2:
            raise InputError(name, f"line {number}: expected at least two tab-separated columns")
        pairs.append((cols[-2], cols[-1]))
    return pairs


def score_pairs(pairs: list[tuple[str, str]], scorer) -> np.ndarray:
    """Score of each pair with ``scorer`` (a similarity.Scorer), in input order."""
    if not pairs:
        return np.zeros(0, dtype=np.float32)
    left = [a for a, _ in pairs]
    right = [b for _, b in pairs]
    return np.clip(scorer.pairs(left, right), 0.0, 1.0)


def run(args) -> int:
    from scocompare.core.similarity import get_scorer

    pairs = read_pairs(args.pairs)
    scorer = get_scorer(getattr(args, "scorer", "auto") or "auto")
    scores = score_pairs(pairs, scorer)
    sys.stdout.write("".join(f"{s:.4f}\n" for s in scores))
    sys.stdout.flush()
    return 0
