"""Yesterday's search is not restored into today's queue; an active filter is plain to see and
Esc clears it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from tests.helpers.ui import open_window, wait_loaded

TODAY = datetime(2026, 12, 6, 9, tzinfo=UTC)


def searched_and_closed(qtbot, db, when):
    window = open_window(qtbot, db, ModerationService(db.sessions, actor=Actor("sofia")), clock=lambda: when)
    bar = window.queue.filter_bar
    bar.search.setText("badet")
    bar.platform.setCurrentIndex(bar.platform.findData("facebook"))
    wait_loaded(qtbot, window)
    window.close()


def test_yesterdays_search_is_not_restored_and_the_kept_filter_shows_and_clears_with_esc(qtbot, sqlite_db):
    load_demo(sqlite_db.sessions, 60)
    searched_and_closed(qtbot, sqlite_db, TODAY - timedelta(days=1))
    window = open_window(
        qtbot, sqlite_db, ModerationService(sqlite_db.sessions, actor=Actor("sofia")), clock=lambda: TODAY
    )
    bar = window.queue.filter_bar
    assert bar.search.text() == ""
    assert bar.platform.currentData() == "facebook"  # the other filters are kept…
    assert bar.clear.isEnabled() and "Esc" in bar.clear.text()  # …and say so
    filtered = window.queue.counts["new"]
    window.queue.table.setFocus()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Escape)
    wait_loaded(qtbot, window)
    assert not bar.is_filtered() and not bar.clear.isEnabled()
    assert window.queue.counts["new"] > filtered


def test_a_search_from_earlier_today_is_restored(qtbot, sqlite_db):
    load_demo(sqlite_db.sessions, 60)
    searched_and_closed(qtbot, sqlite_db, TODAY - timedelta(hours=2))
    window = open_window(
        qtbot, sqlite_db, ModerationService(sqlite_db.sessions, actor=Actor("sofia")), clock=lambda: TODAY
    )
    assert window.queue.filter_bar.search.text() == "badet"
