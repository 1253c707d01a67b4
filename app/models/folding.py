"""Logins compared without regard to letter case, in SQL as in Python (`str.casefold`).

SQLite's own lower() folds only ASCII, so "ÅSA" and "åsa" would be two people there; every
SQLite connection gets `granska_casefold`, Python's casefold, and `casefold(x)` compiles to it.
PostgreSQL's lower() already folds by the database's locale."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

from app.models.sqlite_functions import SQLITE_FUNCTION, register_sqlite

__all__ = ["SQLITE_FUNCTION", "casefold", "register_sqlite"]


class casefold(GenericFunction[str]):  # noqa: N801 - a SQL function, named like one
    type = String()
    inherit_cache = True


@compiles(casefold)
def _lower(element: Any, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(casefold, "sqlite")
def _sqlite_casefold(element: Any, compiler: Any, **kw: Any) -> str:
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"
