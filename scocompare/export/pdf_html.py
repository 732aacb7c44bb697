"""Qt rich-text fragments of the PDF report (cover, summary, table rows).

Qt's ``QTextDocument`` understands a subset of HTML 4 (tables with ``bgcolor`` and
percentage widths, spans with a few CSS properties); everything here stays inside
that subset. No Qt import: the fragments are plain strings, testable on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from scocompare import __version__
from scocompare.core.model import Comparison
from scocompare.export.findings import (
    QUOTE_STATUS,
    change_pairs,
    meaning_shifts,
    quote_checks,
    quote_counts,
    quote_problems,
    row_label_parts,
)
from scocompare.export.layout import (
    Cell,
    Row,
    added_at,
    comparison_date,
    conflict_values,
    describe_scorer,
    percent,
    version_stats,
    versions_of,
)
from scocompare.export.markup import cell_text, esc, pair_spans, render, shift_marks
from scocompare.export.palette import DELETED_COLOUR, GREYED_COLOUR, INSERTED_COLOUR, fill
from scocompare.export.reviews import PlacedReviews
from scocompare.kinds import legend, style

TAGS = {
    "del": (f'<span style="text-decoration: line-through; color: {DELETED_COLOUR};">', "</span>"),
    "ins": (f'<span style="text-decoration: underline; font-weight: bold; color: {INSERTED_COLOUR};">',
            "</span>"),
    "fact": (f'<span style="background-color: {fill("conflict")}; font-weight: bold;">',
             "</span>"),
}
TABLE = '<table width="100%" cellspacing="0" cellpadding="{pad}" border="1" style="border-color: #9a9a9a; border-style: solid;">'
EMPTY = f'<td{{}} bgcolor="#ffffff"><i><span style="color: {GREYED_COLOUR};">{{}}</span></i></td>'


def cover(c: Comparison, title: str, mode: str) -> str:
    """First page: what was compared, when, with which engine, and each version's provenance."""
    e = c.engine
    base = c.document(c.base)
    rows = "".join(
        f"<tr><td>{i}{' (base)' if d.id == c.base else ''}</td><td><b>{esc(d.title)}</b></td>"
        f"<td>{esc(d.source)}</td><td><span style=\"font-family: 'DejaVu Sans Mono'; font-size: 7pt;\">"
        f"{esc(d.sha256)}</span></td><td>{esc(added_at(d))}</td></tr>"
        for i, d in enumerate(c.documents, 1))
    # Two kinds per line keeps the cover on one page even with many versions.
    cells = [f'<td bgcolor="{k.light}" width="11%"><b>{esc(k.marker)}</b> {esc(k.label)}</td>'
             f"<td width=\"39%\">{esc(k.description)}</td>" for k in legend()]
    if len(cells) % 2:
        cells.append('<td></td><td></td>')
    legend_rows = "".join(f"<tr>{cells[i]}{cells[i + 1]}</tr>" for i in range(0, len(cells), 2))
    return (
        f'<h1 style="font-size: 18pt;">{esc(title)}</h1>'
        f"<p>{len(c.documents) - 1} published version(s) compared sentence by sentence against "
        f"the base text <b>{esc(base.title)}</b>.</p>"
        "<table cellspacing=\"0\" cellpadding=\"3\">"
        f"<tr><td><b>Compared</b></td><td>{esc(comparison_date(c))}</td></tr>"
        f"<tr><td><b>Software</b></td><td>scocompare {esc(__version__)} (engine {esc(e.version)})</td></tr>"
        f"<tr><td><b>Scorer</b></td><td><b>{esc(e.scorer)}</b> — {esc(describe_scorer(e.scorer))}</td></tr>"
        f"<tr><td><b>Link threshold</b></td><td>{e.threshold:.2f}</td></tr>"
        f"<tr><td><b>Layout</b></td><td>{'synoptic table' if mode == 'synoptic' else 'base against each version'}</td></tr>"
        "</table>"
        "<h2>Versions</h2>" + TABLE.format(pad=3)
        + "<tr><th>#</th><th>Title</th><th>Source</th><th>SHA-256 of the input</th><th>Added</th></tr>"
        + rows + "</table>"
        "<h2>How to read this report</h2>" + TABLE.format(pad=3) + legend_rows + "</table>"
        f'<p><span style="text-decoration: line-through; color: {DELETED_COLOUR};">struck through</span>: '
        f'words of the base the version lost; <span style="text-decoration: underline; font-weight: bold; '
        f'color: {INSERTED_COLOUR};">underlined bold</span>: words the version brought; '
        f'<span style="background-color: {fill("conflict")}; font-weight: bold;">marked</span>: '
        "a fact stated differently elsewhere (see the conflicts table). Scores run from 0 to 1.</p>"
    )


