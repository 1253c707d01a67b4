"""The journal of steps that leave Granska (platform calls, e-mail), so that a crash, a kill or
a platform failure at any point leaves every step either done once or still to do.

A step is claimed (status running, with the claimer's host:pid and a lease) and committed
before its call; the result is journaled right after. A claim whose process is gone, or whose
lease ran out, was interrupted mid-call: the handler is told so and decides (a hide or delete is
safe to repeat; a public reply is not re-posted but handed to a person to check). Failures are
retried with backoff, honouring the platform's Retry-After.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, PlatformError
from app.core.messages import heard, kept, say, told, translate
from app.core.states import WAITING, Outcome, StepStatus
from app.models import Item, OutboxStep
from app.services.context import Actor, Writes, in_this_thread
from app.services.moderation.writer import Writer
from app.services.records.audit import AuditWriter

log = logging.getLogger(__name__)

BACKOFF_BASE = 30.0  # seconds; doubled per attempt
BACKOFF_CAP = 3600.0
MAX_AUTOMATIC_ATTEMPTS = 10  # then the step waits for `granska retry`
LEASE = timedelta(minutes=5)  # longer than any platform or SMTP timeout

# Fault injection for the crash tests: GRANSKA_CRASH_AT=<point> ends the process there.
CRASH_ENV = "GRANSKA_CRASH_AT"
CRASH_EXIT = 86


def fault_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os._exit(CRASH_EXIT)


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    delay = min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)
    return timedelta(seconds=max(delay, retry_after or 0.0))


def claimer_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim_is_dead(claimed_by: str | None, lease_until: datetime | None, now: datetime) -> bool:
    if claimed_by is None or lease_until is None or lease_until <= now:
        return True
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine: trust its lease
    if int(pid) == os.getpid():
        return False
    return not process_is_running(int(pid))


def process_is_running(pid: int) -> bool:
    """Whether a process with this id exists on this machine (when in doubt: yes, so that a live
    claim is never taken over)."""
    if os.name == "nt":
        return _windows_process_is_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_process_is_running(pid: int) -> bool:
    # Never os.kill(pid, 0) here: on Windows it terminates the process.
    if sys.platform != "win32":  # called on Windows only; this line is for the type checker
        return True
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.GetExitCodeProcess.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    process_query_limited_information, error_invalid_parameter, still_active = 0x1000, 87, 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        # No such process; any other refusal (access denied) means it exists.
        return ctypes.get_last_error() != error_invalid_parameter
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        # An exited process whose handle someone still holds: gone for our purpose.
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


_outbox = OutboxStep.__table__


def queue_step(
    writer: Writer,
    *,
    item_id: int,
    decision_id: int | None,
    step: str,
    payload: dict[str, Any],
    now: datetime,
    status: StepStatus = StepStatus.PENDING,
    depends_on: int | None = None,
    result: str | None = None,
    next_attempt_at: datetime | None = None,
) -> int:
    values = {
        "item_id": item_id,
        "decision_id": decision_id,
        "step": step,
        "payload": payload,
        "status": status,
        "attempts": 0,
        "next_attempt_at": next_attempt_at,
        "created_at": now,
        "depends_on_id": depends_on,
        "result": result,
        "result_said": kept(result),
    }
    return writer.insert(_outbox, values)


@dataclass(frozen=True)
class StepInfo:
    id: int
    item_id: int
    decision_id: int | None
    step: str
    payload: dict[str, Any]
    attempts: int


@dataclass
class StepResult:
    """What a handler reports. `apply` writes its local effects in the journal transaction."""

    outcome: Outcome
    message: str = ""
    retry_after: float | None = None
    audit_action: str | None = None
    audit_details: dict[str, Any] = field(default_factory=dict)
    apply: Callable[[Session, datetime], None] | None = None


Handler = Callable[[StepInfo, bool], StepResult]


@dataclass(frozen=True)
class PendingStep:
    id: int
    item_id: int
    step: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    result: str | None


@dataclass
class RunSummary:
    done: int = 0
    manual: int = 0
    waiting: list[PendingStep] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def is_scheduled(step: PendingStep) -> bool:
    """Queued for later on purpose (a reminder at the promised time), never tried: nothing is
    waiting on a failure, so `retry` does not count it."""
    return (
        step.status == StepStatus.PENDING
        and step.attempts == 0
        and step.last_error is None
        and step.next_attempt_at is not None
    )


def pending_row(row: Any) -> PendingStep:
    return PendingStep(
        row.id,
        row.item_id,
        row.step,
        row.status,
        row.attempts,
        row.next_attempt_at,
        heard(row.last_error, row.last_error_said),  # said again in the window's language
        heard(row.result, row.result_said),
    )


class OutboxRunner:
    def __init__(self, sessions: sessionmaker[Session], handlers: dict[str, Handler], actor: Actor) -> None:
        self._sessions = sessions
        self._handlers = handlers
        self._actor = actor
        self._me = claimer_id()

    def pending(self, *, item_id: int | None = None) -> list[PendingStep]:
        listed = (*WAITING, StepStatus.MANUAL)
        stmt = select(OutboxStep).where(OutboxStep.status.in_(listed)).order_by(OutboxStep.id)
        if item_id is not None:
            stmt = stmt.where(OutboxStep.item_id == item_id)
        with self._sessions() as session:
            return [pending_row(r) for r in session.scalars(stmt)]

    def run(
        self,
        *,
        decision_ids: list[int] | None = None,
        item_id: int | None = None,
        include_blocked: bool = False,
        ignore_backoff: bool = False,
        write: Writes = in_this_thread,
    ) -> RunSummary:
        """`write` runs each claim and journal transaction (the window's database writer);
        the calls to the platform and the mail server happen between them, on this thread."""
        now = self._actor.now()
        statuses = [StepStatus.PENDING, StepStatus.RUNNING]
        if include_blocked:
            statuses.append(StepStatus.BLOCKED)
        stmt = select(OutboxStep).where(OutboxStep.status.in_(statuses)).order_by(OutboxStep.id)
        if decision_ids is not None:
            stmt = stmt.where(OutboxStep.decision_id.in_(decision_ids))
        if item_id is not None:
            stmt = stmt.where(OutboxStep.item_id == item_id)
        # A step scheduled for later (never tried) waits for its time even under `retry --now`.
        stmt = stmt.where(
            or_(
                OutboxStep.attempts > 0,
                OutboxStep.next_attempt_at.is_(None),
                OutboxStep.next_attempt_at <= now,
            )
        )
        if not ignore_backoff:
            stmt = stmt.where(
                or_(
                    OutboxStep.status != StepStatus.PENDING,
                    OutboxStep.next_attempt_at.is_(None),
                    OutboxStep.next_attempt_at <= now,
                )
            )
        with self._sessions() as session:
            candidates = list(session.scalars(stmt))
        summary = RunSummary()
        for step in candidates:
            running = step.status == StepStatus.RUNNING
            if running and not _claim_is_dead(step.claimed_by, step.lease_until, now):
                continue  # another process is on it right now
            self._run_one(step, summary, write)
        scope_ids = {s.item_id for s in candidates} if item_id is None else {item_id}
        with self._sessions() as session:
            rest = session.scalars(
                select(OutboxStep)
                .where(OutboxStep.status.in_(WAITING), OutboxStep.item_id.in_(scope_ids))
                .order_by(OutboxStep.id)
            )
            summary.waiting = [s for s in map(pending_row, rest) if not is_scheduled(s)]
        return summary

    def _dependency_done(self, step: OutboxStep) -> bool:
        if step.depends_on_id is None:
            return True
        with self._sessions() as session:
            status = session.scalar(select(OutboxStep.status).where(OutboxStep.id == step.depends_on_id))
        return status == StepStatus.DONE

    def _claim(self, step: OutboxStep) -> bool:
        now = self._actor.now()
        seen_claim = step.claimed_by
        with self._sessions.begin() as session:
            claimed = _rows_changed(
                session.execute(
                    update(OutboxStep)
                    .where(
                        OutboxStep.id == step.id,
                        OutboxStep.status == step.status,
                        (OutboxStep.claimed_by == seen_claim)
                        if seen_claim is not None
                        else OutboxStep.claimed_by.is_(None),
                    )
                    .values(
                        status=StepStatus.RUNNING,
                        claimed_by=self._me,
                        lease_until=now + LEASE,
                        attempts=OutboxStep.attempts + 1,
                    )
                    .execution_options(synchronize_session=False)
                )
            )
        return claimed == 1

    def _run_one(self, step: OutboxStep, summary: RunSummary, write: Writes) -> None:
        if not self._dependency_done(step):
            return
        interrupted = step.status == StepStatus.RUNNING
        fault_point(f"before:{step.step}")
        if not write(lambda: self._claim(step)):
            return
        info = StepInfo(
            step.id, step.item_id, step.decision_id, step.step, step.payload or {}, step.attempts + 1
        )
        handler = self._handlers.get(step.step)
        try:
            if handler is None:
                raise RuntimeError(f"no handler for outbox step {step.step!r}")
            result = handler(info, interrupted)
        except PlatformError as exc:  # e.g. no keyring for the token: a person must act
            outcome = Outcome.RETRY if exc.retryable else Outcome.BLOCKED
            result = StepResult(outcome, told(exc), retry_after=exc.retry_after)
        except EnvironmentFault as exc:
            result = StepResult(Outcome.RETRY, told(exc))
        except Exception as exc:  # noqa: BLE001 - our bug: keep the step, say so, log it
            log.exception("outbox step %s failed", step.id)
            result = StepResult(
                Outcome.BLOCKED, say(translate("Core", "Internt fel i Granska: %1"), repr(exc))
            )
        fault_point(f"after-call:{step.step}")
        write(lambda: self._journal(info, result, interrupted))
        fault_point(f"after:{step.step}")
        if result.outcome == Outcome.DONE:
            summary.done += 1
        elif result.outcome == Outcome.MANUAL:
            summary.manual += 1
        if result.message and result.outcome != Outcome.DONE:
            summary.messages.append(result.message)

    def _journal(self, info: StepInfo, result: StepResult, interrupted: bool) -> None:
        now = self._actor.now()
        values: dict[str, Any] = {"claimed_by": None, "lease_until": None}
        said = kept(result.message)  # beside the Swedish text: the window says it in its language
        if result.outcome in (Outcome.DONE, Outcome.MANUAL):
            values.update(status=StepStatus(result.outcome), result=result.message, result_said=said)
            values.update(done_at=now, next_attempt_at=None)
        elif result.outcome == Outcome.RETRY and info.attempts < MAX_AUTOMATIC_ATTEMPTS:
            values.update(status=StepStatus.PENDING, last_error=result.message, last_error_said=said)
            values.update(next_attempt_at=now + backoff(info.attempts, result.retry_after))
        else:
            values.update(status=StepStatus.BLOCKED, last_error=result.message, last_error_said=said)
            values.update(next_attempt_at=None)
        try:
            with self._sessions.begin() as session:
                audit = AuditWriter(session)
                owned = _rows_changed(
                    session.execute(
                        update(OutboxStep)
                        .where(and_(OutboxStep.id == info.id, OutboxStep.claimed_by == self._me))
                        .values(**values)
                        .execution_options(synchronize_session=False)
                    )
                )
                if owned != 1:
                    raise _LostClaim
                if result.apply is not None:
                    result.apply(session, now)
                details = {"step": info.step, "attempt": info.attempts, **result.audit_details}
                if interrupted:
                    details["interrupted"] = True
                if result.outcome not in (Outcome.DONE, Outcome.MANUAL):
                    details["error"] = result.message
                    if said is not None:  # the history says each attempt's error in the window's language
                        details["error_said"] = said
                failed = result.outcome != Outcome.DONE
                action = result.audit_action or ("platform_failed" if failed else info.step)
                account_id = session.scalar(select(Item.account_id).where(Item.id == info.item_id))
                audit.add(
                    self._actor.username,
                    now,
                    action,
                    item_id=info.item_id,
                    account_id=account_id,
                    details=details,
                    # the step may have changed its decision (the platform's answer)
                    seals=[("decision", info.decision_id)] if info.decision_id is not None else (),
                )
                audit.flush()
        except _LostClaim:
            # Our lease ran out and another process took the step over; its result counts.
            log.warning("outbox step %s was taken over; result not journaled", info.id)


def _rows_changed(result: object) -> int:
    """How many rows an UPDATE changed (its result is always a CursorResult)."""
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


class _LostClaim(Exception):
    pass
