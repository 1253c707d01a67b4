"""The team database enforces the roles itself (#14): each person acts through Granska and
through direct SQL as their own login role; every forbidden path is refused and leaves the
database unchanged. The owner sets up a förvaltningschef, who adds two administrators (one
assigned to fb, one to nothing) and a registrator."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import select
from sqlalchemy.engine import make_url

from app.core.errors import Forbidden
from app.models import (
    Account,
    AccountAdministrator,
    Administrator,
    AuditEvent,
    Decision,
    Evidence,
    Item,
    Registration,
)
from app.models.db import open_database
from app.services.accounts.accounts import AccountService
from app.services.accounts.administrators import AdministratorRegister
from app.services.moderation.facade import ModerationService
from app.services.records.export import ExportService, RemovalLogRequest
from tests.helpers.workflow import make_item

pytestmark = pytest.mark.postgres
CHEF, ANNA, BO, RUT = "tm_chef", "tm_anna", "tm_bo", "tm_rut"
DENIED = errors.InsufficientPrivilege  # "permission denied", "violates row-level security policy"


def _url(db, who: str) -> str:
    return db.engine.url.set(username=who).render_as_string(hide_password=False)


@pytest.fixture
def team(pg_db):
    s = pg_db.sessions
    fb_item = make_item(s, "Ni är idioter", account="fb")
    second = make_item(s, "Köp nu", account="fb")
    yt_item = make_item(s, "Tack!", account="yt")
    AdministratorRegister(s).add(CHEF, "Cecilia Chef", roles=("forvaltningschef",))  # by the owner
    opened = []

    def person(who: str):
        db = open_database(_url(pg_db, who))
        opened.append(db)
        return db

    chef = person(CHEF)
    AdministratorRegister(chef.sessions).add(ANNA, "Anna Ek", roles=("administrator",))
    AdministratorRegister(chef.sessions).add(BO, "Bo Ek", roles=("administrator",))
    AdministratorRegister(chef.sessions).add(RUT, "Rut Registrator", roles=("registrator",))
    AccountService(chef.sessions).assign("fb", ANNA)
    ModerationService(person(ANNA).sessions).remove(fb_item, "personangrepp")  # evidence, registration
    yield pg_db, person, {"fb": fb_item, "fb2": second, "yt": yt_item}
    for db in opened:
        db.dispose()


def _snapshot(db) -> tuple:
    with db.sessions() as s:
        return (
            tuple(s.execute(select(Item.id, Item.status, Item.row_version).order_by(Item.id))),
            tuple(s.execute(select(Decision.id, Decision.decided_by).order_by(Decision.id))),
            tuple(s.execute(select(Evidence.id, Evidence.sha256, Evidence.payload).order_by(Evidence.id))),
            tuple(s.execute(select(Registration.id, Registration.diarienummer).order_by(Registration.id))),
            tuple(
                s.execute(select(AuditEvent.id, AuditEvent.actor, AuditEvent.hash).order_by(AuditEvent.id))
            ),
            tuple(s.execute(select(AccountAdministrator.account_id, AccountAdministrator.administrator_id))),
            tuple(
                s.execute(
                    select(Account.key, Account.screenshot_interval_days, Account.last_sync_at).order_by(
                        Account.id
                    )
                )
            ),
            tuple(
                s.execute(
                    select(Administrator.username, Administrator.roles, Administrator.active).order_by(
                        Administrator.id
                    )
                )
            ),
        )


def _sql(db, who: str, statement: str, params: tuple = ()) -> int:
    """One statement as `who` over psycopg, committed if it succeeds; its row count."""
    conninfo = make_url(_url(db, who)).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as con:
        cur = con.execute(statement, params)
        return cur.rowcount


def test_the_registrator_exports_through_granska_and_an_administrator_may_not(team, tmp_path):
    db, person, _ = team
    request = RemovalLogRequest(date(2026, 1, 1), date(2026, 12, 31))
    result = ExportService(person(RUT).sessions).export_removals(request, tmp_path / "rut.xlsx")
    assert result.removals == 1 and (tmp_path / "rut.xlsx").read_bytes().startswith(b"PK")
    with pytest.raises(Forbidden, match="får inte exportera"):
        ExportService(person(ANNA).sessions).export_removals(request, tmp_path / "anna.xlsx")
    with pytest.raises(DENIED):  # nor in SQL
        _sql(
            db,
            ANNA,
            "INSERT INTO exports (uuid, kind, created_at, created_by, filename, sha256) "
            "VALUES ('u', 'removals', now(), 'tm_anna', 'f', 'x')",
        )


def test_the_team_acts_through_granska_within_its_roles(team):
    db, person, items = team
    anna, bo, rut = person(ANNA), person(BO), person(RUT)
    assert ModerationService(anna.sessions).keep(items["fb2"]).status == "kept"
    before = _snapshot(db)
    for who, act in (
        (bo, lambda svc: svc.keep(items["fb2"])),
        (bo, lambda svc: svc.remove(items["fb"], "personangrepp")),
        (rut, lambda svc: svc.keep(items["yt"])),
        (anna, lambda svc: svc.keep(items["yt"])),
    ):
        with pytest.raises(Forbidden):
            act(ModerationService(who.sessions))
    with pytest.raises(Forbidden):
        AccountService(anna.sessions).assign("yt", ANNA)
    with pytest.raises(Forbidden):
        AdministratorRegister(bo.sessions).set_roles(BO, ("forvaltningschef",))
    after = _snapshot(db)
    assert after[:4] == before[:4] and after[5:] == before[5:]  # only the refusals were logged
    refused = [e for e in after[4] if e not in before[4]]
    assert [actor for _, actor, _ in refused] == [BO, BO, RUT, ANNA, ANNA, BO]
    outcome = ModerationService(rut.sessions).set_diarienummer(items["fb"], "KS/2026:9")
    assert "KS/2026:9" in outcome.message
    me = AdministratorRegister(anna.sessions).whoami()
    assert (me.username, me.roles, [k for _, k in me.accounts]) == (ANNA, ("administrator",), ["fb"])


FORBIDDEN: list[tuple[str, str, type[Exception] | None]] = [
    # (who, SQL, the error PostgreSQL raises; None: refused by row-level security, 0 rows)
    (BO, "UPDATE items SET status = 'kept' WHERE id = {fb2}", None),
    (
        BO,
        "INSERT INTO decisions (item_id, action, motivation, decided_by, decided_at) "
        "VALUES ({fb2}, 'keep', '', 'tm_bo', now())",
        DENIED,
    ),
    (
        BO,
        "INSERT INTO account_administrators (account_id, administrator_id, role) "
        "SELECT account_id, (SELECT id FROM administrators WHERE username = 'tm_bo'), 'administrator' "
        "FROM items WHERE id = {fb}",
        DENIED,
    ),
    (BO, "UPDATE administrators SET roles = 'forvaltningschef' WHERE username = 'tm_bo'", DENIED),
    (BO, "SELECT granska_create_login('tm_eve', NULL, ARRAY['forvaltningschef'])", DENIED),
    (BO, "CREATE ROLE tm_eve LOGIN", DENIED),
    (BO, "UPDATE registrations SET diarienummer = 'X/1'", None),
    (ANNA, "UPDATE evidence SET payload = '{{}}'", DENIED),
    (ANNA, "DELETE FROM evidence", DENIED),
    (ANNA, "UPDATE audit_events SET actor = 'tm_bo'", DENIED),
    (ANNA, "DELETE FROM audit_events", DENIED),
    (
        ANNA,
        "INSERT INTO audit_events (at, actor, action, prev_hash, hash) "
        "VALUES (now(), 'tm_bo', 'keep', '', '')",
        DENIED,
    ),
    (
        ANNA,
        "INSERT INTO decisions (item_id, action, motivation, decided_by, decided_at) "
        "VALUES ({fb2}, 'keep', '', 'tm_bo', now())",
        DENIED,
    ),
    (ANNA, "UPDATE items SET status = 'kept' WHERE id = {yt}", None),
    (ANNA, "DELETE FROM items", DENIED),
    (ANNA, "DELETE FROM decisions", DENIED),
    (ANNA, "DELETE FROM account_administrators", DENIED),
    (ANNA, "SELECT granska_set_login_roles('tm_anna', ARRAY['forvaltningschef'])", DENIED),
    (RUT, "UPDATE items SET status = 'kept' WHERE id = {fb2}", DENIED),
    (
        RUT,
        "INSERT INTO decisions (item_id, action, motivation, decided_by, decided_at) "
        "VALUES ({fb2}, 'keep', '', 'tm_rut', now())",
        DENIED,
    ),
    (RUT, "UPDATE evidence SET sha256 = 'x'", DENIED),
    (CHEF, "UPDATE items SET status = 'kept' WHERE id = {fb2}", DENIED),
    (CHEF, "UPDATE audit_head SET last_hash = 'x' WHERE false", None),  # allowed, shown for contrast
    (CHEF, "DELETE FROM audit_seals", DENIED),
    # 0008: settings are the förvaltningschef's and the kommunikationschef's; a screenshot is filed
    # by an administrator of its account; a package is recorded only as its own maker's.
    (ANNA, "INSERT INTO settings (key, value) VALUES ('mail', '{{}}')", DENIED),
    (BO, "UPDATE settings SET value = '{{}}'", DENIED),
    (
        BO,
        "INSERT INTO screenshots (account_id, taken_at, taken_by, reason, note, png, sha256, width, height) "
        "SELECT account_id, now(), 'tm_bo', 'annual', '', 'x', 'x', 1, 1 FROM items WHERE id = {fb}",
        DENIED,
    ),
    (
        ANNA,
        "INSERT INTO exports (uuid, kind, created_at, created_by, filename, sha256) "
        "VALUES ('u2', 'package', now(), 'tm_rut', 'f', 'x')",
        DENIED,
    ),
    # The chain's head moves only to the chain's real end (0008's trigger), for every role.
    (ANNA, "UPDATE audit_head SET last_hash = 'x'", DENIED),
    (ANNA, "UPDATE audit_head SET count = count + 1", DENIED),
    (
        CHEF,
        "UPDATE audit_head SET count = count - 1, last_hash = (SELECT prev_hash FROM audit_events "
        "ORDER BY id DESC LIMIT 1)",
        DENIED,
    ),
    (RUT, "UPDATE audit_head SET id = id + 1", DENIED),
    # 0009: an administrator touches only the accounts assigned to them (accounts has RLS).
    (ANNA, "UPDATE accounts SET screenshot_interval_days = 1 WHERE key = 'yt'", None),
    (BO, "UPDATE accounts SET last_sync_at = now()", None),
    (
        ANNA,
        "INSERT INTO accounts (key, platform, name, active) VALUES ('ny', 'facebook', 'Ny', true)",
        DENIED,
    ),
]


@pytest.mark.parametrize(
    ("who", "statement", "error"), FORBIDDEN, ids=[f"{w}:{s[:40]}" for w, s, _ in FORBIDDEN]
)
def test_direct_sql_as_each_role_is_refused_and_changes_nothing(team, who, statement, error):
    db, _, items = team
    before = _snapshot(db)
    sql = statement.format(**items)
    if error is None:
        assert _sql(db, who, sql) == 0
    else:
        with pytest.raises(error):
            _sql(db, who, sql)
    assert _snapshot(db) == before


def test_what_each_role_may_do_in_sql_it_may(team):
    db, _, items = team
    assert _sql(db, RUT, "UPDATE registrations SET diarienummer = 'KS/2026:5'") == 1
    assert _sql(db, ANNA, "UPDATE accounts SET screenshot_interval_days = 30 WHERE key = 'fb'") == 1
    assert _sql(db, ANNA, f"SELECT * FROM evidence WHERE item_id = {items['fb']}") == 1
    assert _sql(db, BO, f"SELECT * FROM evidence WHERE item_id = {items['fb']}") == 0  # not his account
    assert (
        _sql(
            db,
            CHEF,
            "INSERT INTO account_administrators (account_id, administrator_id, role) "
            f"SELECT account_id, (SELECT id FROM administrators WHERE username = '{BO}'), "
            f"'administrator' FROM items WHERE id = {items['yt']}",
        )
        == 1
    )


def test_deactivating_a_person_revokes_their_login(team):
    db, person, _ = team
    AdministratorRegister(person(CHEF).sessions).deactivate(BO)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        _sql(db, BO, "SELECT 1")
