"""Shared fixtures: isolated user folders, and databases on SQLite and on the real PostgreSQL
server that scripts/test starts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.databases import PostgresFactory, close_people, sqlite_url

pytest_plugins = [
    "tests.helpers.ci",
    "tests.helpers.keyrings",
    "tests.helpers.fixtures",
    "tests.helpers.disks",
    "tests.helpers.private_postgres",
]


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user's data, config or cache folders, nor the machine's policy
    folder: on Linux through XDG_*, on Windows through APPDATA/LOCALAPPDATA/ProgramData and
    platformdirs' WIN_PD_OVERRIDE_* (platformdirs asks Windows itself, not the environment)."""
    home = tmp_path_factory.mktemp("userdirs")
    folders = {
        "XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache",
        "XDG_CONFIG_DIRS": "machine-config",
        "APPDATA": "Roaming", "LOCALAPPDATA": "Local", "PROGRAMDATA": "ProgramData",
        "WIN_PD_OVERRIDE_APPDATA": "Roaming", "WIN_PD_OVERRIDE_LOCAL_APPDATA": "Local",
        "WIN_PD_OVERRIDE_COMMON_APPDATA": "ProgramData",
    }  # fmt: skip
    for var, sub in folders.items():
        (home / sub).mkdir(exist_ok=True)
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("GRANSKA_DB", raising=False)
    monkeypatch.setenv("GRANSKA_USER", "testare")
    return home


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
    close_people()
    db.dispose()


@pytest.fixture
def sqlite_db(tmp_path):
    from app.models.db import open_database

    db = open_database(sqlite_url(tmp_path))
    yield db
    db.dispose()


@pytest.fixture
def pg_db(postgres: PostgresFactory | None):
    """A fresh, migrated PostgreSQL database only (the team database's own tests)."""
    from app.models.db import open_database

    if postgres is None:
        pytest.skip("PostgreSQL is not running (GRANSKA_TEST_PG_URL unset): use scripts/test")
    name = postgres.create()
    db = open_database(postgres.url_for(name))
    yield db
    close_people()
    db.dispose()
    postgres.drop(name)
