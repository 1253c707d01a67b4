""""Synka nu" and the schedule: the token from the real keyring, a fake platform on 127.0.0.1,
the sync off the GUI thread, the outcome in the status bar."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu
from sqlalchemy import func, select, update

from app.models import Account, Item
from app.models.base import utcnow
from app.services.connections import CredentialService
from app.services.settings import SettingsService
from app.services.sync import SyncResult
from app.ui.background import Tasks
from app.ui.sync_action import install, summary
from tests.helpers.platforms import running

pytestmark = pytest.mark.keyring


class Window(QMainWindow):
    """The part of the main window (issue #3) the hook uses."""

    def __init__(self, db) -> None:
        super().__init__()
        self.db = db
        self.tasks = Tasks(self)
        self.menus = {"arkiv": QMenu("Arkiv", self), "installningar": QMenu("Inställningar", self)}
        self.menus["arkiv"].addAction(QAction("Avsluta", self))
        self.views: list[str] = []
        self.refreshed = 0

    def add_view(self, menu: str, title: str, factory) -> None:
        self.views.append(f"{menu}:{title}")

    def refresh_queue(self) -> None:
        self.refreshed += 1


@pytest.fixture
def window(qtbot, sqlite_db):
    w = Window(sqlite_db)
    qtbot.addWidget(w)
    yield w
    w.tasks.shutdown()


def test_sync_now_fetches_in_the_background_and_reports_in_the_status_bar(qtbot, window, sqlite_db,
                                                                          secret_service):  # fmt: skip
    with running("facebook") as r:
        post = r.fake.store.add_post()
        r.fake.store.add_thread(post, 30)
        r.add_account(sqlite_db.sessions)
        CredentialService(sqlite_db.sessions).set_token("facebook", r.fake.token)
        scheduler = install(window)
        assert window.views == ["installningar:Konton…", "arkiv:Lägg till post manuellt…"]
        assert [a.text() for a in window.menus["arkiv"].actions()] == ["Synka nu", "Avsluta"]

        r.fake.fail_slowly(1.0, match="/comments")  # a slow platform must not freeze the window
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(10)
        with qtbot.waitSignal(scheduler.finished, timeout=20_000) as finished:
            scheduler.action.trigger()
            assert not scheduler.action.isEnabled()
        timer.stop()
    assert len(ticks) > 20  # the event loop kept running during the slow answer
    [result] = finished.args[0]
    assert result.ok and result.created == 31
    assert window.statusBar().currentMessage().startswith("Hämtat: 31 nya")
    assert window.refreshed == 1 and scheduler.action.isEnabled()
    with sqlite_db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 31


def test_the_schedule_follows_the_setting_and_skips_accounts_told_to_wait(qtbot, window, sqlite_db,
                                                                         secret_service):  # fmt: skip
    SettingsService(sqlite_db.sessions).set("sync", {"interval_minutes": 5})
    with running("youtube") as r:
        r.fake.store.add_comment(r.fake.store.add_post(), "Hej")
        r.add_account(sqlite_db.sessions)
        CredentialService(sqlite_db.sessions).set_token("youtube", r.fake.token)
        later = (utcnow() + timedelta(hours=3)).isoformat()
        with sqlite_db.sessions.begin() as s:
            state = {"retry_after": later, "last_error": "Kvoten är slut"}
            s.execute(update(Account).values(sync_state=state))
        scheduler = install(window)
        qtbot.waitUntil(lambda: scheduler.timer.isActive())
        assert scheduler.timer.interval() == 5 * 60_000
        with qtbot.waitSignal(scheduler.finished, timeout=20_000) as finished:
            scheduler.timer.timeout.emit()
        assert finished.args[0][0].error_kind == "waiting"
        assert r.fake.requests == []  # the platform was not asked
        with qtbot.waitSignal(scheduler.finished, timeout=20_000) as finished:
            scheduler.action.trigger()  # by hand: the administrator decides to try anyway
        assert r.fake.requests and finished.args[0][0].ok


def test_the_summary_names_failures_but_not_waiting_accounts():
    results = [SyncResult("fb", True, "ok", created=3, updated=1),
               SyncResult("yt", False, "Token för Play (yt) har gått ut: förnya den.", error_kind="auth"),
               SyncResult("x", False, "väntar till 09:00", error_kind="waiting")]  # fmt: skip
    line = summary(results)
    assert line.startswith("Hämtat: 3 nya, 1 uppdaterade") and "Token för Play (yt)" in line
    assert "väntar" not in line
