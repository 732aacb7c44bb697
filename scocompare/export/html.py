"""A self-contained HTML report: inline CSS, no scripts, no remote resources.

Every piece of text from the documents goes through ``html.escape`` and sits in a
``<bdi>`` so that a right-to-left override inside a quoted sentence cannot reorder
the rest of the page. A Content-Security-Policy forbids scripts and remote loads even
if a future change forgot to escape something.
"""

from __future__ import annotations

from collections.abc import Iterable

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
    row_marks,
)
from scocompare.export.layout import (
    Row,
    added_at,
    aligned_rows,
    comparison_date,
    conflict_values,
    describe_scorer,
    percent,
    report_title,
    version_stats,
    versions_of,
)
from scocompare.export.markup import cell_text, esc, pair_spans, render, shift_marks
from scocompare.export.output import Target, write_text
from scocompare.export.palette import DELETED_COLOUR, GREYED_COLOUR, INSERTED_COLOUR, fill
from scocompare.export.reviews import PlacedReviews, place_reviews
from scocompare.kinds import KINDS, legend, style

TAGS = {
    "del": ("<del>", "</del>"),
    "ins": ("<ins>", "</ins>"),
    "fact": ('<mark class="fact">', "</mark>"),
}


def _css() -> str:
    kinds = "\n".join(
        f".k-{s.name} {{ background: {s.light}; border-left: 4px solid {s.strong}; }}"
        for s in KINDS.values())
    return f"""
body {{ font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 2em; color: #111;
       max-width: 80em; }}
h1 {{ font-size: 1.6em; }} h2 {{ border-bottom: 1px solid #999; margin-top: 2em; }}
table {{ border-collapse: collapse; width: 100%; margin: .5em 0; }}
td, th {{ border: 1px solid #bbb; padding: .3em .5em; vertical-align: top; text-align: left;
          unicode-bidi: isolate; }}
th {{ background: #f3f3f3; }}
td.kind {{ width: 8em; font-size: .85em; white-space: nowrap; }}
td.empty {{ border-style: dashed; color: {GREYED_COLOUR}; font-style: italic; }}
.mono {{ font-family: "DejaVu Sans Mono", monospace; font-size: .8em; word-break: break-all; }}
del {{ color: {DELETED_COLOUR}; text-decoration: line-through; }}
ins {{ color: {INSERTED_COLOUR}; text-decoration: underline; font-weight: bold; }}
mark.fact {{ background: {fill('conflict')}; outline: 1px solid {style('conflict').strong};
             font-weight: bold; }}
.bar {{ display: flex; height: 1em; width: 24em; border: 1px solid #555; }}
.bar span {{ display: block; height: 100%; }}
.legend span {{ display: inline-block; padding: .1em .5em; margin: .1em; }}
.note {{ font-style: italic; font-size: .9em; }}
.boilerplate {{ color: {GREYED_COLOUR}; }}
{kinds}
"""


def _cover(c: Comparison, title: str) -> list[str]:
    e = c.engine
    out = [f"<h1>{esc(title)}</h1>",
           f"<p>Compared: {esc(comparison_date(c))} · scocompare {esc(__version__)} · "
           f"scorer <b>{esc(e.scorer)}</b> ({esc(describe_scorer(e.scorer))}) · threshold {e.threshold:.2f} · base: "
           f"<bdi>{esc(c.document(c.base).title)}</bdi></p>",
           "<table><tr><th>#</th><th>Title</th><th>Source</th><th>SHA-256</th><th>Added</th></tr>"]
    for i, d in enumerate(c.documents, 1):
        role = " (base)" if d.id == c.base else ""
        out.append(f"<tr><td>{i}{role}</td><td><bdi>{esc(d.title)}</bdi></td>"
                   f"<td><bdi>{esc(d.source)}</bdi></td><td class=mono>{esc(d.sha256)}</td>"
                   f"<td>{esc(added_at(d))}</td></tr>")
    out.append("</table>")
    return out