def _bar(shares: Sequence[tuple[str, float]]) -> str:
    cells = []
    for kind, share in shares:
        if share <= 0:
            continue
        s = style(kind)
        # The glyph inside the bar keeps the parts apart on a greyscale print.
        mark = esc(s.marker) if share >= 0.07 else ""
        cells.append(f'<td width="{max(share * 100, 1):.0f}%" bgcolor="{s.light}" align="center">'
                     f'<span style="font-size: 7pt;">{mark}</span></td>')
    if not cells:
        cells.append('<td bgcolor="#ffffff"> </td>')
    return f'<table width="100%" cellspacing="0" cellpadding="1" border="1" style="border-color: #555555;"><tr>{"".join(cells)}</tr></table>'


def summary(c: Comparison, rv: PlacedReviews) -> str:
    """Coverage table with bar charts, counts by kind, the fact conflicts and stray notes."""
    out = ['<h1 style="font-size: 16pt;">Summary</h1>',
           "<p>Coverage of the base by each version. <b>Kept</b>: carried verbatim or lightly "
           "edited; <b>reworded</b>: paraphrased, partly carried or shifted in meaning; "
           "<b>dropped</b>: missing (shares of the base's sentences). <b>Added</b>: sentences of the "
           "version with no counterpart in the base (share of the version).</p>",
           TABLE.format(pad=3),
           '<tr><th width="20%">Version</th><th width="22%">= kept · ~ reworded · − dropped</th>'
           "<th>Kept</th><th>Reworded</th><th>Dropped</th><th>Added</th><th>Links by kind</th>"
           "<th>Conflicts</th><th>Quotes ✓ ≈ ½ ✗</th></tr>"]
    for v in versions_of(c):
        st = version_stats(c, v)
        kinds = "<br/>".join(f"{esc(style(k).marker)} {esc(style(k).label)}: {n}"
                             for k, n in sorted(st.kinds.items(), key=lambda kv: style(kv[0]).rank))
        if st.moved:
            kinds += f"<br/>⇅ moved: {st.moved}"
        bar = _bar([("identical", st.share("kept")), ("paraphrase", st.share("reworded")),
                    ("dropped", st.share("dropped"))])
        out.append(f"<tr><td><b>{esc(st.doc.title)}</b></td><td>{bar}</td>"
                   f"<td>{percent(st.share('kept'))}</td><td>{percent(st.share('reworded'))}</td>"
                   f"<td>{percent(st.share('dropped'))}</td><td>{percent(st.share('added'))} "
                   f"({st.added})</td><td>{kinds or '—'}</td><td>{st.conflicts}</td>"
                   f"<td>{_quote_counts(c, v)}</td></tr>")
    out.append("</table>")
    out.append('<h2>Fact conflicts</h2>')
    if not c.conflicts:
        out.append("<p>No conflicting facts were found.</p>")
    else:
        out.append(TABLE.format(pad=3) + '<tr><th width="14%">Fact</th><th width="14%">Value</th>'
                   '<th width="14%">As written</th><th>Where it stands</th></tr>')
        for cf in c.conflicts:
            vals = conflict_values(c, cf)
            label = f"<b>≠ {esc(cf.label or cf.kind)}</b><br/>{esc(cf.kind)}" + (
                ", event" if cf.scope == "event" else "")
            for i, cv in enumerate(vals):
                head = f'<td rowspan="{len(vals)}">{label}</td>' if i == 0 else ""
                if cv.doc and cv.segment:
                    i0 = cv.segment.text.find(cv.text)
                    spans = [(i0, i0 + len(cv.text), "fact")] if i0 >= 0 else []
                    where = f"<b>{esc(cv.doc.title)}</b>: {render(cv.segment.text, spans, TAGS)}"
                else:
                    where = "?"
                out.append(f"<tr>{head}<td><b>{esc(cv.value)}</b></td><td>{esc(cv.text)}</td>"
                           f"<td>{where}</td></tr>")
        out.append("</table>")
    out.append(shifts_section(c))
    out.append(quotes_section(c))
    if rv.unplaced:
        out.append("<h2>Reviewer notes that no longer match a passage</h2><ul>")
        out += [f"<li>{esc(n)}</li>" for n in rv.unplaced]
        out.append("</ul>")
    return "".join(out)


def _quote_counts(c: Comparison, doc_id: str) -> str:
    n = quote_counts(c, doc_id)
    if not n:
        return "—"
    return " ".join(f"{QUOTE_STATUS[k][0]} {n[k]}" for k in QUOTE_STATUS if n.get(k))


