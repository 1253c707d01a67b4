"""What an action returns to the window and the command line: the item's status afterwards,
whether a platform step is still to do, and one Swedish sentence that says what happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.messages import joined, say, translate
from app.core.states import WAITING, Action, Step, StepStatus
from app.models import Escalation, Item, ItemStatus, Notice
from app.services.accounts.identity import local_time
from app.services.moderation.outbox import PendingStep, RunSummary


@dataclass(frozen=True)
class FollowUp:
    """What a committed decision still has to carry out beyond Granska: one pass of the outbox
    over these steps (the platform, the public notice, the e-mail), run after the decision."""

    action: Action  # how the outcome afterwards is described
    decision_ids: tuple[int, ...] | None = None
    item_id: int | None = None
    include_blocked: bool = False
    ignore_backoff: bool = False
    crime: bool = False
    escalated: bool = False


@dataclass(frozen=True)
class ActionOutcome:
    item_id: int
    action: Action
    status: str  # the item's status afterwards (an ItemStatus value)
    pending: bool  # True when a platform step is still to do (retried later)
    message: str  # one Swedish sentence for the status bar
    # Set when the decision is saved and its steps on the platform or by e-mail are still to
    # start (`ModerationService.carry_out`); None once they ran, or when there are none.
    follow_up: FollowUp | None = None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    kind: str  # evidence, decision, registration, notice, audit
    summary: str


def _waiting_text(step: PendingStep) -> str:
    reason = step.last_error or translate("Core", "inget svar ännu")
    if step.status == StepStatus.BLOCKED:
        return say(translate("Core", "%1 Åtgärda orsaken och kör 'granska retry'."), reason)
    if step.next_attempt_at is not None:
        return say(translate("Core", "%1 Nytt försök %2."), reason, local_time(step.next_attempt_at))
    return reason


def _notice_text(session: Session, item_id: int, steps: list[PendingStep], answer: bool) -> str:
    waiting = [s for s in steps if s.step == Step.POST_NOTICE and s.status in WAITING]
    status = session.scalar(
        select(Notice.status).where(Notice.item_id == item_id).order_by(Notice.id.desc()).limit(1)
    )
    if status == "posted":
        if answer:
            return translate("Core", "Svaret är publicerat i tråden.")
        return translate("Core", "Meddelandet är publicerat i tråden.")
    if status == "manual":
        if answer:
            return translate("Core", "Svaret ska publiceras för hand: texten finns att kopiera.")
        return translate("Core", "Meddelandet ska publiceras för hand: texten finns att kopiera.")
    if waiting:
        why = _waiting_text(waiting[0])
        if answer:
            return say(translate("Core", "Svaret publiceras när plattformen svarar (%1)"), why)
        return say(translate("Core", "Meddelandet publiceras när plattformen svarar (%1)"), why)
    if answer:
        return translate("Core", "Svaret väntar på att publiceras.")
    return translate("Core", "Meddelandet väntar på att publiceras.")


def _escalation_text(session: Session, item_id: int, steps: list[PendingStep]) -> str:
    status = session.scalar(
        select(Escalation.status).where(Escalation.item_id == item_id).order_by(Escalation.id.desc()).limit(1)
    )
    waiting = [s for s in steps if s.step == Step.SEND_ESCALATION and s.status in WAITING]
    if status == "sent":
        return translate("Core", "Närmaste chef har fått e-post för beslut om polisanmälan.")
    if status == "no_recipient":
        return translate(
            "Core", "Ingen chef kunde nås per e-post: kontakta närmaste chef själv om polisanmälan."
        )
    if waiting:
        return say(translate("Core", "E-posten till chefen väntar: %1"), _waiting_text(waiting[0]))
    return ""


def _forward_text(session: Session, item_id: int, steps: list[PendingStep]) -> tuple[str, bool]:
    """(what happened to the forward e-mail, whether it still waits to be sent)."""
    row = session.execute(
        select(Escalation.id, Escalation.status, Escalation.to_email)
        .where(Escalation.item_id == item_id, Escalation.kind == "forward")
        .order_by(Escalation.id.desc())
        .limit(1)
    ).first()
    if row is not None and row.status == "sent":
        return say(
            translate("Core", "Vidarebefordrad med e-post till %1; frågan väntar på svar."), row.to_email
        ), False
    waiting = [
        s for s in steps if s.step == Step.SEND_FORWARD and s.status in WAITING and s.last_error is not None
    ]
    to = row.to_email if row is not None else ""
    if waiting:
        return say(
            translate("Core", "E-posten till %1 är inte skickad än: %2"), to, _waiting_text(waiting[0])
        ), True
    return say(translate("Core", "E-posten till %1 väntar på att skickas."), to), True


def by_hand_message(permalink: str | None) -> str:
    return say(
        translate(
            "Core",
            "Beviset och beslutet är sparade och diarieförda. Ta bort kommentaren för hand: "
            "%1 – och bekräfta sedan att den är borta.",
        ),
        permalink or translate("Core", "(ingen länk sparad)"),
    )


def describe(
    session: Session,
    item_id: int,
    action: Action,
    status: str,
    steps: list[PendingStep],
    summary: RunSummary,
    crime: bool,
    escalated: bool = False,
) -> ActionOutcome:
    platform_waiting = [s for s in steps if s.step == Step.PLATFORM_REMOVE and s.status in WAITING]
    reply_waiting = [s for s in steps if s.step == Step.POST_NOTICE and s.status in WAITING]
    pending = bool(platform_waiting or reply_waiting) or status == ItemStatus.REMOVE_BY_HAND
    message: str
    if escalated:
        message = _escalation_text(session, item_id, steps) or translate("Core", "E-posten är köad.")
    elif action == Action.REMOVE and status == ItemStatus.REMOVED:
        message = say(
            translate("Core", "Borttagen och diarieförd. %1"), _notice_text(session, item_id, steps, False)
        )
    elif action == Action.REMOVE and status == ItemStatus.REMOVE_BY_HAND:
        message = by_hand_message(session.scalar(select(Item.permalink).where(Item.id == item_id)))
    elif action == Action.REMOVE:
        why = _waiting_text(platform_waiting[0]) if platform_waiting else translate("Core", "väntar")
        message = say(
            translate("Core", "Beviset och beslutet är sparade, men kommentaren är inte borttagen än: %1"),
            why,
        )
    elif action == Action.ANSWER:
        message = _notice_text(session, item_id, steps, True)
    elif action == Action.FORWARD:
        message, mail_waiting = _forward_text(session, item_id, steps)
        pending = pending or mail_waiting
    else:
        message = _notice_text(session, item_id, steps, False)
    if crime and (escalation := _escalation_text(session, item_id, steps)):
        message = joined([message, escalation], " ")
    return ActionOutcome(item_id, action, status, pending, message)
