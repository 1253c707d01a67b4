"""Each family of records a decision writes (the decision, its evidence copy, its registration,
its notice, its escalation), edited or deleted outside Granska, is named by `audit verify`; and
events swapped in place break the chain. `verify` reads these families in one ordered pass per
family (on SQLite, each record joined with its newest seal), so every family is tried here."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from app.models import AuditEvent, Decision, Escalation, Evidence, Notice, Registration
from app.services.records.audit import AuditService
from tests.helpers.workflow import add_admin, make_item, service

FAMILIES = {  # label in verify's report, model, a sealed text column
    "decision": ("Beslut", Decision, "motivation"),
    "evidence": ("Bevis", Evidence, "saved_by"),
    "registration": ("Diarieföring", Registration, "motivation"),
    "notice": ("Meddelande", Notice, "text"),
    "escalation": ("Eskalering", Escalation, "note"),
}


@pytest.fixture
def decided(database):
    """A comment removed for incitement (decision, evidence, notice, escalation to the
    manager) and one registered (decision, evidence, registration)."""
    add_admin(database.sessions, "erik", "Erik Holm", manager_email="chef@kommun.example")
    erik = service(database, user="erik")
    removed = make_item(database.sessions, "Hot mot en folkgrupp")
    registered = make_item(database.sessions, "Jag vill anmäla en brist i hemtjänsten")
    erik.remove(removed, "hets", "Hets mot folkgrupp.")
    erik.register(registered, "arende", "Ett ärende om hemtjänsten.")
    assert AuditService(database.sessions).verify().intact
    return database


def _one(db, model) -> int:
    with db.sessions() as s:
        record_id = s.scalar(select(model.id).order_by(model.id.desc()))
    assert record_id is not None
    return record_id


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_a_record_edited_outside_granska_is_named_in_every_family(decided, family):
    label, model, column = FAMILIES[family]
    record_id = _one(decided, model)
    with decided.sessions.begin() as s:
        s.execute(update(model).where(model.id == record_id).values({column: "ändrat i efterhand"}))
    report = AuditService(decided.sessions).verify()
    assert not report.intact
    assert any(p.startswith(f"{label} {record_id}") and "har ändrats" in p for p in report.problems)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_a_record_deleted_outside_granska_is_named_in_every_family(decided, family):
    label, model, _column = FAMILIES[family]
    record_id = _one(decided, model)
    with decided.sessions.begin() as s:
        if model is Evidence:  # the decision refers to its copy (and is named for that too)
            s.execute(update(Decision).where(Decision.evidence_id == record_id).values(evidence_id=None))
        s.execute(delete(model).where(model.id == record_id))
    report = AuditService(decided.sessions).verify()
    assert not report.intact
    assert any(p.startswith(f"{label} {record_id}") and "saknas" in p for p in report.problems)


def test_two_events_swapped_in_place_break_the_chain(decided):
    columns = ("at", "actor", "action", "item_id", "account_id", "details", "prev_hash", "hash")
    with decided.sessions.begin() as s:
        first, second = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(2)).all()[::-1]
        values = [{c: getattr(e, c) for c in columns} for e in (first, second)]
        s.execute(update(AuditEvent).where(AuditEvent.id == first.id).values(hash="x", prev_hash="x"))
        s.execute(update(AuditEvent).where(AuditEvent.id == second.id).values(values[0]))
        s.execute(update(AuditEvent).where(AuditEvent.id == first.id).values(values[1]))
        first_id = first.id
    report = AuditService(decided.sessions).verify()
    assert not report.intact and report.first_broken_event == first_id
