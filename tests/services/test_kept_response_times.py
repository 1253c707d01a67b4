"""#17 at scale: on SQLite each answered question's time to first answer is worked out once and
kept (app/models/response_times_kept.py); the figures read from the kept times must equal those
worked out afresh in each run (the path PostgreSQL takes), after new answers, after a changed
promise, and after the kept times were lost and repaired at start."""

from __future__ import annotations

from sqlalchemy import text

from app.models.db import open_database
from app.services.context import Actor
from app.services.stats import kept_times
from app.services.stats.figures import StatisticsService
from app.services.stats.promises import PromiseChange, set_promise
from tests.helpers.moderation import service as moderation
from tests.helpers.statistics import DECEMBER, NOW, at, fill_december, question


def _both(db, monkeypatch):
    """(figures from the kept times, figures worked out afresh) as JSON."""
    service = StatisticsService(db.sessions, Actor("chef", clock=lambda: NOW))
    kept = service.figures(*DECEMBER).as_json()
    with monkeypatch.context() as m:
        m.setattr(kept_times, "available", lambda con: False)
        fresh = service.figures(*DECEMBER).as_json()
    return kept, fresh


def _kept_rows(db) -> int:
    with db.engine.connect() as con:
        return int(con.execute(text("SELECT count(*) FROM response_times")).scalar_one())


def test_kept_times_equal_fresh_ones_after_answers_and_a_changed_promise(sqlite_db, monkeypatch):
    s = sqlite_db.sessions
    fill_december(s)
    kept, fresh = _both(sqlite_db, monkeypatch)
    assert kept == fresh
    fb = next(a for a in kept["accounts"] if a["key"] == "fb")
    assert (fb["answered"], fb["median_first_response_watched_hours"]) == (4, 2)
    # fb five (four in December, one in November), ig one, yt one: each worked out once.
    assert _kept_rows(sqlite_db) == 7
    # A question answered after the first run: noted by the trigger, worked out by the next.
    late = question(s, at(12, 21, 9))
    moderation(s, "anna", at(12, 21, 17)).answer(late, "Hej! Svar.")  # Monday: 8 watched hours
    kept, fresh = _both(sqlite_db, monkeypatch)
    assert kept == fresh
    fb = next(a for a in kept["accounts"] if a["key"] == "fb")
    assert fb["answered"] == 5 and fb["answered_within_promise"] == 4
    # fb watched every day 08-20 and holidays too: its times are worked out again.
    set_promise(s, "fb", PromiseChange(days="alla", hours="8-20", holidays_watched=True))
    kept, fresh = _both(sqlite_db, monkeypatch)
    assert kept == fresh
    fb = next(a for a in kept["accounts"] if a["key"] == "fb")
    # Friday 16:00 -> Monday 09:00 is now 4 + 12 + 12 + 1 = 29 watched hours (was 2).
    assert fb["median_first_response_watched_hours"] != 2


def test_lost_kept_times_are_repaired_at_start(sqlite_db, monkeypatch):
    fill_december(sqlite_db.sessions)
    before, _ = _both(sqlite_db, monkeypatch)
    with sqlite_db.engine.begin() as con:
        con.execute(text("DROP TRIGGER response_times_au"))
        con.execute(text("DELETE FROM response_times"))
    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    sqlite_db.dispose()
    again = open_database(url)
    try:
        assert any("Svarstiderna i statistiken" in m for m in again.messages)
        kept, fresh = _both(again, monkeypatch)
        assert kept == fresh == before
        # The trigger is back: an answer now is counted by the next run.
        asked = question(again.sessions, at(12, 22, 9))
        moderation(again.sessions, "anna", at(12, 22, 10)).answer(asked, "Hej!")
        kept, fresh = _both(again, monkeypatch)
        assert kept == fresh
        assert next(a for a in kept["accounts"] if a["key"] == "fb")["answered"] == 5
    finally:
        again.dispose()
