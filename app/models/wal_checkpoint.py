"""Moving a SQLite file's write-ahead log into the file off the writer's turn.

SQLite checkpoints on its own when a commit leaves more than 1,000 pages in the log, inside that
commit: during a sync at a million items the log fills every few of its parts, and when the
commit that crossed the line was a person's decision, that decision waited for the checkpoint
(30-140 ms on this machine). A sync in the window calls `checkpoint` after each part it wrote, on
its own thread and its own connection, while the writer goes on: a PASSIVE checkpoint never
blocks a writer, and a log moved in whole starts over at the next write, so the commits on the
writer rarely reach the 1,000 pages. SQLite's own checkpoints stay as they are: nothing grows
without bound if this one is not called (another program reading the file, a CLI import).
"""

from __future__ import annotations

import time

from sqlalchemy.orm import Session, sessionmaker

# At most this often: each checkpoint syncs the file to disk, and one after every part of a
# sync halved its speed; at ~1,500 items a second this keeps the log well under 1,000 pages.
EVERY_S = 0.1


class Checkpoints:
    """`checkpoint` at most every EVERY_S seconds."""

    def __init__(self, sessions: sessionmaker[Session], every_s: float = EVERY_S) -> None:
        self._sessions = sessions
        self._every_s = every_s
        self._last = 0.0

    def __call__(self) -> None:
        if time.monotonic() - self._last >= self._every_s:
            checkpoint(self._sessions)
            self._last = time.monotonic()


def checkpoint(sessions: sessionmaker[Session]) -> None:
    """A PASSIVE checkpoint of a SQLite file's log; nothing elsewhere or for an in-memory file."""
    with sessions() as session:
        connection = session.connection()
        if connection.dialect.name != "sqlite" or not connection.engine.url.database:
            return
        if connection.engine.url.database == ":memory:":
            return
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
