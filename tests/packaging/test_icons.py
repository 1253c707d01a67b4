"""The icon set: every icon the app and the platforms need, drawn on one grid in one style, with
PNG exports and the Windows .ico that match their SVG sources."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path

import pytest

from tests.helpers.packaging import ROOT

ICONS = ROOT / "resources" / "icons"
PLATFORMS = ("facebook", "instagram", "youtube", "x", "linkedin", "intranet", "other")
ACTIONS = (
    "remove",
    "register",
    "notify",
    "keep",
    "answer",
    "next",
    "previous",
    "forward",
    "hand-over",
    "search",
    "clear",
    "refresh",
    "help",
    "open-link",
)
FLAGS = (
    "flag",
    "flag-question",
    "flag-crime",
    "flag-offensive",
    "flag-advert",
    "flag-personal-data",
    "flag-link",
    "flag-political",
)
STATUSES = ("new", "pending", "hand", "removed", "decided", "overdue")
EXPECTED = (
    "granska",
    *(f"platform-{p}" for p in PLATFORMS),
    *(f"action-{a}" for a in ACTIONS),
    *FLAGS,
    *(f"status-{s}" for s in STATUSES),
)


def _render_icons():
    name = "render_icons"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "render_icons.py")
        assert spec is not None and spec.loader is not None
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


render_icons = _render_icons()
SOURCES = render_icons.icon_sources()


def _svg(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_set_has_every_icon():
    assert sorted(p.stem for p in SOURCES) == sorted(EXPECTED)


def test_each_icon_exists_once_in_one_flat_folder():
    """One set: no second copy in a subfolder under another name (the exports aside)."""
    assert [p.name for p in ICONS.iterdir() if p.is_dir() and not re.fullmatch(r"\d+x\d+", p.name)] == []
    assert sorted(p.name for p in ICONS.glob("*.svg")) == sorted(p.name for p in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_icon_is_drawn_on_the_shared_grid(source):
    svg = _svg(source)
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    assert view_box is not None
    expected = "0 0 256 256" if source.stem == "granska" else "0 0 24 24"
    assert view_box.group(1) == expected
    assert "<text" not in svg, "glyphs are paths: fonts differ between machines"


@pytest.mark.parametrize(
    "source", [s for s in SOURCES if s.stem.startswith(("action-", "flag"))], ids=lambda p: p.stem
)
def test_line_icons_share_one_stroke(source):
    strokes = re.findall(r"<(?:path|circle|rect)\b[^>]*>", _svg(source))
    outlined = [s for s in strokes if 'fill="none"' in s]
    assert outlined, "a line icon draws strokes"
    for element in outlined:
        assert 'stroke-width="2"' in element and 'stroke-linecap="round"' in element, element


@pytest.mark.parametrize(
    "source", [s for s in SOURCES if s.stem.startswith("platform-")], ids=lambda p: p.stem
)
def test_platform_icons_share_one_badge(source):
    assert '<rect x="1" y="1" width="22" height="22" rx="5"' in _svg(source)


@pytest.mark.parametrize("source", [s for s in SOURCES if s.stem.startswith("status-")], ids=lambda p: p.stem)
def test_status_icons_are_filled_coloured_circles(source):
    """An item's state at a glance in a 16 px table cell: a solid circle, always beside words."""
    circle = re.search(r'<circle cx="12" cy="12" r="(\d+(?:\.\d+)?)" fill="(#[0-9a-f]{6})"', _svg(source))
    assert circle is not None and circle.group(2) != "#ffffff"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_png_exports_match_their_source(qapp, source):
    from PySide6.QtGui import QImage

    for size in render_icons.SIZES:
        exported = QImage(str(render_icons.export_path(source, size)))
        assert not exported.isNull(), f"missing export: run scripts/render_icons.py ({source.stem} {size})"
        assert (exported.width(), exported.height()) == (size, size)
        fresh = render_icons.render(source, size)
        a = exported.convertToFormat(QImage.Format.Format_ARGB32).constBits().tobytes()
        b = fresh.convertToFormat(QImage.Format.Format_ARGB32).constBits().tobytes()
        if a != b:  # another Qt version may anti-alias an edge a little differently
            worst = max(abs(x - y) for x, y in zip(a, b, strict=True))
            assert worst <= 24, f"{source.stem} {size}px differs from its SVG: run scripts/render_icons.py"
        # Not an empty or faded picture: strokes cover pixels, some nearly opaque.
        alpha = a[3::4]
        assert max(alpha) >= 160 and sum(1 for v in alpha if v) >= size


def test_windows_icon_holds_every_size():
    data = (ICONS / "granska.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(render_icons.SIZES))
    for n, size in enumerate(render_icons.SIZES):
        width, height, _, _, _, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * n)
        assert (width or 256, height or 256, bits) == (size, size, 32)
        png = (ICONS / f"{size}x{size}" / "granska.png").read_bytes()
        assert data[offset : offset + length] == png
