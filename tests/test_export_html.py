"""HTML, CSV and JSON exports: escaping, self-containment, one row per link, stdout."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from scocompare.core.errors import ScocompareError
from scocompare.core.model import Document, Segment
from scocompare.export.csv_export import COLUMNS, render_csv, write_csv
from scocompare.export.html import render_html, write_html
from tests.test_export_fixtures import make_comparison

HOSTILE = 'Evil <script>alert("x")</script> \u202eosla "quoted" & \'single\' <img src=x onerror=y>'


def _hostile():
    c = make_comparison()
    d2 = c.documents[1]
    segs = list(d2.segments)
    s = segs[4]
    segs[4] = Segment(s.id, s.doc, s.index, s.paragraph, s.start, s.end, HOSTILE)
    d2 = Document(d2.id, 'Outlet "<b>bold</b>"', "https://example.invalid/<script>", d2.sha256,
                  d2.text, tuple(segs), d2.meta)
    return c.__class__(**{**c.__dict__, "documents": (c.documents[0], d2, c.documents[2])})


def test_html_escapes_hostile_text_and_has_no_active_content():
    page = render_html(_hostile(), [{"segment": "d2.s5", "note": "<script>note</script>"}],
                       title="<script>t</script>")
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "onerror=y>" not in lowered
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&#x27;single&#x27;" in page and "&amp;" in page
    assert "Outlet &quot;&lt;b&gt;bold&lt;/b&gt;&quot;" in page
    # The right-to-left override stays inside an isolated run, never loose in the page.
    i = page.index("\u202e")
    assert page.rfind("<bdi>", 0, i) > page.rfind("</bdi>", 0, i)


def test_html_is_self_contained():
    page = render_html(make_comparison())
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for forbidden in ("<link", "<script", "src=", "url(", "@import", "http://", "https://"):
        assert forbidden not in page.replace("default-src", ""), forbidden
    assert "<style>" in page


def test_html_shows_rows_marks_conflicts_and_notes():
    page = render_html(make_comparison(), [{"segment": "d1.s3", "note": "quota line", "reviewed": True}])
    assert page.count('<td class="empty">dropped</td>') == 2 + 3  # wire drops 2, paper 3
    assert "<del>before</del>" in page and "<ins>by</ins>" in page
    assert '<mark class="fact">' in page and "11 March 2031" in page
    assert "quota line" in page and "✓ reviewed" in page
    assert "Министры" in page and "coopération" in page
    for kind in ("near", "dropped", "added", "partial", "shift"):
        assert f"k-{kind}" in page


def test_write_html_dash_is_stdout(capsys):
    write_html(make_comparison(), "-")
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_csv_has_one_row_per_link_and_neutralises_formulas(tmp_path):
    c = make_comparison()
    lk = c.links[0]
    d1 = c.documents[0]
    s = d1.segments[0]
    segs = (Segment(s.id, s.doc, s.index, s.paragraph, s.start, s.end, "=HYPERLINK(\"x\")"),) + d1.segments[1:]
    c = c.__class__(**{**c.__dict__, "documents": (Document(d1.id, d1.title, d1.source, d1.sha256,
                                                             d1.text, segs),) + c.documents[1:]})
    path = tmp_path / "links.csv"
    write_csv(c, path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert tuple(rows[0].keys()) == COLUMNS
    assert len(rows) == len(c.links)
    first = rows[0]
    assert (first["a"], first["b"], first["kind"], first["score"]) == (lk.a, lk.b, lk.kind, "0.810")
    assert first["a_text"] == "'=HYPERLINK(\"x\")"
    moved = [r for r in rows if r["moved"] == "yes"]
    assert {(r["a"], r["b"]) for r in moved} == {(x.a, x.b) for x in c.links if x.moved}
    assert any(r["b_doc"] == "Daily paper" and r["kind"] == "shift" and r["note"] == "negation"
               for r in rows)


def test_csv_to_stdout_and_open_file(capsys):
    write_csv(make_comparison(), "-")
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(COLUMNS)
    buf = io.StringIO()
    write_csv(make_comparison(), buf)
    assert buf.getvalue() == render_csv(make_comparison())


def test_json_round_trips(tmp_path, capsys):
    report = pytest.importorskip("scocompare.core.report")
    from scocompare.export.json_export import write_json

    c = make_comparison()
    path = tmp_path / "c.json"
    write_json(c, path)
    back = report.loads(path.read_text(encoding="utf-8"))
    assert back.links == c.links and back.conflicts == c.conflicts
    assert json.loads(path.read_text())["format"] == "scocompare.comparison/1"
    write_json(c, "-")
    assert json.loads(capsys.readouterr().out)["base"] == "d1"


def test_failed_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "r.html"
    path.write_text("old", encoding="utf-8")
    import scocompare.export.output as output
    from scocompare.atomic import atomic_write

    def boom(target, text):  # the disk fills up half-way through the real atomic writer
        with atomic_write(target) as fh:
            fh.write(text[:100])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "write_text_atomic", boom)
    with pytest.raises(ScocompareError, match=re.escape(str(path)) + ".*No space left"):
        write_html(make_comparison(), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
