"""Reports of real comparisons: the bundled demo set and the two seed articles."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from scocompare.export.html import render_html
from scocompare.export.layout import aligned_rows, versions_of
from scocompare.export.pdf import write_pdf
from tests.conftest import seed_paths

compare = pytest.importorskip("scocompare.core.compare")
similarity = pytest.importorskip("scocompare.core.similarity")
needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def _compare(paths):
    # The lexical scorer keeps these tests fast and independent of the model file.
    return compare.compare_paths(paths, scorer=similarity.get_scorer("lexical"))


def _text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


@pytest.fixture(scope="module")
def demo():
    from scocompare.core.demo import demo_paths

    return _compare(demo_paths())


def test_demo_rows_hold_every_content_sentence_once_per_version(demo):
    for v in versions_of(demo):
        rows = aligned_rows(demo, [v])
        base_ids = [s.id for r in rows for s in r.base]
        assert base_ids == [s.id for s in demo.document(demo.base).segments]
        shown = {s.id for r in rows for s in r.cells[0].segments}
        assert shown == {s.id for s in demo.document(v).segments}


def test_report_rows_and_figures_follow_the_engine_coverage(demo):
    from scocompare.export.layout import version_stats

    title = demo.document(demo.base).content_segments()[0]  # the statement's title line
    for v in versions_of(demo):
        cov = demo.coverage[v]
        assert title.id not in cov.dropped
        row = next(r for r in aligned_rows(demo, [v]) if title in r.base)
        assert row.cells[0].kind != "dropped" and row.heading
        dropped_rows = {r.base[0].id for r in aligned_rows(demo, [v]) if r.base and r.cells[0].kind == "dropped"}
        assert dropped_rows == set(cov.dropped)
        st = version_stats(demo, v)
        assert st.dropped == len(cov.dropped)
    assert "title line, not compared" in render_html(demo)


@needs_pdftotext
def test_demo_report_shows_versions_and_conflicts(demo, tmp_path):
    path = tmp_path / "demo.pdf"
    pages = write_pdf(demo, path)
    text = _text(path)
    assert pages >= len(demo.documents) + 1
    for d in demo.documents:
        assert " ".join(d.title.split()) in text
    for cf in demo.conflicts:
        for v in cf.values:
            assert " ".join(v.text.split()) in text


@needs_pdftotext
def test_seed_report_lists_the_date_conflict(tmp_path):
    c = _compare(seed_paths())
    path = tmp_path / "seeds.pdf"
    write_pdf(c, path)
    text = _text(path)
    assert "Fact conflicts" in text
    table = text[text.index("Fact conflicts"):]
    assert "July 5th" in table and "July 4, 2023" in table
    assert "4 July 2023" in table  # the typed value, not just the words
    page = render_html(c)
    assert "July 5th" in page and "July 4, 2023" in page
