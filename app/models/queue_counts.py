"""The queue's tab counts on SQLite, kept up to date as items arrive and change status.

Counting the items per (status, question) with GROUP BY read the whole covering index after
every decision and filter change: 95-222 ms at a million items. `queue_counts` holds those
numbers per (status, question, account, suggested reason), kept by triggers on `items` in the
same transaction as the write, so a tab's count is a sum over a few dozen rows whatever the
size of the table, and a refused or killed write leaves it as it was. A period or a search is
still counted from the items (app/services/queue/paging.py). `repair_queue_counts` re-creates
missing triggers and rebuilds counts that disagree with the items (run with the search index's
check, app/models/fulltext.py). PostgreSQL counts with its planner (and row-level security
decides what each person may count), so the table is SQLite's only.
"""

from __future__ import annotations

from typing import Any

from app.core.messages import say, translate
from app.models.fulltext import begin_sqlite_transaction

_KEY = "status, is_question, account_id, suggested_reason"


def _add(row: str, delta: int) -> str:
    return (
        f"INSERT INTO queue_counts({_KEY}, n) VALUES ({row}.status, {row}.is_question, "
        f"{row}.account_id, coalesce({row}.suggested_reason, ''), {delta}) "
        f"ON CONFLICT({_KEY}) DO UPDATE SET n = n + excluded.n; "
    )


TRIGGERS = {
    "queue_counts_ai": ("AFTER INSERT ON items", _add("new", 1)),
    "queue_counts_ad": ("AFTER DELETE ON items", _add("old", -1)),
    "queue_counts_au": (
        "AFTER UPDATE OF status, is_question, account_id, suggested_reason ON items "
        "WHEN old.status IS NOT new.status OR old.is_question IS NOT new.is_question "
        "OR old.account_id IS NOT new.account_id "
        "OR old.suggested_reason IS NOT new.suggested_reason",
        _add("old", -1) + _add("new", 1),
    ),
}

_GROUP_NEW_ROWS = (
    "SELECT status, is_question, account_id, coalesce(suggested_reason, ''), count(*) FROM items "
    "WHERE id > ? GROUP BY status, is_question, account_id, coalesce(suggested_reason, '')"
)


def count_new_rows(connection: Any, after_id: int) -> set[tuple[str, bool]]:
    """What `queue_counts_ai` adds row by row, for every row after `after_id` at once (a bulk
    insert, app/models/fulltext.py `index_new_rows`): the groups read, then added to the counts.
    Returns the (status, is_question) pairs the new rows hold (the tabs they are indexed in)."""
    groups = connection.exec_driver_sql(_GROUP_NEW_ROWS, (after_id,)).fetchall()
    if groups:
        connection.exec_driver_sql(
            f"INSERT INTO queue_counts({_KEY}, n) VALUES (?, ?, ?, ?, ?) "
            f"ON CONFLICT({_KEY}) DO UPDATE SET n = n + excluded.n",
            [tuple(g) for g in groups],
        )
    return {(g[0], bool(g[1])) for g in groups}


TABLE = (
    "CREATE TABLE IF NOT EXISTS queue_counts (status VARCHAR(32) NOT NULL, "
    "is_question BOOLEAN NOT NULL, account_id INTEGER NOT NULL, suggested_reason VARCHAR(32) NOT NULL, "
    f"n INTEGER NOT NULL, PRIMARY KEY ({_KEY}))"
)

REBUILD = [
    "DELETE FROM queue_counts",
    f"INSERT INTO queue_counts({_KEY}, n) SELECT status, is_question, account_id, "
    "coalesce(suggested_reason, ''), count(*) FROM items "
    "GROUP BY status, is_question, account_id, coalesce(suggested_reason, '')",
]


def _create(sql: Any) -> None:
    sql(TABLE)
    for name, (event, body) in TRIGGERS.items():
        sql(f"CREATE TRIGGER IF NOT EXISTS {name} {event} BEGIN {body}END")


def create_queue_counts(connection: Any) -> None:
    sql = connection.exec_driver_sql
    _create(sql)
    for statement in REBUILD:
        sql(statement)


def drop_queue_counts(connection: Any) -> None:
    sql = connection.exec_driver_sql
    for name in TRIGGERS:
        sql(f"DROP TRIGGER IF EXISTS {name}")
    sql("DROP TABLE IF EXISTS queue_counts")


def repair_queue_counts(connection: Any, *, count_rows: bool = True) -> list[str]:
    """Missing triggers re-created, counts that disagree with the items rebuilt from them."""
    sql = connection.exec_driver_sql
    present = {n for (n,) in sql("SELECT name FROM sqlite_master WHERE name LIKE 'queue_counts%'")}
    missing = [t for t in TRIGGERS if t not in present]
    there = "queue_counts" in present
    if there and not missing and (not count_rows or _agrees(sql)):
        return []
    begin_sqlite_transaction(connection)
    _create(sql)
    messages: list[str] = []
    if missing and there:
        messages.append(
            say(
                translate("Core", "Köräknarnas utlösare saknades (%1) och har återskapats."),
                ", ".join(missing),
            )
        )
    # Without a trigger, changes may have gone uncounted that the totals do not show: recount.
    if missing or not _agrees(sql):
        for statement in REBUILD:
            sql(statement)
        if there:
            messages.append(translate("Core", "Köräknarna har räknats om från posterna."))
    return messages


def _agrees(sql: Any) -> bool:
    """As many items counted as there are (a count of the items: ~50 ms at a million), and no
    group below zero."""
    row = sql(
        "SELECT (SELECT count(*) FROM items), (SELECT coalesce(sum(n), 0) FROM queue_counts), "
        "(SELECT count(*) FROM queue_counts WHERE n < 0)"
    ).one()
    return bool(row[0] == row[1] and row[2] == 0)
