"""A sealed record whose stored value cannot be read (changed outside Granska: JSON naming a
lone surrogate, a text with no UTF-8): `audit verify` reports it, no traceback, with the reason
"innehållet kan inte läsas", which the English window says in English ("the content cannot be
read") and the command line prints word for word in Swedish, on one process and on two
(audit_parallel); repaired, the next decision and the verify work again."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from app.cli import main
from app.services.records import audit_parallel
from app.services.records.audit import AuditService
from app.ui.core_text import window_text
from tests.helpers.workflow import make_item, service
from tests.ui.test_core_messages_stored import in_english


def _sql(db: Any, statement: str, **params: Any) -> Any:
    with db.engine.begin() as con:
        result = con.execute(text(statement), params)
        return result.scalar() if result.returns_rows else None


@pytest.mark.parametrize("parallel", [False, True], ids=["one-process", "two-processes"])
def test_an_unreadable_value_is_said_in_the_windows_language(qapp, sqlite_db, capsys, monkeypatch, parallel):
    if parallel:  # the second process from the first event on, and it checks every kind
        monkeypatch.setattr(audit_parallel, "PARALLEL_FROM", 1)
        monkeypatch.setattr(audit_parallel, "taken", lambda turn: iter(()))
    service(sqlite_db).keep(make_item(sqlite_db.sessions, "Tack för svaret"))
    # Valid JSON naming a lone surrogate: a text with no UTF-8, so no digest
    stored = _sql(sqlite_db, "SELECT details FROM decisions")
    _sql(sqlite_db, "UPDATE decisions SET details = :v", v='{"a": "\\ud800"}')

    report = AuditService(sqlite_db.sessions).verify()
    [problem] = [p for p in report.problems if "oläsbart värde" in p]
    assert "(innehållet kan inte läsas)" in problem
    english = in_english(lambda: window_text(problem))
    assert "(the content cannot be read)" in english and "innehållet" not in english
    assert window_text(problem) == problem  # the Swedish window: as the core said it

    capsys.readouterr()
    assert main(["--db", str(sqlite_db.engine.url), "audit", "verify"]) == 1
    assert problem in capsys.readouterr().out  # the command line: word for word

    # Repaired, the next decision and the verify work again.
    _sql(sqlite_db, "UPDATE decisions SET details = :v", v=stored)
    service(sqlite_db).keep(make_item(sqlite_db.sessions, "Tack igen"))
    assert AuditService(sqlite_db.sessions).verify().intact


@pytest.mark.parametrize("parallel", [False, True], ids=["one-process", "two-processes"])
def test_an_events_details_naming_a_lone_surrogate_are_reported_not_a_traceback(
    qapp, sqlite_db, capsys, monkeypatch, parallel
):
    if parallel:
        monkeypatch.setattr(audit_parallel, "PARALLEL_FROM", 1)
    service(sqlite_db).keep(make_item(sqlite_db.sessions, "Tack för svaret"))
    event_id, stored = _sql_row(sqlite_db, "SELECT id, details FROM audit_events WHERE details IS NOT NULL")
    _sql(sqlite_db, "UPDATE audit_events SET details = :v WHERE id = :e", v='{"a": "\\ud800"}', e=event_id)

    capsys.readouterr()
    assert main(["--db", str(sqlite_db.engine.url), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "har ett oläsbart värde (innehållet kan inte läsas): den har ändrats utanför Granska." in out
    [problem] = AuditService(sqlite_db.sessions).verify().problems
    assert "(the content cannot be read)" in in_english(lambda: window_text(problem))

    _sql(sqlite_db, "UPDATE audit_events SET details = :v WHERE id = :e", v=stored, e=event_id)
    service(sqlite_db).keep(make_item(sqlite_db.sessions, "Tack igen"))
    assert AuditService(sqlite_db.sessions).verify().intact


def _sql_row(db: Any, statement: str) -> Any:
    with db.engine.begin() as con:
        return con.execute(text(statement)).first()
