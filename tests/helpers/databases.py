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


# People who act on a PostgreSQL test database: there the acting administrator is the
# connection's login role (session_user), so a test that has "erik" decide connects as erik.
_people: list[object] = []


def create_login(admin_engine: object, username: str, *, superuser: bool = False) -> None:
    """A LOGIN role on the test cluster (trust authentication on 127.0.0.1), made once."""
    from sqlalchemy import Engine

    assert isinstance(admin_engine, Engine)
    options = "LOGIN SUPERUSER" if superuser else "LOGIN"
    with admin_engine.connect() as con:
        exists = con.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": username}).first()
        if exists is None:
            con.execute(text(f'CREATE ROLE "{username}" {options}'))
            con.commit()


def as_person(database, username: str):  # noqa: ANN001, ANN201 - a Database either way
    """The database as `username` reaches it: on SQLite the same file (the OS login is taken
    from the Actor or GRANSKA_USER); on PostgreSQL a connection as that login role, a superuser
    in the throw-away cluster for tests that are not about privileges."""
    from app.models.db import open_database

    if database.dialect != "postgresql":
        return database
    create_login(database.engine, username, superuser=True)
    url = database.engine.url.set(username=username).render_as_string(hide_password=False)
    person = open_database(url, migrate=False)
    _people.append(person)
    return person


def close_people() -> None:
    while _people:
        _people.pop().dispose()  # type: ignore[attr-defined]


def sessions_as(sessions, username: str):  # noqa: ANN001, ANN201 - a sessionmaker either way
    """`sessions` as `username` reaches the database (see as_person)."""
    from sqlalchemy.orm import sessionmaker

    bind = sessions.kw.get("bind")
    if bind is None or bind.dialect.name != "postgresql":
        return sessions
    create_login(bind, username, superuser=True)
    engine = create_engine(bind.url.set(username=username), pool_pre_ping=True)
    _people.append(engine)
    return sessionmaker(engine, expire_on_commit=False)


class password_required:  # noqa: N801 - used as a context manager, like a function
    """The throw-away cluster trusts every login on 127.0.0.1; inside this block `username` must
    give its password (SCRAM), as on a municipality's server. Only that role's line is added to
    pg_hba.conf (first, so it wins) and taken out again."""

    def __init__(self, admin_engine: object, username: str) -> None:
        from sqlalchemy import Engine

        assert isinstance(admin_engine, Engine)
        self._engine = admin_engine
        self._line = f"host all {username} 127.0.0.1/32 scram-sha-256  # granska test\n"

    def _reload(self) -> None:
        with self._engine.connect() as con:
            con.execute(text("SELECT pg_reload_conf()"))

    def __enter__(self) -> password_required:
        with self._engine.connect() as con:
            self._hba = Path(str(con.execute(text("SHOW hba_file")).scalar()))
        self._before = self._hba.read_text()
        self._hba.write_text(self._line + self._before)
        self._reload()
        return self

    def __exit__(self, *exc: object) -> None:
        self._hba.write_text(self._before)
        self._reload()
