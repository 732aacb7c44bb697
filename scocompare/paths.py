"""Where scocompare keeps its files: the platform's user directories.

``SCOCOMPARE_HOME`` overrides all of them (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "scocompare"


def _root(kind: str) -> Path:
    home = os.environ.get("SCOCOMPARE_HOME")
    if home:
        path = Path(home) / kind
    else:
        import platformdirs

        path = Path(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Sessions database and its backups."""
    return _root("data")


def cache_dir() -> Path:
    """Embedding cache; safe to delete."""
    return _root("cache")


def config_dir() -> Path:
    """Settings, recent files, window layout."""
    return _root("config")


def resources_dir() -> Path:
    """Bundled resources (demo set, model, icons), installed with the package."""
    return Path(__file__).resolve().parent / "resources"
