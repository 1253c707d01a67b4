"""The audit log as a table, newest first, with filters (action, administrator, account,
period) and a check of the chain. A self-contained widget: the main window shows it as a tab or
a dialog and hands it its background helper."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.services.records.audit import (
    AuditEntry,
    AuditFacets,
    AuditFilter,
    AuditService,
    VerifyReport,
)
from app.ui.core_text import window_text
from app.ui.failures import user_message
from app.ui.records.audit_text import action_name, audit_summary
from app.ui.tasks import TaskManager, tasks_for

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PAGE = 500
Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditEntry] = []
        self.columns = (
            self.tr("Tid"),
            self.tr("Vem"),
            self.tr("Händelse"),
            self.tr("Post"),
            self.tr("Konto"),
            self.tr("Detaljer"),
        )

    def set_rows(self, rows: list[AuditEntry], *, append: bool = False) -> None:
        if append:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                e.at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S"),
                window_text(e.actor_name or e.actor),
                action_name(e.action, e.details),
                str(e.item_id) if e.item_id is not None else "",
                e.account_name or e.account_key or "",
                audit_summary(e.details),
            )[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:  # an empty cell is read as a dash, not nothing
            return self.data(index) or "–"
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return "\n".join(f"{k}: {v}" for k, v in sorted(e.details.items()))
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        return None


class AuditView(QWidget):
    """`reload()` reads the log with the filters; `verify()` checks the chain and evidence."""

    loaded = Signal()
    verified = Signal(object)

    def __init__(
        self, sessions: sessionmaker[Session], tasks: TaskManager | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditView")
        self._service = AuditService(sessions)
        self._tasks = tasks_for(self, tasks)
        self._oldest_id: int | None = None

        self.action = QComboBox(self)
        self.actor = QComboBox(self)
        self.account = QComboBox(self)
        for combo, name in (
            (self.action, self.tr("Händelse")),
            (self.actor, self.tr("Administratör")),
            (self.account, self.tr("Konto")),
        ):
            combo.setAccessibleName(name)
            combo.addItem(self.tr("Alla"), None)
            combo.currentIndexChanged.connect(self.reload)
        self.limit_period = QCheckBox(self.tr("Period"), self)
        self.since = QDateEdit(self)
        self.until = QDateEdit(self)
        today = QDate.currentDate()
        for edit, value, name in (
            (self.since, today.addMonths(-1), self.tr("Från och med")),
            (self.until, today, self.tr("Till och med")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(value)
            edit.setEnabled(False)
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._period_changed)
        self.limit_period.toggled.connect(self.since.setEnabled)
        self.limit_period.toggled.connect(self.until.setEnabled)
        self.limit_period.toggled.connect(self.reload)

        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Granskningslogg"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.more = QPushButton(self.tr("Visa äldre"), self)
        self.more.clicked.connect(self.load_more)
        self.check = QPushButton(self.tr("Kontrollera kedjan"), self)
        self.check.clicked.connect(self.verify)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("Händelse:"), self.action),
            (self.tr("Administratör:"), self.actor),
            (self.tr("Konto:"), self.account),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.limit_period)
        filters.addWidget(self.since)
        filters.addWidget(QLabel("–", self))
        filters.addWidget(self.until)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.more)
        buttons.addWidget(self.check)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._filling = False
        self._tasks.run(self._service.facets, on_done=self._fill_facets, on_error=self._failed)

    # --- filters ---------------------------------------------------------------------------
    def _fill_facets(self, facets: AuditFacets) -> None:
        self._filling = True
        for combo, values in (
            (self.action, [(action_name(a), a) for a in facets.actions]),
            (self.actor, [(window_text(facets.actor_names.get(a, a)), a) for a in facets.actors]),
            (self.account, [(facets.account_names.get(i) or key, i) for i, key in facets.accounts]),
        ):
            current = combo.currentData()
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in values:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        self._filling = False
        self.reload()

    def current_filter(self) -> AuditFilter:
        def chosen(combo: QComboBox) -> tuple[Any, ...]:
            return () if combo.currentData() is None else (combo.currentData(),)

        since = until = None
        if self.limit_period.isChecked():
            since = _start_of(self.since.date())
            until = _start_of(self.until.date()) + timedelta(days=1)
        return AuditFilter(
            actions=chosen(self.action),
            actors=chosen(self.actor),
            account_ids=chosen(self.account),
            since=since,
            until=until,
        )

    def _period_changed(self) -> None:
        if self.limit_period.isChecked():
            self.reload()

    # --- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        if self._filling:
            return
        f = self.current_filter()
        self._tasks.run(
            lambda: self._service.search(f, limit=PAGE),
            on_done=lambda rows: self._show(rows, False),
            on_error=self._failed,
            key="audit",
        )

    def load_more(self) -> None:
        if self._oldest_id is None:
            return
        f, before = self.current_filter(), self._oldest_id
        self._tasks.run(
            lambda: self._service.search(f, limit=PAGE, before_id=before),
            on_done=lambda rows: self._show(rows, True),
            on_error=self._failed,
        )

    def _show(self, rows: list[AuditEntry], append: bool) -> None:
        self.model.set_rows(rows, append=append)
        if rows:
            self._oldest_id = rows[-1].id
        elif not append:
            self._oldest_id = None
        self.more.setEnabled(len(rows) == PAGE)
        self.status.setText(self.tr("%n händelser visas", "", self.model.rowCount()))
        self.loaded.emit()

    def verify(self) -> None:
        self.check.setEnabled(False)
        self._tasks.run(self._service.verify, on_done=self._verified, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.check.setEnabled(True)
        self.status.setText(user_message(exc))

    def _verified(self, report: VerifyReport) -> None:
        self.check.setEnabled(True)
        if report.intact:
            text = self.tr("Kedjan är hel: %1 händelser och %2 beviskopior kontrollerade.")
            self.status.setText(text.replace("%1", str(report.events)).replace("%2", str(report.evidence)))
        else:
            more = len(report.problems) - 1
            text = self.tr("Kedjan är bruten: %1").replace("%1", window_text(report.problems[0]))
            if more:
                text += " " + self.tr("(och %n fel till)", "", more)
            self.status.setText(text)
        self.verified.emit(report)


def _start_of(day: QDate) -> datetime:
    local = datetime.combine(day.toPython(), time(0, 0), tzinfo=STOCKHOLM)  # type: ignore[arg-type]
    return local.astimezone(UTC)
