"""Inställningar → Konton → "Logga in hos plattformen" with clicks: the system browser is asked
to open the platform's page (this test plays the browser through Qt's URL handler), the wait
runs on a network worker and can be cancelled, the token health follows, no token is ever
visible; and the "Plattformar" tab shows what each platform allows, from the connectors."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from app.services.accounts.connections import CredentialService, keyring_registry
from app.services.accounts.credentials import CredentialStore
from app.services.accounts.register import AccountRegister
from app.ui.settings import sign_in_panel
from app.ui.settings.accounts_dialog import AccountsDialog
from tests.helpers.platforms import quick_options
from tests.helpers.platforms.oauth import play_browser
from tests.helpers.sign_in import signing_in
from tests.ui.test_accounts_dialog import visible_texts

pytestmark = pytest.mark.keyring


class Browser(QObject):
    """Stands in for the system browser: QDesktopServices hands it every http URL."""

    def __init__(self, answer: bool = True) -> None:
        super().__init__()
        self.answer = answer
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())
        if self.answer:
            threading.Thread(target=play_browser, args=(url.toString(),), daemon=True).start()


@pytest.fixture
def browser():
    b = Browser()
    QDesktopServices.setUrlHandler("http", b, "open")
    yield b
    QDesktopServices.unsetUrlHandler("http")


def signed_in(panel):
    def check() -> None:
        assert "Inloggad hos plattformen" in panel.sign_in_label.text(), panel.sign_in_label.text()

    return check


def open_dialog(qtbot, sessions):
    store = CredentialStore()
    dialog = AccountsDialog(
        AccountRegister(sessions),
        CredentialService(sessions, store, keyring_registry(store, quick_options())),
    )
    panel = sign_in_panel.install(dialog, sessions)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)  # Inloggning
    qtbot.waitUntil(lambda: dialog.account_list.count() > 0 and dialog.tasks.is_idle())
    return dialog, panel


def test_sign_in_from_the_window_stores_the_token_and_shows_its_health(
    qtbot, sqlite_db, secret_service, browser
):
    with signing_in("x", access_lifetime=7200) as s:
        s.add_account(sqlite_db.sessions, "x")
        dialog, panel = open_dialog(qtbot, sqlite_db.sessions)
        qtbot.waitUntil(lambda: "ingen inloggning" in panel.health_label.text())
        assert panel.login_button.isEnabled()
        qtbot.mouseClick(panel.login_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(signed_in(panel), timeout=20_000)
        qtbot.waitUntil(lambda: "inloggning hos plattformen" in panel.health_label.text(), timeout=10_000)
        assert browser.opened and browser.opened[0].startswith(s.auth_url)
        assert "Förnyas automatiskt: ja" in panel.health_label.text()
        assert "tweet.moderate.write" in panel.health_label.text()
        assert s.oauth.grants == ["authorization_code"]
        shown = visible_texts(dialog)
        for token in [*s.oauth.issued, *s.oauth.refresh_tokens]:
            assert token not in shown
        dialog.close()


def test_a_sign_in_nobody_finishes_can_be_cancelled_and_the_next_one_works(
    qtbot, sqlite_db, secret_service, browser
):

    browser.answer = False
    with signing_in("youtube") as s:
        s.add_account(sqlite_db.sessions, "yt")
        dialog, panel = open_dialog(qtbot, sqlite_db.sessions)
        qtbot.waitUntil(lambda: panel.login_button.isEnabled())
        qtbot.mouseClick(panel.login_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.cancel_button.isVisible())
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "avbröts" in panel.sign_in_label.text(), timeout=10_000)
        assert s.oauth.grants == [] and panel.login_button.isEnabled()

        browser.answer = True
        qtbot.mouseClick(panel.login_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(signed_in(panel), timeout=20_000)
        qtbot.waitUntil(lambda: dialog.tasks.is_idle())
        dialog.close()


def test_the_platforms_tab_says_what_each_platform_allows(qtbot, sqlite_db):
    from app.services.accounts.accounts import AccountService

    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "Vadstena kommun")
    store = CredentialStore()
    dialog = AccountsDialog(AccountRegister(sqlite_db.sessions), CredentialService(sqlite_db.sessions, store))
    sign_in_panel.install(dialog, sqlite_db.sessions)
    qtbot.addWidget(dialog)
    table = dialog.capability_table
    qtbot.waitUntil(lambda: table.rowCount() == 5 and dialog.tasks.is_idle())
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 6)] for r in range(5)}
    assert rows["YouTube"][:3] == ["ja", "nej", "ja"] and "kan inte radera" in rows["YouTube"][4]
    assert rows["X"][:3] == ["ja", "nej", "ja"] and "Bara dölja" in rows["X"][4]
    assert rows["LinkedIn"][:3] == ["nej", "ja", "ja"]
    assert rows["Facebook"][:3] == ["ja", "ja", "ja"] and rows["Facebook"][3] == "Facebook Login (egen app)"
    dialog.close()


def test_meta_from_the_window_client_id_and_app_secret_then_sign_in(
    qtbot, sqlite_db, secret_service, browser
):
    from app.services.accounts.accounts import AccountService, SignInSettings
    from tests.helpers.platforms.oauth import APP_SECRET

    with signing_in("facebook") as s:
        key = s.api.add_account(sqlite_db.sessions, "fb")
        endpoints = SignInSettings(auth_url=s.auth_url, token_url=s.token_url)  # the fake's, not Meta's
        AccountService(sqlite_db.sessions).set_sign_in(key, endpoints)
        s.oauth.add_page(s.api.external_id, "Vadstena kommun")
        dialog, panel = open_dialog(qtbot, sqlite_db.sessions)
        qtbot.waitUntil(lambda: "ingen inloggning" in panel.health_label.text())
        qtbot.keyClicks(panel.client_id_edit, s.oauth.client_id)
        qtbot.keyClicks(panel.client_secret_edit, APP_SECRET)
        qtbot.mouseClick(panel.save_client_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Klientuppgifterna är sparade" in panel.sign_in_label.text(), timeout=10_000)
        assert panel.client_secret_edit.text() == ""
        assert AccountService(sqlite_db.sessions).get("fb").oauth_client_id == s.oauth.client_id
        qtbot.waitUntil(lambda: dialog.tasks.is_idle())
        qtbot.mouseClick(panel.login_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(signed_in(panel), timeout=20_000)
        assert "sidan Vadstena kommun" in panel.sign_in_label.text()
        assert s.oauth.grants == ["authorization_code", "fb_exchange_token"]
        assert APP_SECRET not in visible_texts(dialog)
        qtbot.waitUntil(lambda: dialog.tasks.is_idle())
        dialog.close()
