from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument

from app.models.db import open_database
from app.services.intake.demo import load_demo
from app.services.queue.listing import QueueFilter, QueueService
from app.ui.queue.model import PAGE_SIZE, Column, IdRole, ItemRole, QueueModel
from app.ui.tasks import TaskManager
from bench.data import demo_database
from tests.helpers.ui import wait_idle


@pytest.fixture
def tasks(qtbot):
    manager = TaskManager()
    yield manager
    manager.shutdown()


@pytest.fixture
def demo(sqlite_db):
    load_demo(sqlite_db.sessions, 230)
    return sqlite_db


def loaded_model(qtbot, db, tasks, f=None, page_size=50):
    model = QueueModel(QueueService(db.sessions), tasks, page_size=page_size)
    with qtbot.waitSignal(model.page_loaded):
        model.set_filter(f or QueueFilter())
    return model


def test_model_passes_the_model_tester_through_paging_removal_and_refilter(qtbot, qtmodeltester, demo, tasks):
    model = loaded_model(qtbot, demo, tasks)
    qtmodeltester.check(model)  # stays attached: every later change is checked too
    qtbot.waitUntil(lambda: not model.loading)  # the tester itself asked for more
    while model.rowCount() < 100:
        with qtbot.waitSignal(model.page_loaded):
            model.fetchMore(QModelIndex())
    assert model.rowCount() == 100 and model.canFetchMore(QModelIndex())
    ids = [model.item_id(r) for r in (0, 1, 2, 7, 99)]
    model.remove_items(ids)
    assert model.rowCount() == 95 and all(model.row_of(i) is None for i in ids)
    model.refresh_items([model.item_id(0)])
    wait_idle(qtbot, tasks)
    with qtbot.waitSignal(model.page_loaded):
        model.set_filter(QueueFilter(statuses=("flagged",)))
    assert all(model.index(r, 0).data(ItemRole).status == "flagged" for r in range(model.rowCount()))


def test_paging_reaches_every_item_once_in_queue_order(qtbot, demo, tasks):
    model = loaded_model(qtbot, demo, tasks)
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.page_loaded):
            model.fetchMore(QModelIndex())
    ids = [model.item_id(r) for r in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == 230
    times = [model.summary(r).created_at for r in range(model.rowCount())]
    assert times == sorted(times)  # longest waiting first


def test_rows_evicted_from_the_cache_are_read_again_on_demand(qtbot, demo, tasks, monkeypatch):
    import app.ui.queue.model as queue_model

    monkeypatch.setattr(queue_model, "CACHE_SIZE", 60)
    model = loaded_model(qtbot, demo, tasks)
    with qtbot.waitSignal(model.page_loaded):
        model.fetchMore(QModelIndex())
    assert model.summary(0) is None  # evicted: only the ids are kept
    assert model.index(0, Column.AUTHOR).data() == "…"
    with qtbot.waitSignal(model.dataChanged):
        pass  # the placeholder asked for the row; it arrives without blocking
    assert model.summary(0) is not None
    assert model.index(0, Column.AUTHOR).data() == model.summary(0).author_name


def test_display_tooltips_and_roles(qtbot, demo, tasks):
    now = datetime(2030, 1, 1, tzinfo=UTC)
    model = QueueModel(QueueService(demo.sessions), tasks, clock=lambda: now)
    with qtbot.waitSignal(model.page_loaded):
        model.set_filter(QueueFilter(statuses=("flagged",)))
    item = model.summary(0)
    assert model.index(0, 0).data(IdRole) == item.id
    assert model.index(0, Column.CHANNEL).data() == item.account_name
    assert model.index(0, Column.CHANNEL).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, Column.FLAGS).data(Qt.ItemDataRole.DecorationRole) is not None  # never colour alone
    assert model.index(0, Column.FLAGS).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, Column.STATUS).data() == "Flaggad"
    tip = model.index(0, Column.RECEIVED).data(Qt.ItemDataRole.ToolTipRole)
    doc = QTextDocument()
    doc.setHtml(tip)
    assert str(item.created_at.astimezone().year) in doc.toPlainText() and "kl." in doc.toPlainText()


def test_sorting_is_done_by_the_database(qtbot, demo, tasks):
    model = loaded_model(qtbot, demo, tasks, QueueFilter(newest_first=True))
    times = [model.summary(r).created_at for r in range(model.rowCount())]
    assert times == sorted(times, reverse=True)
    newest = QueueService(demo.sessions).page(QueueFilter(newest_first=True), limit=1)[0]
    assert model.item_id(0) == newest.id


@pytest.fixture(scope="module")
def hundred_thousand(tmp_path_factory):
    db = demo_database(tmp_path_factory.mktemp("big") / "granska.db", 100_000)
    yield db
    db.dispose()


def test_first_load_of_100k_items_is_partial(qtbot, hundred_thousand, tasks):
    service = QueueService(hundred_thousand.sessions)
    assert service.count(QueueFilter()) == 100_000
    model = loaded_model(qtbot, hundred_thousand, tasks, page_size=PAGE_SIZE)
    assert model.rowCount() == PAGE_SIZE  # one page, not 100,000 rows
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.page_loaded):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    # The next page follows on from the first in the database's order, nothing skipped.
    expected = service.page(QueueFilter(), limit=2 * PAGE_SIZE)
    assert [model.item_id(r) for r in range(model.rowCount())] == [s.id for s in expected]


def test_a_failed_page_stops_asking_and_reports(qtbot, tmp_path, tasks):
    db = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    service = QueueService(db.sessions)

    def broken(*args, **kwargs):
        from app.core.errors import EnvironmentFault

        raise EnvironmentFault("Databasen är låst.")

    service.page = broken  # type: ignore[method-assign]
    model = QueueModel(service, tasks)
    with qtbot.waitSignal(tasks.failed) as failed:
        model.set_filter(QueueFilter())
    assert failed.args[0] == "Databasen är låst."


def test_a_failed_page_is_reported_in_the_windows_language(qtbot, tmp_path, tasks):
    """#15: the team database gone while a page loads, said in English in the English window."""
    from PySide6.QtCore import QCoreApplication
    from sqlalchemy.engine import make_url

    from app.models.pg_timeouts import DatabaseUnreachable
    from app.ui.translations import install_translators

    db = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    service = QueueService(db.sessions)
    team = make_url("postgresql+psycopg://granska@db.vadstena.se:5432/granska")

    def gone(*args, **kwargs):
        raise DatabaseUnreachable.for_url(team, ConnectionRefusedError("Connection refused"))

    service.page = gone  # type: ignore[method-assign]
    app = QCoreApplication.instance()
    installed = install_translators(app, "en")
    try:
        model = QueueModel(service, tasks)
        with qtbot.waitSignal(tasks.failed) as failed:
            model.set_filter(QueueFilter())
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    assert failed.args[0] == (
        "The team database at db.vadstena.se:5432 cannot be reached (the connection was refused; the server "
        "may be switched off). Check the network or VPN, or ask IT whether the server is running. "
        "Nothing has been changed."
    )
    assert not model.loading and not model.canFetchMore(QModelIndex())
    db.dispose()
