"""E-mail over SMTP: escalations to the nearest manager, screenshots to the head of
communications. Settings live in the database; the password lives in the keyring."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from app.services.errors import EnvironmentFault, InputError

SETTINGS_KEY = "mail"
PASSWORD_REF = "smtp"


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"  # none, starttls, ssl
    username: str = ""
    sender: str = ""
    timeout: float = 20.0

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> MailSettings:
        data = data or {}
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mimetype: str = "application/octet-stream"


def build_message(settings: MailSettings, to: list[str], subject: str, body: str,
                  attachments: list[Attachment] | tuple[Attachment, ...] = ()) -> EmailMessage:  # fmt: skip
    if not to or not all("@" in addr for addr in to):
        raise InputError("Ange minst en giltig e-postadress som mottagare.")
    msg = EmailMessage()
    msg["From"] = settings.sender or "granska@localhost"
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="granska.local")
    msg.set_content(body)
    for a in attachments:
        maintype, _, subtype = a.mimetype.partition("/")
        msg.add_attachment(a.data, maintype=maintype, subtype=subtype or "octet-stream",
                           filename=a.filename)  # fmt: skip
    return msg


def save_eml(message: EmailMessage, path: Path) -> Path:
    """For when no SMTP server is configured: the user's mail program opens the file."""
    try:
        path.write_bytes(bytes(message))
    except OSError as exc:
        raise EnvironmentFault(f"Kan inte spara {path}: {exc.strerror}") from None
    return path


class Mailer:
    def __init__(self, settings: MailSettings, password: str | None = None) -> None:
        self.settings = settings
        self._password = password

    def send(self, message: EmailMessage) -> None:
        s = self.settings
        if not s.configured:
            raise InputError("Ingen e-postserver är inställd (Inställningar → E-post).")
        try:
            if s.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            with smtp:
                if s.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if s.username:
                    smtp.login(s.username, self._password or "")
                smtp.send_message(message)
        except smtplib.SMTPAuthenticationError:
            raise EnvironmentFault(f"E-postservern {s.host} godtog inte användarnamn och lösenord.") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise EnvironmentFault(f"Kunde inte skicka e-post via {s.host}:{s.port}: {exc}") from None
