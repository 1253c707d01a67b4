"""Sending the account-page screenshots to the head of communications, as the guideline asks,
and recording that they were sent. Without an SMTP server: a .eml file for the user's own mail
program."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from app.core.errors import InputError
from app.core.messages import translate
from app.services.context import Writes, in_this_thread
from app.services.mail import Attachment, MailSettingsService, build_message, check_address, save_eml
from app.services.records.audit_witness import witness_now
from app.services.screenshots.export import file_stems
from app.services.screenshots.schedule import STOCKHOLM, ScreenshotInfo, ScreenshotService


@dataclass(frozen=True)
class SendOutcome:
    screenshot_ids: tuple[int, ...]
    to: str
    at: datetime
    message: str  # one Swedish sentence for the status bar


def _body(shots: list[ScreenshotInfo], names: dict[int, str], head: str) -> str:
    lines = [
        "Hej,",
        "",
        "enligt riktlinjerna för sociala medier dokumenteras kommunens närvaro med en skärmdump "
        "av varje kontosida en gång per år eller vid stora förändringar. Bifogat:",
        "",
    ]
    for shot in shots:
        when = shot.taken_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
        lines += [
            f"- {names[shot.id]}: {shot.account_name} ({shot.platform})",
            f"  sida: {shot.page_url or '–'}",
            f"  tagen {when} av {shot.taken_by}, skäl: {shot.reason_label}",
            f"  {shot.width}×{shot.height} bildpunkter, SHA-256 {shot.sha256}",
        ]
        if shot.note:
            lines.append("  anteckning: " + " ".join(shot.note.split()))
    lines += [
        "",
        "Skickat från Granska.",
        "",
        "Granskningsloggens slut när mejlet skrevs (spara mejlet: det visar att loggen inte har "
        "kortats sedan dess):",
        head,
    ]
    return "\n".join(lines)


class ScreenshotMail:
    def __init__(self, screenshots: ScreenshotService, mail: MailSettingsService) -> None:
        self._shots = screenshots
        self._mail = mail

    def default_recipient(self) -> str:
        return self._mail.load().head_of_communications

    def smtp_configured(self) -> bool:
        return self._mail.load().configured

    def compose(self, ids: list[int], to: str | None = None) -> tuple[EmailMessage, str, list[int]]:
        """The message with every PNG attached, byte for byte as filed."""
        recipient = (to or "").strip() or self.default_recipient()
        if not recipient:
            raise InputError(
                translate(
                    "Core",
                    "Ingen mottagare: ange en adress, eller kommunikationschefens adress under "
                    "Inställningar → E-post.",
                )
            )
        recipient = check_address(recipient, translate("Core", "Mottagarens adress"))
        shots = sorted(self._shots.list_screenshots(ids=ids), key=lambda s: (s.account_key, s.taken_at))
        if not shots:
            raise InputError(translate("Core", "Välj minst en skärmdump att skicka."))
        self._shots.require_screenshots(s.account_key for s in shots)
        stems = file_stems(self._shots, shots)
        names = {s.id: f"{stems[s.id]}.png" for s in shots}
        attachments = [Attachment(names[s.id], self._shots.png(s.id), "image/png") for s in shots]
        if len(shots) == 1:
            shot = shots[0]
            subject = f"Skärmdump av kontosidan {shot.account_name} ({shot.platform}) {shot.local_date}"
        else:
            subject = f"Skärmdumpar av kommunens kontosidor ({len(shots)} st)"
        head = witness_now(self._shots.sessions, f"skärmdumpsmejl till {recipient}")
        body = _body(shots, names, head)
        message = build_message(self._mail.load(), [recipient], subject, body, attachments)
        return message, recipient, [s.id for s in shots]

    def send(self, ids: list[int], to: str | None = None, write: Writes = in_this_thread) -> SendOutcome:
        """Over SMTP, then recorded as sent (to whom, when; a transaction run by `write`).
        Nothing is recorded if it fails."""
        mailer = self._mail.mailer()
        message, recipient, sent_ids = self.compose(ids, to)
        mailer.send(message)
        at = self._shots.now()
        write(lambda: self._shots.mark_sent(sent_ids, recipient, at))
        n = len(sent_ids)
        what = "Skärmdumpen" if n == 1 else f"{n} skärmdumpar"
        return SendOutcome(tuple(sent_ids), recipient, at, f"{what} skickades till {recipient}.")

    def save_eml(
        self, ids: list[int], path: Path, to: str | None = None, *, record_as_sent: bool = False
    ) -> Path:
        """A ready message for the user's mail program. Recorded as sent only when the user says
        it will go (`record_as_sent`), since Granska cannot see the mail program send it."""
        message, recipient, sent_ids = self.compose(ids, to)
        if path.suffix.lower() != ".eml":
            path = path.with_name(path.name + ".eml")
        saved = save_eml(message, path)
        if record_as_sent:
            self._shots.mark_sent(sent_ids, recipient)
        return saved
