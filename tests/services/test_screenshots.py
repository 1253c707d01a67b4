from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import select, update

from app.core.errors import EnvironmentFault, InputError
from app.models import Screenshot
from app.services.screenshots.schedule import ScreenshotService, add_years, next_due_date
from tests.helpers.databases import sessions_as
from tests.helpers.screens import Clock, add_account, png_of, utc


def service_at(db, when: str, username: str = "anna") -> ScreenshotService:
    return ScreenshotService(sessions_as(db.sessions, username), Clock(utc(when)).actor(username))


def take(db, key: str, when: str, reason: str = "annual", note: str = "") -> int:
    return service_at(db, when).file_screenshot(key, png_of(), reason=reason, note=note).id


def due_by_key(service: ScreenshotService, today: date | None = None):
    return {d.account_key: d for d in service.due_screenshots(today)}


@pytest.mark.parametrize(
    ("last", "interval", "expected"),
    [
        (date(2024, 2, 29), 365, date(2025, 2, 28)),  # no 29 February next year
        (date(2023, 3, 1), 365, date(2024, 3, 1)),  # 365 days would say 29 February
        (date(2024, 2, 29), 730, date(2026, 2, 28)),
        (date(2024, 2, 29), 1460, date(2028, 2, 29)),
        (date(2025, 12, 31), 365, date(2026, 12, 31)),
        (date(2026, 1, 15), 30, date(2026, 2, 14)),
        (date(2025, 12, 20), 30, date(2026, 1, 19)),
    ],
)
def test_next_due_date_counts_whole_years_in_calendar_years(last, interval, expected):
    assert next_due_date(last, interval) == expected


def test_add_years_keeps_the_day_when_it_exists():
    assert add_years(date(2026, 7, 4), 1) == date(2027, 7, 4)


def test_due_date_follows_the_swedish_calendar_across_new_year(database):
    add_account(database.sessions, "fb")
    add_account(database.sessions, "ig", "instagram")
    # 23:30 UTC on New Year's Eve is already 00:30 on 1 January in Stockholm.
    take(database, "fb", "2025-12-31T23:30:00+00:00")
    take(database, "ig", "2025-12-31T22:30:00+00:00")  # 23:30 on 31 December in Stockholm
    service = service_at(database, "2026-12-31T10:00:00+00:00")
    due = due_by_key(service)
    assert due["fb"].next_due == date(2027, 1, 1) and due["fb"].days_left == 1 and not due["fb"].due
    assert due["ig"].next_due == date(2026, 12, 31) and due["ig"].due and not due["ig"].overdue
    later = due_by_key(service, date(2027, 1, 2))
    assert later["fb"].overdue and later["fb"].days_left == -1
    assert later["ig"].days_left == -2
    assert [d.account_key for d in service.due_screenshots(date(2027, 1, 2))] == ["ig", "fb"]


def test_leap_day_screenshot_is_due_on_28_february(database):
    add_account(database.sessions, "fb")
    take(database, "fb", "2024-02-29T11:00:00+01:00")
    due = due_by_key(service_at(database, "2025-02-27T12:00:00+01:00"))["fb"]
    assert due.next_due == date(2025, 2, 28) and due.days_left == 1


def test_overdue_first_then_never_taken_then_upcoming_and_inactive_left_out(database):
    add_account(database.sessions, "ok", created="2020-01-01T12:00:00+00:00")
    add_account(database.sessions, "late", created="2020-01-01T12:00:00+00:00")
    add_account(database.sessions, "new", created="2026-05-01T12:00:00+00:00")
    add_account(database.sessions, "closed", active=False)
    take(database, "ok", "2026-03-01T12:00:00+00:00")
    take(database, "late", "2025-01-10T12:00:00+00:00")
    service = service_at(database, "2026-06-01T12:00:00+00:00")
    rows = service.due_screenshots()
    assert [d.account_key for d in rows] == ["late", "new", "ok"]
    late, new, ok = rows
    assert late.overdue and late.days_left == -(date(2026, 6, 1) - date(2026, 1, 10)).days
    assert new.never_taken and new.overdue and new.next_due == date(2026, 5, 1)
    assert not ok.due and ok.next_due == date(2027, 3, 1)
    assert ok.last_screenshot_id is not None and ok.last_taken_at == utc("2026-03-01T12:00:00+00:00")


def test_a_change_screenshot_restarts_the_year(database):
    add_account(database.sessions, "fb")
    take(database, "fb", "2025-03-01T12:00:00+00:00")
    change = take(database, "fb", "2025-09-15T12:00:00+00:00", reason="change")
    due = due_by_key(service_at(database, "2026-03-02T12:00:00+00:00"))["fb"]
    assert due.last_screenshot_id == change and due.next_due == date(2026, 9, 15) and not due.due


