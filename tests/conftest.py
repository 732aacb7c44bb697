"""Shared test set-up: Qt offscreen before anything imports Qt; corpus paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
STS = CORPUS / "sts-headlines"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep sessions, caches and settings of tests out of the real user directories."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("SCOCOMPARE_HOME", str(base))
    yield


def seed_paths() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(files) < 2:
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    return files
