"""The window with the team database away: it starts on the local copy with a banner, a Keep
is saved locally, and when the server is back the decision is handed over, announced, and the
window works on the team database again."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Item, OfflineDecision
from app.models.db import open_database
from app.services.offline.copy import LocalCopy
from app.services.offline.journal import journal_entries
from app.ui.main import open_for_window
from app.ui.offline_mode import OfflineMode
from tests.helpers.moderation import add_item, ensure_account
from tests.helpers.private_postgres import PrivatePostgres
from tests.helpers.ui import open_window, wait_loaded

pytestmark = pytest.mark.not_on_windows(
    "the private PostgreSQL server these tests stop and start runs on Linux (scripts/test)"
)

NOW = datetime.now(UTC).replace(microsecond=0)
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_window_starts_offline_on_the_copy_and_comes_back(qtbot, private_postgres: PrivatePostgres) -> None:
    team = open_database(private_postgres.url)
    ensure_account(team.sessions, "intra", "intranet")
    [
        add_item(
            team.sessions, f"Fråga {n} om snöröjningen", account="intra", external_id=f"i{n}", created_at=NOW
        )
        for n in range(3)
    ]
    copy = LocalCopy.for_team(team.engine.url)
    copy.refresh(team)
    copy.close()
    team.dispose()
    private_postgres.stop()

    started = time.monotonic()
    db, moderation = open_for_window(private_postgres.url, False)
    window = open_window(qtbot, db, moderation)
    mode = OfflineMode(window, private_postgres.url, moderation, interval_ms=300)
    assert time.monotonic() - started < 2 + 2  # the connect timeout (2 s here), then the copy at once
    assert mode.banner.text().startswith("Offline – arbetar på lokal kopia från ")
    assert not window.sync.action.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.waitUntil(lambda: mode.bar.isVisible() and mode.banner.width() > 600)
    window.grab().save(str(SHOTS / "offline-banner.png"))

    target = window.queue.current_item()
    with qtbot.waitSignal(window.moderation_actions.decided, timeout=10_000):
        qtbot.keyClick(window.queue.table, Qt.Key.Key_O)
    wait_loaded(qtbot, window)
    assert window.queue.model.row_of(target.id) is None
    assert [e.item_id for e in journal_entries(moderation.offline_copy)] == [target.id]

    with qtbot.waitSignal(mode.reconnected, timeout=30_000) as back:
        private_postgres.start()
    assert back.args[0].applied == 1
    assert mode.banner.text() == "Ansluten till teamdatabasen igen: 1 beslut skickade, 0 i konflikt."
    wait_loaded(qtbot, window)
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 2)
    window.grab().save(str(SHOTS / "offline-back.png"))
    assert window.db.dialect == "postgresql"
    team = window.db
    with team.sessions() as session:
        assert session.scalar(select(Item.status).where(Item.id == target.id)) == "kept"
        assert session.scalar(select(OfflineDecision.item_id)) == target.id
    team.dispose()


def test_the_banner_speaks_english_with_the_translation(qtbot, sqlite_db, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.services.offline.journal import OfflineModeration
    from app.ui.translations import install_translators

    ensure_account(sqlite_db.sessions, "intra", "intranet")
    add_item(sqlite_db.sessions, "Fråga om snöröjningen", account="intra", created_at=NOW)
    copy = LocalCopy(tmp_path / "kopia.db")
    copy.refresh(sqlite_db)
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        moderation = OfflineModeration(copy)
        window = open_window(qtbot, copy.db, moderation)
        mode = OfflineMode(window, None, moderation, interval_ms=3_600_000)
        assert mode.banner.text().startswith("Offline – working on the local copy from ")
        qtbot.waitUntil(lambda: mode.bar.isVisible() and mode.banner.width() > 600)
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "offline-banner-en.png"))
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        copy.close()


def test_the_copy_is_made_and_follows_each_decision_online(qtbot, private_postgres: PrivatePostgres) -> None:
    from app.services.context import Actor
    from app.services.moderation.facade import ModerationService
    from app.ui.offline_mode import CopyKeeper

    team = open_database(private_postgres.url)
    ensure_account(team.sessions, "intra", "intranet")
    for n in range(2):
        add_item(
            team.sessions, f"Fråga {n} om parkeringen", account="intra", external_id=f"p{n}", created_at=NOW
        )
    window = open_window(qtbot, team, ModerationService(team.sessions, actor=Actor("postgres")))
    keeper = CopyKeeper(window, private_postgres.url, delay_ms=50)
    with qtbot.waitSignal(keeper.refreshed, timeout=20_000) as first:
        pass
    assert first.args[0].full and first.args[0].items == 2
    copy = LocalCopy.for_team(team.engine.url)
    assert copy.exists()

    target = window.queue.current_item()
    with qtbot.waitSignal(keeper.refreshed, timeout=20_000):
        qtbot.keyClick(window.queue.table, Qt.Key.Key_O)
    with copy.db.sessions() as session:
        assert session.scalar(select(Item.status).where(Item.id == target.id)) == "kept"
    copy.close()
    wait_loaded(qtbot, window)
    team.dispose()


def test_the_window_goes_offline_in_the_middle_of_work_and_back(
    qtbot, private_postgres: PrivatePostgres
) -> None:
    from app.services.context import Actor
    from app.services.moderation.facade import ModerationService
    from app.ui.offline_mode import CopyKeeper

    team = open_database(private_postgres.url)
    ensure_account(team.sessions, "intra", "intranet")
    for n in range(3):
        add_item(
            team.sessions,
            f"Fråga {n} om bibliotekets öppettider",
            account="intra",
            external_id=f"b{n}",
            created_at=NOW,
        )
    window = open_window(qtbot, team, ModerationService(team.sessions, actor=Actor("postgres")))
    keeper = CopyKeeper(window, private_postgres.url, delay_ms=50, probe_ms=200)
    with qtbot.waitSignal(keeper.refreshed, timeout=20_000):
        pass

    private_postgres.stop()
    stopped = time.monotonic()
    with qtbot.waitSignal(keeper.went_offline, timeout=10_000):
        pass
    assert time.monotonic() - stopped < 5  # seconds, not minutes (bench/offline.py times the switch)
    mode = window.offline_mode
    assert mode.banner.text().startswith("Offline – arbetar på lokal kopia från ")
    wait_loaded(qtbot, window)
    assert window.db.dialect == "sqlite" and window.queue.model.rowCount() == 3
    target = window.queue.current_item()
    with qtbot.waitSignal(window.moderation_actions.decided, timeout=10_000):
        qtbot.keyClick(window.queue.table, Qt.Key.Key_O)
    assert [e.item_id for e in journal_entries(mode._copy)] == [target.id]

    private_postgres.start()
    with qtbot.waitSignal(mode.reconnected, timeout=30_000) as back:
        mode.try_reconnect()
    assert back.args[0].applied == 1
    wait_loaded(qtbot, window)
    assert window.db.dialect == "postgresql"
    with window.db.sessions() as session:
        assert session.scalar(select(Item.status).where(Item.id == target.id)) == "kept"
    window.db.dispose()
