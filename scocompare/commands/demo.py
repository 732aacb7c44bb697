"""`scocompare demo [--headless]`: the bundled demo set in the window, or as a summary."""

from __future__ import annotations

import sys

VIEW_HINT = 'xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/scocompare demo'


def run(args) -> int:
    """Open the window on the demo set; with no display (or --headless) print the summary."""
    from scocompare.core.demo import demo_paths
    from scocompare.gui.app import has_display

    paths = demo_paths()
    if getattr(args, "headless", False) or not has_display():
        from scocompare.commands.compare import print_summary
        from scocompare.core.compare import compare_paths

        comparison = compare_paths(paths)
        print_summary(comparison, sys.stdout)
        why = "--headless" if getattr(args, "headless", False) else "no display found"
        print(f"\n({why}) To see the comparison window without a screen, run:\n  {VIEW_HINT}")
        return 0
    from scocompare.gui.app import run_window

    return run_window(paths)
