"""team duties: PostgreSQL enforces the remaining duties the services check (#14)

Revision ID: 0008_team
Revises: 0007_team_credentials

- The shared settings (mail, rule lists, gallring) are the förvaltningschef's and the
  kommunikationschef's, no longer every administrator's.
- A screenshot is filed and marked as sent by the kommunikationschef or an administrator
  assigned to its account (row-level security); both set how often an account is photographed.
- An evidence package is recorded (exports) by whoever may read its items: their own
  administrators and the kommunikationschef too; the removal log stays the registrator's
  (row-level security on exports and export_rows: others insert only their own packages).

- The audit log's head (audit_head) moves only to the true end of the chain: a trigger lets an
  UPDATE through when the head becomes the newest event's hash and the count grows by exactly
  the events appended after the old head (whose first one names the old head as prev_hash),
  or when nothing changes (the lock every writer takes). Any other value is refused, for
  every role, so no member can point the head elsewhere to hide a gap.

Nothing on SQLite: a workstation's file has one user, who the OS already let in.
"""

from alembic import op

revision = "0008_team"
down_revision = "0007_team_credentials"
branch_labels = None
depends_on = None

_SCREENSHOTS = "granska_assigned(account_id) OR granska_has_role('kommunikationschef')"
_REGISTRATOR = "granska_has_role('registrator')"
_OWN_PACKAGE = "kind = 'package' AND lower(created_by) = lower(session_user)"
_OWN_PACKAGE_ROW = (
    "export_id IN (SELECT id FROM exports WHERE kind = 'package' AND lower(created_by) = lower(session_user))"
)
_HEAD_GUARD = r"""
CREATE OR REPLACE FUNCTION granska_audit_head_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
  appended integer := NEW.count - OLD.count;
  newest text;
  first_prev text;
BEGIN
  IF NEW.id <> OLD.id THEN
    RAISE EXCEPTION 'Granskningsloggens huvud kan inte flyttas.' USING ERRCODE = '42501';
  END IF;
  IF appended = 0 AND NEW.last_hash IS NOT DISTINCT FROM OLD.last_hash THEN
    RETURN NEW;
  END IF;
  IF appended > 0 THEN
    SELECT hash INTO newest FROM audit_events ORDER BY id DESC LIMIT 1;
    SELECT prev_hash INTO first_prev FROM audit_events ORDER BY id DESC OFFSET appended - 1 LIMIT 1;
    IF newest = NEW.last_hash AND first_prev IS NOT DISTINCT FROM OLD.last_hash THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'Granskningsloggens huvud får bara flyttas till kedjans sista händelse (av %).', session_user
    USING ERRCODE = '42501';
END $$;
"""
UPGRADE = [
    _HEAD_GUARD,
    "CREATE TRIGGER audit_head_guard BEFORE UPDATE ON audit_head FOR EACH ROW "
    "EXECUTE FUNCTION granska_audit_head_guard()",
    "REVOKE INSERT, UPDATE ON settings FROM granska_administrator",
    "GRANT INSERT, UPDATE ON settings TO granska_forvaltningschef",
    "GRANT UPDATE (screenshot_interval_days) ON accounts TO granska_administrator, granska_kommunikationschef",
    "GRANT INSERT ON exports, export_rows TO granska_administrator, granska_kommunikationschef",
    "ALTER TABLE exports ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY exports_read ON exports FOR SELECT USING (true)",
    f"CREATE POLICY exports_insert ON exports FOR INSERT WITH CHECK ({_REGISTRATOR} OR ({_OWN_PACKAGE}))",
    f"CREATE POLICY exports_update ON exports FOR UPDATE USING ({_REGISTRATOR}) WITH CHECK ({_REGISTRATOR})",
    "ALTER TABLE export_rows ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY export_rows_read ON export_rows FOR SELECT USING (true)",
    f"CREATE POLICY export_rows_insert ON export_rows FOR INSERT WITH CHECK ({_REGISTRATOR} OR {_OWN_PACKAGE_ROW})",
    f"CREATE POLICY export_rows_update ON export_rows FOR UPDATE USING ({_REGISTRATOR}) "
    f"WITH CHECK ({_REGISTRATOR})",
    "ALTER TABLE screenshots ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY screenshots_read ON screenshots FOR SELECT USING (true)",
    f"CREATE POLICY screenshots_insert ON screenshots FOR INSERT WITH CHECK ({_SCREENSHOTS})",
    f"CREATE POLICY screenshots_update ON screenshots FOR UPDATE USING ({_SCREENSHOTS}) WITH CHECK ({_SCREENSHOTS})",
]
DOWNGRADE = [
    "DROP TRIGGER IF EXISTS audit_head_guard ON audit_head",
    "DROP FUNCTION IF EXISTS granska_audit_head_guard()",
    "DROP POLICY IF EXISTS screenshots_update ON screenshots",
    "DROP POLICY IF EXISTS screenshots_insert ON screenshots",
    "DROP POLICY IF EXISTS screenshots_read ON screenshots",
    "ALTER TABLE screenshots DISABLE ROW LEVEL SECURITY",
    *(
        f"DROP POLICY IF EXISTS {t}_{p} ON {t}"
        for t in ("exports", "export_rows")
        for p in ("read", "insert", "update")
    ),
    "ALTER TABLE exports DISABLE ROW LEVEL SECURITY",
    "ALTER TABLE export_rows DISABLE ROW LEVEL SECURITY",
    "REVOKE INSERT ON exports, export_rows FROM granska_administrator, granska_kommunikationschef",
    "REVOKE UPDATE (screenshot_interval_days) ON accounts FROM granska_administrator, granska_kommunikationschef",
    "REVOKE INSERT, UPDATE ON settings FROM granska_forvaltningschef",
    "GRANT INSERT, UPDATE ON settings TO granska_administrator",
]


def upgrade() -> None:
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        # Straight to the driver, without parameters: psycopg then leaves the function's `%` alone.
        dbapi = con.connection.dbapi_connection
        assert dbapi is not None
        cursor = dbapi.cursor()
        try:
            for statement in UPGRADE:
                cursor.execute(statement)
        finally:
            cursor.close()


def downgrade() -> None:
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        for statement in DOWNGRADE:
            con.exec_driver_sql(statement)
