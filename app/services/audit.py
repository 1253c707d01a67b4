"""The audit log: every action appended with who, when and what, each entry's hash covering its
content and the previous entry's hash. `verify` walks the chain and the evidence copies, and
names the first entry that was changed or deleted.

The log is append-only by convention of the code (nothing here updates or deletes an event);
the chain makes any change outside Granska visible. Entries carry codes and ids, never comment
text, so weeding an item leaves nothing of it in the log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault
from app.models import Account, AuditEvent, AuditHead, Evidence
from app.services.evidence import canonical_json, sha256_hex
from app.services.writer import Query, Writer

GENESIS = "0" * 64
HEAD_ID = 1

# What each action is called in the log view and the command line.
ACTION_LABELS = {
    "remove": "Borttagning beslutad",
    "register": "Diarieförd",
    "diarienummer": "Diarienummer satt",
    "keep": "Godkänd",
    "answer": "Besvarad",
    "forward": "Vidarebefordrad",
    "hand_over": "Överlämnad (jäv)",
    "notify": "Meddelande köat",
    "platform_removed": "Borttagen på plattformen",
    "platform_failed": "Plattformen svarade med fel",
    "remove_by_hand": "Ska tas bort för hand",
    "removed_by_hand": "Bekräftad borttagen för hand",
    "notice_posted": "Meddelande publicerat",
    "notice_manual": "Meddelande ska publiceras för hand",
    "escalation_sent": "E-post till chef skickad",
    "escalation_queued": "Eskalering köad",
    "escalation_failed": "E-post till chef misslyckades",
    "step_interrupted": "Avbrutet steg återupptaget",
    "gallring": "Gallring",
    "rules_changed": "Ordlista ändrad",
}


def event_hash(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    item_id: int | None,
    account_id: int | None,
    details: dict[str, Any] | None,
) -> str:
    return sha256_hex(
        canonical_json(
            {
                "prev": prev_hash,
                "at": at.isoformat(),
                "actor": actor,
                "action": action,
                "item": item_id,
                "account": account_id,
                "details": details or {},
            }
        )
    )


_events = AuditEvent.__table__
_head = AuditHead.__table__
_LOCK = Query(
    update(_head)
    .where(_head.c.id == HEAD_ID)
    .values(count=_head.c.count)
    .returning(_head.c.last_hash, _head.c.count)
)


class AuditWriter:
    """Appends events inside the caller's transaction. Creating it locks the chain's head row,
    which also serializes concurrent decisions on every database: the second administrator
    waits here and then sees what the first one did."""

    def __init__(self, session: Session) -> None:
        self._con = session.connection()
        self._writer = Writer(self._con)
        row = self._writer.first(_LOCK)
        if row is None:
            raise EnvironmentFault(
                "Granskningsloggens huvudrad saknas i databasen: loggen kan ha manipulerats. "
                "Kör 'granska audit verify' och kontakta systemförvaltaren."
            )
        self._hash, self._count = row
        self._rows: list[dict[str, Any]] = []

    def add(
        self,
        actor: str,
        at: datetime,
        action: str,
        *,
        item_id: int | None = None,
        account_id: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        digest = event_hash(self._hash, at, actor, action, item_id, account_id, details)
        self._rows.append(
            {
                "at": at,
                "actor": actor,
                "action": action,
                "item_id": item_id,
                "account_id": account_id,
                "details": details,
                "prev_hash": self._hash,
                "hash": digest,
            }
        )
        self._hash = digest

    def flush(self) -> None:
        if not self._rows:
            return
        self._writer.insert_many(_events, self._rows)
        self._count += len(self._rows)
        self._writer.update_by_id(_head, HEAD_ID, {"last_hash": self._hash, "count": self._count})
        self._rows = []


@dataclass(frozen=True)
class VerifyReport:
    events: int
    evidence: int
    problems: tuple[str, ...] = ()
    first_broken_event: int | None = None

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(session: Session) -> VerifyReport:
    problems: list[tuple[int, str]] = []  # (sort key, message)
    running = GENESIS
    count = 0
    last_id: int | None = None
    recorded: dict[int, tuple[str, int]] = {}  # evidence id -> (sha256, event id)
    stmt = select(
        AuditEvent.id,
        AuditEvent.at,
        AuditEvent.actor,
        AuditEvent.action,
        AuditEvent.item_id,
        AuditEvent.account_id,
        AuditEvent.details,
        AuditEvent.prev_hash,
        AuditEvent.hash,
    ).order_by(AuditEvent.id)
    for ev in session.execute(stmt.execution_options(yield_per=2000)):
        count += 1
        last_id = ev.id
        if ev.prev_hash != running:
            problems.append(
                (
                    ev.id,
                    f"Händelse {ev.id} ({ev.action}, {ev.at:%Y-%m-%d %H:%M}): "
                    "kedjan bryts här – händelsen före har ändrats eller raderats.",
                )
            )
        elif (
            event_hash(ev.prev_hash, ev.at, ev.actor, ev.action, ev.item_id, ev.account_id, ev.details)
            != ev.hash
        ):
            problems.append(
                (
                    ev.id,
                    f"Händelse {ev.id} ({ev.action}, {ev.at:%Y-%m-%d %H:%M}) "
                    "har ändrats efter att den skrevs.",
                )
            )
        running = ev.hash
        details = ev.details or {}
        if isinstance(details.get("evidence_id"), int):
            recorded[details["evidence_id"]] = (str(details.get("sha256")), ev.id)
    head = session.execute(
        select(AuditHead.last_hash, AuditHead.count).where(AuditHead.id == HEAD_ID)
    ).first()
    if head is None:
        problems.append((10**12, "Granskningsloggens huvudrad saknas."))
    elif head[1] != count or head.last_hash != running:
        where = f"efter händelse {last_id}" if last_id else "i början"
        problems.append(
            (
                10**12,
                f"Granskningsloggen har {count} händelser men ska ha {head.count}: "
                f"händelser {where} har raderats.",
            )
        )
    evidence_rows = 0
    stmt2 = select(Evidence.id, Evidence.item_id, Evidence.sha256, Evidence.payload).order_by(Evidence.id)
    for e in session.execute(stmt2.execution_options(yield_per=200)):
        evidence_rows += 1
        logged = recorded.pop(e.id, None)
        if logged is None:
            problems.append(
                (
                    10**12 + e.id,
                    f"Bevis {e.id} (post {e.item_id}) finns inte i "
                    "granskningsloggen: det har lagts till utanför Granska.",
                )
            )
        elif sha256_hex(e.payload) != e.sha256 or logged[0] != e.sha256:
            problems.append(
                (
                    logged[1],
                    f"Bevis {e.id} (post {e.item_id}), sparat enligt händelse "
                    f"{logged[1]}, har ändrats: innehållet stämmer inte med sin SHA-256.",
                )
            )
    for evidence_id, (_sha, event_id) in recorded.items():
        problems.append(
            (event_id, f"Bevis {evidence_id}, sparat enligt händelse {event_id}, saknas: det har raderats.")
        )
    problems.sort(key=lambda p: p[0])
    first = next((key for key, _ in problems if key < 10**12), None)
    return VerifyReport(count, evidence_rows, tuple(m for _, m in problems), first)


_DETAIL_LABELS = (
    ("list", "lista"), ("reason", "skäl"), ("criterion", "kriterium"), ("mode", "sätt"), ("to", "till"),
    ("count", "antal"), ("days", "äldre än dagar"), ("diarienummer", "diarienummer"), ("error", "fel"),
    ("source", "från"), ("row", "rad"),
)  # fmt: skip
_MODES = {"hide": "dölj", "delete": "radera"}


@dataclass(frozen=True)
class AuditFilter:
    actions: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    account_ids: tuple[int, ...] = ()
    item_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    item_id: int | None
    account_key: str | None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def summary(self) -> str:
        d = self.details
        parts = []
        for key, label in _DETAIL_LABELS:
            value = d.get(key)
            if value not in (None, ""):
                parts.append(f"{label}: {_MODES.get(value, value) if key == 'mode' else value}")
        return ", ".join(parts)


@dataclass(frozen=True)
class AuditFacets:
    actions: tuple[str, ...]
    actors: tuple[str, ...]
    accounts: tuple[tuple[int, str], ...]  # (id, key)


class AuditService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def verify(self) -> VerifyReport:
        with self._sessions() as session:
            return verify_chain(session)

    def search(self, f: AuditFilter, limit: int = 500, before_id: int | None = None) -> list[AuditEntry]:
        """Newest first; `before_id` pages further back."""
        stmt = (
            select(
                AuditEvent.id,
                AuditEvent.at,
                AuditEvent.actor,
                AuditEvent.action,
                AuditEvent.item_id,
                Account.key,
                AuditEvent.details,
            )
            .outerjoin(Account, Account.id == AuditEvent.account_id)
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
        conditions: list[Any] = []
        if f.actions:
            conditions.append(AuditEvent.action.in_(f.actions))
        if f.actors:
            conditions.append(AuditEvent.actor.in_(f.actors))
        if f.account_ids:
            conditions.append(AuditEvent.account_id.in_(f.account_ids))
        if f.item_id is not None:
            conditions.append(AuditEvent.item_id == f.item_id)
        if f.since is not None:
            conditions.append(AuditEvent.at >= f.since)
        if f.until is not None:
            conditions.append(AuditEvent.at < f.until)
        if before_id is not None:
            conditions.append(AuditEvent.id < before_id)
        if conditions:
            stmt = stmt.where(*conditions)
        with self._sessions() as session:
            return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or {}) for r in session.execute(stmt)]

    def facets(self) -> AuditFacets:
        with self._sessions() as session:
            actions = session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
            actors = session.scalars(select(AuditEvent.actor).distinct().order_by(AuditEvent.actor))
            accounts = session.execute(select(Account.id, Account.key).order_by(Account.key))
            return AuditFacets(tuple(actions), tuple(actors), tuple((a, k) for a, k in accounts))

    def count(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def record(
    session: Session,
    actor: str,
    at: datetime,
    action: str,
    *,
    events: Sequence[tuple[int | None, int | None, dict[str, Any] | None]] = (),
) -> None:
    """Append one or more events of one action in their own lock: (item_id, account_id, details)."""
    writer = AuditWriter(session)
    for item_id, account_id, details in events or ((None, None, None),):
        writer.add(actor, at, action, item_id=item_id, account_id=account_id, details=details)
    writer.flush()
