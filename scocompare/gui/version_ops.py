"""The window's version operations (add, remove, rename, reorder, base, threshold).

Each user change of the version set goes through the window's ``QUndoStack`` as a
``VersionsCommand`` holding the state before and after, so Ctrl+Z undoes it and the
session layer hears of it through ``userEdited``. Applying a state re-aligns only
when something the aligner reads changed (documents, base, threshold); titles and
order are display matters and are swapped in place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QInputDialog

from scocompare.core.model import Document


@dataclasses.dataclass(frozen=True)
class VersionsState:
    """What the user edits about the version set (documents keep their raw bytes)."""

    docs: tuple[Document, ...]
    base_id: str | None
    threshold: float | None


THRESHOLD_COMMAND_ID = 4711  # consecutive threshold moves merge into one undo step


class VersionsCommand(QUndoCommand):
    """Switch the window between two ``VersionsState``s (redo: after, undo: before)."""

    def __init__(self, window, text: str, before: VersionsState, after: VersionsState,
                 merge_id: int = -1):
        super().__init__(text)
        self.window, self.before, self.after, self._merge_id = window, before, after, merge_id

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if other.id() != self._merge_id or self._merge_id < 0:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.window._apply_versions(self.after)
        self.window.userEdited.emit(self.text())

    def undo(self) -> None:
        self.window._apply_versions(self.before)
        self.window.userEdited.emit(f"Undo: {self.text()}")


class VersionOpsMixin:
    """Mixed into MainWindow: loading versions and every undoable change to the set."""

    # State --------------------------------------------------------------------
    def _versions_state(self) -> VersionsState:
        return VersionsState(tuple(self.docs), self.base_id, self.threshold)

    def _push_versions(self, text: str, after: VersionsState, merge_id: int = -1) -> None:
        before = self._versions_state()
        if after == before and merge_id < 0:
            return
        self.undo_stack.push(VersionsCommand(self, text, before, after, merge_id))

    def _apply_versions(self, state: VersionsState) -> None:
        """Make ``state`` current; re-align only when the alignment would change."""
        self.docs = list(state.docs)
        self.base_id = state.base_id
        if self.base_id not in {d.id for d in self.docs}:
            self.base_id = self.docs[0].id if self.docs else None
        self.threshold = state.threshold
        if self.active_doc not in {d.id for d in self.docs}:
            self.active_doc = None
        comp = self.comparison
        same = (comp is not None and len(self.docs) >= 2
                and {(d.id, d.sha256) for d in self.docs} == {(d.id, d.sha256) for d in comp.documents}
                and comp.base == self.base_id
                and (self.threshold is None or abs(self.threshold - comp.engine.threshold) < 1e-9))
        if not same:
            self.recompute()
            return
        titles = {d.id: d.title for d in self.docs}
        if any(titles[d.id] != d.title for d in comp.documents):
            docs = tuple(dataclasses.replace(d, title=titles[d.id]) for d in comp.documents)
            self._set_comparison(dataclasses.replace(comp, documents=docs))
        else:
            self._show()

    # Adding -------------------------------------------------------------------
    def _new_id(self) -> str:
        used = {d.id for d in self.docs}
        while f"d{self._next_id}" in used:
            self._next_id += 1
        self._next_id += 1
        return f"d{self._next_id - 1}"

    def open_paths(self, paths: Sequence[str | Path]) -> None:
        """Load files in the background, then (re)compare."""
        paths = [str(p) for p in paths]
        if not paths:
            return
        ids = [self._new_id() for _ in paths]
        load = self.load_fn
        getattr(self.compare_fn, "warm_up", lambda: None)()  # the model loads while files do

        def work(progress, cancelled):
            docs, errors = [], []
            for k, (p, i) in enumerate(zip(paths, ids, strict=True)):
                if cancelled():
                    break
                progress(k / len(paths), f"Loading {Path(p).name}")
                try:
                    docs.append((p, load(p, i)))
                except Exception as err:  # one line per file, shown together
                    errors.append(str(err) if str(err).startswith(p) else f"{p}: {err}")
            return docs, errors

        self._start("Loading", work, self._loaded)

    def add_text(self, text: str, title: str | None = None) -> None:
        """Add a pasted version (text) in the background, then (re)compare."""
        if not text.strip():
            self._error("The clipboard holds no text to add as a version.")
            return
        doc_id = self._new_id()
        title = title or f"Pasted version {sum(1 for d in self.docs if d.source == 'clipboard') + 1}"
        fn = self.load_text_fn
        getattr(self.compare_fn, "warm_up", lambda: None)()

        def work(progress, cancelled):
            try:
                return [("", fn(text, doc_id, title))], []
            except Exception as err:
                return [], [f"clipboard: {err}"]

        self._start("Reading the pasted text", work, self._loaded)

    def paste_version(self) -> None:
        self.add_text(QApplication.clipboard().text())

    def _loaded(self, result) -> None:
        docs, errors = result
        for path, _doc in docs:
            if path:
                self.settings.add_recent(path)
        if errors:
            self._error("\n".join(errors))
        if not docs:
            return
        new = tuple(self.docs) + tuple(doc for _p, doc in docs)
        base = self.base_id or new[0].id
        names = ", ".join(d.title or d.id for _p, d in docs)
        text = f"Add version{'s' if len(docs) > 1 else ''} {names}"
        opening = not self.docs
        self._push_versions(text, VersionsState(new, base, self.threshold))
        if opening:
            # Opening files into an empty window is not an edit, as opening a session is
            # not: a stray Ctrl+Z must not send the whole comparison back to the start screen.
            self.undo_stack.clear()

    # Editing ------------------------------------------------------------------
    def remove_version(self, doc_id: str | None = None) -> None:
        doc_id = doc_id or self.active_doc
        doc = next((d for d in self.docs if d.id == doc_id), None)
        if doc is None:
            return
        docs = tuple(d for d in self.docs if d.id != doc_id)
        base = self.base_id if self.base_id != doc_id else (docs[0].id if docs else None)
        self._push_versions(f"Remove version {doc.title or doc_id}",
                            VersionsState(docs, base, self.threshold))

    def set_base(self, doc_id: str | None = None) -> None:
        doc_id = doc_id or self.active_doc
        doc = next((d for d in self.docs if d.id == doc_id), None)
        if doc is not None and doc_id != self.base_id:
            self._push_versions(f"Use {doc.title or doc_id} as base",
                                VersionsState(tuple(self.docs), doc_id, self.threshold))

    def move_version(self, step: int, doc_id: str | None = None) -> None:
        """Move a version left (-1) or right (+1) among the non-base panes."""
        doc_id = doc_id or self.active_doc
        ids = [d.id for d in self.docs]
        if doc_id not in ids:
            return
        i = ids.index(doc_id)
        j = max(0, min(len(ids) - 1, i + step))
        if i == j:
            return
        docs = list(self.docs)
        docs.insert(j, docs.pop(i))
        self._push_versions(f"Move version {docs[j].title or doc_id} {'left' if step < 0 else 'right'}",
                            VersionsState(tuple(docs), self.base_id, self.threshold))

    def rename_version(self, doc_id: str | None = None, title: str | None = None) -> None:
        doc_id = doc_id or self.active_doc
        doc = next((d for d in self.docs if d.id == doc_id), None)
        if doc is None:
            return
        if title is None:
            title, ok = QInputDialog.getText(self, "Rename version", "Title:", text=doc.title)
            if not ok or not title.strip():
                return
        new = dataclasses.replace(doc, title=title.strip())
        docs = tuple(new if d.id == doc_id else d for d in self.docs)
        self._push_versions(f"Rename {doc.title or doc_id} to {new.title}",
                            VersionsState(docs, self.base_id, self.threshold))

    def set_threshold(self, value: float | None, now: bool = False) -> None:
        """Ask for a new match threshold; the slider settles before it is applied."""
        self._pending_threshold = value
        if now:
            self._commit_threshold()
        else:
            self._realign_timer.start()

    def _commit_threshold(self) -> None:
        self._realign_timer.stop()
        value = self._pending_threshold
        if value is None or (self.threshold is not None and abs(value - self.threshold) < 1e-9):
            return
        if self.comparison is not None and self.threshold is None \
                and abs(value - self.comparison.engine.threshold) < 1e-9:
            return  # the slider showing the engine's default is not a change
        self._push_versions(f"Set match threshold to {value:.2f}",
                            VersionsState(tuple(self.docs), self.base_id, value),
                            merge_id=THRESHOLD_COMMAND_ID)
