"""Skärmdumpar: the yearly account-page screenshots. Which accounts are due (overdue first), a
gallery per account and year, and the actions: take, export, send, the year's record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.services.accounts.credentials import CredentialStore
from app.services.context import Actor
from app.services.mail import MailSettingsService
from app.services.screenshots.capture import ScreenGrabber
from app.services.screenshots.export import export_screenshots, write_year_record
from app.services.screenshots.mail import ScreenshotMail
from app.services.screenshots.schedule import STOCKHOLM, ScreenshotDue, ScreenshotInfo, ScreenshotService
from app.ui.labels import platform_label
from app.ui.screenshots.capture import CaptureDialog, CaptureFlow
from app.ui.tasks import TaskManager, tasks_for

THUMBNAIL = QSize(240, 150)
ALL = "__all__"


@dataclass(frozen=True)
class GalleryEntry:
    info: ScreenshotInfo
    thumbnail: QImage  # made in the worker thread; QPixmap only on the GUI thread


def _gallery(service: ScreenshotService, account: str | None, year: int | None) -> list[GalleryEntry]:
    entries = []
    for info in service.list_screenshots(account, year):
        image = QImage.fromData(service.png(info.id), "PNG").scaled(
            THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        entries.append(GalleryEntry(info, image))
    return entries


class ScreenshotsView(QWidget):
    loaded = Signal()  # the overview and the gallery show the database's state
    status = Signal(str)  # one sentence for the main window's status bar
    screenshot_filed = Signal()  # what is due has changed

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        actor: Actor | None = None,
        credentials: CredentialStore | None = None,
        grabber: ScreenGrabber | None = None,
        tasks: TaskManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Skärmdumpar av kontosidorna"))
        self.service = ScreenshotService(sessions, actor)
        self.mail_settings = MailSettingsService(sessions, credentials)
        self.mail = ScreenshotMail(self.service, self.mail_settings)
        self.tasks = tasks_for(self, tasks)
        self._grabber = grabber
        self.flow: CaptureFlow | None = None
        self._due: list[ScreenshotDue] = []

        self.overview = QTableWidget(0, 5)
        self.overview.setHorizontalHeaderLabels(
            [self.tr("Konto"), self.tr("Plattform"), self.tr("Senast"), self.tr("Nästa"), self.tr("Läge")]
        )
        self.overview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.overview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.overview.horizontalHeader().setStretchLastSection(True)
        self.overview.verticalHeader().hide()
        self.overview.setAccessibleName(self.tr("Konton och när de ska fotograferas"))
        self.overview.itemSelectionChanged.connect(self._account_chosen)
        self.take = QPushButton(self.tr("Ta skärmdump…"))
        self.take.clicked.connect(self.take_screenshot)
        self.interval = QPushButton(self.tr("Intervall…"))
        self.interval.setToolTip(self.tr("Hur ofta kontot ska fotograferas (365 dagar = en gång per år)"))
        self.interval.clicked.connect(lambda: self.change_interval())
        self.reminder = QLabel()
        self.reminder.setTextFormat(Qt.TextFormat.PlainText)
        self.reminder.setWordWrap(True)

        self.account = QComboBox()
        self.account.setAccessibleName(self.tr("Konto i galleriet"))
        self.year = QComboBox()
        self.year.setAccessibleName(self.tr("År i galleriet"))
        self.account.activated.connect(lambda _i: self.reload_gallery())
        self.year.activated.connect(lambda _i: self.reload_gallery())
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(THUMBNAIL)
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.gallery.setAccessibleName(self.tr("Skärmdumpar"))
        self.gallery.itemSelectionChanged.connect(self._show_details)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export = QPushButton(self.tr("Exportera…"))
        self.send = QPushButton(self.tr("Skicka till kommunikationschefen…"))
        self.record = QPushButton(self.tr("Årets samlingsakt…"))
        self.record.setToolTip(
            self.tr(
                "Välj ett år: bilderna, deras JSON-filer och en sammanställning "
                "för registrator sparas i en mapp."
            )
        )
        self.mail_button = QPushButton(self.tr("E-postinställningar…"))
        self.export.clicked.connect(self.export_selected)
        self.send.clicked.connect(self.send_selected)
        self.record.clicked.connect(self.write_record)
        self.mail_button.clicked.connect(self.edit_mail_settings)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.reminder)
        left_layout.addWidget(self.overview)
        take_row = QHBoxLayout()
        take_row.addWidget(self.take, 1)
        take_row.addWidget(self.interval)
        left_layout.addLayout(take_row)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Konto:")))
        filters.addWidget(self.account, 1)
        filters.addWidget(QLabel(self.tr("År:")))
        filters.addWidget(self.year)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.gallery, 1)
        right_layout.addWidget(self.details)
        actions = QHBoxLayout()
        for button in (self.export, self.send, self.record, self.mail_button):
            actions.addWidget(button)
        right_layout.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([540, 660])
        QVBoxLayout(self).addWidget(splitter)
        self._update_buttons()
        self.refresh()

    # --- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        service = self.service
        self.tasks.run(
            lambda: (service.due_screenshots(), service.years()),
            on_done=self._show_overview,
            key="screenshots/overview",
        )

    def _show_overview(self, result: tuple[list[ScreenshotDue], list[int]]) -> None:
        self._due, years = result
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.overview.setRowCount(len(self._due))
        for row, d in enumerate(self._due):
            last = (
                d.last_taken_at.astimezone(STOCKHOLM).date().isoformat()
                if d.last_taken_at
                else self.tr("aldrig")
            )
            if d.overdue:
                state = self.tr("försenad %n dagar", "", -d.days_left)
            else:
                state = self.tr("ska tas i dag") if d.due else self.tr("om %n dagar", "", d.days_left)
            platform = platform_label(d.platform)
            for col, text in enumerate((d.account_name, platform, last, d.next_due.isoformat(), state)):
                item = QTableWidgetItem(text)
                if col == 4 and d.due:
                    item.setIcon(warning)  # an icon and words, never colour alone
                self.overview.setItem(row, col, item)
        due = [d for d in self._due if d.due]
        self.reminder.setText(
            self.tr("%n konton ska fotograferas nu (försenade först).", "", len(due))
            if due
            else self.tr("Alla konton har en aktuell skärmdump.")
        )
        self.overview.resizeColumnsToContents()
        current_account = self.account.currentData()
        self.account.clear()
        self.account.addItem(self.tr("Alla konton"), ALL)
        for d in sorted(self._due, key=lambda d: d.account_key):
            self.account.addItem(d.account_name, d.account_key)
        self.account.setCurrentIndex(max(self.account.findData(current_account), 0))
        current_year = self.year.currentData()
        self.year.clear()
        self.year.addItem(self.tr("Alla år"), 0)
        for y in years:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(max(self.year.findData(current_year), 0))
        self.reload_gallery()

    def reload_gallery(self) -> None:
        account = self.account.currentData()
        account = None if account in (None, ALL) else account
        year = self.year.currentData() or None
        service = self.service
        self.tasks.run(
            lambda: _gallery(service, account, year), on_done=self._show_gallery, key="screenshots/gallery"
        )

    def _show_gallery(self, entries: list[GalleryEntry]) -> None:
        self.gallery.clear()
        for entry in entries:
            info = entry.info
            sent = self.tr("skickad") if info.sent_at else self.tr("ej skickad")
            reason = self.tr("årlig") if info.reason == "annual" else self.tr("förändring")
            account = f"{info.account_name} ({platform_label(info.platform)})"
            item = QListWidgetItem(
                QIcon(QPixmap.fromImage(entry.thumbnail)), f"{account}\n{info.local_date} · {reason} · {sent}"
            )
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.gallery.addItem(item)
        self._update_buttons()
        self.loaded.emit()

    # --- selection ----------------------------------------------------------------------

    def selected_account(self) -> ScreenshotDue | None:
        rows = self.overview.selectionModel().selectedRows()
        return self._due[rows[0].row()] if rows else None

    def selected_screenshots(self) -> list[ScreenshotInfo]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.gallery.selectedItems()]

    def _account_chosen(self) -> None:
        chosen = self.selected_account()
        if chosen is not None:
            self.account.setCurrentIndex(max(self.account.findData(chosen.account_key), 0))
            self.reload_gallery()
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_shots = bool(self.gallery.selectedItems())
        self.take.setEnabled(self.selected_account() is not None)
        self.interval.setEnabled(self.selected_account() is not None)
        self.export.setEnabled(has_shots)
        self.send.setEnabled(has_shots)
        self.record.setEnabled(self.year.currentData() not in (None, 0))

    def _show_details(self) -> None:
        shots = self.selected_screenshots()
        self._update_buttons()
        if len(shots) != 1:
            self.details.setText(self.tr("%n skärmdumpar valda", "", len(shots)) if shots else "")
            return
        s = shots[0]
        when = s.taken_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
        sent = (
            self.tr("Skickad %1 till %2")
            .replace("%1", s.sent_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"))
            .replace("%2", s.sent_to or "")
            if s.sent_at
            else self.tr("Inte skickad till kommunikationschefen ännu.")
        )
        self.details.setText("\n".join([
            f"{s.account_name} ({platform_label(s.platform)}) – {when}, {s.taken_by}, {s.reason_label}",
            f"{s.width} × {s.height}, {s.size_bytes} byte, SHA-256 {s.sha256}",
            *( [s.note] if s.note else []), sent,
        ]))  # fmt: skip

    # --- actions ------------------------------------------------------------------------

    def take_screenshot(self) -> CaptureDialog | None:
        account = self.selected_account()
        if account is None:
            return None
        key, service = account.account_key, self.service
        dialog = CaptureDialog(
            self.tasks,
            key,
            account.account_name,
            account.page_url,
            self._grabber,
            self,
            permitted=lambda: service.require_screenshots([key]),
        )
        dialog.accepted.connect(lambda: self.start_capture(dialog))
        dialog.open()
        return dialog

    def start_capture(self, dialog: CaptureDialog) -> CaptureFlow:
        self.flow = CaptureFlow(self.service, self.tasks, dialog.request(), self._grabber, self)
        self.flow.filed.connect(self._filed)
        self.flow.failed.connect(lambda message: QMessageBox.warning(self, self.windowTitle(), message))
        self.flow.start()
        return self.flow

    def change_interval(self, days: int | None = None) -> None:
        account = self.selected_account()
        if account is None:
            return
        if days is None:
            days, ok = QInputDialog.getInt(
                self,
                self.tr("Intervall för %1").replace("%1", account.account_name),
                self.tr("Dagar mellan skärmdumparna (365 = en gång per år):"),
                account.interval_days,
                1,
                5 * 365,
            )
            if not ok:
                return
        service, key = self.service, account.account_key
        self.tasks.run(
            lambda: service.set_interval(key, days), on_done=lambda _none: self.refresh(), write=True
        )

    def _filed(self, info: ScreenshotInfo) -> None:
        self.status.emit(self.tr("Skärmdumpen av %1 är sparad.").replace("%1", info.account_name))
        self.screenshot_filed.emit()
        self.refresh()

    def export_selected(self, folder: str | None = None) -> None:
        ids = [s.id for s in self.selected_screenshots()]
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("Exportera till mapp"))
        if not ids or not folder:
            return
        service = self.service
        self.tasks.run(
            lambda: export_screenshots(service, ids, Path(folder)),
            write=True,
            on_done=lambda done: self.status.emit(self.tr("%n skärmdumpar exporterade.", "", len(done))),
        )

    def write_record(self, folder: str | None = None) -> None:
        year = self.year.currentData()
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("Spara årets samlingsakt i mapp"))
        if not year or not folder:
            return
        service = self.service
        self.tasks.run(
            lambda: write_year_record(service, year, Path(folder)),
            write=True,
            on_done=lambda record: self.status.emit(
                self.tr("Samlingsakten är sparad: %1").replace("%1", str(record.path))
            ),
        )

    def send_selected(self):  # type: ignore[no-untyped-def]
        from app.ui.screenshots.send import SendScreenshotsDialog

        shots = self.selected_screenshots()
        if not shots:
            return None
        dialog = SendScreenshotsDialog(self.mail, self.tasks, shots, self)
        dialog.sent.connect(lambda message: (self.status.emit(message), self.refresh()))
        dialog.open()
        return dialog

    def edit_mail_settings(self):  # type: ignore[no-untyped-def]
        from app.ui.settings.mail_settings import MailSettingsDialog

        dialog = MailSettingsDialog(self.mail_settings, self.tasks, self)
        dialog.open()
        return dialog
