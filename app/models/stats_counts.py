"""The statistics' counts of records on SQLite, kept up to date as decisions, registrations and
platform steps are written (#17).

Counting a year's removals per reason, registrations per criterion, decisions per administrator
and pending steps per account joins every such record to its item for the account: seconds at a
million items with half of them decided. `stats_counts` holds those numbers per hour (UTC, the
stored time's first 13 characters: a period starts and ends at local midnight, a whole UTC hour,
so an hour's bucket is either wholly in the period or wholly out), account and code, kept by
triggers in the same transaction as the write, like the queue's tab counts
(app/models/queue_counts.py). PostgreSQL plans the grouped joins itself (and row-level security
decides what each person may count): the table is SQLite's only.

Rows, by `what`: `decision` (code: action, detail: who decided), `removal` (code: reason),
`removal_registered` (a removal whose item is registered, in the removal's hour), `registration`
(code: criterion), `police` (a police report's escalation, in its hour) and `step` (code: the
outbox step's status now; no hour).

`stats_counts_days` holds the same numbers per UTC day (the hour's first 10 characters), kept by
triggers on `stats_counts` itself in the same transaction: a year is then read from a few
hundred days plus the few edge hours around the period's local midnights (kept_counts.py).
"""

from __future__ import annotations

from typing import Any

from app.models.fulltext import begin_sqlite_transaction

_KEY = "what, hour, account_id, code, detail"


def _hour(moment: str) -> str:
    return f"substr({moment}, 1, 13)"


def _account(item: str) -> str:
    return f"(SELECT account_id FROM items WHERE id = {item})"


def _add(what: str, hour: str, item: str, code: str, detail: str, delta: int, where: str = "true") -> str:
    return (
        f"INSERT INTO stats_counts({_KEY}, n) SELECT '{what}', {hour}, i.account_id, {code}, {detail}, "
        f"{delta} FROM items i WHERE i.id = {item} AND ({where}) "
        f"ON CONFLICT({_KEY}) DO UPDATE SET n = n + excluded.n; "
    )


def _decision(row: str, delta: int) -> str:
    registered = f"EXISTS (SELECT 1 FROM registrations WHERE item_id = {row}.item_id)"
    removal = f"{row}.action = 'remove'"
    hour = _hour(f"{row}.decided_at")
    return (
        _add("decision", hour, f"{row}.item_id", f"{row}.action", f"{row}.decided_by", delta)
        + _add("removal", hour, f"{row}.item_id", f"coalesce({row}.reason_code, '')", "''", delta, removal)
        + _add("removal_registered", hour, f"{row}.item_id", "''", "''", delta, f"{removal} AND {registered}")
    )


def _registered_removals(row: str, delta: int, others: str) -> str:
    """The item's removals count as registered from its first registration to its last."""
    return (
        f"INSERT INTO stats_counts({_KEY}, n) SELECT 'removal_registered', {_hour('d.decided_at')}, "
        f"{_account(f'{row}.item_id')}, '', '', {delta} FROM decisions d "
        f"WHERE d.item_id = {row}.item_id AND d.action = 'remove' AND NOT EXISTS "
        f"(SELECT 1 FROM registrations r WHERE r.item_id = {row}.item_id {others}) "
        f"ON CONFLICT({_KEY}) DO UPDATE SET n = n + excluded.n; "
    )


def _registration(row: str, delta: int) -> str:
    hour = _hour(f"{row}.registered_at")
    return _add("registration", hour, f"{row}.item_id", f"{row}.criterion", "''", delta)


def _step(row: str, delta: int) -> str:
    return _add("step", "''", f"{row}.item_id", f"{row}.status", "''", delta)


_DAY_KEY = "what, day, account_id, code, detail"


def _to_day(row: str, delta: str) -> str:
    return (
        f"INSERT INTO stats_counts_days({_DAY_KEY}, n) VALUES ({row}.what, substr({row}.hour, 1, 10), "
        f"{row}.account_id, {row}.code, {row}.detail, {delta}) "
        f"ON CONFLICT({_DAY_KEY}) DO UPDATE SET n = n + excluded.n; "
    )


TRIGGERS = {
    "stats_counts_decision_ai": ("AFTER INSERT ON decisions", _decision("new", 1)),
    "stats_counts_decision_ad": ("AFTER DELETE ON decisions", _decision("old", -1)),
    "stats_counts_registration_ai": (
        "AFTER INSERT ON registrations",
        _registration("new", 1) + _registered_removals("new", 1, "AND r.id <> new.id"),
    ),
    "stats_counts_registration_ad": (
        "AFTER DELETE ON registrations",
        _registration("old", -1) + _registered_removals("old", -1, ""),
    ),
    "stats_counts_registration_au": (
        "AFTER UPDATE OF criterion, registered_at ON registrations",
        _registration("old", -1) + _registration("new", 1),
    ),
    "stats_counts_police_ai": (
        "AFTER INSERT ON escalations WHEN new.kind = 'police_report'",
        _add("police", _hour("new.created_at"), "new.item_id", "''", "''", 1),
    ),
    "stats_counts_police_ad": (
        "AFTER DELETE ON escalations WHEN old.kind = 'police_report'",
        _add("police", _hour("old.created_at"), "old.item_id", "''", "''", -1),
    ),
    "stats_counts_step_ai": ("AFTER INSERT ON outbox", _step("new", 1)),
    "stats_counts_step_ad": ("AFTER DELETE ON outbox", _step("old", -1)),
    "stats_counts_step_au": (
        "AFTER UPDATE OF status ON outbox WHEN old.status IS NOT new.status",
        _step("old", -1) + _step("new", 1),
    ),
    # The day level follows the hourly rows (an upsert's update fires the update trigger).
    "stats_counts_days_ai": ("AFTER INSERT ON stats_counts WHEN new.hour <> ''", _to_day("new", "new.n")),
    "stats_counts_days_au": (
        "AFTER UPDATE OF n ON stats_counts WHEN new.hour <> ''",
        _to_day("new", "new.n - old.n"),
    ),
}

