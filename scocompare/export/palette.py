"""How each kind of difference looks in exported reports (colour, glyph, label).

The window's table lives in ``scocompare.gui.kinds``; the export layer may not import
``gui`` (import-linter contract), so the printed reports carry their own copy of the
light palette. ``tests/test_export_palette.py`` fails as soon as the two drift apart.
Every kind has a glyph and a label besides its colour so that a greyscale print or a
colour-blind reader still tells the kinds apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Swatch:
    """Colour (``#rrggbb``), strong variant, glyph and label of one kind."""

    name: str
    label: str
    colour: str
    strong: str
    marker: str
    rank: int


_SWATCHES = (
    Swatch("identical", "Identical", "#e6f4ea", "#3c8d50", "=", 0),
    Swatch("near", "Near", "#c9e8cf", "#2e7d32", "\u2248", 1),
    Swatch("moved", "Moved", "#c4ecf2", "#00838f", "\u21c5", 2),
    Swatch("paraphrase", "Paraphrase", "#cfe1fb", "#1565c0", "~", 3),
    Swatch("partial", "Partial", "#fbf0b4", "#b59300", "\u00bd", 4),
    Swatch("added", "Added", "#e1d5f3", "#6a3fb5", "+", 5),
    Swatch("shift", "Meaning shift", "#ffd49a", "#e65100", "!", 6),
    Swatch("dropped", "Dropped", "#f9d0d4", "#c62828", "\u2212", 7),
    Swatch("conflict", "Conflict", "#ff9e94", "#b71c1c", "\u2260", 8),
    Swatch("boilerplate", "Boilerplate", "#eeeeee", "#8a8a8a", "\u00b7", -1),
)

SWATCHES: dict[str, Swatch] = {s.name: s for s in _SWATCHES}

# Kinds shown in the legend of every page, calm to alarming.
LEGEND = tuple(sorted((s for s in _SWATCHES if s.rank >= 0), key=lambda s: s.rank))

# Word-level marks inside a linked pair: words the version lost, words it brought.
DELETED_COLOUR = "#b3261e"
INSERTED_COLOUR = "#0b3d91"
TEXT_COLOUR = "#111111"
GREYED_COLOUR = "#7a7a7a"


def swatch(kind: str) -> Swatch:
    """The swatch of ``kind``; unknown kinds look like ``paraphrase`` (a neutral mark)."""
    return SWATCHES.get(kind, SWATCHES["paraphrase"])


def worst(kinds) -> str | None:
    """The kind among ``kinds`` that most deserves a reader's attention, or None."""
    known = [SWATCHES[k] for k in kinds if k in SWATCHES]
    return max(known, key=lambda s: s.rank).name if known else None
