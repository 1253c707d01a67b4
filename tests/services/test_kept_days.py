"""#17: SQLite sums a period's kept counts from whole UTC days (stats_counts_days) and the edge
hours around its local midnights from the hourly rows. A decision in the first or last hour of
the period counts, one a few minutes outside does not, on SQLite as on PostgreSQL (which counts
the records themselves); the day level follows the hourly rows and comes back after a repair."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import text

from app.services.context import Actor
from app.services.stats.figures import StatisticsService
from tests.helpers.moderation import service as moderation
from tests.helpers.statistics import DECEMBER, NOW, SE, fill_december, question

LAST_DAY = (date(2026, 12, 31), date(2026, 12, 31))


def local(y: int, m: int, d: int, h: int, mi: int) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=SE).astimezone(UTC)


def forward_at(sessions, when: datetime) -> None:
    asked = question(sessions, when, account="ig")
    moderation(sessions, "anna", when).forward(asked, "gata@kommun.example", "Gatan")


def figures(sessions, period=DECEMBER):
    return StatisticsService(sessions, Actor("chef", clock=lambda: NOW)).figures(*period)


def test_decisions_at_the_period_edges_count_exactly(database):
    fill_december(database.sessions)
    before = figures(database.sessions)
    for when in (
        local(2026, 11, 30, 23, 50),  # outside: the last minutes of November
        local(2026, 12, 1, 0, 10),  # the first hour of December (23:10 UTC the day before)
        local(2026, 12, 15, 12, 0),  # a whole day inside
        local(2026, 12, 31, 23, 50),  # the last hour of December (22:50 UTC)
        local(2027, 1, 1, 0, 10),  # outside
    ):
        forward_at(database.sessions, when)
    after = figures(database.sessions)
    assert after.account("ig").forwards == before.account("ig").forwards + 3
    anna = {a.username: a for a in after.administrators}["anna"]
    anna_before = {a.username: a for a in before.administrators}.get("anna")
    assert anna.decisions["forward"] == (anna_before.decisions.get("forward", 0) if anna_before else 0) + 3
    # One day alone: only its last hour's forward (and nothing of the day's neighbours).
    assert figures(database.sessions, LAST_DAY).account("ig").forwards == 1


def _days_agree(con) -> bool:
    by_hours = con.execute(
        text(
            "SELECT what, substr(hour, 1, 10), account_id, code, detail, sum(n) FROM stats_counts "
            "WHERE hour <> '' GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0"
        )
    ).all()
    by_days = con.execute(text("SELECT * FROM stats_counts_days WHERE n <> 0")).all()
    return sorted(by_hours) == sorted(by_days) and bool(by_days)


def test_the_day_level_follows_the_hours_and_is_repaired(sqlite_db):
    from app.models.stats_counts import repair_stats_counts

    fill_december(sqlite_db.sessions)
    forward_at(sqlite_db.sessions, local(2026, 12, 31, 23, 50))
    with sqlite_db.engine.connect() as con:
        assert _days_agree(con)
    expected = figures(sqlite_db.sessions)
    with sqlite_db.engine.begin() as con:  # a lost day level: the sums would be short
        con.execute(text("DROP TRIGGER stats_counts_days_au"))
        con.execute(text("DELETE FROM stats_counts_days"))
    assert figures(sqlite_db.sessions).account("fb").removed_by_reason == {}
    with sqlite_db.engine.begin() as con:
        assert repair_stats_counts(con)
    with sqlite_db.engine.connect() as con:
        assert _days_agree(con)
    assert figures(sqlite_db.sessions) == expected
