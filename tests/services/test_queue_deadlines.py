"""#17: the question queue in the order the promises run out, across accounts with different
promises (hand-computed deadlines, Wednesday 30 December 2026), keyset-paged both ways."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.services.queue.listing import QueueService
from app.services.queue.shapes import QUEUES_BY_NAME, QueueFilter
from app.services.stats.promises import PromiseChange, set_promise
from tests.helpers.moderation import ensure_account
from tests.helpers.statistics import at, question


@pytest.fixture
def asked(database):
    s = database.sessions
    for key, platform in (("fb", "facebook"), ("ig", "instagram"), ("yt", "youtube")):
        ensure_account(s, key, platform)
    # fb: 8 watched hours, weekdays 08-17, holidays off. ig: 2 hours, every day 09-21. yt: none.
    set_promise(s, "fb", PromiseChange(target_hours=8, days="1-5", hours="8-17"))
    set_promise(s, "ig", PromiseChange(target_hours=2, days="alla", hours="9-21", holidays_watched=True))
    return {
        # Monday 28 Dec 09:00 -> runs out the same day 17:00.
        "fb_monday": question(s, at(12, 28, 9), "fb", "Fråga ett?"),
        # Tuesday 10:00 -> 7 h on Tuesday, 1 h Wednesday: Wednesday 09:00.
        "fb_tuesday": question(s, at(12, 29, 10), "fb", "Fråga två?"),
        # yt has no target: a day after posting, Wednesday 11:30.
        "yt_tuesday": question(s, at(12, 29, 11, 30), "yt", "Fråga tre?"),
        # Wednesday 10:00 on fb: 7 h that day; nyårsafton, nyårsdagen and the weekend are not
        # watched: Monday 4 January 09:00.
        "fb_wednesday": question(s, at(12, 30, 10), "fb", "Fråga fyra?"),
        # Wednesday 11:00 on ig: two watched hours, 13:00 the same day.
        "ig_wednesday": question(s, at(12, 30, 11), "ig", "Fråga fem?"),
    }


ORDER = ["fb_monday", "fb_tuesday", "yt_tuesday", "ig_wednesday", "fb_wednesday"]


def _questions(**change) -> QueueFilter:
    return replace(QUEUES_BY_NAME["questions"].narrow(QueueFilter()), **change)


def test_questions_come_in_the_order_their_promises_run_out(database, asked):
    service = QueueService(database.sessions)
    rows = service.page(_questions())
    # Posted order would put fb's Wednesday question (10:00) before ig's (11:00).
    assert [r.id for r in rows] == [asked[k] for k in ORDER]
    assert rows[3].sort_at < rows[4].sort_at and rows[3].created_at > rows[4].created_at
    latest_first = service.page(_questions(newest_first=True))
    assert [r.id for r in latest_first] == [asked[k] for k in reversed(ORDER)]


def test_the_deadline_order_pages_by_keyset_from_either_end(database, asked):
    service = QueueService(database.sessions)
    f = _questions()
    seen, after = [], None
    while page := service.page(f, after=after, limit=2):
        seen += [r.id for r in page]
        after = page[-1].cursor
    assert seen == [asked[k] for k in ORDER]
    last = service.page(f, limit=2, from_end=True)
    assert [r.id for r in last] == [asked[k] for k in ORDER[-2:]]
    before = service.page(f, after=last[0].cursor, limit=2, from_end=True)
    assert [r.id for r in before] == [asked[k] for k in ORDER[1:3]]
    one_account = service.page(_questions(account_keys=("fb",)))
    assert [r.id for r in one_account] == [asked[k] for k in ORDER if k.startswith("fb")]


def test_a_weekend_of_questions_runs_out_together_and_pages_in_posting_order(database, asked):
    s = database.sessions
    # Entered Sunday's first: ids against posting order. Both run out Monday 28 Dec 16:00.
    sunday = question(s, at(12, 27, 10), "fb", "Fråga sex?")
    saturday = question(s, at(12, 26, 10), "fb", "Fråga sju?")
    service = QueueService(s)
    f = _questions()
    seen, after = [], None
    while page := service.page(f, after=after, limit=1):
        seen += [r.id for r in page]
        after = page[-1].cursor
    assert seen == [saturday, sunday, *(asked[k] for k in ORDER)]
    assert service.page(f)[0].sort_at == service.page(f)[1].sort_at
    backwards, before = [], None
    while page := service.page(f, after=before, limit=2, from_end=True):
        backwards = [r.id for r in page] + backwards
        before = page[0].cursor
    assert backwards == seen
