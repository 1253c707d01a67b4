"""A sync in the window merges no search-index segments inside its parts: it holds FTS5's
merges while it writes and pays them after, in steps a person's write stops
(app/models/fts_merges.py, app/services/intake/sync_merges.py). A part stops for a write that
was handed over before its statements began, or between two of them
(app/services/intake/part_interrupts.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.core.incoming import IncomingItem
from app.models import Item, ItemStatus, fts_merges
from app.models.base import utcnow
from app.models.fulltext import match_clause
from app.services.accounts.accounts import AccountService
from app.services.context import Actor, in_this_thread
from app.services.intake.importer import ImportService
from app.services.intake.part_interrupts import GaveWay, PartInterrupts
from app.services.intake.sync_merges import MergesHeld
from app.services.moderation.facade import ModerationService
from app.services.records.audit import AuditService
from app.services.writer_turns import WaitingWrites
from tests.helpers.platforms import running
from tests.services.test_sync import expected_ids, fill, stored
from tests.services.test_sync_gives_way import syncing


def settings(sessions) -> dict[str, dict[str, int]]:
    """Each search index's merge settings as FTS5 reads them (its defaults when not set)."""
    found: dict[str, dict[str, int]] = {}
    with sessions() as s:
        sql = s.connection().exec_driver_sql
        for table in fts_merges.TABLES:
            kept = dict(sql(f"SELECT k, v FROM {table}_config WHERE k IN ('automerge', 'crisismerge')").all())
            found[table] = {
                "automerge": kept.get("automerge", fts_merges.AUTOMERGE),
                "crisismerge": kept.get("crisismerge", fts_merges.CRISISMERGE),
            }
    return found


def held(connection) -> bool:
    """Whether the items' search index has its merges held (a sync's, or one a crash left)."""
    value = connection.exec_driver_sql("SELECT v FROM items_fts_config WHERE k = 'automerge'").scalar()
    return value == 0


