from __future__ import annotations

import pytest

from app.core.errors import InputError
from app.services.accounts.accounts import AccountService
from app.services.accounts.platforms import PLATFORMS


def test_new_account_gets_the_guidelines_channel_defaults(database):
    service = AccountService(database.sessions)
    info = service.add_account("fb", "facebook", "Vadstena kommun", page_url="https://facebook.com/vadstena")
    assert info.tone == PLATFORMS["facebook"].channel_defaults["tone"]
    assert [a.key for a in service.list_accounts()] == ["fb"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Fb", "facebook", "x"), "Ogiltig kontonyckel"),
        (("fb", "myspace", "x"), "Okänd plattform"),
        (("fb", "facebook", "  "), "måste ha ett namn"),
    ],
)
def test_bad_account_input_is_refused(database, args, message):
    service = AccountService(database.sessions)
    with pytest.raises(InputError, match=message):
        service.add_account(*args)
    assert service.list_accounts() == []


def test_duplicate_key_and_bad_url(database):
    service = AccountService(database.sessions)
    service.add_account("fb", "facebook", "FB")
    with pytest.raises(InputError, match="finns redan"):
        service.add_account("fb", "facebook", "FB igen")
    with pytest.raises(InputError, match="http- eller https"):
        service.add_account("yt", "youtube", "YT", page_url="javascript:alert(1)")
    assert len(service.list_accounts()) == 1


def test_fewer_than_two_administrators_is_visible(database):
    service = AccountService(database.sessions)
    service.add_account("fb", "facebook", "FB")
    service.add_administrator("anna", "Anna")
    service.assign("fb", "anna")
    assert service.get("fb").too_few_administrators
    service.add_administrator("bo", "Bo")
    service.assign("fb", "bo")
    service.assign("fb", "bo")  # idempotent
    assert service.get("fb").administrator_count == 2
    assert not service.get("fb").too_few_administrators
