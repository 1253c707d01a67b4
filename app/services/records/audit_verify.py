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
from hashlib import sha256
from typing import Any

from sqlalchemy import Connection, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from app.core.canonical import sha256_hex
from app.core.messages import say
from app.models import AuditEvent, AuditHead, AuditSeal, Evidence
from app.models.seal_fast import details_json
from app.models.seals import HEAD_ID, KINDS, Unreadable, iso_time, stream_rows
from app.services.records import audit_parallel
from app.services.records import audit_said as said
from app.services.records.audit_chain import ChainState, end_of_chain, walk_chain
from app.services.records.audit_kinds import END as _END
from app.services.records.audit_kinds import Add, Deferred, check_kind, evidence_sqlite
from app.services.records.audit_rows import ROWS
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
    helper = audit_parallel.start(con, list(witnesses))
    if helper is not None:
        try:
            return _verify_two(con, witnesses, helper)
        finally:
            helper.stop()
    problems = _Problems()
    state = walk_chain(con, problems.add, witnesses)
    end_of_chain(con, problems.add, state)
    _check_head(con, problems.add, state)
    deferred = Deferred() if con.dialect.name == "sqlite" else None
    evidence_rows = _check_evidence(con, problems.add, state.recorded, deferred)
    records = sum(check_kind(con, problems.add, spec, deferred) for spec in KINDS.values())
    return problems.report(state.count, evidence_rows, records, len(witnesses))


def _verify_two(con: Connection, witnesses: Sequence[Witness], helper: audit_parallel.Helper) -> VerifyReport:
    """The same passes, the chain and the families it takes in the child; the problems added
    in the order _verify adds them."""
    deferred = Deferred()
    evidence_calls, add = audit_parallel.recorder()
    evidence_rows = _check_evidence(con, add, {}, deferred)  # the chain names no unsealed copy (below)
    kinds = audit_parallel.check_kinds(con, audit_parallel.taken(helper.turn))
    child = helper.result()
    state = child.chain
    if state.recorded:  # events that name copies without sealing them (before seals): again, with them
        deferred = Deferred()
        evidence_calls, add = audit_parallel.recorder()
        evidence_rows = _check_evidence(con, add, state.recorded, deferred)
    for kind, (checked, calls) in child.kinds.items():
        if calls and not child.same_head:  # Granska wrote meanwhile: this snapshot decides
            kinds.update(audit_parallel.check_kinds(con, (kind,)))
        else:
            kinds[kind] = (checked, calls)
    problems = _Problems()
    for call in child.chain_calls:
        problems.add(*call)
    end_of_chain(con, problems.add, state, helper.upto)
    _check_head(con, problems.add, state)
    for call in evidence_calls:
        problems.add(*call)
    records = deferred.replay(problems.add)
    for kind in KINDS:
        if kind != "evidence":
            checked, calls = kinds[kind]
            records += checked
            for call in calls:
                problems.add(*call)
    return problems.report(state.count, evidence_rows, records, len(witnesses))


def _check_head(con: Connection, add: Add, state: ChainState) -> None:
    head = con.execute(select(AuditHead.last_hash, AuditHead.count).where(AuditHead.id == HEAD_ID)).first()
    if head is None:
        add(_END, said.HEAD_MISSING)
    elif head[1] != state.count or head.last_hash != state.running:
        add(
            _END,
            say(said.HEAD_COUNT, state.count, head[1]),
        )


def _snapshot(session: Session) -> Connection:
    """All passes read one snapshot, so a decision committed meanwhile is not taken for a row
    added behind Granska's back (its event came after the chain pass)."""
    if session.get_bind().dialect.name == "postgresql":
        return session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    con = session.connection()
    if con.dialect.name == "sqlite" and not con.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        con.exec_driver_sql("BEGIN")  # the driver starts none for reads: each would see its own
    return con


def _stream(con: Connection, stmt: Any, rows: int) -> Iterator[Any]:
    """Rows (tuples) in batches, the cursor closed however the caller stops."""
    return stream_rows(con, stmt, rows)


def _check_evidence(
    con: Connection, add: Add, recorded: dict[int, tuple[str, int]], deferred: Deferred | None
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
                add(
                    _END + e_id,
                    say(said.EVIDENCE_CHANGED, e_id, e_item_id),
                    f"Bevis {e_id}",
                )
            continue
        if not intact or logged[0] != e_sha:
            add(
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
        add(
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
    for record_id, event_id, at, raw in _stream(con, stmt, ROWS):
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
