from __future__ import annotations

import uuid
from email import message_from_bytes, policy

import pytest
from sqlalchemy import text

from app.core.errors import EnvironmentFault, InputError
from app.services.accounts.credentials import CredentialStore
from app.services.mail import MailSettings, MailSettingsService
from app.services.screenshots.mail import ScreenshotMail
from app.services.screenshots.schedule import ScreenshotService
from tests.helpers.ci import linux_tool
from tests.helpers.mailbox import Mailbox, free_port, make_certificate
from tests.helpers.screens import Clock, add_account, png_of, utc

CHEF = "kommunikationschef@vadstena.se"


@pytest.fixture
def setup(database):
    add_account(database.sessions, "fb", url="https://facebook.com/vadstena")
    clock = Clock(utc("2026-03-02T09:15:00+01:00"))
    shots = ScreenshotService(database.sessions, clock.actor("anna"))
    png = png_of((200, 30, 40), width=64, height=48)
    first = shots.file_screenshot("fb", png, note="Årlig bild")
    clock.now = utc("2026-03-02T10:00:00+01:00")
    second = shots.file_screenshot("fb", png_of((1, 2, 3)), reason="change")
    clock.now = utc("2026-03-03T08:00:00+01:00")
    mail = MailSettingsService(database.sessions, CredentialStore(f"se.vadstena.Granska.test-{uuid.uuid4()}"))
    return database, shots, mail, png, first, second


def configure(mail: MailSettingsService, port: int, security: str = "none", **extra) -> None:
    mail.save(
        MailSettings(
            host="127.0.0.1",
            port=port,
            security=security,
            sender="granska@vadstena.se",
            head_of_communications=CHEF,
            timeout=5,
            **extra,
        )
    )


def test_the_png_arrives_byte_identical_and_the_sending_is_recorded(setup):
    _db, shots, mail, png, first, _second = setup
    with Mailbox() as box:
        configure(mail, box.port)
        outcome = ScreenshotMail(shots, mail).send([first.id])
    assert outcome.to == CHEF and "skickades till" in outcome.message
    assert box.envelopes == [("granska@vadstena.se", [CHEF])]
    message = box.messages[0]
    assert message["To"] == CHEF and "FB" in message["Subject"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "image/png"
    assert attachment.get_filename() == "2026-fb-2026-03-02.png"
    assert attachment.get_content() == png
    body = message.get_body(("plain",)).get_content()
    assert first.sha256 in body and "Årlig bild" in body
    info = shots.get(first.id)
    assert info.sent_to == CHEF and info.sent_at == utc("2026-03-03T08:00:00+01:00")
    assert shots.get(_second.id).sent_to is None


def test_several_screenshots_of_one_day_go_in_one_mail_with_distinct_names(setup):
    _db, shots, mail, png, first, second = setup
    with Mailbox() as box:
        configure(mail, box.port)
        ScreenshotMail(shots, mail).send([second.id, first.id], to="annan@vadstena.se")
    [message] = box.messages
    names = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    assert names == {"2026-fb-2026-03-02.png": png, "2026-fb-2026-03-02-2.png": png_of((1, 2, 3))}
    assert {s.sent_to for s in shots.list_screenshots()} == {"annan@vadstena.se"}


def test_a_server_that_is_down_is_a_clear_fault_and_nothing_is_recorded(setup):
    _db, shots, mail, _png, first, _second = setup
    configure(mail, free_port())
    with pytest.raises(EnvironmentFault, match="Kunde inte skicka"):
        ScreenshotMail(shots, mail).send([first.id])
    assert shots.get(first.id).sent_at is None


def test_without_smtp_the_mail_is_saved_as_eml_and_not_recorded_as_sent(setup, tmp_path):
    _db, shots, mail, png, first, _second = setup
    mail.save(MailSettings(head_of_communications=CHEF))
    sender = ScreenshotMail(shots, mail)
    assert not sender.smtp_configured()
    with pytest.raises(InputError, match="Ingen e-postserver"):
        sender.send([first.id])
    path = sender.save_eml([first.id], tmp_path / "till-chefen")
    assert path.name == "till-chefen.eml"
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == CHEF
    assert [a.get_content() for a in message.iter_attachments()] == [png]
    assert shots.get(first.id).sent_at is None


def test_no_recipient_or_a_header_injection_is_refused(setup, tmp_path):
    _db, shots, mail, _png, first, _second = setup
    sender = ScreenshotMail(shots, mail)
    with pytest.raises(InputError, match="Ingen mottagare"):
        sender.save_eml([first.id], tmp_path / "x.eml")
    with pytest.raises(InputError, match="ogiltig"):
        sender.save_eml([first.id], tmp_path / "x.eml", to="chef@vadstena.se\nBcc: alla@example.com")
    assert not (tmp_path / "x.eml").exists()


@pytest.mark.keyring
@pytest.mark.parametrize(("security", "secret_prefix"), [("starttls", "hemligt-Lösen-"), ("ssl", "plain-")])
@linux_tool("openssl (which makes the test certificate)")
def test_login_over_tls_uses_the_password_from_the_keyring_which_never_reaches_the_database(
    setup, security, secret_prefix, tmp_path, monkeypatch
):
    db, shots, mail, png, first, _second = setup
    certificate = make_certificate(tmp_path)
    # Trusted like a real server's certificate: verification stays on.
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    secret = secret_prefix + uuid.uuid4().hex  # smtplib alone cannot send "ö" in a password
    with Mailbox(users={"granska": secret}, security=security, certificate=certificate) as box:
        configure(mail, box.port, security, username="granska")
        with pytest.raises(InputError, match="Inget lösenord"):
            ScreenshotMail(shots, mail).send([first.id])
        mail.set_password(secret)
        try:
            assert mail.has_password()
            mail.mailer().check()
            ScreenshotMail(shots, mail).send([first.id])
        finally:
            assert mail.forget_password()
    assert box.logins == ["granska", "granska"]
    assert [a.get_content() for a in box.messages[0].iter_attachments()] == [png]
    with db.engine.connect() as con:
        stored = " ".join(str(v) for v in con.execute(text("SELECT key, value FROM settings")).all())
    assert "granska" in stored and secret not in stored


@linux_tool("openssl (which makes the test certificate)")
def test_a_certificate_that_is_not_trusted_is_refused(setup, tmp_path):
    _db, shots, mail, _png, first, _second = setup
    with Mailbox(security="starttls", certificate=make_certificate(tmp_path)) as box:
        configure(mail, box.port, "starttls")
        with pytest.raises(EnvironmentFault, match="Kunde inte skicka"):
            ScreenshotMail(shots, mail).send([first.id])
    assert box.messages == [] and shots.get(first.id).sent_at is None
