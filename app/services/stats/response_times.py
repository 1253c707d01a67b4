"""Response times computed by the database: when each question's clock stopped, its time to
first answer in calendar and watched seconds, and the medians, 90th percentiles and shares
within the promise per account, in one grouped query on SQLite and PostgreSQL alike.

A question's clock starts when it was posted and stops at the first of: its answer (or the
political referral) published on the platform or confirmed posted by hand (`notices.posted_at`,
set when the outbox step that posts it is done, or when an administrator marks it posted), or a
decision that it needs no answer: kept (it may stand) or removed with a reason. A decision to
answer whose reply is still on its way does not stop it, nor does a forward (the asker is told
nothing until the answer is published). The
database keeps that moment on the item (`items.first_response_at`, app/models/response_clock.py).

Watched time is looked up in a small temporary calendar (one row per watched day and account:
opens, closes, watched seconds before) with one index seek per end of each answered question:
W(t) = before + min(t, closes) - opens on the last watched day that opened at or before t, and
the watched time between two instants is W(end) - W(start). Unanswered questions are never
read one by one: an account's overdue ones are those posted before a cutoff computed once per
account (watched_hours.overdue_cutoff), counted in the index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    case,
    cast,
    func,
    null,
    select,
    text,
)
from sqlalchemy.engine import Connection

from app.models import Item, ItemStatus
from app.models.response_clock import STOPPING_DECISIONS as STOPPING_DECISIONS
from app.services.stats.watched_hours import Promise, calendar_rows

# A question gone from the platform (its author deleted it) or weeded waits for no answer.
NOT_WAITING = (ItemStatus.DELETED_BY_AUTHOR, ItemStatus.WEEDED)

_calendar_meta = MetaData()
CALENDAR = Table(
    "granska_watch_calendar",
    _calendar_meta,
    Column("account_id", Integer),
    Column("open_s", BigInteger),
    Column("close_s", BigInteger),
    Column("before_s", BigInteger),
    prefixes=["TEMPORARY"],
)


def epoch(column: Any, dialect: str) -> ColumnElement[int]:
    """Whole seconds since 1970 of a stored UTC time, on each backend."""
    if dialect == "sqlite":  # stored as text; julianday reads it
        seconds = (func.julianday(column) - 2440587.5) * 86400.0
    else:
        seconds = func.extract("epoch", column)
    return cast(func.round(seconds), BigInteger)


def _stopped_in_period(
    since: datetime, until: datetime, account_ids: Iterable[int]
) -> list[ColumnElement[bool]]:
    """The period's questions whose clock has stopped: a range of the partial index that holds
    only such items (ix_items_first_response)."""
    return [
        Item.first_response_at.is_not(None),
        Item.account_id.in_(list(account_ids)),
        Item.created_at >= since,
        Item.created_at < until,
        Item.is_question.is_(True),
    ]


def fill_calendar(con: Connection, promises: dict[int, Promise], first: date, last: date) -> None:
    CALENDAR.drop(con, checkfirst=True)
    CALENDAR.create(con)
    con.exec_driver_sql(f"CREATE INDEX granska_watch_calendar_seek ON {CALENDAR.name} (account_id, open_s)")
    # Accounts usually share a few promises: each distinct one's days are worked out once.
    days = {p: list(calendar_rows(p, first, last)) for p in set(promises.values())}
    rows = [
        {"account_id": a, "open_s": o, "close_s": c, "before_s": b}
        for a, promise in promises.items()
        for o, c, b in days[promise]
    ]
    if rows:
        con.execute(CALENDAR.insert(), rows)


def drop_calendar(con: Connection) -> None:
    CALENDAR.drop(con, checkfirst=True)


def _watched_at(account: Any, moment: Any) -> ColumnElement[int]:
    c = CALENDAR.alias("cal")
    inside = case((moment < c.c.close_s, moment - c.c.open_s), else_=c.c.close_s - c.c.open_s)
    seek = (
        select(c.c.before_s + inside)
        .where(c.c.account_id == account, c.c.open_s <= moment)
        .order_by(c.c.open_s.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(seek, 0)


TIMED = Table(
    "granska_timed_answers",
    _calendar_meta,
    Column("a", Integer),
    Column("who", String(100)),
    Column("cal_s", BigInteger),
    Column("w_s", BigInteger),
    prefixes=["TEMPORARY"],
)


def fill_timed(
    con: Connection,
    dialect: str,
    since: datetime,
    until: datetime,
    account_ids: Iterable[int],
    *,
    who: Any = None,
) -> None:
    """The period's answered questions with their calendar and watched seconds to first answer
    (and, given `who`, who answered), computed once into a temporary table that the summaries
    per account and per administrator both read. Needs the calendar (fill_calendar)."""
    TIMED.drop(con, checkfirst=True)
    TIMED.create(con)
    base = timing_base(dialect, who).where(*_stopped_in_period(since, until, account_ids))
    timed = timed_rows(base.subquery("base"))
    rows = select(timed.c.a, timed.c.who, timed.c.cal_s, timed.c.w_s)
    con.execute(TIMED.insert().from_select(["a", "who", "cal_s", "w_s"], rows))
    for name, columns in (("cal", "a, cal_s"), ("watched", "a, w_s"), ("who", "who, w_s")):
        con.exec_driver_sql(f"CREATE INDEX granska_timed_{name} ON {TIMED.name} ({columns})")


def timing_base(dialect: str, who: Any = None) -> Select[Any]:
    """The answered items' account, who answered, and both ends of the clock in epoch seconds
    (to be narrowed with .where)."""
    return select(
        Item.id.label("item_id"),
        Item.created_at.label("created_at"),
        Item.account_id.label("a"),
        (func.lower(who) if who is not None else null()).label("who"),
        epoch(Item.created_at, dialect).label("posted"),
        epoch(Item.first_response_at, dialect).label("stopped"),
    )


def timed_rows(base: Any) -> Any:
    """`base` (timing_base as a subquery) with calendar and watched seconds to first answer,
    looked up in the calendar (fill_calendar)."""
    raw_watched = _watched_at(base.c.a, base.c.stopped) - _watched_at(base.c.a, base.c.posted)
    timed = select(
        base.c.item_id,
        base.c.created_at,
        base.c.a,
        base.c.who,
        case((base.c.stopped > base.c.posted, base.c.stopped - base.c.posted), else_=0).label("cal_s"),
        raw_watched.label("w_raw"),
    ).subquery("timed")
    return select(
        timed.c.item_id,
        timed.c.created_at,
        timed.c.a,
        timed.c.who,
        timed.c.cal_s,
        case((timed.c.w_raw > 0, timed.c.w_raw), else_=0).label("w_s"),
    ).subquery("timed_rows")


def drop_timed(con: Connection) -> None:
    TIMED.drop(con, checkfirst=True)


@dataclass(frozen=True)
class Summary:
    k: Any
    answered: int
    median_cal: float | None
    median_watched: float | None
    p90_watched: float | None
    within: int


def summaries(
    con: Connection, targets: dict[int, float], *, per_administrator: bool = False
) -> dict[Any, Summary]:
    """Per account (or per administrator who answered): answered, the median calendar and
    watched seconds, the 90th percentile of watched seconds, and how many within target, from
    the answers fill_timed put in its table.

    Medians are the mean of the middle one or two values; the 90th percentile is the nearest
    rank (the ⌈0.9·n⌉-th smallest): the same definition on both databases, each read by an
    index seek (ORDER BY … OFFSET on the table's indexes) once the counts are known.
    """
    t = TIMED.c
    key = t.who if per_administrator else t.a
    target = case(*((t.a == a, sec) for a, sec in targets.items()), else_=None) if targets else None
    within = func.sum(case((t.w_s <= target, 1), else_=0)) if target is not None else func.sum(0)
    found = {}
    for k, n, inside in con.execute(select(key, func.count(), within).group_by(key)):
        if k is None:
            continue

        def nth(column: Any, offset: int, count: int = 1, k: Any = k) -> float | None:
            values = (
                con.execute(select(column).where(key == k).order_by(column).offset(offset).limit(count))
                .scalars()
                .all()
            )
            return sum(float(v) for v in values) / len(values) if values else None

        middle, pair = (n - 1) // 2, 2 - n % 2
        found[k] = Summary(
            k, int(n),
            None if per_administrator else nth(t.cal_s, middle, pair),
            nth(t.w_s, middle, pair),
            None if per_administrator else nth(t.w_s, (9 * n + 9) // 10 - 1),
            int(inside or 0),
        )  # fmt: skip
    return found


# A question still waiting for its first answer: the terms of the partial index
# ix_items_waiting_questions (0011_stats17b), written as the index's own text so that SQLite
# proves the index applies (a bound parameter would not).
WAITING_QUESTION = (
    Item.is_question.is_(True),
    Item.first_response_at.is_(None),
    text("items.status NOT IN (" + ", ".join(f"'{s}'" for s in NOT_WAITING) + ")"),
)


def question_counts(
    con: Connection,
    since: datetime,
    until: datetime,
    account_ids: Iterable[int],
    cutoffs: dict[int, datetime],
) -> dict[int, dict[str, int]]:
    """Per account: the period's questions, those still waiting (not gone, clock not stopped)
    and those of them posted before the account's overdue cutoff. Each a range count of a
    partial index holding only questions (ix_items_questions) or only waiting ones
    (ix_items_waiting_questions): no item read, no expression evaluated per row."""
    ids = list(account_ids)
    found: dict[int, dict[str, int]] = {a: {"questions": 0, "waiting": 0, "overdue": 0} for a in ids}
    period = (Item.account_id.in_(ids), Item.created_at >= since, Item.created_at < until)
    questions = select(Item.account_id, func.count()).where(Item.is_question.is_(True), *period)
    for a, n in con.execute(questions.group_by(Item.account_id)):
        found[a]["questions"] = int(n)
    # Waiting, split at each account's cutoff: the overdue ones before it, the others after, so
    # that each waiting question's index entry is counted once.
    plain = [a for a in ids if a not in cutoffs]
    if plain:
        waiting = select(Item.account_id, func.count()).where(
            *WAITING_QUESTION, Item.account_id.in_(plain), Item.created_at >= since, Item.created_at < until
        )
        for a, n in con.execute(waiting.group_by(Item.account_id)):
            found[a]["waiting"] = int(n)
    for a, cutoff in cutoffs.items():
        if a not in found:
            continue
        split = min(max(cutoff, since), until)
        for name, lo, hi in (("overdue", since, split), ("waiting", split, until)):
            if lo < hi:
                count = select(func.count()).where(
                    *WAITING_QUESTION, Item.account_id == a, Item.created_at >= lo, Item.created_at < hi
                )
                found[a][name] = int(con.execute(count).scalar() or 0)
        found[a]["waiting"] += found[a]["overdue"]
    return found


def count_query(since: datetime, until: datetime, account_ids: Iterable[int]) -> Select[int, int]:
    """Items per account posted in [since, until): a range count of the account index."""
    return (
        select(Item.account_id, func.count())
        .where(Item.created_at >= since, Item.created_at < until, Item.account_id.in_(list(account_ids)))
        .group_by(Item.account_id)
    )


def seconds(value: Any) -> float | None:
    return None if value is None else float(value)
