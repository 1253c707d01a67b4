from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from app.models import Account, Item
from app.models.db import DatabaseError, alembic_config, open_database, resolve_url


def test_migrations_build_the_schema_and_match_the_models(database):
    tables = set(inspect(database.engine).get_table_names())
    assert {
        "accounts",
        "items",
        "evidence",
        "decisions",
        "registrations",
        "notices",
        "screenshots",
        "audit_events",
        "settings",
        "administrators",
    } <= tables
    with database.engine.begin() as connection:
        # Raises when the models and the migrations disagree.
        command.check(alembic_config(connection))


def test_times_are_stored_in_utc_and_come_back_aware(database):
    stockholm_summer = timezone(timedelta(hours=2))
    with database.sessions.begin() as session:
        account = Account(key="fb", platform="facebook", name="FB")
        session.add(account)
        session.flush()
        session.add(
            Item(
                account_id=account.id,
                external_id="1",
                text="hej",
                created_at=datetime(2026, 6, 1, 14, 0, tzinfo=stockholm_summer),
            )
        )
    with database.sessions() as session:
        created = session.scalar(select(Item.created_at))
    assert created == datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    assert created.tzinfo is not None


def test_naive_times_are_refused(sqlite_db):
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError, match="naive datetime"):
        with sqlite_db.sessions.begin() as session:
            session.add(Account(key="fb", platform="facebook", name="FB", created_at=datetime(2026, 1, 1)))


def test_sqlite_connections_use_wal_and_foreign_keys(sqlite_db):
    with sqlite_db.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(database):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        with database.sessions.begin() as session:
            session.add(Item(account_id=999, external_id="x", text="", created_at=datetime.now(UTC)))


@pytest.mark.windows_only("Linux renames a file that another program holds open")
def test_a_corrupt_file_another_program_holds_open_is_named_and_left_alone(tmp_path):
    path = tmp_path / "granska.db"
    garbage = b"this is not a database at all" * 100
    path.write_bytes(garbage)
    with path.open("rb"):  # another Granska still has it open
        with pytest.raises(DatabaseError, match="används av ett annat program") as failed:
            open_database(f"sqlite:///{path}")
    assert "Ingenting har raderats" in str(failed.value)
    assert [p.name for p in tmp_path.iterdir()] == ["granska.db"] and path.read_bytes() == garbage


def test_a_corrupt_sqlite_file_is_moved_aside_not_deleted(tmp_path):
    path = tmp_path / "granska.db"
    garbage = b"this is not a database at all" * 100
    path.write_bytes(garbage)
    db = open_database(f"sqlite:///{path}")
    try:
        assert len(db.messages) == 1 and "skadad" in db.messages[0]
        moved = [p for p in tmp_path.iterdir() if p.name.startswith("granska.db.trasig-")]
        assert len(moved) == 1 and moved[0].read_bytes() == garbage
        # The fresh database works.
        with db.sessions() as session:
            assert session.scalars(select(Account)).all() == []
    finally:
        db.dispose()


def _granska_file_with_a_damaged_table(path, table):
    """A real Granska database, closed cleanly, with the root page of `table` overwritten."""
    db = open_database(f"sqlite:///{path}")
    with db.sessions.begin() as session:
        account = Account(key="fb", platform="facebook", name="FB")
        session.add(account)
        session.flush()
        session.add_all(
            Item(
                account_id=account.id,
                external_id=str(n),
                text="Snöröjning " * 40,
                created_at=datetime.now(UTC),
            )
            for n in range(300)
        )
        session.execute(text("INSERT INTO settings (key, value) VALUES ('x', '1')"))
    db.dispose()
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    assert not path.with_name(path.name + "-wal").exists()  # closed cleanly
    with path.open("r+b") as f:
        f.seek(page_size * (root - 1))
        f.write(b"\xff" * 64)


def test_a_damaged_page_deep_in_a_small_file_is_found_at_start(tmp_path):
    path = tmp_path / "granska.db"
    _granska_file_with_a_damaged_table(path, "items")
    db = open_database(f"sqlite:///{path}")
    try:
        assert len(db.messages) == 1 and "skadad" in db.messages[0]
        assert [p for p in tmp_path.iterdir() if p.name.startswith("granska.db.trasig-")]
    finally:
        db.dispose()


@pytest.mark.parametrize("table", ["settings", "accounts"])
def test_a_large_file_opens_without_reading_every_item_but_its_other_tables_are_checked(
    tmp_path, monkeypatch, table
):
    import app.models.sqlite_checks

    path = tmp_path / "granska.db"
    _granska_file_with_a_damaged_table(path, table)
    monkeypatch.setattr(app.models.sqlite_checks, "FULL_CHECK_BYTES", 0)  # every file counts as large
    db = open_database(f"sqlite:///{path}", migrate=False)
    try:
        assert len(db.messages) == 1 and "skadad" in db.messages[0]
    finally:
        db.dispose()


def test_a_large_file_left_by_a_crash_is_read_whole(tmp_path, monkeypatch):
    import app.models.sqlite_checks

    path = tmp_path / "granska.db"
    _granska_file_with_a_damaged_table(path, "items")
    monkeypatch.setattr(app.models.sqlite_checks, "FULL_CHECK_BYTES", 0)
    assert app.models.sqlite_checks._check_sqlite_file(path) is None  # a clean end: the items are not read
    path.with_name(path.name + "-wal").write_bytes(b"\0" * 32)  # what a crash leaves behind
    db = open_database(f"sqlite:///{path}")
    try:
        assert len(db.messages) == 1 and "skadad" in db.messages[0]
    finally:
        db.dispose()


