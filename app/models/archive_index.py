"""The archive's own index on SQLite: one row per archived item, kept by triggers.

An item is archived once evidence was saved, it was removed or it was registered; the archive
lists those newest event first and searches what was saved. Computed on every request (a union
of three tables, grouped, sorted) that took a second at 100k saved copies. Here:

- `archive_items` holds each archived item's latest event time and its `key`, a number that
  sorts like (latest event, item id): the whole seconds of the time in the high 32 bits, the
  item id in the low 32. Paging walks its index. It also keeps what the list shows beside the
  item (the newest saved copy's text, read out of its JSON once, the latest removal's reason,
  who decided last, the diarienummer, the number of copies), so a page is 200 plain rows.
- `archive_fts` (FTS5) holds, under that same key as rowid, the text and author of every saved
  copy of the item (the item's current text when it has no copy). A search is one FTS5 query in
  rowid order, the raw full-text query itself, stopped after a page.

Triggers on evidence, decisions (removals) and registrations, and on an archived item's text,
refresh the item's row in the same transaction as the write, so a refused or killed write
leaves both as they were. `repair_archive_index` re-creates missing triggers and rebuilds an
index that disagrees (see app/models/fulltext.py, which runs it with the queue's check).
PostgreSQL plans the archive's query with statistics and has no such index.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import Any

from app.core.messages import say, translate
from app.models.fulltext import begin_sqlite_transaction

KEY_SHIFT = 32


def archive_key(last_at: datetime, item_id: int) -> int:
    """The key of an item whose latest archive event was at `last_at` (as the triggers make it)."""
    return (calendar.timegm(last_at.astimezone(UTC).timetuple()) << KEY_SHIFT) | item_id


def item_of_key(key: int) -> int:
    return key & ((1 << KEY_SHIFT) - 1)


def _saved(payload: str, path: str, old_path: str) -> str:
    return (
        f"CASE WHEN json_valid({payload}) THEN coalesce(json_extract({payload}, '{path}'), "
        f"json_extract({payload}, '{old_path}')) END"
    )


def _events(x: str) -> str:
    return (
        f"SELECT saved_at AS at FROM evidence WHERE item_id = {x} "
        f"UNION ALL SELECT decided_at FROM decisions WHERE item_id = {x} AND action = 'remove' "
        f"UNION ALL SELECT registered_at FROM registrations WHERE item_id = {x}"
    )


_SHOWN = ("saved_text", "reason_code", "decided_by", "diarienummer", "copies")


def _shown(x: str) -> str:
    """What the list shows of item `x` beside the item itself: the newest saved copy's text, the
    latest removal's reason, who decided last, the newest diarienummer, how many copies."""
    return (
        f"(SELECT {_saved('payload', '$.item.text', '$.text')} FROM evidence WHERE item_id = {x} "
        "ORDER BY saved_at DESC, id DESC LIMIT 1), "
        f"(SELECT reason_code FROM decisions WHERE item_id = {x} AND action = 'remove' "
        "ORDER BY decided_at DESC, id DESC LIMIT 1), "
        f"(SELECT decided_by FROM decisions WHERE item_id = {x} ORDER BY decided_at DESC, id DESC LIMIT 1), "
        f"(SELECT diarienummer FROM registrations WHERE item_id = {x} AND diarienummer IS NOT NULL "
        "ORDER BY registered_at DESC, id DESC LIMIT 1), "
        f"(SELECT count(*) FROM evidence WHERE item_id = {x})"
    )


