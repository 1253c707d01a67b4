"""Full-text search over item text and author: FTS5 on SQLite, a Swedish tsvector on PostgreSQL.

The FTS5 table is external-content and kept in sync by triggers, so every path that writes
`items` (ORM, bulk import, migrations) keeps the index right. A migration that rebuilds the
`items` table in SQLite batch mode drops the triggers: call `create_fulltext` again after it.

Serving every search from the tabs' index (app/models/tab_search.py) instead, so that this one
and its fill at import go, was measured and left out (#20, 1M demo): items in no tab (the
municipality's own posts, 4.8% there) are found only here ("på": 281,469 items against
263,611), a typed prefix's vocabulary read from the tabs' index took 3-10 times as long (69 ms
against 6.5 ms for "på", 340 ms against 84 ms for "s"), its prefix probe 2-4 times; and this
fill is 4% of the import's floor (0.21 of 5.5 s at 200k items).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from app.core.messages import say, translate

if TYPE_CHECKING:  # the checks at opening run without SQLAlchemy (app/services/queue/quick.py)
    from sqlalchemy import ColumnElement

INSERT_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS items_fts_ai AFTER INSERT ON items BEGIN "
    "INSERT INTO items_fts(rowid, text, author_name) VALUES (new.id, new.text, new.author_name); "
    "END"
)

# FTS5 gathers a transaction's new entries in memory up to this many bytes before it writes them
# out as a segment (default 1 MB): a bulk fill then writes fewer segments and merges less (-16%
# CPU filling both indexes at 200k items, #20). Kept in the table's %_config; a query finds the
# same rows in fewer segments.
HASHSIZE = "INSERT INTO {table}({table}, rank) VALUES ('hashsize', 16777216)"

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5("
    "text, author_name, content='items', content_rowid='id', columnsize=0, "
    "tokenize='unicode61 remove_diacritics 0')",
    HASHSIZE.format(table="items_fts"),
    INSERT_TRIGGER,
    "CREATE TRIGGER IF NOT EXISTS items_fts_ad AFTER DELETE ON items BEGIN "
    "INSERT INTO items_fts(items_fts, rowid, text, author_name) "
    "VALUES ('delete', old.id, old.text, old.author_name); END",
    "CREATE TRIGGER IF NOT EXISTS items_fts_au AFTER UPDATE OF text, author_name ON items BEGIN "
    "INSERT INTO items_fts(items_fts, rowid, text, author_name) "
    "VALUES ('delete', old.id, old.text, old.author_name); "
    "INSERT INTO items_fts(rowid, text, author_name) VALUES (new.id, new.text, new.author_name); "
    "END",
    "INSERT INTO items_fts(items_fts) VALUES ('rebuild')",
]

POSTGRES_FTS = [
    "ALTER TABLE items ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('swedish', coalesce(text, '') || ' ' || coalesce(author_name, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS ix_items_search_vector ON items USING gin (search_vector)",
]


def begin_sqlite_transaction(connection: Any) -> None:
    """Make sure `connection` is inside a real SQLite transaction before a schema change.

    Python's sqlite3 module (before 3.12's `autocommit`) opens a transaction only in front of
    INSERT/UPDATE/DELETE: a DROP or CREATE run first commits on its own, whatever SQLAlchemy's
    `begin()` says, and a rollback, a kill or a full disk cannot take it back. IMMEDIATE takes
    the write lock now (waiting for the busy timeout) instead of failing half-way."""
    if not connection.connection.driver_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


# Kept per row by triggers on every other path; a bulk insert keeps them per statement instead.
# `response_times_ai` notes an item that arrives with a stopped clock (first_response_at): the
# bulk import never writes that column (item_writer._INSERT_COLUMNS), so it has nothing to note, yet
# the mere presence of an AFTER INSERT trigger costs every row ~14 µs of CPU with the items'
# indexes (SQLite then seeks each index again instead of reusing its seek): half of the storage.
_DEFERRED_TRIGGERS = ("items_fts_ai", "queue_counts_ai", "response_times_ai")


def defer_sqlite_indexing(connection: Any) -> int:
    """Start a bulk insert into `items` on SQLite; returns the highest id already indexed.

    Per-row FTS5 inserts from the trigger cost ~70 µs each; one INSERT ... SELECT at the end a
    tenth of that. The queue's tab counts likewise: their per-row upsert was two thirds of an
    insert's cost into the items' schema (0.73 of 1.14 s CPU for 50k rows), one grouped upsert
    per batch a few milliseconds. The triggers are dropped and re-created inside the import's own
    transaction (SQLite's DDL is transactional, once a transaction is really open), so a refused,
    failed or killed import leaves them exactly as they were. Call `index_new_rows` after the
    inserts (at the latest before any update of those rows: the update triggers take a row's old
    entries out) and `resume_sqlite_indexing` before the commit."""
    from app.models.tab_search import defer_tab_indexing

    begin_sqlite_transaction(connection)
    present = {
        name
        for (name,) in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    for trigger in _DEFERRED_TRIGGERS:
        if trigger in present:
            connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
    # A trigger that was missing (an older schema without the kept counts) stays missing.
    connection.info["granska_deferred"] = tuple(t for t in _DEFERRED_TRIGGERS if t in present)
    defer_tab_indexing(connection)
    return connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM items").scalar() or 0


def index_new_rows(connection: Any, after_id: int) -> int:
    """Index (and count in the queue's tabs) rows inserted since `after_id`; returns the new
    highest indexed id."""
    from app.models.tab_search import index_rows

    held = None
    if "queue_counts_ai" in connection.info.get("granska_deferred", ()):
        from app.models.queue_counts import count_new_rows

        held = count_new_rows(connection, after_id)
    index_rows(connection, after_id, held)
    connection.exec_driver_sql(
        "INSERT INTO items_fts(rowid, text, author_name) "
        "SELECT id, text, author_name FROM items WHERE id > ?",
        (after_id,),
    )
    return connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM items").scalar() or 0


def resume_sqlite_indexing(connection: Any) -> None:
    from app.models import queue_counts, response_times_kept
    from app.models.tab_search import resume_tab_indexing

    deferred = connection.info.pop("granska_deferred", ("items_fts_ai",))
    connection.exec_driver_sql(INSERT_TRIGGER)
    for name, triggers in (
        ("queue_counts_ai", queue_counts.TRIGGERS),
        ("response_times_ai", response_times_kept.TRIGGERS),
    ):
        if name in deferred:
            event, body = triggers[name]
            connection.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {event} BEGIN {body}END")
    resume_tab_indexing(connection)


SQLITE_TRIGGERS = ("items_fts_ai", "items_fts_ad", "items_fts_au")


def repair_fulltext(connection: Any, *, count_rows: bool = True) -> list[str]:
    """Check the full-text index and put it right; returns what was repaired, for the user.

    Missing triggers (an earlier build dropped one outside the import's transaction) are
    re-created, and an index that disagrees with the items (rows written while a trigger was
    missing) is rebuilt from them. The check is a few index look-ups; `count_rows` also
    compares the counts (a scan, ~50 ms at a million items: done at start-up). On PostgreSQL
    the index is a generated column: only its absence can be repaired."""
    from app.models.response_clock import repair_response_clock

    name = connection.dialect.name
    if name == "postgresql":
        return _repair_postgres(connection) + repair_response_clock(connection)
    if name != "sqlite":
        return []
    from app.models.archive_index import repair_archive_index
    from app.models.bulk_indexes import repair_set_aside_indexes
    from app.models.queue_counts import repair_queue_counts
    from app.models.response_times_kept import repair_response_times
    from app.models.stats_counts import repair_stats_counts
    from app.models.tab_search import repair_tab_search

    return (
        repair_set_aside_indexes(connection)
        + _repair_sqlite(connection, count_rows)
        + repair_archive_index(connection, count_rows=count_rows)
        + repair_queue_counts(connection, count_rows=count_rows)
        + repair_tab_search(connection, count_rows=count_rows)
        + repair_stats_counts(connection)
        + repair_response_clock(connection)
        + repair_response_times(connection, count_rows=count_rows)
    )


def _repair_sqlite(connection: Any, count_rows: bool) -> list[str]:
    sql = connection.exec_driver_sql
    present = {n for (n,) in sql("SELECT name FROM sqlite_master WHERE name LIKE 'items_fts%'")}
    missing = [t for t in SQLITE_TRIGGERS if t not in present]
    if "items_fts" in present and not missing and _sqlite_index_agrees(connection, count_rows):
        return []
    begin_sqlite_transaction(connection)
    for statement in SQLITE_FTS[:-1]:
        sql(statement)
    messages: list[str] = []
    if missing:
        messages.append(
            say(
                translate("Core", "Sökindexets utlösare saknades (%1) och har återskapats."),
                ", ".join(missing),
            )
        )
    if not _sqlite_index_agrees(connection, True):
        sql("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
        messages.append(translate("Core", "Sökindexet stämde inte med posterna och har byggts om från dem."))
    return messages


def _sqlite_index_agrees(connection: Any, count_rows: bool) -> bool:
    """As many rows indexed as items. The index keeps no row per item (columnsize=0: nothing
    reads column sizes, no bm25); FTS5 counts its rows in its averages record. Without
    `count_rows` the items are not counted: the queue's kept counts (a few rows) stand for
    them, and only a disagreement has the items counted."""
    sql = connection.exec_driver_sql
    indexed = indexed_rows(sql)
    if not count_rows and sql("SELECT 1 FROM sqlite_master WHERE name = 'queue_counts'").first():
        if sql("SELECT coalesce(sum(n), 0) FROM queue_counts").scalar() == indexed:
            return True
    return bool(sql("SELECT count(*) FROM items").scalar() == indexed)


def indexed_rows(sql: Any, table: str = "items_fts") -> int:
    """How many rows the FTS5 table `table` holds, as FTS5 counts them for itself."""
    block = sql(f"SELECT block FROM {table}_data WHERE id = 1").scalar()
    return _varint(bytes(block or b"\x00"))


def _varint(data: bytes) -> int:
    """SQLite's variable-length integer at the start of `data` (big-endian, 7 bits a byte, the
    ninth byte whole)."""
    value = 0
    for i, byte in enumerate(data[:9]):
        if i == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value
    return value


def _repair_postgres(connection: Any) -> list[str]:
    found = connection.exec_driver_sql(
        "SELECT (SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' "
        "AND column_name = 'search_vector' AND table_schema = current_schema()), "
        "(SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_items_search_vector' "
        "AND schemaname = current_schema())"
    ).one()
    if all(found):
        return []
    for statement in POSTGRES_FTS:
        connection.exec_driver_sql(statement)
    return ["Sökindexet saknades och har byggts upp från posterna."]


def create_fulltext(op: Any) -> None:
    """Create the full-text index for the dialect `op` (an Alembic op) is bound to."""
    name = op.get_bind().dialect.name
    statements = SQLITE_FTS if name == "sqlite" else POSTGRES_FTS if name == "postgresql" else []
    for statement in statements:
        op.execute(statement)


def drop_fulltext(op: Any) -> None:
    name = op.get_bind().dialect.name
    if name == "sqlite":
        for trigger in ("items_fts_ai", "items_fts_ad", "items_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS items_fts")
    elif name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_items_search_vector")
        op.execute("ALTER TABLE items DROP COLUMN IF EXISTS search_vector")


_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(query: str) -> list[str]:
    """The words of what the user typed; punctuation and operators are not syntax to us."""
    return _WORD.findall(query.lower())[:16]


def sqlite_match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what the user typed: every word, the last as a prefix."""
    terms = search_terms(query)
    if not terms:
        return None
    expr = " ".join(f'"{t}"' for t in terms[:-1])
    return (expr + " " if expr else "") + f'"{terms[-1]}"*'


def match_clause(dialect_name: str, query: str, id_column: Any) -> ColumnElement[bool] | None:
    """A WHERE clause matching items whose text or author contains every word typed, the last
    one as a prefix (so results follow the typing). None when nothing searchable was typed."""
    from sqlalchemy import literal_column, text

    terms = search_terms(query)
    if not terms:
        return None
    if dialect_name == "sqlite":
        expr = sqlite_match_expression(query)
        matching: ColumnElement[bool] = id_column.in_(
            text("SELECT rowid FROM items_fts WHERE items_fts MATCH :fts_query").bindparams(fts_query=expr)
        )
        return matching
    if dialect_name == "postgresql":
        tsq = " & ".join(f"'{t}'" for t in terms[:-1])
        tsq = (tsq + " & " if tsq else "") + f"'{terms[-1]}':*"
        return literal_column("items.search_vector").op("@@")(
            text("to_tsquery('swedish', :ts_query)").bindparams(ts_query=tsq)
        )
    like = [f"%{t}%" for t in terms]
    from sqlalchemy import and_

    return and_(*[literal_column("items.text").ilike(p) for p in like])
