"""Inställningar → Konton, the sign-in part: "Logga in hos plattformen" (the platform's page in
the system browser, the loopback wait on a network worker that the administrator can cancel),
each account's token health (kind, expiry, last successful call, scopes against what Granska
needs, the 14-day and Google "Testing" warnings), and a tab with what each platform lets
Granska do, read from the connectors' own declarations. No token is ever shown.

`install(dialog, sessions, write)` adds it to an AccountsDialog; the dialog itself is unchanged."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.core_text import window_text
from app.ui.failures import user_message
from app.ui.tasks import Task, TaskContext, TaskManager
from app.ui.text_views import plain_label
from app.ui.translations import current_language

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _when(value: Any) -> str:
    return value.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M") if value else ""


class SignInPanel(QWidget):
    """Shows the chosen account's token health and signs it in at its platform."""

    def __init__(
        self, sessions: Any, tasks: TaskManager, write: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SignInPanel")
        self._sessions = sessions
        self._write = write
        self.tasks = tasks
        self._key: str | None = None
        self._waiting: Task[Any] | None = None
        self.health_label = plain_label("", self)
        self.health_label.setObjectName("tokenHealth")
        self.warning_label = plain_label("", self)
        self.warning_label.setObjectName("tokenWarning")
        self.warning_label.setStyleSheet("color: #8a4b00;")
        self.login_button = QPushButton(self.tr("Logga in hos plattformen"), self)
        self.login_button.setToolTip(
            self.tr(
                "Öppnar plattformens inloggningssida i webbläsaren; Granska tar emot svaret "
                "på den här datorn."
            )
        )
        self.login_button.clicked.connect(self.sign_in)
        self.cancel_button = QPushButton(self.tr("Avbryt inloggningen"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.sign_in_label = plain_label("", self)
        self.sign_in_label.setObjectName("signInResult")
        # The municipality's own client at the platform (README: what it registers once).
        self.client_id_edit = QLineEdit(self)
        self.client_id_edit.setAccessibleName(self.tr("Klient-id hos plattformen"))
        self.client_secret_edit = QLineEdit(self)
        self.client_secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.client_secret_edit.setPlaceholderText(self.tr("Krävs av Meta (App Secret); visas inte"))
        self.client_secret_edit.setAccessibleName(self.tr("Klienthemlighet (visas inte)"))
        self.save_client_button = QPushButton(self.tr("Spara klientuppgifter"), self)
        self.save_client_button.clicked.connect(self.save_client)
        client = QFormLayout()
        client.addRow(self.tr("Klient-id"), self.client_id_edit)
        client.addRow(self.tr("Klienthemlighet"), self.client_secret_edit)
        client.addRow("", self.save_client_button)
        row = QHBoxLayout()
        row.addWidget(self.login_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.health_label)
        layout.addWidget(self.warning_label)
        layout.addLayout(client)
        layout.addLayout(row)
        layout.addWidget(self.sign_in_label)

    # -- the services (imported on first use: the window starts without the network layer) ---
    def _health_service(self) -> Any:
        from app.services.accounts.token_health import TokenHealthService

        return TokenHealthService(self._sessions)

    def _sign_in_service(self) -> Any:
        from app.services.accounts.sign_in import SignInService

        kw = {"write": self._write} if self._write is not None else {}
        return SignInService(self._sessions, **kw)

    # -- health ---------------------------------------------------------------------------------
    def show_account(self, key: str | None) -> None:
        if key != self._key:
            self.sign_in_label.clear()
        self._key = key
        self.health_label.setText(self.tr("Kontrollerar inloggningen…") if key else "")
        self.warning_label.clear()
        if key:
            self.tasks.run(
                lambda: self._health_service().health(key), on_done=self._health_arrived,
                on_error=self._failed, network=True, key="token-health",
            )  # fmt: skip
            self.tasks.run(lambda: self._client_id(key), on_done=self._client_arrived, key="client-id")

    def _client_id(self, key: str) -> tuple[str, str]:
        from app.services.accounts.accounts import AccountService

        return key, AccountService(self._sessions).get(key).oauth_client_id or ""

    def _client_arrived(self, found: tuple[str, str]) -> None:
        if found[0] == self._key:
            self.client_id_edit.setText(found[1])

    def save_client(self) -> None:
        key, client_id = self._key, self.client_id_edit.text().strip()
        secret = self.client_secret_edit.text()
        self.client_secret_edit.clear()  # the secret leaves the widget at once
        if key is None:
            return
        from app.services.accounts.accounts import AccountService, SignInSettings

        def saved(_info: Any) -> None:
            if secret.strip():
                self.tasks.run(
                    lambda: self._credentials().set_client_secret(key, secret),
                    on_done=lambda _s: self._client_saved(), on_error=self._sign_in_failed, network=True,
                )  # fmt: skip
            else:
                self._client_saved()

        self.tasks.run(
            lambda: AccountService(self._sessions).set_sign_in(key, SignInSettings(client_id=client_id)),
            on_done=saved, on_error=self._sign_in_failed, write=True,
        )  # fmt: skip

    def _credentials(self) -> Any:
        from app.services.accounts.connections import CredentialService

        kw = {"write": self._write} if self._write is not None else {}
        return CredentialService(self._sessions, **kw)

    def _client_saved(self) -> None:
        self.sign_in_label.setText(self.tr("Klientuppgifterna är sparade."))
        self.show_account(self._key)

    def _health_arrived(self, found: list[Any]) -> None:
        if not found or found[0].key != self._key:
            self.health_label.setText(self.tr("Kontot hämtas inte från någon plattform."))
            self.login_button.setEnabled(False)
            return
        h = found[0]
        from app.services.accounts.tokens import oauth_spec

        kinds = {
            "none": self.tr("ingen inloggning"),
            "pasted": self.tr("inklistrad token"),
            "oauth": self.tr("inloggning hos plattformen"),
        }
        lines = [self.tr("Åtkomst: %s") % kinds.get(h.kind, h.kind)]
        if h.kind != "none":
            ends = _when(h.expires_at) or self.tr("okänt (eller aldrig)")
            lines.append(self.tr("Giltig till: %s") % ends)
            lines.append(
                self.tr("Förnyas automatiskt: %s") % (self.tr("ja") if h.refreshable else self.tr("nej"))
            )
        lines.append(self.tr("Senaste lyckade anrop: %s") % (_when(h.last_ok_at) or self.tr("inget ännu")))
        if h.scopes:
            lines.append(self.tr("Behörigheter: %s") % " ".join(h.scopes))
        self.health_label.setText("\n".join(lines))
        self.warning_label.setText(f"⚠ {window_text(h.warning)}" if h.warning else "")
        self.warning_label.setVisible(bool(h.warning))
        possible = oauth_spec(h.platform) is not None
        self.login_button.setEnabled(possible and self._waiting is None)
        if not possible:
            self.login_button.setToolTip(
                self.tr("Plattformen har ingen inloggning från skrivbordet; spara en token.")
            )

    # -- signing in -----------------------------------------------------------------------------
    def sign_in(self) -> None:
        key = self._key
        if key is None or self._waiting is not None:
            return
        self.login_button.setEnabled(False)
        self.sign_in_label.setText(self.tr("Förbereder inloggningen…"))
        service = self._sign_in_service()
        self.tasks.run(
            lambda: service.begin(key), on_done=lambda pending: self._begun(service, pending),
            on_error=self._sign_in_failed, network=True,
        )  # fmt: skip

    def _begun(self, service: Any, pending: Any) -> None:
        QDesktopServices.openUrl(QUrl(pending.url))
        self.sign_in_label.setText(
            self.tr("Logga in i webbläsaren som öppnades och godkänn Granska; fönstret väntar på svaret.")
        )
        self.cancel_button.setVisible(True)

        def wait(context: TaskContext) -> Any:
            return service.finish(pending, cancelled=lambda: context.cancelled)

        self._waiting = self.tasks.run(
            wait, on_done=self._signed_in, on_error=self._sign_in_failed, on_cancelled=self._cancelled,
            network=True, with_context=True, label=self.tr("Väntar på inloggningen i webbläsaren…"),
        )  # fmt: skip

    def cancel(self) -> None:
        if self._waiting is not None:
            self._waiting.cancel()

    def _cancelled(self) -> None:
        self._done_waiting()
        self.sign_in_label.setText(self.tr("Inloggningen avbröts; inget sparades."))

    def _signed_in(self, done: Any) -> None:
        self._done_waiting()
        page = self.tr(" (sidan %s)") % done.page if done.page else ""
        self.sign_in_label.setText(self.tr("Inloggad hos plattformen%s; token är sparad.") % page)
        self.show_account(self._key)

    def _sign_in_failed(self, exc: BaseException) -> None:
        self._done_waiting()
        self.sign_in_label.setText(user_message(exc))

    def _done_waiting(self) -> None:
        self._waiting = None
        self.cancel_button.setVisible(False)
        self.login_button.setEnabled(self._key is not None)

    def _failed(self, exc: BaseException) -> None:
        self.health_label.setText(user_message(exc))


class CapabilityTable(QTableWidget):
    """What each platform lets Granska do, from the connectors' declarations."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("CapabilityTable")
        self.setHorizontalHeaderLabels(
            [
                self.tr("Plattform"),
                self.tr("Dölja"),
                self.tr("Radera"),
                self.tr("Svara"),
                self.tr("Inloggning"),
                self.tr("Vad plattformen tillåter"),
            ]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

    def fill(self, rows: list[dict[str, Any]]) -> None:
        english = current_language() == "en"
        yes, no = self.tr("ja"), self.tr("nej")
        flows = {
            "pkce": self.tr("i webbläsaren (PKCE)"),
            "facebook": self.tr("Facebook Login (egen app)"),
            None: self.tr("inklistrad token"),
        }
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            hide = yes if row["hide"] else no
            values = [
                row["label_en"] if english else row["label"], hide, yes if row["delete"] else no,
                yes if row["reply"] else no, flows.get(row["sign_in"], ""),
                row["note_en"] if english else row["note"],
            ]  # fmt: skip
            for c, value in enumerate(values):
                self.setItem(r, c, QTableWidgetItem(value))
        self.resizeRowsToContents()


def install(dialog: Any, sessions: Any, write: Any = None) -> SignInPanel:
    """Into an AccountsDialog: the panel above the token field in "Inloggning", and the
    "Plattformar" tab with the capability table."""
    token_tab = dialog.tabs.widget(2)
    panel = SignInPanel(sessions, dialog.tasks, write, token_tab)
    token_tab.layout().insertWidget(2, panel)
    table = CapabilityTable(dialog)
    dialog.tabs.addTab(table, QCoreApplication.translate("SignInPanel", "Plattformar"))

    def chosen(item: Any, _previous: Any = None) -> None:
        from PySide6.QtCore import Qt

        panel.show_account(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)

    dialog.account_list.currentItemChanged.connect(chosen)
    if dialog.account_list.currentItem() is not None:
        chosen(dialog.account_list.currentItem())

    def capabilities() -> list[dict[str, Any]]:
        from app.services.accounts.token_health import capability_table

        return capability_table()

    dialog.tasks.run(capabilities, on_done=table.fill)
    dialog.sign_in_panel = panel
    dialog.capability_table = table
    return panel
