"""Offline decisions and conflict records on the team database under the team's own logins (not
superusers): each person reads only those of the accounts their role may read, nobody alters
or deletes one, and nobody records one in another person's name or for an account they do not
administer; PostgreSQL itself refuses, and nothing changes."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import select
from sqlalchemy.engine import make_url

from app.models import OfflineDecision
from app.models.db import open_database
from app.services.accounts.accounts import AccountService
from app.services.accounts.administrators import AdministratorRegister
from app.services.moderation.facade import ModerationService
from app.services.offline.conflicts import list_conflicts
from app.services.offline.copy import LocalCopy
from app.services.offline.journal import OfflineModeration
from app.services.offline.replay import replay_journal
from tests.helpers.workflow import make_item

pytestmark = pytest.mark.postgres
CHEF, ANNA, BO, RUT = "of_chef", "of_anna", "of_bo", "of_rut"
DENIED = errors.InsufficientPrivilege  # "permission denied", "violates row-level security policy"


def _url(db, who: str) -> str:
    return db.engine.url.set(username=who).render_as_string(hide_password=False)


def _sql(db, who: str, statement: str) -> int:
    conninfo = make_url(_url(db, who)).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as con:
        return con.execute(statement).rowcount


def _records(db) -> tuple:
    o = OfflineDecision.__table__
    with db.sessions() as s:
        return tuple(tuple(r) for r in s.execute(select(o).order_by(o.c.client_decision_id)))


@pytest.fixture
def offline_team(pg_db, tmp_path: Path):
    s = pg_db.sessions
    items = {"fb": make_item(s, "Ni är idioter", account="fb"), "fb2": make_item(s, "Köp nu", account="fb")}
    items["yt"] = make_item(s, "Tack!", account="yt")
    AdministratorRegister(s).add(CHEF, "Cecilia Chef", roles=("forvaltningschef",))
    opened = []

    def person(who: str):
        db = open_database(_url(pg_db, who))
        opened.append(db)
        return db

    chef = person(CHEF)
    for who, name, role in ((ANNA, "Anna Ek", "administrator"), (BO, "Bo Ek", "administrator"),
                            (RUT, "Rut Registrator", "registrator")):  # fmt: skip
        AdministratorRegister(chef.sessions).add(who, name, roles=(role,))
    AccountService(chef.sessions).assign("fb", ANNA)
    AccountService(chef.sessions).assign("yt", BO)

    # Anna works offline on her copy: a removal and a keep; meanwhile the keep's item is decided
    # from her other workstation, so on replay one is applied and one kept as a conflict.
    anna = person(ANNA)
    copy = LocalCopy(tmp_path / "anna.db")
    copy.refresh(anna)
    offline = OfflineModeration(copy)
    offline.remove(items["fb"], "personangrepp")
    offline.keep(items["fb2"])
    ModerationService(anna.sessions).remove(items["fb2"], "reklam")
    report = replay_journal(anna, copy)
    assert report.applied == 1 and [c.item_id for c in report.conflicts] == [items["fb2"]]
    copy.close()
    yield pg_db, person, items
    for db in opened:
        db.dispose()


def test_each_login_reads_only_what_its_role_may(offline_team) -> None:
    db, person, _items = offline_team
    assert _sql(db, ANNA, "SELECT * FROM offline_decisions") == 2
    assert _sql(db, RUT, "SELECT * FROM offline_decisions") == 2  # the registrator reads every account
    assert _sql(db, BO, "SELECT * FROM offline_decisions") == 0  # yt only: not Anna's fb
    # Through Granska, Arkiv → Konflikter from the same rules.
    assert [c.offline_by for c in list_conflicts(person(ANNA).sessions)] == [ANNA]
    assert list_conflicts(person(BO).sessions) == []


FORBIDDEN = [
    (ANNA, "UPDATE offline_decisions SET outcome = 'applied'"),  # not even her own
    (ANNA, "UPDATE offline_decisions SET team_decision = NULL, message = ''"),
    (ANNA, "DELETE FROM offline_decisions"),
    (BO, "DELETE FROM offline_decisions"),
    (CHEF, "DELETE FROM offline_decisions"),
    (RUT, "UPDATE offline_decisions SET message = 'x'"),
    # A record in another person's name, or for an account one does not administer.
    (
        BO,
        "INSERT INTO offline_decisions (client_decision_id, item_id, outcome, action, offline, decided_by, "
        "decided_offline_at, replayed_at, message) VALUES ('f1', {fb}, 'conflict', 'keep', '{{}}', "
        "'of_anna', now(), now(), '')",
    ),
    (
        BO,
        "INSERT INTO offline_decisions (client_decision_id, item_id, outcome, action, offline, decided_by, "
        "decided_offline_at, replayed_at, message) VALUES ('f2', {fb}, 'conflict', 'keep', '{{}}', "
        "'of_bo', now(), now(), '')",
    ),
    (
        ANNA,
        "INSERT INTO offline_decisions (client_decision_id, item_id, outcome, action, offline, decided_by, "
        "decided_offline_at, replayed_at, message) VALUES ('f3', {fb}, 'conflict', 'keep', '{{}}', "
        "'of_bo', now(), now(), '')",
    ),
    (
        RUT,
        "INSERT INTO offline_decisions (client_decision_id, item_id, outcome, action, offline, decided_by, "
        "decided_offline_at, replayed_at, message) VALUES ('f4', {yt}, 'conflict', 'keep', '{{}}', "
        "'of_rut', now(), now(), '')",
    ),
]


@pytest.mark.parametrize(("who", "statement"), FORBIDDEN, ids=[f"{w}:{s[:40]}" for w, s in FORBIDDEN])
def test_postgresql_refuses_altering_or_forging_and_nothing_changes(offline_team, who, statement) -> None:
    db, _person, items = offline_team
    before = _records(db)
    assert len(before) == 2
    with pytest.raises(DENIED):
        _sql(db, who, statement.format(**items))
    assert _records(db) == before
