from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QTextDocument

from app.ui.formatting import duration, exact_time, excerpt, plain_tooltip, relative_time

NOW = datetime(2026, 5, 5, 12, 0, tzinfo=UTC)  # 14:00 in Stockholm (summer time)


def test_waiting_times_read_the_way_people_say_them():
    assert duration(timedelta(seconds=20)) == "nyss"
    assert duration(timedelta(minutes=45)) == "45 min"
    assert duration(timedelta(hours=3, minutes=59)) == "3 tim"
    assert duration(timedelta(days=1, hours=4)) == "1 d 4 tim"
    assert duration(timedelta(days=5, hours=4)) == "5 d"


def test_relative_and_exact_times_are_in_swedish_time():
    assert relative_time(NOW - timedelta(minutes=5), NOW) == "för 5 min sedan"
    assert relative_time(datetime(2026, 5, 4, 19, 30, tzinfo=UTC), NOW) == "i går 21:30"
    assert relative_time(datetime(2026, 3, 3, 11, 0, tzinfo=UTC), NOW) == "3 mar 12:00"  # winter time
    assert relative_time(datetime(2025, 3, 3, 11, 0, tzinfo=UTC), NOW) == "3 mar 2025"
    assert exact_time(NOW) == "tisdag 5 maj 2026 kl. 14:00:00"


def test_a_tooltip_shows_exactly_what_was_typed():
    for text in ["<b>fet</b>", '<img src="x" onerror=alert(1)>', "a  b\n\nc & d &amp; <", "<a href=x>y</a>"]:
        doc = QTextDocument()
        doc.setHtml(plain_tooltip(text))
        assert doc.toPlainText() == text


def test_excerpt_is_one_line():
    assert excerpt("rad ett\n\nrad   två") == "rad ett rad två"
    assert excerpt("x" * 500, 10) == "x" * 9 + "…"
