"""When a question's clock stopped, kept on the item by the database itself (#17).

A question's clock stops at the first of: its answer (or the political referral) published on
the platform or confirmed posted by hand (`notices.posted_at`), or a decision that it needs no
answer (kept, removed). A forward alone does not stop it: the issue stops the clock at "forward
with a reply", and Granska's forward e-mails the question on without telling the asker anything;
the asker still waits, and the clock stops when the answer is published (#17). Triggers on
`notices` and `decisions` write the earliest such time to `items.first_response_at` (and who
answered, `first_response_by`) in the same transaction as the answer or decision, whatever path
wrote it (the ORM, the SQLite writer's direct inserts, an offline replay), so the statistics
read two columns from an index instead of joining every decision and notice. At start,
`repair_response_clock` puts back a trigger that is missing or of an older rule.
"""

from __future__ import annotations

from typing import Any

from app.core.messages import translate

ANSWER_NOTICES = ("answer", "referral")
STOPPING_DECISIONS = ("keep", "remove")

_KINDS = ", ".join(f"'{k}'" for k in ANSWER_NOTICES)
_ACTIONS = ", ".join(f"'{a}'" for a in STOPPING_DECISIONS)
_NOTICE_STOPS = f"NEW.kind IN ({_KINDS}) AND NEW.status = 'posted' AND NEW.posted_at IS NOT NULL"
_DECISION_STOPS = f"NEW.action IN ({_ACTIONS})"
# Who answered a question (the statistics per administrator): the first decision to answer it
# or that stopped its clock, by decision time.
_ANSWERING = ", ".join(f"'{a}'" for a in ("answer", *STOPPING_DECISIONS))
_DECISION_ANSWERS = f"NEW.action IN ({_ANSWERING})"
_FIRST_DECIDER = (
    f"(SELECT decided_by FROM decisions WHERE item_id = {{item}} AND action IN ({_ANSWERING}) "
    "ORDER BY decided_at, id LIMIT 1)"
)
_SET_RESPONDER = (
    "UPDATE items SET first_response_by = "
    + _FIRST_DECIDER.format(item="NEW.item_id")
    + " WHERE id = NEW.item_id;"
)


def _stop(moment: str) -> str:
    return (
        f"UPDATE items SET first_response_at = {moment} WHERE id = NEW.item_id "
        f"AND (first_response_at IS NULL OR first_response_at > {moment});"
    )


SQLITE_TRIGGERS = {
    "response_clock_notice_ai": f"AFTER INSERT ON notices WHEN {_NOTICE_STOPS}",
    "response_clock_notice_au": f"AFTER UPDATE OF status, posted_at ON notices WHEN {_NOTICE_STOPS}",
    "response_clock_decision_ai": f"AFTER INSERT ON decisions WHEN {_DECISION_STOPS}",
    "response_clock_responder_ai": f"AFTER INSERT ON decisions WHEN {_DECISION_ANSWERS}",
}
_SQLITE_BODY = {
    "response_clock_notice_ai": _stop("NEW.posted_at"),
    "response_clock_notice_au": _stop("NEW.posted_at"),
    "response_clock_decision_ai": _stop("NEW.decided_at"),
    "response_clock_responder_ai": _SET_RESPONDER,
}

POSTGRESQL_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION granska_notice_stops_clock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {_NOTICE_STOPS} THEN {_stop("NEW.posted_at")} END IF;
  RETURN NULL;
END $$""",
    f"""CREATE OR REPLACE FUNCTION granska_decision_stops_clock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {_DECISION_STOPS} THEN {_stop("NEW.decided_at")} END IF;
  IF {_DECISION_ANSWERS} THEN {_SET_RESPONDER} END IF;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER response_clock_notice AFTER INSERT OR UPDATE OF status, posted_at ON notices "
    "FOR EACH ROW EXECUTE FUNCTION granska_notice_stops_clock()",
    "CREATE TRIGGER response_clock_decision AFTER INSERT ON decisions "
    "FOR EACH ROW EXECUTE FUNCTION granska_decision_stops_clock()",
]
POSTGRESQL_UNINSTALL = [
    "DROP TRIGGER IF EXISTS response_clock_notice ON notices",
    "DROP TRIGGER IF EXISTS response_clock_decision ON decisions",
    "DROP FUNCTION IF EXISTS granska_notice_stops_clock()",
    "DROP FUNCTION IF EXISTS granska_decision_stops_clock()",
]

