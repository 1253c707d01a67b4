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

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, select

from app.core.messages import say, told, translate
from app.models import AuditSeal
from app.models.seal_fast import digester
from app.models.seals import GONE, KINDS, SealedKind, Unreadable, iter_latest, raw_columns, stream_rows

END = 10**12  # sort key of problems that belong to no event

Add = Callable[..., None]  # _Problems.add(key, message, record=None)


def check_kind(con: Connection, add: Add, spec: SealedKind, evidence: Deferred | None = None) -> int:
    """The number of records read. `evidence`: the evidence copies were checked during the
    payload pass (SQLite), their problems kept there."""
    if evidence is not None and spec.kind == "evidence":
        return evidence.replay(add)
    if con.dialect.name == "sqlite":
        return _check_sqlite(con, add, spec)
    return _check_merged(con, add, spec)


class _Names:
    def __init__(self, spec: SealedKind) -> None:
        self.spec = spec
        self.at_id = spec.columns.index("id")
        told = "item_id" in spec.columns and spec.kind != "evidence"
        self.at_item = spec.columns.index("item_id") if told else None

    def __call__(self, row: Sequence[Any]) -> tuple[str, str]:  # only for a problem
        about = say(translate("Core", " (post %1)"), row[self.at_item]) if self.at_item is not None else ""
        return say("%1 %2", self.spec.label, row[self.at_id]), about


Digest = Callable[[Sequence[Any]], str]


def _compare(add: Add, names: _Names, digest: Digest, row: Sequence[Any], event_id: int, sha: str) -> None:
    try:
        now = digest(row)
    except Unreadable as exc:
        name, about = names(row)
        add(
            event_id,
            say(
                translate("Core", "%1%2 har ett oläsbart värde (%3): den har ändrats efter händelse %4."),
                name,
                about,
                told(exc),
                event_id,
            ),
            name,
        )
        return
    if now == sha:
        return
    name, about = names(row)
    if sha == GONE:
        gone = translate("Core", "%1%2 togs bort enligt händelse %3 men finns igen.")
        add(event_id, say(gone, name, about, event_id), name)
    else:
        changed = translate("Core", "%1%2 har ändrats efter händelse %3, som förseglade den.")
        add(event_id, say(changed, name, about, event_id), name)


def _unsealed(add: Add, names: _Names, row: Sequence[Any]) -> None:
    name, about = names(row)
    add(
        END + row[names.at_id],
        say(
            translate("Core", "%1%2 finns inte i granskningsloggen: den har lagts till utanför Granska."),
            name,
            about,
        ),
        name,
    )


def _missing(add: Add, spec: SealedKind, record_id: Any, event_id: int, sha: str) -> None:
    if sha != GONE:
        name = say("%1 %2", spec.label, record_id)
        add(
            event_id,
            say(
                translate("Core", "%1, förseglad i händelse %2, saknas: den har raderats utanför Granska."),
                name,
                event_id,
            ),
            name,
        )


_LATEST = (
    "SELECT record_id, max(event_id) AS event_id, sha256 FROM audit_seals "
    "WHERE kind = ? AND typeof(record_id) = 'integer' AND typeof(event_id) = 'integer' GROUP BY record_id"
)
_UNSEALED = (
    "NOT EXISTS (SELECT 1 FROM audit_seals "
    "WHERE kind = ? AND record_id = t.id AND typeof(record_id) = 'integer' AND typeof(event_id) = 'integer')"
)


