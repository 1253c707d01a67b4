"""Inställningar → Konton: the account register (purpose, content, tone, monitoring, response
time, presentation, contact, administrators — with the two-person warning) and each account's
token: set, test ("Testa anslutning"), rotate, remove. The token is typed into a masked field,
handed to the keyring and cleared; it is never shown, logged or stored in the database.

Every call to a service runs through the window's background-task helper (app/ui/tasks.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts.connections import ConnectionCheck, CredentialService, CredentialStatus
from app.services.accounts.register import AccountRegister, RegisterEntry
from app.ui.core_text import error_text, window_text
from app.ui.settings.account_form import account_list_with_buttons, channel_text_rows
from app.ui.tasks import TaskManager, tasks_for
from app.ui.text_views import plain_label

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class AccountsDialog(QDialog):
    """`AccountsDialog(register, credentials, tasks, parent)`; `changed` fires after a save."""

    changed = Signal()

    def __init__(
        self,
        register: AccountRegister,
        credentials: CredentialService,
        tasks: TaskManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Konton"))
        self.setObjectName("AccountsDialog")
        self.resize(980, 640)
        self._register = register
        self._credentials = credentials
        self._own_tasks = tasks is None
        self.tasks = tasks_for(self, tasks)
        self._entries: dict[str, RegisterEntry] = {}
        self._current: str | None = None

        self.account_list = QListWidget(self)
        self.account_list.setAccessibleName(self.tr("Konton"))
        self.account_list.currentItemChanged.connect(self._account_chosen)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_register_tab(), self.tr("Kontoregister"))
        self.tabs.addTab(self._build_admin_tab(), self.tr("Administratörer"))
        self.tabs.addTab(self._build_token_tab(), self.tr("Inloggning"))
        self.status = plain_label("", self)
        self.status.setObjectName("status")

        splitter = QSplitter(self)
        splitter.addWidget(account_list_with_buttons(self))  # Nytt konto…, Redigera…
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Stäng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.reload()

    # -- building ------------------------------------------------------------------------------
    def _build_register_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.name_edit = QLineEdit(page)
        self.url_edit = QLineEdit(page)
        self.active_box = QCheckBox(self.tr("Kontot används"), page)
        form.addRow(self.tr("Namn"), self.name_edit)
        form.addRow(self.tr("Sidans adress"), self.url_edit)
        form.addRow("", self.active_box)
        self.text_edits = channel_text_rows(form, page)
        self.save_button = QPushButton(self.tr("Spara kontoregistret"), page)
        self.save_button.clicked.connect(self.save_register)
        form.addRow("", self.save_button)
        return page

    def _build_admin_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.admin_warning = plain_label("", page)
        self.admin_warning.setObjectName("adminWarning")
        self.admin_warning.setStyleSheet("color: #8a4b00;")
        self.admin_table = QTableWidget(0, 4, page)
        self.admin_table.setHorizontalHeaderLabels(
            [self.tr("Namn"), self.tr("Användarnamn"), self.tr("E-post"), self.tr("Telefon")]
        )
        self.admin_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.admin_table.verticalHeader().setVisible(False)
        self.admin_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.admin_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.admin_picker = QComboBox(page)
        self.admin_picker.setAccessibleName(self.tr("Administratör att lägga till"))
        add = QPushButton(self.tr("Lägg till"), page)
        add.clicked.connect(self.assign_selected)
        remove = QPushButton(self.tr("Ta bort markerad"), page)
        remove.clicked.connect(self.unassign_selected)
        row = QHBoxLayout()
        row.addWidget(self.admin_picker, 1)
        row.addWidget(add)
        row.addWidget(remove)
        new = QFormLayout()
        self.new_username = QLineEdit(page)
        self.new_name = QLineEdit(page)
        self.new_email = QLineEdit(page)
        self.new_phone = QLineEdit(page)
        new.addRow(self.tr("Användarnamn (inloggning)"), self.new_username)
        new.addRow(self.tr("Namn"), self.new_name)
        new.addRow(self.tr("E-post"), self.new_email)
        new.addRow(self.tr("Telefon"), self.new_phone)
        create = QPushButton(self.tr("Ny administratör för kontot"), page)
        create.clicked.connect(self.create_administrator)
        new.addRow("", create)
        layout.addWidget(self.admin_warning)
        layout.addWidget(self.admin_table, 1)
        layout.addLayout(row)
        layout.addWidget(
            plain_label(
                self.tr("Ny administratör (kontaktuppgifterna lämnas till kommunikationschefen):"), page
            )
        )
        layout.addLayout(new)
        return page

    def _build_token_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.credential_label = plain_label("", page)
        self.credential_label.setObjectName("credentialStatus")
        self.sync_label = plain_label("", page)
        self.sync_label.setObjectName("syncStatus")
        self.token_edit = QLineEdit(page)
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("Klistra in token från plattformen"))
        self.token_edit.setAccessibleName(self.tr("Ny token (visas inte)"))
        self.token_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        buttons = QHBoxLayout()
        self.set_button = QPushButton(self.tr("Spara token"), page)
        self.set_button.clicked.connect(self.save_token)
        self.test_button = QPushButton(self.tr("Testa anslutning"), page)
        self.test_button.clicked.connect(self.test_connection)
        self.rotate_button = QPushButton(self.tr("Byt token"), page)
        self.rotate_button.clicked.connect(self.rotate_token)
        self.remove_button = QPushButton(self.tr("Ta bort token"), page)
        self.remove_button.clicked.connect(self.remove_token)
        for b in (self.set_button, self.test_button, self.rotate_button, self.remove_button):
            buttons.addWidget(b)
        self.check_label = plain_label("", page)
        self.check_label.setObjectName("checkResult")
        layout.addWidget(self.credential_label)
        layout.addWidget(self.sync_label)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Token sparas i operativsystemets nyckelring, aldrig i databasen. Byt token testar den "
                    "nya och behåller den gamla om plattformen inte godtar den nya."
                ),
                page,
            )
        )
        layout.addWidget(self.token_edit)
        layout.addLayout(buttons)
        layout.addWidget(self.check_label)
        layout.addStretch(1)
        return page

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self._run(lambda: (self._register.entries(), self._register.administrators()), self._loaded)

    def _loaded(self, data: Any) -> None:
        entries, admins = data
        self._entries = {e.key: e for e in entries}
        current = self._current
        self.account_list.blockSignals(True)
        self.account_list.clear()
        for e in entries:
            mark = "⚠ " if e.too_few_administrators else ""
            item = QListWidgetItem(f"{mark}{e.name} – {e.platform_label}")
            item.setData(Qt.ItemDataRole.UserRole, e.key)
            if e.administrator_warning:
                item.setToolTip(window_text(e.administrator_warning))
            self.account_list.addItem(item)
            if e.key == current:
                self.account_list.setCurrentItem(item)
        self.account_list.blockSignals(False)
        self.admin_picker.clear()
        for a in admins:
            self.admin_picker.addItem(f"{a.name} ({a.username})", a.username)
        if self.account_list.currentItem() is None and self.account_list.count():
            self.account_list.setCurrentRow(0)
        elif current in self._entries:
            self._show(self._entries[current])

    def _account_chosen(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is None:
            return
        self._current = item.data(Qt.ItemDataRole.UserRole)
        self.token_edit.clear()
        self.check_label.clear()
        self._show(self._entries[self._current])

    def _show(self, e: RegisterEntry) -> None:
        self.name_edit.setText(e.name)
        self.url_edit.setText(e.page_url or "")
        self.active_box.setChecked(e.active)
        for field, edit in self.text_edits.items():
            edit.setPlainText(getattr(e, field))
        self.admin_warning.setText(
            f"⚠ {window_text(e.administrator_warning)}" if e.administrator_warning else ""
        )
        self.admin_warning.setVisible(bool(e.administrator_warning))
        self.admin_table.setRowCount(len(e.administrators))
        for row, a in enumerate(e.administrators):
            for col, value in enumerate((a.name, a.username, a.email, a.phone)):
                self.admin_table.setItem(row, col, QTableWidgetItem(value))
        synced = (
            e.last_sync_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
            if e.last_sync_at
            else self.tr("aldrig")
        )
        text = self.tr("Senast hämtat: %s") % synced
        if e.last_sync_error:
            text += "\n" + self.tr("Senaste fel: %s") % window_text(e.last_sync_error)
        self.sync_label.setText(text)
        key = e.key
        self.credential_label.setText(self.tr("Kontrollerar nyckelringen…"))
        self._run(lambda: self._credentials.status(key), self._status_arrived, network=True)

    def _status_arrived(self, status: CredentialStatus) -> None:
        if status.account != self._current:
            return
        self.credential_label.setText(self.tr("Token: %s") % window_text(status.message))
        keyring_ok = status.saved is not None  # None: no keyring, or no platform to log in to
        self.token_edit.setEnabled(keyring_ok)
        self.set_button.setEnabled(keyring_ok and not status.saved)
        for button in (self.test_button, self.rotate_button, self.remove_button):
            button.setEnabled(bool(status.saved))

    # -- register ------------------------------------------------------------------------------
    def save_register(self) -> None:
        key = self._current
        if key is None:
            return
        changes = {
            "name": self.name_edit.text(),
            "page_url": self.url_edit.text().strip() or None,
            "active": self.active_box.isChecked(),
            **{f: e.toPlainText() for f, e in self.text_edits.items()},
        }
        self._run(lambda: self._register.update(key, **changes), self._saved, write=True)

    def _saved(self, entry: RegisterEntry) -> None:
        self.status.setText(self.tr("Kontoregistret för %s är sparat.") % entry.name)
        self.changed.emit()
        self.reload()

    def assign_selected(self) -> None:
        key, username = self._current, self.admin_picker.currentData()
        if key and username:
            self._run(lambda: self._register.assign(key, username), self._saved, write=True)

    def unassign_selected(self) -> None:
        key, row = self._current, self.admin_table.currentRow()
        if key is None or row < 0:
            return
        username = self.admin_table.item(row, 1).text()
        self._run(lambda: self._register.unassign(key, username), self._saved, write=True)

    def create_administrator(self) -> None:
        key = self._current
        username, name = self.new_username.text().strip(), self.new_name.text().strip()
        email, phone = self.new_email.text().strip(), self.new_phone.text().strip()

        def create() -> RegisterEntry:
            self._register.add_administrator(username, name, email=email, phone=phone)
            return self._register.assign(key, username) if key else self._register.entries()[0]

        def done(entry: RegisterEntry) -> None:
            for edit in (self.new_username, self.new_name, self.new_email, self.new_phone):
                edit.clear()
            self._saved(entry)

        self._run(create, done, write=True)

    # -- token ---------------------------------------------------------------------------------
    def _take_token(self) -> str | None:
        secret = self.token_edit.text()
        self.token_edit.clear()  # the secret leaves the widget at once
        if not secret.strip():
            self.check_label.setText(self.tr("Klistra in en token först."))
            return None
        return secret

    def save_token(self) -> None:
        key, secret = self._current, self._take_token()
        if key and secret:
            self._run(lambda: self._credentials.set_token(key, secret), self._token_saved, network=True)

    def _token_saved(self, status: CredentialStatus) -> None:
        self._status_arrived(status)
        self.check_label.setText(self.tr("Token är sparad i nyckelringen. Testa anslutningen."))

    def rotate_token(self) -> None:
        key, secret = self._current, self._take_token()
        if key and secret:
            self.check_label.setText(self.tr("Byter och testar…"))
            self._run(lambda: self._credentials.rotate(key, secret), self._checked, network=True)

    def test_connection(self) -> None:
        key = self._current
        if key:
            self.check_label.setText(self.tr("Testar anslutningen…"))
            self._run(lambda: self._credentials.check(key), self._checked, network=True)

    def _checked(self, check: ConnectionCheck) -> None:
        prefix = self.tr("Anslutningen fungerar: ") if check.ok else self.tr("Anslutningen fungerar inte: ")
        self.check_label.setText(prefix + window_text(check.message))
        if check.account in self._entries:
            self._show(self._entries[check.account])

    def remove_token(self) -> None:
        key = self._current
        if key is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Ta bort token"),
            self.tr("Ta bort token för %s ur nyckelringen? Granska kan då inte hämta eller ta bort "
                    "kommentarer för kontot förrän en ny token sparas.") % self._entries[key].name,
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: self._credentials.remove_token(key), self._token_removed, network=True)

    def _token_removed(self, status: CredentialStatus) -> None:
        self._status_arrived(status)
        self.check_label.setText(self.tr("Token är borttagen ur nyckelringen."))

    # -- plumbing ------------------------------------------------------------------------------
    def _run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        *,
        write: bool = False,
        network: bool = False,
    ) -> None:
        """`network`: the keyring and the platforms (the service's own writes go to the writer)."""
        self.tasks.run(fn, on_done=on_done, on_error=self._failed, write=write, network=network)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))
        self.check_label.setText(error_text(exc))

    def done(self, result: int) -> None:
        if self._own_tasks:
            self.tasks.shutdown()
        super().done(result)