def _refresh(x: str) -> str:
    """Statements (inside a trigger) that recompute item `x`'s archive row and text."""
    copies_text = (
        f"(SELECT group_concat({_saved('payload', '$.item.text', '$.text')}, ' ') "
        f"FROM evidence WHERE item_id = {x})"
    )
    copies_author = (
        f"(SELECT group_concat({_saved('payload', '$.item.author.name', '$.author_name')}, ' ') "
        f"FROM evidence WHERE item_id = {x})"
    )
    return (
        f"DELETE FROM archive_fts WHERE rowid = (SELECT key FROM archive_items WHERE item_id = {x}); "
        f"DELETE FROM archive_items WHERE item_id = {x}; "
        f"INSERT INTO archive_items(item_id, last_at, key, {', '.join(_SHOWN)}) SELECT *, "
        f"{_shown(x)} FROM (SELECT "
        f"{x} AS item_id, max(at) AS last_at, "
        f"(CAST(strftime('%s', max(at)) AS INTEGER) << {KEY_SHIFT}) | {x} AS key "
        f"FROM ({_events(x)})) WHERE last_at IS NOT NULL; "
        f"INSERT INTO archive_fts(rowid, text, author_name) SELECT a.key, "
        f"coalesce({copies_text}, i.text), coalesce({copies_author}, i.author_name) "
        f"FROM archive_items a JOIN items i ON i.id = a.item_id WHERE a.item_id = {x}; "
    )


def _trigger(name: str, event: str, body: str) -> str:
    return f"CREATE TRIGGER IF NOT EXISTS {name} {event} BEGIN {body}END"


TRIGGERS = {
    "archive_evidence_ai": ("AFTER INSERT ON evidence", _refresh("new.item_id")),
    "archive_evidence_ad": ("AFTER DELETE ON evidence", _refresh("old.item_id")),
    "archive_evidence_au": (
        "AFTER UPDATE OF item_id, saved_at, payload ON evidence",
        _refresh("old.item_id") + _refresh("new.item_id"),
    ),
    # Any decision on an archived item changes who decided last; a removal archives it.
    "archive_decisions_ai": (
        "AFTER INSERT ON decisions WHEN new.action = 'remove' "
        "OR EXISTS (SELECT 1 FROM archive_items WHERE item_id = new.item_id)",
        _refresh("new.item_id"),
    ),
    "archive_decisions_ad": ("AFTER DELETE ON decisions", _refresh("old.item_id")),
    "archive_decisions_au": (
        "AFTER UPDATE OF item_id, action, decided_at, decided_by, reason_code ON decisions",
        _refresh("old.item_id") + _refresh("new.item_id"),
    ),
    "archive_registrations_ai": ("AFTER INSERT ON registrations", _refresh("new.item_id")),
    "archive_registrations_ad": ("AFTER DELETE ON registrations", _refresh("old.item_id")),
    "archive_registrations_au": (
        "AFTER UPDATE OF item_id, registered_at, diarienummer ON registrations",
        _refresh("old.item_id") + _refresh("new.item_id"),
    ),
    # An archived item without a saved copy is searched on its current text.
    "archive_items_au": (
        "AFTER UPDATE OF text, author_name ON items "
        "WHEN EXISTS (SELECT 1 FROM archive_items WHERE item_id = new.id)",
        _refresh("new.id"),
    ),
}

TABLES = [
    "CREATE TABLE IF NOT EXISTS archive_items "
    "(item_id INTEGER PRIMARY KEY, last_at DATETIME NOT NULL, key INTEGER NOT NULL, saved_text TEXT, "
    "reason_code VARCHAR(32), decided_by VARCHAR(100), diarienummer VARCHAR(100), copies INTEGER)",
    "CREATE UNIQUE INDEX IF NOT EXISTS ix_archive_items_key ON archive_items (key)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS archive_fts USING fts5("
    "text, author_name, tokenize='unicode61 remove_diacritics 0')",
]

_ALL_EVENTS = (
    "SELECT item_id, saved_at AS at FROM evidence "
    "UNION ALL SELECT item_id, decided_at FROM decisions WHERE action = 'remove' "
    "UNION ALL SELECT item_id, registered_at FROM registrations"
)

