"""The team database's own enforcement of the roles (PostgreSQL only), so that a modified client
or a direct psql session as a person's login role can do no more than Granska lets them.

- Group roles: `granska_team` (every person: read, append to the audit log), and one per role
  of the register: `granska_administrator`, `granska_registrator`, `granska_kommunikationschef`,
  `granska_forvaltningschef`. A person's login role is a member of the team and of their roles.
- Row-level security on items and on every record of an item (decisions, evidence,
  registrations, notices, outbox, escalations, recusals): written only by an administrator
  assigned to the item's account (a registrator also fills in diarienummer); records read by
  the assigned administrators, the registrator and the kommunikationschef.
- The audit log and the evidence are insert-only: no role but the owner has UPDATE or DELETE
  on them, and an audit event or a decision must carry the writer's own login.
- Login roles are created, given roles and disabled only through SECURITY DEFINER functions
  that check that the caller is the owner or a förvaltningschef in the register.

Installed by migration 0006_team_privileges as the database owner, who needs CREATEROLE (or is
a superuser). The owner is not subject to row-level security (no FORCE): it set Granska up.
"""

from __future__ import annotations

from typing import Any

GROUPS = {
    "administrator": "granska_administrator",
    "registrator": "granska_registrator",
    "kommunikationschef": "granska_kommunikationschef",
    "forvaltningschef": "granska_forvaltningschef",
}
TEAM = "granska_team"
ITEM_RECORDS = ("decisions", "evidence", "registrations", "notices", "outbox", "escalations", "recusals")

_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION granska_has_role(wanted text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM administrators a
                 WHERE lower(a.username) = lower(session_user) AND a.active
                   AND (',' || coalesce(a.roles, '') || ',') LIKE '%,' || wanted || ',%')
$$;
CREATE OR REPLACE FUNCTION granska_is_owner() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
                 WHERE d.datname = current_database() AND r.rolname = session_user)
      OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
