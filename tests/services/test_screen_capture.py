"""mss against a real X server: pytest-xvfb's Xvfb at 24-bit depth (see pyproject.toml)."""

from __future__ import annotations

import os
import struct
import zlib

import pytest

from app.core.errors import InputError
from app.services.screenshots.capture import CapturedImage, Region, ScreenCaptureError, ScreenGrabber
from tests.helpers.ci import X11_ONLY
from tests.helpers.colour_window import BAND_WIDTH, BANDS, HEIGHT, LEFT, TOP, show_colour_window


def decode_png(png: bytes) -> tuple[int, int, bytes]:
    """The RGB pixels of an 8-bit truecolour PNG with filter 0 rows (what mss writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, width, height, idat = 8, 0, 0, b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", data[:8])
            assert data[8:10] == b"\x08\x02"
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    rows = [raw[y * (width * 3 + 1) : (y + 1) * (width * 3 + 1)] for y in range(height)]
    assert all(r[0] == 0 for r in rows)
    return width, height, b"".join(r[1:] for r in rows)


@X11_ONLY
def test_a_window_of_known_colours_is_captured_pixel_for_pixel(qtbot):
    window = show_colour_window(qtbot)  # held: PySide deletes a window nobody refers to
    image = ScreenGrabber().grab(1)
    assert (image.width, image.height) == (1280, 800)
    for i, colour in enumerate(BANDS):
        left = LEFT + i * BAND_WIDTH
        band = image.crop(Region(left, TOP, BAND_WIDTH, HEIGHT))
        assert band.rgb == bytes(colour) * (BAND_WIDTH * HEIGHT), f"band {i}"
    # Just outside the window: the bare (black) Xvfb root window.
    assert image.pixel(LEFT - 1, TOP) == (0, 0, 0)
    assert image.pixel(LEFT + 3 * BAND_WIDTH, TOP + HEIGHT) == (0, 0, 0)
    window.close()


@X11_ONLY
def test_a_region_is_grabbed_exactly_and_its_png_holds_the_same_pixels(qtbot):
    window = show_colour_window(qtbot)  # held: PySide deletes a window nobody refers to
    # Straddles the first two bands: 10 red columns, then 15 green ones.
    region = Region(LEFT + BAND_WIDTH - 10, TOP + 20, 25, 30)
    image = ScreenGrabber().grab(region=region)
    assert (image.width, image.height, image.left, image.top) == (25, 30, region.left, region.top)
    row = bytes(BANDS[0]) * 10 + bytes(BANDS[1]) * 15
    assert image.rgb == row * 30
    assert decode_png(image.png()) == (25, 30, image.rgb)
    assert not image.blank
    window.close()


@X11_ONLY
def test_monitors_are_listed_with_the_whole_desktop_first():
    monitors = ScreenGrabber().monitors()
    assert monitors[0].number == 0 and (monitors[0].width, monitors[0].height) == (1280, 800)
    assert len(monitors) >= 2 and "1280×800" in monitors[1].label


@pytest.mark.parametrize(
    ("monitor", "region", "message"),
    [
        (7, None, "Skärm 7 finns inte"),
        (1, Region(1200, 700, 200, 200), "utanför skärmarna"),
        (1, Region(0, 0, 0, 10), "positiv bredd"),
    ],
)
def test_a_monitor_or_region_off_the_screen_is_bad_input(monitor, region, message):
    with pytest.raises(InputError, match=message):
        ScreenGrabber().grab(monitor, region)


@X11_ONLY
def test_no_display_is_a_clear_message_not_a_crash(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(ScreenCaptureError, match="DISPLAY är inte satt"):
        ScreenGrabber().grab(1)
    with pytest.raises(ScreenCaptureError, match="DISPLAY är inte satt"):
        ScreenGrabber().monitors()


@X11_ONLY
def test_wayland_only_is_named(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    with pytest.raises(ScreenCaptureError, match="Wayland"):
        ScreenGrabber().grab(1)


@X11_ONLY
def test_an_unreachable_display_is_a_clear_message():
    assert os.environ.get("DISPLAY")  # pytest-xvfb's; this test asks for another one
    with pytest.raises(ScreenCaptureError, match="Kan inte ansluta till skärmen"):
        ScreenGrabber(display=":97").grab(1)


def test_region_text_is_parsed_or_refused():
    assert Region.parse("10, 20,300,400") == Region(10, 20, 300, 400)
    for bad in ("10,20,300", "a,b,c,d", ""):
        with pytest.raises(InputError, match="X,Y,B,H"):
            Region.parse(bad)


def test_crop_and_blank_on_plain_pixels():
    image = CapturedImage(bytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 2, 2)
    assert image.crop(Region(1, 1, 1, 1)).rgb == bytes([10, 11, 12])
    assert image.pixel(1, 0) == (4, 5, 6)
    assert not image.blank and CapturedImage(bytes(12), 2, 2).blank
    with pytest.raises(InputError, match="utanför bilden"):
        image.crop(Region(1, 1, 2, 1))
