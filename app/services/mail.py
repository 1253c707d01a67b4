"""E-mail over SMTP: escalations to the nearest manager, screenshots to the head of
communications. Settings live in the database; the password lives in the keyring."""

from __future__ import annotations

import base64
import re
import smtplib
import ssl
from dataclasses import asdict, dataclass, replace
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError, os_cause
from app.core.messages import say, translate
from app.services.accounts.credentials import CredentialStore
from app.services.mail_errors import mail_failure
from app.services.settings import SettingsService

SETTINGS_KEY = "mail"
PASSWORD_REF = "smtp"
SECURITY_CHOICES = ("starttls", "ssl", "none")
_HOST = re.compile(r"^[A-Za-z0-9.\-\[\]:]+$")


def check_address(value: str, what: str = translate("Core", "E-postadressen")) -> str:
    """One plain address (no display name, no line breaks that could add mail headers)."""
    value = value.strip()
    _name, addr = parseaddr(value)
    if (
        not value
        or any(c in value for c in "\r\n\t,;")
        or addr != value
        or addr.count("@") != 1
        or not all(addr.split("@"))
    ):
        raise InputError(say(translate("Core", "%1 är ogiltig: '%2'."), what, value))
    return value


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"  # none, starttls, ssl
    username: str = ""
    sender: str = ""
    timeout: float = 20.0
    # "skicka till kommunikationschefen": where the yearly account-page screenshots go.
    head_of_communications: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> MailSettings:
        data = data or {}
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def validated(self) -> MailSettings:
        """A cleaned copy, or InputError naming the first wrong field. Empty host and sender
        are allowed: that is "no SMTP server", when Granska offers to save .eml files."""
        host = self.host.strip()
        if host and not _HOST.match(host):
            raise InputError(say(translate("Core", "Ogiltigt servernamn '%1'."), host))
        try:
            port = int(self.port)
        except (TypeError, ValueError):
            raise InputError(
                say(translate("Core", "Porten måste vara ett tal, inte '%1'."), self.port)
            ) from None
        if not 1 <= port <= 65535:
            raise InputError(say(translate("Core", "Porten måste vara 1–65535, inte %1."), port))
        if self.security not in SECURITY_CHOICES:
            raise InputError(
                say(translate("Core", "Okänd kryptering '%1'; välj starttls, ssl eller none."), self.security)
            )
        username = self.username.strip()
        if any(c in username for c in "\r\n"):
            raise InputError(translate("Core", "Användarnamnet får inte innehålla radbrytningar."))
        sender = (
            check_address(self.sender, translate("Core", "Avsändaradressen")) if self.sender.strip() else ""
        )
        head = self.head_of_communications.strip()
        head = check_address(head, translate("Core", "Kommunikationschefens adress")) if head else ""
        if host and not sender:
            raise InputError(translate("Core", "Ange en avsändaradress när en e-postserver är inställd."))
        if not 1 <= float(self.timeout) <= 300:
            raise InputError(translate("Core", "Tidsgränsen måste vara 1–300 sekunder."))
        return replace(
            self,
            host=host,
            port=port,
            username=username,
            sender=sender,
            head_of_communications=head,
            timeout=float(self.timeout),
        )


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mimetype: str = "application/octet-stream"


def build_message(
    settings: MailSettings,
    to: list[str],
    subject: str,
    body: str,
    attachments: list[Attachment] | tuple[Attachment, ...] = (),
) -> EmailMessage:
    if not to:
        raise InputError(translate("Core", "Ange minst en giltig e-postadress som mottagare."))
    to = [check_address(addr, translate("Core", "Mottagarens adress")) for addr in to]
    msg = EmailMessage()
    msg["From"] = settings.sender or "granska@localhost"
    msg["To"] = ", ".join(to)
    # Subjects carry account names; a line break there would start a new header.
    msg["Subject"] = " ".join(subject.split())
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="granska.local")
    msg.set_content(body)
    for a in attachments:
        maintype, _, subtype = a.mimetype.partition("/")
        msg.add_attachment(a.data, maintype=maintype, subtype=subtype or "octet-stream", filename=a.filename)
    return msg


