"""The audit log: every action appended with who, when and what, each entry's hash covering its
content and the previous entry's hash. `verify` walks the chain and the evidence copies, and
names the first entry that was changed or deleted.

The log is append-only by convention of the code (nothing here updates or deletes an event);
the chain makes any change outside Granska visible. Entries carry codes and ids, never comment
text, so weeding an item leaves nothing of it in the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault
from app.core.messages import translate
from app.models import Account, AuditEvent, AuditHead, AuditSeal
from app.models.seals import DETAIL_KEYS, HEAD_ID, SealHasher, current_digests, event_hash
from app.services.accounts.identity import display_names
from app.services.context import Actor, acting
from app.services.moderation.writer import Query, Writer
from app.services.records.audit_verify import VerifyReport, verify_chain
from app.services.records.audit_witness import Witness, WitnessBook, key_of

# What each action is called in the log view and the command line.
ACTION_LABELS = {
    "remove": translate("Core", "Borttagning beslutad"),
    "register": translate("Core", "Diarieförd"),
    "diarienummer": translate("Core", "Diarienummer satt"),
    "keep": translate("Core", "Godkänd"),
    "answer": translate("Core", "Besvarad"),
    "forward": translate("Core", "Vidarebefordrad"),
    "hand_over": translate("Core", "Överlämnad (jäv)"),
    "notify": translate("Core", "Meddelande köat"),
    "platform_removed": translate("Core", "Borttagen på plattformen"),
    "platform_failed": translate("Core", "Plattformen svarade med fel"),
    "remove_by_hand": translate("Core", "Ska tas bort för hand"),
    "removed_by_hand": translate("Core", "Bekräftad borttagen för hand"),
    "notice_posted": translate("Core", "Meddelande publicerat"),
    "notice_manual": translate("Core", "Meddelande ska publiceras för hand"),
    "escalation_sent": translate("Core", "E-post till chef skickad"),
    "escalation_queued": translate("Core", "Eskalering köad"),
    "escalation_failed": translate("Core", "E-post till chef misslyckades"),
    "forward_sent": translate("Core", "Vidarebefordrad fråga skickad med e-post"),
    "forward_reminder_queued": translate("Core", "Påminnelse om svar schemalagd"),
    "forward_reminder_sent": translate("Core", "Påminnelse om svar skickad"),
    "forward_reminder_not_needed": translate("Core", "Påminnelse behövdes inte"),
    "step_interrupted": translate("Core", "Avbrutet steg återupptaget"),
    "gallring": translate("Core", "Gallring"),
    "rules_changed": translate("Core", "Ordlista ändrad"),
    "audit_sealed": translate("Core", "Poster förseglade i loggen (uppgradering)"),
    "author_deleted": translate("Core", "Raderad eller återställd av skribenten"),
    "screenshot": translate("Core", "Skärmdump sparad"),
    "screenshot_sent": translate("Core", "Skärmdump skickad"),
    "account_added": translate("Core", "Konto tillagt"),
    "account_changed": translate("Core", "Konto ändrat"),
    "administrator_added": translate("Core", "Administratör tillagd"),
    "administrator_changed": translate("Core", "Administratör ändrad"),
    "administrator_assigned": translate("Core", "Administratör kopplad till konto"),
    "administrator_unassigned": translate("Core", "Administratör borttagen från konto"),
    "administrator_roles": translate("Core", "Roller ändrade"),
    "administrator_deactivated": translate("Core", "Administratör avaktiverad"),
    "refused": translate("Core", "Nekad: rollen tillåter inte åtgärden"),
}

# A failed outbox step is logged as "platform_failed" (the code is in the sealed chain); a mail
# step failed at the mail server (or before it), not at a platform, and is called so.
MAIL_STEPS = frozenset({"send_escalation", "send_forward"})
MAIL_FAILED = translate("Core", "E-posten kunde inte skickas")


def action_label(action: str, details: dict[str, Any] | None) -> str:
    """What an event is called in the log view, the item's history and the command line."""
    if action == "platform_failed" and isinstance(details, dict) and details.get("step") in MAIL_STEPS:
        return MAIL_FAILED
    return ACTION_LABELS.get(action, action)


