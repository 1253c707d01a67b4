"""A sync's part indexes its own new rows without reading the items stored before it: the
work of a part stays the same whether the file holds a hundred items or thousands (#20: the
tabs' search index read every stored new item once per part, half a sync's time at 100k)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.core.incoming import IncomingItem
from app.services.intake.importer import ImportService
from tests.helpers.items import add_accounts
from tests.services.test_sync_scope import sqlite_steps

START = datetime(2026, 11, 1, tzinfo=UTC)


def comments(prefix: str, n: int) -> list[IncomingItem]:
    return [
        IncomingItem(
            "fb", f"{prefix}{i}", f"Kommentar {prefix} {i} om simhallen", START + timedelta(seconds=i),
            kind="comment", parent_external_id="p1", post_external_id="p1",
        )
        for i in range(n)
    ]  # fmt: skip


def steps_of_one_part(db, stored: int) -> int:  # type: ignore[no-untyped-def]
    """SQLite's VM steps (in thousands) to import a part of 400 new items after `stored`."""
    importer = ImportService(db.sessions)
    importer.import_items(comments("old", stored))
    with sqlite_steps(db.engine) as steps:
        result = importer.import_items(comments("new", 400), bulk=True, check_index=False)
    assert result.created == 400
    return steps[0]


def test_a_part_does_not_read_the_items_stored_before_it(tmp_path):
    from app.models.db import open_database

    small = open_database(f"sqlite:///{tmp_path / 'small.db'}")
    big = open_database(f"sqlite:///{tmp_path / 'big.db'}")
    try:
        for db in (small, big):
            add_accounts(db.sessions, ("fb", "facebook"))
        few, many = steps_of_one_part(small, 100), steps_of_one_part(big, 20_000)
    finally:
        small.dispose()
        big.dispose()
    # The b-trees are a level deeper at 20k rows: a little more, never a read of the 20k.
    assert many < few * 1.5, (few, many)
