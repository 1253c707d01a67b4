"""The window's first page before the database layer has loaded: the queue of a workstation's
SQLite file read with plain sqlite3 while SQLAlchemy imports behind it (app/ui/quick_start.py).

`open_quick` answers only when it is sure, and reads only: a SQLite file (not the team database),
no mark of a damage found earlier, its header, schema and small tables sound (the check the
window's own opening makes; the whole file is read later, in the background, as always), the
schema at the newest revision, no roles in use, and the search indexes and counters needing no
repair (a read-only connection: a repair would have to write, and fails at once). Anything else
gives None, and the window takes the whole way (app/models/db.py), which repairs, migrates or
moves a damaged file aside as always. The statements are the queue's own, compiled beforehand
(quick_sql.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.models.fulltext import repair_fulltext
from app.models.schema_heads import at_head
from app.services.queue import quick_sql
from app.services.queue.quick import _answerable, _Connection, _decode, _page_ids, _run, checked_file
from app.services.queue.shapes import QUEUES, ItemSummary, QueueFilter, per_queue_counts, summary_from_row


class QuickQueue:
    """A checked, current file held open read-only for the window's first page and tab counts."""

    def __init__(self, path: Path, con: sqlite3.Connection) -> None:
        self.path = path
        self._con = con

    def page(self, f: QueueFilter, limit: int) -> list[ItemSummary] | None:
        """The first `limit` rows of the queue under `f`, or None (a filter only the whole way
        answers: a reason, questions only, a period, newest first…)."""
        if not _answerable(f):
            return None
        try:
            ids = _page_ids(self._con, f, limit)
            rows = _run(self._con, quick_sql.SUMMARY, {"ids": ids}) if ids else []
        except sqlite3.Error:
            return None
        found = {row[0]: summary_from_row(_decode(row)) for row in rows}
        return [found[i] for i in ids if i in found]

    def counts(self, base: QueueFilter) -> dict[str, int] | None:
        """Each tab's count from the kept counts table, when `base` (the filter bar's filter)
        narrows nothing; else None (the whole way counts)."""
        if base != QueueFilter():
            return None
        try:
            rows = _run(self._con, quick_sql.KEPT_COUNTS, {})
        except sqlite3.Error:
            return None
        groups = {(str(status), bool(question)): int(n) for status, question, n in rows}
        return per_queue_counts(groups, base, QUEUES)

    def close(self) -> None:
        self._con.close()


def open_quick(db: str | None) -> QuickQueue | None:
    """The file behind `db` checked and opened read-only, or None: take the whole way."""
    path = checked_file(db, whole=False)
    if path is None:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        current = {v for (v,) in con.execute("SELECT version_num FROM alembic_version")}
        sure = at_head(current) and not _run(con, quick_sql.ROLES_IN_USE, {})[0][0]
        # Read-only: an index or counter that needs repair fails here, and the whole way repairs.
        sure = sure and not repair_fulltext(_Connection(con), count_rows=False)
    except sqlite3.Error:
        sure = False
    if not sure:
        con.close()
        return None
    con.rollback()
    return QuickQueue(path, con)
