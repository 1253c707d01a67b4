"""A decision handed over while one of the sync's SQLite statements runs stops that statement
(app/services/intake/part_interrupts.py): it does not wait for it, the part is written again in
a later turn, and the sync ends with everything stored once, counted and indexed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select, text

from app.models import Decision, Item, ItemStatus
from app.models.tab_search import _agrees as tabs_agree
from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.services.records.audit import AuditService
from app.services.writer_turns import WaitingWrites
from tests.helpers.platforms import running
from tests.services.test_sync import expected_ids, fill, stored
from tests.services.test_sync_gives_way import _CountingImports, stored_item, syncing

# Rows joined with themselves in the slow statement: 64 million pairs, seconds uncut.
SLOW_ROWS = 8_000


def slow_inserts_until_decided(sessions, before: int) -> None:
    """Each item inserted after the sync's first five takes seconds, until a decision is
    stored (so the part written again after the decision is quick)."""
    with sessions.begin() as s:
        s.execute(text("CREATE TABLE slow_rows (n INTEGER)"))
        s.execute(
            text(
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < :n) "
                "INSERT INTO slow_rows SELECT n FROM r"
            ),
            {"n": SLOW_ROWS},
        )
        s.execute(
            text(
                "CREATE TRIGGER slow_until_decided AFTER INSERT ON items "
                f"WHEN (SELECT count(*) FROM items) > {before + 5} AND NOT EXISTS (SELECT 1 FROM decisions) "
                "BEGIN SELECT count(*) FROM slow_rows a, slow_rows b; END"
            )
        )


class _PressOnSecondLook(WaitingWrites):
    """The window's count of waiting writes (real), which starts a person's press once the
    import has written its first five items and looks the second time."""

    def __init__(self) -> None:
        super().__init__()
        self.looks = 0
        self.press: Callable[[], None] = lambda: None

    def __call__(self) -> bool:
        self.looks += 1
        if self.looks == 2:
            threading.Thread(target=self.press).start()
        return super().__call__()


def test_a_decision_stops_the_syncs_running_statement_and_the_part_is_written_again(sqlite_db, tmp_path):
    database = sqlite_db
    with running("facebook") as r:
        fill(r.fake, posts=2, comments=30)
        key = r.add_account(database.sessions)
        first = stored_item(database, tmp_path, key)
        slow_inserts_until_decided(database.sessions, before=1)
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        waiting = _PressOnSecondLook()
        moderation = ModerationService(database.sessions, actor=Actor("anna"))
        waited: list[float] = []

        def press() -> None:
            time.sleep(0.3)  # the sync is inside its slow statement by now
            handed = time.perf_counter()

            def decide() -> None:
                waiting.started()
                waited.append(time.perf_counter() - handed)
                moderation.keep(first)
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
        # The decision did not wait the statement's seconds; the part it stopped came again.
        assert waited and waited[0] < 1.0, waited
        assert importer.parts[:2] == [0, 10]
        ids = stored(database.sessions, key)[0]
        assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake) | {"own1"}
        assert result.created == len(ids) - 1
        with database.sessions() as s:
            assert s.get(Item, first).status == ItemStatus.KEPT
            assert s.scalar(select(func.count(Decision.id)).where(Decision.item_id == first)) == 1
            sql = s.connection().exec_driver_sql
            fresh = sql(
                "SELECT status, is_question, account_id, coalesce(suggested_reason, ''), count(*) "
                "FROM items GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
            ).all()
            kept = sql("SELECT * FROM queue_counts WHERE n > 0 ORDER BY 1, 2, 3, 4").all()
            assert kept == fresh
            assert tabs_agree(sql)
            sql("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')")
        assert AuditService(database.sessions).verify().intact
        # The next ordinary action works: another decision, right away.
        second = next(i for i in _open_items(database.sessions) if i != first)
        moderation.keep(second)
        assert AuditService(database.sessions).verify().intact


def _open_items(sessions) -> list[int]:
    with sessions() as s:
        return list(s.scalars(select(Item.id).where(Item.status == ItemStatus.NEW)))


def test_parts_interrupted_at_any_moment_are_all_written_once_and_the_indexes_agree(sqlite_db):
    """Presses handed over every few milliseconds while parts of a few dozen (trigger-kept
    index) and of hundreds (the bulk path that drops and re-creates triggers) are written: a
    stopped statement anywhere (opening the search index, a merge, a trigger) rolls its part
    back whole, and the part written again in a turn that is not interrupted is kept."""
    import random

    from app.core.incoming import IncomingItem
    from app.models.base import utcnow
    from app.models.wal_checkpoint import checkpoint
    from app.services.intake.importer import ImportService
    from tests.helpers.items import add_accounts

    database = sqlite_db
    add_accounts(database.sessions)
    with database.sessions() as s:
        triggers = (
            s.connection()
            .exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
            .scalar()
        )
    importer = ImportService(database.sessions)
    waiting = WaitingWrites()
    done = threading.Event()
    rng = random.Random(20)

    def presses() -> None:
        while not done.is_set():
            time.sleep(rng.random() * 0.003)
            waiting.arrived()
            time.sleep(rng.random() * 0.001)
            waiting.started()
            waiting.finished()

    presser = threading.Thread(target=presses)
    presser.start()
    written, gave_way = 0, 0
    try:
        for part in range(40):
            items = [
                IncomingItem(
                    "fb", f"c{part}-{n}", f"Simhallen {part} {n} stänger", utcnow(), author_name="Eva"
                )
                for n in range(rng.choice([20, 60, 350]))
            ]
            result = importer.import_items(items, bulk=len(items) > 300, check_index=False, give_way=waiting)
            if result.taken is not None:  # gave way: the next turn is not interrupted
                gave_way += 1
                result = importer.import_items(items, bulk=len(items) > 300, check_index=False)
            assert result.created == len(items)
            written += len(items)
            checkpoint(database.sessions)  # as the sync does between parts, on any pooled connection
    finally:
        done.set()
        presser.join()
    assert gave_way > 0
    with database.sessions() as s:
        sql = s.connection().exec_driver_sql
        assert sql("SELECT count(*), count(DISTINCT external_id) FROM items").one() == (written, written)
        assert sql("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").scalar() == triggers
        assert sql("SELECT sum(n) FROM queue_counts").scalar() == written
        assert tabs_agree(sql)
        sql("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')")
        assert sql("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'stänger'").scalar() == written
