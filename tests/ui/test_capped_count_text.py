"""Capped counts in the tabs and the status bar: "1 000+" in Swedish, "1,000+" in English."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from app.ui.queue import view as queue_view
from app.ui.queue.count_text import count_text
from app.ui.translations import install_translators
from tests.helpers.ui import open_window


def test_a_count_above_the_cap_reads_as_more_than_it(qapp):
    assert count_text(1001, 1000) == "1\u00a0000+"
    assert count_text(1000, 1000) == "1\u00a0000"
    assert count_text(29305) == "29\u00a0305"
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        assert count_text(1001, 1000) == "1,000+"
        assert count_text(29305) == "29,305"
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_the_tabs_show_a_search_count_stopped_at_the_cap(qtbot, sqlite_db, monkeypatch):
    load_demo(sqlite_db.sessions, 200)
    monkeypatch.setattr(queue_view, "SEARCH_COUNT_CAP", 3)  # the demo has a few of each word
    window = open_window(qtbot, sqlite_db, ModerationService(sqlite_db.sessions))
    full = dict(window.queue.counts)
    assert full["new"] > 3 and window.queue.tabs.tabText(0).endswith(count_text(full["new"]))
    qtbot.keyClicks(window.queue.filter_bar.search, "simhall")
    qtbot.waitUntil(lambda: window.queue.counts_cap == 3, timeout=10_000)
    assert window.queue.counts["new"] == 4
    assert window.queue.tabs.tabText(0).endswith("  3+")
    assert "Fler än 3 poster" in window.queue.tabs.tabToolTip(0)
    assert window.shown_count.text().endswith("av 3+ inlästa")
    window.queue.filter_bar.search.clear()
    qtbot.waitUntil(lambda: window.queue.counts_cap is None, timeout=10_000)
    assert window.queue.counts == full and "+" not in window.queue.tabs.tabText(0)
