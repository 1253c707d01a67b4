"""`audit verify`'s check of each sealed kind of record: every row against its newest seal, every
seal against its row, every row of a kind that must be sealed against having a seal at all.

On SQLite the newest seal of each record and the record itself come as one row of one query (the
seals' index gives them in record order, the record by its primary key), so Python sees one row
per record instead of merging two streams of a million rows each; rows with no seal come from a
second query that is empty in an intact database. Elsewhere the table (by id) and the newest
seals (by record id) are merged here, both read through server-side cursors. Memory stays flat
either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, select

from app.models import AuditSeal
from app.models.seal_fast import digester
from app.models.seals import KINDS, SealedKind, Unreadable, iter_latest, plan, raw_columns, stream_rows
from app.services.records import audit_rows
from app.services.records.audit_rows import END as END  # sort key of problems that belong to no event
from app.services.records.audit_rows import LATEST, ROWS, UNSEALED, Family, Names, compare, missing, unsealed
from app.services.records.audit_rows import Add as Add  # _Problems.add(key, message, record=None)


def family(spec: SealedKind) -> Family:
    """The kind as audit_rows (and verify's second process) checks it: no table, its plan."""
    # plain str: a table's and its columns' names are SQLAlchemy's quoted_name, which the child
    # would import SQLAlchemy to unpickle
    columns = tuple(str(c) for c in spec.columns)
    named = tuple((str(name), code, integer) for name, code, integer in plan(spec))
    return Family(str(spec.kind), spec.label, str(spec.table.name), columns, spec.required, named)


def check_kind(con: Connection, add: Add, spec: SealedKind, evidence: Deferred | None = None) -> int:
    """The number of records read. `evidence`: the evidence copies were checked during the
    payload pass (SQLite), their problems kept there."""
    if evidence is not None and spec.kind == "evidence":
        return evidence.replay(add)
    if con.dialect.name == "sqlite":
        return _check_sqlite(con, add, spec)
    return _check_merged(con, add, spec)


def _check_sqlite(con: Connection, add: Add, spec: SealedKind) -> int:
    return audit_rows.check_sqlite(con.connection.dbapi_connection, add, family(spec))


def _check_merged(con: Connection, add: Add, spec: SealedKind) -> int:
    """Merge the table (by id) with each record's newest seal (by record id)."""
    rows = select(*raw_columns(spec)).order_by(spec.table.c.id)
    if not spec.required:
        rows = rows.where(spec.table.c.id.in_(select(AuditSeal.record_id).where(AuditSeal.kind == spec.kind)))
    seals = iter_latest(con, spec.kind)
    seal = next(seals, None)
    checked = 0
    digest = digester(spec)
    names = Names(family(spec))
    for row in stream_rows(con, rows, 2000):
        row_id = row[names.at_id]
        while seal is not None and seal[0] < row_id:
            missing(add, spec.label, *seal)
            seal = next(seals, None)
        checked += 1
        if seal is None or seal[0] != row_id:
            if spec.required:
                unsealed(add, names, row)
            continue
        compare(add, names, digest, row, seal[1], seal[2])
        seal = next(seals, None)
    while seal is not None:
        missing(add, spec.label, *seal)
        seal = next(seals, None)
    return checked


class Deferred:
    """Problems kept to be added later, in the order found (the evidence copies' seals are
    checked during the payload pass, but reported after it, as the kind check would)."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.checked = 0

    def __call__(self, *args: Any) -> None:
        self.calls.append(args)

    def replay(self, add: Add) -> int:
        for args in self.calls:
            add(*args)
        return self.checked


def evidence_sqlite(con: Connection, deferred: Deferred) -> Iterator[tuple[int, Any, Any, bytes | None]]:
    """(id, item id, sha256, payload as its stored UTF-8, None when it is no text) of every
    evidence copy in id order (SQLite), each checked against its newest seal on the way: the
    table, whose copies are most of the file, is read once instead of twice."""
    spec = KINDS["evidence"]
    columns = ", ".join(f't."{c}"' for c in spec.columns)
    payload = "CASE WHEN typeof(t.payload) = 'text' THEN CAST(t.payload AS BLOB) END"
    at_id, at_item, at_sha = (spec.columns.index(c) for c in ("id", "item_id", "sha256"))
    names = Names(family(spec))
    digest = digester(spec, offset=3)
    sealed = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    lone = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        sealed.execute(
            f"SELECT s.record_id, s.event_id, s.sha256, {columns}, {payload} FROM ({LATEST}) AS s "
            "LEFT JOIN evidence AS t ON t.id = s.record_id",
            (spec.kind,),
        )
        lone.execute(
            f"SELECT {columns}, {payload} FROM evidence AS t WHERE {UNSEALED} ORDER BY t.id", (spec.kind,)
        )
        other = lone.fetchone()
        last = -1
        for batch in iter(lambda: sealed.fetchmany(ROWS // 5), []):  # with their payloads
            for row in batch:
                if row[0] <= last:
                    raise RuntimeError("SQLite returned the seals out of record order")
                last = row[0]
                while other is not None and other[at_id] < row[0]:
                    deferred.checked += 1
                    unsealed(deferred, names, other)
                    yield other[at_id], other[at_item], other[at_sha], other[-1]
                    other = lone.fetchone()
                record = row[3:-1]
                if record[at_id] is None:
                    missing(deferred, spec.label, row[0], row[1], row[2])
                    continue
                deferred.checked += 1
                try:
                    if digest(row) != row[2]:
                        raise Unreadable
                except Unreadable:
                    compare(deferred, names, digester(spec), record, row[1], row[2])
                yield record[at_id], record[at_item], record[at_sha], row[-1]
        while other is not None:
            deferred.checked += 1
            unsealed(deferred, names, other)
            yield other[at_id], other[at_item], other[at_sha], other[-1]
            other = lone.fetchone()
    finally:
        sealed.close()
        lone.close()
