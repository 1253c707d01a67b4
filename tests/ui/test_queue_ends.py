"""Ctrl+End and Ctrl+Home in a long queue: either end at once, the rows between never read."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.services.intake.demo import load_demo
from app.services.queue.listing import QueueFilter, QueueService
from app.ui.queue.model import QueueModel
from app.ui.queue.view import QueueView
from app.ui.tasks import TaskManager
from tests.helpers.ui import wait_idle


class CountingService(QueueService):
    """The real service, counting the pages the window asks it for."""

    pages = 0

    def page(self, *args: Any, **kwargs: Any) -> Any:
        self.pages += 1
        return super().page(*args, **kwargs)


@pytest.fixture
def tasks(qtbot):
    manager = TaskManager()
    yield manager
    manager.shutdown()


@pytest.fixture
def long_queue(sqlite_db):
    load_demo(sqlite_db.sessions, 3000)
    return sqlite_db


def _order(service: QueueService, f: QueueFilter) -> list[int]:
    return [s.id for s in service.page(f, limit=100_000)]


def test_ctrl_end_shows_the_last_item_without_reading_the_rows_between(qtbot, long_queue, tasks):
    service = CountingService(long_queue.sessions)
    view = QueueView(service, tasks)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.load()
    qtbot.waitUntil(lambda: view.current_item() is not None)
    order = _order(service, view.queue_filter())
    assert len(order) > 1000  # a long queue: pages of 100 from the top would take many reads
    service.pages = 0

    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.current_item() is not None and view.current_item().id == order[-1])
    wait_idle(qtbot, tasks)
    current = view.table.currentIndex()
    assert view.table.viewport().rect().intersects(view.table.visualRect(current))  # shown
    assert service.pages < 3
    assert view.model.rowCount() < 300

    view.select_row(0)  # K on the first row of the end's window: the item before it
    view.move(-1)
    qtbot.waitUntil(lambda: view.current_item() is not None and view.current_item().id == order[-101])

    qtbot.keyClick(view.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.current_item() is not None and view.current_item().id == order[0])
    assert view.table.viewport().rect().intersects(view.table.visualRect(view.table.currentIndex()))
    assert not view.model.tail


def test_scrolling_up_from_the_end_reads_every_earlier_item_once_in_order(qtbot, long_queue, tasks):
    service = QueueService(long_queue.sessions)
    f = QueueFilter(statuses=("new", "flagged"))
    model = QueueModel(service, tasks, page_size=250)
    model.set_filter(f)
    wait_idle(qtbot, tasks)
    with qtbot.waitSignal(model.page_loaded):
        model.show_end()
    assert model.tail and not model.canFetchMore()
    while model.fetch_earlier():
        with qtbot.waitSignal(model.page_loaded):
            pass
    assert [model.item_id(r) for r in range(model.rowCount())] == _order(service, f)
