"""Render the app icon from its SVG source: PNG sizes, a Windows .ico and a macOS .icns.

Run:  .venv/bin/python scripts/make_icons.py [--out resources/icons]

Qt draws the SVG (QtSvg comes with PySide6; Pillow cannot read SVG), and Pillow packs the
PNGs into the .ico and .icns containers (Pillow writes both on every platform, each with
all its sizes in one file; it is already installed, as a dependency of ReportLab). The
output is committed, so building the program does not need this script.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from lia_desktop.assets import ICON_NAME, ICON_SIZES

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / f"{ICON_NAME}.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # .ico holds at most 256 x 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # the sizes (and @2x pairs) macOS asks for


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn on a transparent square of `size` pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px icon as PNG")
    return bytes(data.data())


def make_icons(out: Path, source: Path = SOURCE) -> list[Path]:
    """Write every PNG size, the .ico and the .icns into `out`; return the files written."""
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (QPainter needs one)
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG file")
    out.mkdir(parents=True, exist_ok=True)
    rendered = {size: render(renderer, size) for size in sorted({*ICON_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    written = []
    for size in ICON_SIZES:
        path = out / f"{ICON_NAME}-{size}.png"
        path.write_bytes(rendered[size])
        written.append(path)
    images = {size: Image.open(io.BytesIO(data)) for size, data in rendered.items()}
    ico = out / f"{ICON_NAME}.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=[images[s] for s in ICO_SIZES])
    icns = out / f"{ICON_NAME}.icns"
    images[max(ICNS_SIZES)].save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES[:-1]])
    return [*written, ico, icns]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SOURCE.parent, help="folder to write into")
    args = parser.parse_args()
    for path in make_icons(args.out):
        print(path)


if __name__ == "__main__":
    main()
