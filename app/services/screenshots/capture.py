"""Grabbing the screen with mss, for the yearly picture of each account page.

mss talks to the display server directly (X11, Windows GDI, macOS Quartz) and returns physical
pixels, so a high-DPI screen gives its full resolution. The caller decides what to grab: one
monitor (mss numbers them from 1; 0 is all monitors together) or a rectangle in the same
physical coordinates. Nothing here imports Qt.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import mss
import mss.tools

from app.core.errors import EnvironmentFault, InputError
from app.core.messages import say, translate

PNG_LEVEL = 6  # zlib level: mss's own default, a good balance for screens of flat colour


class ScreenCaptureError(EnvironmentFault):
    """No display, an unsupported display, or mss failed: the message says which, in Swedish."""


@dataclass(frozen=True)
class MonitorInfo:
    number: int  # as mss numbers them: 0 = every monitor together, 1.. = each monitor
    left: int
    top: int
    width: int
    height: int
    primary: bool = False
    name: str = ""

    @property
    def label(self) -> str:
        where = (
            translate("Core", "alla skärmar")
            if self.number == 0
            else say(translate("Core", "skärm %1"), self.number)
        )
        if self.name and self.name != "screen":
            where = say("%1 (%2)", where, self.name)
        size = f"{self.width}×{self.height}"
        return say(translate("Core", "%1: %2 vid (%3, %4)"), where, size, self.left, self.top)


@dataclass(frozen=True)
class Region:
    left: int
    top: int
    width: int
    height: int

    @classmethod
    def parse(cls, text: str) -> Region:
        """`X,Y,W,H` as given on the command line."""
        parts = [p.strip() for p in text.split(",")]
        try:
            left, top, width, height = (int(p) for p in parts)
        except ValueError:
            raise InputError(
                say(
                    translate(
                        "Core", "Ogiltigt område '%1': ange X,Y,B,H i bildpunkter, t.ex. 0,0,1280,800."
                    ),
                    text,
                )
            ) from None
        return cls(left, top, width, height)


@dataclass(frozen=True)
class CapturedImage:
    """Raw RGB pixels (3 bytes per pixel, rows top to bottom) and where they came from."""

    rgb: bytes
    width: int
    height: int
    left: int = 0
    top: int = 0

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 3
        return self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]

    @property
    def blank(self) -> bool:
        """All black: what mss gets on Wayland without XWayland access, or a locked screen."""
        return self.rgb.count(0) == len(self.rgb)

    def crop(self, region: Region) -> CapturedImage:
        """A rectangle of this image, in this image's own pixel coordinates."""
        _check_inside(region, Region(0, 0, self.width, self.height), translate("Core", "bilden"))
        stride = self.width * 3
        start = region.left * 3
        rows = [
            self.rgb[y * stride + start : y * stride + start + region.width * 3]
            for y in range(region.top, region.top + region.height)
        ]
        return CapturedImage(
            b"".join(rows), region.width, region.height, self.left + region.left, self.top + region.top
        )

    def png(self, level: int = PNG_LEVEL) -> bytes:
        data = mss.tools.to_png(self.rgb, (self.width, self.height), level=level)
        assert data is not None  # to_png returns the bytes when no output file is given
        return data


def _check_inside(region: Region, bounds: Region, what: str) -> None:
    if region.width <= 0 or region.height <= 0:
        raise InputError(
            say(
                translate("Core", "Området måste ha positiv bredd och höjd, inte %1×%2."),
                region.width,
                region.height,
            )
        )
    if (
        region.left < bounds.left
        or region.top < bounds.top
        or region.left + region.width > bounds.left + bounds.width
        or region.top + region.height > bounds.top + bounds.height
    ):
        raise InputError(
            say(
                translate("Core", "Området %1 ligger utanför %2 (%3)."),
                f"{region.left},{region.top},{region.width},{region.height}",
                what,
                f"{bounds.left},{bounds.top},{bounds.width},{bounds.height}",
            )
        )


def _no_display_reason() -> str | None:
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY"):
        return None
    if os.environ.get("WAYLAND_DISPLAY"):
        return translate(
            "Core",
            "Skärmdumpar kräver X11 eller XWayland, men bara Wayland hittades (DISPLAY är inte "
            "satt). Logga in i en X11-session, eller ta skärmdumpen med skrivbordets eget "
            "verktyg.",
        )
    return translate(
        "Core",
        "Ingen skärm att ta en skärmdump av: DISPLAY är inte satt. Kör Granska i en grafisk "
        "session (eller under xvfb-run för schemalagda körningar).",
    )


def _fault(exc: BaseException) -> ScreenCaptureError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "color depth" in text:
        return ScreenCaptureError(
            say(
                translate(
                    "Core", "Skärmens färgdjup stöds inte för skärmdumpar (%1). Ställ in 24 eller 32 bitar."
                ),
                text,
            )
        )
    if "display" in text.lower():
        return ScreenCaptureError(say(translate("Core", "Kan inte ansluta till skärmen: %1."), text))
    return ScreenCaptureError(say(translate("Core", "Skärmdumpen misslyckades: %1."), text))


class ScreenGrabber:
    """One mss connection per call: mss objects must not be shared between threads."""

    def __init__(self, display: str | None = None) -> None:
        self._display = display

    def _open(self) -> mss.MSS:
        if self._display is None:
            reason = _no_display_reason()
            if reason:
                raise ScreenCaptureError(reason)
            return mss.MSS()
        return mss.MSS(display=self._display)

    def monitors(self) -> list[MonitorInfo]:
        try:
            with self._open() as sct:
                found = sct.monitors
        except ScreenCaptureError:
            raise
        except (mss.ScreenShotError, OSError) as exc:
            raise _fault(exc) from None
        return [
            MonitorInfo(n, m["left"], m["top"], m["width"], m["height"],
                        bool(m.get("is_primary", False)), str(m.get("name") or m.get("output") or ""))
            for n, m in enumerate(found)
        ]  # fmt: skip

    def grab(self, monitor: int = 1, region: Region | None = None) -> CapturedImage:
        """A whole monitor, or `region` in screen coordinates (it must lie on the screens)."""
        try:
            with self._open() as sct:
                monitors = sct.monitors
                if region is None:
                    if not 0 <= monitor < len(monitors):
                        raise InputError(
                            say(
                                translate("Core", "Skärm %1 finns inte; välj 1–%2 (0 = alla skärmar)."),
                                monitor,
                                len(monitors) - 1,
                            )
                        )
                    box = monitors[monitor]
                else:
                    everything = monitors[0]
                    _check_inside(
                        region,
                        Region(
                            everything["left"], everything["top"], everything["width"], everything["height"]
                        ),
                        translate("Core", "skärmarna"),
                    )
                    box = {
                        "left": region.left,
                        "top": region.top,
                        "width": region.width,
                        "height": region.height,
                    }
                shot = sct.grab(box)
                return CapturedImage(bytes(shot.rgb), shot.width, shot.height, shot.left, shot.top)
        except (InputError, ScreenCaptureError):
            raise
        except (mss.ScreenShotError, OSError) as exc:
            raise _fault(exc) from None
