"""The window on the team database (#14): it connects with the password `granska login` kept in
my keyring, and its sync takes the platform token from the team database, as the command line
does, not from this machine's keyring."""

from __future__ import annotations

import keyring
import psycopg
import pytest
from sqlalchemy.engine import make_url

from app.services.accounts.accounts import AccountService
from app.services.accounts.administrators import AdministratorRegister
from app.services.accounts.connections import CredentialService
from app.services.accounts.credentials import CredentialStore
from app.services.accounts.team_credentials import TeamCredentialStore, database_password_ref, private_key_ref
from app.ui.main import open_for_window
from tests.helpers.databases import as_person, password_required
from tests.helpers.platforms import running
from tests.helpers.ui import open_window

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.keyring,
    pytest.mark.not_on_windows(
        "the team database's tests run against the PostgreSQL that scripts/test starts"
    ),
]


def test_the_window_syncs_with_the_token_kept_in_the_team_database(qtbot, pg_db, secret_service):
    with running("facebook") as r:
        r.fake.store.add_thread(r.fake.store.add_post(), 3)
        r.add_account(pg_db.sessions)
        AdministratorRegister(pg_db.sessions).add("ws_chef", "Cecilia Chef", roles=("forvaltningschef",))
        chef = as_person(pg_db, "ws_chef")
        AdministratorRegister(chef.sessions).add("ws_anna", "Anna Ek", roles=("administrator",))
        AccountService(chef.sessions).assign("facebook", "ws_anna")
        anna = as_person(pg_db, "ws_anna")
        TeamCredentialStore(anna.sessions).login()
        CredentialService(anna.sessions).set_token("facebook", r.fake.token)
        assert keyring.get_password(secret_service, "account:facebook") is None  # not on this machine
        try:
            window = open_window(qtbot, anna)
            with qtbot.waitSignal(window.sync.finished, timeout=20_000) as finished:
                window.sync.action.trigger()
            [result] = finished.args[0]
            assert result.ok and result.created == 4, result.message
        finally:
            keyring.delete_password(secret_service, private_key_ref("ws_anna"))


def test_the_window_connects_with_the_password_granska_login_kept(pg_db, secret_service):
    AdministratorRegister(pg_db.sessions).add("ws_pw", "Per Wall", password="Långt-lösen-42")
    url = pg_db.engine.url.set(username="ws_pw", password=None)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    plain = url.render_as_string(hide_password=False)
    with password_required(pg_db.engine, "ws_pw"):
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(conninfo).close()  # the server asks for it now
        CredentialStore().set(database_password_ref(make_url(plain)), "Långt-lösen-42")  # granska login
        try:
            db, _moderation = open_for_window(plain, demo_if_empty=False)
            try:
                me = AdministratorRegister(db.sessions).whoami()
                assert (me.username, me.name) == ("ws_pw", "Per Wall")
            finally:
                db.dispose()
        finally:
            CredentialStore().delete(database_password_ref(make_url(plain)))
