"""`audit verify`'s walk along the chain: each event against the one before it and its seals,
the witnesses of the chain's end at their counts, and the evidence copies events name without
sealing them (kept for the evidence pass).

The walk may stop at a given event id (`upto`): events and their seals are only ever appended, so
the walk up to the last event of the verify's snapshot reads the same rows in any later snapshot,
and a second process can do it (audit_parallel). What lies past `upto` (seals of events that do
not exist) is then read in the verify's own snapshot by `end_of_chain`.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from typing import Any

from sqlalchemy import Connection, select, type_coerce
from sqlalchemy.types import NullType

from app.core.messages import say, told
from app.models import AuditEvent, AuditSeal
from app.models.seal_fast import details_json, event_digest, seals_digest
from app.models.seals import GENESIS, Unreadable, iso_time, stream_batches
from app.services.records import audit_said as said
from app.services.records.audit_kinds import END as _END
from app.services.records.audit_kinds import Add
from app.services.records.audit_witness import Witness


@dataclass
class ChainState:
    """Where the walk ended: what the rest of verify needs (picklable, for audit_parallel)."""

    count: int = 0
    running: str = GENESIS
    # evidence id -> (sha256, event id), only for events that do not seal the copy they name
    # (written before seals, or changed): the others are read again, in order, by _logged
    recorded: dict[int, tuple[str, int]] = field(default_factory=dict)
    ordered: list[Witness] = field(default_factory=list)  # witnesses with a count, by count
    at_count: int = 0  # how many of `ordered` the walk has passed
    by_hash: dict[str, Witness] = field(default_factory=dict)  # bare hashes not yet seen
    pending: tuple[int, str, int, str] | None = None  # the first seal past the last event


def _stamp(value: Any) -> str:
    if isinstance(value, str):  # an iso_time
        value = datetime.fromisoformat(value)
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else said.UNKNOWN_TIME


def walk_chain(
    con: Connection, add: Add, witnesses: Sequence[Witness], upto: int | None = None
) -> ChainState:
    """Every event in id order (up to `upto`, when given) with its seals."""
    state = ChainState(
        ordered=sorted((w for w in witnesses if w.count is not None), key=lambda w: w.count or 0),
        by_hash={w.hash: w for w in witnesses if w.count is None},
    )
    ordered, by_hash, recorded = state.ordered, state.by_hash, state.recorded
    at_count = 0
    running = GENESIS
    count = 0
    sealed_evidence: set[int] = set()
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
    if upto is not None:
        events = events.where(AuditEvent.id <= upto)
    seals = seals_from(con, add, upto=upto)
    pending = next(seals, None)
    for (
        ev_id,
        ev_at,
        actor,
        action,
        item_id,
        account_id,
        raw_details,
        prev_hash,
        ev_hash,
    ) in chain.from_iterable(stream_batches(con, events, 5000)):
        count += 1
        lines: list[str] = []
        orphaned = None
        sealed_evidence.clear()
        while pending is not None and pending[0] <= ev_id:
            if pending[0] < ev_id:
                orphaned = pending[0]
            else:
                kind, record_id = pending[1], pending[2]
                lines.append(f"{kind}:{record_id}:{pending[3]}\n")  # seals_digest_line
                if kind == "evidence":
                    sealed_evidence.add(record_id)
            pending = next(seals, None)
        if orphaned is not None:
            add(
                ev_id,
                say(said.ORPHAN_SEALS, orphaned),
            )
        try:
            at = iso_time(ev_at)
            details = None if raw_details is None else details_json(raw_details)
            if details is not None and not isinstance(details, dict):
                raise Unreadable(said.DETAILS_NOT_OBJECT)
        except Unreadable as exc:
            add(
                ev_id,
                say(said.EVENT_UNREADABLE, ev_id, action, told(exc)),
            )
            at, details = None, None
        if prev_hash != running:
            add(
                ev_id,
                say(said.CHAIN_BREAKS, ev_id, action, _stamp(at)),
            )
        elif at is not None:
            try:
                digest = event_digest(
                    prev_hash, at, actor, action, item_id, account_id, details, seals_digest(lines)
                )
            except Unreadable as exc:
                add(ev_id, say(said.EVENT_UNREADABLE, ev_id, action, told(exc)))
            else:
                if digest != ev_hash:
                    add(ev_id, say(said.EVENT_CHANGED, ev_id, action, _stamp(at)))
        running = ev_hash
        while at_count < len(ordered) and ordered[at_count].count == count:
            w = ordered[at_count]
            if w.hash != running:
                add(
                    ev_id,
                    say(said.NOT_WITNESSED, ev_id, w.source),
                )
            at_count += 1
        by_hash.pop(running, None)
        if (
            isinstance(details, dict)
            and isinstance(details.get("evidence_id"), int)
            and details["evidence_id"] not in sealed_evidence
        ):
            recorded[details["evidence_id"]] = (str(details.get("sha256")), ev_id)
    seals.close()
    state.count, state.running, state.at_count, state.pending = count, running, at_count, pending
    return state


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
    """Seals in (event id, seq) order, those whose event id is unreadable reported and left
    out; only those at or before `upto`, or only those after `after` (text sorts after numbers,
    so the two together are every seal, in the same order)."""
    stmt = select(AuditSeal.event_id, AuditSeal.kind, AuditSeal.record_id, AuditSeal.sha256).order_by(
        AuditSeal.event_id, AuditSeal.seq
    )
    if upto is not None:
        stmt = stmt.where(AuditSeal.event_id <= upto)
    if after is not None:
        stmt = stmt.where(AuditSeal.event_id > after)
    for batch in stream_batches(con, stmt, 5000):
        for row in batch:
            if type(row[0]) is not int:  # SQLite keeps what it is given; its event's hash breaks
                add(
                    _END,
                    say(said.SEAL_ID_UNREADABLE, repr(str(row[0])[:40])),
                )
                continue
            yield row
