"""Who acts (#14): the PostgreSQL login role whatever the client claims, the Windows domain
login on SQLite, and logins compared without regard to letter case, recusals included."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import InputError
from app.models import AuditEvent, Decision, Item
from app.services.context import Actor, os_username, windows_login
from app.services.moderation.facade import ModerationService
from tests.helpers.databases import as_person
from tests.helpers.workflow import add_admin, make_item, service


@pytest.mark.postgres
def test_on_postgresql_the_login_role_acts_whatever_the_client_claims(pg_db, monkeypatch):
    database = pg_db
    item_id = make_item(database.sessions)
    anna = as_person(database, "anna")
    monkeypatch.setenv("GRANSKA_USER", "bo")
    ModerationService(anna.sessions, actor=Actor("bo")).keep(item_id)
    with database.sessions() as s:
        decision = s.scalars(select(Decision)).one()
        actors = set(s.scalars(select(AuditEvent.actor).where(AuditEvent.item_id == item_id)))
    assert decision.decided_by == "anna" and actors == {"anna"}


def test_on_sqlite_the_os_login_acts(sqlite_db, monkeypatch):
    item_id = make_item(sqlite_db.sessions)
    monkeypatch.setenv("GRANSKA_USER", "bo")
    ModerationService(sqlite_db.sessions).keep(item_id)
    with sqlite_db.sessions() as s:
        assert s.scalars(select(Decision.decided_by)).one() == "bo"


def test_a_windows_login_is_the_domain_login(monkeypatch):
    assert windows_login("anna", {"USERDOMAIN": "KOMMUN"}) == "KOMMUN\\anna"
    assert windows_login("KOMMUN\\anna", {"USERDOMAIN": "KOMMUN"}) == "KOMMUN\\anna"
    assert windows_login("anna", {}) == "anna"
    monkeypatch.delenv("GRANSKA_USER")
    monkeypatch.setenv("USERDOMAIN", "KOMMUN")
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setattr("getpass.getuser", lambda: "anna")
    assert os_username() == "KOMMUN\\anna"


def test_the_recused_person_in_other_letter_case_cannot_act_again(database):
    add_admin(database.sessions, "erik", "Erik Holm")
    add_admin(database.sessions, "sofia", "Sofia Löf")
    add_admin(database.sessions, "vera", "Vera Ek")
    item_id = make_item(database.sessions, "Erik Holms granne bygger olovligt!")
    service(database, user="erik").hand_over(item_id, "sofia", "Det gäller min granne")
    shouting = service(database, user="ERIK")
    for act in (
        lambda s: s.keep(item_id),
        lambda s: s.answer(item_id, "Tack!"),
        lambda s: s.forward(item_id, "sbf@kommun.example", "Felanmälan"),
        lambda s: s.escalate(item_id, "Titta på den här"),
        lambda s: s.hand_over(item_id, "vera", "jäv igen"),
        lambda s: s.remove(item_id, "personangrepp"),
    ):
        with pytest.raises(InputError, match="jäv"):
            act(shouting)
    with database.sessions() as s:
        assert s.scalar(select(Item.status).where(Item.id == item_id)) == "handed_over"
        assert s.scalar(select(func.count()).select_from(Decision)) == 1


def test_the_one_who_kept_an_item_may_revise_it_in_any_letter_case(database):
    item_id = make_item(database.sessions)
    service(database, user="anna").keep(item_id)
    assert service(database, user="ANNA").remove(item_id, "personangrepp").status == "remove_by_hand"


def test_non_ascii_logins_fold_on_sqlite_too(sqlite_db, monkeypatch):
    """SQLite's lower() folds only ASCII: ÅSA and åsa were two people there. A recused Åsa in
    capitals is still recused, and the register finds her whatever the case of her login."""
    from app.services.accounts.administrators import AdministratorRegister

    add_admin(sqlite_db.sessions, "åsa", "Åsa Öberg")
    add_admin(sqlite_db.sessions, "sofia", "Sofia Löf")
    me = AdministratorRegister(sqlite_db.sessions, Actor("ÅSA")).whoami()
    assert (me.name, me.administrator_id is not None) == ("Åsa Öberg", True)
    item_id = make_item(sqlite_db.sessions, "Min granne bygger olovligt!")
    service(sqlite_db, user="åsa").hand_over(item_id, "sofia", "Det gäller min granne")
    with pytest.raises(InputError, match="jäv"):
        service(sqlite_db, user="ÅSA").keep(item_id)
    with sqlite_db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == 1