TABLE = (
    "CREATE TABLE IF NOT EXISTS stats_counts (what VARCHAR(24) NOT NULL, hour VARCHAR(13) NOT NULL, "
    "account_id INTEGER NOT NULL, code VARCHAR(32) NOT NULL, detail VARCHAR(100) NOT NULL, "
    f"n INTEGER NOT NULL, PRIMARY KEY ({_KEY})) WITHOUT ROWID"
)

DAYS_TABLE = (
    "CREATE TABLE IF NOT EXISTS stats_counts_days (what VARCHAR(24) NOT NULL, day VARCHAR(10) NOT NULL, "
    "account_id INTEGER NOT NULL, code VARCHAR(32) NOT NULL, detail VARCHAR(100) NOT NULL, "
    f"n INTEGER NOT NULL, PRIMARY KEY ({_DAY_KEY})) WITHOUT ROWID"
)

REBUILD = [  # the day level is filled by its triggers as the hourly rows go in
    "DELETE FROM stats_counts",
    "DELETE FROM stats_counts_days",
    f"INSERT INTO stats_counts({_KEY}, n) SELECT 'decision', {_hour('d.decided_at')}, i.account_id, "
    "d.action, d.decided_by, count(*) FROM decisions d JOIN items i ON i.id = d.item_id GROUP BY 2, 3, 4, 5",
    f"INSERT INTO stats_counts({_KEY}, n) SELECT 'removal', {_hour('d.decided_at')}, i.account_id, "
    "coalesce(d.reason_code, ''), '', count(*) FROM decisions d JOIN items i ON i.id = d.item_id "
    "WHERE d.action = 'remove' GROUP BY 2, 3, 4",
    f"INSERT INTO stats_counts({_KEY}, n) SELECT 'removal_registered', {_hour('d.decided_at')}, "
    "i.account_id, '', '', count(*) FROM decisions d JOIN items i ON i.id = d.item_id "
    "WHERE d.action = 'remove' AND EXISTS (SELECT 1 FROM registrations r WHERE r.item_id = d.item_id) "
    "GROUP BY 2, 3",
    f"INSERT INTO stats_counts({_KEY}, n) SELECT 'registration', {_hour('r.registered_at')}, "
    "i.account_id, r.criterion, '', count(*) FROM registrations r JOIN items i ON i.id = r.item_id "
    "GROUP BY 2, 3, 4",
    f"INSERT INTO stats_counts({_KEY}, n) SELECT 'police', {_hour('e.created_at')}, i.account_id, '', '', "
    "count(*) FROM escalations e JOIN items i ON i.id = e.item_id WHERE e.kind = 'police_report' "
    "GROUP BY 2, 3",
    f"INSERT INTO stats_counts({_KEY}, n) SELECT 'step', '', i.account_id, o.status, '', count(*) "
    "FROM outbox o JOIN items i ON i.id = o.item_id GROUP BY 3, 4",
]


def _create(sql: Any) -> None:
    sql(TABLE)
    sql(DAYS_TABLE)
    for name, (event, body) in TRIGGERS.items():
        sql(f"CREATE TRIGGER IF NOT EXISTS {name} {event} BEGIN {body}END")


def create_stats_counts(connection: Any) -> None:
    sql = connection.exec_driver_sql
    _create(sql)
    for statement in REBUILD:
        sql(statement)


def drop_stats_counts(connection: Any) -> None:
    sql = connection.exec_driver_sql
    for name in TRIGGERS:
        sql(f"DROP TRIGGER IF EXISTS {name}")
    sql("DROP TABLE IF EXISTS stats_counts_days")
    sql("DROP TABLE IF EXISTS stats_counts")


def repair_stats_counts(connection: Any) -> list[str]:
    """Missing triggers re-created and the counts rebuilt from the records (a few seconds at a
    million items; only when something is missing)."""
    sql = connection.exec_driver_sql
    present = {n for (n,) in sql("SELECT name FROM sqlite_master WHERE name LIKE 'stats_counts%'")}
    missing = [t for t in TRIGGERS if t not in present]
    if {"stats_counts", "stats_counts_days"} <= present and not missing:
        return []
    begin_sqlite_transaction(connection)
    create_stats_counts(connection)
    return ["Statistikens räknare saknade utlösare och har räknats om från posterna."]