def save_eml(message: EmailMessage, path: Path) -> Path:
    """For when no SMTP server is configured: the user's mail program opens the file."""
    try:
        path.write_bytes(bytes(message))
    except OSError as exc:
        raise EnvironmentFault(say(translate("Core", "Kan inte spara %1: %2"), path, os_cause(exc))) from None
    return path


def _login(smtp: smtplib.SMTP, username: str, password: str) -> None:
    """smtplib encodes credentials as ASCII, so "Lösenord1" would crash it. AUTH PLAIN is
    defined over UTF-8 (RFC 4616): use it by hand when the credentials are not ASCII."""
    if (username + password).isascii():
        smtp.login(username, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if "plain" not in smtp.esmtp_features.get("auth", "").lower().split():
        raise EnvironmentFault(
            translate(
                "Core",
                "E-postservern erbjuder inte AUTH PLAIN, som behövs för användarnamn eller lösenord "
                "med å, ä, ö eller andra tecken utanför ASCII.",
            )
        )
    token = base64.b64encode(b"\0" + username.encode() + b"\0" + password.encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


class Mailer:
    def __init__(self, settings: MailSettings, password: str | None = None) -> None:
        self.settings = settings
        self._password = password

    def __repr__(self) -> str:  # never the password, not even in a traceback
        return f"Mailer({self.settings.host}:{self.settings.port}, user={self.settings.username!r})"

    def send(self, message: EmailMessage) -> None:
        self._session(message)

    def check(self) -> None:
        """Connect, encrypt and log in without sending anything ("Testa anslutningen")."""
        self._session(None)

    def _session(self, message: EmailMessage | None) -> None:
        s = self.settings
        if not s.configured:
            raise InputError(translate("Core", "Ingen e-postserver är inställd (Inställningar → E-post)."))
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
                    _login(smtp, s.username, self._password or "")
                if message is None:
                    smtp.noop()
                else:
                    smtp.send_message(message)
        except smtplib.SMTPAuthenticationError:
            raise EnvironmentFault(
                say(translate("Core", "E-postservern %1 godtog inte användarnamn och lösenord."), s.host)
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise EnvironmentFault(mail_failure(exc, s.host, s.port, s.timeout)) from None


class MailSettingsService:
    """The "mail" setting in the database and the SMTP password in the keyring, together."""

    def __init__(self, sessions: sessionmaker[Session], store: CredentialStore | None = None) -> None:
        self._settings = SettingsService(sessions)
        self._store = store or CredentialStore()

    def load(self) -> MailSettings:
        return MailSettings.from_dict(self._settings.get(SETTINGS_KEY))

    def save(self, settings: MailSettings) -> MailSettings:
        clean = settings.validated()
        self._settings.set(SETTINGS_KEY, clean.as_dict())
        return clean

    def set_password(self, password: str) -> None:
        """Into the keyring, never the database."""
        if not password:
            raise InputError(translate("Core", "Lösenordet är tomt."))
        self._store.set(PASSWORD_REF, password)

    def forget_password(self) -> bool:
        return self._store.delete(PASSWORD_REF)

    def has_password(self) -> bool:
        return self._store.get(PASSWORD_REF) is not None

    def mailer(self, settings: MailSettings | None = None, *, password: str | None = None) -> Mailer:
        """A Mailer ready to send: the settings, and the password from the keyring when a user
        name is set (or `password`, to test one before it is stored)."""
        settings = settings or self.load()
        if not settings.configured:
            raise InputError(translate("Core", "Ingen e-postserver är inställd (Inställningar → E-post)."))
        if settings.username and password is None:
            password = self._store.get(PASSWORD_REF)
            if password is None:
                raise InputError(
                    translate(
                        "Core",
                        "Inget lösenord för e-postservern finns i nyckelringen (Inställningar → E-post).",
                    )
                )
        return Mailer(settings, password)
