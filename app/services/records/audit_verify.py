"""`audit verify`: one ordered, streaming pass over the chain and its seals, then over each
sealed kind of record merged with its newest seals, then the witnesses of the chain's end.

Memory stays flat however long the log: rows arrive in id order through server-side cursors
and are merged, never collected (the evidence copies' own hashes, kept as before, are the one
map, one entry per evidence copy).
"""

from __future__ import annotations

import gc
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256
from itertools import chain
from typing import Any

from sqlalchemy import Connection, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from app.core.canonical import sha256_hex
from app.core.messages import say, told
from app.models import AuditEvent, AuditHead, AuditSeal, Evidence
from app.models.seal_fast import details_json, event_digest, seals_digest
from app.models.seals import (
    GENESIS,
    HEAD_ID,
    KINDS,
    Unreadable,
    iso_time,
    stream_batches,
    stream_rows,
)
from app.services.records import audit_said as said
from app.services.records.audit_kinds import END as _END
from app.services.records.audit_kinds import Deferred, check_kind, evidence_sqlite
from app.services.records.audit_witness import Witness


@dataclass(frozen=True)
class VerifyReport:
    events: int
    evidence: int
    problems: tuple[str, ...] = ()
    first_broken_event: int | None = None
    records: int = 0  # sealed records checked
    first_broken_record: str | None = None  # e.g. "Beslut 12"
    witnesses: int = 0

    @property
    def intact(self) -> bool:
        return not self.problems


class _Problems:
    def __init__(self) -> None:
        self._all: list[tuple[int, str, str | None]] = []
        self._named: set[str] = set()

    def add(self, key: int, message: str, record: str | None = None) -> None:
        if record is not None:
            if record in self._named:
                return  # one message per record: the first check that caught it
            self._named.add(record)
        self._all.append((key, message, record))

    def report(self, events: int, evidence: int, records: int, witnesses: int) -> VerifyReport:
        self._all.sort(key=lambda p: p[0])
        first = next((key for key, _, _ in self._all if key < _END), None)
        record = next((r for _, _, r in self._all if r is not None), None)
        return VerifyReport(
            events, evidence, tuple(m for _, m, _ in self._all), first, records, record, witnesses
        )


def _stamp(value: Any) -> str:
    if isinstance(value, str):  # an iso_time
        value = datetime.fromisoformat(value)
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else said.UNKNOWN_TIME


def verify_chain(session: Session, witnesses: Sequence[Witness] = ()) -> VerifyReport:
    # The pass builds millions of short-lived tuples and strings, none in a cycle: the cycle
    # collector would walk the young ones every 700 allocations for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _verify(session, witnesses)
    finally:
        if collecting:
            gc.enable()


def _verify(session: Session, witnesses: Sequence[Witness]) -> VerifyReport:
    con = _snapshot(session)
    problems = _Problems()
    count, running, recorded = _walk_chain(con, problems, witnesses)
    head = con.execute(select(AuditHead.last_hash, AuditHead.count).where(AuditHead.id == HEAD_ID)).first()
    if head is None:
        problems.add(_END, said.HEAD_MISSING)
    elif head[1] != count or head.last_hash != running:
        problems.add(
            _END,
            say(said.HEAD_COUNT, count, head[1]),
        )
    deferred = Deferred() if con.dialect.name == "sqlite" else None
    evidence_rows = _check_evidence(con, problems, recorded, deferred)
    records = sum(check_kind(con, problems.add, spec, deferred) for spec in KINDS.values())
    return problems.report(count, evidence_rows, records, len(witnesses))


def _snapshot(session: Session) -> Connection:
    """All passes read one snapshot, so a decision committed meanwhile is not taken for a row
    added behind Granska's back (its event came after the chain pass)."""
    if session.get_bind().dialect.name == "postgresql":
        return session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    con = session.connection()
    if con.dialect.name == "sqlite" and not con.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        con.exec_driver_sql("BEGIN")  # the driver starts none for reads: each would see its own
    return con


