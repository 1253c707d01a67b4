"""Opening the database: choosing the URL, tuning SQLite, moving a corrupt file aside and
bringing the schema up to date with the migrations."""

from __future__ import annotations

import logging
import os
import sys
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from app.core.errors import os_cause
from app.core.messages import say, translate
from app.models.db_errors import DatabaseError as DatabaseError  # its old home
from app.models.db_errors import environment_message
from app.models.schema_heads import at_head, known_revisions, migration_heads  # noqa: F401 - their old home
from app.models.sqlite_checks import SUSPECT_SUFFIX, _check_sqlite_file, _check_writable, _move_damaged
from app.version import APP_NAME, ORGANIZATION

# SQLAlchemy is imported where it is used, not here: `granska queue` reads a current SQLite file
# through these checks and app/services/queue/quick.py without it (a third of a second).
if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
ENV_VAR = "GRANSKA_DB"


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, ORGANIZATION))


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'granska.db'}"


def raw_url(explicit: str | None = None) -> str:
    """`--db URL` beats `GRANSKA_DB`, which beats the machine policy that IT deploys (the team
    database, app/core/machine_policy.py), which beats the SQLite file in the user's data folder."""
    chosen = explicit or os.environ.get(ENV_VAR)
    if chosen:
        return chosen
    from app.core.machine_policy import machine_policy

    return machine_policy().database or default_url()


