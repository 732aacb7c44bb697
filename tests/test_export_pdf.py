"""The PDF report, read back: text, conflicts, metadata, fonts, colours, atomicity."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from scocompare.core.errors import Cancelled, ScocompareError
from scocompare.export.pdf import write_pdf
from scocompare.kinds import KINDS
from tests.test_export_fixtures import BASE, PAPER, WIRE, make_comparison, make_large

pypdf = pytest.importorskip("pypdf")
needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm") or not shutil.which("pdftotext"),
                                   reason="poppler-utils (pdftoppm, pdftotext) not installed")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pages_text(path: Path) -> list[str]:
    """Text of each page as pdftotext reads it (pypdf splits runs at every format change)."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) not installed")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [_norm(page) for page in out.split("\f")[:-1]]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    reviews = [{"segment": "d2.s5", "note": "Ask the desk who said this", "reviewed": True,
                "author": "AB"},
               {"segment": "d1.s99", "note": "orphan remark"}]
    pages = write_pdf(make_comparison(), path, title="Council coverage — test", reviews=reviews)
    return path, pages


def test_qt_has_fonts():
    from scocompare.export.pdf import _ensure_app

    _ensure_app()
    from PySide6.QtGui import QFontDatabase

    assert QFontDatabase.families(), "no fonts: Qt would draw empty boxes"


def test_metadata_pages_and_landscape(report):
    path, pages = report
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == pages >= 3
    assert reader.metadata.title == "Council coverage — test"
    assert reader.metadata.creator.startswith("scocompare ")
    box = reader.pages[-1].mediabox
    assert box.width > box.height


def test_text_is_selectable_with_provenance_and_all_versions(report):
    path, _ = report
    text = " ".join(_pages_text(path))
    c = make_comparison()
    for d in c.documents:
        assert d.title in text
        assert d.sha256 in text
    assert "lexical-test" in text and "0.55" in text and "2031-03-12 12:00" in text
    # Every sentence of every version is in the report, Cyrillic and accents included.
    for sentence in BASE + WIRE + PAPER:
        assert _norm(sentence) in text, sentence
    assert "Министры подчеркнули" in text and "coopération régionale" in text


def test_conflict_table_lists_each_value_with_its_place(report):
    path, _ = report
    summary = next(t for t in _pages_text(path) if "Fact conflicts" in t)
    for needle in ("session number", "7th", "17th", "meeting date", "12 March 2031", "11 March 2031",
                   "Daily paper: Ministers from the river states"):
        assert needle in summary, needle


def test_running_header_legend_and_page_numbers_on_every_page(report):
    path, pages = report
    for n, text in enumerate(_pages_text(path), 1):
        assert f"page {n} of {pages}" in text
        assert "Council coverage — test" in text
        for label in ("Identical", "Paraphrase", "Dropped", "Added", "Conflict"):
            assert label in text


def test_reviews_and_unplaced_notes(report):
    path, _ = report
    text = " ".join(_pages_text(path))
    assert "Ask the desk who said this" in text and "(AB)" in text
    assert "reviewed" in text
    assert "orphan remark" in text


@needs_poppler
def test_no_ligature_characters_in_extracted_text(report):
    path, _ = report
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "fisheries" in out and "ﬁ" not in out and "ﬂ" not in out


@needs_poppler
def test_fonts_are_embedded(report):
    path, _ = report
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows), out


@needs_poppler
def test_highlight_colours_are_in_the_pixels(report, tmp_path):
    import numpy as np
    from PySide6.QtGui import QImage

    path, _ = report
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "3", "-l", "3", str(path),
                    str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    img = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    rgb = arr[:, : img.width() * 3].reshape(img.height(), img.width(), 3)
    for kind in ("near", "dropped", "partial", "added", "conflict"):
        hexc = KINDS[kind].light
        want = np.array([int(hexc[i:i + 2], 16) for i in (1, 3, 5)], np.int16)
        hits = int((np.abs(rgb.astype(np.int16) - want).max(axis=2) <= 2).sum())
        assert hits > 40, f"{kind} colour {hexc} missing from the body page ({hits} px)"


def test_synoptic_mode_has_one_table_with_all_versions(tmp_path):
    path = tmp_path / "syn.pdf"
    write_pdf(make_comparison(), path, mode="synoptic")
    body = [t for t in _pages_text(path) if "Synoptic:" in t]
    assert body and "Wire story" in body[0] and "Daily paper" in body[0]
    assert "The fisheries quota will not be reviewed this year." in " ".join(body)


