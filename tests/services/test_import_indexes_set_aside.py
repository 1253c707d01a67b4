"""#20: a large bulk import on SQLite sets the items' plain indexes aside and builds each once at
the end, sorted (app/models/bulk_indexes.py); a small import into a fuller database keeps them.
After either, and after a refused import, the schema is byte for byte a freshly migrated
database's; while the import runs, the window's readers keep the committed indexes."""

from __future__ import annotations

import os
import sqlite3
import threading

import pytest
from sqlalchemy import event

from app.cli import main
from app.core.errors import InputError
from app.models.db import open_database
from app.services.intake.importer import ImportService
from tests.faults.test_search_index import _big_file
from tests.helpers.items import add_accounts

PLAIN = {
    "ix_items_author", "ix_items_created", "ix_items_status_created", "ix_items_reason_created",
    "ix_items_search_keys", "ix_items_account_created", "ix_items_first_response", "ix_items_post",
    "ix_items_questions", "ix_items_waiting_questions",
}  # fmt: skip


def _schema(path) -> dict[tuple[str, str], str | None]:  # type: ignore[no-untyped-def]
    """Every index's and trigger's statement. (Tables are left out: two fresh migrations can
    order a table's foreign keys differently, SQLAlchemy's batch mode keeps them in a set.)"""
    con = sqlite3.connect(path)
    try:
        return {
            (t, n): sql
            for t, n, sql in con.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
            )
        }
    finally:
        con.close()


def _fresh(tmp_path) -> dict[tuple[str, str], str | None]:  # type: ignore[no-untyped-def]
    open_database(f"sqlite:///{tmp_path / 'fresh.db'}").dispose()
    return _schema(tmp_path / "fresh.db")


def _watched(db) -> list[str]:  # type: ignore[no-untyped-def]
    """The index statements the engine runs from now on."""
    seen: list[str] = []

    def note(_c, _cur, statement, *_a):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("DROP INDEX", "CREATE INDEX")):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    return seen


def test_a_large_import_builds_the_plain_indexes_once_and_leaves_the_migrated_schema(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'g.db'}")
    try:
        add_accounts(db.sessions)
        seen = _watched(db)
        result = ImportService(db.sessions).import_file(_big_file(tmp_path / "a.jsonl", 30_000, "alfa"))
        assert result.created == 30_000
    finally:
        db.dispose()
    dropped = {s.split('"')[1] for s in seen if s.startswith("DROP INDEX")}
    built = {s.split()[2] for s in seen if s.startswith("CREATE INDEX")}
    assert dropped == built == PLAIN  # the unique (account_id, external_id) the upsert reads stays
    assert _schema(tmp_path / "g.db") == _fresh(tmp_path)
    assert main(["--db", f"sqlite:///{tmp_path / 'g.db'}", "audit", "verify"]) == 0


def test_a_small_import_into_a_fuller_database_keeps_its_indexes(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'g.db'}")
    try:
        add_accounts(db.sessions)
        ImportService(db.sessions).import_file(_big_file(tmp_path / "a.jsonl", 30_000, "alfa"))
        seen = _watched(db)
        # 25k new items into 30k: fewer than are there, the rows go into the indexes.
        result = ImportService(db.sessions).import_file(_big_file(tmp_path / "b.jsonl", 25_000, "beta"))
        assert result.created == 25_000 and seen == []
    finally:
        db.dispose()
    assert _schema(tmp_path / "g.db") == _fresh(tmp_path)


def test_a_refused_large_import_changes_nothing_and_the_next_one_works(tmp_path):
    path = tmp_path / "a.jsonl"
    _big_file(path, 30_000, "alfa")
    with path.open("a", encoding="utf-8") as f:
        f.write('{"account":"fb","external_id":"bad","text":"x","created_at":"i går"}\n')
    db = open_database(f"sqlite:///{tmp_path / 'g.db'}")
    try:
        add_accounts(db.sessions)
        before = _schema(tmp_path / "g.db")
        seen = _watched(db)
        with pytest.raises(InputError, match="rad 30001"):
            ImportService(db.sessions).import_file(path)
        assert any(s.startswith("DROP INDEX") for s in seen)  # refused after they were set aside
        assert _schema(tmp_path / "g.db") == before
        with db.engine.connect() as con:
            assert con.exec_driver_sql("SELECT count(*) FROM items").scalar() == 0
        after = ImportService(db.sessions).import_file(_big_file(tmp_path / "b.jsonl", 25_000, "beta"))
        assert after.created == 25_000
    finally:
        db.dispose()
    assert _schema(tmp_path / "g.db") == _fresh(tmp_path)
    assert main(["--db", f"sqlite:///{tmp_path / 'g.db'}", "audit", "verify"]) == 0


def test_a_reader_keeps_the_indexes_while_a_large_import_runs(tmp_path):
    """The window's queue reads on its own connection during an import: it sees the committed
    schema, its queries keep their index plans, and it reads without waiting."""
    db = open_database(f"sqlite:///{tmp_path / 'g.db'}")
    plans: list[str] = []
    reader = sqlite3.connect(tmp_path / "g.db", timeout=0)

    def look(count: int) -> None:
        if count == 10_000:  # the first batches are in, the indexes set aside in the import's transaction
            names = {n for (n,) in reader.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            assert PLAIN <= names
            plan = reader.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM items WHERE status = 'new' "
                "ORDER BY created_at DESC, id DESC LIMIT 50"
            ).fetchall()
            plans.append(" ".join(str(row[-1]) for row in plan))

    try:
        add_accounts(db.sessions)
        seen = _watched(db)
        ImportService(db.sessions).import_file(_big_file(tmp_path / "a.jsonl", 30_000, "alfa"), look)
        assert any(s.startswith("DROP INDEX") for s in seen)
    finally:
        reader.close()
        db.dispose()
    assert plans and "ix_items_status_created" in plans[0]


@pytest.mark.not_on_windows("a named pipe (os.mkfifo) is a POSIX file; Windows has none")
def test_an_import_read_from_a_pipe_works_with_no_size_to_go_by(tmp_path):
    """A pipe has no size and cannot tell where it is: the import keeps the indexes and does
    not stop on the estimate (`granska import /dev/stdin`, a FIFO another program fills)."""
    pipe = tmp_path / "in.pipe"
    os.mkfifo(pipe)

    def fill() -> None:
        with pipe.open("w", encoding="utf-8") as f:
            for i in range(30_000):
                f.write(f'{{"account":"fb","external_id":"p{i}","text":"Rad {i}",')
                f.write('"created_at":"2026-05-01T12:00:00+02:00"}\n')

    writer = threading.Thread(target=fill)
    writer.start()
    db = open_database(f"sqlite:///{tmp_path / 'g.db'}")
    try:
        add_accounts(db.sessions)
        seen = _watched(db)
        assert ImportService(db.sessions).import_file(pipe).created == 30_000
        assert seen == []
    finally:
        writer.join()
        db.dispose()
