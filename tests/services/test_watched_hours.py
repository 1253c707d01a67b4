"""Watched hours: weekends, Swedish public holidays (from the `holidays` calendar), daylight
saving, answers outside watched hours, and the overdue cutoff, each against a hand count."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.errors import InputError
from app.services.stats.watched_hours import (
    Promise,
    calendar_rows,
    due_at,
    is_public_holiday,
    overdue_cutoff,
    parse_days,
    parse_hours_range,
    time_left,
    watched_seconds,
)

SE = ZoneInfo("Europe/Stockholm")
H = 3600.0
OFFICE = Promise(target_hours=8)  # weekdays 08-17, public holidays off


def at(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SE)


@pytest.mark.parametrize(
    ("posted", "answered", "hours"),
    [
        # Friday 16:00 to Monday 09:00: one hour each side of the weekend.
        (at(2026, 12, 4, 16), at(2026, 12, 7, 9), 2),
        # Kristi himmelsfärdsdag (Thursday 14 May 2026) is not watched; the Friday after is.
        (at(2026, 5, 13, 16), at(2026, 5, 15, 9), 2),
        # Julafton (de facto) and juldagen: Wednesday 16:30 to Monday 08:30.
        (at(2026, 12, 23, 16, 30), at(2026, 12, 28, 8, 30), 1),
        # Posted in the evening, answered the next morning: the night does not count.
        (at(2026, 12, 8, 20), at(2026, 12, 9, 10), 2),
        # Answered outside watched hours (Saturday): the clock stopped at Friday 17:00.
        (at(2026, 12, 4, 15), at(2026, 12, 5, 11), 2),
        # The spring clock change (29 March 2026) does not add or take an hour.
        (at(2026, 3, 27, 16), at(2026, 3, 30, 8), 1),
        # Within one watched stretch.
        (at(2026, 12, 8, 9, 15), at(2026, 12, 8, 9, 45), 0.5),
        (at(2026, 12, 8, 10), at(2026, 12, 8, 9), 0),
    ],
)
def test_watched_time_is_counted_by_hand(posted, answered, hours):
    assert watched_seconds(OFFICE, posted, answered) == hours * H


def test_public_holidays_come_from_the_calendar():
    assert is_public_holiday(date(2026, 6, 19))  # midsommarafton
    assert is_public_holiday(date(2026, 1, 6))  # trettondedag jul
    assert not is_public_holiday(date(2026, 6, 18))
    watched = Promise(holidays_watched=True)
    assert watched_seconds(watched, at(2026, 5, 14, 8), at(2026, 5, 14, 17)) == 9 * H
    assert watched_seconds(OFFICE, at(2026, 5, 14, 8), at(2026, 5, 14, 17)) == 0


def test_the_clock_change_counts_in_calendar_time_but_not_watched():
    posted, answered = at(2026, 3, 27, 16), at(2026, 3, 30, 8)
    # Aware datetimes in one zone subtract as wall clocks: the real time is in UTC.
    elapsed = answered.astimezone(UTC) - posted.astimezone(UTC)
    assert elapsed.total_seconds() == (2 * 24 + 15) * H  # one hour less than the wall clock's 64
    assert watched_seconds(OFFICE, posted, answered) == H


def test_overdue_cutoff_by_hand():
    now = at(2026, 12, 7, 10)  # Monday 10:00: two watched hours today
    cutoff = overdue_cutoff(OFFICE, now, 8 * H)
    assert cutoff == at(2026, 12, 4, 11)  # Friday 11:00: 6 h Friday + 2 h Monday
    assert watched_seconds(OFFICE, cutoff, now) == 8 * H
    assert watched_seconds(OFFICE, cutoff - timedelta(seconds=1), now) > 8 * H
    # Exactly used up at the start of today's watch: the weekend before waited exactly 2 h.
    assert overdue_cutoff(OFFICE, now, 2 * H) == at(2026, 12, 4, 17)


def test_overdue_cutoff_agrees_with_watched_time_everywhere():
    rng = random.Random(17)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for _ in range(300):
        now = base + timedelta(seconds=rng.randrange(0, 365 * 86400))
        target = rng.choice([1, 4, 8, 9, 16, 40]) * H
        cutoff = overdue_cutoff(OFFICE, now, target)
        posted = now - timedelta(seconds=rng.randrange(0, 20 * 86400))
        overdue = watched_seconds(OFFICE, posted, now) > target
        assert overdue == (posted < cutoff), (now, target, posted, cutoff)


def test_time_left_goes_negative_when_overdue():
    assert time_left(OFFICE, at(2026, 12, 7, 8), at(2026, 12, 7, 10)) == 6 * H
    assert time_left(OFFICE, at(2026, 12, 3, 8), at(2026, 12, 7, 10)) == -(9 + 9 + 2 - 8) * H
    assert time_left(Promise(), at(2026, 12, 7, 8), at(2026, 12, 7, 10)) is None


def test_calendar_rows_accumulate_watched_seconds():
    rows = list(calendar_rows(OFFICE, date(2026, 12, 4), date(2026, 12, 8)))
    assert len(rows) == 3  # Friday, Monday, Tuesday
    assert [r[2] for r in rows] == [0, 9 * 3600, 18 * 3600]
    assert rows[1][0] == int(at(2026, 12, 7, 8).timestamp())


def test_a_promise_is_read_from_what_people_type():
    assert parse_days("1-5") == frozenset({1, 2, 3, 4, 5})
    assert parse_days("vardagar") == parse_days("12345")
    assert parse_days("mån, ons,fre") == frozenset({1, 3, 5})
    assert parse_hours_range("8-17") == (time(8), time(17))
    assert parse_hours_range("08:00–16.30") == (time(8), time(16, 30))
    assert Promise(target_hours=9).describe() == (
        "vardagar 08–17 (ej helgdagar), svar inom 9 timmar under bevakningstid"
    )
    for bad in ("8", "17-8x", "25-26"):
        with pytest.raises(InputError):
            parse_hours_range(bad)
    with pytest.raises(InputError):
        parse_days("helg")
    with pytest.raises(InputError):
        Promise(start=time(17), end=time(8))
    with pytest.raises(InputError):
        Promise(target_hours=0)


def test_a_forwarded_question_is_due_when_the_watched_hours_run_out():
    # Friday 16:00 with 8 watched hours: 1 hour on Friday, 7 on Monday -> Monday 15:00.
    assert due_at(OFFICE, at(2026, 12, 4, 16), 8 * H) == at(2026, 12, 7, 15)
    # Posted on a Saturday: the clock starts Monday 08:00.
    assert due_at(OFFICE, at(2026, 12, 5, 11), 2 * H) == at(2026, 12, 7, 10)
    # Agrees with the watched-time count everywhere it lands.
    rng = random.Random(7)
    for _ in range(100):
        start = at(2026, 1, 1, 0) + timedelta(minutes=rng.randrange(0, 60 * 24 * 300))
        seconds = rng.randrange(1, 40) * 1800.0
        assert watched_seconds(OFFICE, start, due_at(OFFICE, start, seconds)) == pytest.approx(seconds)
