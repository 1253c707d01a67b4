"""A sync's part on SQLite stopped in the middle of a statement when a person's write is handed
to the writer (app/services/writer_turns.py).

`sqlite3.Connection.interrupt()` is made to be called from another thread: the running
statement ends with SQLITE_INTERRUPT and SQLite rolls the whole transaction back, so nothing
of the part is kept; the import then reports that it gave way and the sync writes the part
again in a later turn (app/services/intake/sync.py). Between two statements the interrupt
is lost (SQLite clears it when the next one starts): the import's own look at the count of
waiting writes, every few items, catches that case. The commit is never interrupted: it runs
after `running()` is left; a part in which an interrupt came is rolled back even if no
statement was stopped, so no half-ended interrupt reaches the commit.

PostgreSQL's parts are not interrupted (a cancel there is a request to the server, not
worth its round trip for a few rows); they give way between items as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, event
from sqlalchemy.exc import OperationalError

from app.models.db import sqlite_file
from app.services.writer_turns import WaitingWrites


class GaveWay(Exception):
    """A person's write waits: this import's transaction is rolled back for it."""


class PartInterrupts:
    def __init__(self, connection: Connection, give_way: Callable[[], bool] | None) -> None:
        self._connection = connection
        self._waiting = give_way if isinstance(give_way, WaitingWrites) else None
        if sqlite_file(connection.engine.url) is None:
            self._waiting = None  # in memory, the connection thrown away below is the database
        self.fired = False

    @contextmanager
    def running(self) -> Iterator[None]:
        """The import's statements: stopped when a write is handed over meanwhile."""
        if self._waiting is None:
            yield
            return
        stop = getattr(self._connection.connection.driver_connection, "interrupt", None)
        if stop is None:
            yield
            return

        def interrupt() -> None:
            self.fired = True
            stop()

        def between(*_args: object) -> None:
            # An interrupt that came between two statements is lost; the next one looks here
            # instead of running for nothing (a part of the sync's child's rows has no look of
            # its own between items: a decision waited 3-7 ms for it, #20).
            if self.fired:
                raise GaveWay

        event.listen(self._connection, "before_cursor_execute", between)
        try:
            with self._waiting.interruptible(interrupt):
                # A write handed over before the hook was set (while the part began): none of
                # its statements would look, and the person waited for the whole part (#20).
                if self._waiting():
                    self.fired = True
                    raise GaveWay
                yield
        except OperationalError:
            # Whatever the stopped statement says ('interrupted'; 'vtable constructor failed'
            # when it was opening the search index): written again in the next turn, which is
            # not interrupted, so an error of the file's own comes back there and is raised.
            if self.fired:
                self._throw_away()
                raise GaveWay from None
            raise
        except BaseException:
            if self.fired:  # gave way on its own look (GaveWay) or failed: the part goes all the same
                self._throw_away()
            raise
        finally:
            event.remove(self._connection, "before_cursor_execute", between)
        if self.fired:
            self._throw_away()
            raise GaveWay

    def _throw_away(self) -> None:
        """The part's connection never used again: rolled back, and closed by the sync (not
        pooled). An interrupt that came between two statements can outlive the part: some
        SQLite builds (Windows' Python 3.12) keep it while any statement of the connection is
        still active and stop the ROLLBACK with it, so the rollback fails and the part's error
        hides its giving way. A statement stopped inside the search index's own statements
        also left the connection holding a read (a later checkpoint on it said 'database table
        is locked'). So the transaction is rolled back here on the driver's connection, which
        lets the decision waiting for the writer go at once, and the connection is marked to
        be closed when the sync next takes it from its pool, off the decision's way (closing it
        here made the decision wait 0.5 ms more at the median, #20); the session's rollback then
        has nothing left to do. When that rollback fails, the connection is closed at once,
        which rolls its transaction back in the file."""
        try:
            self._connection.connection.driver_connection.rollback()  # type: ignore[union-attr]
        except sqlite3.Error:
            self._connection.invalidate()
            return
        self._connection.connection.invalidate(soft=True)
