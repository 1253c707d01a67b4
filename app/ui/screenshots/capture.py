""" "Ta skärmdump": open the account page in the browser, count down, hide Granska, grab the chosen
monitor (or let the administrator drag a region), preview to accept or retake, then file it.

mss runs through the TaskManager, off the GUI thread; PNG encoding and filing too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QMouseEvent, QPixmap, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.screenshots.capture import CapturedImage, MonitorInfo, ScreenGrabber
from app.services.screenshots.schedule import REASONS, ScreenshotService
from app.ui.core_text import window_text
from app.ui.failures import user_message
from app.ui.screenshots.region_picker import RegionPicker
from app.ui.tasks import TaskManager
from app.ui.window_state import user_settings

SETTLE_MS = 300  # after hiding our windows, before grabbing: let the window manager redraw
COUNTDOWN_KEY = "screenshots/countdown"


@dataclass(frozen=True)
class CaptureRequest:
    account_key: str
    account_name: str
    page_url: str | None
    monitor: int = 1
    drag_region: bool = False
    countdown: int = 5
    open_page: bool = True


def screen_for(image: CapturedImage) -> QScreen | None:
    """The Qt screen showing the pixel at the image's top-left corner (mss counts physical
    pixels, Qt logical ones)."""
    for screen in QGuiApplication.screens():
        g, dpr = screen.geometry(), screen.devicePixelRatio()
        if round(g.x() * dpr) == image.left and round(g.y() * dpr) == image.top:
            return screen
    return QGuiApplication.screenAt(QPoint(image.left, image.top)) or QGuiApplication.primaryScreen()


class CaptureDialog(QDialog):
    """What to grab and how long to wait; the monitors come from mss, in the background."""

    def __init__(
        self,
        tasks: TaskManager,
        key: str,
        name: str,
        page_url: str | None,
        grabber: ScreenGrabber | None = None,
        parent: QWidget | None = None,
        permitted: Callable[[], object] | None = None,
    ) -> None:
        """`permitted` raises (Forbidden) when I may not photograph this account: the reason
        is shown and Starta stays off, before anything is hidden or grabbed."""
        super().__init__(parent)
        self._key, self._name, self._url = key, name, page_url
        self.setWindowTitle(self.tr("Ta skärmdump av %1").replace("%1", name))
        self.monitor = QComboBox()
        self.monitor.setAccessibleName(self.tr("Skärm"))
        self.whole = QRadioButton(self.tr("Hela skärmen"))
        self.region = QRadioButton(self.tr("Dra ett område"))
        self.whole.setChecked(True)
        self.countdown = QSpinBox()
        self.countdown.setRange(0, 60)
        self.countdown.setSuffix(self.tr(" s"))
        self.countdown.setValue(int(user_settings().value(COUNTDOWN_KEY, 5)))
        self.open_page = QCheckBox(self.tr("Öppna kontosidan i webbläsaren först"))
        self.open_page.setChecked(bool(page_url))
        self.open_page.setEnabled(bool(page_url))
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        url = QLabel(page_url or self.tr("(ingen sidadress i kontoregistret)"))
        url.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("Sida:"), url)
        form.addRow(self.tr("Skärm:"), self.monitor)
        form.addRow("", self.whole)
        form.addRow("", self.region)
        form.addRow(self.tr("Nedräkning:"), self.countdown)
        form.addRow("", self.open_page)
        buttons = QDialogButtonBox()
        self.start = buttons.addButton(self.tr("Starta"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        self.start.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Granska döljs under nedräkningen. Visa kontosidan i webbläsaren så som den ska dokumenteras."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        monitors = (grabber or ScreenGrabber()).monitors

        def allowed_monitors() -> list[MonitorInfo]:
            if permitted is not None:
                permitted()
            return monitors()

        tasks.run(allowed_monitors, on_done=self._show_monitors, on_error=self._no_monitors)

    def _show_monitors(self, monitors: list[MonitorInfo]) -> None:
        for m in monitors:
            self.monitor.addItem(window_text(m.label), m.number)
        primary = next((i for i, m in enumerate(monitors) if m.primary and m.number > 0), None)
        self.monitor.setCurrentIndex(primary if primary is not None else min(1, self.monitor.count() - 1))
        self.start.setEnabled(True)

    def _no_monitors(self, exc: BaseException) -> None:
        self.problem.setText(user_message(exc))
        self.problem.show()

    def request(self) -> CaptureRequest:
        settings = user_settings()
        settings.setValue(COUNTDOWN_KEY, self.countdown.value())
        settings.sync()
        return CaptureRequest(
            self._key,
            self._name,
            self._url,
            int(self.monitor.currentData() or 1),
            self.region.isChecked(),
            self.countdown.value(),
            self.open_page.isChecked() and bool(self._url),
        )


class CountdownOverlay(QWidget):
    """A small always-on-top number; hidden before the grab, so it is never in the picture."""

    finished = Signal()
    cancelled = Signal()

    def __init__(self, seconds: int, screen: QScreen | None) -> None:
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool
        )
        self._left = seconds
        self._label = QLabel()
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setStyleSheet("font-size: 28px; padding: 12px;")
        QVBoxLayout(self).addWidget(self._label)
        self._label.setText(self.tr("Skärmdump om %n s", "", 60))
        self.adjustSize()
        self.setFixedSize(self.size())
        self.setToolTip(self.tr("Klicka för att avbryta"))
        if screen is not None:
            g = screen.availableGeometry()
            self.move(g.right() - self.width() - 24, g.top() + 24)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._show_left()

    def start(self) -> None:
        if self._left <= 0:
            QTimer.singleShot(0, self.finished.emit)
            return
        self.show()
        self._timer.start()

    def _show_left(self) -> None:
        self._label.setText(self.tr("Skärmdump om %n s", "", self._left))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._timer.stop()
        self.hide()
        self.cancelled.emit()

    def _tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self._show_left()
            return
        self._timer.stop()
        self.hide()
        self.finished.emit()


class PreviewDialog(QDialog):
    """Accept (with reason and note) or retake. `page_opened` is False when the account page was
    to be opened but no browser took it: then a black picture is explained by that."""

    RETAKE = 2
    OPEN_PAGE_AGAIN = 3
    PICK_REGION = 4

    def __init__(
        self, image: CapturedImage, parent: QWidget | None = None, *, page_opened: bool | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Förhandsgranska skärmdumpen"))
        picture = QImage(
            image.rgb, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888
        ).copy()
        shown = QLabel()
        shown.setPixmap(
            QPixmap.fromImage(picture).scaled(
                900, 560, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        shown.setAccessibleName(self.tr("Skärmdumpen"))
        size = QLabel(
            self.tr("%1 × %2 bildpunkter").replace("%1", str(image.width)).replace("%2", str(image.height))
        )
        self.reason = QComboBox()
        for code in REASONS:
            self.reason.addItem(
                self.tr("Årlig dokumentation") if code == "annual" else self.tr("Stor förändring"), code
            )
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Anteckning (frivillig), t.ex. vad som ändrats"))
        self.note.setMaximumHeight(80)
        buttons = QDialogButtonBox()
        self.save = buttons.addButton(self.tr("Spara"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.retake = buttons.addButton(self.tr("Ta om"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.tr("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.retake.clicked.connect(lambda: self.done(self.RETAKE))
        layout = QVBoxLayout(self)
        layout.addWidget(shown)
        layout.addWidget(size)
        self.open_again: QPushButton | None = None
        self.pick_region: QPushButton | None = None
        if image.blank:
            if page_opened is False:
                text = self.tr(
                    "⚠ Bilden är helt svart: kontosidan öppnades aldrig, ingen webbläsare tog emot "
                    "adressen. Öppna sidan igen, eller öppna den själv i webbläsaren och välj "
                    "området för hand. Den svarta bilden kan inte sparas."
                )
            else:
                text = self.tr(
                    "⚠ Bilden är helt svart: skärmen gick inte att läsa (låst skärm "
                    "eller ett Wayland-skrivbord). Den kan inte sparas."
                )
            self.warning = QLabel(text)
            self.warning.setWordWrap(True)
            layout.addWidget(self.warning)
            self.save.setEnabled(False)
            if page_opened is not None:
                self.open_again = buttons.addButton(
                    self.tr("Öppna sidan igen"), QDialogButtonBox.ButtonRole.ActionRole
                )
                self.open_again.clicked.connect(lambda: self.done(self.OPEN_PAGE_AGAIN))
            self.pick_region = buttons.addButton(
                self.tr("Välj område för hand"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.pick_region.clicked.connect(lambda: self.done(self.PICK_REGION))
        form = QFormLayout()
        form.addRow(self.tr("Skäl:"), self.reason)
        form.addRow(self.tr("Anteckning:"), self.note)
        layout.addLayout(form)
        layout.addWidget(buttons)


class CaptureFlow(QObject):
    """One "Ta skärmdump" from countdown to filed picture. Signals for the caller (and tests)."""

    captured = Signal(object)  # CapturedImage, shown in the preview
    filed = Signal(object)  # ScreenshotInfo
    failed = Signal(str)
    finished = Signal()

    def __init__(
        self,
        service: ScreenshotService,
        tasks: TaskManager,
        request: CaptureRequest,
        grabber: ScreenGrabber | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks, self._request = service, tasks, request
        self._grabber = grabber or ScreenGrabber()
        self._hidden: list[tuple[QWidget, QRect]] = []
        self.page_opened: bool | None = None  # None: the page was not to be opened
        self.overlay: CountdownOverlay | None = None
        self.picker: RegionPicker | None = None
        self.preview: PreviewDialog | None = None

    def start(self) -> None:
        request = self._request
        self.page_opened = None
        if request.open_page and request.page_url:
            self.page_opened = QDesktopServices.openUrl(QUrl(request.page_url))
        self._hide_own_windows()
        self.overlay = CountdownOverlay(request.countdown, QGuiApplication.primaryScreen())
        self.overlay.finished.connect(lambda: QTimer.singleShot(SETTLE_MS, self._grab))
        self.overlay.cancelled.connect(self._cancel)
        self.overlay.start()

    def _hide_own_windows(self) -> None:
        self._hidden = [(w, w.geometry()) for w in QApplication.topLevelWidgets() if w.isVisible()]
        for window, _geometry in self._hidden:
            window.hide()

    def _restore_windows(self) -> None:
        """Every window back where it was and at its size, the one that asked in front."""
        for window, geometry in self._hidden:
            window.setGeometry(geometry)
            window.show()
        self._hidden = []
        self._bring_back_in_front()

    def _bring_back_in_front(self) -> None:
        owner = self.parent()
        if isinstance(owner, QWidget) and owner.isVisible():
            owner.window().raise_()
            owner.window().activateWindow()

    def _grab(self) -> None:
        if self.overlay is not None:
            self.overlay.deleteLater()
            self.overlay = None
        monitor = self._request.monitor
        if self._request.drag_region and monitor == 0:
            monitor = 1  # a region is dragged on one monitor
        self._tasks.run(lambda: self._grabber.grab(monitor), on_done=self._grabbed, on_error=self._fail)

    def _grabbed(self, image: CapturedImage) -> None:
        if not self._request.drag_region:
            self._show_preview(image)
            return
        self.picker = RegionPicker(image, screen_for(image))
        self.picker.picked.connect(lambda region: self._show_preview(image.crop(region)))
        self.picker.cancelled.connect(self._cancel)
        self.picker.show()
        self.picker.raise_()
        self.picker.activateWindow()

    def _show_preview(self, image: CapturedImage) -> None:
        self.picker = None
        self._restore_windows()
        owner = self.parent()
        self.preview = PreviewDialog(
            image, owner.window() if isinstance(owner, QWidget) else None, page_opened=self.page_opened
        )
        self.preview.finished.connect(lambda result: self._decided(result, image))
        self.preview.open()
        self.captured.emit(image)

    def _decided(self, result: int, image: CapturedImage) -> None:
        preview, self.preview = self.preview, None
        if preview is None:
            return
        preview.deleteLater()
        if result in (PreviewDialog.RETAKE, PreviewDialog.OPEN_PAGE_AGAIN, PreviewDialog.PICK_REGION):
            self._request = replace(
                self._request,
                open_page=result == PreviewDialog.OPEN_PAGE_AGAIN,
                drag_region=self._request.drag_region or result == PreviewDialog.PICK_REGION,
            )
            self.start()
            return
        if result != QDialog.DialogCode.Accepted:
            self.finished.emit()
            return
        key, reason = self._request.account_key, preview.reason.currentData()
        note, service = preview.note.toPlainText(), self._service
        self._tasks.run(
            lambda: service.file_screenshot(key, image.png(), reason=reason, note=note),
            on_done=self._done,
            on_error=self._fail,
            write=True,
        )

    def _done(self, info: object) -> None:
        self._bring_back_in_front()  # the preview has closed: the Skärmdumpar window, not the main one
        self.filed.emit(info)
        self.finished.emit()

    def _cancel(self) -> None:
        self.picker = None
        if self.overlay is not None:
            self.overlay.deleteLater()
            self.overlay = None
        self._restore_windows()
        self.finished.emit()

    def _fail(self, exc: BaseException) -> None:
        self._restore_windows()
        message = user_message(exc)
        self.failed.emit(message)
        self.finished.emit()
