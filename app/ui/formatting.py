"""Times, durations and hostile text made fit for the screen.

Comment text is hostile: it is shown as plain text everywhere. Tooltips are the trap — Qt shows a
tooltip as rich text when it merely looks like HTML — so every tooltip built from data goes
through `plain_tooltip`, which escapes it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


@cache
def stockholm() -> tzinfo:
    """Swedish time (loaded on first use: nothing at start-up needs it)."""
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Stockholm")


def escape(text: str) -> str:
    """Text made safe inside HTML: markup shows as typed."""
    return text.translate(_ESCAPES)


EXCERPT_LENGTH = 160
TOOLTIP_LENGTH = 1500

_WEEKDAYS = (
    QT_TRANSLATE_NOOP("Formatting", "måndag"),
    QT_TRANSLATE_NOOP("Formatting", "tisdag"),
    QT_TRANSLATE_NOOP("Formatting", "onsdag"),
    QT_TRANSLATE_NOOP("Formatting", "torsdag"),
    QT_TRANSLATE_NOOP("Formatting", "fredag"),
    QT_TRANSLATE_NOOP("Formatting", "lördag"),
    QT_TRANSLATE_NOOP("Formatting", "söndag"),
)
_MONTHS = (
    QT_TRANSLATE_NOOP("Formatting", "januari"),
    QT_TRANSLATE_NOOP("Formatting", "februari"),
    QT_TRANSLATE_NOOP("Formatting", "mars"),
    QT_TRANSLATE_NOOP("Formatting", "april"),
    QT_TRANSLATE_NOOP("Formatting", "maj"),
    QT_TRANSLATE_NOOP("Formatting", "juni"),
    QT_TRANSLATE_NOOP("Formatting", "juli"),
    QT_TRANSLATE_NOOP("Formatting", "augusti"),
    QT_TRANSLATE_NOOP("Formatting", "september"),
    QT_TRANSLATE_NOOP("Formatting", "oktober"),
    QT_TRANSLATE_NOOP("Formatting", "november"),
    QT_TRANSLATE_NOOP("Formatting", "december"),
)


translate = QCoreApplication.translate


def utcnow() -> datetime:
    return datetime.now(UTC)


def plain_tooltip(*parts: str) -> str:
    """A tooltip that shows `parts` exactly as typed (one paragraph each)."""
    paragraphs = []
    for part in parts:
        if len(part) > TOOLTIP_LENGTH:
            part = part[:TOOLTIP_LENGTH] + "…"
        paragraphs.append(f"<p style='white-space:pre-wrap'>{escape(part)}</p>")
    return "<qt>" + "".join(paragraphs) + "</qt>"


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """One line of the text: line breaks and runs of spaces folded, cut with an ellipsis."""
    folded = " ".join(text.split())
    return folded if len(folded) <= length else folded[: length - 1] + "…"


def local(moment: datetime) -> datetime:
    return moment.astimezone(stockholm())


def exact_time(moment: datetime) -> str:
    """`tisdag 5 maj 2026 kl. 14:03:12` in Swedish time."""
    t = local(moment)
    return translate("Formatting", "%(weekday)s %(day)d %(month)s %(year)d kl. %(time)s") % {
        "weekday": translate("Formatting", _WEEKDAYS[t.weekday()]),
        "day": t.day,
        "month": translate("Formatting", _MONTHS[t.month - 1]),
        "year": t.year,
        "time": t.strftime("%H:%M:%S"),
    }


def short_time(moment: datetime) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M")


def duration(span: timedelta) -> str:
    """A waiting time the way people say it: `45 min`, `3 tim`, `2 d 4 tim`, `5 d`."""
    minutes = max(0, int(span.total_seconds() // 60))
    if minutes < 1:
        return translate("Formatting", "nyss")
    if minutes < 60:
        return translate("Formatting", "%d min") % minutes
    hours = minutes // 60
    if hours < 24:
        return translate("Formatting", "%d tim") % hours
    days, hours = divmod(hours, 24)
    if days < 3 and hours:
        return translate("Formatting", "%(days)d d %(hours)d tim") % {"days": days, "hours": hours}
    return translate("Formatting", "%d d") % days


def relative_time(moment: datetime, now: datetime) -> str:
    """`för 5 min sedan`, `i går 14:03`, `3 maj 12:00`, `3 maj 2025`."""
    span = now - moment
    if span < timedelta(minutes=1):
        return translate("Formatting", "nyss")
    if span < timedelta(hours=12):
        return translate("Formatting", "för %s sedan") % duration(span)
    t, today = local(moment), local(now).date()
    if t.date() == today:
        return translate("Formatting", "i dag %s") % t.strftime("%H:%M")
    if t.date() == today - timedelta(days=1):
        return translate("Formatting", "i går %s") % t.strftime("%H:%M")
    month = translate("Formatting", _MONTHS[t.month - 1])[:3]
    if t.year == today.year:
        return f"{t.day} {month} {t.strftime('%H:%M')}"
    return f"{t.day} {month} {t.year}"
