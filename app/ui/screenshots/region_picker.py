"""Choosing a part of the screen: a full-screen window over one monitor that shows the picture
just taken under a translucent veil; the dragged rectangle shows clear.

Showing the frozen picture (rather than a see-through window over the live screen) means the
stored PNG is exactly what the administrator framed, pixel for pixel, and it works without a
compositing window manager, where real window transparency turns black.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QScreen,
)
from PySide6.QtWidgets import QWidget

from app.services.screenshots.capture import CapturedImage, Region

MIN_SIZE = 4  # logical pixels: anything smaller is a click, not a drag


class RegionPicker(QWidget):
    picked = Signal(object)  # Region, in the captured image's own pixels
    cancelled = Signal()

    def __init__(self, image: CapturedImage, screen: QScreen | None = None) -> None:
        flags = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        super().__init__(None, flags)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Välj område"))
        self.setAccessibleName(self.tr("Dra en rektangel runt det som ska med; Esc avbryter"))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMouseTracking(True)
        self._image = image
        # copy(): the QImage must own its pixels, not borrow the Python bytes.
        self._picture = QImage(
            image.rgb, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888
        ).copy()
        self._start: QPoint | None = None
        self._end: QPoint | None = None
        self._picked = False
        if screen is not None:
            self.setGeometry(screen.geometry())

    # --- geometry between the widget (logical pixels) and the picture (physical pixels) ---

    def selection(self) -> QRect | None:
        if self._start is None or self._end is None:
            return None
        return QRect(self._start, self._end).normalized()

    def to_image_region(self, rect: QRect) -> Region:
        """High DPI: the picture has more pixels than the widget when the screen is scaled."""
        sx = self._image.width / max(self.width(), 1)
        sy = self._image.height / max(self.height(), 1)
        left = min(max(round(rect.left() * sx), 0), self._image.width - 1)
        top = min(max(round(rect.top() * sy), 0), self._image.height - 1)
        right = min(max(round((rect.left() + rect.width()) * sx), left + 1), self._image.width)
        bottom = min(max(round((rect.top() + rect.height()) * sy), top + 1), self._image.height)
        return Region(left, top, right - left, bottom - top)

    # --- events ---

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.drawImage(self.rect(), self._picture)
        veil = QColor(0, 0, 0, 120)
        selection = self.selection()
        if selection is None:
            painter.fillRect(self.rect(), veil)
        else:
            top, height = selection.top(), selection.height()
            outside = [
                QRect(0, 0, self.width(), top),
                QRect(0, selection.bottom() + 1, self.width(), self.height()),
                QRect(0, top, selection.left(), height),
                QRect(selection.right() + 1, top, self.width(), height),
            ]
            for part in outside:
                painter.fillRect(part, veil)
            painter.setPen(QPen(QColor(255, 255, 255), 1, Qt.PenStyle.DashLine))
            painter.drawRect(selection.adjusted(0, 0, -1, -1))
            region = self.to_image_region(selection)
            painter.drawText(
                selection.left() + 4, max(selection.top() - 6, 14), f"{region.width} × {region.height}"
            )
        if selection is None:
            painter.setPen(QColor(255, 255, 255))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Dra en rektangel runt kontosidan. Esc avbryter."),
            )
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._start = self._end = event.position().toPoint()
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._start is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._end = event.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or self._start is None:
            return
        self._end = event.position().toPoint()
        selection = self.selection()
        if selection is None or selection.width() < MIN_SIZE or selection.height() < MIN_SIZE:
            self._start = self._end = None
            self.update()
            return
        region = self.to_image_region(selection)
        self._picked = True
        self.close()
        self.picked.emit(region)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Esc, or closed by the window manager: either way Granska's windows must come back.
        super().closeEvent(event)
        if not self._picked:
            self._picked = True
            self.cancelled.emit()
