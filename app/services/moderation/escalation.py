"""Crimes go to the nearest manager: "Vid behov ska sådana inlägg och kommentarer polisanmälas
av närmsta chef." The item is flagged for a police report and the manager gets an e-mail with
the comment word for word, where it was, and the evidence copy's hash.

E-mail cannot be recalled either, but a missing police-report mail is worse than a duplicate:
an interrupted send is sent again with the same Message-ID, which mail programs treat as one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError
from app.core.messages import say, told, translate
from app.core.states import Outcome
from app.models import Account, Administrator, Decision, Escalation, Evidence, Item
from app.services.accounts.identity import local_time
from app.services.mail import Mailer, MailSettingsService, build_message
from app.services.moderation.outbox import StepInfo, StepResult
from app.services.moderation.reasons import REMOVAL_REASONS
from app.services.moderation.writer import Writer

KIND_POLICE = "police_report"
KIND_MANAGER = "manager"
KIND_HEAD = "head_of_communications"


def queue_escalation(
    writer: Writer,
    *,
    item_id: int,
    decision_id: int | None,
    kind: str,
    to_email: str,
    note: str,
    now: datetime,
    created_by: str,
) -> int:
    values = {
        "item_id": item_id,
        "decision_id": decision_id,
        "kind": kind,
        "to_email": to_email,
        "note": note,
        "status": "queued" if to_email else "no_recipient",
        "created_at": now,
        "created_by": created_by,
    }
    return writer.insert(Escalation.__table__, values)


def mail_facts(session: Session, escalation_id: int) -> dict[str, Any]:
    esc = session.execute(select(Escalation).where(Escalation.id == escalation_id)).scalar_one()
    item = session.execute(
        select(
            Item.id,
            Item.text,
            Item.author_name,
            Item.author_id,
            Item.author_url,
            Item.permalink,
            Item.created_at,
            Account.name.label("account"),
        )
        .join(Account, Account.id == Item.account_id)
        .where(Item.id == esc.item_id)
    ).one()
    decision = None
    if esc.decision_id is not None:
        decision = session.execute(
            select(
                Decision.reason_code,
                Decision.motivation,
                func.coalesce(Administrator.name, Decision.decided_by).label("decided_by"),
                Decision.decided_at,
            )
            .outerjoin(Administrator, Administrator.id == Decision.administrator_id)
            .where(Decision.id == esc.decision_id)
        ).first()
    evidence = session.execute(
        select(Evidence.sha256, Evidence.saved_at)
        .where(Evidence.item_id == esc.item_id)
        .order_by(Evidence.id.desc())
        .limit(1)
    ).first()
    return {"esc": esc, "item": item, "decision": decision, "evidence": evidence}


def escalation_text(facts: dict[str, Any]) -> tuple[str, str]:
    esc, item, decision, evidence = facts["esc"], facts["item"], facts["decision"], facts["evidence"]
    reason = REMOVAL_REASONS.get(decision.reason_code) if decision and decision.reason_code else None
    if esc.kind == KIND_POLICE and reason is not None:
        subject = f"Polisanmälan? {reason.label} – kommentar borttagen på {item.account}"
        lead = (
            f"En kommentar på kommunens konto {item.account} har tagits bort av "
            f"{decision.decided_by} {local_time(decision.decided_at)} med skälet "
            f"\u201d{reason.label}\u201d. Enligt riktlinjerna för sociala medier ska närmaste "
            "chef vid behov polisanmäla sådana kommentarer."
        )
    else:
        subject = f"Granska: en kommentar på {item.account} behöver din bedömning"
        lead = f"En administratör vill att du tittar på en kommentar på kommunens konto {item.account}."
    lines = [
        "Hej!",
        "",
        lead,
        "",
        f"Skribent: {item.author_name or '(okänd)'}" + (f" (id {item.author_id})" if item.author_id else ""),
        f"Profil: {item.author_url or '–'}",
        f"Publicerad: {local_time(item.created_at)}",
        f"Länk: {item.permalink or '–'}",
    ]
    if decision and decision.motivation:
        lines.append(f"Motivering: {decision.motivation}")
    if esc.note:
        lines.append(f"Meddelande: {esc.note}")
    lines += ["", "Kommentaren ordagrant:", "-" * 40, item.text, "-" * 40, ""]
    if evidence is not None:
        lines.append(f"Beviskopian sparades {local_time(evidence.saved_at)}, SHA-256 {evidence.sha256}.")
    lines += [f"Hela kopian finns i Granska (post {item.id}).", "", "Hälsningar", "Granska"]
    return subject, "\n".join(lines)


def mailer_from_settings(sessions: sessionmaker[Session]) -> Callable[[], Mailer | None]:
    """Reads the mail settings and the keyring only when an e-mail is really sent."""

    def build() -> Mailer | None:
        mail = MailSettingsService(sessions)
        settings = mail.load()
        return mail.mailer(settings) if settings.configured else None

    return build


def ready_mailer(
    factory: Callable[[], Mailer | None], details: dict[str, Any], what_then: str
) -> Mailer | StepResult:
    """A mailer with a server set up, or the step's result while there is none: it waits."""
    try:
        mailer = factory()
    except InputError as exc:  # e.g. no SMTP password in the keyring yet
        return StepResult(Outcome.BLOCKED, told(exc), audit_details=details)
    if mailer is None or not mailer.settings.configured:
        return StepResult(
            Outcome.BLOCKED,
            say(
                translate(
                    "Core", "Ingen e-postserver är inställd (Inställningar → E-post); %1 när den är det."
                ),
                what_then,
            ),
            audit_details=details,
        )
    return mailer


