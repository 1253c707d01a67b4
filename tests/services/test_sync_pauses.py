"""A sync in the window stops fetching while a person's write waits for the writer or runs
(app/services/writer_turns.py, app/core/pause_points.py): it goes on afterwards and stores
everything once, and a cancel during such a pause ends the sync."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.core.errors import ErrorKind
from app.core.pause_points import pausing
from app.models import Item
from app.models.wal_checkpoint import checkpoint
from app.services import writer_turns
from app.services.accounts.accounts import AccountService
from app.services.accounts.platforms import ConnectorRegistry
from app.services.intake.importer import ImportService
from app.services.intake.sync import SyncService
from app.services.records.audit import AuditService
from app.services.writer_turns import WaitingWrites
from tests.helpers.items import record, write_jsonl
from tests.helpers.platforms import quick_options, running
from tests.services.test_sync import expected_ids, fill, stored


class _SeenPausing(WaitingWrites):
    """Says when the sync's fetching first waits for the writes."""

    def __init__(self) -> None:
        super().__init__()
        self.paused = threading.Event()

    def pause(self, cancelled=None) -> None:
        if self():
            self.paused.set()
        super().pause(cancelled)


def syncing(sessions, fake, waiting: WaitingWrites) -> SyncService:
    registry = ConnectorRegistry(lambda _a: fake.token, quick_options(None, read_timeout=2.0, page_size=10))
    return SyncService(sessions, registry, batch_size=40, write_budget=10.0, give_way=waiting)


def in_thread(fn) -> tuple[threading.Thread, list]:
    out: list = []
    thread = threading.Thread(target=lambda: out.extend(fn()), name="sync")
    thread.start()
    return thread, out


@pytest.fixture
def long_pauses(monkeypatch):
    """A pause lasts as long as the write it waits for (not cut short by LONGEST_PAUSE_S)."""
    monkeypatch.setattr(writer_turns, "LONGEST_PAUSE_S", 3600.0)


def test_a_sync_waits_for_a_persons_write_then_stores_everything_once(database, long_pauses):
    with running("facebook") as r:
        fill(r.fake, posts=3, comments=30)
        key = r.add_account(database.sessions)
        waiting = _SeenPausing()
        waiting.arrived()  # a decision handed to the writer, not yet run
        thread, results = in_thread(lambda: syncing(database.sessions, r.fake, waiting).sync(key))
        assert waiting.paused.wait(30)
        asked_while_waiting = len(r.fake.requests)
        waiting.started()
        waiting.finished()
        thread.join(60)
        assert not thread.is_alive()
        assert asked_while_waiting == 0  # the platform was not asked before the decision ran
        [result] = results
        assert result.ok, result.message
        ids = stored(database.sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
        assert result.created == len(ids)
        assert AuditService(database.sessions).verify().intact


def test_a_sync_cancelled_while_it_waits_for_a_write_ends_and_the_next_one_stores_everything(
    database, long_pauses
):
    with running("facebook") as r:
        fill(r.fake, posts=3, comments=30)
        key = r.add_account(database.sessions)
        waiting = _SeenPausing()
        waiting.arrived()  # a long write: it runs on past the cancel
        cancel = threading.Event()
        service = syncing(database.sessions, r.fake, waiting)
        thread, results = in_thread(lambda: service.sync(key, should_stop=cancel.is_set))
        assert waiting.paused.wait(30)
        cancel.set()
        thread.join(60)
        assert not thread.is_alive()  # ended while the write still ran
        [result] = results
        assert not result.ok and result.error_kind == ErrorKind.CANCELLED
        waiting.started()
        waiting.finished()

        [again] = syncing(database.sessions, r.fake, waiting).sync(key)
        assert again.ok, again.message
        ids = stored(database.sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
        assert AuditService(database.sessions).verify().intact


def test_a_write_left_counted_holds_a_sync_up_once_only(database):
    """A write that never says it finished (or one that runs for minutes) does not stop the sync."""
    with running("facebook") as r:
        fill(r.fake, posts=3, comments=30)
        key = r.add_account(database.sessions)
        waiting = WaitingWrites()
        waiting.arrived()
        [result] = syncing(database.sessions, r.fake, waiting).sync(key)
        assert result.ok, result.message
        assert set(stored(database.sessions, key)[0]) == expected_ids("facebook", r.fake)


def test_checkpoints_stopped_by_writes_lose_nothing_and_the_log_still_moves_in(sqlite_db, tmp_path):
    """Writes handed over at any moment of the sync's checkpoints (app/models/wal_checkpoint.py):
    whether a checkpoint ran through or stopped, the file has every row, a later checkpoint
    moves the whole log in, and the audit chain holds."""
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "Vadstena kommun")
    with sqlite_db.engine.connect() as con:
        con.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
    waiting = WaitingWrites()
    done = threading.Event()

    def presses() -> None:
        while not done.is_set():
            waiting.arrived()
            waiting.started()
            waiting.finished()

    presser = threading.Thread(target=presses)
    presser.start()
    try:
        with pausing(None, waiting.interruptible):
            for n in range(20):
                lines = [record(f"c{n}-{i}", text=f"Kommentar {n} {i} om simhallen") for i in range(30)]
                ImportService(sqlite_db.sessions).import_file(write_jsonl(tmp_path / f"{n}.jsonl", lines))
                checkpoint(sqlite_db.sessions)
    finally:
        done.set()
        presser.join()
    with sqlite_db.engine.connect() as con:
        busy, log, moved = con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        assert busy == 0 and log == moved
    with sqlite_db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 20 * 30
    assert AuditService(sqlite_db.sessions).verify().intact