# Every stop already recorded, for the upgrade of a database that has answers.
BACKFILL = f"""
UPDATE items SET first_response_at = stops.t
FROM (
  SELECT item_id, min(t) AS t FROM (
    SELECT item_id, posted_at AS t FROM notices
     WHERE kind IN ({_KINDS}) AND status = 'posted' AND posted_at IS NOT NULL
    UNION ALL
    SELECT item_id, decided_at AS t FROM decisions WHERE action IN ({_ACTIONS})
  ) AS every_stop GROUP BY item_id
) AS stops
WHERE items.id = stops.item_id
"""
BACKFILL_RESPONDER = (
    "UPDATE items SET first_response_by = "
    + _FIRST_DECIDER.format(item="items.id")
    + f" WHERE id IN (SELECT item_id FROM decisions WHERE action IN ({_ANSWERING}))"
)
# Before a full recount: a clock a trigger of another rule (or none) stopped is started again.
RESET = (
    "UPDATE items SET first_response_at = NULL, first_response_by = NULL "
    "WHERE first_response_at IS NOT NULL OR first_response_by IS NOT NULL"
)


def _sqlite_trigger(name: str) -> str:
    return f"CREATE TRIGGER {name} {SQLITE_TRIGGERS[name]} BEGIN {_SQLITE_BODY[name]} END"


def install(connection: Any) -> None:
    """The triggers for the connection's dialect (any older ones replaced), then every stop
    counted again from the answers and decisions."""
    sql = connection.exec_driver_sql
    if connection.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            sql(f"DROP TRIGGER IF EXISTS {name}")
            sql(_sqlite_trigger(name))
    else:
        for statement in POSTGRESQL_UNINSTALL[:2] + POSTGRESQL_INSTALL:
            sql(statement)
    sql(RESET)
    sql(BACKFILL)
    sql(BACKFILL_RESPONDER)


def uninstall(connection: Any) -> None:
    sql = connection.exec_driver_sql
    if connection.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            sql(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for statement in POSTGRESQL_UNINSTALL:
            sql(statement)


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _in_place(connection: Any) -> bool:
    """Are exactly this build's triggers there? (SQLite keeps each trigger's text; PostgreSQL
    its functions' bodies.) A few catalogue look-ups."""
    sql = connection.exec_driver_sql
    if connection.dialect.name == "sqlite":
        rows = sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'response_clock%'"
        )
        found = {name: text for name, text in rows}  # noqa: C416 - the quick read's result only iterates
        return all(_words(found.get(n)) == _words(_sqlite_trigger(n)) for n in SQLITE_TRIGGERS)
    triggers = set(
        sql(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
            "AND NOT t.tgisinternal AND t.tgname IN ('response_clock_notice', 'response_clock_decision')"
        ).scalars()
    )
    bodies = dict(
        sql(
            "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND p.proname IN "
            "('granska_notice_stops_clock', 'granska_decision_stops_clock')"
        ).all()
    )
    wanted = {
        name: statement.split("$$")[1]
        for name, statement in zip(
            ("granska_notice_stops_clock", "granska_decision_stops_clock"),
            POSTGRESQL_INSTALL[:2],
            strict=True,
        )
    }
    return len(triggers) == 2 and all(_words(bodies.get(n)) == _words(body) for n, body in wanted.items())


def repair_response_clock(connection: Any) -> list[str]:
    """At start: a stopped-clock trigger missing (a database restored from an older copy, one
    dropped by hand) or of an older rule is put back, and every question's clock counted again
    from its answers and decisions (answers written meanwhile were not seen by the trigger)."""
    if connection.dialect.name not in ("sqlite", "postgresql") or _in_place(connection):
        return []
    from app.models.fulltext import begin_sqlite_transaction

    if connection.dialect.name == "sqlite":
        begin_sqlite_transaction(connection)
    install(connection)
    return [
        translate(
            "Core",
            "Svarstidernas utlösare saknades eller var inaktuella; de är återskapade och svarstiderna "
            "har räknats om från svaren och besluten.",
        )
    ]
