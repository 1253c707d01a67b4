"""Inställningar → Administratörer: the förvaltningschef decides who administers which account
("Förvaltningschef beslutar om vem som får administrera ett konto"), from lists, never typed
user names. For each account: its administrators, who can actually open its stored
credentials (holders of a sealed key on the team database), and the two-person warning.
Everyone may look; only someone whose roles allow it may change (the service refuses others,
and the buttons say why)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.services.accounts.register import AccountRegister, AdministratorContact, RegisterEntry
from app.services.accounts.roles import Duty
from app.ui.core_text import error_text, window_text
from app.ui.formatting import plain_tooltip
from app.ui.tasks import TaskManager
from app.ui.text_views import plain_label

if TYPE_CHECKING:
    from app.ui.team import TeamState

WARNING_COLOUR = "#8a4b00"


class AdministratorsDialog(QDialog):
    changed = Signal()

    def __init__(
        self,
        sessions: sessionmaker[Session],
        tasks: TaskManager,
        team: TeamState | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Administratörer"))
        self.setObjectName("AdministratorsDialog")
        self.resize(900, 520)
        self._register = AccountRegister(sessions)
        self._tasks = tasks
        self._team = team
        self._entries: list[RegisterEntry] = []

        intro = plain_label(
            self.tr(
                "Förvaltningschefen beslutar vem som administrerar varje konto. Minst två personer ska "
                "kunna administrera varje konto och öppna dess inloggningsuppgifter."
            ),
            self,
        )
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(self.tr("Konton och deras administratörer"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Konto"), self.tr("Administratörer"), self.tr("Kan öppna inloggningsuppgifterna"),
             self.tr("Varning")]
        )  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(lambda row, *_: self._account_chosen(row))

        self.account = QComboBox(self)
        self.account.setAccessibleName(self.tr("Konto"))
        self.account.currentIndexChanged.connect(lambda _i: self._fill_people())
        self.person = QComboBox(self)
        self.person.setAccessibleName(self.tr("Administratör"))
        self.assign = QPushButton(self.tr("Tilldela kontot"), self)
        self.assign.clicked.connect(self.assign_chosen)
        self.unassign = QPushButton(self.tr("Ta bort från kontot"), self)
        self.unassign.clicked.connect(self.unassign_chosen)
        row = QHBoxLayout()
        row.addWidget(self.account, 1)
        row.addWidget(self.person, 2)
        row.addWidget(self.assign)
        row.addWidget(self.unassign)
        self.read_only = plain_label("", self)
        self.read_only.hide()
        self.status = plain_label("", self)
        self.status.setObjectName("status")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.read_only)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._people: list[AdministratorContact] = []
        self._allow_changes()
        self.reload()

    def _allow_changes(self) -> None:
        me = self._team.me if self._team is not None else None
        allowed = me is None or me.may(Duty.ASSIGN)
        for widget in (self.assign, self.unassign, self.person):
            widget.setEnabled(allowed)
            widget.setToolTip(
                "" if allowed else plain_tooltip(self.tr("Bara förvaltningschefen ändrar detta."))
            )
        self.read_only.setVisible(not allowed)
        self.read_only.setText(
            self.tr("Du kan se vem som administrerar kontona, men bara förvaltningschefen kan ändra det.")
        )

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        register = self._register
        self._tasks.run(lambda: (register.entries(), register.administrators()), on_done=self._arrived)

    def _arrived(self, result: tuple[list[RegisterEntry], list[AdministratorContact]]) -> None:
        self._entries, self._people = result
        chosen = self.account.currentData()
        self.table.setRowCount(len(self._entries))
        self.account.blockSignals(True)
        self.account.clear()
        for row, e in enumerate(self._entries):
            admins = ", ".join(f"{a.name} ({a.username})" for a in e.administrators) or self.tr("ingen")
            holders = (
                ", ".join(e.key_holders)
                if e.key_holders is not None
                else self.tr("(ingen token sparad centralt)")
            )
            warning = window_text(e.administrator_warning) if e.administrator_warning else ""
            cells = [f"{e.name} ({e.key})", admins, holders, warning]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text or "–")  # an empty cell is read as nothing at all
                item.setToolTip(plain_tooltip(text))
                if column == 3 and warning:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
            self.account.addItem(f"{e.name} ({e.key})", e.key)
        self.account.blockSignals(False)
        self.table.resizeRowsToContents()
        index = self.account.findData(chosen) if chosen else 0
        self.account.setCurrentIndex(max(index, 0))
        self._fill_people()

    def _account_chosen(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            self.account.setCurrentIndex(row)

    def _entry(self) -> RegisterEntry | None:
        key = self.account.currentData()
        return next((e for e in self._entries if e.key == key), None)

    def _fill_people(self) -> None:
        """Everyone active, those already on the account marked, so one list serves both buttons."""
        entry = self._entry()
        on_account = {a.username.casefold() for a in entry.administrators} if entry else set()
        chosen = self.person.currentData()
        self.person.clear()
        for p in self._people:
            mark = self.tr(" – administrerar kontot") if p.username.casefold() in on_account else ""
            self.person.addItem(f"{p.name} ({p.username}){mark}", p.username)
        index = self.person.findData(chosen) if chosen else 0
        self.person.setCurrentIndex(max(index, 0))
        if entry is not None and self.table.currentRow() != self._entries.index(entry):
            self.table.selectRow(self._entries.index(entry))

    # -- changing -----------------------------------------------------------------------------
    def assign_chosen(self) -> None:
        self._change(self._register.assign, self.tr("%1 administrerar nu %2."))

    def unassign_chosen(self) -> None:
        self._change(
            self._register.unassign,
            self.tr(
                "%1 administrerar inte längre %2. Byt gärna kontots lösenord eller token på plattformen."
            ),
        )

    def _change(self, call: Any, done: str) -> None:
        key, username = self.account.currentData(), self.person.currentData()
        if not key or not username:
            return

        def finished(_entry: object) -> None:
            self.status.setText(done.replace("%1", username).replace("%2", key))
            self.changed.emit()
            if self._team is not None:
                self._team.reload()
            self.reload()

        self._tasks.run(lambda: call(key, username), on_done=finished, on_error=self._refused, write=True)

    def _refused(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))
        self.reload()
