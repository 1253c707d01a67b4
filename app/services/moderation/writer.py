"""The inserts and updates of a decision's transaction.

On SQLite they go to the driver directly: SQLAlchemy's cost per statement is ten times the
driver's there, and a removal writes eight rows (bench/actions.py measures it; the importer does
the same for the same reason). Values are converted exactly as the column types would
(UTCDateTime, JSON, Boolean) and Python-side column defaults are applied, so what is read back
through SQLAlchemy is the same either way. Other databases go through SQLAlchemy Core.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Connection, Table, insert, update
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase

from app.core.errors import EnvironmentFault
from app.models import faults
from app.models.base import UTCDateTime, to_driver_datetime
from app.models.db_errors import environment_message

if TYPE_CHECKING:
    from app.models.base import AnySelect

Adapter = Callable[[Any], Any]


def _adapter(column: Any) -> Adapter | None:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return lambda v: to_driver_datetime(v, "sqlite")
    if isinstance(kind, JSON):
        return lambda v: None if v is None else json.dumps(v)
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else int(bool(v))
    return None


def _told(exc: sqlite3.Error, path: str) -> str:
    return environment_message(path, exc) or f"Databasen {path} kunde inte användas: {exc}"


class _Cursor:
    """The SQLite cursor, its errors (a locked database, a full disk) told as the environment's."""

    def __init__(self, cursor: sqlite3.Cursor, path: str) -> None:
        self._cursor = cursor
        self._path = path

    def execute(self, sql: str, params: Any) -> _Cursor:
        faults.before_statement(sql)
        try:
            self._cursor.execute(sql, params)
        except sqlite3.Error as exc:
            raise EnvironmentFault(_told(exc, self._path)) from exc
        return self

    def executemany(self, sql: str, rows: list[Any]) -> None:
        faults.before_statement(sql)
        try:
            self._cursor.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise EnvironmentFault(_told(exc, self._path)) from exc

    def fetchone(self) -> Any:
        return self._cursor.fetchone()


class Query:
    """A statement a decision's transaction runs every time (the item's state, the audit lock),
    built once at import. On SQLite it is compiled once, on first use, with SQLAlchemy's public
    compiler API (the SQL text, the bind names in order, each type's own processors), and then
    runs on the driver's cursor. tests/services/test_writer.py checks the rows against
    SQLAlchemy's own execution."""

    def __init__(self, stmt: AnySelect | UpdateBase) -> None:
        self.stmt = stmt
        self._sqlite: _Compiled | None = None

    def for_sqlite(self, dialect: Dialect) -> _Compiled:
        if self._sqlite is None:
            compiled = self.stmt.compile(dialect=dialect)
            assert isinstance(compiled, SQLCompiler)
            names = list(compiled.positiontup or [])
            binds = compiled.binds
            self._sqlite = _Compiled(
                compiled.string,
                names,
                {n: binds[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names},
                {n: bind.effective_value for n, bind in binds.items() if bind.value is not None},
                [c.type.dialect_impl(dialect).result_processor(dialect, None)
                 for c in self.stmt.exported_columns],
            )  # fmt: skip
        return self._sqlite


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: list[str]
    binds: dict[str, Adapter | None]
    defaults: dict[str, Any]
    results: list[Adapter | None]


class Writer:
    def __init__(self, con: Connection) -> None:
        self._con = con
        self._cursor: _Cursor | None = None
        driver = con.connection.dbapi_connection
        if con.dialect.name == "sqlite" and isinstance(driver, sqlite3.Connection):
            self._cursor = _Cursor(driver.cursor(), con.engine.url.database or "")

    def first(self, query: Query, params: dict[str, Any] | None = None) -> tuple[Any, ...] | None:
        """The first row of a query, its values converted by the columns' own types."""
        if self._cursor is None:
            row = self._con.execute(query.stmt, params or {}).first()
            return tuple(row) if row is not None else None
        form = query.for_sqlite(self._con.dialect)
        bound = {**form.defaults, **(params or {})}
        args = [bound[n] if (bind := form.binds[n]) is None else bind(bound[n]) for n in form.names]
        row = self._cursor.execute(form.sql, args).fetchone()
        if row is None:
            return None
        return tuple(p(v) if p is not None else v for p, v in zip(form.results, row, strict=True))

    def insert(self, table: Table, values: dict[str, Any]) -> int:
        """Insert one row; returns its id."""
        if self._cursor is None:
            return int(self._con.execute(insert(table).returning(table.c.id), values).scalar_one())
        row = _complete(table, values)
        self._cursor.execute(_insert_sql(table, tuple(row)) + " RETURNING id", _adapt(table, row))
        return int(self._cursor.fetchone()[0])

    def insert_many(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self._cursor is None:
            self._con.execute(insert(table), rows)
            return
        complete = [_complete(table, r) for r in rows]
        sql = _insert_sql(table, tuple(complete[0]))
        self._cursor.executemany(sql, [_adapt(table, r) for r in complete])

    def update_by_id(
        self, table: Table, row_id: int, values: dict[str, Any], *, bump_version: bool = False
    ) -> None:
        if self._cursor is None:
            extra = {"row_version": table.c.row_version + 1} if bump_version else {}
            self._con.execute(update(table).where(table.c.id == row_id).values(**values, **extra))
            return
        sets = ", ".join(f"{k} = :{k}" for k in values)
        if bump_version:
            sets += ", row_version = row_version + 1"
        self._cursor.execute(
            f"UPDATE {table.name} SET {sets} WHERE id = :row_id", {**_adapt(table, values), "row_id": row_id}
        )


_SQL: dict[tuple[str, tuple[str, ...]], str] = {}
_ADAPTERS: dict[str, dict[str, Adapter | None]] = {}


def _insert_sql(table: Table, keys: tuple[str, ...]) -> str:
    sql = _SQL.get((table.name, keys))
    if sql is None:
        sql = f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES ({', '.join(':' + k for k in keys)})"
        _SQL[(table.name, keys)] = sql
    return sql


_DEFAULTS: dict[str, list[tuple[str, Any]]] = {}


def _complete(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """The values plus the Python-side defaults SQLAlchemy would have filled in."""
    defaults = _DEFAULTS.get(table.name)
    if defaults is None:
        defaults = _DEFAULTS[table.name] = [
            (c.name, c.default) for c in table.columns if c.default is not None and not c.primary_key
        ]
    row = dict(values)
    for name, default in defaults:
        if name not in row:
            row[name] = default.arg(None) if default.is_callable else default.arg
    return row


def _adapt(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    adapters = _ADAPTERS.get(table.name)
    if adapters is None:
        adapters = _ADAPTERS[table.name] = {c.name: _adapter(c) for c in table.columns}
    out = {}
    for key, value in values.items():
        adapt = adapters[key]
        out[key] = adapt(value) if adapt is not None and value is not None else value
    return out
