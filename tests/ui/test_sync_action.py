"""The main window's Arkiv → Synka nu, the schedule, and the Konton and manual-entry dialogs:
the token from the real keyring, a fake platform on 127.0.0.1, the sync off the GUI thread,
the outcome in the status bar and the queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QTimer
from sqlalchemy import update

from app.models import Account
from app.models.base import utcnow
from app.services.accounts.connections import CredentialService
from app.services.intake.sync import SyncResult
from app.services.settings import SettingsService
from app.ui.main_window import MainWindow
from app.ui.manual_entry_dialog import ManualEntryDialog
from app.ui.settings.accounts_dialog import AccountsDialog
from app.ui.sync_action import summary
from tests.helpers.platforms import running
from tests.helpers.ui import open_window, wait_loaded

pytestmark = pytest.mark.keyring


def menu_action(window: MainWindow, menu: str, text: str):
    return next(a for a in window.menus[menu].actions() if a.text() == text)


def test_sync_now_fetches_in_the_background_into_the_queue(qtbot, sqlite_db, secret_service):
    with running("facebook") as r:
        post = r.fake.store.add_post()
        r.fake.store.add_thread(post, 30)
        r.add_account(sqlite_db.sessions)
        CredentialService(sqlite_db.sessions).set_token("facebook", r.fake.token)
        window = open_window(qtbot, sqlite_db)
        assert window.queue.model.rowCount() == 0
        titles = [a.text() for a in window.menus["arkiv"].actions()]
        assert titles[-3:] == ["Lägg till post manuellt…", "Synka nu", "Avsluta"]

        r.fake.fail_slowly(1.0, match="/comments")  # a slow platform must not freeze the window
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(10)
        with qtbot.waitSignal(window.sync.finished, timeout=20_000) as finished:
            menu_action(window, "arkiv", "Synka nu").trigger()
            menu_action(window, "arkiv", "Synka nu").trigger()  # a second click while it runs
        timer.stop()
        assert r.fake.count("/feed") == 1  # ...started nothing
    assert len(ticks) > 20  # the event loop kept running during the slow answer
    [result] = finished.args[0]
    assert result.ok and result.created == 31 and result.new_work == 30
    # Issue #15: the page's own post is context, not one of the new ("31 nya" before).
    assert window.statusBar().currentMessage().startswith("Hämtat: 30 nya")
    wait_loaded(qtbot, window)
    assert window.queue.model.rowCount() == 30  # the comments: the page's own post is their context


def test_the_schedule_follows_the_setting_and_skips_accounts_told_to_wait(qtbot, sqlite_db, secret_service):
    SettingsService(sqlite_db.sessions).set("sync", {"interval_minutes": 5})
    with running("youtube") as r:
        r.fake.store.add_comment(r.fake.store.add_post(), "Hej")
        r.add_account(sqlite_db.sessions)
        CredentialService(sqlite_db.sessions).set_token("youtube", r.fake.token)
        later = (utcnow() + timedelta(hours=3)).isoformat()
        with sqlite_db.sessions.begin() as s:
            state = {"retry_after": later, "last_error": "Kvoten är slut"}
            s.execute(update(Account).values(sync_state=state))
        window = open_window(qtbot, sqlite_db)
        qtbot.waitUntil(lambda: window.sync.timer.isActive())
        assert window.sync.timer.interval() == 5 * 60_000
        with qtbot.waitSignal(window.sync.finished, timeout=20_000) as finished:
            window.sync.timer.timeout.emit()
        assert finished.args[0][0].error_kind == "waiting"
        assert r.fake.requests == []  # the platform was not asked
        with qtbot.waitSignal(window.sync.finished, timeout=20_000) as finished:
            window.sync.action.trigger()  # by hand: the administrator decides to try anyway
        assert r.fake.requests and finished.args[0][0].ok


def test_the_dialogs_open_from_the_menus_once_the_database_is_there(qtbot, sqlite_db):
    window = MainWindow()
    qtbot.addWidget(window)
    accounts = menu_action(window, "installningar", "Konton…")
    assert not accounts.isEnabled() and not window.sync.action.isEnabled()  # no database yet
    window.attach(sqlite_db)
    wait_loaded(qtbot, window)
    assert accounts.isEnabled() and window.sync.action.isEnabled()
    accounts.trigger()
    dialog = window.findChild(AccountsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    menu_action(window, "arkiv", "Lägg till post manuellt…").trigger()
    manual = window.findChild(ManualEntryDialog)
    assert manual is not None and manual.isVisible()
    manual.reject()
    wait_loaded(qtbot, window)


def test_the_summary_names_failures_but_not_waiting_accounts():
    results = [
        SyncResult("fb", True, "ok", created=3, updated=1),
        SyncResult("yt", False, "Token för Play (yt) har gått ut: förnya den.", error_kind="auth"),
        SyncResult("x", False, "väntar till 09:00", error_kind="waiting"),
    ]
    line = summary(results)
    assert line.startswith("Hämtat: 3 nya, 1 uppdaterade") and "Token för Play (yt)" in line
    assert "väntar" not in line
