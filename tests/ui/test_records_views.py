from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.services.demo import load_demo
from app.ui import records_views
from app.ui.archive_view import ArchiveView
from app.ui.export_dialog import ExportDialog
from app.ui.mail_settings import MailSettingsDialog
from app.ui.screenshots_view import ScreenshotsView
from tests.helpers.ui import open_window, wait_idle


def _trigger(window, menu: str, title: str):
    [action] = [a for a in window.menus[menu].actions() if a.text() == title]
    action.trigger()
    return window._views[title]


def test_archive_export_screenshots_and_mail_open_from_the_menus(qtbot, sqlite_db):
    load_demo(sqlite_db.sessions, 50)
    window = open_window(qtbot, sqlite_db)
    records_views.install(window)
    wait_idle(qtbot, window.tasks)
    opened = [
        (_trigger(window, "arkiv", "Arkiv (sparade poster)…"), ArchiveView),
        (_trigger(window, "arkiv", "Exportera borttagningsloggen till Excel…"), ExportDialog),
        (_trigger(window, "verktyg", "Skärmdumpar av kontosidorna…"), ScreenshotsView),
        (_trigger(window, "installningar", "E-post…"), MailSettingsDialog),
    ]
    for view, kind in opened:
        assert isinstance(view, kind)
        qtbot.waitUntil(view.isVisible)
        if isinstance(view, QDialog):
            view.reject()
        else:
            view.close()


def test_a_due_screenshot_is_reminded_in_the_status_bar(qtbot, sqlite_db):
    # Demo accounts have never been photographed: every active one is due now.
    load_demo(sqlite_db.sessions, 20)
    window = open_window(qtbot, sqlite_db)
    records_views.install(window)
    qtbot.waitUntil(lambda: hasattr(window, "screenshot_reminder"), timeout=10_000)
    text = window.screenshot_reminder.text()
    assert text.startswith("Skärmdump behövs:") and "Vadstena" in text
    assert window.screenshot_reminder.isVisible()
