"""When a question's clock stopped, kept on the item by the database itself (#17).

A question's clock stops at the first of: its answer (or the political referral) published on
the platform or confirmed posted by hand (`notices.posted_at`), a forward, or a decision that it
needs no answer (kept, removed). Triggers on `notices` and `decisions` write the earliest such
time to `items.first_response_at` (and who answered, `first_response_by`) in the same
transaction as the answer or decision, whatever path wrote it (the ORM, the SQLite writer's
direct inserts, an offline replay), so the statistics read two columns from an index instead of
joining every decision and notice.
"""

from __future__ import annotations

from typing import Any

ANSWER_NOTICES = ("answer", "referral")
STOPPING_DECISIONS = ("forward", "keep", "remove")

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


def install(connection: Any) -> None:
    """The triggers for the connection's dialect, then the stops already there."""
    sql = connection.exec_driver_sql
    if connection.dialect.name == "sqlite":
        for name, event in SQLITE_TRIGGERS.items():
            sql(f"CREATE TRIGGER IF NOT EXISTS {name} {event} BEGIN {_SQLITE_BODY[name]} END")
    else:
        for statement in POSTGRESQL_INSTALL:
            sql(statement)
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
