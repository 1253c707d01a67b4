"""#20: a large command-line sync into a small table sets the items' plain indexes aside once it
has brought as many new rows as the table held, and builds them again when its writing ends
(app/services/intake/sync_indexes.py). After a complete sync, a failed one and a killed one the
schema is a freshly migrated database's, the next sync and a decision work, and the audit
chain verifies. The window's sync and a small sync into a fuller table keep their indexes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.cli import main
from app.models import Item, ItemStatus
from app.models.bulk_indexes import KEPT
from app.models.db import open_database
from app.services.context import Actor
from app.services.intake import sync_indexes
from app.services.intake.sync_indexes import IndexesAside
from app.services.moderation.facade import ModerationService
from app.services.writer_turns import WaitingWrites
from tests.helpers.platforms import running
from tests.services.test_import_indexes_set_aside import PLAIN, _fresh, _schema, _watched
from tests.services.test_sync import expected_ids, fill, service, stored


@pytest.fixture
def small_floor(monkeypatch):
    monkeypatch.setattr(sync_indexes, "FLOOR", 30)


def _db(tmp_path):  # type: ignore[no-untyped-def]
    return open_database(f"sqlite:///{tmp_path / 'g.db'}")


def _tables(tmp_path) -> set[str]:  # type: ignore[no-untyped-def]
    import sqlite3

    con = sqlite3.connect(tmp_path / "g.db")
    try:
        return {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()


def _keep_one(db) -> None:  # type: ignore[no-untyped-def]
    """A person's decision on a synced comment: stored, and its status is the new one."""
    with db.sessions() as s:
        item_id = s.scalar(select(Item.id).where(Item.kind == "comment").order_by(Item.id))
    outcome = ModerationService(db.sessions, actor=Actor("anna")).keep(item_id)
    assert outcome.status == ItemStatus.KEPT, outcome.message
    with db.sessions() as s:
        assert s.get(Item, item_id).status == ItemStatus.KEPT


def _verified(tmp_path) -> bool:  # type: ignore[no-untyped-def]
    return main(["--db", f"sqlite:///{tmp_path / 'g.db'}", "audit", "verify"]) == 0


def test_a_large_sync_builds_the_indexes_it_set_aside_and_leaves_the_migrated_schema(tmp_path, small_floor):
    db = _db(tmp_path)
    try:
        with running("facebook") as r:
            fill(r.fake, posts=4, comments=25)
            key = r.add_account(db.sessions)
            seen = _watched(db)
            [result] = service(db.sessions, r.fake).sync(key)
            assert result.ok, result.message
            ids = stored(db.sessions, key)[0]
            assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
            dropped = {s.split('"')[1] for s in seen if s.startswith("DROP INDEX")}
            built = {s.split()[2] for s in seen if s.startswith("CREATE INDEX")}
            assert dropped == built == PLAIN
            # The next sync of the same comments: updates, nothing new, nothing set aside.
            seen.clear()
            [again] = service(db.sessions, r.fake).sync(key)
            assert again.ok and again.created == 0 and seen == []
            _keep_one(db)
    finally:
        db.dispose()
    assert _schema(tmp_path / "g.db") == _fresh(tmp_path)
    assert KEPT not in _tables(tmp_path)
    assert _verified(tmp_path)


def test_a_sync_that_fails_half_way_builds_its_indexes_and_the_next_one_works(tmp_path, small_floor):
    db = _db(tmp_path)
    try:
        with running("facebook") as r:
            fill(r.fake, posts=6, comments=25)
            key = r.add_account(db.sessions)
            seen = _watched(db)
            r.fake.fail_with_broken_json(match="/comments", after=12, times=50)
            [failed] = service(db.sessions, r.fake).sync(key)
            assert not failed.ok and failed.created > 30
            assert any(s.startswith("DROP INDEX") for s in seen)  # set aside before the failure
            assert _schema(tmp_path / "g.db") == _fresh(tmp_path)
            assert KEPT not in _tables(tmp_path)
            _keep_one(db)
            r.fake.faults.clear()
            [done] = service(db.sessions, r.fake).sync(key)
            assert done.ok, done.message
            ids = stored(db.sessions, key)[0]
            assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
    finally:
        db.dispose()
    assert _schema(tmp_path / "g.db") == _fresh(tmp_path)
    assert _verified(tmp_path)


