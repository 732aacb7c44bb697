"""The comparison as JSON (``scocompare.comparison/1``, see DESIGN.md)."""

from __future__ import annotations

from scocompare.core.model import Comparison
from scocompare.export.output import Target, write_text


def write_json(comparison: Comparison, path_or_file: Target) -> None:
    """Write the comparison JSON to a path (atomically), an open text file or "-" (stdout)."""
    from scocompare.core.report import dumps

    write_text(path_or_file, dumps(comparison) + "\n")
