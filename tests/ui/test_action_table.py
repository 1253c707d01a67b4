"""The action table is the one place an action is declared: the toolbar, the Åtgärd menu, the
keys, the `?` overlay and the labels all follow it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Escalation
from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from app.ui.labels import action_label
from app.ui.queue import action_table
from app.ui.queue.action_table import QT_TRANSLATE_NOOP, ActionSpec, Decide, all_actions
from app.ui.queue.help_overlay import key_table
from tests.helpers.ui import open_window, wait_loaded

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(sqlite_db):
    load_demo(sqlite_db.sessions, 60)
    return sqlite_db


def test_a_new_action_is_one_entry_in_the_table(qtbot, demo, monkeypatch):
    """Escalation to the nearest manager, added as an action with key E: nothing else changes,
    and it is on the toolbar, in the menu, on the help card, and E does it."""
    escalate = ActionSpec(
        "escalate", "E", "action-forward",
        QT_TRANSLATE_NOOP("Labels", "Eskalera"),
        QT_TRANSLATE_NOOP("ModerationActions", "Skicka till närmaste chef"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Eskalera till chef"),
        None, lambda _none: Decide(lambda m, i: m.escalate(i, "Hot i kommentaren")),
        confirm_many=QT_TRANSLATE_NOOP("ModerationActions", "Eskalera %d poster?"),
    )  # fmt: skip
    monkeypatch.setattr(action_table, "ACTIONS", (*action_table.ACTIONS, escalate))

    window = open_window(qtbot, demo, ModerationService(demo.sessions, actor=Actor(username="sofia")))
    toolbar = window.findChild(type(window.addToolBar("x")), "actionsToolbar")
    assert [a.text() for a in toolbar.actions() if a.text()][7] == "Eskalera"
    assert "Eskalera" in [a.text() for a in window.menus["atgard"].actions()]
    assert ("E", "Eskalera till chef") in key_table()
    assert action_label("escalate") == "Eskalera"
    tip = window.moderation_actions.actions["escalate"].toolTip()
    assert tip == "Eskalera (E) – Skicka till närmaste chef"

    target = window.queue.current_item()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_E)
    wait_loaded(qtbot, window)
    with demo.sessions() as session:
        assert session.scalars(select(Escalation.item_id)).all() == [target.id]
    assert window.statusBar().currentMessage()


def test_the_window_has_one_button_menu_entry_and_key_per_table_entry(qtbot, demo):
    window = open_window(qtbot, demo, ModerationService(demo.sessions, actor=Actor(username="sofia")))
    keys = {spec.key for spec in all_actions()}
    assert len(keys) == len(all_actions()) == 7
    for spec in all_actions():
        act = window.moderation_actions.actions[spec.action]
        assert act.shortcut().toString() == spec.key
        assert act.text() == spec.text == action_label(spec.action)
        assert (spec.key, spec.help_text) in key_table()


def test_the_readme_lists_every_action_key():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| Key | Action |") :]
    table = table[: table.index("\n\n")]
    listed = set(re.findall(r"`([A-Z])`", table))
    assert {spec.key for spec in all_actions()} <= listed
