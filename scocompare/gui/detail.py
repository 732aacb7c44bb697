"""Detail panel: the selected passage against each counterpart, word by word."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from scocompare.gui import theme
from scocompare.gui.view_model import ComparisonIndex, short_name


def word_diff_html(a: str, b: str, dark: bool = False) -> str:
    """``a`` -> ``b`` as HTML: removed words struck through, new words underlined.

    Both cues (strike / underline) read without colour, as the panes' highlights do.
    """
    from scocompare.core.diff import word_diff

    removed = "#ffb3ad" if not dark else "#7a2a24"
    added = "#b9f0c0" if not dark else "#2a6a34"
    out = []
    for op, x, y in word_diff(a, b):
        if op == "equal":
            out.append(html.escape(y or x))
            continue
        if x and op in ("replace", "delete"):
            out.append(f'<span style="background:{removed};text-decoration:line-through" '
                       f'title="only in the first">{html.escape(x)}</span>')
        if y and op in ("replace", "insert"):
            out.append(f'<span style="background:{added};text-decoration:underline" '
                       f'title="only in the second">{html.escape(y)}</span>')
    return " ".join(out)


class DetailPanel(QWidget):
    """Shows kind, score, shift reason, conflicts and the word diff for a selection."""

    # (base segment, version segment): the reader asked to link a near miss by hand.
    link_requested = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._anchor_clicked)
        self.view.setAccessibleName("Differences of the selected passage")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        self.clear()

    def clear(self) -> None:
        self.view.setHtml("<p style='color:gray'>Click a sentence (or move to it with the "
                          "keyboard) to see how each version words it.</p>")

    def html(self) -> str:
        return self.view.toHtml()

    def plain(self) -> str:
        return self.view.toPlainText()

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == _LINK_SCHEME:
            a, _, b = url.path().partition("/")
            if a and b:
                self.link_requested.emit(a, b)

    def show_segment(self, index: ComparisonIndex, sid: str, extras: dict | None = None) -> None:
        """Describe ``sid`` and compare it with every counterpart, base first.

        ``extras`` may carry ``review`` (the reviewed note, "" for a bare mark, None
        when unreviewed) and ``quotes`` (QuoteCheck records of this sentence).
        """
        extras = extras or {}
        dark = theme.is_dark(self.palette())
        comp = index.comp
        seg = index.segments[sid]
        doc = comp.document(index.doc_of[sid])
        kinds = sorted(index.kinds(sid), key=list(theme.STYLES).index)
        labels = ", ".join(theme.STYLES[k].label for k in kinds) or "Identical"
        parts = [f"<h3 style='margin:2px 0'>{html.escape(doc.title or doc.id)} "
                 f"<span style='font-weight:normal;color:gray'>· sentence {seg.index + 1} · "
                 f"{html.escape(labels)}</span></h3>"]
        review = extras.get("review")
        if review is not None:
            note = f": {html.escape(review)}" if review else ""
            parts.append(f"<p style='margin:2px 0'><b style='color:#1b7a2e'>✔ Reviewed</b>{note}</p>")
        # Other sentences of the same document reached through a shared group are not
        # its counterparts; listing them as "same passage" confused readers.
        related = {r for r in counterparts(index, sid) if index.doc_of[r] != doc.id}
        order = {d.id: k for k, d in enumerate(comp.documents)}
        # The base first: it is what every version is measured against.
        docs = sorted({index.doc_of[r] for r in related}, key=lambda d: (d != comp.base, order[d]))
        if not related:
            if doc.id == comp.base:
                parts.append("<p><b>No version carries this passage.</b></p>")
            elif not seg.boilerplate:
                parts.append("<p><b>Added:</b> linked to no sentence of the base or any other version.</p>")
        for d in docs:
            other = comp.document(d)
            for r in sorted((r for r in related if index.doc_of[r] == d), key=lambda r: index.segments[r].index):
                rs = index.segments[r]
                direct = [lk for lk in index.links_of.get(sid, ()) if r in (lk.a, lk.b)]
                if direct:
                    lk = direct[0]
                    info = f"{theme.STYLES.get(lk.kind, theme.STYLES['near']).label}, score {lk.score:.2f}"
                    if lk.origin != "manual" and lk.score < comp.engine.threshold:
                        # Readers compare the score with the slider: say why it is linked.
                        info += f" (weak: under the {comp.engine.threshold:.2f} threshold, {_why_weak(lk)})"
                    if lk.moved:
                        info += ", moved"
                    if lk.origin == "manual":
                        info += ", linked by hand"
                    if lk.note:
                        info += f" — meaning shift: {html.escape(lk.note)}"
                else:
                    info = "same passage (via the base)"
                # Read the diff from the base's side when the base is involved.
                a, b = (rs.text, seg.text) if d == comp.base else (seg.text, rs.text)
                # A merged lead has several partners in one document: the sentence number
                # tells them apart (the same title three times over did not).
                who = ("Base: " if d == comp.base else "") + (other.title or d)
                parts.append(
                    f"<p style='margin:6px 0 2px 0'><b>{html.escape(who)}</b> "
                    f"<span style='color:gray'>· sentence {rs.index + 1} · {html.escape(info)}</span></p>"
                    f"<p style='margin:0 0 4px 12px'>{word_diff_html(a, b, dark)}</p>")
        if doc.id == comp.base:
            missing = index.missing_from(sid)
            if missing and related:
                names = "; ".join(html.escape(comp.document(m).title or m) for m in missing)
                parts.append(f"<p><b>⌀ Dropped by:</b> {names}</p>")
        parts.extend(near_miss_html(index, sid))
        for c in index.conflicts_of.get(sid, ()):
            rows = "".join(_conflict_value_html(index, v) for v in c.values)
            what = c.label or c.kind
            scope = "about the event itself" if c.scope == "event" else "in these linked passages"
            parts.append(f"<p style='margin-top:8px'><b>⚠ Conflicting {html.escape(what)}</b> "
                         f"({scope}):</p><ul style='margin-top:0'>{rows}</ul>")
        parts.extend(quote_checks_html(comp, extras.get("quotes") or ()))
        self.view.setHtml("".join(parts))


_LINK_SCHEME = "scocompare-link"


def _why_weak(lk) -> str:
    """Why a link under the threshold was made, in the reader's words."""
    if "figure" in lk.scores:
        return "linked because only these two sentences state this figure"
    if "quote" in lk.scores:
        return "linked because it quotes words only this sentence has"
    return "linked by reading order or its neighbours"


