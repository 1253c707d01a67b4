"""A sync in the window moves the SQLite log into the file on its own thread
(app/models/wal_checkpoint.py): the log stays small however long the sync, decisions pressed
in between are kept, and the audit chain holds."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import event, select

from app.models import Item, ItemStatus
from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.services.records.audit import AuditService
from app.services.writer_turns import WaitingWrites
from tests.helpers.platforms import running
from tests.services.test_sync import expected_ids, fill, stored
from tests.services.test_sync_gives_way import stored_item, syncing
from tests.services.test_sync_merges import held


def press_soon(writer, waiting, moderation, item_id, done) -> None:  # type: ignore[no-untyped-def]
    """Godkänn pressed on `item_id` in 50 ms, handed to the writer as the window hands it over
    (counted as waiting first, so that the sync gives way); `done` is set once it is kept."""

    def press() -> None:
        def decide() -> None:
            waiting.started()
            moderation.keep(item_id)
            waiting.finished()

        waiting.arrived()
        writer.submit(decide).result()
        done.set()

    threading.Timer(0.05, press).start()


def test_the_log_stays_small_and_decisions_during_the_sync_are_kept(sqlite_db, tmp_path):
    wal = Path(str(sqlite_db.engine.url.database) + "-wal")
    with running("facebook") as r:
        fill(r.fake, posts=3, comments=120)
        key = r.add_account(sqlite_db.sessions)
        first = stored_item(sqlite_db, tmp_path, key)
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        waiting = WaitingWrites()
        moderation = ModerationService(sqlite_db.sessions, actor=Actor("anna"))
        # The file's own checkpoints off: only the sync's keep the log small.
        with sqlite_db.engine.connect() as con:
            con.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        sizes: list[int] = []
        done = threading.Event()

        def write(fn):
            sizes.append(wal.stat().st_size if wal.exists() else 0)
            return writer.submit(fn).result()

        service = syncing(sqlite_db.sessions, r.fake, write=write, give_way=waiting)
        service._checkpoints._every_s = 0.0  # every part
        press_soon(writer, waiting, moderation, first, done)
        [result] = service.sync(key)
        assert done.wait(10)
        writer.shutdown()
        assert result.ok, result.message
        ids = stored(sqlite_db.sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake) | {"own1"}
        with sqlite_db.sessions() as s:
            assert s.get(Item, first).status == ItemStatus.KEPT
            assert s.scalars(select(Item.id)).all()
        # The log is reused from its start after each checkpoint: it grows by about one part;
        # without the sync's checkpoints (and SQLite's own off) it holds every part written.
        assert max(sizes) - sizes[0] < 400_000, sizes
        assert AuditService(sqlite_db.sessions).verify().intact


def test_no_commit_during_a_sync_in_the_window_moves_the_log_and_each_connection_gets_it_back(
    sqlite_db, tmp_path
):
    """SQLite's own checkpoint (here after 20 pages of log) ran inside whichever commit crossed
    the line: one of the sync's parts, whose commit a decision handed over meanwhile waited for
    (20-40 ms of checkpoint at a million items). During a sync in the window only the sync's
    thread moves the log; afterwards each connection checkpoints again as before."""
    engine = sqlite_db.engine
    wal = Path(str(engine.url.database) + "-wal")
    event.listen(engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA wal_autocheckpoint=20"))
    engine.dispose()  # the connections made from now on checkpoint after 20 pages
    with running("facebook") as r:
        fill(r.fake, posts=3, comments=120)
        key = r.add_account(sqlite_db.sessions)
        first = stored_item(sqlite_db, tmp_path, key)
        with sqlite_db.engine.connect() as con:
            con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the log starts empty
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        waiting = WaitingWrites()
        moderation = ModerationService(sqlite_db.sessions, actor=Actor("anna"))
        done = threading.Event()

        service = syncing(
            sqlite_db.sessions, r.fake, write=lambda fn: writer.submit(fn).result(), give_way=waiting
        )
        service._checkpoints._every_s = float("inf")  # the sync's own never come: only a commit could
        press_soon(writer, waiting, moderation, first, done)
        [result] = service.sync(key)
        assert done.wait(10)
        writer.shutdown()
        assert result.ok, result.message
        # Every part is still in the log: no commit moved it (each would have past 20 pages).
        pages = wal.stat().st_size // 4096
        assert pages > 200, pages
        ids = stored(sqlite_db.sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake) | {"own1"}
        with sqlite_db.sessions() as s:
            assert s.get(Item, first).status == ItemStatus.KEPT
            second = s.scalars(select(Item.id).where(Item.status == ItemStatus.NEW)).first()
        with engine.connect() as con:  # given back, to every pooled connection
            assert con.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 20
        moderation.keep(second)  # the next ordinary decision, which now moves the log itself
        assert AuditService(sqlite_db.sessions).verify().intact


def test_a_sync_that_fails_in_the_window_gives_each_connection_its_checkpoint_back(sqlite_db):
    """A sync stopped by an error of its own (not the platform's) leaves no connection without
    SQLite's checkpoint: the next ordinary commits move the log again."""
    with running("facebook") as r:
        fill(r.fake, posts=2, comments=30)
        key = r.add_account(sqlite_db.sessions)
        turns: list[int] = []

        def write(fn):
            turns.append(1)
            if len(turns) == 3:  # after the turn that holds the index's merges, and a first part
                raise RuntimeError("the writer stopped")
            return fn()

        service = syncing(sqlite_db.sessions, r.fake, write=write, give_way=WaitingWrites())
        with pytest.raises(RuntimeError):
            service.sync(key)
        with sqlite_db.sessions() as s:  # paid and given back all the same (app/models/fts_merges.py)
            assert not held(s.connection())
        # Those pooled during the sync and those made after it (two at once: not the same one).
        with sqlite_db.engine.connect() as one, sqlite_db.engine.connect() as other:
            for con in (one, other):
                assert con.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
        with sqlite_db.sessions() as s:
            open_item = s.scalars(select(Item.id).where(Item.status == ItemStatus.NEW)).first()
        assert open_item is not None  # the first part was stored
        ModerationService(sqlite_db.sessions, actor=Actor("anna")).keep(open_item)
        assert AuditService(sqlite_db.sessions).verify().intact