$$;
CREATE OR REPLACE FUNCTION granska_assigned(account integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT granska_has_role('administrator') AND EXISTS (
    SELECT 1 FROM account_administrators l JOIN administrators a ON a.id = l.administrator_id
    WHERE l.account_id = account AND lower(a.username) = lower(session_user) AND a.active)
$$;
CREATE OR REPLACE FUNCTION granska_item_account(item integer) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT account_id FROM items WHERE id = item
$$;
CREATE OR REPLACE FUNCTION granska_may_read(account integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT granska_assigned(account) OR granska_has_role('registrator')
      OR granska_has_role('kommunikationschef')
$$;
CREATE OR REPLACE FUNCTION granska_require_chef() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT (granska_is_owner() OR granska_has_role('forvaltningschef')) THEN
    RAISE EXCEPTION 'Du (%) får inte lägga till, ändra eller avaktivera administratörer.', session_user
      USING ERRCODE = '42501';
  END IF;
END $$;
CREATE OR REPLACE FUNCTION granska_set_login_roles(person text, wanted text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  grp text;
  role_name text;
BEGIN
  PERFORM granska_require_chef();
  IF NOT pg_has_role(person, 'granska_team', 'MEMBER') THEN
    RAISE EXCEPTION 'Databasrollen % hör inte till Granska.', person USING ERRCODE = '42501';
  END IF;
  FOREACH role_name IN ARRAY ARRAY['administrator', 'registrator', 'kommunikationschef',
                                   'forvaltningschef'] LOOP
    grp := 'granska_' || role_name;
    IF role_name = ANY(wanted) THEN
      EXECUTE format('GRANT %I TO %I', grp, person);
    ELSE
      EXECUTE format('REVOKE %I FROM %I', grp, person);
    END IF;
  END LOOP;
END $$;
CREATE OR REPLACE FUNCTION granska_create_login(person text, secret text, wanted text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM granska_require_chef();
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = person) THEN
    IF NOT pg_has_role(person, 'granska_team', 'MEMBER')
       OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = person AND rolsuper) THEN
      RAISE EXCEPTION 'Databasrollen % finns redan och hör inte till Granska.', person
        USING ERRCODE = '42710';
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN', person);
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', person);
    EXECUTE format('GRANT granska_team TO %I', person);
  END IF;
  IF secret IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', person, secret);
  END IF;
  PERFORM granska_set_login_roles(person, wanted);
END $$;
CREATE OR REPLACE FUNCTION granska_disable_login(person text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM granska_require_chef();
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = person)
     AND pg_has_role(person, 'granska_team', 'MEMBER') THEN
    EXECUTE format('ALTER ROLE %I NOLOGIN', person);
  END IF;
END $$;
"""

_CREATE_GROUPS = r"""
DO $$
DECLARE g text;
BEGIN
  FOREACH g IN ARRAY ARRAY['granska_team', 'granska_administrator', 'granska_registrator',
                           'granska_kommunikationschef', 'granska_forvaltningschef'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', g);
    END IF;
  END LOOP;
END $$;
"""

_GRANTS = [
    "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
    "GRANT USAGE ON SCHEMA public TO granska_team",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO granska_team",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO granska_team",
    # The audit log: appended by everyone, never changed; the chain's head moves with it.
    "GRANT INSERT ON audit_events, audit_seals TO granska_team",
    "GRANT UPDATE ON audit_head TO granska_team",
    "GRANT INSERT, UPDATE ON items, item_versions, decisions, registrations, notices, outbox, "
    "escalations, recusals, screenshots, settings TO granska_administrator",
    "GRANT INSERT ON evidence TO granska_administrator",
    "GRANT UPDATE (last_sync_at, sync_state) ON accounts TO granska_administrator",
    "GRANT UPDATE ON registrations TO granska_registrator",
    "GRANT INSERT, UPDATE ON exports, export_rows TO granska_registrator",
    "GRANT INSERT, UPDATE ON screenshots, settings TO granska_kommunikationschef",
    "GRANT INSERT, UPDATE ON administrators, accounts TO granska_forvaltningschef",
    "GRANT INSERT, DELETE ON account_administrators TO granska_forvaltningschef",
]
_FUNCTION_NAMES = (
    "granska_set_login_roles(text, text[])",
    "granska_create_login(text, text, text[])",
    "granska_disable_login(text)",
)


def _policies() -> list[str]:
    sql = [
        "ALTER TABLE items ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY items_read ON items FOR SELECT USING (true)",
        "CREATE POLICY items_insert ON items FOR INSERT WITH CHECK (granska_assigned(account_id))",
        "CREATE POLICY items_update ON items FOR UPDATE USING (granska_assigned(account_id)) "
        "WITH CHECK (granska_assigned(account_id))",
        "ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY audit_read ON audit_events FOR SELECT USING (true)",
        "CREATE POLICY audit_own_name ON audit_events FOR INSERT "
        "WITH CHECK (lower(actor) = lower(session_user))",
    ]
    for table in ITEM_RECORDS:
        account = "granska_item_account(item_id)"
        writer = f"granska_assigned({account})"
        if table == "registrations":  # the registrator fills in the diarienummer
            update = f"{writer} OR granska_has_role('registrator')"
        else:
            update = writer
        insert = writer
        if table == "decisions":  # a decision carries its writer's own login
            insert = f"{writer} AND lower(decided_by) = lower(session_user)"
        sql += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY {table}_read ON {table} FOR SELECT USING (granska_may_read({account}))",
            f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK ({insert})",
            f"CREATE POLICY {table}_update ON {table} FOR UPDATE USING ({update}) WITH CHECK ({update})",
        ]
    return sql


def install(con: Any) -> None:
    """Groups, grants, policies and the login functions; `con` is the owner's connection."""
    # Straight to the driver, without parameters: psycopg then leaves the functions' `%` alone.
    cursor = con.connection.dbapi_connection.cursor()
    statements = [_CREATE_GROUPS, _FUNCTIONS, *_GRANTS, *_policies()]
    for fn in _FUNCTION_NAMES:
        statements += [
            f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC",
            f"GRANT EXECUTE ON FUNCTION {fn} TO granska_forvaltningschef",
        ]
    try:
        for statement in statements:
            cursor.execute(statement)
    finally:
        cursor.close()


def uninstall(con: Any) -> None:
    for table in ("items", "audit_events", *ITEM_RECORDS):
        con.exec_driver_sql(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for row in con.exec_driver_sql(
            f"SELECT policyname FROM pg_policies WHERE tablename = '{table}'"
        ).all():
            con.exec_driver_sql(f'DROP POLICY "{row[0]}" ON {table}')
    for fn in (
        *_FUNCTION_NAMES,
        "granska_require_chef()",
        "granska_may_read(integer)",
        "granska_item_account(integer)",
        "granska_assigned(integer)",
        "granska_is_owner()",
        "granska_has_role(text)",
    ):
        con.exec_driver_sql(f"DROP FUNCTION IF EXISTS {fn}")
