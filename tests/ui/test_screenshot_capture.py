"""The whole "Ta skärmdump" under pytest-xvfb's Xvfb: a stand-in browser in its own process shows
known colours; Granska hides itself, grabs with mss, previews and files the picture."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest

from app.services.screenshots.capture import ScreenGrabber
from app.ui.screenshots.view import ScreenshotsView
from app.ui.window_state import settings_path
from tests.helpers.colour_window import BAND_WIDTH, BANDS, LEFT, TOP
from tests.helpers.screens import add_account
from tests.services.test_screen_capture import decode_png

ROOT = Path(__file__).resolve().parents[2]
PAGE = "https://www.facebook.com/vadstenakommun"


class UrlCatcher(QObject):
    """Stands in for the default browser: records what Granska asked it to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser(qtbot):
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.colour_window"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    grabber = ScreenGrabber()
    try:
        qtbot.waitUntil(lambda: grabber.grab(1).pixel(LEFT + 1, TOP + 1) == BANDS[0], timeout=20000)
        yield process
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def catcher():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("https")


@pytest.fixture
def view(qtbot, sqlite_db):
    add_account(sqlite_db.sessions, "fb", url=PAGE)
    view = ScreenshotsView(sqlite_db.sessions)
    qtbot.addWidget(view)
    view.setGeometry(600, 300, 640, 420)  # away from the stand-in browser's colours
    with qtbot.waitSignal(view.loaded):
        view.show()
    qtbot.waitExposed(view)
    view.overview.selectRow(0)
    return view


def start(qtbot, view: ScreenshotsView, *, drag: bool):  # type: ignore[no-untyped-def]
    dialog = view.take_screenshot()
    qtbot.waitUntil(dialog.start.isEnabled)
    dialog.countdown.setValue(1)
    (dialog.region if drag else dialog.whole).setChecked(True)
    assert dialog.open_page.isChecked()
    dialog.start.click()
    return view.flow


def test_granska_hides_itself_opens_the_page_grabs_and_files_the_picture(qtbot, view, browser, catcher):
    flow = start(qtbot, view, drag=False)
    assert catcher.opened == [PAGE]
    assert not view.isVisible()
    with qtbot.waitSignal(flow.captured, timeout=10000) as captured:
        pass
    image = captured.args[0]
    assert (image.width, image.height) == (1280, 800)
    for i, colour in enumerate(BANDS):
        assert image.pixel(LEFT + i * BAND_WIDTH + 5, TOP + 5) == colour
    # Where Granska's window stood there is only the bare, black root window: it was hidden.
    assert image.pixel(900, 500) == (0, 0, 0)
    assert view.isVisible()  # and it is back for the preview
    preview = flow.preview
    preview.reason.setCurrentIndex(preview.reason.findData("change"))
    preview.note.setPlainText("Ny omslagsbild")
    with qtbot.waitSignal(flow.filed, timeout=10000) as filed:
        preview.save.click()
    info = filed.args[0]
    assert (info.account_key, info.reason, info.note, info.width) == ("fb", "change", "Ny omslagsbild", 1280)
    assert decode_png(view.service.png(info.id)) == (1280, 800, image.rgb)
    qtbot.waitUntil(lambda: view.gallery.count() == 1)
    assert "förändring" in view.gallery.item(0).text()


