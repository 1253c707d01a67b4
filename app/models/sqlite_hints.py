"""Table hints on SQLite (kept out of app/models/db.py, which opens a file without SQLAlchemy)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.sqlite.base import SQLiteCompiler


class SQLiteHintCompiler(SQLiteCompiler):
    """Renders `select(...).with_hint(Item, "INDEXED BY ix_…", "sqlite")` after the table name,
    SQLite's place for it (SQLAlchemy's SQLite dialect renders no table hints)."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text
