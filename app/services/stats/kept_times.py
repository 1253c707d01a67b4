"""Response times read from the kept `response_times` on SQLite (app/models/response_times_kept.py):
each answered question's calendar and watched seconds are worked out once, the first statistics
run after its clock stopped (or after its account's promise changed), with the same calendar
look-up as the per-run computation PostgreSQL does (response_times.timed_rows). A run then reads
a period's counts, medians and 90th percentiles by walking the table's indexes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, case, delete, func, select
from sqlalchemy.engine import Connection

from app.models import Item
from app.models.base import UTCDateTime
from app.services.stats import response_times as rt
from app.services.stats.watched_hours import STOCKHOLM, Promise, days_code

_meta = MetaData()
KEPT = Table(
    "response_times",
    _meta,
    Column("item_id", Integer, primary_key=True),
    Column("account_id", Integer),
    Column("created_at", UTCDateTime()),
    Column("who", String(100)),
    Column("cal_s", BigInteger),
    Column("w_s", BigInteger),
)
TODO = Table("response_times_todo", _meta, Column("item_id", Integer, primary_key=True))
PROMISE = Table("response_times_promise", _meta, Column("account_id", Integer), Column("promise", String))


@lru_cache(maxsize=1)
def _holidays_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("holidays")
    except PackageNotFoundError:
        return "?"


def signature(promise: Promise) -> str:
    """What an account's watched times depend on: its watched days and hours, whether public
    holidays are watched, and the holiday calendar's version (a new release may add a day). Not
    the target: within-promise is counted when read."""
    return (
        f"{days_code(promise.days)} {promise.start:%H:%M}-{promise.end:%H:%M} "
        f"holidays_watched={int(promise.holidays_watched)} holidays={_holidays_version()}"
    )


def available(con: Connection) -> bool:
    if con.dialect.name != "sqlite":
        return False
    found = con.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
        "('response_times', 'response_times_todo', 'response_times_promise')"
    ).scalar()
    return found == 3


def refresh(con: Connection, promises: dict[int, Promise], now: datetime) -> bool:
    """Works out the times of the accounts' questions noted by the triggers (and of every
    question of an account whose promise changed); returns whether anything was written (the
    caller commits). Nothing to do: reads only, no write lock taken."""
    ids = list(promises)
    stored = dict(
        con.execute(
            select(PROMISE.c.account_id, PROMISE.c.promise).where(PROMISE.c.account_id.in_(ids))
        ).all()
    )
    wrote = False
    for account_id, promise in promises.items():
        wanted = signature(promise)
        if stored.get(account_id) == wanted:
            continue
        con.execute(delete(KEPT).where(KEPT.c.account_id == account_id))
        again = select(Item.id).where(
            Item.account_id == account_id, Item.first_response_at.is_not(None), Item.is_question.is_(True)
        )
        con.execute(TODO.insert().prefix_with("OR IGNORE").from_select(["item_id"], again))
        con.exec_driver_sql(
            "INSERT INTO response_times_promise(account_id, promise) VALUES (?, ?) "
            "ON CONFLICT(account_id) DO UPDATE SET promise = excluded.promise",
            (account_id, wanted),
        )
        wrote = True
    if not wrote and con.exec_driver_sql("SELECT 1 FROM response_times_todo LIMIT 1").first() is None:
        return False  # nothing noted since the last run: no look-up of the items at all
    noted = [
        TODO.c.item_id == Item.id,
        Item.account_id.in_(ids),
        Item.first_response_at.is_not(None),
        Item.is_question.is_(True),
    ]
    first, last, n = con.execute(
        select(func.min(Item.created_at), func.max(Item.first_response_at), func.count())
        .select_from(TODO)
        .join(Item, TODO.c.item_id == Item.id)
        .where(*noted)
    ).one()
    if not n:
        return wrote
    first_day = _local(first).date() - timedelta(days=1)
    last_day = max(_local(last), now.astimezone(STOCKHOLM)).date() + timedelta(days=1)
    rt.fill_calendar(con, promises, first_day, last_day)
    try:
        base = (
            rt.timing_base("sqlite", Item.first_response_by)
            .select_from(TODO)
            .join(Item, TODO.c.item_id == Item.id)
        )
        timed = rt.timed_rows(base.where(*noted).subquery("base"))
        rows = select(timed.c.item_id, timed.c.a, timed.c.created_at, timed.c.who, timed.c.cal_s, timed.c.w_s)
        columns = ["item_id", "account_id", "created_at", "who", "cal_s", "w_s"]
        con.execute(KEPT.insert().prefix_with("OR REPLACE").from_select(columns, rows))
        done = select(Item.id).where(Item.id == TODO.c.item_id, Item.account_id.in_(ids))
        con.execute(delete(TODO).where(done.exists()))
    finally:
        rt.drop_calendar(con)
    return True


def _local(value: Any) -> datetime:
    if isinstance(value, str):  # an aggregate over the stored text comes back as text
        from datetime import UTC

        value = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.astimezone(STOCKHOLM)  # type: ignore[no-any-return]


def summaries(
    con: Connection,
    since: datetime,
    until: datetime,
    ids: list[int],
    targets: dict[int, float],
    *,
    per_administrator: bool = False,
) -> dict[Any, rt.Summary]:
    """The same figures as response_times.summaries (same definitions of median and 90th
    percentile), from the kept times of the questions posted in [since, until)."""
    t = KEPT.c
    key = t.who if per_administrator else t.account_id
    # Per administrator: the account filter as an expression no index serves, so that the walk
    # is the (who, w_s, created_at, account_id) index's, in the GROUP BY's order.
    accounts = (t.account_id + 0) if per_administrator else t.account_id
    period = [accounts.in_(ids), t.created_at >= since, t.created_at < until]
    target = case(*((t.account_id == a, sec) for a, sec in targets.items()), else_=None) if targets else None
    within = func.sum(case((t.w_s <= target, 1), else_=0)) if target is not None else func.sum(0)
    found = {}
    for k, n, inside in con.execute(select(key, func.count(), within).where(*period).group_by(key)):
        if k is None:
            continue

        def nth(column: Any, offset: int, count: int = 1, k: Any = k) -> float | None:
            stmt = select(column).where(key == k, *period).order_by(column).offset(offset).limit(count)
            values = con.execute(stmt).scalars().all()
            return sum(float(v) for v in values) / len(values) if values else None

        middle, pair = (n - 1) // 2, 2 - n % 2
        found[k] = rt.Summary(
            k, int(n),
            None if per_administrator else nth(t.cal_s, middle, pair),
            nth(t.w_s, middle, pair),
            None if per_administrator else nth(t.w_s, (9 * n + 9) // 10 - 1),
            int(inside or 0),
        )  # fmt: skip
    return found
