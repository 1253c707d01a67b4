"""A large file's import in two processes (app/services/intake/import_process.py) stores what
the import in one process stores, refuses what it refuses with the same words, and a child
that dies midway leaves nothing behind."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.core.errors import EnvironmentFault, InputError
from app.models.db import open_database
from app.services.intake import import_process, importer, item_writer
from app.services.intake.importer import ImportService
from app.services.records.audit_verify import verify_chain
from tests.helpers.databases import sqlite_url
from tests.helpers.items import add_accounts, record, write_jsonl

ACCOUNTS = (("fb", "facebook"), ("ig", "instagram"))


def _records(edit: str = "") -> list[dict]:
    """Lines of every kind: flagged, questions, the account's own posts, RTL marks, escapes,
    a huge text, several time zones, an item twice (the later one an update)."""
    rows = [
        record("p1", kind="post", author_id="FB", author_name="Kommunen", text="Välkomna!" + edit),
        record("p2", parent_external_id=None, post_external_id="p2", author_id="FB", text="Info"),
        record("c1", text="Du är en idiot" + edit),
        record("c2", text="Ring 070-123 45 67 eller skriv till a@b.se?"),
        record("c3", text="\u200fمرحبا\u200e hej \u202e", author_name="\u200fنور"),
        record("c4", text="Ä" * 200_000, created_at="2026-05-01T23:59:59.999999-11:00"),
        record("c5", account="ig", platform="instagram", text="Vem bestämmer? www.x.se"),
        record("c6", edited_at="2026-05-02T00:00:00+14:00", raw={"n": [1, 2.5, None], "å": {}}),
        record("c1", text="Du är en idiot, ändrad" + edit),
    ]
    rows += [record(f"m{i}", text=f"Kommentar {i}{edit}", account="fb" if i % 3 else "ig") for i in range(40)]
    for r in rows:
        if r["account"] == "ig":
            r["platform"] = "instagram"
    return rows


def _open(folder: Path):
    folder.mkdir()
    db = open_database(sqlite_url(folder))
    add_accounts(db.sessions, *ACCOUNTS)
    return db


def _stored(db) -> dict[str, list[tuple]]:
    """Every row an import writes or counts."""
    url = db.engine.url.database
    con = sqlite3.connect(url)
    found = {}
    for table, leave_out in (
        ("items", {"fetched_at"}),
        ("item_versions", {"replaced_at"}),
        ("queue_counts", set()),
    ):
        cursor = con.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
        names = [c[0] for c in cursor.description]
        found[table] = [
            tuple(v for n, v in zip(names, row, strict=True) if n not in leave_out) for row in cursor
        ]
    found["search"] = con.execute(
        "SELECT rowid FROM items_fts WHERE items_fts MATCH 'idiot' ORDER BY 1"
    ).fetchall()
    con.close()
    return found


@pytest.fixture
def two(tmp_path, monkeypatch):
    """The same import in one process (first) and through the child (second)."""
    monkeypatch.setattr(importer, "BATCH", 7)  # many batches, and an item twice within one
    now = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)  # the times an update writes: the same on both
    monkeypatch.setattr(item_writer, "utcnow", lambda: now)
    dbs = [_open(tmp_path / "one"), _open(tmp_path / "two")]
    yield dbs
    for db in dbs:
        db.dispose()


def _run(db, path: Path, child: bool, monkeypatch):
    monkeypatch.setattr(import_process, "CHILD_FROM_BYTES", 0 if child else 10**15)
    return ImportService(db.sessions).import_file(path)


def test_the_child_stores_exactly_what_one_process_stores(two, tmp_path, monkeypatch):
    first = write_jsonl(tmp_path / "a.jsonl", _records())
    again = write_jsonl(tmp_path / "b.jsonl", _records(edit=" (redigerad)") + _records())
    results = [
        _run(db, path, child, monkeypatch)
        for path in (first, again)
        for db, child in zip(two, (False, True), strict=True)
    ]
    assert results[0] == results[1] and results[0].created == 48 and results[0].context == 2
    # The second file: every item known already, edited, then back as it was.
    assert results[2] == results[3] and results[2].updated > 40 and results[2].new_versions > 40
    assert _stored(two[0]) == _stored(two[1])
    assert len(_stored(two[1])["search"]) == 1


BAD_LINES = [
    pytest.param('"text": "NUL \\u0000 här"', id="nul"),
    pytest.param('"text": "\\ud800 ensam"', id="lone-surrogate"),
    pytest.param('"text": "a", "text": "b"', id="duplicate-key"),
    pytest.param('"text": "x", "edited_at": "2026-13-01T00:00:00+00:00"', id="bad-date"),
    pytest.param('"text": "x", "author_name": "' + "n" * 501 + '"', id="too-long"),
    pytest.param('"text": "x", "platform": "instagram"', id="wrong-platform"),
    pytest.param('"text": 1e999', id="infinite"),
    pytest.param('"text": "x", "oväntat": 1', id="unknown-field"),
]


@pytest.mark.parametrize("bad", BAD_LINES)
def test_a_bad_line_is_refused_in_the_same_words_and_nothing_is_stored(two, tmp_path, monkeypatch, bad):
    lines = [json.dumps(r, ensure_ascii=False) for r in _records()]
    lines.insert(
        30, '{"account": "fb", "external_id": "ond", "created_at": "2026-05-01T12:00:00Z", ' + bad + "}"
    )
    path = write_jsonl(tmp_path / "in.jsonl", lines)
    said = []
    for db, child in zip(two, (False, True), strict=True):
        with pytest.raises(InputError) as refused:
            _run(db, path, child, monkeypatch)
        said.append(str(refused.value))
        assert _stored(db)["items"] == []
    assert said[0] == said[1] and said[0].startswith("rad 31: ")


def test_unknown_accounts_are_named_in_the_same_words(two, tmp_path, monkeypatch):
    lines = _records()
    lines[3]["account"] = lines[20]["account"] = "okänt"
    lines[35]["account"] = "annat"
    path = write_jsonl(tmp_path / "in.jsonl", lines)
    said = []
    for db, child in zip(two, (False, True), strict=True):
        with pytest.raises(InputError, match="Okända konton") as refused:
            _run(db, path, child, monkeypatch)
        said.append(str(refused.value))
        assert _stored(db)["items"] == []
    assert said[0] == said[1] and "'okänt' (först på rad 4)" in said[0]


def _after_a_failure_all_is_well(db, tmp_path, monkeypatch) -> None:
    assert _stored(db)["items"] == []
    path = write_jsonl(tmp_path / "next.jsonl", _records())
    assert _run(db, path, True, monkeypatch).created == 48
    with db.sessions() as session:
        report = verify_chain(session)
    assert report.first_broken_event is None


def test_a_child_killed_midway_stores_nothing_and_says_so(two, tmp_path, monkeypatch):
    db = two[1]
    # Large lines, so that the child is still writing when it is killed.
    path = write_jsonl(tmp_path / "in.jsonl", [record(f"k{i}", text="ord " * 5000) for i in range(400)])
    waiting = import_process.Child.waiting

    def kill_then_wait(self):
        self.process.kill()
        self.process.wait()
        return waiting(self)

    monkeypatch.setattr(import_process.Child, "waiting", kill_then_wait)
    with pytest.raises(EnvironmentFault, match="slutade utan svar. Inget har importerats"):
        _run(db, path, True, monkeypatch)
    monkeypatch.setattr(import_process.Child, "waiting", waiting)
    _after_a_failure_all_is_well(db, tmp_path, monkeypatch)


def test_a_child_that_fails_stores_nothing_and_says_so(two, tmp_path, monkeypatch):
    db = two[1]
    path = write_jsonl(tmp_path / "in.jsonl", _records())
    monkeypatch.setattr(importer, "BATCH", "sju")  # the child cannot count with it
    with pytest.raises(EnvironmentFault, match="Importen avbröts.*TypeError"):
        _run(db, path, True, monkeypatch)
    monkeypatch.setattr(importer, "BATCH", 7)
    _after_a_failure_all_is_well(db, tmp_path, monkeypatch)


def test_the_frozen_bundles_way_in_starts_the_child(two, tmp_path, monkeypatch):
    """The bundle starts itself with import_child.FLAG (packaging/launch.py): run here as a script."""
    from app.services.intake.import_child import FLAG

    root = Path(__file__).resolve().parents[2]
    launch = str(root / "packaging" / "launch.py")
    run = (  # as the bundle runs it: __main__, the flag its only argument
        f"import runpy, sys; sys.path[:0] = [{str(root)!r}]; sys.argv = [{launch!r}, {FLAG!r}]; "
        f"runpy.run_path({launch!r}, run_name='__main__')"
    )
    monkeypatch.setattr(import_process, "command", lambda: [sys.executable, "-c", run])
    path = write_jsonl(tmp_path / "in.jsonl", _records())
    assert _run(two[1], path, True, monkeypatch).created == 48


def test_the_child_imports_no_sqlalchemy(two, tmp_path, monkeypatch, capfd):
    command = import_process.command
    monkeypatch.setattr(
        import_process, "command", lambda: [*command()[:-2], "-X", "importtime", *command()[-2:]]
    )
    capfd.readouterr()
    assert _run(two[1], write_jsonl(tmp_path / "in.jsonl", _records()), True, monkeypatch).created == 48
    imported = re.findall(r"\|\s+([\w.]+)\s*$", capfd.readouterr().err, re.MULTILINE)
    assert "app.services.intake.import_child" in imported
    assert not [m for m in imported if m.startswith(("sqlalchemy", "app.models"))]
