"""Session names: what the user typed, made safe to show and store (never interpreted)."""

from __future__ import annotations

import unicodedata

from scocompare.store.errors import StoreError

MAX_NAME = 120


def clean_name(name: object) -> str:
    """NFC, no control or format characters, single spaces, at most MAX_NAME characters.

    Quotes, semicolons and SQL keywords are ordinary text: every query is parameterised.
    """
    if not isinstance(name, str):
        raise StoreError(f"a session name must be text, not {type(name).__name__}")
    text = unicodedata.normalize("NFC", name)
    # Control (Cc), format (Cf: bidi overrides, zero-width) and unassigned/surrogate chars
    # could make a name display as something else; they become spaces.
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") else ch
                   for ch in text)
    text = " ".join(text.split())[:MAX_NAME].strip()
    if not text:
        raise StoreError("a session needs a name (it was empty)")
    return text


def numbered(name: str, taken) -> str:
    """``name``, or ``name (2)``, ``name (3)``... whichever ``taken(candidate)`` says is free."""
    if not taken(name):
        return name
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = name[: MAX_NAME - len(suffix)].rstrip() + suffix
        if not taken(candidate):
            return candidate
        n += 1
