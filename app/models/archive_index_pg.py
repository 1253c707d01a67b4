"""The archive's own index on PostgreSQL: one row per archived item, kept by triggers, the
counterpart of SQLite's `archive_items` + `archive_fts` (app/models/archive_index.py).

Without it the archive's page was computed on every request (a union of evidence, removals and
registrations, grouped and sorted: 225-383 ms at 50k saved copies). Here `archive_items` holds,
per archived item, its account, its latest event time (`last_at`; the page is a walk of the
btree on (last_at, item_id) from the cursor), what the list shows beside the item (the newest
saved copy's text, the latest removal's reason, who decided last, the diarienummer, the number
of copies), and `search_vector`: the Swedish tsvectors of every saved copy of the item
(evidence.search_vector, app/models/archive_search_pg.py) joined, or the item's own
`items.search_vector` when it has no copy, under a GIN index.

Triggers on evidence, decisions, registrations and items refresh the item's row in the same
transaction as the write, so a refused or failed write leaves it as it was. They run as the
owner (SECURITY DEFINER): no person writes the table, and row-level security lets a person read
only the rows of the accounts whose records they may read (`granska_may_read`, as on evidence).
"""

from __future__ import annotations

from typing import Any

_SAVED_TEXT = """
CREATE OR REPLACE FUNCTION granska_saved_copy_text(payload text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    doc jsonb;
BEGIN
    BEGIN
        doc := payload::jsonb;
    EXCEPTION WHEN others THEN
        RETURN NULL;
    END;
    IF jsonb_typeof(doc) <> 'object' THEN
        RETURN NULL;
    END IF;
    RETURN coalesce(doc -> 'item' ->> 'text', doc ->> 'text');
END
$$
"""

_AGGREGATE = """
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'granska_tsvector_agg') THEN
    CREATE AGGREGATE granska_tsvector_agg (tsvector) (SFUNC = tsvector_concat, STYPE = tsvector);
  END IF;
END $$
"""


def _row(item: str) -> str:
    """The columns of item `item`'s row after item_id, account_id and last_at."""
    return (
        f"(SELECT granska_saved_copy_text(payload) FROM evidence WHERE item_id = {item} "
        "ORDER BY saved_at DESC, id DESC LIMIT 1), "
        f"(SELECT reason_code FROM decisions WHERE item_id = {item} AND action = 'remove' "
        "ORDER BY decided_at DESC, id DESC LIMIT 1), "
        f"(SELECT decided_by FROM decisions WHERE item_id = {item} "
        "ORDER BY decided_at DESC, id DESC LIMIT 1), "
        f"(SELECT diarienummer FROM registrations WHERE item_id = {item} AND diarienummer IS NOT NULL "
        "ORDER BY registered_at DESC, id DESC LIMIT 1), "
        f"(SELECT count(*) FROM evidence WHERE item_id = {item}), "
        f"coalesce((SELECT granska_tsvector_agg(search_vector) FROM evidence WHERE item_id = {item}), "
        "i.search_vector, ''::tsvector)"
    )


_COLUMNS = (
    "item_id, account_id, last_at, saved_text, reason_code, decided_by, diarienummer, copies, search_vector"
)

_REFRESH = f"""
CREATE OR REPLACE FUNCTION granska_archive_refresh(item integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    latest timestamptz;
BEGIN
    IF item IS NULL THEN
        RETURN;
    END IF;
    SELECT max(at) INTO latest FROM (
        SELECT saved_at AS at FROM evidence WHERE item_id = item
        UNION ALL SELECT decided_at FROM decisions WHERE item_id = item AND action = 'remove'
        UNION ALL SELECT registered_at FROM registrations WHERE item_id = item) events;
    IF latest IS NULL THEN
        DELETE FROM archive_items WHERE item_id = item;
        RETURN;
    END IF;
    INSERT INTO archive_items ({_COLUMNS})
    SELECT i.id, i.account_id, latest, {_row("item")} FROM items i WHERE i.id = item
    ON CONFLICT (item_id) DO UPDATE SET account_id = excluded.account_id,
        last_at = excluded.last_at, saved_text = excluded.saved_text,
        reason_code = excluded.reason_code, decided_by = excluded.decided_by,
        diarienummer = excluded.diarienummer, copies = excluded.copies,
        search_vector = excluded.search_vector;
END $$
"""

# The item(s) the changed row belongs to are refreshed (a function per kind of table: PL/pgSQL
# resolves every field an expression names, even behind a condition that is false).
_TRIGGER_FUNCTIONS = {
    "granska_archive_record_changed": """
    IF TG_OP <> 'INSERT' THEN
        PERFORM granska_archive_refresh(old.item_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND new.item_id IS DISTINCT FROM old.item_id) THEN
        PERFORM granska_archive_refresh(new.item_id);
    END IF;""",
    # Any decision on an archived item changes who decided last; a removal archives it.
    "granska_archive_decision_changed": """
    IF TG_OP <> 'INSERT' THEN
        PERFORM granska_archive_refresh(old.item_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND new.item_id IS DISTINCT FROM old.item_id) THEN
        IF new.action = 'remove' OR EXISTS (SELECT 1 FROM archive_items WHERE item_id = new.item_id) THEN
            PERFORM granska_archive_refresh(new.item_id);
        END IF;
    END IF;""",
    "granska_archive_item_changed": """
    IF TG_OP = 'DELETE' THEN
        DELETE FROM archive_items WHERE item_id = old.id;
    ELSIF EXISTS (SELECT 1 FROM archive_items WHERE item_id = new.id) THEN
        PERFORM granska_archive_refresh(new.id);
    END IF;""",
}