_events = AuditEvent.__table__
_head = AuditHead.__table__
_seals = AuditSeal.__table__
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
        self._session = session
        self._con = session.connection()
        self._writer = Writer(self._con)
        row = self._writer.first(_LOCK)
        if row is None:
            raise EnvironmentFault(
                translate(
                    "Core",
                    "Granskningsloggens huvudrad saknas i databasen: loggen kan ha manipulerats. "
                    "Kör 'granska audit verify' och kontakta systemförvaltaren.",
                )
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
        seals: Iterable[tuple[str, int]] = (),
    ) -> None:
        """Seals the records the event names (its item, the ids in its details) and `seals`,
        as they are when the transaction flushes the log."""
        named: list[tuple[str, int]] = [("item", item_id)] if item_id is not None else []
        for key, kind in DETAIL_KEYS.items():
            value = (details or {}).get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                named.append((kind, value))
        self._rows.append(
            {
                "at": at,
                "actor": actor,
                "action": action,
                "item_id": item_id,
                "account_id": account_id,
                "details": details,
                "_seals": list(dict.fromkeys([*named, *seals])),
            }
        )

    def flush(self) -> None:
        if not self._rows:
            return
        self._session.flush()  # rows added through the ORM (a recusal, a screenshot) are sealed too
        wanted: dict[str, set[int]] = {}
        for row in self._rows:
            for kind, record_id in row["_seals"]:
                wanted.setdefault(kind, set()).add(record_id)
        digests = {kind: current_digests(self._con, kind, ids) for kind, ids in wanted.items()}
        seal_rows: list[dict[str, Any]] = []
        for row in self._rows:
            seals = row.pop("_seals")
            hasher = SealHasher()
            for kind, record_id in seals:
                hasher.add(kind, record_id, digests[kind][record_id])
            digest = event_hash(
                self._hash, row["at"], row["actor"], row["action"], row["item_id"], row["account_id"],
                row["details"], hasher.hexdigest(),
            )  # fmt: skip
            event_id = self._writer.insert(_events, {**row, "prev_hash": self._hash, "hash": digest})
            seal_rows += [
                {"event_id": event_id, "seq": n, "kind": k, "record_id": r, "sha256": digests[k][r]}
                for n, (k, r) in enumerate(seals)
            ]
            self._hash = digest
        self._writer.insert_many(_seals, seal_rows)
        self._count += len(self._rows)
        self._writer.update_by_id(_head, HEAD_ID, {"last_hash": self._hash, "count": self._count})
        self._rows = []

    @property
    def head(self) -> tuple[int, str]:
        """(count, hash) of the chain as this writer leaves it once flushed."""
        return self._count, self._hash


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
    actor_name: str = ""  # the administrator's name from the register (else the login)
    account_name: str = ""

    @property
    def label(self) -> str:
        return action_label(self.action, self.details)

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
    actor_names: dict[str, str] = field(default_factory=dict)  # login -> name in the register
    account_names: dict[int, str] = field(default_factory=dict)


class AuditService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def verify(self, witnesses: Sequence[Witness] | None = None) -> VerifyReport:
        """Against `witnesses`, or (None) every witness of this database in the witness file."""
        with self._sessions() as session:
            if witnesses is None:
                witnesses = WitnessBook().known(key_of(session))
            return verify_chain(session, witnesses)

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
                Account.name,
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
            rows = session.execute(stmt).all()
            names: dict[str, str] = display_names(session, {r[2] for r in rows})
            entries = []
            for r in rows:
                event_id, at, actor, action, item_id, account_key, details, account_name = r
                name = names.get(actor) or actor
                entries.append(
                    AuditEntry(
                        event_id,
                        at,
                        actor,
                        action,
                        item_id,
                        account_key,
                        details or {},
                        name,
                        account_name or "",
                    )
                )
            return entries

    def facets(self) -> AuditFacets:
        with self._sessions() as session:
            actions = session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
            actors = tuple(session.scalars(select(AuditEvent.actor).distinct().order_by(AuditEvent.actor)))
            accounts = session.execute(
                select(Account.id, Account.key, Account.name).order_by(Account.key)
            ).all()
            return AuditFacets(
                tuple(actions),
                actors,
                tuple((a, k) for a, k, _n in accounts),
                display_names(session, set(actors)),
                {a: n for a, _k, n in accounts},
            )

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


def log_change(
    session: Session,
    action: str,
    *,
    seals: Iterable[tuple[str, int]],
    details: dict[str, Any] | None = None,
    account_id: int | None = None,
    actor: Actor | None = None,
) -> None:
    """One event in the caller's transaction that seals the records it changed (the account
    register, the administrators, a screenshot)."""
    who = acting(session, actor)
    writer = AuditWriter(session)
    writer.add(who.username, who.now(), action, account_id=account_id, details=details, seals=seals)
    writer.flush()


def reseal_where_sealed(session: Session, kind: str, ids: Sequence[int]) -> list[int]:
    """The records among `ids` that carry a seal already: a change made to them in bulk (weeding,
    an author deleting a comment) must be sealed again, the others were never sealed."""
    sealed: list[int] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        sealed += session.scalars(
            select(AuditSeal.record_id)
            .where(AuditSeal.kind == kind, AuditSeal.record_id.in_(chunk))
            .distinct()
        )
    return sorted(sealed)
