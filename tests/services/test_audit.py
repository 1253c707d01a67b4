from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, insert, select, update

from app.core.canonical import sha256_hex
from app.models import AuditEvent, Decision, Evidence
from app.models.db import session_user
from app.services.records.audit import AuditFilter, AuditService
from tests.helpers.workflow import add_admin, make_item, service


@pytest.fixture
def history(database):
    """Three actions by two administrators: remove, keep, remove."""
    add_admin(database.sessions, "erik", "Erik Holm")
    first = make_item(database.sessions, "Ni är idioter")
    second = make_item(database.sessions, "Tack för hjälpen!")
    third = make_item(database.sessions, "Köp nu!")
    service(database, user="erik").remove(first, "personangrepp")
    service(database, user="sofia").keep(second)
    service(database, user="erik").remove(third, "reklam")
    with database.sessions() as s:  # the three decisions (not the account's and Erik's events)
        decisions = select(AuditEvent.id).where(AuditEvent.item_id.is_not(None)).order_by(AuditEvent.id)
        ids = list(s.scalars(decisions))
    return database, ids


def _report(db):
    return AuditService(db.sessions).verify()


def test_an_untouched_log_verifies(history):
    db, ids = history
    report = _report(db)
    assert len(ids) == 3 and report.intact and report.events == 5 and report.evidence == 2


def test_a_changed_event_is_named(history):
    db, ids = history
    with db.sessions.begin() as s:
        s.execute(update(AuditEvent).where(AuditEvent.id == ids[1]).values(actor="någon annan"))
    report = _report(db)
    assert not report.intact and report.first_broken_event == ids[1]
    assert report.problems[0].startswith(f"Händelse {ids[1]} (keep")
    assert "har ändrats" in report.problems[0]


def test_a_recomputed_hash_still_breaks_the_next_link(history):
    from app.models import AuditSeal
    from app.models.seals import SealHasher
    from app.services.records.audit import event_hash

    db, ids = history
    with db.sessions.begin() as s:
        ev = s.get(AuditEvent, ids[0])
        ev.details = {**ev.details, "reason": "svordomar"}
        seals = SealHasher()
        for row in s.execute(
            select(AuditSeal.kind, AuditSeal.record_id, AuditSeal.sha256)
            .where(AuditSeal.event_id == ev.id)
            .order_by(AuditSeal.seq)
        ):
            seals.add(*row)
        ev.hash = event_hash(
            ev.prev_hash, ev.at, ev.actor, ev.action, ev.item_id, ev.account_id, ev.details, seals.hexdigest()
        )
    report = _report(db)
    assert report.first_broken_event == ids[1] and "kedjan bryts" in report.problems[0]


def test_a_deleted_event_in_the_middle_is_found(history):
    db, ids = history
    with db.sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.id == ids[1]))
    report = _report(db)
    assert report.first_broken_event == ids[2] and "raderats" in report.problems[0]


def test_deleting_the_newest_events_is_found(history):
    db, ids = history
    with db.sessions.begin() as s:
        s.execute(update(Decision).where(Decision.evidence_id.is_not(None)).values(evidence_id=None))
        s.execute(delete(AuditEvent).where(AuditEvent.id == ids[-1]))
    report = _report(db)
    assert not report.intact
    assert any("ska ha 5" in p for p in report.problems)


def test_changed_evidence_is_found_even_with_its_hash_recomputed(history):
    db, ids = history
    with db.sessions.begin() as s:
        row = s.scalars(select(Evidence).order_by(Evidence.id)).first()
        row.payload = row.payload.replace("idioter", "vänner")
        row.sha256 = sha256_hex(row.payload)
    report = _report(db)
    assert report.first_broken_event == ids[0]
    assert report.problems[0].startswith(f"Bevis {row.id}") and "har ändrats" in report.problems[0]


def test_deleted_and_forged_evidence_are_found(history):
    db, ids = history
    with db.sessions.begin() as s:
        row = s.scalars(select(Evidence).order_by(Evidence.id)).first()
        s.execute(update(Decision).where(Decision.evidence_id == row.id).values(evidence_id=None))
        s.execute(delete(Evidence).where(Evidence.id == row.id))
        s.execute(
            insert(Evidence).values(
                item_id=row.item_id,
                saved_at=row.saved_at,
                saved_by="x",
                payload="{}",
                sha256=sha256_hex("{}"),
            )
        )
    report = _report(db)
    assert report.first_broken_event == ids[0]
    assert "saknas" in report.problems[0]
    assert any("finns inte i granskningsloggen" in p for p in report.problems)


def test_search_filters_by_action_administrator_account_and_period(history):
    db, ids = history
    audit = AuditService(db.sessions)
    every = audit.search(AuditFilter())
    assert [e.id for e in every if e.item_id] == list(reversed(ids))  # newest first
    assert [e.action for e in audit.search(AuditFilter(actions=("keep",)))] == ["keep"]
    assert {e.actor for e in audit.search(AuditFilter(actors=("erik",)))} == {"erik"}
    account_id = audit.facets().accounts[0][0]
    assert len(audit.search(AuditFilter(account_ids=(account_id,)))) == 4  # and the account's own
    assert audit.search(AuditFilter(account_ids=(account_id + 99,))) == []
    newest = every[0].at
    assert audit.search(AuditFilter(since=newest + timedelta(seconds=1))) == []
    assert len(audit.search(AuditFilter(until=newest + timedelta(seconds=1)))) == 5
    assert [e.id for e in audit.search(AuditFilter(), limit=1, before_id=ids[2])] == [ids[1]]
    facets = audit.facets()
    assert facets.actions == ("account_added", "administrator_added", "keep", "remove")
    # The account was set up by GRANSKA_USER on SQLite, by the login role on PostgreSQL.
    setup = session_user(db.engine) or "testare"
    assert facets.actors == tuple(sorted({"erik", "sofia", setup}))
    assert every[0].label == "Borttagning beslutad" and "skäl: reklam, sätt: dölj" in every[0].summary
