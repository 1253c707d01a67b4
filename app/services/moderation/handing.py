"""Handing an item to someone else: over to another administrator on a conflict of interest,
or up to the nearest manager (or the head of communications) when it may be a crime. Each runs
inside the decision's own scope and transaction (decisions.py); the facade says the outcome."""

from __future__ import annotations

from app.core.errors import InputError
from app.core.messages import say, translate
from app.core.states import Action, Step
from app.models import ItemStatus, Recusal
from app.services.accounts.identity import active_administrator, escalation_recipient
from app.services.accounts.roles import require_hand_over_target
from app.services.context import same_person
from app.services.moderation.decisions import DecisionScope
from app.services.moderation.escalation import queue_escalation
from app.services.moderation.outbox import queue_step


def record_hand_over(scope: DecisionScope, item_id: int, to_username: str, reason: str) -> str:
    """Hand the undecided item over to `to_username`; returns their name."""
    scope.require_undecided()
    target = active_administrator(scope.session, to_username)
    if target is None:
        raise InputError(say(translate("Core", "'%1' är ingen aktiv administratör."), to_username))
    if same_person(target.username, scope.username):
        raise InputError(translate("Core", "Du kan inte lämna över till dig själv."))
    require_hand_over_target(scope.session, scope.state.account_id, target.id, target.name)
    recusal = Recusal(
        item_id=item_id,
        username=scope.username,
        reason=reason.strip(),
        handed_to=target.username,
        at=scope.now,
    )
    scope.session.add(recusal)
    scope.session.flush()
    decision_id = scope.record_decision(
        Action.HAND_OVER, motivation=reason.strip(), details={"to": target.username}
    )
    scope.set_status(ItemStatus.HANDED_OVER, assigned_to_id=target.id)
    details = {"decision_id": decision_id, "to": target.username, "recusal_id": recusal.id}
    scope.audit(Action.HAND_OVER, details)
    return str(target.name)


def record_escalation(scope: DecisionScope, item_id: int, note: str, to: str) -> None:
    """Save the evidence and queue the e-mail to the manager (`to`: KIND_MANAGER or KIND_HEAD)."""
    scope.require_not_weeded()
    scope.refuse_on_conflict_of_interest()
    evidence_id, digest = scope.save_evidence()
    recipient = escalation_recipient(scope.session, scope.admin, to)
    escalation_id = queue_escalation(
        scope.writer,
        item_id=item_id,
        decision_id=None,
        kind=to,
        to_email=recipient,
        note=note.strip(),
        now=scope.now,
        created_by=scope.username,
    )
    queue_step(
        scope.writer,
        item_id=item_id,
        decision_id=None,
        step=Step.SEND_ESCALATION,
        payload={"escalation_id": escalation_id},
        now=scope.now,
    )
    scope.audit(
        "escalation_queued",
        {"escalation_id": escalation_id, "to": recipient, "evidence_id": evidence_id, "sha256": digest},
    )
