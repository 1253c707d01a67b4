"""The yearly screenshot when something is off: a page no browser opened, and what the windows
look like once a picture is saved (under pytest-xvfb's Xvfb, as tests/ui/test_screenshot_capture.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit

from app.services.mail import MailSettingsService
from app.services.screenshots.schedule import ScreenshotService
from app.ui.records import hooks as records_views
from app.ui.screenshots.send import SendScreenshotsDialog
from app.ui.settings.mail_settings import MailSettingsDialog
from tests.helpers.screens import add_account, png_of
from tests.helpers.ui import open_window, wait_idle
from tests.ui.test_screenshot_capture import (  # noqa: F401 - browser, catcher and view are fixtures
    PAGE,
    UrlCatcher,
    browser,
    catcher,
    start,
    view,
)


@pytest.mark.qt_log_ignore("Unable to detect a web browser")
def test_a_page_no_browser_opened_is_named_and_can_be_opened_again_or_framed_by_hand(
    qtbot,
    view,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no xdg-open: no browser takes the address
    flow = start(qtbot, view, drag=False)
    with qtbot.waitSignal(flow.captured, timeout=10000) as captured:
        pass
    assert captured.args[0].blank and flow.page_opened is False
    preview = flow.preview
    assert "kontosidan öppnades aldrig" in preview.warning.text()
    assert "Wayland" not in preview.warning.text() and not preview.save.isEnabled()

    answering = UrlCatcher()  # a browser now answers
    QDesktopServices.setUrlHandler("https", answering, "open")
    try:
        with qtbot.waitSignal(flow.captured, timeout=10000):
            preview.open_again.click()
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert answering.opened == [PAGE] and flow.page_opened is True
    # Opened, and still black (this stand-in browser draws nothing): then the old explanation,
    # and the region can still be picked by hand, on a page the administrator brings up.
    assert "Wayland" in flow.preview.warning.text()
    flow.preview.pick_region.click()
    qtbot.waitUntil(lambda: flow.picker is not None and flow.picker.isVisible(), timeout=10000)
    qtbot.waitExposed(flow.picker)
    with qtbot.waitSignal(flow.finished):
        QTest.keyClick(flow.picker, Qt.Key.Key_Escape)
    assert answering.opened == [PAGE] and view.isVisible() and view.service.list_screenshots() == []


def test_after_saving_the_window_is_back_at_its_size_and_in_front(
    qtbot,
    view,  # noqa: F811
    browser,  # noqa: F811
    catcher,  # noqa: F811
):
    before = view.geometry()
    flow = start(qtbot, view, drag=False)
    with qtbot.waitSignal(flow.captured, timeout=10000):
        pass
    with qtbot.waitSignal(flow.filed, timeout=10000):
        flow.preview.save.click()
    assert view.isVisible() and view.geometry() == before
    qtbot.waitUntil(view.isActiveWindow)
    # The platform by its name, not its key.
    assert view.overview.item(0, 1).text() == "Facebook"
    qtbot.waitUntil(lambda: view.gallery.count() == 1)
    assert "(Facebook)" in view.gallery.item(0).text() and "facebook" not in view.gallery.item(0).text()


def test_the_status_bars_reminder_follows_a_filed_picture_at_once(qtbot, sqlite_db):
    add_account(sqlite_db.sessions, "fb", url=PAGE)
    add_account(sqlite_db.sessions, "x", "x")
    window = open_window(qtbot, sqlite_db)
    records_views.install(window)
    qtbot.waitUntil(lambda: hasattr(window, "screenshot_reminder"), timeout=10_000)
    assert window.screenshot_reminder.text() == "Skärmdump behövs: FB, X"
    [action] = [a for a in window.menus["verktyg"].actions() if a.text() == "Skärmdumpar av kontosidorna…"]
    action.trigger()
    screenshots = window.views["Skärmdumpar av kontosidorna…"]
    wait_idle(qtbot, window.tasks)
    service = ScreenshotService(sqlite_db.sessions)
    screenshots._filed(
        service.file_screenshot("fb", png_of(), reason="annual", note="")
    )  # as the capture flow does
    qtbot.waitUntil(lambda: window.screenshot_reminder.text() == "Skärmdump behövs: X", timeout=10_000)
    screenshots._filed(service.file_screenshot("x", png_of(), reason="annual", note=""))
    qtbot.waitUntil(lambda: not window.screenshot_reminder.isVisible(), timeout=10_000)
    screenshots.close()


def test_the_send_dialogs_title_and_the_keyring_note_are_shown_whole(qtbot, view, sqlite_db, no_keyring):  # noqa: F811
    info = view.service.file_screenshot("fb", png_of(), reason="annual", note="")
    send = SendScreenshotsDialog(view.mail, view.tasks, [info], view)
    qtbot.addWidget(send)
    send.show()
    title = send.fontMetrics().horizontalAdvance(send.windowTitle())
    assert send.width() >= title + 100  # room for the title beside the window manager's buttons
    [listing] = send.findChildren(QPlainTextEdit)
    assert "(Facebook)" in listing.toPlainText()

    settings = MailSettingsDialog(MailSettingsService(sqlite_db.sessions), view.tasks, view)
    qtbot.addWidget(settings)
    settings.show()
    qtbot.waitUntil(lambda: settings.keyring_state.text() != "", timeout=10_000)
    note = settings.keyring_state
    assert "Ingen nyckelring" in note.text()
    assert note.height() >= note.heightForWidth(note.width())  # every line of it, none cut off
