"""The one facade the queue window and the command line call to act on an item.

Each action is one transaction (see decisions.py) followed, where something must leave
Granska, by a pass of the outbox for that action's steps (`carry_out`). The command line runs
both in a row; the window runs the decision on its database writer and the pass on a network
worker. They return plain frozen dataclasses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.core.connector import Connector
from app.core.errors import EnvironmentFault, InputError
from app.core.messages import say, translate
from app.core.states import Action, Step
from app.models import Item, ItemStatus
from app.services.accounts import platforms
from app.services.accounts.connections import ConnectorLookup
from app.services.accounts.platforms import ConnectorRegistry
from app.services.accounts.roles import Duty
from app.services.context import Actor, Writes, acting, in_this_thread
from app.services.mail import Mailer
from app.services.moderation.by_hand import HandTask, work_by_hand
from app.services.moderation.decisions import DecisionScope, decision_scope
from app.services.moderation.escalation import (
    KIND_HEAD,
    KIND_MANAGER,
    EscalationMailer,
    mailer_from_settings,
)
from app.services.moderation.forward import ForwardMailer, forward_address, queue_forward
from app.services.moderation.handing import record_escalation, record_hand_over
from app.services.moderation.history import item_history
from app.services.moderation.notify import (
    PublicNoticePoster,
    choose_notice,
    manual_notice_text,
    mark_notice_posted,
    personalise,
    queue_public_notice,
    removal_notices,
    reopen_manual_notice,
)
from app.services.moderation.notify import saved_replies as _saved_replies
from app.services.moderation.outbox import (
    Handler,
    OutboxRunner,
    PendingStep,
    RunSummary,
    fault_point,
)
from app.services.moderation.outcome import ActionOutcome, FollowUp, HistoryEntry, by_hand_message, describe
from app.services.moderation.reasons import CRITERION_IN_SENTENCE, REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.moderation.register import decide_registration, set_diarienummer, validate_criterion
from app.services.moderation.remove import (
    PlatformRemover,
    check_removal,
    confirm_removed_by_hand,
    decide_removal,
)

__all__ = ["ActionOutcome", "FollowUp", "HistoryEntry", "ModerationService"]


@contextmanager
def _database_errors() -> Iterator[None]:
    try:
        yield
    except (SQLAlchemyError, sqlite3.Error) as exc:  # sqlite3: the driver path of writer.py
        from app.models.pg_timeouts import DatabaseUnreachable, go_offline

        if go_offline(exc):  # the team database went away: said in Swedish, not the driver's words
            raise DatabaseUnreachable.during_work(exc) from exc
        raise EnvironmentFault(
            say(translate("Core", "Databasen kunde inte användas: %1"), str(getattr(exc, "orig", exc)))
        ) from exc


class ModerationService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        connectors: ConnectorRegistry | None = None,
        mailer: Mailer | None = None,
        actor: Actor | None = None,
        mailer_factory: Callable[[], Mailer | None] | None = None,
    ) -> None:
        self._sessions = sessions
        self._actor = acting(sessions, actor)
        self._lookup = ConnectorLookup(sessions, connectors)
        self._mailer_factory = mailer_factory or (lambda: mailer)
        handlers: dict[str, Handler] = {
            Step.PLATFORM_REMOVE: PlatformRemover(self._connector_for),
            Step.POST_NOTICE: PublicNoticePoster(sessions, self._connector_for),
            Step.SEND_ESCALATION: EscalationMailer(sessions, self._mailer_factory),
            Step.SEND_FORWARD: ForwardMailer(sessions, self._mailer_factory, self._actor.now),
        }
        self._runner = OutboxRunner(sessions, handlers, self._actor)

    @classmethod
    def with_platforms(cls, sessions: sessionmaker[Session], actor: Actor | None = None) -> ModerationService:
        """As the application runs it: every platform connector with its keyring secret, and
        mail with the settings (Inställningar → E-post)."""
        from app.services.accounts.connections import for_database

        return cls(
            sessions,
            connectors=for_database(platforms.connector_registry(), sessions),
            actor=actor,
            mailer_factory=mailer_from_settings(sessions),
        )

    # --- the contract ---------------------------------------------------------------------
    def remove(
        self, item_id: int, reason: str, motivation: str | None = None, mode: str = "hide"
    ) -> ActionOutcome:
        return self.carry_out(self.decide_remove(item_id, reason, motivation, mode))

    def decide_remove(
        self,
        item_id: int,
        reason: str,
        motivation: str | None = None,
        mode: str = "hide",
        *,
        by_hand: bool | None = None,
        notice: str | None = None,
    ) -> ActionOutcome:
        """`by_hand`: from `removal_by_hand` (which may read the keyring), asked beforehand.
        `notice`: the public notice as the administrator edited it (else the reason's own)."""
        check_removal(reason, mode)
        motivation = (motivation or "").strip() or REMOVAL_REASONS[reason].motivation
        if by_hand is None:
            by_hand = self._by_hand(item_id)
        crime = REMOVAL_REASONS[reason].crime
        with _database_errors():
            with self._scope(item_id) as scope:
                queued = decide_removal(scope, reason, motivation, mode, by_hand, notice)
                fault_point("decide")
            fault_point("after-decide")
        if by_hand:
            message = by_hand_message(scope.state.permalink)
        else:
            message = translate(
                "Core", "Beviset och beslutet är sparade; plattformen ombeds ta bort kommentaren."
            )
        follow_up = None
        if not by_hand or crime:  # by hand: nothing leaves Granska now but a crime's e-mail
            follow_up = FollowUp(Action.REMOVE, decision_ids=(queued.decision_id,), crime=crime)
        return ActionOutcome(item_id, Action.REMOVE, queued.status, True, message, follow_up)

    def removal_by_hand(self, item_ids: list[int]) -> dict[int, bool]:
        """Which items have no connector (their removal is done by hand). Finding out may read
        the keyring, so the window asks this on its network worker before the decision."""
        return {item_id: self._by_hand(item_id) for item_id in item_ids}

    def carry_out(self, outcome: ActionOutcome, write: Writes = in_this_thread) -> ActionOutcome:
        """The outbox pass after a decision: the platform, the public notice, the e-mail.
        `write` runs its short claim and journal transactions (the window's writer)."""
        follow_up = outcome.follow_up
        if follow_up is None:
            return outcome
        with _database_errors():
            summary = self._runner.run(
                decision_ids=None if follow_up.decision_ids is None else list(follow_up.decision_ids),
                item_id=follow_up.item_id,
                include_blocked=follow_up.include_blocked,
                ignore_backoff=follow_up.ignore_backoff,
                write=write,
            )
        return self._outcome(
            outcome.item_id, follow_up.action, summary, crime=follow_up.crime, escalated=follow_up.escalated
        )

    def register(
        self, item_id: int, criterion: str, motivation: str, diarienummer: str | None = None
    ) -> ActionOutcome:
        dnr = validate_criterion(criterion, diarienummer)
        spec = REGISTRATION_CRITERIA[criterion]
        motivation = (motivation or "").strip() or f"{spec.label}. {spec.explanation}"
        with _database_errors(), self._scope(item_id) as scope:
            decide_registration(scope, criterion, motivation, dnr)
        label = CRITERION_IN_SENTENCE.get(criterion) or spec.label.lower()
        text = (
            say(translate("Core", "Diarieförd: %1, diarienummer %2."), label, dnr)
            if dnr
            else say(translate("Core", "Diarieförd: %1; registratorn fyller i diarienumret."), label)
        )
        return ActionOutcome(item_id, Action.REGISTER, scope.status, False, text)

    def notify(self, item_id: int, template: str | None = None, text: str | None = None) -> ActionOutcome:
        return self.carry_out(self.decide_notify(item_id, template, text))

    def decide_notify(
        self, item_id: int, template: str | None = None, text: str | None = None
    ) -> ActionOutcome:
        with _database_errors(), self._scope(item_id) as scope:
            scope.require_not_weeded()
            scope.refuse_on_conflict_of_interest()
            if not reopen_manual_notice(scope, template, text):
                kind, chosen_template, body = choose_notice(scope, template, text)
                notice_id = queue_public_notice(scope, kind=kind, template=chosen_template, text=body)
                details = {"notice_id": notice_id, "template": chosen_template, "kind": kind}
                scope.audit(Action.NOTIFY, details)
        follow_up = FollowUp(Action.NOTIFY, item_id=item_id, include_blocked=True, ignore_backoff=True)
        message = translate("Core", "Meddelandet är sparat och skickas till plattformen.")
        return ActionOutcome(item_id, Action.NOTIFY, scope.status, True, message, follow_up)

    def keep(self, item_id: int) -> ActionOutcome:
        with _database_errors(), self._scope(item_id) as scope:
            scope.require_undecided()
            decision_id = scope.record_decision(Action.KEEP)
            scope.set_status(ItemStatus.KEPT)
            scope.audit(Action.KEEP, {"decision_id": decision_id})
        return ActionOutcome(
            item_id,
            Action.KEEP,
            ItemStatus.KEPT,
            False,
            translate("Core", "Godkänd: kommentaren får stå kvar."),
        )

    def answer(
        self, item_id: int, text: str, *, posted_by_hand: bool = False, link: str | None = None
    ) -> ActionOutcome:
        return self.carry_out(self.decide_answer(item_id, text, posted_by_hand=posted_by_hand, link=link))

    def decide_answer(
        self, item_id: int, text: str, *, posted_by_hand: bool = False, link: str | None = None
    ) -> ActionOutcome:
        if not text or not text.strip():
            raise InputError(translate("Core", "Skriv ett svar."))
        with _database_errors(), self._scope(item_id) as scope:
            scope.require_undecided()
            template = dict((t, c) for c, t in _saved_replies(scope.session)).get(text.strip())
            kind = "referral" if template == "politisk" else "answer"
            body = personalise(text.strip(), scope.state.author_name)
            decision_id = scope.record_decision(Action.ANSWER, details={"template": template})
            notice_id = queue_public_notice(
                scope, kind=kind, template=template, text=body, decision_id=decision_id
            )
            # Answered only once the answer is published (answer_published, mark_notice_posted).
            scope.set_status(ItemStatus.ANSWER_PENDING)
            scope.audit(Action.ANSWER, {"decision_id": decision_id, "notice_id": notice_id, "kind": kind})
            if posted_by_hand:  # already in the thread: the outbox must never post it again
                mark_notice_posted(scope, link)
        if posted_by_hand:
            message = translate("Core", "Svaret är sparat och markerat som publicerat för hand.")
            return ActionOutcome(item_id, Action.ANSWER, ItemStatus.ANSWERED, False, message)
        follow_up = FollowUp(Action.ANSWER, decision_ids=(decision_id,))
        message = translate("Core", "Svaret är sparat och skickas till plattformen.")
        return ActionOutcome(item_id, Action.ANSWER, ItemStatus.ANSWER_PENDING, True, message, follow_up)

    def forward(self, item_id: int, to: str, note: str) -> ActionOutcome:
        """E-mail the question on (forward.py); the CLI sends at once, the window on a worker."""
        return self.carry_out(self.decide_forward(item_id, to, note))

    def decide_forward(self, item_id: int, to: str, note: str) -> ActionOutcome:
        address = forward_address(to or "")
        with _database_errors(), self._scope(item_id) as scope:
            scope.require_undecided()
            decision_id = scope.record_decision(
                Action.FORWARD, motivation=note.strip(), details={"to": address, "note": note.strip()}
            )
            escalation_id, reminder_id, due = queue_forward(scope, address, note.strip(), decision_id)
            scope.set_status(ItemStatus.FORWARDED)
            scope.audit(
                Action.FORWARD, {"decision_id": decision_id, "to": address, "escalation_id": escalation_id}
            )
            scope.audit("forward_reminder_queued", {"escalation_id": reminder_id, "at": due.isoformat()})
        follow_up = FollowUp(Action.FORWARD, decision_ids=(decision_id,))
        message = say(translate("Core", "Vidarebefordras till %1; e-posten skickas."), address)
        return ActionOutcome(item_id, Action.FORWARD, ItemStatus.FORWARDED, True, message, follow_up)

    def hand_over(self, item_id: int, to_username: str, reason: str) -> ActionOutcome:
        if not reason or not reason.strip():
            raise InputError(
                translate("Core", "Ange varför du lämnar över (t.ex. privat intresse i frågan).")
            )
        with _database_errors(), self._scope(item_id) as scope:
            name = record_hand_over(scope, item_id, to_username, reason)
        return ActionOutcome(
            item_id,
            Action.HAND_OVER,
            ItemStatus.HANDED_OVER,
            False,
            say(translate("Core", "Överlämnad till %1; du kan inte längre besluta om posten."), name),
        )

    def history(self, item_id: int) -> list[HistoryEntry]:
        with _database_errors(), self._sessions() as session:
            return [HistoryEntry(*entry) for entry in item_history(session, item_id)]

    def saved_replies(self) -> list[tuple[str, str]]:
        with _database_errors(), self._sessions() as session:
            return _saved_replies(session)

    def notice_texts(self) -> dict[str, str]:
        """Each removal reason's public notice, as the municipality edited it."""
        with _database_errors(), self._sessions() as session:
            return removal_notices(session)

    # --- beyond the contract: by hand, the registrator, escalation, the outbox ------------
    def confirm_removed(self, item_id: int) -> ActionOutcome:
        """The administrator removed the comment by hand and confirms it is gone."""
        with _database_errors(), self._scope(item_id) as scope:
            scope.refuse_on_conflict_of_interest()
            decision_id = confirm_removed_by_hand(scope)
        follow_up = FollowUp(Action.REMOVE, decision_ids=(decision_id,) if decision_id else ())
        return self.carry_out(ActionOutcome(item_id, Action.REMOVE, scope.status, True, "", follow_up))

    def mark_notice_posted(self, item_id: int, link: str | None = None) -> ActionOutcome:
        with _database_errors(), self._scope(item_id) as scope:
            mark_notice_posted(scope, link)
        return ActionOutcome(
            item_id,
            Action.NOTIFY,
            scope.status,
            False,
            translate("Core", "Meddelandet är markerat som publicerat."),
        )

    def set_diarienummer(
        self, item_id: int, diarienummer: str, registration_id: int | None = None
    ) -> ActionOutcome:
        with _database_errors(), self._scope(item_id, Duty.DIARIENUMMER) as scope:
            set_diarienummer(scope, diarienummer, registration_id)
        return ActionOutcome(
            item_id,
            Action.REGISTER,
            scope.status,
            False,
            say(translate("Core", "Diarienummer %1 är sparat."), diarienummer.strip()),
        )

    def escalate(self, item_id: int, note: str = "", to: str = KIND_MANAGER) -> ActionOutcome:
        """E-mail the nearest manager (or the head of communications) about an item."""
        if to not in (KIND_MANAGER, KIND_HEAD):
            raise InputError(translate("Core", "Välj chef eller kommunikationschef som mottagare."))
        with _database_errors():
            with self._scope(item_id) as scope:
                record_escalation(scope, item_id, note, to)
        follow_up = FollowUp(Action.NOTIFY, item_id=item_id, escalated=True)
        return self.carry_out(ActionOutcome(item_id, Action.NOTIFY, scope.status, True, "", follow_up))

    def retry(
        self, *, include_blocked: bool = True, ignore_backoff: bool = False, write: Writes = in_this_thread
    ) -> RunSummary:
        """`granska retry`: every step that is due, and those waiting for a person's retry."""
        with _database_errors():
            return self._runner.run(
                include_blocked=include_blocked, ignore_backoff=ignore_backoff, write=write
            )

    def resume(self, write: Writes = in_this_thread) -> RunSummary:
        """At start-up: interrupted and due steps (not those waiting for a person)."""
        return self.retry(include_blocked=False, write=write)

    def notice_to_post_by_hand(self, item_id: int) -> str | None:
        """The text of the item's notice that waits to be posted by hand (ready to copy)."""
        with _database_errors(), self._sessions() as session:
            return manual_notice_text(session, item_id)

    def work_by_hand(self) -> list[HandTask]:
        """What waits for a person: removals and notices by hand, failed steps (by_hand.py)."""
        with _database_errors(), self._sessions() as session:
            return work_by_hand(session)

    def pending_steps(self, item_id: int | None = None) -> list[PendingStep]:
        with _database_errors():
            return self._runner.pending(item_id=item_id)

    # --- helpers ---------------------------------------------------------------------------
    def _scope(self, item_id: int, duty: Duty = Duty.DECIDE) -> AbstractContextManager[DecisionScope]:
        return decision_scope(self._sessions, item_id, self._actor, duty)

    def _connector_for(self, item_id: int) -> Connector | None:
        return self._lookup.for_item(item_id)

    def _by_hand(self, item_id: int) -> bool:
        """No connector for the item's account. When finding out fails (a locked keyring), the
        platform step is queued as pending and the outbox finds out later."""
        if not self._lookup.enabled:
            return True
        try:
            with _database_errors():
                return self._lookup.for_item(item_id) is None
        except EnvironmentFault:
            return False

    def _outcome(
        self, item_id: int, action: Action, summary: RunSummary, crime: bool = False, escalated: bool = False
    ) -> ActionOutcome:
        with _database_errors(), self._sessions() as session:
            status = session.scalar(select(Item.status).where(Item.id == item_id)) or ""
            steps = self._runner.pending(item_id=item_id)
            return describe(session, item_id, action, status, steps, summary, crime, escalated)
