"""Arkiv → Lägg till post manuellt, driven by keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Item
from app.services.accounts.accounts import AccountService
from app.services.accounts.register import AccountRegister
from app.services.intake.manual_entry import ManualEntryService
from app.ui.manual_entry_dialog import ManualEntryDialog


def test_typing_an_item_saves_it_to_the_intranet_account(qtbot, sqlite_db):
    accounts = AccountService(sqlite_db.sessions)
    accounts.add_account("fb", "facebook", "Vadstena kommun")
    accounts.add_account("intra", "intranet", "Internwebben")
    dialog = ManualEntryDialog(AccountRegister(sqlite_db.sessions), ManualEntryService(sqlite_db.sessions))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.account.count() == 2)
    assert dialog.account.currentData() == "intra"  # the channel no connector reads comes first
    qtbot.keyClicks(dialog.author, "Kalle")
    qtbot.keyClicks(dialog.url, "https://intranat.vadstena.se/n/1")
    qtbot.keyClicks(dialog.text, "<img src=x> =SUMMA(A1)")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.sessions() as s:
        item = s.get(Item, saved.args[0])
        assert (item.text, item.author_name) == ("<img src=x> =SUMMA(A1)", "Kalle")
    assert dialog.status.text() == "Posten är sparad." and dialog.text.toPlainText() == ""


def test_an_empty_text_says_what_is_missing(qtbot, sqlite_db):
    AccountService(sqlite_db.sessions).add_account("intra", "intranet", "Internwebben")
    dialog = ManualEntryDialog(AccountRegister(sqlite_db.sessions), ManualEntryService(sqlite_db.sessions))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.account.count() == 1)
    dialog.save()
    qtbot.waitUntil(lambda: "Skriv in texten" in dialog.status.text())
    with sqlite_db.sessions() as s:
        assert s.scalar(select(Item.id)) is None
