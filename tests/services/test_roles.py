"""What each role may do (#14), refused by the service layer with a clear message, nothing
changed but the refusal in the audit log. PostgreSQL's own enforcement: test_team_database.py."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.core.errors import Forbidden, InputError
from app.models import AccountAdministrator, Administrator, AuditEvent, Decision, Item
from app.services.accounts.accounts import AccountService
from app.services.accounts.administrators import AdministratorRegister
from app.services.accounts.register import AccountRegister
from app.services.context import Actor
from app.services.records.export import ExportService, RemovalLogRequest
from tests.helpers.workflow import ensure_account, make_item, service


def _as(monkeypatch, who: str) -> None:
    """The OS login on SQLite (the account register's services take the acting login from it)."""
    monkeypatch.setenv("GRANSKA_USER", who)


@pytest.fixture
def team(sqlite_db, monkeypatch):
    """A förvaltningschef, anna (administrator on fb), bo (administrator on nothing) and rut
    (registrator), set up by the one user of a fresh database, who names the förvaltningschef."""
    s = sqlite_db.sessions
    ensure_account(s, "fb")
    ensure_account(s, "yt")
    AdministratorRegister(s).add("chef", "Cecilia Chef", roles=("förvaltningschef",))
    _as(monkeypatch, "chef")
    AdministratorRegister(s).add("anna", "Anna Ek", roles=("administrator",))
    AdministratorRegister(s).add("bo", "Bo Ek", roles=("administrator",))
    AdministratorRegister(s).add("rut", "Rut Registrator", roles=("registrator",))
    AccountService(s).assign("fb", "anna")
    return sqlite_db


def _state(db) -> tuple:
    with db.sessions() as s:
        return (
            tuple(s.execute(select(Item.id, Item.status).order_by(Item.id))),
            s.scalar(select(func.count()).select_from(Decision)),
            tuple(s.execute(select(AccountAdministrator.account_id, AccountAdministrator.administrator_id)
                            .order_by(AccountAdministrator.id))),
            tuple(s.execute(select(Administrator.username, Administrator.roles, Administrator.active)
                            .order_by(Administrator.id))),
        )  # fmt: skip


def _refusals(db) -> list[tuple[str, str]]:
    with db.sessions() as s:
        rows = s.execute(select(AuditEvent.actor, AuditEvent.details).where(AuditEvent.action == "refused"))
        return [(actor, details["duty"]) for actor, details in rows]


def test_a_database_without_roles_lets_its_one_user_do_everything(sqlite_db):
    item_id = make_item(sqlite_db.sessions)
    assert service(sqlite_db, user="vem-som-helst").keep(item_id).status == "kept"
    me = AdministratorRegister(sqlite_db.sessions, Actor("vem-som-helst")).whoami()
    assert (me.enforced, me.roles, [k for _, k in me.accounts]) == (False, (), ["fb"])


def test_an_administrator_acts_only_on_their_own_accounts(team, monkeypatch):
    fb_item = make_item(team.sessions, account="fb")
    yt_item = make_item(team.sessions, account="yt")
    before = _state(team)
    for who, item_id in (
        ("bo", fb_item),
        ("anna", yt_item),
        ("rut", fb_item),
        ("chef", fb_item),
        ("mallory", fb_item),
        ("ANNA", yt_item),
    ):
        for act in (
            lambda s, i: s.keep(i),
            lambda s, i: s.remove(i, "personangrepp"),
            lambda s, i: s.answer(i, "Tack!"),
            lambda s, i: s.escalate(i, "titta"),
            lambda s, i: s.register(i, "atgard", ""),
        ):
            with pytest.raises(Forbidden, match=f"Du \\({who}.*får inte besluta om poster på kontot"):
                act(service(team, user=who), item_id)
    assert _state(team) == before
    assert len(_refusals(team)) == 30 and set(_refusals(team)) >= {("bo", "decide"), ("mallory", "decide")}
    assert service(team, user="ANNA").keep(fb_item).status == "kept"  # any letter case


def test_a_refusal_is_an_input_error_with_a_swedish_message(team):
    item_id = make_item(team.sessions, account="yt")
    with pytest.raises(InputError, match=r"Du \(bo, administratör\) får inte besluta om poster på kontot yt"):
        service(team, user="bo").keep(item_id)


def test_the_registrator_sets_diarienummer_and_exports_but_decides_nothing(team, tmp_path):
    item_id = make_item(team.sessions, account="fb")
    service(team, user="anna").remove(item_id, "personangrepp")
    assert "KS/2026:1" in service(team, user="rut").set_diarienummer(item_id, "KS/2026:1").message
    with pytest.raises(Forbidden):
        service(team, user="bo").set_diarienummer(item_id, "KS/2026:2")
    request = RemovalLogRequest(date(2026, 1, 1), date(2026, 12, 31))
    ExportService(team.sessions, Actor("rut")).export_removals(request, tmp_path / "ut.xlsx")
    with pytest.raises(Forbidden, match="får inte exportera"):
        ExportService(team.sessions, Actor("anna")).export_removals(request, tmp_path / "anna.xlsx")
    assert not (tmp_path / "anna.xlsx").exists()
    assert ("bo", "diarienummer") in _refusals(team) and ("anna", "export") in _refusals(team)


def test_only_the_forvaltningschef_changes_who_administers_what(team, monkeypatch):
    before = _state(team)
    for who in ("anna", "rut", "bo", "mallory"):
        _as(monkeypatch, who)
        for act in (
            lambda: AccountService(team.sessions).assign("yt", "bo"),
            lambda: AccountRegister(team.sessions).unassign("fb", "anna"),
            lambda: AdministratorRegister(team.sessions).add("eve", "Eve", roles=("forvaltningschef",)),
            lambda: AdministratorRegister(team.sessions).set_roles("bo", ("forvaltningschef",)),
            lambda: AdministratorRegister(team.sessions).deactivate("anna"),
            lambda: AccountRegister(team.sessions).update_administrator("anna", name="Annan"),
            lambda: AccountService(team.sessions).add_account("ig", "instagram", "Instagram"),
        ):
            with pytest.raises(Forbidden):
                act()
    assert _state(team) == before
    assert len(_refusals(team)) == 28

    _as(monkeypatch, "CHEF")
    AccountService(team.sessions).assign("yt", "bo")
    AdministratorRegister(team.sessions).set_roles("rut", ("registrator", "kommunikationschef"))
    assert AdministratorRegister(team.sessions).deactivate("anna") == ["fb"]
    with team.sessions() as s:
        events = list(
            s.execute(
                select(AuditEvent.action, AuditEvent.actor, AuditEvent.details)
                .where(
                    AuditEvent.action.in_(
                        ("administrator_assigned", "administrator_roles", "administrator_deactivated")
                    )
                )
                .order_by(AuditEvent.id)
            )
        )
    assert [(a, who) for a, who, _ in events][-3:] == [
        ("administrator_assigned", "CHEF"),
        ("administrator_roles", "CHEF"),
        ("administrator_deactivated", "CHEF"),
    ]
    assert events[-2][2]["roles"] == ["kommunikationschef", "registrator"]
    assert events[-2][2]["before"] == ["registrator"]
    me = AdministratorRegister(team.sessions, Actor("bo")).whoami()
    assert (me.roles, [k for _, k in me.accounts], me.enforced) == (("administrator",), ["yt"], True)
    with pytest.raises(Forbidden):  # anna is no longer active: nothing on fb
        service(team, user="anna").keep(make_item(team.sessions, account="fb"))


def test_an_unknown_role_is_refused_before_anything_changes(team, monkeypatch):
    before = _state(team)
    with pytest.raises(InputError, match="Okänd roll 'chef'"):
        AdministratorRegister(team.sessions).set_roles("bo", ("chef",))
    assert _state(team) == before
