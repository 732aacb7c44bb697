"""Report-only colours; the look of each kind comes from the shared ``scocompare.kinds``.

Reports are printed on white paper, so they always take the light variant of a
kind's colour. What is here has no counterpart in the window: the colours of the
word-level marks inside a linked pair.
"""

from __future__ import annotations

from scocompare.kinds import GREYED_LIGHT, TEXT_LIGHT, style

# Word-level marks inside a linked pair: words the version lost, words it brought.
# Dark ink (not a background) so that they stay readable over every kind's fill.
DELETED_COLOUR = "#b3261e"
INSERTED_COLOUR = "#0b3d91"
TEXT_COLOUR = TEXT_LIGHT
GREYED_COLOUR = GREYED_LIGHT


def fill(kind: str) -> str:
    """Background of ``kind`` on paper (the light variant)."""
    return style(kind).light