def test_a_dragged_region_is_exactly_what_was_framed(qtbot, view, browser, catcher):
    flow = start(qtbot, view, drag=True)
    qtbot.waitUntil(lambda: flow.picker is not None and flow.picker.isVisible(), timeout=10000)
    picker = flow.picker
    qtbot.waitExposed(picker)
    first, last = QPoint(LEFT + 10, TOP + 10), QPoint(LEFT + BAND_WIDTH + 29, TOP + 49)
    QTest.mousePress(picker, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    QTest.mouseMove(picker, QPoint(LEFT + 50, TOP + 30))
    QTest.mouseMove(picker, last)
    with qtbot.waitSignal(flow.captured, timeout=10000) as captured:
        QTest.mouseRelease(picker, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)
    image = captured.args[0]
    # Both corners are inside the selection, as the dashed frame shows them.
    assert (image.left, image.top, image.width, image.height) == (LEFT + 10, TOP + 10, BAND_WIDTH + 20, 40)
    row = bytes(BANDS[0]) * (BAND_WIDTH - 10) + bytes(BANDS[1]) * 30
    assert image.rgb == row * 40
    with qtbot.waitSignal(flow.finished):
        flow.preview.reject()
    assert view.isVisible() and view.service.list_screenshots() == []


def test_retake_grabs_again_without_reopening_the_page(qtbot, view, browser, catcher):
    flow = start(qtbot, view, drag=False)
    with qtbot.waitSignal(flow.captured, timeout=10000):
        pass
    with qtbot.waitSignal(flow.captured, timeout=10000):
        flow.preview.retake.click()
    assert catcher.opened == [PAGE]
    with qtbot.waitSignal(flow.filed, timeout=10000):
        flow.preview.save.click()
    assert len(view.service.list_screenshots()) == 1


def test_a_display_that_cannot_be_read_is_a_message_and_granska_comes_back(qtbot, sqlite_db, monkeypatch):
    add_account(sqlite_db.sessions, "fb", url=PAGE)
    shown: list[str] = []
    monkeypatch.setattr(
        "app.ui.screenshots.view.QMessageBox.warning", lambda _parent, _title, text: shown.append(text)
    )
    view = ScreenshotsView(sqlite_db.sessions, grabber=ScreenGrabber(display=":97"))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded):
        view.show()
    view.overview.selectRow(0)
    dialog = view.take_screenshot()
    qtbot.waitUntil(dialog.problem.isVisible)
    assert "Kan inte ansluta till skärmen" in dialog.problem.text() and not dialog.start.isEnabled()
    dialog.reject()
    dialog.monitor.addItem("skärm 1", 1)  # as if the display went away after the monitors were read
    dialog.countdown.setValue(0)
    dialog.open_page.setChecked(False)
    flow = view.start_capture(dialog)
    with qtbot.waitSignal(flow.failed, timeout=10000) as failed:
        pass
    assert "Kan inte ansluta till skärmen" in failed.args[0] and shown == [failed.args[0]]
    assert view.isVisible()


def test_escape_in_the_region_picker_brings_granska_back_and_files_nothing(qtbot, view, browser, catcher):
    flow = start(qtbot, view, drag=True)
    qtbot.waitUntil(lambda: flow.picker is not None and flow.picker.isVisible(), timeout=10000)
    qtbot.waitExposed(flow.picker)
    with qtbot.waitSignal(flow.finished):
        QTest.keyClick(flow.picker, Qt.Key.Key_Escape)
    assert view.isVisible() and view.service.list_screenshots() == []


def test_clicking_the_countdown_cancels_before_anything_is_grabbed(qtbot, view, catcher):
    dialog = view.take_screenshot()
    qtbot.waitUntil(dialog.start.isEnabled)
    dialog.countdown.setValue(30)
    dialog.start.click()
    flow = view.flow
    qtbot.waitUntil(lambda: flow.overlay is not None and flow.overlay.isVisible())
    assert not view.isVisible()
    with qtbot.waitSignal(flow.finished, timeout=3000):
        QTest.mouseClick(flow.overlay, Qt.MouseButton.LeftButton)
    assert view.isVisible() and flow.preview is None


def test_the_chosen_countdown_is_kept_in_granska_ini_with_every_other_setting(qtbot, view):
    dialog = view.take_screenshot()
    qtbot.waitUntil(dialog.start.isEnabled)
    dialog.countdown.setValue(7)
    dialog.request()
    dialog.reject()
    # One settings file on every platform (on Windows this went to the registry).
    ini = configparser.ConfigParser()
    ini.read(settings_path(), encoding="utf-8")
    assert ini["screenshots"]["countdown"] == "7"
    again = view.take_screenshot()
    assert again.countdown.value() == 7
    again.reject()
