"""Lexical scorer, scorer selection and the `scocompare similarity` command."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scocompare.cli import main
from scocompare.commands.similarity import read_pairs, score_pairs
from scocompare.core.errors import InputError, ScocompareError
from scocompare.core.similarity import (
    LexicalScorer,
    Scorer,
    get_scorer,
    tfidf_matrix,
    tfidf_pairs,
    tokens,
)
from tests.conftest import STS

BASE = [
    "The ministers agreed to expand cooperation on digital payments across the region.",
    "Leaders will meet again in Astana next year to review progress.",
    "The summit condemned attacks on civilian infrastructure.",
]
VERSION = [
    "Leaders will meet again next year in Astana to review the progress made.",
    "Ministers agreed to expand regional cooperation on digital payments.",
    "A spokesman declined to comment on the weather forecast.",
]


def test_tokens_lowercase_and_drop_possessive():
    assert tokens("Obama's U.N. plan, 2023!") == ["obama", "u", "n", "plan", "2023"]


def test_matrix_finds_reordered_counterparts():
    s = LexicalScorer()
    m = s.matrix(BASE, VERSION)
    assert m.shape == (3, 2 + 1) and m.dtype == np.float32
    assert ((m >= 0) & (m <= 1)).all()
    # Each base sentence's best match is its real counterpart, despite the reordering.
    assert m[0].argmax() == 1 and m[1].argmax() == 0
    # The unrelated sentence scores well below the true pairs.
    assert m[2].max() < min(m[0, 1], m[1, 0]) - 0.2


def test_identical_scores_one_and_disjoint_scores_low():
    s = LexicalScorer()
    assert s.matrix([BASE[0]], [BASE[0]])[0, 0] == pytest.approx(1.0, abs=1e-5)
    assert s.pairs(["alpha beta gamma"], ["delta epsilon zeta"])[0] < 0.3


def test_pairs_equal_matrix_diagonal():
    # IDF is computed from the texts given, so compare like with like: the diagonal of
    # the matrix over the same two lists.
    s = LexicalScorer()
    a, b = BASE, VERSION
    diag = np.diag(s.matrix(a, b))
    assert np.allclose(s.pairs(a, b), diag, atol=1e-5)
    assert np.allclose(tfidf_pairs(a, b), np.diag(tfidf_matrix(a, b)), atol=1e-5)


def test_components_and_protocol():
    s = get_scorer("lexical")
    assert isinstance(s, Scorer)
    assert s.name == "lexical-tfidf"
    assert 0 < s.default_threshold < 1
    parts = s.components(BASE, VERSION)
    assert {"score", "lexical", "tfidf", "fuzzy"} <= set(parts)
    for arr in parts.values():
        assert arr.shape == (3, 3)
    s.prepare(BASE)  # warm-up is allowed and harmless


def test_empty_inputs_and_wordless_texts():
    s = LexicalScorer()
    assert s.matrix([], VERSION).shape == (0, 3)
    assert s.matrix(BASE, []).shape == (3, 0)
    assert s.pairs([], []).shape == (0,)
    out = s.pairs(["", "!!!"], ["text here", "???"])
    assert np.isfinite(out).all() and ((out >= 0) & (out <= 1)).all()
    with pytest.raises(ValueError):
        s.pairs(["a"], [])


def test_unknown_scorer_is_one_line_error():
    with pytest.raises(ScocompareError, match="unknown scorer"):
        get_scorer("bogus")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=6),
       st.lists(st.text(max_size=60), min_size=1, max_size=6))
def test_scores_always_in_unit_interval(a, b):
    m = LexicalScorer().matrix(a, b)
    assert m.shape == (len(a), len(b))
    assert np.isfinite(m).all() and (m >= 0).all() and (m <= 1).all()


# --- the command -------------------------------------------------------------------------

def _write(tmp_path, text, name="pairs.tsv", mode="w"):
    p = tmp_path / name
    if mode == "wb":
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def test_command_one_score_per_line_in_order(tmp_path, capsys):
    lines = [
        "4.2\tLeaders meet in Astana\tLeaders met in Astana",
        "\tA sentence with no gold score\tSomething else entirely",  # unscored: still scored
        "extra\tcolumns\tare\tignored except\tthe last two",
        "0\tsame text\tsame text",
    ]
    p = _write(tmp_path, "\n".join(lines) + "\n")
    assert main(["similarity", str(p), "--scorer", "lexical"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(lines)
    scores = [float(x) for x in out]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores[3] == pytest.approx(1.0, abs=1e-3)
    assert scores[0] > scores[1]


def test_read_pairs_takes_last_two_columns(tmp_path):
    p = _write(tmp_path, "a\tb\tc\r\n\tx\ty\n")
    assert read_pairs(str(p)) == [("b", "c"), ("x", "y")]


@pytest.mark.parametrize("content,problem", [
    ("", "empty file"),
    ("only one column\n", "line 1"),
    (b"\x00\x01\x02binary", "binary"),
    (b"caf\xe9\tlatin-1\n", "not UTF-8"),
])
def test_command_bad_files_give_one_line(tmp_path, capsys, content, problem):
    p = _write(tmp_path, content, mode="wb" if isinstance(content, bytes) else "w")
    assert main(["similarity", str(p), "--scorer", "lexical"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and str(p) in err and problem in err
    with pytest.raises(InputError):
        read_pairs(str(p))


def test_command_missing_file_and_directory(tmp_path, capsys):
    assert main(["similarity", str(tmp_path / "nope.tsv")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["similarity", str(tmp_path)]) == 2
    assert "directory" in capsys.readouterr().err


def _sts_subset(year: int, n: int = 150):
    path = STS / f"headlines.{year}.tsv"
    if not path.is_file():
        pytest.skip(f"{path} is not beside the checkout (../shared/corpus)")
    pairs, gold = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and cols[0].strip():
            gold.append(float(cols[0]))
            pairs.append((cols[-2], cols[-1]))
        if len(pairs) == n:
            break
    return pairs, np.array(gold)


def test_lexical_quality_on_sts_2015_subset():
    # First 150 scored pairs of headlines 2015 (held out from fitting): measured r 0.737.
    pairs, gold = _sts_subset(2015)
    r = np.corrcoef(score_pairs(pairs, LexicalScorer()), gold)[0, 1]
    assert r >= 0.72


def test_components_are_remembered_and_read_only(monkeypatch):
    import scocompare.core.similarity as sim

    s = LexicalScorer()
    first = s.components(BASE, VERSION)
    calls = []
    monkeypatch.setattr(sim, "tfidf_matrix", lambda a, b: calls.append(1) or np.zeros((len(a), len(b))))
    again = s.components(BASE, VERSION)
    assert not calls, "the same lists were scored again"
    assert np.array_equal(first["score"], again["score"])
    with pytest.raises(ValueError):
        again["score"][0, 0] = 0.5  # shared with later callers: must not be edited in place
    # Different lists (even the same words split differently) are scored afresh.
    s.components(["".join(BASE)], VERSION)
    assert calls


def test_memo_stays_within_its_byte_budget():
    from scocompare.core.embed_cache import MatrixMemo as _Memo

    memo = _Memo(max_bytes=3000)
    for k in range(10):
        memo.put(_Memo.key(str(k)), {"score": np.zeros((10, 10), np.float32)})  # 400 bytes
    assert memo._bytes <= 3000
    assert memo.get(_Memo.key("9")) is not None and memo.get(_Memo.key("0")) is None


def test_blas_runs_on_one_thread_after_get_scorer():
    import os
    import subprocess
    import sys

    code = (
        "import ctypes, pathlib, numpy as np\n"
        "from scocompare.core.similarity import get_scorer\n"
        "get_scorer('lexical')\n"
        "root = pathlib.Path(np.__file__).resolve().parent.parent / 'numpy.libs'\n"
        "libs = sorted(root.glob('*openblas*')) if root.is_dir() else []\n"
        "if not libs: print('none'); raise SystemExit\n"
        "h = ctypes.CDLL(str(libs[0]))\n"
        "get = next(getattr(h, n) for n in ('scipy_openblas_get_num_threads64_',"
        " 'openblas_get_num_threads') if hasattr(h, n))\n"
        "print(get())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout.strip()
    if out == "none":
        pytest.skip("numpy here does not bundle OpenBLAS")
    assert out == "1"
