"""One row per link, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import io

from scocompare.core.model import Comparison
from scocompare.export.output import Target, write_text

COLUMNS = ("a", "b", "a_doc", "b_doc", "kind", "score", "moved", "origin", "note",
           "a_text", "b_text")
# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection); a leading apostrophe keeps it text there.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(comparison: Comparison) -> str:
    """The CSV text: a header line, then one line per link in comparison order."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    titles = {d.id: d.title for d in comparison.documents}
    for lk in comparison.links:
        try:
            a, b = comparison.segment(lk.a), comparison.segment(lk.b)
        except KeyError:
            continue  # dangling link: nothing a reader could check
        w.writerow([lk.a, lk.b, _safe(titles[a.doc]), _safe(titles[b.doc]), lk.kind,
                    f"{lk.score:.3f}", "yes" if lk.moved else "no", lk.origin,
                    _safe(lk.note), _safe(a.text), _safe(b.text)])
    return buf.getvalue()


def write_csv(comparison: Comparison, path_or_file: Target) -> None:
    """Write :func:`render_csv` to a path (atomically), an open text file or "-" (stdout)."""
    write_text(path_or_file, render_csv(comparison))
