"""A large sync on the command line (an account's first into a small database) sets the items'
plain indexes aside once it has brought as many new rows as the table held, and builds each
again, sorted, when its writing ends: done, failed or cancelled, before the author-deletion
check reads them (#20). Each row inserted meanwhile skips ten btree inserts in random order.

Only the command line: the window's queue reads those indexes while its sync runs. The drop is
committed (the sync writes in many short transactions), so the statements are kept in the
database (app/models/bulk_indexes.py `set_aside_kept`): a sync killed meanwhile leaves them for
the next write's or opening's check to build. Each index is built in a transaction of its own,
so a decision in another process waits for one index, not all ten. Another process's check
(an import, a window opening) may build them while the sync runs: the sync then skips them.
"""

from __future__ import annotations

import logging
from functools import partial

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.models.bulk_indexes import build_kept, set_aside_kept
from app.models.fulltext import begin_sqlite_transaction
from app.services.context import Writes

log = logging.getLogger(__name__)

# Not for fewer new rows than this: a few hundred comments a day into a small database would
# drop and build the indexes (a schema change every other connection reads again) each sync.
FLOOR = 2000


class IndexesAside:
    def __init__(self, sessions: sessionmaker[Session], write: Writes) -> None:
        self._sessions = sessions
        self._write = write
        self._decided = False
        self._names: list[str] = []

    def after_part(self, created: int, present: int) -> None:
        """`created`: new rows this sync so far; `present`: rows in the table before it."""
        if self._decided or created < max(present, FLOOR):
            return
        self._decided = True
        try:
            self._names = self._write(self._set_aside)
        except OperationalError as exc:  # locked past the busy timeout: it goes on with them
            log.info("indexen lades inte åt sidan under hämtningen: %s", exc.orig)

    def _set_aside(self) -> list[str]:
        with self._sessions.begin() as session:
            connection = session.connection()
            if connection.dialect.name != "sqlite":
                return []
            begin_sqlite_transaction(connection)
            return set_aside_kept(connection)

    def restore(self) -> None:
        """Build what this sync set aside; called whether its writing succeeded or not."""
        names, self._names = self._names, []
        self._decided = False
        for name in names:
            self._write(partial(self._build, name))

    def _build(self, name: str) -> None:
        with self._sessions.begin() as session:
            connection = session.connection()
            begin_sqlite_transaction(connection)
            build_kept(connection, name)