def shifts_section(c: Comparison) -> str:
    """Table of linked pairs whose meaning moved, with the reason and the changed words."""
    found = meaning_shifts(c)
    out = [f'<h2>{esc(style("shift").marker)} Meaning shifts</h2>']
    if not found:
        out.append("<p>No linked passage changed its meaning (negation, modality, qualifier, "
                   "speaker, polarity).</p>")
        return "".join(out)
    out.append(f"<p>{len(found)} close rewording(s) whose meaning moved. The words behind each "
               "shift are struck (lost) and underlined (brought in).</p>")
    out.append(TABLE.format(pad=3) + '<tr><th width="14%">Version</th><th width="16%">Why</th>'
               '<th width="35%">Base says</th><th width="35%">Version says</th></tr>')
    for f in found:
        a_spans, b_spans = shift_marks(f)
        colour = fill("shift")
        out.append(f"<tr><td><b>{esc(f.b_doc.title)}</b></td>"
                   f'<td bgcolor="{colour}"><b>{esc(style("shift").marker)} {esc(f.reason)}</b>'
                   f"{'<br/>' + esc(f.meaning) if f.meaning else ''}"
                   f"{'<br/><b>' + esc(f.words()) + '</b>' if f.words() else ''}</td>"
                   f"<td>{render(f.a.text, a_spans, TAGS)}</td>"
                   f'<td bgcolor="{colour}">{render(f.b.text, b_spans, TAGS)}</td></tr>')
    out.append("</table>")
    return "".join(out)


def _changes(pairs) -> str:
    return "; ".join(
        (f'<span style="text-decoration: line-through; color: {DELETED_COLOUR};">{esc(src)}</span>'
         if src else "") + (" → " if src and quoted else "")
        + (f'<span style="text-decoration: underline; font-weight: bold; color: {INSERTED_COLOUR};">'
           f"{esc(quoted)}</span>" if quoted else "")
        for src, quoted in pairs)


def quotes_section(c: Comparison) -> str:
    """Table of quote checks: verbatim, altered (with the word changes) or not found."""
    found = quote_checks(c)
    out = ["<h2>Quote checks</h2>"]
    if not found:
        out.append("<p>No quoted passages were checked.</p>")
        return "".join(out)
    problems, verbatim = quote_problems(found)
    out.append(f"<p>{len(found)} quoted passage(s) checked against the other versions: "
               f"<b>✓ {verbatim}</b> found word for word in another version"
               + (f"; the {len(problems)} below were <b>≈ altered</b> (source words struck, the "
                  "quote's words underlined), <b>½ quoted in part</b> by another version, or "
                  "<b>✗ found in no other version</b>.</p>"
                  if problems else ".</p>"))
    if not problems:
        return "".join(out)
    out.append(TABLE.format(pad=3) + '<tr><th width="14%">Version</th><th width="40%">Quote</th>'
               '<th width="14%">Check</th><th width="32%">Found in / changes</th></tr>')
    for f in problems:
        q = f.check
        title = esc(f.doc.title) if f.doc else "?"
        where = ", ".join(esc(d.title) for d, _ in f.found_in)
        changes = _changes(change_pairs(q)) if q.status == "altered" else ""
        detail = "<br/>".join(x for x in (where, changes) if x) or "—"
        colour = {"altered": fill("partial"), "partial": fill("near"),
                  "not_found": fill("dropped")}.get(q.status, "#ffffff")
        out.append(f"<tr><td><b>{title}</b></td><td>“{esc(q.text)}”</td>"
                   f'<td bgcolor="{colour}"><b>{esc(f.glyph)} {esc(f.label)}</b></td>'
                   f"<td>{detail}</td></tr>")
    out.append("</table>")
    return "".join(out)


def _label(kind: str | None, cell: Cell | None, row: Row, rv: PlacedReviews, marks=None) -> str:
    score = cell.score if cell is not None else None
    parts = row_label_parts(kind, score, row, rv, marks)
    return "<br/>".join(f"<b>{esc(t)}</b>" if bold else esc(t) for t, bold in parts)


def _notes(row: Row, rv: PlacedReviews, span: int) -> str:
    notes = [r for r in rv.for_segments(row.segment_ids()) if r.note]
    if not notes:
        return ""
    text = "<br/>".join(f"✎ Note{f' ({esc(r.author)})' if r.author else ''}: {esc(r.note)}" for r in notes)
    return f'<tr><td></td><td colspan="{span}"><i>{text}</i></td></tr>'


