"""Tokens in the real Secret Service keyring: set, test, rotate, remove; the database holds only
the reference name; no keyring at all gives a message naming what to install."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
import pytest
from sqlalchemy import select

from app.core.errors import InputError
from app.models import Account
from app.services.accounts.accounts import AccountService
from app.services.accounts.connections import CredentialService, keyring_registry
from app.services.accounts.credentials import CredentialStore, KeyringUnavailable
from tests.helpers.platforms import quick_options, running

pytestmark = pytest.mark.keyring


def _service(sessions) -> CredentialService:
    store = CredentialStore()
    return CredentialService(sessions, store, keyring_registry(store, quick_options()))


def _ref(sessions, key: str) -> str | None:
    with sessions() as s:
        return s.scalar(select(Account.credential_ref).where(Account.key == key))


def test_set_check_rotate_and_remove_a_token(sqlite_db, secret_service):
    with running("facebook") as r:
        r.add_account(sqlite_db.sessions, "fb")
        service = _service(sqlite_db.sessions)
        assert service.status("fb").saved is False

        status = service.set_token("fb", f"  {r.fake.token}\n")
        assert status.saved and status.ref == "account:fb"
        assert _ref(sqlite_db.sessions, "fb") == "account:fb"
        assert keyring.get_password(secret_service, "account:fb") == r.fake.token  # stripped
        check = service.check("fb")
        assert check.ok and "Vadstena kommun" in check.message

        r.fake.renew_token("rotated-token-789")
        assert not service.check("fb").ok
        assert service.rotate("fb", "rotated-token-789").ok
        assert keyring.get_password(secret_service, "account:fb") == "rotated-token-789"

        refused = service.rotate("fb", "a-token-the-platform-refuses")
        assert not refused.ok and "Den tidigare token är kvar" in refused.message
        assert keyring.get_password(secret_service, "account:fb") == "rotated-token-789"

        assert service.remove_token("fb").saved is False
        assert keyring.get_password(secret_service, "account:fb") is None
        assert _ref(sqlite_db.sessions, "fb") is None
        assert "Ingen token är sparad" in service.check("fb").message


def test_a_token_removed_outside_granska_is_reported(sqlite_db, secret_service):
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "FB", external_id="1")
    service = _service(sqlite_db.sessions)
    service.set_token("fb", "abc")
    keyring.delete_password(secret_service, "account:fb")
    status = service.status("fb")
    assert status.saved is False and "borttagen utanför Granska" in status.message


@pytest.mark.parametrize(("secret", "message"), [("   ", "tom"), ("abc def", "mellanslag")])
def test_bad_tokens_are_refused_and_nothing_changes(sqlite_db, secret_service, secret, message):
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "FB", external_id="1")
    with pytest.raises(InputError, match=message):
        _service(sqlite_db.sessions).set_token("fb", secret)
    assert _ref(sqlite_db.sessions, "fb") is None


def test_accounts_without_a_platform_need_no_token(sqlite_db, secret_service):
    AccountService(sqlite_db.sessions).add_account("intranat", "intranet", "Internwebben")
    with pytest.raises(InputError, match="behöver ingen token"):
        _service(sqlite_db.sessions).set_token("intranat", "abc")


def test_no_keyring_gives_a_clear_message_naming_what_to_install(sqlite_db, no_keyring):
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "FB", external_id="1")
    service = _service(sqlite_db.sessions)
    with pytest.raises(KeyringUnavailable) as caught:
        service.set_token("fb", "abc")
    assert "gnome-keyring" in str(caught.value) and "fungerar utan nyckelring" in str(caught.value)
    assert _ref(sqlite_db.sessions, "fb") is None
    with sqlite_db.sessions.begin() as s:  # as if a token had been set on another machine
        s.get(Account, 1).credential_ref = "account:fb"
    status = service.status("fb")
    assert status.saved is None and "gnome-keyring" in status.message
    check = service.check("fb")
    assert not check.ok and "gnome-keyring" in check.message


def test_a_locked_keyring_says_so_rather_than_missing(sqlite_db):
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "FB", external_id="1")
    previous = keyring.get_keyring()  # chosen before the class below exists to be chosen

    class LockedKeyring(keyring.backend.KeyringBackend):
        """There, but locked (the user's session never unlocked it)."""

        priority = 1

        def get_password(self, *args):
            raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

        set_password = delete_password = get_password

    keyring.set_keyring(LockedKeyring())
    try:
        service = _service(sqlite_db.sessions)
        with pytest.raises(KeyringUnavailable, match="Nyckelringen är låst"):
            service.set_token("fb", "abc")
    finally:
        keyring.set_keyring(previous)


def test_a_keyring_that_keeps_nothing_is_not_taken_for_one_that_saved(sqlite_db):
    AccountService(sqlite_db.sessions).add_account("fb", "facebook", "FB", external_id="1")
    previous = keyring.get_keyring()

    class ForgetfulKeyring(keyring.backend.KeyringBackend):
        """Says yes to every write and keeps nothing."""

        priority = 1

        def get_password(self, *args):
            return None

        def set_password(self, *args):
            pass

        def delete_password(self, *args):
            raise keyring.errors.PasswordDeleteError("none")

    keyring.set_keyring(ForgetfulKeyring())
    try:
        with pytest.raises(KeyringUnavailable, match="gick inte att läsa tillbaka"):
            _service(sqlite_db.sessions).set_token("fb", "abc")
    finally:
        keyring.set_keyring(previous)
    assert _ref(sqlite_db.sessions, "fb") is None
