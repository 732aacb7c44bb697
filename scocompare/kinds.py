"""One table of how each kind of difference looks, shared by the window and the reports.

The panes, the side panels, the legend, the PDF and the HTML export all draw the same
kinds (identical, near, paraphrase, partial, shift, added, dropped, moved, conflict,
boilerplate). Keeping label, colours, the second cue, the order and the description
in one place means a reader who learnt the legend in the window reads the printed
report the same way, and a colour changed here changes everywhere.

Every kind carries a second cue besides its colour (a marker glyph, an underline
style and a fill pattern) so that it survives colour blindness and greyscale
printing. Colours come in a light and a dark variant, both chosen so that the
palette's ordinary text colour stays readable on top of them.

This module is plain Python (no Qt, no SQLite) so that any layer may read it; the
helpers that turn a style into Qt objects live in ``scocompare.gui.kinds``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class KindStyle:
    """How one kind is shown.

    ``light``/``dark`` are background colours (``#rrggbb``) for light and dark
    palettes; ``strong`` is a saturated variant for thin marks (margin bars, heat
    strip outlines) that reads on both. ``marker`` is a short glyph used in cells and
    margins, ``underline`` a Qt text underline style name (``QTextCharFormat``'s
    ``UnderlineStyle`` without the suffix) and ``pattern`` a ``Qt.BrushStyle`` name
    laid over the colour where there is room, so the kind is told apart without hue.
    ``rank`` orders kinds from "nothing to see" to "look here first".
    """

    name: str
    label: str
    light: str
    dark: str
    strong: str
    marker: str
    underline: str
    pattern: str
    rank: int
    description: str

    def colour(self, dark: bool = False) -> str:
        """Background colour for a light (default) or dark palette."""
        return self.dark if dark else self.light


# Hues follow a "calm to alarming" order (green, blue, yellow, orange, red) and the
# remaining kinds take hues off that axis (purple for added, cyan for moved, grey for
# boilerplate) so neighbouring ranks never share a hue family. Dark variants keep the
# hue at low lightness so light text stays above 7:1 contrast.
_STYLES = (
    KindStyle("identical", "Identical", "#e6f4ea", "#1e3326", "#3c8d50", "=", "NoUnderline",
              "SolidPattern", 0, "Same wording as the base (spacing and case aside)."),
    KindStyle("near", "Near", "#c9e8cf", "#24452c", "#2e7d32", "\u2248", "DotLine",
              "SolidPattern", 1, "Lightly edited: a few words changed, added or removed."),
    KindStyle("moved", "Moved", "#c4ecf2", "#1a4449", "#00838f", "\u21c5", "DashDotDotLine",
              "SolidPattern", 2, "Kept, but at a different place in the text than in the base."),
    KindStyle("paraphrase", "Paraphrase", "#cfe1fb", "#1f3657", "#1565c0", "~", "DashLine",
              "Dense6Pattern", 3, "Same content in other words."),
    KindStyle("partial", "Partial", "#fbf0b4", "#4a4118", "#b59300", "\u00bd", "DashDotLine",
              "Dense5Pattern", 4, "Only part of the passage is carried over."),
    KindStyle("added", "Added", "#e1d5f3", "#3a2c57", "#6a3fb5", "+", "SingleUnderline",
              "BDiagPattern", 5, "In this version only: no counterpart in the base."),
    KindStyle("shift", "Meaning shift", "#ffd49a", "#5a3810", "#e65100", "!", "WaveUnderline",
              "CrossPattern", 6, "Close wording whose meaning moved (negation, modality, "
              "a dropped qualifier, another speaker)."),
    KindStyle("dropped", "Dropped", "#f9d0d4", "#56232a", "#c62828", "\u2212", "SingleUnderline",
              "FDiagPattern", 7, "In the base but missing from this version (a gap marker shows where)."),
    KindStyle("conflict", "Conflict", "#ff9e94", "#7a1d1d", "#b71c1c", "\u2260", "WaveUnderline",
              "DiagCrossPattern", 8, "States a different fact (date, number, ordinal, place, name)."),
    KindStyle("boilerplate", "Boilerplate", "#eeeeee", "#303030", "#8a8a8a", "\u00b7",
              "NoUnderline", "Dense7Pattern", -1, "Site furniture, never aligned: shown greyed."),
)

KINDS: dict[str, KindStyle] = {s.name: s for s in _STYLES}

# Link kinds as the engine produces them (model.LINK_KINDS) plus the view-only kinds.
LINK_KINDS = ("identical", "near", "paraphrase", "partial", "shift")
VIEW_KINDS = ("added", "dropped", "moved", "conflict", "boilerplate")
# Kinds that count as "kept as is" in divergence scores.
FAITHFUL = frozenset({"identical", "near"})

# Text colours that stay readable on the backgrounds above.
TEXT_LIGHT = "#111111"
TEXT_DARK = "#f2f2f2"
GREYED_LIGHT = "#7a7a7a"
GREYED_DARK = "#9a9a9a"


def legend() -> list[KindStyle]:
    """The kinds a legend explains, calm to alarming (boilerplate is left out: it is greyed)."""
    return [s for s in ordered() if s.rank >= 0]


def style(kind: str) -> KindStyle:
    """The style of ``kind``; unknown kinds fall back to ``paraphrase`` (a neutral mark)."""
    return KINDS.get(kind, KINDS["paraphrase"])


def ordered(kinds: Iterable[str] | None = None) -> list[KindStyle]:
    """Styles sorted from calm to alarming (legend order); all kinds when ``kinds`` is None."""
    names = KINDS if kinds is None else [k for k in kinds if k in KINDS]
    return sorted((KINDS[k] for k in names), key=lambda s: s.rank)


def worst(kinds: Iterable[str]) -> str | None:
    """The kind that most deserves attention among ``kinds`` (highest rank), or None."""
    best: KindStyle | None = None
    for k in kinds:
        s = KINDS.get(k)
        if s is not None and (best is None or s.rank > best.rank):
            best = s
    return best.name if best else None


def rank(kind: str | None) -> int:
    """Sort key of a kind; None (nothing there) sorts first."""
    if kind is None:
        return -2
    return style(kind).rank


def is_dark_rgb(r: int, g: int, b: int) -> bool:
    """Whether a window background of this colour is a dark palette (relative luminance)."""
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) < 128


def text_colour(dark: bool) -> str:
    """Ordinary text colour to draw on top of kind backgrounds."""
    return TEXT_DARK if dark else TEXT_LIGHT


def legend_text() -> str:
    """Plain-text legend ("= Identical: ...") for tooltips, the CLI and reports."""
    return "\n".join(f"{s.marker} {s.label}: {s.description}" for s in ordered())
