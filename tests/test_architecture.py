"""The layer rule (core has no Qt/SQLite, nothing below gui imports gui) is enforced here."""

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_import_linter_contracts_are_kept():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    r = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


def test_fonts_are_installed_for_qt(qapp):
    from PySide6.QtGui import QFontDatabase

    assert QFontDatabase.families(), "no fonts: install fonts-dejavu-core (make setup does)"