def _walk_chain(
    con: Connection, problems: _Problems, witnesses: Sequence[Witness]
) -> tuple[int, str, dict[int, tuple[str, int]]]:
    ordered = sorted((w for w in witnesses if w.count is not None), key=lambda w: w.count or 0)
    by_hash = {w.hash: w for w in witnesses if w.count is None}
    at_count = 0
    running = GENESIS
    count = 0
    # evidence id -> (sha256, event id), only for events that do not seal the copy they name
    # (written before seals, or changed): the others are read again, in order, by _logged
    recorded: dict[int, tuple[str, int]] = {}
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
    seals = _seals(con, problems)
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
            problems.add(
                ev_id,
                say(said.ORPHAN_SEALS, orphaned),
            )
        try:
            at = iso_time(ev_at)
            details = None if raw_details is None else details_json(raw_details)
            if details is not None and not isinstance(details, dict):
                raise Unreadable(said.DETAILS_NOT_OBJECT)
        except Unreadable as exc:
            problems.add(
                ev_id,
                say(said.EVENT_UNREADABLE, ev_id, action, told(exc)),
            )
            at, details = None, None
        if prev_hash != running:
            problems.add(
                ev_id,
                say(said.CHAIN_BREAKS, ev_id, action, _stamp(at)),
            )
        elif (
            at is not None
            and event_digest(prev_hash, at, actor, action, item_id, account_id, details, seals_digest(lines))
            != ev_hash
        ):
            problems.add(
                ev_id,
                say(said.EVENT_CHANGED, ev_id, action, _stamp(at)),
            )
        running = ev_hash
        while at_count < len(ordered) and ordered[at_count].count == count:
            w = ordered[at_count]
            if w.hash != running:
                problems.add(
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
    if pending is not None:
        problems.add(
            _END,
            say(said.SEALS_AFTER_END, pending[0]),
        )
    seals.close()
    for w in ordered[at_count:]:
        if (w.count or 0) > count:
            problems.add(
                _END,
                say(said.CUT_AFTER_WITNESS, count, w.source, w.count),
            )
    for w in by_hash.values():
        problems.add(
            _END,
            say(said.WITNESS_HASH_GONE, w.source, w.hash[:16]),
        )
    return count, running, recorded


def _seals(con: Connection, problems: _Problems) -> Generator[tuple[int, str, int, str]]:
    stmt = select(AuditSeal.event_id, AuditSeal.kind, AuditSeal.record_id, AuditSeal.sha256).order_by(
        AuditSeal.event_id, AuditSeal.seq
    )
    for batch in stream_batches(con, stmt, 5000):
        for row in batch:
            if type(row[0]) is not int:  # SQLite keeps what it is given; its event's hash breaks
                problems.add(
                    _END,
                    say(said.SEAL_ID_UNREADABLE, repr(str(row[0])[:40])),
                )
                continue
            yield row


def _stream(con: Connection, stmt: Any, rows: int) -> Iterator[Any]:
    """Rows (tuples) in batches, the cursor closed however the caller stops."""
    return stream_rows(con, stmt, rows)


def _check_evidence(
    con: Connection, problems: _Problems, recorded: dict[int, tuple[str, int]], deferred: Deferred | None
) -> int:
    rows = 0
    copies: Iterator[tuple[int, Any, Any, Any]]
    if deferred is not None:  # SQLite: with their seals, the payload as its stored UTF-8
        copies = evidence_sqlite(con, deferred)
    else:
        stmt = select(Evidence.id, Evidence.item_id, Evidence.sha256, Evidence.payload).order_by(Evidence.id)
        copies = _stream(con, stmt, 200)
    stream = _logged(con)
    ahead = next(stream, None)
    for e_id, e_item_id, e_sha, payload in copies:
        rows += 1
        while ahead is not None and ahead[0] < e_id:
            _add_gone(recorded, ahead)
            ahead = next(stream, None)
        logged = recorded.pop(e_id, None)
        if ahead is not None and ahead[0] == e_id:
            if logged is None or logged[1] < ahead[2]:
                logged = (ahead[1], ahead[2])
            ahead = next(stream, None)
        if type(payload) is bytes:  # the text's own UTF-8 (SQLite)
            intact = sha256(payload).hexdigest() == e_sha
        else:
            intact = isinstance(payload, str) and sha256_hex(payload) == e_sha
        if logged is None:  # its seal (below) says whether Granska wrote it and when
            if not intact:
                problems.add(
                    _END + e_id,
                    say(said.EVIDENCE_CHANGED, e_id, e_item_id),
                    f"Bevis {e_id}",
                )
            continue
        if not intact or logged[0] != e_sha:
            problems.add(
                logged[1],
                say(said.EVIDENCE_CHANGED_AFTER, e_id, e_item_id, logged[1]),
                f"Bevis {e_id}",
            )
    while ahead is not None:
        _add_gone(recorded, ahead)
        ahead = next(stream, None)
    stream.close()
    if isinstance(copies, Generator):
        copies.close()
    for evidence_id, (_sha, event_id) in sorted(recorded.items(), key=lambda r: r[1][1]):
        problems.add(
            event_id,
            say(said.EVIDENCE_GONE, evidence_id, event_id),
            f"Bevis {evidence_id}",
        )
    return rows


def _add_gone(recorded: dict[int, tuple[str, int]], logged: tuple[int, str, int]) -> None:
    """A copy the log names that the table lacks: kept with the newest event naming it."""
    known = recorded.get(logged[0])
    if known is None or known[1] < logged[2]:
        recorded[logged[0]] = (logged[1], logged[2])


def _logged(con: Connection) -> Generator[tuple[int, str, int]]:
    """(evidence id, sha256, event id) of the newest readable event that names the copy and
    seals it, ordered by evidence id: the same reading as the chain pass, one row at a time."""
    stmt = (
        select(
            AuditSeal.record_id,
            AuditEvent.id,
            type_coerce(AuditEvent.at, NullType()),
            type_coerce(AuditEvent.details, NullType()),
        )
        .join(AuditEvent, AuditEvent.id == AuditSeal.event_id)
        .where(AuditSeal.kind == "evidence")
        .order_by(AuditSeal.record_id, AuditSeal.event_id)
    )
    last: tuple[int, str, int] | None = None
    for record_id, event_id, at, raw in _stream(con, stmt, 2000):
        if last is not None and last[0] != record_id:
            yield last
            last = None
        if last is not None and last[2] == event_id:
            continue  # the same copy sealed twice by one event
        try:
            iso_time(at)
            details = details_json(raw)
        except Unreadable:
            continue
        if isinstance(details, dict) and details.get("evidence_id") == record_id:
            if isinstance(details["evidence_id"], int):
                last = (record_id, str(details.get("sha256")), event_id)
    if last is not None:
        yield last
