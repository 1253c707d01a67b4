"""What went wrong with the mail server, as a Swedish sentence with the library's own words
behind it (for whoever runs the server): "STARTTLS extension not supported by server" alone
tells an administrator nothing."""

from __future__ import annotations

import smtplib
import socket
import ssl


def _detail(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        message = (
            exc.smtp_error.decode("utf-8", "replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        return f"{exc.smtp_code} {message}".strip()
    return str(exc) or type(exc).__name__


def _sentence(exc: BaseException, host: str, port: int, timeout: float) -> str:
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return (
            f"E-postservern {host} kan inte kryptera med STARTTLS. Välj SSL, eller ingen kryptering om "
            "servern bara nås inom kommunens nät, under Inställningar → E-post."
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"E-postserverns certifikat för {host} gick inte att lita på (fel namn, utgånget eller okänt)."
    if isinstance(exc, ssl.SSLError):
        return (
            f"Krypteringen mot e-postservern {host}:{port} misslyckades (fel port för SSL eller STARTTLS?)."
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "E-postservern tog inte emot mottagaradressen."
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return "E-postservern tog inte emot avsändaradressen."
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"E-postservern {host} stängde anslutningen."
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"E-postservern {host} nekade."
    if isinstance(exc, socket.gaierror):
        return f"Servernamnet {host} hittades inte (stavning, eller inget nätverk)."
    if isinstance(exc, ConnectionRefusedError):
        return f"E-postservern {host} tog inte emot anslutningar på port {port} (fel port, eller nere)."
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"E-postservern {host}:{port} svarade inte inom {timeout:g} sekunder."
    if isinstance(exc, OSError):
        return f"E-postservern {host}:{port} gick inte att nå."
    return f"E-postservern {host} svarade inte som väntat."


def mail_failure(exc: BaseException, host: str, port: int, timeout: float) -> str:
    """'Kunde inte skicka e-post via HOST:PORT: <why, in Swedish> (<the detail>)'."""
    return (
        f"Kunde inte skicka e-post via {host}:{port}: {_sentence(exc, host, port, timeout)} ({_detail(exc)})"
    )
