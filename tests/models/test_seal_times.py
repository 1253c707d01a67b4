"""The times `audit verify` reads (a few million at a million items) take a fast path for the
form SQLAlchemy writes on SQLite: it must give exactly what the general path gives, and refuse
what is no time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.models.seals import Unreadable, iso_time


@pytest.mark.parametrize(
    "stored",
    [
        "2024-05-01 12:30:00.000000",  # no microseconds: isoformat leaves them out
        "2024-05-01 12:30:00.000001",
        "1999-12-31 23:59:59.999999",
        "0999-01-01 00:00:00.500000",
    ],
)
def test_a_stored_time_reads_as_the_general_path_reads_it(stored):
    general = datetime.fromisoformat(stored).replace(tzinfo=UTC).isoformat()
    assert iso_time(stored) == general
    assert iso_time(datetime.fromisoformat(stored).replace(tzinfo=UTC)) == general


@pytest.mark.parametrize("stored", ["2024-13-01 12:30:00.000000", "2024-05-01 25:30:00.000000", "x" * 26])
def test_what_is_no_time_is_unreadable(stored):
    with pytest.raises(Unreadable):
        iso_time(stored)


def test_a_time_with_a_zone_in_the_same_length_goes_the_general_way():
    assert iso_time("2024-05-01 12:30:00.12+02:00") == "2024-05-01T10:30:00.120000+00:00"
