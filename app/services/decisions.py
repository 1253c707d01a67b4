"""One decision on one item, in one transaction: lock, look, decide, record, audit.

Every action (remove, register, keep, answer, ...) runs inside `decision_scope`. It first locks
the audit chain's head row, so two administrators deciding the same item at the same moment
are put one after the other on SQLite and PostgreSQL alike; the second then reads the item as
the first left it and is told "Redan avgjord av ...". Nothing of a refused decision is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.models import Account, Administrator, Decision, Item, ItemStatus
from app.services.audit import AuditWriter
from app.services.context import Actor
from app.services.errors import InputError
from app.services.identity import AdminInfo, find_administrator, local_time, recusal_for

# Statuses waiting for a decision (handed_over: waiting for someone without a conflict).
# A registered item is documented, not moderated: anyone may still keep, answer or remove it.
UNDECIDED = frozenset({ItemStatus.NEW, ItemStatus.FLAGGED, ItemStatus.HANDED_OVER, ItemStatus.REGISTERED})
# Settled, but the one who settled them may change their mind (kept -> removed, say).
REVISABLE = frozenset({ItemStatus.KEPT, ItemStatus.ANSWERED, ItemStatus.FORWARDED})

ACTION_PAST = {
    "remove": "borttagen",
    "keep": "godkänd",
    "answer": "besvarad",
    "forward": "vidarebefordrad",
    "hand_over": "överlämnad",
    "register": "diarieförd",
    "notify": "meddelad",
}
STATUS_TEXT = {
    ItemStatus.PENDING_PLATFORM: "väntar på plattformen",
    ItemStatus.REMOVE_BY_HAND: "ska tas bort för hand",
    ItemStatus.REMOVED: "borttagen",
    ItemStatus.WEEDED: "gallrad",
    ItemStatus.DELETED_BY_AUTHOR: "raderad av skribenten",
}


@dataclass(frozen=True)
class ItemState:
    id: int
    account_id: int
    account_key: str
    platform: str
    status: str
    external_id: str
    parent_external_id: str | None
    post_external_id: str | None
    permalink: str | None
    author_name: str
    text: str
    assigned_to_id: int | None


@dataclass(frozen=True)
class LastDecision:
    action: str
    decided_by: str
    name: str
    decided_at: datetime


def load_item_state(session: Session, item_id: int) -> ItemState:
    row = session.execute(
        select(
            Item.id,
            Item.account_id,
            Account.key,
            Account.platform,
            Item.status,
            Item.external_id,
            Item.parent_external_id,
            Item.post_external_id,
            Item.permalink,
            Item.author_name,
            Item.text,
            Item.assigned_to_id,
        )
        .join(Account, Account.id == Item.account_id)
        .where(Item.id == item_id)
    ).first()
    if row is None:
        raise InputError(f"Det finns ingen post med id {item_id} (se granska queue --json).")
    return ItemState(*row)


def last_decision(session: Session, item_id: int) -> LastDecision | None:
    row = session.execute(
        select(Decision.action, Decision.decided_by, Administrator.name, Decision.decided_at)
        .outerjoin(Administrator, Administrator.id == Decision.administrator_id)
        .where(Decision.item_id == item_id)
        .order_by(Decision.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return LastDecision(row[0], row[1], row[2] or row[1], row[3])


class DecisionScope:
    """What an action may do inside its transaction. Build with `decision_scope`."""

    def __init__(self, session: Session, actor: Actor, state: ItemState, audit: AuditWriter) -> None:
        self.session = session
        self.username = actor.username
        self.now = actor.now()
        self.state = state
        self.admin: AdminInfo = find_administrator(session, actor.username)
        self._audit = audit
        self.status = state.status

    # --- checks -------------------------------------------------------------------------
    def refuse_on_conflict_of_interest(self) -> None:
        recused = recusal_for(self.session, self.state.id, self.username)
        if recused is not None:
            raise InputError(
                f"Du har lämnat över post {self.state.id} till {recused[0]} på grund av jäv "
                "och kan inte besluta om den."
            )

    def require_undecided(self) -> None:
        """The item waits for a decision, or its last decision is the actor's own."""
        self.refuse_on_conflict_of_interest()
        status = self.state.status
        if status in UNDECIDED:
            return
        last = last_decision(self.session, self.state.id)
        if status in REVISABLE and last is not None and last.decided_by == self.username:
            return
        if last is not None:
            what = ACTION_PAST.get(last.action, last.action)
            raise InputError(f"Redan avgjord av {last.name} {local_time(last.decided_at)} ({what}).")
        raise InputError(
            f"Post {self.state.id} kan inte beslutas nu: den är {STATUS_TEXT.get(status, status)}."
        )

    def require_not_weeded(self) -> None:
        if self.state.status == ItemStatus.WEEDED:
            raise InputError(f"Post {self.state.id} är gallrad; inget finns kvar att besluta om.")

    # --- writes -------------------------------------------------------------------------
    def record_decision(
        self,
        action: str,
        *,
        reason: str | None = None,
        motivation: str = "",
        mode: str | None = None,
        details: dict[str, Any] | None = None,
        evidence_id: int | None = None,
    ) -> int:
        return self.session.execute(
            insert(Decision)
            .values(
                item_id=self.state.id,
                action=action,
                reason_code=reason,
                motivation=motivation,
                mode=mode,
                decided_by=self.username,
                administrator_id=self.admin.id,
                decided_at=self.now,
                details=details,
                evidence_id=evidence_id,
            )
            .returning(Decision.id)
        ).scalar_one()

    def set_status(self, status: str, **values: Any) -> None:
        self.status = status
        table = Item.__table__
        self.session.execute(
            update(table)
            .where(table.c.id == self.state.id)
            .values(status=status, row_version=table.c.row_version + 1, **values)
        )

    def audit(self, action: str, details: dict[str, Any] | None = None) -> None:
        self._audit.add(
            self.username,
            self.now,
            action,
            item_id=self.state.id,
            account_id=self.state.account_id,
            details=details,
        )


@contextmanager
def decision_scope(sessions: sessionmaker[Session], item_id: int, actor: Actor) -> Iterator[DecisionScope]:
    """One transaction: commits when the block ends, rolls back on any error."""
    with sessions.begin() as session:
        audit = AuditWriter(session)  # the lock: must be the transaction's first statement
        scope = DecisionScope(session, actor, load_item_state(session, item_id), audit)
        yield scope
        audit.flush()