def _summary(c: Comparison) -> list[str]:
    out = ["<h2>Summary</h2>", "<table><tr><th>Version</th><th>Coverage of the base</th>"
           "<th>Kept</th><th>Reworded</th><th>Dropped</th><th>Added</th><th>Links by kind</th>"
           "<th>Conflicts</th><th>Quotes ✓ ≈ ½ ✗</th></tr>"]
    for v in versions_of(c):
        st = version_stats(c, v)
        bar = "".join(
            f'<span class="k-{k}" style="width:{st.share(part) * 100:.1f}%" '
            f'title="{esc(style(k).label)}"></span>'
            for part, k in (("kept", "near"), ("reworded", "paraphrase"), ("dropped", "dropped")))
        kinds = ", ".join(f"{style(k).marker} {esc(k)} {n}" for k, n in sorted(st.kinds.items()))
        out.append(f"<tr><td><bdi>{esc(st.doc.title)}</bdi></td><td><div class=bar>{bar}</div></td>"
                   f"<td>{percent(st.share('kept'))}</td><td>{percent(st.share('reworded'))}</td>"
                   f"<td>{percent(st.share('dropped'))}</td><td>{percent(st.share('added'))}</td>"
                   f"<td>{kinds}{f', ⇅ moved {st.moved}' if st.moved else ''}</td>"
                   f"<td>{st.conflicts}</td><td>{_quote_counts(c, v)}</td></tr>")
    out.append("</table>")
    out += ["<h2>Fact conflicts</h2>"]
    if not c.conflicts:
        out.append("<p>No conflicting facts were found.</p>")
        return out
    out.append("<table><tr><th>Fact</th><th>Value</th><th>As written</th><th>Where</th></tr>")
    for cf in c.conflicts:
        vals = conflict_values(c, cf)
        label = esc(cf.label or cf.kind) + (" (event)" if cf.scope == "event" else "")
        for i, cv in enumerate(vals):
            head = f'<td rowspan="{len(vals)}">{label}</td>' if i == 0 else ""
            where = (f"<b><bdi>{esc(cv.doc.title)}</bdi></b>: <bdi>{esc(cv.segment.text)}</bdi>"
                     if cv.doc and cv.segment else "?")
            out.append(f"<tr>{head}<td>{esc(cv.value)}</td><td><bdi>{esc(cv.text)}</bdi></td>"
                       f"<td>{where}</td></tr>")
    out.append("</table>")
    return out


def _quote_counts(c: Comparison, doc_id: str) -> str:
    n = quote_counts(c, doc_id)
    return " ".join(f"{QUOTE_STATUS[k][0]} {n[k]}" for k in QUOTE_STATUS if n.get(k)) or "—"


def _shifts(c: Comparison) -> list[str]:
    found = meaning_shifts(c)
    out = [f"<h2>{esc(style('shift').marker)} Meaning shifts</h2>"]
    if not found:
        return out + ["<p>No linked passage changed its meaning (negation, modality, qualifier, "
                      "speaker, polarity).</p>"]
    out.append(f"<p>{len(found)} close rewording(s) whose meaning moved; the words behind each "
               "shift are struck (lost) and underlined (brought in).</p>")
    out.append("<table><tr><th>Version</th><th>Why</th><th>Base says</th><th>Version says</th></tr>")
    for f in found:
        a_spans, b_spans = shift_marks(f)
        out.append(f"<tr><td><bdi>{esc(f.b_doc.title)}</bdi></td>"
                   f'<td class="k-shift"><b>{esc(style("shift").marker)} {esc(f.reason)}</b>'
                   f"{'<br>' + esc(f.meaning) if f.meaning else ''}"
                   f"{'<br>' + esc(f.words()) if f.words() else ''}</td>"
                   f"<td><bdi>{render(f.a.text, a_spans, TAGS, '<br>')}</bdi></td>"
                   f'<td class="k-shift"><bdi>{render(f.b.text, b_spans, TAGS, "<br>")}</bdi></td></tr>')
    out.append("</table>")
    return out


def _quotes(c: Comparison) -> list[str]:
    found = quote_checks(c)
    out = ["<h2>Quote checks</h2>"]
    if not found:
        return out + ["<p>No quoted passages were checked.</p>"]
    problems, verbatim = quote_problems(found)
    out.append(f"<p>{len(found)} quoted passage(s) checked against the other versions: "
               f"<b>✓ {verbatim}</b> found word for word in another version"
               + (f"; the {len(problems)} below were <b>≈ altered</b> (source words struck, the "
                  "quote's words underlined), <b>½ quoted in part</b> by another version, or "
                  "<b>✗ found in no other version</b>.</p>"
                  if problems else ".</p>"))
    if not problems:
        return out
    out.append("<table><tr><th>Version</th><th>Quote</th><th>Check</th><th>Found in / changes</th></tr>")
    for f in problems:
        q = f.check
        where = ", ".join(f"<bdi>{esc(d.title)}</bdi>" for d, _ in f.found_in)
        changes = "; ".join(
            (f"<del>{esc(src)}</del>" if src else "") + (" → " if src and quoted else "")
            + (f"<ins>{esc(quoted)}</ins>" if quoted else "")
            for src, quoted in change_pairs(q)) if q.status == "altered" else ""
        cls = {"altered": "k-partial", "partial": "k-near", "not_found": "k-dropped"}.get(q.status, "")
        out.append(f"<tr><td><bdi>{esc(f.doc.title) if f.doc else '?'}</bdi></td>"
                   f"<td>“<bdi>{esc(q.text)}</bdi>”</td>"
                   f'<td class="quote-{esc(q.status)} {cls}">{esc(f.glyph)} {esc(f.label)}</td>'
                   f"<td>{'<br>'.join(x for x in (where, changes) if x) or '—'}</td></tr>")
    out.append("</table>")
    return out


