"""`granska queue` on a workstation's SQLite file without loading SQLAlchemy (two thirds of the
command's start-up): the same checks as opening the database (app/models/db.py: the file's
health, the schema at the newest revision, the search indexes and counters repaired by the same
code) and the queue's own statements, compiled by SQLAlchemy beforehand (quick_compile.py writes
quick_sql.py, a test keeps it current).

It answers what `granska queue` asks (statuses, accounts, platforms, a search through the FTS
index, and where roles are in use the accounts this login may see), and otherwise says None and
changes nothing, so the caller takes the whole way (which opens, migrates, repairs or refuses as
always): a team database, an unknown account, an account the login may not read (the refusal
is audited), roles it cannot read, a file that is new, damaged or of another schema.
"""

from __future__ import annotations

import binascii
import json
import os
import re
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from app.models import moved_aside
from app.models.db import DatabaseError, _sqlite_pragmas, raw_url
from app.models.fulltext import repair_fulltext, search_terms, sqlite_match_expression
from app.models.schema_heads import at_head
from app.models.sqlite_checks import SUSPECT_SUFFIX, _check_sqlite_file, _check_writable
from app.services.queue import quick_sql
from app.services.queue.shapes import ItemSummary, QueueFilter, summary_from_row

_SQLITE_PREFIX = "sqlite:///"
_POSTCOMPILE = re.compile(r"__\[POSTCOMPILE_(\w+)\]")


class _Result:
    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def one(self) -> Any:
        (row,) = self._rows
        return row

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


class _Connection:
    """What the repairs in app/models (fulltext, archive_index, queue_counts) use of SQLAlchemy's
    Connection, over a sqlite3 connection: exec_driver_sql passes the SQL to the driver as is."""

    dialect = SimpleNamespace(name="sqlite")

    def __init__(self, con: sqlite3.Connection) -> None:
        self.connection = SimpleNamespace(driver_connection=con)
        self._con = con

    def exec_driver_sql(self, sql: str, params: Sequence[Any] = ()) -> _Result:
        return _Result(self._con.execute(sql, tuple(params)).fetchall())


def _run(con: sqlite3.Connection, compiled: tuple[str, dict[str, Any]], values: dict[str, Any]) -> list[Any]:
    """A statement from quick_sql with `values` bound: lists expanded as SQLAlchemy would."""
    sql, binds = compiled
    params: dict[str, Any] = {}
    for name, (how, what) in binds.items():
        params[name] = values[what] if how == "value" else what

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        items = list(params.pop(name))
        for i, value in enumerate(items):
            params[f"{name}__{i}"] = value
        return ", ".join(f":{name}__{i}" for i in range(len(items)))

    return con.execute(_POSTCOMPILE.sub(expand, sql), params).fetchall()


def _decode(row: Sequence[Any]) -> list[Any]:
    """The column types' own conversions (UTCDateTime, JSON), as quick_compile found them."""
    out = list(row)
    for i, kind in enumerate(quick_sql.SUMMARY_DECODE):
        if out[i] is None:
            continue
        if kind == "utc":
            out[i] = datetime.fromisoformat(out[i]).replace(tzinfo=UTC)
        elif kind == "json":
            out[i] = json.loads(out[i])
    return out


def _sqlite_path(db: str | None) -> Path | None:
    raw = raw_url(db)
    if not raw.startswith(_SQLITE_PREFIX) or any(c in raw for c in "?%"):
        return None
    path = Path(raw[len(_SQLITE_PREFIX) :])
    if raw == _SQLITE_PREFIX or str(path) == ":memory:" or not path.is_file() or path.stat().st_size == 0:
        return None
    return path


def unpack(packed: str) -> tuple[str, dict[str, Any]]:
    """A statement of quick_sql_unions.PAGE_UNIONS (quick_compile.pack)."""
    sql, binds = json.loads(zlib.decompress(binascii.a2b_base64(packed)))
    return sql, binds


def _answerable(f: QueueFilter) -> bool:
    simple = not (f.reasons or f.questions_only or f.since or f.until or f.newest_first or f.by_deadline)
    return simple and len(f.statuses) <= quick_sql.MOST_STATUSES


