"""Forwarding a question to whoever can answer it: "Frågor utanför din kompetens går till en
medarbetare som kan ämnet". An e-mail with the question word for word, its link, who forwards it
and a Reply-To to them; the question stays in the questions queue as "vidarebefordrad, inväntar
svar" until someone answers or closes it, and a reminder goes out when the account's promised
response time has passed.

Both e-mails are outbox steps (SEND_FORWARD) on an `Escalation` row of kind `forward` or
`forward_reminder`: a mail server that is down is retried and shown as waiting, never as sent.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError
from app.core.messages import say, told, translate
from app.core.states import Outcome, Step
from app.models import Escalation, Item, ItemStatus
from app.services.accounts.identity import local_time
from app.services.accounts.response_promise import promised_due
from app.services.mail import Mailer, build_message, check_address
from app.services.moderation.decisions import DecisionScope
from app.services.moderation.escalation import mail_facts, queue_escalation, ready_mailer
from app.services.moderation.outbox import StepInfo, StepResult, queue_step

KIND_FORWARD = "forward"
KIND_REMINDER = "forward_reminder"


def forward_address(to: str) -> str:
    try:
        return check_address(to, translate("Core", "Mottagarens e-postadress"))
    except InputError:
        raise InputError(
            say(
                translate(
                    "Core", "Ange en e-postadress att vidarebefordra till (t.ex. bygg@kommun.se), inte '%1'."
                ),
                to.strip(),
            )
        ) from None


def queue_forward(scope: DecisionScope, to: str, note: str, decision_id: int) -> tuple[int, int, datetime]:
    """The e-mail now and the reminder at the promised time, as outbox steps; returns the two
    escalation ids and when the reminder is due."""
    state = scope.state
    hours, due = promised_due(scope.session, state.account_id, scope.now)
    reply_to = scope.admin.email or ""
    ids = []
    for kind in (KIND_FORWARD, KIND_REMINDER):
        escalation_id = queue_escalation(
            scope.writer,
            item_id=state.id,
            decision_id=decision_id,
            kind=kind,
            to_email=to,
            note=note,
            now=scope.now,
            created_by=scope.username,
        )
        payload = {"escalation_id": escalation_id, "reply_to": reply_to, "hours": hours}
        if kind == KIND_REMINDER:
            payload["due"] = due.isoformat()
        queue_step(
            scope.writer,
            item_id=state.id,
            decision_id=decision_id,
            step=Step.SEND_FORWARD,
            payload=payload,
            now=scope.now,
            next_attempt_at=due if kind == KIND_REMINDER else None,
        )
        ids.append(escalation_id)
    return ids[0], ids[1], due


def forward_text(facts: dict[str, Any], hours: float, reply_to: str) -> tuple[str, str]:
    esc, item, decision = facts["esc"], facts["item"], facts["decision"]
    who = decision.decided_by if decision is not None else esc.created_by
    promise = f"{hours:g} timmar"
    if esc.kind == KIND_REMINDER:
        subject = f"Påminnelse: fråga från {item.account} väntar på svar"
        lead = (
            f"Frågan nedan vidarebefordrades till er {local_time(esc.created_at)} av {who} och väntar "
            f"fortfarande på svar. Kommunen lovar svar inom {promise} på det här kontot."
        )
    else:
        subject = f"Fråga från {item.account}: kan ni svara?"
        lead = (
            f"{who} har vidarebefordrat en fråga från kommunens konto {item.account} till er, som "
            f"kan ämnet. Kommunen lovar svar inom {promise} på det här kontot."
        )
    lines = ["Hej!", "", lead, ""]
    if esc.note:
        lines += [f"Meddelande från {who}: {esc.note}", ""]
    lines += [
        f"Skribent: {item.author_name or '(okänd)'}",
        f"Publicerad: {local_time(item.created_at)}",
        f"Länk: {item.permalink or '–'}",
        "",
        "Frågan ordagrant:",
        "-" * 40,
        item.text,
        "-" * 40,
        "",
        f"Svara {who} genom att svara på det här mejlet"
        + (f" ({reply_to})" if reply_to else "")
        + "; svaret publiceras sedan i tråden.",
        f"(Granska, post {item.id}.)",
        "",
        "Hälsningar",
        "Granska",
    ]
    return subject, "\n".join(lines)


class ForwardMailer:
    """The outbox handler for SEND_FORWARD: the forward, and later its reminder."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        mailer_factory: Callable[[], Mailer | None],
        now: Callable[[], datetime],
    ) -> None:
        self._sessions = sessions
        self._mailer_factory = mailer_factory
        self._now = now

    def __call__(self, step: StepInfo, interrupted: bool) -> StepResult:
        escalation_id = int(step.payload["escalation_id"])
        details = {"escalation_id": escalation_id}
        with self._sessions() as session:
            facts = mail_facts(session, escalation_id)
            status = session.scalar(select(Item.status).where(Item.id == step.item_id))
        esc = facts["esc"]
        if esc.status == "sent":
            return StepResult(
                Outcome.DONE, "Redan skickat.", audit_action="forward_sent", audit_details=details
            )
        if esc.kind == KIND_REMINDER:
            if status != ItemStatus.FORWARDED:
                return StepResult(
                    Outcome.DONE,
                    "Frågan är besvarad eller stängd: ingen påminnelse behövs.",
                    audit_action="forward_reminder_not_needed",
                    audit_details=details,
                    apply=_set_status(escalation_id, "not_needed"),
                )
            due = datetime.fromisoformat(str(step.payload["due"]))
            if self._now() < due:  # `retry --now` ignores the schedule; the promise does not
                wait = (due - self._now()).total_seconds()
                return StepResult(
                    Outcome.RETRY,
                    say(translate("Core", "Påminnelsen skickas %1."), local_time(due)),
                    retry_after=wait,
                    audit_details=details,
                )
        mailer = ready_mailer(self._mailer_factory, details, translate("Core", "frågan skickas vidare"))
        if isinstance(mailer, StepResult):
            return mailer
        reply_to = str(step.payload.get("reply_to") or "") or mailer.settings.sender
        subject, body = forward_text(facts, float(step.payload.get("hours") or 0), reply_to)
        try:
            message = build_message(mailer.settings, [esc.to_email], subject, body)
            if reply_to:
                message["Reply-To"] = check_address(reply_to, "Svarsadressen")
            # Sent again after a crash with the same id: mail programs show it once.
            message.replace_header("Message-ID", f"<granska-vidare-{escalation_id}@granska.local>")
            mailer.send(message)
        except InputError as exc:
            return StepResult(Outcome.BLOCKED, told(exc), audit_details=details)
        except EnvironmentFault as exc:
            return StepResult(Outcome.RETRY, told(exc), audit_details=details)
        action = "forward_reminder_sent" if esc.kind == KIND_REMINDER else "forward_sent"
        return StepResult(
            Outcome.DONE,
            say(translate("Core", "Skickat till %1."), esc.to_email),
            audit_action=action,
            audit_details={**details, "to": esc.to_email},
            apply=_set_status(escalation_id, "sent"),
        )


def _set_status(escalation_id: int, status: str) -> Callable[[Session, datetime], None]:
    def apply(session: Session, now: datetime) -> None:
        values: dict[str, Any] = {"status": status}
        if status == "sent":
            values["sent_at"] = now
        session.execute(update(Escalation).where(Escalation.id == escalation_id).values(**values))

    return apply


def forward_state(session: Session, item_id: int) -> tuple[str, str] | None:
    """(status, to) of the item's latest forward e-mail, or None when it was never forwarded."""
    row = session.execute(
        select(Escalation.status, Escalation.to_email)
        .where(Escalation.item_id == item_id, Escalation.kind == KIND_FORWARD)
        .order_by(Escalation.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (str(row.status), str(row.to_email))
