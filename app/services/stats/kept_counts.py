"""The records' counts read from `stats_counts` on SQLite (app/models/stats_counts.py): a sum
over the period's whole UTC days (`stats_counts_days`) and its few edge hours, in one statement
for every figure, instead of a join of every decision and registration to its item. The same
figures as the grouped joins in figures.py, which PostgreSQL runs."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, func, select, union_all
from sqlalchemy.orm import Session

from app.core.states import WAITING, StepStatus

COUNTS = Table(
    "stats_counts",
    MetaData(),
    Column("what", String),
    Column("hour", String),
    Column("account_id", Integer),
    Column("code", String),
    Column("detail", String),
    Column("n", Integer),
)
DAYS = Table(
    "stats_counts_days",
    MetaData(),
    Column("what", String),
    Column("day", String),
    Column("account_id", Integer),
    Column("code", String),
    Column("detail", String),
    Column("n", Integer),
)
IN_PERIOD = ("decision", "removal", "removal_registered", "registration", "police")
# what -> [(account_id, code, detail, n)]
Sums = dict[str, list[tuple[int, str, str, int]]]


def hour_key(moment: datetime) -> str:
    """An instant's hour as the triggers write it: the stored UTC time's first 13 characters."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H")


def period_sums(session: Session, since: datetime, until: datetime, ids: list[int]) -> Sums:
    """Every kept count of the period per what, account, code and detail, and the platform steps
    pending now: whole UTC days from the day level, the edge hours before the first and from the
    last whole day from the hourly rows (a local midnight is a whole UTC hour)."""
    c, d = COUNTS.c, DAYS.c
    lo, hi = hour_key(since), hour_key(until)
    first = lo[:10] if lo.endswith(" 00") else (date.fromisoformat(lo[:10]) + timedelta(days=1)).isoformat()
    last = hi[:10]
    columns = (c.what, c.account_id, c.code, c.detail, c.n)
    hourly = [c.what.in_(IN_PERIOD), c.account_id.in_(ids)]
    if first < last:  # each edge its own range of the key (an OR of the two would read them all)
        days = select(d.what, d.account_id, d.code, d.detail, d.n).where(
            d.what.in_(IN_PERIOD), d.day >= first, d.day < last, d.account_id.in_(ids)
        )
        parts = [
            days,
            select(*columns).where(*hourly, c.hour >= lo, c.hour < f"{first} 00"),
            select(*columns).where(*hourly, c.hour >= f"{last} 00", c.hour < hi),
        ]
    else:
        parts = [select(*columns).where(*hourly, c.hour >= lo, c.hour < hi)]
    steps = select(*columns).where(
        c.what == "step", c.hour == "", c.account_id.in_(ids), c.code.in_([*WAITING, StepStatus.MANUAL])
    )
    every = union_all(*parts, steps).subquery()
    e = every.c
    stmt = select(e.what, e.account_id, e.code, e.detail, func.sum(e.n)).group_by(
        e.what, e.account_id, e.code, e.detail
    )
    sums: Sums = defaultdict(list)
    for what, account_id, code, detail, n in session.execute(stmt):
        if n:  # a count back at zero is no row in a grouped join either
            sums[what].append((account_id, code, detail, int(n)))
    return sums


def fill_grouped(
    session: Session,
    since: datetime,
    until: datetime,
    ids: list[int],
    out: dict[int, dict[str, Any]],
    sums: Sums | None = None,
) -> None:
    """Removals per reason (and how many registered), forwards, hand-overs, registrations per
    criterion, police reports in the period, and the platform steps pending now, per account."""
    sums = period_sums(session, since, until, ids) if sums is None else sums
    for account_id, reason, _, n in sums.get("removal", []):
        g = out[account_id]["removed"]
        g[reason or "okänt"] = g.get(reason or "okänt", 0) + n
    for account_id, _, _, n in sums.get("removal_registered", []):
        out[account_id]["removed_registered"] += n
    forwards: dict[tuple[int, str], int] = defaultdict(int)
    for account_id, action, _, n in sums.get("decision", []):
        if action in ("forward", "hand_over"):
            forwards[account_id, action] += n
    for (account_id, action), n in forwards.items():
        if n:
            out[account_id][action] += n
    criteria: dict[tuple[int, str], int] = defaultdict(int)
    for account_id, criterion, _, n in sums.get("registration", []):
        criteria[account_id, criterion] += n
    for (account_id, criterion), n in criteria.items():
        if n:
            out[account_id]["registered"][criterion] = n
    for what, key in (("police", "police"), ("step", "pending")):
        per: dict[int, int] = defaultdict(int)
        for account_id, _, _, n in sums.get(what, []):
            per[account_id] += n
        for account_id, n in per.items():
            if n:
                out[account_id][key] = n


def decisions_per_administrator(
    session: Session, since: datetime, until: datetime, ids: list[int], sums: Sums | None = None
) -> dict[str, dict[str, int]]:
    sums = period_sums(session, since, until, ids) if sums is None else sums
    per_who: dict[tuple[str, str], int] = defaultdict(int)
    for _, action, who, n in sums.get("decision", []):
        per_who[who, action] += n
    decisions: dict[str, dict[str, int]] = defaultdict(dict)
    for (who, action), n in per_who.items():
        if n:
            per = decisions[who.casefold()]
            per[action] = per.get(action, 0) + n
    return decisions
