"""Every record a decision, registration, notice or screenshot writes is
sealed into the audit chain, so an edit or deletion outside Granska is named by `verify`."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select, text, update

from app.connectors.common import CompleteListing
from app.models import (
    Account,
    Administrator,
    Decision,
    Escalation,
    Evidence,
    Item,
    ItemStatus,
    Notice,
    Recusal,
    Registration,
    Screenshot,
)
from app.services.accounts.platforms import ConnectorRegistry
from app.services.accounts.register import AccountRegister
from app.services.intake.sync import SyncService
from app.services.moderation.gallring import GallringService
from app.services.records.audit import AuditService
from app.services.screenshots.schedule import ScreenshotService
from tests.helpers.screens import png_of
from tests.helpers.workflow import add_admin, make_item, service


@pytest.fixture
def decided(database):
    """A comment removed (by hand, confirmed), one kept, one registered with a diarienummer,
    and a screenshot of the account page."""
    add_admin(database.sessions, "erik", "Erik Holm")
    removed = make_item(database.sessions, "Ni är idioter")
    kept = make_item(database.sessions, "Tack för hjälpen!")
    registered = make_item(database.sessions, "Jag vill anmäla en brist i hemtjänsten")
    erik = service(database, user="erik")
    erik.remove(removed, "personangrepp", "Kränker en namngiven person.")
    erik.confirm_removed(removed)
    erik.mark_notice_posted(removed, "https://social.example/p/p1?c=svar")
    erik.keep(kept)
    erik.register(registered, "arende", "Ett ärende om hemtjänsten.")
    erik.set_diarienummer(registered, "KS/2026:17")
    shot = ScreenshotService(database.sessions).file_screenshot("fb", png_of(), note="Årlig bild")
    ids = {"removed": removed, "kept": kept, "registered": registered, "screenshot": shot.id}
    assert AuditService(database.sessions).verify().intact  # legitimate later changes re-seal
    return database, ids


def _broken(db) -> tuple[str | None, tuple[str, ...]]:
    report = AuditService(db.sessions).verify()
    assert not report.intact
    return report.first_broken_record, report.problems


def _decision(db, item_id: int, action: str) -> int:
    with db.sessions() as s:
        return s.scalar(select(Decision.id).where(Decision.item_id == item_id, Decision.action == action))


@pytest.mark.parametrize(
    ("column", "value"),
    [("reason_code", "reklam"), ("motivation", "Ingen motivering."), ("decided_by", "sofia")],
)
def test_an_edited_decision_is_named(decided, column, value):
    db, ids = decided
    decision_id = _decision(db, ids["removed"], "remove")
    with db.sessions.begin() as s:
        s.execute(update(Decision).where(Decision.id == decision_id).values({column: value}))
    first, problems = _broken(db)
    assert first == f"Beslut {decision_id}"
    assert f"Beslut {decision_id} (post {ids['removed']}) har ändrats" in problems[0]


def test_a_deleted_decision_is_named(decided):
    db, ids = decided
    decision_id = _decision(db, ids["kept"], "keep")
    with db.sessions.begin() as s:
        s.execute(delete(Decision).where(Decision.id == decision_id))
    first, problems = _broken(db)
    assert first == f"Beslut {decision_id}" and "saknas: den har raderats" in problems[0]


def test_an_edited_or_deleted_registration_is_named(decided):
    db, ids = decided
    with db.sessions.begin() as s:
        reg = s.scalar(select(Registration).where(Registration.item_id == ids["registered"]))
        reg.motivation = "Något annat."
        reg_id = reg.id
    first, problems = _broken(db)
    assert first == f"Diarieföring {reg_id}" and "har ändrats" in problems[0]
    with db.sessions.begin() as s:
        s.execute(delete(Registration).where(Registration.id == reg_id))
    first, problems = _broken(db)
    assert first == f"Diarieföring {reg_id}" and "saknas" in problems[0]


@pytest.mark.parametrize("value", ["KS/2026:99", None])
def test_an_edited_or_erased_diarienummer_is_named(decided, value):
    db, ids = decided
    with db.sessions.begin() as s:
        s.execute(
            update(Registration).where(Registration.item_id == ids["registered"]).values(diarienummer=value)
        )
    first, _ = _broken(db)
    assert first is not None and first.startswith("Diarieföring ")


def test_an_edited_notice_text_is_named(decided):
    db, ids = decided
    with db.sessions.begin() as s:
        notice = s.scalar(select(Notice).where(Notice.item_id == ids["removed"]))
        notice.text = "Vi tog bort din kommentar för att vi ville."
        notice_id = notice.id
    first, problems = _broken(db)
    assert first == f"Meddelande {notice_id}" and "har ändrats" in problems[0]


def test_an_item_set_back_from_removed_to_kept_is_named(decided):
    db, ids = decided
    with db.sessions.begin() as s:
        assert s.get(Item, ids["removed"]).status == ItemStatus.REMOVED
        s.execute(update(Item).where(Item.id == ids["removed"]).values(status=ItemStatus.KEPT))
    first, _ = _broken(db)
    assert first == f"Post {ids['removed']}"


def test_an_edited_evidence_time_is_named(decided):
    db, ids = decided
    with db.sessions.begin() as s:
        ev = s.scalar(select(Evidence).where(Evidence.item_id == ids["removed"]))
        ev.saved_at = ev.saved_at - timedelta(days=3)
        evidence_id = ev.id
    first, _ = _broken(db)
    assert first == f"Bevis {evidence_id}"


def test_a_forged_screenshot_with_its_hash_recomputed_is_named(decided):
    db, ids = decided
    forged = png_of((200, 0, 0))
    with db.sessions.begin() as s:
        s.execute(
            update(Screenshot)
            .where(Screenshot.id == ids["screenshot"])
            .values(png=forged, sha256=hashlib.sha256(forged).hexdigest())
        )
    first, _ = _broken(db)
    assert first == f"Skärmdump {ids['screenshot']}"


def test_a_screenshot_with_another_taker_is_named(decided):
    db, ids = decided
    with db.sessions.begin() as s:
        s.execute(update(Screenshot).where(Screenshot.id == ids["screenshot"]).values(taken_by="någon"))
    first, _ = _broken(db)
    assert first == f"Skärmdump {ids['screenshot']}"


def test_a_deleted_screenshot_is_named(decided):
    db, ids = decided
    with db.sessions.begin() as s:
        s.execute(delete(Screenshot).where(Screenshot.id == ids["screenshot"]))
    first, problems = _broken(db)
    assert first == f"Skärmdump {ids['screenshot']}" and "saknas" in problems[0]


def test_a_row_added_outside_granska_is_named(decided):
    db, ids = decided
    with db.sessions.begin() as s:
        s.add(Decision(item_id=ids["kept"], action="keep", decided_by="erik", motivation=""))
    _, problems = _broken(db)
    assert any("finns inte i granskningsloggen" in p for p in problems)


def test_an_unreadable_time_in_the_log_is_tampering_not_a_traceback(sqlite_db):
    # SQLite only: PostgreSQL's timestamptz column refuses such a value in the first place.
    item_id = make_item(sqlite_db.sessions)
    service(sqlite_db).keep(item_id)
    with sqlite_db.sessions.begin() as s:
        s.execute(text("UPDATE audit_events SET at = 'igår vid lunch' WHERE item_id = :i"), {"i": item_id})
    report = AuditService(sqlite_db.sessions).verify()
    assert not report.intact
    assert any("oläsbart värde" in p and "igår vid lunch" in p for p in report.problems)


def test_an_unreadable_value_in_a_sealed_record_is_reported(sqlite_db):
    item_id = make_item(sqlite_db.sessions)
    service(sqlite_db).keep(item_id)
    with sqlite_db.sessions.begin() as s:
        s.execute(
            text("UPDATE decisions SET decided_at = 'aldrig', details = '{trasig' WHERE item_id = :i"),
            {"i": item_id},
        )
    report = AuditService(sqlite_db.sessions).verify()
    assert report.first_broken_record is not None and report.first_broken_record.startswith("Beslut")
    assert "oläsbart värde" in report.problems[0]


def test_an_edited_escalation_is_named(database):
    add_admin(database.sessions, "erik", "Erik Holm", manager_email="chef@kommun.example")
    item_id = make_item(database.sessions, "Hot mot en folkgrupp")
    service(database, user="erik").remove(item_id, "hets")
    assert AuditService(database.sessions).verify().intact
    with database.sessions.begin() as s:
        escalation = s.scalar(select(Escalation).where(Escalation.item_id == item_id))
        escalation.to_email = "ingen@example.com"
        escalation_id = escalation.id
    first, _ = _broken(database)
    assert first == f"Eskalering {escalation_id}"


def test_a_hand_over_seals_the_conflict_of_interest(database):
    add_admin(database.sessions, "erik", "Erik Holm")
    add_admin(database.sessions, "sofia", "Sofia Löf")
    item_id = make_item(database.sessions, "Min granne skriver om mig")
    service(database, user="erik").hand_over(item_id, "sofia", "Jag känner skribenten.")
    assert AuditService(database.sessions).verify().intact
    with database.sessions.begin() as s:
        s.execute(update(Recusal).where(Recusal.item_id == item_id).values(handed_to="erik"))
    first, _ = _broken(database)
    assert first is not None and first.startswith("Jäv ")


def test_account_register_changes_are_sealed_and_edits_behind_its_back_named(database):
    add_admin(database.sessions, "erik", "Erik Holm")
    make_item(database.sessions)  # the account "fb"
    register = AccountRegister(database.sessions)
    register.update("fb", name="Kommunens sida", purpose="Service")
    register.assign("fb", "erik")
    register.update_administrator("erik", phone="0143-150 00")
    register.unassign("fb", "erik")
    ScreenshotService(database.sessions).set_interval("fb", 200)
    assert AuditService(database.sessions).verify().intact
    with database.sessions.begin() as s:
        s.execute(update(Account).where(Account.key == "fb").values(page_url="https://bluff.example"))
        s.execute(update(Administrator).where(Administrator.username == "erik").values(email="x@bluff.se"))
    _, problems = _broken(database)
    assert any(p.startswith("Konto ") and "har ändrats" in p for p in problems)
    assert any(p.startswith("Administratör ") and "har ändrats" in p for p in problems)


def test_weeding_and_an_author_deleting_a_decided_item_are_sealed_again(database):
    kept = make_item(database.sessions, "Tack", created_at=datetime(2024, 1, 1, tzinfo=UTC), parent="p9")
    gone = make_item(database.sessions, "Tack igen", created_at=datetime.now(UTC) - timedelta(days=1))
    service(database).keep(kept)
    service(database).keep(gone)
    with database.sessions() as s:
        account_id = s.scalar(select(Item.account_id).where(Item.id == gone))
    SyncService(database.sessions, ConnectorRegistry()).mark_author_deletions(
        account_id, [CompleteListing(seen=frozenset(), parent_external_id="p1")]
    )
    assert AuditService(database.sessions).verify().intact
    assert GallringService(database.sessions).run(days=180).count >= 1
    with database.sessions() as s:
        assert s.get(Item, gone).status == ItemStatus.DELETED_BY_AUTHOR
        assert s.get(Item, kept).status == ItemStatus.WEEDED
    report = AuditService(database.sessions).verify()
    assert report.intact, report.problems


def test_a_seal_with_an_unreadable_id_is_reported_not_a_traceback(sqlite_db):
    item_id = make_item(sqlite_db.sessions)
    service(sqlite_db).keep(item_id)
    with sqlite_db.sessions.begin() as s:
        s.execute(text("UPDATE audit_seals SET record_id = 'tre' WHERE kind = 'decision'"))
        s.execute(text("UPDATE audit_seals SET event_id = 'fyra' WHERE kind = 'item'"))
    report = AuditService(sqlite_db.sessions).verify()
    assert not report.intact
    assert any("oläsbart händelse-id" in p for p in report.problems)
    assert any("har ändrats efter att den skrevs" in p for p in report.problems)


def test_an_author_editing_an_escalated_undecided_item_is_no_tampering(database):
    item_id = make_item(database.sessions, "Ni är idioter", external_id="c-edit")
    service(database).escalate(item_id, "Titta på den här")
    make_item(database.sessions, "Hej, jag ändrade mig", external_id="c-edit")  # the edit, re-imported
    with database.sessions() as s:
        assert s.get(Item, item_id).status == ItemStatus.NEW
    assert AuditService(database.sessions).verify().intact
    with database.sessions.begin() as s:
        s.execute(update(Item).where(Item.id == item_id).values(status=ItemStatus.KEPT))
    first, _ = _broken(database)
    assert first == f"Post {item_id}"


def test_a_decision_committed_while_verify_runs_is_not_taken_for_tampering(database, monkeypatch):
    import app.services.records.audit_verify as audit_verify

    service(database).keep(make_item(database.sessions, "Tack"))
    other = make_item(database.sessions, "Tack igen")
    chain_pass = audit_verify.walk_chain

    def another_administrator_decides(*args):
        walked = chain_pass(*args)
        service(database, user="sofia").keep(other)  # after the chain pass, before the head is read
        return walked

    monkeypatch.setattr(audit_verify, "walk_chain", another_administrator_decides)
    report = AuditService(database.sessions).verify()
    assert report.intact, report.problems
    monkeypatch.undo()
    assert AuditService(database.sessions).verify().intact
