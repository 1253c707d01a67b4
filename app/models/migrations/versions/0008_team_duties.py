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
UPGRADE = [
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
        for statement in UPGRADE:
            con.exec_driver_sql(statement)


def downgrade() -> None:
    con = op.get_bind()
    if con.dialect.name == "postgresql":
        for statement in DOWNGRADE:
            con.exec_driver_sql(statement)
