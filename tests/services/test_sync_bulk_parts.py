"""A command-line sync keeps the search indexes of its parts in bulk (one statement a part),
not row by row through the triggers: a busy machine makes the parts smaller, and parts of a
few hundred items took the row-by-row path, ~4x the cost an item (#20). The window's sync, in
which a person's decision waits for the writer, keeps short parts row by row (no schema change
for the decision's connection to read again). Both store every comment once, findable."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from app.models.fulltext import indexed_rows
from app.services.writer_turns import WaitingWrites
from tests.helpers.platforms import running
from tests.services.test_sync import expected_ids, fill, stored
from tests.services.test_sync_gives_way import syncing

BULK_INDEX = "INSERT INTO items_fts(rowid, text, author_name) SELECT"
ROW_BY_ROW = "DROP TRIGGER items_fts_ai"


@pytest.mark.parametrize("window", [False, True], ids=["command line", "window"])
def test_parts_of_a_few_hundred_items(sqlite_db, window):
    statements: list[str] = []

    def seen(_conn, _cursor, statement, _parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    with running("facebook") as r:
        fill(r.fake, posts=3, comments=150)
        key = r.add_account(sqlite_db.sessions)
        service = syncing(sqlite_db.sessions, r.fake, give_way=WaitingWrites() if window else None)
        service._batch_size = service._part = 200  # parts of 200 items: under SMALL_PART
        event.listen(sqlite_db.engine, "before_cursor_execute", seen)
        try:
            [result] = service.sync(key)
        finally:
            event.remove(sqlite_db.engine, "before_cursor_execute", seen)
    assert result.ok, result.message
    ids = stored(sqlite_db.sessions, key)[0]
    assert len(ids) == len(set(ids)) and set(ids) == expected_ids("facebook", r.fake)
    bulk = sum(s.startswith(BULK_INDEX) for s in statements)
    dropped = sum(s == ROW_BY_ROW for s in statements)
    if window:
        assert bulk == dropped == 0
    else:
        assert bulk == dropped >= 2
    with sqlite_db.engine.connect() as con:
        match = "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'simhallen'"
        found = con.exec_driver_sql(match).scalar()
        said = con.exec_driver_sql("SELECT count(*) FROM items WHERE text LIKE '%simhallen%'").scalar()
        assert found == said > 100
        assert indexed_rows(con.exec_driver_sql) == len(ids)
