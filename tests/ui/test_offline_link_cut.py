"""The link cut in the middle of a statement (a TCP proxy in front of the team database resets
every connection while a Keep waits on a row lock): the window goes on on the local copy, the
cut decision changed nothing, the next ordinary action is saved locally, and after the link is
back it is replayed once and the team's audit chain verifies."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from app.models import Decision, Item, OfflineDecision
from app.models.db import open_database
from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.services.offline.journal import journal_entries
from app.services.records.audit import AuditService
from app.ui.offline_mode import CopyKeeper
from tests.helpers.moderation import add_item, ensure_account
from tests.helpers.private_postgres import PrivatePostgres
from tests.helpers.tcp_proxy import TcpProxy
from tests.helpers.ui import open_window, wait_loaded

pytestmark = pytest.mark.not_on_windows(
    "the private PostgreSQL server these tests stop and start runs on Linux (scripts/test)"
)

NOW = datetime.now(UTC).replace(microsecond=0)


def test_the_link_cut_mid_statement_then_offline_then_replayed(
    qtbot, private_postgres: PrivatePostgres, request: pytest.FixtureRequest
) -> None:
    direct = open_database(private_postgres.url)
    ensure_account(direct.sessions, "intra", "intranet")
    for n in range(2):
        add_item(
            direct.sessions, f"Fråga {n} om badplatsen", account="intra", external_id=f"b{n}", created_at=NOW
        )
    proxy = TcpProxy(private_postgres.port)
    request.addfinalizer(proxy.close)
    url = f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/postgres"
    team = open_database(url)
    window = open_window(qtbot, team, ModerationService(team.sessions, actor=Actor("postgres")))
    keeper = CopyKeeper(window, url, delay_ms=50, probe_ms=3_600_000)
    with qtbot.waitSignal(keeper.refreshed, timeout=20_000):
        pass
    wait_loaded(qtbot, window)
    target = window.queue.current_item()

    # Someone holds the item's row: the Keep's statement waits on the server.
    holder = direct.engine.connect()
    holder.exec_driver_sql(f"SELECT id FROM items WHERE id = {target.id} FOR UPDATE")
    try:
        with qtbot.waitSignal(keeper.went_offline, timeout=10_000):
            qtbot.keyClick(window.queue.table, Qt.Key.Key_O)
            time.sleep(0.5)  # the Keep is in the middle of its statement
            proxy.cut()
    finally:
        holder.rollback()
        holder.close()
    wait_loaded(qtbot, window)
    assert window.db.dialect == "sqlite"
    assert window.offline_mode.banner.text().startswith("Offline – arbetar på lokal kopia från ")
    said = window.last_error.text()
    assert said.startswith("Teamdatabasen nås inte längre (") and "lokala kopian" in said
    with direct.sessions() as session:  # the cut decision changed nothing on the team database
        assert session.scalar(select(func.count()).select_from(Decision)) == 0
        assert session.scalar(select(Item.status).where(Item.id == target.id)) == "new"

    # The next ordinary action: the same Keep again, saved locally.
    for box in window.findChildren(QMessageBox):  # every failure said its own
        box.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    wait_loaded(qtbot, window)
    assert window.queue.current_item().id == target.id
    with qtbot.waitSignal(window.moderation_actions.decided, timeout=10_000):
        qtbot.keyClick(window.queue.table, Qt.Key.Key_O)
    mode = window.offline_mode
    assert [e.item_id for e in journal_entries(mode._copy)] == [target.id]

    proxy.resume()
    with qtbot.waitSignal(mode.reconnected, timeout=30_000) as back:
        mode.try_reconnect()
    assert back.args[0].applied == 1
    wait_loaded(qtbot, window)
    with direct.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == 1
        assert session.scalar(select(Item.status).where(Item.id == target.id)) == "kept"
        assert session.scalar(select(OfflineDecision.outcome)) == "applied"
    assert AuditService(direct.sessions).verify().problems == ()
    window.db.dispose()
    team.dispose()  # the engine the window left behind
    direct.dispose()
    proxy.close()
