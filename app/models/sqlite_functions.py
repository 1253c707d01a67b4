"""The SQL functions every SQLite connection gets, registered without SQLAlchemy (app/models/db.py
and the quick read in app/services/queue/quick.py both open connections)."""

from __future__ import annotations

from typing import Any

SQLITE_FUNCTION = "granska_casefold"


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def register_sqlite(dbapi_connection: Any) -> None:
    """Logins compared with Unicode case folding, as app/models/folding.py compiles `casefold`."""
    dbapi_connection.create_function(SQLITE_FUNCTION, 1, _fold, deterministic=True)
