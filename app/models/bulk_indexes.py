"""The items' secondary indexes set aside during a large bulk import on SQLite, and built again
at its end.

Inserting a million rows into ten btree indexes row by row writes each index in random order:
at a million items that was most of an import's storage time. Built once at the end from the
finished table, each index is one sorted pass. Only the plain indexes go (`CREATE INDEX ...`,
origin 'c', not unique); the unique ones the upsert looks rows up by stay, as do the primary
key and every constraint. The definitions are not copied anywhere: the very statements SQLite
keeps in `sqlite_master` (as the migrations created them) are read before the drop and run
again, so the schema after the import is the schema before it, byte for byte. SQLite's DDL is
transactional (the import's transaction is really open: `begin_sqlite_transaction`), so a
refused, failed or killed import gets its indexes back with the rollback; other connections
keep reading the committed schema, indexes included, until the import commits.
"""

from __future__ import annotations

from typing import Any

TABLE = "items"
_KEY = "granska_set_aside_indexes"

# Worth it when the rows still to come are at least as many as the rows the indexes hold
# before they come (a sorted build of all rows against random inserts of the new ones), and
# at least MIN_ROWS: a small import into a big database never rebuilds its indexes. Measured
# (raw SQL into the schema, search indexes filled as the import fills them): into 200k rows,
# 100k new cost 3.0 s kept against 4.0 s set aside, 200k new 7.8 s against 7.4 s; into an
# empty table 200k cost 8.4 s against 4.5 s, 1M 43.8 s against 31.2 s; into 500k rows, 250k
# new 14.2 s against 13.0 s, 500k 50.3 s against 27.1 s (the share falls as the table grows:
# 1.0 keeps a small table's imports on the side where they are never slower).
SHARE = 1.0
MIN_ROWS = 20_000


def worth_setting_aside(rows_to_come: float, rows_present: int) -> bool:
    return rows_to_come >= MIN_ROWS and rows_to_come >= SHARE * rows_present


def set_aside_indexes(connection: Any) -> None:
    """Drop the table's plain secondary indexes inside the open transaction, keeping their
    statements on the connection for `restore_indexes`."""
    if _KEY in connection.info:
        return
    plain = connection.exec_driver_sql(
        "SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_index_list(?) l ON l.name = m.name "
        "WHERE m.type = 'index' AND m.sql IS NOT NULL AND l.origin = 'c' AND NOT l.\"unique\" "
        "ORDER BY m.rowid",
        (TABLE,),
    ).fetchall()
    for name, _sql in plain:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    connection.info[_KEY] = tuple((name, sql) for name, sql in plain)


def indexes_set_aside(connection: Any) -> bool:
    return _KEY in connection.info


def restore_indexes(connection: Any) -> None:
    """Build the indexes set aside again, from their own statements; before the commit."""
    for _name, sql in connection.info.pop(_KEY, ()):
        connection.exec_driver_sql(sql)


def forget_set_aside(connection: Any) -> None:
    """After the transaction ended either way: a rollback brought the indexes back itself."""
    connection.info.pop(_KEY, None)


class IndexPlan:
    """Decides, batch by batch, whether the rest of a bulk import is big enough to set the
    indexes aside: from the import's estimate of its own size and the share of new items so far."""

    def __init__(self, connection: Any, rows_present: int) -> None:
        self._connection = connection
        self._present = rows_present
        self._seen = 0
        self._new = 0

    def before_insert(self, batch: int, new: int, expected: float | None) -> None:
        """`batch` items read, `new` of them to be inserted now; `expected`: the import's
        estimate of all its items (None: unknown, the indexes stay)."""
        self._seen += batch
        self._new += new
        if expected is None or not new or indexes_set_aside(self._connection):
            return
        to_come = max(expected - self._seen + batch, batch) * self._new / self._seen
        if worth_setting_aside(to_come, self._present + self._new - new):
            set_aside_indexes(self._connection)


# A sync sets the indexes aside across its own transactions (app/services/intake/sync_indexes.py):
# their statements are kept in this table, written in the transaction that drops them, until each
# is built again. A sync killed meanwhile leaves the table: the next write's or opening's check
# (`repair_set_aside_indexes`, with the search index's) builds what it lists.
KEPT = "granska_indexes_aside"


def set_aside_kept(connection: Any) -> list[str]:
    """`set_aside_indexes` with the statements kept in KEPT (inside the open transaction: call
    `fulltext.begin_sqlite_transaction` first); returns the names set aside."""
    set_aside_indexes(connection)
    plain = connection.info.pop(_KEY, ())
    connection.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {KEPT} (name TEXT NOT NULL, sql TEXT NOT NULL)")
    for name, sql in plain:
        connection.exec_driver_sql(f"INSERT INTO {KEPT} (name, sql) VALUES (?, ?)", (name, sql))
    return [name for name, _sql in plain]


def build_kept(connection: Any, name: str) -> None:
    """Build the kept index `name` (unless something built it already) and forget it; the
    table goes with the last one."""
    if not _kept_table(connection):
        return
    row = connection.exec_driver_sql(f"SELECT sql FROM {KEPT} WHERE name = ?", (name,)).first()
    if row is not None and not _index_there(connection, name):
        connection.exec_driver_sql(row[0])
    connection.exec_driver_sql(f"DELETE FROM {KEPT} WHERE name = ?", (name,))
    if connection.exec_driver_sql(f"SELECT count(*) FROM {KEPT}").scalar() == 0:
        connection.exec_driver_sql(f"DROP TABLE {KEPT}")


def repair_set_aside_indexes(connection: Any) -> list[str]:
    """Indexes a sync set aside and did not build again (it was killed, or the disk filled):
    built now. One look at `sqlite_master` when there are none."""
    if not _kept_table(connection):
        return []
    from app.core.messages import say, translate
    from app.models.fulltext import begin_sqlite_transaction

    begin_sqlite_transaction(connection)
    names = [name for (name,) in connection.exec_driver_sql(f"SELECT name FROM {KEPT}")]
    for name in names:
        build_kept(connection, name)
    if not _kept_table(connection):
        return [
            say(
                translate("Core", "Postlistans index som en hämtning lagt åt sidan har byggts (%1)."),
                len(names),
            )
        ]
    return []


def _kept_table(connection: Any) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (KEPT,)
    )
    return found.first() is not None


def _index_there(connection: Any, name: str) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
    )
    return found.first() is not None
