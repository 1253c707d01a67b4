"""The hook of the audit log, the registrator's list and the rule tester into the queue window,
and the outbox resumed when the window has opened its database."""

from __future__ import annotations

from sqlalchemy import select, update

from app.models import Item, OutboxStep
from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.ui.records.audit_view import AuditView
from app.ui.records.diarienummer_view import DiarienummerView
from app.ui.records.moderation_hooks import install
from app.ui.settings.rule_tester import RuleTester
from tests.helpers.ui import open_window, wait_idle
from tests.helpers.workflow import make_item


def _titles(window, menu):
    return [a.text() for a in window.menus[menu].actions()]


def test_the_views_are_in_the_menus_and_open(qtbot, sqlite_db):
    svc = ModerationService(sqlite_db.sessions, actor=Actor("testare"))
    svc.remove(make_item(sqlite_db.sessions), "personangrepp")
    window = open_window(qtbot, sqlite_db, svc)
    install(window)
    assert {"Granskningslogg…", "Diarienummer…"} <= set(_titles(window, "verktyg"))
    assert "Flaggningsregler…" in _titles(window, "installningar")
    wait_idle(qtbot, window.tasks)
    for title, kind in (
        ("Granskningslogg…", AuditView),
        ("Diarienummer…", DiarienummerView),
        ("Flaggningsregler…", RuleTester),
    ):
        view = window.open_view(title, lambda w, t=title: _factory(w, t))
        assert isinstance(view, kind) and view.isVisible()
        wait_idle(qtbot, window.tasks)
    audit = window.open_view("Granskningslogg…", lambda w: None)  # already open: the same view
    assert audit.model.rowCount() == 2  # the account's registration and the removal


def _factory(window, title):
    action = next(
        a for m in ("verktyg", "installningar") for a in window.menus[m].actions() if a.text() == title
    )
    action.trigger()
    return window.views[title]


def test_an_interrupted_removal_is_resumed_when_the_window_opens(qtbot, sqlite_db, platform, registry):
    item_id = make_item(sqlite_db.sessions, "Ni är idioter", api_base=platform.url)
    svc = ModerationService(sqlite_db.sessions, connectors=registry, actor=Actor("testare"))
    platform.fail_next("hide", 503)
    svc.remove(item_id, "personangrepp")
    with sqlite_db.sessions.begin() as s:  # as if the process had died in the middle of the call
        s.execute(
            update(OutboxStep)
            .where(OutboxStep.step == "platform_remove")
            .values(status="running", claimed_by="annan-dator:1", lease_until=None)
        )
    window = open_window(qtbot, sqlite_db, svc)
    install(window)
    done = lambda: _status(sqlite_db, item_id) == "removed" and bool(platform.replies)  # noqa: E731
    qtbot.waitUntil(done, timeout=10_000)
    wait_idle(qtbot, window.tasks)
    assert platform.count("hide") == 2 and len(platform.replies) == 1


def _status(db, item_id):
    with db.sessions() as s:
        return s.scalar(select(Item.status).where(Item.id == item_id))
