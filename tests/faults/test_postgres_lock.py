"""A table another session holds locked on the team database (a colleague's long transaction, a
psql session that ran LOCK TABLE) ends the command with a clear Swedish message after the lock
timeout, nothing changed, instead of a command or a window that waits for ever. Once the lock is
gone, the next import works and the audit log is intact."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import create_engine, func, select, text

from app.cli import main
from app.models import Item
from app.models.db import open_database
from tests.helpers.items import add_accounts


def _line(n: int) -> str:
    return json.dumps(
        {
            "account": "fb",
            "external_id": f"c{n}",
            "text": f"Kommentar {n}",
            "created_at": "2026-05-01T12:00:00+02:00",
        },
        ensure_ascii=False,
    )


def _items(url: str) -> int:
    db = open_database(url)
    try:
        with db.sessions() as session:
            return session.scalar(select(func.count()).select_from(Item)) or 0
    finally:
        db.dispose()


@pytest.mark.postgres
def test_an_import_into_a_locked_table_says_so_and_the_next_one_works(
    postgres, tmp_path, capsys, monkeypatch
):
    if postgres is None:
        pytest.skip("PostgreSQL is not running (GRANSKA_TEST_PG_URL unset): use scripts/test")
    name = postgres.create()
    try:
        url = postgres.url_for(name)
        db = open_database(url)
        add_accounts(db.sessions)
        db.dispose()
        data = tmp_path / "in.jsonl"
        data.write_text("\n".join(_line(n) for n in range(3)) + "\n", encoding="utf-8")
        monkeypatch.setenv("GRANSKA_PG_LOCK_TIMEOUT_MS", "500")

        holder = create_engine(url).connect()
        try:
            holder.execute(text("LOCK TABLE items IN ACCESS EXCLUSIVE MODE"))
            started = time.monotonic()
            code = main(["--db", url, "import", str(data)])
            waited = time.monotonic() - started
            out, err = capsys.readouterr()
        finally:
            holder.rollback()
            holder.close()
            holder.engine.dispose()

        assert code == 1, (out, err)
        assert "Traceback" not in err and "låsta för länge" in err and err.count("\n") == 1
        assert waited < 20  # the lock timeout ended it, not the test
        assert _items(url) == 0  # nothing half-imported

        assert main(["--db", url, "import", str(data)]) == 0
        assert _items(url) == 3
        capsys.readouterr()
        assert main(["--db", url, "audit", "verify"]) == 0, capsys.readouterr()
    finally:
        postgres.drop(name)
