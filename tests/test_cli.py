"""End-to-end command-line tests, run as a user would (subprocess, real files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scocompare.core.demo import demo_paths

from .conftest import ROOT, seed_paths


def run(*args, cwd=None, input=None, home=None):
    env = dict(os.environ)
    env.pop("SCOCOMPARE_DEBUG", None)
    if home:
        env["SCOCOMPARE_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "scocompare", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env, input=input, timeout=300)


def test_version_does_not_import_qt_or_onnx():
    r = run("--version")
    assert r.returncode == 0
    assert r.stdout.startswith("scocompare ") and "Python" in r.stdout and "Qt" in r.stdout
    code = ("import sys; from scocompare.cli import main; main(['--version']); "
            "bad=[m for m in ('PySide6','onnxruntime','numpy','rapidfuzz','trafilatura') if m in sys.modules]; "
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_help_lists_commands():
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("gui", "demo", "compare", "similarity", "sessions"):
        assert cmd in r.stdout


def test_compare_demo_writes_json_and_prints_summary(tmp_path):
    out = tmp_path / "c.json"
    r = run("compare", *demo_paths(), "--json", out, home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Coverage of the base" in r.stdout and "Conflicting facts" in r.stdout
    d = json.loads(out.read_text())
    assert d["format"] == "scocompare.comparison/1"
    assert len(d["documents"]) == 5 and d["base"] == "d1"
    assert set(d["coverage"]) == {"d2", "d3", "d4", "d5"}


def test_json_to_stdout_moves_summary_to_stderr(tmp_path):
    paths = demo_paths()[:2]
    r = run("compare", *paths, "--json", "-", "--base", "2", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["base"] == "d2"
    assert "Coverage of the base" in r.stderr


def test_seed_pair_reports_the_date_conflict(tmp_path):
    a, b = seed_paths()[:2]
    out = tmp_path / "seed.json"
    r = run("compare", a, b, "--json", out, home=tmp_path)
    assert r.returncode == 0, r.stderr
    d = json.loads(out.read_text())
    dates = [c for c in d["conflicts"] if c["kind"] == "date"]
    assert dates, r.stdout
    days = {v["value"].get("day") for c in dates for v in c["values"]}
    assert {4, 5} <= days


def _one_line_error(r, *needles):
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    for n in needles:
        assert n in lines[0], lines[0]


def test_bad_inputs_give_one_line_errors(tmp_path):
    good = demo_paths()[0]
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    _one_line_error(run("compare", good, tmp_path / "missing.txt", home=tmp_path), "missing.txt")
    _one_line_error(run("compare", good, tmp_path, home=tmp_path), str(tmp_path))
    _one_line_error(run("compare", good, empty, home=tmp_path), "empty.txt", "empty")
    _one_line_error(run("compare", good, binary, home=tmp_path), "blob.txt")
    _one_line_error(run("compare", good, home=tmp_path), "two files")
    _one_line_error(run("compare", good, good, "--base", "3", home=tmp_path), "--base")


def test_failed_compare_leaves_no_output_file(tmp_path):
    out = tmp_path / "never.json"
    r = run("compare", demo_paths()[0], tmp_path / "missing.txt", "--json", out, home=tmp_path)
    assert r.returncode != 0 and not out.exists()
    assert not list(tmp_path.glob("*.part"))


def test_output_into_missing_folder_is_refused_before_work(tmp_path):
    r = run("compare", *demo_paths()[:2], "--json", tmp_path / "no" / "c.json", home=tmp_path)
    _one_line_error(r, "folder does not exist")


@pytest.mark.parametrize("sub", [["demo", "--headless"]])
def test_demo_headless_prints_summary(sub, tmp_path):
    env_home = tmp_path
    r = run(*sub, home=env_home)
    assert r.returncode == 0, r.stderr
    assert "Coverage of the base" in r.stdout


def test_similarity_command_one_score_per_line(tmp_path):
    tsv = tmp_path / "p.tsv"
    tsv.write_text("4.0\tLeaders met in Karsk.\tLeaders met in Karsk on Monday.\n"
                   "\tRain fell all day.\tThe bank raised rates.\n"
                   "x\ty\tThe same sentence.\tThe same sentence.\n")
    r = run("similarity", tsv, "--scorer", "lexical", home=tmp_path)
    assert r.returncode == 0, r.stderr
    scores = [float(x) for x in r.stdout.split()]
    assert len(scores) == 3 and all(0 <= s <= 1 for s in scores)
    assert scores[2] > 0.99 and scores[0] > scores[1]


def test_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text()
    head = text[: text.find("\n## ")] if "\n## " in text else text
    assert "make demo" in head and "make test" in head
    assert Path(ROOT / ".ci" / "run").read_text().strip().endswith("make test")


def test_save_then_sessions_list_and_existing_name_refused_early(tmp_path):
    paths = demo_paths()[:2]
    r = run("compare", *paths, "--save", "Velmora coverage", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Velmora coverage" in run("sessions", "list", home=tmp_path).stdout
    again = run("compare", *paths, "--save", "Velmora coverage", home=tmp_path)
    _one_line_error(again, "already exists")


def test_sessions_list_keeps_columns_in_line_and_long_names_whole(tmp_path):
    """A long session name used to push its row's columns out of line (user check, round 4)."""
    long_name = "Statement of the nurses' union on the 48-hour strike at Saint Elsa General Hospital"
    a, b = demo_paths()[:2]
    for name in (long_name, "Short"):
        assert run("compare", a, b, "--scorer", "lexical", "--save", name, home=tmp_path).returncode == 0
    out = run("sessions", "list", home=tmp_path).stdout.splitlines()
    rows = [line for line in out if line.endswith((long_name, "Short"))]
    assert len(rows) == 2 and any(r.endswith(long_name) for r in rows)  # whole, copyable
    header = out[0]
    for column in ("UPDATED", "BASE", "NAME"):
        at = header.index(column)
        assert all(r[at - 2:at] == "  " and r[at] != " " for r in rows), (column, rows)
