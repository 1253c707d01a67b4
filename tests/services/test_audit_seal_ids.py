"""A seal of a real decision whose event id was changed to text (SQLite keeps what it is given):
`audit verify` reports it as tampering and exits 1, with no traceback, on one process and on two;
the next decision still works and, once the seal is repaired, the log verifies again."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from app.cli import main
from app.services.records import audit_parallel
from tests.helpers.workflow import make_item, service


def _sql(db: Any, statement: str, **params: Any) -> Any:
    with db.engine.begin() as con:
        result = con.execute(text(statement), params)
        return result.scalar() if result.returns_rows else None


@pytest.mark.parametrize("parallel", [False, True], ids=["one-process", "two-processes"])
def test_a_decision_seal_with_a_text_event_id_is_reported_not_a_traceback(
    sqlite_db, capsys, monkeypatch, parallel
):
    if parallel:  # the second process from the first event on, and it checks every kind
        monkeypatch.setattr(audit_parallel, "PARALLEL_FROM", 1)
        monkeypatch.setattr(audit_parallel, "taken", lambda turn: iter(()))
    url = str(sqlite_db.engine.url)
    service(sqlite_db).keep(make_item(sqlite_db.sessions, "Tack för svaret"))
    event_id = _sql(sqlite_db, "SELECT event_id FROM audit_seals WHERE kind = 'decision'")
    # The decision changed as well: its newest readable seal no longer matches it.
    _sql(sqlite_db, "UPDATE audit_seals SET event_id = 'fyra' WHERE kind = 'decision'")
    _sql(sqlite_db, "UPDATE decisions SET motivation = 'ändrad i efterhand'")
    capsys.readouterr()

    assert main(["--db", url, "audit", "verify"]) == 1
    out, err = capsys.readouterr()
    assert "En försegling har ett oläsbart händelse-id ('fyra'): den har ändrats." in out + err
    assert "Traceback" not in out + err and "TypeError" not in out + err

    # The next ordinary action still works; the seal repaired, the log is intact again.
    service(sqlite_db).keep(make_item(sqlite_db.sessions, "Tack igen"))
    assert main(["--db", url, "audit", "verify"]) == 1
    _sql(sqlite_db, "UPDATE audit_seals SET event_id = :e WHERE event_id = 'fyra'", e=event_id)
    _sql(sqlite_db, "UPDATE decisions SET motivation = '' WHERE motivation = 'ändrad i efterhand'")
    capsys.readouterr()
    assert main(["--db", url, "audit", "verify"]) == 0, capsys.readouterr()
