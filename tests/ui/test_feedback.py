"""Feedback a person can read: outcomes kept in Händelser with names (not ids), the detail pane
still on the item after a failed action, sub-windows titled, placed and raised like windows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from app.ui.accessibility import view_title
from tests.helpers.ui import open_window, wait_loaded


@pytest.fixture
def demo(sqlite_db):
    load_demo(sqlite_db.sessions, 80)
    return sqlite_db


@pytest.fixture
def window(qtbot, demo):
    return open_window(qtbot, demo, ModerationService(demo.sessions, actor=Actor(username="sofia")))


def test_a_refused_action_says_which_item_and_why_and_the_detail_pane_stays_on_it(qtbot, demo, window):
    target = window.queue.current_item()
    ModerationService(demo.sessions, actor=Actor(username="erik")).keep(target.id)  # someone was faster
    qtbot.keyClick(window.queue.table, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: getattr(window, "last_error", None) is not None)
    wait_loaded(qtbot, window)
    panel = window.notifications
    assert panel.isVisible()  # a failure opens the panel by itself
    entry = panel.texts()[0]
    assert target.author_name in entry and "Redan avgjord" in entry
    assert f"#{target.id}" not in entry
    status = window.statusBar().currentMessage()
    assert "nekade" in status and "Händelser" in status and not status.endswith(":")
    # The row stays highlighted and the detail pane keeps showing it.
    assert window.queue.current_item() is not None and window.queue.current_item().id == target.id
    assert window.detail.currentWidget() is window.detail.detail_page
    assert window.detail.author.text() == target.author_name


def test_a_done_action_is_kept_in_the_panel_with_the_item_named(qtbot, window):
    target = window.queue.current_item()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_O)
    wait_loaded(qtbot, window)
    assert not window.notifications.isVisible()  # success does not push a panel open
    entry = window.notifications.texts()[0]
    assert target.author_name in entry and "Godkänd" in entry
    window.notifications.toggleViewAction().trigger()
    assert window.notifications.isVisible()


def test_a_sub_window_is_titled_without_dots_centred_and_comes_back_in_front(qtbot, window):
    assert view_title("&Granskningslogg…") == "Granskningslogg"

    def factory(_w):
        return QWidget()

    first = window.open_view("Granskningslogg…", factory)
    qtbot.waitExposed(first)
    assert first.windowTitle() == "Granskningslogg"
    assert first.width() >= 640 and first.height() >= 420
    centre, main_centre = first.frameGeometry().center(), window.frameGeometry().center()
    assert abs(centre.x() - main_centre.x()) < 40 and abs(centre.y() - main_centre.y()) < 40
    other = window.open_view("Diarienummer…", factory)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    again = window.open_view("Granskningslogg…", factory)
    assert again is first
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