def test_indexes_a_killed_sync_left_aside_are_built_at_the_next_opening(tmp_path, small_floor, monkeypatch):
    db = _db(tmp_path)
    try:
        with running("facebook") as r:
            fill(r.fake, posts=4, comments=25)
            key = r.add_account(db.sessions)
            # Killed after its last part: nothing builds what it set aside.
            monkeypatch.setattr(IndexesAside, "restore", lambda self: None)
            [result] = service(db.sessions, r.fake).sync(key)
            assert result.ok, result.message
    finally:
        db.dispose()
    assert KEPT in _tables(tmp_path)
    assert not PLAIN & {n for (_t, n) in _schema(tmp_path / "g.db")}
    reopened = _db(tmp_path)
    try:
        assert any("lagt åt sidan har byggts (10)" in m for m in reopened.messages)
        _keep_one(reopened)
    finally:
        reopened.dispose()
    assert _schema(tmp_path / "g.db") == _fresh(tmp_path)
    assert KEPT not in _tables(tmp_path)
    assert _verified(tmp_path)


def test_the_next_syncs_first_part_builds_what_a_killed_sync_left_aside(tmp_path, small_floor, monkeypatch):
    db = _db(tmp_path)
    try:
        with running("facebook") as r:
            fill(r.fake, posts=4, comments=25)
            key = r.add_account(db.sessions)
            with monkeypatch.context() as killed:
                killed.setattr(IndexesAside, "restore", lambda self: None)
                [first] = service(db.sessions, r.fake).sync(key)
            assert first.ok and KEPT in _tables(tmp_path)
            fill(r.fake, posts=1, comments=5)  # something new for the next sync to write
            [second] = service(db.sessions, r.fake).sync(key)
            assert second.ok and second.created == 6
    finally:
        db.dispose()
    assert _schema(tmp_path / "g.db") == _fresh(tmp_path)
    assert _verified(tmp_path)


@pytest.mark.parametrize("case", ["window", "small into fuller"])
def test_the_windows_sync_and_a_small_sync_into_a_fuller_table_keep_their_indexes(
    tmp_path, small_floor, case
):
    db = _db(tmp_path)
    try:
        with running("facebook") as r:
            fill(r.fake, posts=4, comments=25)
            key = r.add_account(db.sessions)
            if case == "small into fuller":
                [result] = service(db.sessions, r.fake).sync(key)  # 100 rows, set aside and built
                assert result.ok
                fill(r.fake, posts=2, comments=30)  # 62 new rows into 104: fewer than were there
            seen = _watched(db)
            give_way = WaitingWrites() if case == "window" else None
            [result] = service(db.sessions, r.fake, give_way=give_way).sync(key)
            assert result.ok and result.created > 30
            assert not [s for s in seen if s.startswith(("DROP INDEX", "CREATE INDEX"))]
    finally:
        db.dispose()
    assert _schema(tmp_path / "g.db") == _fresh(tmp_path)


def test_a_large_sync_on_either_database_stores_everything_and_postgresql_keeps_its_indexes(
    database, small_floor
):
    with running("facebook") as r:
        fill(r.fake, posts=4, comments=25)
        key = r.add_account(database.sessions)
        seen = _watched(database)
        [result] = service(database.sessions, r.fake).sync(key)
        assert result.ok, result.message
        ids = stored(database.sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
    indexes = [s for s in seen if s.startswith(("DROP INDEX", "CREATE INDEX"))]
    assert bool(indexes) == (database.engine.dialect.name == "sqlite")
    _keep_one(database)


def test_a_sync_that_cannot_set_its_indexes_aside_goes_on_with_them(tmp_path, small_floor, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def locked(_connection):  # type: ignore[no-untyped-def]
        raise OperationalError("DROP INDEX", {}, Exception("database is locked"))

    monkeypatch.setattr(sync_indexes, "set_aside_kept", locked)
    db = _db(tmp_path)
    try:
        with running("facebook") as r:
            fill(r.fake, posts=4, comments=25)
            key = r.add_account(db.sessions)
            [result] = service(db.sessions, r.fake).sync(key)
            assert result.ok, result.message
            ids = stored(db.sessions, key)[0]
            assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
            _keep_one(db)
    finally:
        db.dispose()
    assert _schema(tmp_path / "g.db") == _fresh(tmp_path)
    assert _verified(tmp_path)