def _legend() -> str:
    items = "".join(f'<span class="k-{s.name}">{esc(s.marker)} {esc(s.label)}</span>' for s in legend())
    return (f'<p class="legend">{items} <del>struck</del>: words the version lost · '
            f'<ins>underlined</ins>: words it added · <mark class="fact">marked</mark>: conflicting fact</p>')


def _kind_cell(row: Row, rv: PlacedReviews, marks=None) -> str:
    kind = row.kind
    if kind is None and row.base and row.base[0].boilerplate:
        kind = "boilerplate"
    score = row.cells[0].score if row.cells else None
    # The HTML legend already makes the kind bold through its class; no extra emphasis.
    parts = [esc(text) for text, _ in row_label_parts(kind, score, row, rv, marks)]
    return f'<td class="kind{_kind_class(row)}">{"<br>".join(parts)}</td>'


def _kind_class(row: Row) -> str:
    """The row's colour class (with its leading space): its kind, grey when it has none,
    none at all for the base's title line, which is not compared."""
    kind = row.kind or ("" if row.heading else "boilerplate")
    return f" k-{esc(kind)}" if kind else ""


def _pair_table(c: Comparison, version: str, rv: PlacedReviews, marks=None) -> list[str]:
    doc = c.document(version)
    out = [f"<h2>{esc(c.document(c.base).title)} ⟷ <bdi>{esc(doc.title)}</bdi></h2>", _legend(),
           f"<table><tr><th>Kind</th><th>Base: <bdi>{esc(c.document(c.base).title)}</bdi></th>"
           f"<th>Version: <bdi>{esc(doc.title)}</bdi></th></tr>"]
    for row in aligned_rows(c, [version]):
        cell = row.cells[0]
        a_spans, b_spans = pair_spans(c, row.base, cell)
        kind = _kind_class(row)
        a_html = render(cell_text(row.base), a_spans, TAGS, "<br>")
        b_html = render(cell_text(cell.segments), b_spans, TAGS, "<br>")
        grey_a = " boilerplate" if row.base and row.base[0].boilerplate else ""
        grey_b = " boilerplate" if cell.kind == "boilerplate" else ""
        a_td = (f'<td class="{kind.strip()}{grey_a}"><bdi>{a_html}</bdi></td>' if row.base
                else '<td class="empty">added in this version</td>')
        if cell.segments:
            b_td = f'<td class="{kind.strip()}{grey_b}"><bdi>{b_html}</bdi></td>'
        elif cell.kind == "dropped":
            b_td = '<td class="empty">dropped</td>'
        else:
            b_td = '<td class="empty"></td>'
        out.append(f"<tr>{_kind_cell(row, rv, marks)}{a_td}{b_td}</tr>")
        notes = [r for r in rv.for_segments(row.segment_ids()) if r.note]
        if notes:
            text = "<br>".join(f"Note{f' ({esc(r.author)})' if r.author else ''}: <bdi>{esc(r.note)}</bdi>"
                               for r in notes)
            out.append(f'<tr><td></td><td colspan="2" class="note">{text}</td></tr>')
    out.append("</table>")
    return out


def render_html(comparison: Comparison, reviews: Iterable = (), *, title: str | None = None) -> str:
    """The whole report as one HTML page (cover, summary, conflicts, one table per version)."""
    c = comparison
    rv = place_reviews(c, reviews)
    head = report_title(c, title)
    body = _cover(c, head) + _summary(c) + _shifts(c) + _quotes(c)
    marks = row_marks(c)
    for v in versions_of(c):
        body += _pair_table(c, v, rv, marks)
    if rv.unplaced:
        body.append("<h2>Notes that no longer match a passage</h2><ul>")
        body += [f"<li><bdi>{esc(n)}</bdi></li>" for n in rv.unplaced]
        body.append("</ul>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">"
            f"<meta name=\"generator\" content=\"scocompare {esc(__version__)}\">"
            f"<title>{esc(head)}</title><style>{_css()}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def write_html(comparison: Comparison, path: Target, reviews: Iterable = (), *,
               title: str | None = None) -> None:
    """Write :func:`render_html` to a path (atomically), an open text file or "-" (stdout)."""
    write_text(path, render_html(comparison, reviews, title=title))
