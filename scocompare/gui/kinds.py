"""The shared table of kinds (``scocompare.kinds``) plus the few helpers that need Qt.

The table itself lives outside ``gui`` so the exporters can draw the same colours and
cues without importing the window; this module re-exports it for the widgets and adds
the Qt conversions. Qt is still imported lazily, inside the helpers, so reading the
table through this module does not start Qt either.
"""

from __future__ import annotations

from scocompare.kinds import (  # noqa: F401  (re-exported for the widgets)
    FAITHFUL,
    GREYED_DARK,
    GREYED_LIGHT,
    KINDS,
    LINK_KINDS,
    TEXT_DARK,
    TEXT_LIGHT,
    VIEW_KINDS,
    KindStyle,
    is_dark_rgb,
    legend,
    legend_text,
    ordered,
    rank,
    style,
    text_colour,
    worst,
)


def palette_is_dark(widget=None) -> bool:
    """Whether ``widget`` (or the application) uses a dark palette."""
    from PySide6.QtGui import QGuiApplication, QPalette

    pal = widget.palette() if widget is not None else QGuiApplication.palette()
    c = pal.color(QPalette.ColorRole.Window)
    return is_dark_rgb(c.red(), c.green(), c.blue())


def qcolor(kind: str, dark: bool = False):
    """Background ``QColor`` of ``kind`` for the palette."""
    from PySide6.QtGui import QColor

    return QColor(style(kind).colour(dark))


def qbrush_pattern(kind: str):
    """The ``Qt.BrushStyle`` laid over the colour as the kind's second cue."""
    from PySide6.QtCore import Qt

    return getattr(Qt.BrushStyle, style(kind).pattern)
