#!/usr/bin/env python3
"""Pearson r of each scorer on SemEval STS headlines 2013, 2014, 2015.

    .venv/bin/python bench/sts_eval.py          # the table (and the CLI's own r)
    .venv/bin/python bench/sts_eval.py --fit    # refit the blend weights on 2013+2014

Reads ../shared/corpus/sts-headlines/ (third-party, never copied here), skips unscored
lines, and scores the pairs with the same function `scocompare similarity` calls
(scocompare.commands.similarity.score_pairs); it also runs the command itself as a
subprocess on each year and reports its r. The blend weights in similarity.py come from
--fit, which uses 2013 and 2014 only: 2015 is held out.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scocompare.commands.similarity import read_pairs, score_pairs  # noqa: E402
from scocompare.core import similarity  # noqa: E402

STS = ROOT.parent / "shared" / "corpus" / "sts-headlines"
YEARS = (2013, 2014, 2015)


def load_year(year: int, tmp: Path) -> tuple[Path, list[tuple[str, str]], np.ndarray]:
    """Scored lines of one year, written to a TSV that the command reads as is."""
    src = STS / f"headlines.{year}.tsv"
    kept = [line for line in src.read_text(encoding="utf-8").splitlines()
            if line.split("\t", 1)[0].strip()]
    path = tmp / f"headlines.{year}.scored.tsv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    gold = np.array([float(line.split("\t", 1)[0]) for line in kept])
    return path, read_pairs(str(path)), gold


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def components(scorer, pairs):
    return scorer.pair_components([a for a, _ in pairs], [b for _, b in pairs])


def fit(data, scorer) -> None:
    """Blend weights from 2013+2014 only: least squares of gold/5 on the components (for
    reference), and the convex combination (weights >= 0, summing to 1) with the best
    pooled r, which is what similarity.py uses: identical texts then score 1 and texts
    with nothing in common 0, so link thresholds keep a plain meaning."""
    train = [components(scorer, data[y][1]) for y in (2013, 2014)]
    gold = np.concatenate([data[y][2] for y in (2013, 2014)])
    pooled = {k: np.concatenate([p[k] for p in train]) for k in train[0]}
    test = {y: components(scorer, data[y][1]) for y in YEARS}
    for keys in (("tfidf", "fuzzy"), ("semantic", "tfidf", "fuzzy")):
        x = np.column_stack([np.ones_like(gold)] + [pooled[k] for k in keys])
        coef, *_ = np.linalg.lstsq(x, gold / 5.0, rcond=None)
        lsq = {"bias": float(coef[0])} | dict(zip(keys, map(float, coef[1:]), strict=True))
        best, best_r = None, -1.0
        steps = np.round(np.arange(0, 1.0001, 0.02), 2)
        for w1 in steps:
            for w2 in steps:
                if len(keys) == 2 and w2 != round(1 - w1, 2) or w1 + w2 > 1.0001:
                    continue
                w = {"bias": 0.0, keys[0]: float(w1), keys[1]: float(w2)}
                if len(keys) == 3:
                    w[keys[2]] = max(0.0, float(round(1 - w1 - w2, 2)))
                r = pearson(similarity._blend(pooled, w), gold)
                if r > best_r:
                    best, best_r = w, r
        for label, w in (("least squares", lsq), ("convex (used)", best)):
            shown = {k: round(v, 3) for k, v in w.items()}
            rs = ", ".join(f"{y} {pearson(similarity._blend(test[y], w), data[y][2]):.4f}" for y in YEARS)
            print(f"{' + '.join(keys)}, {label}: {shown}\n    r: {rs}")
        # Link threshold: best F1 at telling pairs rated >= 2.5/5 ("roughly equivalent")
        # from the rest, on 2013+2014.
        score, pos = similarity._blend(pooled, best), gold >= 2.5
        f1, cut = max((2 * (pos & (score >= t)).sum() / ((score >= t).sum() + pos.sum()), t)
                      for t in np.round(np.arange(0.2, 0.9, 0.01), 2))
        print(f"    threshold for gold >= 2.5: {float(cut):.2f} (F1 {f1:.3f} on 2013+2014)")


def cli_r(path: Path, gold: np.ndarray, kind: str) -> tuple[float, float]:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "scocompare", "similarity", str(path),
                          "--scorer", kind], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True).stdout.split()
    dt = time.perf_counter() - t0
    scores = np.array([float(s) for s in out])
    assert len(scores) == len(gold), "the command must print one score per line"
    return pearson(scores, gold), dt


def machine() -> str:
    from bench.machine import describe_machine

    return describe_machine()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fit", action="store_true", help="refit blend weights on 2013+2014")
    ap.add_argument("--no-cli", action="store_true", help="skip the subprocess runs")
    args = ap.parse_args()
    if not STS.is_dir():
        print(f"skipped: {STS} is not beside the checkout")
        return 0
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        # A fresh cache: the times below include embedding every headline once.
        os.environ["SCOCOMPARE_HOME"] = str(Path(tmp) / "home")
        data = {y: load_year(y, Path(tmp)) for y in YEARS}
        print("pairs: " + ", ".join(f"{y}: {len(data[y][1])}" for y in YEARS))
        t0 = time.perf_counter()
        blend = similarity.get_scorer("semantic")
        print(f"model load: {time.perf_counter() - t0:.2f} s ({blend.name})")
        if args.fit:
            fit(data, blend)
            return 0
        lexical = similarity.LexicalScorer()
        rows = {name: {} for name in ("tfidf cosine", "rapidfuzz token_set", "lexical (tfidf+fuzzy)",
                                      "semantic (MiniLM int8)", f"blend ({blend.name})")}
        times = {}
        for y in YEARS:
            pairs, gold = data[y][1], data[y][2]
            t0 = time.perf_counter()
            lex = score_pairs(pairs, lexical)
            times[("lexical", y)] = time.perf_counter() - t0
            t0 = time.perf_counter()
            scores = score_pairs(pairs, blend)  # cold: embeds both sides of every pair
            times[("blend", y)] = time.perf_counter() - t0
            parts = components(blend, pairs)
            rows["tfidf cosine"][y] = pearson(parts["tfidf"], gold)
            rows["rapidfuzz token_set"][y] = pearson(parts["fuzzy"], gold)
            rows["lexical (tfidf+fuzzy)"][y] = pearson(lex, gold)
            rows["semantic (MiniLM int8)"][y] = pearson(parts["semantic"], gold)
            rows[f"blend ({blend.name})"][y] = pearson(scores, gold)
        print()
        print(f"| {'scorer (Pearson r)':<28} | " + " | ".join(str(y) for y in YEARS) + " |")
        print(f"|{'-' * 30}|" + "|".join("------" for _ in YEARS) + "|")
        for name, r in rows.items():
            print(f"| {name:<28} | " + " | ".join(f"{r[y]:.3f}" for y in YEARS) + " |")
        print("\npublished, headlines 2015: TF-IDF baseline 0.726, best system of the task 0.825")
        print("\ntime to score (s, in process; blend includes embedding with an empty cache):")
        for y in YEARS:
            n = 2 * len(data[y][1])
            print(f"  {y}: lexical {times[('lexical', y)]:.2f}, blend {times[('blend', y)]:.2f}"
                  f" ({n} sentences, {n / times[('blend', y)]:.0f} sentences/s)")
        if not args.no_cli:
            print("\n`scocompare similarity FILE` (default scorer, subprocess, warm cache):")
            for y in YEARS:
                r, dt = cli_r(data[y][0], data[y][2], "auto")
                rl, dtl = cli_r(data[y][0], data[y][2], "lexical")
                print(f"  {y}: r {r:.4f} ({dt:.2f} s); --scorer lexical r {rl:.4f} ({dtl:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
