"""Throw-away databases for tests: SQLite files in tmp, and fresh PostgreSQL databases copied
from a migrated template on the server scripts/test started."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def sqlite_url(directory: Path, name: str = "granska.db") -> str:
    return f"sqlite:///{directory / name}"


class PostgresFactory:
    def __init__(self, url: str) -> None:
        self._url = make_url(url)
        self._admin = create_engine(self._url, isolation_level="AUTOCOMMIT")
        self._counter = itertools.count()
        self._prefix = f"granska_t{os.getpid()}_"

    def url_for(self, name: str) -> str:
        return self._url.set(database=name).render_as_string(hide_password=False)

    def create(self) -> str:
        name = f"{self._prefix}{next(self._counter)}"
        with self._admin.connect() as con:
            con.execute(text(f'CREATE DATABASE "{name}"'))
        return name

    def drop(self, name: str) -> None:
        with self._admin.connect() as con:
            con.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        self._admin.dispose()
