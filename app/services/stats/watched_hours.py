"""An account's response promise and the arithmetic of watched hours ("bevakningstid").

The guideline asks each account to tell its users when an answer can be expected. A promise is
the hours the account is watched (e.g. weekdays 08–17 Swedish time, public holidays off) and a
target: an answer within so many watched hours. A question posted on Friday at 16:00 to an
account watched weekdays 8–17 has waited one watched hour at Monday 08:00.

Public holidays come from the maintained `holidays` calendar (Sweden's public holidays and the
de facto ones, midsommarafton, julafton and nyårsafton), never from a hand-written list.
Everything here is plain arithmetic on aware datetimes: no database, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from app.core.errors import InputError
from app.core.messages import joined, say, translate

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DAY_NAMES = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
_DAY_WORDS = (  # as shown; DAY_NAMES is what parse_days reads
    translate("Core", "mån"),
    translate("Core", "tis"),
    translate("Core", "ons"),
    translate("Core", "tor"),
    translate("Core", "fre"),
    translate("Core", "lör"),
    translate("Core", "sön"),
)
WEEKDAYS = frozenset(range(1, 6))
# A question that has used this share of its promise is about to go overdue.
SOON_SHARE = 0.75


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    # Imported when first asked (a tenth of a second): the queue's rows import this module,
    # and the queue's first page needs no calendar unless an item's promise counts the hours.
    import holidays

    calendar = holidays.country_holidays("SE", years=year, categories=("public", "de_facto"))
    return frozenset(calendar)


def is_public_holiday(day: date) -> bool:
    return day in _holidays_of(day.year)


@dataclass(frozen=True)
class Promise:
    """When an account is watched and how soon it promises a first answer (in watched hours)."""

    target_hours: float | None = None
    days: frozenset[int] = WEEKDAYS  # ISO weekdays, 1 = Monday
    start: time = time(8, 0)
    end: time = time(17, 0)
    holidays_watched: bool = False

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise InputError(translate("Core", "Bevakningen måste sluta senare på dagen än den börjar."))
        if not self.days or not self.days <= set(range(1, 8)):
            raise InputError(translate("Core", "Ange minst en veckodag för bevakningen."))
        if self.target_hours is not None and self.target_hours <= 0:
            raise InputError(translate("Core", "Svarstiden måste vara större än noll timmar."))

    @property
    def target_seconds(self) -> float | None:
        return None if self.target_hours is None else self.target_hours * 3600.0

    def watched_on(self, day: date) -> bool:
        if day.isoweekday() not in self.days:
            return False
        return self.holidays_watched or not is_public_holiday(day)

    def interval(self, day: date) -> tuple[datetime, datetime] | None:
        """The watched stretch of a local day, in UTC, or None when the day is not watched."""
        if not self.watched_on(day):
            return None
        opens = datetime.combine(day, self.start, STOCKHOLM).astimezone(UTC)
        closes = datetime.combine(day, self.end, STOCKHOLM).astimezone(UTC)
        return opens, closes

    def describe(self) -> str:
        """In the words of the public list: "vardagar 08–17 (ej helgdagar), svar inom 8 timmar"."""
        hours = f"{_clock(self.start)}–{_clock(self.end)}"
        if self.holidays_watched:
            text = say(translate("Core", "%1 %2"), days_text(self.days), hours)
        else:
            text = say(translate("Core", "%1 %2 (ej helgdagar)"), days_text(self.days), hours)
        if self.target_hours is not None:
            return say(
                translate("Core", "%1, svar inom %2 under bevakningstid"), text, _hours(self.target_hours)
            )
        return text


def _clock(value: time) -> str:
    return value.strftime("%H:%M") if value.minute else f"{value.hour:02d}"


def _hours(value: float) -> str:
    whole = int(value) if float(value).is_integer() else value
    if whole == 1:
        return say(translate("Core", "%1 timme"), whole)
    return say(translate("Core", "%1 timmar"), str(whole).replace(".", ","))


def days_text(days: frozenset[int]) -> str:
    if days == WEEKDAYS:
        return translate("Core", "vardagar")
    if days == frozenset(range(1, 8)):
        return translate("Core", "alla dagar")
    return joined([_DAY_WORDS[d - 1] for d in sorted(days)])


def days_code(days: frozenset[int]) -> str:
    return "".join(str(d) for d in sorted(days))


def parse_days(text: str) -> frozenset[int]:
    """ "1-5", "12345", "vardagar", "alla", "mån,ons,fre" → ISO weekdays."""
    value = text.strip().lower()
    if value in ("vardagar", "weekdays"):
        return WEEKDAYS
    if value in ("alla", "alla dagar", "all"):
        return frozenset(range(1, 8))
    days: set[int] = set()
    for part in re.split(r"[,\s]+", value):
        if not part:
            continue
        span = re.fullmatch(r"([1-7])-([1-7])", part)
        if span:
            days |= set(range(int(span[1]), int(span[2]) + 1))
        elif part.isdigit() and all(c in "1234567" for c in part):
            days |= {int(c) for c in part}
        elif part[:3] in DAY_NAMES:
            days.add(DAY_NAMES.index(part[:3]) + 1)
        else:
            raise InputError(
                say(
                    translate("Core", "Okänd veckodag %1: skriv t.ex. 1-5, vardagar eller mån,ons,fre."),
                    repr(part),
                )
            )
    if not days:
        raise InputError(translate("Core", "Ange minst en veckodag för bevakningen."))
    return frozenset(days)


def parse_clock(text: str) -> time:
    match = re.fullmatch(r"\s*(\d{1,2})(?:[:.](\d{2}))?\s*", text)
    if not match or int(match[1]) > 24 or int(match[2] or 0) > 59:
        raise InputError(
            say(translate("Core", "Okänd tid %1: skriv t.ex. 8, 08:00 eller 16.30."), repr(text))
        )
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour == 24:
        if minute:
            raise InputError(say(translate("Core", "Okänd tid %1."), repr(text)))
        return time(23, 59, 59)
    return time(hour, minute)


def parse_hours_range(text: str) -> tuple[time, time]:
    """ "8-17", "08:00–16:30" → (start, end)."""
    parts = re.split(r"\s*[-–]\s*", text.strip())
    if len(parts) != 2:
        raise InputError(
            say(
                translate("Core", "Okända bevakningstider %1: skriv t.ex. 8-17 eller 08:00-16:30."),
                repr(text),
            )
        )
    return parse_clock(parts[0]), parse_clock(parts[1])


def _local_day(moment: datetime) -> date:
    return moment.astimezone(STOCKHOLM).date()


def intervals(promise: Promise, first: date, last: date) -> Iterator[tuple[datetime, datetime]]:
    """The watched stretches of the local days first..last, in order."""
    day = first
    while day <= last:
        stretch = promise.interval(day)
        if stretch is not None:
            yield stretch
        day += timedelta(days=1)


def watched_seconds(promise: Promise, start: datetime, end: datetime) -> float:
    """Watched time between two instants (0 when end is not after start)."""
    if end <= start:
        return 0.0
    total = 0.0
    for opens, closes in intervals(promise, _local_day(start), _local_day(end)):
        lo, hi = max(opens, start), min(closes, end)
        if hi > lo:
            total += (hi - lo).total_seconds()
    return total


def calendar_seconds(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds())


def overdue_cutoff(promise: Promise, now: datetime, seconds: float, *, max_days: int = 3660) -> datetime:
    """The instant before which a question posted and still unanswered at `now` has waited more
    than `seconds` watched seconds: posted < cutoff ⟺ watched(posted, now) > seconds."""
    remaining = seconds
    day = _local_day(now)
    for _ in range(max_days):
        stretch = promise.interval(day)
        if stretch is not None:
            opens, closes = stretch
            hi = min(closes, now)
            if hi > opens:
                span = (hi - opens).total_seconds()
                if span > remaining:
                    return hi - timedelta(seconds=remaining)
                remaining -= span
                if remaining == 0:
                    # The flat, unwatched stretch before `opens` has waited exactly `seconds`:
                    # not yet over. The cutoff is the end of the previous watched stretch.
                    return _previous_close(promise, day, max_days) or opens
        day -= timedelta(days=1)
    return datetime(1970, 1, 1, tzinfo=UTC)


def latest_start(promise: Promise, end: datetime, seconds: float, *, max_days: int = 3660) -> datetime:
    """The latest instant from which `seconds` watched seconds have passed by `end`: a question
    posted after it runs out of its promise after `end` (posted > s ⟹ watched(posted, end) <
    seconds)."""
    remaining = seconds
    day = _local_day(end)
    for _ in range(max_days):
        stretch = promise.interval(day)
        if stretch is not None:
            opens, closes = stretch
            hi = min(closes, end)
            if hi > opens:
                span = (hi - opens).total_seconds()
                if span >= remaining:
                    return hi - timedelta(seconds=remaining)
                remaining -= span
        day -= timedelta(days=1)
    return datetime(1970, 1, 1, tzinfo=UTC)


def _previous_close(promise: Promise, day: date, max_days: int) -> datetime | None:
    for _ in range(max_days):
        day -= timedelta(days=1)
        stretch = promise.interval(day)
        if stretch is not None:
            return stretch[1]
    return None


def due_at(promise: Promise, start: datetime, seconds: float, *, max_days: int = 3660) -> datetime:
    """The instant `seconds` watched seconds after `start` (the moment a promise runs out)."""
    remaining = seconds
    day = _local_day(start)
    for _ in range(max_days):
        stretch = promise.interval(day)
        if stretch is not None:
            opens, closes = max(stretch[0], start), stretch[1]
            if closes > opens:
                span = (closes - opens).total_seconds()
                if span >= remaining:
                    return opens + timedelta(seconds=remaining)
                remaining -= span
        day += timedelta(days=1)
    return start + timedelta(seconds=seconds)


def time_left(promise: Promise, posted: datetime, now: datetime) -> float | None:
    """Watched seconds left of the promise (negative: overdue by so much), or None without one."""
    target = promise.target_seconds
    if target is None:
        return None
    return target - watched_seconds(promise, posted, now)


def epoch(moment: datetime) -> int:
    return round(moment.timestamp())


def calendar_rows(promise: Promise, first: date, last: date) -> Iterator[tuple[int, int, int]]:
    """(opens, closes, watched before opens) in whole epoch seconds for each watched day: the
    table the database looks up watched time in (see app/services/stats/figures.py)."""
    before = 0
    for opens, closes in intervals(promise, first, last):
        o, c = epoch(opens), epoch(closes)
        yield o, c, before
        before += c - o
