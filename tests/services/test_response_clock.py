"""#17: when a question's clock stops. A forward e-mails the question on and tells the asker
nothing ("forward with a reply" is what the issue stops the clock at): the forwarded question
keeps waiting against its own promise, in the statistics, the status bar's overdue count and
the questions tab alike, until its answer is published. And the triggers that keep the stopped
clocks are put back at start when missing or of an older rule, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, text

from app.models import Item
from app.models.db import open_database
from app.services.context import Actor
from app.services.queue.listing import QueueService
from app.services.queue.shapes import QUEUES_BY_NAME, QueueFilter
from app.services.stats.deadlines import deadlines
from app.services.stats.figures import StatisticsService
from app.services.stats.promises import PromiseChange, set_promise
from tests.helpers.moderation import ensure_account
from tests.helpers.moderation import service as moderation
from tests.helpers.statistics import DECEMBER, NOW, at, question


def _figures(db):
    return StatisticsService(db.sessions, Actor("chef", clock=lambda: NOW)).figures(*DECEMBER).account("fb")


def _questions_tab(db) -> list[int]:
    f = replace(QUEUES_BY_NAME["questions"].narrow(QueueFilter()), account_keys=("fb",))
    return [r.id for r in QueueService(db.sessions).page(f)]


def test_a_forwarded_question_waits_against_its_own_promise_until_answered(database):
    s = database.sessions
    ensure_account(s, "fb")
    set_promise(s, "fb", PromiseChange(target_hours=8, days="1-5", hours="8-17"))
    # Monday 28 Dec 09:00, forwarded at 09:30: by now (Wed 12:00) 8 + 9 + 4 = 21 watched hours.
    forwarded = question(s, at(12, 28, 9), "fb", "Varför är gatan avstängd?")
    moderation(s, "anna", at(12, 28, 9, 30)).forward(forwarded, "gata@kommun.example", "Gatan")
    # Tuesday 10:00, unanswered: 7 + 4 = 11 h, overdue too; today 10:00: 2 h, not overdue.
    tuesday = question(s, at(12, 29, 10))
    today = question(s, at(12, 30, 10), "fb", "Öppnar biblioteket?")
    fb = _figures(database)
    assert (fb.questions, fb.answered, fb.waiting_now, fb.overdue_now) == (3, 0, 3, 2)
    assert deadlines(s, Actor("chef", clock=lambda: NOW)).overdue == 2
    # The questions tab: the forwarded one at its own deadline (Monday 17:00), the most overdue.
    assert _questions_tab(database) == [forwarded, tuesday, today]
    # The colleague replied; the answer is published Wednesday 11:00: the clock stops there.
    moderation(s, "anna", at(12, 30, 11)).answer(forwarded, "Hej! Gatan lagas till fredag.")
    fb = _figures(database)
    assert (fb.answered, fb.waiting_now, fb.overdue_now) == (1, 2, 1)
    # 50 calendar hours; 8 + 9 + 3 = 20 watched hours, over the promise of 8.
    assert fb.median_first_response_hours == 50
    assert fb.median_first_response_watched_hours == 20
    assert fb.answered_within_promise == 0
    assert deadlines(s, Actor("chef", clock=lambda: NOW)).overdue == 1
    assert _questions_tab(database) == [tuesday, today]


def _drop_triggers(db) -> None:
    with db.engine.begin() as con:
        if con.dialect.name == "sqlite":
            con.execute(text("DROP TRIGGER response_clock_notice_ai"))
            con.execute(text("DROP TRIGGER response_clock_notice_au"))
        else:
            con.execute(text("DROP TRIGGER response_clock_notice ON notices"))


def test_a_dropped_clock_trigger_is_put_back_at_start_and_the_clocks_recounted(database):
    s = database.sessions
    ensure_account(s, "fb")
    set_promise(s, "fb", PromiseChange(target_hours=8, days="1-5", hours="8-17"))
    first = question(s, at(12, 14, 9))
    _drop_triggers(database)
    # Answered while the trigger is missing: its clock goes unstopped.
    moderation(s, "anna", at(12, 14, 12)).answer(first, "Hej! Svar ett.")
    with s() as session:
        assert session.scalar(select(Item.first_response_at).where(Item.id == first)) is None
    assert _figures(database).answered == 0
    database.dispose()
    again = open_database(str(database.engine.url.render_as_string(hide_password=False)))
    try:
        assert any("Svarstidernas utlösare" in m for m in again.messages)
        fb = _figures(again)
        assert (fb.answered, fb.median_first_response_hours) == (1, 3)
        # ...and the trigger works again: a question answered now is counted at once.
        second = question(again.sessions, at(12, 15, 9))
        moderation(again.sessions, "anna", at(12, 15, 10)).answer(second, "Hej! Svar två.")
        fb = _figures(again)
        assert (fb.answered, fb.median_first_response_hours) == (2, 2)
        assert fb.median_first_response_watched_hours == 2
        # Nothing to repair the next time.
        again.dispose()
        third = open_database(str(database.engine.url.render_as_string(hide_password=False)))
        assert not any("Svarstidernas" in m for m in third.messages)
        third.dispose()
    finally:
        again.dispose()


def test_a_trigger_of_the_older_rule_is_replaced_and_forwards_start_their_clocks_again(database):
    """A database whose triggers still stop the clock at a forward (0010_stats17's rule): at
    start the triggers are replaced and the forwarded question waits again."""
    s = database.sessions
    ensure_account(s, "fb")
    asked = question(s, at(12, 14, 9))
    moderation(s, "anna", at(12, 14, 10)).forward(asked, "gata@kommun.example", "Gatan")
    with database.engine.begin() as con:  # what the older rule wrote, and its trigger
        con.execute(text("UPDATE items SET first_response_at = created_at WHERE id = :i"), {"i": asked})
        if con.dialect.name == "sqlite":
            con.execute(text("DROP TRIGGER response_clock_decision_ai"))
            con.execute(
                text(
                    "CREATE TRIGGER response_clock_decision_ai AFTER INSERT ON decisions WHEN "
                    "NEW.action IN ('forward', 'keep', 'remove') BEGIN UPDATE items SET "
                    "first_response_at = NEW.decided_at WHERE id = NEW.item_id; END"
                )
            )
        else:
            con.execute(
                text(
                    "CREATE OR REPLACE FUNCTION granska_decision_stops_clock() RETURNS trigger "
                    "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"
                )
            )
    assert _figures(database).answered == 1
    database.dispose()
    again = open_database(str(database.engine.url.render_as_string(hide_password=False)))
    try:
        fb = _figures(again)
        assert (fb.answered, fb.waiting_now) == (0, 1)
    finally:
        again.dispose()
