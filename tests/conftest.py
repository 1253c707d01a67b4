"""Shared fixtures: isolated user folders, and databases on SQLite and on the real PostgreSQL
server that scripts/test starts."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.helpers.databases import PostgresFactory, sqlite_url

pytest_plugins = [
    "tests.helpers.ci", "tests.helpers.keyrings", "tests.helpers.fixtures", "tests.helpers.disks",
]


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user's data, config or cache folders."""
    home = tmp_path_factory.mktemp("userdirs")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache")):  # fmt: skip
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("GRANSKA_DB", raising=False)
    monkeypatch.setenv("GRANSKA_USER", "testare")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresFactory | None]:
    url = os.environ.get("GRANSKA_TEST_PG_URL")
    if not url:
        yield None
        return
    factory = PostgresFactory(url)
    yield factory
    factory.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path, postgres: PostgresFactory | None) -> Iterator[str]:
    """A fresh, empty database URL on each backend (migrations not yet run)."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    if postgres is None:
        pytest.skip("PostgreSQL is not running (GRANSKA_TEST_PG_URL unset): use scripts/test")
    name = postgres.create()
    yield postgres.url_for(name)
    postgres.drop(name)


@pytest.fixture
def database(db_url: str):
    from app.models.db import open_database

    db = open_database(db_url)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_db(tmp_path):
    from app.models.db import open_database

    db = open_database(sqlite_url(tmp_path))
    yield db
    db.dispose()
