"""`audit verify`'s walk along the chain (audit_walk) through a connection: the statements that
read the events and their seals, one definition for verify and its second process (which runs
them, compiled for SQLite, through the bare driver: audit_parallel.start).

The walk may stop at a given event id (`upto`): events and their seals are only ever appended, so
the walk up to the last event of the verify's snapshot reads the same rows in any later snapshot,
and a second process can do it (audit_parallel). What lies past `upto` (seals of events that do
not exist) is then read in the verify's own snapshot by `end_of_chain`.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select, type_coerce
from sqlalchemy.types import NullType

from app.core.messages import say
from app.models import AuditEvent, AuditSeal
from app.models.seals import stream_batches
from app.services.records import audit_said as said
from app.services.records.audit_kinds import END as _END
from app.services.records.audit_kinds import Add
from app.services.records.audit_rows import ROWS
from app.services.records.audit_walk import ChainState as ChainState
from app.services.records.audit_walk import seal_rows, walk_rows

if TYPE_CHECKING:
    from app.services.records.audit_walk import Witnessed


def events_stmt(upto: int | None = None) -> Any:
    events = select(
        AuditEvent.id,
        type_coerce(AuditEvent.at, NullType()).label("at"),
        AuditEvent.actor,
        AuditEvent.action,
        AuditEvent.item_id,
        AuditEvent.account_id,
        type_coerce(AuditEvent.details, NullType()).label("details"),
        AuditEvent.prev_hash,
        AuditEvent.hash,
    ).order_by(AuditEvent.id)
    return events if upto is None else events.where(AuditEvent.id <= upto)


def seals_stmt(*, upto: int | None = None, after: int | None = None) -> Any:
    """Seals in (event id, seq) order; only those at or before `upto`, or only those after
    `after` (text sorts after numbers, so the two together are every seal, in the same order)."""
    stmt = select(AuditSeal.event_id, AuditSeal.kind, AuditSeal.record_id, AuditSeal.sha256).order_by(
        AuditSeal.event_id, AuditSeal.seq
    )
    if upto is not None:
        stmt = stmt.where(AuditSeal.event_id <= upto)
    if after is not None:
        stmt = stmt.where(AuditSeal.event_id > after)
    return stmt


def walk_chain(
    con: Connection, add: Add, witnesses: Sequence[Witnessed], upto: int | None = None
) -> ChainState:
    """Every event in id order (up to `upto`, when given) with its seals."""
    seals = seals_from(con, add, upto=upto)
    try:
        return walk_rows(stream_batches(con, events_stmt(upto), ROWS), seals, add, witnesses)
    finally:
        seals.close()


def end_of_chain(con: Connection, add: Add, state: ChainState, upto: int | None = None) -> None:
    """What the walk leaves: seals past the last event, witnesses past it. After a walk that
    stopped at `upto`, the seals past it are read here, in `con`'s snapshot."""
    pending = state.pending
    if upto is not None:
        tail = seals_from(con, add, after=upto)
        pending = next(tail, None)
        tail.close()
    if pending is not None:
        add(_END, say(said.SEALS_AFTER_END, pending[0]))
    count = state.count
    for w in state.ordered[state.at_count :]:
        if (w.count or 0) > count:
            add(
                _END,
                say(said.CUT_AFTER_WITNESS, count, w.source, w.count),
            )
    for w in state.by_hash.values():
        add(
            _END,
            say(said.WITNESS_HASH_GONE, w.source, w.hash[:16]),
        )


def seals_from(
    con: Connection, add: Add, *, upto: int | None = None, after: int | None = None
) -> Generator[tuple[int, str, int, str]]:
    """seals_stmt's seals, those whose event id is unreadable reported and left out."""
    return seal_rows(stream_batches(con, seals_stmt(upto=upto, after=after), ROWS), add)
