"""Inställningar → Konton → Nytt konto / Redigera: the account's platform, key, names, the
platform's id for the page or channel, the API address, and the channel texts of the account
register (purpose, content, tone, monitoring, response time, presentation, contact).

The same service calls as `granska accounts add` and `granska accounts edit`, on the window's
TaskManager. A separate dialog, so that other parts (signing in with the platform) can add
their buttons to it (`extra_buttons`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts.accounts import AccountService
from app.services.accounts.platforms import PLATFORMS
from app.services.accounts.register import TEXT_FIELDS, AccountRegister, RegisterEntry
from app.ui.failures import user_message
from app.ui.labels import platform_label
from app.ui.tasks import TaskManager, tasks_for
from app.ui.text_views import plain_label


def channel_text_rows(form: QFormLayout, page: QWidget) -> dict[str, QPlainTextEdit]:
    """The account register's channel texts as rows of `form` (this dialog and Konton's tab)."""
    translate = QCoreApplication.translate
    labels = {
        "purpose": translate("AccountsDialog", "Syfte"),
        "content": translate("AccountsDialog", "Innehåll"),
        "tone": translate("AccountsDialog", "Tonalitet"),
        "monitoring": translate("AccountsDialog", "Bevakning"),
        "response_time": translate("AccountsDialog", "Svarstid"),
        "presentation": translate("AccountsDialog", "Presentation"),
        "contact": translate("AccountsDialog", "Kontaktuppgifter"),
    }
    boxes: dict[str, QPlainTextEdit] = {}
    for field in TEXT_FIELDS:
        box = QPlainTextEdit(page)
        box.setTabChangesFocus(True)
        box.setFixedHeight(54)
        box.setAccessibleName(labels[field])
        boxes[field] = box
        form.addRow(labels[field], box)
    return boxes


class AccountFormDialog(QDialog):
    """`AccountFormDialog(accounts, register, tasks, entry=None)`: new when `entry` is None."""

    saved = Signal(object)  # the RegisterEntry as saved

    def __init__(
        self,
        accounts: AccountService,
        register: AccountRegister,
        tasks: TaskManager | None = None,
        entry: RegisterEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AccountFormDialog")
        self._accounts = accounts
        self._register = register
        self._tasks = tasks_for(self, tasks)
        self.entry = entry
        self.setWindowTitle(self.tr("Nytt konto") if entry is None else self.tr("Redigera %s") % entry.name)
        self.resize(640, 720)

        page = QWidget(self)
        form = QFormLayout(page)
        self.platform = QComboBox(page)
        self.platform.setAccessibleName(self.tr("Plattform"))
        for code in PLATFORMS:
            self.platform.addItem(platform_label(code), code)
        self.key = QLineEdit(page)
        self.key.setAccessibleName(self.tr("Kontonyckel"))
        self.key.setPlaceholderText(self.tr("t.ex. fb-kommunen (små bokstäver, siffror, - och _)"))
        self.name = QLineEdit(page)
        self.name.setAccessibleName(self.tr("Namn"))
        self.page_url = QLineEdit(page)
        self.page_url.setAccessibleName(self.tr("Sidans adress"))
        self.page_url.setPlaceholderText("https://")
        self.external_id = QLineEdit(page)
        self.external_id.setAccessibleName(self.tr("Plattformens id för sidan eller kanalen"))
        self.api_base = QLineEdit(page)
        self.api_base.setAccessibleName(self.tr("API-adress"))
        self.api_base.setPlaceholderText(self.tr("tomt: plattformens vanliga adress"))
        form.addRow(self.tr("Plattform"), self.platform)
        form.addRow(self.tr("Kontonyckel"), self.key)
        form.addRow(self.tr("Namn"), self.name)
        form.addRow(self.tr("Sidans adress"), self.page_url)
        form.addRow(self.tr("Plattformens id"), self.external_id)
        form.addRow(self.tr("API-adress"), self.api_base)
        self.texts = channel_text_rows(form, page)
        self.texts["response_time"].setPlaceholderText(self.tr("t.ex. Vi svarar inom 24 timmar på vardagar."))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)

        self.status = plain_label("", self)
        self.status.setObjectName("status")
        self.extra_buttons = QHBoxLayout()  # for other parts, e.g. signing in with the platform
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Spara"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(self.extra_buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        if entry is not None:
            self._fill(entry)
        self.platform.setFocus() if entry is None else self.name.setFocus()

    def _fill(self, e: RegisterEntry) -> None:
        self.platform.setCurrentIndex(max(self.platform.findData(e.platform), 0))
        self.platform.setEnabled(False)  # the stored items and the token belong to this platform
        self.key.setText(e.key)
        self.key.setEnabled(False)  # the key names the account everywhere (CLI, exports)
        self.name.setText(e.name)
        self.page_url.setText(e.page_url or "")
        self.external_id.setText(e.external_id or "")
        self.api_base.setText(e.api_base_url or "")
        for field, box in self.texts.items():
            box.setPlainText(getattr(e, field))

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "page_url": self.page_url.text().strip() or None,
            "external_id": self.external_id.text().strip() or None,
            "api_base_url": self.api_base.text().strip() or None,
            **{f: box.toPlainText().strip() for f, box in self.texts.items()},
        }

    def save(self) -> None:
        values = self.values()
        accounts, register = self._accounts, self._register
        key, platform = self.key.text().strip(), str(self.platform.currentData())
        new = self.entry is None

        def store() -> RegisterEntry:
            if new:
                accounts.add_account(
                    key,
                    platform,
                    values["name"],
                    page_url=values["page_url"],
                    external_id=values["external_id"],
                    api_base_url=values["api_base_url"],
                )
                # The platform's defaults fill empty channel texts (add_account); keep those.
                texts = {f: values[f] for f in TEXT_FIELDS if values[f]}
                return register.update(key, **texts) if texts else register.entry(key)
            return register.update(key, **values)

        self.save_button.setEnabled(False)
        self._tasks.run(store, on_done=self._stored, on_error=self._failed, write=True)

    def _stored(self, entry: RegisterEntry) -> None:
        self.entry = entry
        self.saved.emit(entry)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(user_message(exc))


def account_list_with_buttons(dialog: Any) -> QWidget:
    """The Konton dialog's account list with Nytt konto… and Redigera… under it."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QPushButton

    translate = QCoreApplication.translate

    box = QWidget(dialog)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(dialog.account_list, 1)
    row = QHBoxLayout()
    dialog.new_account_button = QPushButton(translate("AccountsDialog", "Nytt konto…"), box)
    dialog.edit_account_button = QPushButton(translate("AccountsDialog", "Redigera…"), box)
    row.addWidget(dialog.new_account_button)
    row.addWidget(dialog.edit_account_button)
    layout.addLayout(row)

    def open_form(entry: RegisterEntry | None) -> None:
        register = dialog._register
        form = AccountFormDialog(AccountService(register.sessions), register, dialog.tasks, entry, dialog)
        dialog.account_form = form

        def saved(saved_entry: RegisterEntry) -> None:
            dialog._current = saved_entry.key
            dialog.status.setText(translate("AccountsDialog", "Kontot %s är sparat.") % saved_entry.name)
            dialog.changed.emit()
            dialog.reload()

        form.saved.connect(saved)
        form.open()

    dialog.new_account_button.clicked.connect(lambda: open_form(None))
    dialog.edit_account_button.clicked.connect(
        lambda: open_form(dialog._entries.get(dialog._current)) if dialog._current else None
    )
    return box