def _check_sqlite(con: Connection, add: Add, spec: SealedKind) -> int:
    table = spec.table.name
    columns = ", ".join(f't."{c}"' for c in spec.columns)
    # One row per sealed record: its newest seal (SQLite takes the bare columns of an aggregate
    # from the row holding the max) and the record, NULLs when it is gone. A seal whose record
    # id or event id is no integer is left out, as iter_latest leaves it: its event's hash no
    # longer holds, and the chain's walk reports it (a text event id would otherwise be taken
    # as the newest, max() sorting text after numbers, and break the problems' order).
    joined = (
        f"SELECT s.record_id, s.event_id, s.sha256, {columns} FROM ({_LATEST}) AS s "
        f"LEFT JOIN {table} AS t ON t.id = s.record_id"
    )
    names = _Names(spec)
    digest = digester(spec, offset=3)  # reads the record's columns after the seal's three
    present = 3 + names.at_id
    checked = 0
    cursor = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(joined, (spec.kind,))
        while batch := cursor.fetchmany(5000):
            for row in batch:
                if row[present] is None:
                    _missing(add, spec, row[0], row[1], row[2])
                    continue
                checked += 1
                try:
                    if digest(row) == row[2]:
                        continue
                except Unreadable:
                    pass
                _compare(add, names, digester(spec), row[3:], row[1], row[2])
        if spec.required:
            cursor.execute(
                f"SELECT {columns} FROM {table} AS t WHERE {_UNSEALED} ORDER BY t.id", (spec.kind,)
            )
            while batch := cursor.fetchmany(5000):
                for record in batch:
                    checked += 1
                    _unsealed(add, names, record)
    finally:
        cursor.close()
    return checked


def _check_merged(con: Connection, add: Add, spec: SealedKind) -> int:
    """Merge the table (by id) with each record's newest seal (by record id)."""
    rows = select(*raw_columns(spec)).order_by(spec.table.c.id)
    if not spec.required:
        rows = rows.where(spec.table.c.id.in_(select(AuditSeal.record_id).where(AuditSeal.kind == spec.kind)))
    seals = iter_latest(con, spec.kind)
    seal = next(seals, None)
    checked = 0
    digest = digester(spec)
    names = _Names(spec)
    for row in stream_rows(con, rows, 2000):
        row_id = row[names.at_id]
        while seal is not None and seal[0] < row_id:
            _missing(add, spec, *seal)
            seal = next(seals, None)
        checked += 1
        if seal is None or seal[0] != row_id:
            if spec.required:
                _unsealed(add, names, row)
            continue
        _compare(add, names, digest, row, seal[1], seal[2])
        seal = next(seals, None)
    while seal is not None:
        _missing(add, spec, *seal)
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
    names = _Names(spec)
    digest = digester(spec, offset=3)
    sealed = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    unsealed = con.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        sealed.execute(
            f"SELECT s.record_id, s.event_id, s.sha256, {columns}, {payload} FROM ({_LATEST}) AS s "
            "LEFT JOIN evidence AS t ON t.id = s.record_id",
            (spec.kind,),
        )
        unsealed.execute(
            f"SELECT {columns}, {payload} FROM evidence AS t WHERE {_UNSEALED} ORDER BY t.id", (spec.kind,)
        )
        other = unsealed.fetchone()
        last = -1
        for batch in iter(lambda: sealed.fetchmany(2000), []):
            for row in batch:
                if row[0] <= last:
                    raise RuntimeError("SQLite returned the seals out of record order")
                last = row[0]
                while other is not None and other[at_id] < row[0]:
                    deferred.checked += 1
                    _unsealed(deferred, names, other)
                    yield other[at_id], other[at_item], other[at_sha], other[-1]
                    other = unsealed.fetchone()
                record = row[3:-1]
                if record[at_id] is None:
                    _missing(deferred, spec, row[0], row[1], row[2])
                    continue
                deferred.checked += 1
                try:
                    if digest(row) != row[2]:
                        raise Unreadable
                except Unreadable:
                    _compare(deferred, names, digester(spec), record, row[1], row[2])
                yield record[at_id], record[at_item], record[at_sha], row[-1]
        while other is not None:
            deferred.checked += 1
            _unsealed(deferred, names, other)
            yield other[at_id], other[at_item], other[at_sha], other[-1]
            other = unsealed.fetchone()
    finally:
        sealed.close()
        unsealed.close()
