"""Response times and the other figures on controlled data, on SQLite and PostgreSQL: questions
posted and answered at known times (over a weekend, over julafton and juldagen, one answered on
a Saturday outside watched hours), a forward (which tells the asker nothing: the clock runs on),
a question kept as needing no answer, an answer
still waiting to be published, and unanswered questions either side of the overdue line. Every
expected number below is counted by hand in the comments."""

from __future__ import annotations

import pytest

from app.core.errors import Forbidden
from app.services.context import Actor
from app.services.stats.figures import StatisticsService
from tests.helpers.moderation import ensure_account
from tests.helpers.moderation import service as moderation
from tests.helpers.statistics import DECEMBER, NOW, at, fill_december, question


@pytest.fixture
def december(database):
    fill_december(database.sessions)
    return StatisticsService(database.sessions, Actor("chef", clock=lambda: NOW)).figures(*DECEMBER)


def test_response_times_equal_the_hand_count(december):
    fb = december.account("fb")
    assert (fb.items, fb.questions) == (9, 8)
    # Stopped: 65, 112, 87, 2 h (calendar); 2, 1, 27, 2 h (watched). The forward stopped nothing.
    assert fb.answered == 4
    assert fb.median_first_response_hours == (65 + 87) / 2
    assert fb.median_first_response_watched_hours == 2
    assert fb.p90_first_response_watched_hours == 27  # the ⌈0.9·4⌉ = 4th
    assert fb.answered_within_promise == 3
    assert fb.within_promise_share == 0.75
    # Waiting: the forwarded question (10 Dec), the unpublished answer and the two unanswered;
    # overdue: all but today's.
    assert (fb.waiting_now, fb.overdue_now) == (4, 3)


def test_a_promise_of_every_day_counts_holidays_and_the_overdue_line_is_strict(december):
    ig = december.account("ig")
    assert (ig.questions, ig.answered) == (2, 1)
    assert ig.median_first_response_hours == 14
    assert ig.median_first_response_watched_hours == 2
    assert ig.answered_within_promise == 1
    assert (ig.waiting_now, ig.overdue_now) == (1, 0)


def test_an_account_without_a_target_has_times_but_no_promise_figures(december):
    yt = december.account("yt")
    assert yt.median_first_response_hours == 3
    assert yt.median_first_response_watched_hours == 3
    assert yt.answered_within_promise is None and yt.overdue_now is None


def test_removals_registrations_forwards_and_json(december):
    fb = december.account("fb")
    assert fb.removed_by_reason == {"svordomar": 1}
    assert fb.removed_registered == 1
    assert fb.registered_by_criterion == {"removal": 1}
    assert fb.forwards == 1
    data = december.as_json()
    entry = next(a for a in data["accounts"] if a["key"] == "fb")
    for name in (
        "questions", "answered", "median_first_response_hours", "median_first_response_watched_hours",
        "answered_within_promise", "overdue_now", "removed_by_reason", "registered_by_criterion",
        "screenshots_taken", "screenshot_due",
    ):  # fmt: skip
        assert name in entry
    assert entry["median_first_response_watched_hours"] == 2.0
    assert data["volume_by_month"]["facebook"] == [{"month": "2026-12", "items": 9}]
    anna = next(a for a in data["administrators"] if a["username"] == "anna")
    # anna stopped fb's four clocks, ig's one and yt's one in December (her forward none).
    assert anna["answered"] == 6


def test_the_promise_is_sealed_with_the_account_and_reading_figures_changes_nothing(database, december):
    from app.services.records.audit import AuditService

    assert AuditService(database.sessions).verify().intact
    again = StatisticsService(database.sessions, Actor("chef", clock=lambda: NOW)).figures(*DECEMBER)
    assert again.as_json() == december.as_json()  # the temporary calendar left nothing behind


