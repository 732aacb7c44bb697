"""The window's side of manual corrections: link, break link, reviewed marks.

The decisions themselves are ``manual_links`` commands on the window's undo stack;
this mixin turns user gestures (context menu on a sentence, Ctrl+click, Edit > Link
with…) into those commands, re-aligns in the background when a link or "must not
link" changes, and repaints reviewed marks (margin tick, note in the detail panel).
"""

from __future__ import annotations

from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QInputDialog, QMenu

from scocompare.core.align import resolve_anchor
from scocompare.core.model import Constraint
from scocompare.gui.manual_links import (
    ALIGNER_KINDS,
    LINK,
    REVIEWED,
    UNLINK,
    LinkCommand,
    ReviewCommand,
    UnlinkCommand,
    anchor_for,
)

_DESCRIBE = {LINK: "manual link", UNLINK: "must-not-link", REVIEWED: "reviewed mark"}


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class LinkOpsMixin:
    """Mixed into MainWindow (needs cset, undo_stack, comparison, index, area, detail)."""

    # Gestures -----------------------------------------------------------------
    def _pane_segment_activated(self, sid: str) -> None:
        """A click in a pane: completes a pending "Link with…" or just selects."""
        src = self._link_source
        if src is not None and self.index is not None and sid in self.index.segments:
            self._link_source = None
            if self.index.doc_of.get(src) != self.index.doc_of.get(sid):
                self.link_segments(src, sid)
                return
            self.status_message("Pick the sentence in another version; linking cancelled")
        self.select_segment(sid)

    def start_link_mode(self) -> None:
        """Edit > Link with…: the next sentence clicked in another version is linked."""
        sid = self.area.selected
        if sid is None or self.index is None or sid not in self.index.segments:
            self.status_message("Select a sentence first, then choose Link with… (Ctrl+K)")
            return
        self._link_source = sid
        self.status_message(f"Click the sentence in another version to link with “{_short(self.index.segments[sid].text)}” (Esc cancels)")

    def _ctrl_click(self, sid: str) -> None:
        """Ctrl+click on a sentence links it with the current selection."""
        sel = self.area.selected
        if sel is None or self.index is None or self.index.doc_of.get(sel) == self.index.doc_of.get(sid):
            self.status_message("Ctrl+click links a sentence with the one selected in another version")
            self.select_segment(sid)
            return
        self.link_segments(sel, sid)

    def segment_menu(self, sid: str, pos=None) -> QMenu:
        """The context menu of sentence ``sid``: link, break link, reviewed mark."""
        menu = QMenu(self)
        index = self.index
        if index is None or sid not in index.segments:
            return menu
        sel = self.area.selected
        other_sel = sel if sel and sel in index.segments and index.doc_of[sel] != index.doc_of[sid] else None
        direct = {index.other(lk, sid) for lk in index.links_of.get(sid, ())}
        a = menu.addAction("Link to selected sentence" + (f" “{_short(index.segments[other_sel].text)}”" if other_sel else ""))
        a.setEnabled(other_sel is not None and other_sel not in direct)
        a.triggered.connect(lambda: self.link_segments(other_sel, sid))
        a = menu.addAction("Break link with selected (must not link)")
        a.setEnabled(other_sel is not None)
        a.triggered.connect(lambda: self.unlink_segments(other_sel, sid))
        sub = menu.addMenu("Break link with")
        sub.setEnabled(bool(direct))
        for o in sorted(direct, key=lambda s: (index.doc_of[s], index.segments[s].index)):
            title = self.comparison.document(index.doc_of[o]).title or index.doc_of[o]
            act = sub.addAction(f"{title}: “{_short(index.segments[o].text)}”")
            act.triggered.connect(lambda _c=False, o=o: self.unlink_segments(sid, o))
        menu.addSeparator()
        note = self.review_note(sid)
        a = menu.addAction("Mark reviewed…" if note is None else "Edit review note…")
        a.triggered.connect(lambda: self._ask_review(sid))
        a = menu.addAction("Clear reviewed mark")
        a.setEnabled(note is not None)
        a.triggered.connect(lambda: self.clear_reviewed(sid))
        self._segment_menu = menu  # kept for tests and so it outlives this call
        if pos is not None:
            menu.popup(pos if not isinstance(pos, bool) else QCursor.pos())
        return menu

    def _ask_review(self, sid: str) -> None:
        old = self.review_note(sid) or ""
        note, ok = QInputDialog.getMultiLineText(self, "Mark reviewed", "Note (optional):", old)
        if ok:
            self.mark_reviewed(sid, note.strip())

    # Commands -----------------------------------------------------------------
    def link_segments(self, a: str, b: str) -> None:
        """Link two sentences of different versions by hand (undoable; re-aligns)."""
        if self.comparison is None or a is None or b is None:
            return
        self.undo_stack.push(LinkCommand(self.cset, anchor_for(self.comparison, a),
                                         anchor_for(self.comparison, b)))
        self.status_message("Linked by hand; aligning again…")

    def unlink_segments(self, a: str, b: str) -> None:
        """Break the link between two sentences: they must not be linked (undoable)."""
        if self.comparison is None or a is None or b is None:
            return
        self.undo_stack.push(UnlinkCommand(self.cset, anchor_for(self.comparison, a),
                                           anchor_for(self.comparison, b)))
        self.status_message("Link broken (must not link); aligning again…")

    def mark_reviewed(self, sid: str, note: str = "") -> None:
        """Mark sentence ``sid`` as reviewed with an optional note (undoable)."""
        if self.comparison is None:
            return
        self.undo_stack.push(ReviewCommand(self.cset, anchor_for(self.comparison, sid), note=note))

    def clear_reviewed(self, sid: str) -> None:
        if self.comparison is None:
            return
        self.undo_stack.push(ReviewCommand(self.cset, anchor_for(self.comparison, sid), reviewed=False))

    # Reading ------------------------------------------------------------------
    def reviewed_marks(self) -> dict[str, str]:
        """{segment id: note} of every reviewed mark that lands in the shown comparison."""
        if self.comparison is None:
            return {}
        docs = self.comparison.documents
        out: dict[str, str] = {}
        for c in self.cset:
            if c.kind != REVIEWED:
                continue
            for anchor in {c.a, c.b}:
                seg = resolve_anchor(anchor, docs)
                if seg is not None:
                    out[seg.id] = c.note
        return out

    def review_note(self, sid: str) -> str | None:
        """The note of ``sid``'s reviewed mark ("" when none given), None when not reviewed."""
        return self.reviewed_marks().get(sid)

    def reviews_for_export(self) -> list[dict]:
        """Reviewed marks in the shape the exporters accept (scocompare.export.reviews)."""
        return [{"anchor": c.a, "note": c.note, "reviewed": True} for c in self.cset if c.kind == REVIEWED]

    # Changes ------------------------------------------------------------------
    def _constraints_changed(self, constraints: tuple[Constraint, ...], realign: bool) -> None:
        before = self._known_constraints
        self._known_constraints = set(constraints)
        added = [c for c in constraints if c not in before]
        gone = [c for c in before if c not in self._known_constraints]
        if self._quiet_constraints:
            return
        words = [f"{_DESCRIBE.get(c.kind, c.kind)} added" for c in added]
        words += [f"{_DESCRIBE.get(c.kind, c.kind)} removed" for c in gone]
        if realign:
            self.recompute()
        else:
            self._refresh_reviews()
        self.userEdited.emit("; ".join(words).capitalize() or "Manual corrections changed")

    def _refresh_reviews(self) -> None:
        """Repaint the ticks and the detail panel after reviewed marks changed."""
        self.area.set_reviewed(self.reviewed_marks())
        if self.index is not None and self.area.selected:
            self.detail.show_segment(self.index, self.area.selected, self._detail_extras(self.area.selected))

    def _aligner_constraints_differ(self) -> bool:
        if self.comparison is None:
            return False
        have = {c for c in self.comparison.constraints if c.kind in ALIGNER_KINDS}
        return have != set(self.cset.for_aligner())
