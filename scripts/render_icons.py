#!/usr/bin/env python3
"""Render the SVG icons in resources/icons/ to PNG at the standard sizes, and the Windows .ico.

The SVG files are the sources; the PNG exports are committed next to them (in resources/icons/
<N>x<N>/) for the places that cannot scale an SVG: the Linux hicolor theme, the Windows
installer and the executable's icon. Run after changing an SVG:

    .venv/bin/python scripts/render_icons.py [--sheet PREVIEW.png]

tests/packaging/test_icons.py fails when an export is missing or differs from its source.
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
APP_ICON = "granska"
# The set this script owns: the app icon and everything named platform-*, action-*, flag*, status-*.
SET_PATTERNS = (f"{APP_ICON}.svg", "platform-*.svg", "action-*.svg", "flag*.svg", "status-*.svg")


def icon_sources(directory: Path = ICONS) -> list[Path]:
    found = {p for pattern in SET_PATTERNS for p in directory.glob(pattern)}
    return sorted(found)


def export_path(source: Path, size: int) -> Path:
    return source.parent / f"{size}x{size}" / f"{source.stem}.png"


def render(source: Path, size: int):  # type: ignore[no-untyped-def]
    """The SVG drawn into a transparent size x size image (QImage)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source}: not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image) -> bytes:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG-compressed images (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    entries, blobs = b"", b""
    offset = len(header) + 16 * len(pngs)
    for size, blob in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return header + entries + blobs


def contact_sheet(sources: list[Path], target: Path, columns: int = 3) -> None:
    """Every icon at the sizes up to 64 px on one image, to look at the set as a whole."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    pad, sizes = 8, [s for s in SIZES if s <= 64]
    cell_w, cell_h = sum(sizes) + pad * (len(sizes) + 1), max(sizes) + pad
    rows = -(-len(sources) // columns)
    sheet = QImage(cell_w * columns, cell_h * rows + pad, QImage.Format.Format_ARGB32)
    sheet.fill(Qt.GlobalColor.white)
    painter = QPainter(sheet)
    for n, source in enumerate(sources):
        x, y = (n % columns) * cell_w + pad, (n // columns) * cell_h + pad
        for size in sizes:
            painter.drawImage(x, y + max(sizes) - size, render(source, size))
            x += size + pad
    painter.end()
    sheet.save(str(target))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", type=Path, help="also write a preview of the whole set here")
    args = parser.parse_args(argv)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs one
    sources = icon_sources()
    for source in sources:
        pngs = {}
        for size in SIZES:
            target = export_path(source, size)
            target.parent.mkdir(exist_ok=True)
            pngs[size] = png_bytes(render(source, size))
            target.write_bytes(pngs[size])
        if source.stem == APP_ICON:
            (ICONS / f"{APP_ICON}.ico").write_bytes(ico_bytes(pngs))
    print(f"{len(sources)} ikoner × {len(SIZES)} storlekar skrivna under {ICONS.relative_to(ROOT)}/")
    if args.sheet:
        contact_sheet(sources, args.sheet)
        print(f"översikt: {args.sheet}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
