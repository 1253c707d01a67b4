"""Arkiv: everything Granska saved (evidence, removed, registered), searched and read with no
network and no credentials; the saved copy beside the platform's current state; the raw
payload as plain text; the selection exported as an evidence package."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.db import Database
from app.services.accounts.accounts import AccountService
from app.services.moderation.reasons import REMOVAL_REASONS
from app.services.records.archive import ArchiveDetail, ArchiveEntry, ArchiveFilter, ArchiveService
from app.services.records.packages import EvidencePackager, PackageResult
from app.services.records.removal_log import STOCKHOLM
from app.ui.core_text import window_text
from app.ui.failures import user_message
from app.ui.labels import reason_label, status_label
from app.ui.records.archive_model import PAGE, ArchiveModel, when
from app.ui.tasks import TaskManager, tasks_for

# Counting every match of a common word among a million saved copies costs more than the page:
# beyond this the status bar says "10 000+".
COUNT_CAP = 10_000


def _plain_editor(name: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setReadOnly(True)
    editor.setAccessibleName(name)
    editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    return editor


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ArchiveView(QWidget):
    """The Arkiv tab. Needs only the database."""

    loaded = Signal()  # a search (first page) has been shown
    detail_shown = Signal(int)
    package_written = Signal(object)  # PackageResult

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, tasks: TaskManager | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._service = ArchiveService(db.sessions)
        self._tasks = tasks_for(self, tasks)
        self._generation = 0  # results of an older search are dropped
        self._filter = ArchiveFilter()

        self.search = QLineEdit(placeholderText=self.tr("Sök i text och författare …"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Sök i arkivet"))
        self.account = QComboBox(accessibleName=self.tr("Konto"))
        self.account.addItem(self.tr("Alla konton"), None)
        self.reason = QComboBox(accessibleName=self.tr("Skäl"))
        self.reason.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.reason.setMinimumContentsLength(18)
        self.reason.addItem(self.tr("Alla skäl"), None)
        for code in REMOVAL_REASONS:
            self.reason.addItem(reason_label(code), code)
        self.admin = QComboBox(accessibleName=self.tr("Administratör"))
        self.admin.addItem(self.tr("Alla administratörer"), None)
        self.use_period = QCheckBox(self.tr("Period"))
        today = date.today()
        self.date_from = QDateEdit(QDate(today.year, 1, 1), calendarPopup=True)
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for widget in (
            self.account,
            self.reason,
            self.admin,
            self.use_period,
            self.date_from,
            QLabel("–"),
            self.date_to,
        ):
            filters.addWidget(widget)

        self.model = ArchiveModel(self)
        self.model.page_wanted.connect(self._load_more)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Sparade poster"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 120), (1, 210), (2, 140), (4, 110), (5, 150), (6, 110)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.saved_title = _plain_label(self.tr("Sparad kopia"))
        self.saved_state = _plain_label()
        self.saved_text = _plain_editor(self.tr("Sparad kopia"))
        self.current_title = _plain_label(self.tr("Läget på plattformen"))
        self.current_text = _plain_editor(self.tr("Läget på plattformen"))
        self.current_text.setPlaceholderText(
            self.tr("Okänt: posten har inte hämtats från plattformen sedan kopian sparades.")
        )
        compare = QWidget()
        grid = QGridLayout(compare)
        grid.addWidget(self.saved_title, 0, 0)
        grid.addWidget(self.current_title, 0, 1)
        grid.addWidget(self.saved_text, 1, 0)
        grid.addWidget(self.current_text, 1, 1)
        grid.addWidget(self.saved_state, 2, 0, 1, 2)
        self.raw = _plain_editor(self.tr("Rådata"))
        self.history = _plain_editor(self.tr("Historik"))
        self.tabs = QTabWidget()
        self.tabs.addTab(compare, self.tr("Sparad kopia och läget nu"))
        self.tabs.addTab(self.raw, self.tr("Rådata"))
        self.tabs.addTab(self.history, self.tr("Historik"))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.tabs)
        splitter.setSizes([380, 320])

        self.status = _plain_label()
        self.export_button = QPushButton(self.tr("Exportera markerade som bevispaket …"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._choose_package_file)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.account, self.reason, self.admin):
            combo.currentIndexChanged.connect(self._debounce.start)
        self.use_period.toggled.connect(self._period_toggled)
        self.date_from.dateChanged.connect(self._debounce.start)
        self.date_to.dateChanged.connect(self._debounce.start)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self._tasks.run(self._load_choices, on_done=self._show_choices, on_error=self._show_error)
        self.refresh()

    # -- searching ------------------------------------------------------------------------

    def current_filter(self) -> ArchiveFilter:
        since = until = None
        if self.use_period.isChecked():
            first, last = self.date_from.date(), self.date_to.date()
            since = datetime.combine(date(first.year(), first.month(), first.day()), time(0), STOCKHOLM)
            until = datetime.combine(
                date(last.year(), last.month(), last.day()) + timedelta(days=1), time(0), STOCKHOLM
            )
        pick = [c.currentData() for c in (self.account, self.reason, self.admin)]
        return ArchiveFilter(
            text=self.search.text(), since=since, until=until,
            account_keys=(pick[0],) if pick[0] else (), reasons=(pick[1],) if pick[1] else (),
            administrators=(pick[2],) if pick[2] else (),
        )  # fmt: skip

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self._filter = f = self.current_filter()
        service = self._service
        self.status.setText(self.tr("Söker …"))
        self._tasks.run(
            lambda: (service.search(f, limit=PAGE), service.count(f, cap=COUNT_CAP)),
            on_done=lambda result: self._show_page(generation, *result),
            on_error=self._show_error,
            key="archive/search",
        )

    def _show_page(self, generation: int, rows: list[ArchiveEntry], total: int) -> None:
        if generation != self._generation:
            return
        self.model.reset(rows)
        shown = f"{COUNT_CAP:,}+".replace(",", "\u00a0") if total > COUNT_CAP else str(total)
        self.status.setText(
            self.tr("%1 poster i arkivet. Arkivet läser bara databasen och fungerar utan nätverk.").replace(
                "%1", shown
            )
        )
        if rows:
            self.table.selectRow(0)
        else:
            self._clear_detail()
        self.loaded.emit()

    def _load_more(self, cursor: Any) -> None:
        generation, f, service = self._generation, self._filter, self._service

        def show(rows: list[ArchiveEntry]) -> None:
            if generation == self._generation:
                self.model.append(rows)

        self._tasks.run(
            lambda: service.search(f, after=cursor, limit=PAGE), on_done=show, on_error=self._show_error
        )

    def _period_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._debounce.start()

    def _load_choices(self) -> tuple[list[Any], list[str]]:
        return AccountService(self._db.sessions).list_accounts(), self._service.administrators()

    def _show_choices(self, choices: tuple[list[Any], list[str]]) -> None:
        accounts, admins = choices
        for info in accounts:
            self.account.addItem(f"{info.name} ({info.key})", info.key)
        for username in admins:
            self.admin.addItem(username, username)

    # -- the selected item ----------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        item_id = self.model.entry(current.row()).item_id
        service = self._service
        self._tasks.run(
            lambda: service.detail(item_id),
            on_done=lambda detail: self._show_detail(item_id, detail),
            on_error=self._show_error,
            key="archive/detail",
        )

    def _show_detail(self, item_id: int, detail: ArchiveDetail | None) -> None:
        current = self.table.currentIndex()
        if detail is None or not current.isValid() or self.model.entry(current.row()).item_id != item_id:
            return
        copy = detail.copies[-1] if detail.copies else None
        if copy is not None:
            self.saved_title.setText(
                self.tr("Sparad kopia (bevis %1, sparad %2 av %3)")
                .replace("%1", str(copy.evidence_id))
                .replace("%2", when(copy.saved_at))
                .replace("%3", window_text(copy.saved_by_name or copy.saved_by))
            )
            self.saved_text.setPlainText(copy.text if copy.text is not None else copy.pretty())
            state = (
                self.tr("Kontrollsumman stämmer (SHA-256 %1).")
                if copy.intact
                else self.tr("VARNING: kopian stämmer inte med sin kontrollsumma (SHA-256 %1).")
            )
            self.saved_state.setText(state.replace("%1", copy.sha256))
        else:
            self.saved_title.setText(self.tr("Ingen sparad kopia"))
            self.saved_text.setPlainText("")
            self.saved_state.setText("")
        status = status_label(detail.current_status)
        if detail.current_known:
            self.current_title.setText(
                self.tr("Läget på plattformen (hämtat %1): %2")
                .replace("%1", when(detail.fetched_at))
                .replace("%2", status)
            )
            self.current_text.setPlainText(detail.current_text)
        else:
            self.current_title.setText(
                self.tr("Läget på plattformen: okänt – inte hämtat sedan kopian sparades (%1)").replace(
                    "%1", status
                )
            )
            self.current_text.setPlainText("")
        raw = [
            f"# {self.tr('Sparad kopia')} {c.evidence_id} ({when(c.saved_at)})\n{c.pretty()}"
            for c in detail.copies
        ]
        if detail.raw is not None:
            raw.append(
                f"# {self.tr('Plattformens data vid senaste hämtning')}\n"
                + json.dumps(detail.raw, ensure_ascii=False, indent=2, sort_keys=True)
            )
        self.raw.setPlainText("\n\n".join(raw))
        lines = (f"{when(h.at)}  {window_text(h.who)}: {window_text(h.summary)}" for h in detail.history)
        self.history.setPlainText("\n".join(lines))
        self.detail_shown.emit(item_id)

    def _clear_detail(self) -> None:
        for editor in (self.saved_text, self.current_text, self.raw, self.history):
            editor.setPlainText("")
        self.saved_state.setText("")

    # -- export of the selection ----------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.entry(r).item_id for r in rows]

    def _selection_changed(self, *_args: Any) -> None:
        self.export_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _choose_package_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Spara bevispaketet som"),
            str(Path.home() / "bevispaket.zip"),
            self.tr("ZIP-arkiv (*.zip)"),
        )
        if name:
            self.export_package(
                Path(name if name.lower().endswith(".zip") else name + ".zip"), overwrite=True
            )

    def export_package(self, path: Path, *, overwrite: bool = False) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        packager = EvidencePackager(self._db.sessions)
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Skapar bevispaket …"))
        self._tasks.run(
            lambda: packager.build(ids, path, overwrite=overwrite),
            on_done=self._package_done,
            on_error=self._show_error,
        )

    def _package_done(self, result: PackageResult) -> None:
        self._selection_changed()
        self.status.setText(
            self.tr("Bevispaketet %1 är sparat: %2 poster, %3 bevisfiler.")
            .replace("%1", str(result.path))
            .replace("%2", str(result.items))
            .replace("%3", str(result.evidence_files))
        )
        self.package_written.emit(result)

    def _show_error(self, exc: BaseException) -> None:
        self._selection_changed()
        self.status.setText(user_message(exc))
