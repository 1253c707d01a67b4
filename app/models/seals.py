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
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Connection, LargeBinary, Table, bindparam, select, type_coerce
from sqlalchemy.types import NullType

from app.core.canonical import canonical_json, sha256_hex
from app.core.messages import say, translate
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

GENESIS = "0" * 64
HEAD_ID = 1
GONE = "-"  # the seal of a record removed on purpose


class Unreadable(ValueError):
    """A stored value that its column cannot hold: tampering, reported as such."""


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


def _when(value: Any) -> str:
    if type(value) is str and len(value) == 26 and value[10] == " " and value[19] == ".":
        # The form SQLAlchemy writes on SQLite (UTC, no zone): checked by the parser, then
        # written as the slow path below would (isoformat leaves out zero microseconds).
        # `audit verify` reads a few million of these.
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise Unreadable(say(translate("Core", "%1 är ingen tidpunkt"), repr(value[:60]))) from None
        if moment.tzinfo is None:
            fraction = "" if moment.microsecond == 0 else value[19:]
            return f"{value[:10]}T{value[11:19]}{fraction}+00:00"
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise Unreadable(say(translate("Core", "%1 är ingen tidpunkt"), repr(value[:60]))) from None
    else:
        raise Unreadable(say(translate("Core", "%1 är ingen tidpunkt"), repr(str(value)[:60])))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _json(value: Any) -> Any:
    if isinstance(value, str | bytes):
        try:
            return json.loads(value)
        except ValueError:
            raise Unreadable(translate("Core", "ogiltig JSON")) from None
    return value


def read_time(value: Any) -> datetime:
    """A UTCDateTime column's value as stored, read without trusting it."""
    return datetime.fromisoformat(_when(value))


def iso_time(value: Any) -> str:
    """read_time(value).isoformat(), without building the datetime twice; raises Unreadable."""
    return _when(value)


def read_json(value: Any) -> Any:
    return None if value is None else _json(value)


def _normaliser(column: Column[Any]) -> Any:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _when
    if isinstance(kind, JSON):
        return _json
    if isinstance(kind, Boolean):
        return lambda v: v if isinstance(v, bool) else (bool(v) if v in (0, 1) else v)
    if isinstance(kind, LargeBinary):
        return _binary
    return None


def _binary(value: Any) -> str:
    # bytes(n) of a number is n zero bytes: a number put in a binary column would be read as
    # a (possibly huge) image, or raise a traceback
    if isinstance(value, (bytes, bytearray, memoryview)):  # noqa: UP038
        return hashlib.sha256(bytes(value)).hexdigest()
    raise Unreadable(say(translate("Core", "%1 är inga binära data"), repr(str(value)[:60])))


def raw_columns(spec: SealedKind) -> list[Any]:
    """The columns as the driver stores them (no result processing that could raise)."""
    return [type_coerce(spec.table.c[name], NullType()).label(name) for name in spec.columns]


_NORMALISERS: dict[SealedKind, list[Any]] = {}
# An item waiting for a decision moves between these when its author edits it (the import
# flags it again), with no event: one sealed state, still told apart from every decided one.
_WAITING = frozenset({"new", "flagged"})


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
        compiled = stmt.compile(dialect=con.dialect)
        params = compiled.construct_params()
        cursor = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(str(compiled), [params[name] for name in compiled.positiontup or ()])
            while batch := cursor.fetchmany(rows):
                yield batch
        finally:
            cursor.close()
        return
    with con.execute(stmt.execution_options(yield_per=rows)) as result:
        yield from result.partitions()
