"""Telling the thread: "Om ett inlägg/kommentar tas bort eller ändras, talar vi om att det har
tagits bort eller ändrats och varför." Also answers and the referral of political questions.

A notice is queued in the decision's transaction and posted by the outbox as a reply through
the connector. Where the platform cannot reply, it is marked for manual posting with the text
ready to copy, and an administrator marks it posted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.connector import Connector
from app.core.errors import ErrorKind, InputError, PlatformError
from app.core.messages import kept, say, told, translate
from app.core.states import Outcome, Step, StepStatus
from app.models import Decision, Item, ItemStatus, Notice, OutboxStep, Setting
from app.services.accounts.identity import local_time
from app.services.moderation.decisions import NOTICE_TEMPLATES_KEY, DecisionScope
from app.services.moderation.outbox import StepInfo, StepResult, queue_step
from app.services.moderation.reasons import POLITICAL_REFERRAL, REMOVAL_REASONS

# Settings key: [["code", "text"], ...], the saved replies as the municipality edited them.
SAVED_REPLIES_KEY = "saved_replies"

# A personal tone, a short answer and a link to vadstena.se, as the guideline recommends.
DEFAULT_REPLIES: tuple[tuple[str, str], ...] = (
    (
        "svar-lank",
        "Hej {name}! Tack för din fråga. Svaret och mer information hittar du på "
        "vadstena.se. Hör gärna av dig igen om något är oklart!",
    ),
    ("tack", "Hej {name}! Tack för att du delar med dig, vad roligt att höra."),
    (
        "vidare",
        "Hej {name}! Tack för din synpunkt. Vi har skickat den vidare till rätt "
        "förvaltning, som återkommer till dig.",
    ),
    (
        "kontakt",
        "Hej {name}! Det här vill vi gärna hjälpa dig med. Kontakta oss via "
        "vadstena.se/kontakt så tittar vi på det tillsammans.",
    ),
    ("politisk", POLITICAL_REFERRAL),
)


def _setting(session: Session, key: str) -> Any:
    return session.scalar(select(Setting.value).where(Setting.key == key))


def removal_notice_text(custom: Any, reason: str) -> str:
    """The reason's public notice, as the municipality edited it (or the default)."""
    edited = custom.get(reason) if isinstance(custom, dict) else None
    if isinstance(edited, str) and edited.strip():
        return edited
    return REMOVAL_REASONS[reason].notice


def removal_notices(session: Session) -> dict[str, str]:
    custom = _setting(session, NOTICE_TEMPLATES_KEY)
    return {reason: removal_notice_text(custom, reason) for reason in REMOVAL_REASONS}


def saved_replies(session: Session) -> list[tuple[str, str]]:
    custom = _setting(session, SAVED_REPLIES_KEY)
    if isinstance(custom, list) and custom:
        return [(str(c), str(t)) for c, t in custom]
    return list(DEFAULT_REPLIES)


def personalise(text: str, author_name: str) -> str:
    """ "Personligt tilltal": the author's first name where the template says {name}."""
    first = author_name.split()[0] if author_name.strip() else ""
    text = text.replace("{name}", first)
    return text.replace("Hej !", "Hej!")


def reply_target(kind: str, external_id: str, parent: str | None, post: str | None) -> str | None:
    """A removal notice goes to the thread the comment was in; an answer to the item itself."""
    if kind == "removal":
        return parent or post if (parent or post) != external_id else None
    return external_id


_notices = Notice.__table__


def queue_public_notice(
    scope: DecisionScope,
    *,
    kind: str,
    template: str | None,
    text: str,
    decision_id: int | None = None,
    after_step: int | None = None,
) -> int:
    """The notice (or answer) and the outbox step that posts it, after `after_step` if given."""
    state = scope.state
    values = {
        "item_id": state.id,
        "kind": kind,
        "template": template,
        "text": text,
        "status": "queued",
        "created_at": scope.now,
        "created_by": scope.username,
    }
    notice_id = scope.writer.insert(_notices, values)
    reply_to = reply_target(kind, state.external_id, state.parent_external_id, state.post_external_id)
    queue_step(
        scope.writer,
        item_id=state.id,
        decision_id=decision_id,
        step=Step.POST_NOTICE,
        payload={"notice_id": notice_id, "reply_to": reply_to},
        now=scope.now,
        depends_on=after_step,
    )
    return notice_id


ANSWER_KINDS = ("answer", "referral")


