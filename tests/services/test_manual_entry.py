"""Items typed in by hand: flagged like the rest, never doubled, refused when they make no sense."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.core.errors import InputError
from app.models import Item, ItemStatus
from app.models.base import utcnow
from app.services.accounts.accounts import AccountService
from app.services.intake.manual_entry import ManualEntryService
from tests.helpers.databases import sessions_as


@pytest.fixture
def service(database):
    AccountService(database.sessions).add_account("intra", "intranet", "Internwebben")
    return ManualEntryService(sessions_as(database.sessions, "testare"))


def _count(sessions) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(Item))


def test_an_entered_item_is_stored_and_flagged_like_any_other(database, service):
    when = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    item = service.add(
        "intra",
        "Vad fan håller ni på med?",
        author="Kalle",
        written_at=when,
        url="https://intranat.vadstena.se/nyheter/42#kommentar-7",
    )
    with database.sessions() as s:
        row = s.get(Item, item.id)
        assert (row.text, row.author_name, row.created_at) == ("Vad fan håller ni på med?", "Kalle", when)
        assert row.status == ItemStatus.FLAGGED and row.kind == "comment"
        assert row.permalink.endswith("#kommentar-7") and row.raw["entered_by"] == "testare"


def test_the_same_entry_twice_is_one_item(database, service):
    when = utcnow() - timedelta(hours=1)
    first = service.add("intra", "Hej <b>alla</b>", author="Eva", written_at=when)
    again = service.add("intra", "Hej <b>alla</b>", author="Eva", written_at=when)
    assert first.created and not again.created and first.id == again.id
    with_link = service.add("intra", "Första", url="https://intranat.vadstena.se/x")
    corrected = service.add("intra", "Första, rättad", url="https://intranat.vadstena.se/x")
    assert corrected.id == with_link.id and _count(database.sessions) == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"account_key": "finnsinte", "text": "x"}, "Okänt konto"),
        ({"account_key": "intra", "text": "  "}, "Skriv in texten"),
        ({"account_key": "intra", "text": "x", "url": "javascript:alert(1)"}, "http- eller https"),
        ({"account_key": "intra", "text": "x", "written_at": datetime(2026, 1, 1)}, "tidszon"),
        ({"account_key": "intra", "text": "x", "written_at": utcnow() + timedelta(days=2)}, "framtiden"),
    ],
)
def test_entries_that_make_no_sense_are_refused(database, service, kwargs, message):
    with pytest.raises(InputError, match=message):
        service.add(**kwargs)
    assert _count(database.sessions) == 0
