"""Removing a comment in the guideline's order: (1) save the evidence, (2) record the decision,
(3) ask the platform to hide or delete, (4) register the removal with its motivation, (5) queue
the public notice, (6) escalate crimes to the nearest manager.

Steps 1, 2, 4 and 5 (as a queued notice) and 6 (as a queued e-mail) are written in one
transaction, evidence first, which commits before anything leaves Granska. Step 3, the notice's
posting and the e-mail are outbox steps that survive crashes and platform failures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core.connector import Capabilities, Connector
from app.core.errors import ErrorKind, InputError, PlatformError
from app.core.messages import kept, say, told, translate
from app.core.states import Action, Outcome, Step, StepStatus
from app.models import Decision, Item, ItemStatus, OutboxStep
from app.services.accounts.identity import escalation_recipient
from app.services.moderation.decisions import DecisionScope
from app.services.moderation.escalation import KIND_POLICE, queue_escalation
from app.services.moderation.notify import queue_public_notice, removal_notice_text
from app.services.moderation.outbox import StepInfo, StepResult, queue_step
from app.services.moderation.reasons import REMOVAL_REASONS
from app.services.moderation.register import register_removal

MODES = ("hide", "delete")
BY_HAND = translate(
    "Core",
    "Kontot har ingen koppling till plattformen: ta bort kommentaren för hand via länken och "
    "bekräfta sedan i Granska.",
)
NOT_ALLOWED = translate(
    "Core",
    "Plattformen låter inte Granska dölja eller radera kommentaren: "
    "ta bort den för hand och bekräfta sedan i Granska.",
)
# Written on the decision when an administrator confirms a removal by hand (the history says it
# again in the window's language: app/services/moderation/history.py).
BY_HAND_CONFIRMED = translate("Core", "Borttagen för hand, bekräftat av %1.")


@dataclass(frozen=True)
class RemovalQueued:
    decision_id: int
    evidence_id: int
    sha256: str
    status: str


def check_removal(reason: str, mode: str) -> None:
    if reason not in REMOVAL_REASONS:
        known = ", ".join(REMOVAL_REASONS)
        raise InputError(say(translate("Core", "Okänt skäl '%1'; välj ett av: %2."), reason, known))
    if mode not in MODES:
        raise InputError(
            say(translate("Core", "Okänt sätt '%1': välj hide (dölj) eller delete (radera)."), mode)
        )


def decide_removal(
    scope: DecisionScope, reason: str, motivation: str, mode: str, by_hand: bool, notice: str | None = None
) -> RemovalQueued:
    """All local steps of a removal, inside the caller's decision transaction."""
    scope.require_undecided()
    state = scope.state
    evidence_id, digest = scope.save_evidence()
    decision_id = scope.record_decision(
        Action.REMOVE, reason=reason, motivation=motivation, mode=mode, evidence_id=evidence_id
    )
    platform_step = queue_step(
        scope.writer,
        item_id=state.id,
        decision_id=decision_id,
        step=Step.PLATFORM_REMOVE,
        payload={"external_id": state.external_id, "mode": mode, "permalink": state.permalink},
        now=scope.now,
        status=StepStatus.MANUAL if by_hand else StepStatus.PENDING,
        result=BY_HAND if by_hand else None,
    )
    registration_id = register_removal(scope, decision_id, motivation)
    notice_id = queue_public_notice(
        scope,
        kind="removal",
        template=reason,
        text=(notice or "").strip() or removal_notice_text(state.notice_templates, reason),
        decision_id=decision_id,
        after_step=platform_step,
    )
    details = {
        "reason": reason,
        "mode": mode,
        "decision_id": decision_id,
        "evidence_id": evidence_id,
        "sha256": digest,
        "registration_id": registration_id,
        "notice_id": notice_id,
    }
    if REMOVAL_REASONS[reason].crime:
        to = escalation_recipient(scope.session, scope.admin, KIND_POLICE)
        escalation_id = queue_escalation(
            scope.writer,
            item_id=state.id,
            decision_id=decision_id,
            kind=KIND_POLICE,
            to_email=to,
            note="",
            now=scope.now,
            created_by=scope.username,
        )
        queue_step(
            scope.writer,
            item_id=state.id,
            decision_id=decision_id,
            step=Step.SEND_ESCALATION,
            payload={"escalation_id": escalation_id},
            now=scope.now,
        )
        details.update(escalation_id=escalation_id, police_report=True)
    status = ItemStatus.REMOVE_BY_HAND if by_hand else ItemStatus.PENDING_PLATFORM
    scope.set_status(status)
    scope.audit("remove", details)
    return RemovalQueued(decision_id, evidence_id, digest, status)


def choose_mode(wanted: str, caps: Capabilities) -> str | None:
    """Delete where asked and allowed; otherwise whatever of hide/delete the platform allows."""
    order = ("delete", "hide") if wanted == "delete" else ("hide", "delete")
    for mode in order:
        if (mode == "hide" and caps.can_hide) or (mode == "delete" and caps.can_delete):
            return mode
    return None