def answer_published(session: Session, notice_id: int) -> None:
    """An answer on the platform (Notice.posted_at is when it was published): the item it
    answers is answered now, not when it was decided."""
    kind, item_id = session.execute(select(Notice.kind, Notice.item_id).where(Notice.id == notice_id)).one()
    if kind not in ANSWER_KINDS:
        return
    items = Item.__table__
    session.execute(
        update(items)
        .where(items.c.id == item_id, items.c.status == ItemStatus.ANSWER_PENDING)
        .values(status=ItemStatus.ANSWERED, row_version=items.c.row_version + 1)
    )


def _set_notice(notice_id: int, **values: Any) -> Callable[[Session, datetime], None]:
    def apply(session: Session, now: datetime) -> None:
        if values.get("status") == "posted":
            values.setdefault("posted_at", now)
        session.execute(update(Notice).where(Notice.id == notice_id).values(**values))
        if values.get("status") == "posted":
            answer_published(session, notice_id)

    return apply


class PublicNoticePoster:
    """The outbox handler for POST_NOTICE: post_public_notice through the connector."""

    def __init__(
        self, sessions: sessionmaker[Session], connector_for: Callable[[int], Connector | None]
    ) -> None:
        self._sessions = sessions
        self._connector_for = connector_for

    def __call__(self, step: StepInfo, interrupted: bool) -> StepResult:
        return self.post_public_notice(step, interrupted)

    def post_public_notice(self, step: StepInfo, interrupted: bool) -> StepResult:
        notice_id = int(step.payload["notice_id"])
        reply_to = step.payload.get("reply_to")
        with self._sessions() as session:
            status, text = session.execute(
                select(Notice.status, Notice.text).where(Notice.id == notice_id)
            ).one()
        details = {"notice_id": notice_id}
        if status == "posted":
            return StepResult(
                Outcome.DONE,
                "Meddelandet var redan publicerat.",
                audit_action="notice_posted",
                audit_details=details,
            )
        if interrupted:
            # A reply cannot be taken back: if it went out before the crash, posting again
            # would show it twice. A person looks at the thread instead.
            return self._manual(
                notice_id,
                translate(
                    "Core",
                    "Granska avbröts medan meddelandet skickades: kontrollera "
                    "i tråden om det publicerades, och publicera annars texten för hand.",
                ),
            )
        connector = self._connector_for(step.item_id)
        if connector is None or not connector.capabilities.can_reply or not reply_to:
            return self._manual(
                notice_id,
                translate(
                    "Core",
                    "Plattformen kan inte publicera meddelandet åt Granska: "
                    "kopiera texten och publicera den för hand i tråden.",
                ),
            )
        try:
            result = connector.reply(str(reply_to), text)
        except PlatformError as exc:
            if exc.kind == ErrorKind.NOT_FOUND:
                return self._manual(
                    notice_id,
                    say(
                        translate(
                            "Core",
                            "Tråden finns inte längre på plattformen (%1); "
                            "publicera meddelandet för hand om det behövs.",
                        ),
                        told(exc),
                    ),
                )
            outcome = Outcome.RETRY if exc.retryable else Outcome.BLOCKED
            return StepResult(outcome, told(exc), retry_after=exc.retry_after, audit_details=details)
        if not result.ok:
            message = result.message or translate("Core", "Plattformen publicerade inte meddelandet.")
            return StepResult(Outcome.RETRY, message, audit_details=details)
        return StepResult(
            Outcome.DONE,
            result.message or "Publicerat.",
            audit_action="notice_posted",
            audit_details={**details, "ref": result.ref},
            apply=_set_notice(notice_id, status="posted", platform_ref=result.ref),
        )

    @staticmethod
    def _manual(notice_id: int, message: str) -> StepResult:
        return StepResult(
            Outcome.MANUAL,
            message,
            audit_action="notice_manual",
            audit_details={"notice_id": notice_id},
            apply=_set_notice(notice_id, status="manual"),
        )


# --- the administrator's side: choosing a notice, reopening it, marking it posted by hand ----


