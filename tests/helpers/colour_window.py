"""A frameless window of known solid colours at a known place on the (Xvfb) screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

BANDS = ((220, 20, 60), (34, 139, 34), (30, 144, 255))  # crimson, forest green, dodger blue
LEFT, TOP, BAND_WIDTH, HEIGHT = 40, 50, 80, 120


class ColourWindow(QWidget):
    """Three vertical bands, each BAND_WIDTH wide, at (LEFT, TOP) on the screen."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setGeometry(LEFT, TOP, BAND_WIDTH * len(BANDS), HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        for i, colour in enumerate(BANDS):
            painter.fillRect(i * BAND_WIDTH, 0, BAND_WIDTH, HEIGHT, QColor(*colour))
        painter.end()


def show_colour_window(qtbot) -> ColourWindow:  # type: ignore[no-untyped-def]
    """Shown, exposed, and really on the screen (checked with mss, not assumed)."""
    from app.services.screenshots.capture import ScreenGrabber

    window = ColourWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    grabber = ScreenGrabber()
    qtbot.waitUntil(lambda: grabber.grab(1).pixel(LEFT + 1, TOP + 1) == BANDS[0], timeout=5000)
    return window


def run_in_own_process() -> None:
    """`python -m tests.helpers.colour_window`: a stand-in for the browser showing the account
    page, in its own process as a real browser would be (Granska hides only its own windows)."""
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    window = ColourWindow()
    window.show()
    app.exec()


if __name__ == "__main__":
    run_in_own_process()
