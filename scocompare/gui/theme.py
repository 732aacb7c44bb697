"""Highlight styles of the text panes: colour per kind for light and dark palettes,
plus a second cue.

The shared look of each kind (label, colours, marker, underline) comes from
``scocompare.gui.kinds`` so panes, side panels and reports read alike. Colour alone
fails colour-blind readers and greyscale print-outs, so every kind also carries a
cue that survives without colour: an underline style, strike-out, overline, italic
or bold, and a marker glyph. The tests check that no two kinds share the same cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat

from scocompare.gui import kinds

U = QTextCharFormat.UnderlineStyle


@dataclass(frozen=True)
class KindStyle:
    """A kind as the text panes draw it: the shared look (kinds.py) plus text-only cues.

    Brush patterns (kinds.py's second cue for cells and strips) cannot be drawn under
    running text, so the panes add strike-out, overline, italic or bold where two
    kinds share an underline style.
    """

    kind: str
    label: str  # shown in the legend and the filter menu
    help: str  # tooltip: what the kind means for a journalist
    light: str  # background on a light palette
    dark: str  # background on a dark palette
    strong: str  # saturated colour for underlines and thin marks
    underline: U = U.NoUnderline
    strike: bool = False
    overline: bool = False
    italic: bool = False
    bold: bool = False
    marker: str = ""  # glyph in the legend and, for gaps/conflicts/moves, in the text

    def cue(self) -> tuple:
        """Everything but colour: must differ between kinds (checked by tests)."""
        return (self.underline, self.strike, self.overline, self.italic, self.bold, self.marker)


def _underline(name: str) -> U:
    # kinds.py names QTextCharFormat styles without the suffix ("DashLine" -> DashUnderline).
    for candidate in (name, name.replace("Line", "Underline"), name + "Underline"):
        if hasattr(U, candidate):
            return getattr(U, candidate)
    return U.SingleUnderline


# Text-only cues on top of kinds.py, where underline styles alone would collide
# (added/dropped share a solid line, shift/conflict a wavy one).
_TEXT_CUES = {
    "added": {"italic": True},
    "dropped": {"strike": True, "italic": True},
    "moved": {"overline": True},
    "conflict": {"bold": True},
    "boilerplate": {"italic": True},
}

STYLES: dict[str, KindStyle] = {
    ks.name: KindStyle(ks.name, ks.label, ks.description, ks.light, ks.dark, ks.strong,
                       underline=_underline(ks.underline), marker=ks.marker,
                       **_TEXT_CUES.get(ks.name, {}))
    for ks in kinds.ordered()
}

KINDS = tuple(STYLES)
# Kinds that count as a "difference" for F7 navigation (identical and boilerplate do not).
DIFFERENCE_KINDS = tuple(k for k in KINDS if k not in ("identical", "boilerplate"))


def is_dark(palette: QPalette) -> bool:
    """True when the palette's base (text background) is dark."""
    c = palette.color(QPalette.ColorRole.Base)
    return kinds.is_dark_rgb(c.red(), c.green(), c.blue())


def colour(kind: str, dark: bool) -> QColor:
    st = STYLES[kind]
    return QColor(st.dark if dark else st.light)


def primary(names) -> str:
    """The kind that decides a segment's colour: the one most deserving attention."""
    if "boilerplate" in names:
        return "boilerplate"
    return kinds.worst(names) or "identical"


def char_format(names, dark: bool) -> QTextCharFormat:
    """Format for a segment carrying kinds ``names``: colour of the primary kind, all cues."""
    names = set(names)
    fmt = QTextCharFormat()
    main = primary(names)
    st = STYLES[main]
    if main == "boilerplate":
        fmt.setForeground(QColor(kinds.GREYED_DARK if dark else kinds.GREYED_LIGHT))
        fmt.setFontItalic(True)
        return fmt
    fmt.setBackground(colour(main, dark))
    # Underline: the primary kind's style wins; otherwise the first kind that has one.
    for k in [main] + [s.name for s in reversed(kinds.ordered(names)) if s.name != main]:
        if STYLES[k].underline != U.NoUnderline:
            fmt.setUnderlineStyle(STYLES[k].underline)
            fmt.setUnderlineColor(underline_colour(k, dark))
            break
    fmt.setFontItalic(any(STYLES[k].italic for k in names))
    if any(STYLES[k].bold for k in names):
        fmt.setFontWeight(QFont.Weight.DemiBold)
    fmt.setFontOverline(any(STYLES[k].overline for k in names))
    fmt.setFontStrikeOut(st.strike)
    return fmt


def underline_colour(kind: str, dark: bool) -> QColor:
    """The kind's saturated colour, lightened on dark palettes so the line shows."""
    c = QColor(STYLES[kind].strong)
    return c.lighter(160) if dark else c


def gap_format(dark: bool) -> QTextCharFormat:
    """The 'dropped here' marker inserted into a version's text."""
    fmt = char_format({"dropped"}, dark)
    # The marker says "dropped" in words; striking the quoted text would hide it.
    fmt.setFontStrikeOut(False)
    fmt.setForeground(QColor("#d0d0d0") if dark else QColor("#444444"))
    fmt.setFontPointSize(max(7.0, QFont().pointSizeF() * 0.9))
    return fmt


def reviewed_format(dark: bool) -> QTextCharFormat:
    """The reviewed tick before a sentence: bold green glyph, no background, no underline."""
    fmt = QTextCharFormat()
    fmt.setForeground(QColor("#7fd88f") if dark else QColor("#1b7a2e"))
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setToolTip("Reviewed")
    return fmt


def selection_colours(dark: bool) -> tuple[QColor, QColor, QColor]:
    """(selected segment, its counterparts, text on both).

    Saturated backgrounds with white text: unlike the pastel kind colours, so a
    selection never reads as a kind.
    """
    if dark:
        return QColor("#3d7fd6"), QColor("#2c5f9e"), QColor("#ffffff")
    return QColor("#174ea6"), QColor("#4a78c2"), QColor("#ffffff")
