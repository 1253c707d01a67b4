"""Each answered question's time to first answer, kept on SQLite (#17).

Working out watched hours means looking both ends of every answered question up in a calendar
of watched days: a third of a second at a million items, on every statistics run. Instead the
time of each question is worked out once, after its clock stopped, and kept in
`response_times` (calendar and watched seconds, who answered), indexed so that a period's
medians and 90th percentiles are index walks (app/services/stats/kept_times.py).

The triggers here only note which questions need their time (re)worked out, in the same
transaction as the change: when a clock stops or moves (`items.first_response_at`, kept by
app/models/response_clock.py), when who answered or whether it is a question changes, an item
with a stopped clock arrives (an offline copy), or an item goes. The statistics work out the
noted ones with the watched-days calendar and clear them. `response_times_promise` holds the
promise (and holiday calendar) each account's times were worked out with: a changed promise
sends the account's questions back to be worked out again.

PostgreSQL works the times out in each run's grouped query (figures.py): the table is SQLite's.
"""

from __future__ import annotations

from typing import Any

TABLES = [
    "CREATE TABLE IF NOT EXISTS response_times (item_id INTEGER PRIMARY KEY, "
    "account_id INTEGER NOT NULL, created_at DATETIME NOT NULL, who VARCHAR(100), "
    "cal_s INTEGER NOT NULL, w_s INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS response_times_cal ON response_times (account_id, cal_s, created_at)",
    "CREATE INDEX IF NOT EXISTS response_times_watched ON response_times (account_id, w_s, created_at)",
    "CREATE INDEX IF NOT EXISTS response_times_who ON response_times (who, w_s, created_at, account_id)",
    "CREATE TABLE IF NOT EXISTS response_times_todo (item_id INTEGER PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS response_times_promise (account_id INTEGER PRIMARY KEY, "
    "promise VARCHAR NOT NULL)",
]
_NOTE = (
    "INSERT OR IGNORE INTO response_times_todo(item_id) SELECT new.id "
    "WHERE new.first_response_at IS NOT NULL AND new.is_question; "
)
TRIGGERS = {
    "response_times_au": (
        "AFTER UPDATE OF first_response_at, first_response_by, is_question ON items WHEN "
        "old.first_response_at IS NOT new.first_response_at OR old.first_response_by IS NOT "
        "new.first_response_by OR old.is_question IS NOT new.is_question",
        "DELETE FROM response_times WHERE item_id = old.id; "
        "DELETE FROM response_times_todo WHERE item_id = old.id; " + _NOTE,
    ),
    "response_times_ai": (
        "AFTER INSERT ON items WHEN new.first_response_at IS NOT NULL AND new.is_question",
        _NOTE,
    ),
    "response_times_ad": (
        "AFTER DELETE ON items",
        "DELETE FROM response_times WHERE item_id = old.id; "
        "DELETE FROM response_times_todo WHERE item_id = old.id; ",
    ),
}
STOPPED_QUESTIONS = "SELECT id FROM items WHERE first_response_at IS NOT NULL AND is_question"
REQUEUE = [
    "DELETE FROM response_times",
    "DELETE FROM response_times_promise",
    f"INSERT OR IGNORE INTO response_times_todo(item_id) {STOPPED_QUESTIONS}",
]


def _create(sql: Any) -> None:
    for statement in TABLES:
        sql(statement)
    for name, (event, body) in TRIGGERS.items():
        sql(f"CREATE TRIGGER IF NOT EXISTS {name} {event} BEGIN {body}END")


def create_response_times(connection: Any) -> None:
    sql = connection.exec_driver_sql
    _create(sql)
    for statement in REQUEUE:
        sql(statement)


def drop_response_times(connection: Any) -> None:
    """Its triggers and tables gone (a downgrade below 0010_stats17: the triggers name
    `items.first_response_at`, whose column goes)."""
    sql = connection.exec_driver_sql
    for name in TRIGGERS:
        sql(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("response_times", "response_times_todo", "response_times_promise"):
        sql(f"DROP TABLE IF EXISTS {table}")


def _agrees(sql: Any) -> bool:
    """Every answered question either has its time or waits for it (an index count of the
    stopped items: a few milliseconds at a million)."""
    row = sql(
        f"SELECT (SELECT count(*) FROM ({STOPPED_QUESTIONS})), (SELECT count(*) FROM response_times), "
        "(SELECT count(*) FROM response_times_todo)"
    ).one()
    return bool(row[0] == row[1] + row[2])


def repair_response_times(connection: Any, *, count_rows: bool = True) -> list[str]:
    """At start: the table or a trigger missing, or (with `count_rows`) times that do not add up
    to the answered questions: everything is sent to be worked out again by the next statistics
    run (a few tenths of a second at a million items, once)."""
    if connection.dialect.name != "sqlite":
        return []
    from app.models.fulltext import begin_sqlite_transaction

    sql = connection.exec_driver_sql
    present = {n for (n,) in sql("SELECT name FROM sqlite_master WHERE name LIKE 'response_times%'")}
    missing = [t for t in TRIGGERS if t not in present]
    there = "response_times" in present and "response_times_todo" in present
    if there and not missing and (not count_rows or _agrees(sql)):
        return []
    begin_sqlite_transaction(connection)
    create_response_times(connection)
    if not there:
        return []  # a new database (or one from before the table): nothing to tell the user
    return ["Svarstiderna i statistiken stämde inte med frågorna och räknas om vid nästa statistik."]
