"""Inställningar → Konton → Nytt konto / Redigera: platform, key, names, the platform's id, the
API address and the channel texts, without the command line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Account
from app.services.accounts.accounts import AccountService
from app.services.records.audit import AuditService
from app.ui.settings.account_form import AccountFormDialog
from tests.ui.test_accounts_dialog import open_dialog


def account(db, key):
    with db.sessions() as s:
        return s.scalar(select(Account).where(Account.key == key))


def form_of(qtbot, dialog):
    qtbot.waitUntil(lambda: isinstance(getattr(dialog, "account_form", None), AccountFormDialog))
    form = dialog.account_form
    qtbot.waitExposed(form)
    return form


def test_a_new_account_is_added_from_the_window(qtbot, sqlite_db):
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "Vadstena kommun")
    dialog = open_dialog(qtbot, sqlite_db.sessions)
    qtbot.mouseClick(dialog.new_account_button, Qt.MouseButton.LeftButton)
    form = form_of(qtbot, dialog)
    assert form.windowTitle() == "Nytt konto" and form.key.isEnabled()
    form.platform.setCurrentIndex(form.platform.findData("youtube"))
    qtbot.keyClicks(form.key, "Fel nyckel")
    qtbot.keyClicks(form.name, "Vadstena Play")
    qtbot.keyClicks(form.external_id, "UC123")
    qtbot.keyClicks(form.api_base, "http://127.0.0.1:9/youtube")
    form.texts["response_time"].setPlainText("Vi svarar inom 24 timmar.")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Ogiltig kontonyckel" in form.status.text())
    assert form.isVisible() and account(sqlite_db, "Fel nyckel") is None  # nothing was added

    form.key.setText("yt-play")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    added = account(sqlite_db, "yt-play")
    assert (added.platform, added.name, added.external_id, added.api_base_url, added.response_time) == (
        "youtube",
        "Vadstena Play",
        "UC123",
        "http://127.0.0.1:9/youtube",
        "Vi svarar inom 24 timmar.",
    )
    assert added.purpose  # the platform's default channel text, as `accounts add` gives it
    qtbot.waitUntil(lambda: dialog.account_list.count() == 2 and "sparat" in dialog.status.text())


def test_an_account_is_edited_from_the_window(qtbot, sqlite_db):
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "Vadstena kommun", external_id="111")
    dialog = open_dialog(qtbot, sqlite_db.sessions)
    qtbot.mouseClick(dialog.edit_account_button, Qt.MouseButton.LeftButton)
    form = form_of(qtbot, dialog)
    assert form.external_id.text() == "111" and not form.key.isEnabled() and not form.platform.isEnabled()
    form.external_id.setText("222")
    form.api_base.setText("inte en adress")
    form.texts["tone"].setPlainText("Personlig och kort.")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "API-adressen" in form.status.text())
    assert account(sqlite_db, "fb").external_id == "111"  # refused: nothing changed
    form.api_base.setText("https://graph.example")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    edited = account(sqlite_db, "fb")
    assert (edited.external_id, edited.api_base_url, edited.tone) == (
        "222",
        "https://graph.example",
        "Personlig och kort.",
    )
    assert AuditService(sqlite_db.sessions).verify().intact