def test_the_interval_is_configurable_per_account(database):
    add_account(database.sessions, "fb")
    take(database, "fb", "2026-01-15T12:00:00+00:00")
    service = service_at(database, "2026-02-01T12:00:00+00:00")
    service.set_interval("fb", 30)
    assert due_by_key(service)["fb"].next_due == date(2026, 2, 14)
    with pytest.raises(InputError):
        service.set_interval("fb", 0)
    with pytest.raises(InputError, match="Okänt konto"):
        service.set_interval("finnsinte", 30)


def test_filing_keeps_who_when_why_size_and_a_hash_of_the_very_bytes(database):
    add_account(database.sessions, "fb")
    png = png_of((200, 10, 10), width=7, height=5)
    service = service_at(database, "2026-04-01T08:00:00+00:00", username="bertil")
    info = service.file_screenshot("fb", png, reason="change", note="  Ny profilbild  ")
    assert (info.account_key, info.taken_by, info.reason) == ("fb", "bertil", "change")
    assert info.note == "Ny profilbild"
    assert info.taken_at == utc("2026-04-01T08:00:00+00:00")
    assert (info.width, info.height, info.size_bytes) == (7, 5, len(png))
    assert info.sha256 == hashlib.sha256(png).hexdigest()
    stored = service.png(info.id)
    assert stored == png and hashlib.sha256(stored).hexdigest() == info.sha256
    assert info.sent_to is None and info.sent_at is None


@pytest.mark.parametrize(
    ("png", "reason", "message"),
    [
        (b"GIF89a not a png at all, not at all, no", "annual", "ingen PNG"),
        (png_of(), "yearly", "Okänt skäl"),
    ],
)
def test_filing_refuses_bad_input_and_stores_nothing(database, png, reason, message):
    add_account(database.sessions, "fb")
    service = service_at(database, "2026-04-01T08:00:00+00:00")
    with pytest.raises(InputError, match=message):
        service.file_screenshot("fb", png, reason=reason)
    with pytest.raises(InputError, match="Okänt konto"):
        service.file_screenshot("nope", png_of())
    assert service.list_screenshots() == []


def test_listing_by_swedish_year_newest_first(database):
    add_account(database.sessions, "fb")
    add_account(database.sessions, "ig", "instagram")
    a = take(database, "fb", "2025-06-01T12:00:00+00:00")
    b = take(database, "fb", "2025-12-31T23:30:00+00:00")  # 2026 in Stockholm
    c = take(database, "ig", "2026-02-01T12:00:00+00:00")
    service = service_at(database, "2026-06-01T12:00:00+00:00")
    assert [s.id for s in service.list_screenshots(year=2026)] == [c, b]
    assert [s.id for s in service.list_screenshots(year=2025)] == [a]
    assert [s.id for s in service.list_screenshots("fb")] == [b, a]
    assert service.get(b).file_stem == "2026-fb-2026-01-01"
    assert service.years() == [2026, 2025] and service.years("ig") == [2026]
    with pytest.raises(InputError, match="Okänd skärmdump: 999"):
        service.list_screenshots(ids=[a, 999])


def test_mark_sent_is_all_or_nothing(database):
    add_account(database.sessions, "fb")
    a = take(database, "fb", "2026-01-10T12:00:00+00:00")
    b = take(database, "fb", "2026-01-11T12:00:00+00:00")
    service = service_at(database, "2026-01-12T09:00:00+00:00")
    with pytest.raises(InputError):
        service.mark_sent([a, 12345], "chef@vadstena.se")
    with pytest.raises(InputError, match="ogiltig"):
        service.mark_sent([a], "chef@vadstena.se\r\nBcc: x@y.se")
    assert all(s.sent_to is None for s in service.list_screenshots())
    service.mark_sent([a, b], "chef@vadstena.se")
    assert {(s.sent_to, s.sent_at) for s in service.list_screenshots()} == {
        ("chef@vadstena.se", utc("2026-01-12T09:00:00+00:00"))
    }


def test_a_damaged_picture_is_reported_not_handed_out(database):
    add_account(database.sessions, "fb")
    shot = take(database, "fb", "2026-01-10T12:00:00+00:00")
    with database.sessions.begin() as session:
        session.execute(update(Screenshot).where(Screenshot.id == shot).values(png=png_of((1, 2, 3))))
    with pytest.raises(EnvironmentFault, match="SHA-256"):
        service_at(database, "2026-01-11T12:00:00+00:00").png(shot)
    with database.sessions() as session:
        assert session.scalar(select(Screenshot.sha256)) != hashlib.sha256(png_of((1, 2, 3))).hexdigest()
