"""What the queue needs of the response promises: each account's promise, and how many
questions are overdue right now (counted in the database, as the statistics count them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Account
from app.services.context import Actor, acting
from app.services.stats import response_times as rt
from app.services.stats.promises import promise_of
from app.services.stats.watched_hours import Promise, overdue_cutoff

SINCE_EVER = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Deadlines:
    promises: dict[str, Promise]  # account key -> promise with a target
    overdue: int  # questions waiting longer than their account's promise, now
    now: datetime


def deadlines(sessions: sessionmaker[Session], actor: Actor | None = None) -> Deadlines:
    now = acting(sessions, actor).now()
    with sessions() as session:
        accounts = list(session.scalars(select(Account).where(Account.active.is_(True))))
        promises = {a.id: (a.key, promise_of(a)) for a in accounts}
        targets = {i: p for i, (_, p) in promises.items() if p.target_seconds is not None}
        cutoffs = {i: overdue_cutoff(p, now, p.target_seconds or 0) for i, p in targets.items()}
        ids = list(targets)
        overdue = 0
        if ids:
            found = rt.question_counts(session.connection(), SINCE_EVER, now, ids, cutoffs)
            overdue = sum(c["overdue"] for c in found.values())
    return Deadlines({key: p for i, (key, p) in promises.items() if i in targets}, overdue, now)
