"""Compiles the queue's own statements (paging.ordered_page, paging.matches_page and the search
probe, listing.summary_statement and accounts_named, roles_used's roles_in_use and who the login
is, paging.kept_counts_statement) to SQLite's SQL for the quick reads (quick.py, quick_window.py),
which run them without loading SQLAlchemy. The SQL is written to quick_sql.py, the
several-status unions to quick_sql_unions.py (packed, loaded only for them);
tests/services/test_queue_quick.py fails when either is not what this compiles today. After
changing the queue's queries:

    python -m app.services.queue.quick_compile
"""

from __future__ import annotations

import base64
import json
import pprint
import sys
import zlib
from itertools import product
from pathlib import Path
from typing import Any

from sqlalchemy import JSON
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from app.core.states import ItemStatus
from app.models import UTCDateTime
from app.models.fulltext import sqlite_match_expression
from app.models.sqlite_hints import SQLiteHintCompiler
from app.services.accounts.roles_used import administered_accounts, administrator_by_login, roles_in_use
from app.services.queue.listing import _SUMMARY_COLUMNS, accounts_named, summary_statement
from app.services.queue.paging import (
    SEARCH_PROBE,
    kept_counts_statement,
    matches_page,
    ordered_page,
    search_probe,
)
from app.services.queue.quick import page_key
from app.services.queue.shapes import QueueFilter

TARGET = Path(__file__).with_name("quick_sql.py")
UNIONS_TARGET = Path(__file__).with_name("quick_sql_unions.py")

# Stand-ins for the values the quick read binds, recognised in the compiled parameters.
_LIMIT = 987_654_321
_SEARCH = "qqgranskasearchqq"
_MARKS: dict[Any, str] = {
    "\x00statuses": "statuses",
    "\x00accounts": "accounts",
    "\x00platforms": "platforms",
    "\x00username": "username",
    sqlite_match_expression(_SEARCH): "fts_query",
    -_LIMIT: "ids",
    -_LIMIT - 1: "administrator_id",
    **{f"\x00status{i}": f"status{i}" for i in range(len(ItemStatus))},
}
# Up to this many --status values are compiled (each its own ordered walk); more: the whole way.
MOST_STATUSES = len(ItemStatus)


def _compiled(stmt: Any) -> tuple[str, dict[str, tuple[str, Any]]]:
    """The SQL (named parameters; `__[POSTCOMPILE_x]` for a list) and what each parameter takes:
    ("value", the name of a value the quick read binds) or ("constant", the statement's own)."""
    dialect = SQLiteDialect_pysqlite(paramstyle="named")
    dialect.statement_compiler = SQLiteHintCompiler
    compiled = stmt.compile(dialect=dialect)
    binds: dict[str, tuple[str, Any]] = {}
    for name, value in compiled.params.items():
        mark = value[0] if isinstance(value, list | tuple) and len(value) == 1 else value
        if value == _LIMIT:
            binds[name] = ("value", "limit")
        elif isinstance(mark, str | int) and mark in _MARKS:
            binds[name] = ("value", _MARKS[mark])
        elif isinstance(value, int | str) and not isinstance(value, bool):
            binds[name] = ("constant", value)  # SQLite's OFFSET 0, the roles' empty text, the probe's cap
        else:
            raise ValueError(f"{name}={value!r}: a value the quick read does not know how to bind")
    return str(compiled), binds


def _filter(statuses: tuple[str, ...], accounts: bool, platforms: bool, search: bool) -> QueueFilter:
    return QueueFilter(
        statuses=statuses,
        account_keys=("\x00accounts",) if accounts else (),
        platforms=("\x00platforms",) if platforms else (),
        search=_SEARCH if search else "",
    )


def statements() -> dict[str, Any]:
    page: dict[str, Any] = {}
    unions: dict[str, Any] = {}
    matches: dict[str, Any] = {}
    for accounts, platforms, search in product((False, True), repeat=3):
        for n in range(MOST_STATUSES + 1):
            f = _filter(tuple(f"\x00status{i}" for i in range(n)), accounts, platforms, search)
            found = page if n <= 1 else unions  # several statuses: one ordered walk each, merged
            found[page_key(n, accounts, platforms, search)] = _compiled(
                ordered_page(f, "sqlite", None, _LIMIT)
            )
        if search:  # a search with few matches: sorted from the matches (paging.page_ids)
            for with_status in (False, True):
                f = _filter(("\x00statuses",) if with_status else (), accounts, platforms, search)
                matches[page_key(int(with_status), accounts, platforms, search)] = _compiled(
                    matches_page(f, "sqlite", None, _LIMIT)
                )
    decode = []
    for column in _SUMMARY_COLUMNS:
        kind = column.type
        decode.append("utc" if isinstance(kind, UTCDateTime) else "json" if isinstance(kind, JSON) else "")
    return {
        "PAGE": page,
        "PAGE_UNIONS": unions,
        "MATCHES_PAGE": matches,
        "MOST_STATUSES": MOST_STATUSES,
        "SEARCH_PROBE": _compiled(search_probe(_SEARCH)),
        "SEARCH_PROBE_CAP": SEARCH_PROBE,
        "SUMMARY": _compiled(summary_statement([-_LIMIT])),
        "SUMMARY_DECODE": tuple(decode),
        "ACCOUNTS_NAMED": _compiled(accounts_named(["\x00accounts"])),
        "ROLES_IN_USE": _compiled(roles_in_use()),
        "ADMINISTRATOR_BY_LOGIN": _compiled(administrator_by_login("\x00username")),
        "ADMINISTERED_ACCOUNTS": _compiled(administered_accounts(-_LIMIT - 1)),
        "KEPT_COUNTS": _compiled(kept_counts_statement(QueueFilter())),
    }


def sources() -> dict[Path, str]:
    """quick_sql.py, and quick_sql_unions.py with the several-status pages (loaded only for them)."""
    head = [
        '"""Generated by `python -m app.services.queue.quick_compile` from the queue\'s statements; do',
        'not edit (tests/services/test_queue_quick.py compares it with what they compile to today)."""',
        "",
        "# fmt: off",
    ]
    lines, unions = list(head), list(head)
    for name, value in statements().items():
        if name == "PAGE_UNIONS":
            unions.append(f"{name} = {{")
            for key, statement in sorted(value.items()):
                # One line a statement: packed data, not for reading (E501 off for this file).
                unions.append(f"  {key!r}: {pack(statement)!r},")
            unions.append("}")
        else:
            lines.append(f"{name} = {pprint.pformat(value, width=96, sort_dicts=True)}")
    return {TARGET: "\n".join(lines) + "\n", UNIONS_TARGET: "\n".join(unions) + "\n"}


def pack(statement: tuple[str, dict[str, tuple[str, Any]]]) -> str:
    """A union of up to MOST_STATUSES walks as zlib-packed JSON (unpacked by quick.unpack): the
    same walk repeated per status would make this file a megabyte and slow to load."""
    return base64.b64encode(zlib.compress(json.dumps(statement, sort_keys=True).encode(), 9)).decode()


if __name__ == "__main__":
    for target, text in sources().items():
        target.write_text(text, encoding="utf-8")
        sys.stdout.write(f"{target}\n")
