"""Crimes go by e-mail to the nearest manager, through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Escalation, Evidence, OutboxStep
from app.services.context import Actor
from app.services.mail import Mailer, MailSettings
from app.services.moderation.facade import ModerationService
from app.services.settings import SettingsService
from tests.helpers.databases import as_person
from tests.helpers.fixtures import configure_mail, free_port
from tests.helpers.workflow import add_admin, make_item, service

THREAT = "Om ni inte ändrar beslutet ska jag bränn ner kommunhuset. <script>x</script>"


@pytest.mark.parametrize("reason", ["hets", "brott", "vald-porr", "olagligt"])
def test_a_crime_reason_mails_the_nearest_manager_with_the_comment_and_evidence(database, smtp, reason):
    inbox, settings = smtp
    add_admin(database.sessions, "erik", "Erik Holm", manager_email="chef@kommun.example")
    item_id = make_item(database.sessions, THREAT)
    outcome = service(database, user="erik", mailer=Mailer(settings)).remove(item_id, reason)

    assert "Närmaste chef har fått e-post" in outcome.message
    (mail,) = inbox.messages
    assert mail["To"] == "chef@kommun.example" and mail["Subject"].startswith("Polisanmälan?")
    body = mail.get_content()
    with database.sessions() as s:
        sha = s.scalar(select(Evidence.sha256))
        escalation = s.scalars(select(Escalation)).one()
    assert THREAT in body and sha in body and "Erik Holm" in body
    assert "https://social.example/p/p1?c=" in body and "polisanmäla" in body
    assert (escalation.status, escalation.kind, escalation.to_email) == (
        "sent",
        "police_report",
        "chef@kommun.example",
    )


def test_no_escalation_for_a_reason_that_is_not_a_crime(database, smtp):
    inbox, settings = smtp
    add_admin(database.sessions, "erik", "Erik Holm", manager_email="chef@kommun.example")
    service(database, user="erik", mailer=Mailer(settings)).remove(make_item(database.sessions), "svordomar")
    assert inbox.messages == []


def test_without_a_manager_the_head_of_communications_gets_it(database, smtp):
    inbox, settings = smtp
    SettingsService(database.sessions).set("mail", {"head_of_communications": "komchef@kommun.example"})
    service(database, user="okand", mailer=Mailer(settings)).remove(
        make_item(database.sessions, THREAT), "brott"
    )
    assert [m["To"] for m in inbox.messages] == ["komchef@kommun.example"]


def test_with_nobody_to_mail_a_person_is_told_to_call_the_manager(database):
    outcome = service(database, user="okand").remove(make_item(database.sessions, THREAT), "brott")
    assert "kontakta närmaste chef själv" in outcome.message
    with database.sessions() as s:
        assert s.scalar(select(Escalation.status)) == "no_recipient"
        assert s.scalar(select(OutboxStep.status).where(OutboxStep.step == "send_escalation")) == "manual"


def test_mail_waits_for_an_smtp_server_and_goes_when_one_is_set_up(database, smtp):
    inbox, settings = smtp
    add_admin(database.sessions, "erik", "Erik Holm", manager_email="chef@kommun.example")
    holder: dict[str, Mailer | None] = {"mailer": None}
    erik = as_person(database, "erik")
    svc = ModerationService(erik.sessions, actor=Actor("erik"), mailer_factory=lambda: holder["mailer"])
    outcome = svc.remove(make_item(database.sessions, THREAT), "brott")
    assert "Ingen e-postserver är inställd" in outcome.message and inbox.messages == []
    holder["mailer"] = Mailer(settings)
    assert svc.retry().done == 1 and len(inbox.messages) == 1


def test_an_smtp_server_that_is_down_is_retried_with_backoff(database, smtp, clock):
    inbox, settings = smtp
    add_admin(database.sessions, "erik", "Erik Holm", manager_email="chef@kommun.example")
    down = MailSettings(
        host="127.0.0.1", port=free_port(), security="none", sender="granska@kommun.example", timeout=2
    )
    holder = {"mailer": Mailer(down)}
    svc = ModerationService(
        as_person(database, "erik").sessions,
        actor=Actor("erik", clock),
        mailer_factory=lambda: holder["mailer"],
    )
    outcome = svc.remove(make_item(database.sessions, THREAT), "brott")
    assert "E-posten till chefen väntar" in outcome.message and "Nytt försök" in outcome.message
    holder["mailer"] = Mailer(settings)
    clock.advance(seconds=31)
    assert svc.resume().done == 1 and len(inbox.messages) == 1


def test_an_administrator_can_escalate_any_item_by_hand(database, smtp):
    inbox, settings = smtp
    configure_mail(database.sessions, settings, head_of_communications="komchef@kommun.example")
    add_admin(database.sessions, "erik", "Erik Holm", manager_email="chef@kommun.example")
    item_id = make_item(database.sessions, "Jag vet var rektorn bor.")
    svc = service(database, user="erik", mailer=Mailer(settings))
    svc.escalate(item_id, "Oroande, vill du titta?")
    svc.escalate(item_id, "Till kommunikationschefen", to="head_of_communications")
    assert [m["To"] for m in inbox.messages] == ["chef@kommun.example", "komchef@kommun.example"]
    body = inbox.messages[0].get_content()
    assert "Oroande, vill du titta?" in body and "Jag vet var rektorn bor." in body
    with database.sessions() as s:
        assert len(list(s.scalars(select(Evidence)))) == 2  # each escalation carries its copy
