"""Response times and the other figures on controlled data, on SQLite and PostgreSQL: questions
posted and answered at known times (over a weekend, over julafton and juldagen, one answered on
a Saturday outside watched hours), a forward, a question kept as needing no answer, an answer
still waiting to be published, and unanswered questions either side of the overdue line. Every
expected number below is counted by hand in the comments."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from app.core.errors import Forbidden
from app.models import Item
from app.services.context import Actor
from app.services.stats.figures import StatisticsService
from app.services.stats.promises import PromiseChange, set_promise
from tests.helpers.moderation import BY_HAND, add_item, ensure_account, service

SE = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 30, 12, 0, tzinfo=SE).astimezone(UTC)  # a Wednesday
DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


def at(m: int, d: int, h: int, mi: int = 0) -> datetime:
    # In UTC, as the real clock gives it (an event's time is hashed as the clock gave it).
    return datetime(2026, m, d, h, mi, tzinfo=SE).astimezone(UTC)


def question(sessions, posted: datetime, account: str = "fb", text: str = "När öppnar badet?") -> int:
    item_id = add_item(sessions, text, account=account, created_at=posted)
    with sessions.begin() as session:
        session.execute(update(Item).where(Item.id == item_id).values(is_question=True))
    return item_id


@pytest.fixture
def december(database):
    s = database.sessions
    for key, platform in (("fb", "facebook"), ("ig", "instagram"), ("yt", "youtube")):
        ensure_account(s, key, platform)
    # fb: weekdays 08-17, public holidays off, an answer within 8 watched hours.
    set_promise(s, "fb", PromiseChange(target_hours=8, days="1-5", hours="8-17"))
    # ig: every day 09-21, holidays too, within 2 watched hours. yt: no target.
    set_promise(s, "ig", PromiseChange(target_hours=2, days="alla", hours="9-21", holidays_watched=True))

    def answer(item_id: int, when: datetime, platform: str = "done") -> None:
        service(s, "anna", when, platform).answer(item_id, "Hej! Badet öppnar klockan 10.")

    # Friday 16:00 -> Monday 09:00: 65 h, watched 1 + 1 = 2 h.
    answer(question(s, at(12, 4, 16)), at(12, 7, 9))
    # Wednesday 23 Dec 16:30 -> Monday 28 Dec 08:30 (julafton, juldagen, annandag, weekend):
    # 112 h, watched 0.5 + 0.5 = 1 h.
    answer(question(s, at(12, 23, 16, 30)), at(12, 28, 8, 30))
    # Tuesday 20:00 -> Saturday 11:00, answered outside watched hours: 87 h, watched
    # Wednesday + Thursday + Friday 9 h each = 27 h: not within the promise.
    answer(question(s, at(12, 8, 20)), at(12, 12, 11))
    # Forwarded after 1.5 h; kept (needs no answer) after 2 h.
    forwarded = question(s, at(12, 10, 9))
    service(s, "anna", at(12, 10, 10, 30)).forward(forwarded, "Tekniska förvaltningen", "Gäller gatan")
    kept = question(s, at(12, 14, 10))
    service(s, "anna", at(12, 14, 12)).keep(kept)
    # Answered but not published (the platform cannot reply: waits to be posted by hand).
    # Tuesday 29 Dec 10:00 -> now: watched 7 + 3 = 10 h > 8: overdue.
    answer(question(s, at(12, 29, 10)), at(12, 29, 11), platform=BY_HAND)
    # Unanswered: Monday 28 Dec 09:00 -> now 8 + 9 + 3 = 20 h: overdue; today 10:00: 2 h, not.
    question(s, at(12, 28, 9))
    question(s, at(12, 30, 10))
    # A comment that is no question, removed for profanity (registered with the removal).
    comment = add_item(s, "Fan vad dåligt", created_at=at(12, 2, 10))
    service(s, "bertil", at(12, 2, 11)).remove(comment, "svordomar")
    # ig: annandag jul (Saturday) 20:00 -> Sunday 10:00: 14 h, watched 1 + 1 = 2 h: within.
    answer(question(s, at(12, 26, 20), "ig"), at(12, 27, 10))
    # ig, today 10:00 unanswered: exactly 2 watched hours at 12:00: not (yet) overdue.
    question(s, at(12, 30, 10), "ig")
    # yt: no target; answered after 3 h (Monday 09-12).
    answer(question(s, at(12, 14, 9), "yt"), at(12, 14, 12))
    # Outside the period: November, answered at once. Not counted.
    answer(question(s, at(11, 30, 9)), at(11, 30, 10))
    return StatisticsService(s, Actor("chef", clock=lambda: NOW)).figures(*DECEMBER)


def test_response_times_equal_the_hand_count(december):
    fb = december.account("fb")
    assert (fb.items, fb.questions) == (9, 8)
    # Stopped: 65, 112, 87, 1.5, 2 h (calendar); 2, 1, 27, 1.5, 2 h (watched).
    assert fb.answered == 5
    assert fb.median_first_response_hours == 65
    assert fb.median_first_response_watched_hours == 2
    assert fb.p90_first_response_watched_hours == 27
    assert fb.answered_within_promise == 4
    assert fb.within_promise_share == 0.8
    # Waiting: the unpublished answer and the two unanswered; overdue: the first two.
    assert (fb.waiting_now, fb.overdue_now) == (3, 2)


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
    # anna stopped fb's five clocks, ig's one and yt's one in December.
    assert anna["answered"] == 7


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