def resolve_url(explicit: str | None = None) -> URL:
    """The address `raw_url` chooses, parsed."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    raw = raw_url(explicit)
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise DatabaseError(say(translate("Core", "Ogiltig databasadress: %1"), repr(raw))) from exc
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    # Things the user should be told about the opening, e.g. a search index rebuilt.
    messages: list[str] = field(default_factory=list)
    # Damaged files moved aside and not yet acknowledged (see moved_aside): said at every
    # opening, in `messages`, until an administrator acknowledges them.
    moved_aside: list[Any] = field(default_factory=list)
    # Opened with `defer_checks`: the checks that read the whole file or count every row are
    # still to run (app/models/deferred_checks.py), after the window shows the queue.
    checks_deferred: bool = False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    from app.models.sqlite_functions import register_sqlite

    register_sqlite(dbapi_connection)  # logins compared with Unicode case folding (Å is å)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def alembic_config(connection: Any | None = None) -> Config:
    from alembic.config import Config

    # stdout now, not Alembic's default (the sys.stdout of whenever alembic.config was first
    # imported, which since the import is lazy may be a stream that is closed by now).
    cfg = Config(stdout=sys.stdout)
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def create_db_engine(url: URL, *, arm_faults: bool = True) -> Engine:
    """`arm_faults=False`: a second engine on an open database, whose statements count toward
    the fault the first armed (app/models/faults.py)."""
    from sqlalchemy import create_engine, event

    from app.models import faults
    from app.models.sqlite_hints import SQLiteHintCompiler

    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 5})
        engine.dialect.statement_compiler = SQLiteHintCompiler
        event.listen(engine, "connect", _sqlite_pragmas)
        with engine.connect() as con:
            # WAL is a property of the file: set once, it stays.
            if sqlite_file(url) is not None:
                con.exec_driver_sql("PRAGMA journal_mode=WAL")
    else:
        from app.models.pg_timeouts import connect_args

        engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args(url))
        event.listen(engine, "connect", _remember_session_user(engine))
    faults.install(engine) if arm_faults else faults.watch(engine)
    return engine


# The login role of each PostgreSQL engine's connections: who acts there (see session_user).
_SESSION_USERS: WeakKeyDictionary[Engine, str] = WeakKeyDictionary()


def pg_lock_timeout_ms() -> int:
    """How long a statement waits for a PostgreSQL lock (GRANSKA_PG_LOCK_TIMEOUT_MS; tests
    shorten it)."""
    value = os.environ.get("GRANSKA_PG_LOCK_TIMEOUT_MS", "")
    return int(value) if value.isdigit() and int(value) > 0 else 15_000


def _remember_session_user(engine: Engine) -> Any:
    ref = weakref.ref(engine)

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SELECT session_user")
            name = cursor.fetchone()[0]
            # A lock another session holds (a colleague's long transaction, a psql session that
            # locked a table) ends in a clear message after this long, never a window that waits
            # for ever. Decisions on one item serialize far quicker than this.
            cursor.execute(f"SET lock_timeout = {pg_lock_timeout_ms()}")
            # A statement the server works on for longer than this is cancelled (a runaway
            # query never holds the window); a link that went silent is noticed by the TCP
            # settings in pg_timeouts.
            from app.models.pg_timeouts import statement_timeout_ms

            cursor.execute(f"SET statement_timeout = {statement_timeout_ms()}")
        finally:
            cursor.close()
        dbapi_connection.commit()
        target = ref()
        if target is not None:
            _SESSION_USERS[target] = str(name)

    return on_connect


def act_as(engine: Engine, username: str) -> None:
    """The local copy of a team database (app/services/offline/copy.py) is the person's own:
    on it they act as the team login that made it, as they will when it is replayed."""
    _SESSION_USERS[engine] = username


def session_user(engine: Engine) -> str | None:
    """On PostgreSQL the role this engine logs in as, asked of the server (not the URL: libpq
    may take it from PGUSER, a service file or Kerberos); None on SQLite, but for a local copy
    of a team database: the login that made it (`act_as`)."""
    if engine.dialect.name != "postgresql":
        return _SESSION_USERS.get(engine)
    name = _SESSION_USERS.get(engine)
    if name is None:
        with engine.connect() as con:
            name = str(con.exec_driver_sql("SELECT session_user").scalar_one())
        _SESSION_USERS[engine] = name
    return name


def _at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as con:
            current = set(con.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    except Exception as exc:  # noqa: BLE001 - no table yet, or anything odd: let Alembic decide
        from app.models.pg_timeouts import unreachable

        if unreachable(exc):  # asking again would wait out the timeout a second time
            raise
        return False
    return at_head(current)


def _refuse_newer_schema(engine: Engine) -> None:
    """A database a newer Granska has migrated: say so in one line and change nothing."""
    from sqlalchemy import inspect

    with engine.connect() as con:
        if not inspect(con).has_table("alembic_version"):
            return
        current = set(con.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    unknown = sorted(current - known_revisions())
    if unknown:
        from app.version import __version__

        raise DatabaseError(
            say(
                translate(
                    "Core",
                    "Databasen är från en nyare Granska (databasversion %1); den här är Granska %2 med "
                    "databasversion %3. Uppdatera Granska. Ingenting har ändrats.",
                ),
                ", ".join(unknown),
                __version__,
                ", ".join(sorted(migration_heads())),
            )
        )


def upgrade(engine: Engine) -> None:
    # Importing and running Alembic costs about a second of start-up: skip it when the schema is
    # already at the newest revision, which is every start but the first after an update.
    if _at_head(engine):
        return
    _refuse_newer_schema(engine)
    from alembic import command

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # a migration over a big table may take long
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        command.upgrade(alembic_config(connection), "head")


def check_search_index(engine: Engine, *, count_rows: bool = True) -> list[str]:
    from app.models.fulltext import repair_fulltext

    with engine.begin() as connection:
        repaired = repair_fulltext(connection, count_rows=count_rows)
    for message in repaired:
        log.info("%s", message)
    return repaired


def open_database(
    url: str | URL | None = None, *, migrate: bool = True, defer_checks: bool = False
) -> Database:
    """Open (creating if needed) and upgrade the database; raises DatabaseError for the user.
    `defer_checks` (the window): the checks that read the whole file or count every row are left
    to `app.models.deferred_checks.run_deferred_checks`, run once the queue is painted."""
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import sessionmaker

    resolved = url if isinstance(url, URL) else resolve_url(url)
    messages: list[str] = []
    moved: list[Any] = []
    path = sqlite_file(resolved)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                say(translate("Core", "Kan inte skapa mappen %1: %2"), path.parent, os_cause(exc))
            ) from exc
        _check_writable(path)
        suspect = path.with_name(path.name + SUSPECT_SUFFIX)
        deferring = defer_checks and not suspect.exists()  # found damaged: read whole now
        problem = _check_sqlite_file(path, whole=False if deferring else None)
        if problem is not None:
            _move_damaged(path, problem)
        if not deferring:
            suspect.unlink(missing_ok=True)
    engine = None
    try:
        engine = create_db_engine(resolved)
        if migrate:
            upgrade(engine)
            messages.extend(check_search_index(engine, count_rows=not defer_checks))
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one clear message
        from sqlalchemy.exc import SQLAlchemyError

        if engine is not None:
            engine.dispose()  # closed again: SQLite takes its -wal and -shm files away
        if isinstance(exc, DatabaseError):
            raise
        if isinstance(exc, SQLAlchemyError | OSError):
            from app.models.pg_timeouts import DatabaseUnreachable, unreachable

            where = path or resolved.render_as_string(hide_password=True)
            if path is None and unreachable(exc):
                raise DatabaseUnreachable.for_url(resolved, exc) from exc
            raise DatabaseError(
                environment_message(where, exc)
                or say(
                    translate("Core", "Kan inte öppna databasen %1: %2"),
                    where,
                    str(getattr(exc, "orig", exc)),
                )
            ) from exc
        raise
    if path is not None:
        from app.models import moved_aside

        moved = moved_aside.unacknowledged(path)
    sessions = sessionmaker(engine, expire_on_commit=False)
    warnings = [entry.warning(path) for entry in moved] if path is not None else []
    return Database(
        engine=engine,
        sessions=sessions,
        messages=[*warnings, *messages],
        moved_aside=moved,
        checks_deferred=defer_checks and migrate,
    )
