"""What the audit chain seals besides its own events: the records a decision, a registration,
a notice, an escalation, a screenshot or an account change writes.

A seal is the SHA-256 of a record's canonical content, taken inside the transaction that wrote
the record and stored next to the event (`audit_seals`); the event's hash covers its seals. A
record that legitimately changes later (an item's status moving on, a notice being posted, a
diarienummer filled in) is sealed again by the event of that change, so `verify` compares each
record with its newest seal.

Content is read as the database driver returns it, without SQLAlchemy's type processing, and
made canonical here: the same function serves the writer and `verify`, so a value that cannot
be read (a time that is no time, JSON that is no JSON) is reported, never a traceback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Integer,
    LargeBinary,
    Table,
    bindparam,
    select,
    type_coerce,
)
from sqlalchemy.types import NullType

from app.core.canonical import canonical_json, sha256_hex
from app.core.messages import translate
from app.core.seal_text import GENESIS as GENESIS
from app.core.seal_text import GONE as GONE
from app.core.seal_text import NORMALISERS, Plan
from app.core.seal_text import WAITING as _WAITING
from app.core.seal_text import Unreadable as Unreadable
from app.core.seal_text import read_json as read_json
from app.core.seal_text import when as _when
from app.models import (
    Account,
    AccountAdministrator,
    Administrator,
    Decision,
    Escalation,
    Evidence,
    Item,
    Notice,
    Recusal,
    Registration,
    Screenshot,
    UTCDateTime,
)

HEAD_ID = 1


@dataclass(frozen=True)
class SealedKind:
    kind: str
    label: str  # Swedish, as verify names the record
    table: Table
    columns: tuple[str, ...]
    # Every row must carry a seal (rows of an unsealed kind, e.g. imported items, are sealed
    # only once an event names them).
    required: bool = True


def _kind(
    kind: str,
    label: str,
    model: Any,
    *,
    exclude: tuple[str, ...] = (),
    only: tuple[str, ...] = (),
    required: bool = True,
) -> SealedKind:
    table = model.__table__
    names = only or tuple(c.name for c in table.columns if c.name not in exclude)
    return SealedKind(kind, label, table, names, required)


# Left out, on purpose: an account's sync bookkeeping, keyring name and token bookkeeping (the
# scopes a refresh reports, when the token last worked: they change on every sync or refresh; the
# secret itself is never in the database), a registration's `exported_at` (the export
# that set it is itself witnessed, below), an item's text and flags (imported, not decided:
# only its status is what a decision sets).
KINDS: dict[str, SealedKind] = {
    k.kind: k
    for k in (
        # the copy itself through its SHA-256, which verify checks against the payload
        _kind("evidence", translate("Core", "Bevis"), Evidence, exclude=("payload",)),
        _kind("decision", translate("Core", "Beslut"), Decision),
        _kind("registration", translate("Core", "Diarieföring"), Registration, exclude=("exported_at",)),
        _kind("notice", translate("Core", "Meddelande"), Notice),
        _kind("escalation", translate("Core", "Eskalering"), Escalation),
        _kind("recusal", translate("Core", "Jäv"), Recusal),
        _kind("screenshot", translate("Core", "Skärmdump"), Screenshot),
        _kind("item", translate("Core", "Post"), Item, only=("id", "status"), required=False),
        _kind(
            "account",
            translate("Core", "Konto"),
            Account,
            exclude=(
                "last_sync_at",
                "sync_state",
                "credential_ref",
                "granted_scopes",
                "token_ok_at",
            ),
        ),  # fmt: skip
        _kind("administrator", translate("Core", "Administratör"), Administrator),
        _kind("account_administrator", translate("Core", "Kontoadministratör"), AccountAdministrator),
    )
}

# The ids an event's details name, sealed with the event without being asked for.
DETAIL_KEYS = {f"{k}_id": k for k in KINDS if k not in ("item", "account")}


def event_hash(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    item_id: int | None,
    account_id: int | None,
    details: dict[str, Any] | None,
    seals: str | None = None,
) -> str:
    return event_hash_at(prev_hash, at.isoformat(), actor, action, item_id, account_id, details, seals)


def event_hash_at(
    prev_hash: str,
    at: str,  # the time's isoformat(), as iso_time gives it
    actor: str,
    action: str,
    item_id: int | None,
    account_id: int | None,
    details: dict[str, Any] | None,
    seals: str | None = None,
) -> str:
    content = {
        "prev": prev_hash,
        "at": at,
        "actor": actor,
        "action": action,
        "item": item_id,
        "account": account_id,
        "details": details or {},
    }
    if seals is not None:  # events written before seals existed hash exactly as they did
        content["seals"] = seals
    return sha256_hex(canonical_json(content))


def read_time(value: Any) -> datetime:
    """A UTCDateTime column's value as stored, read without trusting it."""
    return datetime.fromisoformat(_when(value))


def iso_time(value: Any) -> str:
    """read_time(value).isoformat(), without building the datetime twice; raises Unreadable."""
    return _when(value)


def _code(column: Column[Any]) -> str | None:
    """The name of the column's normaliser in seal_text.NORMALISERS (None: none)."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "time"
    if isinstance(kind, JSON):
        return "json"
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, LargeBinary):
        return "binary"
    return None


def _normaliser(column: Column[Any]) -> Any:
    code = _code(column)
    return None if code is None else NORMALISERS[code]


def plan(spec: SealedKind) -> Plan:
    """The kind's columns as seal_text.digester reads them (no table needed)."""
    return tuple(
        (name, _code(spec.table.c[name]), isinstance(spec.table.c[name].type, Integer))
        for name in spec.columns
    )


