"""The end of the audit chain is witnessed outside the database, so a log cut
back (its newest events deleted and the head row rewound to match) is caught."""

from __future__ import annotations

from datetime import date, timedelta
from email import message_from_bytes, policy

from sqlalchemy import delete, select, text, update

from app.cli import main
from app.models import (
    AuditEvent,
    AuditHead,
    AuditSeal,
    Decision,
    Escalation,
    Evidence,
    ExportRow,
    Item,
    ItemStatus,
    Notice,
    OutboxStep,
    Registration,
)
from app.services.mail import MailSettings, MailSettingsService
from app.services.records.audit import AuditService
from app.services.records.audit_witness import WitnessBook, chain_head, database_key, witness_from
from app.services.records.export import ExportService, RemovalLogRequest
from app.services.records.packages import EvidencePackager
from app.services.screenshots.mail import ScreenshotMail
from app.services.screenshots.schedule import ScreenshotService
from tests.helpers.mailbox import Mailbox
from tests.helpers.screens import png_of
from tests.helpers.workflow import make_item, service

TODAY = RemovalLogRequest(date.today() - timedelta(days=2), date.today() + timedelta(days=2))


def _head(db) -> tuple[int, str]:
    with db.sessions() as s:
        return chain_head(s)


def _erase_since(db, head: tuple[int, str], item_id: int) -> None:
    """What someone with the database file does to make a removal never have happened: its
    rows and events deleted, the item set back, the head row rewound. On PostgreSQL that takes
    the owner or a superuser, who can switch the head's guard trigger off (no member can)."""
    count, digest = head
    with db.sessions.begin() as s:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SET LOCAL session_replication_role = replica"))
        first_gone = s.scalars(select(AuditEvent.id).order_by(AuditEvent.id).offset(count).limit(1)).one()
        s.execute(delete(AuditSeal).where(AuditSeal.event_id >= first_gone))
        s.execute(delete(AuditEvent).where(AuditEvent.id >= first_gone))
        s.execute(delete(ExportRow))
        s.execute(delete(OutboxStep).where(OutboxStep.item_id == item_id))
        s.execute(delete(Escalation).where(Escalation.item_id == item_id))
        s.execute(delete(Notice).where(Notice.item_id == item_id))
        s.execute(delete(Registration).where(Registration.item_id == item_id))
        s.execute(delete(Decision).where(Decision.item_id == item_id))
        s.execute(delete(Evidence).where(Evidence.item_id == item_id))
        s.execute(update(Item).where(Item.id == item_id).values(status=ItemStatus.FLAGGED))
        s.execute(update(AuditHead).values(count=count, last_hash=digest))


def test_a_removal_erased_whole_is_caught_by_the_export_that_witnessed_it(database, tmp_path):
    item_id = make_item(database.sessions, "Ni är idioter")
    before = _head(database)
    service(database).remove(item_id, "personangrepp")
    out = tmp_path / "till-registratorn.xlsx"
    ExportService(database.sessions).export_removals(TODAY, out)
    _erase_since(database, before, item_id)
    assert AuditService(database.sessions).verify([]).intact  # the database alone cannot tell
    known = WitnessBook().known(database_key(database.engine.url))
    assert len(known) == 1 and "registratorexport" in known[0].source
    report = AuditService(database.sessions).verify()  # the window's check: every known witness
    assert not report.intact
    assert any(f"registratorexport {out}" in p and "klippts av" in p for p in report.problems)


