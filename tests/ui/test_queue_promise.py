"""The response promise in the queue: time left (or overdue) in the account's watched hours in
the Väntat column, about to go overdue and overdue marked, the overdue count in the status bar
(hand-counted data of tests/helpers/statistics.py, seen at Wednesday 30 December 12:00)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.context import Actor
from app.ui.queue.rows import Column
from app.ui.stats import queue_hooks
from tests.helpers.statistics import NOW, fill_december
from tests.helpers.ui import open_window, wait_loaded


def test_time_left_against_the_promise_and_the_overdue_count(qtbot, sqlite_db):
    fill_december(sqlite_db.sessions)
    window = open_window(qtbot, sqlite_db, clock=lambda: NOW)
    label = queue_hooks.install(window, Actor("chef", clock=lambda: NOW))
    # fb: Tuesday 10:00 (11 watched h of 8), Monday 09:00 (21 h) and the question forwarded on
    # 10 December (a forward tells the asker nothing) are overdue; ig is not.
    qtbot.waitUntil(lambda: label.text() == "Försenade frågor: 3", timeout=30_000)
    assert label.isVisible()
    window.queue.tabs.setCurrentIndex(2)  # Frågor som väntar på svar
    wait_loaded(qtbot, window)
    model = window.queue.model
    waiting = {
        model.data(model.index(r, Column.WAITING)): model.data(
            model.index(r, Column.WAITING), Qt.ItemDataRole.ToolTipRole
        )
        for r in range(model.rowCount())
    }
    texts = sorted(waiting)
    # Monday 28 Dec 09:00 -> now: 21 watched h, 13 past the promise; today 10:00 on fb: 6 h left;
    # today 10:00 on ig: exactly its 2 h used, 0 left: about to go overdue.
    assert any(t.endswith("försenad 13 tim") for t in texts), texts
    assert any(t.endswith("6 tim kvar") for t in texts), texts
    assert any(t.endswith("nyss kvar") for t in texts), texts
    tips = [tip for tip in waiting.values() if tip]
    assert any("längre än kontots svarslöfte" in tip for tip in tips)
    assert any("snart försenad" in tip for tip in tips)