def _finish(
    decision_id: int | None, item_id: int, item_status: str | None, platform_result: str
) -> Callable[[Session, datetime], None]:
    def apply(session: Session, now: datetime) -> None:
        if decision_id is not None:
            session.execute(
                update(Decision).where(Decision.id == decision_id).values(platform_result=platform_result)
            )
        if item_status is not None:
            table = Item.__table__
            session.execute(
                update(table)
                .where(table.c.id == item_id)
                .values(status=item_status, row_version=table.c.row_version + 1)
            )

    return apply


class PlatformRemover:
    """The outbox handler for PLATFORM_REMOVE. Hide and delete are safe to repeat, so an
    interrupted call is simply made again; "not found" means the comment is already gone."""

    def __init__(self, connector_for: Callable[[int], Connector | None]) -> None:
        self._connector_for = connector_for

    def __call__(self, step: StepInfo, interrupted: bool) -> StepResult:
        external_id = str(step.payload["external_id"])
        connector = self._connector_for(step.item_id)
        if connector is None:
            return StepResult(
                Outcome.MANUAL,
                BY_HAND,
                audit_action="remove_by_hand",
                apply=_finish(
                    step.decision_id, step.item_id, ItemStatus.REMOVE_BY_HAND, "Ska tas bort för hand."
                ),
            )
        mode = choose_mode(str(step.payload.get("mode", "hide")), connector.capabilities)
        if mode is None:
            return StepResult(
                Outcome.MANUAL,
                NOT_ALLOWED,
                audit_action="remove_by_hand",
                apply=_finish(
                    step.decision_id, step.item_id, ItemStatus.REMOVE_BY_HAND, "Ska tas bort för hand."
                ),
            )
        done_text = "Dold på plattformen." if mode == "hide" else "Raderad på plattformen."
        try:
            result = connector.hide(external_id) if mode == "hide" else connector.delete(external_id)
        except PlatformError as exc:
            if exc.kind == ErrorKind.NOT_FOUND:
                text = "Kommentaren fanns inte längre på plattformen."
                return StepResult(
                    Outcome.DONE,
                    text,
                    audit_action="platform_removed",
                    audit_details={"mode": mode, "result": "not_found"},
                    apply=_finish(step.decision_id, step.item_id, ItemStatus.REMOVED, text),
                )
            outcome = Outcome.RETRY if exc.retryable else Outcome.BLOCKED
            return StepResult(
                outcome,
                told(exc),
                retry_after=exc.retry_after,
                audit_details={"mode": mode, "kind": exc.kind},
                apply=_finish(step.decision_id, step.item_id, None, f"Väntar på plattformen: {exc}"),
            )
        if not result.ok:
            message = result.message or translate("Core", "Plattformen utförde inte borttagningen.")
            return StepResult(
                Outcome.RETRY,
                message,
                apply=_finish(step.decision_id, step.item_id, None, f"Väntar på plattformen: {message}"),
            )
        return StepResult(
            Outcome.DONE,
            result.message or done_text,
            audit_action="platform_removed",
            audit_details={"mode": mode},
            apply=_finish(step.decision_id, step.item_id, ItemStatus.REMOVED, result.message or done_text),
        )


def confirm_removed_by_hand(scope: DecisionScope) -> int | None:
    """An administrator saw that the comment is gone: the platform step is done, and the notice
    may follow. Also for an item pending on the platform that a person removed by hand meanwhile
    (an expired token, say). Returns the decision's id."""
    if scope.state.status not in (ItemStatus.REMOVE_BY_HAND, ItemStatus.PENDING_PLATFORM):
        raise InputError(
            say(translate("Core", "Post %1 väntar inte på att tas bort för hand."), scope.state.id)
        )
    step = scope.session.execute(
        select(OutboxStep.id, OutboxStep.decision_id)
        .where(
            OutboxStep.item_id == scope.state.id,
            OutboxStep.step == Step.PLATFORM_REMOVE,
            OutboxStep.status.in_((StepStatus.MANUAL, StepStatus.PENDING, StepStatus.BLOCKED)),
        )
        .order_by(OutboxStep.id.desc())
        .limit(1)
    ).first()
    text = say(BY_HAND_CONFIRMED, scope.admin.name)
    if step is not None:
        scope.session.execute(
            update(OutboxStep)
            .where(OutboxStep.id == step.id)
            .values(status=StepStatus.DONE, result=text, result_said=kept(text), done_at=scope.now)
        )
        scope.session.execute(
            update(Decision).where(Decision.id == step.decision_id).values(platform_result=text)
        )
    scope.set_status(ItemStatus.REMOVED)
    scope.audit("removed_by_hand", {"decision_id": step.decision_id if step else None})
    return step.decision_id if step else None
