"""Meaning shifts and quote checks in the PDF summary, the HTML report and row labels."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import unicodedata

import pytest

from scocompare.export.findings import (
    change_pairs,
    meaning_shifts,
    quote_checks,
    row_labels,
    row_marks,
)
from scocompare.export.html import render_html
from scocompare.export.layout import aligned_rows
from scocompare.export.pdf import write_pdf
from scocompare.kinds import KINDS
from tests.test_export_fixtures import make_comparison, make_findings

pypdf = pytest.importorskip("pypdf")


def _pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_shifts_are_collected_base_first_with_their_words():
    found = meaning_shifts(make_findings())
    assert [(f.a.id, f.b.id, f.reason) for f in found] == [
        ("d1.s4", "d2.s1", "modality"), ("d1.s1", "d2.s2", "negation"), ("d1.s3", "d2.s4", "qualifier")]
    neg = found[1]
    assert neg.a_doc.id == "d1" and neg.removed == ("not",) and neg.added == ()
    assert neg.explanation() == "negation: “not” dropped" and neg.meaning == "a negation added or removed"
    assert found[0].removed == ("should",) and found[0].added == ("will",)
    assert found[2].words() == "“partly” dropped"
    assert found[0].explanation() == "modality: “should” → “will”"


def test_speaker_evidence_keeps_the_sentence_wording_and_order():
    from scocompare.core.model import Link

    c = make_findings()
    a = c.document("d1").segments[1]
    b = c.document("d2").segments[2]
    a2 = dataclasses.replace(a, text="The accord is a first step, said President Marenko.")
    b2 = dataclasses.replace(b, text="The accord is a first step, said Prime Minister Tomas Ederlin of Kessmark.")
    docs = (dataclasses.replace(c.documents[0], segments=(a2,)),
            dataclasses.replace(c.documents[1], segments=(b2,)))
    odd = dataclasses.replace(c, documents=docs, quotes=(),
                              links=(Link(a2.id, b2.id, 0.9, "shift", note="speaker"),))
    (f,) = meaning_shifts(odd)
    assert f.reason == "speaker"
    # Words as the sentences write them, in their order, each marked where it stands.
    assert f.removed == ("President Marenko",)
    assert f.added[0].startswith("Prime Minister Tomas Ederlin") and f.added[-1] == "Kessmark"
    assert [a2.text[s:e] for s, e in f.a_spans] == list(f.removed)


def test_shift_note_the_engine_gave_is_kept_when_words_disagree():
    c = make_findings()
    odd = dataclasses.replace(c, links=(dataclasses.replace(c.links[0], note="speaker"),))
    (f,) = meaning_shifts(odd)
    assert f.reason == "speaker" and f.removed == f.added == ()


def test_quote_checks_resolve_documents_and_changes():
    found = quote_checks(make_findings())
    assert [(f.doc.id, f.check.status) for f in found] == [
        ("d1", "altered"), ("d2", "altered"), ("d2", "verbatim"), ("d2", "not_found")]
    assert [d.id for d, _ in found[1].found_in] == ["d1"]
    assert change_pairs(found[1].check) == [("not", "")]
    assert found[3].found_in == () and found[3].glyph == "✗"


def test_row_labels_carry_shift_reasons_and_quote_problems():
    c = make_findings()
    marks = row_marks(c)
    assert marks == {"d2.s2": ("≈ quote altered",), "d1.s1": ("≈ quote altered",),
                     "d2.s5": ("✗ quote not found",)}  # a verbatim quote needs no attention
    rows = {r.cells[0].segments[0].id: r for r in aligned_rows(c, ["d2"]) if r.cells[0].segments}
    assert row_labels(marks, rows["d2.s2"]) == ["negation", "≈ quote altered"]
    assert row_labels(marks, rows["d2.s4"]) == ["qualifier"]
    assert row_labels(marks, rows["d2.s3"]) == []


def test_a_shift_toward_one_version_is_not_labelled_in_another_versions_rows():
    c = make_comparison()  # d1.s3 shifts (negation) in d3 only; d2 drops it
    rows = aligned_rows(c, ["d2"])
    assert not any("negation" in row_labels(row_marks(c), r) for r in rows)
    rows = aligned_rows(c, ["d3"])
    assert any(row_labels(row_marks(c), r) == ["negation"] for r in rows)


def test_pdf_summary_lists_shifts_and_quote_checks(tmp_path):
    path = tmp_path / "f.pdf"
    write_pdf(make_findings(), path)
    text = _pdf_text(path)
    assert "Meaning shifts" in text and "Quote checks" in text
    for needle in ("! negation a negation added or removed “not” dropped",
                   "! qualifier a qualifier added or dropped (partly, in principle) “partly” dropped",
                   "“should” → “will”",
                   "not found in the other versions", "Nobody asked the fishermen <first>,",
                   "4 quoted passage(s) checked", "✓ 1 found word for word", "≈ altered"):
        assert needle in text, needle
    # The cover says which scorer made the links and what that means.
    assert "minilm-int8+tfidf — semantic sentence embeddings" in text
    # Body rows carry the reason and the quote problem beside the kind.
    body = _pdf_text(path).split("Version: Harbour Gazette", 1)[1]
    assert "! Meaning shift" in body and "negation" in body and "quote not found" in body


def test_pdf_without_findings_says_so(tmp_path):
    path = tmp_path / "n.pdf"
    write_pdf(dataclasses.replace(make_comparison(), links=make_comparison().links[:2]), path)
    text = _pdf_text(path)
    assert "No linked passage changed its meaning" in text
    assert "No quoted passages were checked." in text


def test_lexical_fallback_is_named_on_the_cover(tmp_path):
    c = make_findings()
    c = dataclasses.replace(c, engine=dataclasses.replace(c.engine, scorer="lexical-tfidf"))
    path = tmp_path / "l.pdf"
    write_pdf(c, path)
    assert "lexical-tfidf — word overlap only (the semantic model was not used)" in _pdf_text(path)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) not installed")
def test_shift_colour_is_on_the_summary_page(tmp_path):
    import numpy as np
    from PySide6.QtGui import QImage

    path = tmp_path / "f.pdf"
    write_pdf(make_findings(), path)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", str(path),
                    str(tmp_path / "p")], check=True)
    img = QImage(str(next(tmp_path.glob("p*.png")))).convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    rgb = arr[:, : img.width() * 3].reshape(img.height(), img.width(), 3).astype(np.int16)
    for kind in ("shift", "dropped", "partial"):  # shift rows, quote not found, quote altered
        hexc = KINDS[kind].light
        want = np.array([int(hexc[i:i + 2], 16) for i in (1, 3, 5)], np.int16)
        assert int((np.abs(rgb - want).max(axis=2) <= 2).sum()) > 40, kind


def test_html_lists_shifts_and_quotes_escaped():
    page = render_html(make_findings())
    assert "<h2>! Meaning shifts</h2>" in page and "<h2>Quote checks</h2>" in page
    assert "<b>! negation</b><br>a negation added or removed<br>“not” dropped" in page
    # The lost word is struck in the base sentence of the negation pair.
    assert "We will <del>not</del> raise" in page and "<del>should</del>" in page
    assert "<ins>will</ins> meet" in page  # only the evidence words are marked
    assert "Nobody asked the fishermen &lt;first&gt;," in page and "<first>" not in page
    assert 'class="quote-not_found k-dropped">✗ not found in the other versions' in page
    assert "minilm-int8+tfidf</b> (semantic sentence embeddings" in page
    assert "≈ quote altered" in page and "<script" not in page


def test_fact_values_read_as_a_person_says_them():
    from scocompare.export.layout import format_value

    assert format_value({"value": 34.0, "unit": "age", "approx": False}, "number") == "34 years old"
    assert format_value({"value": 340e6, "unit": "EUR", "approx": True}, "number") == "about 340,000,000 EUR"


def test_a_quote_quoted_in_part_reads_so_in_every_report(tmp_path):
    from scocompare.core.model import QuoteCheck

    c = make_findings()
    seg = c.document("d1").segments[1]
    phrase = "a first step towards lasting cooperation"
    at = seg.start + seg.text.index(phrase)
    part = QuoteCheck(seg.id, at, at + len(phrase), phrase, "partial", ("d2.s3",))
    c = dataclasses.replace(c, quotes=c.quotes + (part,))
    page = render_html(c)
    assert 'class="quote-partial k-near">½ quoted in part in another version' in page
    assert "Quotes ✓ ≈ ½ ✗" in page
    path = tmp_path / "q.pdf"
    write_pdf(c, path)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        assert "½ quoted in part in another version" in " ".join(text.split())
