"""What waits for a person, done in the window: confirm a removal made by hand, mark a notice
or answer posted by hand (detail pane and Verktyg → Att göra för hand), see failed platform
steps and e-mails and try them again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from sqlalchemy import select

from app.models import Item, Notice
from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from app.services.records.audit import AuditService
from app.ui.queue import by_hand_hooks
from app.ui.queue.by_hand_view import ByHandView
from tests.helpers.ui import open_window, show_loaded, wait_idle, wait_loaded
from tests.helpers.workflow import make_item, service


@pytest.fixture
def demo(sqlite_db):
    load_demo(sqlite_db.sessions, 60)
    return sqlite_db


def status_of(db, item_id):
    with db.sessions() as session:
        return session.get(Item, item_id).status


def open_with_hooks(qtbot, db, moderation):
    window = open_window(qtbot, db, moderation)
    by_hand_hooks.install(window)  # as app/ui/main.py does through the moderation views' hook
    window.detail.link_requested.disconnect()  # no browser here: the test listens instead
    return window


def show_item(qtbot, window, queue_key, item_id):
    qtbot.keyClick(window.queue.table, queue_key, Qt.KeyboardModifier.ControlModifier)
    wait_loaded(qtbot, window)
    window.queue.select_row(window.queue.model.row_of(item_id))
    qtbot.waitUntil(lambda: window.detail.data is not None and window.detail.data.detail.item.id == item_id)
    wait_loaded(qtbot, window)


def test_the_detail_pane_confirms_a_removal_made_by_hand(qtbot, demo):
    moderation = ModerationService(demo.sessions, actor=Actor("sofia"))
    window = open_with_hooks(qtbot, demo, moderation)
    target = window.queue.current_item()
    moderation.remove(target.id, "personangrepp")  # demo accounts have no connector: by hand
    show_item(qtbot, window, Qt.Key.Key_4, target.id)
    bar = window.detail.by_hand
    assert bar.isVisible() and bar.confirm.isVisible() and not bar.posted.isVisible()
    with qtbot.waitSignal(window.detail.link_requested) as opened:
        qtbot.mouseClick(bar.open, Qt.MouseButton.LeftButton)
    assert opened.args[0].toString() == target.permalink
    qtbot.mouseClick(bar.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status_of(demo, target.id) == "removed")
    wait_loaded(qtbot, window)
    assert window.queue.model.row_of(target.id) is None  # no longer waiting
    assert AuditService(demo.sessions).verify().intact


def test_the_detail_pane_marks_an_answer_posted_by_hand(qtbot, demo):
    moderation = ModerationService(demo.sessions, actor=Actor("sofia"))
    window = open_with_hooks(qtbot, demo, moderation)
    target = window.queue.current_item()
    moderation.answer(target.id, "Hej! Svaret finns på vadstena.se.")
    assert status_of(demo, target.id) == "answer_pending"
    show_item(qtbot, window, Qt.Key.Key_4, target.id)
    bar = window.detail.by_hand
    assert bar.posted.isVisible() and not bar.confirm.isVisible()
    assert "Svaret finns på vadstena.se." in bar.what.text()
    qtbot.keyClicks(bar.link, "https://social.example/svar/1")
    qtbot.mouseClick(bar.posted, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status_of(demo, target.id) == "answered")
    with demo.sessions() as s:
        notice = s.scalars(select(Notice).where(Notice.item_id == target.id)).one()
    assert (notice.status, notice.platform_ref) == ("posted", "https://social.example/svar/1")
    assert notice.posted_at is not None


def test_the_by_hand_list_shows_what_waits_and_retries_failed_steps(qtbot, database, platform, registry):
    svc = service(database, connectors=registry)
    by_hand = make_item(database.sessions, "Idiot", account="intranat")  # no connector
    service(database).remove(by_hand, "personangrepp")
    to_post = make_item(database.sessions, "När öppnar badet?", account="intranat")
    service(database).answer(to_post, "Hej! I juni.")
    failing = make_item(database.sessions, "Jävla idioter", api_base=platform.url)
    platform.fail_next("hide", 503)
    svc.remove(failing, "svordomar")

    view = show_loaded(qtbot, ByHandView(svc))
    kinds = {(t.kind, t.item_id) for t in view.tasks_shown}
    assert kinds == {("remove", by_hand), ("post", to_post), ("retry", failing)}
    failed_row = next(r for r, t in enumerate(view.tasks_shown) if t.kind == "retry")
    assert "503" in view.table.item(failed_row, 4).text()
    view.table.selectRow(next(r for r, t in enumerate(view.tasks_shown) if t.kind == "post"))
    assert view.posted.isEnabled() and view.copy_text.isEnabled() and not view.confirm.isEnabled()
    view.copy_text.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text().startswith("Hej! I juni.")

    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.retry.click()
    wait_idle(qtbot, view._tasks)
    assert status_of(database, failing) == "removed"
    assert {t.kind for t in view.tasks_shown} == {"remove", "post"}
    assert "2 steg klara" in view.status.text()  # the hide, then its notice in the thread

    view.table.selectRow(next(r for r, t in enumerate(view.tasks_shown) if t.kind == "remove"))
    with qtbot.waitSignal(view.changed, timeout=30_000):
        view.confirm.click()
    assert status_of(database, by_hand) == "removed"
    assert AuditService(database.sessions).verify().intact


def test_ctrl_h_opens_the_list_and_no_window_shortcut_is_taken_twice(qtbot, demo):
    window = open_with_hooks(qtbot, demo, ModerationService(demo.sessions, actor=Actor("sofia")))
    qtbot.keyClick(window.queue.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(isinstance(v, ByHandView) and v.isVisible() for v in window.views.values()))
    keys = []
    from PySide6.QtGui import QAction

    for act in window.findChildren(QAction):
        keys += [s.toString() for s in act.shortcuts() if not s.isEmpty()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert QKeySequence("Ctrl+H").toString() in keys
