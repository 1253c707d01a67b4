"""#20: the bulk import lifts the items' insert triggers for its own rows only (their work done
once per import, app/models/fulltext.py): after an import, accepted or refused, every trigger
is back, and an item that arrives afterwards with its clock already stopped (an offline copy)
is still noted for the statistics' kept response times. The objects the import found in the
process, set aside from the garbage collector while it ran, are back in its view."""

from __future__ import annotations

import gc
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from app.core.errors import InputError
from app.models import Item
from app.services.intake.importer import ImportService
from tests.helpers.items import add_accounts, record, write_jsonl


def _triggers(db) -> set[str]:
    with db.engine.connect() as con:
        return {
            name for (name,) in con.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        }


def _noted(db) -> set[int]:
    with db.engine.connect() as con:
        return {item_id for (item_id,) in con.execute(text("SELECT item_id FROM response_times_todo"))}


def _arrives_answered(db, external_id: str) -> int:
    at = datetime(2026, 5, 2, 9, tzinfo=UTC)
    with db.sessions.begin() as session:
        account_id = session.execute(text("SELECT id FROM accounts WHERE key = 'fb'")).scalar_one()
        item = Item(
            account_id=account_id, kind="comment", external_id=external_id, author_name="Bo",
            text="Var ligger badet?", created_at=at, fetched_at=at, status="answered",
            is_question=True, first_response_at=at, first_response_by="anna",
        )  # fmt: skip
        session.add(item)
        session.flush()
        return item.id


@pytest.mark.parametrize("refused", [False, True])
def test_after_an_import_every_trigger_is_back_and_a_stopped_clock_is_noted(sqlite_db, tmp_path, refused):
    add_accounts(sqlite_db.sessions)
    before = _triggers(sqlite_db)
    assert "response_times_ai" in before
    lines = [record(f"c{i}", text=f"Fråga {i}?") for i in range(30)]
    if refused:
        lines.append({**record("bad"), "created_at": "i går"})
    importer = ImportService(sqlite_db.sessions)
    if refused:
        with pytest.raises(InputError, match="rad 31"):
            importer.import_file(write_jsonl(tmp_path / "a.jsonl", lines))
    else:
        assert importer.import_file(write_jsonl(tmp_path / "a.jsonl", lines)).created == 30
    assert _triggers(sqlite_db) == before
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()  # the collector, paused for the import, runs again (#20)
    assert _noted(sqlite_db) == set()  # no imported item arrives answered
    offline = _arrives_answered(sqlite_db, "offline")
    assert _noted(sqlite_db) == {offline}
