from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.errors import InputError
from app.models import AuditEvent, Decision, Evidence, Item, Registration
from app.services.moderation.register import validate_diarienummer
from tests.helpers.workflow import count, item_events, make_item, service


def _registration(db, item_id):
    with db.sessions() as s:
        return s.scalars(select(Registration).where(Registration.item_id == item_id)).one()


@pytest.mark.parametrize("criterion", ["atgard", "arende", "sarskilt-intresse", "sekretess"])
def test_documenting_without_removing_saves_evidence_and_waits_for_the_dnr(database, criterion):
    item_id = make_item(database.sessions, "Gatlyktan på Storgatan 3 är trasig sedan en vecka.")
    outcome = service(database).register(item_id, criterion, "Felanmälan till gatuenheten")
    assert (outcome.status, outcome.pending) == ("registered", False)
    assert "registratorn fyller i diarienumret" in outcome.message
    reg = _registration(database, item_id)
    assert (reg.criterion, reg.motivation, reg.diarienummer) == (
        criterion,
        "Felanmälan till gatuenheten",
        None,
    )
    assert count(database.sessions, Evidence, item_id=item_id) == 1
    with database.sessions() as s:
        assert s.scalar(select(Decision.evidence_id)) == s.scalar(select(Evidence.id))


def test_an_existing_case_needs_its_diarienummer(database):
    item_id = make_item(database.sessions, "Angående bygglovet på Klosterkyrkan")
    with pytest.raises(InputError, match="kräver det befintliga ärendets diarienummer"):
        service(database).register(item_id, "befintligt-arende", "Rör bygglovsärendet")
    assert count(database.sessions, Registration) == 0 and count(database.sessions, Evidence) == 0
    assert item_events(database.sessions) == 0
    outcome = service(database).register(item_id, "befintligt-arende", "Rör bygglovsärendet", "BN/2026:41")
    assert _registration(database, item_id).diarienummer == "BN/2026:41" and "BN/2026:41" in outcome.message


def test_the_registrator_fills_in_the_diarienummer_later(database):
    item_id = make_item(database.sessions)
    service(database, user="anna").remove(item_id, "personangrepp")
    assert _registration(database, item_id).criterion == "removal"
    outcome = service(database, user="registrator").set_diarienummer(item_id, " KS/2026:123 ")
    assert (
        _registration(database, item_id).diarienummer == "KS/2026:123" and outcome.status == "remove_by_hand"
    )
    with database.sessions() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "diarienummer")).one()
    assert event.actor == "registrator" and event.details["diarienummer"] == "KS/2026:123"


def test_bad_input(database):
    item_id = make_item(database.sessions)
    with pytest.raises(InputError, match="Okänt kriterium"):
        service(database).register(item_id, "viktigt", "x")
    with pytest.raises(InputError, match="inte diarieförd"):
        service(database).set_diarienummer(item_id, "KS/2026:1")
    service(database).register(item_id, "atgard", "")
    with pytest.raises(InputError, match=r"Redan diarieförd av okänd användare \(testare\)"):
        service(database, user="bo").register(item_id, "arende", "igen")
    assert count(database.sessions, Registration) == 1 and count(database.sessions, Evidence) == 1


@pytest.mark.parametrize("value", ["utan siffror", "KS/2026:\x071", "1" * 101])
def test_a_diarienummer_is_checked(value):
    with pytest.raises(InputError, match="Ogiltigt diarienummer"):
        validate_diarienummer(value)


def test_a_registered_item_can_still_be_removed_by_anyone(database):
    item_id = make_item(database.sessions)
    service(database, user="anna").register(item_id, "sarskilt-intresse", "")
    assert service(database, user="bo").remove(item_id, "personangrepp").status == "remove_by_hand"
    with database.sessions() as s:
        assert s.scalar(select(Item.status).where(Item.id == item_id)) == "remove_by_hand"
    assert count(database.sessions, Registration, item_id=item_id) == 2
