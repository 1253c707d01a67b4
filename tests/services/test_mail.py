from __future__ import annotations

import pytest

from app.core.errors import InputError
from app.services.mail import Mailer, MailSettings, MailSettingsService, build_message, check_address


def test_settings_round_trip_through_the_database(sqlite_db):
    service = MailSettingsService(sqlite_db.sessions)
    assert service.load() == MailSettings() and not service.load().configured
    saved = service.save(
        MailSettings(
            host=" smtp.vadstena.se ",
            port="465",
            security="ssl",
            username=" granska ",
            sender="granska@vadstena.se",
            head_of_communications="chef@vadstena.se",
        )
    )
    assert saved.host == "smtp.vadstena.se" and saved.port == 465 and saved.username == "granska"
    assert service.load() == saved and saved.configured


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"host": "smtp vadstena"}, "servernamn"),
        ({"port": 0}, "1–65535"),
        ({"port": "tjugofem"}, "tal"),
        ({"security": "tls"}, "kryptering"),
        ({"sender": "inte-en-adress"}, "Avsändaradressen"),
        ({"sender": ""}, "avsändaradress"),
        ({"head_of_communications": "chef@vadstena.se\nBcc: alla@x.se"}, "Kommunikationschefens"),
        ({"username": "a\r\nb"}, "radbrytningar"),
        ({"timeout": 0}, "Tidsgränsen"),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_saved(sqlite_db, changes, message):
    service = MailSettingsService(sqlite_db.sessions)
    good = dict(host="smtp.vadstena.se", port=587, sender="granska@vadstena.se")
    with pytest.raises(InputError, match=message):
        service.save(MailSettings(**{**good, **changes}))
    assert service.load() == MailSettings()


def test_addresses_are_plain_single_addresses():
    assert check_address(" chef@vadstena.se ") == "chef@vadstena.se"
    for bad in ("", "chef", "a@b@c", "Chef <chef@vadstena.se>", "a@b.se, c@d.se", "@vadstena.se"):
        with pytest.raises(InputError):
            check_address(bad)


def test_a_subject_cannot_add_headers():
    msg = build_message(MailSettings(sender="g@v.se"), ["chef@vadstena.se"], "Konto\r\nBcc: x@y.se", "hej")
    assert msg["Subject"] == "Konto Bcc: x@y.se" and msg["Bcc"] is None


def test_the_mailer_never_shows_its_password():
    mailer = Mailer(MailSettings(host="smtp.vadstena.se", username="granska"), password="hemligt")
    assert "hemligt" not in repr(mailer) and "granska" in repr(mailer)


def test_without_a_server_the_mailer_says_what_to_do(sqlite_db):
    with pytest.raises(InputError, match="Ingen e-postserver"):
        MailSettingsService(sqlite_db.sessions).mailer()
