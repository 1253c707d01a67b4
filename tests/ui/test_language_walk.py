"""The English window says nothing in Swedish: every window, dialog, menu, button, heading,
placeholder and tooltip, walked with the English translation installed. Data (comments,
authors, account names) is Swedish and stays so; the words around it are checked."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from app.ui.queue.action_table import all_actions
from app.ui.translations import install_translators
from tests.helpers.ui import open_window, wait_idle

SWEDISH = re.compile(
    r"[åäöÅÄÖ]|\b(och|att|för|inte|är|eller|som|till|från|med|på|av|det|den|ett|en|ingen|inga|alla|"
    r"konto|konton|poster|sök|spara|stäng|avbryt|visa|skäl|fel|kanal)\b",
    re.IGNORECASE,
)


def chrome(root: QWidget, data: set[str]) -> list[tuple[str, str]]:
    """(where, text) for every word the window itself says, not the data it shows."""
    found: list[tuple[str, str]] = []

    def add(where: str, text: str) -> None:
        text = (text or "").replace("&", "").strip()
        if text and not any(d in text for d in data):
            found.append((where, text))

    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        name = f"{type(w).__name__}:{w.objectName()}"
        if w.isWindow():
            add(name + " title", w.windowTitle())
        add(name + " tooltip", w.toolTip())
        add(name + " accessible", w.accessibleName())
        if isinstance(w, QAbstractButton):
            add(name, w.text())
        elif isinstance(w, QLabel) and w.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction:
            add(name, w.text())  # selectable labels show data
        elif isinstance(w, QLineEdit | QPlainTextEdit):
            add(name + " placeholder", w.placeholderText())
        elif isinstance(w, QGroupBox):
            add(name, w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(name, w.tabText(i))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(name, w.tabText(i))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(name + " item", w.itemText(i))
        elif isinstance(w, QTableView | QTreeView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount(QModelIndex())):
                add(name + " header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
        for act in w.actions():
            add(name + " action", act.text())
            add(name + " action tip", act.toolTip())
    for menu in root.findChildren(QMenu):
        add("menu", menu.title())
        for act in menu.actions():
            add("menu entry", act.text())
            if act.menu() is not None:
                for sub in act.menu().actions():
                    add("submenu entry", sub.text())
    return found


def walk(qtbot, window, data: set[str], wrong: re.Pattern[str]) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(where, text) for each text in the window, its action dialogs and the views its menus open
    that matches `wrong` (the other language's words)."""
    problems = [(f"main {w}", t) for w, t in chrome(window, data) if wrong.search(t)]
    for spec in all_actions():
        if spec.dialog is None:
            continue
        window.moderation_actions.start(spec.action)
        dialog = window.moderation_actions.dialog
        problems += [(f"{spec.action} {w}", t) for w, t in chrome(dialog, data) if wrong.search(t)]
        dialog.reject()
    for key in ("arkiv", "verktyg", "installningar"):
        for act in window.menus[key].actions():
            if not act.text().endswith("…"):
                continue
            before = set(QApplication.topLevelWidgets())
            act.trigger()
            wait_idle(qtbot, window.tasks)
            for view in QApplication.topLevelWidgets():
                if view is not window and view.isVisible() and (view not in before or view.isActiveWindow()):
                    problems += [(f"{act.text()} {w}", t) for w, t in chrome(view, data) if wrong.search(t)]
                    view.close()
    return problems


def _language(code: str):  # type: ignore[no-untyped-def]
    """The translators the window installs for `code` (Qt's own included), for one test."""
    app = QCoreApplication.instance()
    installed = install_translators(app, code)
    yield
    for translator in installed:
        app.removeTranslator(translator)


@pytest.fixture
def english():
    yield from _language("en")


@pytest.fixture
def swedish():
    """As the window starts in Swedish: Qt's own buttons (Stäng, Avbryt) in Swedish too."""
    yield from _language("sv")


def test_every_window_and_dialog_is_english_through_and_through(qtbot, sqlite_db, english):
    load_demo(sqlite_db.sessions, 40)
    window = open_window(
        qtbot, sqlite_db, ModerationService(sqlite_db.sessions, actor=Actor(username="sofia"))
    )
    from app.ui.records import hooks, moderation_hooks

    moderation_hooks.install(window)
    hooks.install(window)
    wait_idle(qtbot, window.tasks)
    with sqlite_db.sessions() as session:
        from sqlalchemy import select

        from app.models import Account, Administrator, Item

        data = set(session.scalars(select(Account.name))) | set(session.scalars(select(Item.author_name)))
        data |= set(session.scalars(select(Administrator.name)))  # people's names are data too
    data |= {"Granska", "Vadstena", "rötägg"}  # the word lists are Swedish: so is their example
    problems = walk(qtbot, window, data, SWEDISH)
    assert problems == [], "\n".join(f"{w}: {t!r}" for w, t in problems)


def test_why_flagged_is_said_in_english_with_the_word_lists_name(qtbot, sqlite_db, english):
    load_demo(sqlite_db.sessions, 200)
    window = open_window(
        qtbot, sqlite_db, ModerationService(sqlite_db.sessions, actor=Actor(username="sofia"))
    )
    window.queue.tabs.setCurrentIndex(1)  # Flagged
    qtbot.waitUntil(lambda: window.queue.current_item() is not None and window.detail.data is not None)
    qtbot.waitUntil(lambda: window.detail.data.detail.item.id == window.queue.current_item().id)
    shown = window.detail.flags_list.text()
    assert window.queue.current_item().flags and shown
    assert not re.search(r"tyder på|står i ordlistan|kontrollera att|böjd form", shown), shown
    assert re.search(r"word list|suggests|check that|valid", shown), shown


ENGLISH = re.compile(
    r"\b(the|and|you|may|not|of|is|yet|items?|account|removed|decided|registered|answer|notice|search|"
    r"all|save|close|cancel|settings|help|file|edit|view|tools|show|hide|error|loading|loaded)\b",
    re.IGNORECASE,
)


def test_every_window_and_dialog_is_swedish_through_and_through(qtbot, sqlite_db, swedish):
    """The Swedish window, walked the same way: no English word around the data."""
    load_demo(sqlite_db.sessions, 40)
    window = open_window(
        qtbot, sqlite_db, ModerationService(sqlite_db.sessions, actor=Actor(username="sofia"))
    )
    from app.ui.records import hooks, moderation_hooks

    moderation_hooks.install(window)
    hooks.install(window)
    wait_idle(qtbot, window.tasks)
    with sqlite_db.sessions() as session:
        from sqlalchemy import select

        from app.models import Account, Administrator, Item

        data = set(session.scalars(select(Account.name))) | set(session.scalars(select(Item.author_name)))
        data |= set(session.scalars(select(Administrator.name)))
    problems = walk(qtbot, window, data, ENGLISH)
    assert problems == [], "\n".join(f"{w}: {t!r}" for w, t in problems)
