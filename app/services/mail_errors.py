"""What went wrong with the mail server, as a Swedish sentence with the library's own words
behind it (for whoever runs the server): "STARTTLS extension not supported by server" alone
tells an administrator nothing."""

from __future__ import annotations

import smtplib
import socket
import ssl

from app.core.messages import Message, say, translate


def _detail(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        message = (
            exc.smtp_error.decode("utf-8", "replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        return f"{exc.smtp_code} {message}".strip()
    return str(exc) or type(exc).__name__


def _sentence(exc: BaseException, host: str, port: int, timeout: float) -> Message:
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return say(
            translate(
                "Core",
                "E-postservern %1 kan inte kryptera med STARTTLS. Välj SSL, eller ingen kryptering om "
                "servern bara nås inom kommunens nät, under Inställningar → E-post.",
            ),
            host,
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return say(
            translate(
                "Core",
                "E-postserverns certifikat för %1 gick inte att lita på (fel namn, utgånget eller okänt).",
            ),
            host,
        )
    if isinstance(exc, ssl.SSLError):
        return say(
            translate(
                "Core",
                "Krypteringen mot e-postservern %1:%2 misslyckades (fel port för SSL eller STARTTLS?).",
            ),
            host,
            port,
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return translate("Core", "E-postservern tog inte emot mottagaradressen.")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return translate("Core", "E-postservern tog inte emot avsändaradressen.")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return say(translate("Core", "E-postservern %1 stängde anslutningen."), host)
    if isinstance(exc, smtplib.SMTPResponseException):
        return say(translate("Core", "E-postservern %1 nekade."), host)
    if isinstance(exc, socket.gaierror):
        return say(translate("Core", "Servernamnet %1 hittades inte (stavning, eller inget nätverk)."), host)
    if isinstance(exc, ConnectionRefusedError):
        return say(
            translate(
                "Core", "E-postservern %1 tog inte emot anslutningar på port %2 (fel port, eller nere)."
            ),
            host,
            port,
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return say(
            translate("Core", "E-postservern %1:%2 svarade inte inom %3 sekunder."),
            host,
            port,
            f"{timeout:g}",
        )
    if isinstance(exc, OSError):
        return say(translate("Core", "E-postservern %1:%2 gick inte att nå."), host, port)
    return say(translate("Core", "E-postservern %1 svarade inte som väntat."), host)


def mail_failure(exc: BaseException, host: str, port: int, timeout: float) -> Message:
    """'Kunde inte skicka e-post via HOST:PORT: <why, in Swedish> (<the detail>)': the sentence
    translated in the window, the library's own words (the detail) as they are."""
    return say(
        translate("Core", "Kunde inte skicka e-post via %1:%2: %3 (%4)"),
        host,
        port,
        _sentence(exc, host, port, timeout),
        _detail(exc),
    )
