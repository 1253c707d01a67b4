"""Alembic environment: the migrations are the only way Granska's schema is created."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from app.models import Base

config = context.config
target_metadata = Base.metadata

# Full-text machinery is created by hand in the migrations and is not in the models.
FTS_TABLE_PREFIX = "items_fts"
# The archive's index on SQLite (app/models/archive_index.py), kept by triggers.
# And the queue's tab counts (app/models/queue_counts.py), the statistics' (stats_counts.py,
# response_times_kept.py).
ARCHIVE_TABLES = ("archive_items", "archive_fts", "queue_counts", "stats_counts", "response_times")
PG_ONLY_COLUMNS = {("items", "search_vector"), ("evidence", "search_vector")}
PG_ONLY_INDEXES = {"ix_items_search_vector", "ix_evidence_search_vector"}


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    if type_ == "table" and name and name.startswith((FTS_TABLE_PREFIX, *ARCHIVE_TABLES)):
        return False
    if type_ == "column" and (obj.table.name, name) in PG_ONLY_COLUMNS:
        return False
    if type_ == "index" and name in PG_ONLY_INDEXES:
        return False
    return True


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("alembic.ini names no sqlalchemy.url and no connection was given")
        engine = create_engine(url)
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