REBUILD = [
    "DELETE FROM archive_fts",
    "DELETE FROM archive_items",
    "INSERT INTO archive_items(item_id, last_at, key) SELECT item_id, max(at), "
    f"(CAST(strftime('%s', max(at)) AS INTEGER) << {KEY_SHIFT}) | item_id "
    f"FROM ({_ALL_EVENTS}) GROUP BY item_id",
    f"UPDATE archive_items SET ({', '.join(_SHOWN)}) = (SELECT {_shown('archive_items.item_id')})",
    "INSERT INTO archive_fts(rowid, text, author_name) SELECT a.key, "
    f"coalesce(c.text, i.text), coalesce(c.author, i.author_name) FROM archive_items a "
    "JOIN items i ON i.id = a.item_id LEFT JOIN (SELECT item_id, "
    f"group_concat({_saved('payload', '$.item.text', '$.text')}, ' ') AS text, "
    f"group_concat({_saved('payload', '$.item.author.name', '$.author_name')}, ' ') AS author "
    "FROM evidence GROUP BY item_id) c ON c.item_id = a.item_id",
]


def create_archive_index(connection: Any) -> None:
    """Tables, triggers and their contents (SQLite only; inside the caller's transaction)."""
    sql = connection.exec_driver_sql
    for statement in TABLES:
        sql(statement)
    for name, (event, body) in TRIGGERS.items():
        sql(_trigger(name, event, body))
    for statement in REBUILD:
        sql(statement)


def drop_archive_index(connection: Any) -> None:
    sql = connection.exec_driver_sql
    for name in TRIGGERS:
        sql(f"DROP TRIGGER IF EXISTS {name}")
    sql("DROP TABLE IF EXISTS archive_fts")
    sql("DROP TABLE IF EXISTS archive_items")


def repair_archive_index(connection: Any, *, count_rows: bool = True) -> list[str]:
    """Missing triggers re-created, a disagreeing index rebuilt; what was done, for the user."""
    sql = connection.exec_driver_sql
    present = {n for (n,) in sql("SELECT name FROM sqlite_master WHERE name LIKE 'archive_%'")}
    missing = [t for t in TRIGGERS if t not in present]
    tables_there = {"archive_items", "archive_fts"} <= present
    if tables_there and not missing and _agrees(connection, count_rows):
        return []
    begin_sqlite_transaction(connection)
    for statement in TABLES:
        sql(statement)
    for name, (event, body) in TRIGGERS.items():
        sql(_trigger(name, event, body))
    messages: list[str] = []
    if missing and tables_there:
        messages.append(
            say(
                translate("Core", "Arkivets sökindex saknade utlösare (%1) och de har återskapats."),
                ", ".join(missing),
            )
        )
    if not _agrees(connection, True):
        for statement in REBUILD:
            sql(statement)
        messages.append(
            translate(
                "Core", "Arkivets sökindex stämde inte med de sparade kopiorna och har byggts om från dem."
            )
        )
    return messages


def _agrees(connection: Any, count_rows: bool) -> bool:
    """The newest evidence copy, removal and registration are in the index (a few look-ups);
    `count_rows` also compares the counts of items and texts (a scan of both)."""
    sql = connection.exec_driver_sql
    for newest in (
        "SELECT item_id, saved_at FROM evidence ORDER BY id DESC LIMIT 1",
        "SELECT item_id, decided_at FROM decisions WHERE action = 'remove' ORDER BY id DESC LIMIT 1",
        "SELECT item_id, registered_at FROM registrations ORDER BY id DESC LIMIT 1",
    ):
        row = sql(newest).first()
        if row is None:
            continue
        found = sql(
            "SELECT a.key FROM archive_items a JOIN archive_fts f ON f.rowid = a.key "
            "WHERE a.item_id = ? AND a.last_at >= ?",
            (row[0], row[1]),
        ).first()
        if found is None:
            return False
    if not count_rows:
        return True
    counted = sql("SELECT (SELECT count(*) FROM archive_items), (SELECT count(*) FROM archive_fts)").one()
    return bool(counted[0] == counted[1])
