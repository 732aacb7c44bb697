"""Report problems a newsroom user met on fresh texts (docs/user-check.md, round 3b)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import unicodedata

import pytest

from scocompare.export.pdf import write_pdf
from tests.test_export_fixtures import make_comparison

BASE_TITLE = "Joint statement of the Northern River Council on border crossings and fisheries"
WIRE_TITLE = "Ministers agree three new border crossings, fisheries review in autumn"


def test_version_pages_name_their_version_in_the_running_header(tmp_path):
    """With long titles, "base / version" elided in the middle read as one mangled title
    ("Joint statement of the Nor…review in autumn"); the header now says which version."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    c = make_comparison()
    titles = {"d1": BASE_TITLE, "d2": WIRE_TITLE}
    c = dataclasses.replace(c, documents=tuple(
        dataclasses.replace(d, title=titles.get(d.id, d.title)) for d in c.documents))
    path = tmp_path / "r.pdf"
    write_pdf(c, path)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = [unicodedata.normalize("NFKC", p) for p in out.split("\f")[:-1]]
    assert any("Version 2: Ministers agree three" in p for p in pages)
    assert any("Version 3: Daily paper" in p for p in pages)
    assert not any("/ Ministers agree" in p or "/ Daily paper" in p for p in pages)
