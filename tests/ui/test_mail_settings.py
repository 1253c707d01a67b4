from __future__ import annotations

import uuid

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from app.services.accounts.credentials import CredentialStore
from app.services.mail import PASSWORD_REF, MailSettings, MailSettingsService
from app.ui.settings.mail_settings import MailSettingsDialog
from app.ui.tasks import TaskManager
from tests.helpers.mailbox import Mailbox


@pytest.fixture
def store():
    store = CredentialStore(f"se.vadstena.Granska.test-{uuid.uuid4()}")
    yield store
    if store.available():
        store.delete(PASSWORD_REF)


@pytest.fixture
def open_dialog(qtbot, sqlite_db, store):
    hosts: list[QWidget] = []  # each dialog's parent window, alive until the test ends

    def make() -> MailSettingsDialog:
        host = QWidget()
        qtbot.addWidget(host)
        hosts.append(host)
        dialog = MailSettingsDialog(MailSettingsService(sqlite_db.sessions, store), TaskManager(host), host)
        dialog.show()
        qtbot.waitUntil(dialog.save_button.isEnabled)
        return dialog

    return make


@pytest.mark.keyring
def test_saving_puts_the_settings_in_the_database_and_the_password_in_the_keyring(
    qtbot, sqlite_db, store, open_dialog
):
    service = MailSettingsService(sqlite_db.sessions, store)
    service.save(MailSettings(head_of_communications="chef@vadstena.se"))
    dialog = open_dialog()
    assert dialog.head.text() == "chef@vadstena.se" and dialog.password.text() == ""
    dialog.host.setText("smtp.vadstena.se")
    dialog.security.setCurrentIndex(dialog.security.findData("ssl"))
    dialog.security.activated.emit(dialog.security.currentIndex())
    assert dialog.port.value() == 465  # the usual port follows the choice
    dialog.username.setText("granska")
    dialog.password.setText("Vårt-lösen-42")
    dialog.sender.setText("granska@vadstena.se")
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    settings = MailSettingsService(sqlite_db.sessions, store).load()
    assert settings == saved.args[0]
    assert (settings.host, settings.port, settings.security, settings.username) == (
        "smtp.vadstena.se",
        465,
        "ssl",
        "granska",
    )
    assert store.get(PASSWORD_REF) == "Vårt-lösen-42"
    with sqlite_db.engine.connect() as con:
        assert "Vårt-lösen" not in str(con.execute(text("SELECT value FROM settings")).all())
    again = open_dialog()
    assert again.password.text() == "" and "nyckelringen" in again.password.placeholderText()


def test_bad_input_is_shown_and_nothing_is_saved(qtbot, sqlite_db, store, open_dialog):
    dialog = open_dialog()
    dialog.host.setText("smtp.vadstena.se")
    dialog.sender.setText("ingen adress")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "Avsändaradressen" in dialog.result.text())
    assert dialog.isVisible() and MailSettingsService(sqlite_db.sessions, store).load() == MailSettings()


def test_test_connection_logs_in_with_the_typed_password_without_storing_it(
    qtbot, sqlite_db, store, open_dialog
):
    with Mailbox(users={"granska": "prov-lösen"}) as box:
        dialog = open_dialog()
        dialog.host.setText("127.0.0.1")
        dialog.port.setValue(box.port)
        dialog.security.setCurrentIndex(dialog.security.findData("none"))
        dialog.username.setText("granska")
        dialog.password.setText("prov-lösen")
        dialog.sender.setText("granska@vadstena.se")
        with qtbot.waitSignal(dialog.checked) as checked:
            dialog.test_button.click()
        assert "fungerar" in checked.args[0] and box.logins == ["granska"]
        dialog.password.setText("fel")
        with qtbot.waitSignal(dialog.checked) as checked:
            dialog.test_button.click()
        assert "godtog inte" in checked.args[0]
    assert MailSettingsService(sqlite_db.sessions, store).load() == MailSettings()


def test_without_a_keyring_the_password_field_says_why(qtbot, open_dialog, monkeypatch):
    monkeypatch.setattr(keyring, "get_keyring", lambda: keyring.backends.fail.Keyring())
    dialog = open_dialog()
    assert not dialog.password.isEnabled()
    assert "Ingen nyckelring" in dialog.keyring_state.text()
