"""Inställningar → Språk takes effect at once: the window is English (or Swedish) without a
restart, on the same database and the same item."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from app.ui.translations import INSTALLED, current_language
from tests.helpers.ui import open_window, wait_loaded


def choose(window, code):
    language_menu = next(a.menu() for a in window.menus["installningar"].actions() if a.menu() is not None)
    next(a for a in language_menu.actions() if a.data() == code).trigger()


def test_switching_language_rebuilds_the_window_at_once_on_the_same_item(qtbot, sqlite_db):
    load_demo(sqlite_db.sessions, 60)
    window = open_window(
        qtbot, sqlite_db, ModerationService(sqlite_db.sessions, actor=Actor(username="sofia"))
    )
    window.queue.move(1)
    wait_loaded(qtbot, window)
    item = window.queue.current_item()
    assert window.windowTitle() == "Granska – modereringskö"
    try:
        choose(window, "en")
        qtbot.waitUntil(lambda: getattr(window, "replaced_by", None) is not None)
        english = window.replaced_by
        qtbot.addWidget(english)
        wait_loaded(qtbot, english)
        assert current_language() == "en"
        assert english.isVisible() and not window.isVisible()
        assert english.windowTitle() == "Granska – moderation queue"
        assert english.moderation_actions.actions["remove"].text() == "Remove"
        assert english.queue.tabs.tabText(0).startswith("New")
        qtbot.waitUntil(lambda: english.queue.current_item() is not None)
        assert english.queue.current_item().id == item.id
        assert english.db is window.db
        english.activateWindow()
        qtbot.waitActive(english)
        qtbot.keyClick(english.queue.table, Qt.Key.Key_R)  # the keys work in the new window
        qtbot.waitUntil(lambda: english.moderation_actions.dialog is not None)
        english.moderation_actions.dialog.reject()
        choose(english, "sv")
        qtbot.waitUntil(lambda: getattr(english, "replaced_by", None) is not None)
        swedish = english.replaced_by
        qtbot.addWidget(swedish)
        wait_loaded(qtbot, swedish)
        assert swedish.windowTitle() == "Granska – modereringskö" and current_language() == "sv"
    finally:
        app = QCoreApplication.instance()
        for translator in INSTALLED:
            app.removeTranslator(translator)
        INSTALLED.clear()
