"""Forward (V) sends the question by e-mail, through a real SMTP server on 127.0.0.1, keeps it
waiting for its answer, and reminds the recipient when the promised response time has passed."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.core.errors import InputError
from app.models import Account, Decision, Escalation, Item
from app.services.accounts.response_promise import DEFAULT_HOURS, hours_from_text
from app.services.context import Actor
from app.services.mail import Mailer, MailSettings
from app.services.moderation.facade import ModerationService
from app.services.queue.listing import QUEUES_BY_NAME, QueueFilter, QueueService
from app.services.records.audit import AuditService
from tests.helpers.databases import as_person
from tests.helpers.fixtures import free_port
from tests.helpers.workflow import add_admin, make_item

QUESTION = "Varför är gatlyktan på Storgatan 3 trasig sedan i maj? <b>Svara!</b>"


def _svc(database, clock, mailer):
    holder = {"mailer": mailer}
    svc = ModerationService(
        as_person(database, "erik").sessions,
        actor=Actor("erik", clock),
        mailer_factory=lambda: holder["mailer"],
    )
    return svc, holder


def _status(db, item_id):
    with db.sessions() as s:
        return s.get(Item, item_id).status


def _in_questions(db, item_id):
    page = QueueService(db.sessions).page(QUEUES_BY_NAME["questions"].narrow(QueueFilter()), limit=500)
    return any(i.id == item_id for i in page)


def test_forward_mails_the_question_word_for_word_with_a_reply_to(database, smtp, clock):
    inbox, settings = smtp
    add_admin(database.sessions, "erik", "Erik Holm")
    item_id = make_item(database.sessions, QUESTION, author="Karin Öberg")
    svc, _ = _svc(database, clock, Mailer(settings))
    outcome = svc.forward(item_id, "bygg@kommun.example", "Kan ni svara Karin?")

    assert not outcome.pending and "Vidarebefordrad med e-post till bygg@kommun.example" in outcome.message
    (mail,) = inbox.messages
    assert mail["To"] == "bygg@kommun.example" and mail["Reply-To"] == "erik@kommun.example"
    body = mail.get_content()
    assert QUESTION in body and "Erik Holm" in body and "Kan ni svara Karin?" in body
    assert "https://social.example/p/p1?c=" in body and "Karin Öberg" in body
    # Not done: the question waits for its answer where the administrator looks for it.
    assert _status(database, item_id) == "forwarded" and _in_questions(database, item_id)
    assert AuditService(database.sessions).verify().intact
    # Someone else may answer it; then it is no longer waiting.
    add_admin(database.sessions, "sofia", "Sofia Löf")
    other = ModerationService(as_person(database, "sofia").sessions, actor=Actor("sofia", clock))
    assert other.decide_answer(item_id, "Hej Karin! Den lagas i veckan.").status == "answer_pending"


def test_a_mail_server_that_is_down_leaves_the_forward_waiting_and_visible(database, smtp, clock):
    inbox, settings = smtp
    add_admin(database.sessions, "erik", "Erik Holm")
    item_id = make_item(database.sessions, QUESTION)
    down = MailSettings(
        host="127.0.0.1", port=free_port(), security="none", sender="granska@kommun.example", timeout=2
    )
    svc, holder = _svc(database, clock, Mailer(down))
    outcome = svc.forward(item_id, "bygg@kommun.example", "")
    assert outcome.pending and "inte skickad än" in outcome.message and "Nytt försök" in outcome.message
    assert inbox.messages == []
    (step,) = [s for s in svc.pending_steps(item_id) if s.attempts]
    assert step.step == "send_forward" and step.last_error
    with database.sessions() as s:
        assert s.scalar(select(Escalation.status).where(Escalation.kind == "forward")) == "queued"
    holder["mailer"] = Mailer(settings)
    clock.advance(seconds=31)
    assert svc.resume().done == 1 and len(inbox.messages) == 1
    with database.sessions() as s:
        assert s.scalar(select(Escalation.status).where(Escalation.kind == "forward")) == "sent"
    assert AuditService(database.sessions).verify().intact


def test_a_reminder_goes_when_the_promised_response_time_has_passed(database, smtp, clock):
    inbox, settings = smtp
    add_admin(database.sessions, "erik", "Erik Holm")
    item_id = make_item(database.sessions, QUESTION)
    with database.sessions.begin() as s:
        s.execute(update(Account).values(response_time="Vi svarar inom 24 timmar på vardagar."))
    svc, _ = _svc(database, clock, Mailer(settings))
    svc.forward(item_id, "bygg@kommun.example", "")
    assert len(inbox.messages) == 1
    # Not before its time, not even when every step is retried at once; and nothing "waits".
    assert svc.retry(ignore_backoff=True).waiting == [] and len(inbox.messages) == 1
    clock.advance(hours=25)
    assert svc.resume().done == 1
    reminder = inbox.messages[-1]
    assert reminder["Subject"].startswith("Påminnelse") and QUESTION in reminder.get_content()


def test_no_reminder_once_the_question_is_answered(database, smtp, clock):
    inbox, settings = smtp
    add_admin(database.sessions, "erik", "Erik Holm")
    item_id = make_item(database.sessions, QUESTION)
    svc, _ = _svc(database, clock, Mailer(settings))
    svc.forward(item_id, "bygg@kommun.example", "")
    svc.decide_answer(item_id, "Hej! Den lagas i veckan.")
    clock.advance(hours=DEFAULT_HOURS + 1)
    svc.resume()
    assert len(inbox.messages) == 1
    with database.sessions() as s:
        assert (
            s.scalar(select(Escalation.status).where(Escalation.kind == "forward_reminder")) == "not_needed"
        )


def test_forward_needs_an_e_mail_address_and_changes_nothing_without_one(database, clock):
    item_id = make_item(database.sessions, QUESTION)
    svc, _ = _svc(database, clock, None)
    with pytest.raises(InputError, match="Ange en e-postadress"):
        svc.forward(item_id, "Samhällsbyggnad", "")
    with database.sessions() as s:
        assert s.scalar(select(Decision.id)) is None
    assert _status(database, item_id) == "new"


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Vi svarar inom 24 timmar.", 24),
        ("Svar inom 2 arbetsdagar", 48),
        ("inom 4 h på vardagar", 4),
        ("Samma arbetsdag", 8),
        ("Inom en vecka", 168),
        ("", None),
        ("Så snart vi kan", None),
    ],
)
def test_the_promised_response_time_is_read_from_the_register_text(text, hours):
    assert hours_from_text(text) == hours
