"""Migration 0013_p20_fts_lean: the queue's and the tabs' full-text indexes declared again
without column sizes (#20). On a database with items, decisions and saved copies, every search
finds the same items before and after; an upgrade that fails half-way leaves the older
declaration working, and the next start upgrades it."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command

import app.models.tab_search
from app.models.db import alembic_config, open_database
from app.models.fulltext import indexed_rows
from app.services.intake.importer import ImportService
from app.services.moderation.facade import ModerationService
from app.services.queue.listing import QUEUES, QueueFilter, QueueService
from app.services.records.archive import ArchiveFilter, ArchiveService
from app.services.records.audit import AuditService
from tests.helpers.items import add_accounts, record, write_jsonl
from tests.services.test_tab_counts import CAP, SEARCHES, filters, import_items, item_ids, set_status

BEFORE = "0012_en15d"
STATUSES = ("pending_platform", "forwarded", "answer_pending", "removed")
SIZES = ("items_fts_docsize", "items_fts_tabs_docsize")


def shadow_tables(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        found = con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'items_fts%docsize'")
        return {name for (name,) in found}
    finally:
        con.close()


def results(db) -> dict:
    """What a user sees for every search: the queue's items per tab, the tabs' counts under
    the search (capped as shown), the archive's items."""
    queue = QueueService(db.sessions)
    archive = ArchiveService(db.sessions)
    seen: dict = {}
    for search in SEARCHES:
        for n, f in enumerate(filters(search)):
            seen[search, n, "counts"] = queue.queue_counts(f, cap=CAP)
            for q in QUEUES:
                seen[search, n, q.name] = [r.id for r in queue.page(q.narrow(f), limit=500)]
        seen[search, "archive"] = sorted(e.item_id for e in archive.search(ArchiveFilter(text=search)))
    return seen


def populated(tmp_path):
    path = tmp_path / "g.db"
    db = open_database(f"sqlite:///{path}")
    add_accounts(db.sessions, ("fb", "facebook"), ("ig", "instagram"))
    import_items(db, tmp_path, "a", 5)
    ids = item_ids(db)
    for item_id, status in zip(ids, STATUSES, strict=False):
        set_status(db, item_id, status)
    set_status(db, ids[5], "flagged", "reklam")
    moderation = ModerationService(db.sessions)
    moderation.remove(ids[6], "reklam")  # in the archive: removed, a copy saved
    moderation.register(ids[7], "arende", "Ett ärende.")
    moderation.keep(ids[8])
    return path, db


def migrate(db, to: str, direction=command.upgrade) -> None:
    with db.engine.begin() as connection:
        direction(alembic_config(connection), to)


def test_every_search_finds_the_same_items_before_and_after_the_migration(tmp_path):
    path, db = populated(tmp_path)
    migrate(db, BEFORE, command.downgrade)  # the declaration the older build wrote
    assert shadow_tables(path) == set(SIZES)
    before = results(db)
    assert any(before[k] for k in before if k[-1] == "archive") and before["simhallen", 0, "new"]
    migrate(db, "head")
    assert shadow_tables(path) == set()
    assert results(db) == before
    with db.engine.connect() as con:
        assert indexed_rows(con.exec_driver_sql) == len(item_ids(db))
    # the indexes keep following writes after it
    import_items(db, tmp_path, "b", 1, start=100)
    assert len(QueueService(db.sessions).page(QueueFilter(search="casino"), limit=100)) == 6
    db.dispose()
    again = open_database(f"sqlite:///{path}")
    assert again.messages == []  # the checks at start find both indexes whole
    assert AuditService(again.sessions).verify().intact
    again.dispose()


def test_an_upgrade_failing_half_way_leaves_the_older_indexes_working(tmp_path, monkeypatch):
    path, db = populated(tmp_path)
    migrate(db, BEFORE, command.downgrade)
    before = results(db)
    db.dispose()

    def fail(connection):  # the tabs' index half rebuilt, as a full disk would stop it
        connection.exec_driver_sql("CREATE VIRTUAL TABLE items_fts_tabs USING fts5(x)")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(app.models.tab_search, "create_tab_search", fail)
    with pytest.raises(Exception, match="disk is full"):
        open_database(f"sqlite:///{path}")
    assert shadow_tables(path) == set(SIZES)  # nothing of it stayed
    monkeypatch.undo()
    db = open_database(f"sqlite:///{path}")  # the next start upgrades
    try:
        assert db.messages == []
        assert shadow_tables(path) == set()
        assert results(db) == before
        next_import_works(db, tmp_path)
        assert AuditService(db.sessions).verify().intact
    finally:
        db.dispose()


def next_import_works(db, tmp_path) -> None:
    ImportService(db.sessions).import_file(write_jsonl(tmp_path / "n.jsonl", [record("n1")]))
    assert {r.external_id for r in QueueService(db.sessions).page(QueueFilter(search="simhallen"))} >= {"n1"}