def index_sound(sessions) -> None:
    with sessions() as s:
        sql = s.connection().exec_driver_sql
        for table in fts_merges.TABLES:
            sql(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def found(sessions, words: str) -> int:
    with sessions() as s:
        return s.scalar(select(func.count(Item.id)).where(match_clause("sqlite", words, Item.id))) or 0


DEFAULTS = {"automerge": fts_merges.AUTOMERGE, "crisismerge": fts_merges.CRISISMERGE}
HELD = {"automerge": 0, "crisismerge": fts_merges.HELD_CRISIS}


def test_a_window_sync_holds_the_index_merges_in_its_parts_and_gives_them_back(sqlite_db):
    sessions = sqlite_db.sessions
    with running("facebook") as r:
        fill(r.fake, posts=3, comments=30)
        key = r.add_account(sessions)
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        during: list[dict[str, dict[str, int]]] = []

        def write(fn):
            if getattr(fn, "func", None) is not None and fn.func.__name__ == "_timed_import":
                during.append(settings(sessions))  # as the part begins, on another connection
            return writer.submit(fn).result()

        service = syncing(sessions, r.fake, give_way=WaitingWrites(), write=write)
        [result] = service.sync(key)
        writer.shutdown()
        assert result.ok, result.message
        assert during and all(s == {t: HELD for t in fts_merges.TABLES} for s in during), during
        ids = stored(sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
    # Afterwards: FTS5's own settings, the indexes sound and every comment found by its words.
    assert settings(sessions) == {t: DEFAULTS for t in fts_merges.TABLES}
    index_sound(sessions)
    with sessions() as s:
        texts = list(s.scalars(select(Item.text).where(Item.status == ItemStatus.NEW)))
    assert texts and all(found(sessions, text) >= 1 for text in texts[:20])
    # The next ordinary action works, and the audit chain holds.
    with sessions() as s:
        first = s.scalar(select(Item.id).where(Item.status == ItemStatus.NEW))
    ModerationService(sessions, actor=Actor("anna")).keep(first)
    assert AuditService(sessions).verify().intact


@pytest.mark.parametrize("refused", ["hold", "_step"])
def test_a_refused_hold_or_merge_step_leaves_the_sync_whole_and_the_next_decision_works(sqlite_db, refused):
    """The file locked past the busy timeout when the sync would hold the merges (it goes on
    without), or when a merge step would run after it (the settings come back all the same)."""
    from sqlalchemy.exc import OperationalError

    sessions = sqlite_db.sessions
    with running("facebook") as r:
        fill(r.fake, posts=2, comments=10)
        key = r.add_account(sessions)
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        turns: list[int] = []

        def write(fn):
            turns.append(1)
            if (refused == "hold" and len(turns) == 1) or getattr(fn, "__name__", "") == refused:
                raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
            return writer.submit(fn).result()

        service = syncing(sessions, r.fake, give_way=WaitingWrites(), write=write)
        [result] = service.sync(key)
        writer.shutdown()
        assert result.ok, result.message
        ids = stored(sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
    assert settings(sessions) == {t: DEFAULTS for t in fts_merges.TABLES}
    index_sound(sessions)
    with sessions() as s:
        first = s.scalar(select(Item.id).where(Item.status == ItemStatus.NEW))
    ModerationService(sessions, actor=Actor("anna")).keep(first)
    assert AuditService(sessions).verify().intact


def small_segments(sessions, key: str, parts: int) -> None:
    """`parts` short imports with the merges held: as many small segments in each index."""
    then = utcnow() - timedelta(days=1)
    importer = ImportService(sessions)
    for n in range(parts):
        items = [
            IncomingItem(key, f"c{n}_{i}", f"kommentar nummer {n} {i} om gatubelysning", then, kind="comment")
            for i in range(5)
        ]
        importer.import_items(items, bulk=False)


def test_the_pay_off_gives_way_to_a_decision_and_finishes_after_it(sqlite_db):
    sessions = sqlite_db.sessions
    AccountService(sessions).add_account("fb", "facebook", "Vadstena kommun")
    waiting = WaitingWrites()
    held = MergesHeld(sessions, in_this_thread, waiting)
    with sessions.begin() as s:
        fts_merges.hold(s.connection())
    small_segments(sessions, "fb", parts=24)

    waiting.arrived()  # a person's write waits for the writer
    assert held._step() is None  # the step gave way: nothing of it kept
    waiting.started()
    waiting.finished()
    assert held.pay_off() >= 1  # then the merges were made, in steps of their own
    assert held._step() is False  # and none is left
    with sessions.begin() as s:
        fts_merges.release(s.connection())
    index_sound(sessions)
    assert found(sessions, "gatubelysning") == 24 * 5
    assert AuditService(sessions).verify().intact


def test_merges_a_killed_sync_left_held_come_back_with_the_next_window_sync(sqlite_db):
    sessions = sqlite_db.sessions
    with sessions.begin() as s:  # a sync in the window killed before it released them
        fts_merges.hold(s.connection())
    with sessions() as s:
        assert held(s.connection())
    with running("facebook") as r:
        fill(r.fake, posts=2, comments=10)
        key = r.add_account(sessions)
        # Meanwhile the index is right, only in more segments: what is imported is found.
        small_segments(sessions, key, parts=3)
        assert found(sessions, "gatubelysning") == 15
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        write = lambda fn: writer.submit(fn).result()  # noqa: E731
        service = syncing(sessions, r.fake, give_way=WaitingWrites(), write=write)
        [result] = service.sync(key)
        writer.shutdown()
        assert result.ok, result.message
    assert settings(sessions) == {t: DEFAULTS for t in fts_merges.TABLES}
    with sessions() as s:
        assert not held(s.connection())
    index_sound(sessions)
    assert AuditService(sessions).verify().intact


def next_write_works(database, waiting: WaitingWrites) -> None:
    """The person's write runs and ends; then the next ordinary write works on the same file."""
    waiting.started()
    waiting.finished()
    AccountService(database.sessions).add_account("fb", "facebook", "Vadstena kommun")
    assert AuditService(database.sessions).verify().intact


def _counting(connection) -> list[int]:
    ran: list[int] = []

    def mark() -> int:
        ran.append(1)
        return 1

    connection.connection.driver_connection.create_function("ran", 0, mark)
    return ran


def test_a_part_begun_after_a_write_was_handed_over_runs_no_statement(sqlite_db):
    waiting = WaitingWrites()
    waiting.arrived()  # handed over while the part was being set up
    with pytest.raises(GaveWay), sqlite_db.sessions() as session, session.begin():
        connection = session.connection()
        ran = _counting(connection)
        with PartInterrupts(connection, waiting).running():
            connection.exec_driver_sql("SELECT ran()")
    assert ran == []
    next_write_works(sqlite_db, waiting)


def test_a_write_handed_over_between_two_statements_stops_the_next_one(sqlite_db):
    waiting = WaitingWrites()
    with pytest.raises(GaveWay), sqlite_db.sessions() as session, session.begin():
        connection = session.connection()
        ran = _counting(connection)
        with PartInterrupts(connection, waiting).running():
            connection.exec_driver_sql("SELECT 1").all()
            waiting.arrived()  # no statement runs: SQLite's own interrupt is lost
            connection.exec_driver_sql("SELECT ran()")
    assert ran == []
    next_write_works(sqlite_db, waiting)