def test_deleting_the_last_event_and_rewinding_the_head_is_caught_by_a_checkpoint(capsys, sqlite_db):
    url = str(sqlite_db.engine.url)
    item_id = make_item(sqlite_db.sessions)
    service(sqlite_db).keep(item_id)
    assert main(["--db", url, "audit", "checkpoint"]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    count, digest = _head(sqlite_db)
    assert line == f"Granska-logghuvud: {count}:{digest}"
    with sqlite_db.sessions.begin() as s:
        last = s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
        previous = s.scalar(
            select(AuditEvent.hash).where(AuditEvent.id < last).order_by(AuditEvent.id.desc()).limit(1)
        )
        s.execute(delete(AuditSeal).where(AuditSeal.event_id == last))
        s.execute(delete(AuditEvent).where(AuditEvent.id == last))
        s.execute(update(AuditHead).values(count=count - 1, last_hash=previous))
        s.execute(update(Item).where(Item.id == item_id).values(status=ItemStatus.FLAGGED))
        s.execute(delete(Decision).where(Decision.item_id == item_id))
    assert main(["--db", url, "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"minst {count}" in out and "kontrollpunkt" in out


def test_verify_against_an_old_export_given_by_hand(capsys, sqlite_db, tmp_path):
    url = str(sqlite_db.engine.url)
    item_id = make_item(sqlite_db.sessions, "Ni är idioter")
    before = _head(sqlite_db)
    service(sqlite_db).remove(item_id, "personangrepp")
    out = tmp_path / "export.xlsx"
    ExportService(sqlite_db.sessions).export_removals(TODAY, out)
    WitnessBook().path.unlink()  # the witness file lost too: only the export remembers
    _erase_since(sqlite_db, before, item_id)
    assert main(["--db", url, "audit", "verify"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "audit", "verify", "--witness", str(out)]) == 1
    assert f"filen {out}" in capsys.readouterr().out


def test_verify_against_a_head_or_a_hash_given_by_hand(capsys, sqlite_db):
    url = str(sqlite_db.engine.url)
    first = make_item(sqlite_db.sessions)
    service(sqlite_db).keep(first)
    count, digest = _head(sqlite_db)
    assert main(["--db", url, "audit", "verify", "--witness", f"{count}:{digest}"]) == 0
    assert main(["--db", url, "audit", "verify", "--witness", digest]) == 0
    with sqlite_db.sessions.begin() as s:
        last = s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
        previous = s.scalar(
            select(AuditEvent.hash).where(AuditEvent.id < last).order_by(AuditEvent.id.desc()).limit(1)
        )
        s.execute(delete(AuditSeal).where(AuditSeal.event_id == last))
        s.execute(delete(AuditEvent).where(AuditEvent.id == last))
        s.execute(update(AuditHead).values(count=count - 1, last_hash=previous))
        s.execute(update(Item).where(Item.id == first).values(status=ItemStatus.FLAGGED))
        s.execute(delete(Decision).where(Decision.item_id == first))
    capsys.readouterr()
    assert main(["--db", url, "audit", "verify", "--witness", f"{count}:{digest}"]) == 1
    assert "angivet för hand" in capsys.readouterr().out
    assert main(["--db", url, "audit", "verify", "--witness", digest]) == 1
    assert "Ingen händelse i loggen" in capsys.readouterr().out
    assert main(["--db", url, "audit", "verify", "--witness", "inte-en-fil.xlsx"]) == 2


def test_a_rewritten_log_differs_from_its_witness(database):
    item_id = make_item(database.sessions)
    service(database).keep(item_id)
    count, digest = _head(database)
    witness = witness_from(f"{count}:{'0' * 63}1")
    report = AuditService(database.sessions).verify([witness])
    assert not report.intact and "skrivits om" in report.problems[0]
    assert AuditService(database.sessions).verify([witness_from(f"{count}:{digest}")]).intact


def test_an_evidence_package_carries_the_head(database, tmp_path):
    item_id = make_item(database.sessions, "Ni är idioter")
    service(database).remove(item_id, "personangrepp")
    head = _head(database)
    EvidencePackager(database.sessions).build([item_id], tmp_path / "paket.zip")
    found = witness_from(str(tmp_path / "paket.zip"))
    assert (found.count, found.hash) == head
    assert AuditService(database.sessions).verify([found]).intact


def test_the_screenshot_mail_carries_the_head_and_a_saved_mail_is_a_witness(database, tmp_path):
    make_item(database.sessions)  # the account
    shots = ScreenshotService(database.sessions)
    shot = shots.file_screenshot("fb", png_of())
    head = _head(database)
    mail = MailSettingsService(database.sessions)
    mail.save(MailSettings(head_of_communications="chef@kommun.example"))
    saved = ScreenshotMail(shots, mail).save_eml([shot.id], tmp_path / "till-chefen.eml")
    found = witness_from(str(saved))
    assert (found.count, found.hash) == head
    body = message_from_bytes(saved.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert f"Granska-logghuvud: {head[0]}:{head[1]}" in body


def test_a_checkpoint_can_be_mailed_to_the_head_of_communications(capsys, sqlite_db):
    url = str(sqlite_db.engine.url)
    service(sqlite_db).keep(make_item(sqlite_db.sessions))
    mail = MailSettingsService(sqlite_db.sessions)
    with Mailbox() as box:
        chef = "chef@kommun.example"
        settings = MailSettings(
            host="127.0.0.1",
            port=box.port,
            security="none",
            timeout=5,
            sender="granska@kommun.example",
            head_of_communications=chef,
        )
        mail.save(settings)
        assert main(["--db", url, "audit", "checkpoint", "--mail"]) == 0
    count, digest = _head(sqlite_db)
    [message] = box.messages
    assert message["To"] == "chef@kommun.example"
    assert f"Granska-logghuvud: {count}:{digest}" in message.get_body(("plain",)).get_content()
    assert "Skickat till chef@kommun.example" in capsys.readouterr().out


def test_a_checkpoint_refuses_to_witness_a_broken_log(capsys, sqlite_db):
    url = str(sqlite_db.engine.url)
    item_id = make_item(sqlite_db.sessions)
    service(sqlite_db).keep(item_id)
    with sqlite_db.sessions.begin() as s:
        s.execute(update(Decision).values(motivation="ändrad"))
    assert main(["--db", url, "audit", "checkpoint"]) == 1
    assert "redan bruten" in capsys.readouterr().out
    assert not WitnessBook().path.exists()
