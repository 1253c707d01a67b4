from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Registration
from app.ui.records.diarienummer_view import DiarienummerView
from tests.helpers.ui import show_loaded
from tests.helpers.workflow import make_item, service


@pytest.fixture
def view(qtbot, sqlite_db):
    svc = service(sqlite_db)
    svc.remove(make_item(sqlite_db.sessions, "Ni är idioter <b>"), "personangrepp")
    svc.register(make_item(sqlite_db.sessions, "Gatlyktan är trasig"), "atgard", "Felanmälan")
    return show_loaded(qtbot, DiarienummerView(sqlite_db.sessions))


def test_the_registrator_types_the_diarienummer_and_the_row_leaves_the_missing_list(view, qtbot, sqlite_db):
    assert view.table.rowCount() == 2
    assert [view.table.item(r, 2).text() for r in range(2)] == ["Leder till åtgärd", "Borttaget material"]
    assert view.table.item(1, 4).text() == "Ni är idioter <b>" and view.table.item(1, 5).text() == "–"
    assert not view.save_button.isEnabled()
    view.table.selectRow(1)
    assert view.motivation.text() == "Motivering: Kommentaren innehöll personangrepp."
    view.number.setText("KS/2026:41")
    with qtbot.waitSignal(view.saved), qtbot.waitSignal(view.loaded):
        view.number.returnPressed.emit()
    assert view.table.rowCount() == 1
    with sqlite_db.sessions() as s:
        assert (
            s.scalar(select(Registration.diarienummer).where(Registration.criterion == "removal"))
            == "KS/2026:41"
        )
    with qtbot.waitSignal(view.loaded):
        view.only_missing.setChecked(False)
    assert sorted(view.table.item(r, 5).text() for r in range(2)) == ["KS/2026:41", "–"]


def test_a_bad_diarienummer_is_refused_with_a_message(view, qtbot):
    view.table.selectRow(0)
    view.number.setText("inga siffror")
    view.save_button.click()
    qtbot.waitUntil(lambda: bool(view.message.text()))
    assert view.message.text().startswith("Ogiltigt diarienummer")


def test_screenshot(view, tmp_path):
    view.table.selectRow(1)
    view.resize(900, 360)
    assert view.grab().save(str(tmp_path / "diarienummer_view.png"))
