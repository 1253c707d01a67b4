from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from sqlalchemy import select, update

from app.models import AuditEvent
from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.ui.records.audit_view import AuditView
from tests.helpers.ui import show_loaded
from tests.helpers.workflow import add_admin, make_item


@pytest.fixture
def logged(sqlite_db):
    add_admin(sqlite_db.sessions, "erik", "Erik Holm")
    for user, when, text, act in (
        ("erik", datetime(2026, 3, 1, 9, tzinfo=UTC), "Ni är idioter <b>fet</b>", "remove"),
        ("sofia", datetime(2026, 5, 2, 9, tzinfo=UTC), "Tack!", "keep"),
        ("erik", datetime(2026, 5, 20, 9, tzinfo=UTC), "Jävla skämt", "remove"),
    ):
        svc = ModerationService(sqlite_db.sessions, actor=Actor(user, lambda when=when: when))
        item_id = make_item(sqlite_db.sessions, text, account="intranat" if user == "sofia" else "fb")
        svc.remove(item_id, "personangrepp") if act == "remove" else svc.keep(item_id)
    return sqlite_db


@pytest.fixture
def view(qtbot, logged):
    return show_loaded(qtbot, AuditView(logged.sessions))


SETUP = {"Konto tillagt", "Administratör tillagd"}  # what setting the accounts up logged


def _column(view, column):
    """The decisions' rows, without the account register's own events from the set-up."""
    rows = range(view.model.rowCount())
    return [view.model.index(r, column).data() for r in rows if view.model.index(r, 2).data() not in SETUP]


def test_the_log_shows_newest_first_in_stockholm_time(view, qtbot):
    ModelTester(None).check(view.model)  # qtmodeltester without the fixture's own widget
    assert _column(view, 0) == ["2026-05-20 11:00:00", "2026-05-02 11:00:00", "2026-03-01 10:00:00"]
    # The administrator's name from the register; a login not in it stays as it is.
    assert _column(view, 1) == ["Erik Holm", "okänd användare (sofia)", "Erik Holm"]  # not in the register
    assert _column(view, 2) == ["Borttagning beslutad", "Godkänd", "Borttagning beslutad"]
    assert _column(view, 5)[0] == "skäl: Personangrepp eller förolämpning, sätt: dölj"  # names, not codes
    assert view.status.text() == "6 händelser visas"  # and the two accounts' and Erik's


def test_filters_by_action_administrator_account_and_period(view, qtbot):
    with qtbot.waitSignal(view.loaded):
        view.action.setCurrentIndex(view.action.findData("keep"))
    assert _column(view, 1) == ["okänd användare (sofia)"]
    with qtbot.waitSignal(view.loaded):
        view.action.setCurrentIndex(0)
    with qtbot.waitSignal(view.loaded):
        view.actor.setCurrentIndex(view.actor.findData("erik"))
    assert _column(view, 4) == ["FB", "FB"]  # the account's name, not its key
    with qtbot.waitSignal(view.loaded):
        view.actor.setCurrentIndex(0)
    with qtbot.waitSignal(view.loaded):
        view.account.setCurrentIndex(view.account.findText("intranat", Qt.MatchFlag.MatchFixedString))
    assert _column(view, 1) == ["okänd användare (sofia)"]
    with qtbot.waitSignal(view.loaded):
        view.account.setCurrentIndex(0)
    view.since.setDate(datetime(2026, 5, 1).date())
    view.until.setDate(datetime(2026, 5, 19).date())
    with qtbot.waitSignal(view.loaded):
        view.limit_period.setChecked(True)
    assert _column(view, 0) == ["2026-05-02 11:00:00"]


def test_checking_the_chain_names_the_first_broken_entry(view, qtbot, logged):
    with qtbot.waitSignal(view.verified) as good:
        view.check.click()
    assert good.args[0].intact and view.status.text().startswith("Kedjan är hel: 6 händelser")
    with logged.sessions.begin() as s:
        keep = s.scalar(select(AuditEvent.id).where(AuditEvent.action == "keep"))
        s.execute(update(AuditEvent).where(AuditEvent.id == keep).values(actor="mallory"))
    with qtbot.waitSignal(view.verified):
        view.check.click()
    assert view.status.text().startswith(f"Kedjan är bruten: Händelse {keep} (keep")
    assert view.status.textFormat() == Qt.TextFormat.PlainText


def test_screenshot(view, tmp_path):
    view.resize(1100, 420)
    assert view.grab().save(str(tmp_path / "audit_view.png"))