def choose_notice(
    scope: DecisionScope, template: str | None, text: str | None
) -> tuple[str, str | None, str]:
    """(kind, template, text) for a new notice; raises InputError for an unknown template."""
    session, state = scope.session, scope.state
    replies = dict(saved_replies(session))
    removal_reason = session.scalar(
        select(Decision.reason_code)
        .where(Decision.item_id == state.id, Decision.action == "remove")
        .order_by(Decision.id.desc())
        .limit(1)
    )
    removed = removal_reason is not None
    if template is None:
        template = removal_reason
        if template is None and not (text and text.strip()):
            codes = ", ".join(list(REMOVAL_REASONS) + list(replies))
            raise InputError(
                say(
                    translate("Core", "Ange vilket meddelande som ska publiceras (--template), en av: %1."),
                    codes,
                )
            )
    body = text.strip() if text and text.strip() else None
    if template is None:
        kind = "answer"
    elif template in REMOVAL_REASONS:
        if not removed:
            raise InputError(
                say(
                    translate(
                        "Core",
                        "Post %1 är inte borttagen: ett meddelande om borttagning vore fel. "
                        "Välj ett svar i stället.",
                    ),
                    state.id,
                )
            )
        kind = "removal"
        body = body or removal_notice_text(_setting(session, NOTICE_TEMPLATES_KEY), template)
    elif template in replies:
        kind = "referral" if template == "politisk" else "answer"
        body = personalise(body or replies[template], state.author_name)
    else:
        codes = ", ".join(list(REMOVAL_REASONS) + list(replies))
        raise InputError(say(translate("Core", "Okänd mall '%1'; välj en av: %2."), template, codes))
    assert body is not None
    posted = session.execute(
        select(Notice.posted_at)
        .where(
            Notice.item_id == state.id, Notice.kind == kind, Notice.text == body, Notice.status == "posted"
        )
        .limit(1)
    ).first()
    if posted is not None:
        if posted[0] is not None:
            raise InputError(
                say(translate("Core", "Samma meddelande är redan publicerat (%1)."), local_time(posted[0]))
            )
        raise InputError(translate("Core", "Samma meddelande är redan publicerat."))
    return kind, template, body


def _open_notice_steps(session: Session, item_id: int, notice_id: int) -> list[int]:
    rows = session.execute(
        select(OutboxStep.id, OutboxStep.payload).where(
            OutboxStep.item_id == item_id,
            OutboxStep.step == Step.POST_NOTICE,
            OutboxStep.status != StepStatus.DONE,
        )
    )
    return [r.id for r in rows if (r.payload or {}).get("notice_id") == notice_id]


def _latest_unposted(session: Session, item_id: int) -> Any:
    return session.execute(
        select(Notice.id, Notice.status)
        .where(Notice.item_id == item_id, Notice.status.in_(("queued", "manual", "failed")))
        .order_by(Notice.id.desc())
        .limit(1)
    ).first()


def reopen_manual_notice(scope: DecisionScope, template: str | None, text: str | None) -> bool:
    """`notify ID` with nothing else: try the item's unposted notice again (e.g. once the
    platform answers). False when there is none, so a new notice is made."""
    if template is not None or text is not None:
        return False
    notice = _latest_unposted(scope.session, scope.state.id)
    if notice is None:
        return False
    steps = _open_notice_steps(scope.session, scope.state.id, notice.id)
    if not steps:
        return False
    scope.session.execute(
        update(OutboxStep)
        .where(OutboxStep.id.in_(steps))
        .values(status=StepStatus.PENDING, next_attempt_at=None)
    )
    scope.session.execute(update(Notice).where(Notice.id == notice.id).values(status="queued"))
    scope.audit("notify", {"notice_id": notice.id, "again": True})
    return True


def manual_notice_text(session: Session, item_id: int) -> str | None:
    return session.scalar(
        select(Notice.text)
        .where(Notice.item_id == item_id, Notice.status == "manual")
        .order_by(Notice.id.desc())
        .limit(1)
    )


def mark_notice_posted(scope: DecisionScope, link: str | None) -> int:
    """An administrator posted the notice by hand (the platform could not)."""
    notice = _latest_unposted(scope.session, scope.state.id)
    if notice is None:
        raise InputError(
            say(translate("Core", "Inget meddelande för post %1 väntar på att publiceras."), scope.state.id)
        )
    link = (link or "").strip() or None
    scope.session.execute(
        update(Notice)
        .where(Notice.id == notice.id)
        .values(status="posted", posted_at=scope.now, platform_ref=link)
    )
    kind = scope.session.scalar(select(Notice.kind).where(Notice.id == notice.id))
    if kind in ANSWER_KINDS and scope.state.status == ItemStatus.ANSWER_PENDING:
        scope.set_status(ItemStatus.ANSWERED)
    steps = _open_notice_steps(scope.session, scope.state.id, notice.id)
    if steps:
        posted = say(translate("Core", "Publicerat för hand av %1."), scope.admin.name)
        scope.session.execute(
            update(OutboxStep)
            .where(OutboxStep.id.in_(steps))
            .values(
                status=StepStatus.DONE,
                done_at=scope.now,
                result=posted,
                result_said=kept(posted),
                claimed_by=None,
                lease_until=None,
            )
        )
    scope.audit("notice_posted", {"notice_id": notice.id, "by_hand": True, "link": link})
    return int(notice.id)
