"""Everything that waits for a person rather than for Granska: a comment to remove by hand and
confirm, a notice or answer to post by hand and mark posted, and the steps on the platform or
by e-mail that failed and wait to be tried again (`granska retry --list`). The window's
"Att göra för hand" list and the detail pane's buttons read this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.messages import say, translate
from app.core.states import Step, StepStatus
from app.models import Account, Item, ItemStatus, Notice, OutboxStep
from app.services.moderation.outbox import PendingStep, is_scheduled, pending_row

REMOVE = "remove"  # remove by hand, then confirm
POST = "post"  # post the notice or answer by hand, then mark it posted
RETRY = "retry"  # a failed step: fix the cause, then try again

STEP_WHAT: dict[str, str] = {
    Step.PLATFORM_REMOVE: translate("Core", "Borttagning på plattformen"),
    Step.POST_NOTICE: translate("Core", "Meddelande i tråden"),
    Step.SEND_ESCALATION: translate("Core", "E-post till chef"),
    Step.SEND_FORWARD: translate("Core", "Vidarebefordran med e-post"),
}


@dataclass(frozen=True)
class HandTask:
    kind: str  # REMOVE, POST or RETRY
    item_id: int
    account_name: str
    author_name: str
    item_text: str
    permalink: str | None
    since: datetime
    why: str  # what to do, or what failed
    text_to_post: str | None = None
    step: PendingStep | None = None


def _task(kind: str, row: Any, since: datetime, why: str, **extra: Any) -> HandTask:
    return HandTask(
        kind, row.id, row.account_name, row.author_name, row.text, row.permalink, since, why, **extra
    )


def work_by_hand(session: Session) -> list[HandTask]:
    tasks: list[HandTask] = []
    columns = (Item.id, Account.name.label("account_name"), Item.author_name, Item.text, Item.permalink)
    for row in session.execute(
        select(*columns, Item.created_at)
        .join(Account, Account.id == Item.account_id)
        .where(Item.status == ItemStatus.REMOVE_BY_HAND)
        .order_by(Item.id)
    ):
        why = translate(
            "Core", "Ta bort kommentaren för hand via länken och bekräfta sedan att den är borta."
        )
        tasks.append(_task(REMOVE, row, row.created_at, why))
    unposted = Notice.status.in_(("manual", "queued", "failed"))
    latest = select(func.max(Notice.id)).where(unposted).group_by(Notice.item_id)
    for notice in session.execute(
        select(*columns, Notice.created_at.label("since"), Notice.text.label("notice"), Notice.kind)
        .join(Item, Item.id == Notice.item_id)
        .join(Account, Account.id == Item.account_id)
        .where(Notice.id.in_(latest), Notice.status == "manual")
        .order_by(Notice.id)
    ):
        if notice.kind in ("answer", "referral"):
            why = translate(
                "Core",
                "Publicera svaret för hand i tråden (texten finns att kopiera) och markera det publicerat.",
            )
        else:
            why = translate(
                "Core",
                "Publicera meddelandet för hand i tråden (texten finns att kopiera) "
                "och markera det publicerat.",
            )
        tasks.append(_task(POST, notice, notice.since, why, text_to_post=notice.notice))
    steps = session.execute(
        select(OutboxStep, *columns)
        .join(Item, Item.id == OutboxStep.item_id)
        .join(Account, Account.id == Item.account_id)
        .where(OutboxStep.status.in_((StepStatus.PENDING, StepStatus.BLOCKED)))
        .order_by(OutboxStep.id)
    )
    for failed in steps:
        step: OutboxStep = failed[0]
        pending = pending_row(step)
        if is_scheduled(pending) or (pending.status == StepStatus.PENDING and pending.last_error is None):
            continue  # not tried yet, or a reminder for later: nothing failed
        what = STEP_WHAT.get(pending.step, pending.step)
        why = say(translate("Core", "%1: %2"), what, pending.last_error or translate("Core", "väntar"))
        tasks.append(_task(RETRY, failed, step.next_attempt_at or step.created_at, why, step=pending))
    return tasks
