"""Moving a SQLite file's write-ahead log into the file off the writer's turn.

SQLite checkpoints on its own when a commit leaves more than 1,000 pages in the log, inside that
commit: during a sync at a million items the log fills every few of its parts, and when the
commit that crossed the line was a person's decision, that decision waited for the checkpoint
(30-140 ms on this machine). A sync in the window calls `checkpoint` after each part it wrote, on
its own thread and its own connection, while the writer goes on: a PASSIVE checkpoint never
blocks a writer, and a log moved in whole starts over at the next write.

That alone left SQLite's own checkpoint in the commits that crossed the line between two of
the sync's (a part's commit, 20-40 ms of a 40-80 ms turn at a million items, spent in the
checkpoint's writes and syncs to disk, not in the part's; a decision handed over during that
commit, which no interrupt stops, waited for all of it). So while a sync runs in the window
(`Checkpoints.in_charge`), the connections taken from the pool commit without it, and get it
back when they return: the log is the sync's thread's to move. Outside a sync SQLite's own
checkpoints stay as they are: nothing grows without bound if this one is not called (another
program reading the file, a CLI import).

A person's write handed over while a sync in the window would checkpoint (or checkpoints)
goes first: the checkpoint waits for it, or stops where it is (a decision that overlapped one
took 40-65 ms against 2 alone, at a million items, #20); the next one does the rest.

A sync on the command line, which writes on its own thread, spaces SQLite's checkpoints out
instead (`checkpoints_spaced`: at most 40 MiB of log) and moves the log in when it ends.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.core.pause_points import interrupted_by_writes, pause_point
from app.models.db import sqlite_file

log = logging.getLogger(__name__)

# At most this often: each checkpoint syncs the file to disk, and one after every part of a
# sync halved its speed; at ~1,500 items a second this keeps the log well under 1,000 pages.
EVERY_S = 0.1
_TAKEN = "granska_autocheckpoint"  # a connection's own threshold, while a sync holds it


class Checkpoints:
    """`checkpoint` at most every EVERY_S seconds."""

    def __init__(self, sessions: sessionmaker[Session], every_s: float = EVERY_S) -> None:
        self._sessions = sessions
        self._every_s = every_s
        self._last = 0.0
        self._through: sessionmaker[Session] | None = None

    def __call__(self) -> None:
        if time.monotonic() - self._last >= self._every_s:
            pause_point()  # a person's write first (app/core/pause_points.py)
            checkpoint(self._through or self._sessions)
            self._last = time.monotonic()

    @contextmanager
    def in_charge(self, own: sessionmaker[Session] | None = None) -> Iterator[None]:
        """While inside (a sync in the window, which calls this object after each part), the
        commits of connections taken from the pool, and from the pool of `own` (the sync's own
        connections on the same file), leave the log to it; it checkpoints on one of `own`'s,
        so that it never takes a connection a decision pressed meanwhile would use."""
        with ExitStack() as stack:
            for sessions in (self._sessions, own) if own is not None else (self._sessions,):
                engine = _file_engine(sessions)
                if engine is not None:
                    stack.enter_context(_log_threshold(engine, 0))
            self._through = own
            try:
                yield
            finally:
                self._through = None


# A sync on the command line lets the log grow to this many pages (40 MiB) before a commit
# moves it into the file: SQLite's 1,000 made every few of its parts checkpoint inside their
# commit, copying the same index pages again each time and fsyncing the file.
SPACED_PAGES = 10_000


@contextmanager
def checkpoints_spaced(sessions: sessionmaker[Session], pages: int = SPACED_PAGES) -> Iterator[None]:
    """While inside, the connections of `sessions` checkpoint at `pages` pages of log instead
    of SQLite's 1,000; one checkpoint when it is left, whatever happened inside. Only for a
    writer no person's write waits behind in this process (app/services/intake/sync.py)."""
    engine = _file_engine(sessions)
    if engine is None:
        yield
        return
    try:
        with _log_threshold(engine, pages):
            yield
    finally:
        try:
            checkpoint(sessions)
        except DBAPIError as exc:  # the file's own checkpoints take it from here
            log.warning("checkpoint after a sync: %s", exc)


def checkpoint(sessions: sessionmaker[Session]) -> None:
    """A PASSIVE checkpoint of a SQLite file's log; nothing elsewhere or for an in-memory file."""
    with sessions() as session:
        connection = session.connection()
        if sqlite_file(connection.engine.url) is None:
            return
        stopped = []

        def stop() -> None:
            stopped.append(True)
            connection.connection.driver_connection.interrupt()  # type: ignore[union-attr]

        try:
            with interrupted_by_writes(stop):
                connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except OperationalError:
            if not stopped:
                raise
        if stopped:  # an interrupt left behind never reaches the connection's next statement
            connection.invalidate()


class _Pool:
    """An engine's pool, while a sync holds a threshold on it (`held`, the newest counts): each
    connection taken from it checkpoints at that threshold (PRAGMA wal_autocheckpoint; 0: never),
    and gets its own back when it returns; a connection closed meanwhile goes with it."""

    def __init__(self, engine: Engine) -> None:
        self.held: list[int] = []
        event.listen(engine, "checkout", self._take)
        event.listen(engine, "checkin", self._give_back)

    def _take(self, dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if self.held and _TAKEN not in record.info:
            (pages,) = dbapi_connection.execute("PRAGMA wal_autocheckpoint").fetchone()
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={int(self.held[-1])}")
            record.info[_TAKEN] = int(pages)

    @staticmethod
    def _give_back(dbapi_connection: Any, record: Any) -> None:
        pages = record.info.pop(_TAKEN, None) if record is not None else None
        if pages is not None and dbapi_connection is not None:
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={int(pages)}")


_POOLS: WeakKeyDictionary[Engine, _Pool] = WeakKeyDictionary()
_POOLS_LOCK = threading.Lock()


def _file_engine(sessions: sessionmaker[Session]) -> Engine | None:
    """The engine of `sessions` when it is a SQLite file's (not PostgreSQL, not in memory)."""
    engine = sessions.kw.get("bind")
    return engine if isinstance(engine, Engine) and sqlite_file(engine.url) is not None else None


@contextmanager
def _log_threshold(engine: Engine, pages: int) -> Iterator[None]:
    """`pages` for the connections of the engine's pool while inside."""
    with _POOLS_LOCK:
        pool = _POOLS.get(engine)
        if pool is None:
            pool = _POOLS[engine] = _Pool(engine)
        pool.held.append(pages)
    try:
        yield
    finally:
        with _POOLS_LOCK:
            pool.held.remove(pages)
