"""File > Export from the window: the dialog writes each format; cancel leaves no file."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtWidgets import QApplication

from scocompare.core.ingest import load_text
from scocompare.gui import export_dialog
from scocompare.gui.export_dialog import ExportDialog
from scocompare.gui.main_window import MainWindow

WAIT = 60_000

BASE = ("The council approved the new tram line on 3 March 2024. "
        "Construction will start in autumn and cost 120 million euros. "
        "The mayor said the line would serve forty thousand riders a day.")
VERSION = ("City councillors backed the tram line on 4 March. "
           "Work begins in the autumn, at a cost of 120 million euros. "
           "Opponents say the route skips the eastern districts.")


def _comparison():
    from scocompare.core.compare import compare_documents
    from scocompare.core.similarity import get_scorer

    docs = [load_text(BASE, doc_id="d1", title="Council statement"),
            load_text(VERSION, doc_id="d2", title="Evening Post")]
    return compare_documents(docs, base=0, scorer=get_scorer("lexical"))


@pytest.fixture(scope="module")
def comparison():
    return _comparison()


def _dialog(qtbot, comparison, tmp_path, fmt="pdf-pairs"):
    dlg = ExportDialog(comparison, reviews=[])
    qtbot.addWidget(dlg)
    dlg.set_format(fmt)
    dlg.path.setText(str(tmp_path / ("report" + export_dialog.FORMATS[fmt][1])))
    dlg.show()
    return dlg


def test_export_dialog_writes_pdf_with_preview(qtbot, comparison, tmp_path):
    dlg = _dialog(qtbot, comparison, tmp_path)
    qtbot.waitUntil(lambda: dlg.preview_ready, timeout=WAIT)
    pix = dlg.preview.pixmap()
    assert pix.width() == export_dialog.PREVIEW_WIDTH and 0.6 < pix.height() / pix.width() < 0.8  # landscape A4
    img = pix.toImage()
    # Not a blank page: some pixels are dark (text).
    dark = sum(1 for y in range(0, img.height(), 7) for x in range(0, img.width(), 7)
               if img.pixelColor(x, y).lightness() < 100)
    assert dark > 20
    dlg.start_export()
    qtbot.waitUntil(lambda: not dlg.running and bool(dlg.result_text), timeout=WAIT)
    out = tmp_path / "report.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(out)).pages)
    assert "Evening Post" in text and "Council statement" in text
    assert "page" in dlg.result_text


@pytest.mark.parametrize("fmt", ["html", "json", "csv", "pdf-synoptic"])
def test_export_dialog_other_formats(qtbot, comparison, tmp_path, fmt):
    dlg = _dialog(qtbot, comparison, tmp_path, fmt)
    dlg.start_export()
    qtbot.waitUntil(lambda: not dlg.running and bool(dlg.result_text or dlg.error), timeout=WAIT)
    assert not dlg.error
    out = tmp_path / ("report" + export_dialog.FORMATS[fmt][1])
    data = out.read_bytes()
    if fmt == "json":
        assert json.loads(data)["format"] == "scocompare.comparison/1"
    elif fmt == "html":
        assert b"Evening Post" in data and b"<script" not in data
    elif fmt == "csv":
        assert len(data.decode("utf-8").splitlines()) >= 2
    else:
        assert data.startswith(b"%PDF")


def test_cancelled_export_leaves_no_file(qtbot, comparison, tmp_path, monkeypatch):
    gate = threading.Event()
    real = export_dialog.export_to

    def slow(comp, fmt, path, *, reviews=(), progress=None, cancelled=None):
        gate.wait(10)  # hold the export until the test has pressed Cancel

        return real(comp, fmt, path, reviews=reviews, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(export_dialog, "export_to", slow)
    dlg = _dialog(qtbot, comparison, tmp_path)
    dlg.start_export()
    assert dlg.running and dlg.cancel_button.text() == "Cancel"
    dlg.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: not dlg.running, timeout=WAIT)
    QApplication.processEvents()
    assert "cancelled" in dlg.message.text().lower()
    assert not (tmp_path / "report.pdf").exists()
    assert list(tmp_path.iterdir()) == []  # no temporary left behind either


def test_bad_folder_is_one_line(qtbot, comparison, tmp_path):
    dlg = _dialog(qtbot, comparison, tmp_path)
    dlg.path.setText(str(tmp_path / "missing" / "r.pdf"))
    dlg.start_export()
    assert not dlg.running and "no such folder" in dlg.message.text()


def test_window_export_action_and_scorer_shown(qtbot, comparison):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.show_comparison(comparison)
    scorer = comparison.engine.scorer
    assert scorer and f"scorer {scorer}" in w.scorer_label.text()
    from scocompare.gui.actions import about_text

    assert scorer in about_text(w)
    w.actions["about"].trigger()
    assert scorer in w.about_box.text()
    w.about_box.close()
    assert w.actions["export"].shortcut().toString() == "Ctrl+E"
    w.actions["export"].trigger()
    dlg = w.export_dialog
    assert dlg.isVisible() and dlg.path.text().endswith(".pdf")
    dlg.reject()
    QApplication.processEvents()
