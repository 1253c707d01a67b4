"""The registrator's list: what was registered (removals and items documented without
removal), and where the diarienummer is still missing, typed in here."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.services.moderation.register import RegistrationRow, list_registrations
from app.ui.failures import user_message
from app.ui.tasks import TaskManager, tasks_for

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class DiarienummerView(QWidget):
    loaded = Signal()
    saved = Signal(int)  # the registration's id

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        actor: Actor | None = None,
        tasks: TaskManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("diarienummerView")
        self._sessions = sessions
        self._service = ModerationService(sessions, actor=actor)
        self._tasks = tasks_for(self, tasks)
        self._rows: list[RegistrationRow] = []

        self.only_missing = QCheckBox(self.tr("Bara de som saknar diarienummer"), self)
        self.only_missing.setChecked(True)
        self.only_missing.toggled.connect(self.reload)
        self.table = QTableWidget(0, 6, self)
        self.table.setAccessibleName(self.tr("Diarieförda poster"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Diarieförd"),
                self.tr("Av"),
                self.tr("Kriterium"),
                self.tr("Konto"),
                self.tr("Text"),
                self.tr("Diarienummer"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.number = QLineEdit(self)
        self.number.setAccessibleName(self.tr("Diarienummer"))
        self.number.setPlaceholderText(self.tr("t.ex. KS/2026:123"))
        self.number.returnPressed.connect(self.save)
        self.save_button = QPushButton(self.tr("Spara diarienummer"), self)
        self.save_button.clicked.connect(self.save)
        self.motivation = QLabel(self)
        self.motivation.setTextFormat(Qt.TextFormat.PlainText)
        self.motivation.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Diarienummer:"), self))
        row.addWidget(self.number, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.only_missing)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.motivation)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._selected()
        self.reload()

    def reload(self) -> None:
        only = self.only_missing.isChecked()
        self._tasks.run(
            lambda: list_registrations(self._sessions, only_missing=only),
            on_done=self._show,
            on_error=self._failed,
            key="diarienummer",
        )

    def _show(self, rows: list[RegistrationRow]) -> None:
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, reg in enumerate(rows):
            values = (
                reg.registered_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"),
                reg.registered_by,
                self.tr(reg.label),
                reg.account_key,
                reg.excerpt,
                reg.diarienummer or "–",
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self._selected()
        self.loaded.emit()

    def current(self) -> RegistrationRow | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) and self.table.selectedItems() else None

    def _selected(self) -> None:
        reg = self.current()
        self.number.setEnabled(reg is not None)
        self.save_button.setEnabled(reg is not None)
        self.number.setText(reg.diarienummer or "" if reg else "")
        self.motivation.setText(self.tr("Motivering: %1").replace("%1", reg.motivation) if reg else "")

    def save(self) -> None:
        reg, number = self.current(), self.number.text()
        if reg is None:
            return
        self._tasks.run(
            lambda: self._service.set_diarienummer(reg.item_id, number, reg.id),
            on_done=lambda _outcome: self._after_save(reg.id),
            on_error=self._failed,
            write=True,
        )

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(user_message(exc))

    def _after_save(self, registration_id: int) -> None:
        self.message.setText(self.tr("Sparat."))
        self.saved.emit(registration_id)
        self.reload()
