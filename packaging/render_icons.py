"""Render the app icon (packaging/icons/scocompare.svg) to PNG sizes and copy it where
the window loads it (scocompare/resources/icons/).

Run after changing the SVG: .venv/bin/python packaging/render_icons.py
Qt's own SVG renderer is used (offscreen), so no Inkscape or ImageMagick is needed.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "icons" / "scocompare.svg"
SIZES = (48, 128, 256)
RESOURCES = HERE.parent / "scocompare" / "resources" / "icons"


def render(svg: Path, size: int):
    """The SVG drawn into a transparent ``size`` x ``size`` QImage."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return img


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt alive)
    RESOURCES.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        out = HERE / "icons" / f"{size}x{size}" / "scocompare.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not render(SVG, size).save(str(out)):
            print(f"{out}: could not write the PNG", file=sys.stderr)
            return 1
        print(out.relative_to(HERE.parent))
    shutil.copyfile(SVG, RESOURCES / "scocompare.svg")
    shutil.copyfile(HERE / "icons" / "256x256" / "scocompare.png", RESOURCES / "scocompare.png")
    print((RESOURCES / "scocompare.svg").relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