def raw_columns(spec: SealedKind) -> list[Any]:
    """The columns as the driver stores them (no result processing that could raise)."""
    return [type_coerce(spec.table.c[name], NullType()).label(name) for name in spec.columns]


_NORMALISERS: dict[SealedKind, list[Any]] = {}


def digest(spec: SealedKind, values: Iterable[Any]) -> str:
    """SHA-256 of the record's canonical content; raises Unreadable."""
    content = {}
    plan = _NORMALISERS.get(spec)
    if plan is None:
        plan = _NORMALISERS[spec] = [(name, _normaliser(spec.table.c[name])) for name in spec.columns]
    item = spec.kind == "item"
    for (name, normalise), value in zip(plan, values, strict=True):
        if value is None:
            continue  # absent: a column added later (and still empty) leaves old seals valid
        if normalise is not None:
            value = normalise(value)
        if item and value in _WAITING:
            value = "waiting"
        if isinstance(value, (bytes, memoryview)):  # noqa: UP038  (the tuple is the faster test)
            value = hashlib.sha256(bytes(value)).hexdigest()
        content[name] = value
    try:  # a lone surrogate (a JSON column's "\\ud800") has no UTF-8: UnicodeEncodeError
        return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
    except (TypeError, ValueError):
        raise Unreadable(translate("Core", "innehållet kan inte läsas")) from None


def current_digests(con: Connection, kind: str, ids: Iterable[int]) -> dict[int, str]:
    """The seal of each record as it is now: GONE for a record that is not there. Inside the
    writing transaction, so what is sealed is what that transaction wrote."""
    spec = KINDS[kind]
    wanted = sorted(set(ids))
    found: dict[int, str] = {}
    at = spec.columns.index("id")
    for start in range(0, len(wanted), 500):
        for row in _rows_by_id(con, spec, wanted[start : start + 500]):
            record_id = row[at]
            try:
                found[record_id] = digest(spec, row)
            except Unreadable:
                found[record_id] = "?"  # sealed as unreadable: verify will say so
    return {i: found.get(i, GONE) for i in wanted}


_BY_ID: dict[str, Any] = {}
_SQL: dict[tuple[str, int], str] = {}


def _rows_by_id(con: Connection, spec: SealedKind, ids: list[int]) -> Iterable[Any]:
    """On SQLite straight through the driver (a decision seals five records; SQLAlchemy's cost
    per statement is ten times the driver's there), which returns the same raw values."""
    if con.dialect.name == "sqlite":
        cursor = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        sql = _SQL.get((spec.kind, len(ids)))
        if sql is None:
            columns = ", ".join(f'"{c}"' for c in spec.columns)
            marks = ", ".join("?" * len(ids))
            sql = _SQL[(spec.kind, len(ids))] = (
                f"SELECT {columns} FROM {spec.table.name} WHERE id IN ({marks})"
            )
        rows: Iterable[Any] = cursor.execute(sql, ids)
        return rows
    stmt = _BY_ID.get(spec.kind)
    if stmt is None:
        stmt = _BY_ID[spec.kind] = select(*raw_columns(spec)).where(
            spec.table.c.id.in_(bindparam("ids", expanding=True))
        )
    return con.execute(stmt, {"ids": ids})


def seals_digest_line(kind: str, record_id: int, sha: str) -> bytes:
    return f"{kind}:{record_id}:{sha}\n".encode()


class SealHasher:
    """The digest an event's hash covers: its seals in `seq` order."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self.count = 0

    def add(self, kind: str, record_id: int, sha: str) -> None:
        self._h.update(seals_digest_line(kind, record_id, sha))
        self.count += 1

    def hexdigest(self) -> str | None:
        return self._h.hexdigest() if self.count else None


def iter_latest(con: Connection, kind: str) -> Iterator[tuple[int, int, str]]:
    """(record id, event id, seal) of each record's newest seal, ordered by record id."""
    from app.models import AuditSeal

    stmt = (
        select(AuditSeal.record_id, AuditSeal.event_id, AuditSeal.sha256)
        .where(AuditSeal.kind == kind)
        .order_by(AuditSeal.record_id, AuditSeal.event_id)
    )
    last: tuple[int, int, str] | None = None
    for row in stream_rows(con, stmt, 2000):
        if not isinstance(row[0], int) or not isinstance(row[1], int):
            continue  # an unreadable record or event id: the seal no longer matches its event's hash
        if last is not None and row[0] != last[0]:
            yield last
        last = (row[0], row[1], row[2])
    if last is not None:
        yield last


def stream_rows(con: Connection, stmt: Any, rows: int) -> Iterator[Any]:
    """The statement's rows as tuples, in batches, the cursor closed however the caller stops.
    On SQLite straight from the driver's cursor (in the connection's transaction): `audit verify`
    reads millions of rows, and SQLAlchemy's result costs more per row than the reading itself.
    Elsewhere through a server-side cursor."""
    for batch in stream_batches(con, stmt, rows):
        yield from batch


def stream_batches(con: Connection, stmt: Any, rows: int) -> Iterator[Sequence[Any]]:
    """stream_rows a batch at a time (a loop over a million rows saves a generator per row)."""
    if con.dialect.name == "sqlite":
        sql, params = sqlite_sql(con, stmt)
        cursor = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(rows):
                yield batch
        finally:
            cursor.close()
        return
    with con.execute(stmt.execution_options(yield_per=rows)) as result:
        yield from result.partitions()


def sqlite_sql(con: Connection, stmt: Any) -> tuple[str, list[Any]]:
    """The statement as SQLite's text and its parameters, for the bare driver."""
    compiled = stmt.compile(dialect=con.dialect)
    params = compiled.construct_params()
    return str(compiled), [params[name] for name in compiled.positiontup or ()]
