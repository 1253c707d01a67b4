"""The window knows who I am (#14): name and roles in the status bar, the queue on my accounts
(the others read-only behind "Visa andra konton", only for roles that may read them, with the
actions off and saying why), Inställningar → Administratörer from lists, and the hand-over
colleague picked from the account's other administrators."""

from __future__ import annotations

import pytest

from app.core.errors import InputError
from app.services.accounts.accounts import AccountService
from app.services.accounts.administrators import AdministratorRegister
from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.ui.queue.action_dialogs import HandOverDialog
from app.ui.settings.administrators_dialog import AdministratorsDialog
from tests.helpers.ui import open_window, wait_loaded
from tests.helpers.workflow import make_item


@pytest.fixture
def team(sqlite_db, monkeypatch):
    """chef; anna administers fb and is also kommunikationschef; bo administers fb; rut is
    registrator; two items on fb, one on yt."""
    s = sqlite_db.sessions
    items = {"fb": make_item(s, "Hej fb", account="fb"), "fb2": make_item(s, "Igen fb", account="fb"),
             "yt": make_item(s, "Hej yt", account="yt")}  # fmt: skip
    AdministratorRegister(s).add("chef", "Cecilia Chef", roles=("förvaltningschef",))
    monkeypatch.setenv("GRANSKA_USER", "chef")
    AdministratorRegister(s).add("anna", "Anna Ek", roles=("administrator", "kommunikationschef"))
    AdministratorRegister(s).add("bo", "Bo Berg", roles=("administrator",))
    AdministratorRegister(s).add("rut", "Rut Registrator", roles=("registrator",))
    AccountService(s).assign("fb", "anna")
    AccountService(s).assign("fb", "bo")
    return sqlite_db, items, monkeypatch


def _window(qtbot, db, monkeypatch, who: str):  # noqa: ANN202
    monkeypatch.setenv("GRANSKA_USER", who)
    window = open_window(qtbot, db, ModerationService(db.sessions, actor=Actor(who)))
    qtbot.waitUntil(lambda: window.team.me is not None, timeout=30_000)
    wait_loaded(qtbot, window)
    return window


def _keys(window) -> list[str]:  # noqa: ANN001
    model = window.queue.model
    return sorted(model.summary(r).account_key for r in range(model.rowCount()))


def test_the_status_bar_says_who_i_am_and_the_queue_shows_my_accounts(qtbot, team):
    db, _items, monkeypatch = team
    window = _window(qtbot, db, monkeypatch, "bo")
    assert window.team.label.text() == "Bo Berg (administratör)"
    assert _keys(window) == ["fb", "fb"]
    assert window.queue.filter_bar.others.isHidden()  # an administrator reads no other account
    assert window.queue.filter_bar.account.itemText(0) == "Alla mina konton"
    assert [
        window.queue.filter_bar.account.itemData(i) for i in range(1, window.queue.filter_bar.account.count())
    ] == ["fb"]


def test_other_accounts_are_read_only_behind_a_filter(qtbot, team):
    db, items, monkeypatch = team
    window = _window(qtbot, db, monkeypatch, "anna")
    assert window.team.label.text() == "Anna Ek (administratör, kommunikationschef)"
    others = window.queue.filter_bar.others
    assert others.isVisible() and not others.isChecked() and _keys(window) == ["fb", "fb"]
    others.setChecked(True)
    qtbot.waitUntil(lambda: _keys(window) == ["fb", "fb", "yt"], timeout=30_000)
    keep = window.moderation_actions.actions["keep"]
    window.queue.select_row(window.queue.model.row_of(items["yt"]))
    qtbot.waitUntil(lambda: not keep.isEnabled())
    assert keep.toolTip() == "Du administrerar inte yt och kan bara läsa posten."
    window.queue.select_row(window.queue.model.row_of(items["fb"]))
    qtbot.waitUntil(keep.isEnabled)
    assert keep.toolTip().startswith("Behåll (O)")


def test_a_registrator_does_not_read_other_accounts_open_queues(qtbot, team):
    """The registrator reads removed and registered items (the Arkiv), not anyone's open queue."""
    db, _items, monkeypatch = team
    window = _window(qtbot, db, monkeypatch, "rut")
    assert window.team.label.text() == "Rut Registrator (registrator)" and _keys(window) == []
    assert window.queue.filter_bar.others.isHidden()
    assert window.queue.filter_bar.queue_filter().account_keys != ()  # never "every account"


def test_the_hand_over_colleague_comes_from_the_accounts_other_administrators(qtbot, team):
    db, items, monkeypatch = team
    window = _window(qtbot, db, monkeypatch, "anna")
    window.queue.select_row(window.queue.model.row_of(items["fb"]))
    qtbot.waitUntil(lambda: window.queue.current_item() is not None)
    window.moderation_actions.start("hand_over")
    dialog = window.moderation_actions.dialog
    assert isinstance(dialog, HandOverDialog)
    assert [dialog.to.itemText(i) for i in range(dialog.to.count())] == ["Bo Berg (bo)"]
    assert dialog.choice()[0] == "bo" and dialog.ok.isEnabled()
    dialog.reject()
    with pytest.raises(InputError, match="Rut Registrator administrerar inte kontot fb"):
        ModerationService(db.sessions, actor=Actor("anna")).hand_over(items["fb"], "rut", "Jäv")
    empty = HandOverDialog(window.queue.selected_items(), window, ())
    qtbot.addWidget(empty)
    assert not empty.ok.isEnabled() and not empty.none.isHidden()


def test_the_forvaltningschef_assigns_from_lists_and_sees_who_can_open_the_credentials(qtbot, team):
    db, _items, monkeypatch = team
    window = _window(qtbot, db, monkeypatch, "chef")
    dialog = AdministratorsDialog(db.sessions, window.tasks, window.team, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    assert dialog.table.item(0, 0).text() == "FB (fb)"
    assert dialog.table.item(0, 1).text() == "Anna Ek (anna), Bo Berg (bo)"
    assert dialog.table.item(0, 2).text() == "(ingen token sparad centralt)"
    assert (
        dialog.table.item(1, 1).text() == "ingen"
        and "har ingen administratör" in dialog.table.item(1, 3).text()
    )
    dialog.account.setCurrentIndex(dialog.account.findData("yt"))
    dialog.person.setCurrentIndex(dialog.person.findData("rut"))
    dialog.assign_chosen()
    qtbot.waitUntil(lambda: dialog.table.item(1, 1).text() == "Rut Registrator (rut)", timeout=30_000)
    assert "bara en administratör" in dialog.table.item(1, 3).text()
    assert dialog.status.text() == "rut administrerar nu yt."

    monkeypatch.setenv("GRANSKA_USER", "bo")
    window.team.reload()
    qtbot.waitUntil(lambda: window.team.me.username == "bo")
    read_only = AdministratorsDialog(db.sessions, window.tasks, window.team, window)
    qtbot.addWidget(read_only)
    assert not read_only.assign.isEnabled() and not read_only.read_only.isHidden()
