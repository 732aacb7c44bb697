"""Manual corrections as undoable commands: link, unlink ("must not link"), reviewed.

The user's decisions are stored as ``model.Constraint`` records keyed by ``Anchor``
(document sha256 + offsets + text hash, see DESIGN.md), never by segment id, so
they survive re-alignment, a changed threshold and an engine upgrade. The window
keeps one ``ConstraintSet``; each user action is a ``QUndoCommand`` pushed on the
window's ``QUndoStack``; every change calls the set's callback so the window can
re-align (links and unlinks) or just repaint (reviewed marks).

Constraint kinds: ``"link"`` and ``"unlink"`` are fed to the aligner;
``"reviewed"`` marks a difference as checked, with an optional note. A reviewed mark
on a single passage (a dropped or added sentence) has ``a == b``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import astuple

from PySide6.QtGui import QUndoCommand

from scocompare.core.model import Anchor, Comparison, Constraint

LINK = "link"
UNLINK = "unlink"
REVIEWED = "reviewed"
ALIGNER_KINDS = (LINK, UNLINK)

# callback(constraints, realign): realign is False when only reviewed marks changed.
ChangeCallback = Callable[[tuple[Constraint, ...], bool], None]


def anchor_for(comparison: Comparison, seg_id: str) -> Anchor:
    """The anchor of segment ``seg_id`` in ``comparison`` (KeyError when unknown)."""
    seg = comparison.segment(seg_id)
    return Anchor.of(comparison.document(seg.doc), seg)


def pair_key(a: Anchor, b: Anchor) -> tuple:
    """Order-free key of a pair: linking a-b and b-a is the same decision."""
    ka, kb = astuple(a), astuple(b)
    return (ka, kb) if ka <= kb else (kb, ka)


class ConstraintSet:
    """The user's constraints, in the order they were made, with a change callback."""

    def __init__(self, constraints: Iterable[Constraint] = (),
                 callback: ChangeCallback | None = None):
        self._items: list[Constraint] = list(constraints)
        self.callback = callback

    # --- reading ---------------------------------------------------------------
    def all(self) -> tuple[Constraint, ...]:
        """Every constraint, reviewed marks included (what a session stores)."""
        return tuple(self._items)

    def for_aligner(self) -> tuple[Constraint, ...]:
        """Only the link / unlink constraints, to hand to ``compare_documents``."""
        return tuple(c for c in self._items if c.kind in ALIGNER_KINDS)

    def find(self, kind: str, a: Anchor, b: Anchor) -> Constraint | None:
        """The constraint of ``kind`` on the pair (either order), or None."""
        key = pair_key(a, b)
        for c in self._items:
            if c.kind == kind and pair_key(c.a, c.b) == key:
                return c
        return None

    def review_note(self, a: Anchor, b: Anchor | None = None) -> str | None:
        """The note of the reviewed mark on the pair (``""`` if none given), None if unreviewed."""
        c = self.find(REVIEWED, a, b or a)
        return None if c is None else c.note

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    # --- changing (used by the commands; keeps positions so undo restores order) --
    def _remove_pair(self, kinds: Iterable[str], a: Anchor, b: Anchor) -> list[tuple[int, Constraint]]:
        key, kinds = pair_key(a, b), set(kinds)
        removed = [(i, c) for i, c in enumerate(self._items)
                   if c.kind in kinds and pair_key(c.a, c.b) == key]
        for i, _ in reversed(removed):
            del self._items[i]
        return removed

    def _restore(self, removed: list[tuple[int, Constraint]]) -> None:
        for i, c in removed:  # ascending indices: each insert puts it back where it was
            self._items.insert(min(i, len(self._items)), c)

    def _notify(self, realign: bool) -> None:
        if self.callback is not None:
            self.callback(self.all(), realign)


class _PairCommand(QUndoCommand):
    """Replace the constraints of some kinds on one pair by (at most) one new one.

    redo() removes what the decision overrides and adds the new constraint; undo()
    takes the new one out and puts the removed ones back at their old positions, so
    any sequence of undo/redo returns exactly to the earlier lists.
    """

    replaces: tuple[str, ...] = ()
    realign = True

    def __init__(self, cset: ConstraintSet, new: Constraint | None, a: Anchor, b: Anchor,
                 text: str, parent: QUndoCommand | None = None):
        super().__init__(text, parent)
        self.cset, self.new, self.a, self.b = cset, new, a, b
        self._removed: list[tuple[int, Constraint]] = []
        self._added_at: int | None = None

    def redo(self) -> None:
        self._removed = self.cset._remove_pair(self.replaces, self.a, self.b)
        if self.new is not None:
            self._added_at = len(self.cset._items)
            self.cset._items.append(self.new)
        self.cset._notify(self.realign)

    def undo(self) -> None:
        if self._added_at is not None:
            del self.cset._items[self._added_at]
            self._added_at = None
        self.cset._restore(self._removed)
        self._removed = []
        self.cset._notify(self.realign)


class LinkCommand(_PairCommand):
    """Link two passages by hand; overrides an earlier "must not link" on the pair."""

    replaces = (LINK, UNLINK)

    def __init__(self, cset: ConstraintSet, a: Anchor, b: Anchor, note: str = "",
                 parent: QUndoCommand | None = None):
        if a == b:
            raise ValueError("a passage cannot be linked to itself")
        super().__init__(cset, Constraint(LINK, a, b, note), a, b, "Link passages", parent)


class UnlinkCommand(_PairCommand):
    """Break a wrong link: the pair must not be linked again (drops a manual link on it)."""

    replaces = (LINK, UNLINK)

    def __init__(self, cset: ConstraintSet, a: Anchor, b: Anchor, note: str = "",
                 parent: QUndoCommand | None = None):
        if a == b:
            raise ValueError("a passage cannot be unlinked from itself")
        super().__init__(cset, Constraint(UNLINK, a, b, note), a, b, "Break link", parent)


class ReviewCommand(_PairCommand):
    """Mark a difference (a pair, or one passage when ``b`` is None) as reviewed, with a note.

    ``reviewed=False`` removes the mark. Re-marking replaces the earlier note.
    Reviewed marks do not change the alignment, so the callback gets ``realign=False``.
    """

    replaces = (REVIEWED,)
    realign = False

    def __init__(self, cset: ConstraintSet, a: Anchor, b: Anchor | None = None, note: str = "",
                 reviewed: bool = True, parent: QUndoCommand | None = None):
        b = b or a
        new = Constraint(REVIEWED, a, b, note) if reviewed else None
        text = "Mark as reviewed" if reviewed else "Clear reviewed mark"
        super().__init__(cset, new, a, b, text, parent)
