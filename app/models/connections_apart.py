"""Connections of their own for a sync's parts in the window, apart from the ones a person's
writes use.

A part that gives way to a decision in the middle of a statement closes its connection
(app/services/intake/part_interrupts.py: rolled back in the file, never pooled again). With one
pool for both, the decision pressed next often got a connection opened just then: SQLite read
the whole schema again and prepared each of the decision's statements anew (3-5 ms of CPU
against 1.3 at a million items, on 16 of 40 presses during a sync; #20). With the parts on an
engine of their own, the connection thrown away and the one opened after it are the sync's: a
decision runs on a connection that has run decisions before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.models.db import create_db_engine, sqlite_file


@contextmanager
def connections_apart(sessions: sessionmaker[Session]) -> Iterator[sessionmaker[Session]]:
    """While inside, sessions like `sessions` on the same SQLite file from a pool of their own,
    closed when left (whatever happened inside). `sessions` itself for PostgreSQL and a
    database in memory (whose connection is the database)."""
    engine = sessions.kw.get("bind")
    if not isinstance(engine, Engine) or sqlite_file(engine.url) is None:
        yield sessions
        return
    apart = create_db_engine(engine.url, arm_faults=False)
    try:
        kw = {k: v for k, v in sessions.kw.items() if k != "bind"}
        yield sessionmaker(apart, class_=sessions.class_, **kw)
    finally:
        apart.dispose()
