"""The window's contract with the session layer (autosave, sessions browser).

``show_comparison`` / ``current_comparison`` / ``documents``, ``constraints`` /
``set_constraints`` and ``view_state`` / ``apply_view_state``. Programmatic calls
here never emit ``userEdited`` and never go on the undo stack: they restore a
session, they are not the user's edits.
"""

from __future__ import annotations

from typing import Any

from scocompare.core.model import Comparison, Constraint, Document
from scocompare.gui.theme import DIFFERENCE_KINDS

VIEW_STATE_VERSION = 1


class WindowStateMixin:
    """Mixed into MainWindow."""

    def current_comparison(self) -> Comparison | None:
        """The comparison on screen (None before two versions are aligned)."""
        return self.comparison

    def documents(self) -> list[Document]:
        """The loaded versions in the user's order, with their raw bytes."""
        return list(self.docs)

    def show_comparison(self, comp: Comparison, view_state: dict | None = None) -> None:
        """Show a ready comparison (a saved session, a file) as a fresh session.

        Its documents become the versions, its threshold the current one and its
        constraints the manual corrections (call ``set_constraints`` afterwards to add
        reviewed marks kept elsewhere). The undo history starts empty.
        """
        self.cancel_task()
        self._realign_timer.stop()
        self.docs = list(comp.documents)
        self.base_id = comp.base
        self.threshold = comp.engine.threshold
        self._pending_threshold = None
        self._link_source = None
        self._replace_constraints(comp.constraints)
        self.undo_stack.clear()
        self._set_comparison(comp)
        if view_state:
            self.apply_view_state(view_state)

    # Constraints --------------------------------------------------------------
    def constraints(self) -> list[Constraint]:
        """Manual links, must-not-links and reviewed marks, by anchor, in the order made."""
        return list(self.cset.all())

    def set_constraints(self, constraints) -> None:
        """Replace the manual corrections (restoring a session); re-aligns if links changed."""
        self._replace_constraints(constraints)
        self.undo_stack.clear()  # the old commands refer to the replaced list
        if self._aligner_constraints_differ():
            self.recompute()
        self._refresh_reviews()

    def _replace_constraints(self, constraints) -> None:
        self._quiet_constraints = True
        try:
            self.cset._items = list(constraints)
            self._known_constraints = set(self.cset._items)
        finally:
            self._quiet_constraints = False

    # View state ---------------------------------------------------------------
    def view_state(self) -> dict[str, Any]:
        """What to restore besides the comparison: panes, scroll, selection, filters."""
        area = self.area
        return {
            "version": VIEW_STATE_VERSION,
            "panes": [p.doc_id for p in area.panes],
            "scroll": {p.doc_id: p.text.verticalScrollBar().value() for p in area.panes}
            | dict(area.pending_scroll),
            "hscroll": area.horizontalScrollBar().value(),
            "active": self.active_doc,
            "selected": area.selected,
            "kinds": sorted(self.enabled_kinds),
            "threshold": self.threshold,
            "linked_scrolling": area.linked_scrolling,
            "docks": {k: not d.isHidden() for k, d in self.docks.items() if k != "find"},
        }

    def apply_view_state(self, state: dict) -> None:
        """Restore a ``view_state()`` dict; unknown or stale entries are ignored."""
        if not isinstance(state, dict):
            return
        kinds = state.get("kinds")
        if isinstance(kinds, list):
            self.enabled_kinds = {k for k in kinds if k in DIFFERENCE_KINDS}
            for k in DIFFERENCE_KINDS:
                a = self.actions.get(f"kind-{k}")
                if a is not None:
                    a.blockSignals(True)
                    a.setChecked(k in self.enabled_kinds)
                    a.blockSignals(False)
        if isinstance(state.get("linked_scrolling"), bool):
            self.actions["linked"].setChecked(state["linked_scrolling"])
        docks = state.get("docks")
        if isinstance(docks, dict):
            for k, visible in docks.items():
                if k in self.docks and isinstance(visible, bool):
                    self.docks[k].setVisible(visible)
        if state.get("active") in {d.id for d in self.docs}:
            self._set_active(state["active"])
        sel = state.get("selected")
        if isinstance(sel, str) and self.index is not None and sel in self.index.segments:
            self.select_segment(sel)
        scroll = state.get("scroll")
        if isinstance(scroll, dict):
            # Panes still rendering take their position when their text arrives.
            self.area.restore_scroll({str(k): int(v) for k, v in scroll.items()
                                      if isinstance(v, int | float)})
        h = state.get("hscroll")
        if isinstance(h, int):
            self.area.horizontalScrollBar().setValue(h)
