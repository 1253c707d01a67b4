"""A sessionmaker whose transactions run one more statement just before they commit, in the
same transaction: how an offline decision's journal entry (on the copy) and its replay record
(on the team database) commit together with the decision itself, or not at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from app.core.states import Action
from app.models import AuditEvent

DECIDING = frozenset(
    {Action.REMOVE, Action.KEEP, Action.REGISTER, Action.NOTIFY, Action.ANSWER, Action.FORWARD}
)


def sessions_with(engine: Engine, before_commit: Callable[[Session], None]) -> sessionmaker[Session]:
    cls: type[Session] = type("HookedSession", (Session,), {})
    event.listen(cls, "before_commit", before_commit)
    return sessionmaker(engine, class_=cls, expire_on_commit=False)


def decision_event(
    session: Session, after_id: int, item_id: int, actor: str, *, newest_only: bool = False
) -> Any:
    """The deciding audit event this transaction wrote for the item (None: it wrote none, e.g.
    a refusal's own log entry). `newest_only`: look at the item's newest event alone."""
    events = AuditEvent.__table__
    query = (
        select(events.c.id, events.c.action, events.c.actor)
        .where(events.c.id > after_id, events.c.item_id == item_id)
        .order_by(events.c.id.desc())
    )
    for row in session.execute(query.limit(1) if newest_only else query):
        if row.action in DECIDING and row.actor.casefold() == actor.casefold():
            return row
    return None


def last_event_id(session: Session) -> int:
    return int(
        session.scalar(select(AuditEvent.__table__.c.id).order_by(AuditEvent.__table__.c.id.desc()).limit(1))
        or 0
    )
