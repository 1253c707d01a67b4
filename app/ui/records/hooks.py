"""Hooks the registrator's and the communications chief's views into the main window: the
offline archive, the Excel export, the yearly screenshots and the mail settings, plus the
reminder when an account page is due for its screenshot."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from app.services.screenshots.schedule import ScreenshotService

# Each view is imported when it is first opened: the archive and the export bring openpyxl,
# which the start-up does not need.


def _archive(w: Any) -> QWidget:
    from app.ui.records.archive_view import ArchiveView

    return ArchiveView(w.db, tasks=w.tasks)


def _conflicts(w: Any) -> QWidget:
    from app.ui.records.conflicts_view import ConflictsView

    return ConflictsView(w.db, tasks=w.tasks)


def _export(w: Any) -> QWidget:
    from app.ui.records.export_dialog import ExportDialog

    return ExportDialog(w.db, tasks=w.tasks)


def _screenshots(w: Any) -> QWidget:
    from app.ui.screenshots.view import ScreenshotsView

    view = ScreenshotsView(w.db.sessions, tasks=w.tasks)
    # A picture filed: the status bar's "Skärmdump behövs" follows at once, not at the next start.
    view.screenshot_filed.connect(lambda: remind_due_screenshots(w, ScreenshotService(w.db.sessions)))
    return view


def _mail(w: Any) -> QWidget:
    from app.services.mail import MailSettingsService
    from app.ui.settings.mail_settings import MailSettingsDialog

    return MailSettingsDialog(MailSettingsService(w.db.sessions), w.tasks)


def _dnr_import(w: Any) -> QWidget:
    from app.ui.records.dnr_import_dialog import DnrImportDialog

    dialog = DnrImportDialog(w.db.sessions, tasks=w.tasks)
    dialog.imported.connect(lambda _result: w.refresh_queue())
    return dialog


def install(window: Any) -> None:
    translate = QCoreApplication.translate
    window.add_view(
        "arkiv", translate("RecordsViews", "Arkiv (sparade poster)…"), _archive, shortcut="Ctrl+Shift+A"
    )
    window.add_view(
        "arkiv",
        translate("RecordsViews", "Exportera borttagningsloggen till Excel…"),
        _export,
        shortcut="Ctrl+E",
    )
    window.add_view("arkiv", translate("RecordsViews", "Läs in diarienummer från Excel…"), _dnr_import)
    window.add_view("arkiv", translate("RecordsViews", "Konflikter från offlinearbete…"), _conflicts)
    window.add_view("verktyg", translate("RecordsViews", "Skärmdumpar av kontosidorna…"), _screenshots)
    window.add_view("installningar", translate("RecordsViews", "E-post…"), _mail)
    remind_due_screenshots(window, ScreenshotService(window.db.sessions))


def remind_due_screenshots(window: Any, service: ScreenshotService) -> None:
    """The guideline: a screenshot of each account page once a year. Say so when one is due."""
    translate = QCoreApplication.translate

    def shown(due: list[Any]) -> None:
        overdue = [d for d in due if d.overdue or d.days_left <= 0]
        label = getattr(window, "screenshot_reminder", None)
        if not overdue:
            if label is not None:
                label.hide()
            return
        text = translate("RecordsViews", "Skärmdump behövs: %s") % ", ".join(
            d.account_name for d in overdue[:3]
        )
        if len(overdue) > 3:
            text += translate("RecordsViews", " och %d till") % (len(overdue) - 3)
        if label is None:
            label = QLabel()
            label.setAccessibleDescription(translate("RecordsViews", "Påminnelse om skärmdumpar"))
            label.setToolTip(translate("RecordsViews", "Verktyg → Skärmdumpar av kontosidorna"))
            window.statusBar().addPermanentWidget(label)
            window.screenshot_reminder = label
        label.setText(text)
        label.show()

    window.tasks.run(service.due_screenshots, on_done=shown)