def _trigger_function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        f"SET search_path = pg_catalog, public AS $$\nBEGIN{body}\n    RETURN NULL;\nEND $$"
    )


TRIGGERS = {
    "archive_evidence": (
        "AFTER INSERT OR UPDATE OF item_id, saved_at, payload OR DELETE ON evidence",
        "granska_archive_record_changed",
    ),
    "archive_decisions": (
        "AFTER INSERT OR UPDATE OF item_id, action, decided_at, decided_by, reason_code "
        "OR DELETE ON decisions",
        "granska_archive_decision_changed",
    ),
    "archive_registrations": (
        "AFTER INSERT OR UPDATE OF item_id, registered_at, diarienummer OR DELETE ON registrations",
        "granska_archive_record_changed",
    ),
    "archive_items_changed": (
        "AFTER UPDATE OF text, author_name, account_id OR DELETE ON items",
        "granska_archive_item_changed",
    ),
}

_EVENTS = (
    "SELECT item_id, saved_at AS at FROM evidence "
    "UNION ALL SELECT item_id, decided_at FROM decisions WHERE action = 'remove' "
    "UNION ALL SELECT item_id, registered_at FROM registrations"
)

TABLE = [
    "CREATE TABLE IF NOT EXISTS archive_items (item_id integer PRIMARY KEY, "
    "account_id integer NOT NULL, last_at timestamptz NOT NULL, saved_text text, "
    "reason_code varchar(32), decided_by varchar(100), diarienummer varchar(100), "
    "copies integer NOT NULL, search_vector tsvector NOT NULL)",
]
INDEXES = [
    "CREATE INDEX IF NOT EXISTS ix_archive_items_last ON archive_items (last_at, item_id)",
    "CREATE INDEX IF NOT EXISTS ix_archive_items_account ON archive_items (account_id, last_at, item_id)",
    "CREATE INDEX IF NOT EXISTS ix_archive_items_search ON archive_items USING gin (search_vector)",
]
BACKFILL = (
    f"INSERT INTO archive_items ({_COLUMNS}) SELECT i.id, i.account_id, e.last_at, {_row('i.id')} "
    f"FROM (SELECT item_id, max(at) AS last_at FROM ({_EVENTS}) x GROUP BY item_id) e "
    "JOIN items i ON i.id = e.item_id"
)
# Read by the team under the same rule as the saved copies; written only by the triggers.
SECURITY = [
    "ALTER TABLE archive_items ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY archive_items_read ON archive_items FOR SELECT USING (granska_may_read(account_id))",
    "REVOKE ALL ON archive_items FROM PUBLIC",
    "GRANT SELECT ON archive_items TO granska_team",
]


def upgrade_statements(with_security: bool) -> list[str]:
    """Everything, in order: the table filled from what is already there (set-based, then
    indexed), the functions and triggers; `with_security` when the team's roles are installed."""
    triggers = [
        f"CREATE TRIGGER {name} {event} FOR EACH ROW EXECUTE FUNCTION {function}()"
        for name, (event, function) in TRIGGERS.items()
    ]
    return [
        _SAVED_TEXT,
        _AGGREGATE,
        *TABLE,
        BACKFILL,
        *INDEXES,
        "ANALYZE archive_items",
        _REFRESH,
        *[_trigger_function(name, body) for name, body in _TRIGGER_FUNCTIONS.items()],
        *triggers,
        *(SECURITY if with_security else []),
    ]


def downgrade_statements() -> list[str]:
    return [
        *[f"DROP TRIGGER IF EXISTS {n} ON {event.split(' ON ')[-1]}" for n, (event, _) in TRIGGERS.items()],
        *[f"DROP FUNCTION IF EXISTS {name}()" for name in _TRIGGER_FUNCTIONS],
        "DROP FUNCTION IF EXISTS granska_archive_refresh(integer)",
        "DROP TABLE IF EXISTS archive_items",
        "DROP AGGREGATE IF EXISTS granska_tsvector_agg(tsvector)",
        "DROP FUNCTION IF EXISTS granska_saved_copy_text(text)",
    ]


def install(con: Any) -> None:
    """The index on `con` (the owner's connection, inside the migration's transaction)."""
    secured = con.exec_driver_sql("SELECT to_regprocedure('granska_may_read(integer)') IS NOT NULL").scalar()
    # Straight to the driver, without parameters: psycopg then leaves the functions' `%` alone.
    cursor = con.connection.dbapi_connection.cursor()
    try:
        for statement in upgrade_statements(bool(secured)):
            cursor.execute(statement)
    finally:
        cursor.close()
