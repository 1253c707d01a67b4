"""E-postinställningar: the SMTP server, TLS, the login, the sender and the head of
communications' address. The password goes into the OS keyring and is never shown again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts.credentials import KeyringUnavailable
from app.services.mail import MailSettings, MailSettingsService
from app.ui.failures import user_message
from app.ui.fit import grow_to_fit
from app.ui.tasks import TaskManager

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class MailSettingsDialog(QDialog):
    saved = Signal(object)  # MailSettings
    checked = Signal(str)  # the result of "Testa anslutningen", as shown

    def __init__(
        self, service: MailSettingsService, tasks: TaskManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("E-postinställningar"))
        self._service, self._tasks = service, tasks
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("t.ex. smtp.kommun.se (tomt = ingen server)"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        for code, label in (
            ("starttls", self.tr("STARTTLS (port 587)")),
            ("ssl", self.tr("SSL/TLS (port 465)")),
            ("none", self.tr("Ingen kryptering")),
        ):
            self.security.addItem(label, code)
        self.security.activated.connect(self._security_changed)
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("tomt = ingen inloggning"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Lösenord"))
        self.sender = QLineEdit()
        self.head = QLineEdit()
        self.head.setAccessibleName(self.tr("Kommunikationschefens adress"))
        self.keyring_state = QLabel()
        self.keyring_state.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_state.setWordWrap(True)
        self.result = QLabel()
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Kryptering:"), self.security)
        form.addRow(self.tr("Användarnamn:"), self.username)
        form.addRow(self.tr("Lösenord:"), self.password)
        form.addRow("", self.keyring_state)
        form.addRow(self.tr("Avsändare:"), self.sender)
        form.addRow(self.tr("Kommunikationschef:"), self.head)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Spara"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        self.test_button = QPushButton(self.tr("Testa anslutningen"))
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self.test_connection)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self._set_enabled(False)
        tasks.run(self._load, on_done=self._show, on_error=self._show_problem, network=True)  # the keyring

    def _load(self) -> tuple[MailSettings, bool | None]:
        settings = self._service.load()
        try:
            has_password: bool | None = self._service.has_password()
        except KeyringUnavailable:
            has_password = None
        return settings, has_password

    def _show(self, result: tuple[MailSettings, bool | None]) -> None:
        settings, has_password = result
        self.host.setText(settings.host)
        self.port.setValue(settings.port)
        self.security.setCurrentIndex(max(self.security.findData(settings.security), 0))
        self.username.setText(settings.username)
        self.sender.setText(settings.sender)
        self.head.setText(settings.head_of_communications)
        self._set_enabled(True)
        if has_password is None:
            self.password.setEnabled(False)
            self.keyring_state.setText(
                self.tr(
                    "Ingen nyckelring finns: lösenordet kan inte sparas. Installera och starta "
                    "gnome-keyring eller KWallet."
                )
            )
        elif has_password:
            self.password.setPlaceholderText(self.tr("sparat i nyckelringen – skriv ett nytt för att byta"))
            self.keyring_state.setText(self.tr("Lösenordet finns i nyckelringen, aldrig i databasen."))
        else:
            self.keyring_state.setText(self.tr("Lösenordet sparas i nyckelringen, aldrig i databasen."))
        grow_to_fit(self)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.save_button, self.test_button):
            widget.setEnabled(enabled)

    def _show_problem(self, exc: BaseException) -> None:
        self._set_enabled(True)
        self.result.setText(user_message(exc))

    def _security_changed(self) -> None:
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[self.security.currentData()])

    def settings(self) -> MailSettings:
        return MailSettings(
            host=self.host.text(),
            port=self.port.value(),
            security=self.security.currentData(),
            username=self.username.text(),
            sender=self.sender.text(),
            head_of_communications=self.head.text(),
        )

    def save(self) -> None:
        service, settings, password = self._service, self.settings(), self.password.text()

        write = self._tasks.in_writer

        def store() -> MailSettings:  # on a network worker: the password goes to the keyring
            clean = write(lambda: service.save(settings))
            if password:
                service.set_password(password)
            return clean

        self._set_enabled(False)
        self.result.clear()
        self._tasks.run(store, on_done=self._saved, on_error=self._show_problem, network=True)

    def _saved(self, settings: MailSettings) -> None:
        self.password.clear()
        self.saved.emit(settings)
        self.accept()

    def test_connection(self) -> None:
        """With what is typed now (a new password is used without being stored)."""
        service, settings, password = self._service, self.settings(), self.password.text()

        def check() -> str:
            clean = settings.validated()
            mailer = service.mailer(clean, password=password or None)
            mailer.check()
            return f"{clean.host}:{clean.port}"

        self._set_enabled(False)
        self.result.clear()
        self._tasks.run(check, on_done=self._checked, on_error=self._check_failed, network=True)

    def _checked(self, where: str) -> None:
        self._set_enabled(True)
        message = self.tr("Anslutningen till %1 fungerar.").replace("%1", where)
        self.result.setText(message)
        self.checked.emit(message)

    def _check_failed(self, exc: BaseException) -> None:
        self._show_problem(exc)
        self.checked.emit(self.result.text())