def test_many_versions_paginate_with_repeated_column_titles(tmp_path):
    import gc

    path = tmp_path / "big.pdf"
    comp = make_large(3, 120)
    # Objects freed by a garbage collection during the export also give back their
    # references to None (a freed comparison of an earlier test: thousands): collect
    # first and hold the collector, so only the Qt calls can move the count.
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        pages = write_pdf(comp, path)
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert after >= before - 50  # the shiboken refcount guard held
    texts = _pages_text(path)
    assert pages == len(texts) > 8
    body = [t for t in texts if "Base: Base statement" in t]
    assert len(body) >= 6  # column titles repeat on each body page
    joined = " ".join(texts)
    for i in range(0, 120, 7):
        assert f"number {i}." in joined


def test_a_row_taller_than_a_page_is_split_between_lines_not_lost(tmp_path):
    c = make_comparison()
    long = " ".join(f"Sentence part {i} of a very long quoted passage." for i in range(700))
    d1 = c.documents[0]
    seg = d1.segments[2].__class__(**{**d1.segments[2].__dict__, "text": long})
    docs = (d1.__class__(**{**d1.__dict__, "segments": d1.segments[:2] + (seg,) + d1.segments[3:]}),
            ) + c.documents[1:]
    c2 = c.__class__(**{**c.__dict__, "documents": docs})
    path = tmp_path / "long.pdf"
    write_pdf(c2, path)
    joined = " ".join(_pages_text(path))
    for i in (0, 350, 699):
        assert f"Sentence part {i} of a very long" in joined


def test_cancel_midway_leaves_no_file_and_keeps_the_old_one(tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(b"previous report")
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 30

    with pytest.raises(Cancelled):
        write_pdf(make_large(2, 80), path, cancelled=cancelled)
    assert path.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_progress_rises_to_one(tmp_path):
    seen: list[float] = []
    write_pdf(make_large(2, 60), tmp_path / "p.pdf", progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0
    assert all(b >= a for a, b in zip(seen, seen[1:], strict=False))


def test_unwritable_target_is_one_line_error(tmp_path):
    target = tmp_path / "missing-dir" / "r.pdf"
    with pytest.raises(ScocompareError) as err:
        write_pdf(make_comparison(), target)
    assert str(target) in str(err.value) and "\n" not in str(err.value)


def test_unknown_mode_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write_pdf(make_comparison(), tmp_path / "x.pdf", mode="poster")


def test_export_runs_off_the_ui_thread(tmp_path):
    """The window exports on a worker thread; Qt text layout and PDF writing must work there."""
    import threading

    from scocompare.export.pdf import _ensure_app

    _ensure_app()  # the window's application exists before any worker starts
    result: dict = {}

    def work() -> None:
        try:
            result["pages"] = write_pdf(make_large(2, 60), tmp_path / "t.pdf")
        except BaseException as err:  # noqa: BLE001 - reported below
            result["error"] = err

    t = threading.Thread(target=work)
    t.start()
    t.join(120)
    assert "error" not in result, result.get("error")
    assert result["pages"] > 2 and (tmp_path / "t.pdf").stat().st_size > 1000


def test_markup_in_the_documents_is_printed_literally(tmp_path):
    from tests.test_export_html import _hostile

    path = tmp_path / "hostile.pdf"
    write_pdf(_hostile(), path, title="<i>Title</i> & co")
    text = " ".join(_pages_text(path))
    assert 'Evil <script>alert("x")</script>' in text
    assert 'Outlet "<b>bold</b>"' in text and "<i>Title</i> & co" in text


def test_preview_page_draws_the_report_page_as_an_image():
    from PySide6.QtGui import QColor

    from scocompare.export.pdf import preview_page

    img, pages = preview_page(make_comparison(), 3, 700)
    assert pages == len(_pages_text_count())
    assert img.width() == 700 and 480 < img.height() < 500  # A4 landscape proportions
    colours = {img.pixelColor(x, y).name() for x in range(0, 700, 3) for y in range(0, img.height(), 3)}
    assert KINDS["dropped"].light in colours and KINDS["near"].light in colours
    assert QColor("#ffffff").name() in colours


def _pages_text_count() -> list:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "n.pdf"
        write_pdf(make_comparison(), path)
        return pypdf.PdfReader(str(path)).pages[:]