def near_miss_html(index: ComparisonIndex, sid: str) -> list[str]:
    """Closest unlinked sentences of ``sid`` (aligner hints), each with a "link them"
    anchor: a version sentence's closest base sentence, a base sentence's closest
    sentence in each version that does not carry it. The other sentence is shown whole,
    not as a word diff: a near miss is a paraphrase at best, and its diff is all edits."""
    comp = index.comp
    out = []
    for n in index.near_of.get(sid, ()):
        other = n.a if n.b == sid else n.b
        if any(index.other(lk, sid) == other for lk in index.links_of.get(sid, ())):
            continue  # linked since (by hand): no longer a hint
        doc = comp.document(index.doc_of[other])
        where = "the base" if doc.id == comp.base else (doc.title or doc.id)
        why = (f"under the {comp.engine.threshold:.2f} threshold" if n.score < comp.engine.threshold
               else "a closer sentence took its place")
        rs = index.segments[other]
        out.append(
            f"<p style='margin:8px 0 2px 0'><b>Closest in {html.escape(where)}</b> "
            f"<span style='color:gray'>· sentence {rs.index + 1} · score {n.score:.2f}, not linked: "
            f"{why}</span> · <a href='{_LINK_SCHEME}:{html.escape(n.a)}/{html.escape(n.b)}'>Link these two</a></p>"
            f"<p style='margin:0 0 4px 12px'>{html.escape(rs.text)}</p>")
    return out


def counterparts(index: ComparisonIndex, sid: str) -> set[str]:
    """The passages to compare ``sid`` with: its own links, plus, for a version's
    sentence, the other versions' sentences linked to the same base sentence.

    Narrower than ``index.related`` (which also follows groups of the partners, for
    lighting up panes): through those a base sentence listed a version's headline,
    linked to the neighbouring base sentence, as "the same passage".
    """
    direct = {index.other(lk, sid) for lk in index.links_of.get(sid, ())}
    out = set(direct)
    if index.doc_of.get(sid) == index.base:
        for g in index.comp.groups:
            if g.base == sid:
                out.update(g.segments)
    else:
        for b in direct:
            if index.doc_of.get(b) == index.base:
                out.update(index.other(lk, b) for lk in index.links_of.get(b, ()))
    out.discard(sid)
    return out


def _conflict_value_html(index: ComparisonIndex, v) -> str:
    """One value of a conflict: the odd ones out in bold, restatements of the base ticked."""
    doc_id = index.doc_of.get(v.segment)
    name = short_name(index.comp.document(doc_id)) if doc_id else v.segment
    status = index.agreement.status(v)
    if status == "agrees":
        return (f"<li>{html.escape(name)}: {html.escape(v.text)} "
                f"<span style='color:gray'>✓ agrees with the base</span></li>")
    if status == "base":
        return f"<li>Base ({html.escape(name)}): <b>{html.escape(v.text)}</b></li>"
    return f"<li><b>≠ {html.escape(name)}: {html.escape(v.text)}</b></li>"


_QUOTE_STATUS = {
    "verbatim": ("✓", "quoted word for word"),
    "altered": ("≠", "quoted with changed words"),
    "partial": ("½", "quoted in part in another version"),
    "not_found": ("?", "not found in any other version"),
}


def quote_checks_html(comp, quotes) -> list[str]:
    """The quote checks of one sentence: status, where found, and the changed words."""
    out = []
    for q in quotes:
        mark, words = _QUOTE_STATUS.get(q.status, ("•", q.status.replace("_", " ")))
        where = []
        for f in q.found_in:
            try:
                d = comp.document(f.split(".", 1)[0])
                where.append(d.title or d.id)
            except KeyError:
                where.append(f)
        line = (f"<p style='margin:6px 0 2px 0'><b>{mark} Quote</b> “{html.escape(q.text)}”: "
                f"{html.escape(words)}")
        if where:
            line += " — in " + html.escape("; ".join(dict.fromkeys(where)))
        out.append(line + "</p>")
        if q.changes:
            items = "".join(
                f"<li>{html.escape(op)}: “{html.escape(a)}” → “{html.escape(b)}”</li>"
                for op, a, b in q.changes)
            out.append(f"<ul style='margin-top:0'>{items}</ul>")
    return out