def test_an_administrator_sees_only_their_accounts_and_others_are_refused(sqlite_db, monkeypatch):
    from app.services.accounts.accounts import AccountService
    from app.services.accounts.administrators import AdministratorRegister

    s = sqlite_db.sessions
    ensure_account(s, "fb")
    ensure_account(s, "ig", "instagram")
    AdministratorRegister(s).add("chef", "Cecilia Chef", roles=("förvaltningschef",))
    monkeypatch.setenv("GRANSKA_USER", "chef")
    AdministratorRegister(s).add("erik", "Erik Holm", roles=("administrator",))
    AdministratorRegister(s).add("rut", "Rut Registrator", roles=("registrator",))
    AdministratorRegister(s).add("kim", "Kim Kommunikation", roles=("kommunikationschef",))
    AccountService(s).assign("fb", "erik")
    erik = StatisticsService(s, Actor("erik", clock=lambda: NOW)).figures(*DECEMBER)
    assert [a.key for a in erik.accounts] == ["fb"] and erik.administrators is None
    kim = StatisticsService(s, Actor("kim", clock=lambda: NOW)).figures(*DECEMBER)
    assert [a.key for a in kim.accounts] == ["fb", "ig"] and kim.administrators is not None
    with pytest.raises(Forbidden):
        StatisticsService(s, Actor("rut", clock=lambda: NOW)).figures(*DECEMBER)


def test_the_kept_counts_equal_the_grouped_joins_and_are_repaired(sqlite_db):
    """SQLite reads the records' counts from stats_counts (kept by triggers); they must say what
    the grouped joins PostgreSQL runs say, and a lost trigger is put back with the counts."""
    from collections import defaultdict

    from sqlalchemy import select, text

    from app.models import Account, Item
    from app.models.stats_counts import repair_stats_counts
    from app.services.stats import kept_counts
    from app.services.stats.figures import month_starts

    fill_december(sqlite_db.sessions)
    service = StatisticsService(sqlite_db.sessions, Actor("chef", clock=lambda: NOW))
    edges = month_starts(*DECEMBER)

    def both():
        def fresh():
            return defaultdict(
                lambda: {"removed": {}, "registered": {}, "removed_registered": 0, "forward": 0,
                         "hand_over": 0, "pending": 0}
            )  # fmt: skip

        kept, joined = fresh(), fresh()
        with sqlite_db.sessions() as session:
            ids = list(session.scalars(select(Account.id)))
            kept_counts.fill_grouped(session, edges[0], edges[-1], ids, kept)
            service._grouped_records(session, edges[0], edges[-1], ids, joined)
        return dict(kept), dict(joined)

    kept, joined = both()
    assert kept == joined and kept
    # A police report (an escalation with the removal) in December and one in November.
    from app.models import Escalation

    with sqlite_db.sessions.begin() as session:
        some = session.scalar(select(Item.id).order_by(Item.id))
        session.add(Escalation(item_id=some, kind="police_report", created_at=at(12, 3, 10)))
        session.add(Escalation(item_id=some, kind="police_report", created_at=at(11, 3, 10)))
    kept, joined = both()
    assert kept == joined and sum(g.get("police", 0) for g in kept.values()) == 1
    with sqlite_db.engine.begin() as con:
        con.execute(text("DROP TRIGGER stats_counts_decision_ai"))
    asked = question(sqlite_db.sessions, at(12, 15, 9))
    moderation(sqlite_db.sessions, "anna", at(12, 15, 10)).forward(asked, "gata@kommun.example", "Gatan")
    kept, joined = both()
    assert kept != joined  # the forward went uncounted without its trigger
    with sqlite_db.engine.begin() as con:
        assert repair_stats_counts(con)
    kept, joined = both()
    assert kept == joined and kept[next(iter(kept))]["forward"] >= 1
    assert service.figures(*DECEMBER).account("fb").forwards == 2


def test_the_upgrade_fills_the_stopped_clocks_from_the_records(database, december):
    """Migration 0010 backfills items.first_response_at from answers and decisions already
    there: emptied and backfilled, every figure is the same."""
    from sqlalchemy import text

    from app.models.response_clock import BACKFILL, BACKFILL_RESPONDER

    with database.engine.begin() as con:
        con.execute(text("UPDATE items SET first_response_at = NULL, first_response_by = NULL"))
        con.exec_driver_sql(BACKFILL)
        con.exec_driver_sql(BACKFILL_RESPONDER)
    again = StatisticsService(database.sessions, Actor("chef", clock=lambda: NOW)).figures(*DECEMBER)
    assert again.as_json() == december.as_json()
