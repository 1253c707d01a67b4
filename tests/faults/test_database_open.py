"""#12.2: a locked, read-only or full database is not a damaged one: a clear message, exit 1,
nothing renamed or created. A damaged one moved aside is said at every command until it is
acknowledged, and `audit verify` will not call the fresh log the whole story. A database from a
newer Granska is refused in one line."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import main
from app.models.db import migration_heads, open_database
from tests.helpers.items import add_accounts
from tests.helpers.locks import Holder


def granska(capsys, url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def new_database(path: Path) -> str:
    url = f"sqlite:///{path}"
    db = open_database(url)
    add_accounts(db.sessions, ("intra", "intranet"))
    db.dispose()
    return url


def listing(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("argv", [["queue"], ["add-item", "intra", "--text", "Hej"]])
def test_a_database_locked_by_another_process_is_named_and_left_alone(tmp_path, capsys, argv):
    url = new_database(tmp_path / "granska.db")
    # EXCLUSIVE locking mode: nobody else can even read until the holder lets go.
    holder = Holder(tmp_path / "granska.db", ["PRAGMA locking_mode=EXCLUSIVE", "BEGIN EXCLUSIVE", "COMMIT"])
    before = listing(tmp_path)
    try:
        code, _out, err = granska(capsys, url, *argv)
        after = listing(tmp_path)
    finally:
        holder.release()
    assert code == 1, err
    assert f"databasen {tmp_path / 'granska.db'}" in err and "låst av ett annat program" in err
    assert "Traceback" not in err and after == before
    assert granska(capsys, url, "queue")[0] == 0  # nothing was moved: the same database again


def test_a_write_that_waits_too_long_for_another_writer_is_a_message_not_a_traceback(tmp_path, capsys):
    url = new_database(tmp_path / "granska.db")
    holder = Holder(tmp_path / "granska.db", ["BEGIN EXCLUSIVE"])  # WAL: readers go on, writers wait
    try:
        code, _out, err = granska(capsys, url, "add-item", "intra", "--text", "Hej")
    finally:
        holder.release()
    assert code == 1 and "låst av ett annat program" in err and str(tmp_path / "granska.db") in err
    assert granska(capsys, url, "queue")[1] == "Kön är tom.\n"


def test_a_database_on_a_read_only_mount_is_named_and_nothing_changes(small_disk, capsys):
    url = new_database(small_disk.path / "granska.db")
    before = listing(small_disk.path)
    small_disk.remount("ro")
    for argv in (["queue"], ["add-item", "intra", "--text", "Hej"], ["audit", "verify"]):
        code, _out, err = granska(capsys, url, *argv)
        assert code == 1, err
        assert str(small_disk.path / "granska.db") in err and "skrivskyddad" in err
        assert "Traceback" not in err
    small_disk.remount("rw")
    assert listing(small_disk.path) == before


def test_a_damaged_database_on_a_read_only_mount_is_named_not_moved(small_disk, capsys):
    path = small_disk.path / "granska.db"
    path.write_bytes(b"not a database" * 200)
    small_disk.remount("ro")
    code, _out, err = granska(capsys, f"sqlite:///{path}", "queue")
    assert code == 1 and "skrivskyddad" in err and str(path) in err and "Traceback" not in err
    assert [p.name for p in small_disk.path.iterdir()] == ["granska.db"]


def test_a_new_database_in_a_read_only_folder_is_refused_without_creating_anything(small_disk, capsys):
    small_disk.remount("ro")
    code, _out, err = granska(capsys, f"sqlite:///{small_disk.path / 'ny.db'}", "queue")
    assert code == 1 and "skrivskyddad" in err and str(small_disk.path) in err
    assert list(small_disk.path.iterdir()) == []


def test_a_folder_where_the_database_should_be_is_named_and_left_alone(tmp_path, capsys):
    (tmp_path / "granska.db").mkdir()
    code, _out, err = granska(capsys, f"sqlite:///{tmp_path / 'granska.db'}", "queue")
    assert code == 1 and "det är en mapp" in err and str(tmp_path / "granska.db") in err
    assert [p.name for p in tmp_path.iterdir()] == ["granska.db"]


def test_a_full_disk_at_start_is_named_and_nothing_is_moved(small_disk, capsys):
    url = new_database(small_disk.path / "granska.db")
    small_disk.fill()
    code, _out, err = granska(capsys, url, "add-item", "intra", "--text", "Hej " * 20_000)
    assert code == 1 and "disken är full" in err and str(small_disk.path / "granska.db") in err
    assert not [p for p in small_disk.path.iterdir() if ".trasig-" in p.name]
    small_disk.make_room()
    assert granska(capsys, url, "add-item", "intra", "--text", "Hej")[0] == 0


def test_a_damaged_database_is_said_at_every_command_until_acknowledged(tmp_path, capsys):
    path = tmp_path / "granska.db"
    url = new_database(path)
    assert granska(capsys, url, "add-item", "intra", "--text", "Före skadan")[0] == 0
    con = sqlite3.connect(path)  # page 1 back from the WAL into the file, where it is damaged
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with path.open("r+b") as f:
        f.write(b"not a database header at all")
    code, _out, err = granska(capsys, url, "queue")
    assert code == 0 and "var skadad och flyttades undan" in err
    [moved] = [
        p
        for p in tmp_path.iterdir()
        if p.name.startswith("granska.db.trasig-") and not p.name.endswith(("-wal", "-shm"))
    ]
    for argv in (["queue"], ["accounts", "list"]):
        assert f"flyttades undan till {moved}" in granska(capsys, url, *argv)[2]
    code, out, _err = granska(capsys, url, "audit", "verify")
    assert code == 1 and str(moved) in out
    code, out, _err = granska(capsys, url, "db", "moved-aside", "--ack")
    assert code == 0 and "Kvitterat: 1" in out
    code, out, err = granska(capsys, url, "audit", "verify")
    assert code == 0 and "flyttades undan" not in err, out
    assert "ej kvitterad" not in granska(capsys, url, "db", "moved-aside")[1]
    db = open_database(url)
    with db.sessions() as s:
        assert s.scalar(text("SELECT count(*) FROM audit_events WHERE action = 'db_moved_aside_ack'")) == 1
    db.dispose()


def test_a_database_from_a_newer_granska_is_refused_in_one_line(db_url, capsys):
    db = open_database(db_url)
    with db.engine.begin() as con:
        con.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    db.dispose()
    path = Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None
    before = listing(path.parent) if path else None
    code, out, err = granska(capsys, db_url, "queue")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "0099_from_the_future" in err
    assert all(head in err for head in migration_heads())
    assert "nyare Granska" in err
    if path:
        assert listing(path.parent) == before
    else:
        db = open_database(db_url, migrate=False)
        with db.engine.connect() as con:
            version = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == "0099_from_the_future"
        db.dispose()


def test_the_window_tells_a_locked_database_as_such_not_as_a_bug(tmp_path):
    """A scheduled sync or any write of the window's that meets another writer's lock."""
    from sqlalchemy.exc import OperationalError

    from app.ui.failures import describe_error

    path = tmp_path / "g.db"
    holder = Holder(path, ["PRAGMA journal_mode=WAL", "BEGIN IMMEDIATE", "CREATE TABLE t (x)"])
    try:
        con = sqlite3.connect(path, timeout=0.1)
        with pytest.raises(sqlite3.OperationalError) as caught:
            con.execute("CREATE TABLE u (x)")
        con.close()
    finally:
        holder.release()
    message, details = describe_error(OperationalError("CREATE TABLE u (x)", (), caught.value))
    assert details is None and "låst av ett annat program" in message
