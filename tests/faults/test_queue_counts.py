"""#20: the queue's tab counts kept by triggers (SQLite) agree with counting the items, after
decisions, imports, a killed import, and heal at start when an earlier build left them wrong."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from app.models.db import open_database
from app.services.intake.demo import load_demo
from app.services.moderation.demo_decisions import decide_demo_share
from app.services.queue.listing import QueueFilter, QueueService
from tests.faults.test_search_index import _big_file, _granska
from tests.helpers.items import add_accounts

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)  # a period filter: counted from the items themselves


def _kept_and_counted(db, **kw) -> tuple[dict[str, int], dict[str, int]]:  # type: ignore[no-untyped-def]
    service = QueueService(db.sessions)
    return service.queue_counts(QueueFilter(**kw)), service.queue_counts(QueueFilter(since=LONG_AGO, **kw))


def _own_posts(db) -> int:  # type: ignore[no-untyped-def]
    """The demo's own posts: context, in no tab."""
    with db.engine.connect() as con:
        return int(con.exec_driver_sql("SELECT count(*) FROM items WHERE status = 'context'").scalar_one())


def test_kept_counts_follow_imports_and_decisions(sqlite_db):
    load_demo(sqlite_db.sessions, 500)
    kept, counted = _kept_and_counted(sqlite_db)
    posts = _own_posts(sqlite_db)
    assert posts > 0 and kept == counted and kept["new"] + kept["flagged"] == 500 - posts
    decide_demo_share(sqlite_db.sessions, 0.3, batch=25)
    for kw in (
        {},
        {"account_keys": ("facebook",)},
        {"platforms": ("x", "youtube")},
        {"reasons": ("reklam",)},
    ):
        kept, counted = _kept_and_counted(sqlite_db, **kw)
        assert kept == counted, kw
    kept, _ = _kept_and_counted(sqlite_db)
    assert kept["new"] + kept["flagged"] == 350 - posts


def _break(path) -> None:  # type: ignore[no-untyped-def]
    """An earlier build: the update trigger gone, then statuses changed behind its back."""
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER queue_counts_au")
    con.execute("UPDATE items SET status = 'kept' WHERE id IN (SELECT id FROM items LIMIT 7)")
    con.commit()
    con.close()


def test_counts_an_earlier_build_left_wrong_are_recounted_at_start(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    load_demo(db.sessions, 50)
    db.dispose()
    _break(tmp_path / "g.db")
    db = open_database(url)
    try:
        assert any("Köräknarnas utlösare saknades (queue_counts_au)" in x for x in db.messages)
        kept, counted = _kept_and_counted(db)
        assert kept == counted and kept["decided"] == 7
    finally:
        db.dispose()
    assert open_database(url).messages == []


# The statement numbers of tests/faults/test_search_index.py (the same 50,000-line import): the
# insert triggers dropped (1..4), the plain indexes set aside (5..14), the batches inserted
# (15..24), indexed and counted (25..31), the plain indexes built again (32..41).
@pytest.mark.parametrize(
    "fault", ["kill@2", "kill@1:INSERT INTO items_fts(", "kill@28", "raise@20", "kill@3:CREATE INDEX"]
)
def test_a_killed_import_leaves_the_counts_agreeing(tmp_path, fault):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    add_accounts(db.sessions)
    db.dispose()
    killed = _granska(url, "import", str(_big_file(tmp_path / "a.jsonl", 50_000, "alfa")), fault=fault)
    assert killed.returncode == (-9 if fault.startswith("kill") else 1), killed.stderr
    after = _granska(url, "import", str(_big_file(tmp_path / "b.jsonl", 2_000, "beta")))
    assert after.returncode == 0 and "Köräkn" not in after.stderr, after.stderr
    db = open_database(url)
    try:
        assert db.messages == []
        kept, counted = _kept_and_counted(db)
        assert kept == counted and kept["new"] == 2_000
    finally:
        db.dispose()
