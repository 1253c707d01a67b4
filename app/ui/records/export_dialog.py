"""The registrator's export as a dialog: a period, some accounts, a file; progress and cancel.

All work runs in the background (the count on a worker, the export in a process of its own so
the window keeps painting); a cancelled export leaves no file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.db import Database
from app.services.accounts.accounts import AccountService
from app.services.context import acting
from app.services.records.export import ExportResult, ExportService, RemovalLogRequest, file_name_for
from app.services.records.export_process import export_in_process, shareable
from app.ui.failures import user_message
from app.ui.tasks import Task, TaskContext, TaskManager, tasks_for


def previous_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ExportDialog(QDialog):
    finished_export = Signal(object)  # ExportResult

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        tasks: TaskManager | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks_for(self, tasks)
        self._job: Task | None = None
        self._overwrite_confirmed: Path | None = None
        self.result_: ExportResult | None = None
        self.setWindowTitle(self.tr("Exportera till registratorn"))
        self.setMinimumWidth(560)

        first, last = previous_month(today or date.today())
        self.date_from = QDateEdit(_qdate(first), calendarPopup=True)
        self.date_to = QDateEdit(_qdate(last), calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
        self.date_from.setAccessibleName(self.tr("Periodens första dag"))
        self.date_to.setAccessibleName(self.tr("Periodens sista dag"))
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel(self.tr("till och med")))
        period.addWidget(self.date_to)
        period.addStretch(1)

        self.accounts = QListWidget()
        self.accounts.setAccessibleName(self.tr("Konton att exportera"))
        self.accounts.setMaximumHeight(130)
        self._suggested = file_name_for(first, last)
        self.path = QLineEdit(str(Path.home() / self._suggested))
        self.path.setAccessibleName(self.tr("Exportfil"))
        self.choose_button = QPushButton(self.tr("Välj…"))
        self.choose_button.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose_button)

        form = QFormLayout()
        form.addRow(self.tr("Period (svensk tid)"), period)
        form.addRow(self.tr("Konton (inga valda = alla)"), self.accounts)
        form.addRow(self.tr("Fil"), file_row)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Exportera"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("Avbryt exporten"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_folder = self.buttons.addButton(
            self.tr("Visa mappen"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(self.tr("Stäng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setVisible(False)
        self.open_folder.setVisible(False)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.open_folder.clicked.connect(self._open_folder)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self._recount = QTimer(self, singleShot=True, interval=200)
        self._recount.timeout.connect(self._count)
        self.date_from.dateChanged.connect(self._recount.start)
        self.date_to.dateChanged.connect(self._recount.start)
        self.date_from.dateChanged.connect(self._name_after_period)
        self.date_to.dateChanged.connect(self._name_after_period)
        self.accounts.itemChanged.connect(self._recount.start)
        self._tasks.run(
            AccountService(db.sessions).list_accounts, on_done=self._show_accounts, on_error=self._show_error
        )

    # -- inputs ---------------------------------------------------------------------------

    def request(self) -> RemovalLogRequest:
        keys = []
        for row in range(self.accounts.count()):
            item = self.accounts.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                keys.append(item.data(Qt.ItemDataRole.UserRole))
        return RemovalLogRequest(_pydate(self.date_from.date()), _pydate(self.date_to.date()), tuple(keys))

    def _show_accounts(self, accounts: list[Any]) -> None:
        self.accounts.blockSignals(True)
        for info in accounts:
            item = QListWidgetItem(f"{info.name} ({info.key})")
            item.setData(Qt.ItemDataRole.UserRole, info.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.accounts.addItem(item)
        self.accounts.blockSignals(False)
        self._count()

    def _count(self) -> None:
        request = self.request()
        if request.date_to < request.date_from:
            self.summary.setText(self.tr("Perioden slutar före den börjar."))
            return
        service = ExportService(self._db.sessions)
        self._tasks.run(
            lambda: service.count(request),
            on_done=self._show_count,
            on_error=self._show_error,
            key="export-dialog/count",
        )

    def _show_count(self, counts: tuple[int, int]) -> None:
        self.summary.setText(
            self.tr("I perioden: %1 borttagna, %2 diarieförda utan borttagning.")
            .replace("%1", str(counts[0]))
            .replace("%2", str(counts[1]))
        )

    def _name_after_period(self) -> None:
        """The suggested file name follows the period, unless the user wrote a name of their own."""
        current = Path(self.path.text())
        if current.name != self._suggested:
            return
        self._suggested = file_name_for(_pydate(self.date_from.date()), _pydate(self.date_to.date()))
        self.path.setText(str(current.with_name(self._suggested)))

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Spara exporten som"), self.path.text(), self.tr("Excel (*.xlsx)")
        )
        if name:
            if not name.lower().endswith(".xlsx"):
                name += ".xlsx"
            self.path.setText(name)
            self._overwrite_confirmed = Path(name)  # the file dialog asked about replacing

    # -- running --------------------------------------------------------------------------

    def start_export(self) -> None:
        if self._job is not None:
            return
        request = self.request()
        output = Path(self.path.text().strip()).expanduser()
        overwrite = self._overwrite_confirmed == output
        url = self._db.engine.url.render_as_string(hide_password=False)
        self._set_running(True)
        self.status.setText(self.tr("Exporterar …"))

        def work(context: TaskContext) -> ExportResult:
            options: dict[str, Any] = {
                "overwrite": overwrite,
                "progress": context.report,
                "should_cancel": lambda: context.cancelled,
            }
            if not shareable(self._db.engine.url):  # a database in memory: only here
                return ExportService(self._db.sessions).export_removals(request, output, **options)
            # In a process of its own: the window keeps painting (export_process.py).
            return export_in_process(url, acting(self._db.sessions).username, request, output, **options)

        self._job = self._tasks.run(
            work,
            on_done=self._export_done,
            on_error=self._export_failed,
            on_progress=self._show_progress,
            on_cancelled=self._export_cancelled,
            with_context=True,
        )

    def cancel_export(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.status.setText(self.tr("Avbryter …"))

    def _show_progress(self, done: int, total: int | None) -> None:
        self.progress.setRange(0, max(total or 0, 1))
        self.progress.setValue(done)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(running)
        self.export_button.setEnabled(not running)
        self.close_button.setEnabled(not running)
        for widget in (self.date_from, self.date_to, self.accounts, self.path, self.choose_button):
            widget.setEnabled(not running)

    def _export_done(self, result: ExportResult) -> None:
        self._job = None
        self._set_running(False)
        self.result_ = result
        text = (
            self.tr("Klart: %1 borttagna och %2 diarieförda sparade i %3.")
            .replace("%1", str(result.removals))
            .replace("%2", str(result.registrations))
            .replace("%3", str(result.path))
        )
        if result.truncated_cells:
            text += " " + self.tr(
                "%1 celler var för långa för Excel och är avkortade; hela texten finns i bevispaketet."
            ).replace("%1", str(result.truncated_cells))
        self.status.setText(text)
        self.open_folder.setVisible(True)
        self.finished_export.emit(result)

    def _export_failed(self, exc: BaseException) -> None:
        self._job = None
        self._set_running(False)
        self._show_error(exc)

    def _export_cancelled(self) -> None:
        """The export has stopped and removed what it had begun to write."""
        self._job = None
        self._set_running(False)
        self.status.setText(self.tr("Exporten avbröts. Ingen fil sparades."))

    def _show_error(self, exc: BaseException) -> None:
        self.status.setText(user_message(exc))

    def _open_folder(self) -> None:
        if self.result_ is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_.path.parent)))

    def reject(self) -> None:
        if self._job is not None:  # closing while exporting cancels, never leaves half a file
            self.cancel_export()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._job is not None:
            self.cancel_export()
            event.ignore()  # closes once the export has stopped (see Stäng)
            return
        super().closeEvent(event)