def test_a_healthy_database_is_reopened_untouched(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    with db.sessions.begin() as session:
        session.add(Account(key="fb", platform="facebook", name="FB"))
    db.dispose()
    db = open_database(url)
    try:
        assert db.messages == []
        with db.sessions() as session:
            assert session.scalar(select(Account.key)) == "fb"
    finally:
        db.dispose()


def test_url_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("GRANSKA_DB", "sqlite:///from-env.db")
    assert resolve_url("sqlite:///explicit.db").database == "explicit.db"
    assert resolve_url(None).database == "from-env.db"
    monkeypatch.delenv("GRANSKA_DB")
    default = resolve_url(None)
    # The default lives in the user's data folder (here the test's isolated one).
    assert default.database.startswith(os.environ["LOCALAPPDATA" if os.name == "nt" else "XDG_DATA_HOME"])
    assert default.database.endswith("granska.db")
    assert resolve_url("postgresql://u@h/d").drivername == "postgresql+psycopg"


def test_a_bad_url_is_a_clear_error():
    with pytest.raises(DatabaseError, match="Ogiltig databasadress"):
        open_database("not a url at all")


def test_an_unreachable_server_is_a_clear_error():
    with pytest.raises(DatabaseError, match=r"Teamdatabasen på 127.0.0.1:1 nås inte \(anslutningen nekades"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_full_text_index_follows_inserts_updates_and_deletes(sqlite_db):
    with sqlite_db.sessions.begin() as session:
        account = Account(key="fb", platform="facebook", name="FB")
        session.add(account)
        session.flush()
        item = Item(
            account_id=account.id,
            external_id="1",
            text="simhallen stänger",
            author_name="Åsa",
            created_at=datetime.now(UTC),
        )
        session.add(item)
    raw = sqlite3.connect(sqlite_db.engine.url.database)

    def hits(word: str) -> int:
        return raw.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH ?", (word,)).fetchone()[0]

    assert hits("simhallen") == 1 and hits("åsa") == 1
    with sqlite_db.sessions.begin() as session:
        session.execute(text("UPDATE items SET text = 'biblioteket öppnar'"))
    assert hits("simhallen") == 0 and hits("biblioteket") == 1
    with sqlite_db.sessions.begin() as session:
        session.execute(text("DELETE FROM items"))
    assert hits("biblioteket") == 0
    raw.close()


def test_start_up_skips_alembic_when_the_schema_is_at_head(tmp_path):
    """Importing and running Alembic costs about a second; at head it is not needed."""
    from alembic.script import ScriptDirectory

    from app.models.db import MIGRATIONS_DIR, _at_head, migration_heads

    assert migration_heads() == set(ScriptDirectory(str(MIGRATIONS_DIR)).get_heads())
    db = open_database(f"sqlite:///{tmp_path / 'heads.db'}")
    assert _at_head(db.engine)
    with db.engine.begin() as con:
        # As it was just before the newest migration.
        command.downgrade(alembic_config(con), "-1")
    assert not _at_head(db.engine)
    db.dispose()
    again = open_database(f"sqlite:///{tmp_path / 'heads.db'}")  # upgrades the rest
    assert _at_head(again.engine)
    with again.engine.begin() as connection:
        command.check(alembic_config(connection))
    again.dispose()


def test_the_window_reads_a_crashed_large_file_whole_only_after_the_queue_shows(tmp_path, monkeypatch):
    """#20: opening for the window checks what is quick; the whole-file read comes after, and
    damage it finds is said at once and moves the file aside at the next start."""
    import app.models.sqlite_checks
    from app.models.deferred_checks import run_deferred_checks

    path = tmp_path / "granska.db"
    _granska_file_with_a_damaged_table(path, "items")
    monkeypatch.setattr(app.models.sqlite_checks, "FULL_CHECK_BYTES", 0)
    path.with_name(path.name + "-wal").write_bytes(b"\0" * 32)  # what a crash leaves behind
    db = open_database(f"sqlite:///{path}", defer_checks=True)
    try:
        assert db.messages == [] and path.exists()  # opened at once, nothing moved yet
        [message] = run_deferred_checks(db)
        assert "är skadad" in message and "starta det igen" in message
    finally:
        db.dispose()
    assert path.exists()  # never moved while the window had it open
    db = open_database(f"sqlite:///{path}", defer_checks=True)  # the next start
    try:
        assert len(db.messages) == 1 and "skadad" in db.messages[0]
        assert [p for p in tmp_path.iterdir() if p.name.startswith("granska.db.trasig-")]
        assert run_deferred_checks(db) == []  # the fresh database is whole
    finally:
        db.dispose()
    assert not path.with_name(path.name + ".kontrollera").exists()


def test_deferred_checks_on_a_sound_file_say_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    open_database(url).dispose()
    db = open_database(url, defer_checks=True)
    try:
        assert db.checks_deferred and run_deferred_checks_quietly(db)
    finally:
        db.dispose()


def run_deferred_checks_quietly(db) -> bool:  # type: ignore[no-untyped-def]
    from app.models.deferred_checks import run_deferred_checks

    return run_deferred_checks(db) == []
