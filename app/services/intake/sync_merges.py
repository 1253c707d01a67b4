"""A sync in the window holds the search indexes' merges while it writes, and pays them after
it in steps that a person's write interrupts (app/models/fts_merges.py, #20).

Measured with bench/decision_during_sync.py (1M demo, 50k comments, 2 cores, quiet): the worst
decision pressed during the sync waited 13 ms instead of 0.5-1.6 s (the merges of the index's
large segments inside a short part, or inside the decision's own write), and the sync took
9.8 s instead of 16-21 s (no merge work in its ~700 parts).

The pay-off: each step is a transaction of its own on the writer, stopped by a write handed
over meanwhile (part_interrupts.py) and tried again once the person's writes are done and a
moment has passed. It ends when the indexes have no merge left, or after PAY_OFF_S: then the
settings come back all the same, and FTS5's own merges take the rest in later writes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.models import fts_merges
from app.models.fulltext import begin_sqlite_transaction
from app.services.context import Writes
from app.services.intake.part_interrupts import GaveWay, PartInterrupts
from app.services.writer_turns import WaitingWrites

log = logging.getLogger(__name__)

PAY_OFF_S = 120.0  # the longest the pay-off goes on
AFTER_GIVING_WAY_S = 0.2  # a person pressing again soon goes first


class MergesHeld:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        write: Writes,
        waiting: WaitingWrites,
        stopped: Callable[[], bool] | None = None,
    ) -> None:
        self._sessions = sessions
        self._write = write
        self._waiting = waiting
        self._stopped = stopped or (lambda: False)

    @contextmanager
    def around(self) -> Iterator[None]:
        """Held while inside; paid off and released after, however the sync went."""
        if getattr(getattr(self._sessions.kw.get("bind"), "dialect", None), "name", None) != "sqlite":
            yield
            return
        try:
            self._write(lambda: self._settings(fts_merges.hold))
        except OperationalError as exc:  # locked past the busy timeout: the sync goes on without
            log.info("sökindexets sammanslagningar hölls inte under hämtningen: %s", exc.orig)
            yield
            return
        try:
            yield
        finally:
            try:
                self.pay_off()
            finally:
                try:
                    self._write(lambda: self._settings(fts_merges.release))
                except SQLAlchemyError as exc:  # the next sync in the window releases them
                    log.warning("sökindexets inställningar återställdes inte efter hämtningen: %s", exc)

    def _settings(self, change: Callable[[object], None]) -> None:
        with self._sessions.begin() as session:
            connection = session.connection()
            begin_sqlite_transaction(connection)
            change(connection)

    def pay_off(self) -> int:
        """Merge steps until none is left (or the time is up); how many were written."""
        end = time.monotonic() + PAY_OFF_S
        done = 0
        while time.monotonic() < end and not self._stopped():
            self._waiting.pause(self._stopped)  # a person's writes first
            try:
                worked = self._write(self._step)
            except SQLAlchemyError as exc:  # the file's own error: FTS5 merges later itself
                log.warning("sökindexets sammanslagning efter hämtningen avbröts: %s", exc)
                return done
            if worked is None:  # gave way
                time.sleep(AFTER_GIVING_WAY_S)
                continue
            if not worked:
                return done
            done += 1
        return done

    def _step(self) -> bool | None:
        """On the writer: one merge step; None when it gave way to a person's write."""
        try:
            with self._sessions() as session, session.begin():
                connection = session.connection()
                begin_sqlite_transaction(connection)
                with PartInterrupts(connection, self._waiting).running():
                    return fts_merges.merge_step(connection)
        except GaveWay:
            return None
