"""The one shared table of difference kinds (scocompare/kinds.py) and who reads it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from scocompare import kinds
from scocompare.core.model import LINK_KINDS

ROOT = Path(__file__).resolve().parents[1]
HEX = re.compile(r"^#[0-9a-f]{6}$")


def test_every_engine_and_view_kind_has_a_style():
    assert set(LINK_KINDS) == set(kinds.LINK_KINDS)
    assert set(kinds.KINDS) == set(kinds.LINK_KINDS) | set(kinds.VIEW_KINDS)
    for st in kinds.KINDS.values():
        assert st.label and st.description and st.marker
        assert all(HEX.match(c) for c in (st.light, st.dark, st.strong)), st.name


def test_colours_and_second_cues_are_distinct():
    styles = list(kinds.KINDS.values())
    for attr in ("light", "dark", "strong", "marker", "label", "rank"):
        values = [getattr(s, attr) for s in styles]
        assert len(set(values)) == len(values), f"two kinds share {attr}"
    # Without colour (greyscale print, colour blindness) the glyph and the
    # underline/pattern pair still tell every kind apart.
    cues = [(s.underline, s.pattern) for s in styles]
    assert len(set(cues)) == len(cues)


def test_order_runs_from_calm_to_alarming():
    names = [s.name for s in kinds.ordered()]
    assert names[0] == "boilerplate" and names[1] == "identical" and names[-1] == "conflict"
    assert names.index("shift") > names.index("paraphrase")
    assert [s.name for s in kinds.legend()] == names[1:]
    assert kinds.worst(["near", "shift", "paraphrase"]) == "shift"
    assert kinds.worst(["unknown"]) is None
    assert kinds.style("unknown") is kinds.KINDS["paraphrase"]


def test_gui_module_re_exports_the_same_table():
    from scocompare.gui import kinds as gui_kinds

    assert gui_kinds.KINDS is kinds.KINDS
    assert gui_kinds.style is kinds.style and gui_kinds.worst is kinds.worst


def test_only_one_table_exists():
    """No second copy of the colours: exporters and the window read scocompare.kinds."""
    light = {s.light for s in kinds.KINDS.values()}
    for path in list((ROOT / "scocompare" / "export").glob("*.py")) + list(
            (ROOT / "scocompare" / "gui").glob("*.py")):
        found = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}", path.read_text(encoding="utf-8"))}
        assert not found & light, f"{path.name} repeats kind colours {sorted(found & light)}"


def test_reports_use_the_shared_colours():
    from scocompare.export.html import render_html
    from tests.test_export_fixtures import make_comparison

    page = render_html(make_comparison())
    for st in kinds.legend():
        assert f".k-{st.name} {{ background: {st.light}; border-left: 4px solid {st.strong}; }}" in page
        assert f"{st.marker} {st.label}" in page


def test_table_imports_without_qt():
    code = ("import sys, scocompare.kinds as k, scocompare.gui.kinds; k.legend_text(); "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