class EscalationMailer:
    """The outbox handler for SEND_ESCALATION."""

    def __init__(self, sessions: sessionmaker[Session], mailer_factory: Callable[[], Mailer | None]) -> None:
        self._sessions = sessions
        self._mailer_factory = mailer_factory

    def __call__(self, step: StepInfo, interrupted: bool) -> StepResult:
        escalation_id = int(step.payload["escalation_id"])
        details = {"escalation_id": escalation_id}
        with self._sessions() as session:
            facts = mail_facts(session, escalation_id)
        esc = facts["esc"]
        if esc.status == "sent":
            return StepResult(
                Outcome.DONE, "Redan skickat.", audit_action="escalation_sent", audit_details=details
            )
        if not esc.to_email:
            return StepResult(
                Outcome.MANUAL,
                translate(
                    "Core",
                    "Ingen chef med e-postadress finns i administratörsregistret och "
                    "ingen kommunikationschef är inställd: kontakta chefen själv.",
                ),
                audit_action="escalation_failed",
                audit_details=details,
            )
        mailer = ready_mailer(
            self._mailer_factory, details, translate("Core", "e-posten till chefen skickas")
        )
        if isinstance(mailer, StepResult):
            return mailer
        subject, body = escalation_text(facts)
        try:
            message = build_message(mailer.settings, [esc.to_email], subject, body)
            evidence = facts["evidence"]
            stamp = evidence.sha256[:16] if evidence is not None else "utan-bevis"
            message.replace_header(
                "Message-ID", f"<granska-eskalering-{escalation_id}-{stamp}@granska.local>"
            )
            mailer.send(message)
        except InputError as exc:
            return StepResult(Outcome.BLOCKED, told(exc), audit_details=details)
        except EnvironmentFault as exc:
            return StepResult(Outcome.RETRY, told(exc), audit_details=details)

        def apply(session: Session, now: datetime) -> None:
            session.execute(
                update(Escalation).where(Escalation.id == escalation_id).values(status="sent", sent_at=now)
            )

        return StepResult(
            Outcome.DONE,
            say(translate("Core", "Skickat till %1."), esc.to_email),
            audit_action="escalation_sent",
            audit_details={**details, "to": esc.to_email},
            apply=apply,
        )
