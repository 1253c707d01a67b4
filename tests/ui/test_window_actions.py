"""Notify, Forward and a bulk Remove driven from the queue window with the keyboard, with the real
service (and a real SMTP server on 127.0.0.1 for the e-mail)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Decision, Item
from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.mail import Mailer
from app.services.moderation.facade import ModerationService
from app.services.moderation.reasons import REMOVAL_REASONS
from app.ui.queue.action_dialogs import ForwardDialog, TemplateTextDialog
from app.ui.queue.remove_dialog import RemoveDialog
from tests.helpers.ui import open_window, wait_loaded


@pytest.fixture
def demo(sqlite_db):
    load_demo(sqlite_db.sessions, 200)
    return sqlite_db


def key(qtbot, window, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.queue.table, k, modifier)


def status_of(db, item_id):
    with db.sessions() as session:
        return session.get(Item, item_id).status


def test_notify_on_a_question_offers_an_answer_first_never_a_removal_notice(qtbot, demo):
    window = open_window(qtbot, demo, ModerationService(demo.sessions, actor=Actor("sofia")))
    key(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # the questions
    wait_loaded(qtbot, window)
    key(qtbot, window, Qt.Key.Key_N)
    dialog = window.moderation_actions.dialog
    assert isinstance(dialog, TemplateTextDialog)
    codes = [dialog.templates.item(r).data(Qt.ItemDataRole.UserRole) for r in range(dialog.templates.count())]
    assert not set(codes) & set(REMOVAL_REASONS)
    assert "tagit bort" not in dialog.text.toPlainText() and dialog.text.toPlainText().startswith("Hej")
    qtbot.keyClick(dialog.templates, Qt.Key.Key_Escape)


def test_forward_with_v_mails_the_question_and_keeps_it_among_the_questions(qtbot, demo, smtp):
    inbox, settings = smtp
    moderation = ModerationService(demo.sessions, actor=Actor("sofia"), mailer=Mailer(settings))
    window = open_window(qtbot, demo, moderation)
    key(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    wait_loaded(qtbot, window)
    target = window.queue.current_item()
    key(qtbot, window, Qt.Key.Key_V)
    dialog = window.moderation_actions.dialog
    assert isinstance(dialog, ForwardDialog) and not dialog.ok.isEnabled()
    dialog.to.setText("Samhällsbyggnad")  # (QTest types ASCII only)
    assert not dialog.ok.isEnabled()  # an e-mail address is needed
    dialog.to.clear()
    qtbot.keyClicks(dialog.to, "bygg@kommun.example")
    qtbot.keyClicks(dialog.note, "Kan ni svara?")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(inbox.messages) == 1, timeout=20_000)
    wait_loaded(qtbot, window)
    mail = inbox.messages[0]
    assert mail["To"] == "bygg@kommun.example" and target.text in mail.get_content()
    assert status_of(demo, target.id) == "forwarded"
    assert window.queue.model.row_of(target.id) is not None  # still among the questions
    assert window.queue.current_item().id != target.id  # and the next question is up
    qtbot.waitUntil(lambda: "Vidarebefordrad med e-post" in window.statusBar().currentMessage())


def test_a_bulk_removal_gives_each_item_its_own_flags_reason(qtbot, demo):
    window = open_window(qtbot, demo, ModerationService(demo.sessions, actor=Actor("sofia")))
    key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # flagged
    wait_loaded(qtbot, window)
    model = window.queue.model
    first = model.summary(0)
    other = next(
        r for r in range(model.rowCount()) if model.summary(r).suggested_reason != first.suggested_reason
    )
    window.queue.table.selectionModel().select(
        model.index(other, 0),
        window.queue.table.selectionModel().SelectionFlag.Select
        | window.queue.table.selectionModel().SelectionFlag.Rows,
    )
    chosen = {
        first.id: first.suggested_reason,
        model.summary(other).id: model.summary(other).suggested_reason,
    }
    key(qtbot, window, Qt.Key.Key_R)
    dialog = window.moderation_actions.dialog
    assert isinstance(dialog, RemoveDialog) and dialog.chosen.count() == 2 and dialog.each_own_reason
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: all(status_of(demo, i) == "remove_by_hand" for i in chosen))
    wait_loaded(qtbot, window)
    with demo.sessions() as s:
        reasons = dict(s.execute(select(Decision.item_id, Decision.reason_code)).all())
    assert reasons == chosen
