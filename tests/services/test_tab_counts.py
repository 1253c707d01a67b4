"""The tabs' counts under a search, stopped at a cap, stay equal to a fresh count of the items
after imports, decisions, status changes, a change rolled back and a deletion; on SQLite they
come from the tabs' own full-text index (app/models/tab_search.py) without reading `items`."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import Item
from app.models.fulltext import search_terms
from app.models.tab_search import TABS
from app.services.intake.importer import ImportService
from app.services.moderation.facade import ModerationService
from app.services.queue.capped_counts import queue_counts
from app.services.queue.listing import QUEUES, QueueFilter, QueueService
from tests.helpers.items import add_accounts, record, write_jsonl

CAP = 3
TEXTS = (
    ("fb", "Simhallen är stängd igen"),
    ("fb", "Tack, när öppnar simhallen?"),
    ("ig", "När öppnar simhallens kafé?"),
    ("ig", "Vinn pengar på casino nu"),
    ("fb", "Parkeringstillståndet kostar för mycket"),
    ("ig", "Tack för hjälpen med foo_bar"),
)
SEARCHES = (
    "simhallen", "simhall", "sim", "s", "när öppnar", "tack simh", "casino", "parkeringstill",
    "zzxq", "foo_bar", "ÖPPNAR", "kafé", "é",
    # what a person may type that FTS5 would read as syntax, or as the tabs' own tags
    '"', '" OR 1', 'simhallen" OR tags : q', "q", "a1", "s6e6577", "tags", "{text}", "NEAR(",
    "*", "simhallen*", "-", "AND", "'; DROP TABLE items; --",
)  # fmt: skip


def filters(search: str) -> list[QueueFilter]:
    return [
        QueueFilter(search=search),
        QueueFilter(search=search, account_keys=("fb",)),
        QueueFilter(search=search, platforms=("instagram",)),
        QueueFilter(search=search, account_keys=("fb",), platforms=("instagram",)),
        QueueFilter(search=search, reasons=("reklam",)),
        QueueFilter(search=search, statuses=("new", "kept")),
        QueueFilter(search=search, questions_only=True),
    ]


def fresh(queue: QueueService, f: QueueFilter) -> dict[str, int]:
    """Counted from the items, as the queue lists them, capped as the tabs show them (a text
    with no word in it is no search: exact counts)."""
    cap = CAP + 1 if search_terms(f.search) else 10**9
    return {q.name: min(queue.count(q.narrow(f)), cap) for q in QUEUES}


def assert_counts_agree(queue: QueueService) -> None:
    for search in SEARCHES:
        for f in filters(search):
            assert queue.queue_counts(f, cap=CAP) == fresh(queue, f), f


def import_items(database, tmp_path, name: str, copies: int, start: int = 0) -> None:
    begin = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    records = [
        record(
            f"{name}{i}",
            account=account,
            platform=None,
            text=words,
            created_at=(begin + timedelta(minutes=start + i)).isoformat(),
        )
        for i, (account, words) in enumerate(TEXTS * copies)
    ]
    ImportService(database.sessions).import_file(write_jsonl(tmp_path / f"{name}.jsonl", records))


def filled(database, tmp_path) -> QueueService:
    add_accounts(database.sessions, ("fb", "facebook"), ("ig", "instagram"))
    import_items(database, tmp_path, "a", 5)
    return QueueService(database.sessions)


@pytest.fixture
def queue(database, tmp_path):
    return filled(database, tmp_path)


@pytest.fixture
def sqlite_queue(sqlite_db, tmp_path):
    return filled(sqlite_db, tmp_path)


def item_ids(database) -> list[int]:
    with database.sessions() as session:
        return list(session.scalars(select(Item.id).order_by(Item.id)))


def set_status(database, item_id: int, status: str, reason: str | None = None) -> None:
    with database.sessions.begin() as session:
        session.execute(
            text("UPDATE items SET status = :s, suggested_reason = :r WHERE id = :i"),
            {"s": status, "r": reason, "i": item_id},
        )


def test_counts_under_a_search_agree_through_imports_decisions_and_changes(database, queue, tmp_path):
    assert_counts_agree(queue)
    assert queue.queue_counts(QueueFilter(search="simhallen"), cap=CAP)["new"] == CAP + 1  # "3+"

    ids = item_ids(database)
    moderation = ModerationService(database.sessions)
    for item_id in ids[:4]:
        moderation.keep(item_id)
    moderation.removal_by_hand(ids[4:6])
    for item_id, status in zip(
        ids[6:], ("pending_platform", "forwarded", "answer_pending", "removed"), strict=False
    ):
        set_status(database, item_id, status)
    set_status(database, ids[10], "flagged", "reklam")
    set_status(database, ids[11], "flagged", "hets")
    assert_counts_agree(queue)

    set_status(database, ids[10], "new")  # taken back to Nya
    with database.sessions.begin() as session:  # an item's text edited on the platform
        session.execute(text("UPDATE items SET text = 'Casino casino' WHERE id = :i"), {"i": ids[0]})
    import_items(database, tmp_path, "b", 2, start=100)  # a second import, after decisions
    assert_counts_agree(queue)

    with pytest.raises(RuntimeError), database.sessions.begin() as session:  # a change undone
        session.execute(text("UPDATE items SET status = 'kept'"))
        raise RuntimeError("rolled back")
    with database.sessions.begin() as session:  # weeded: gone from the items
        session.execute(text("DELETE FROM items WHERE id = :i"), {"i": ids[-1]})
    assert_counts_agree(queue)


def test_a_search_never_counts_the_tabs_own_tags(database, queue):
    """What a person types is looked for in the text and the author only."""
    for words in ("q", "a1", "s6e6577", "tags"):
        assert queue.queue_counts(QueueFilter(search=words), cap=CAP) == {q.name: 0 for q in QUEUES}


def test_on_sqlite_a_count_under_a_search_does_not_read_the_items(sqlite_db, sqlite_queue):
    """The tabs' own index answers: not one row of `items` is read (before #20's index, every
    match was looked up in `items` for its status)."""
    read: set[str] = set()

    def authorizer(action, table, *_):
        if action == sqlite3.SQLITE_READ:
            read.add(table)
        return sqlite3.SQLITE_OK

    with sqlite_db.engine.connect() as con, Session(bind=con) as session:
        raw = con.connection.driver_connection
        raw.set_authorizer(authorizer)
        try:
            counts = queue_counts(session, QueueFilter(search="simhall", account_keys=("fb",)), QUEUES, CAP)
        finally:
            raw.set_authorizer(None)
    assert counts == fresh(sqlite_queue, QueueFilter(search="simhall", account_keys=("fb",)))
    assert counts["new"] == CAP + 1
    assert "items" not in read and "items_fts_tabs" in read


def test_the_index_tabs_are_the_queue_tabs():
    assert TABS == tuple((q.name, q.statuses, q.questions_only) for q in QUEUES)


def test_a_missing_trigger_or_a_stale_index_is_repaired(sqlite_db, sqlite_queue):
    from app.models.fulltext import repair_fulltext

    with sqlite_db.engine.begin() as con:
        con.exec_driver_sql("DROP TRIGGER items_fts_tabs_au")
    set_status(sqlite_db, item_ids(sqlite_db)[0], "kept")  # not seen by the index
    with sqlite_db.engine.begin() as con:
        messages = repair_fulltext(con)
    assert any("items_fts_tabs_au" in m for m in messages)
    assert_counts_agree(sqlite_queue)
    with sqlite_db.engine.begin() as con:
        assert repair_fulltext(con) == []


def test_the_migration_builds_the_index_from_the_items(sqlite_db, sqlite_queue):
    from alembic import command

    from app.models.db import alembic_config

    with sqlite_db.engine.begin() as con:
        command.downgrade(alembic_config(con), "0010_perf20b")
        assert not con.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'items_fts_tabs'").first()
    set_status(sqlite_db, item_ids(sqlite_db)[0], "kept")
    with sqlite_db.engine.begin() as con:
        command.upgrade(alembic_config(con), "head")
    assert_counts_agree(sqlite_queue)
