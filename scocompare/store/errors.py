"""The store's one error type: a single line the user can act on."""

from __future__ import annotations

from scocompare.core.errors import ScocompareError


class StoreError(ScocompareError):
    """Session database or session file problem; ``str(err)`` is the line shown to the user."""
