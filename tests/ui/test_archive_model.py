from __future__ import annotations

from PySide6.QtCore import QModelIndex

from app.services.records.archive import ArchiveFilter, ArchiveService
from app.ui.records.archive_model import PAGE, ArchiveModel
from tests.helpers import moderation as m


def test_the_model_passes_qtmodeltester(qtmodeltester, sqlite_db):
    m.bulk_removals(sqlite_db.sessions, 30)
    model = ArchiveModel()
    model.reset(ArchiveService(sqlite_db.sessions).search(ArchiveFilter(), limit=20))
    qtmodeltester.check(model)


def test_fetch_more_asks_for_the_page_after_the_last_row(qtbot, sqlite_db):
    m.bulk_removals(sqlite_db.sessions, PAGE + 5)
    service = ArchiveService(sqlite_db.sessions)
    model = ArchiveModel()
    first = service.search(ArchiveFilter(), limit=PAGE)
    model.reset(first)
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.page_wanted) as asked:
        model.fetchMore(QModelIndex())
    assert asked.args[0] == first[-1].cursor and not model.canFetchMore(QModelIndex())
    model.append(service.search(ArchiveFilter(), after=asked.args[0], limit=PAGE))
    assert model.rowCount() == PAGE + 5 and not model.canFetchMore(QModelIndex())
