"""A decision never waits for the network: it is saved and shown while a sync waits on a slow
platform, and before its own platform step has an answer (bench/responsiveness.py measures it)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Decision, Evidence, Item
from app.services.accounts.connections import CredentialService
from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.facade import ModerationService
from tests.helpers.platform import fake_registry
from tests.helpers.platforms import running
from tests.helpers.ui import open_window, wait_loaded
from tests.helpers.workflow import make_item


def status_of(db, item_id):
    with db.sessions() as session:
        return session.scalar(select(Item.status).where(Item.id == item_id))


@pytest.mark.keyring
def test_a_keep_during_a_slow_sync_is_saved_and_shown_while_the_sync_still_waits(
    qtbot, sqlite_db, secret_service
):
    load_demo(sqlite_db.sessions, 50)
    with running("facebook") as r:
        r.fake.store.add_thread(r.fake.store.add_post(), 20)
        r.add_account(sqlite_db.sessions, "fb-sync")  # beside the demo's accounts, which have no token
        CredentialService(sqlite_db.sessions).set_token("fb-sync", r.fake.token)
        window = open_window(qtbot, sqlite_db, ModerationService(sqlite_db.sessions, actor=Actor("sofia")))
        target = window.queue.current_item()
        r.fake.fail_slowly(3.0, match="/comments")
        window.sync.sync_now()
        qtbot.waitUntil(lambda: r.fake.count("/comments") >= 1)  # the slow page is asked for

        started = time.monotonic()
        with qtbot.waitSignal(window.moderation_actions.decided, timeout=10_000):
            qtbot.keyClick(window.queue.table, Qt.Key.Key_O)
        took = time.monotonic() - started
        assert window.sync.running  # the platform has still not answered...
        assert took < 1.0  # ...and the Keep did not wait for it (it waited the 3 s before)
        assert status_of(sqlite_db, target.id) == "kept"
        assert window.queue.model.row_of(target.id) is None
        assert window.queue.current_item().id != target.id  # the next item is up

        qtbot.waitUntil(lambda: not window.sync.running, timeout=20_000)
    assert window.statusBar().currentMessage().startswith("Hämtat: 20 nya")  # the 20 comments, not the post


def test_a_removal_is_saved_and_shown_before_the_platform_answers(qtbot, sqlite_db, platform):
    item_id = make_item(sqlite_db.sessions, api_base=platform.url)  # "Ni är idioter allihop"
    moderation = ModerationService(sqlite_db.sessions, connectors=fake_registry(), actor=Actor("sofia"))
    window = open_window(qtbot, sqlite_db, moderation)
    window.queue.tabs.setCurrentIndex(1)  # Flaggade: the insult was flagged at import
    wait_loaded(qtbot, window)
    assert window.queue.current_item().id == item_id
    answer = platform.hold("hide")
    try:
        qtbot.keyClick(window.queue.table, Qt.Key.Key_R)
        dialog = window.moderation_actions.dialog
        with qtbot.waitSignal(window.moderation_actions.decided, timeout=5_000) as decided:
            qtbot.keyClick(dialog.reasons, Qt.Key.Key_Return)
        # The evidence and the decision are committed and the window has moved on, while the
        # platform still holds its answer to the hide.
        [outcome] = decided.args[0].outcomes
        assert (outcome.status, outcome.pending) == ("pending_platform", True)
        assert platform.count("hide") == 0
        with sqlite_db.sessions() as session:
            assert session.scalar(select(Decision.action).where(Decision.item_id == item_id)) == "remove"
            assert session.scalar(select(Evidence.id).where(Evidence.item_id == item_id)) is not None
        assert window.queue.model.row_of(item_id) is None
        assert "plattformen ombeds ta bort" in window.statusBar().currentMessage()
    finally:
        answer.set()
    with qtbot.waitSignal(window.moderation_actions.carried_out, timeout=10_000) as carried:
        pass
    [outcome] = carried.args[0].outcomes
    assert outcome.status == "removed" and platform.count("hide") == 1
    assert window.statusBar().currentMessage().startswith("Borttagen och diarieförd")
    assert status_of(sqlite_db, item_id) == "removed"