def _visible_accounts(con: sqlite3.Connection, asked: tuple[str, ...]) -> tuple[str, ...] | None:
    """Where roles are in use, the accounts the whole way lists for this login: the same
    statements as roles.who_am_i, the same rule (role_rules.queue_accounts); None where the
    whole way would refuse (it writes the refusal to the audit log) or cannot read the roles."""
    from app.core.errors import InputError
    from app.core.login import os_username
    from app.services.accounts.role_rules import Me, parse_roles, queue_accounts

    username = os_username()
    found = _run(con, quick_sql.ADMINISTRATOR_BY_LOGIN, {"username": username})
    if not found:  # not in the register: no accounts of their own (roles.who_am_i)
        me = Me(username, username, None, (), (), True, "sqlite")
    else:
        admin_id, name, stored_roles = found[0]
        try:
            roles = parse_roles(stored_roles)
        except InputError:
            return None  # the whole way says which role it does not know
        mine = _run(con, quick_sql.ADMINISTERED_ACCOUNTS, {"administrator_id": admin_id})
        me = Me(username, name, admin_id, roles, tuple((i, k) for i, k in mine), True, "sqlite")
    listed, others = queue_accounts(me, asked, every=False)
    return None if others else listed


def _page_ids(con: sqlite3.Connection, f: QueueFilter, limit: int) -> list[int]:
    """paging.page_ids, from the compiled statements: a search with few matches sorted from its
    matches, otherwise the ordered walk of each status."""
    values: dict[str, Any] = {
        "statuses": f.statuses,
        "accounts": f.account_keys,
        "platforms": f.platforms,
        "limit": limit,
        "fts_query": sqlite_match_expression(f.search),
        **{f"status{i}": (code,) for i, code in enumerate(f.statuses)},
    }
    search = bool(search_terms(f.search))
    shape = (bool(f.account_keys), bool(f.platforms), search)
    if search and _run(con, quick_sql.SEARCH_PROBE, values)[0][0] < quick_sql.SEARCH_PROBE_CAP:
        statement = quick_sql.MATCHES_PAGE[page_key(int(bool(f.statuses)), *shape)]
    elif len(f.statuses) <= 1:
        statement = quick_sql.PAGE[page_key(len(f.statuses), *shape)]
    else:
        from app.services.queue.quick_sql_unions import PAGE_UNIONS

        statement = unpack(PAGE_UNIONS[page_key(len(f.statuses), *shape)])
    return [i for (i,) in _run(con, statement, values)]


def page_key(statuses: int, accounts: bool, platforms: bool, search: bool) -> str:
    """The key of a compiled page statement (quick_compile writes them under it)."""
    return f"statuses={statuses},accounts={int(accounts)},platforms={int(platforms)},search={int(search)}"


def checked_file(db: str | None, whole: bool | None = None) -> Path | None:
    """The workstation's SQLite file behind `db` when the quick reads may use it: no fault being
    tried, not marked for a full check, writable and sound (`whole` as _check_sqlite_file takes
    it); otherwise None, and the whole way opens it and says what is wrong."""
    if os.environ.get("GRANSKA_FAULT"):
        return None
    path = _sqlite_path(db)
    if path is None or path.with_name(path.name + SUSPECT_SUFFIX).exists():
        return None
    try:
        _check_writable(path)
        if _check_sqlite_file(path, whole) is not None:
            return None  # damaged: the whole way moves it aside
    except DatabaseError:
        return None  # the whole way says why
    return path


def quick_page(db: str | None, f: QueueFilter, limit: int) -> tuple[list[ItemSummary], list[str]] | None:
    """The first page of the queue under `f` and what the opening has to say (warnings, repairs),
    or None: take the whole way (QueueService over app.models.db.open_database)."""
    if not _answerable(f):
        return None
    path = checked_file(db)
    if path is None:
        return None
    con = sqlite3.connect(path, timeout=5)
    try:
        _sqlite_pragmas(con, None)
        con.execute("PRAGMA journal_mode=WAL")
        current = {v for (v,) in con.execute("SELECT version_num FROM alembic_version")}
        if not at_head(current):
            return None
        if f.account_keys:
            known = {k for (k,) in _run(con, quick_sql.ACCOUNTS_NAMED, {"accounts": f.account_keys})}
            if any(key not in known for key in f.account_keys):
                return None  # the whole way names the unknown account
        if _run(con, quick_sql.ROLES_IN_USE, {})[0][0]:
            accounts = _visible_accounts(con, f.account_keys)
            if accounts is None:
                return None
            f = replace(f, account_keys=accounts)
        try:
            messages = repair_fulltext(_Connection(con), count_rows=True)
            con.commit()
        except BaseException:
            con.rollback()
            raise
        ids = _page_ids(con, f, limit)
        rows = _run(con, quick_sql.SUMMARY, {"ids": ids}) if ids else []
    except sqlite3.Error:
        return None  # locked, read-only, odd: the whole way says it in words
    finally:
        con.close()
    found = {row[0]: summary_from_row(_decode(row)) for row in rows}
    warnings = [entry.warning(path) for entry in moved_aside.unacknowledged(path)]
    return [found[i] for i in ids if i in found], [*warnings, *messages]
