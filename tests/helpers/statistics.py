"""Controlled statistics data (tests/services/test_statistics.py counts every figure by hand):
questions posted and answered at known times in December 2026, made through the real services."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import update

from app.models import Item
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


def fill_december(s) -> None:
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
    service(s, "anna", at(12, 10, 10, 30)).forward(forwarded, "teknik@kommun.example", "Gäller gatan")
    kept = question(s, at(12, 14, 10))
    service(s, "anna", at(12, 14, 12)).keep(kept)
    # Answered but not published (the platform cannot reply: waits to be posted by hand).
    # Tuesday 29 Dec 10:00 -> now: watched 7 + 4 = 11 h > 8: overdue.
    answer(question(s, at(12, 29, 10)), at(12, 29, 11), platform=BY_HAND)
    # Unanswered: Monday 28 Dec 09:00 -> now 8 + 9 + 4 = 21 h: overdue; today 10:00: 2 h, not.
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
