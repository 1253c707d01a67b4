"""Arkiv → Lägg till post manuellt: an item from a channel no connector reads (the intranet,
a forum), typed in with its link, author, time and text, then flagged like every other."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts.platforms import connector_platforms
from app.services.accounts.register import AccountRegister
from app.services.intake.manual_entry import ManualEntryService, ManualItem
from app.ui.core_text import error_text
from app.ui.tasks import TaskManager, tasks_for
from app.ui.text_views import plain_label


class ManualEntryDialog(QDialog):
    saved = Signal(int)  # the item's id

    def __init__(
        self,
        register: AccountRegister,
        service: ManualEntryService,
        tasks: TaskManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lägg till post manuellt"))
        self.resize(560, 420)
        self._service = service
        self._own_tasks = tasks is None
        self.tasks = tasks_for(self, tasks)
        self.account = QComboBox(self)
        self.account.setAccessibleName(self.tr("Konto"))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://")
        self.author = QLineEdit(self)
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.status = plain_label("", self)
        form = QFormLayout()
        form.addRow(self.tr("Konto"), self.account)
        form.addRow(self.tr("Länk"), self.url)
        form.addRow(self.tr("Författare"), self.author)
        form.addRow(self.tr("Skriven"), self.when)
        form.addRow(self.tr("Text"), self.text)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Spara"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Stäng"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.tasks.run(register.entries, on_done=self._accounts)

    def _accounts(self, entries: Any) -> None:
        for e in entries:
            self.account.addItem(f"{e.name} – {e.platform_label}", e.key)
        fetched = connector_platforms()  # the first channel no connector reads, e.g. the intranet
        by_hand = next((i for i, e in enumerate(entries) if e.platform not in fetched), 0)
        self.account.setCurrentIndex(by_hand)

    def save(self) -> None:
        key = self.account.currentData()
        text, author, url = self.text.toPlainText(), self.author.text(), self.url.text()
        when = datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)
        self.tasks.run(
            lambda: self._service.add(key, text, author=author, url=url, written_at=when),
            on_done=self._saved,
            on_error=lambda exc: self.status.setText(error_text(exc)),
            write=True,
        )

    def _saved(self, item: ManualItem) -> None:
        if item.created:
            self.status.setText(self.tr("Posten är sparad."))
        else:
            self.status.setText(self.tr("Posten fanns redan och är uppdaterad."))
        self.text.clear()
        self.url.clear()
        self.saved.emit(item.id)

    def done(self, result: int) -> None:
        if self._own_tasks:
            self.tasks.shutdown()
        super().done(result)
