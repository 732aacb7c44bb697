"""Packaging files: .desktop entry, AppStream metainfo, MIME type, icons, PyInstaller spec."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "packaging"
APP_ID = "org.scocompare.Scocompare"
DESKTOP = PKG / f"{APP_ID}.desktop"
METAINFO = PKG / f"{APP_ID}.metainfo.xml"
MIME = PKG / f"{APP_ID}.mime.xml"
SPEC = PKG / "scocompare.spec"
WINDOW_ICONS = ROOT / "scocompare" / "resources" / "icons"


def _desktop() -> configparser.SectionProxy:
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # keys are case-sensitive in desktop entries
    cp.read(DESKTOP, encoding="utf-8")
    return cp["Desktop Entry"]


def test_desktop_entry_keys():
    entry = _desktop()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "scocompare gui %F"  # the CLI contract in DESIGN.md
    assert entry["Icon"] == APP_ID and entry["Terminal"] == "false"
    for key in ("Name", "Comment", "Categories", "MimeType", "Keywords"):
        assert entry[key], key
    for key in ("Categories", "MimeType", "Keywords"):
        assert entry[key].endswith(";"), f"{key} lists end with ';'"
    assert "application/x-scocompare" in entry["MimeType"].split(";")


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils not installed")
def test_desktop_entry_validates():
    r = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "error" not in r.stdout


def test_mime_type_matches_session_files():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(MIME).getroot()
    (mt,) = root.findall("m:mime-type", ns)
    assert mt.get("type") == "application/x-scocompare"
    assert [g.get("pattern") for g in mt.findall("m:glob", ns)] == ["*.scocompare"]
    # A .scocompare file is a zip archive (scocompare/store/archive.py).
    assert mt.find("m:sub-class-of", ns).get("type") == "application/zip"


def test_metainfo_is_consistent_with_the_desktop_file():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.find("provides/binary").text == "scocompare"
    assert root.find("provides/mediatype").text == "application/x-scocompare"
    from scocompare import __version__

    assert root.find("releases/release").get("version") == __version__


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream not installed")
def test_metainfo_validates():
    r = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_icon_files_exist_and_render(qapp):
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    svg = PKG / "icons" / "scocompare.svg"
    assert QSvgRenderer(str(svg)).isValid()
    assert (WINDOW_ICONS / "scocompare.svg").read_bytes() == svg.read_bytes()
    for size in (48, 128, 256):
        img = QImage(str(PKG / "icons" / f"{size}x{size}" / "scocompare.png"))
        assert (img.width(), img.height()) == (size, size)
        assert img.hasAlphaChannel()
    window = QImage(str(WINDOW_ICONS / "scocompare.png"))
    assert window.width() == 256


def test_icon_renders_with_the_kind_colours(qapp):
    """Rendering the SVG afresh draws the sheets and highlight bars (not a blank image)."""
    import importlib.util

    from scocompare.kinds import KINDS

    spec = importlib.util.spec_from_file_location("render_icons", PKG / "render_icons.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    img = mod.render(PKG / "icons" / "scocompare.svg", 256)
    colours = {img.pixelColor(x, y).name() for x in range(0, 256, 2) for y in range(0, 256, 2)}
    for kind in ("near", "paraphrase", "shift", "conflict"):
        assert KINDS[kind].light in colours, kind
    assert img.pixelColor(0, 0).alpha() == 0  # rounded corner stays transparent


class _Recorder:
    """Stand-in for PyInstaller's build classes: keeps the arguments it was given."""

    calls: dict = {}

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        _Recorder.calls[type(self).__name__] = self
        self.pure = self.scripts = self.binaries = self.datas = []


def _run_spec() -> dict:
    names = {n: type(n, (_Recorder,), {}) for n in ("Analysis", "PYZ", "EXE", "COLLECT")}
    _Recorder.calls = {}
    code = compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")
    exec(code, {"SPECPATH": str(PKG), "__file__": str(SPEC), **names})
    return _Recorder.calls


def test_spec_parses_and_bundles_every_resource():
    calls = _run_spec()
    assert set(calls) == {"Analysis", "PYZ", "EXE", "COLLECT"}
    a = calls["Analysis"]
    (script,) = a.args[0]
    assert Path(script).is_file() and Path(script).name == "launch.py"
    datas = {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in a.kwargs["datas"]
             if Path(src).is_relative_to(ROOT)}
    resources = [p for p in (ROOT / "scocompare" / "resources").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")]
    for path in resources:
        rel = path.relative_to(ROOT).as_posix()
        assert datas.get(rel) == path.parent.relative_to(ROOT).as_posix(), rel
    for needed in ("scocompare/resources/model/minilm-l6-v2-int8.onnx",
                   "scocompare/resources/model/tokenizer.json",
                   "scocompare/resources/demo/00-statement.txt",
                   "scocompare/resources/icons/scocompare.svg"):
        assert needed in datas, needed
    # Modules imported by name at run time must be declared.
    hidden = set(a.kwargs["hiddenimports"])
    assert {"scocompare.commands.compare", "scocompare.export.pdf", "scocompare.gui.main_window",
            "scocompare.core.semantic"} <= hidden
    assert calls["EXE"].kwargs["name"] == "scocompare"
    assert Path(calls["EXE"].kwargs["icon"]).is_file()
