"""A command-line sync lets SQLite's log grow longer between checkpoints (each checkpoint inside
one of its commits copied the same index pages again and fsynced the file: a sixth of a sync
at 100k items, #20) and moves the whole log into the file when it ends, complete or failed.
The pooled connections go back to SQLite's own checkpoints afterwards."""

from __future__ import annotations

import sqlite3

import pytest

from app.services.records.audit import AuditService
from tests.helpers.platforms import running
from tests.services.test_sync import expected_ids, fill, service, stored

SQLITE_DEFAULT_PAGES = 1000  # SQLite's own checkpoint size


def in_the_file(db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Items in the file itself (its log left aside: `immutable`) and with the log."""
    path = db.engine.url.database
    alone = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        (stored_alone,) = alone.execute("SELECT count(*) FROM items").fetchone()
    finally:
        alone.close()
    with db.engine.connect() as con:
        return stored_alone, con.exec_driver_sql("SELECT count(*) FROM items").scalar()


def checkpoint_pages(db) -> set[int]:  # type: ignore[no-untyped-def]
    """The checkpoint size of every connection in the pool."""
    connections = [db.engine.raw_connection() for _ in range(3)]
    try:
        return {c.driver_connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] for c in connections}
    finally:
        for c in connections:
            c.close()


@pytest.mark.parametrize("fails", [False, True], ids=["complete", "failed half-way"])
def test_the_log_is_in_the_file_when_a_sync_ends(sqlite_db, fails):
    with running("facebook") as r:
        fill(r.fake, posts=3, comments=60)
        key = r.add_account(sqlite_db.sessions)
        if fails:
            r.fake.fail_with_broken_json(match="/comments", after=2, times=50)
        [result] = service(sqlite_db.sessions, r.fake).sync(key)
        assert result.ok is not fails
        alone, total = in_the_file(sqlite_db)
        assert alone == total and (total > 0 or fails)
        assert checkpoint_pages(sqlite_db) == {SQLITE_DEFAULT_PAGES}
        r.fake.faults.clear()
        [again] = service(sqlite_db.sessions, r.fake).sync(key)
    assert again.ok, again.message
    ids = stored(sqlite_db.sessions, key)[0]
    assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
    assert AuditService(sqlite_db.sessions).verify().intact
