"""Handing offline decisions back: each journal entry, oldest first, goes through the same
decision transaction as online work on the team database. In that transaction a row in
`offline_decisions` keyed by the entry's id commits with the decision, so a replay interrupted
at any moment (kill -9 included) and run again recognises what already arrived: nothing is
applied twice. An item someone else decided meanwhile is a conflict: their decision stands,
and the offline decision with its evidence is kept beside it, never dropped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError
from app.core.messages import kept, say, told, translate
from app.core.states import Action
from app.models import Decision, Item, OfflineDecision
from app.models.base import utcnow
from app.models.db import Database, session_user
from app.services.context import Actor
from app.services.moderation.decisions import last_decision
from app.services.moderation.facade import ModerationService
from app.services.moderation.outbox import fault_point
from app.services.offline.copy import LocalCopy
from app.services.offline.hooks import decision_event, last_event_id, sessions_with
from app.services.offline.journal import JournalEntry, journal_entries, remove_entries
from app.services.records.audit import AuditWriter

__all__ = ["Conflict", "ReplayReport", "replay_journal"]

_offline = OfflineDecision.__table__
ServiceFactory = Callable[[sessionmaker[Session], Actor], ModerationService]


@dataclass(frozen=True)
class Conflict:
    item_id: int
    action: str
    message: str
    team_decision: dict[str, Any] | None


@dataclass
class ReplayReport:
    applied: int = 0
    already: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    left: int = 0
    stopped: str | None = None


def _record(entry: JournalEntry, outcome: str, **values: Any) -> dict[str, Any]:
    return {
        "client_decision_id": entry.id,
        "item_id": entry.item_id,
        "outcome": outcome,
        "action": entry.action,
        "offline": {"params": entry.params, "decided_at": entry.created_at.isoformat()},
        "decided_by": entry.username,
        "decided_offline_at": entry.created_at,
        "copy_fresh_at": entry.copy_fresh_at,
        "evidence_payload": entry.evidence_payload,
        "evidence_sha256": entry.evidence_sha256,
        "replayed_at": utcnow(),
        "message": "",
        **values,
    }


def _arrived(team: Database, entry_ids: list[str]) -> set[str]:
    """Which journal entries the team database already holds (one query per 500)."""
    found: set[str] = set()
    with team.engine.connect() as con:
        for start in range(0, len(entry_ids), 500):
            part = entry_ids[start : start + 500]
            found.update(
                con.scalars(
                    select(_offline.c.client_decision_id).where(_offline.c.client_decision_id.in_(part))
                )
            )
    return found


def _run(service: ModerationService, entry: JournalEntry) -> None:
    p, item = entry.params, entry.item_id
    match entry.action:
        case Action.KEEP:
            service.keep(item)
        case Action.REMOVE:
            service.decide_remove(item, p["reason"], p.get("motivation"), p.get("mode") or "hide")
        case Action.REGISTER:
            service.register(item, p["criterion"], p.get("motivation") or "", p.get("diarienummer"))
        case Action.NOTIFY:
            service.decide_notify(item, p.get("template"), p.get("text"))
        case Action.ANSWER:
            service.decide_answer(item, p["text"])
        case Action.FORWARD:
            service.forward(item, p["to"], p.get("note") or "")
        case _:
            raise InputError(say(translate("Core", "Okänt offlinebeslut: %1"), entry.action))


def _keep_conflict(team: Database, entry: JournalEntry, username: str, message: str) -> Conflict:
    """The team database's decision stands; the offline one is kept beside it, with an entry in
    the team's audit chain. One transaction, keyed by the journal entry's id."""
    with team.sessions.begin() as session:
        audit = AuditWriter(session)
        last = last_decision(session, entry.item_id)
        team_decision = (
            None
            if last is None
            else {
                "action": last.action,
                "decided_by": last.decided_by,
                "name": last.name,
                "decided_at": last.decided_at.isoformat(),
            }
        )
        decision_id = session.scalar(
            select(Decision.id).where(Decision.item_id == entry.item_id).order_by(Decision.id.desc()).limit(1)
        )
        record = _record(
            entry, "conflict", decision_id=decision_id, team_decision=team_decision, message=message
        )
        if (said := kept(message)) is not None:  # beside the Swedish: the window says it in its language
            record["offline"] = {**record["offline"], "message_said": said}
        session.execute(insert(_offline).values(record))
        account_id = session.scalar(select(Item.account_id).where(Item.id == entry.item_id))
        audit.add(
            username,
            utcnow(),
            "offline_conflict",
            item_id=entry.item_id,
            account_id=account_id,
            details={"client_decision_id": entry.id, "action": entry.action, "sha256": entry.evidence_sha256},
        )
        audit.flush()
    return Conflict(entry.item_id, entry.action, message, team_decision)


def replay_journal(
    team: Database, copy: LocalCopy, *, service_factory: ServiceFactory | None = None
) -> ReplayReport:
    """Replay every journal entry, oldest first; stops (keeping the rest) if the team database
    goes away again. Journal entries are removed in batches: one that arrived but is still in
    the journal (a kill in between) is recognised by its id next time."""
    factory = service_factory or (lambda sessions, actor: ModerationService(sessions, actor=actor))
    report = ReplayReport()
    entries = journal_entries(copy)
    if not entries:
        return report
    username = session_user(team.engine) or entries[0].username
    arrived = _arrived(team, [e.id for e in entries])
    hook = _RecordHook(username)
    sessions = sessions_with(team.engine, hook)
    done: list[str] = []
    try:
        for n, entry in enumerate(entries):
            try:
                if entry.id in arrived:
                    report.already += 1
                else:
                    _replay_one(team, sessions, hook, entry, factory, report)
            except EnvironmentFault as exc:
                if _arrived_safely(team, entry.id):
                    report.already += 1
                else:
                    report.stopped, report.left = str(exc), len(entries) - n
                    return report
            fault_point("offline-replayed")  # arrived on the team database, still in the journal
            done.append(entry.id)
            if len(done) >= 100:
                remove_entries(copy, done)
                done = []
    finally:
        remove_entries(copy, done)
    return report


def _arrived_safely(team: Database, entry_id: str) -> bool:
    try:
        return entry_id in _arrived(team, [entry_id])
    except Exception:  # noqa: BLE001 - the team database is away again: not arrived, as far as known
        return False


class _RecordHook:
    """Just before the decision's transaction commits: the replay record, keyed by the journal
    entry's id, in that same transaction."""

    def __init__(self, username: str) -> None:
        self.username = username
        self.entry: JournalEntry | None = None
        self.after = 0  # the audit chain's last event before this entry's replay

    def __call__(self, session: Session) -> None:
        entry = self.entry
        # A deciding event on the item written since the replay of this entry began, read under
        # the audit chain's lock this transaction holds: this decision's own (a refusal being
        # logged is not a decision; a forward's mail step commits after it, with no new one).
        if entry is None or decision_event(session, self.after, entry.item_id, self.username) is None:
            return
        self.entry = None  # once
        decision_id = None
        if entry.action != Action.NOTIFY:  # a notice is queued without a decision of its own
            decision_id = session.scalar(
                select(Decision.id)
                .where(Decision.item_id == entry.item_id)
                .order_by(Decision.id.desc())
                .limit(1)
            )
        session.execute(insert(_offline).values(_record(entry, "applied", decision_id=decision_id)))


def _replay_one(
    team: Database,
    sessions: sessionmaker[Session],
    hook: _RecordHook,
    entry: JournalEntry,
    factory: ServiceFactory,
    report: ReplayReport,
) -> None:
    with team.sessions() as session:
        hook.after = last_event_id(session)
    hook.entry = entry
    try:
        _run(factory(sessions, Actor(username=entry.username)), entry)
        report.applied += 1
    except InputError as refused:  # refused by the team database's state or roles
        try:
            report.conflicts.append(_keep_conflict(team, entry, hook.username, told(refused)))
        except IntegrityError:  # kept by a replay that was interrupted after its commit
            report.already += 1
    finally:
        hook.entry = None
