"""#12.1: a refused, failed or killed import leaves intake working and the search index whole;
a database whose index an earlier build left broken heals on its own."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from app.core.errors import InputError
from app.models import Item
from app.models.db import open_database
from app.services.accounts.platforms import ConnectorRegistry
from app.services.intake.importer import ImportService
from app.services.intake.manual_entry import ManualEntryService
from app.services.intake.sync import SyncService
from app.services.queue.listing import QueueFilter, QueueService
from tests.helpers.items import add_accounts, record, write_jsonl
from tests.helpers.platforms import quick_options, running

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def found(database, words: str) -> set[str]:
    rows = QueueService(database.sessions).page(QueueFilter(search=words), limit=100)
    return {row.external_id for row in rows}


def test_a_refused_file_leaves_import_add_item_and_sync_working(database, tmp_path):
    add_accounts(database.sessions, ("fb", "facebook"), ("intra", "intranet"))
    importer = ImportService(database.sessions)
    bad = write_jsonl(tmp_path / "bad.jsonl", [record("c1"), {**record("c2"), "created_at": None}])
    with pytest.raises(InputError, match="rad 2"):
        importer.import_file(bad)
    good = write_jsonl(tmp_path / "good.jsonl", [record("c3", text="Simhallen badbussen")])
    assert importer.import_file(good).created == 1
    ManualEntryService(database.sessions).add("intra", text="Intranätet badbussen", author="Bo")
    with running("facebook") as r:
        r.fake.store.add_thread(r.fake.store.add_post("Badbussen går igen"), 3)
        key = r.add_account(database.sessions)
        registry = ConnectorRegistry(lambda _a: r.fake.token, quick_options(None, page_size=10))
        [result] = SyncService(database.sessions, registry).sync(key)
        assert result.ok, result.message
    assert len(found(database, "badbussen")) == 3  # the import, the intranet post, the sync's post


def _damage_like_the_old_build(path) -> None:
    """What a refused import did before #12: the insert trigger gone, a row added unindexed."""
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER items_fts_ai")
    con.execute(
        "INSERT INTO items (account_id, kind, external_id, author_name, text, created_at, "
        "fetched_at, status, is_question, row_version) SELECT id, 'post', 'lost', 'Eva', "
        "'Gömd vattenkiosk', '2026-05-01 10:00:00.000000', '2026-05-01 10:00:00.000000', "
        "'new', 0, 1 FROM accounts LIMIT 1"
    )
    con.commit()
    con.close()


def test_a_database_damaged_by_the_old_build_heals_at_start_with_a_message(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    add_accounts(db.sessions)
    db.dispose()
    _damage_like_the_old_build(tmp_path / "g.db")
    db = open_database(url)
    try:
        assert any("utlösare saknades (items_fts_ai)" in m for m in db.messages)
        assert any("byggts om" in m for m in db.messages)
        assert found(db, "vattenkiosk") == {"lost"}
        ImportService(db.sessions).import_file(write_jsonl(tmp_path / "in.jsonl", [record("n1")]))
        assert found(db, "simhallen") == {"n1"}
    finally:
        db.dispose()
    assert open_database(url).messages == []  # healed once, quiet afterwards


def test_the_import_itself_heals_an_index_broken_while_the_window_was_open(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    add_accounts(db.sessions)
    _damage_like_the_old_build(tmp_path / "g.db")
    ImportService(db.sessions).import_file(write_jsonl(tmp_path / "in.jsonl", [record("n1")]))
    assert found(db, "vattenkiosk") == {"lost"} and found(db, "simhallen") == {"n1"}
    db.dispose()


def _big_file(path, n: int, word: str):
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(
                f'{{"account":"fb","external_id":"{word}{i}","text":"Rad {i} om {word}",'
                f'"created_at":"2026-05-01T12:00:00+02:00"}}\n'
            )
    return path


def _indexes(path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every index's statement, as SQLite keeps it."""
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall())
    finally:
        con.close()


def _migrated(path):  # type: ignore[no-untyped-def]
    open_database(f"sqlite:///{path}").dispose()
    return path


def _granska(url: str, *argv: str, fault: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    env.pop("GRANSKA_FAULT", None)
    if fault:
        env["GRANSKA_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", url, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Statements of a 50,000-line import on SQLite: the insert triggers dropped (1..4), the items'
# plain indexes set aside (5..14), each batch's insert (15..24), all of it indexed and counted
# (25..31), the plain indexes built again (32..41), the triggers re-created (42..45).
@pytest.mark.parametrize(
    "fault",
    [
        "kill@1", "kill@5", "kill@15", "kill@1:INSERT INTO items_fts(", "kill@1:CREATE INDEX",
        "kill@10:CREATE INDEX", "kill@42", "kill@45", "raise@20", "raise@5:CREATE INDEX",
    ],
)  # fmt: skip
def test_an_import_killed_or_failing_at_any_point_changes_nothing_and_the_next_one_works(tmp_path, fault):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    add_accounts(db.sessions)
    db.dispose()
    killed = _granska(url, "import", str(_big_file(tmp_path / "a.jsonl", 50_000, "alfa")), fault=fault)
    assert killed.returncode == (-9 if fault.startswith("kill") else 1), killed.stderr
    after = _granska(url, "import", str(_big_file(tmp_path / "b.jsonl", 2_000, "beta")))
    assert after.returncode == 0, after.stderr
    assert "Sökindex" not in after.stderr  # nothing needed healing: the kill undid it all
    assert _indexes(tmp_path / "g.db") == _indexes(_migrated(tmp_path / "fresh.db"))
    db = open_database(url)
    try:
        with db.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Item)) == 2_000
        assert len(found(db, "beta")) == 100 and found(db, "alfa") == set()
        assert found(db, "Rad 1999 beta") == {"beta1999"}
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_postgresql_database_without_its_search_index_gets_it_back_at_start(postgres, tmp_path):
    if postgres is None:
        pytest.skip("PostgreSQL is not running (GRANSKA_TEST_PG_URL unset): use scripts/test")
    from sqlalchemy import text

    name = postgres.create()
    url = postgres.url_for(name)
    try:
        db = open_database(url)
        add_accounts(db.sessions)
        ImportService(db.sessions).import_file(write_jsonl(tmp_path / "in.jsonl", [record("n1")]))
        with db.engine.begin() as con:
            con.execute(text("DROP INDEX ix_items_search_vector"))
            con.execute(text("ALTER TABLE items DROP COLUMN search_vector"))
        db.dispose()
        db = open_database(url)
        assert db.messages == ["Sökindexet saknades och har byggts upp från posterna."]
        assert found(db, "simhallen") == {"n1"}
        db.dispose()
        db = open_database(url)
        assert db.messages == []
        db.dispose()
    finally:
        postgres.drop(name)
