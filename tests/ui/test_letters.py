"""The letters of the action dialogs are muscle memory: the same in Swedish and English, the same
whatever order a dialog shows its entries in, and typing one never reaches the window's keys."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from app.ui.queue.letters import CRITERION_LETTERS, REASON_LETTERS
from app.ui.translations import install_translators
from tests.helpers.ui import open_window, wait_loaded


def letters_in(choice_list) -> dict[str, str]:
    return {
        choice_list.item(row).data(Qt.ItemDataRole.UserRole): key for row, key in enumerate(choice_list.keys)
    }


def open_dialog(qtbot, window, action):
    window.moderation_actions.start(action)  # as R / D do (tests/ui/test_main_window.py)
    qtbot.waitUntil(lambda: window.moderation_actions.dialog is not None)
    return window.moderation_actions.dialog


def test_letters_are_the_same_in_swedish_and_english_and_unique(qtbot, sqlite_db):
    load_demo(sqlite_db.sessions, 30)
    window = open_window(
        qtbot, sqlite_db, ModerationService(sqlite_db.sessions, actor=Actor(username="sofia"))
    )
    remove = open_dialog(qtbot, window, "remove")
    swedish = letters_in(remove.reasons)
    remove.reject()
    register = open_dialog(qtbot, window, "register")
    swedish_criteria = letters_in(register.criteria)
    register.reject()
    window.close()
    assert swedish == REASON_LETTERS and swedish_criteria == CRITERION_LETTERS
    for letters in (REASON_LETTERS, CRITERION_LETTERS):
        assert len(set(letters.values())) == len(letters) and all(len(k) == 1 for k in letters.values())

    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        english_window = open_window(
            qtbot, sqlite_db, ModerationService(sqlite_db.sessions, actor=Actor(username="sofia"))
        )
        remove = open_dialog(qtbot, english_window, "remove")
        assert remove.reasons.item(0).text().endswith("Personal attack or insult")  # English labels…
        assert letters_in(remove.reasons) == swedish  # …with the same letters
        remove.reject()
        register = open_dialog(qtbot, english_window, "register")
        assert letters_in(register.criteria) == swedish_criteria
        register.reject()
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_a_letter_in_a_dialog_picks_its_entry_and_never_a_window_action(qtbot, sqlite_db):
    load_demo(sqlite_db.sessions, 30)
    moderation = ModerationService(sqlite_db.sessions, actor=Actor(username="sofia"))
    window = open_window(qtbot, sqlite_db, moderation)
    item = window.queue.current_item()
    window_keys = {
        act.shortcut().toString() for act in [*window.actions(), *window.moderation_actions.actions.values()]
    }
    dialog = open_dialog(qtbot, window, "remove")
    for code, letter in REASON_LETTERS.items():
        qtbot.keyClick(dialog.reasons, letter.lower())
        assert dialog.reasons.code() == code
        assert window.moderation_actions.dialog is dialog and dialog.isVisible()
    assert window_keys & set(REASON_LETTERS.values())  # they share letters (A, R…) and still never meet
    dialog.reject()
    wait_loaded(qtbot, window)
    assert window.queue.current_item().id == item.id
    assert [h.kind for h in moderation.history(item.id) if h.kind == "decision"] == []
