from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite

from app.models.base import to_driver_datetime


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 5, 1, 12, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 3, 30, 15, 250, tzinfo=timezone(timedelta(hours=2))),
        datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5))),
    ],
)
def test_the_bulk_path_stores_the_text_sqlalchemy_stores(value):
    # The importer writes SQLite rows through the driver; a different text would sort and
    # compare differently from what the ORM writes.
    orm_text = sqlite.DATETIME().bind_processor(sqlite.dialect())(value.astimezone(UTC).replace(tzinfo=None))
    assert to_driver_datetime(value, "sqlite") == orm_text
