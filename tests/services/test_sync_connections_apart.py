"""A sync in the window writes its parts on connections of its own
(app/models/connections_apart.py): a part stopped for a decision throws its own connection away,
never one the window's decisions use, so the decision pressed then runs on a connection that was
already open (no schema read again, no statement prepared anew); and a sync that fails leaves
none of its connections open."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import event, select

from app.models import Item, ItemStatus
from app.models.db import create_db_engine
from app.services.context import Actor
from app.services.intake.importer import ImportService
from app.services.moderation.facade import ModerationService
from app.services.records.audit import AuditService
from app.services.writer_turns import WaitingWrites
from tests.helpers.items import record, write_jsonl
from tests.helpers.platforms import running
from tests.services.test_sync import expected_ids, fill, stored
from tests.services.test_sync_gives_way import _CountingImports, stored_item, syncing
from tests.services.test_sync_interrupted import _PressOnSecondLook, slow_inserts_until_decided


class SyncConnections:
    """The real engines a sync opens for its parts (app/models/connections_apart.py), their
    connections watched as they open and close."""

    def __init__(self, monkeypatch) -> None:
        import app.models.connections_apart as apart

        self.engines: list[object] = []
        self.open: set[int] = set()
        self.closed = 0
        monkeypatch.setattr(apart, "create_db_engine", self._create)

    def _create(self, url, **kw):
        engine = create_db_engine(url, **kw)
        engine.dispose()  # the one it opened to check the journal mode: closed, not counted
        event.listen(engine, "connect", lambda dbapi, _r: self.open.add(id(dbapi)))
        event.listen(engine, "close", self._close)
        self.engines.append(engine)
        return engine

    def _close(self, dbapi, _record) -> None:
        self.open.discard(id(dbapi))
        self.closed += 1


def test_a_part_stopped_for_a_decision_never_closes_a_connection_the_decision_uses(
    sqlite_db, tmp_path, monkeypatch
):
    """Nor one of its own before the decision has run: it is rolled back on the writer and
    closed by the sync afterwards (closing it cost the decision 0.5 ms at a million items)."""
    database = sqlite_db
    sync_connections = SyncConnections(monkeypatch)
    engine = database.engine
    with running("facebook") as r:
        fill(r.fake, posts=2, comments=30)
        key = r.add_account(database.sessions)
        first = stored_item(database, tmp_path, key)
        second = stored_item_two(database, tmp_path, key)
        moderation = ModerationService(database.sessions, actor=Actor("anna"))
        moderation.keep(second)  # the window has made a decision before: its connection is open
        slow_inserts_until_decided(database.sessions, before=2)
        with database.sessions.begin() as s:  # slow until `first` is decided (one was before)
            sql = s.connection().exec_driver_sql
            sql("DROP TRIGGER slow_until_decided")
            sql(
                "CREATE TRIGGER slow_until_decided AFTER INSERT ON items "
                f"WHEN (SELECT count(*) FROM items) > 7 AND NOT EXISTS "
                f"(SELECT 1 FROM decisions WHERE item_id = {first}) "
                "BEGIN SELECT count(*) FROM slow_rows a, slow_rows b; END"
            )
        thrown_away: list[object] = []
        opened: list[object] = []
        event.listen(engine, "invalidate", lambda *a: thrown_away.append(a))
        event.listen(engine, "connect", lambda *a: opened.append(a))
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        waiting = _PressOnSecondLook()
        opened_by_decision: list[int] = []
        closed_before_decision: list[int] = []

        def press() -> None:
            time.sleep(0.3)  # the sync's part is inside its slow statement by now

            def decide() -> None:
                waiting.started()
                closed_before_decision.append(sync_connections.closed)
                before = len(opened)
                moderation.keep(first)
                opened_by_decision.append(len(opened) - before)
                waiting.finished()

            waiting.arrived()
            writer.submit(decide).result()

        waiting.press = press
        importer = _CountingImports(database.sessions)
        service = syncing(
            database.sessions,
            r.fake,
            importer=importer,
            give_way=waiting,
            write=lambda fn: writer.submit(fn).result(),
        )
        [result] = service.sync(key)
        writer.shutdown()
        assert result.ok, result.message
        assert importer.parts[:2] == [0, 10]  # the part was stopped, and written again
        # The part's connection was the sync's own: none of the window's was closed, and the
        # decision opened none (it ran on one that had run decisions before).
        assert thrown_away == []
        assert opened_by_decision == [0]
        assert closed_before_decision == [0]
        assert sync_connections.closed >= 1 and sync_connections.open == set()  # closed after
        ids = stored(database.sessions, key)[0]
        assert set(ids) == expected_ids("facebook", r.fake) | {"own1", "own2"}
        assert len(ids) == len(set(ids))
        with database.sessions() as s:
            assert s.get(Item, first).status == ItemStatus.KEPT
            third = s.scalars(select(Item.id).where(Item.status == ItemStatus.NEW)).first()
        moderation.keep(third)  # the next ordinary decision
        assert AuditService(database.sessions).verify().intact


def stored_item_two(database, tmp_path, key: str) -> int:
    line = record("own2", account=key, platform=None, text="Biblioteket har öppet")
    ImportService(database.sessions).import_file(write_jsonl(tmp_path / "two.jsonl", [line]))
    with database.sessions() as s:
        return int(s.scalars(select(Item.id).where(Item.external_id == "own2")).one())


def test_a_sync_that_fails_in_the_window_leaves_none_of_its_own_connections_open(sqlite_db, monkeypatch):
    sync_connections = SyncConnections(monkeypatch)
    engines, opened = sync_connections.engines, sync_connections.open
    with running("facebook") as r:
        fill(r.fake, posts=2, comments=30)
        key = r.add_account(sqlite_db.sessions)
        turns: list[int] = []
        during: list[int] = []

        def write(fn):
            turns.append(1)
            if len(turns) == 3:
                during.append(len(opened))
                raise RuntimeError("the writer stopped")
            return fn()

        service = syncing(sqlite_db.sessions, r.fake, write=write, give_way=WaitingWrites())
        with pytest.raises(RuntimeError):
            service.sync(key)
        assert len(engines) == 1 and during[0] >= 1  # the parts wrote on connections of their own
        assert opened == set()  # all closed when the sync failed
        with sqlite_db.sessions() as s:
            open_item = s.scalars(select(Item.id).where(Item.status == ItemStatus.NEW)).first()
        assert open_item is not None  # the parts before the failure are stored
        ModerationService(sqlite_db.sessions, actor=Actor("anna")).keep(open_item)
        assert AuditService(sqlite_db.sessions).verify().intact
        # A sync after it works, on connections of its own again, closed when it ends.
        [result] = syncing(sqlite_db.sessions, r.fake, give_way=WaitingWrites()).sync(key)
        assert result.ok, result.message
        assert len(engines) == 2 and opened == set()
        assert set(stored(sqlite_db.sessions, key)[0]) == expected_ids("facebook", r.fake)
