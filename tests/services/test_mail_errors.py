"""A mail server's refusal as a Swedish sentence with the library's words behind it, against a
real SMTP server on 127.0.0.1 (aiosmtpd) and a closed port."""

from __future__ import annotations

import pytest

from app.core.errors import EnvironmentFault
from app.services.mail import Mailer, MailSettings
from tests.helpers.mailbox import Mailbox, free_port


def settings(port: int, security: str) -> MailSettings:
    return MailSettings(
        host="127.0.0.1", port=port, security=security, sender="granska@vadstena.se", timeout=5
    )


def test_a_server_without_starttls_is_explained_in_swedish_with_the_detail_behind():
    with Mailbox(security="none") as box:
        with pytest.raises(EnvironmentFault) as caught:
            Mailer(settings(box.port, "starttls")).check()
        Mailer(settings(box.port, "none")).check()  # the next ordinary try works
    message = str(caught.value)
    assert message.startswith("Kunde inte skicka e-post via 127.0.0.1")
    assert "kan inte kryptera med STARTTLS" in message and "Inställningar → E-post" in message
    # The library's own words only behind, in brackets, for whoever runs the server.
    assert message.index("kan inte kryptera") < message.index("(STARTTLS extension not supported")


def test_a_closed_port_says_so():
    with pytest.raises(EnvironmentFault, match="tog inte emot anslutningar på port"):
        Mailer(settings(free_port(), "none")).check()