def _row_kind(row: Row) -> str:
    if row.kind:
        return row.kind
    return "" if row.heading else "boilerplate"


def _fill(kind: str) -> str:
    return fill(kind) if kind else "#ffffff"


def _text_td(html: str, kind: str, width: str = "") -> str:
    colour = fill(kind) if kind else "#ffffff"
    grey = kind == "boilerplate"
    body = f'<span style="color: {GREYED_COLOUR};">{html}</span>' if grey else html
    return f'<td{width} bgcolor="{colour}">{body}</td>'


def pair_header(base_title: str, version_title: str) -> str:
    """Column titles repeated at the top of every page of a pair section."""
    return (TABLE.format(pad=3) + '<tr><th width="9%" align="left">Kind</th>'
            f'<th width="45.5%" align="left">Base: {esc(base_title)}</th>'
            f'<th width="45.5%" align="left">Version: {esc(version_title)}</th></tr></table>')


def pair_row(c: Comparison, row: Row, rv: PlacedReviews, marks=None) -> str:
    """One aligned row (base passage, version passage) with its label and notes.

    ``marks`` is :func:`scocompare.export.findings.row_marks` of ``c`` (shift reasons,
    quote problems), built once per report."""
    cell = row.cells[0]
    kind = _row_kind(row)
    a_spans, b_spans = pair_spans(c, row.base, cell)
    if row.base:
        base_kind = "boilerplate" if row.base[0].boilerplate else kind
        a_td = _text_td(render(cell_text(row.base), a_spans, TAGS), base_kind, ' width="45.5%"')
    else:
        a_td = EMPTY.format(' width="45.5%"', "not in the base" if cell.kind != "boilerplate" else "site furniture, not compared")
    if cell.segments:
        b_td = _text_td(render(cell_text(cell.segments), b_spans, TAGS), cell.kind or kind, ' width="45.5%"')
    elif cell.kind == "dropped":
        b_td = EMPTY.format(' width="45.5%"', f"{esc(style('dropped').marker)} dropped")
    else:
        b_td = EMPTY.format(' width="45.5%"', "")
    label = f'<td width="9%" bgcolor="{_fill(kind)}"><span style="font-size: 7pt;">{_label(kind, cell, row, rv, marks)}</span></td>'
    return TABLE.format(pad=4) + f"<tr>{label}{a_td}{b_td}</tr>{_notes(row, rv, 2)}</table>"


def synoptic_header(base_title: str, titles: Sequence[str]) -> str:
    """Column titles of a synoptic band: the base and up to a few versions."""
    w = 92 / (len(titles) + 1)
    heads = "".join(f'<th width="{w:.1f}%" align="left">{esc(t)}</th>' for t in titles)
    return (TABLE.format(pad=3) + f'<tr><th width="8%" align="left">Kind</th>'
            f'<th width="{w:.1f}%" align="left">Base: {esc(base_title)}</th>{heads}</tr></table>')


def synoptic_row(c: Comparison, row: Row, rv: PlacedReviews, marks=None) -> str:
    """One row of a synoptic band: each version cell coloured by its own kind."""
    w = f' width="{92 / (len(row.cells) + 1):.1f}%"'
    kind = _row_kind(row)
    if row.base:
        base_kind = "boilerplate" if row.base[0].boilerplate else kind
        # Versions disagree among themselves: the base cell stays neutral and each
        # version cell carries its own kind.
        tds = [_text_td(render(cell_text(row.base), [], TAGS),
                        "boilerplate" if base_kind == "boilerplate" else "", w)]
    else:
        tds = [EMPTY.format(w, "not in the base")]
    for cell in row.cells:
        if cell.segments:
            _, b_spans = pair_spans(c, row.base, cell)
            head = ""
            if cell.kind and cell.score is not None:
                head = (f'<span style="font-size: 7pt;"><b>{esc(style(cell.kind).marker)}</b> '
                        f"{cell.score:.2f}{' ⇅' if cell.moved else ''}</span> ")
            tds.append(_text_td(head + render(cell_text(cell.segments), b_spans, TAGS),
                                cell.kind or kind, w))
        elif cell.kind == "dropped":
            tds.append(EMPTY.format(w, f"{esc(style('dropped').marker)} dropped"))
        else:
            tds.append(EMPTY.format(w, ""))
    label = (f'<td width="8%" bgcolor="{_fill(kind)}"><span style="font-size: 7pt;">'
             f"{_label(kind, None, row, rv, marks)}</span></td>")
    return TABLE.format(pad=3) + f"<tr>{label}{''.join(tds)}</tr>{_notes(row, rv, len(tds))}</table>"
