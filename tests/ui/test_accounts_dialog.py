"""Inställningar → Konton driven by clicks and keys: register fields, the two-administrator
warning, and a token that is typed masked, saved to the real keyring, tested against a fake
platform — and never visible anywhere in the dialog."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPlainTextEdit, QTableWidget, QWidget
from sqlalchemy import select

from app.models import Account
from app.services.accounts.accounts import AccountService
from app.services.accounts.connections import CredentialService, keyring_registry
from app.services.accounts.credentials import CredentialStore
from app.services.accounts.register import AccountRegister
from app.ui.settings.accounts_dialog import AccountsDialog
from tests.helpers.platforms import quick_options, running


def visible_texts(root: QWidget) -> str:
    texts = [root.windowTitle()]
    for w in root.findChildren(QWidget):
        if isinstance(w, QLabel | QLineEdit):
            texts.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            texts.append(w.toPlainText())
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            texts += [
                w.item(r, c).text()
                for r in range(w.rowCount())
                for c in range(w.columnCount())
                if w.item(r, c)
            ]
    return "\n".join(texts)


def open_dialog(qtbot, sessions, options=None) -> AccountsDialog:
    store = CredentialStore()
    dialog = AccountsDialog(
        AccountRegister(sessions), CredentialService(sessions, store, keyring_registry(store, options))
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.account_list.count() > 0 and dialog.tasks.is_idle())
    return dialog


def test_register_fields_are_saved_and_the_two_administrator_warning_follows(qtbot, sqlite_db):
    accounts = AccountService(sqlite_db.sessions)
    accounts.add_account("fb", "facebook", "Vadstena <b>kommun</b>", page_url="https://facebook.com/v")
    accounts.add_administrator("anna", "Anna Berg", email="anna@vadstena.se")
    accounts.add_administrator("bo", "Bo Ek")
    accounts.assign("fb", "anna")
    dialog = open_dialog(qtbot, sqlite_db.sessions)
    warning = dialog.admin_warning
    assert warning.textFormat() == Qt.TextFormat.PlainText
    assert "bara en administratör" in warning.text() and "Vadstena <b>kommun</b>" in warning.text()
    assert dialog.account_list.item(0).text().startswith("⚠ ")

    monitoring = dialog.text_edits["monitoring"]
    monitoring.clear()
    qtbot.keyClicks(monitoring, "Vardagar 8-17, helger vid kris")  # QTest types ASCII only
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "är sparat" in dialog.status.text())
    assert AccountRegister(sqlite_db.sessions).entry("fb").monitoring == "Vardagar 8-17, helger vid kris"

    dialog.tabs.setCurrentIndex(1)
    dialog.admin_picker.setCurrentIndex(dialog.admin_picker.findData("bo"))
    dialog.assign_selected()
    qtbot.waitUntil(lambda: dialog.admin_table.rowCount() == 2)
    assert not dialog.admin_warning.isVisible()
    assert not dialog.account_list.item(0).text().startswith("⚠")


def test_a_new_administrator_can_be_added_with_contact_details(qtbot, sqlite_db):
    AccountService(sqlite_db.sessions).add_account("yt", "youtube", "Vadstena Play")
    dialog = open_dialog(qtbot, sqlite_db.sessions)
    dialog.tabs.setCurrentIndex(1)
    for edit, text in (
        (dialog.new_username, "cia"),
        (dialog.new_name, "Cia Holm"),
        (dialog.new_email, "cia.holm@vadstena.se"),
        (dialog.new_phone, "0143-150 00"),
    ):
        qtbot.keyClicks(edit, text)
    dialog.create_administrator()
    qtbot.waitUntil(lambda: dialog.admin_table.rowCount() == 1)
    assert dialog.admin_table.item(0, 2).text() == "cia.holm@vadstena.se"
    assert dialog.new_username.text() == ""


@pytest.mark.keyring
def test_the_token_is_masked_saved_tested_and_never_shown(qtbot, sqlite_db, secret_service, tmp_path):
    secret = f"EAAG{uuid.uuid4().hex}"
    with running("facebook", token=secret) as r:
        r.add_account(sqlite_db.sessions, "fb")
        dialog = open_dialog(qtbot, sqlite_db.sessions, quick_options())
        dialog.tabs.setCurrentIndex(2)
        qtbot.waitUntil(lambda: "Ingen token" in dialog.credential_label.text())
        assert dialog.token_edit.echoMode() == QLineEdit.EchoMode.Password
        assert not dialog.test_button.isEnabled()

        qtbot.keyClicks(dialog.token_edit, secret)
        dialog.grab().save(str(tmp_path / "typed.png"))
        qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
        assert dialog.token_edit.text() == ""  # gone from the widget at once
        qtbot.waitUntil(lambda: "finns i nyckelringen" in dialog.credential_label.text())
        with sqlite_db.sessions() as s:
            assert s.scalar(select(Account.credential_ref)) == "account:fb"

        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.check_label.text().startswith("Anslutningen fungerar:"))
        assert "Facebook-sidan Vadstena kommun" in dialog.check_label.text()
        assert secret not in visible_texts(dialog)

        r.fake.expire_token()
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "fungerar inte" in dialog.check_label.text())
        message = dialog.check_label.text()
        assert "har gått ut" in message and "Inställningar → Konton" in message
        assert secret not in visible_texts(dialog)


def test_no_keyring_says_what_to_install_and_offers_no_token_buttons(qtbot, sqlite_db, no_keyring):
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "FB", external_id="1")
    with sqlite_db.sessions.begin() as s:
        s.scalar(select(Account)).credential_ref = "account:fb"
    dialog = open_dialog(qtbot, sqlite_db.sessions)
    dialog.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: "gnome-keyring" in dialog.credential_label.text())
    assert not dialog.token_edit.isEnabled() and not dialog.set_button.isEnabled()
    assert not dialog.test_button.isEnabled()
