"""`scocompare [gui] [FILE...]`: open the comparison window."""

from __future__ import annotations

from pathlib import Path

from scocompare.core.errors import InputError, ScocompareError


def _check_inputs(inputs: list[str]) -> list[Path]:
    """Refuse what cannot be opened before any window appears (one line per problem)."""
    paths = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            raise InputError(item, "is a folder; give the files inside it")
        if not p.exists():
            raise InputError(item, "no such file (saved sessions open from the Sessions menu)")
        paths.append(p)
    return paths


def run(args) -> int:
    """Open the window on the given files (none: an empty window)."""
    from scocompare.gui.app import has_display

    paths = _check_inputs(list(getattr(args, "inputs", []) or []))
    if not has_display():
        raise ScocompareError(
            "no display to open the window on; try: "
            'xvfb-run -s "-screen 0 1600x1000x24" scocompare gui ... '
            "or `scocompare compare FILE...` for a text summary")
    from scocompare.gui.app import run_window

    return run_window(paths)
