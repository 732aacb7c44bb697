"""The bundled demo set: a fictional summit statement and four versions of it.

All five texts were written for this project (no third-party words), so they can
ship with the package, appear in screenshots and be used as a gold standard.
"""

from __future__ import annotations

from pathlib import Path

from scocompare.paths import resources_dir

# The statement first (it is the base), then the versions in a fixed order:
# wire copy, heavy paraphrase, conflicting facts, commentary with boilerplate.
DEMO_FILES = (
    "00-statement.txt",
    "01-wire.txt",
    "02-paraphrase.txt",
    "03-conflict.txt",
    "04-commentary.txt",
)


def demo_dir() -> Path:
    """Folder holding the demo texts inside the installed package."""
    return resources_dir() / "demo"


def demo_paths() -> list[Path]:
    """Paths of the demo texts, base statement first, in display order."""
    folder = demo_dir()
    paths = [folder / name for name in DEMO_FILES]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        # A broken install, not user input: say which files are gone.
        raise FileNotFoundError(f"{folder}: demo files missing: {', '.join(missing)}")
    return paths
