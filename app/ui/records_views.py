"""Hooks the registrator's and the communications chief's views into the main window: the
offline archive, the Excel export, the yearly screenshots and the mail settings, plus the
reminder when an account page is due for its screenshot."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from app.services.mail import MailSettingsService
from app.services.screenshots import ScreenshotService
from app.ui.archive_view import ArchiveView
from app.ui.export_dialog import ExportDialog
from app.ui.mail_settings import MailSettingsDialog
from app.ui.screenshots_view import ScreenshotsView


def install(window: Any) -> None:
    translate = QCoreApplication.translate
    window.add_view("arkiv", translate("RecordsViews", "Arkiv (sparade poster)…"),
                    lambda w: ArchiveView(w.db, tasks=w.tasks), shortcut="Ctrl+Shift+A")  # fmt: skip
    window.add_view("arkiv", translate("RecordsViews", "Exportera borttagningsloggen till Excel…"),
                    lambda w: ExportDialog(w.db, tasks=w.tasks), shortcut="Ctrl+E")  # fmt: skip
    window.add_view("verktyg", translate("RecordsViews", "Skärmdumpar av kontosidorna…"),
                    lambda w: ScreenshotsView(w.db.sessions, tasks=w.tasks))  # fmt: skip
    window.add_view(
        "installningar", translate("RecordsViews", "E-post…"),
        lambda w: MailSettingsDialog(MailSettingsService(w.db.sessions), w.tasks),
    )  # fmt: skip
    remind_due_screenshots(window, ScreenshotService(window.db.sessions))


def remind_due_screenshots(window: Any, service: ScreenshotService) -> None:
    """The guideline: a screenshot of each account page once a year. Say so when one is due."""
    translate = QCoreApplication.translate

    def shown(due: list[Any]) -> None:
        overdue = [d for d in due if d.overdue or d.days_left <= 0]
        if not overdue:
            return
        text = translate("RecordsViews", "Skärmdump behövs: %s") % ", ".join(
            d.account_name for d in overdue[:3]
        )
        if len(overdue) > 3:
            text += translate("RecordsViews", " och %d till") % (len(overdue) - 3)
        label = QLabel(text)
        label.setAccessibleName(translate("RecordsViews", "Påminnelse om skärmdumpar"))
        label.setToolTip(translate("RecordsViews", "Verktyg → Skärmdumpar av kontosidorna"))
        window.statusBar().addPermanentWidget(label)
        window.screenshot_reminder = label

    window.tasks.run(service.due_screenshots, on_done=shown)
