from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.core.errors import EnvironmentFault
from app.services.intake.demo import load_demo
from app.services.screenshots.schedule import ScreenshotService
from app.ui.records import hooks as records_views
from app.ui.records.archive_view import ArchiveView
from app.ui.records.export_dialog import ExportDialog
from app.ui.screenshots.view import ScreenshotsView
from app.ui.settings.mail_settings import MailSettingsDialog
from tests.helpers.ui import open_window, wait_idle


def _trigger(window, menu: str, title: str):
    [action] = [a for a in window.menus[menu].actions() if a.text() == title]
    action.trigger()
    return window.views[title]


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


def test_a_views_failure_is_shown_by_the_window_like_any_other(qtbot, sqlite_db, monkeypatch):
    """The views opened from the menus run their work through the window's one task helper."""
    load_demo(sqlite_db.sessions, 20)
    window = open_window(qtbot, sqlite_db)
    records_views.install(window)
    wait_idle(qtbot, window.tasks)

    def locked(*_args):  # type: ignore[no-untyped-def]
        raise EnvironmentFault("Databasen är låst av ett annat program.")

    monkeypatch.setattr(ScreenshotService, "years", locked)
    view = _trigger(window, "verktyg", "Skärmdumpar av kontosidorna…")
    qtbot.waitUntil(lambda: getattr(window, "last_error", None) is not None)
    assert window.last_error.text() == "Databasen är låst av ett annat program."
    view.close()
    window.last_error.close()
